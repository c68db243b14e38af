"""Contributie naar rato: a member that joined after the contributie run gets one invoice for
the rest of the year (months × tariff / 12), from its billing page or the contributie page;
a second click makes none, and whoever has nothing to pay that way is told why in Dutch."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import services
from billing.models import Invoice
from members.models import Organisation

from .factories import organisation_with_profile, tariffs

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _contributie_of(organisation, year=YEAR):
    return Invoice.objects.filter(source_type="contributie", source_id=f"{year}:{organisation.pk}")


@pytest.fixture
def joined():
    """A gemeente that joined on 1 October of this year, after the contributie run."""
    tariffs(YEAR, amount="600.00", vat_rate=21)
    return organisation_with_profile(
        organisation={"kind": "gemeente", "member_since": date(YEAR, 10, 1)}
    )


def test_one_invoice_for_the_rest_of_the_year_and_a_second_makes_none(joined):
    first = services.contribution_pro_rata(organisation=joined, year=YEAR)
    assert first.created and first.months == 3
    invoice = first.invoice
    assert invoice.is_issued and invoice.product == "contributie"
    assert invoice.total_excl == Decimal("150.00")  # 3 × 600 / 12
    assert invoice.total_vat == Decimal("31.50")
    assert "3 van 12 maanden" in invoice.lines.get().description
    again = services.contribution_pro_rata(organisation=joined, year=YEAR)
    assert not again.created and again.invoice == invoice
    # The run of the year has its own rule (a member on 1 January) and makes none either.
    services.contribution_run(year=YEAR)
    assert _contributie_of(joined).count() == 1


def test_the_setting_none_invoices_the_whole_year(joined, settings):
    settings.BILLING_CONTRIBUTION_PRO_RATA = "none"
    result = services.contribution_pro_rata(organisation=joined, year=YEAR)
    assert result.months == 12 and result.invoice.total_excl == Decimal("600.00")


def test_who_has_nothing_to_pay_this_way_is_told_why():
    tariffs(YEAR)
    old = organisation_with_profile(organisation={"member_since": date(YEAR - 5, 1, 1)})
    partner = organisation_with_profile(
        organisation={"kind": Organisation.Kind.PARTNER, "member_since": date(YEAR, 6, 1)}
    )
    for organisation, message in (
        (old, "is niet in"),
        (partner, "Partners betalen geen contributie"),
    ):
        with pytest.raises(services.BillingError) as refused:
            services.contribution_pro_rata(organisation=organisation, year=YEAR)
        assert message in str(refused.value.message)
    no_tariff = organisation_with_profile(
        organisation={"kind": "gemeente", "member_since": date(YEAR + 1, 3, 1)}
    )
    with pytest.raises(services.BillingError) as refused:
        services.contribution_pro_rata(organisation=no_tariff, year=YEAR + 1)
    assert "geen contributietarief" in str(refused.value.message)
    assert not Invoice.objects.exists()


def test_staff_invoice_from_the_billing_page_once(staff_client, joined):
    page = staff_client.get(reverse("billing:organisation", args=[joined.pk])).content.decode()
    assert "Contributie naar rato" in page and "3 maanden × €\xa0600,00 / 12" in page
    url = reverse("billing:contribution_pro_rata", args=[joined.pk])
    response = staff_client.post(url, {"year": YEAR}, follow=True)
    invoice = _contributie_of(joined).get()
    assert f"Factuur {invoice.number} gemaakt" in response.content.decode()
    again = staff_client.post(url, {"year": YEAR}, follow=True).content.decode()
    assert "heeft de contributiefactuur van" in again and _contributie_of(joined).count() == 1
    page = staff_client.get(reverse("billing:organisation", args=[joined.pk])).content.decode()
    assert "Contributie naar rato factureren" not in page


def test_the_contributie_page_lists_who_joined_and_bad_input_gets_a_dutch_message(
    staff_client, joined
):
    page = staff_client.get(reverse("billing:contribution")).content.decode()
    assert joined.name in page and "Contributie naar rato factureren" in page
    url = reverse("billing:contribution_pro_rata", args=[joined.pk])
    bad = staff_client.post(url, {"year": "twintig", "next": "contribution"}, follow=True)
    assert "Kies een jaar tussen 2000 en 2100." in bad.content.decode()
    assert not _contributie_of(joined).exists()
    staff_client.post(url, {"year": YEAR, "next": "contribution"})
    page = staff_client.get(reverse("billing:contribution")).content.decode()
    assert joined.name not in page


def test_only_staff_invoice_pro_rata(member_client, joined):
    url = reverse("billing:contribution_pro_rata", args=[joined.pk])
    assert member_client.post(url, {"year": YEAR}).status_code == 403
    assert not _contributie_of(joined).exists()
