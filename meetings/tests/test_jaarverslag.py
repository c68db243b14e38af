"""The meetings' part of the jaarverslag (meetings.jaarverslag): the ALVs, rayondagen, the
rayon contact persons' meetings and the region visits of a year, as results in words of the
projects found by their code, never by their name."""

from datetime import date

import pytest

from ingrado import annual_figures
from meetings import jaarverslag
from meetings.models import Meeting
from members.models import Organisation
from members.tests.factories import OrganisationFactory, RayonFactory
from programmes import figures, selectors
from programmes.tests.factories import ProgrammeFactory, ProjectFactory

from .factories import meeting

pytestmark = pytest.mark.django_db

K = Meeting.Kind
YEAR = 2025


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


@pytest.fixture
def projects():
    """Programme 5's Community and programme 2's Voortijdig schoolverlaten, by their codes."""
    return {
        "community": ProjectFactory(
            programme=ProgrammeFactory(number=5, name="Verbonden vereniging"),
            name="Community",
            slug="community",
            code="community",
        ),
        "regions": ProjectFactory(
            programme=ProgrammeFactory(number=2, name="Vind je plek"),
            name="Voortijdig schoolverlaten",
            slug="voortijdig-schoolverlaten",
            code="voortijdig-schoolverlaten",
        ),
    }


def _held_2025():
    """The 2025 of the jaarverslag: two ALVs with a werkconferentie each, two rayondagen, the
    kick-off and three region visits (one region twice)."""
    for day in (date(YEAR, 4, 16), date(YEAR, 9, 30)):
        general = meeting(kind=K.ALV, date=day)
        meeting(kind=K.WERKCONFERENTIE, date=day, alv=general)
    meeting(kind=K.RAYONDAG, date=date(YEAR, 11, 6), rayon=RayonFactory(name="Zuid-Oost"))
    meeting(kind=K.RAYONDAG, date=date(YEAR, 3, 20), rayon=RayonFactory(name="Midden"))
    meeting(
        kind=K.RAYON_CONTACTS, date=date(YEAR, 2, 4), title="Kick-off voor de rayoncontactpersonen"
    )
    regions = [OrganisationFactory(kind=Organisation.Kind.REGION) for _ in range(2)]
    for region, day in zip([*regions, regions[0]], (3, 4, 5), strict=True):
        meeting(kind=K.VISIT, date=date(YEAR, day, 1), region=region)


def test_the_providers_are_registered_for_the_projects_codes():
    assert annual_figures.get("meetings").project == "community"
    assert annual_figures.get("meetings-regions").project == "voortijdig-schoolverlaten"
    assert annual_figures.get("meetings").present is jaarverslag.present_community


def test_a_year_with_meetings_states_the_alv_dates_the_rayondagen_the_kick_off_and_regions(
    projects,
):
    _held_2025()
    community = figures.computed_for(projects["community"], YEAR)
    assert [_plain(item) for item in community.items] == [
        "Twee algemene ledenvergaderingen en bijbehorende werkconferenties, op 16 april en op "
        "30 september.",
        "Twee rayondagen, in samenwerking met de rayoncontactpersonen: rayon Midden (20 maart) "
        "en rayon Zuid-Oost (6 november).",
        "Kick-off voor de rayoncontactpersonen (4 februari).",
    ]
    assert [(m.happened_on, m.text) for m in community.moments] == [
        (date(YEAR, 3, 20), "Rayondag rayon Midden, in samenwerking met de rayoncontactpersonen."),
        (date(YEAR, 4, 16), "Algemene ledenvergadering met werkconferentie."),
        (date(YEAR, 9, 30), "Algemene ledenvergadering met werkconferentie."),
        (
            date(YEAR, 11, 6),
            "Rayondag rayon Zuid-Oost, in samenwerking met de rayoncontactpersonen.",
        ),
    ]
    assert community.figures == [] and community.text == ""
    regions = figures.computed_for(projects["regions"], YEAR)
    # Two regions, one of them visited twice: regions are counted, not visits.
    assert regions.items == ["Twee Doorstroompunt-regio's bezocht."]
    assert [(f.value, f.label) for f in regions.figures] == [("2", "regio's bezocht")]


def test_a_year_without_meetings_adds_nothing_to_the_projects(projects):
    _held_2025()
    for project in projects.values():
        assert figures.computed_for(project, YEAR + 1) == figures.Computed()
    # Nothing under a project: its "Greep uit de resultaten" has nothing to show.
    entries = {
        p.project.code: p
        for entry in selectors.report_data(YEAR + 1, highlights_only=True)
        for p in entry.projects
    }
    assert entries["community"].computed_items == [] and entries["community"].moments == []
    assert entries["voortijdig-schoolverlaten"].figures == []


def test_a_cancelled_draft_or_future_meeting_is_not_counted(projects, monkeypatch):
    general = meeting(kind=K.ALV, date=date(YEAR, 4, 16))
    meeting(kind=K.WERKCONFERENTIE, date=date(YEAR, 4, 16), alv=general)
    meeting(kind=K.ALV, date=date(YEAR, 5, 20), status=Meeting.Status.CANCELLED)
    meeting(kind=K.ALV, date=date(YEAR, 5, 27), status=Meeting.Status.DRAFT)
    meeting(kind=K.ALV, date=date(YEAR, 9, 30))  # still to come on "today" below
    meeting(
        kind=K.RAYONDAG,
        date=date(YEAR, 3, 20),
        rayon=RayonFactory(name="Midden"),
        status=Meeting.Status.CANCELLED,
    )
    monkeypatch.setattr("meetings.stats.timezone.localdate", lambda: date(YEAR, 6, 1))
    community = figures.computed_for(projects["community"], YEAR)
    assert [_plain(item) for item in community.items] == [
        "Eén algemene ledenvergadering en bijbehorende werkconferentie, op 16 april."
    ]
    assert [m.happened_on for m in community.moments] == [date(YEAR, 4, 16)]
    # Nothing held at all: nothing, not an empty heading.
    Meeting.objects.filter(pk=general.pk).update(status=Meeting.Status.CANCELLED)
    from django.core.cache import cache

    cache.clear()
    assert figures.computed_for(projects["community"], YEAR) == figures.Computed()


def test_renaming_the_project_keeps_its_meetings(projects):
    _held_2025()
    community = projects["community"]
    community.name = "Ontmoeten en verbinden"
    community.slug = "ontmoeten"
    community.save()
    items = figures.computed_for(community, YEAR).items
    assert any("algemene ledenvergaderingen" in item for item in items)
    # A project with another code gets none of it, whatever it is called.
    other = ProjectFactory(
        programme=community.programme, name="Community", slug="community-2", code="iets-anders"
    )
    assert figures.computed_for(other, YEAR) == figures.Computed()
