"""Faults: a worker killed (SIGKILL) in the middle of the jaarverslag or a certificate,
PostgreSQL dropping every connection under load, Redis stopped and started again.

The unreachable broker is also in programmes/tests, the unreachable cache in
tests/test_cache.py, double submissions in the app tests (enrol, approve)."""

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

from tests.support import postgres_url

pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def _sweep_as_beat_would_after_the_time_limit(model):
    """Run the sweeper (what Celery beat runs every minute) at the moment the production time
    limit of `model` has passed: the clock is moved, the limit is not shortened."""
    from datetime import timedelta

    from django.utils import timezone

    from ingrado import generated_files

    return generated_files.sweep(now=timezone.now() + model.time_limit() + timedelta(seconds=1))


def test_a_worker_killed_mid_report_leaves_one_report_after_the_sweeper(
    celery_worker_process, board_user, settings
):
    from programmes import services
    from programmes.models import AnnualReport

    # The report of a year without data: what matters is a worker dying while it renders.
    first = celery_worker_process(FAULT_INJECTION_RENDER_DELAY="30")  # production timeouts
    report, _created = services.report_request(year=2025, actor=board_user)
    state = lambda: AnnualReport.objects.get(pk=report.pk).state  # noqa: E731
    assert _wait_for(lambda: state() == "generating")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    celery_worker_process()
    # With the production visibility timeout (an hour) Redis does not hand the task out
    # again soon: without the sweeper the report would stay 'generating'.
    time.sleep(5)
    assert state() == "generating"
    assert _sweep_as_beat_would_after_the_time_limit(AnnualReport)["AnnualReport"] == 1
    ready = _wait_for(lambda: state() == "ready", 150)
    report.refresh_from_db()
    assert ready, (report.state, report.attempts, report.failure_reason)
    assert report.file and report.attempts == 2
    assert AnnualReport.objects.count() == 1


def _edition_attended_by(people):
    from datetime import time as clock_time
    from datetime import timedelta

    from django.utils import timezone

    from academy import services
    from academy.models import Session
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions(capacity=len(people))
    edition.sessions.all().delete()
    session = Session.objects.create(
        edition=edition,
        date=timezone.localdate() - timedelta(days=7),
        start_time=clock_time(9),
        end_time=clock_time(12),
        location="Utrecht",
    )
    enrolments = [services.enrolment_create(edition=edition, person=p) for p in people]
    services.attendance_register(
        edition=edition, session=session, present_enrolment_ids=[e.pk for e in enrolments]
    )
    return edition


def test_the_whole_worker_killed_mid_certificates_leaves_each_certificate_once(
    celery_worker_process, member
):
    from academy import services
    from academy.models import Certificate
    from members.tests.factories import PersonFactory

    edition = _edition_attended_by([member.person, PersonFactory(), PersonFactory()])
    first = celery_worker_process(FAULT_INJECTION_RENDER_DELAY="30")  # production timeouts
    assert services.certificates_issue_for_edition(edition=edition).issued == 3
    states = lambda: sorted(Certificate.objects.values_list("state", flat=True))  # noqa: E731
    assert _wait_for(lambda: "generating" in states())
    os.kill(first.pid, signal.SIGKILL)  # the whole worker (solo pool): no child survives
    first.wait(timeout=10)
    celery_worker_process()
    time.sleep(5)
    assert "generating" in states(), "the broker keeps the task for its visibility timeout"
    _sweep_as_beat_would_after_the_time_limit(Certificate)
    assert _wait_for(lambda: states() == ["ready"] * 3, 150), states()
    for certificate in Certificate.objects.all():
        with certificate.file.open("rb") as pdf:
            assert pdf.read().startswith(b"%PDF")
    assert Certificate.objects.count() == 3


def test_a_worker_killed_mid_besluitenlijst_leaves_one_file_after_the_sweeper(
    celery_worker_process, staff_user
):
    from meetings import services
    from meetings.models import MeetingReport
    from meetings.tests.factories import alv

    general = alv()
    services.decision_save(meeting=general, actor=None, title="Jaarplan 2027 vaststellen")
    first = celery_worker_process(FAULT_INJECTION_RENDER_DELAY="30")  # production timeouts
    report, _created = services.meeting_report_request(
        meeting=general, kind="besluitenlijst", actor=staff_user
    )
    state = lambda: MeetingReport.objects.get(pk=report.pk).state  # noqa: E731
    assert _wait_for(lambda: state() == "generating")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    celery_worker_process()
    time.sleep(5)
    assert state() == "generating", "the broker keeps the task for its visibility timeout"
    assert _sweep_as_beat_would_after_the_time_limit(MeetingReport)["MeetingReport"] == 1
    assert _wait_for(lambda: state() == "ready", 150)
    report.refresh_from_db()
    with report.file.open("rb") as pdf:
        assert pdf.read().startswith(b"%PDF")
    assert report.attempts == 2 and MeetingReport.objects.count() == 1
    stored = list((Path(report.file.storage.path("meeting-reports"))).iterdir())
    assert len(stored) == 1, stored


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
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "600",  # persistent connections: the outage breaks them all
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
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
    yield type(
        "OwnRedis",
        (),
        {
            "url": f"redis://127.0.0.1:{port}/0",  # the cache's database
            "broker_url": f"redis://127.0.0.1:{port}/1",  # and the task queue's
            "start": start,
            "stop": stop,
            "process": lambda: processes[-1],
        },
    )
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

    settings.CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    broker_before = app.conf.broker_url
    app.conf.broker_url = own_redis.broker_url
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
        celery_worker_process(REDIS_URL=own_redis.url, CELERY_BROKER_URL=own_redis.broker_url)
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


@pytest.fixture
def redis_as_cache_and_broker(own_redis, settings):
    """The portal's cache, sessions and task queue on this test's own Redis (the cache and
    the queue in databases of their own), with the production timeouts."""
    from ingrado.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "ingrado.cache.ResilientRedisCache",
            "LOCATION": own_redis.url,
            "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    broker_before = app.conf.broker_url
    app.conf.broker_url = own_redis.broker_url
    _forget_broker_connections(app)
    yield own_redis
    app.conf.broker_url = broker_before
    _forget_broker_connections(app)


def test_with_redis_stopped_members_and_staff_still_log_in(
    redis_as_cache_and_broker, roles_synced, settings
):
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import hotp_value
    from django.test import Client
    from django.urls import reverse

    from members.tests.factories import MemberFactory, StaffFactory

    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}  # production limits
    settings.MFA_TOTP_TOLERANCE = 1
    member, staff = MemberFactory(), StaffFactory(mfa=True)
    redis_as_cache_and_broker.stop()

    client = Client()
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "correct-horse-battery"}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("members:dashboard"))
    assert client.get(reverse("members:dashboard")).status_code == 200

    client = Client()
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": "correct-horse-battery"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + 1
    code = f"{hotp_value('JBSWY3DPEHPK3PXP', counter):06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert client.get(reverse("members:organisation_list")).status_code == 200


def test_certificates_issued_with_redis_stopped_are_made_once_it_is_back_without_a_person(
    celery_worker_process, redis_as_cache_and_broker, staff_user, member
):
    from django.test import Client
    from django.urls import reverse

    from academy.models import Certificate

    edition = _edition_attended_by([member.person])
    staff = Client()
    staff.force_login(staff_user)
    redis_as_cache_and_broker.stop()
    response = staff.post(reverse("academy:issue_certificates", args=[edition.pk]), follow=True)
    assert response.status_code == 200
    shown = [str(message) for message in response.context["messages"]]
    assert any("wachtrij voor taken is nu niet bereikbaar" in m for m in shown), shown
    assert list(Certificate.objects.values_list("state", flat=True)) == ["queued"]

    redis_as_cache_and_broker.start()
    celery_worker_process(
        REDIS_URL=redis_as_cache_and_broker.url,
        CELERY_BROKER_URL=redis_as_cache_and_broker.broker_url,
    )
    _sweep_as_beat_would_after_the_time_limit(Certificate)
    assert _wait_for(lambda: Certificate.objects.get().state == "ready", 120)
    assert Certificate.objects.count() == 1


def _timed(request):
    started = time.monotonic()
    response = request()
    return time.monotonic() - started, response


def test_a_frozen_redis_costs_a_page_at_most_a_second(
    redis_as_cache_and_broker, roles_synced, member, settings
):
    """Redis stopped with SIGSTOP answers nothing: connections hang rather than fail."""
    from django.test import Client
    from django.urls import reverse

    from academy.models import Enrolment
    from academy.tests.factories import edition_with_sessions

    settings.DEBUG = False
    editions = [edition_with_sessions() for _ in range(2)]
    client = Client()
    client.force_login(member)
    pages = {
        "catalogue": lambda: Client().get(reverse("academy:catalogue")),
        "dashboard": lambda: client.get(reverse("members:dashboard")),
    }
    before = {name: _timed(page)[0] for name, page in pages.items()}
    process = redis_as_cache_and_broker.process()
    os.kill(process.pid, signal.SIGSTOP)
    try:
        frozen_at = time.monotonic()
        for name, page in pages.items():
            took, response = _timed(page)
            assert response.status_code == 200
            assert took < before[name] + 1.0, (name, took)
        took, response = _timed(
            lambda: client.post(reverse("academy:enrol", args=[editions[0].pk]))
        )
        assert response.status_code == 302 and took < 1.0, took
        assert Enrolment.objects.filter(person=member.person).count() == 1
        while time.monotonic() - frozen_at < 20:  # the rest of twenty seconds of freeze
            took, response = _timed(pages["dashboard"])
            assert response.status_code == 200 and took < before["dashboard"] + 1.0, took
            time.sleep(1)
    finally:
        os.kill(process.pid, signal.SIGCONT)
    # Back: the member's page shows what happened meanwhile, not a copy from before.
    client.post(reverse("academy:enrol", args=[editions[1].pk]))
    page = client.get(reverse("members:dashboard")).content.decode()
    for edition in editions:
        assert edition.activity.title in page
