from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingrado.caching import cached_for_anonymous
from members.permissions import role_required

from . import selectors, services
from .forms import KeyFigureForm, MoveForm, ResultForm, YearForm, YearPlanForm
from .models import AnnualReport, Project
from .report import report_sections

RECORD = "programmes.record_result"
REPORT = "programmes.generate_report"


@cached_for_anonymous
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


@cached_for_anonymous
def programme_detail(request, number):
    return render(
        request, "programmes/programme.html", {"programme": selectors.get_programme(number)}
    )


@cached_for_anonymous
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


@require_POST
@role_required(RECORD)
def result_add(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form = ResultForm(request.POST)
    year = _year_from(request)
    if form.is_valid() and year:
        services.result_save(project=project, year=year, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The result has been recorded."))
    else:
        messages.error(
            request, _("The result could not be saved: fill in the text and a valid year.")
        )
    return _back_to(project, year)


@role_required(RECORD)
def result_edit(request, pk):
    result = selectors.get_result(pk)
    form = ResultForm(request.POST or None, instance=result)
    if request.method == "POST" and form.is_valid():
        services.result_save(
            project=result.project,
            year=result.year,
            actor=request.user,
            result=result,
            **form.cleaned_data,
        )
        messages.success(request, _("The result has been saved."))
        return _back_to(result.project, result.year)
    return render(request, "programmes/result_form.html", {"form": form, "result": result})


@require_POST
@role_required(RECORD)
def result_delete(request, pk):
    result = selectors.get_result(pk)
    project, year = result.project, result.year
    services.result_delete(result=result, actor=request.user)
    messages.success(request, _("The result has been deleted."))
    return _back_to(project, year)


@require_POST
@role_required(RECORD)
def result_move(request, pk):
    result = selectors.get_result(pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.result_move(
            result=result, direction=form.cleaned_data["direction"], actor=request.user
        )
    return _back_to(result.project, result.year)


@require_POST
@role_required(RECORD)
def figure_add(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form = KeyFigureForm(request.POST)
    year = _year_from(request)
    if form.is_valid() and year:
        services.key_figure_save(
            project=project, year=year, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The key figure has been recorded."))
    else:
        messages.error(request, _("Fill in a value, a label and a valid year."))
    return _back_to(project, year)


@role_required(RECORD)
def figure_edit(request, pk):
    figure = selectors.get_key_figure(pk)
    initial = {"value": figure.value, "label": figure.label}
    form = KeyFigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.key_figure_save(
            project=figure.project,
            year=figure.year,
            actor=request.user,
            figure=figure,
            **form.cleaned_data,
        )
        messages.success(request, _("The key figure has been saved."))
        return _back_to(figure.project, figure.year)
    return render(request, "programmes/figure_form.html", {"form": form, "figure": figure})


@require_POST
@role_required(RECORD)
def figure_delete(request, pk):
    figure = selectors.get_key_figure(pk)
    project, year = figure.project, figure.year
    services.key_figure_delete(figure=figure, actor=request.user)
    messages.success(request, _("The key figure has been deleted."))
    return _back_to(project, year)


@require_POST
@role_required(RECORD)
def figure_move(request, pk):
    figure = selectors.get_key_figure(pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        services.key_figure_move(
            figure=figure, direction=form.cleaned_data["direction"], actor=request.user
        )
    return _back_to(figure.project, figure.year)


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


@require_POST
@role_required(RECORD)
def year_plan_delete(request, pk):
    plan_ = selectors.get_year_plan(pk)
    project, year = plan_.project, plan_.year
    services.year_plan_delete(plan=plan_, actor=request.user)
    messages.success(request, _("The year plan has been deleted."))
    return _back_to(project, year)


@login_required
def report_online(request, year):
    """The extended version: every result, with the same kerncijfers and charts as the PDF,
    and for those who may download it a link to the PDF.

    Everything but that link is the same for every reader: rendered once per year and
    language and shared through the cache. Its key holds the latest revision of the
    programmes' data (results, key figures and year plans are changed through the services,
    which record each change), so a change shows at once; the timeout bounds the rest: the
    helpdesk and Academie figures are kept as long (`ingrado.caching.cached_figures`)."""
    if not 1 < year < 9999 or not selectors.has_results(year):  # dates end at year 9999
        raise Http404
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
        try:
            services.report_request(year=year, actor=request.user)
        except services.ReportError as error:
            messages.warning(request, error.message)
        else:
            messages.success(
                request, _("The annual report %(year)s is being generated.") % {"year": year}
            )
        return redirect("programmes:report_list")
    return render(request, "programmes/report_list.html", _report_context())


def _report_context():
    reports = list(selectors.reports())
    years = selectors.report_years()
    last_year = timezone.localdate().year - 1
    default_year = last_year if last_year in years else (years[0] if years else last_year)
    return {
        "reports": reports,
        "years": years or [default_year],
        "default_year": default_year,
        "pending": any(report.is_pending for report in reports),
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
    except services.ReportError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("The annual report is being generated again."))
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
