"""`seed_demo` for the nieuwsbrief: a list of 4,400 addresses (some 4,250 of them
subscribed: "ruim vierduizend ontvangers"), the twenty newsletters of 2025 and the two latest
of this year with their recipients, opens and clicks (about 30 % opened, 20 % clicked through, as
the jaarverslag 2025 reports), and a draft for the editor. Idempotent; bulk inserts only.

The sent newsletters are stored as a finished sending leaves them: the counts of recipients,
mails accepted and failed, opens and clicks per newsletter and section. The demo makes no
delivery or reader rows: those serve a sending in progress (each recipient once) and the
counting of a new reader."""

import random
from datetime import datetime, time, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from academy.models import Edition
from knowledge.models import Item
from members.demo_data import FIRST_NAMES, LAST_NAMES
from members.models import Organisation, Person

from .mail import absolute
from .models import Newsletter, Section, Subscriber

LIST_SIZE = 4400
DRAFT_SUBJECT = "Nieuwsbrief december 2026"
WEEK = timedelta(days=7)
DATES_2025 = [
    (1, 9),
    (1, 30),
    (2, 20),
    (3, 13),
    (3, 27),
    (4, 17),
    (5, 8),
    (5, 22),
    (6, 12),
    (6, 26),
    (7, 10),
    (8, 28),
    (9, 11),
    (9, 25),
    (10, 9),
    (10, 23),
    (11, 6),
    (11, 20),
    (12, 4),
    (12, 18),
]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
OTHER_ORGANISATIONS = [
    "ROC Midden Nederland",
    "Stichting Jeugdzorg Oost",
    "Samenwerkingsverband VO Utrecht",
    "GGD Hollands Noorden",
    "Ministerie van OCW",
    "Raad voor de Kinderbescherming",
    "Hogeschool Leiden",
    "Veilig Thuis Gelderland",
    "Stichting Leerrecht",
    "Zorg- en Veiligheidshuis",
]


def _aware(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(*, scale, stdout):
    rng = random.Random(19)
    if not Subscriber.objects.filter(consent=Subscriber.Consent.DEMO).exists():
        _seed_subscribers(rng)
    if not Newsletter.objects.filter(subject__startswith="Nieuwsbrief januari 2025").exists():
        _seed_newsletters(rng)
    if not Newsletter.objects.filter(subject=DRAFT_SUBJECT).exists():
        _seed_draft()
    counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
    stdout.write(
        f"communications: {sum(counts.values())} addresses "
        f"({counts.get(Subscriber.Status.SUBSCRIBED, 0)} subscribed), "
        f"{Newsletter.objects.count()} newsletters"
    )


def _seed_subscribers(rng):
    taken = set(Subscriber.objects.values_list("email", flat=True))
    people = list(
        Person.objects.filter(erased_at__isnull=True, user__isnull=False)
        .exclude(email__in=taken)
        .values_list("pk", "email", "first_name", "last_name", "organisation_id")[:400]
    )
    organisations = list(Organisation.objects.values_list("pk", "name"))
    # Most of the list is older than 2025; it grows a little during 2025 and 2026.
    old, growth = datetime(2012, 1, 1), datetime(2025, 1, 1)
    rows = []

    def since():
        start, days = (old, 4748) if rng.random() < 0.93 else (growth, 638)
        return timezone.make_aware(start + timedelta(days=rng.randint(0, days), hours=9))

    for pk, email, first, last, organisation_id in people:
        rows.append(
            Subscriber(
                email=email.lower(),
                name=f"{first} {last}".strip(),
                person_id=pk,
                organisation_id=organisation_id,
                consent=Subscriber.Consent.DEMO,
            )
        )
    number = 0
    while len(rows) < LIST_SIZE:
        number += 1
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if rng.random() < 0.75 and organisations:
            organisation_id, organisation = rng.choice(organisations)
        else:
            organisation_id, organisation = None, rng.choice(OTHER_ORGANISATIONS)
        domain = slugify(organisation).replace("-", "")[:30] or "lezer"
        rows.append(
            Subscriber(
                email=f"{slugify(first)}.{slugify(last)}{number}@{domain}.example",
                name=f"{first} {last}",
                organisation_id=organisation_id,
                organisation_name="" if organisation_id else organisation,
                consent=Subscriber.Consent.DEMO,
            )
        )
    for subscriber in rows:
        moment = since()
        subscriber.consent_at = subscriber.subscribed_at = subscriber.created_at = moment
        draw = rng.random()
        if draw < 0.035:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = moment + timedelta(days=rng.randint(30, 600))
        elif draw < 0.04:
            subscriber.status = Subscriber.Status.PAUSED
            subscriber.hard_failures = 3
            subscriber.paused_at = moment + timedelta(days=rng.randint(30, 600))
        else:
            subscriber.status = Subscriber.Status.SUBSCRIBED
    Subscriber.objects.bulk_create(rows, batch_size=1000)


def _dates():
    """The twenty of 2025, and the two most recent of this year (the editor suggests topics
    since the last one)."""
    dates = [_aware(datetime(2025, month, day)) for month, day in DATES_2025]
    today = timezone.localdate()
    recent = [today - timedelta(weeks=weeks) for weeks in (5, 2)]
    return dates + [_aware(day) for day in recent if day.year > 2025]


def _section_texts():
    items = Item.objects.filter(published_at__isnull=False).order_by("pk")
    items = list(items.values_list("title", "slug")[:60])
    editions = list(Edition.objects.select_related("activity").order_by("pk")[:20])
    texts = [
        (
            title,
            "Nieuw of herzien in de kennisbank, naar aanleiding van vragen aan onze helpdesk.",
            absolute(reverse("knowledge:item_detail", args=[slug])),
            "Lees verder in de kennisbank",
        )
        for title, slug in items
    ]
    texts += [
        (
            edition.activity.title,
            "Meld je aan via de Ingrado Academie: er zijn nog plaatsen vrij.",
            absolute(reverse("academy:edition_detail", args=[edition.pk])),
            "Aanmelden in de Academie",
        )
        for edition in editions
    ]
    return texts or [
        ("Nieuws van het bureau", "Wat er speelde bij Ingrado.", absolute("/"), "Lees meer")
    ]


def _seed_newsletters(rng):
    subscribers = list(
        Subscriber.objects.order_by("pk").values_list(
            "pk", "subscribed_at", "unsubscribed_at", "paused_at"
        )
    )
    texts = _section_texts()
    for moment in _dates():
        newsletter = Newsletter.objects.create(
            subject=f"Nieuwsbrief {MONTHS[moment.month - 1]} {moment.year}"
            + (" (2)" if moment.day > 15 and moment.year == 2025 else ""),
            introduction="Het laatste nieuws over leerplicht, leerrecht en de Doorstroompunten.",
            status=Newsletter.Status.SENT,
            created_at=moment - timedelta(days=3),
            started_at=moment,
            finished_at=moment + timedelta(minutes=12),
        )
        chosen = rng.sample(texts, k=min(4, len(texts)))
        sections = Section.objects.bulk_create(
            [
                Section(
                    newsletter=newsletter,
                    order=order,
                    title=title,
                    text=text,
                    link_url=url,
                    link_label=label,
                )
                for order, (title, text, url, label) in enumerate(chosen)
            ]
        )
        recipients = [
            pk
            for pk, subscribed, unsubscribed, paused in subscribers
            if subscribed < moment
            and (unsubscribed is None or unsubscribed > moment)
            and (paused is None or paused > moment)
        ]
        delivered = sum(rng.random() >= 0.004 for _ in recipients)
        unique_opens = round(delivered * rng.uniform(0.27, 0.33))
        unique_clicks = round(delivered * rng.uniform(0.17, 0.23))
        newsletter.unique_opens = unique_opens
        newsletter.opens = round(unique_opens * rng.uniform(1.5, 1.9))
        newsletter.unique_clicks = unique_clicks
        newsletter.clicks = round(unique_clicks * rng.uniform(1.3, 1.6))
        newsletter.recipients = len(recipients)
        newsletter.delivered = delivered
        newsletter.failed = len(recipients) - delivered
        # Those who unsubscribed within a week of it: through its link, the demo supposes.
        newsletter.unsubscribes = sum(
            1
            for _pk, subscribed, unsubscribed, _paused in subscribers
            if subscribed < moment and unsubscribed and moment < unsubscribed <= moment + WEEK
        )
        newsletter.save(
            update_fields=[
                *("recipients", "delivered", "failed", "unsubscribes"),
                *("unique_opens", "opens", "unique_clicks", "clicks"),
            ]
        )
        weights = [rng.uniform(0.5, 1.5) for _ in sections]
        for section, weight in zip(sections, weights, strict=True):
            section.unique_clicks = round(unique_clicks * 1.3 * weight / sum(weights))
            section.clicks = round(section.unique_clicks * rng.uniform(1.1, 1.4))
        Section.objects.bulk_update(sections, ["clicks", "unique_clicks"])


def _seed_draft():
    newsletter = Newsletter.objects.create(
        subject=DRAFT_SUBJECT,
        introduction="Het jaar loopt ten einde. In deze nieuwsbrief: wat leden ons de afgelopen "
        "weken vroegen, en de cursussen van de Academie waar nog plaatsen vrij zijn.",
    )
    Section.objects.create(
        newsletter=newsletter,
        order=0,
        title="Van de directeur",
        text="Dank aan alle leden voor een jaar vol vragen, ideeën en samenwerking.",
    )
