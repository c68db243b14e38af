"""Read queries: the plan, programmes, projects and the annual report's data."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import figures
from .models import (
    AnnualReport,
    EditionRevision,
    KeyFigure,
    MemberQuote,
    Programme,
    Project,
    ReportEdition,
    Result,
    ResultRevision,
    StrategicPlan,
    YearPlan,
)


def current_plan():
    return StrategicPlan.objects.prefetch_related(
        "speerpunten",
        Prefetch(
            "programmes",
            queryset=Programme.objects.select_related("speerpunt")
            .prefetch_related("projects")
            .order_by(figures_order()),
        ),
    ).first()


def plan_summary():
    """The current plan without its programmes (title, mission, introduction)."""
    return StrategicPlan.objects.first()


def get_programme(number) -> Programme:
    return get_object_or_404(
        Programme.objects.select_related("speerpunt", "plan").prefetch_related(
            Prefetch("projects", queryset=Project.objects.select_related("lead__person"))
        ),
        number=number,
    )


def get_project(slug) -> Project:
    return get_object_or_404(
        Project.objects.select_related("programme", "lead__person").prefetch_related(
            "year_plans",
            Prefetch("results", queryset=Result.objects.order_by("-year", "order", "pk")),
            Prefetch("key_figures", queryset=KeyFigure.objects.order_by("-year", "order")),
        ),
        slug=slug,
    )


@dataclass
class ProjectYear:
    project: Project
    results: list
    figures: list
    computed_text: str = ""
    topics: list = field(default_factory=list)
    # Results in words computed from the portal's data (e.g. the ALVs from the meetings),
    # shown after the typed results, and their dated moments for "in vogelvlucht".
    computed_items: list = field(default_factory=list)
    moments: list = field(default_factory=list)
    year_plan: YearPlan | None = None
    statuses: list = field(default_factory=list)

    @property
    def recorded(self) -> int:
        """How many results were recorded for the year (highlights or not)."""
        return sum(count for _status, _label, count in self.statuses)


@dataclass
class ProgrammeYear:
    programme: Programme
    projects: list = field(default_factory=list)


def report_data(
    year: int, *, highlights_only: bool, cache: dict | None = None
) -> list[ProgrammeYear]:
    """Every programme with its projects' results and figures of the year, in a fixed
    number of queries."""
    results = Result.objects.filter(year=year).order_by("order", "pk")
    if highlights_only:
        results = results.filter(is_highlight=True)
    programmes = (
        Programme.objects.select_related("speerpunt")
        .prefetch_related(
            Prefetch(
                "projects",
                queryset=Project.objects.filter(
                    first_year__lte=year, last_year__gte=year
                ).prefetch_related(
                    Prefetch("results", queryset=results, to_attr="year_results"),
                    Prefetch(
                        "key_figures",
                        queryset=KeyFigure.objects.filter(year=year),
                        to_attr="year_figures",
                    ),
                    Prefetch(
                        "year_plans",
                        queryset=YearPlan.objects.filter(year=year),
                        to_attr="year_plan_list",
                    ),
                ),
            )
        )
        .order_by(figures_order())
    )
    cache = {} if cache is None else cache
    statuses = result_statuses(year)
    data = []
    for programme in programmes:
        entry = ProgrammeYear(programme)
        for project in programme.projects.all():
            computed = figures.computed_for(project, year, cache)
            entry.projects.append(
                ProjectYear(
                    project=project,
                    results=project.year_results,
                    figures=figures.merge(project.year_figures, computed.figures),
                    computed_text=computed.text,
                    topics=computed.topics,
                    computed_items=computed.items,
                    moments=computed.moments,
                    year_plan=project.year_plan_list[0] if project.year_plan_list else None,
                    statuses=statuses.get(project.pk, []),
                )
            )
        data.append(entry)
    return data


def result_statuses(year: int) -> dict[int, list[tuple[str, str, int]]]:
    """Per project, how many of the year's results reached which status against the year
    plan: [(status, label, count)] in the order of Result.Status, without empty ones."""
    counts = {
        (row["project"], row["status"]): row["n"]
        for row in Result.objects.filter(year=year)
        .values("project", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_project: dict[int, list] = {}
    for status in Result.Status:
        for (project, stored), count in counts.items():
            if stored == status.value:
                by_project.setdefault(project, []).append((status.value, status.label, count))
    return by_project


def figures_order():
    return figures_order_of("number")


def figures_order_of(field_name: str):
    from django.db.models import Case, IntegerField, Value, When

    # Programmes 1-5 first, bedrijfsvoering (0) last.
    return Case(
        When(**{field_name: 0}, then=Value(99)), default=field_name, output_field=IntegerField()
    )


def report_years():
    return list(Result.objects.values_list("year", flat=True).distinct().order_by("-year"))


# The generation of what the programme pages show (ingrado.caching): bumped by every change
# recorded in the history (services._revision) and by every save in the admin.
PROGRAMMES_GENERATION = "programmes"


def programmes_version() -> str:
    """The latest revision of the programmes' results, key figures and year plans (every
    change goes through the services, also from the admin, and records one), and of the texts
    of the public versions."""
    results = ResultRevision.objects.order_by("-pk").values_list("pk", flat=True).first()
    texts = EditionRevision.objects.order_by("-pk").values_list("pk", flat=True).first()
    return f"{results or 0}.{texts or 0}"


def has_results(year: int) -> bool:
    return Result.objects.filter(year=year).exists()


def latest_ready_report(year: int) -> AnnualReport | None:
    """The newest generated PDF of the year, for the link on the online version."""
    return (
        AnnualReport.objects.filter(year=year, state=AnnualReport.State.READY)
        .exclude(file="")
        .order_by("-finished_at", "-pk")
        .first()
    )


def reports(year=None):
    queryset = AnnualReport.objects.select_related("requested_by__person")
    if year:
        queryset = queryset.filter(year=year)
    return queryset[:30]


COMPUTED_YEARS_ON_PROJECT_PAGE = 3


@dataclass
class YearBlock:
    """One year on a project page: its plan, results and (recorded + computed) figures."""

    year: int
    plan: YearPlan | None = None
    results: list = field(default_factory=list)
    recorded: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    computed_text: str = ""
    topics: list = field(default_factory=list)
    computed_items: list = field(default_factory=list)
    computed_labels: list = field(default_factory=list)


def project_years(project: Project, *, this_year: int) -> list[YearBlock]:
    """The project's years, newest first, from its prefetched plans, results and figures.

    Computed figures (Kennis, Academie) are added for the most recent years up to this
    year (older years are in the online annual report), so the page has a bounded number
    of queries whatever the project's history."""
    blocks: dict[int, YearBlock] = {}

    def block(year):
        return blocks.setdefault(year, YearBlock(year))

    for plan in project.year_plans.all():
        block(plan.year).plan = plan
    for result in project.results.all():
        block(result.year).results.append(result)
    for figure in project.key_figures.all():
        block(figure.year).recorded.append(figure)
    if project.is_active_in(this_year):
        block(this_year)
    ordered = sorted(blocks.values(), key=lambda b: b.year, reverse=True)
    cache: dict = {}
    computed_years = [b.year for b in ordered if b.year <= this_year][
        :COMPUTED_YEARS_ON_PROJECT_PAGE
    ]
    for entry in ordered:
        computed = (
            figures.computed_for(project, entry.year, cache)
            if entry.year in computed_years
            else figures.Computed()
        )
        entry.figures = figures.merge(entry.recorded, computed.figures)
        entry.computed_text = computed.text
        entry.topics = computed.topics
        entry.computed_items = computed.items
        entry.computed_labels = [figure.label for figure in computed.figures]
    return ordered


def get_entry(model, pk):
    """A result or key figure with its project."""
    return get_object_or_404(model.objects.select_related("project"), pk=pk)


def get_year_plan(pk) -> YearPlan:
    return get_object_or_404(YearPlan.objects.select_related("project"), pk=pk)


def get_report_for_user(user, pk) -> AnnualReport:
    """A generated report for someone allowed to download reports; 404 for an unknown id
    or a report that is not ready (the permission itself is checked by the view)."""
    report = get_object_or_404(
        AnnualReport.objects.filter(state=AnnualReport.State.READY).exclude(file=""), pk=pk
    )
    if not user.has_perm("programmes.generate_report"):
        raise Http404
    return report


def revisions(project: Project, limit: int = 30):
    return project.revisions.select_related("actor__person")[:limit]


def report_edition(year: int) -> ReportEdition | None:
    """What staff wrote for the year's public version, with its quotes, or None."""
    return (
        ReportEdition.objects.filter(year=year)
        .select_related("published_report")
        .prefetch_related("quotes")
        .first()
    )


def edition_for_editing(year: int) -> ReportEdition:
    """The year's texts, unsaved and empty when nothing was written yet."""
    return report_edition(year) or ReportEdition(year=year)


def edition_revisions(edition: ReportEdition, limit: int = 30):
    if not edition.pk:
        return []
    return EditionRevision.objects.filter(edition=edition).select_related("actor__person")[:limit]


def get_quote(pk) -> MemberQuote:
    return get_object_or_404(MemberQuote.objects.select_related("edition"), pk=pk)


def overview_results(year: int) -> list[Result]:
    """The results staff marked for "<year> in vogelvlucht", in the order they happened
    (the report adds the moments computed from the portal's data: `overview`)."""
    return list(
        Result.objects.filter(year=year, in_overview=True, happened_on__isnull=False)
        .select_related("project__programme")
        .order_by("happened_on", "pk")
    )


def overview(year: int, programmes: list[ProgrammeYear]) -> list:
    """ "<year> in vogelvlucht": the results staff marked and the moments the apps computed
    for the report's projects (`report_data`), in the order they happened."""
    moments = [
        moment for entry in programmes for project in entry.projects for moment in project.moments
    ]
    return sorted([*overview_results(year), *moments], key=lambda item: item.happened_on)


@dataclass
class Outlook:
    programme: Programme
    plans: list = field(default_factory=list)


def outlook(year: int) -> list[Outlook]:
    """The next year's plans per programme (the projects' intended results), for the
    vooruitblik; programmes without a plan for that year are left out."""
    found: dict[int, Outlook] = {}
    plans = (
        YearPlan.objects.filter(year=year)
        .select_related("project__programme")
        .order_by(figures_order_of("project__programme__number"), "project__order", "project__name")
    )
    for plan in plans:
        programme = plan.project.programme
        found.setdefault(programme.pk, Outlook(programme)).plans.append(plan)
    return list(found.values())


def is_published(year: int) -> bool:
    """Whether the year's public version is published (its online version is then public)."""
    return ReportEdition.objects.filter(year=year, published_report__isnull=False).exists()


def published_editions() -> list[ReportEdition]:
    return list(ReportEdition.objects.filter(published_report__isnull=False).order_by("-year"))
