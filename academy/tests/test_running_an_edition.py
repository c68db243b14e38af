"""Staff run an edition: participants, CSV for KRSD, attendance, certificates, evaluations."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from academy import services, stats
from academy.models import Attendance, Certificate, Enrolment, Evaluation
from academy.tests.factories import (
    average_scores,
    edition_with_sessions,
    past_edition_with_sessions,
)
from members.models import AuditLog
from members.tests.factories import MemberFactory, OrganisationFactory, PersonFactory
from tests.support import page_queries

pytestmark = pytest.mark.django_db


def _enrol(edition, count, **person):
    return [
        services.enrolment_create(edition=edition, person=PersonFactory(**person))
        for _ in range(count)
    ]


def test_the_participant_list_shows_status_organisation_krsd_number_and_waiting_position(
    staff_client,
):
    edition = edition_with_sessions(capacity=1)
    organisation = OrganisationFactory(name="Gemeente Deventer")
    services.enrolment_create(
        edition=edition,
        person=PersonFactory(last_name="Jansen", organisation=organisation, krsd_number="K-123"),
    )
    services.enrolment_create(edition=edition, person=PersonFactory(last_name="Bakker"))
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert "Gemeente Deventer" in page and "K-123" in page
    assert "Bevestigd" in page and "wachtlijst, nummer 1" in page


def test_each_participant_row_shows_attendance_evaluation_and_certificate(staff_client):
    edition = past_edition_with_sessions(capacity=10, sessions=2)
    people = {
        name: services.enrolment_create(edition=edition, person=PersonFactory(first_name=name))
        for name in ("Anna", "Bram", "Cees", "Dirk")
    }
    services.enrolment_create(
        edition=edition, person=PersonFactory(first_name="", last_name="", email="x@vb.nl")
    )
    gone = services.enrolment_create(edition=edition, person=PersonFactory(first_name="Weg"))
    Enrolment.objects.filter(pk=gone.pk).update(status=Enrolment.Status.CANCELLED)
    first, second = edition.sessions.all()
    everyone = [e.pk for name, e in people.items() if name != "Cees"]
    services.attendance_register(edition=edition, session=first, present_enrolment_ids=everyone)
    services.attendance_register(
        edition=edition, session=second, present_enrolment_ids=everyone + [people["Cees"].pk]
    )
    Certificate.objects.create(enrolment=people["Anna"], state=Certificate.State.READY)
    Certificate.objects.create(
        enrolment=people["Dirk"], state=Certificate.State.FAILED, failure_reason="Geen <lettertype>"
    )
    Evaluation.objects.create(enrolment=people["Anna"], score=8)
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    page = re.sub(r"\s+<", "<", re.sub(r">\s+", ">", page))
    rows = {
        row.split("</td>")[0].removeprefix("<td>").split()[0]: row for row in page.split("<tr>")[2:]
    }
    present = '<td>✓<span class="visually-hidden">aanwezig</span></td>'
    assert rows["Anna"].count(present) == 2 and "gedaan" in rows["Anna"]
    assert "Klaar" in rows["Anna"]
    assert "komt in aanmerking" in rows["Bram"] and "gedaan" not in rows["Bram"]
    assert rows["Cees"].count(present) == 1 and "komt in aanmerking" not in rows["Cees"]
    assert "Mislukt" in rows["Dirk"] and "Geen &lt;lettertype&gt;" in rows["Dirk"]
    assert "x@vb.nl" in rows and "Weg" not in rows
    assert "gemiddeld cijfer 8,0" in page


def test_the_participant_list_averages_the_listed_evaluations(staff_client):
    edition = past_edition_with_sessions(capacity=5, sessions=1)
    first, second, cancelled = _enrol(edition, 3)
    Evaluation.objects.create(enrolment=first, score=7)
    Evaluation.objects.create(enrolment=second, score=8)
    services.enrolment_cancel(enrolment=cancelled, by_staff=True)
    Evaluation.objects.create(enrolment=cancelled, score=1)
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert "gemiddeld cijfer 7,5" in page


def test_a_participant_list_without_evaluations_shows_no_average(staff_client):
    edition = past_edition_with_sessions(capacity=5, sessions=1)
    _enrol(edition, 1, first_name="Anna")
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert "Anna" in page and "gemiddeld cijfer" not in page


def test_participant_list_queries_do_not_grow_with_participants(staff_client):
    def count_for(participants):
        edition = past_edition_with_sessions(capacity=50, sessions=3)
        enrolments = _enrol(edition, participants)
        for session in edition.sessions.all():
            services.attendance_register(
                edition=edition, session=session, present_enrolment_ids=[e.pk for e in enrolments]
            )
        services.certificates_issue_for_edition(edition=edition)
        url = reverse("academy:participants", args=[edition.pk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(page_queries(queries))

    small, large = count_for(2), count_for(25)
    # user, roles, two-factor check, permissions (user's, groups'), edition with activity,
    # its sessions, rows, attendance
    assert small == large == 9


def test_before_the_first_session_the_participant_list_reads_no_attendance(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    edition = edition_with_sessions(capacity=5, sessions=2)
    _enrol(edition, 2)
    url = reverse("academy:participants", args=[edition.pk])
    with CaptureQueriesContext(connection) as queries:
        page = staff_client.get(url).content.decode()
    queries = page_queries(queries)
    # Whether each attended every session is a subquery of the rows' query (the one rule,
    # `with_attended_every_session`); no query of its own reads the attendance.
    assert not any(query["sql"].startswith('SELECT "academy_attendance"') for query in queries)
    assert len(queries) == 8 and "aanwezig</span>" not in page


def test_the_krsd_csv_lists_confirmed_participants_with_number_points_and_attendance(
    staff_client,
):
    edition = past_edition_with_sessions(capacity=2, sessions=2)
    complete, partial = (
        services.enrolment_create(
            edition=edition, person=PersonFactory(first_name=name, krsd_number=f"K-{name}")
        )
        for name in ("Anna", "Bram")
    )
    services.enrolment_create(edition=edition, person=PersonFactory(first_name="Wachtend"))
    first, second = edition.sessions.all()
    services.attendance_register(
        edition=edition, session=first, present_enrolment_ids=[complete.pk, partial.pk]
    )
    services.attendance_register(
        edition=edition, session=second, present_enrolment_ids=[complete.pk]
    )
    response = staff_client.get(reverse("academy:participants_csv", args=[edition.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "Voornaam",
        "Achternaam",
        "E-mailadres",
        "Organisatie",
        "KRSD-registratienummer",
        "Bij elke bijeenkomst aanwezig",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Anna", "Bram"}
    assert by_name["Anna"][4:8] == ["K-Anna", "ja", "8", "KRSD-2401"]
    assert by_name["Bram"][5] == "nee"


def test_attendance_form_records_present_and_absent_and_can_be_corrected(staff_client):
    edition = past_edition_with_sessions(sessions=1)
    anna, bram = _enrol(edition, 2)
    session = edition.sessions.get()
    url = reverse("academy:attendance", args=[edition.pk, session.pk])
    staff_client.post(url, {"present": [str(anna.pk)]})
    assert dict(Attendance.objects.values_list("enrolment_id", "present")) == {
        anna.pk: True,
        bram.pk: False,
    }
    staff_client.post(url, {"present": [str(bram.pk)]})
    assert dict(Attendance.objects.values_list("enrolment_id", "present")) == {
        anna.pk: False,
        bram.pk: True,
    }
    assert AuditLog.objects.filter(action="academy.attendance_register").count() == 2


def test_attendance_ignores_people_who_are_not_confirmed_participants(staff_client):
    edition = past_edition_with_sessions(capacity=1, sessions=1)
    confirmed, waiting = _enrol(edition, 2)
    other = services.enrolment_create(edition=edition_with_sessions(), person=PersonFactory())
    session = edition.sessions.get()
    count = services.attendance_register(
        edition=edition, session=session, present_enrolment_ids=[confirmed.pk, waiting.pk, other.pk]
    )
    assert count == 1
    assert list(Attendance.objects.values_list("enrolment_id", flat=True)) == [confirmed.pk]


def test_attendance_for_a_session_still_to_come_is_refused_with_a_message(staff_client):
    edition = edition_with_sessions()
    (enrolment,) = _enrol(edition, 1)
    session = edition.sessions.get()
    response = staff_client.post(
        reverse("academy:attendance", args=[edition.pk, session.pk]),
        {"present": [str(enrolment.pk)]},
        follow=True,
    )
    assert "vanaf de dag van de bijeenkomst" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_of_a_session_of_another_edition_is_not_found(staff_client):
    edition = past_edition_with_sessions()
    other_session = past_edition_with_sessions().sessions.first()
    response = staff_client.post(
        reverse("academy:attendance", args=[edition.pk, other_session.pk]), {"present": []}
    )
    assert response.status_code == 404


def test_issuing_certificates_covers_exactly_those_who_attended_every_session(
    staff_client, django_capture_on_commit_callbacks
):
    edition = past_edition_with_sessions(sessions=2)
    complete, partial, absent = _enrol(edition, 3)
    first, second = edition.sessions.all()
    services.attendance_register(
        edition=edition, session=first, present_enrolment_ids=[complete.pk, partial.pk]
    )
    services.attendance_register(
        edition=edition, session=second, present_enrolment_ids=[complete.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("academy:issue_certificates", args=[edition.pk]), follow=True
        )
    assert "1 certificaat wordt gemaakt." in response.content.decode()
    certificate = Certificate.objects.get()
    assert certificate.enrolment_id == complete.pk
    assert certificate.state == Certificate.State.READY and certificate.file
    with django_capture_on_commit_callbacks(execute=True):
        assert services.certificates_issue_for_edition(edition=edition) == (0, 0)
    assert Certificate.objects.count() == 1
    again = staff_client.post(reverse("academy:issue_certificates", args=[edition.pk]), follow=True)
    assert (
        "Geen nieuwe certificaten: iedereen die bij elke bijeenkomst aanwezig was, heeft er al een."
        in again.content.decode()
    )


def test_the_certificate_message_says_how_many_are_being_made(
    staff_client, django_capture_on_commit_callbacks
):
    edition = past_edition_with_sessions(sessions=1)
    nobody = staff_client.post(
        reverse("academy:issue_certificates", args=[edition.pk]), follow=True
    )
    assert "Geen certificaten gemaakt: nog niemand was bij elke bijeenkomst aanwezig." in (
        nobody.content.decode()
    )
    enrolments = _enrol(edition, 9)
    services.attendance_register(
        edition=edition,
        session=edition.sessions.get(),
        present_enrolment_ids=[e.pk for e in enrolments],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("academy:issue_certificates", args=[edition.pk]), follow=True
        )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["9 certificaten worden gemaakt."]


def test_a_participant_evaluates_once_after_the_last_session_and_averages_follow(member):
    edition = past_edition_with_sessions()
    mine = services.enrolment_create(edition=edition, person=member.person)
    other = services.enrolment_create(edition=edition, person=PersonFactory())
    services.evaluation_submit(enrolment=mine, score=9, comments="  Leerzaam  ")
    services.evaluation_submit(enrolment=other, score=7)
    assert Evaluation.objects.get(enrolment=mine).comments == "Leerzaam"
    with pytest.raises(services.EvaluationNotAllowed) as error:
        services.evaluation_submit(enrolment=mine, score=10)
    assert error.value.message == "Je hebt deze editie al geëvalueerd."
    assert average_scores([edition]) == {edition.pk: 8.0}
    (row,) = stats.activity_averages()
    assert (row["title"], row["average"], row["evaluations"]) == (
        edition.activity.title,
        8.0,
        2,
    )


def test_someone_on_the_waiting_list_cannot_evaluate():
    edition = past_edition_with_sessions(capacity=1)
    services.enrolment_create(edition=edition, person=PersonFactory())
    waiting = services.enrolment_create(edition=edition, person=PersonFactory())
    with pytest.raises(services.EvaluationNotAllowed):
        services.evaluation_submit(enrolment=waiting, score=8)


@pytest.mark.parametrize("score", [0, 11, "tien", None])
def test_a_score_outside_1_to_10_is_refused(score):
    enrolment = services.enrolment_create(
        edition=past_edition_with_sessions(), person=PersonFactory()
    )
    with pytest.raises(services.EvaluationNotAllowed):
        services.evaluation_submit(enrolment=enrolment, score=score)
    assert not Evaluation.objects.exists()


def test_the_evaluation_page_shows_the_rule_as_a_form_error_before_the_end(member_client, member):
    enrolment = services.enrolment_create(edition=edition_with_sessions(), person=member.person)
    response = member_client.post(reverse("academy:evaluate", args=[enrolment.pk]), {"score": "9"})
    assert response.status_code == 200
    assert "Je kunt evalueren na de laatste bijeenkomst." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_participant_page_shows_the_average_rating(staff_client):
    edition = past_edition_with_sessions()
    for score in (8, 9):
        enrolment = services.enrolment_create(edition=edition, person=MemberFactory().person)
        services.evaluation_submit(enrolment=enrolment, score=score)
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert "gemiddeld cijfer 8,5" in page


def test_staff_cancel_a_participant_from_the_list_after_the_deadline(staff_client):
    edition = past_edition_with_sessions()
    (enrolment,) = _enrol(edition, 1)
    response = staff_client.post(
        reverse("academy:enrolment_cancel", args=[enrolment.pk]), {"next": "participants"}
    )
    assert response.url == reverse("academy:participants", args=[edition.pk])
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED


def test_cancelling_from_the_participant_list_asks_for_confirmation_first(staff_client):
    edition = past_edition_with_sessions()
    enrolment = services.enrolment_create(
        edition=edition, person=PersonFactory(first_name="Anne", last_name="Bakker")
    )
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    cancel = reverse("academy:enrolment_cancel", args=[enrolment.pk])
    assert f'<a href="{cancel}">Annuleren' in page, "a link to the confirmation, not a button"
    confirmation = staff_client.get(cancel)
    assert confirmation.status_code == 200
    content = confirmation.content.decode()
    assert "Anne Bakker" in content
    assert f'<form method="post" action="{cancel}"' in content
    assert '<input type="hidden" name="next" value="participants">' in content
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CONFIRMED
    response = staff_client.post(cancel, {"next": "participants"})
    assert response.url == reverse("academy:participants", args=[edition.pk])
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED


def test_the_attendance_form_ticks_who_was_there_and_escapes_names(staff_client):
    edition = past_edition_with_sessions(sessions=1)
    here, away = _enrol(edition, 2)
    here.person.first_name = "<b>Jan</b>"
    here.person.save()
    session = edition.sessions.get()
    services.attendance_register(edition=edition, session=session, present_enrolment_ids=[here.pk])
    page = staff_client.get(reverse("academy:participants", args=[edition.pk])).content.decode()
    assert f'value="{here.pk}" checked>' in page
    assert f'value="{away.pk}">' in page
    assert "<b>Jan</b>" not in page and "&lt;b&gt;Jan&lt;/b&gt;" in page


def test_the_list_the_krsd_csv_and_the_certificates_agree_on_who_attended_every_session(
    staff_client,
):
    """One rule (`Enrolment.objects.with_attended_every_session`) for all three: also for a
    session moved to a later date after attendance was registered (not attended yet)."""
    edition = past_edition_with_sessions(capacity=5, sessions=3)
    anna, bram, cas = (
        services.enrolment_create(edition=edition, person=PersonFactory(first_name=name))
        for name in ("Anna", "Bram", "Cas")
    )
    first, second, third = edition.sessions.order_by("date")
    for session, present in (
        (first, [anna, bram, cas]),
        (second, [anna, bram]),
        (third, [anna, bram]),
    ):
        services.attendance_register(
            edition=edition, session=session, present_enrolment_ids=[e.pk for e in present]
        )
    third.date = third.date + timedelta(days=30)  # moved to next month by staff
    third.save()

    page = staff_client.get(reverse("academy:participants", args=[edition.pk]))
    eligible = {e.person.first_name: e.attended_every_session for e in page.context["enrolments"]}
    response = staff_client.get(reverse("academy:participants_csv", args=[edition.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    in_csv = {row[0]: row[5] == "ja" for row in rows[1:]}
    issued = services.certificates_issue_for_edition(edition=edition)
    with_certificate = set(
        Certificate.objects.values_list("enrolment__person__first_name", flat=True)
    )
    assert eligible == in_csv == {"Anna": False, "Bram": False, "Cas": False}
    assert issued.issued == 0 and with_certificate == set()
    with pytest.raises(services.NotEligibleForCertificate):
        services.certificate_issue(enrolment=anna)

    third.date = third.date - timedelta(days=30)  # back where it was: taken place
    third.save()
    page = staff_client.get(reverse("academy:participants", args=[edition.pk]))
    eligible = {e.person.first_name: e.attended_every_session for e in page.context["enrolments"]}
    assert eligible == {"Anna": True, "Bram": True, "Cas": False}
    assert services.certificates_issue_for_edition(edition=edition).issued == 2
    assert set(Certificate.objects.values_list("enrolment__person__first_name", flat=True)) == {
        "Anna",
        "Bram",
    }
    with pytest.raises(services.NotEligibleForCertificate):
        services.certificate_issue(enrolment=cas)
