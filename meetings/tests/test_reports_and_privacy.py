import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ingrado import generated_files
from meetings import services
from meetings.models import Ballot, MeetingReport, Registration
from meetings.tests.factories import alv, meeting, member_organisation_with_delegate
from members.tests.factories import ManagerFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _alv_with_votes():
    general = alv()
    voters = [member_organisation_with_delegate(general) for _ in range(3)]
    for _org, person in voters:
        services.check_in(meeting=general, person=person, actor=None, by_staff=True)
    for title, secret in (("Jaarrekening 2025 vaststellen", False), ("Benoeming bestuurder", True)):
        decision = services.decision_save(
            meeting=general, actor=None, title=title, is_secret=secret
        )
        services.decision_open(decision=decision, actor=None)
        for (organisation, person), choice in zip(voters, ["for", "for", "against"], strict=True):
            services.vote_cast(
                decision=decision,
                organisation=organisation,
                choice=choice,
                voter=person,
                actor=None,
            )
        services.decision_close(decision=decision, actor=None)
    return general, voters


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_besluitenlijst_is_a_tagged_pdf_with_each_result(
    staff_client, django_capture_on_commit_callbacks
):
    general, _voters = _alv_with_votes()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("meetings:report_request", args=[general.pk]), {"kind": "besluitenlijst"}
        )
    report = MeetingReport.objects.get()
    assert report.state == MeetingReport.State.READY
    with report.file.open("rb") as handle:
        pdf = handle.read()
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    assert root["/MarkInfo"]["/Marked"]
    text = _text(pdf)
    assert "Besluitenlijst" in text and "Jaarrekening 2025 vaststellen" in text
    assert "Aangenomen: 2 voor, 1 tegen, 0 onthoudingen" in " ".join(text.split())
    response = staff_client.get(reverse("meetings:report_download", args=[report.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_presentielijst_names_who_came_for_which_organisation(
    django_capture_on_commit_callbacks,
):
    general, voters = _alv_with_votes()
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = services.meeting_report_request(
            meeting=general, kind="presentielijst", actor=None
        )
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        text = " ".join(_text(handle.read()).split())
    for organisation, person in voters:
        assert organisation.name in text and person.last_name in text


def test_a_stuck_report_is_made_again_by_the_sweeper_and_asking_twice_makes_one(settings):
    general = meeting(days_ahead=-1)
    report = MeetingReport.objects.create(
        meeting=general,
        kind="presentielijst",
        state=MeetingReport.State.GENERATING,
        task_id="a-dead-worker",
        attempts=1,
        state_changed_at=timezone.now() - timedelta(minutes=10),
    )
    assert services.meeting_report_request(meeting=general, kind="presentielijst", actor=None) == (
        report,
        False,
    )
    generated_files.sweep()
    report.refresh_from_db()
    assert report.state == MeetingReport.State.READY and report.attempts == 2
    assert MeetingReport.objects.count() == 1


def test_the_person_exports_registrations_delegations_named_votes_and_proxies(roles_synced):
    general, voters = _alv_with_votes()
    organisation, person = voters[0]
    data = services_export(person)
    [registration] = data["registrations"]
    assert registration["organisation"] == organisation.name and registration["checked_in_at"]
    assert data["voting_delegations"][0]["organisation"] == organisation.name
    choices = sorted((v["decision"], v["choice"]) for v in data["votes"])
    assert choices == [("Benoeming bestuurder", None), ("Jaarrekening 2025 vaststellen", "for")]
    manager = ManagerFactory()
    future = alv(days_ahead=5)
    holder, _ = member_organisation_with_delegate(future)
    services.proxy_grant(meeting=future, holder=holder, actor_person=manager.person, actor=manager)
    [given] = services_export(manager.person)["proxies_given"]
    assert given["given_to"] == holder.name
    # Who checked the person in is in the audit log part of the export.
    from members.services import person_export_data

    actions = {entry["action"] for entry in person_export_data(person=person)["audit_log"]}
    assert "meetings.check_in" in actions


def services_export(person):
    from meetings.panels import export_personal_data

    return export_personal_data(person)


def test_erasure_keeps_the_counts_of_meetings_and_votes():
    from meetings.stats import year_figures
    from members.services import person_erase

    general, voters = _alv_with_votes()
    before = year_figures(general.date.year)
    person = voters[0][1]
    Registration.objects.filter(person=person).update(status="confirmed")
    person_erase(person=person, actor=None)
    after = year_figures(general.date.year)
    assert after["participants"] == before["participants"]
    assert after["organisations"] == before["organisations"]
    assert Ballot.objects.filter(cast_by=person).count() == 2


def test_my_ingrado_shows_my_meetings_and_where_i_vote(client, roles_synced):
    from members.tests.factories import MemberFactory

    user = MemberFactory()
    general = alv(days_ahead=3, title="ALV december")
    services.registration_create(meeting=general, person=user.person)
    from meetings.models import Delegate

    Delegate.objects.create(
        meeting=general, organisation=user.person.organisation, person=user.person
    )
    client.force_login(user)
    page = client.get(reverse("members:dashboard")).content.decode()
    assert "Mijn bijeenkomsten" in page and "ALV december" in page
    assert f"Je brengt de stem van {user.person.organisation.name} uit op ALV december" in page


def test_an_erased_persons_waiting_place_is_passed_over():
    from members.services import person_erase

    event = meeting(capacity=1)
    first = services.registration_create(meeting=event, person=PersonFactory())
    erased = PersonFactory()
    services.registration_create(meeting=event, person=erased)
    Registration.objects.filter(person=erased).update(
        created_at=first.created_at + timedelta(seconds=1)
    )
    waiting = services.registration_create(meeting=event, person=PersonFactory())
    erased.erased_at = timezone.now()
    erased.save()
    services.registration_cancel(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert person_erase  # the erasure itself is in test_registration
