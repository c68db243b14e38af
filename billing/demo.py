"""`seed_demo` for Facturen: billing profiles of the member organisations (some requiring a
purchase order number, some with a direct-debit mandate), the contributie tariffs of this
year and the next, this year's contributie invoices (most paid by direct debit or transfer
through imported bank statements, some open, one reminded, one waiting for its purchase
order number), the Academie invoices of this year's non-member enrolments and the invoices
of the confirmed registrations for a paid meeting.

Idempotent: profiles and tariffs are keyed on their organisation and bracket, invoices on
their source, statements on their identifier. `python manage.py demo_statement FILE` writes
a camt.053 statement paying some of the open invoices, to import at /facturen/bank/.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from schwifty import IBAN

from academy.models import Enrolment
from members.models import Organisation

from . import academy as academy_billing
from . import bank, services
from .camt_example import statement_xml
from .models import BankStatement, BillingProfile, Invoice, Tariff

TARIFFS = [  # (kind, from inhabitants, amount excl. VAT)
    ("gemeente", 0, "450.00"),
    ("gemeente", 50_000, "900.00"),
    ("gemeente", 100_000, "1800.00"),
    ("regio", 0, "650.00"),
    ("bes", 0, "250.00"),
]


def _postcode(rng):
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    return f"{rng.randint(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"


def _domain_of(organisation) -> str:
    return (organisation.email or "@voorbeeld.nl").split("@")[-1]


def seed_profiles(rng) -> dict:
    organisations = list(Organisation.objects.order_by("name"))
    existing = set(BillingProfile.objects.values_list("organisation_id", flat=True))
    profiles = []
    for index, organisation in enumerate(organisations):
        if organisation.pk in existing:
            continue
        municipality = organisation.kind == Organisation.Kind.MUNICIPALITY
        mandate = index % 3 == 0 and organisation.kind != Organisation.Kind.PARTNER
        profiles.append(
            BillingProfile(
                organisation=organisation,
                department="Crediteurenadministratie",
                street=organisation.address or f"Stadhuisplein {index % 40 + 1}",
                postcode=organisation.postcode or _postcode(rng),
                city=organisation.city or "Utrecht",
                email=f"crediteuren{index}@{_domain_of(organisation)}",
                oin=f"00000001{800000000 + index:09d}000" if organisation.kind != "partner" else "",
                kvk="" if organisation.kind != "partner" else f"{30000000 + index}",
                purchase_order_required=municipality and index % 7 == 3,
                inhabitants=rng.choice([12_000, 28_000, 45_000, 70_000, 160_000])
                if municipality
                else None,
            )
        )
        if mandate:
            profile = profiles[-1]
            profile.iban = str(IBAN.generate("NL", bank_code="RABO", account_code=f"{index:010d}"))
            profile.mandate_reference = f"INGRADO-{organisation.pk:05d}"
            profile.mandate_signed_on = date(2019, 1, 1)
    for profile in profiles:
        profile.full_clean(exclude=["organisation"])
    BillingProfile.objects.bulk_create(profiles)
    return {p.organisation_id: p for p in BillingProfile.objects.all()}


def seed_tariffs(year):
    for this_year in (year, year + 1):
        for kind, start, amount in TARIFFS:
            Tariff.objects.get_or_create(
                year=this_year,
                kind=kind,
                inhabitants_from=start,
                defaults={"amount": Decimal(amount), "vat_rate": Decimal("21.0")},
            )


def seed_contributie(year, rng):
    issued_on = date(year, 1, 15)
    services.contribution_run(year=year, on=issued_on, mail=False)
    invoices = list(
        Invoice.objects.filter(
            source_type=services.CONTRIBUTION_SOURCE, source_id__startswith=f"{year}:"
        )
        .select_related("organisation__billing_profile")
        .order_by("pk")
    )
    # Drafts waiting for a purchase order number: all but one get it late (this month).
    drafts = [invoice for invoice in invoices if not invoice.is_issued]
    for number, invoice in enumerate(drafts[1:], start=1):
        services.invoice_set_purchase_order(
            invoice=invoice, purchase_order=f"INK-{year}-{number:04d}", mail=False
        )
    if BankStatement.objects.filter(identifier__endswith=f":DEMO-{year}-01").exists():
        return
    issued = [i for i in invoices if i.is_issued and i.issue_date == issued_on]
    mandated = [i for i in issued if i.organisation.billing_profile.has_mandate]
    transfers = [i for i in issued if not i.organisation.billing_profile.has_mandate]
    reminded, partial = transfers[-1], transfers[-2]
    paid_by_transfer = transfers[:-2]
    entries = [
        {
            "direct_debit": True,
            "booked_on": date(year, 2, 3),
            "transactions": [
                {"amount": i.total_incl, "reference": i.payment_reference, "name": i.buyer_name}
                for i in mandated
            ],
        }
    ]
    entries += [
        {
            "amount": i.total_incl,
            "reference": i.payment_reference,
            "unstructured": n % 2 == 0,
            "name": i.buyer_name,
            "booked_on": date(year, 2, 1) + timedelta(days=n % 20),
        }
        for n, i in enumerate(paid_by_transfer)
    ]
    entries.append(
        {
            "amount": Decimal("200.00"),
            "reference": partial.payment_reference,
            "name": partial.buyer_name,
            "booked_on": date(year, 2, 20),
        }
    )
    bank.statement_import(
        raw=statement_xml(entries, statement_id=f"DEMO-{year}-01", opening=Decimal("25000.00"))
    )
    # The one left unpaid was reminded 14 days after its due date; the partly paid one too.
    Invoice.objects.filter(pk__in=[reminded.pk, partial.pk]).update(
        first_reminder_at=timezone.make_aware(
            timezone.datetime.combine(
                reminded.due_date + timedelta(days=14), timezone.datetime.min.time()
            )
        )
    )


def seed_academy_invoices(year):
    """The non-member enrolments of this year pay the non-member price: invoiced."""
    enrolments = (
        Enrolment.objects.filter(
            status=Enrolment.Status.CONFIRMED,
            created_at__year=year,
            price=models_price_non_member(),
        )
        .select_related("person__organisation", "edition__activity")
        .order_by("pk")
    )
    count = 0
    for enrolment in enrolments:
        if enrolment.person.is_member or not enrolment.price:
            continue
        with transaction.atomic():
            invoice = academy_billing.invoice_enrolment(
                enrolment.pk, on=timezone.localdate(enrolment.created_at), mail=False
            )
        count += invoice is not None
    return count


def seed_meeting_invoices():
    """The confirmed registrations for a paid meeting (the demo's theme meeting) are
    invoiced, as registering through the pages would have; idempotent per registration."""
    from meetings.models import PlaceStatus, Registration

    from .meetings import invoice_registration

    count = 0
    registrations = Registration.objects.filter(status=PlaceStatus.CONFIRMED, price__gt=0)
    for registration in registrations.order_by("pk"):
        with transaction.atomic():
            invoice = invoice_registration(
                registration.pk, on=timezone.localdate(registration.created_at), mail=False
            )
        count += invoice is not None
    return count


def models_price_non_member():
    from django.db.models import F

    return F("edition__activity__price_non_member")


def seed(*, scale, stdout):
    rng = random.Random(2026)
    year = timezone.localdate().year
    profiles = seed_profiles(rng)
    seed_tariffs(year)
    seed_contributie(year, rng)
    academy_count = seed_academy_invoices(year)
    meeting_count = seed_meeting_invoices()
    stdout.write(
        f"billing: {len(profiles)} billing profiles, {Invoice.objects.count()} invoices "
        f"({academy_count} for the Academie, {meeting_count} for meetings), "
        f"{BankStatement.objects.count()} bank statements"
    )
