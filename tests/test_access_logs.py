"""The tokens in the newsletter's links (whose copy; the unsubscribe and confirmation links)
never reach an access log: a real gunicorn, started with the project's gunicorn.conf.py,
writes its log without them (ingrado/accesslog.py)."""

import logging
import logging.config
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from communications import tokens
from ingrado.accesslog import RedactTokens, redact

ROOT = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.fixture
def gunicorn_log(tmp_path):
    """A gunicorn serving the portal with the project's gunicorn.conf.py (as the Dockerfile
    and docker-compose run it), writing its access log to a file."""
    port, log = _free_port(), tmp_path / "access.log"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("PYTEST_XDIST_WORKER", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.test",
        # The pages asked for here read no table: an empty database will do.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.sqlite3'}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ingrado.wsgi", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}", "--access-logfile", str(log)],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while _get(f"{base}/nieuwsbrief/o/x/") is None:
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.2)
    yield base, log
    server.terminate()
    server.wait(timeout=10)


def test_the_access_log_records_the_newsletters_links_without_their_tokens(gunicorn_log):
    base, log = gunicorn_log
    secrets = {
        "open": tokens.open_token(7, "lezer-token-1"),
        "click": tokens.click_token(7, 3, "javascript:alert(1)", "lezer-token-2"),
        "unsubscribe": tokens.unsubscribe_token(4242, 7),
        "confirm": tokens.confirm_token(4243, "anne@voorbeeld.nl", name="Anne de Vries"),
    }
    paths = {
        "open": f"/nieuwsbrief/o/{secrets['open']}/",
        "click": f"/nieuwsbrief/k/{secrets['click']}/",
        "unsubscribe": f"/nieuwsbrief/afmelden/{secrets['unsubscribe']}/",
        "confirm": f"/nieuwsbrief/bevestigen/{secrets['confirm']}/",
    }
    assert _get(base + paths["click"]) == 400  # the target is refused before any counting
    assert _get(base + paths["confirm"], Referer=base + paths["unsubscribe"]) == 200
    _get(base + paths["open"] + "?utm_source=nieuwsbrief")
    time.sleep(0.5)  # the worker writes its line after the response
    written = log.read_text()
    for prefix in ("/nieuwsbrief/k/", "/nieuwsbrief/bevestigen/", "/nieuwsbrief/o/"):
        assert f"{prefix}[token]/" in written, written
    for secret in secrets.values():
        assert secret not in written
        assert secret.split(":")[0] not in written
    assert "/nieuwsbrief/afmelden/[token]/" in written, "the referrer too"


def test_the_filter_takes_tokens_out_of_djangos_own_log_records():
    """A 404 for an expired link names its path in Django's log: the settings' handler has
    the same filter. (Configured from the settings as Django does at start-up: a Celery worker
    started earlier in this process may have replaced the root logger's handlers.)"""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactTokens) for f in handler.filters)
    ]
    assert handlers, "the root logger's console handler filters tokens"
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/nieuwsbrief/afmelden/abc:def/",),
        None,
    )
    RedactTokens().filter(record)
    assert record.getMessage() == "Not Found: /nieuwsbrief/afmelden/[token]/"
    assert redact("GET /accounts/password/reset/key/1-abc/ HTTP/1.1") == (
        "GET /accounts/password/reset/key/[token]/ HTTP/1.1"
    )
    assert redact("/nieuwsbrief/redactie/4/") == "/nieuwsbrief/redactie/4/"
