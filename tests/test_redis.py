"""The cache and the task queue never share a Redis database: the cache may be evicted (an
LRU policy under a memory limit) and cleared (`manage.py restore`), the queue must lose
nothing."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SHOW = (
    "from django.conf import settings; "
    "print(settings.CACHES['default'].get('LOCATION', '')); "
    "print(settings.CELERY_BROKER_URL)"
)


def _settings_with(module="ingrado.settings.local", **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("REDIS_URL", "CELERY_BROKER_URL", "PYTEST_XDIST_WORKER")
    }
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", SHOW],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
    )


def test_the_broker_takes_the_database_after_the_cache_s_by_default():
    shown = _settings_with(REDIS_URL="redis://127.0.0.1:6399/0")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert shown.stdout.split() == ["redis://127.0.0.1:6399/0", "redis://127.0.0.1:6399/1"]
    shown = _settings_with(
        REDIS_URL="redis://cache:6379/0", CELERY_BROKER_URL="redis://broker:6379/0"
    )
    assert shown.stdout.split() == ["redis://cache:6379/0", "redis://broker:6379/0"]


def test_a_broker_in_the_cache_s_database_is_refused_at_start():
    shown = _settings_with(
        REDIS_URL="redis://127.0.0.1:6399/3", CELERY_BROKER_URL="redis://127.0.0.1:6399/3"
    )
    assert shown.returncode != 0
    assert "CELERY_BROKER_URL and REDIS_URL name the same Redis database" in shown.stderr


def test_each_test_worker_has_a_cache_and_a_broker_database_of_its_own():
    seen = []
    for worker in ("gw0", "gw1"):
        shown = _settings_with(
            "ingrado.settings.test",
            REDIS_URL="redis://127.0.0.1:6399/15",
            PYTEST_XDIST_WORKER=worker,
        )
        assert shown.returncode == 0, shown.stderr[-2000:]
        seen += shown.stdout.split()
    assert seen == [
        "redis://127.0.0.1:6399/15",
        "redis://127.0.0.1:6399/14",
        "redis://127.0.0.1:6399/13",
        "redis://127.0.0.1:6399/12",
    ]


def test_compose_runs_an_evicting_cache_and_a_broker_that_never_evicts():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    environment = compose["x-app"]["environment"]
    assert environment["REDIS_URL"] == "redis://cache:6379/0"
    assert environment["CELERY_BROKER_URL"] == "redis://broker:6379/0"
    cache = services["cache"]["command"].split()
    assert cache[cache.index("--maxmemory") + 1] == "${CACHE_MAXMEMORY:-256mb}"
    assert cache[cache.index("--maxmemory-policy") + 1] == "allkeys-lru"
    broker = services["broker"]["command"].split()
    assert broker[broker.index("--maxmemory-policy") + 1] == "noeviction"
    assert broker[broker.index("--appendonly") + 1] == "yes"
    assert "brokerdata:/data" in services["broker"]["volumes"]
    for role in ("web", "worker", "beat"):
        assert set(services[role]["depends_on"]) == {"db", "cache", "broker"}
    assert "redis" not in services


@pytest.mark.django_db(transaction=True)
def test_restore_clears_the_cache_and_keeps_the_queued_tasks(tmp_path, settings):
    """A task waiting in the queue survives `manage.py restore`, which drops every page and
    figure cached before it."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: no Redis to keep the cache and the queue in")
    import redis

    from ingrado.celery import app
    from tests.support import fresh_database_url

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    cache = redis.Redis.from_url(settings.REDIS_URL)
    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    app.control.purge()
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "PRIVATE_ROOT": str(tmp_path / "restored-private"),
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    app.conf.task_always_eager = False  # queued for real (the fixture restores it)
    try:
        app.send_task("ingrado.tasks.recover_generated_files")  # no worker: it waits
        assert queue.llen("celery") == 1
        cache.set("a-page-from-before", "stale")
        with fresh_database_url(tmp_path) as database_url:
            subprocess.run(
                [sys.executable, "manage.py", "restore", str(archive)],
                cwd=ROOT,
                env={**env, "DATABASE_URL": database_url},
                check=True,
                capture_output=True,
                text=True,
            )
        assert cache.get("a-page-from-before") is None, "the cache is cleared"
        assert queue.llen("celery") == 1, "the queued task is still there"
    finally:
        app.control.purge()
