import pytest

from ingrado.cache import ResilientRedisCache


def _unreachable_cache():
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    return ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )


def test_cache_without_redis_answers_like_an_empty_cache():
    cache = _unreachable_cache()
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is True  # locks built on add() fail open
    cache.set("key", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.incr("counter") == 1
    cache.delete("key")


def test_after_one_failure_the_cache_is_not_asked_again_for_a_while(monkeypatch):
    from ingrado import cache as module

    cache = _unreachable_cache()
    calls = []
    original = module.RedisCache.get

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(module.RedisCache, "get", counting)
    for _ in range(20):
        assert cache.get("key", "default") == "default"
    assert len(calls) == 1, "one timeout, then the cache is skipped"
    monkeypatch.setattr(module.time, "monotonic", lambda: 10**9)  # the pause is over
    cache.get("key")
    assert len(calls) == 2


@pytest.mark.django_db
def test_people_log_in_while_the_cache_is_unreachable(client, roles_synced, settings):
    """allauth's rate limits lock through the cache; with Redis away they fail open."""
    from django.urls import reverse

    from members.tests.factories import MemberFactory

    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
    settings.CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }
    member = MemberFactory()
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("members:dashboard")


def test_a_refusal_for_too_many_requests_is_dutch(rf):
    from allauth.core.internal.ratelimit import respond_429
    from django.contrib.auth.models import AnonymousUser

    request = rf.post("/accounts/login/")
    request.user = AnonymousUser()
    response = respond_429(request)
    assert response.status_code == 429
    assert "Te veel" in response.content.decode()
