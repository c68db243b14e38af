"""Login rate limits count the real client behind the TLS proxy, per account and client
address, and more slowly per account (never per Host header), so that nobody can lock a
person out."""

import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from members.tests.factories import MemberFactory
from members.tests.signup import queued

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


def _log_in(client, email, password, client_address, host="portal.ingrado.nl"):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
        HTTP_HOST=host,
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


def _failures(client, email, client_address, count, host="portal.ingrado.nl"):
    for _ in range(count):
        _log_in(client, email, "fout-wachtwoord", client_address, host=host)


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(
    client, roles_synced, production_limits
):
    member = MemberFactory()
    attacker = "203.0.113.7"
    _failures(client, member.email, attacker, 6)
    refused = _log_in(client, member.email, "correct-horse-battery", attacker)
    assert refused.status_code == 200 and "Te veel" in refused.content.decode()
    owner = _log_in(Client(), member.email, "correct-horse-battery", "198.51.100.20")
    assert owner.status_code == 302
    assert owner["Location"] == reverse("members:dashboard")


def test_another_host_header_gets_no_fresh_budget(client, roles_synced, production_limits):
    member = MemberFactory()
    attacker = "203.0.113.7"
    _failures(client, member.email, attacker, 5, host="portal.ingrado.nl")
    for host in ("PORTAL.INGRADO.NL", "portal.ingrado.nl:443"):
        refused = _log_in(client, member.email, "correct-horse-battery", attacker, host=host)
        assert refused.status_code == 200, host
        assert "Te veel" in refused.content.decode()


def test_the_account_limit_keys_on_the_normalised_address(client, roles_synced, production_limits):
    member = MemberFactory(email="noor@testdorp.nl")
    for number in range(20):
        spelling = " Noor@TestDorp.nl " if number % 2 else "noor@testdorp.nl"
        _log_in(client, spelling, "fout", f"198.51.100.{number + 1}")
    refused = _log_in(Client(), "NOOR@testdorp.nl", "correct-horse-battery", "192.0.2.99")
    assert refused.status_code == 200
    assert "voor dit account" in refused.content.decode()
    assert member.email == "noor@testdorp.nl"


def test_guessing_spread_over_many_addresses_never_locks_the_owners_own_browser(
    roles_synced, production_limits
):
    member = MemberFactory()
    owners_browser = Client()
    assert (
        _log_in(owners_browser, member.email, "correct-horse-battery", "192.0.2.10").status_code
        == 302
    )
    owners_browser.post(reverse("account_logout"))
    attacker = Client()
    for number in range(25):
        _log_in(attacker, member.email, "fout", f"198.51.100.{number + 1}")
    # A fresh client from a fresh address is held by the per-account limit...
    elsewhere = _log_in(Client(), member.email, "correct-horse-battery", "192.0.2.20")
    assert elsewhere.status_code == 200 and "voor dit account" in elsewhere.content.decode()
    # ... the browser the owner logged in with before is not.
    again = _log_in(owners_browser, member.email, "correct-horse-battery", "192.0.2.10")
    assert again.status_code == 302
    assert again["Location"] == reverse("members:dashboard")


def test_a_password_reset_clears_the_account_limit(client, roles_synced, production_limits):
    member = MemberFactory()
    for number in range(20):
        _log_in(client, member.email, "fout", f"198.51.100.{number + 1}")
    assert _log_in(Client(), member.email, "correct-horse-battery", "192.0.2.20").status_code == 200
    reset = Client()
    reset.post(
        reverse("account_reset_password"),
        {"email": member.email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.20",
    )
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", queued()[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_url = reset.get(path, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.20")["Location"]
    done = reset.post(
        form_url,
        {"password1": "Een-nieuw-wachtwoord-31", "password2": "Een-nieuw-wachtwoord-31"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="192.0.2.20",
    )
    assert done.status_code == 302
    response = _log_in(Client(), member.email, "Een-nieuw-wachtwoord-31", "192.0.2.20")
    assert response.status_code == 302
