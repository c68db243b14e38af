"""The meetings' e-mails: to people about their registration, waiting-list place, workshop,
the reminder the day before, and a meeting cancelled. Each function takes primary keys (it
runs in a Celery task).

Every mail of the meetings leaves through one function, `mail()`, which queues it in the
portal's outbox (a row per recipient, made in the change's transaction, sent once after it
commits)."""

from django.utils.translation import gettext_lazy as _

from members import notifications
from members.notifications import MEMBERS, NotificationKind
from outbox.services import mail_queue

from .models import Meeting, PlaceStatus, Registration, WorkshopPlace
from .selectors import waitlist_position

KINDS = (
    NotificationKind("registration_confirmed", _("Registration confirmed"), MEMBERS, False),
    NotificationKind("registration_waitlisted", _("Placed on a waiting list"), MEMBERS, False),
    NotificationKind(
        "registration_promoted", _("A place at a meeting has become free"), MEMBERS, False
    ),
    NotificationKind("registration_cancelled", _("Registration cancelled"), MEMBERS, False),
    NotificationKind(
        "workshop_promoted", _("A place in a workshop has become free"), MEMBERS, False
    ),
    NotificationKind("meeting_cancelled", _("A meeting cancelled"), MEMBERS, False),
    NotificationKind(
        "registration_reminder", _("The day before a meeting: a reminder"), MEMBERS, False
    ),
)


def mail(prefix: str, context: dict, person, code: str, *, calendar_of=None) -> bool:
    """Queue the e-mail `prefix` to `person` if it reaches them (an address, not erased,
    wanted), with the meeting as `.ics` when `calendar_of` is given. The one sender of the
    meetings' mails. Returns whether it was queued."""
    if not notifications.reaches(person, code):
        return False
    attachments = []
    if calendar_of is not None:
        from .ics import meetings_calendar

        attachments = [("bijeenkomst.ics", meetings_calendar([calendar_of]), "text/calendar")]
    about = context.get("registration") or context.get("meeting")
    mail_queue(
        prefix=prefix, context=context, to=person.email, attachments=attachments, about=about
    )
    return True


def _registration(pk) -> Registration:
    return Registration.objects.select_related("person", "meeting").get(pk=pk)


def _to_participant(pk, template, code, *, calendar=False, **context) -> None:
    registration = _registration(pk)
    mail(
        f"meetings/emails/{template}",
        {"registration": registration, "meeting": registration.meeting, **context},
        registration.person,
        code,
        calendar_of=registration.meeting if calendar else None,
    )


def registration_confirmed(pk: int) -> None:
    _to_participant(pk, "confirmed", "registration_confirmed", calendar=True)


def registration_waitlisted(pk: int) -> None:
    position = waitlist_position(_registration(pk))
    if position is not None:
        _to_participant(pk, "waitlisted", "registration_waitlisted", position=position)


def registration_promoted(pk: int) -> None:
    _to_participant(pk, "promoted", "registration_promoted", calendar=True)


def registration_cancelled(pk: int, by_staff: bool) -> None:
    _to_participant(pk, "cancelled", "registration_cancelled", by_staff=by_staff)


def registration_reminder(pk: int) -> None:
    if _registration(pk).status == PlaceStatus.CONFIRMED:
        _to_participant(pk, "reminder", "registration_reminder", calendar=True)


def workshop_promoted(place_pk: int) -> None:
    place = WorkshopPlace.objects.select_related("workshop", "registration").get(pk=place_pk)
    _to_participant(
        place.registration_id, "workshop_promoted", "workshop_promoted", workshop=place.workshop
    )


def meeting_cancelled(meeting_pk: int) -> None:
    meeting = Meeting.objects.get(pk=meeting_pk)
    registrations = Registration.objects.filter(
        meeting=meeting, status__in=[PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED]
    ).select_related("person")
    for registration in registrations:
        mail(
            "meetings/emails/meeting_cancelled",
            {"registration": registration, "meeting": meeting},
            registration.person,
            "meeting_cancelled",
        )


SENDERS = {
    "registration_confirmed": registration_confirmed,
    "registration_waitlisted": registration_waitlisted,
    "registration_promoted": registration_promoted,
    "registration_cancelled": registration_cancelled,
    "registration_reminder": registration_reminder,
    "workshop_promoted": workshop_promoted,
    "meeting_cancelled": meeting_cancelled,
}
