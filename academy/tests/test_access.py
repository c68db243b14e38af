"""Who may see what: own enrolments and certificates, the manager's organisation, staff pages."""

import pytest
from django.urls import reverse

from academy import services
from academy.models import Certificate, Evaluation
from academy.tests.factories import edition_with_sessions, past_edition_with_sessions
from members.models import Person
from members.tests.factories import (
    BoardFactory,
    ManagerFactory,
    MemberFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(other_member):
    """Another member's certificate, ready and evaluated."""
    enrolment = services.enrolment_create(
        edition=past_edition_with_sessions(), person=other_member.person
    )
    Evaluation.objects.create(enrolment=enrolment, score=9)
    return Certificate.objects.create(enrolment=enrolment, state=Certificate.State.READY)


def test_a_member_cannot_download_or_evaluate_someone_elses_certificate(member_client, certified):
    pk = certified.enrolment_id
    assert member_client.get(reverse("academy:certificate_download", args=[pk])).status_code == 404
    assert member_client.get(reverse("academy:evaluate", args=[pk])).status_code == 404


def test_the_owner_downloads_their_evaluated_certificate(
    client, other_member, certified, django_capture_on_commit_callbacks
):
    client.force_login(other_member)
    url = reverse("academy:certificate_download", args=[certified.enrolment_id])
    with django_capture_on_commit_callbacks(execute=True):  # the task makes the missing PDF
        assert client.get(url).status_code == 302
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_queued_certificate_cannot_be_downloaded_yet(client, other_member, certified):
    Certificate.objects.filter(pk=certified.pk).update(state=Certificate.State.QUEUED)
    client.force_login(other_member)
    url = reverse("academy:certificate_download", args=[certified.enrolment_id])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["academy:participants", "academy:participants_csv", "academy:figures"]
)
def test_staff_pages_are_forbidden_to_members(member_client, name):
    args = [] if name == "academy:figures" else [edition_with_sessions().pk]
    assert member_client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("name", ["academy:attendance", "academy:issue_certificates"])
def test_staff_actions_are_forbidden_to_members(member_client, member, name):
    edition = past_edition_with_sessions()
    enrolment = services.enrolment_create(edition=edition, person=member.person)
    args = [edition.pk]
    if name == "academy:attendance":
        args.append(edition.sessions.first().pk)
    response = member_client.post(reverse(name, args=args), {"present": [str(enrolment.pk)]})
    assert response.status_code == 403
    assert not enrolment.attendances.exists() and not Certificate.objects.exists()


def test_the_board_sees_the_figures_but_not_the_participants(client, roles_synced):
    client.force_login(BoardFactory(mfa=True))
    assert client.get(reverse("academy:figures")).status_code == 200
    edition = edition_with_sessions()
    assert client.get(reverse("academy:participants", args=[edition.pk])).status_code == 403


def test_an_unpublished_edition_is_hidden_from_visitors_but_not_from_staff(staff_client):
    from django.test import Client

    edition = edition_with_sessions()
    edition.activity.is_published = False
    edition.activity.save()
    url = reverse("academy:edition_detail", args=[edition.pk])
    assert Client().get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_a_manager_sees_the_enrolments_and_certificates_of_their_own_organisation_only(
    client, roles_synced
):
    organisation = OrganisationFactory(name="Gemeente Amersfoort")
    manager = ManagerFactory(organisation=organisation)
    colleague = MemberFactory(organisation=organisation)
    outsider = MemberFactory()
    Person.objects.filter(pk=outsider.person.pk).update(first_name="Olaf")
    past = past_edition_with_sessions()
    mine = services.enrolment_create(edition=past, person=colleague.person)
    certificate = Certificate.objects.create(enrolment=mine, state=Certificate.State.READY)
    services.enrolment_create(edition=past, person=outsider.person)
    services.enrolment_create(edition=edition_with_sessions(), person=colleague.person)

    client.force_login(manager)
    response = client.get(reverse("academy:organisation_overview"))
    page = response.content.decode()
    assert "Gemeente Amersfoort" in page and certificate.code in page
    assert {e.person_id for e in response.context["enrolments"]} == {colleague.person.pk}
    assert len(response.context["enrolments"]) == 2
    assert "Olaf" not in page


def test_a_manager_cannot_open_a_colleagues_certificate_or_cancel_their_enrolment(
    client, roles_synced
):
    organisation = OrganisationFactory()
    manager = ManagerFactory(organisation=organisation)
    colleague = MemberFactory(organisation=organisation)
    enrolment = services.enrolment_create(edition=edition_with_sessions(), person=colleague.person)
    client.force_login(manager)
    assert client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk])).status_code == 404


def test_a_member_without_the_manager_function_gets_no_organisation_overview(member_client):
    assert member_client.get(reverse("academy:organisation_overview")).status_code == 403
