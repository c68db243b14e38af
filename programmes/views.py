from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ingrado import site
from ingrado.caching import cached_for_anonymous
from ingrado.errors import DomainError
from ingrado.generated_files import QueueUnavailable
from members.permissions import role_required

from . import selectors, services
from .forms import (
    EditionForm,
    KeyFigureForm,
    MoveForm,
    QuoteForm,
    ResultForm,
    YearForm,
    YearPlanForm,
)
from .models import AnnualReport, KeyFigure, Project, Result
from .report import report_sections

RECORD = "programmes.record_result"
REPORT = "programmes.generate_report"


@cached_for_anonymous(generations=[selectors.PROGRAMMES_GENERATION])
def plan(request):
    this_year = timezone.localdate().year
    report_years = (
        [year for year in selectors.report_years() if year < this_year][:5]
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "programmes/plan.html",
        {"plan": selectors.current_plan(), "report_years": report_years},
    )


@cached_for_anonymous(generations=[selectors.PROGRAMMES_GENERATION])
def programme_detail(request, number):
    return render(
        request, "programmes/programme.html", {"programme": selectors.get_programme(number)}
    )


@cached_for_anonymous(generations=[selectors.PROGRAMMES_GENERATION])
def project_detail(request, slug):
    project = selectors.get_project(slug)
    this_year = timezone.localdate().year
    can_record = request.user.has_perm(RECORD)
    return render(
        request,
        "programmes/project.html",
        {
            "project": project,
            "years": selectors.project_years(project, this_year=this_year),
            "this_year": this_year,
            "can_record": can_record,
            "result_form": ResultForm(),
            "revisions": selectors.revisions(project) if can_record else [],
        },
    )


def _year_from(request):
    form = YearForm(request.POST)
    return form.cleaned_data["year"] if form.is_valid() else None


def _back_to(project, year=None):
    url = redirect("programmes:project_detail", slug=project.slug)
    if year:
        url["Location"] += f"#year-{year}"
    return url


@dataclass(frozen=True)
class EntryKind:
    """A kind of entry of a project's year (results, key figures): one set of views."""

    model: type
    form: type
    template: str
    label: str
    added: str
    saved: str
    deleted: str
    invalid: str
    delete_title: str
    delete_question: str  # with %(year)s


ENTRY_KINDS = {
    "result": EntryKind(
        model=Result,
        form=ResultForm,
        template="programmes/result_form.html",
        label=gettext_lazy("Result"),
        delete_title=gettext_lazy("Delete result"),
        delete_question=gettext_lazy("Delete this result of %(year)s?"),
        added=gettext_lazy("The result has been recorded."),
        saved=gettext_lazy("The result has been saved."),
        deleted=gettext_lazy("The result has been deleted."),
        invalid=gettext_lazy("The result could not be saved: fill in the text and a valid year."),
    ),
    "figure": EntryKind(
        model=KeyFigure,
        form=KeyFigureForm,
        template="programmes/figure_form.html",
        label=gettext_lazy("Key figure"),
        delete_title=gettext_lazy("Delete key figure"),
        delete_question=gettext_lazy("Delete this key figure of %(year)s?"),
        added=gettext_lazy("The key figure has been recorded."),
        saved=gettext_lazy("The key figure has been saved."),
        deleted=gettext_lazy("The key figure has been deleted."),
        invalid=gettext_lazy("Fill in a value, a label and a valid year."),
    ),
}


@require_POST
@role_required(RECORD)
def entry_add(request, slug, kind):
    kind = ENTRY_KINDS[kind]
    project = get_object_or_404(Project, slug=slug)
    form = kind.form(request.POST)
    year = _year_from(request)
    if form.is_valid() and year:
        try:
            services.entry_save(
                model=kind.model,
                project=project,
                year=year,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, kind.added)
    else:
        errors = [error for field in form.errors.values() for error in field]
        messages.error(request, " ".join([str(kind.invalid), *errors]))
    return _back_to(project, year)


@role_required(RECORD)
def entry_edit(request, pk, kind):
    name, kind = kind, ENTRY_KINDS[kind]
    entry = selectors.get_entry(kind.model, pk)
    form = kind.form(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        services.entry_save(
            model=kind.model,
            project=entry.project,
            year=entry.year,
            actor=request.user,
            entry=entry,
            **form.cleaned_data,
        )
        messages.success(request, kind.saved)
        return _back_to(entry.project, entry.year)
    return render(request, kind.template, {"form": form, name: entry})


def _confirm_delete(request, *, title, question, details, action_url, project, year):
    """The second step of a delete: a page with the POST button (works without JavaScript)."""
    back = _back_to(project, year)["Location"]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "details": details,
            "consequence": _("The deletion is kept in the history of changes."),
            "action_url": action_url,
            "hidden": [],
            "confirm_label": _("Yes, delete"),
            "back_url": back,
            "back_label": project.name,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(RECORD)
def entry_delete(request, pk, kind):
    """GET asks for confirmation, POST deletes."""
    name, kind = kind, ENTRY_KINDS[kind]
    entry = selectors.get_entry(kind.model, pk)
    project, year = entry.project, entry.year
    if request.method == "GET":
        return _confirm_delete(
            request,
            title=kind.delete_title,
            question=kind.delete_question % {"year": year},
            details=[(_("Project"), project.name), (kind.label, entry.revision_text())],
            action_url=reverse(f"programmes:{name}_delete", args=[entry.pk]),
            project=project,
            year=year,
        )
    services.entry_delete(entry=entry, actor=request.user)
    messages.success(request, kind.deleted)
    return _back_to(project, year)


@require_POST
@role_required(RECORD)
def entry_move(request, pk, kind):
    entry = selectors.get_entry(ENTRY_KINDS[kind].model, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.entry_move(
            entry=entry, direction=form.cleaned_data["direction"], actor=request.user
        )
    return _back_to(entry.project, entry.year)


@require_POST
@role_required(RECORD)
def year_plan_save(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form = YearPlanForm(request.POST)
    year = _year_from(request)
    if form.is_valid() and year:
        services.year_plan_save(project=project, year=year, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The year plan has been saved."))
    else:
        messages.error(request, _("Fill in the intended results and a valid year."))
    return _back_to(project, year)


@require_http_methods(["GET", "POST"])
@role_required(RECORD)
def year_plan_delete(request, pk):
    """GET asks for confirmation, POST deletes."""
    plan_ = selectors.get_year_plan(pk)
    project, year = plan_.project, plan_.year
    if request.method == "GET":
        return _confirm_delete(
            request,
            title=_("Delete year plan"),
            question=_("Delete the year plan %(year)s?") % {"year": year},
            details=[
                (_("Project"), project.name),
                (_("Intended results"), plan_.intended_results),
            ],
            action_url=reverse("programmes:year_plan_delete", args=[plan_.pk]),
            project=project,
            year=year,
        )
    services.year_plan_delete(plan=plan_, actor=request.user)
    messages.success(request, _("The year plan has been deleted."))
    return _back_to(project, year)


def report_online(request, year):
    """The extended version: every result, with the same kerncijfers and charts as the PDF,
    and for those who may download it a link to the PDF. A published year's version is
    public (the PDF's link and QR code lead here); a year not yet published needs a login.

    Everything but that link is the same for every reader: rendered once per year and
    language and shared through the cache. Its key holds the latest revision of the
    programmes' data (results, key figures and year plans are changed through the services,
    on the project page and in the admin, which record each change), so a change shows at
    once; the timeout bounds the rest: the
    helpdesk and Academie figures are kept as long (`ingrado.caching.cached_figures`)."""
    if not 1 < year < 9999 or not selectors.has_results(year):  # dates end at year 9999
        raise Http404
    if not request.user.is_authenticated and not selectors.is_published(year):
        return redirect_to_login(request.get_full_path())
    content = cache.get_or_set(
        f"report-online:{year}:{get_language()}:{selectors.programmes_version()}",
        lambda: render_to_string(
            "programmes/_report_online_content.html",
            report_sections(year, highlights_only=False),
        ),
        timeout=60 if year >= timezone.localdate().year else 600,
    )
    can_download = request.user.has_perm(REPORT)
    return render(
        request,
        "programmes/report_online.html",
        {
            "year": year,
            "content": content,
            "can_download": can_download,
            "pdf": selectors.latest_ready_report(year) if can_download else None,
        },
    )


@role_required(REPORT)
def report_list(request):
    if request.method == "POST":
        form = YearForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a year between 2016 and 2035."))
            return redirect("programmes:report_list")
        year = form.cleaned_data["year"]
        # What happens next is shown by the live list (the report being made, then its
        # download), not by a message that would still say "being made" once it is ready.
        try:
            services.report_request(year=year, actor=request.user)
        except QueueUnavailable as error:
            messages.warning(request, error.message)
        return redirect("programmes:report_list")
    return render(request, "programmes/report_list.html", _report_context())


def _report_context():
    reports = list(selectors.reports())
    years = selectors.report_years()
    last_year = timezone.localdate().year - 1
    default_year = last_year if last_year in years else (years[0] if years else last_year)
    published = selectors.published_editions()
    return {
        "reports": reports,
        "years": years or [default_year],
        "default_year": default_year,
        "pending": any(report.is_pending for report in reports),
        "published": published,
        "published_pks": {edition.published_report_id for edition in published},
        "local_address": "" if site.is_public() else site.site_url(),
    }


@role_required(REPORT)
def report_status(request):
    """The live part of /jaarverslag/: htmx polls it every 2 s while a report is pending."""
    return render(request, "programmes/_report_status.html", _report_context())


@require_POST
@role_required(REPORT)
def report_retry(request, pk):
    report = get_object_or_404(AnnualReport, pk=pk)
    try:
        services.report_retry(report=report)
    except DomainError as error:
        messages.warning(request, error.message)
    return redirect("programmes:report_list")


@role_required(REPORT)
def report_download(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"jaarverslag-{report.year}.pdf",
        content_type="application/pdf",
    )


# --- the texts of the public version ---------------------------------------------------


def _valid_year(year: int) -> int:
    if not 2016 <= year <= 2035:
        raise Http404
    return year


@require_http_methods(["GET", "POST"])
@role_required(RECORD)
def edition_edit(request, year):
    """The voorwoord, the financial summary, the cover photo and the quotes of a year's
    public version, with their history."""
    year = _valid_year(year)
    edition = selectors.edition_for_editing(year)
    form = EditionForm(request.POST or None, request.FILES or None, instance=edition)
    if request.method == "POST":
        if form.is_valid():
            cover = form.cleaned_data.get("cover_image")
            changed = "cover_image" in form.changed_data
            texts = {name: form.cleaned_data[name] for name in services.EDITION_TEXTS}
            try:
                services.edition_save(
                    year=year,
                    actor=request.user,
                    cover_image=(cover or False) if changed else None,
                    **texts,
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    for message in messages_:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("The texts of the annual report have been saved."))
                return redirect("programmes:edition_edit", year=year)
        messages.error(request, _("The texts could not be saved; see the messages below."))
    edition = selectors.report_edition(year)
    return render(
        request,
        "programmes/edition_form.html",
        {
            "year": year,
            "form": form,
            "edition": edition,
            "quotes": list(edition.quotes.all()) if edition else [],
            "quote_form": QuoteForm(),
            "overview": selectors.overview_results(year),
            "revisions": selectors.edition_revisions(edition) if edition else [],
        },
    )


@require_POST
@role_required(RECORD)
def quote_add(request, year):
    year = _valid_year(year)
    form = QuoteForm(request.POST)
    if form.is_valid():
        services.quote_save(year=year, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The quote has been added."))
    else:
        messages.error(request, _("Fill in the quote and the member's name."))
    return redirect("programmes:edition_edit", year=year)


@require_http_methods(["GET", "POST"])
@role_required(RECORD)
def quote_edit(request, pk):
    quote = selectors.get_quote(pk)
    form = QuoteForm(request.POST or None, instance=quote)
    if request.method == "POST" and form.is_valid():
        services.quote_save(
            year=quote.edition.year, actor=request.user, quote=quote, **form.cleaned_data
        )
        messages.success(request, _("The quote has been saved."))
        return redirect("programmes:edition_edit", year=quote.edition.year)
    return render(request, "programmes/quote_form.html", {"form": form, "quote": quote})


@require_http_methods(["GET", "POST"])
@role_required(RECORD)
def quote_delete(request, pk):
    """GET asks for confirmation, POST deletes."""
    quote = selectors.get_quote(pk)
    year = quote.edition.year
    back = reverse("programmes:edition_edit", args=[year])
    if request.method == "GET":
        return render(
            request,
            "confirm.html",
            {
                "title": _("Delete quote"),
                "question": _("Delete this quote from the annual report %(year)s?")
                % {"year": year},
                "details": [(_("Quote"), quote.revision_text())],
                "consequence": _("The deletion is kept in the history of changes."),
                "action_url": reverse("programmes:quote_delete", args=[quote.pk]),
                "hidden": [],
                "confirm_label": _("Yes, delete"),
                "back_url": back,
                "back_label": _("Texts of the annual report %(year)s") % {"year": year},
            },
        )
    services.quote_delete(quote=quote, actor=request.user)
    messages.success(request, _("The quote has been deleted."))
    return redirect(back)


@require_POST
@role_required(REPORT)
def report_publish(request, pk):
    report = get_object_or_404(AnnualReport, pk=pk)
    try:
        services.report_publish(report=report, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The annual report %(year)s is published: its online version is public.")
            % {"year": report.year},
        )
    return redirect("programmes:report_list")


@require_POST
@role_required(REPORT)
def report_withdraw(request, year):
    services.report_withdraw(year=_valid_year(year), actor=request.user)
    messages.success(
        request,
        _("The annual report %(year)s is no longer published.") % {"year": year},
    )
    return redirect("programmes:report_list")
