"""Composing a newsletter (its sections) and sending it: a test to oneself, scheduled, or now."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from knowledge.models import Item
from members.services import audit_log
from outbox.services import mail_queue_message

from .. import mail, sending
from ..errors import (
    MembersOnlyItem,
    NewsletterError,
    NoRecipients,
    NotEditable,
    NothingToSend,
    NotSendable,
    ScheduleInThePast,
)
from ..models import Newsletter, Section

logger = logging.getLogger(__name__)


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
