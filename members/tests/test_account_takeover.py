"""An address someone types at sign-up is only a claim: nothing about a person changes, and no
person is linked, before the address is verified; verifying an existing person's address asks
the verifier for a new password, so the password whoever signed up chose never opens that
person's history; a changed login address moves the person's address with it."""

import pytest
from django.test import Client
from django.urls import reverse

from members import roles
from members.models import Person, User
from members.tests.factories import MemberFactory, PersonFactory
from members.tests.signup import queued, sign_up, verification_path

pytestmark = pytest.mark.django_db

ATTACKER_PASSWORD = "Ik-ben-het-echt-niet-42"
OWNER_PASSWORD = "Mijn-eigen-wachtwoord-77"


def _sign_up(client, email, password=ATTACKER_PASSWORD, **names):
    names = {"first_name": "Hacker", "last_name": "Overname", "function": "anders", **names}
    response = sign_up(client, email, password, **names)
    assert response.status_code == 302, response.content.decode()[:2000]


_verification_path = verification_path


def _log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _logged_in(client):
    return bool(client.session.get("_auth_user_id"))


@pytest.fixture
def known_person(roles_synced):
    """Someone the portal knows from the helpdesk, without an account."""
    return PersonFactory(
        email="fatima.elamrani@testdorp.nl",
        first_name="Fatima",
        last_name="El Amrani",
        function=Person.Function.COACH,
    )


def test_signing_up_with_a_known_persons_address_changes_nothing_about_them(client, known_person):
    _sign_up(client, known_person.email)
    known_person.refresh_from_db()
    assert (known_person.first_name, known_person.last_name) == ("Fatima", "El Amrani")
    assert known_person.function == Person.Function.COACH
    assert known_person.user is None, "not linked before the address is verified"
    assert Person.objects.filter(email=known_person.email).count() == 1


def test_signing_up_with_a_new_address_makes_no_person_before_verification(client, roles_synced):
    _sign_up(client, "nieuw@ergens.nl")
    assert not Person.objects.filter(email="nieuw@ergens.nl").exists()
    assert User.objects.get(email="nieuw@ergens.nl").pending_signup.first_name == "Hacker"


def test_the_owner_verifying_does_not_let_the_sign_up_password_open_the_person(known_person):
    attacker, owner = Client(), Client()
    _sign_up(attacker, known_person.email)
    response = owner.post(_verification_path(known_person.email))
    # The owner is led on to choose a password of their own.
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in response["Location"]
    known_person.refresh_from_db()
    assert known_person.user is not None
    assert (known_person.first_name, known_person.function) == ("Fatima", Person.Function.COACH)
    # The attacker's password no longer opens the account, nor the person's history.
    attacker.logout()
    _log_in(attacker, known_person.email, ATTACKER_PASSWORD)
    assert not _logged_in(attacker)
    assert attacker.get(reverse("members:my_data_download")).status_code == 302
    # The owner chooses a password and is in, with the person's own details.
    form = owner.get(response["Location"], follow=True)
    set_password_url = form.redirect_chain[-1][0]
    done = owner.post(set_password_url, {"password1": OWNER_PASSWORD, "password2": OWNER_PASSWORD})
    assert done.status_code == 302, done.content.decode()[:2000]
    _log_in(owner, known_person.email, OWNER_PASSWORD)
    assert _logged_in(owner)
    export = owner.get(reverse("members:my_data_download")).json()
    assert export["person"]["first_name"] == "Fatima"


def test_verifying_a_known_persons_address_in_the_sign_up_browser_asks_for_a_password_too(
    client, known_person
):
    _sign_up(client, known_person.email)
    client.post(_verification_path(known_person.email))
    user = User.objects.get(email=known_person.email)
    assert not user.has_usable_password()
    # Logged in by the verification, the account can do nothing before choosing a password.
    response = client.get(reverse("members:dashboard"))
    assert (response.status_code, response["Location"]) == (302, reverse("account_set_password"))
    client.post(
        reverse("account_set_password"), {"password1": OWNER_PASSWORD, "password2": OWNER_PASSWORD}
    )
    assert client.get(reverse("members:dashboard")).status_code == 200


def test_a_new_address_verified_in_the_sign_up_browser_keeps_its_password(client, roles_synced):
    _sign_up(client, "noor@eigen-bureau.nl", password=OWNER_PASSWORD, first_name="Noor")
    response = client.post(_verification_path("noor@eigen-bureau.nl"))
    assert response["Location"] == reverse("members:dashboard")
    person = Person.objects.get(email="noor@eigen-bureau.nl")
    assert person.first_name == "Noor" and person.user.has_usable_password()


def test_a_new_address_verified_in_another_browser_drops_the_sign_up_password(roles_synced):
    """Someone signs up with a colleague's address at a member organisation; the colleague
    clicks the mail: the one who typed the password does not get a member's account."""
    attacker, owner = Client(), Client()
    _sign_up(attacker, "collega@gemeente.nl")
    response = owner.post(_verification_path("collega@gemeente.nl"))
    assert "/accounts/password/reset/key/" in response["Location"]
    _log_in(attacker, "collega@gemeente.nl", ATTACKER_PASSWORD)
    assert not _logged_in(attacker)


def test_a_changed_login_address_moves_the_persons_address_once_verified(client, roles_synced):
    member = MemberFactory(email="oud@testdorp.nl")
    client.force_login(member)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "Nieuw@Testdorp.nl"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.person.refresh_from_db()
    assert member.person.email == "oud@testdorp.nl", "not before the new one is verified"
    client.post(_verification_path("nieuw@testdorp.nl"))
    member.refresh_from_db()
    member.person.refresh_from_db()
    assert member.email == member.person.email == "nieuw@testdorp.nl"
    # The old address claims nothing any more: signing up with it makes a new person.
    stranger = Client()
    _sign_up(stranger, "oud@testdorp.nl")
    stranger.post(_verification_path("oud@testdorp.nl"))
    assert Person.objects.get(email="oud@testdorp.nl").pk != member.person.pk
    member.person.refresh_from_db()
    assert member.person.user == member


def test_the_login_address_cannot_move_onto_another_persons_record(client, known_person):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": known_person.email}
    )
    assert response.status_code == 200
    assert "al voor iemand anders" in response.content.decode()
    assert not queued()


def test_a_verified_known_person_of_a_member_organisation_becomes_a_member(
    known_person, roles_synced
):
    owner = Client()
    _sign_up(Client(), known_person.email)
    owner.post(_verification_path(known_person.email))
    user = User.objects.get(email=known_person.email)
    assert user.groups.filter(name=roles.MEMBER).exists()
