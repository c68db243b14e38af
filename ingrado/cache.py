"""A Redis cache that degrades to "no cache" while Redis is unreachable or hanging.

Pages must keep working when Redis is down or frozen: a failed call answers like an empty
cache, and for the next `RETRY_AFTER_SECONDS` this process does not ask Redis at all, so a
hanging Redis costs one request one socket timeout (tens of milliseconds, see the
settings), not one timeout per cache lookup. `add()` answers True while Redis is away: the
locks built on it (allauth's rate limits) fail open, so people can still log in; the
limits count again as soon as Redis is back.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER_SECONDS = 5.0


def _tolerant(method_name, fallback):
    def method(self, *args, **kwargs):
        if time.monotonic() < self._skip_until:
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        try:
            return getattr(super(ResilientRedisCache, self), method_name)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._skip_until = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning("Cache unavailable (%s), skipped for a while: %s", method_name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = method_name
    return method


class ResilientRedisCache(RedisCache):
    _skip_until = 0.0  # monotonic time until which Redis is not asked (per process)

    add = _tolerant("add", True)
    get = _tolerant("get", lambda key, default=None, version=None: default)
    set = _tolerant("set", None)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    get_many = _tolerant("get_many", lambda *a, **k: {})
    has_key = _tolerant("has_key", False)
    incr = _tolerant("incr", lambda key, delta=1, version=None: delta)
    set_many = _tolerant("set_many", lambda *a, **k: [])
    delete_many = _tolerant("delete_many", None)
    clear = _tolerant("clear", False)
