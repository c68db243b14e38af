"""`seed_demo` for members: rayons, regions, municipalities, people and demo accounts.

Idempotent: every object is keyed on a natural key, so running it twice
changes nothing.
"""

import itertools
import random
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from . import roles
from .demo_data import (
    BES_ISLANDS,
    FIRST_NAMES,
    LAST_NAMES,
    NAME_ENDINGS,
    NAME_STEMS,
    PARTNERS,
    RAYONS,
    REGIONS,
)
from .models import EmailDomain, Organisation, Person, Rayon, User

DEMO_PASSWORD = "Ingrado-demo-2026"
NORMAL_ORGANISATIONS = 180
LARGE_ORGANISATIONS = 380
LARGE_PEOPLE = 6000

Function = Person.Function


def _domain(name: str) -> str:
    return slugify(name.replace("'s-", "s").replace("ú", "u")).replace("-", "") + ".nl"


def _organisation(name, kind, rayon, *, domain=None, since=date(2007, 1, 1), **extra):
    organisation, _ = Organisation.objects.update_or_create(
        name=name,
        defaults={"kind": kind, "rayon": rayon, "member_since": since, **extra},
    )
    if domain:
        EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": organisation})
    return organisation


def seed_organisations(rng: random.Random) -> dict[str, Organisation]:
    rayons = {}
    for order, name in enumerate(RAYONS):
        rayons[name], _ = Rayon.objects.update_or_create(name=name, defaults={"order": order})
    organisations = {}
    for region_name, contact, rayon_name, others in REGIONS:
        rayon = rayons[rayon_name]
        region = _organisation(
            f"Doorstroompunt {region_name}",
            Organisation.Kind.REGION,
            rayon,
            email=f"doorstroompunt@{_domain(contact)}",
        )
        organisations[region.name] = region
        for city in [contact, *others]:
            municipality = _organisation(
                f"Gemeente {city}",
                Organisation.Kind.MUNICIPALITY,
                rayon,
                domain=_domain(city),
                region=region,
                city=city,
                email=f"leerplicht@{_domain(city)}",
                phone="14 0" + str(rng.randint(10, 99)),
                since=date(2007 + rng.randint(0, 10), 1, 1),
            )
            organisations[municipality.name] = municipality
        region.contact_municipality = organisations[f"Gemeente {contact}"]
        region.save(update_fields=["contact_municipality"])
    for island in BES_ISLANDS:
        organisations[f"Openbaar Lichaam {island}"] = _organisation(
            f"Openbaar Lichaam {island}",
            Organisation.Kind.BES_ISLAND,
            None,
            domain=_domain(island.replace(" ", "")),
            city=island,
            since=date(2012, 1, 1),
        )
    for name, domain in PARTNERS:
        organisations[name] = _organisation(
            name, Organisation.Kind.PARTNER, None, domain=domain, since=None
        )
    # One former member, so the directory's membership filter has something to show.
    organisations["Gemeente Oudewater"] = _organisation(
        "Gemeente Oudewater",
        Organisation.Kind.MUNICIPALITY,
        rayons["Midden"],
        domain="oudewater.nl",
        region=organisations["Doorstroompunt Utrecht"],
        since=date(2010, 1, 1),
        member_until=date(2023, 12, 31),
    )
    return organisations


def _ensure_account(email, password_hash, *, groups=(), superuser=False, person=None):
    user, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "password": password_hash,
            "is_demo_account": True,
            "is_staff": superuser or roles.STAFF in groups,
            "is_superuser": superuser,
        },
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    if person is not None:
        Person.objects.update_or_create(email=email, defaults={**person, "user": user})
    return user


def seed_accounts(organisations, rng: random.Random) -> None:
    roles.sync_roles()
    password_hash = make_password(DEMO_PASSWORD)
    member = [roles.MEMBER]
    ingrado = organisations["Ingrado"]
    rayon_midden = Rayon.objects.get(name="Midden")
    _ensure_account(
        "lid@example.org",
        password_hash,
        groups=member,
        person={
            "first_name": "Sanne",
            "last_name": "de Vries",
            "organisation": organisations["Gemeente Amersfoort"],
            "function": Function.ATTENDANCE_OFFICER,
            "krsd_registered": True,
            "krsd_number": "KRSD-104233",
            "krsd_registered_on": date(2019, 3, 12),
            "rayon_contact_for": rayon_midden,
        },
    )
    _ensure_account(
        "lid2@example.org",
        password_hash,
        groups=member,
        person={
            "first_name": "Rachid",
            "last_name": "El Amrani",
            "organisation": organisations["Gemeente Zwolle"],
            "function": Function.COACH,
        },
    )
    _ensure_account(
        "manager@example.org",
        password_hash,
        groups=member,
        person={
            "first_name": "Marieke",
            "last_name": "Bakker",
            "organisation": organisations["Gemeente Amersfoort"],
            "function": Function.MANAGER,
        },
    )
    _ensure_account(
        "gast@example.org",
        password_hash,
        person={"first_name": "Gert", "last_name": "Visser", "is_external": True},
    )
    municipalities = sorted(
        (
            o
            for o in organisations.values()
            if o.kind == Organisation.Kind.MUNICIPALITY and o.member_until is None
        ),
        key=lambda o: o.name,
    )
    functions = [Function.ATTENDANCE_OFFICER] * 3 + [Function.COACH] * 2 + [Function.POLICY]
    for number in range(1, 41):
        first = FIRST_NAMES[(number * 7) % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 11) % len(LAST_NAMES)]
        _ensure_account(
            f"lid{number:02d}@example.org",
            password_hash,
            groups=member,
            person={
                "first_name": first,
                "last_name": last,
                "organisation": municipalities[(number * 3) % len(municipalities)],
                "function": functions[number % len(functions)],
                "krsd_registered": number % 3 == 0,
                "krsd_number": f"KRSD-{200000 + number}" if number % 3 == 0 else "",
                "krsd_registered_on": (
                    date(2018 + number % 9, 1 + number % 12, 1 + number % 28)
                    if number % 3 == 0
                    else None
                ),
            },
        )
    staff_people = [
        ("expert@example.org", "Hanneke", "Dijkstra"),
        ("expert2@example.org", "Joost", "Mulder"),
    ]
    for email, first, last in staff_people:
        _ensure_account(
            email,
            password_hash,
            groups=[roles.STAFF],
            person={
                "first_name": first,
                "last_name": last,
                "organisation": ingrado,
                "function": Function.POLICY,
            },
        )
    _ensure_account(
        "bestuur@example.org",
        password_hash,
        groups=[roles.BOARD],
        person={
            "first_name": "Petra",
            "last_name": "Hoekstra",
            "function": Function.MANAGER,
            "organisation": organisations["Gemeente Utrecht"],
        },
    )
    _ensure_account(
        "beheer@example.org",
        password_hash,
        groups=[roles.ADMINISTRATOR],
        superuser=True,
        person={"first_name": "Beheer", "last_name": "Ingrado", "organisation": ingrado},
    )


def _krsd_day(rng: random.Random) -> date:
    """A registration day between 2016 and October 2026 (the KRSD campaign of 2026)."""
    return date.fromordinal(
        rng.randint(date(2016, 1, 1).toordinal(), date(2026, 10, 31).toordinal())
    )


def seed_people(organisations, rng: random.Random, per_organisation: int) -> None:
    """Professionals without accounts (colleagues, past askers), a few per organisation."""
    rayons = list(Rayon.objects.all())
    members = [o for o in organisations.values() if o.kind != Organisation.Kind.PARTNER]
    functions = (
        [Function.ATTENDANCE_OFFICER] * 5
        + [Function.COACH] * 3
        + [
            Function.MANAGER,
            Function.POLICY,
            Function.OTHER,
        ]
    )
    domains = dict(EmailDomain.objects.values_list("organisation_id", "domain"))
    people = []
    for organisation in members:
        domain = domains.get(organisation.pk) or _domain(organisation.name)
        for index in range(per_organisation):
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            registered = rng.random() < 0.37
            people.append(
                Person(
                    first_name=first,
                    last_name=last,
                    email=f"{slugify(first)[0]}.{slugify(last).replace('-', '')}{index}@{domain}",
                    organisation=organisation,
                    function=rng.choice(functions),
                    krsd_registered=registered,
                    krsd_number=f"KRSD-{rng.randint(100000, 999999)}" if registered else "",
                    krsd_registered_on=_krsd_day(rng) if registered else None,
                )
            )
    Person.objects.bulk_create(people, ignore_conflicts=True, batch_size=1000)
    # Rayon contact persons: about eight per rayon (Ingrado has some fifty).
    for rayon in rayons:
        candidates = Person.objects.filter(
            organisation__rayon=rayon,
            organisation__kind=Organisation.Kind.MUNICIPALITY,
            user__isnull=True,
            rayon_contact_for__isnull=True,
        ).order_by("pk")[:8]
        if Person.objects.filter(rayon_contact_for=rayon).count() < 8:
            Person.objects.filter(pk__in=list(candidates.values_list("pk", flat=True))).update(
                rayon_contact_for=rayon
            )


def seed_more_municipalities(rng: random.Random, total: int, known: set[str]) -> None:
    """Fictional municipalities beside the `known` (real) organisations, up to `total` in all.

    The same names with the same draws from `rng` on every run, whether or not they exist
    already: a second run creates nothing and leaves `rng` where the first run left it, so
    the people drawn after this are the same people again (and are not added twice)."""
    regions = list(
        Organisation.objects.filter(kind=Organisation.Kind.REGION).select_related("rayon")
    )
    names = (f"{stem}{ending}" for stem, ending in itertools.product(NAME_STEMS, NAME_ENDINGS))
    wanted = []
    for name in names:
        if len(wanted) >= total - len(known):
            break
        full = f"Gemeente {name}"
        if full in known:
            continue
        region = rng.choice(regions)
        wanted.append(
            Organisation(
                name=full,
                kind=Organisation.Kind.MUNICIPALITY,
                rayon=region.rayon,
                region=region,
                city=name,
                member_since=date(2007 + rng.randint(0, 15), 1, 1),
            )
        )
    existing = set(Organisation.objects.values_list("name", flat=True))
    created = Organisation.objects.bulk_create(
        [o for o in wanted if o.name not in existing], batch_size=500
    )
    EmailDomain.objects.bulk_create(
        [EmailDomain(domain=f"{o.city.lower()}.nl", organisation=o) for o in created],
        ignore_conflicts=True,
    )


def seed(*, scale: str, stdout) -> None:
    rng = random.Random(2025)
    organisations = seed_organisations(rng)
    seed_accounts(organisations, rng)
    large = scale == "large"
    seed_more_municipalities(
        rng, LARGE_ORGANISATIONS if large else NORMAL_ORGANISATIONS, set(organisations)
    )
    organisations = {o.name: o for o in Organisation.objects.all()}
    per_org = max(1, LARGE_PEOPLE // len(organisations)) if large else 3
    seed_people(organisations, rng, per_org)
    stdout.write(
        f"members: {Organisation.objects.count()} organisations, {Person.objects.count()} people"
    )
