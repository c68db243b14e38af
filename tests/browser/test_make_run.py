"""What `make run` starts, as the people using it see it: the web server, a Celery worker and
Celery beat on the embedded broker (no Redis), on a SQLite file they share.

The test runs `make run` itself on a port of its own, with its own database file and broker
folder: the demo is seeded as for anyone, then

- the board asks for the jaarverslag (on a phone): the button answers at once and the page
  turns to "Download PDF" by itself;
- an expert sends the demo newsletter: the request answers at once, the page shows the
  progress and then "Verstuurd", without a reload;
- a test mail goes through the outbox and the worker sends it;
- a newsletter planned for the next whole minute is sent by beat on time.

Then one Ctrl-C (SIGINT to the foreground process group, as a terminal sends it) stops all
of them. The demo's 4,256 subscribers are cut to thirty first, so that the sending takes
seconds: the batches and pauses are the production ones.
"""

import os
import re
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import has_horizontal_scroll
from tests.test_faults import _free_port, _wait_for

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "Ingrado-demo-2026"
SUBSCRIBERS = 30


def _healthy(url):
    try:
        with urllib.request.urlopen(f"{url}/gezond/", timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _group_alive(pgid):
    """Processes still in the process group `pgid` (a zombie counts as gone)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(stat.parent.name)
    return alive


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("make-run")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    # The environment of someone typing `make run`: no test settings, Redis or PostgreSQL.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "PYTEST_XDIST_WORKER"}
        and not key.startswith("EMAIL_")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        CELERY_BROKER_DIR=str(folder / "broker"),
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_ROOT=str(folder / "private"),
        SITE_URL=url,
        PORT=str(port),
    )
    log = (folder / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as in a terminal
    )
    try:
        assert _wait_for(lambda: _healthy(url), 240), (folder / "make-run.log").read_text()[-3000:]
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", _CUT_THE_LIST],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        yield type(
            "MakeRun",
            (),
            {"url": url, "database": folder / "db.sqlite3", "log": folder / "make-run.log"},
        )
    finally:
        ended_early = process.poll() is not None
        if not ended_early:
            os.killpg(process.pid, signal.SIGINT)  # one Ctrl-C
        try:
            process.wait(timeout=60)
        finally:
            _wait_for(lambda: not _group_alive(process.pid), 30)
            left = _group_alive(process.pid)
            if left:
                os.killpg(process.pid, signal.SIGKILL)
            log.close()
    assert not ended_early, (folder / "make-run.log").read_text()[-3000:]
    assert not left, f"still running after Ctrl-C: {left}"


_CUT_THE_LIST = f"""
from communications.models import Subscriber
receiving = Subscriber.objects.receiving()
keep = list(receiving.order_by("pk").values_list("pk", flat=True)[:{SUBSCRIBERS}])
receiving.exclude(pk__in=keep).update(status=Subscriber.Status.UNSUBSCRIBED)
"""


def _query(make_run, sql, *params):
    with sqlite3.connect(make_run.database, timeout=20) as connection:
        return connection.execute(sql, params).fetchall()


def _logged_in(browser, make_run, email, **options):
    context = browser.new_context(base_url=make_run.url, locale="nl-NL", **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    return page


def _next_whole_minute():
    """The next whole minute at least 15 seconds away, in the portal's time zone."""
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    moment = (now + timedelta(seconds=15)).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return moment


def test_make_run_sends_makes_and_schedules_in_the_background(_playwright_browser, make_run):
    expert = _logged_in(_playwright_browser, make_run, "expert@example.org")

    # A newsletter planned for the next whole minute: beat starts it then.
    expert.goto("/nieuwsbrief/redactie/")
    expert.get_by_role("link", name="Nieuwe nieuwsbrief").click()
    expert.get_by_label("Onderwerp").fill("Ingepland door beat")
    expert.get_by_label("Inleiding").fill("Op tijd verstuurd.")
    expert.get_by_role("button", name="Aanmaken en onderdelen toevoegen").click()
    expert.get_by_text("Een onderdeel schrijven").click()
    expert.get_by_label(re.compile(r"^Titel")).fill("Verzuim")
    expert.get_by_label(re.compile(r"^Tekst")).fill("Wat de wet zegt.")
    expert.get_by_role("button", name="Onderdeel toevoegen").click()
    planned_at = _next_whole_minute()
    expert.get_by_label("Versturen op").fill(planned_at.strftime("%Y-%m-%dT%H:%M"))
    expert.get_by_role("button", name="Inplannen").click()
    assert "Ingepland" in expert.content()
    planned_url = expert.url

    # A test mail to oneself: queued in the outbox, sent by the worker.
    with expert.expect_navigation(timeout=5_000):
        expert.get_by_role("button", name="Stuur een test naar expert@example.org").click()
    assert _wait_for(
        lambda: (
            _query(
                make_run,
                "SELECT state FROM outbox_outgoingmail WHERE subject LIKE '[Test] Ingepland%'",
            )
            == [("sent",)]
        ),
        60,
    ), make_run.log.read_text()[-3000:]

    # The board asks for the jaarverslag on a phone: it is made while the page waits.
    board = _logged_in(
        _playwright_browser, make_run, "bestuur@example.org", viewport={"width": 390, "height": 844}
    )
    board.goto("/jaarverslag/")
    started = time.monotonic()
    with board.expect_navigation(timeout=5_000):
        board.get_by_role("button", name=re.compile("Genereer jaarverslag")).click()
    assert time.monotonic() - started < 5, "the request waited for the report"
    board.evaluate("window.__noReload = true")
    assert "wordt gemaakt" in board.locator("#report-status").inner_text()
    board.get_by_role("link", name=re.compile("Download PDF")).first.wait_for(timeout=120_000)
    assert board.evaluate("window.__noReload === true"), "the page was reloaded"
    assert "wordt gemaakt" not in board.locator("main").inner_text()
    assert not has_horizontal_scroll(board)

    # The expert sends the demo newsletter now and watches it go out in the same tab.
    expert.goto("/nieuwsbrief/redactie/")
    expert.get_by_role("link", name="Nieuwsbrief december 2026").click()
    expert.get_by_label("Deze nieuwsbrief nu naar alle abonnees versturen").check()
    started = time.monotonic()
    with expert.expect_navigation(timeout=5_000):
        expert.get_by_role("button", name="Nu versturen").click()
    assert time.monotonic() - started < 5, "the request waited for the sending"
    expert.evaluate("window.__noReload = true")
    progress = expert.locator("#sending-progress")
    expert.wait_for_function(
        "() => document.querySelector('#sending-progress').innerText.includes('Verstuurd')",
        timeout=120_000,
    )
    assert expert.evaluate("window.__noReload === true"), "the page was reloaded"
    assert re.search(rf"\b{SUBSCRIBERS}\s+verstuurd", progress.inner_text())

    # Beat starts the planned newsletter at its minute.
    def planned_status():
        return _query(
            make_run,
            "SELECT status FROM communications_newsletter WHERE subject = ?",
            "Ingepland door beat",
        )

    assert _wait_for(
        lambda: planned_status() == [("sent",)],
        (planned_at - datetime.now(planned_at.tzinfo)).total_seconds() + 90,
    ), (planned_status(), make_run.log.read_text()[-3000:])
    started_at = _query(
        make_run,
        "SELECT started_at FROM communications_newsletter WHERE subject = ?",
        "Ingepland door beat",
    )[0][0]
    started_at = datetime.fromisoformat(started_at).replace(tzinfo=ZoneInfo("UTC"))
    assert planned_at <= started_at < planned_at + timedelta(seconds=30)
    expert.goto(planned_url)
    assert "Verstuurd" in expert.locator("#sending-progress").inner_text()
