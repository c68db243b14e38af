"""Year figures, the iCalendar writer, the verification page and the demo data."""

import io
from datetime import date, time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from academy import ics, stats
from academy.models import Certificate, Edition, Enrolment, Evaluation, Session
from academy.tests.factories import ActivityFactory, average_scores
from members.models import Person
from members.tests.factories import PersonFactory

# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_figures_calendar_and_demo")]


def _held(day, *, kind="training", cancelled=False, people=(), status="confirmed"):
    edition = Edition.objects.create(
        activity=ActivityFactory(kind=kind),
        capacity=20,
        enrolment_deadline=day,
        cancellation_deadline=day,
        is_cancelled=cancelled,
    )
    Session.objects.create(edition=edition, date=day, start_time=time(9), end_time=time(12))
    return edition, [
        Enrolment.objects.create(edition=edition, person=p, status=status, price=0) for p in people
    ]


def test_year_figures_count_editions_held_people_ratings_and_certificates():
    anna, bram, chris = (PersonFactory() for _ in range(3))
    first, (e1, e2) = _held(date(2024, 3, 1), people=[anna, bram])
    _second, (e3,) = _held(date(2024, 9, 1), kind="webinar", people=[anna])
    _held(date(2024, 5, 1), cancelled=True, people=[chris])
    _held(date(2023, 5, 1), people=[chris])
    _held(date(2024, 6, 1), people=[chris], status="waitlisted")
    for enrolment, score in ((e1, 9), (e2, 7), (e3, 8)):
        Evaluation.objects.create(enrolment=enrolment, score=score)
    Certificate.objects.create(
        enrolment=e1, issued_at=timezone.make_aware(timezone.datetime(2024, 3, 5, 12))
    )
    Certificate.objects.create(
        enrolment=e2, issued_at=timezone.make_aware(timezone.datetime(2025, 1, 5, 12))
    )
    figures = stats.year_figures(2024)
    assert figures["activities"] == 3  # the one with only a waiting list was held too
    assert figures["activities_by_kind"] == [("Training", 2), ("Webinar", 1)]
    assert (figures["enrolments"], figures["participants"]) == (3, 2)
    assert figures["average_rating"] == 8.0
    assert figures["share_rated_8_or_higher"] == 66.7
    assert figures["certificates"] == 1


def test_year_figures_of_an_empty_year_have_no_averages():
    figures = stats.year_figures(2019)
    assert figures["activities"] == 0
    assert figures["average_rating"] is None and figures["share_rated_8_or_higher"] is None


def test_the_figures_page_shows_the_year(staff_client):
    _held(date(2024, 3, 1), people=[PersonFactory()])
    response = staff_client.get(reverse("academy:figures"), {"jaar": "2024"})
    assert response.context["figures"]["activities"] == 1
    assert "Cijfers Academie 2024" in response.content.decode()


def test_calendar_text_is_escaped_and_long_lines_are_folded_on_character_boundaries():
    from ingrado import icalendar  # the Academie's calendars are written by it

    assert icalendar.escape("Zwolle, zaal 3; ingang B\nachterom\\") == (
        "Zwolle\\, zaal 3\\; ingang B\\nachterom\\\\"
    )
    line = "SUMMARY:" + "Één ethische casusbespreking met het Moreel Kompas " * 4
    folded = icalendar.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


def test_calendar_events_are_in_utc_for_amsterdam_times_in_winter_and_summer():
    edition = Edition.objects.create(
        activity=ActivityFactory(title="Gespreksvoering, met ouders; en jongeren"),
        capacity=5,
        enrolment_deadline=date(2027, 1, 1),
        cancellation_deadline=date(2027, 1, 1),
    )
    winter = Session.objects.create(
        edition=edition, date=date(2027, 1, 12), start_time=time(9, 30), end_time=time(12)
    )
    summer = Session.objects.create(
        edition=edition,
        date=date(2027, 6, 8),
        start_time=time(9, 30),
        end_time=time(12),
        online_link="https://webinar.ingrado.nl/live",
    )
    body = ics.edition_calendar(edition, [winter, summer])
    assert "DTSTART:20270112T083000Z" in body and "DTEND:20270112T110000Z" in body
    assert "DTSTART:20270608T073000Z" in body
    assert "SUMMARY:Gespreksvoering\\, met ouders\\; en jongeren (1/2)" in body
    assert "LOCATION:https://webinar.ingrado.nl/live" in body
    assert body.count(f"UID:academie-{edition.pk}-") == 2
    assert "\n" not in body.replace("\r\n", "")


def test_the_calendar_download_has_the_calendar_content_type(client):
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions()
    response = client.get(reverse("academy:edition_ics", args=[edition.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]


def test_the_verification_page_shows_name_activity_and_date_only(client):
    person = PersonFactory(first_name="Noor", last_name="de Vries", krsd_number="K-99")
    edition, (enrolment,) = _held(date(2025, 4, 2), people=[person])
    certificate = Certificate.objects.create(enrolment=enrolment, state="ready")
    page = client.get(reverse("academy:certificate_verify", args=[certificate.code]))
    text = page.content.decode()
    assert "Noor de Vries" in text and edition.activity.title in text and "2-4-2025" in text
    assert person.email not in text and "K-99" not in text
    lower = client.get(reverse("academy:certificate_verify", args=[certificate.code.lower()]))
    assert lower.status_code == 200


def test_an_unknown_or_unfinished_certificate_code_is_a_friendly_404(client):
    edition, (enrolment,) = _held(date(2025, 4, 2), people=[PersonFactory()])
    queued = Certificate.objects.create(enrolment=enrolment, state="queued")
    for code in ["ONBEKEND123", queued.code]:
        response = client.get(reverse("academy:certificate_verify", args=[code]))
        assert response.status_code == 404
        assert "Certificaat niet gevonden" in response.content.decode()


@pytest.fixture
def demo(demo_data, db, settings):
    """seed_demo's data, seeded once for this module: the tests using it come last."""
    settings.DEBUG = True


def test_the_demo_reproduces_the_2025_annual_report(demo):
    figures = stats.year_figures(2025)
    assert figures["activities"] == 23
    assert figures["participants"] > 250
    assert figures["certificates"] == 27
    averages = average_scores(Edition.objects.filter(sessions__date__year=2025))
    assert len(averages) == 23 and min(averages.values()) >= 8


def test_the_demo_is_idempotent(demo):
    counts = [m.objects.count() for m in (Edition, Enrolment, Evaluation, Certificate)]
    call_command("seed_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in (Edition, Enrolment, Evaluation, Certificate)] == counts


def test_the_demo_has_upcoming_places_a_waiting_list_and_the_demo_members_history(demo):
    today = timezone.localdate()
    upcoming = Edition.objects.filter(sessions__date__gt=today).with_dates_and_places()
    assert upcoming.filter(places_left__gt=0).exists()
    assert Enrolment.objects.filter(status="waitlisted", edition__sessions__date__gt=today).exists()
    lid = Person.objects.get(email="lid@example.org")
    assert Enrolment.objects.filter(
        person=lid, status="confirmed", edition__sessions__date__gt=today
    ).exists()
    assert Certificate.objects.filter(enrolment__person=lid, state="ready").count() == 1
    lid2 = Person.objects.get(email="lid2@example.org")
    assert Enrolment.objects.filter(person=lid2, status="waitlisted").exists()


def test_the_demo_holds_sessions_and_issues_certificates_on_working_days_only(demo):
    from ingrado.workdays import is_working_day

    session_days = set(Session.objects.values_list("date", flat=True))
    assert session_days
    assert [day for day in session_days if not is_working_day(day)] == []
    issued = {
        timezone.localtime(moment).date()
        for moment in Certificate.objects.values_list("issued_at", flat=True)
    }
    assert issued
    assert [day for day in issued if not is_working_day(day)] == []
