"""seed_demo for the programmes: the real plan and 2025 results; idempotent; large scale."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings

from programmes import demo
from programmes.models import (
    KeyFigure,
    Programme,
    Project,
    Result,
    Speerpunt,
    StrategicPlan,
    YearPlan,
)

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "jaarverslag-2025-publieksversie.txt"


MEETINGS_BULLETS = (
    "- Dertien Doorstroompunt-regio's bezocht",
    "- Twee algemene ledenvergaderingen",
    "- Twee rayondagen",
    "- Kick-off voor de rayoncontactpersonen",
)


def _counts():
    return [
        m.objects.count()
        for m in (StrategicPlan, Speerpunt, Programme, Project, Result, KeyFigure, YearPlan)
    ]


def test_the_demo_loads_the_real_plan_and_is_idempotent(roles_synced):
    demo.seed(scale="normal", stdout=io.StringIO())
    first = _counts()
    demo.seed(scale="normal", stdout=io.StringIO())
    assert _counts() == first
    plan = StrategicPlan.objects.get()
    assert plan.title == "Samen kansen zien en waarmaken"
    assert (plan.first_year, plan.last_year) == (2025, 2030)
    assert "daar maken wij werk van" in plan.mission
    assert all(value in plan.core_values for value in ("Bevlogen", "Verbindend", "Voortvarend"))
    assert list(Speerpunt.objects.values_list("letter", flat=True)) == ["A", "B", "C"]
    assert list(
        Programme.objects.exclude(number=0).order_by("number").values_list("number", "name")
    ) == [
        (1, "Versterk de basis"),
        (2, "Vind je plek"),
        (3, "Versterkt en zichtbaar vakmanschap"),
        (4, "Zichtbaar en vindbaar"),
        (5, "Verbonden vereniging"),
    ]
    assert Programme.objects.get(number=0).name == "Bedrijfsvoering"
    assert Project.objects.filter(name="Kennis", programme__number=3).exists()
    assert Project.objects.filter(name="Academie", programme__number=3).exists()
    for project in Project.objects.all():
        assert set(project.year_plans.values_list("year", flat=True)) == {*range(2021, 2027)}
        assert project.lead is None or project.lead.email.startswith("expert")
        assert project.first_year == 2021, project


def test_the_demo_records_the_four_years_before_2025_so_the_report_can_compare(roles_synced):
    demo.seed(scale="normal", stdout=io.StringIO())
    years = set(Result.objects.values_list("year", flat=True))
    assert years == {2021, 2022, 2023, 2024, 2025}
    for year in (2021, 2024):
        assert Result.objects.filter(year=year).count() >= Project.objects.count()
    # A status against the year plan other than achieved, as the seed's texts tell it.
    assert Result.objects.filter(year=2025, status="partly").count() == 2


@pytest.mark.skipif(not SEED.exists(), reason="seed documents not available")
def test_every_highlight_of_the_2025_annual_report_is_in_the_demo(roles_synced):
    demo.seed(scale="normal", stdout=io.StringIO())
    text = SEED.read_text(encoding="utf-8")
    bullets = [
        line[2:].strip().rstrip(".")
        for line in text.splitlines()
        if line.startswith("- ")
        and len(line) > 30
        # The Academie's and the nieuwsbrief's figures are computed from their data, not
        # typed (see test_report_content and communications.stats), and so are the ALVs,
        # rayondagen, kick-off and region visits, from Bijeenkomsten (meetings.jaarverslag;
        # see test_report_demo).
        and not line.startswith(("- 23 trainingen", "- Twintig digitale nieuwsbrieven"))
        and not line.startswith(MEETINGS_BULLETS)
    ]
    assert len(bullets) >= 20
    stored = " ".join(
        Result.objects.filter(year=2025, is_highlight=True).values_list("text", flat=True)
    )
    normalised = re.sub(r"\s+", " ", stored).replace("ViaIngrado", "Vialgrado")
    for bullet in bullets:
        assert bullet in normalised, bullet
    assert ("550", "deelnemers congres") in KeyFigure.objects.values_list("value", "label")
    # The newsletter figures are computed from the newsletters' data (communications.stats).
    assert not KeyFigure.objects.filter(label="digitale nieuwsbrieven").exists()
    # Nor are the meetings typed: no result or figure says them a second time.
    for bullet in MEETINGS_BULLETS:
        assert bullet[2:] not in normalised, bullet
    assert not KeyFigure.objects.filter(label="regio's bezocht").exists()
    assert Result.objects.filter(year=2025, is_highlight=False).exists()


def test_large_scale_adds_ten_years_of_results_once(roles_synced):
    demo.seed(scale="large", stdout=io.StringIO())
    years = set(Result.objects.values_list("year", flat=True))
    assert years == set(range(2016, 2027))
    count = Result.objects.count()
    demo.seed(scale="large", stdout=io.StringIO())
    assert Result.objects.count() == count
    assert Project.objects.filter(first_year=2016).count() == Project.objects.count()
    assert YearPlan.objects.filter(year=2016).count() == Project.objects.count()


def test_seeding_again_removes_what_an_older_demo_typed_and_the_meetings_now_compute(
    roles_synced,
):
    demo.seed(scale="normal", stdout=io.StringIO())
    community = Project.objects.get(code="community")
    typed = demo.COMPUTED_BY_MEETINGS_2025[1]
    Result.objects.create(project=community, year=2025, text=typed, is_highlight=True)
    KeyFigure.objects.create(
        project=Project.objects.get(code="voortijdig-schoolverlaten"),
        year=2025,
        value="13",
        label="regio's bezocht",
    )
    Result.objects.create(project=community, year=2025, text="Iets anders met een ALV.")
    demo.seed(scale="normal", stdout=io.StringIO())
    assert not Result.objects.filter(text=typed).exists()
    assert not KeyFigure.objects.filter(label="regio's bezocht").exists()
    assert Result.objects.filter(text="Iets anders met een ALV.").exists()
