"""Faults: a worker killed (SIGKILL) in the middle of the jaarverslag or a certificate,
PostgreSQL dropping every connection under load, Redis stopped and started again.

The unreachable broker is also in programmes/tests, the unreachable cache in
tests/test_cache.py, double submissions in the app tests (enrol, approve)."""

import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.support import postgres_url

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_a_worker_killed_mid_report_leaves_one_report_after_a_restart(
    celery_worker_process, board_user, settings
):
    from programmes import services
    from programmes.models import AnnualReport

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = celery_worker_process(FAULT_INJECTION_RENDER_DELAY="30", CELERY_VISIBILITY_TIMEOUT="3")
    report, _created = services.report_request(year=2025, actor=board_user)
    assert _wait_for(lambda: AnnualReport.objects.get(pk=report.pk).state == "generating")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    # Redis hands an unacknowledged task out again once its visibility timeout (3 s here)
    # has passed; a worker starting after that picks it up.
    time.sleep(4)
    # The task was acknowledged late: a new worker gets it again and finishes it once.
    celery_worker_process(CELERY_VISIBILITY_TIMEOUT="3")
    ready = _wait_for(lambda: AnnualReport.objects.get(pk=report.pk).state == "ready", 150)
    report.refresh_from_db()
    assert ready, (report.state, report.attempts, report.failure_reason)
    assert report.file and report.attempts == 2
    assert AnnualReport.objects.count() == 1


def test_a_worker_killed_mid_certificate_leaves_one_certificate_after_a_restart(
    celery_worker_process, member
):
    from datetime import time as clock_time
    from datetime import timedelta

    from django.utils import timezone

    from academy import services
    from academy.models import Certificate, Session
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions(capacity=5)
    edition.sessions.all().delete()
    session = Session.objects.create(
        edition=edition,
        date=timezone.localdate() - timedelta(days=7),
        start_time=clock_time(9),
        end_time=clock_time(12),
        location="Utrecht",
    )
    enrolment = services.enrolment_create(edition=edition, person=member.person)
    services.attendance_register(
        edition=edition, session=session, present_enrolment_ids=[enrolment.pk]
    )
    first = celery_worker_process(FAULT_INJECTION_RENDER_DELAY="30", CELERY_VISIBILITY_TIMEOUT="3")
    certificate = services.certificate_issue(enrolment=enrolment)
    state = lambda: Certificate.objects.get(pk=certificate.pk).state  # noqa: E731
    assert _wait_for(lambda: state() == Certificate.State.GENERATING)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    time.sleep(4)  # past the visibility timeout: Redis hands the task out again
    celery_worker_process(CELERY_VISIBILITY_TIMEOUT="3")
    assert _wait_for(lambda: state() == Certificate.State.READY, 150), state()
    certificate.refresh_from_db()
    with certificate.file.open("rb") as pdf:
        assert pdf.read().startswith(b"%PDF")
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


# --- PostgreSQL drops every connection under load --------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return "no answer"


def _gunicorn(database_url, port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "600",  # persistent connections: the outage breaks them all
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ingrado.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "error"],
        env=env,
    )
    assert _wait_for(lambda: _status(f"http://127.0.0.1:{port}/gezond/") == 200, 30)
    return server


def _children(pid):
    return sorted(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


class _Outage:
    """What a PostgreSQL restart or fail-over does to one database, without touching the
    shared server: every connection is cut and new ones are refused for a while."""

    def __init__(self, database):
        import psycopg

        self.database = database
        self.admin = psycopg.connect(postgres_url("postgres"), autocommit=True)

    def begin(self):
        self.admin.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS false')
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        )

    def end(self):
        self.admin.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS true')

    def close(self):
        self.end()
        self.admin.close()


def test_the_portal_recovers_when_postgresql_drops_every_connection_under_load(
    postgres_only,
):
    """The same gunicorn workers answer again once PostgreSQL is back: their persistent
    connections are health-checked at the start of each request and replaced."""
    from django.db import connection, connections

    from knowledge.tests.factories import ItemFactory

    ItemFactory(title="Verzuim melden", answer_text="Verzuim meldt u bij de leerplichtambtenaar.")
    database = connection.settings_dict["NAME"]
    port = _free_port()
    server = _gunicorn(postgres_url(), port)
    outage = _Outage(database)
    results, stop = [], threading.Event()

    def load(worker):
        # Every search is new, so none comes from the cache: each one reads PostgreSQL.
        number = 0
        while not stop.is_set():
            number += 1
            url = f"http://127.0.0.1:{port}/kennisbank/?q=verzuim+{worker}x{number}"
            status = _status(url)
            results.append((time.monotonic(), status))  # when the answer came

    threads = [threading.Thread(target=load, args=(n,)) for n in range(4)]
    try:
        workers = _children(server.pid)
        for thread in threads:
            thread.start()
        time.sleep(2)
        down_at = time.monotonic()
        outage.begin()
        time.sleep(2)
        outage.end()
        back_at = time.monotonic()
        time.sleep(3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        outage.close()
        connections.close_all()  # this process's own connection was cut as well
    try:
        before = [status for at, status in results if at < down_at]
        during = [status for at, status in results if down_at + 0.5 < at < back_at]
        after = [status for at, status in results if at > back_at + 0.5]
        assert before and set(before) == {200}
        assert 500 in during  # the outage was real: a Dutch error page, not a hang
        assert after and set(after) == {200}, sorted(set(after), key=str)
        assert server.poll() is None and _children(server.pid) == workers  # nothing restarted
    finally:
        server.terminate()
        server.wait(timeout=15)


# --- Redis stopped and started again -------------------------------------------------------


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, so stopping it disturbs nobody else."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    import redis

    port = _free_port()
    client = redis.Redis(port=port, socket_connect_timeout=0.5)
    processes = []

    def ping():
        try:
            return client.ping()
        except redis.exceptions.ConnectionError:
            return False

    def start():
        processes.append(
            subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
                + ["--appendonly", "no", "--dir", str(tmp_path)],
                stdout=subprocess.DEVNULL,
            )
        )
        assert _wait_for(ping, 20)

    def stop():
        processes[-1].terminate()
        processes[-1].wait(timeout=15)
        assert not ping()

    start()
    yield type("OwnRedis", (), {"url": f"redis://127.0.0.1:{port}/0", "start": start, "stop": stop})
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)


def _forget_broker_connections(app):
    """Close the app's pooled broker connections and kombu's registry of pools, so the next
    task is sent over a new connection to the broker that is configured now."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


def test_with_redis_stopped_pages_work_and_the_report_waits_until_it_is_back(
    celery_worker_process, own_redis, board_user, settings
):
    from django.test import Client
    from django.urls import reverse

    from ingrado.celery import app
    from programmes.models import AnnualReport

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    broker_before = app.conf.broker_url
    app.conf.broker_url = own_redis.url
    _forget_broker_connections(app)
    try:
        board = Client()
        board.force_login(board_user)
        own_redis.stop()

        # Pages that do not need Redis keep working: sessions and cache fall back.
        assert Client().get(reverse("knowledge:item_list")).status_code == 200
        assert Client().get(reverse("academy:catalogue")).status_code == 200
        assert board.get(reverse("programmes:report_list")).status_code == 200

        # The request needs the queue: it is recorded, and the board is told in Dutch.
        response = board.post(reverse("programmes:report_list"), {"year": 2025}, follow=True)
        shown = [str(message) for message in response.context["messages"]]
        assert any("wachtrij" in message for message in shown), shown
        report = AnnualReport.objects.get()
        assert report.state == AnnualReport.State.QUEUED

        # Redis is back: a worker starts, and 'Opnieuw' finishes the recorded request.
        own_redis.start()
        celery_worker_process(REDIS_URL=own_redis.url)
        response = board.post(reverse("programmes:report_retry", args=[report.pk]))
        assert response.status_code == 302
        assert _wait_for(lambda: AnnualReport.objects.get(pk=report.pk).state == "ready", 120)
        download = board.get(reverse("programmes:report_download", args=[report.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
        assert AnnualReport.objects.count() == 1
    finally:
        app.conf.broker_url = broker_before
        _forget_broker_connections(app)
