"""The meetings figures of a year, on the staff's page and in its CSV, from a small dataset in
which every number is known: per quarter, per kind, per rayon, per kind of organisation, the
share of partners, the evaluations, the rayons that held a rayondag and the regions visited.

What counts (meetings.stats): published meetings whose day in the year has come, consultations
apart; participants are confirmed registrations that checked in, with the organisation, rayon
and kind recorded on the day of registering."""

import csv
import io
import re
from datetime import date, datetime, time

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Evaluation, Meeting, PlaceStatus, Registration
from meetings.tests.factories import meeting
from members.models import Organisation
from members.tests.factories import OrganisationFactory, PersonFactory, RayonFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
RAYONS = ["Noord", "Oost", "Midden", "Noord-West", "Zuid-West", "Zuid-Oost"]


def _year() -> int:
    """Last year: a whole year, every day of it past."""
    return timezone.localdate().year - 1


def _attended(event, person, *, checked_in=True, status=PlaceStatus.CONFIRMED, score=None):
    """A registration as it was on the day (organisation, rayon, kind, membership recorded)."""
    org = person.organisation
    registration = Registration.objects.create(
        meeting=event,
        person=person,
        status=status,
        organisation=org,
        rayon=org.rayon if org else None,
        organisation_kind=org.kind if org else "",
        was_member=bool(org and org.kind != Organisation.Kind.PARTNER),
        checked_in_at=(
            timezone.make_aware(datetime.combine(event.date, time(10))) if checked_in else None
        ),
    )
    if score is not None:
        Evaluation.objects.create(registration=registration, score=score)
    return registration


@pytest.fixture
def dataset():
    """Year Y (last year):

    | meeting                | quarter | participants (checked in)          | scores |
    |------------------------|---------|------------------------------------|--------|
    | ALV 10 March           | Q1      | a (G1, Noord), b (G2, Oost)        | 8, 6   |
    | werkconferentie 10 Mar | Q1      | a (G1), e (P1 partner, Noord)      | -, 7   |
    | rayondag Noord 12 May  | Q2      | f (G1), e (P1)                     | 9, -   |
    | rayondag Oost 2 June   | Q2      | b (G2)                             |        |
    | regional 15 Sept       | Q3      | g (R1 region, Midden), h (no org)  | 4, -   |
    | visit R2 20 Aug        | Q3      |                                    |        |
    | rayondag Noord 1 Oct   | Q4      | a (G1)                             |        |
    | visit R1 20 Nov        | Q4      |                                    |        |
    | visit R1 1 Dec         | Q4      |                                    |        |

    Not counted: registered but not checked in, cancelled, waiting; a draft and a cancelled
    meeting in Y; a meeting the year before (with a score of 1); a consultation (counted
    apart)."""
    year = _year()
    rayons = {name: RayonFactory(name=name) for name in RAYONS}
    g1 = OrganisationFactory(name="Gemeente Een", rayon=rayons["Noord"])
    g2 = OrganisationFactory(name="Gemeente Twee", rayon=rayons["Oost"])
    p1 = OrganisationFactory(
        name="Partner Een", kind=Organisation.Kind.PARTNER, rayon=rayons["Noord"], member_since=None
    )
    r1 = OrganisationFactory(
        name="Regio Midden", kind=Organisation.Kind.REGION, rayon=rayons["Midden"]
    )
    r2 = OrganisationFactory(name="Regio Oost", kind=Organisation.Kind.REGION, rayon=rayons["Oost"])
    a, c = PersonFactory(organisation=g1), PersonFactory(organisation=g1)
    b, d = PersonFactory(organisation=g2), PersonFactory(organisation=g2)
    e = PersonFactory(organisation=p1)
    f = PersonFactory(organisation=g1)
    g = PersonFactory(organisation=r1)
    h = PersonFactory(organisation=None)

    def on(month, day, **fields):
        return meeting(date=date(year, month, day), **fields)

    alv = on(3, 10, kind=Meeting.Kind.ALV, audience=Meeting.Audience.MEMBERS)
    conference = on(3, 10, kind=Meeting.Kind.WERKCONFERENTIE, alv=alv)
    rayondag_noord = on(5, 12, kind=Meeting.Kind.RAYONDAG, rayon=rayons["Noord"])
    rayondag_oost = on(6, 2, kind=Meeting.Kind.RAYONDAG, rayon=rayons["Oost"])
    regional = on(9, 15, kind=Meeting.Kind.REGIONAL)
    on(8, 20, kind=Meeting.Kind.VISIT, region=r2)
    rayondag_noord_again = on(10, 1, kind=Meeting.Kind.RAYONDAG, rayon=rayons["Noord"])
    on(11, 20, kind=Meeting.Kind.VISIT, region=r1)
    on(12, 1, kind=Meeting.Kind.VISIT, region=r1)

    _attended(alv, a, score=8)
    _attended(alv, b, score=6)
    _attended(alv, c, checked_in=False)  # registered, did not come
    _attended(alv, d, checked_in=False, status=PlaceStatus.CANCELLED)
    _attended(alv, f, checked_in=False, status=PlaceStatus.WAITLISTED)
    _attended(conference, a)
    _attended(conference, e, score=7)
    _attended(rayondag_noord, f, score=9)
    _attended(rayondag_noord, e)
    _attended(rayondag_oost, b)
    _attended(regional, g, score=4)
    _attended(regional, h)
    _attended(rayondag_noord_again, a)

    # Not counted:
    draft = on(4, 1, status=Meeting.Status.DRAFT)
    _attended(draft, a, score=10)
    cancelled = on(7, 1, kind=Meeting.Kind.RAYONDAG, rayon=rayons["Zuid-West"])
    cancelled.status = Meeting.Status.CANCELLED
    cancelled.save()
    _attended(cancelled, b, score=10)
    before = meeting(
        date=date(year - 1, 12, 15), kind=Meeting.Kind.RAYONDAG, rayon=rayons["Zuid-Oost"]
    )
    _attended(before, g, score=1)
    meeting(
        date=date(year, 2, 1),
        kind=Meeting.Kind.CONSULTATION,
        answers_until=timezone.make_aware(datetime(year, 2, 28, 17)),
    )
    return year


def _page(staff_client, year) -> lxml.html.HtmlElement:
    response = staff_client.get(reverse("meetings:figures"), {"jaar": year})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _text(element) -> str:
    """The element's text with runs of ordinary white space as one space (a no-break space,
    as between a number and its %, is kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def _table(page, caption: str) -> list[list[str]]:
    (table,) = page.xpath(f'//table[caption[normalize-space()="{caption}"]]')
    return [[_text(cell) for cell in row.xpath("./td")] for row in table.xpath("./tbody/tr")]


def test_the_key_figures_on_the_page(staff_client, dataset):
    page = _page(staff_client, dataset)
    key_figures = [_text(li) for li in page.xpath('//ul[@class="key-figures"]/li')]
    assert key_figures == [
        "9 bijeenkomsten",
        "10 deelnemers",
        "6 verschillende personen",
        "4 bereikte organisaties",
        f"30,0{NBSP}% partners",
        "6,8 gemiddelde evaluatie",
        f"60,0{NBSP}% beoordeeld met 7 of hoger",
        "2 van 6 rayons hielden een rayondag",
        "2 bezochte Doorstroompunt-regio's",
    ]


def test_the_breakdowns_on_the_page(staff_client, dataset):
    page = _page(staff_client, dataset)
    assert _table(page, "Per kwartaal") == [
        ["K1", "2", "4", "3"],
        ["K2", "2", "3", "3"],
        ["K3", "2", "2", "1"],
        ["K4", "3", "1", "1"],
    ]
    assert _table(page, "Per soort bijeenkomst") == [
        ["Algemene ledenvergadering (ALV)", "1", "2"],
        ["Werkconferentie", "1", "2"],
        ["Rayondag", "3", "4"],
        ["Regionale of themabijeenkomst", "1", "2"],
        ["Bezoek aan een Doorstroompunt-regio", "3", "0"],
    ]
    # In the rayons' own order (order, name); rayons without participants are left out.
    assert _table(page, "Per rayon") == [
        ["Midden", "1", "1"],
        ["Noord", "6", "2"],
        ["Oost", "2", "1"],
    ]
    by_organisation_kind = _table(page, "Per soort organisatie")
    assert by_organisation_kind[:2] == [["Gemeente", "6"], ["Partner", "2"]]
    assert sorted(by_organisation_kind[2:]) == [
        ["Doorstroompunt-regio", "1"],
        ["geen organisatie", "1"],
    ]


def test_the_sentences_for_the_annual_report(staff_client, dataset):
    page = _page(staff_client, dataset)
    (heading,) = page.xpath('//h2[normalize-space()="Voor het jaarverslag"]')
    sentences = [_text(li) for li in heading.getnext().xpath("./li")]
    assert "In 2 van de 6 rayons was een rayondag." in sentences
    assert "Twee Doorstroompunt-regio's bezocht." in sentences
    assert any(s.startswith("Drie rayondagen") for s in sentences), sentences


def test_the_csv_has_the_same_figures(staff_client, dataset):
    response = staff_client.get(reverse("meetings:figures_csv", args=[dataset]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Cijfer", "Waarde"]
    values = dict(rows[1:])
    assert len(values) == len(rows) - 1, "every figure once"
    assert {
        "Bijeenkomsten": "9",
        "Deelnemers": "10",
        "Verschillende personen": "6",
        "Bereikte organisaties": "4",
        "Aandeel partners (%)": "30,0",
        "Gemiddelde evaluatie": "6,8",
        "Aandeel beoordeeld met 7 of hoger (%)": "60,0",
        "Rayons met een rayondag": "2 van 6",
        "Bezochte Doorstroompunt-regio's": "2",
        "Ledenraadplegingen": "1",
    }.items() <= values.items()
    quarters = [(values[f"K{n} bijeenkomsten"], values[f"K{n} deelnemers"]) for n in range(1, 5)]
    assert quarters == [("2", "4"), ("2", "3"), ("2", "2"), ("3", "1")]
    assert [values[f"K{n} organisaties"] for n in range(1, 5)] == ["3", "3", "1", "1"]
    assert values["Rayondag: bijeenkomsten"] == "3" and values["Rayondag: deelnemers"] == "4"
    assert values["Bezoek aan een Doorstroompunt-regio: deelnemers"] == "0"
    assert [values[f"Rayon {name}: deelnemers"] for name in ("Noord", "Oost", "Midden")] == [
        "6",
        "2",
        "1",
    ]
    assert "Rayon Zuid-West: deelnemers" not in values
    assert values["Gemeente: deelnemers"] == "6" and values["Partner: deelnemers"] == "2"
    assert values["geen organisatie: deelnemers"] == "1"


def test_a_year_without_meetings_shows_dashes_not_zero_shares(staff_client, dataset):
    page = _page(staff_client, 2001)
    key_figures = [_text(li) for li in page.xpath('//ul[@class="key-figures"]/li')]
    assert key_figures[0] == "0 bijeenkomsten"
    assert key_figures[4] == "– partners" and key_figures[5] == "– gemiddelde evaluatie"
