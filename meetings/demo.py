"""`seed_demo` for the meetings: 2025 as the jaarverslag tells it (the two ALVs with their
werkconferenties on 16 april and 30 september, the rayondagen of Midden on 20 maart and
Zuid-Oost on 6 november, the kick-off of the rayon contact persons, thirteen Doorstroompunt
regions visited, a member consultation), the spring of 2026, and today's ALV: open for
registration, with its werkconferentie in the morning, an agenda, documents, delegates,
proxies and a secret vote to try. Idempotent: each part is made once."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from members.models import Organisation, Person, Rayon
from members.services import audit_log

from . import services
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
    PlaceStatus,
    ProgrammeItem,
    Proxy,
    Registration,
    Workshop,
    WorkshopPlace,
)

K = Meeting.Kind
REEHORST = "Vergadercentrum De Reehorst, Ede"
PARTNERS = ["VNG", "Divosa", "MBO Raad", "SBB", "Nederlands Jeugdinstituut"]
# The thirteen Doorstroompunt regions visited in 2025 ("Dertien Doorstroompunt-regio's
# bezocht om te adviseren over de ontwikkeling van regionale programma's").
VISITED_2025 = [
    ("Twente", date(2025, 2, 11)),
    ("Rijnmond", date(2025, 3, 4)),
    ("Zuid-Limburg", date(2025, 3, 25)),
    ("Groningen", date(2025, 4, 8)),
    ("Utrecht", date(2025, 5, 13)),
    ("Haaglanden", date(2025, 5, 27)),
    ("West-Brabant", date(2025, 6, 10)),
    ("Flevoland", date(2025, 6, 24)),
    ("Amsterdam-Diemen", date(2025, 9, 9)),
    ("Achterhoek", date(2025, 9, 23)),
    ("Zeeland", date(2025, 10, 14)),
    ("Midden-Brabant", date(2025, 11, 4)),
    ("Drenthe", date(2025, 11, 25)),
]
WORKSHOPS = [
    (1, "Van verzuim naar aanwezigheid: de schoolaanwezigheidsteams", "Team Aanwezigheid"),
    (1, "De Wet van school naar duurzaam werk in de praktijk", "Programma Vind je plek"),
    (1, "Ethisch handelen met het Moreel Kompas", "Trainers Moreel Kompas"),
    (2, "Vrijstelling 5 onder b: de nieuwe handreiking", "Juridisch adviseur Ingrado"),
    (2, "Regionale programma's voor het Doorstroompunt", "Programma Vind je plek"),
    (2, "Data duiden: de leerplichttelling", "Team Kennis"),
]
COMMENTS = [
    "Goed georganiseerd en nuttig om collega's uit het land te spreken.",
    "De workshops waren praktisch; meer tijd voor uitwisseling graag.",
    "Heldere stukken vooraf, vlotte vergadering.",
    "",
    "",
]


def _aware(day: date, at: time):
    return timezone.make_aware(datetime.combine(day, at))


def _meeting(**fields) -> Meeting:
    meeting = services.new_meeting(status=Meeting.Status.PUBLISHED, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


def _register(meeting, people, *, rng, present=0.9, evaluated=0.6, created_days=30, low=6):
    """Confirmed registrations of `people` (organisation and rayon of that day), most of
    them checked in, some of those with an evaluation. Returns the registrations."""
    registrations = [
        Registration(
            meeting=meeting,
            person=person,
            status=PlaceStatus.CONFIRMED,
            organisation=person.organisation,
            rayon_id=person.organisation.rayon_id if person.organisation else None,
            organisation_kind=person.organisation.kind if person.organisation else "",
            was_member=bool(
                person.organisation and person.organisation.is_active_member(meeting.date)
            ),
            created_at=_aware(meeting.date - timedelta(days=rng.randint(5, created_days)), time(9)),
            checked_in_at=(
                _aware(meeting.date, meeting.start_time) - timedelta(minutes=rng.randint(0, 25))
                if rng.random() < present
                else None
            ),
        )
        for person in people
    ]
    registrations = Registration.objects.bulk_create(registrations)
    attended = [r for r in registrations if r.checked_in_at]
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                registration=r,
                score=rng.choice([low, 7, 7, 8, 8, 8, 8, 9, 9, 10]),
                comments=rng.choice(COMMENTS),
                created_at=_aware(meeting.date + timedelta(days=1), time(10)),
            )
            for r in attended
            if rng.random() < evaluated
        ]
    )
    return registrations


def _people(rng):
    people = list(
        Person.objects.filter(
            user__isnull=True, erased_at__isnull=True, organisation__member_since__isnull=False
        )
        .select_related("organisation")
        .order_by("pk")
    )
    rng.shuffle(people)
    return people


def _partner_people():
    people = []
    for name in PARTNERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.PARTNER}
        )
        for number, first in enumerate(["Eva", "Koen"]):
            person, _ = Person.objects.get_or_create(
                email=f"{first.lower()}.partner{number}@{name.lower().replace(' ', '')}.example",
                defaults={
                    "first_name": first,
                    "last_name": f"van {name}",
                    "organisation": organisation,
                    "function": Person.Function.POLICY,
                    "is_external": True,
                },
            )
            person.organisation = organisation
            people.append(person)
    return people


def _delegates(meeting, people, count, rng):
    """`count` member organisations of the meeting's day, each with a delegate named: [(org,
    person)]."""
    chosen = _delegates_of(people, meeting, count)
    Delegate.objects.bulk_create(
        [
            Delegate(
                meeting=meeting,
                organisation=organisation,
                person=person,
                named_at=_aware(meeting.date - timedelta(days=rng.randint(7, 30)), time(11)),
            )
            for organisation, person in chosen
        ]
    )
    return chosen


def _decide(meeting, title, counts, *, secret=False, majority="simple", year_plan_year=None):
    """A decision closed with the counts (for, against, abstain): named ballots for an open
    vote, counts only for a secret one, as `services.vote_cast` leaves them."""
    decision = Decision.objects.create(
        meeting=meeting,
        title=title,
        order=meeting.decisions.count(),
        majority=majority,
        is_secret=secret,
        year_plan_year=year_plan_year,
        state=Decision.State.CLOSED,
        opened_at=_aware(meeting.date, meeting.start_time) + timedelta(minutes=30),
        closed_at=_aware(meeting.date, meeting.start_time) + timedelta(minutes=40),
        tally_for=counts[0],
        tally_against=counts[1],
        tally_abstain=counts[2],
    )
    voters = list(meeting.delegates.select_related("person").order_by("pk"))
    choices = ["for"] * counts[0] + ["against"] * counts[1] + ["abstain"] * counts[2]
    Ballot.objects.bulk_create(
        [
            Ballot(
                decision=decision,
                organisation_id=delegate.organisation_id,
                cast_by=delegate.person,
                choice="" if secret else choice,
                cast_at=decision.opened_at + timedelta(seconds=20 + index),
            )
            for index, (delegate, choice) in enumerate(zip(voters, choices, strict=False))
        ]
    )
    from . import selectors

    decision.adopted = selectors.decision_result(decision).adopted
    decision.save(update_fields=["adopted"])
    return decision


def _alv_with_werkconferentie(day, people, partners, rng, *, delegates, extra, werk):
    alv = _meeting(
        kind=K.ALV,
        title=f"Algemene ledenvergadering {_day_month_year(day)}",
        description="De algemene ledenvergadering van Ingrado, met aansluitend de werkconferentie.",
        date=day,
        start_time=time(13, 30),
        end_time=time(16, 0),
        location=REEHORST,
        audience=Meeting.Audience.MEMBERS,
        registration_deadline=day - timedelta(days=7),
        cancellation_deadline=day - timedelta(days=7),
    )
    chosen = _delegates(alv, people, delegates, rng)
    voters = [person for _org, person in chosen]
    others = [p for p in people if p not in voters][:extra]
    _register(alv, voters + others, rng=rng, present=1.0, evaluated=0.0)
    werkconferentie = _meeting(
        kind=K.WERKCONFERENTIE,
        title=f"Werkconferentie {_day_month_year(day)}",
        description="Werkconferentie voor leden en samenwerkingspartners: twee workshoprondes.",
        alv=alv,
        date=day,
        start_time=time(9, 30),
        end_time=time(12, 45),
        location=REEHORST,
        audience=Meeting.Audience.PARTNERS,
        capacity=220,
        registration_deadline=day - timedelta(days=7),
        cancellation_deadline=day - timedelta(days=7),
        krsd_points=3,
        krsd_code=f"KRSD-WC-{day:%Y%m}",
    )
    workshops = Workshop.objects.bulk_create(
        [
            Workshop(meeting=werkconferentie, round=r, title=t, speaker=s, capacity=45)
            for r, t, s in WORKSHOPS
        ]
    )
    registrations = _register(
        werkconferentie, people[200 : 200 + werk] + partners, rng=rng, present=0.92
    )
    places = []
    for number, registration in enumerate(registrations):
        for round_ in (1, 2):
            options = [w for w in workshops if w.round == round_]
            places.append(
                WorkshopPlace(
                    workshop=options[(number + round_) % 3],
                    registration=registration,
                    round=round_,
                    status=PlaceStatus.CONFIRMED,
                    created_at=registration.created_at,
                )
            )
    WorkshopPlace.objects.bulk_create(places)
    return alv


def _day_month_year(day: date) -> str:
    """ "16 april 2025": in Dutch, for the demo's titles."""
    from django.utils import formats, translation

    with translation.override("nl"):
        return formats.date_format(day, "j F Y")


def seed_2025(rng):
    people = _people(rng)
    partners = _partner_people()
    rayons = {r.name: r for r in Rayon.objects.all()}
    contacts = list(
        Person.objects.filter(rayon_contact_for__isnull=False, erased_at__isnull=True)
        .select_related("organisation")
        .order_by("pk")
    )
    kickoff = _meeting(
        kind=K.RAYON_CONTACTS,
        title="Kick-off voor de rayoncontactpersonen",
        description="Landelijke start van het jaar met de rayoncontactpersonen: hun rol in het "
        "rayon en de plannen voor de rayondagen.",
        date=date(2025, 2, 4),
        start_time=time(10),
        end_time=time(15),
        location="Ingrado, Utrecht",
        audience=Meeting.Audience.RAYON_CONTACTS,
    )
    _register(kickoff, contacts[:40], rng=rng, present=0.95)
    for rayon, day, place in [
        ("Midden", date(2025, 3, 20), "Stadhuis Amersfoort"),
        ("Zuid-Oost", date(2025, 11, 6), "Gemeentehuis Eindhoven"),
    ]:
        rayondag = _meeting(
            kind=K.RAYONDAG,
            title=f"Rayondag {rayon}",
            description="Kennisdeling en uitwisseling voor leerplicht en het Doorstroompunt in "
            "het rayon, georganiseerd met de rayoncontactpersonen.",
            rayon=rayons[rayon],
            date=day,
            start_time=time(9, 30),
            end_time=time(15, 30),
            location=place,
            audience=Meeting.Audience.PARTNERS,
            capacity=80,
            krsd_points=4,
        )
        local = [p for p in people if p.organisation.rayon_id == rayons[rayon].pk]
        _register(rayondag, local[:48] + partners[:2], rng=rng, present=0.9)
    regions = {o.name: o for o in Organisation.objects.filter(kind=Organisation.Kind.REGION)}
    for name, day in VISITED_2025:
        region = regions.get(f"Doorstroompunt {name}")
        if region is None:
            continue
        _meeting(
            kind=K.VISIT,
            title=f"Bezoek Doorstroompunt {name}",
            description="Advies over de ontwikkeling van het regionale programma.",
            region=region,
            rayon=region.rayon,
            date=day,
            start_time=time(10),
            end_time=time(12, 30),
            location=region.city or name,
            audience=Meeting.Audience.MEMBERS,
        )
    spring = _alv_with_werkconferentie(
        date(2025, 4, 16), people, partners, rng, delegates=61, extra=22, werk=150
    )
    _decide(spring, "Jaarverslag en jaarrekening 2024 vaststellen", (59, 0, 2))
    _decide(spring, "Decharge van het bestuur over 2024", (58, 1, 2))
    _decide(spring, "Benoeming bestuurder", (52, 6, 3), secret=True)
    autumn = _alv_with_werkconferentie(
        date(2025, 9, 30),
        people[300:] + people[:300],
        partners,
        rng,
        delegates=61,
        extra=25,
        werk=165,
    )
    holders = list(autumn.delegates.order_by("pk").values_list("organisation_id", flat=True))
    Proxy.objects.bulk_create(
        [
            Proxy(
                meeting=autumn,
                grantor_id=grantor,
                holder_id=holder,
                granted_at=_aware(autumn.date - timedelta(days=3), time(12)),
            )
            for grantor, holder in zip(
                _organisations_without_delegate(autumn)[:3], holders, strict=False
            )
        ]
    )
    jaarplan = _decide(autumn, "Jaarplan 2026 vaststellen", (58, 2, 1), year_plan_year=2026)
    _decide(autumn, "Begroting 2026 vaststellen", (57, 2, 2))
    _decide(autumn, "Contributie 2026", (55, 4, 2))
    from programmes import services as programmes

    programmes.year_plans_adopt(
        year=jaarplan.year_plan_year, adopted_on=autumn.date, adopted_by="de ALV", actor=None
    )
    _consultation_2025(people, rng)


def _organisations_without_delegate(meeting):
    return list(
        Organisation.objects.active_members(on=meeting.date)
        .exclude(pk__in=meeting.delegates.values("organisation_id"))
        .order_by("name")
        .values_list("pk", flat=True)
    )


def _consultation_2025(people, rng):
    consultation = _meeting(
        kind=K.CONSULTATION,
        title="Ledenraadpleging Wet van school naar duurzaam werk",
        description="Hoe bereiden de Doorstroompunten zich voor op de uitbreiding van de "
        "doelgroep tot 27 jaar?",
        date=date(2025, 6, 2),
        start_time=time(9),
        end_time=time(17),
        audience=Meeting.Audience.MEMBERS,
        answers_until=_aware(date(2025, 6, 30), time(23, 59)),
    )
    ready, support = ConsultationQuestion.objects.bulk_create(
        [
            ConsultationQuestion(
                meeting=consultation,
                text="Is je organisatie klaar voor de Wet van school naar duurzaam werk?",
                options="Ja\nGrotendeels\nNog niet",
                order=0,
            ),
            ConsultationQuestion(
                meeting=consultation,
                text="Welke ondersteuning van Ingrado helpt het meest?",
                options="Webinars\nRegiobezoeken\nHandreikingen",
                order=1,
            ),
        ]
    )
    seen, responses = set(), []
    for person in people:
        if person.organisation_id in seen or len(responses) == 70:
            continue
        seen.add(person.organisation_id)
        responses.append(
            ConsultationResponse(
                meeting=consultation,
                person=person,
                organisation=person.organisation,
                rayon_id=person.organisation.rayon_id,
                organisation_kind=person.organisation.kind,
                submitted_at=_aware(date(2025, 6, rng.randint(3, 29)), time(14)),
            )
        )
    responses = ConsultationResponse.objects.bulk_create(responses)
    ConsultationAnswer.objects.bulk_create(
        [
            ConsultationAnswer(response=r, question=q, value=rng.choice(q.option_list()))
            for r in responses
            for q in (ready, support)
        ]
    )


def seed_2026(rng):
    people = _people(rng)
    partners = _partner_people()
    spring = _alv_with_werkconferentie(
        date(2026, 4, 15),
        people[100:] + people[:100],
        partners,
        rng,
        delegates=57,
        extra=18,
        werk=140,
    )
    _decide(spring, "Jaarverslag en jaarrekening 2025 vaststellen", (56, 0, 1))
    rayons = {r.name: r for r in Rayon.objects.all()}
    for rayon, day in [("Noord", date(2026, 3, 19)), ("Noord-West", date(2026, 10, 8))]:
        rayondag = _meeting(
            kind=K.RAYONDAG,
            title=f"Rayondag {rayon}",
            rayon=rayons[rayon],
            date=day,
            start_time=time(9, 30),
            end_time=time(15, 30),
            location="Provinciehuis",
            audience=Meeting.Audience.PARTNERS,
            capacity=80,
        )
        local = [p for p in people if p.organisation.rayon_id == rayons[rayon].pk]
        _register(rayondag, local[:40], rng=rng, present=0.88)


def _pdf(title: str, lines: list[str]) -> bytes:
    from weasyprint import HTML

    items = "".join(f"<li>{line}</li>" for line in lines)
    return HTML(
        string=f'<html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><ol>{items}</ol></body></html>"
    ).write_pdf()


def seed_today(rng, accounts):
    """Today's ALV: open for registration (until the day itself), the werkconferentie in
    the morning, an agenda and documents, delegates (lid@example.org for Gemeente
    Amersfoort, named by manager@example.org), proxies (one to Amersfoort) and a secret vote
    open to try. Some delegates have checked in already."""
    today = timezone.localdate()
    people = _people(rng)
    alv = _meeting(
        kind=K.ALV,
        title="Algemene ledenvergadering",
        description="De algemene ledenvergadering van Ingrado: jaarplan en begroting 2027, en "
        "de benoeming van een bestuurder (geheime stemming).",
        date=today,
        start_time=time(13, 30),
        end_time=time(16, 30),
        location=REEHORST,
        audience=Meeting.Audience.MEMBERS,
    )
    werk = _meeting(
        kind=K.WERKCONFERENTIE,
        title="Werkconferentie",
        description="Twee workshoprondes voor leden en samenwerkingspartners.",
        alv=alv,
        date=today,
        start_time=time(9, 30),
        end_time=time(12, 45),
        location=REEHORST,
        audience=Meeting.Audience.PARTNERS,
        capacity=120,
        krsd_points=3,
    )
    Workshop.objects.bulk_create(
        [
            Workshop(meeting=werk, round=r, title=t, speaker=s, capacity=2 if n == 0 else 40)
            for n, (r, t, s) in enumerate(WORKSHOPS)
        ]
    )
    ProgrammeItem.objects.bulk_create(
        [
            ProgrammeItem(meeting=alv, order=n, start_time=start, title=title, speaker=speaker)
            for n, (start, title, speaker) in enumerate(
                [
                    (time(13, 30), "Opening en mededelingen", "Voorzitter"),
                    (time(13, 40), "Verslag van de ALV van 15 april 2026", ""),
                    (time(13, 50), "Jaarplan 2027 vaststellen", "Directeur"),
                    (time(14, 20), "Begroting 2027 vaststellen", "Penningmeester"),
                    (time(14, 50), "Benoeming bestuurder (geheime stemming)", "Voorzitter"),
                    (time(15, 20), "Rondvraag en sluiting", ""),
                ]
            )
        ]
    )
    for title, lines, draft in [
        ("Agenda", [item.title for item in alv.items.all()], False),
        ("Jaarplan 2027", ["Versterk de basis", "Vind je plek", "Verbonden vereniging"], False),
        ("Begroting 2027 (werkversie)", ["Baten", "Lasten", "Reserves"], True),
    ]:
        document = Document(
            meeting=alv,
            title=title,
            original_name=title.lower().replace(" ", "-").replace("(", "").replace(")", "")
            + ".pdf",
            content_type="application/pdf",
            is_draft=draft,
        )
        content = _pdf(title, lines)
        document.size = len(content)
        document.file.save("document", ContentFile(content), save=False)
        document.save()
    amersfoort = accounts["lid@example.org"].organisation
    manager = accounts["manager@example.org"]
    delegates = [(amersfoort, accounts["lid@example.org"])] + [
        pair for pair in _delegates_of(people, alv, 45) if pair[0] != amersfoort
    ][:44]
    Delegate.objects.bulk_create(
        [
            Delegate(meeting=alv, organisation=org, person=person, named_by=manager.user)
            for org, person in delegates
        ]
    )
    for _org, person in delegates[1:31]:  # thirty delegates are in already
        services.check_in(meeting=alv, person=person, actor=None, by_staff=True)
    Registration.objects.create(
        meeting=alv,
        person=accounts["lid@example.org"],
        status=PlaceStatus.CONFIRMED,
        organisation=amersfoort,
        rayon_id=amersfoort.rayon_id,
        organisation_kind=amersfoort.kind,
        was_member=True,
    )
    zwolle = accounts["lid2@example.org"].organisation
    for grantor, holder in [(zwolle, amersfoort), *_pairs(alv, delegates)]:
        proxy = Proxy.objects.create(meeting=alv, grantor=grantor, holder=holder)
        audit_log(
            actor=None,
            action="meetings.proxy_grant",
            obj=proxy,
            grantor=grantor.pk,
            holder=holder.pk,
        )
    decisions = [
        services.decision_save(
            meeting=alv, actor=None, title="Jaarplan 2027 vaststellen", year_plan_year=2027
        ),
        services.decision_save(meeting=alv, actor=None, title="Begroting 2027 vaststellen"),
        services.decision_save(
            meeting=alv,
            actor=None,
            title="Benoeming bestuurder: Petra Hoekstra",
            description="Het bestuur draagt Petra Hoekstra voor als bestuurder.",
            is_secret=True,
        ),
    ]
    services.decision_open(decision=decisions[2], actor=None)
    _register_upcoming(rng, people)


def _delegates_of(people, meeting, count):
    seen, pairs = set(), []
    for person in people:
        organisation = person.organisation
        if organisation.pk in seen or not organisation.is_active_member(meeting.date):
            continue
        if organisation.kind == Organisation.Kind.PARTNER:
            continue
        seen.add(organisation.pk)
        pairs.append((organisation, person))
        if len(pairs) == count:
            break
    return pairs


def _pairs(meeting, delegates):
    """Two proxies between organisations without a delegate and two present delegates."""
    without = list(
        Organisation.objects.active_members(on=meeting.date)
        .exclude(pk__in=[org.pk for org, _p in delegates])
        .order_by("name")[:2]
    )
    return [(grantor, delegates[2 + n][0]) for n, grantor in enumerate(without)]


def _register_upcoming(rng, people):
    today = timezone.localdate()
    rayons = {r.name: r for r in Rayon.objects.all()}
    from ingrado.workdays import on_or_after

    oost = _meeting(
        kind=K.RAYONDAG,
        title="Rayondag Oost",
        rayon=rayons["Oost"],
        date=on_or_after(today + timedelta(days=45)),
        start_time=time(9, 30),
        end_time=time(15, 30),
        location="Stadhuis Zwolle",
        audience=Meeting.Audience.PARTNERS,
        capacity=60,
        krsd_points=4,
    )
    ProgrammeItem.objects.bulk_create(
        [
            ProgrammeItem(meeting=oost, order=0, start_time=time(9, 30), title="Ontvangst"),
            ProgrammeItem(
                meeting=oost, order=1, start_time=time(10), title="Aanwezigheid centraal"
            ),
        ]
    )
    theme = _meeting(
        kind=K.REGIONAL,
        title="Themabijeenkomst thuiszitters",
        description="Regionale bijeenkomst over thuiszitters en passend onderwijs.",
        date=on_or_after(today + timedelta(days=20)),
        start_time=time(13),
        end_time=time(16),
        location="Gemeentehuis Eindhoven",
        audience=Meeting.Audience.PARTNERS,
        capacity=12,
        # A paid meeting: registering asks whom to invoice (billing's demo invoices it).
        price_member=Decimal("35.00"),
        price_non_member=Decimal("70.00"),
    )
    for person in people[:12]:
        Registration.objects.create(
            meeting=theme,
            person=person,
            status=PlaceStatus.CONFIRMED,
            organisation=person.organisation,
            rayon_id=person.organisation.rayon_id,
            organisation_kind=person.organisation.kind,
            was_member=True,
            price=theme.price_member,
        )
    for number, person in enumerate(people[12:15]):
        Registration.objects.create(
            meeting=theme,
            person=person,
            status=PlaceStatus.WAITLISTED,
            organisation=person.organisation,
            rayon_id=person.organisation.rayon_id,
            organisation_kind=person.organisation.kind,
            was_member=True,
            price=theme.price_member,
            created_at=timezone.now() + timedelta(minutes=number),
        )
    consultation = _meeting(
        kind=K.CONSULTATION,
        title="Ledenraadpleging tussenevaluatie strategisch plan",
        description="Halverwege het strategisch plan 2025-2030: wat vinden de leden?",
        date=today,
        start_time=time(9),
        end_time=time(17),
        audience=Meeting.Audience.MEMBERS,
        answers_until=_aware(today + timedelta(days=21), time(23, 59)),
    )
    ConsultationQuestion.objects.bulk_create(
        [
            ConsultationQuestion(
                meeting=consultation,
                text="Hoe tevreden is je organisatie over de ondersteuning door Ingrado?",
                kind=ConsultationQuestion.Kind.SCALE,
                order=0,
            ),
            ConsultationQuestion(
                meeting=consultation,
                text="Welk speerpunt verdient de meeste aandacht?",
                options="Versterk de basis\nVind je plek\nVerbonden vereniging",
                order=1,
            ),
            ConsultationQuestion(
                meeting=consultation,
                text="Wat wil je Ingrado meegeven?",
                kind=ConsultationQuestion.Kind.TEXT,
                order=2,
            ),
        ]
    )


def seed(*, scale, stdout):
    rng = random.Random(2025)
    if not Meeting.objects.filter(date__year=2025, kind=K.ALV).exists():
        seed_2025(rng)
    if not Meeting.objects.filter(date__year=2026, kind=K.ALV, date__month=4).exists():
        seed_2026(rng)
    accounts = {
        p.email: p
        for p in Person.objects.select_related("organisation", "user").filter(
            email__in=["lid@example.org", "lid2@example.org", "manager@example.org"]
        )
    }
    coming = Meeting.objects.filter(kind=K.ALV, date__gte=timezone.localdate())
    if len(accounts) == 3 and not coming.exists():
        seed_today(rng, accounts)
    stdout.write(
        f"meetings: {Meeting.objects.count()} meetings, "
        f"{Registration.objects.count()} registrations, {Decision.objects.count()} decisions"
    )
