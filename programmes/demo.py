"""`seed_demo` for the programmes: the real strategic plan 2025-2030 and the 2025 results of
the public annual report; year plans for 2025 and 2026; results and year plans for
2021-2024, so the annual report sets 2025 beside the years before it; --scale large adds
them for 2016-2024 and 2026 (ten years of history around the real 2025). Idempotent.

The Kennis, Academie and newsletter (Ledenbinding) figures are NOT stored as key figures:
they are computed from the helpdesk, Academie and newsletter data (see programmes.figures);
nor are the ALVs, rayondagen, kick-off and region visits typed results: they are computed
from the meetings (`meetings.jaarverslag`, seeded by `meetings.demo`)."""

import io
import random
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils.text import slugify

from .demo_data import (
    COMPUTED_BY_MEETINGS_2025,
    COMPUTED_FIGURES_BY_MEETINGS_2025,
    EDITION_2025,
    OVERVIEW_2025,
    PLAN,
    PROGRAMMES,
    QUOTES_2025,
    SPEERPUNTEN,
    STATUS_2025,
    YEAR_PLANS,
)
from .models import (
    KeyFigure,
    MemberQuote,
    Programme,
    Project,
    ReportEdition,
    Result,
    Speerpunt,
    StrategicPlan,
    YearPlan,
)

HISTORY_YEARS = [2021, 2022, 2023, 2024]
LARGE_HISTORY_YEARS = [*range(2016, 2025), 2026]


def seed(*, scale, stdout):
    plan, _ = StrategicPlan.objects.update_or_create(
        title=PLAN["title"], defaults={k: v for k, v in PLAN.items() if k != "title"}
    )
    speerpunten = {}
    for letter, title, goals in SPEERPUNTEN:
        speerpunten[letter], _ = Speerpunt.objects.update_or_create(
            plan=plan, letter=letter, defaults={"title": title, "goals_2030": goals}
        )
    leads = list(
        get_user_model()
        .objects.filter(email__in=["expert@example.org", "expert2@example.org"])
        .order_by("email")
    )
    history = LARGE_HISTORY_YEARS if scale == "large" else HISTORY_YEARS
    first_year = min(
        history[0], Result.objects.order_by("year").values_list("year", flat=True).first() or 2025
    )
    projects = []
    for number, name, theme, letter, description, project_rows in PROGRAMMES:
        programme, _ = Programme.objects.update_or_create(
            plan=plan,
            number=number,
            defaults={
                "name": name,
                "theme": theme,
                "description": description,
                "speerpunt": speerpunten.get(letter),
            },
        )
        for order, (pname, pdesc, end, highlights, others, figures) in enumerate(project_rows):
            project, _ = Project.objects.update_or_create(
                slug=slugify(pname),
                defaults={
                    "programme": programme,
                    "name": pname,
                    "code": slugify(pname),
                    "description": pdesc,
                    "end_result_2030": end,
                    "order": order,
                    "lead": leads[len(projects) % len(leads)] if leads else None,
                    "first_year": first_year,
                    "last_year": 2030,
                },
            )
            projects.append(project)
            _seed_2025(project, highlights, others, figures)
    _drop_typed_meetings_2025()
    _seed_year_plans(projects)
    _seed_edition_2025()
    _seed_history(
        projects,
        random.Random(2016),
        history,
        per_project=(3, 6) if scale == "large" else (1, 4),
    )
    stdout.write(
        f"programmes: {Programme.objects.count()} programmes, {Project.objects.count()} "
        f"projects, {Result.objects.count()} results, {YearPlan.objects.count()} year plans"
    )


def _seed_2025(project, highlights, others, figures):
    if project.results.filter(year=2025).exists():
        return
    Result.objects.bulk_create(
        [
            Result(
                project=project,
                year=2025,
                text=text,
                is_highlight=True,
                in_overview=text in OVERVIEW_2025,
                happened_on=date(*OVERVIEW_2025[text]) if text in OVERVIEW_2025 else None,
                order=index,
                status=STATUS_2025.get(text, Result.Status.ACHIEVED),
            )
            for index, text in enumerate(highlights)
        ]
        + [
            Result(
                project=project,
                year=2025,
                text=text,
                is_highlight=False,
                order=len(highlights) + index,
            )
            for index, text in enumerate(others)
        ]
    )
    KeyFigure.objects.bulk_create(
        [
            KeyFigure(project=project, year=2025, value=value, label=label, order=index)
            for index, (value, label) in enumerate(figures)
        ]
    )


def _drop_typed_meetings_2025():
    """An older demo typed what Bijeenkomsten now computes; without this a database seeded
    before would say it twice."""
    Result.objects.filter(year=2025, text__in=COMPUTED_BY_MEETINGS_2025).delete()
    for value, label in COMPUTED_FIGURES_BY_MEETINGS_2025:
        KeyFigure.objects.filter(year=2025, value=value, label=label).delete()


def _seed_year_plans(projects):
    YearPlan.objects.bulk_create(
        [
            YearPlan(
                project=project,
                year=year,
                intended_results=intended,
                activities=activities,
            )
            for project in projects
            for year, (intended, activities) in YEAR_PLANS.get(project.name, {}).items()
        ],
        ignore_conflicts=True,
    )


STATUSES = ["achieved"] * 6 + ["partly"] * 2 + ["not", "moved"]
ACTIVITIES = [
    "webinar",
    "regionale bijeenkomst",
    "handreiking",
    "factsheet",
    "expertmeeting",
    "training",
    "artikel in het magazine",
    "werkconferentie",
]


def _seed_history(projects, rng, years, *, per_project):
    """Results and year plans for `years` (between per_project's two numbers of results per
    project and year), in bulk; a year with results is skipped."""
    present = set(Result.objects.filter(year__in=years).values_list("year", flat=True))
    years = [year for year in years if year not in present]
    if not years:
        return
    results, plans = [], []
    for project in projects:
        for year in years:
            count = 2 if year == 2026 else rng.randint(*per_project)
            for index in range(count):
                activity = rng.choice(ACTIVITIES)
                results.append(
                    Result(
                        project=project,
                        year=year,
                        order=index,
                        is_highlight=index < 2,
                        status=rng.choice(STATUSES),
                        text=f"{activity.capitalize()} over {project.name.lower()} voor de "
                        f"leden georganiseerd ({year}, resultaat {index + 1}).",
                    )
                )
            if year != 2026:
                plans.append(
                    YearPlan(
                        project=project,
                        year=year,
                        intended_results=f"Resultaat {year}: de leden zijn geïnformeerd over "
                        f"{project.name.lower()} en kunnen de opbrengsten in hun werk toepassen.",
                        activities=f"Activiteit {year}: {rng.choice(ACTIVITIES)}, "
                        f"{rng.choice(ACTIVITIES)} en overleg met samenwerkingspartners.",
                    )
                )
    Result.objects.bulk_create(results, batch_size=2000)
    YearPlan.objects.bulk_create(plans, ignore_conflicts=True, batch_size=2000)


PROGRAMME_COLOURS = ["#6b1f5e", "#0e6570", "#9c3d00", "#1f4e8c", "#2f6b2a"]


def _cover_illustration() -> bytes:
    """An abstract illustration in the programmes' colours, as staff might upload one."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900), "#f5f3f6")
    draw = ImageDraw.Draw(image)
    for index, colour in enumerate(PROGRAMME_COLOURS):
        left = 120 + index * 280
        draw.ellipse(
            (left, 180 + (index % 2) * 160, left + 420, 600 + (index % 2) * 160), fill=colour
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _seed_edition_2025():
    """The voorwoord, financial summary, cover illustration and quotes of 2025, once."""
    edition, created = ReportEdition.objects.get_or_create(
        year=2025, defaults={**EDITION_2025, "publication_date": date(2026, 4, 16)}
    )
    if not created:
        return
    edition.cover_image.save("omslag-2025.png", ContentFile(_cover_illustration()), save=True)
    MemberQuote.objects.bulk_create(
        [
            MemberQuote(edition=edition, text=text, name=name, role=role, order=index)
            for index, (text, name, role) in enumerate(QUOTES_2025)
        ]
    )
