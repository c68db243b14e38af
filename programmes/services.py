"""Write operations: results, key figures and year plans (every change kept in the history),
and the generation of the annual report (jaarverslag)."""

import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from ingrado import generated_files
from ingrado.errors import DomainError

from .models import AnnualReport, KeyFigure, Project, Result, ResultRevision, YearPlan

logger = logging.getLogger(__name__)


class ProgrammeError(DomainError):
    """A user's request that cannot be carried out; `message` is shown to the user."""


class ReportError(ProgrammeError):
    pass




# --- results, key figures and year plans ----------------------------------------------


def _revision(*, project: Project, year: int, actor, action: str, before="", after=""):
    ResultRevision.objects.create(
        project=project, year=year, actor=actor, action=action, before=before, after=after
    )


def _next_order(queryset) -> int:
    current = queryset.aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


@transaction.atomic
def result_save(
    *,
    project: Project,
    year: int,
    text: str,
    is_highlight: bool,
    status: str,
    actor,
    order: int | None = None,
    result: Result | None = None,
) -> Result:
    """Record a new result (result=None) or change one; the change is kept in the history."""
    before = ""
    if result is not None and result.pk:
        # A bound ModelForm may have changed the instance already: read what is stored.
        stored = Result.objects.select_for_update().get(pk=result.pk)
        before = f"{stored.text} [{stored.get_status_display()}]"
        year = stored.year
    else:
        result = Result(project=project, year=year)
        if order is None:
            order = _next_order(Result.objects.filter(project=project, year=year))
    result.text = text.strip()
    result.is_highlight = is_highlight
    result.status = status
    if order is not None:
        result.order = order
    result.full_clean()
    result.save()
    _revision(
        project=project,
        year=year,
        actor=actor,
        action="result_changed" if before else "result_added",
        before=before,
        after=f"{result.text} [{result.get_status_display()}]",
    )
    return result


@transaction.atomic
def result_delete(*, result: Result, actor) -> None:
    _revision(
        project=result.project,
        year=result.year,
        actor=actor,
        action="result_deleted",
        before=result.text,
    )
    result.delete()


def _move(queryset, obj, direction: str) -> bool:
    """Swap obj with its neighbour in `queryset` (ordered by order, pk); renumbers first so
    equal order values cannot get stuck. Returns whether anything moved."""
    items = list(queryset.select_for_update().order_by("order", "pk"))
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.order = position
    type(obj).objects.bulk_update(items, ["order"])
    return True


@transaction.atomic
def result_move(*, result: Result, direction: str, actor) -> None:
    siblings = Result.objects.filter(project=result.project, year=result.year)
    if _move(siblings, result, direction):
        _revision(
            project=result.project,
            year=result.year,
            actor=actor,
            action="result_moved",
            after=result.text,
        )


@transaction.atomic
def key_figure_save(
    *, project: Project, year: int, value: str, label: str, actor, figure: KeyFigure | None = None
) -> KeyFigure:
    """Record a key figure (figure=None) or change one. A figure with the label of a
    computed one (e.g. 'vragen' on Kennis) overrides the computed figure."""
    before = ""
    if figure is not None and figure.pk:
        stored = KeyFigure.objects.select_for_update().get(pk=figure.pk)
        before = f"{stored.value} {stored.label}"
        year = stored.year
    else:
        figure = KeyFigure(
            project=project,
            year=year,
            order=_next_order(KeyFigure.objects.filter(project=project, year=year)),
        )
    figure.value = value.strip()
    figure.label = label.strip()
    figure.full_clean()
    figure.save()
    _revision(
        project=project,
        year=year,
        actor=actor,
        action="figure_changed" if before else "figure_added",
        before=before,
        after=f"{figure.value} {figure.label}",
    )
    return figure


@transaction.atomic
def key_figure_delete(*, figure: KeyFigure, actor) -> None:
    _revision(
        project=figure.project,
        year=figure.year,
        actor=actor,
        action="figure_deleted",
        before=f"{figure.value} {figure.label}",
    )
    figure.delete()


@transaction.atomic
def key_figure_move(*, figure: KeyFigure, direction: str, actor) -> None:
    siblings = KeyFigure.objects.filter(project=figure.project, year=figure.year)
    if _move(siblings, figure, direction):
        _revision(
            project=figure.project,
            year=figure.year,
            actor=actor,
            action="figure_moved",
            after=f"{figure.value} {figure.label}",
        )


@transaction.atomic
def year_plan_save(
    *, project: Project, year: int, intended_results: str, activities: str, actor
) -> YearPlan:
    plan = YearPlan.objects.select_for_update().filter(project=project, year=year).first()
    before = plan.intended_results if plan else ""
    plan = plan or YearPlan(project=project, year=year)
    plan.intended_results = intended_results.strip()
    plan.activities = activities.strip()
    plan.full_clean()
    plan.save()
    _revision(
        project=project,
        year=year,
        actor=actor,
        action="year_plan_changed" if before else "year_plan_added",
        before=before,
        after=plan.intended_results,
    )
    return plan


@transaction.atomic
def year_plan_delete(*, plan: YearPlan, actor) -> None:
    _revision(
        project=plan.project,
        year=plan.year,
        actor=actor,
        action="year_plan_deleted",
        before=plan.intended_results,
    )
    plan.delete()


# --- the annual report ----------------------------------------------------------------


def report_request(*, year: int, actor) -> tuple[AnnualReport, bool]:
    """Record the request and queue the task once it is committed: (report, created).

    A report of that year already queued or generating is returned instead of a second one
    (pressing "Genereer" twice makes one report). If the broker cannot be reached, the
    request stays recorded as queued (the sweeper sends it later) and QueueUnavailable
    tells the caller; nothing is lost."""
    open_report = AnnualReport.objects.filter(year=year, state__in=AnnualReport.PENDING).first()
    if open_report is not None:
        return open_report, False
    try:
        with transaction.atomic():
            report = AnnualReport(year=year, requested_by=actor)
            report.full_clean(validate_constraints=False)
            report.save()
            generated_files.send_after_commit(AnnualReport, [report.pk])
    except IntegrityError:  # the same request, a moment earlier, from another click
        return AnnualReport.objects.get(year=year, state__in=AnnualReport.PENDING), False
    return report, True


def report_retry(*, report: AnnualReport) -> AnnualReport:
    """Queue a failed or stuck report once more."""
    return generated_files.retry(report)


def report_generate(*, report_pk: int, task_id: str = "") -> AnnualReport:
    """Render the PDF of a requested report and store it (the task's work); idempotent: a
    ready report is not rendered again, one another attempt is generating within the time
    limit is left to it."""
    from . import report as rendering

    report = generated_files.claim(AnnualReport, report_pk, task_id)
    if report is None:
        return AnnualReport.objects.get(pk=report_pk)
    if settings.FAULT_INJECTION_RENDER_DELAY:
        time.sleep(settings.FAULT_INJECTION_RENDER_DELAY)
    rendered = rendering.build_report(report.year)
    filename = f"jaarverslag-{report.year}-{report.pk}.pdf"
    generated_files.finish(AnnualReport, report_pk, task_id, filename, ContentFile(rendered.pdf))
    return AnnualReport.objects.get(pk=report_pk)
