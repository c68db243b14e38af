import json

import pytest
from django.urls import reverse

from members.models import AuditLog, Person
from members.tests.factories import MemberFactory, PersonFactory, RayonFactory

pytestmark = pytest.mark.django_db


def test_member_downloads_all_their_data_as_json(member_client, member):
    response = member_client.get(reverse("members:my_data_download"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["person"]["email"] == member.email
    assert data["person"]["organisation"] == member.person.organisation.name
    assert data["account"]["roles"] == ["Leden"]


def test_data_download_needs_login(client):
    response = client.get(reverse("members:my_data_download"))
    assert response.status_code == 302


def test_staff_anonymises_a_person_and_the_account_is_closed(staff_client, member, staff_user):
    person = member.person
    response = staff_client.post(
        reverse("members:person_erase", args=[person.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    member.refresh_from_db()
    assert person.erased_at is not None
    assert member.email not in person.email and person.first_name == ""
    assert person.organisation is not None, "still counts for its organisation"
    assert not member.is_active and not member.has_usable_password()
    assert AuditLog.objects.filter(action="person_erase", actor=staff_user).exists()


def test_anonymisation_needs_confirmation(staff_client, member):
    staff_client.post(reverse("members:person_erase", args=[member.person.pk]))
    member.person.refresh_from_db()
    assert member.person.erased_at is None


def test_member_cannot_anonymise_anyone(member_client, other_member):
    response = member_client.post(
        reverse("members:person_erase", args=[other_member.person.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 403
    assert Person.objects.get(pk=other_member.person.pk).erased_at is None


def test_staff_viewing_a_person_is_logged(staff_client, member, staff_user):
    staff_client.get(reverse("members:person_detail", args=[member.person.pk]))
    assert AuditLog.objects.filter(
        action="person_view", actor=staff_user, object_id=str(member.person.pk)
    ).exists()


def test_rayon_page_lists_contact_persons(member_client):
    midden = RayonFactory(name="Midden")
    PersonFactory(first_name="Ilse", last_name="Rayonkontakt", rayon_contact_for=midden)
    response = member_client.get(reverse("members:rayon_list"))
    assert "Ilse Rayonkontakt" in response.content.decode()


def test_contact_persons_addresses_are_for_members_and_staff_only(
    client, member, staff_user, non_member, roles_synced
):
    from datetime import date

    from members.tests.factories import MemberFactory, OrganisationFactory

    midden = RayonFactory(name="Midden")
    PersonFactory(email="ilse@testdorp.nl", last_name="Rayonkontakt", rayon_contact_for=midden)
    former = MemberFactory(
        organisation=OrganisationFactory(
            member_since=date(2010, 1, 1), member_until=date(2020, 12, 31)
        )
    )
    expected = {member: True, staff_user: True, non_member: False, former: False}
    for user, sees in expected.items():
        client.force_login(user)
        page = client.get(reverse("members:rayon_list")).content.decode()
        assert "Rayonkontakt" in page
        assert ("ilse@testdorp.nl" in page) is sees, user


def _erase(person, actor):
    from members import services

    services.person_erase(person=person, actor=actor)


def test_an_anonymised_person_on_the_waiting_list_is_never_promoted(
    roles_synced, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    from academy import services as academy
    from academy.models import Enrolment
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions(capacity=1)
    seated, erased, waiting = (PersonFactory() for _ in range(3))
    seat = academy.enrolment_create(edition=edition, person=seated)
    for person in (erased, waiting):
        academy.enrolment_create(edition=edition, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        _erase(erased, staff_user)
    assert Enrolment.objects.get(person=erased).status == Enrolment.Status.CANCELLED
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        academy.enrolment_cancel(enrolment=seat)
    assert Enrolment.objects.get(person=waiting).status == Enrolment.Status.CONFIRMED
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([seated.email, waiting.email])  # cancelled, promoted


def test_an_anonymised_participant_frees_the_place_for_the_first_real_person_waiting(
    roles_synced, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    from academy import services as academy
    from academy.models import Enrolment
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions(capacity=1)
    erased, waiting = PersonFactory(), PersonFactory()
    academy.enrolment_create(edition=edition, person=erased)
    academy.enrolment_create(edition=edition, person=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        _erase(erased, staff_user)
    statuses = dict(Enrolment.objects.values_list("person_id", "status"))
    assert statuses == {erased.pk: "cancelled", waiting.pk: "confirmed"}
    assert all("anoniem.invalid" not in address for m in mailoutbox for address in m.to)


def test_an_anonymised_askers_open_questions_leave_the_queue_but_still_count(
    roles_synced, staff_user, member
):
    from knowledge import stats
    from knowledge.models import Question
    from knowledge.tests.factories import ask

    question = ask(member, subject="Verlof")
    year = question.received_at.year
    received_before = stats.year_figures(year)["received"]
    _erase(member.person, staff_user)
    question.refresh_from_db()
    assert question.status == Question.Status.CLOSED
    assert not Question.objects.open().filter(pk=question.pk).exists()
    assert question.events.filter(action="withdrawn").exists()
    assert stats.year_figures(year)["received"] == received_before


def test_the_export_tells_who_looked_at_the_persons_data_and_when(
    client, member, staff_user, roles_synced
):
    """AVG art. 15: staff opening her question and its attachment, and her page in the
    directory, appear in her download, by name and role, with the time."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from academy import services as academy_services
    from academy.tests.factories import edition_with_sessions
    from knowledge.tests.factories import ask

    staff_user.person.first_name, staff_user.person.last_name = "Joost", "Mulder"
    staff_user.person.save()
    question = ask(
        member,
        subject="Verlof voor een bruiloft",
        attachments=[SimpleUploadedFile("brief.pdf", b"%PDF-1.4\n%%EOF")],
    )
    enrolment = academy_services.enrolment_create(
        edition=edition_with_sessions(), person=member.person
    )
    attachment = question.attachments.get()
    client.force_login(staff_user)
    client.get(reverse("knowledge:question_detail", args=[question.pk]))
    b"".join(
        client.get(
            reverse("knowledge:attachment_download", args=[question.pk, attachment.pk])
        ).streaming_content
    )
    client.get(reverse("members:person_detail", args=[member.person.pk]))
    client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk]), {"next": "participants"})
    ask(MemberFactory(), subject="Iemand anders")  # not hers: not in her export
    client.get(reverse("knowledge:question_detail", args=[question.pk + 1]))

    client.force_login(member)
    data = json.loads(client.get(reverse("members:my_data_download")).content)
    log = data["audit_log"]
    described = [(entry["by"], entry["description"], entry["about"]) for entry in log]
    staff = "Joost Mulder (medewerker van Ingrado)"
    assert described == [
        (
            staff,
            "heeft je inschrijving geannuleerd",
            f"je inschrijving voor “{enrolment.edition.activity.title}”",
        ),
        (staff, "heeft je gegevens bekeken in het ledenoverzicht", "je gegevens"),
        (
            staff,
            "heeft een bijlage bij je vraag gedownload",
            "bijlage brief.pdf bij je vraag “Verlof voor een bruiloft”",
        ),
        (staff, "heeft je vraag geopend", "je vraag “Verlof voor een bruiloft”"),
    ]
    assert all(entry["at"] for entry in log)
    assert [entry["action"] for entry in log][-1] == "question_view"


def test_the_export_tells_when_staff_downloaded_the_persons_certificate(client, member, staff_user):
    from django.core.files.base import ContentFile

    from academy.models import Certificate, Enrolment
    from academy.tests.factories import past_edition_with_sessions

    enrolment = Enrolment.objects.create(
        edition=past_edition_with_sessions(), person=member.person, status="confirmed", price=0
    )
    certificate = Certificate.objects.create(enrolment=enrolment, state="ready")
    certificate.file.save("certificaat.pdf", ContentFile(b"%PDF-1.4"))
    client.force_login(staff_user)
    response = client.get(reverse("academy:certificate_download", args=[enrolment.pk]))
    b"".join(response.streaming_content)
    client.force_login(member)
    log = json.loads(client.get(reverse("members:my_data_download")).content)["audit_log"]
    assert [(entry["description"], entry["about"]) for entry in log] == [
        (
            "heeft je certificaat gedownload",
            f"je certificaat van “{enrolment.edition.activity.title}”",
        )
    ]


def test_the_data_export_shows_dutch_labels_never_status_codes(member_client, member):
    from academy.models import Enrolment
    from academy.tests.factories import edition_with_sessions
    from knowledge.models import Question
    from knowledge.tests.factories import ask

    question = ask(member)
    Question.objects.filter(pk=question.pk).update(status=Question.Status.SENT)
    Enrolment.objects.create(
        edition=edition_with_sessions(), person=member.person, status="confirmed", price=0
    )
    data = json.loads(member_client.get(reverse("members:my_data_download")).content)
    [exported_question] = data["questions"]
    assert exported_question["status"] == "Antwoord verstuurd"
    assert exported_question["messages"][0]["kind"] == "Vraag"
    [enrolment] = data["academy"]
    assert enrolment["status"] == "Bevestigd"
    codes = {"sent", "confirmed", "question", "leerplicht"}
    assert not codes & set(_values(data)), codes & set(_values(data))


def _values(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _values(value)
    elif isinstance(data, str):
        yield data
