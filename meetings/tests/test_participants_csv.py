"""The participants CSV that staff send to the KRSD register: who is on it, what each column
holds, in Dutch, and that no cell runs as a spreadsheet formula."""

import csv
import io

import pytest
from django.urls import NoReverseMatch, reverse

from meetings import services
from meetings.models import PlaceStatus, Registration
from meetings.tests.factories import meeting
from members.tests.factories import OrganisationFactory, PersonFactory, RayonFactory

pytestmark = pytest.mark.django_db

# The Academie's KRSD CSV (academy.views.participants_csv) ends with these four columns; the
# KRSD register takes the meetings' file in the same shape.
KRSD_COLUMNS = ["KRSD-registratienummer", "KRSD-punten", "KRSD-registercode", "Datum"]


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM, so Excel reads the accents right"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def _meeting_with_people():
    """Today's regional meeting (3 places, 3 KRSD points): two checked in, one registered
    but not come, one who cancelled, one waiting, and one let in at the door unregistered."""
    noord = RayonFactory(name="Noord")
    org = OrganisationFactory(name="Gemeente Groningen", rayon=noord)
    event = meeting(days_ahead=0, capacity=3, krsd_points=3, krsd_code="KRSD-M-77")
    came = PersonFactory(
        first_name="Anna", last_name="Aanwezig", organisation=org, krsd_number="123456"
    )
    formula = PersonFactory(
        first_name='=HYPERLINK("http://x")',
        last_name="@Som",
        organisation=OrganisationFactory(name="+31 Gemeente", rayon=noord),
        krsd_number="-42",
    )
    absent = PersonFactory(first_name="Bram", last_name="Thuis", organisation=org, krsd_number="7")
    cancelled = PersonFactory(first_name="Carla", last_name="Afgemeld", organisation=org)
    waiting = PersonFactory(first_name="Daan", last_name="Wachtend", organisation=org)
    at_door = PersonFactory(first_name="Eva", last_name="Deur", organisation=org)

    # Carla registers and cancels before the places run out (no one waits, so whether the
    # meeting is already over today promotes no one); then three places are taken.
    carla = services.registration_create(meeting=event, person=cancelled)
    assert services.registration_cancel(registration=carla).status == PlaceStatus.CANCELLED
    for person in (came, absent, formula):
        registration = services.registration_create(meeting=event, person=person)
        assert registration.status == PlaceStatus.CONFIRMED
    assert services.registration_create(meeting=event, person=waiting).status == (
        PlaceStatus.WAITLISTED
    )
    for person in (came, formula, at_door):
        services.check_in(meeting=event, person=person, actor=None, by_staff=True)
    return event


def test_the_csv_lists_confirmed_people_with_presence_and_points_only_for_who_came(
    staff_client,
):
    event = _meeting_with_people()
    rows = _rows(staff_client.get(reverse("meetings:participants_csv", args=[event.pk])))
    header, body = rows[0], rows[1:]
    assert header == [
        "Voornaam",
        "Achternaam",
        "E-mailadres",
        "Organisatie",
        "Rayon",
        *KRSD_COLUMNS[:1],
        "Aanwezig",
        *KRSD_COLUMNS[1:],
    ]
    by_last = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    # Confirmed people only: not the cancelled, not the waiting; the one let in at the door is.
    assert set(by_last) == {"Aanwezig", "Thuis", "Deur", "'@Som"}
    day = event.date.strftime("%d-%m-%Y")
    assert by_last["Aanwezig"] == {
        "Voornaam": "Anna",
        "Achternaam": "Aanwezig",
        "E-mailadres": Registration.objects.get(person__first_name="Anna").person.email,
        "Organisatie": "Gemeente Groningen",
        "Rayon": "Noord",
        "KRSD-registratienummer": "123456",
        "Aanwezig": "ja",
        "KRSD-punten": "3",
        "KRSD-registercode": "KRSD-M-77",
        "Datum": day,
    }
    # Registered but not come: on the list, no points.
    assert [by_last["Thuis"][c] for c in ("Aanwezig", "KRSD-punten", "KRSD-registratienummer")] == [
        "nee",
        "0",
        "7",
    ]
    assert by_last["Deur"]["Aanwezig"] == "ja" and by_last["Deur"]["KRSD-punten"] == "3"
    assert by_last["Deur"]["KRSD-registratienummer"] == ""


def test_no_cell_of_the_csv_runs_as_a_formula(staff_client):
    event = _meeting_with_people()
    rows = _rows(staff_client.get(reverse("meetings:participants_csv", args=[event.pk])))
    row = next(r for r in rows[1:] if r[1] == "'@Som")
    assert row[0] == '\'=HYPERLINK("http://x")'
    assert row[3] == "'+31 Gemeente"
    assert row[5] == "'-42"
    for cell in (c for r in rows for c in r):
        assert cell[:1] not in {"=", "+", "-", "@", "\t", "\r"}, cell


def test_the_csv_is_for_staff_only(client, member):
    event = meeting(days_ahead=0, krsd_points=2)
    url = reverse("meetings:participants_csv", args=[event.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_a_meeting_without_krsd_points_gives_zero_points_and_an_empty_code(staff_client):
    event = meeting(days_ahead=0)
    person = PersonFactory(first_name="Fien")
    services.registration_create(meeting=event, person=person)
    services.check_in(meeting=event, person=person, actor=None, by_staff=True)
    rows = _rows(staff_client.get(reverse("meetings:participants_csv", args=[event.pk])))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert (record["Aanwezig"], record["KRSD-punten"], record["KRSD-registercode"]) == (
        "ja",
        "0",
        "",
    )


def test_there_is_no_xlsx_variant_of_the_meetings_participants_list():
    # The Academie offers the KRSD list as .xlsx too; the meetings list is CSV only. If an
    # .xlsx route is added, this test says to cover it here.
    with pytest.raises(NoReverseMatch):
        reverse("meetings:participants_xlsx", args=[1])
