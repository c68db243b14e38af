from decimal import Decimal

from billing import services
from billing.models import BillingProfile, Tariff
from members.tests.factories import OrganisationFactory


def organisation_with_profile(**profile):
    organisation = OrganisationFactory(**profile.pop("organisation", {}))
    defaults = {
        "street": "Stadhuisplein 1",
        "postcode": "3811 LM",
        "city": "Amersfoort",
        "email": "facturen@gemeente.example.org",
        "oin": f"{organisation.pk:020d}"[-20:].replace("0", "1", 1),
    }
    defaults.update(profile)
    BillingProfile.objects.create(organisation=organisation, **defaults)
    return organisation


def tariffs(year, amount="1250.00", vat_rate=21):
    for kind in ("gemeente", "regio", "bes"):
        Tariff.objects.create(year=year, kind=kind, amount=Decimal(amount), vat_rate=vat_rate)


def simple_invoice(organisation=None, *, lines=None, **extra):
    organisation = organisation or organisation_with_profile()
    return services.invoice_create(
        product="overig",
        organisation=organisation,
        lines=lines
        or [
            services.LineSpec("Werkconferentie", unit_price=Decimal("100.00"), vat_rate=21),
            services.LineSpec("Training", gross_price=Decimal("450.00")),
        ],
        **extra,
    )


def billing_objects(organisation, manager) -> dict:
    """For the authorisation matrix: an issued invoice to `organisation` (with a Peppol
    address, so its e-invoice exists), a proposal by its manager and a direct-debit batch."""
    from datetime import date, timedelta

    from billing import bank
    from billing.models import ProfileProposal

    BillingProfile.objects.update_or_create(
        organisation=organisation,
        defaults={
            "street": "Markt 1",
            "postcode": "1234 AB",
            "city": "Ergens",
            "oin": "00000001001234567000",
            "iban": "NL44RABO0123456789",
            "mandate_reference": "M-1",
            "mandate_signed_on": date(2020, 1, 1),
        },
    )
    invoice = simple_invoice(organisation)
    batch = bank.direct_debit_batch_create(collection_date=date.today() + timedelta(days=5))
    proposal = ProfileProposal.objects.create(
        organisation=organisation, proposed_by=manager.person, changes={"city": "Elders"}
    )
    return {"invoice": invoice, "proposal": proposal, "batch": batch}
