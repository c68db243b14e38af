import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingrado.csvfiles import table_response
from ingrado.forms import parse_id

from . import dashboard, directory, enrolment, notifications, selectors, services
from .forms import (
    EnrolmentCodeForm,
    NotificationSettingsForm,
    OrganisationImportForm,
    PersonFunctionForm,
    PersonLinkForm,
    ProfileForm,
)
from .permissions import has_mfa, role_required

DIRECTORY_PAGE_SIZE = 30


def home(request):
    return render(request, "members/home.html")


def _panels(request, person, page, panels=None):
    return [
        {"template": panel.template, **panel.context(request, person)}
        for panel in (panels if panels is not None else dashboard.panels(page, request.user))
    ]


@login_required
def my_dashboard(request):
    person = selectors.dashboard_person(request.user)
    panels = _panels(request, person, "dashboard")
    return render(request, "members/dashboard.html", {"person": person, "panels": panels})


@login_required
def my_work(request):
    """Mijn werk: where staff and board land after logging in, with each app's panel of what
    waits for them. Someone without work panels (a member) goes on to Mijn Ingrado."""
    work = dashboard.panels("work", request.user)
    if not work:
        return redirect("members:dashboard")
    person = selectors.dashboard_person(request.user)
    panels = _panels(request, person, "work", work)
    return render(request, "members/work.html", {"person": person, "panels": panels})


def _notification_form(request, person, data=None):
    kinds = notifications.optional_kinds(selectors.notification_audiences(request.user, person))
    if not kinds:
        return None
    return NotificationSettingsForm(data, kinds=kinds, person=person, prefix="meldingen")


@login_required
def my_profile(request):
    person = selectors.person_for_user(request.user)
    if person is None:
        return render(request, "members/profile_missing.html")
    if request.method == "POST" and "meldingen" in request.POST:
        return _save_notifications(request, person)
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.person_update_profile(person=person, actor=request.user, **changes)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("members:profile")
    return render(
        request,
        "members/profile.html",
        {
            "person": person,
            "form": form,
            "notification_form": _notification_form(request, person),
            "panels": _panels(request, person, "profile"),
        },
    )


def _save_notifications(request, person):
    form = _notification_form(request, person, request.POST)
    if form is not None and form.is_valid():
        services.person_set_notifications(
            person=person, choices=form.cleaned_data, actor=request.user
        )
        messages.success(request, _("Your e-mail choices have been saved."))
    return redirect("members:profile")


def _page(request, rows):
    return Paginator(rows, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))


@role_required("members.view_directory")
def organisation_list(request):
    filterset = selectors.organisation_directory(params=request.GET)
    return render(
        request,
        "members/organisation_list.html",
        {"filter": filterset, "page": _page(request, filterset.qs)},
    )


@role_required("members.view_directory")
def person_list(request):
    filterset = selectors.person_directory(params=request.GET)
    return render(
        request,
        "members/person_list.html",
        {
            "filter": filterset,
            "page": _page(request, selectors.directory_rows(filterset.qs)),
            "krsd": selectors.krsd_share(filterset.qs),
        },
    )


@role_required("members.view_directory")
def organisation_detail(request, pk):
    organisation = selectors.organisation_detail(pk=pk)
    people = selectors.organisation_people(organisation=organisation)
    return render(
        request,
        "members/organisation_detail.html",
        {"organisation": organisation, "people": people, "krsd": selectors.krsd_share(people)},
    )


@role_required("members.view_directory")
def person_detail(request, pk):
    """A person's details, their questions and enrolments (the apps' sections), and for
    staff who may change people: the organisation (searchable) and the function."""
    person = selectors.person_detail(pk=pk)
    sections = [
        {"template": section.template, **section.context(person)}
        for section in directory.person_sections()
    ]
    services.audit_log(
        actor=request.user,
        action="person_view",
        obj=person,
        shown=[section.name for section in directory.person_sections()],
    )
    query = _organisation_query(request)
    function_form = PersonFunctionForm(
        initial={"function": person.function, "rayon_contact_for": person.rayon_contact_for}
    )
    return render(
        request,
        "members/person_detail.html",
        {
            "person": person,
            "sections": sections,
            "function_form": function_form,
            **_organisation_choices_context(query, current=person.organisation),
        },
    )


def _organisation_query(request) -> str:
    return " ".join(request.GET.get("organisatie", "").split())[:100]


def _organisation_choices_context(query: str, *, current) -> dict:
    matches, more = selectors.organisation_choices(query=query)
    return {
        "organisation_query": query,
        "current_organisation": current,
        "organisation_matches": [o for o in matches if current is None or o.pk != current.pk],
        "more_organisations": more,
    }


@role_required("members.change_person")
def organisation_choices(request):
    """The organisations matching what is typed in the person page's search box (htmx);
    without JavaScript the search reloads the person page with the same list."""
    current = None
    current_id = parse_id(request.GET.get("huidig", ""))
    if current_id is not None:
        current = selectors.organisation_choice(pk=current_id)
    return render(
        request,
        "members/_organisation_choices.html",
        _organisation_choices_context(_organisation_query(request), current=current),
    )


@require_POST
@role_required("members.change_person")
def person_link(request, pk):
    person = selectors.person_detail(pk=pk)
    form = PersonLinkForm(request.POST)
    if form.is_valid():
        services.person_link_to_organisation(
            person=person, organisation=form.cleaned_data["organisation"], actor=request.user
        )
        messages.success(
            request, _("The organisation of %(name)s has been saved.") % {"name": person.full_name}
        )
    else:
        messages.error(request, _("Choose an existing organisation."))
    return redirect("members:person_detail", pk=person.pk)


@require_POST
@role_required("members.change_person")
def person_function(request, pk):
    person = selectors.person_detail(pk=pk)
    form = PersonFunctionForm(request.POST)
    if form.is_valid():
        services.person_set_function(
            person=person,
            function=form.cleaned_data["function"],
            rayon_contact_for=form.cleaned_data["rayon_contact_for"],
            actor=request.user,
        )
        messages.success(
            request, _("The function of %(name)s has been saved.") % {"name": person.full_name}
        )
    else:
        messages.error(request, _("Choose a function and, if any, an existing rayon."))
    return redirect("members:person_detail", pk=person.pk)


@role_required("members.view_directory")
def organisation_export(request, fmt="csv"):
    """The filtered organisations in the columns of the import (as CSV or xlsx), so that the
    CSV file (also after Dutch Excel saved it) can be imported again."""
    filterset = selectors.organisation_directory(params=request.GET)
    rows = (
        services.organisation_import_row(organisation)
        for organisation in selectors.organisation_export_rows(filterset.qs)
    )
    services.audit_log(
        actor=request.user, action="organisations_export", obj=request.user, format=fmt
    )
    return table_response(fmt, "organisaties", services.IMPORT_HEADINGS.values(), rows)


@role_required("members.view_directory")
def person_export(request, fmt="csv"):
    filterset = selectors.person_directory(params=request.GET)
    rows = (
        (
            p.first_name,
            p.last_name,
            p.email,
            p.organisation,
            p.get_function_display(),
            p.organisation.rayon if p.organisation else "",
            _("yes") if p.krsd_registered else _("no"),
            p.krsd_number,
        )
        for p in filterset.qs
    )
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("Function"),
        _("Rayon"),
        _("Registered in KRSD"),
        _("KRSD registration number"),
    ]
    services.audit_log(actor=request.user, action="people_export", obj=request.user, format=fmt)
    return table_response(fmt, "personen", header, rows)


@role_required("members.import_organisations")
def organisation_import(request):
    form = OrganisationImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.organisations_import_csv(
                raw=form.cleaned_data["file"].read(), actor=request.user
            )
        except services.ImportFailed as failure:
            errors = failure.result.errors
            messages.error(request, _("Nothing was imported: the file contains errors."))
        else:
            messages.success(
                request,
                _("Import complete: %(created)s organisations added, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("members:organisation_list")
    return render(
        request,
        "members/organisation_import.html",
        {"form": form, "errors": errors, "max_rows": services.MAX_IMPORT_ROWS},
    )


@login_required
def my_data(request):
    """AVG: explain what is kept and offer the download of all of it."""
    return render(request, "members/my_data.html")


@login_required
def my_data_download(request):
    person = selectors.person_for_user(request.user)
    if person is None:
        raise Http404
    data = services.person_export_data(person=person)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-ingrado.json"'
    return response


@require_POST
@role_required("members.erase_person")
def person_erase(request, pk):
    person = selectors.person_detail(pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the anonymisation."))
        return redirect("members:person_detail", pk=person.pk)
    services.person_erase(person=person, actor=request.user)
    messages.success(request, _("The person has been anonymised."))
    return redirect("members:person_list")


@login_required
def mfa_enrolment_confirm(request):
    """Before the first two-factor enrolment: a code mailed to the account's verified address,
    typed back here (members.enrolment)."""
    if has_mfa(request.user):
        return redirect("mfa_index")
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and "send" in request.POST:
        if not ratelimit.consume(request, action="mfa_enrolment_code", user=request.user):
            messages.error(request, _("A code was sent a moment ago. Wait a few minutes."))
        else:
            enrolment.send_code(request)
            messages.success(
                request, _("The code has been sent to %(email)s.") % {"email": request.user.email}
            )
        return redirect("members:mfa_enrolment_confirm")
    if request.method == "POST" and form.is_valid():
        if enrolment.check_code(request, form.cleaned_data["code"]):
            return redirect("mfa_activate_totp")
        form.add_error("code", _("This code is not right or no longer valid. Ask for a new one."))
    return render(
        request,
        "members/mfa_enrolment_confirm.html",
        {"form": form, "code_sent": enrolment.code_sent(request)},
    )


@login_required
def rayon_list(request):
    return render(
        request,
        "members/rayon_list.html",
        {
            "rayons": selectors.rayons_with_contacts(),
            "show_addresses": selectors.may_see_contact_addresses(request.user),
        },
    )
