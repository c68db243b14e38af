"""Two-factor authentication is required by permission, not by role group, and a password
alone cannot enrol an authenticator: the first enrolment needs a code mailed to the account's
verified address. With DEBUG off, as in production."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from members.tests.factories import MemberFactory, StaffFactory, UserFactory
from members.tests.signup import queued

pytestmark = pytest.mark.django_db

SETUP = reverse("mfa_activate_totp")
CONFIRM = reverse("members:mfa_enrolment_confirm")


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.DEBUG = False
    settings.DEMO_ACCOUNTS_SKIP_MFA = False


def _given(user, *names):
    for name in names:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


@pytest.mark.parametrize(
    ("permissions", "url"),
    [
        (["members.view_directory", "members.view_person"], reverse("members:person_list")),
        (["members.view_directory"], reverse("members:person_export")),
        (["communications.manage_newsletters"], reverse("communications:subscriber_list")),
    ],
)
def test_staff_permissions_given_directly_require_two_factor(
    client, roles_synced, permissions, url
):
    user = UserFactory()  # in no role group
    _given(user, *permissions)
    client.force_login(user)
    response = client.get(url)
    assert (response.status_code, response.get("Location")) == (302, SETUP)


def test_a_member_needs_no_two_factor(member_client):
    assert member_client.get(reverse("members:dashboard")).status_code == 200


def _code_from_mail(to):
    message = next(m for m in reversed(queued()) if m.to == [to])
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def test_the_first_enrolment_waits_for_a_code_mailed_to_the_verified_address(client, roles_synced):
    staff = StaffFactory(mfa=False)
    client.force_login(staff)
    # Sent to set up two-factor authentication, then first to confirm the address.
    assert client.get(reverse("members:dashboard"))["Location"] == SETUP
    assert client.get(SETUP)["Location"] == CONFIRM
    assert client.post(SETUP)["Location"] == CONFIRM
    page = client.get(CONFIRM)
    assert page.status_code == 200 and staff.email in page.content.decode()
    client.post(CONFIRM, {"send": "1"})
    code = _code_from_mail(staff.email)
    assert "Ingrado" in queued()[-1].body
    wrong = "000000" if code != "000000" else "111111"
    refused = client.post(CONFIRM, {"code": wrong})
    assert refused.status_code == 200 and "klopt niet" in refused.content.decode()
    assert client.get(SETUP)["Location"] == CONFIRM
    confirmed = client.post(CONFIRM, {"code": code})
    assert confirmed["Location"] == SETUP
    # Now allauth's own set-up (which may first ask for the password again).
    response = client.get(SETUP)
    assert response.status_code == 200 or "reauthenticate" in response["Location"]


def test_a_mailed_code_gives_way_after_five_wrong_tries(client, roles_synced):
    staff = StaffFactory(mfa=False)
    client.force_login(staff)
    client.post(CONFIRM, {"send": "1"})
    code = _code_from_mail(staff.email)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(CONFIRM, {"code": wrong})
    client.post(CONFIRM, {"code": code})
    assert client.get(SETUP)["Location"] == CONFIRM


def test_the_confirmation_of_another_session_does_not_count(client, roles_synced):
    from django.test import Client

    staff = StaffFactory(mfa=False)
    client.force_login(staff)
    client.post(CONFIRM, {"send": "1"})
    client.post(CONFIRM, {"code": _code_from_mail(staff.email)})
    thief = Client()
    thief.force_login(staff)
    assert thief.get(SETUP)["Location"] == CONFIRM


def test_staff_who_enrolled_are_not_asked_again(staff_client):
    assert staff_client.get(CONFIRM)["Location"] == reverse("mfa_index")
    assert staff_client.get(reverse("mfa_index")).status_code == 200


def test_a_member_enrolling_of_their_own_accord_confirms_too(client, roles_synced):
    member = MemberFactory()
    client.force_login(member)
    assert client.get(SETUP)["Location"] == CONFIRM


def test_two_factor_authentication_has_one_dutch_name_everywhere(staff_client):
    """ "Tweestapsverificatie" in the portal's menus, allauth's pages, mails and messages."""
    from django.utils.translation import gettext

    for page in (reverse("mfa_index"), reverse("members:dashboard")):
        text = staff_client.get(page).content.decode()
        assert "Tweestapsverificatie" in text, page
        assert "factor" not in text.lower(), page
    msgids = [
        "Two-Factor Authentication",
        "Two-factor authentication",
        "You cannot deactivate two-factor authentication.",
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:",
        "To protect your account with two-factor authentication, scan the QR code below with "
        "your authenticator app. Then, input the verification code generated by the app below.",
        "Set up two-factor authentication first: it is required for staff and board.",
        "Your code to set up two-factor authentication",
    ]
    for msgid in msgids:
        dutch = gettext(msgid)
        assert "tweestapsverificatie" in dutch.lower() and "factor" not in dutch.lower(), dutch
