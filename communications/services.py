"""Write operations of the nieuwsbrief: subscriptions, composing, sending and counting."""

import csv
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT
from knowledge.models import Item
from members.models import Organisation, Person
from members.services import audit_log
from outbox.services import mail_queue, mail_queue_message

from . import mail, sending, tokens
from .errors import (
    ImportFailed,
    InvalidLink,
    MembersOnlyItem,
    NewsletterError,
    NoRecipients,
    NotEditable,
    NothingToSend,
    NotSendable,
    ScheduleInThePast,
)
from .models import Newsletter, Reader, Section, SectionReader, Subscriber, Suppression

logger = logging.getLogger(__name__)

Status = Subscriber.Status
Consent = Subscriber.Consent

# A second sign-up for the same address within this time sends no second confirmation.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)


# --- subscriptions ------------------------------------------------------------------------


def _subscribe(subscriber: Subscriber, *, consent: str, now: datetime) -> None:
    """Put an address on the list with the consent just given (in memory)."""
    subscriber.status = Status.SUBSCRIBED
    subscriber.consent = consent
    subscriber.consent_at = now
    subscriber.subscribed_at = now
    subscriber.unsubscribed_at = None
    subscriber.hard_failures = 0
    subscriber.paused_at = None


def _link_person(subscriber: Subscriber) -> None:
    """Link an address to the portal's person with that address, and their organisation."""
    person = (
        Person.objects.select_related("organisation")
        .filter(email=subscriber.email, erased_at__isnull=True)
        .first()
    )
    if person is not None:
        subscriber.person = person
        subscriber.organisation = person.organisation
        subscriber.name = subscriber.name or person.full_name


def _lift_suppression(email: str) -> None:
    """The address's owner asked for the newsletter themselves (confirmed by mail, or on
    their profile): it is no longer an address not to add again."""
    Suppression.objects.filter(digest__in=tokens.address_digests(email)).delete()


def _suppress(email: str, reason: str) -> None:
    """Remember (as a keyed hash) an address that must not come back by an import."""
    digest = tokens.address_digests(email)[0]
    Suppression.objects.get_or_create(digest=digest, defaults={"reason": reason})


def suppressed_addresses(emails) -> set[str]:
    """Those of `emails` that were removed on request or belonged to an anonymised person."""
    by_digest = {digest: email for email in emails for digest in tokens.address_digests(email)}
    found = set()
    digests = list(by_digest)
    for start in range(0, len(digests), 500):
        found.update(
            Suppression.objects.filter(digest__in=digests[start : start + 500]).values_list(
                "digest", flat=True
            )
        )
    return {by_digest[digest] for digest in found}


@transaction.atomic
def subscription_request(*, email: str, name: str = "", organisation_name: str = "") -> None:
    """A visitor signs up on the public page: a confirmation link is mailed (double opt-in).

    The visitor is told the same whatever the address's state, so the page does not reveal
    who is on the list; an address already subscribed gets no mail. An address already on
    the list (waiting, unsubscribed, paused) is not changed: the name and organisation
    typed travel in the signed link and are applied only when the address's owner confirms,
    so a stranger cannot rename an entry."""
    email = email.strip().lower()
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(
            email=email,
            name=name.strip(),
            organisation_name=organisation_name.strip(),
            status=Status.PENDING,
            consent=Consent.DOUBLE_OPT_IN,
        )
    elif subscriber.status == Status.SUBSCRIBED or (
        subscriber.confirmation_sent_at
        and now - subscriber.confirmation_sent_at < CONFIRMATION_RESEND_AFTER
    ):
        return
    subscriber.confirmation_sent_at = now
    subscriber.full_clean()
    subscriber.save()
    _mail_confirmation(subscriber, name=name.strip(), organisation=organisation_name.strip())


def _mail_confirmation(subscriber: Subscriber, *, name: str = "", organisation: str = "") -> None:
    """Queued in the outbox with the sign-up: the request neither waits for the mail server
    nor fails when it is away, and takes as long whoever the address belongs to. The name
    and organisation typed travel in the signed link, applied only when the owner confirms."""
    token = tokens.confirm_token(
        subscriber.pk,
        subscriber.email,
        requested_at=subscriber.confirmation_sent_at.timestamp(),
        name=name,
        organisation=organisation,
    )
    mail_queue(
        prefix="communications/emails/confirm",
        context={
            "subscriber": subscriber,
            "confirm_url": mail.absolute(reverse("communications:confirm", args=[token])),
            "days": settings.NEWSLETTER_CONFIRMATION_DAYS,
        },
        to=subscriber.email,
        about=subscriber,
    )


def _is_current_request(subscriber: Subscriber, request: tokens.ConfirmRequest) -> bool:
    """Whether a confirmation link still stands for the address's wish: it belongs to the
    newest sign-up, made after the address last unsubscribed or was paused. A link from
    before an unsubscribe never puts the address back."""
    if request.requested_at is None:  # a link without its moment: only a first sign-up
        return (
            subscriber.status == Status.PENDING
            and subscriber.unsubscribed_at is None
            and subscriber.paused_at is None
        )
    asked = subscriber.confirmation_sent_at
    if asked is None or abs(asked.timestamp() - request.requested_at) > 0.001:
        return False
    return all(
        moment is None or moment < asked
        for moment in (subscriber.unsubscribed_at, subscriber.paused_at)
    )


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    """The second step of the double opt-in: the address is on the list from now on, with
    the name and organisation typed at the sign-up the link belongs to."""
    request = tokens.read_confirm_token(token)
    if request is None:
        raise InvalidLink()
    subscriber = (
        Subscriber.objects.select_for_update()
        .filter(pk=request.subscriber_pk, email=request.email)
        .first()
    )
    if subscriber is None:
        raise InvalidLink()
    if subscriber.status == Status.SUBSCRIBED:
        return subscriber
    if not _is_current_request(subscriber, request):
        raise InvalidLink()
    _subscribe(subscriber, consent=Consent.DOUBLE_OPT_IN, now=timezone.now())
    subscriber.name = request.name or subscriber.name
    subscriber.organisation_name = request.organisation or subscriber.organisation_name
    _link_person(subscriber)
    subscriber.full_clean()
    subscriber.save()
    _lift_suppression(subscriber.email)
    return subscriber


def subscriber_of(person: Person) -> Subscriber | None:
    return (
        Subscriber.objects.filter(Q(person=person) | Q(email=person.email.lower()))
        .order_by("pk")
        .first()
    )


@transaction.atomic
def subscription_set_for_person(*, person: Person, subscribe: bool) -> Subscriber | None:
    """A portal user subscribes or unsubscribes on their profile (their address is verified:
    no confirmation mail)."""
    subscriber = subscriber_of(person)
    if subscriber is not None:
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    now = timezone.now()
    if subscribe:
        if subscriber is None:
            subscriber = Subscriber(email=person.email.lower(), consent=Consent.PROFILE)
        subscriber.person = person
        subscriber.name = person.full_name
        subscriber.organisation = person.organisation
        if subscriber.status != Status.SUBSCRIBED:
            _subscribe(subscriber, consent=Consent.PROFILE, now=now)
            _lift_suppression(subscriber.email)
    elif subscriber is not None and subscriber.status != Status.UNSUBSCRIBED:
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = now
    if subscriber is not None:
        subscriber.full_clean()
        subscriber.save()
    return subscriber


@transaction.atomic
def subscription_unsubscribe(
    *, subscriber_pk: int, newsletter_pk: int | None = None
) -> Subscriber | None:
    """One click on the link in a newsletter: the address receives nothing more, and the
    newsletter the link came in counts one unsubscribe more (a count, without the address).
    None when the address is no longer on the list (erased)."""
    subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_pk).first()
    if subscriber is not None and subscriber.status != Status.UNSUBSCRIBED:
        was_receiving = subscriber.status == Status.SUBSCRIBED
        subscriber.status = Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        if was_receiving and newsletter_pk is not None:
            Newsletter.objects.filter(pk=newsletter_pk).update(unsubscribes=F("unsubscribes") + 1)
    return subscriber


def subscribers_purge_unconfirmed(*, now: datetime | None = None) -> int:
    """Sign-ups not confirmed within the confirmation days are deleted."""
    limit = (now or timezone.now()) - timedelta(days=settings.NEWSLETTER_CONFIRMATION_DAYS)
    deleted, _rows = Subscriber.objects.filter(
        Q(confirmation_sent_at__lt=limit)
        | Q(confirmation_sent_at__isnull=True, created_at__lt=limit),
        status=Status.PENDING,
    ).delete()
    return deleted


@transaction.atomic
def subscriber_erase(*, subscriber: Subscriber, actor) -> None:
    """AVG: the address goes; the deliveries stay, without it, to keep counting. A keyed
    hash of it stays too, so that no import puts it back (see Suppression)."""
    audit_log(actor=actor, action="subscriber_erase", obj=subscriber)
    _suppress(subscriber.email, Suppression.Reason.REMOVED)
    subscriber.delete()


@transaction.atomic
def subscriptions_erase_person(*, person: Person) -> None:
    """An anonymised person's addresses leave the list, and no import puts them back."""
    subscribers = Subscriber.objects.filter(Q(person=person) | Q(email=person.email.lower()))
    for email in {person.email.lower(), *subscribers.values_list("email", flat=True)}:
        if email:
            _suppress(email, Suppression.Reason.ANONYMISED)
    subscribers.delete()


# --- import of an existing list -----------------------------------------------------------

# The existing list has about 4,000 addresses.
MAX_IMPORT_ROWS = 10_000
# The columns the import reads (also the first three of the export), with the headings the
# export writes; a file may name them in Dutch, in English or by these codes.
IMPORT_HEADINGS = {
    "email": gettext_lazy("E-mail address"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Organisation"),
}
# Other names the existing list's files use.
HEADER_ALIASES = {
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "naam": "name",
    "organization": "organisation",
    "organisatie": "organisation",
}


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    merged: int = 0
    skipped_unsubscribed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _import_rows(raw: bytes) -> tuple[dict[str, dict], int, list[tuple[int, str]]]:
    """{address: row} with duplicates merged, the number merged, and the errors by line.
    Read as every import reads (`ingrado.csvfiles`): UTF-8 with or without a byte order
    mark, commas or semicolons, the export's apostrophes before a formula sign taken off."""
    try:
        text = csvfiles.decode(raw)
    except csvfiles.UnreadableFile as error:
        raise ImportFailed([(error.line, error.message)]) from None
    errors: list[tuple[int, str]] = []
    rows: dict[str, dict] = {}
    merged = 0
    reader = csvfiles.dict_reader(
        text, aliases={**csvfiles.aliases(IMPORT_HEADINGS), **HEADER_ALIASES}
    )
    try:
        if "email" not in (reader.fieldnames or []):
            raise ImportFailed(
                [(1, _("The first line must name the columns: email, name, organisation."))]
            )
        for line, cells in enumerate(reader, start=2):
            if line - 1 > MAX_IMPORT_ROWS:
                raise ImportFailed(
                    [
                        (
                            line,
                            _("The file holds more than %(max)s addresses.")
                            % {"max": MAX_IMPORT_ROWS},
                        )
                    ]
                )
            row = {
                column: csvfiles.cell(cells.get(column))
                for column in IMPORT_HEADINGS
                if column in cells
            }
            if not any(row.values()):
                continue
            problems = _row_problems(row)
            if problems:
                errors.append((line, "; ".join(problems)))
                continue
            email = row["email"].lower()
            if email in rows:
                merged += 1
                for key in ("name", "organisation"):
                    rows[email][key] = rows[email].get(key) or row.get(key, "")
            else:
                rows[email] = {
                    "name": row.get("name", ""),
                    "organisation": row.get("organisation", ""),
                }
    except csv.Error as error:
        errors.append((reader.line_num + 1, _("Unreadable CSV: %(e)s") % {"e": error}))
    if not rows and not errors:
        errors.append((1, _("The file contains no addresses.")))
    return rows, merged, errors


def _row_problems(row: dict) -> list[str]:
    if any(CONTROL_CHARACTERS_IN_TEXT.search(value) for value in row.values()):
        return [_("a cell contains an invisible control character (such as NUL)")]
    problems = []
    email = row.get("email", "")
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("'%(email)s' is not an e-mail address") % {"email": email[:100]})
    else:
        if len(email) > 254:
            problems.append(_("the e-mail address is too long"))
    if len(row.get("name", "")) > 150:
        problems.append(_("the name is longer than 150 characters"))
    if len(row.get("organisation", "")) > 150:
        problems.append(_("the organisation is longer than 150 characters"))
    return problems


def subscribers_import_csv(*, raw: bytes, actor) -> ImportResult:
    """Import the existing list (email, name, organisation). A file with any bad line imports
    nothing; an address twice in the file is merged; an address that unsubscribed earlier,
    was removed on request or belonged to an anonymised person is never put back on the
    list."""
    rows, merged, errors = _import_rows(raw)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(merged=merged)
    suppressed = suppressed_addresses(rows)
    now = timezone.now()
    organisations = {
        name.lower(): pk for pk, name in Organisation.objects.values_list("pk", "name")
    }
    people = {
        email: (pk, organisation_id)
        for pk, email, organisation_id in Person.objects.filter(
            email__in=list(rows), erased_at__isnull=True
        ).values_list("pk", "email", "organisation_id")
    }
    with transaction.atomic():
        existing = {
            s.email: s for s in Subscriber.objects.select_for_update().filter(email__in=list(rows))
        }
        new, changed = [], []
        for email, row in rows.items():
            subscriber = existing.get(email)
            if email in suppressed or (
                subscriber is not None and subscriber.status == Status.UNSUBSCRIBED
            ):
                result.skipped_unsubscribed += 1
                continue
            if subscriber is None:
                subscriber = Subscriber(email=email)
                new.append(subscriber)
            else:
                changed.append(subscriber)
            subscriber.name = subscriber.name or row["name"]
            subscriber.organisation_name = subscriber.organisation_name or row["organisation"]
            person_pk, person_organisation = people.get(email, (None, None))
            subscriber.person_id = subscriber.person_id or person_pk
            subscriber.organisation_id = (
                subscriber.organisation_id
                or person_organisation
                or organisations.get(row["organisation"].lower())
            )
            if subscriber.status == Status.PENDING:
                _subscribe(subscriber, consent=Consent.IMPORT, now=now)
        Subscriber.objects.bulk_create(new, batch_size=1000)
        Subscriber.objects.bulk_update(
            changed,
            [
                "name",
                "organisation_name",
                "person",
                "organisation",
                "status",
                "consent",
                "consent_at",
                "subscribed_at",
                "unsubscribed_at",
                "hard_failures",
                "paused_at",
            ],
            batch_size=1000,
        )
        result.added, result.updated = len(new), len(changed)
        audit_log(
            actor=actor,
            action="subscribers_import",
            obj=actor,
            added=result.added,
            updated=result.updated,
            skipped_unsubscribed=result.skipped_unsubscribed,
        )
    return result


# --- composing ----------------------------------------------------------------------------


def _check_sendable(newsletter: Newsletter) -> None:
    """A service-level check before a newsletter is tested, scheduled or sent: also data
    stored before a form refused it (a subject with a line break) is refused here."""
    problems = mail.problems(newsletter)
    if problems:
        raise NotSendable(
            _("This newsletter cannot be sent as it is: %(problems)s")
            % {"problems": " ".join(problems)}
        )


def _locked(newsletter: Newsletter) -> Newsletter:
    """The newsletter's row, locked for a change, while it may still change."""
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if not locked.is_editable:
        raise NotEditable()
    return locked


@transaction.atomic
def newsletter_create(*, subject: str, introduction: str = "", actor) -> Newsletter:
    newsletter = Newsletter(
        subject=subject.strip(), introduction=introduction.strip(), created_by=actor
    )
    newsletter.full_clean()
    newsletter.save()
    return newsletter


@transaction.atomic
def newsletter_update(*, newsletter: Newsletter, subject: str, introduction: str) -> Newsletter:
    locked = _locked(newsletter)
    locked.subject = subject.strip()
    locked.introduction = introduction.strip()
    locked.full_clean()
    locked.save(update_fields=["subject", "introduction"])
    return locked


SECTION_FIELDS = ("title", "text", "link_url", "link_label", "image", "image_alt")


@transaction.atomic
def section_add(*, newsletter: Newsletter, title: str, text: str, **fields) -> Section:
    locked = _locked(newsletter)
    top = locked.sections.aggregate(top=Max("order"))["top"]
    section = Section(
        newsletter=locked, order=0 if top is None else top + 1, title=title.strip(), text=text
    )
    for name, value in fields.items():
        if name not in SECTION_FIELDS:
            raise ValueError(f"{name} is not a section field")
        setattr(section, name, value.strip() if isinstance(value, str) else value)
    section.text = section.text.strip()
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, **fields) -> Section:
    _locked(section.newsletter)
    for name, value in fields.items():
        if name not in SECTION_FIELDS:
            raise ValueError(f"{name} is not a section field")
        setattr(section, name, value.strip() if isinstance(value, str) else value)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section) -> None:
    _locked(section.newsletter)
    if section.image:
        section.image.delete(save=False)
    section.delete()


@transaction.atomic
def section_move(*, section: Section, up: bool) -> None:
    """Swap a section with the one above (or below) it."""
    newsletter = _locked(section.newsletter)
    sections = list(newsletter.sections.order_by("order", "pk"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
    for order, item in enumerate(sections):
        item.order = order
    Section.objects.bulk_update(sections, ["order"])


def section_add_item(*, newsletter: Newsletter, item, members_text: bool | None = None) -> Section:
    """A kennisbank item as a section, with the link to it (one click in the editor).

    The newsletter goes to every subscriber, non-members too: the text of a members-only
    item goes in only by an explicit choice (`members_text=True`); `False` adds its title
    and link, which asks a reader to log in. Without a choice it is refused."""
    members_only = item.audience == Item.Audience.MEMBERS
    if members_only and members_text is None:
        raise MembersOnlyItem()
    with translation.override(settings.LANGUAGE_CODE):
        if members_only and not members_text:
            text = _("For members of Ingrado: log in to the portal to read the answer.")
        else:
            text = Truncator(item.answer_text).words(60)
        return section_add(
            newsletter=newsletter,
            title=item.title,
            text=text,
            link_url=mail.absolute(reverse("knowledge:item_detail", args=[item.slug])),
            link_label=_("Read more in the kennisbank"),
        )


def section_add_edition(*, newsletter: Newsletter, edition) -> Section:
    """An Academie edition with places left as a section, with the link to enrol."""
    from django.utils.formats import date_format

    with translation.override(settings.LANGUAGE_CODE):
        when = date_format(edition.first_date, "j F Y") if edition.first_date else ""
        places = _("%(n)s places left") % {"n": edition.places_left}
        text = f"{when} · {places}\n\n{Truncator(edition.activity.description).words(50)}"
        return section_add(
            newsletter=newsletter,
            title=edition.activity.title,
            text=text.strip(" ·\n"),
            link_url=mail.absolute(reverse("academy:edition_detail", args=[edition.pk])),
            link_label=_("Enrol in the Academie"),
        )


# --- sending ------------------------------------------------------------------------------


@transaction.atomic
def newsletter_send_test(*, newsletter: Newsletter, user) -> None:
    """A copy to the member of staff themselves, marked as a test; it counts nothing. Sent
    through the outbox like every other single mail."""
    _check_sendable(newsletter)
    recipient = mail.Recipient(name=user.get_full_name(), email=user.email, subscriber_pk=0)
    sections = list(newsletter.sections.order_by("order", "pk"))
    mail_queue_message(
        message=mail.message(newsletter, sections, recipient, test=True),
        template="communications/emails/newsletter (test)",
        language=settings.LANGUAGE_CODE,
        about=newsletter,
    )


@transaction.atomic
def newsletter_schedule(*, newsletter: Newsletter, at: datetime) -> Newsletter:
    locked = _locked(newsletter)
    if at <= timezone.now():
        raise ScheduleInThePast()
    if not locked.sections.exists():
        raise NothingToSend()
    _check_sendable(locked)
    locked.status = Newsletter.Status.SCHEDULED
    locked.scheduled_at = at
    locked.save(update_fields=["status", "scheduled_at"])
    return locked


@transaction.atomic
def newsletter_unschedule(*, newsletter: Newsletter) -> Newsletter:
    locked = _locked(newsletter)
    locked.status = Newsletter.Status.DRAFT
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, actor=None) -> int:
    """Start sending to everyone subscribed now: a delivery per address, then the batches
    (queued after commit). Returns the number of recipients."""
    locked = _locked(newsletter)
    if not locked.sections.exists():
        raise NothingToSend()
    _check_sendable(locked)
    recipients = sending.create_deliveries(locked)
    if not recipients:
        raise NoRecipients()
    locked.status = Newsletter.Status.SENDING
    locked.started_at = timezone.now()
    locked.recipients = recipients
    locked.save(update_fields=["status", "started_at", "recipients"])
    audit_log(actor=actor, action="newsletter_send", obj=locked, recipients=recipients)
    transaction.on_commit(lambda: sending.queue_batch(locked.pk))
    return recipients


def newsletters_send_due(*, now: datetime | None = None) -> int:
    """Start the scheduled newsletters whose moment has come (Celery beat, every minute).
    One that cannot be sent goes back to draft, with the reason in the log."""
    now = now or timezone.now()
    started = 0
    due = Newsletter.objects.filter(status=Newsletter.Status.SCHEDULED, scheduled_at__lte=now)
    for newsletter in due:
        try:
            newsletter_send(newsletter=newsletter)
        except NewsletterError as error:
            logger.warning("scheduled newsletter %s not sent: %s", newsletter.pk, error)
            Newsletter.objects.filter(pk=newsletter.pk, status=Newsletter.Status.SCHEDULED).update(
                status=Newsletter.Status.DRAFT
            )
        else:
            started += 1
    return started


# --- counting opens and clicks ------------------------------------------------------------


def _reader(newsletter_pk: int, delivery_token: str) -> int:
    """The primary key of the reader's row, made on their first open or click."""
    reader, _created = Reader.objects.get_or_create(
        newsletter_id=newsletter_pk, digest=tokens.reader_digest(newsletter_pk, delivery_token)
    )
    return reader.pk


@transaction.atomic
def open_record(*, newsletter_pk: int, delivery_token: str) -> None:
    """The tracking pixel was loaded: one open, and one reader more if it is their first."""
    if not delivery_token or not Newsletter.objects.filter(pk=newsletter_pk).exists():
        return
    reader = _reader(newsletter_pk, delivery_token)
    first = Reader.objects.filter(pk=reader, opened=False).update(opened=True)
    Newsletter.objects.filter(pk=newsletter_pk).update(
        opens=F("opens") + 1, unique_opens=F("unique_opens") + first
    )


@transaction.atomic
def click_record(*, newsletter_pk: int, section_pk: int, delivery_token: str) -> None:
    """A link was followed: counted for the newsletter and the section; a reader who clicks
    has opened the newsletter too (also when their mail program blocked the pixel)."""
    if not delivery_token:
        return
    if not Section.objects.filter(pk=section_pk, newsletter_id=newsletter_pk).exists():
        return
    reader = _reader(newsletter_pk, delivery_token)
    first_open = Reader.objects.filter(pk=reader, opened=False).update(opened=True)
    first_click = Reader.objects.filter(pk=reader, clicked=False).update(clicked=True)
    Newsletter.objects.filter(pk=newsletter_pk).update(
        clicks=F("clicks") + 1,
        unique_clicks=F("unique_clicks") + first_click,
        unique_opens=F("unique_opens") + first_open,
    )
    _section_reader, first_in_section = SectionReader.objects.get_or_create(
        section_id=section_pk, digest=tokens.reader_digest(newsletter_pk, delivery_token)
    )
    Section.objects.filter(pk=section_pk).update(
        clicks=F("clicks") + 1, unique_clicks=F("unique_clicks") + int(first_in_section)
    )
