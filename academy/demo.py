"""`seed_demo` for the Academie: a believable 2025 and 2026 programme (the 2025 figures of
the annual report), upcoming editions, the four years before 2025 with fewer editions, and
ten years with --scale large. Idempotent."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from ingrado.workdays import on_or_after
from members.models import Person

from .models import (
    Activity,
    Attendance,
    Certificate,
    Edition,
    Enrolment,
    Evaluation,
    Session,
)
from .services import price_for

K, A = Activity.Kind, Activity.Audience
LOCATIONS = [
    "Ingrado, Utrecht",
    "Vergadercentrum De Reehorst, Ede",
    "Stadhuis Zwolle",
    "Gemeentehuis Eindhoven",
    "",
]
# (title, kind, audience, KRSD points, member price, description)
ACTIVITIES = [
    (
        "Basistraining leerplicht",
        K.TRAINING,
        A.LEERPLICHT,
        12,
        795,
        "Voor nieuwe leerplichtambtenaren: de Leerplichtwet, vrijstellingen, verzuim en de "
        "Methodische aanpak schoolverzuim (MAS) in de praktijk.",
    ),
    (
        "Vierdaagse opleiding doorstroomcoach",
        K.TRAINING,
        A.DOORSTROOMPUNT,
        24,
        1450,
        "De opleiding voor doorstroomcoaches, met ethisch handelen als vaste module.",
    ),
    (
        "Ethisch handelen met het Moreel Kompas",
        K.WORKSHOP,
        A.EVERYONE,
        4,
        245,
        "Casuïstiek bespreken met het Moreel Kompas: onderbouwd handelen in dilemma's.",
    ),
    (
        "Methodische aanpak schoolverzuim (MAS)",
        K.TRAINING,
        A.LEERPLICHT,
        8,
        495,
        "De geactualiseerde MAS: van melding tot proces-verbaal, vanuit aanwezigheid.",
    ),
    (
        "Webinar vrijstelling 5 onder b",
        K.WEBINAR,
        A.LEERPLICHT,
        2,
        0,
        "Wat kun je doen bij een beroep op vrijstelling 5 onder b? Met de nieuwe handreiking.",
    ),
    (
        "Schoolaanwezigheidsteams: samen werken aan aanwezigheid",
        K.TRAINING,
        A.EVERYONE,
        8,
        595,
        "Training voor teams van school, leerplicht en zorg, op basis van het MTSS-raamwerk.",
    ),
    (
        "Gespreksvoering met ouders en jongeren",
        K.WORKSHOP,
        A.EVERYONE,
        4,
        275,
        "Motiverende gespreksvoering in het verzuimgesprek.",
    ),
    (
        "Wet politiegegevens in de praktijk",
        K.WEBINAR,
        A.LEERPLICHT,
        2,
        0,
        "Wat betekent de Wpg voor de boa-leerplichtambtenaar?",
    ),
    (
        "Leergang begeleiding beroepspraktijkvorming (BPV)",
        K.LEERGANG,
        A.DOORSTROOMPUNT,
        16,
        1250,
        "Drie bijeenkomsten over begeleiding van jongeren in de beroepspraktijkvorming.",
    ),
    (
        "Leidinggeven aan leerplicht en Doorstroompunt",
        K.WORKSHOP,
        A.MANAGERS,
        4,
        345,
        "Voor managers en coördinatoren: sturen op aanwezigheid en kwaliteit.",
    ),
    (
        "Webinar Wet van school naar duurzaam werk",
        K.WEBINAR,
        A.DOORSTROOMPUNT,
        2,
        0,
        "De uitbreiding van de doelgroep naar 23-27 jaar per 1 januari 2026.",
    ),
    (
        "Incompany training aanwezigheid",
        K.INCOMPANY,
        A.EVERYONE,
        6,
        2400,
        "Op maat voor een gemeente of regio, op locatie.",
    ),
]
# The 23 editions held in 2025: (activity index, month, day, sessions, enrolled, certificates).
# "Training van 12 schoolaanwezigheidsteams en certificering van 27 professionals": the
# certificates of 2025 go to those who completed the two Schoolaanwezigheidsteams trainings;
# the other activities register their participants' KRSD points.
EDITIONS_2025 = [
    (0, 1, 20, 2, 16, 0),
    (4, 1, 28, 1, 38, 0),
    (2, 2, 11, 1, 14, 0),
    (3, 2, 25, 1, 15, 0),
    (6, 3, 13, 1, 12, 0),
    (1, 3, 18, 4, 12, 0),
    (7, 4, 8, 1, 31, 0),
    (5, 4, 15, 2, 15, 13),
    (0, 5, 12, 2, 14, 0),
    (2, 5, 22, 1, 12, 0),
    (9, 6, 3, 1, 10, 0),
    (10, 6, 17, 1, 27, 0),
    (3, 9, 9, 1, 16, 0),
    (8, 9, 24, 3, 10, 0),
    (6, 10, 2, 1, 11, 0),
    (4, 10, 7, 1, 29, 0),
    (1, 10, 13, 4, 12, 0),
    (5, 10, 30, 2, 16, 14),
    (2, 11, 6, 1, 13, 0),
    (7, 11, 18, 1, 24, 0),
    (0, 11, 24, 2, 15, 0),
    (9, 12, 2, 1, 9, 0),
    (10, 12, 9, 1, 22, 0),
]
DISTINCT_PARTICIPANTS_2025 = 268  # "more than 250"; some came to more than one activity
CERTIFICATES_2025 = 27
COMMENTS = [
    "Heel praktisch, direct toepasbaar in mijn werk.",
    "Goede casuïstiek en een deskundige trainer.",
    "Fijn om ervaringen uit te wisselen met collega's uit andere regio's.",
    "Iets te veel stof voor één dag, maar zeer leerzaam.",
    "",
    "",
]


def seed_activities(project):
    activities = []
    for title, kind, audience, points, price, description in ACTIVITIES:
        activity, _ = Activity.objects.get_or_create(
            slug=slugify(title)[:200],
            defaults={
                "title": title,
                "kind": kind,
                "audience": audience,
                "krsd_points": points,
                "krsd_code": f"KRSD-{2400 + len(activities)}" if points else "",
                "price_member": Decimal(price),
                "price_non_member": Decimal(price) * Decimal("1.25"),
                "description": description,
                "project": project,
            },
        )
        activities.append(activity)
    return activities


def _edition(activity, first: date, sessions: int, capacity=16, rng=None):
    """An edition whose sessions, every two weeks from `first`, fall on working days (no
    weekends, no public holidays)."""
    first = on_or_after(first)
    edition = Edition.objects.create(
        activity=activity,
        capacity=capacity,
        enrolment_deadline=first - timedelta(days=7),
        cancellation_deadline=first - timedelta(days=14),
    )
    location = "" if activity.kind == K.WEBINAR else (rng or random).choice(LOCATIONS[:-1])
    Session.objects.bulk_create(
        [
            Session(
                edition=edition,
                date=on_or_after(first + timedelta(days=14 * n)),
                start_time=time(9, 30),
                end_time=time(16, 30) if activity.kind != K.WEBINAR else time(11, 0),
                location=location,
                online_link="https://webinar.ingrado.nl/live" if not location else "",
            )
            for n in range(sessions)
        ]
    )
    return edition


def _scores(rng, count):
    """Believable scores with an average of at least 8: mostly 8-10, now and then a 7."""
    scores = [rng.choice((7, 8, 8, 8, 9, 9, 9, 10, 10)) for _ in range(count)]
    while scores and sum(scores) < 8 * len(scores):
        scores[scores.index(min(scores))] += 1
    return scores


def _fill_past(edition, people, *, rng, evaluations=True, certificates=0, absent=0, issued_on=None):
    """Confirmed participants of an edition that took place: attendance (the last `absent`
    missed a session), evaluations by most of them, and `certificates` certificates for
    the first who attended every session."""
    sessions = list(edition.sessions.all())
    first = sessions[0].date
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                edition=edition,
                person=person,
                status=Enrolment.Status.CONFIRMED,
                price=price_for(person, edition.activity),
                created_at=_aware(first - timedelta(days=rng.randint(10, 60)), time(10, 0)),
            )
            for person in people
        ]
    )
    complete = enrolments[: len(enrolments) - absent]
    Attendance.objects.bulk_create(
        [
            Attendance(
                enrolment=e,
                session=s,
                present=e in complete or number != len(sessions) - 1,
            )
            for e in enrolments
            for number, s in enumerate(sessions)
        ]
    )
    if evaluations:
        evaluated = enrolments[: max(1, round(len(enrolments) * 0.85))]
        Evaluation.objects.bulk_create(
            [
                Evaluation(
                    enrolment=e,
                    score=score,
                    comments=rng.choice(COMMENTS),
                    created_at=_aware(sessions[-1].date + timedelta(days=1), time(9, 0)),
                )
                for e, score in zip(evaluated, _scores(rng, len(evaluated)), strict=True)
            ]
        )
    issued = _aware(on_or_after(issued_on or sessions[-1].date + timedelta(days=3)), time(17, 0))
    assert certificates <= len(complete)
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e, state=Certificate.State.READY, issued_at=issued, announced_at=issued
            )
            for e in complete[:certificates]
        ]
    )
    return enrolments


def _aware(day: date, at: time):
    return timezone.make_aware(datetime.combine(day, at))


def seed_2025(activities, people, rng):
    pool = list(people[:DISTINCT_PARTICIPANTS_2025])
    rng.shuffle(pool)
    cursor = 0
    for index, month, day, sessions, count, certificates in EDITIONS_2025:
        capacity = 100 if activities[index].kind == K.WEBINAR else max(16, count)
        edition = _edition(
            activities[index], date(2025, month, day), sessions, capacity=capacity, rng=rng
        )
        # Go round the pool: everyone takes part at least once, some twice.
        chosen = [pool[(cursor + n) % len(pool)] for n in range(count)]
        cursor += count
        absent = count - certificates if certificates else 0
        _fill_past(edition, chosen, rng=rng, certificates=certificates, absent=absent)


def seed_2026(activities, people, accounts, rng):
    today = timezone.localdate()
    pool = list(people)
    rng.shuffle(pool)
    # Past editions this year, one of them with lid@example.org's certificate.
    for number, (index, month) in enumerate(
        [(0, 1), (3, 2), (6, 3), (1, 3), (2, 4), (5, 5), (4, 6), (8, 9), (9, 10)]
    ):
        first = on_or_after(date(2026, month, 10 + number))
        if first >= today:
            continue
        edition = _edition(activities[index], first, 1 if index not in (1, 8) else 2, rng=rng)
        chosen = pool[number * 10 : (number + 1) * 10]
        if number == 0:
            chosen = [accounts["lid@example.org"], *chosen[:9]]
            enrolments = _fill_past(edition, chosen, rng=rng, evaluations=False, certificates=3)
            # Colleagues evaluated; lid@example.org still has to, to download the certificate.
            Evaluation.objects.bulk_create(
                [Evaluation(enrolment=e, score=9) for e in enrolments[1:]]
            )
        else:
            _fill_past(edition, chosen, rng=rng, certificates=2 if index in (0, 1, 3) else 0)
    # Upcoming editions with free places, and one full with a waiting list.
    upcoming = [
        (0, 20, 16),
        (2, 27, 20),
        (4, 34, 100),
        (3, 41, 16),
        (9, 48, 12),
        (5, 55, 16),
        (8, 62, 14),
        (11, 70, 20),
    ]
    for number, (index, days_ahead, capacity) in enumerate(upcoming):
        edition = _edition(
            activities[index],
            today + timedelta(days=days_ahead),
            3 if index == 8 else 1,
            capacity=capacity,
            rng=rng,
        )
        enrolled = pool[100 + number * 5 : 100 + number * 5 + 4]
        if number == 0:
            enrolled = [accounts["lid@example.org"], *enrolled]
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    edition=edition,
                    person=p,
                    status=Enrolment.Status.CONFIRMED,
                    price=edition.activity.price_member,
                )
                for p in enrolled
            ]
        )
    full = _edition(activities[6], today + timedelta(days=24), 1, capacity=10, rng=rng)
    base = timezone.now() - timedelta(days=3)
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                edition=full,
                person=p,
                status=Enrolment.Status.CONFIRMED,
                price=full.activity.price_member,
                created_at=base + timedelta(minutes=i),
            )
            for i, p in enumerate(pool[160:170])
        ]
        + [
            Enrolment(
                edition=full,
                person=p,
                status=Enrolment.Status.WAITLISTED,
                price=full.activity.price_member,
                created_at=base + timedelta(hours=5, minutes=i),
            )
            for i, p in enumerate([accounts["lid2@example.org"], *pool[170:172]])
        ]
    )


def seed_history(activities, people, rng, *, editions_per_year=None, per_edition=42):
    """Earlier years: by default nine (2016-2024), with 2025 and 2026 ten years and more:
    about 600 editions and 25,000 enrolments, with attendance, evaluations and certificates
    for the opleidingen and leergangen. Bulk inserts only; certificates' PDFs follow on
    download. `editions_per_year` ({year: editions}) seeds other years, and fewer."""
    editions_per_year = editions_per_year or LARGE_HISTORY
    editions = []
    for year, count in editions_per_year.items():
        step = max(5, 330 // count)
        for number in range(count):
            activity = activities[number % len(activities)]
            first = on_or_after(date(year, 1, 10) + timedelta(days=(number * step) % 330))
            editions.append(
                (
                    Edition(
                        activity=activity,
                        capacity=45,
                        enrolment_deadline=first - timedelta(days=7),
                        cancellation_deadline=first - timedelta(days=14),
                        created_at=_aware(first - timedelta(days=90), time(9, 0)),
                    ),
                    first,
                )
            )
    created = Edition.objects.bulk_create([e for e, _first in editions], batch_size=1000)
    sessions, enrolments = [], []
    for edition, (_e, first) in zip(created, editions, strict=True):
        sessions.append(
            Session(
                edition=edition,
                date=first,
                start_time=time(9, 30),
                end_time=time(16, 0),
                location=LOCATIONS[edition.pk % 4],
            )
        )
        for person in rng.sample(people, per_edition):
            enrolments.append(
                Enrolment(
                    edition=edition,
                    person=person,
                    status=Enrolment.Status.CONFIRMED,
                    price=price_for(person, edition.activity),
                    created_at=_aware(first - timedelta(days=30), time(10, 0)),
                )
            )
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    session_of = {s.edition_id: s for s in sessions}
    date_of = {e.pk: first for e, (_e, first) in zip(created, editions, strict=True)}
    saved = Enrolment.objects.bulk_create(enrolments, batch_size=5000)
    Attendance.objects.bulk_create(
        [
            Attendance(enrolment=e, session=session_of[e.edition_id], present=n % 15 != 0)
            for n, e in enumerate(saved)
        ],
        batch_size=5000,
    )
    evaluated = saved[::2]
    Evaluation.objects.bulk_create(
        [
            Evaluation(enrolment=e, score=score)
            for e, score in zip(evaluated, _scores(rng, len(evaluated)), strict=True)
        ],
        batch_size=5000,
    )
    certified_kinds = {K.TRAINING, K.LEERGANG}
    certified = [
        (e, _aware(on_or_after(date_of[e.edition_id] + timedelta(days=3)), time(17, 0)))
        for n, e in enumerate(saved)
        if e.edition.activity.kind in certified_kinds and n % 15 != 0 and n % 4 == 0
    ]
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e, state=Certificate.State.READY, issued_at=issued, announced_at=issued
            )
            for e, issued in certified
        ],
        batch_size=5000,
    )


# Editions of the years before 2025, so the annual report can set 2025 beside them: four
# years by default, nine with --scale large.
HISTORY = {2021: 10, 2022: 12, 2023: 14, 2024: 16}
LARGE_HISTORY = dict.fromkeys(range(2016, 2025), 65)


def seed(*, scale, stdout):
    rng = random.Random(2025)
    from programmes.models import Project

    project = Project.objects.filter(name="Academie").first()
    activities = seed_activities(project)
    people = list(
        Person.objects.filter(user__isnull=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")
    )
    if not Edition.objects.filter(sessions__date__year=2025).exists():
        accounts = {
            p.email: p
            for p in Person.objects.filter(email__in=["lid@example.org", "lid2@example.org"])
        }
        seed_2025(activities, people[:300], rng)
        seed_2026(activities, people[300:], accounts, rng)
    history = LARGE_HISTORY if scale == "large" else HISTORY
    missing = {
        year: count
        for year, count in history.items()
        if not Edition.objects.filter(sessions__date__year=year).exists()
    }
    if missing:
        seed_history(
            activities,
            people,
            rng,
            editions_per_year=missing,
            per_edition=42 if scale == "large" else 14,
        )
    stdout.write(
        f"academy: {Activity.objects.count()} activities, {Edition.objects.count()} editions, "
        f"{Enrolment.objects.count()} enrolments"
    )
