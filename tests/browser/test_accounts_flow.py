"""Flows 1, 2 and 7 of the browser issue: sign-up, staff login with TOTP, refusals."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import hotp_value

from members.models import Person
from members.tests.factories import EmailDomainFactory, MemberFactory, StaffFactory
from members.tests.signup import queued
from tests.browser.conftest import axe_violations, has_horizontal_scroll, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roles(transactional_db):
    from members.roles import sync_roles

    sync_roles()


def _sign_up(page, email):
    page.goto("/accounts/signup/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Visser")
    page.get_by_label("Functie").select_option("leerplicht")
    page.locator("#id_password1").fill("Leerrecht-voor-iedereen-42")
    page.get_by_label("Wachtwoord (bevestigen)").fill("Leerrecht-voor-iedereen-42")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))


def _follow_verification_link(page):
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", queued()[-1].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").first.click()


def test_sign_up_with_a_member_domain_links_the_organisation(page, roles):
    domain = EmailDomainFactory(domain="amersfoort.nl")
    _sign_up(page, "noor@amersfoort.nl")
    assert axe_violations(page) == []
    _follow_verification_link(page)
    page.wait_for_url(re.compile(r"/mijn/"))
    assert domain.organisation.name in page.content()
    assert Person.objects.get(email="noor@amersfoort.nl").organisation == domain.organisation


def test_sign_up_with_another_domain_ends_as_non_member(page, roles):
    _sign_up(page, "noor@eigen-bureau.nl")
    _follow_verification_link(page)
    page.wait_for_url(re.compile(r"/mijn/"))
    assert "niet gekoppeld aan een lidorganisatie" in page.content()


def _current_totp(secret, periods_ahead=0):
    # The current period, not the first one the server accepts: with a tolerance of one that
    # is the previous period, which expires when the test reaches a period's last second.
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return f"{hotp_value(secret, counter + periods_ahead):06d}"


def test_staff_logs_in_with_a_totp_code(page, roles, settings):
    # A used code cannot be used again; accepting the next period's code keeps the test fast.
    settings.MFA_TOTP_TOLERANCE = 1
    staff = StaffFactory(mfa=False)
    log_in(page, staff.email)
    # Staff must set up two-factor authentication before reaching any page: straight after
    # logging in, and for every page asked for. First a code mailed to their address
    # confirms it is them; allauth may then ask for the password once more before changing
    # security settings.
    page.wait_for_url(re.compile(r"/mijn/tweestapsverificatie/bevestigen/"))
    page.goto("/leden/")
    page.wait_for_url(re.compile(r"/mijn/tweestapsverificatie/bevestigen/"))
    assert axe_violations(page) == []
    page.get_by_role("button", name="Stuur de code").click()
    code = re.search(r"\b(\d{6})\b", queued()[-1].body).group(1)
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)"))
    if "reauthenticate" in page.url:
        page.locator("#id_password").fill("correct-horse-battery")
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate"))
    assert axe_violations(page) == []
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(_current_totp(secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "activate" not in url)
    page.goto("/leden/")
    assert page.locator("h1").inner_text() == "Ledenoverzicht"
    # Log out and in again: now the code is asked for at login.
    with page.expect_navigation():
        page.locator("header form button").first.click()
    log_in(page, staff.email)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate"))
    page.locator("#id_code").fill(_current_totp(secret, periods_ahead=1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/mijn/werk/$"))  # staff land on their work
    assert page.locator("h1").inner_text() == "Mijn werk"
    page.goto("/leden/")
    assert page.locator("h1").inner_text() == "Ledenoverzicht"


def test_member_is_refused_a_staff_page(page, roles):
    member = MemberFactory()
    log_in(page, member.email)
    response = page.goto("/leden/")
    assert response.status == 403
    assert "Geen toegang" in page.content()


def test_main_pages_fit_a_phone_and_pass_axe(phone_page, roles):
    member = MemberFactory()
    for path in ["/", "/accounts/login/", "/accounts/signup/"]:
        phone_page.goto(path)
        assert not has_horizontal_scroll(phone_page), path
        assert axe_violations(phone_page) == [], path
    log_in(phone_page, member.email)
    for path in ["/mijn/", "/mijn/profiel/"]:
        phone_page.goto(path)
        assert not has_horizontal_scroll(phone_page), path
        assert axe_violations(phone_page) == [], path


def test_verifying_a_known_persons_address_leads_to_a_new_password(
    page, roles, _playwright_browser, live_server
):
    """Someone signs up with the address of a person Ingrado knows; the owner follows the
    verification link in their own browser, chooses a password and finds their own details;
    the password the other one typed opens nothing."""
    from members.tests.factories import PersonFactory

    PersonFactory(email="fatima@testdorp.nl", first_name="Fatima", last_name="El Amrani")
    other = _playwright_browser.new_context(base_url=live_server.url, locale="nl-NL")
    other.set_default_timeout(10_000)
    attacker = other.new_page()
    _sign_up(attacker, "fatima@testdorp.nl")
    _follow_verification_link(page)
    page.wait_for_url(re.compile(r"/accounts/password/reset/key/"))
    assert "Kies nu een nieuw wachtwoord" in page.content()
    assert axe_violations(page) == []
    page.locator("#id_password1").fill("Mijn-eigen-wachtwoord-77")
    page.locator("#id_password2").fill("Mijn-eigen-wachtwoord-77")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/password/reset/key/done/"))
    log_in(page, "fatima@testdorp.nl", "Mijn-eigen-wachtwoord-77")
    page.wait_for_url(re.compile(r"/mijn/"))
    assert "Welkom, Fatima." in page.content()
    log_in(attacker, "fatima@testdorp.nl", "Leerrecht-voor-iedereen-42")
    assert "/accounts/login/" in attacker.url
    assert attacker.locator(".form-errors, .errorlist, [role=alert]").count() > 0
    other.close()
