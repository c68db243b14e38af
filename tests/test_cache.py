from ingrado.cache import ResilientRedisCache


def _unreachable_cache():
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    return ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )


def test_cache_without_redis_answers_like_an_empty_cache():
    cache = _unreachable_cache()
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.incr("counter") == 1
    cache.delete("key")
