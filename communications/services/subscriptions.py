"""The list of the nieuwsbrief: signing up (double opt-in), confirming, subscribing on the
profile, unsubscribing, and the AVG's erasure and suppression of addresses."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from members.models import Person
from members.services import audit_log
from outbox.services import mail_queue

from .. import mail, tokens
from ..errors import InvalidLink
from ..models import Newsletter, Subscriber, Suppression

Status = Subscriber.Status
Consent = Subscriber.Consent

# A second sign-up for the same address within this time sends no second confirmation.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)


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
