import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ingrado.downloads import csv_response

from . import dashboard, notifications, selectors, services
from .forms import (
    NotificationSettingsForm,
    OrganisationImportForm,
    PersonFunctionForm,
    PersonLinkForm,
    ProfileForm,
)
from .permissions import role_required

DIRECTORY_PAGE_SIZE = 30


def home(request):
    return render(request, "members/home.html")


def _panels(request, person, page):
    return [
        {"template": panel.template, **panel.context(request, person)}
        for panel in dashboard.panels(page)
    ]


@login_required
def my_dashboard(request):
    person = selectors.dashboard_person(request.user)
    panels = _panels(request, person, "dashboard")
    return render(request, "members/dashboard.html", {"person": person, "panels": panels})


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
    person = selectors.person_detail(pk=pk)
    services.audit_log(actor=request.user, action="person_view", obj=person)
    form = PersonLinkForm(initial={"organisation": person.organisation})
    function_form = PersonFunctionForm(
        initial={"function": person.function, "rayon_contact_for": person.rayon_contact_for}
    )
    return render(
        request,
        "members/person_detail.html",
        {"person": person, "form": form, "function_form": function_form},
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
def organisation_export(request):
    filterset = selectors.organisation_directory(params=request.GET)
    rows = (
        (
            o.name,
            o.get_kind_display(),
            o.rayon,
            o.region,
            o.member_since,
            o.member_until,
            o.email,
            o.phone,
            o.city,
            o.people_count,
        )
        for o in filterset.qs
    )
    header = [
        _("Name"),
        _("Kind"),
        _("Rayon"),
        _("Doorstroompunt region"),
        _("Member since"),
        _("Member until"),
        _("E-mail address"),
        _("Phone"),
        _("City"),
        _("People"),
    ]
    services.audit_log(actor=request.user, action="organisations_export", obj=request.user)
    return csv_response("organisaties.csv", header, rows)


@role_required("members.view_directory")
def person_export(request):
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
    services.audit_log(actor=request.user, action="people_export", obj=request.user)
    return csv_response("personen.csv", header, rows)


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
def rayon_list(request):
    return render(request, "members/rayon_list.html", {"rayons": selectors.rayons_with_contacts()})
