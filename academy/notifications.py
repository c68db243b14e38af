"""The Academie's e-mails: to participants about their enrolment, waiting-list place,
certificate and editions that change; to managers a weekly summary of their colleagues'
enrolments. Each function takes primary keys and queues the mails (one outbox row per
recipient) in the transaction of the change it is about."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import notifications
from members.models import Person
from members.notifications import MANAGERS, MEMBERS, NotificationKind
from outbox.services import mail_queue

from .models import Enrolment
from .selectors import waitlist_position

KINDS = (
    NotificationKind("enrolment_confirmed", _("Enrolment confirmed"), MEMBERS, False),
    NotificationKind("enrolment_waitlisted", _("Placed on the waiting list"), MEMBERS, False),
    NotificationKind("enrolment_promoted", _("A place has become free"), MEMBERS, False),
    NotificationKind("enrolment_cancelled", _("Enrolment cancelled"), MEMBERS, False),
    NotificationKind("certificate_ready", _("Certificate ready"), MEMBERS, False),
    NotificationKind("edition_changed", _("An edition changed or cancelled"), MEMBERS, False),
    NotificationKind(
        "weekly_summary",
        _("Each Monday: my organisation's enrolments"),
        MANAGERS,
        optional=True,
        default=False,
    ),
)


def _enrolment(pk) -> Enrolment:
    return Enrolment.objects.select_related("person", "edition__activity").get(pk=pk)


def _mail_participant(
    enrolment: Enrolment, template: str, code: str, attach_calendar=False, **context
):
    person = enrolment.person
    if not notifications.reaches(person, code):
        return
    from .ics import edition_calendar

    sessions = list(enrolment.edition.sessions.all())
    attachments = []
    if attach_calendar:
        calendar = edition_calendar(enrolment.edition, sessions)
        attachments = [("academie.ics", calendar, "text/calendar")]
    mail_queue(
        prefix=template,
        context={"enrolment": enrolment, "sessions": sessions, **context},
        to=person.email,
        attachments=attachments,
        about=enrolment,
    )


def enrolment_confirmed(enrolment_pk: int) -> None:
    _mail_participant(
        _enrolment(enrolment_pk), "academy/emails/confirmed", "enrolment_confirmed", True
    )


def enrolment_waitlisted(enrolment_pk: int) -> None:
    enrolment = _enrolment(enrolment_pk)
    position = waitlist_position(enrolment)
    if position is not None:
        _mail_participant(
            enrolment, "academy/emails/waitlisted", "enrolment_waitlisted", position=position
        )


def enrolment_promoted(enrolment_pk: int) -> None:
    _mail_participant(
        _enrolment(enrolment_pk), "academy/emails/promoted", "enrolment_promoted", True
    )


def enrolment_cancelled(enrolment_pk: int, by_staff: bool) -> None:
    _mail_participant(
        _enrolment(enrolment_pk),
        "academy/emails/cancelled",
        "enrolment_cancelled",
        by_staff=by_staff,
    )


def certificate_ready(enrolment_pk: int) -> None:
    enrolment = _enrolment(enrolment_pk)
    _mail_participant(
        enrolment,
        "academy/emails/certificate_ready",
        "certificate_ready",
        evaluated=hasattr(enrolment, "evaluation"),
    )


def edition_changed(edition_pk: int, cancelled: bool) -> None:
    """Everyone enrolled or waiting hears of an edition staff changed or cancelled."""
    enrolments = Enrolment.objects.filter(
        edition_id=edition_pk,
        status__in=[Enrolment.Status.CONFIRMED, Enrolment.Status.WAITLISTED],
    ).select_related("person", "edition__activity")
    for enrolment in enrolments:
        _mail_participant(
            enrolment,
            "academy/emails/edition_changed",
            "edition_changed",
            attach_calendar=not cancelled,
            cancelled=cancelled,
        )


@transaction.atomic
def weekly_summaries(today=None) -> int:
    """Each manager who asked for it: their organisation's enrolments of the past week and
    the coming editions (queued in the outbox, all or none). Returns the number of e-mails."""
    today = today or timezone.localdate()
    since = today - timedelta(days=7)
    managers = Person.objects.filter(
        function=Person.Function.MANAGER,
        organisation__isnull=False,
        erased_at__isnull=True,
        user__is_active=True,
    ).select_related("organisation")
    sent = 0
    for manager in managers:
        if not notifications.wants(manager, "weekly_summary"):
            continue
        enrolments = list(
            Enrolment.objects.filter(person__organisation=manager.organisation)
            .filter(created_at__date__gte=since)
            .select_related("person", "edition__activity")
            .order_by("person__last_name", "created_at")
        )
        mail_queue(
            prefix="academy/emails/weekly_summary",
            context={"manager": manager, "enrolments": enrolments, "since": since},
            to=manager.email,
            about=manager,
        )
        sent += 1
    return sent


SENDERS = {
    "enrolment_confirmed": enrolment_confirmed,
    "enrolment_waitlisted": enrolment_waitlisted,
    "enrolment_promoted": enrolment_promoted,
    "enrolment_cancelled": enrolment_cancelled,
    "certificate_ready": certificate_ready,
    "edition_changed": edition_changed,
}
