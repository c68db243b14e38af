"""Flows 1, 2 and 7 of the browser issue: sign-up, staff login with TOTP, refusals."""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import hotp_value
from django.core import mail

from members.models import Person
from members.tests.factories import EmailDomainFactory, MemberFactory, StaffFactory
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
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
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
    # logging in, and for every page asked for; allauth may ask for the password once more
    # before changing security settings.
    page.wait_for_url(re.compile(r"/accounts/(2fa/totp/activate|reauthenticate)"))
    page.goto("/leden/")
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
