"""Pages of the meetings: the list and a meeting's page for everyone; registration,
evaluation, voting delegates, proxies and voting for members; running a meeting (check-in,
participants, decisions, documents, reports) for staff; figures for staff and board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from academy.forms import EvaluationForm
from ingrado.downloads import csv_response, recent_years, year_param
from ingrado.errors import DomainError
from ingrado.formatting import day, money
from ingrado.forms import parse_id
from ingrado.generated_files import QueueUnavailable
from members.models import Organisation, Person
from members.permissions import is_board_user, role_required
from members.selectors import organisation_param, person_for_user

from . import extensions, selectors, services, stats
from .forms import (
    CheckInSearchForm,
    ConsultationForm,
    DecisionForm,
    DelegateForm,
    DocumentForm,
    MeetingForm,
    ProgrammeItemForm,
    ProxyForm,
    ReportForm,
    VoteForm,
    WorkshopChoiceForm,
)
from .ics import meetings_calendar
from .models import (
    Decision,
    Meeting,
    MeetingReport,
    PlaceStatus,
    ProgrammeItem,
    Proxy,
    Registration,
)

MANAGE = selectors.MANAGE
FIGURES = "meetings.view_meeting_figures"
PAGE_SIZE = 30


def _may_see_staff_pages(user) -> bool:
    return selectors.may_manage(user) or is_board_user(user)


# --- the list and a meeting's page ---------------------------------------------------------


def meeting_list(request):
    # Rendered fresh, for visitors too: places left change with every registration.
    filterset = selectors.meeting_list(user=request.user, params=request.GET)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ics_url = reverse("meetings:list_ics") + ("?" + request.GET.urlencode() if request.GET else "")
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "filter": filterset,
            "page": page,
            "ics_url": ics_url,
            "may_create": selectors.may_manage(request.user)
            or (
                request.user.is_authenticated
                and selectors.rayon_contact_rayon(request.user) is not None
            ),
        },
    )


def list_ics(request):
    """The meetings of the list, filtered the same way, as a calendar (at most 200)."""
    filterset = selectors.meeting_list(user=request.user, params=request.GET)
    meetings = list(filterset.qs.exclude(status=Meeting.Status.DRAFT)[:200])
    response = HttpResponse(
        meetings_calendar(meetings), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="bijeenkomsten.ics"'
    return response


def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    person = person_for_user(request.user)
    registration = selectors.open_registration(person, meeting)
    context = {
        "meeting": meeting,
        **selectors.meeting_page(meeting),
        "registration": registration,
        "position": services.waitlist_position(registration) if registration else None,
        "workshop_places": selectors.workshop_places_of(registration),
        "open": meeting.accepts_registrations(),
        "may_edit": request.user.is_authenticated and selectors.may_edit(request.user, meeting),
        "may_manage": selectors.may_manage(request.user),
        "may_read_documents": selectors.may_read_documents(request.user, meeting),
        "is_staff_or_board": _may_see_staff_pages(request.user),
        "person": person,
        "vat_rate": services.vat_rate(),
    }
    workshops = context["workshops"]
    if workshops:
        positions = services.workshop_positions(context["workshop_places"])
        for place in context["workshop_places"]:
            place.position = positions.get(place.pk)
        context["workshop_form"] = WorkshopChoiceForm(
            workshops=workshops,
            initial={f"round_{p.round}": p.workshop_id for p in context["workshop_places"]},
        )
    if meeting.is_alv and person is not None:
        context["delegations"] = [
            d for d in selectors.delegations_ahead(person) if d.meeting_id == meeting.pk
        ]
        if person.is_manager:
            context["own_delegate"] = selectors.delegation_of(meeting, person.organisation)
            context["own_proxy"] = selectors.proxy_given_by(meeting, person.organisation)
    return render(request, "meetings/meeting_detail.html", context)


def meeting_ics(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    response = HttpResponse(
        meetings_calendar([meeting]), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{meeting.pk}.ics"'
    return response


# --- making and changing a meeting ---------------------------------------------------------


def _editor(request):
    """(may manage, rayon of a rayon contact person): who may make a meeting; 403 for others."""
    staff = selectors.may_manage(request.user)
    rayon = None if staff else selectors.rayon_contact_rayon(request.user)
    if not staff and rayon is None:
        raise PermissionDenied
    return staff, rayon


@login_required
def meeting_create(request):
    staff, rayon = _editor(request)
    initial = {"kind": Meeting.Kind.RAYONDAG, "rayon": rayon} if rayon else {}
    form = MeetingForm(
        request.POST or None,
        instance=services.new_meeting(),
        initial=initial,
        rayon_only=rayon,
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(
                actor=request.user, meeting=form.instance, **_changes(form)
            )
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting has been saved as a draft."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None})


def _changes(form):
    return {name: form.cleaned_data[name] for name in form.fields}


@login_required
def meeting_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not selectors.may_edit(request.user, meeting):
        raise PermissionDenied
    rayon = None if selectors.may_manage(request.user) else meeting.rayon
    form = MeetingForm(request.POST or None, instance=meeting, rayon_only=rayon)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_save(actor=request.user, meeting=meeting, **_changes(form))
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    context = {
        "form": form,
        "meeting": meeting,
        "item_form": ProgrammeItemForm(),
        "items": meeting.items.all(),
    }
    if meeting.kind == Meeting.Kind.WERKCONFERENTIE:
        from .engagement import werkconferentie_themes

        context["themes_since"], context["themes"] = werkconferentie_themes()
    return render(request, "meetings/meeting_form.html", context)


@require_POST
@role_required(MANAGE)
def meeting_publish(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    try:
        services.meeting_publish(meeting=meeting, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The meeting has been published."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method == "GET":
        return render(
            request,
            "confirm.html",
            {
                "title": _("Cancel meeting"),
                "question": _("Cancel %(title)s?") % {"title": meeting.title},
                "details": [(_("Date"), meeting.date.strftime("%d-%m-%Y"))],
                "consequence": _("Everyone registered or waiting gets an e-mail."),
                "action_url": reverse("meetings:meeting_cancel", args=[meeting.pk]),
                "hidden": [],
                "confirm_label": _("Yes, cancel the meeting"),
                "back_url": reverse("meetings:meeting_detail", args=[meeting.pk]),
                "back_label": meeting.title,
            },
        )
    try:
        services.meeting_cancel(meeting=meeting, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The meeting has been cancelled."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


@require_POST
@login_required
def item_add(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not selectors.may_edit(request.user, meeting):
        raise PermissionDenied
    form = ProgrammeItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.programme_item_add(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The programme item has been added."))
    return redirect("meetings:meeting_edit", pk=meeting.pk)


@require_POST
@login_required
def item_delete(request, pk):
    item = get_object_or_404(ProgrammeItem.objects.select_related("meeting"), pk=pk)
    selectors.get_meeting_for_user(request.user, item.meeting_id)
    if not selectors.may_edit(request.user, item.meeting):
        raise PermissionDenied
    services.programme_item_delete(item=item, actor=request.user)
    messages.success(request, _("The programme item has been removed."))
    return redirect("meetings:meeting_edit", pk=item.meeting_id)


@role_required(MANAGE)
def document_add(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                meeting=meeting,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                is_draft=form.cleaned_data["is_draft"],
                actor=request.user,
            )
        except services.MeetingError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("The document has been added."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/document_form.html", {"meeting": meeting, "form": form})


@login_required
def document_download(request, pk, document_pk):
    document = selectors.get_document_for_user(request.user, pk, document_pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


# --- registration --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def register(request, pk):
    """GET asks first: what registering means (the price and its VAT for a paid meeting, a
    place or the waiting list, the date to cancel), the workshops and the other apps'
    questions (billing: whom to invoice); POST registers. Works without JavaScript. The
    meeting's page posts a free meeting's registration directly; a paid meeting is always
    asked first (a POST without `confirm` shows the question instead of registering)."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied
    answered = request.method == "POST" and request.POST.get("confirm") == "yes"
    questions = extensions.REGISTRATIONS.forms(person, meeting, request.POST if answered else None)
    workshops = list(meeting.workshops.all())
    form = WorkshopChoiceForm(request.POST or None, workshops=workshops)
    if request.method == "POST" and (answered or not questions):
        if answered and not all(question_form.is_valid() for _q, question_form in questions):
            return _confirm_register(request, meeting, person, form, questions)
        answers = {q.name: question_form.cleaned_data for q, question_form in questions}
        chosen = form.chosen() if form.is_valid() else []
        try:
            registration = services.registration_create(
                meeting=meeting, person=person, workshops=chosen, answers=answers or None
            )
        except services.MeetingError as error:
            messages.error(request, error.message)
        else:
            if registration.status == PlaceStatus.CONFIRMED:
                messages.success(request, _("You are registered. The confirmation is on its way."))
            else:
                messages.info(
                    request,
                    _("The meeting is full: you are number %(n)s on the waiting list.")
                    % {"n": services.waitlist_position(registration)},
                )
        return redirect("meetings:meeting_detail", pk=meeting.pk)
    if selectors.open_registration(person, meeting) is not None:
        return redirect("meetings:meeting_detail", pk=meeting.pk)
    if not meeting.accepts_registrations():
        messages.info(request, _("Registration is closed."))
        return redirect("meetings:meeting_detail", pk=meeting.pk)
    try:
        services.check_audience(meeting, person)
    except services.MeetingError as error:
        messages.error(request, error.message)
        return redirect("meetings:meeting_detail", pk=meeting.pk)
    return _confirm_register(request, meeting, person, form, questions)


def _confirm_register(request, meeting, person, workshop_form, questions):
    confirmed = meeting.registrations.filter(status=PlaceStatus.CONFIRMED).count()
    return render(
        request,
        "meetings/register_confirm.html",
        {
            "meeting": meeting,
            "price": services.price_for(person, meeting),
            "is_member": bool(person.is_member),
            "vat_rate": services.vat_rate(),
            "full": meeting.capacity is not None and confirmed >= meeting.capacity,
            "workshop_form": workshop_form if workshop_form.fields else None,
            "questions": [
                {"template": question.template, "form": form, "person": person}
                for question, form in questions
            ],
        },
    )


@require_POST
@login_required
def workshops_choose(request, pk):
    registration = selectors.get_registration_for_user(request.user, pk)
    person = person_for_user(request.user)
    if person is None or registration.person_id != person.pk:
        raise Http404
    form = WorkshopChoiceForm(request.POST, workshops=list(registration.meeting.workshops.all()))
    if not form.is_valid():
        messages.error(request, _("Choose one of the workshops listed."))
        return redirect("meetings:meeting_detail", pk=registration.meeting_id)
    try:
        for workshop in form.chosen():
            services.workshop_choose(registration=registration, workshop=workshop)
        chosen_rounds = {w.round for w in form.chosen()}
        for place in selectors.workshop_places_of(registration):
            if place.round not in chosen_rounds:
                services.workshop_leave(place=place)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your workshops have been saved."))
    return redirect("meetings:meeting_detail", pk=registration.meeting_id)


@require_http_methods(["GET", "POST"])
@login_required
def registration_cancel(request, pk):
    """Cancel one's registration or leave the waiting list; staff cancel anyone's at any
    time. GET asks for confirmation, POST cancels."""
    registration = selectors.get_registration_for_user(request.user, pk)
    person = person_for_user(request.user)
    own = person is not None and registration.person_id == person.pk
    staff = selectors.may_manage(request.user)
    back = (
        reverse("meetings:participants", args=[registration.meeting_id])
        if staff and not own
        else reverse("meetings:meeting_detail", args=[registration.meeting_id])
    )
    if registration.status == PlaceStatus.CANCELLED:
        messages.info(request, _("This registration has already been cancelled."))
        return redirect(back)
    if request.method == "GET":
        return render(
            request,
            "confirm.html",
            {
                "title": _("Cancel registration"),
                "question": _("Cancel the registration of %(name)s for %(title)s?")
                % {"name": registration.person.full_name, "title": registration.meeting.title},
                "details": [
                    (_("Status"), registration.get_status_display()),
                    (_("Date"), registration.meeting.date.strftime("%d-%m-%Y")),
                    *([(_("Price"), money(registration.price))] if registration.price else []),
                ],
                "consequence": _cancel_consequence(registration),
                "action_url": reverse("meetings:registration_cancel", args=[registration.pk]),
                "hidden": [],
                "confirm_label": _("Yes, cancel the registration"),
                "back_url": back,
                "back_label": registration.meeting.title,
            },
        )
    try:
        services.registration_cancel(
            registration=registration, by_staff=staff and not own, actor=request.user
        )
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The registration has been cancelled."))
    return redirect(back)


def _cancel_consequence(registration) -> str:
    """Who gets the place, and for a paid registration the terms: free of charge until the
    date to cancel (a credit note follows), after it Ingrado decides."""
    place = _("A place that becomes free goes to the first on the waiting list.")
    if not registration.price or registration.status != PlaceStatus.CONFIRMED:
        return place
    until = registration.meeting.cancels_until()
    if timezone.localdate() <= until:
        terms = _("Cancelling is free of charge until %(date)s: you pay nothing.")
    else:
        terms = _(
            "The cancellation deadline (%(date)s) has passed: Ingrado decides whether the "
            "price is still due."
        )
    return f"{terms % {'date': day(until)}} {place}"


@login_required
def evaluate(request, pk):
    registration = selectors.get_registration_for_user(request.user, pk)
    person = person_for_user(request.user)
    if person is None or registration.person_id != person.pk:
        raise Http404
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                registration=registration,
                score=form.cleaned_data["score"],
                comments=form.cleaned_data["comments"],
            )
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("members:dashboard")
    return render(request, "meetings/evaluate.html", {"registration": registration, "form": form})


# --- running a meeting: participants and check-in -----------------------------------------


@role_required(MANAGE)
def participants(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("rayon"), pk=pk)
    registrations = selectors.participants(meeting)
    positions = services.waitlist_positions(registrations)
    for registration in registrations:
        registration.position = positions.get(registration.pk)
    confirmed = [r for r in registrations if r.status == PlaceStatus.CONFIRMED]
    scores = [r.evaluation.score for r in registrations if hasattr(r, "evaluation")]
    return render(
        request,
        "meetings/participants.html",
        {
            "meeting": meeting,
            "registrations": registrations,
            "confirmed_count": len(confirmed),
            "present_count": sum(1 for r in confirmed if r.checked_in_at),
            "average": sum(scores) / len(scores) if scores else None,
        },
    )


@role_required(MANAGE)
def participants_csv(request, pk):
    """Confirmed participants, with what KRSD registration needs."""
    meeting = get_object_or_404(Meeting, pk=pk)
    rows = (
        (
            r.person.first_name,
            r.person.last_name,
            r.person.email,
            r.organisation or "",
            r.rayon or "",
            r.person.krsd_number,
            _("yes") if r.checked_in_at else _("no"),
            meeting.krsd_points if r.checked_in_at else 0,
            meeting.krsd_code,
            meeting.date.strftime("%d-%m-%Y"),
        )
        for r in selectors.participants(meeting)
        if r.status == PlaceStatus.CONFIRMED
    )
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("Rayon"),
        _("KRSD registration number"),
        _("Present"),
        _("KRSD points"),
        _("KRSD register code"),
        _("Date"),
    ]
    return csv_response(f"deelnemers-bijeenkomst-{meeting.pk}.csv", header, rows)


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def check_in(request, pk):
    """Check-in at the door: a search box (a plain GET form, no JavaScript needed), a button
    per person found, and the live count of who is present or represented."""
    meeting = get_object_or_404(Meeting, pk=pk)
    query = (request.POST.get("q") or request.GET.get("q") or "")[:100]
    if request.method == "POST":
        person_pk = parse_id(request.POST.get("person", ""))
        person = get_object_or_404(Person, pk=person_pk) if person_pk else None
        if person is None:
            raise Http404
        try:
            services.check_in(meeting=meeting, person=person, actor=request.user, by_staff=True)
        except services.MeetingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": person.full_name})
        url = reverse("meetings:check_in", args=[meeting.pk])
        return redirect(f"{url}?{urlencode({'q': query})}" if query else url)
    form = CheckInSearchForm(request.GET if query else None)
    registrations, others = (
        selectors.check_in_search(meeting, query) if form.is_bound and form.is_valid() else ([], [])
    )
    return render(
        request,
        "meetings/check_in.html",
        {
            "meeting": meeting,
            "form": form,
            "query": query,
            "found": registrations,
            "others": others,
            "present": [r for r in selectors.present_list(meeting) if r.is_present],
            **_presence_context(meeting),
        },
    )


def _presence_context(meeting):
    return {"presence": selectors.presence(meeting) if meeting.is_alv else None, "meeting": meeting}


def presence(request, pk):
    """The live count (htmx polls it every five seconds on the check-in and voting pages)."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return render(request, "meetings/_presence.html", _presence_context(meeting))


@require_POST
@role_required(MANAGE)
def check_out(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("person"), pk=pk)
    try:
        services.check_out(registration=registration, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s has left.") % {"name": registration.person.full_name})
    return redirect("meetings:check_in", pk=registration.meeting_id)


@require_POST
@login_required
def self_check_in(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied
    try:
        services.check_in(meeting=meeting, person=person, actor=request.user, by_staff=False)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are checked in. Welcome!"))
    return redirect("meetings:vote_page" if meeting.is_alv else "meetings:meeting_detail", pk=pk)


# --- the voting register, delegates and proxies --------------------------------------------


def _alv(request, pk) -> Meeting:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not meeting.is_alv:
        raise Http404
    return meeting


@login_required
def voting_register(request, pk):
    if not _may_see_staff_pages(request.user):
        raise PermissionDenied
    meeting = _alv(request, pk)
    rows = selectors.register_rows(meeting)
    return render(
        request,
        "meetings/voting_register.html",
        {
            "meeting": meeting,
            "rows": rows,
            "log": selectors.proxy_log(meeting),
            **_presence_context(meeting),
        },
    )


def _manager(request) -> Person:
    person = person_for_user(request.user)
    if person is None or not person.is_manager:
        raise PermissionDenied
    return person


@login_required
def delegate(request, pk):
    """The manager names the organisation's voting delegate for this ALV."""
    meeting = _alv(request, pk)
    manager = _manager(request)
    form = DelegateForm(request.POST or None, organisation=manager.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegate_name(
                meeting=meeting,
                person=form.cleaned_data["person"],
                actor_person=manager,
                actor=request.user,
            )
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The voting delegate has been named."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/delegate_form.html",
        {
            "meeting": meeting,
            "form": form,
            "organisation": manager.organisation,
            "current": selectors.delegation_of(meeting, manager.organisation),
        },
    )


@login_required
def proxy(request, pk):
    """The manager gives the organisation's vote to another organisation's delegate."""
    meeting = _alv(request, pk)
    manager = _manager(request)
    holders = selectors.proxy_holders(meeting, exclude=manager.organisation)
    form = ProxyForm(request.POST or None, holders=holders)
    if request.method == "POST" and form.is_valid():
        try:
            services.proxy_grant(
                meeting=meeting,
                holder=form.cleaned_data["holder"],
                actor_person=manager,
                actor=request.user,
            )
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The proxy has been given."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/proxy_form.html",
        {
            "meeting": meeting,
            "form": form,
            "organisation": manager.organisation,
            "current": selectors.proxy_given_by(meeting, manager.organisation),
        },
    )


@require_POST
@login_required
def proxy_revoke(request, pk):
    proxy_ = get_object_or_404(Proxy.objects.select_related("meeting", "grantor"), pk=pk)
    manager = person_for_user(request.user)
    if manager is None or manager.organisation_id != proxy_.grantor_id or not manager.is_manager:
        raise Http404
    try:
        services.proxy_revoke(proxy=proxy_, actor_person=manager, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proxy has been revoked."))
    return redirect("meetings:meeting_detail", pk=proxy_.meeting_id)


# --- voting ----------------------------------------------------------------------------


@login_required
def vote_page(request, pk):
    """The delegate's page: presence, the votes they hold (their own and by proxy, with the
    proxies received and whether each counts) and a ballot per open decision and right."""
    meeting = _alv(request, pk)
    person = person_for_user(request.user)
    rights = selectors.voting_rights(meeting, person)
    delegations = [d for d in selectors.delegations_ahead(person) if d.meeting_id == meeting.pk]
    if not delegations and person is not None:
        delegations = list(meeting.delegates.filter(person=person).select_related("organisation"))
    held = selectors.proxies_held(meeting, [d.organisation_id for d in delegations])
    current = selectors.presence(meeting)
    for item in held:
        item.counts = item.grantor_id in current.represented and item.grantor_id in rights
    decisions = selectors.decisions_with_progress(meeting)
    used = set(
        meeting.decisions.filter(ballots__organisation_id__in=list(rights)).values_list(
            "pk", "ballots__organisation_id"
        )
    )
    names = dict(Organisation.objects.filter(pk__in=list(rights)).values_list("pk", "name"))
    for decision in decisions:
        decision.result = selectors.decision_result(decision)
        decision.rights = [
            {
                "pk": org,
                "name": names[org],
                "by_proxy": by_proxy,
                "used": (decision.pk, org) in used,
            }
            for org, by_proxy in sorted(rights.items(), key=lambda item: names[item[0]])
        ]
    registration = selectors.open_registration(person, meeting)
    return render(
        request,
        "meetings/vote.html",
        {
            "meeting": meeting,
            "decisions": decisions,
            "rights": rights,
            "delegations": delegations,
            "held": held,
            "checked_in": registration is not None and registration.is_present,
            "today": meeting.date == timezone.localdate(),
            "presence": current,
            "vote_form": VoteForm(),
        },
    )


@require_POST
@login_required
def vote(request, pk):
    decision = selectors.get_decision(pk)
    meeting = selectors.get_meeting_for_user(request.user, decision.meeting_id)
    person = person_for_user(request.user)
    form = VoteForm(request.POST)
    if person is None:
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
        return redirect("meetings:vote_page", pk=meeting.pk)
    organisation = Organisation.objects.filter(pk=form.cleaned_data["organisation"]).first()
    if organisation is None:
        raise Http404
    try:
        services.vote_cast(
            decision=decision,
            organisation=organisation,
            choice=form.cleaned_data["choice"],
            voter=person,
            actor=request.user,
        )
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The vote of %(name)s has been cast.") % {"name": organisation.name}
        )
    return redirect("meetings:vote_page", pk=meeting.pk)


# --- decisions (staff) -------------------------------------------------------------------


@role_required(MANAGE)
def decisions(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk, kind=Meeting.Kind.ALV)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_save(meeting=meeting, actor=request.user, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision has been put on the agenda."))
            return redirect("meetings:decisions", pk=meeting.pk)
    items = selectors.decisions_with_progress(meeting)
    for item in items:
        item.result = selectors.decision_result(item)
    return render(
        request,
        "meetings/decisions.html",
        {
            "meeting": meeting,
            "decisions": items,
            "form": form,
            "reports": selectors.reports_of(meeting),
            "report_kinds": MeetingReport.Kind.choices,
            **_presence_context(meeting),
        },
    )


def decision_detail(request, pk):
    decision = selectors.get_decision(pk)
    meeting = selectors.get_meeting_for_user(request.user, decision.meeting_id)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    show_names = not decision.is_secret and decision.state == Decision.State.CLOSED
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "meeting": meeting,
            "decision": decision,
            "result": selectors.decision_result(decision),
            "ballots": selectors.ballots_of(decision) if show_names else [],
            "may_manage": selectors.may_manage(request.user),
        },
    )


@require_POST
@role_required(MANAGE)
def decision_open(request, pk):
    decision = selectors.get_decision(pk)
    try:
        services.decision_open(decision=decision, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("“%(title)s” is put to the vote.") % {"title": decision.title})
    return redirect("meetings:decisions", pk=decision.meeting_id)


@require_POST
@role_required(MANAGE)
def decision_close(request, pk):
    decision = selectors.get_decision(pk)
    try:
        decision = services.decision_close(decision=decision, actor=request.user)
    except services.MeetingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, selectors.decision_result(decision).sentence)
    return redirect("meetings:decision_detail", pk=decision.pk)


# --- the besluitenlijst and presentielijst -----------------------------------------------------


@require_POST
@role_required(MANAGE)
def report_request(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the list to make."))
        return redirect("meetings:decisions" if meeting.is_alv else "meetings:participants", pk=pk)
    try:
        services.meeting_report_request(
            meeting=meeting, kind=form.cleaned_data["kind"], actor=request.user
        )
    except QueueUnavailable as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("The PDF is being made."))
    return redirect("meetings:decisions" if meeting.is_alv else "meetings:participants", pk=pk)


@login_required
def report_download(request, pk):
    if not _may_see_staff_pages(request.user):
        raise PermissionDenied
    report = selectors.get_report(pk)
    if report.state != MeetingReport.State.READY or not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=f"{report.kind}-{report.meeting.date:%Y-%m-%d}.pdf",
        content_type="application/pdf",
    )


@require_POST
@role_required(MANAGE)
def report_retry(request, pk):
    from ingrado import generated_files

    report = selectors.get_report(pk)
    try:
        generated_files.retry(report)
    except DomainError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("The PDF is being made again."))
    return redirect("meetings:decisions", pk=report.meeting_id)


# --- consultations -------------------------------------------------------------------------


@login_required
def consultation(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if meeting.kind != Meeting.Kind.CONSULTATION:
        raise Http404
    person = person_for_user(request.user)
    form = ConsultationForm(request.POST or None, questions=meeting.questions.all())
    if request.method == "POST":
        if person is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.consultation_answer(meeting=meeting, person=person, answers=form.answers())
            except services.MeetingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you: your answers have been saved."))
                return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/consultation.html",
        {
            "meeting": meeting,
            "form": form,
            "answered": stats.has_answered(meeting, person),
            "open": meeting.answers_until and timezone.now() <= meeting.answers_until,
        },
    )


@login_required
def consultation_results(request, pk):
    if not _may_see_staff_pages(request.user):
        raise PermissionDenied
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if meeting.kind != Meeting.Kind.CONSULTATION:
        raise Http404
    return render(
        request,
        "meetings/consultation_results.html",
        {"meeting": meeting, "results": stats.consultation_results(meeting)},
    )


# --- figures -----------------------------------------------------------------------------------


@role_required(FIGURES)
def figures(request):
    """The year's figures; `?organisatie=<id>`: of that organisation's people (the numbers
    of its member statement)."""
    year = year_param(request)
    organisation = organisation_param(request)
    data = stats.year_figures(year, organisation=organisation)
    return render(
        request,
        "meetings/figures.html",
        {
            "figures": data,
            "year": year,
            "organisation": organisation,
            "years": recent_years(),
            "charts": stats.charts(data),
            # The annual report's sentences are the association's, not one organisation's.
            "sentences": stats.sentences(data) if organisation is None else {},
            "by_kind": [{**row, "label": stats.kind_label(row["kind"])} for row in data["by_kind"]],
            "by_organisation_kind": [
                {**row, "label": stats.organisation_kind_label(row["kind"])}
                for row in data["by_organisation_kind"]
            ],
        },
    )


@role_required(FIGURES)
def figures_csv(request, year):
    organisation = organisation_param(request)
    data = stats.year_figures(year, organisation=organisation)
    name = f"bijeenkomsten-{year}" + (f"-organisatie-{organisation.pk}" if organisation else "")
    return csv_response(f"{name}.csv", stats.csv_header(), stats.csv_rows(data))


# --- the organisation's timeline and the betrokkenheidskaart ★ -------------------------------


@login_required
def organisation_timeline(request, pk):
    """Everything an organisation did with Ingrado: for staff, and for its own manager."""
    from . import engagement

    organisation = get_object_or_404(Organisation.objects.select_related("rayon"), pk=pk)
    staff = request.user.has_perm("members.view_directory")
    person = person_for_user(request.user)
    own = person is not None and person.is_manager and person.organisation_id == organisation.pk
    if not (staff or own):
        raise PermissionDenied
    return render(
        request,
        "meetings/organisation_timeline.html",
        {
            "organisation": organisation,
            "events": engagement.timeline(organisation, staff=staff),
            "staff": staff,
        },
    )


@login_required
def engagement_map(request):
    """The betrokkenheidskaart: a rayon contact person sees their rayon; staff choose one."""
    from members.models import Rayon

    from . import engagement

    staff = request.user.has_perm("members.view_directory")
    own = selectors.rayon_contact_rayon(request.user)
    if not staff and own is None:
        raise PermissionDenied
    rayons = list(Rayon.objects.order_by("order", "name")) if staff else [own]
    chosen = parse_id(request.GET.get("rayon", ""))
    rayon = next((r for r in rayons if r.pk == chosen), own if own in rayons else rayons[0])
    return render(
        request,
        "meetings/engagement_map.html",
        {"map": engagement.engagement_map(rayon), "rayons": rayons, "staff": staff},
    )
