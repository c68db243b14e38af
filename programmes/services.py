"""Write operations: results, key figures and year plans (every change kept in the history),
and the generation of the annual report (jaarverslag)."""

import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ingrado import generated_files
from ingrado.caching import bump_generation
from ingrado.errors import DomainError

from .models import (
    AnnualReport,
    EditionRevision,
    KeyFigure,
    MemberQuote,
    Project,
    ReportEdition,
    Result,
    ResultRevision,
    YearPlan,
)
from .selectors import PROGRAMMES_GENERATION

logger = logging.getLogger(__name__)


class ProgrammeError(DomainError):
    """A user's request that cannot be carried out; `message` is shown to the user."""


class ReportError(ProgrammeError):
    pass


# --- results, key figures and year plans ----------------------------------------------


def _revision(*, project: Project, year: int, actor, action: str, before="", after=""):
    """Keep the change in the history; the online jaarverslag is keyed on the latest one
    and the programme pages on the generation."""
    ResultRevision.objects.create(
        project=project, year=year, actor=actor, action=action, before=before, after=after
    )
    bump_generation(PROGRAMMES_GENERATION)


def _next_order(queryset) -> int:
    current = queryset.aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


# Results and key figures are entries of a project's year, kept in order, every change in
# the history: one code path for both.
Entry = Result | KeyFigure


@transaction.atomic
def entry_save(*, model: type[Entry], project: Project, year: int, actor, entry=None, **fields):
    """Record a new entry of `model` (entry=None) or change one; the change is kept in the
    history. Text fields are stripped."""
    before = ""
    if entry is not None and entry.pk:
        # A bound ModelForm may have changed the instance already: read what is stored.
        stored = model.objects.select_for_update().get(pk=entry.pk)
        before = stored.revision_text()
        year = stored.year
    else:
        siblings = model.objects.filter(project=project, year=year)
        entry = entry if entry is not None else model()  # the admin's new instance
        entry.project, entry.year, entry.order = project, year, _next_order(siblings)
    for name, value in fields.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    entry.full_clean()
    entry.save()
    _revision(
        project=entry.project,
        year=year,
        actor=actor,
        action=f"{model.revision_prefix}_{'changed' if before else 'added'}",
        before=before,
        after=entry.revision_text(),
    )
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor) -> None:
    _revision(
        project=entry.project,
        year=entry.year,
        actor=actor,
        action=f"{entry.revision_prefix}_deleted",
        before=entry.revision_text(),
    )
    entry.delete()


@transaction.atomic
def entry_move(*, entry: Entry, direction: str, actor) -> None:
    """Swap the entry with its neighbour in its project's year (direction "up" or "down");
    renumbers first so equal order values cannot get stuck."""
    siblings = type(entry).objects.filter(project=entry.project, year=entry.year)
    items = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, item in enumerate(items) if item.pk == entry.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.order = position
    type(entry).objects.bulk_update(items, ["order"])
    _revision(
        project=entry.project,
        year=entry.year,
        actor=actor,
        action=f"{entry.revision_prefix}_moved",
        after=entry.revision_text(),
    )


def result_save(*, project: Project, year: int, actor, result: Result | None = None, **fields):
    """Record a result (text, is_highlight, status) or change one."""
    return entry_save(model=Result, project=project, year=year, actor=actor, entry=result, **fields)


def key_figure_save(
    *, project: Project, year: int, actor, figure: KeyFigure | None = None, **fields
) -> KeyFigure:
    """Record a key figure (value, label) or change one. A figure with the label of a
    computed one (e.g. 'vragen' on Kennis) overrides the computed figure."""
    return entry_save(
        model=KeyFigure, project=project, year=year, actor=actor, entry=figure, **fields
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
def year_plans_adopt(
    *, year: int, adopted_on, adopted_by: str, actor, programme=None
) -> list[YearPlan]:
    """Record that the year plans of `year` (of every project, or of `programme`'s) were
    adopted on `adopted_on` by `adopted_by` ("de ALV"): a decision of a meeting. The project
    pages say so; each plan's history keeps it. Adopting again on the same day changes
    nothing. Returns the plans adopted now."""
    plans = YearPlan.objects.select_for_update().filter(year=year).select_related("project")
    if programme is not None:
        plans = plans.filter(project__programme=programme)
    adopted = []
    for plan in plans:
        if plan.adopted_on == adopted_on and plan.adopted_by == adopted_by:
            continue
        plan.adopted_on = adopted_on
        plan.adopted_by = adopted_by.strip()
        plan.full_clean()
        plan.save(update_fields=["adopted_on", "adopted_by"])
        _revision(
            project=plan.project,
            year=year,
            actor=actor,
            action="year_plan_adopted",
            after=f"{plan.adopted_by} {adopted_on:%d-%m-%Y}",
        )
        adopted.append(plan)
    return adopted


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


# --- the texts of the public version -----------------------------------------------

EDITION_TEXTS = (
    "foreword",
    "foreword_signed_by",
    "foreword_signatory",
    "financial_summary",
    "publication_date",
    "cover_image_alt",
    "cover_image_credit",
)


def _edition_text(edition: ReportEdition) -> str:
    return "\n".join(
        f"{ReportEdition._meta.get_field(name).verbose_name}: {getattr(edition, name) or ''}"
        for name in EDITION_TEXTS
    )


def _edition_revision(*, edition, actor, action, before="", after=""):
    EditionRevision.objects.create(
        edition=edition, actor=actor, action=action, before=before, after=after
    )


@transaction.atomic
def edition_save(*, year: int, actor, cover_image=None, **texts) -> ReportEdition:
    """Save the year's texts (voorwoord, who signs it, financial summary, publication date,
    the cover photo's description and credit) and, when given, a new cover photo (False:
    remove it). Every change is kept in the history."""
    edition = ReportEdition.objects.select_for_update().filter(year=year).first()
    edition = edition or ReportEdition(year=year)
    before = _edition_text(edition) if edition.pk else ""
    for name, value in texts.items():
        if name not in EDITION_TEXTS:
            raise ValueError(f"{name} is not a text of the annual report")
        setattr(edition, name, value.strip() if isinstance(value, str) else value)
    cover_changed = cover_image is not None
    if cover_image is False:
        edition.cover_image = ""
    elif cover_image is not None:
        edition.cover_image = cover_image
    edition.full_clean()
    edition.save()
    after = _edition_text(edition)
    if after != before:
        _edition_revision(
            edition=edition,
            actor=actor,
            action=EditionRevision.Action.TEXTS_CHANGED,
            before=before,
            after=after,
        )
    if cover_changed:
        _edition_revision(
            edition=edition,
            actor=actor,
            action=EditionRevision.Action.COVER_CHANGED,
            after=edition.cover_image.name if edition.cover_image else "",
        )
    return edition


@transaction.atomic
def quote_save(*, year: int, actor, quote: MemberQuote | None = None, **fields) -> MemberQuote:
    """Add a member's quote to the year's public version, or change one."""
    before = ""
    if quote is not None and quote.pk:
        stored = MemberQuote.objects.select_for_update().get(pk=quote.pk)
        before = stored.revision_text()
        edition = stored.edition
    else:
        edition, _created = ReportEdition.objects.get_or_create(year=year)
        quote = MemberQuote(edition=edition, order=_next_order(edition.quotes.all()))
    for name, value in fields.items():
        setattr(quote, name, value.strip() if isinstance(value, str) else value)
    quote.full_clean()
    quote.save()
    _edition_revision(
        edition=edition,
        actor=actor,
        action=EditionRevision.Action.QUOTE_CHANGED
        if before
        else EditionRevision.Action.QUOTE_ADDED,
        before=before,
        after=quote.revision_text(),
    )
    return quote


@transaction.atomic
def quote_delete(*, quote: MemberQuote, actor) -> None:
    _edition_revision(
        edition=quote.edition,
        actor=actor,
        action=EditionRevision.Action.QUOTE_DELETED,
        before=quote.revision_text(),
    )
    quote.delete()


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


@transaction.atomic
def report_publish(*, report: AnnualReport, actor) -> ReportEdition:
    """Publish a generated PDF: it becomes the year's public version and the year's online
    version is public from now on. A draft (made on a local address) is never published."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.state != AnnualReport.State.READY or not report.file:
        raise ReportError(_("Only a finished report can be published."))
    if report.is_draft:
        raise ReportError(
            _(
                "This report is a draft: it was made with the local address %(url)s. Set "
                "SITE_URL to the portal's public address and generate it again."
            )
            % {"url": report.site_url}
        )
    edition, _created = ReportEdition.objects.select_for_update().get_or_create(year=report.year)
    edition.published_report = report
    edition.save(update_fields=["published_report", "updated_at"])
    _edition_revision(
        edition=edition,
        actor=actor,
        action=EditionRevision.Action.PUBLISHED,
        after=f"{report.file.name} ({report.site_url})",
    )
    return edition


@transaction.atomic
def report_withdraw(*, year: int, actor) -> None:
    """The year's public version is no longer published: its online version needs a login
    again."""
    edition = ReportEdition.objects.select_for_update().filter(year=year).first()
    if edition is None or edition.published_report_id is None:
        return
    before = edition.published_report.file.name if edition.published_report else ""
    edition.published_report = None
    edition.save(update_fields=["published_report", "updated_at"])
    _edition_revision(
        edition=edition, actor=actor, action=EditionRevision.Action.WITHDRAWN, before=before
    )


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
    AnnualReport.objects.filter(pk=report_pk).update(
        site_url=rendered.site_url, is_draft=rendered.is_draft
    )
    filename = f"jaarverslag-{report.year}-{report.pk}.pdf"
    generated_files.finish(AnnualReport, report_pk, task_id, filename, ContentFile(rendered.pdf))
    return AnnualReport.objects.get(pk=report_pk)
