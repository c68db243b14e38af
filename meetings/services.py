"""Write operations of the meetings (Bijeenkomsten).

Places (a meeting's, a workshop's) follow the portal's one rule for places,
`ingrado.places`, as the Academie's do: taken under the row's lock, a freed place going to
the first on the waiting list in the same transaction.

Votes: one per voting right (the ballot of a decision and an organisation is unique in the
database), refused once the decision is closed (the decision row is locked while a vote is
cast and while the voting closes). A secret vote keeps no link between a choice and the
organisation or person: its ballot records only that the organisation voted, its choice
only raises the decision's count.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import generated_files
from ingrado.errors import DomainError
from members.models import Organisation, Person
from members.services import audit_log

from . import extensions, selectors
from .models import (
    Ballot,
    ConsultationAnswer,
    ConsultationQuestion,
    ConsultationResponse,
    Decision,
    Delegate,
    Document,
    Evaluation,
    Meeting,
    MeetingReport,
    PlaceStatus,
    ProgrammeItem,
    Proxy,
    Registration,
    Workshop,
    WorkshopPlace,
)

Status = PlaceStatus
Kind = Meeting.Kind

# The places of a meeting and of a workshop: the portal's one rule (ingrado.places), held
# in the selectors with the waiting-list positions that read them.
MEETING_PLACES = selectors.MEETING_PLACES
WORKSHOP_PLACES = selectors.WORKSHOP_PLACES


class MeetingError(DomainError):
    """A user's mistake or a rule of the meetings; `message` is shown to the user."""


class MeetingNotOpen(MeetingError):
    default_message = gettext_lazy("This meeting is not open for registration.")


class RegistrationClosed(MeetingError):
    default_message = gettext_lazy("Registration for this meeting has closed.")


class AlreadyRegistered(MeetingError):
    default_message = gettext_lazy("You are already registered for this meeting.")


class AlreadyCancelled(MeetingError):
    default_message = gettext_lazy("This registration has already been cancelled.")


class CancellationDeadlinePassed(MeetingError):
    default_message = gettext_lazy("The date to cancel has passed. Contact Ingrado: staff decide.")


class NotAllowed(MeetingError):
    default_message = gettext_lazy("You may not do this.")


class QuorumNotMet(MeetingError):
    pass


class DecisionClosed(MeetingError):
    default_message = gettext_lazy("This decision is not open for voting.")


class AlreadyVoted(MeetingError):
    default_message = gettext_lazy("This voting right has already been used for this decision.")


class AlreadyAnswered(MeetingError):
    default_message = gettext_lazy("This consultation has already been answered.")


def _notify(name: str, *args) -> None:
    """Queue the e-mail `name` (meetings.notifications) in this transaction: the outbox sends
    it once the transaction commits."""
    from .notifications import SENDERS

    SENDERS[name](*args)


def _clean(instance) -> None:
    """`full_clean()`, its errors as one Dutch message."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise MeetingError(" ".join(error.messages)) from None


# --- meetings ---------------------------------------------------------------------------


def new_meeting(**fields) -> Meeting:
    """A meeting with the voting and consultation rules of the settings (the statutes; the
    BW's defaults unless set): what `meeting_save` starts from."""
    rules = {
        "votes_per_organisation": settings.MEETINGS_VOTES_PER_ORGANISATION,
        "max_proxies_per_holder": settings.MEETINGS_MAX_PROXIES_PER_HOLDER,
        "quorum_percent": settings.MEETINGS_QUORUM_PERCENT,
        "answer_per": settings.MEETINGS_CONSULTATION_ANSWER_PER,
    }
    return Meeting(**{**rules, **fields})


@transaction.atomic
def meeting_save(*, actor, meeting: Meeting | None = None, **fields) -> Meeting:
    """Create or change a meeting. Staff may make any kind; a rayon contact person drafts a
    rayondag for their own rayon only (and changes it while it is a draft); staff publish."""
    staff = selectors.may_manage(actor)
    rayon = None if staff else selectors.rayon_contact_rayon(actor)
    if not staff and rayon is None:
        raise NotAllowed()
    existed = meeting is not None and meeting.pk is not None
    if not existed:
        meeting = meeting or new_meeting()
        meeting.created_by = actor
    elif not staff and not selectors.may_edit(actor, meeting):
        raise NotAllowed(_("As a rayon contact person you change only drafts of your rayon."))
    for name, value in fields.items():
        if name not in Meeting.EDITABLE_FIELDS:
            raise ValueError(f"{name} is not a field of a meeting")
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    if not staff:
        if meeting.kind != Kind.RAYONDAG or meeting.rayon_id != rayon.pk:
            raise NotAllowed(
                _("As a rayon contact person you draft a rayondag for your own rayon only.")
            )
        meeting.status = Meeting.Status.DRAFT
    _clean(meeting)
    meeting.save()
    audit_log(actor=actor, action="meetings.meeting_save", obj=meeting, status=meeting.status)
    if existed:
        _refill(meeting)
    return meeting


def _refill(meeting: Meeting) -> None:
    """Places that became free by a higher capacity go to the first waiting."""
    locked = MEETING_PLACES.lock(meeting.pk)
    if not locked.is_over():
        for registration in MEETING_PLACES.fill_free_places(locked, locked.capacity):
            _promoted(registration)


@transaction.atomic
def meeting_places_refill(*, meeting: Meeting) -> None:
    """After a capacity changed (the admin): the meeting's and its workshops' free places
    go to the first waiting."""
    _refill(meeting)
    for workshop in meeting.workshops.order_by("pk"):
        locked = WORKSHOP_PLACES.lock(workshop.pk)
        for place in WORKSHOP_PLACES.fill_free_places(locked, locked.capacity):
            _notify("workshop_promoted", place.pk)


@transaction.atomic
def meeting_publish(*, meeting: Meeting, actor) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != Meeting.Status.DRAFT:
        raise MeetingError(_("Only a draft can be published."))
    meeting.status = Meeting.Status.PUBLISHED
    _clean(meeting)
    meeting.save(update_fields=["status"])
    audit_log(actor=actor, action="meetings.meeting_publish", obj=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor) -> Meeting:
    """Staff cancel a meeting: everyone registered or waiting is told."""
    meeting = MEETING_PLACES.lock(meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise MeetingError(_("This meeting has already been cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status"])
    audit_log(actor=actor, action="meetings.meeting_cancel", obj=meeting)
    _notify("meeting_cancelled", meeting.pk)
    # Nobody pays for a meeting that does not take place: a paid one's invoices are credited.
    paid = meeting.registrations.filter(status=Status.CONFIRMED, price__gt=0)
    for pk in paid.values_list("pk", flat=True):
        extensions.announce(
            "cancelled", pk, was_confirmed=True, before_deadline=True, by_staff=True
        )
    return meeting


@transaction.atomic
def programme_item_add(*, meeting: Meeting, actor, **fields) -> ProgrammeItem:
    if not selectors.may_edit(actor, meeting):
        raise NotAllowed()
    item = ProgrammeItem(meeting=meeting, order=meeting.items.count(), **fields)
    item.title = item.title.strip()
    item.speaker = item.speaker.strip()
    _clean(item)
    item.save()
    return item


@transaction.atomic
def programme_item_delete(*, item: ProgrammeItem, actor) -> None:
    if not selectors.may_edit(actor, item.meeting):
        raise NotAllowed()
    item.delete()


# --- documents ----------------------------------------------------------------------------

# What a document's name may say for each type its bytes show.
EXTENSIONS = {
    "application/pdf": {".pdf"},
    "application/msword": {".doc"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}


def _judge_upload(upload) -> tuple[str, str]:
    """(content type from the bytes, file extension) or MeetingError: the type is judged
    from the content, as for the helpdesk's attachments, and must be what the name says."""
    from knowledge.services import sniff_attachment

    try:
        mime = sniff_attachment(upload)
    except DomainError as error:
        raise MeetingError(error.message) from None
    name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if extension not in EXTENSIONS[mime]:
        raise MeetingError(
            _("%(name)s is not what its name says: its content is %(type)s.")
            % {"name": name[:80], "type": sorted(EXTENSIONS[mime])[0].lstrip(".").upper()}
        )
    return mime, extension


@transaction.atomic
def document_add(*, meeting: Meeting, upload, title: str, is_draft: bool, actor) -> Document:
    from django.utils.text import slugify

    mime, extension = _judge_upload(upload)
    title = title.strip()
    stem = slugify(title)[:80] or "document"
    document = Document(
        meeting=meeting,
        title=title,
        original_name=stem + extension,
        content_type=mime,
        size=upload.size,
        is_draft=is_draft,
        uploaded_by=actor,
    )
    document.file.save("document", upload, save=False)
    try:
        _clean(document)
    except MeetingError:
        document.file.delete(save=False)
        raise
    document.save()
    audit_log(actor=actor, action="meetings.document_add", obj=document, meeting=meeting.pk)
    return document


@transaction.atomic
def document_delete(*, document: Document, actor) -> None:
    audit_log(actor=actor, action="meetings.document_delete", obj=document)
    name = document.file.name
    document.delete()
    transaction.on_commit(lambda: document.file.storage.delete(name))


# --- registration -----------------------------------------------------------------------


def check_audience(meeting: Meeting, person: Person) -> None:
    """NotAllowed (with the reason) when `person` is not of the meeting's audience."""
    if meeting.audience == Meeting.Audience.MEMBERS and not person.is_member:
        raise NotAllowed(_("This meeting is for members of Ingrado only."))
    if meeting.audience == Meeting.Audience.RAYON_CONTACTS and not person.rayon_contact_for_id:
        raise NotAllowed(_("This meeting is for the rayon contact persons."))


def vat_rate() -> int | None:
    """The VAT included in meeting prices: MEETINGS_VAT_RATE, else the Academie's; None or 0
    means exempt."""
    rate = settings.MEETINGS_VAT_RATE
    return settings.ACADEMY_VAT_RATE if rate is None else rate


def price_for(person: Person | None, meeting: Meeting) -> Decimal | None:
    """What this person pays for `meeting`: the member price for people of a member
    organisation, the non-member price for everyone else; None: free of charge."""
    is_member = person is not None and person.is_member
    price = meeting.price_member if is_member else meeting.price_non_member
    return price if price else None


def _snapshot(registration: Registration, person: Person) -> None:
    """The person's organisation, its rayon and kind, whether it was a member and the price:
    as they are today, kept with the registration (a later move does not change the figures,
    a later price change not what this registration costs)."""
    organisation = person.organisation
    registration.organisation = organisation
    registration.rayon_id = organisation.rayon_id if organisation else None
    registration.organisation_kind = organisation.kind if organisation else ""
    registration.was_member = bool(organisation and organisation.is_active_member())
    registration.price = price_for(person, registration.meeting)


def _save_registration(registration: Registration) -> Registration:
    try:
        registration.full_clean(validate_constraints=False)
        with transaction.atomic():
            registration.save()
    except (ValidationError, IntegrityError):
        # Only the one-registration-per-person constraint can fail here (a double submit).
        raise AlreadyRegistered() from None
    return registration


@transaction.atomic
def registration_create(
    *, meeting: Meeting, person: Person, workshops=(), answers: dict | None = None
) -> Registration:
    """Register `person`: confirmed while places are left, otherwise on the waiting list.
    Workshops chosen (one per round) are taken at once by a confirmed registration.
    `answers` holds the cleaned answers to the questions other apps ask before registering
    (`extensions.REGISTRATIONS`; billing: whom to invoice for a paid meeting), saved in this
    transaction: a failure leaves no registration behind."""
    meeting = MEETING_PLACES.lock(meeting.pk)
    if not meeting.is_published or not meeting.takes_registrations:
        raise MeetingNotOpen()
    if timezone.localdate() > meeting.registers_until():
        raise RegistrationClosed()
    person = Person.objects.select_related("organisation").get(pk=person.pk)
    check_audience(meeting, person)
    if selectors.open_registration(person, meeting) is not None:
        raise AlreadyRegistered()
    registration = Registration(
        meeting=meeting,
        person=person,
        status=MEETING_PLACES.status_for_new_claim(meeting, meeting.capacity),
    )
    _snapshot(registration, person)
    _save_registration(registration)
    extensions.REGISTRATIONS.save_answers(registration, answers)
    if registration.status == Status.CONFIRMED:
        for workshop in workshops:
            workshop_choose(registration=registration, workshop=workshop)
        _notify("registration_confirmed", registration.pk)
        extensions.announce("confirmed", registration.pk)
    else:
        _notify("registration_waitlisted", registration.pk)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by_staff=False, actor=None):
    """Cancel a registration (or a place on the waiting list). Until the date to cancel a
    person cancels their own; after it staff decide. A freed place, in the meeting and in
    each of its workshops, goes at once to the first waiting."""
    meeting = MEETING_PLACES.lock(registration.meeting_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise AlreadyCancelled()
    was_confirmed = registration.status == Status.CONFIRMED
    before_deadline = timezone.localdate() <= meeting.cancels_until()
    if was_confirmed and not by_staff and not before_deadline:
        raise CancellationDeadlinePassed()
    for place in registration.workshop_places.exclude(status=Status.CANCELLED).order_by("pk"):
        _workshop_place_cancel(place)
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if by_staff:
        audit_log(
            actor=actor,
            action="meetings.registration_cancel",
            obj=registration,
            meeting=meeting.pk,
            was_confirmed=was_confirmed,
        )
    _notify("registration_cancelled", registration.pk, by_staff)
    extensions.announce(
        "cancelled",
        registration.pk,
        was_confirmed=was_confirmed,
        before_deadline=before_deadline,
        by_staff=by_staff,
    )
    if was_confirmed and not meeting.is_over():
        promoted = MEETING_PLACES.promote_first_waiting(meeting, meeting.capacity)
        if promoted is not None:
            _promoted(promoted)
    return registration


def _promoted(registration: Registration) -> None:
    _notify("registration_promoted", registration.pk)
    extensions.announce("promoted", registration.pk)


waitlist_position = selectors.waitlist_position
waitlist_positions = selectors.waitlist_positions


# --- workshops --------------------------------------------------------------------------


def _workshop_place_cancel(place: WorkshopPlace) -> None:
    """Free a workshop place (its workshop locked here); the first waiting gets it."""
    workshop = WORKSHOP_PLACES.lock(place.workshop_id)
    was_confirmed = place.status == Status.CONFIRMED
    place.status = Status.CANCELLED
    place.save(update_fields=["status"])
    if was_confirmed:
        promoted = WORKSHOP_PLACES.promote_first_waiting(workshop, workshop.capacity)
        if promoted is not None:
            _notify("workshop_promoted", promoted.pk)


@transaction.atomic
def workshop_choose(*, registration: Registration, workshop: Workshop) -> WorkshopPlace:
    """Take a place in `workshop` (or its waiting list); a choice made earlier in the same
    round is given up, its place going to the first waiting there."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if workshop.meeting_id != registration.meeting_id:
        raise MeetingError(_("This workshop belongs to another meeting."))
    if registration.status != Status.CONFIRMED:
        raise MeetingError(_("Choose workshops once your registration is confirmed."))
    if registration.meeting.is_over():
        raise MeetingError(_("This meeting is over."))
    current = (
        registration.workshop_places.exclude(status=Status.CANCELLED)
        .filter(round=workshop.round)
        .first()
    )
    if current is not None and current.workshop_id == workshop.pk:
        return current
    if current is not None:
        _workshop_place_cancel(current)
    locked = WORKSHOP_PLACES.lock(workshop.pk)
    place = WorkshopPlace(
        workshop=locked,
        registration=registration,
        round=locked.round,
        status=WORKSHOP_PLACES.status_for_new_claim(locked, locked.capacity),
    )
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError:
        raise MeetingError(_("You have already chosen a workshop in this round.")) from None
    return place


@transaction.atomic
def workshop_leave(*, place: WorkshopPlace) -> None:
    place = WorkshopPlace.objects.select_for_update().get(pk=place.pk)
    if place.status == Status.CANCELLED:
        raise AlreadyCancelled()
    _workshop_place_cancel(place)


def workshop_positions(workshop_places) -> dict[int, int]:
    return WORKSHOP_PLACES.positions(workshop_places)


# --- evaluation and reminders -------------------------------------------------------------


@transaction.atomic
def evaluation_submit(*, registration: Registration, score, comments: str = "") -> Evaluation:
    """A participant rates the meeting once, after it ended (the Academie's rule)."""
    registration = (
        Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    )
    if registration.status != Status.CONFIRMED:
        raise MeetingError(_("Only participants can evaluate this meeting."))
    if not registration.meeting.is_over():
        raise MeetingError(_("You can evaluate after the meeting."))
    if Evaluation.objects.filter(registration=registration).exists():
        raise MeetingError(_("You have already evaluated this meeting."))
    evaluation = Evaluation(registration=registration, score=score, comments=comments.strip())
    _clean(evaluation)
    evaluation.save()
    return evaluation


@transaction.atomic
def reminders_send(*, today=None) -> int:
    """Everyone confirmed for a meeting of tomorrow gets a reminder, once (Celery beat each
    morning; a second run sends nothing). Returns the number of reminders queued."""
    from datetime import timedelta

    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    due = list(
        Registration.objects.select_for_update(skip_locked=True)
        .filter(
            meeting__date=tomorrow,
            meeting__status=Meeting.Status.PUBLISHED,
            status=Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        )
        .values_list("pk", flat=True)
    )
    Registration.objects.filter(pk__in=due).update(reminder_sent_at=timezone.now())
    for pk in due:
        _notify("registration_reminder", pk)
    return len(due)


# --- presence ----------------------------------------------------------------------------


@transaction.atomic
def check_in(*, meeting: Meeting, person: Person, actor, by_staff: bool) -> Registration:
    """Record a person's arrival: staff at the door (from the meeting's day on; someone not
    registered or waiting is let in) or the person themselves on the day (registered, or
    their organisation's voting delegate). A delegate's arrival makes the proxies their
    organisation gave lapse."""
    meeting = MEETING_PLACES.lock(meeting.pk)
    today = timezone.localdate()
    if not meeting.is_published or not meeting.takes_registrations:
        raise MeetingError(_("Nobody checks in at this meeting."))
    if meeting.date > today:
        raise MeetingError(_("Checking in is possible from the day of the meeting."))
    if not by_staff and meeting.date != today:
        raise MeetingError(_("You check in yourself on the day of the meeting."))
    person = Person.objects.select_related("organisation").get(pk=person.pk)
    if person.erased_at is not None:
        raise MeetingError(_("This person has been anonymised."))
    delegations = list(Delegate.objects.filter(meeting=meeting, person=person))
    registration = (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, person=person)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    newly_confirmed = registration is None or registration.status == Status.WAITLISTED
    if newly_confirmed:
        if not (by_staff or delegations):
            raise MeetingError(_("You are not registered for this meeting."))
        if registration is None:  # at the door: staff (or the delegate's right) decide
            registration = Registration(meeting=meeting, person=person)
            _snapshot(registration, person)
        registration.status = Status.CONFIRMED
        registration.promoted_at = registration.promoted_at or (
            timezone.now() if registration.pk else None
        )
    registration.checked_in_at = timezone.now()
    registration.checked_out_at = None
    if registration.pk:
        registration.save()
    else:
        _save_registration(registration)
    audit_log(actor=actor, action="meetings.check_in", obj=registration, by_staff=by_staff)
    if newly_confirmed:  # a paid meeting invoices who came in without a confirmed place
        extensions.announce(
            "promoted" if registration.promoted_at else "confirmed", registration.pk
        )
    for delegation in delegations:
        _lapse_proxies_of(meeting, delegation.organisation_id, actor)
    return registration


def _lapse_proxies_of(meeting: Meeting, organisation_id: int, actor) -> None:
    for proxy in Proxy.objects.filter(
        meeting=meeting, grantor_id=organisation_id, revoked_at__isnull=True, lapsed_at__isnull=True
    ):
        proxy.lapsed_at = timezone.now()
        proxy.save(update_fields=["lapsed_at"])
        audit_log(
            actor=actor,
            action="meetings.proxy_lapse",
            obj=proxy,
            grantor=proxy.grantor_id,
            holder=proxy.holder_id,
        )


@transaction.atomic
def check_out(*, registration: Registration, actor) -> Registration:
    """Staff record that someone left: proxies they hold stop counting."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_present:
        raise MeetingError(_("This person is not checked in."))
    registration.checked_out_at = timezone.now()
    registration.save(update_fields=["checked_out_at"])
    audit_log(actor=actor, action="meetings.check_out", obj=registration)
    return registration


# --- voting delegates and proxies --------------------------------------------------------


def _require_alv_ahead(meeting: Meeting) -> None:
    if not meeting.is_alv or not meeting.is_published:
        raise MeetingError(_("Voting delegates and proxies belong to a general meeting (ALV)."))
    if meeting.is_over():
        raise MeetingError(_("This meeting is over."))


def _require_manager(actor_person: Person | None, organisation: Organisation) -> None:
    if (
        actor_person is None
        or not actor_person.is_manager
        or actor_person.organisation_id != organisation.pk
    ):
        raise NotAllowed(_("Only the manager of %(name)s may do this.") % {"name": organisation})


def _require_voting_right(meeting: Meeting, organisation: Organisation) -> None:
    if not selectors.in_voting_register(meeting, organisation):
        raise MeetingError(
            _("%(name)s has no voting right at this meeting (no active membership on %(day)s).")
            % {"name": organisation, "day": meeting.date.strftime("%d-%m-%Y")}
        )


@transaction.atomic
def delegate_name(*, meeting: Meeting, person: Person, actor_person: Person, actor) -> Delegate:
    """The manager of a member organisation names who casts its vote at the ALV (a person
    of that organisation, the manager included); naming again replaces the delegate."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_alv_ahead(meeting)
    organisation = actor_person.organisation if actor_person else None
    if organisation is None:
        raise NotAllowed(_("Only the manager of a member organisation names its delegate."))
    _require_manager(actor_person, organisation)
    _require_voting_right(meeting, organisation)
    if person.organisation_id != organisation.pk or person.erased_at is not None:
        raise MeetingError(_("The voting delegate must work at %(name)s.") % {"name": organisation})
    delegate, created = Delegate.objects.update_or_create(
        meeting=meeting,
        organisation=organisation,
        defaults={"person": person, "named_by": actor, "named_at": timezone.now()},
    )
    audit_log(
        actor=actor,
        action="meetings.delegate_name",
        obj=delegate,
        organisation=organisation.pk,
        person=person.pk,
    )
    return delegate


@transaction.atomic
def proxy_grant(*, meeting: Meeting, holder: Organisation, actor_person: Person, actor) -> Proxy:
    """The manager of organisation A lets the delegate of organisation B vote for A. The
    meeting row is locked, so proxies of one meeting are given one at a time and a holder
    never holds more than the maximum."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_alv_ahead(meeting)
    grantor = actor_person.organisation if actor_person else None
    if grantor is None:
        raise NotAllowed(_("Only the manager of a member organisation gives its proxy."))
    _require_manager(actor_person, grantor)
    if holder.pk == grantor.pk:
        raise MeetingError(_("Choose another organisation than your own."))
    _require_voting_right(meeting, grantor)
    _require_voting_right(meeting, holder)
    active = Proxy.objects.filter(meeting=meeting, revoked_at__isnull=True, lapsed_at__isnull=True)
    if active.filter(grantor=grantor).exists():
        raise MeetingError(_("Your organisation has already given a proxy; revoke it first."))
    if active.filter(holder=grantor).exists():
        raise MeetingError(_("Your organisation holds proxies of others: it cannot give its own."))
    if active.filter(grantor=holder).exists():
        raise MeetingError(
            _("%(name)s has given its own proxy to another organisation.") % {"name": holder}
        )
    if not Delegate.objects.filter(meeting=meeting, organisation=holder).exists():
        raise MeetingError(_("%(name)s has not named a voting delegate yet.") % {"name": holder})
    if selectors.delegate_present(meeting, grantor):
        raise MeetingError(_("Your own delegate is present: your organisation votes itself."))
    maximum = meeting.max_proxies_per_holder
    if maximum is not None and active.filter(holder=holder).count() >= maximum:
        raise MeetingError(
            _("%(name)s already holds the maximum of %(n)s proxies.")
            % {"name": holder, "n": maximum}
        )
    proxy = Proxy(meeting=meeting, grantor=grantor, holder=holder, granted_by=actor)
    _clean(proxy)
    proxy.save()
    audit_log(
        actor=actor,
        action="meetings.proxy_grant",
        obj=proxy,
        grantor=grantor.pk,
        holder=holder.pk,
    )
    return proxy


@transaction.atomic
def proxy_revoke(*, proxy: Proxy, actor_person: Person, actor) -> Proxy:
    meeting = Meeting.objects.select_for_update().get(pk=proxy.meeting_id)
    proxy = Proxy.objects.select_for_update().select_related("grantor").get(pk=proxy.pk)
    _require_manager(actor_person, proxy.grantor)
    if not proxy.is_active:
        raise MeetingError(_("This proxy no longer applies."))
    if meeting.is_over():
        raise MeetingError(_("This meeting is over."))
    proxy.revoked_at = timezone.now()
    proxy.save(update_fields=["revoked_at"])
    audit_log(
        actor=actor,
        action="meetings.proxy_revoke",
        obj=proxy,
        grantor=proxy.grantor_id,
        holder=proxy.holder_id,
    )
    return proxy


# --- decisions and votes ----------------------------------------------------------------

DECISION_FIELDS = (
    "title",
    "description",
    "majority",
    "is_secret",
    "year_plan_year",
    "year_plan_programme",
)


@transaction.atomic
def decision_save(*, meeting: Meeting, actor, decision: Decision | None = None, **fields):
    """Put a decision on an ALV's agenda, or change one that is not yet put to the vote."""
    if not meeting.is_alv:
        raise MeetingError(_("Decisions are taken at a general meeting (ALV)."))
    if decision is None:
        decision = Decision(
            meeting=meeting,
            order=meeting.decisions.count(),
            majority=settings.MEETINGS_MAJORITY,
        )
    else:
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.state != Decision.State.DRAFT:
            raise MeetingError(_("A decision is changed only before it is put to the vote."))
    for name, value in fields.items():
        if name not in DECISION_FIELDS:
            raise ValueError(f"{name} is not a field of a decision")
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    _clean(decision)
    decision.save()
    audit_log(actor=actor, action="meetings.decision_save", obj=decision)
    return decision


@transaction.atomic
def decision_open(*, decision: Decision, actor) -> Decision:
    """Put a decision to the vote: on or after the meeting's day, with the quorum present
    or represented (the reason is shown otherwise)."""
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    meeting = decision.meeting
    if decision.state != Decision.State.DRAFT:
        raise MeetingError(_("This decision has already been put to the vote."))
    if meeting.date > timezone.localdate():
        raise MeetingError(_("Voting starts on the day of the meeting."))
    presence = selectors.presence(meeting)
    if not presence.quorum_met:
        raise QuorumNotMet(
            _(
                "The quorum has not been reached: %(count)s of %(total)s member organisations "
                "are present or represented, %(needed)s are needed."
            )
            % {
                "count": presence.count,
                "total": presence.register,
                "needed": presence.quorum_needed,
            }
        )
    decision.state = Decision.State.OPEN
    decision.opened_at = timezone.now()
    decision.save(update_fields=["state", "opened_at"])
    audit_log(
        actor=actor,
        action="meetings.decision_open",
        obj=decision,
        present=presence.count,
        register=presence.register,
    )
    return decision


@transaction.atomic
def decision_close(*, decision: Decision, actor) -> Decision:
    """Close the voting: the result is fixed; an adopted year plan is written back to the
    programmes' year plans ("vastgesteld in de ALV van ...")."""
    from programmes import services as programmes

    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    if decision.state != Decision.State.OPEN:
        raise MeetingError(_("Only a decision being voted on can be closed."))
    decision.state = Decision.State.CLOSED
    decision.closed_at = timezone.now()
    decision.adopted = selectors.decision_result(decision).adopted
    decision.save(update_fields=["state", "closed_at", "adopted"])
    audit_log(
        actor=actor,
        action="meetings.decision_close",
        obj=decision,
        adopted=decision.adopted,
        tally=[decision.tally_for, decision.tally_against, decision.tally_abstain],
    )
    if decision.adopted and decision.year_plan_year:
        with translation.override("nl"):
            adopted_by = str(selectors.adopting_body(decision.meeting))
        programmes.year_plans_adopt(
            year=decision.year_plan_year,
            adopted_on=decision.meeting.date,
            adopted_by=adopted_by,
            programme=decision.year_plan_programme,
            actor=actor,
        )
    return decision


TALLY = {
    Ballot.Choice.FOR: "tally_for",
    Ballot.Choice.AGAINST: "tally_against",
    Ballot.Choice.ABSTAIN: "tally_abstain",
}


@transaction.atomic
def vote_cast(
    *, decision: Decision, organisation: Organisation, choice: str, voter: Person, actor
) -> Ballot:
    """Cast the vote of `organisation` on `decision`: by its own delegate, or by the
    delegate holding its proxy, checked in. One ballot per voting right whatever the timing
    (two tabs, a double click: the unique ballot), none once the voting closed (the decision
    row is locked). For a secret vote the ballot keeps no choice; the count rises."""
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    if decision.state != Decision.State.OPEN:
        raise DecisionClosed()
    if choice not in TALLY:
        raise MeetingError(_("Choose for, against or abstain."))
    rights = selectors.voting_rights(decision.meeting, voter)
    if organisation.pk not in rights:
        raise NotAllowed(_("You cannot vote for %(name)s.") % {"name": organisation})
    weight = decision.meeting.votes_per_organisation
    ballot = Ballot(
        decision=decision,
        organisation=organisation,
        cast_by=voter,
        via_proxy=rights[organisation.pk],
        weight=weight,
        choice="" if decision.is_secret else choice,
    )
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:
        raise AlreadyVoted() from None
    Decision.objects.filter(pk=decision.pk).update(**{TALLY[choice]: F(TALLY[choice]) + weight})
    audit_log(
        actor=actor,
        action="meetings.vote",
        obj=ballot,
        decision=decision.pk,
        via_proxy=ballot.via_proxy,
    )
    return ballot


# --- consultations ----------------------------------------------------------------------


@transaction.atomic
def consultation_answer(*, meeting: Meeting, person: Person, answers: dict) -> ConsultationResponse:
    """Answer a ledenraadpleging: once per organisation (or per person, as the consultation
    says), until its deadline. `answers` maps question pks to values."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.kind != Kind.CONSULTATION or not meeting.is_published:
        raise MeetingError(_("This is not an open consultation."))
    if meeting.answers_until is None or timezone.now() > meeting.answers_until:
        raise MeetingError(_("The deadline for answers has passed."))
    person = Person.objects.select_related("organisation").get(pk=person.pk)
    per_organisation = meeting.answer_per == Meeting.AnswerPer.ORGANISATION
    organisation = person.organisation
    if not person.is_member:
        raise NotAllowed(_("Members of Ingrado answer this consultation."))
    questions = list(meeting.questions.all())
    values = {}
    for question in questions:
        value = (answers.get(question.pk) or "").strip()
        if not value:
            raise MeetingError(_("Answer every question."))
        if question.kind != ConsultationQuestion.Kind.TEXT and value not in question.option_list():
            raise MeetingError(
                _("Choose one of the options for “%(question)s”.") % {"question": question.text}
            )
        values[question.pk] = value
    response = ConsultationResponse(
        meeting=meeting,
        person=person,
        organisation=organisation,
        rayon_id=organisation.rayon_id if organisation else None,
        organisation_kind=organisation.kind if organisation else "",
        per_organisation=per_organisation,
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise AlreadyAnswered() from None
    ConsultationAnswer.objects.bulk_create(
        [ConsultationAnswer(response=response, question_id=pk, value=v) for pk, v in values.items()]
    )
    return response


# --- the besluitenlijst and presentielijst (PDF) -----------------------------------------


def meeting_report_request(*, meeting: Meeting, kind: str, actor) -> tuple[MeetingReport, bool]:
    """Queue the PDF (once committed): (report, created). One of each kind is being made at a
    time: asking again returns it. A broker that cannot be reached keeps it queued (the
    sweeper sends it) and QueueUnavailable tells the caller."""
    if kind not in MeetingReport.Kind.values:
        raise MeetingError(_("Unknown kind of report."))
    pending = MeetingReport.objects.filter(
        meeting=meeting, kind=kind, state__in=MeetingReport.PENDING
    ).first()
    if pending is not None:
        return pending, False
    try:
        with transaction.atomic():
            report = MeetingReport(meeting=meeting, kind=kind, requested_by=actor)
            report.full_clean(validate_constraints=False)
            report.save()
            audit_log(actor=actor, action="meetings.report_request", obj=report, kind=kind)
            generated_files.send_after_commit(MeetingReport, [report.pk])
    except IntegrityError:  # the same request, a moment earlier, from another click
        return MeetingReport.objects.get(
            meeting=meeting, kind=kind, state__in=MeetingReport.PENDING
        ), False
    return report, True


def meeting_report_render(*, report_pk: int, task_id: str = "") -> MeetingReport:
    """Render the PDF and store it (the task's work). Idempotent: a ready report is left as
    it is; one another attempt is making within the time limit is left to it."""
    import time

    from django.core.files.base import ContentFile

    from . import reports

    report = generated_files.claim(MeetingReport, report_pk, task_id)
    if report is None:
        return MeetingReport.objects.get(pk=report_pk)
    if settings.FAULT_INJECTION_RENDER_DELAY:
        time.sleep(settings.FAULT_INJECTION_RENDER_DELAY)
    report = MeetingReport.objects.select_related("meeting").get(pk=report_pk)
    pdf = reports.render_pdf(report.meeting, report.kind)
    filename = f"{report.kind}-{report.meeting.date:%Y-%m-%d}-{report.pk}.pdf"
    generated_files.finish(MeetingReport, report_pk, task_id, filename, ContentFile(pdf))
    return MeetingReport.objects.get(pk=report_pk)


# --- erasure (AVG) ----------------------------------------------------------------------


@transaction.atomic
def registrations_release_for_erasure(*, person: Person) -> int:
    """AVG erasure: the person's registrations of meetings to come (where they have not
    checked in) are cancelled, each freed place going to the first real person waiting;
    their evaluation comments and their own open consultation answers are blanked, and they
    are no longer anyone's voting delegate for a meeting to come. Counts, votes and presence
    stay. Returns the registrations cancelled."""
    today = timezone.localdate()
    open_registrations = [
        registration
        for registration in Registration.objects.filter(
            person=person,
            status__in=[Status.CONFIRMED, Status.WAITLISTED],
            meeting__date__gte=today,
            checked_in_at__isnull=True,  # who came keeps counting
        ).select_related("meeting")
        if not registration.meeting.is_over()
    ]
    for registration in open_registrations:
        registration_cancel(registration=registration, by_staff=True, actor=None)
    Evaluation.objects.filter(registration__person=person).update(comments="")
    ConsultationAnswer.objects.filter(
        response__person=person,
        response__per_organisation=False,
        question__kind=ConsultationQuestion.Kind.TEXT,
    ).update(value="–")
    Delegate.objects.filter(person=person, meeting__date__gte=today).delete()
    return len(open_registrations)


quorum_needed = selectors.quorum_needed
