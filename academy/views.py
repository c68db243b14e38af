from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ingrado.caching import cached_for_anonymous
from ingrado.downloads import recent_years, table_response, year_param
from ingrado.formatting import day, money
from ingrado.forms import parse_id
from ingrado.generated_files import QueueUnavailable
from members.permissions import check_role, is_staff_user, role_required
from members.selectors import organisation_param, person_for_user
from members.services import audit_log

from . import extensions, selectors, services, stats
from .forms import EvaluationForm
from .ics import edition_calendar
from .models import Certificate, Enrolment

MANAGE = "academy.manage_editions"
FIGURES = "academy.view_academy_figures"


@cached_for_anonymous(
    query=selectors.CATALOGUE_PARAMETERS, generations=[selectors.ACADEMY_GENERATION]
)
def catalogue(request):
    filterset = selectors.catalogue(
        params=request.GET, include_recent=request.user.has_perm(MANAGE)
    )
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    return render(request, "academy/catalogue.html", {"filter": filterset, "page": page})


def edition_detail(request, pk):
    edition = selectors.get_edition(pk, staff=is_staff_user(request.user))
    person = person_for_user(request.user)
    enrolment = selectors.open_enrolment(person, edition)
    context = {
        "edition": edition,
        "sessions": edition.sessions.all(),
        "price": services.price_for(person, edition.activity),
        "is_member": bool(person and person.is_member),
        "enrolment": enrolment,
        "position": selectors.waitlist_position(enrolment) if enrolment else None,
        "open": edition.accepts_enrolments(),
    }
    return render(request, "academy/edition_detail.html", context)


def edition_ics(request, pk):
    edition = selectors.get_edition(pk)
    response = HttpResponse(
        edition_calendar(edition, list(edition.sessions.all())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="academie-{edition.pk}.ics"'
    return response


def _enrolment_questions(person, edition, data=None):
    """The questions other apps ask before enrolling (billing: whom to invoice), as
    (question, form) pairs; a question with nothing to ask is left out."""
    return extensions.ENROLMENTS.forms(person, edition, data)


@require_http_methods(["GET", "POST"])
@login_required
def enrol(request, pk):
    """GET asks first: what enrolling means (price and VAT, a place or the waiting list,
    the cancellation terms) and the other apps' questions; POST enrols. Works without
    JavaScript. A POST without `confirm` (an older page, the API of the tests) enrols with
    the questions' defaults."""
    edition = selectors.get_edition(pk)
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied
    answered = request.method == "POST" and request.POST.get("confirm") == "yes"
    questions = _enrolment_questions(person, edition, request.POST if answered else None)
    if request.method == "POST":
        if answered and not all(form.is_valid() for _question, form in questions):
            return _confirm_enrol(request, edition, person, questions, status=200)
        answers = {q.name: form.cleaned_data for q, form in questions} if answered else None
        try:
            enrolment = services.enrolment_create(edition=edition, person=person, answers=answers)
        except services.AcademyError as error:
            messages.error(request, error.message)
        else:
            if enrolment.status == Enrolment.Status.CONFIRMED:
                messages.success(request, _("You are enrolled. The confirmation is on its way."))
            else:
                messages.info(
                    request,
                    _("The edition is full: you are number %(n)s on the waiting list.")
                    % {"n": selectors.waitlist_position(enrolment)},
                )
        return redirect("academy:edition_detail", pk=edition.pk)
    if selectors.open_enrolment(person, edition) is not None or not edition.accepts_enrolments():
        return redirect("academy:edition_detail", pk=edition.pk)
    return _confirm_enrol(request, edition, person, questions)


def _confirm_enrol(request, edition, person, questions, status=200):
    return render(
        request,
        "academy/enrol_confirm.html",
        {
            "edition": edition,
            "sessions": edition.sessions.all(),
            "price": services.price_for(person, edition.activity),
            "is_member": bool(person.is_member),
            "questions": [
                {"template": question.template, "form": form, "edition": edition, "person": person}
                for question, form in questions
            ],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def enrolment_cancel(request, pk):
    """Cancel one's enrolment or leave the waiting list; staff cancel anyone's, any time.
    GET asks for confirmation (the participant list links here; it works without
    JavaScript), POST cancels."""
    enrolment = selectors.get_enrolment_for_user(request.user, pk)
    person = person_for_user(request.user)
    own = person is not None and enrolment.person_id == person.pk
    if not own:  # only staff reach someone else's enrolment: the role check applies
        refusal = check_role(request, (MANAGE,))
        if refusal is not None:
            return refusal
    if request.method == "GET":
        return _confirm_cancel(request, enrolment, own=own)
    try:
        if enrolment.status == Enrolment.Status.WAITLISTED and own:
            services.waitlist_leave(enrolment=enrolment)
            done = _("You have left the waiting list.")
        else:
            services.enrolment_cancel(
                enrolment=enrolment, by_staff=is_staff_user(request.user), actor=request.user
            )
            done = _("The enrolment has been cancelled.")
    except services.AcademyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    if is_staff_user(request.user) and request.POST.get("next") == "participants":
        return redirect("academy:participants", pk=enrolment.edition_id)
    return redirect("academy:edition_detail", pk=enrolment.edition_id)


def _cancel_consequence(enrolment) -> str:
    """What cancelling a place means: the cancellation terms, and who gets the place."""
    edition = enrolment.edition
    if timezone.localdate() <= edition.cancellation_deadline:
        terms = _("Cancelling is free of charge until %(date)s: you pay nothing.") % {
            "date": day(edition.cancellation_deadline)
        }
    else:
        terms = _(
            "The cancellation deadline (%(date)s) has passed: Ingrado decides whether the "
            "price is still due."
        ) % {"date": day(edition.cancellation_deadline)}
    waiting = edition.enrolments.filter(status=Enrolment.Status.WAITLISTED).exists()
    place = (
        _("Your place goes to the first on the waiting list.")
        if waiting
        else _("Your place becomes free for someone else.")
    )
    return f"{terms} {place}"


def _confirm_cancel(request, enrolment, *, own):
    person, title = enrolment.person, enrolment.edition.activity.title
    if own:
        back_url = reverse("academy:edition_detail", args=[enrolment.edition_id])
        back_label = title
    else:
        back_url = reverse("academy:participants", args=[enrolment.edition_id])
        back_label = _("Participants")
    if enrolment.status == Enrolment.Status.CANCELLED:
        messages.info(request, _("This enrolment has already been cancelled."))
        return redirect(back_url)
    waiting = enrolment.status == Enrolment.Status.WAITLISTED
    if own:
        question = (
            _("Leave the waiting list of %(title)s?")
            if waiting
            else _("Cancel your enrolment in %(title)s?")
        ) % {"title": title}
    else:
        question = _("Cancel the enrolment of %(name)s in %(title)s?") % {
            "name": person.full_name,
            "title": title,
        }
    details = [
        (_("Participant"), person.full_name),
        (_("Organisation"), person.organisation.name if person.organisation else "–"),
        (_("Status"), enrolment.get_status_display()),
    ]
    consequence = "" if waiting else _cancel_consequence(enrolment)
    if not waiting:
        details.append((_("Price"), money(enrolment.price)))
        details.append(
            (_("Cancel free of charge until"), day(enrolment.edition.cancellation_deadline))
        )
    context = {
        "title": _("Cancel enrolment"),
        "question": question,
        "details": details,
        "consequence": consequence,
        "action_url": reverse("academy:enrolment_cancel", args=[enrolment.pk]),
        "hidden": [] if own else [("next", "participants")],
        "confirm_label": _("Yes, leave the waiting list")
        if own and waiting
        else _("Yes, cancel the enrolment"),
        "back_url": back_url,
        "back_label": back_label,
    }
    return render(request, "confirm.html", context)


@login_required
def evaluate(request, pk):
    enrolment = selectors.get_enrolment_for_user(request.user, pk)
    person = person_for_user(request.user)
    if person is None or enrolment.person_id != person.pk:
        raise Http404
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                enrolment=enrolment,
                score=form.cleaned_data["score"],
                comments=form.cleaned_data["comments"],
            )
        except services.AcademyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("members:dashboard")
    return render(request, "academy/evaluate.html", {"enrolment": enrolment, "form": form})


@login_required
def certificate_download(request, pk):
    enrolment = selectors.get_enrolment_for_user(request.user, pk)
    certificate = getattr(enrolment, "certificate", None)
    if certificate is None or certificate.state != Certificate.State.READY:
        raise Http404
    staff = is_staff_user(request.user)
    if not staff and not hasattr(enrolment, "evaluation"):
        messages.info(
            request, _("Fill in the evaluation first; then you can download the certificate.")
        )
        return redirect("academy:evaluate", pk=enrolment.pk)
    if not certificate.file:
        certificate = _queue_missing_pdf(request, certificate)
        if not certificate.file:
            return redirect("members:dashboard")
    if staff:
        audit_log(actor=request.user, action="academy.certificate_download", obj=certificate)
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=f"certificaat-{certificate.code}.pdf",
        content_type="application/pdf",
    )


def _queue_missing_pdf(request, certificate):
    """A certificate recorded without its PDF (history, demo data): the task makes it (at
    once where tasks run in-process; otherwise the participant comes back in a moment)."""
    try:
        services.certificate_prepare_download(certificate=certificate)
    except QueueUnavailable as error:
        messages.warning(request, error.message)
    certificate.refresh_from_db()
    if not certificate.file:
        messages.info(request, _("The certificate is being made: try again in a minute."))
    return certificate


def certificate_verify(request, code):
    try:
        certificate = selectors.get_certificate_by_code(code)
    except Http404:
        return render(request, "academy/certificate_unknown.html", {"code": code[:20]}, status=404)
    edition = certificate.enrolment.edition
    return render(
        request,
        "academy/certificate_verify.html",
        {
            "certificate": certificate,
            "edition": edition,
            "sessions": edition.sessions.all(),
        },
    )


def _with_attendance(enrolments, sessions):
    """Mark on each enrolment which sessions it attended (for the attendance forms).
    Attendance is registered from the day of a session on, so only the sessions that have
    started can have any. Whether it attended every session is the selector's annotation."""
    today = timezone.localdate()
    present = selectors.present_at([session for session in sessions if session.date <= today])
    for enrolment in enrolments:
        enrolment.attended = [(enrolment.pk, session.pk) in present for session in sessions]
    return enrolments


@role_required(MANAGE)
def participants(request, pk):
    edition, sessions = selectors.edition_heading(pk)
    enrolments = _with_attendance(selectors.participants(edition), sessions)
    positions = selectors.waitlist_positions(enrolments)
    for enrolment in enrolments:
        enrolment.position = positions.get(enrolment.pk)
    confirmed = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
    today = timezone.localdate()
    attendance_forms = [
        (session, [(e, e.attended[index]) for e in confirmed])
        for index, session in enumerate(sessions)
        if session.date <= today
    ]
    return render(
        request,
        "academy/participants.html",
        {
            "edition": edition,
            "confirmed_count": len(confirmed),
            "enrolments": enrolments,
            "sessions": sessions,
            "attendance_forms": attendance_forms,
            "average": selectors.average_score(enrolments),
            "certificates_to_retry": sum(
                1 for e in enrolments if hasattr(e, "certificate") and e.certificate.retryable
            ),
        },
    )


@role_required(MANAGE)
def participants_csv(request, pk, fmt="csv"):
    """Confirmed participants, ready for registering KRSD points (CSV or xlsx)."""
    edition = selectors.get_edition(pk, staff=True)
    sessions = list(edition.sessions.all())
    last = edition.last_date.strftime("%d-%m-%Y") if edition.last_date else ""
    enrolments = _with_attendance(list(selectors.krsd_participants(edition)), sessions)
    header = [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("KRSD registration number"),
        _("Attended every session"),
        _("KRSD points"),
        _("KRSD register code"),
        _("Date"),
    ]
    rows = (
        (
            e.person.first_name,
            e.person.last_name,
            e.person.email,
            e.person.organisation or "",
            e.person.krsd_number,
            _("yes") if e.attended_every_session else _("no"),
            edition.activity.krsd_points,
            edition.activity.krsd_code,
            last,
        )
        for e in enrolments
    )
    return table_response(fmt, f"deelnemers-{edition.pk}", header, rows)


@require_POST
@role_required(MANAGE)
def attendance(request, pk, session_pk):
    edition = selectors.get_edition(pk, staff=True)
    session = get_object_or_404(edition.sessions, pk=session_pk)
    present = [pk for v in request.POST.getlist("present") if (pk := parse_id(v)) is not None]
    try:
        count = services.attendance_register(
            edition=edition, session=session, present_enrolment_ids=present, actor=request.user
        )
    except services.AcademyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Attendance saved: %(n)s present.") % {"n": count})
    return redirect("academy:participants", pk=edition.pk)


@require_POST
@role_required(MANAGE)
def issue_certificates(request, pk):
    edition = selectors.get_edition(pk, staff=True)
    try:
        result = services.certificates_issue_for_edition(edition=edition, actor=request.user)
    except QueueUnavailable as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _issued_message(edition, result))
    return redirect("academy:participants", pk=edition.pk)


def _issued_message(edition, result) -> str:
    """What pressing the button did, in numbers: the PDFs are made after the request."""
    said = []
    if result.issued:
        said.append(
            ngettext(
                "%(n)s certificate is being made.",
                "%(n)s certificates are being made.",
                result.issued,
            )
            % {"n": result.issued}
        )
    if result.retried:
        said.append(
            ngettext(
                "%(n)s certificate that failed or got stuck is being made again.",
                "%(n)s certificates that failed or got stuck are being made again.",
                result.retried,
            )
            % {"n": result.retried}
        )
    if said:
        return " ".join(said)
    if selectors.has_certificates(edition):
        return _("No new certificates: everyone who attended every session already has one.")
    return _("No certificates made: nobody has attended every session yet.")


@role_required(FIGURES)
def figures(request):
    year = year_param(request)
    organisation = organisation_param(request)
    return render(
        request,
        "academy/figures.html",
        {
            "figures": stats.year_figures(year, organisation=organisation),
            "year": year,
            "organisation": organisation,
            "years": recent_years(),
            "activities": stats.activity_averages(),
        },
    )


@login_required
def organisation_overview(request):
    """A manager or coordinator sees the enrolments and certificates of their colleagues."""
    person = person_for_user(request.user)
    if person is None or not person.is_manager:
        raise PermissionDenied
    return render(
        request,
        "academy/organisation_overview.html",
        {
            "organisation": person.organisation,
            "enrolments": selectors.organisation_enrolments(person.organisation),
        },
    )
