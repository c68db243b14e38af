import re

import pytest
from django.urls import reverse

from members import roles
from members.models import Person
from members.tests.factories import EmailDomainFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _sign_up(client, email):
    response = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "Leerrecht-voor-iedereen-42",
            "password2": "Leerrecht-voor-iedereen-42",
            "first_name": "Noor",
            "last_name": "Visser",
            "function": Person.Function.ATTENDANCE_OFFICER,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def _verify_via_mail_link(client):
    from outbox.models import OutgoingMail

    body = OutgoingMail.objects.latest("pk").text  # queued in the outbox with the sign-up
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302


def test_professional_with_member_domain_is_linked_after_verification(client, roles_synced):
    domain = EmailDomainFactory(domain="amersfoort.nl")
    _sign_up(client, "Noor.Visser@Amersfoort.nl")
    person = Person.objects.get(email="noor.visser@amersfoort.nl")
    assert person.organisation is None, "not linked before the address is verified"
    _verify_via_mail_link(client)
    person.refresh_from_db()
    assert person.organisation == domain.organisation
    assert person.user.groups.filter(name=roles.MEMBER).exists()


def test_professional_with_unknown_domain_ends_as_non_member(client, roles_synced):
    _sign_up(client, "noor@onbekend-bureau.nl")
    _verify_via_mail_link(client)
    person = Person.objects.get(email="noor@onbekend-bureau.nl")
    assert person.organisation is None
    assert person.is_external
    assert not person.user.groups.filter(name=roles.MEMBER).exists()


def test_domain_of_a_former_member_does_not_link(client, roles_synced):
    from datetime import date

    former = OrganisationFactory(member_since=date(2010, 1, 1), member_until=date(2020, 1, 1))
    EmailDomainFactory(domain="vroeger.nl", organisation=former)
    _sign_up(client, "noor@vroeger.nl")
    _verify_via_mail_link(client)
    assert Person.objects.get(email="noor@vroeger.nl").organisation is None


def test_unverified_account_cannot_log_in(client, roles_synced):
    _sign_up(client, "noor@ergens.nl")
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "noor@ergens.nl", "password": "Leerrecht-voor-iedereen-42"},
    )
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert not client.session.get("_auth_user_id")


def test_login_with_email_and_password_reaches_my_ingrado(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("members:dashboard")


def test_staff_member_can_link_a_non_member_to_an_organisation(staff_client, non_member):
    organisation = OrganisationFactory()
    person = non_member.person
    response = staff_client.post(
        reverse("members:person_link", args=[person.pk]), {"organisation": organisation.pk}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.organisation == organisation
    assert non_member.groups.filter(name=roles.MEMBER).exists()


def test_member_cannot_link_people(member_client, non_member):
    organisation = OrganisationFactory()
    response = member_client.post(
        reverse("members:person_link", args=[non_member.person.pk]),
        {"organisation": organisation.pk},
    )
    assert response.status_code == 403
    non_member.person.refresh_from_db()
    assert non_member.person.organisation is None
