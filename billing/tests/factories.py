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
