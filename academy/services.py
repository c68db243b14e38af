"""Write operations of the Academie.

Capacity is guarded in the database transaction by the portal's one rule for places
(`ingrado.places`): the edition row is locked (SELECT ... FOR UPDATE) before counting
confirmed places, so concurrent enrolments, cancellations and capacity changes of one
edition are serialised and never exceed its capacity, and a freed place goes to the first on
the waiting list (`waitlist_promote`, after a cancellation and a capacity change alike). The
partial unique constraint on (edition, person) for non-cancelled enrolments catches a double
submission that slips past the check.
"""

import time
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado import generated_files, pdf_tags
from ingrado.caching import bump_generation
from ingrado.errors import DomainError
from members.models import Person
from members.services import audit_log

from . import extensions, notifications, selectors
from .models import Activity, Attendance, Certificate, Edition, Enrolment, Evaluation, Session
from .selectors import ENROLMENT_PLACES

Status = Enrolment.Status


class AcademyError(DomainError):
    """A user's mistake or a rule of the Academie; `message` is shown to the user."""


class EditionNotOpen(AcademyError):
    default_message = _("This edition is not open for enrolment.")


class EnrolmentClosed(AcademyError):
    default_message = _("The enrolment deadline has passed.")


class AlreadyEnrolled(AcademyError):
    default_message = _("You are already enrolled in this edition.")


class AlreadyCancelled(AcademyError):
    default_message = _("This enrolment has already been cancelled.")


class CancellationDeadlinePassed(AcademyError):
    default_message = _("The cancellation deadline has passed. Contact Ingrado: staff decide.")


class NotOnWaitingList(AcademyError):
    default_message = _("You are not on the waiting list of this edition.")


class AttendanceNotPossible(AcademyError):
    default_message = _("This session does not belong to this edition.")


class EvaluationNotAllowed(AcademyError):
    default_message = _("Only participants can evaluate this edition.")


class NotEligibleForCertificate(AcademyError):
    default_message = _("Only participants who attended every session get a certificate.")


def price_for(person: Person | None, activity: Activity) -> Decimal:
    """What this person pays: the member price for people of a member organisation."""
    if person is not None and person.is_member:
        return activity.price_member
    return activity.price_non_member


def _locked_edition(edition_pk: int) -> Edition:
    return ENROLMENT_PLACES.lock(edition_pk, "activity")


@transaction.atomic
def enrolment_create(*, edition: Edition, person: Person, answers: dict | None = None) -> Enrolment:
    """Enrol `person`: confirmed while places are left, otherwise on the waiting list.
    `answers` holds the cleaned answers to the questions other apps ask before enrolling
    (`extensions.register_enrolment_question`), saved in this transaction."""
    edition = _locked_edition(edition.pk)
    if not edition.accepts_enrolments():
        closed = edition.activity.is_published and not edition.is_cancelled
        raise EnrolmentClosed() if closed else EditionNotOpen()
    if selectors.open_enrolment(person, edition) is not None:
        raise AlreadyEnrolled()
    enrolment = Enrolment(
        edition=edition,
        person=person,
        status=ENROLMENT_PLACES.status_for_new_claim(edition, edition.capacity),
        price=price_for(person, edition.activity),
    )
    try:
        enrolment.full_clean()
        with transaction.atomic():
            enrolment.save()
    except (ValidationError, IntegrityError):
        # Only the one-enrolment-per-person constraint can fail here (a double submission).
        raise AlreadyEnrolled() from None
    extensions.ENROLMENTS.save_answers(enrolment, answers)
    if enrolment.status == Status.CONFIRMED:
        _notify("enrolment_confirmed", enrolment.pk)
        extensions.announce("confirmed", enrolment.pk)
    else:
        _notify("enrolment_waitlisted", enrolment.pk)
    bump_generation(selectors.ACADEMY_GENERATION)  # the catalogue's places left
    return enrolment


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, by_staff: bool = False, actor=None) -> Enrolment:
    """Cancel an enrolment (or a place on the waiting list).

    Before the cancellation deadline anyone may cancel their own place; after it, staff
    decide (`by_staff`). A freed place goes at once to the first on the waiting list."""
    edition = _locked_edition(enrolment.edition_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Status.CANCELLED:
        raise AlreadyCancelled()
    was_confirmed = enrolment.status == Status.CONFIRMED
    before_deadline = timezone.localdate() <= edition.cancellation_deadline
    if was_confirmed and not by_staff and not before_deadline:
        raise CancellationDeadlinePassed()
    enrolment.status = Status.CANCELLED
    enrolment.cancelled_at = timezone.now()
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "cancelled_at"])
    if by_staff:
        audit_log(
            actor=actor,
            action="academy.enrolment_cancel",
            obj=enrolment,
            edition=edition.pk,
            was_confirmed=was_confirmed,
        )
    _notify("enrolment_cancelled", enrolment.pk, by_staff)  # not sent to an erased person
    extensions.announce(
        "cancelled",
        enrolment.pk,
        was_confirmed=was_confirmed,
        before_deadline=before_deadline,
        by_staff=by_staff,
    )
    if was_confirmed:
        waitlist_promote(edition=edition)
    bump_generation(selectors.ACADEMY_GENERATION)
    return enrolment


@transaction.atomic
def waitlist_leave(*, enrolment: Enrolment) -> Enrolment:
    """A person takes themselves off the waiting list (at any time)."""
    if enrolment.status != Status.WAITLISTED:
        raise NotOnWaitingList()
    return enrolment_cancel(enrolment=enrolment)


def places_left(edition: Edition) -> int:
    """The capacity less the confirmed places (never below 0: a lowered capacity keeps
    everyone confirmed), counted as `ingrado.places` counts for enrolling and promoting."""
    return max(0, edition.capacity - ENROLMENT_PLACES.confirmed_count(edition))


def waitlist_promote(*, edition: Edition) -> list[Enrolment]:
    """Give every free place to the first on the waiting list, in order of enrolment, each
    told by e-mail; nobody once the edition has started (a place is of no use any more).
    The caller holds the edition row locked (`_locked_edition`): after a cancellation and
    after a capacity change alike."""
    first_session = edition.sessions.order_by("date").values_list("date", flat=True).first()
    if first_session is not None and first_session < timezone.localdate():
        return []
    promoted = ENROLMENT_PLACES.fill_free_places(edition, edition.capacity)
    for enrolment in promoted:
        _notify("enrolment_promoted", enrolment.pk)
        extensions.announce("promoted", enrolment.pk)
    return promoted


@transaction.atomic
def edition_capacity_change(*, edition: Edition, capacity: int, actor=None) -> list[Enrolment]:
    """Set the edition's capacity (in the admin, or anywhere else) under the edition's lock;
    places it frees go to the waiting list at once, as after a cancellation. Returns the
    people promoted."""
    edition = _locked_edition(edition.pk)
    before = edition.capacity
    edition.capacity = capacity
    edition.full_clean()
    edition.save(update_fields=["capacity"])
    promoted = waitlist_promote(edition=edition)
    audit_log(
        actor=actor,
        action="academy.edition_capacity_change",
        obj=edition,
        before=before,
        after=capacity,
        promoted=len(promoted),
    )
    bump_generation(selectors.ACADEMY_GENERATION)
    return promoted


@transaction.atomic
def enrolments_release_for_erasure(*, person: Person) -> int:
    """AVG erasure: the person's open enrolments are cancelled, each freed place going to
    the first real person on the waiting list, and their evaluation comments are blanked
    (scores keep counting). Returns the number of enrolments cancelled."""
    open_enrolments = list(
        Enrolment.objects.filter(person=person, status__in=[Status.CONFIRMED, Status.WAITLISTED])
    )
    for enrolment in open_enrolments:
        enrolment_cancel(enrolment=enrolment, by_staff=True, actor=None)
    Evaluation.objects.filter(enrolment__person=person).update(comments="")
    return len(open_enrolments)


def _notify(name: str, *args) -> None:
    """Queue the e-mail `name` (academy.notifications) in this transaction: the outbox sends
    it once the transaction commits."""
    notifications.SENDERS[name](*args)


@transaction.atomic
def edition_changed_by_staff(*, edition: Edition, cancelled: bool) -> None:
    """Staff changed an edition's sessions or cancelled it (in the admin): everyone enrolled
    or waiting is told, with the new sessions."""
    _notify("edition_changed", edition.pk, cancelled)


@transaction.atomic
def attendance_register(
    *, edition: Edition, session: Session, present_enrolment_ids, actor=None
) -> int:
    """Record who was present at `session`: every confirmed participant gets a row.

    Ids of people who are not (or no longer) confirmed participants are ignored. A fixed
    number of queries, however many participants."""
    if session.edition_id != edition.pk:
        raise AttendanceNotPossible()
    if session.date > timezone.localdate():
        raise AttendanceNotPossible(_("Attendance can be registered from the day of the session."))
    confirmed = set(edition.enrolments.filter(status=Status.CONFIRMED).values_list("pk", flat=True))
    present = {int(pk) for pk in present_enrolment_ids} & confirmed
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(session=session)}
    changed = []
    for enrolment_id, attendance in existing.items():
        if enrolment_id in confirmed and attendance.present != (enrolment_id in present):
            attendance.present = enrolment_id in present
            changed.append(attendance)
    Attendance.objects.bulk_update(changed, ["present"])
    Attendance.objects.bulk_create(
        [
            Attendance(enrolment_id=pk, session=session, present=pk in present)
            for pk in sorted(confirmed - existing.keys())
        ]
    )
    audit_log(
        actor=actor,
        action="academy.attendance_register",
        obj=session,
        edition=edition.pk,
        present=len(present),
    )
    return len(present)


@transaction.atomic
def evaluation_submit(*, enrolment: Enrolment, score: int, comments: str = "") -> Evaluation:
    """A participant rates the edition once, after its last session."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Status.CONFIRMED:
        raise EvaluationNotAllowed()
    if not selectors.last_session_over(enrolment.edition_id):
        raise EvaluationNotAllowed(_("You can evaluate after the last session."))
    if Evaluation.objects.filter(enrolment=enrolment).exists():
        raise EvaluationNotAllowed(_("You have already evaluated this edition."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 10:
        raise EvaluationNotAllowed(_("Give a score from 1 to 10."))
    evaluation = Evaluation(enrolment=enrolment, score=score, comments=(comments or "").strip())
    try:
        evaluation.full_clean()
        with transaction.atomic():
            evaluation.save()
    except ValidationError as error:
        raise EvaluationNotAllowed(" ".join(error.messages)) from None
    except IntegrityError:
        raise EvaluationNotAllowed(_("You have already evaluated this edition.")) from None
    return evaluation


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, actor=None) -> Certificate:
    """Issue a certificate to a participant who attended every session; the PDF follows
    from a Celery task once the transaction commits. Issuing again changes nothing; a
    failed or stuck rendering is queued again."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    eligible = Enrolment.objects.filter(pk=enrolment.pk, status=Status.CONFIRMED)
    if not eligible.who_attended_every_session().exists():
        raise NotEligibleForCertificate()
    certificate, created = Certificate.objects.get_or_create(enrolment=enrolment)
    if created:
        audit_log(actor=actor, action="academy.certificate_issue", obj=certificate)
        generated_files.send_after_commit(Certificate, [certificate.pk])
    elif certificate.can_retry():
        generated_files.retry(certificate)
    return certificate


class IssueResult(NamedTuple):
    issued: int  # new certificates
    retried: int  # failed or stuck ones queued again


@transaction.atomic
def certificates_issue_for_edition(*, edition: Edition, actor=None) -> IssueResult:
    """Issue certificates to everyone who attended every session, and queue again the ones
    whose PDF failed or is stuck. A fixed number of queries, however many participants."""
    edition = _locked_edition(edition.pk)
    eligible = selectors.certificate_candidates(edition.enrolments.all()).values_list(
        "pk", flat=True
    )
    now = timezone.now()
    # The ones there were before this press (not the new ones: they are queued once, below).
    retry = [
        certificate.pk
        for certificate in Certificate.objects.filter(enrolment__edition=edition).exclude(
            state=Certificate.State.READY
        )
        if certificate.can_retry(now)
    ]
    certificates = Certificate.objects.bulk_create(
        [Certificate(enrolment_id=pk) for pk in eligible]
    )
    Certificate.objects.filter(pk__in=retry).update(
        state=Certificate.State.QUEUED,
        state_changed_at=now,
        failure_reason="",
        task_id="",
        attempts=0,
    )
    generated_files.send_after_commit(Certificate, [c.pk for c in certificates] + retry)
    if certificates:
        audit_log(
            actor=actor,
            action="academy.certificates_issue",
            obj=edition,
            issued=len(certificates),
        )
    return IssueResult(len(certificates), len(retry))


def certificate_render(*, certificate_pk: int, task_id: str = "") -> Certificate:
    """Render the certificate PDF with WeasyPrint and store it in the private storage (the
    task's work). Idempotent: a ready certificate is left as it is."""
    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    certificate = generated_files.claim(Certificate, certificate_pk, task_id)
    if certificate is None:
        return Certificate.objects.get(pk=certificate_pk)
    if settings.FAULT_INJECTION_RENDER_DELAY:
        time.sleep(settings.FAULT_INJECTION_RENDER_DELAY)
    certificate = Certificate.objects.select_related(
        "enrolment__person", "enrolment__edition__activity"
    ).get(pk=certificate_pk)
    edition = certificate.enrolment.edition
    with translation.override("nl"):
        html = render_to_string(
            "academy/certificate_pdf.html",
            {
                "certificate": certificate,
                "person": certificate.enrolment.person,
                "activity": edition.activity,
                "sessions": list(edition.sessions.all()),
                "site_url": settings.SITE_URL.rstrip("/"),
            },
        )
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        finisher=pdf_tags.finish, pdf_variant="pdf/ua-1"
    )
    filename = f"certificaat-{certificate.code}.pdf"
    if generated_files.finish(Certificate, certificate_pk, task_id, filename, ContentFile(pdf)):
        _announce_certificate(certificate_pk)
    return Certificate.objects.get(pk=certificate_pk)


@transaction.atomic
def _announce_certificate(certificate_pk: int) -> None:
    """ "Je certificaat is klaar", once: the first time the certificate is ready, never when
    it is rendered again later."""
    if Certificate.objects.filter(pk=certificate_pk, announced_at__isnull=True).update(
        announced_at=timezone.now()
    ):
        certificate = Certificate.objects.only("enrolment_id").get(pk=certificate_pk)
        _notify("certificate_ready", certificate.enrolment_id)


@transaction.atomic
def certificate_prepare_download(*, certificate: Certificate) -> Certificate:
    """A certificate recorded without its PDF (history, demo data) gets it from the task on
    first use; the participant is told to come back in a moment."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.state == Certificate.State.READY and not certificate.file:
        certificate.save(update_fields=certificate.set_state(Certificate.State.QUEUED))
        generated_files.send_after_commit(Certificate, [certificate.pk])
    return certificate
