"""Project-wide pytest fixtures: users in every role, and clients logged in as them."""

import contextlib

import pytest


@pytest.fixture(autouse=True)
def _media_and_private_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _dutch_to_start_with():
    """Each test starts in Dutch: Django's LocaleMiddleware leaves the language of the last
    request active in its thread, and an English request must not leak into the next test."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    # A fault test that stopped or froze Redis leaves this process skipping the cache for a
    # few seconds (ingrado.cache): the next test starts with Redis asked again, or its rate
    # limits would fail open.
    if hasattr(cache, "_skip_until"):
        cache._skip_until = 0.0
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Tasks run in-process in tests, also when REDIS_URL is set; the fixtures with a real
    worker switch this off for their test."""
    from ingrado.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def roles_synced(db):
    from members.roles import sync_roles

    sync_roles()


@pytest.fixture
def member(roles_synced):
    from members.tests.factories import MemberFactory

    return MemberFactory()


@pytest.fixture
def other_member(roles_synced):
    from members.tests.factories import MemberFactory

    return MemberFactory()


@pytest.fixture
def non_member(roles_synced):
    from members.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def staff_user(roles_synced):
    from members.tests.factories import StaffFactory

    return StaffFactory()


@pytest.fixture
def other_staff_user(roles_synced):
    from members.tests.factories import StaffFactory

    return StaffFactory()


@pytest.fixture
def board_user(roles_synced):
    from members.tests.factories import BoardFactory

    return BoardFactory()


@pytest.fixture
def admin_user_role(roles_synced):
    from members.tests.factories import AdministratorFactory

    return AdministratorFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def board_client(client, board_user):
    client.force_login(board_user)
    return client


@pytest.fixture
def live_celery_worker(transactional_db, settings):
    """A real Celery worker (in a thread) consuming from Redis, on the test database.

    Skipped, with the reason, when REDIS_URL is not configured.
    """
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: no Redis broker for a real Celery worker")
    from celery.contrib.testing.worker import start_worker

    from ingrado.celery import app

    app.conf.task_always_eager = False
    app.control.purge()  # nothing left over from earlier runs
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


@pytest.fixture
def postgres_only(settings):
    if not settings.USES_POSTGRES:
        pytest.skip("DATABASE_URL does not point at PostgreSQL")


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """Start real Celery worker processes on Redis against the test database.

    Returns a function `start()` -> subprocess.Popen; every process started is ended at
    teardown. For fault tests that kill a worker (SIGKILL) in the middle of a task.
    """
    import os
    import subprocess
    import sys
    import time

    from tests.support import postgres_url

    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: no Redis broker for a real Celery worker")
    if not settings.USES_POSTGRES:
        pytest.skip("a worker process needs a shared database server (PostgreSQL)")
    database_url = postgres_url()
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "PRIVATE_ROOT": str(settings.STORAGES["private"]["OPTIONS"]["location"]),
        "CELERY_TASK_ALWAYS_EAGER": "0",  # a real worker: the tasks it queues go to Redis
    }
    from ingrado.celery import app

    app.conf.task_always_eager = False
    app.control.purge()
    processes = []

    def start(**extra_env):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ingrado",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=warning",
            ],
            env={**env, **extra_env},
        )
        processes.append(process)
        time.sleep(0.5)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """Data made once for a test module, in a transaction that is rolled back after it: each
    test of the module runs in a savepoint of that transaction and finds the data as made."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo as `seed_demo` loads it, seeded once for the module (see module_transaction).
    Tests that use it come last in their module, or have a module of their own."""
    import io

    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import override_settings
    from django.utils.translation import override

    from members.roles import sync_roles

    with module_transaction(django_db_blocker):
        # In Dutch, whatever language an earlier request left active in this thread.
        with django_db_blocker.unblock(), override_settings(DEBUG=True), override("nl"):
            cache.clear()
            sync_roles()
            call_command("seed_demo", stdout=io.StringIO())
        yield
