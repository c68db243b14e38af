"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Pages that do not need Redis must keep working when it is down (rate limits then
count nothing and cached values are recomputed); the failure is logged, not raised.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(method_name, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), method_name)(*args, **kwargs)
        except UNAVAILABLE as error:
            logger.warning("Cache unavailable (%s): %s", method_name, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = method_name
    return method


class _OneClientPerPool(RedisCacheClient):
    """Django builds a new redis.Redis object for every cache call (a fifth of the call's
    cost); one per connection pool does the same work: they are thread-safe and only
    borrow connections from the pool."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool

    add = _tolerant("add", False)
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
