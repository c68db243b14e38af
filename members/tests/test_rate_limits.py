"""Login rate limits count the real client behind the TLS proxy, and per account, so that
one person cannot lock everybody out."""

import json
import os
import pathlib
import subprocess
import sys

import pytest
from django.urls import reverse

from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


def _production_settings(*names):
    """The values of settings as production has them (read in a process of their own)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ingrado.settings.production",
        "SECRET_KEY": "x" * 60,
        "SITE_URL": "https://portal.ingrado.nl",
    }
    env.pop("TRUSTED_PROXY_COUNT", None)
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_limits(settings):
    """The rate limits and the trusted proxies of the production settings."""
    production = _production_settings("ACCOUNT_RATE_LIMITS", "ALLAUTH_TRUSTED_PROXY_COUNT")
    settings.ACCOUNT_RATE_LIMITS = production["ACCOUNT_RATE_LIMITS"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = production["ALLAUTH_TRUSTED_PROXY_COUNT"] or 0


def _log_in(client, email, password, client_address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_failed_logins_from_one_address_do_not_lock_out_others(
    client, roles_synced, production_limits
):
    member = MemberFactory()
    attacker = "203.0.113.7"
    for number in range(12):
        _log_in(client, f"verzonnen{number}@example.net", "fout", attacker)
    refused = _log_in(client, member.email, "correct-horse-battery", attacker)
    assert refused.status_code == 200, "the attacker's own address is limited"
    assert "Te veel" in refused.content.decode() or "te veel" in refused.content.decode()
    response = _log_in(client, member.email, "correct-horse-battery", "198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == reverse("members:dashboard")


def test_a_short_forwarded_for_header_falls_back_to_the_peer_address(
    client, roles_synced, settings, production_limits
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    member = MemberFactory()
    response = _log_in(client, member.email, "correct-horse-battery", "198.51.100.20")
    assert response.status_code == 302
