"""Facturen on a phone (issue 28 §8 "everything scrolls on a phone"), in a real browser at
390 px: the open items (debiteuren), an invoice and the organisation's invoices, as staff and
as the organisation's manager. The page itself never scrolls sideways (a wide table scrolls
in its own container), and axe finds nothing serious."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing import services
from billing.models import Payment
from billing.tests.factories import organisation_with_profile
from members.tests.factories import ManagerFactory, StaffFactory
from tests.browser.conftest import (
    assert_fits_a_phone_and_passes_axe,
    axe_violations,
    has_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}

# Every element wider than the viewport must sit in a container that scrolls sideways
# itself (overflow-x auto or scroll) and is no wider than the viewport.
OVERFLOWING_WITHOUT_OWN_SCROLL = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsItself = e => {
    for (let p = e; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll"].includes(style.overflowX) && p.clientWidth <= width) return true;
    }
    return false;
  };
  return [...document.querySelectorAll("main *")]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrollsItself(e))
    .map(e => e.tagName + (e.className ? "." + e.className : ""))
    .slice(0, 5);
}"""


@pytest.fixture
def billing_people(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    organisation = organisation_with_profile(
        organisation={"name": "Gemeente Súdwest-Fryslân en omstreken"},
        email="crediteurenadministratie.facturen@gemeente-sudwest-fryslan.example.org",
        department="Afdeling Financiën, team Crediteurenadministratie",
    )
    manager = ManagerFactory(organisation=organisation)
    invoices = [
        services.invoice_create(
            product="overig",
            organisation=organisation,
            lines=[
                services.LineSpec(
                    "Werkconferentie leerplicht en thuiszitters, inclusief lunch en materialen",
                    unit_price=Decimal("1234.56"),
                    vat_rate=21,
                ),
                services.LineSpec(
                    "Training Verzuimaanpak voor leerplichtambtenaren (vier dagdelen)",
                    gross_price=Decimal("12450.00"),
                ),
            ],
        )
        for _ in range(3)
    ]
    services.payment_record(
        invoice=invoices[0],
        amount=Decimal("100.00"),
        booked_on=date.today(),
        method=Payment.Method.TRANSFER,
        bank_reference="TX-PHONE-1",
        counterparty="Gemeente Súdwest-Fryslân en omstreken",
        counterparty_iban="NL91ABNA0417164300",
    )
    return {
        "staff": StaffFactory(),
        "manager": manager,
        "organisation": organisation,
        "invoice": invoices[0],
        "numbers": [invoice.number for invoice in invoices],
    }


def _check(open_page, browser, base_url, user, path, must_show):
    # The project's check: no sideways scrolling of the page, axe passes (at 390 px).
    assert_fits_a_phone_and_passes_axe(browser, base_url, user, path, width=PHONE["width"])
    # And that it is the page with its content, whose wide parts scroll on their own.
    page = open_page(user, PHONE)
    response = page.goto(path)
    assert response.status == 200, path
    text = page.locator("main").inner_text()
    for expected in must_show:
        assert expected in text, (path, expected)
    assert not has_horizontal_scroll(page), path
    assert page.evaluate(OVERFLOWING_WITHOUT_OWN_SCROLL) == [], path
    assert axe_violations(page) == [], path


def test_staff_read_the_open_items_an_invoice_and_an_organisations_invoices_on_a_phone(
    open_page, _playwright_browser, live_server, billing_people
):
    staff, invoice = billing_people["staff"], billing_people["invoice"]
    for path, must_show in [
        (reverse("billing:open_items"), billing_people["numbers"]),
        (
            reverse("billing:invoice_detail", args=[invoice.pk]),
            [invoice.number, "Betalingen", "€\N{NO-BREAK SPACE}100,00"],
        ),
        (
            reverse("billing:organisation", args=[billing_people["organisation"].pk]),
            billing_people["numbers"],
        ),
    ]:
        _check(open_page, _playwright_browser, live_server.url, staff, path, must_show)


def test_the_manager_reads_their_invoices_and_an_invoice_on_a_phone(
    open_page, _playwright_browser, live_server, billing_people
):
    manager, invoice = billing_people["manager"], billing_people["invoice"]
    for path, must_show in [
        (reverse("billing:my_organisation"), billing_people["numbers"]),
        (
            reverse("billing:invoice_detail", args=[invoice.pk]),
            [invoice.number, invoice.payment_reference],
        ),
    ]:
        _check(open_page, _playwright_browser, live_server.url, manager, path, must_show)


def test_the_checks_see_a_page_that_does_not_fit(open_page, live_server, billing_people):
    # The probes above are not blind: a wide element outside a scrolling container is caught.
    page = open_page(billing_people["staff"], PHONE)
    page.goto(reverse("billing:open_items"))
    page.evaluate(
        """() => {
          const wide = document.createElement("p");
          wide.style.width = "900px";
          wide.textContent = "breed";
          document.querySelector("main").append(wide);
        }"""
    )
    assert has_horizontal_scroll(page)
    assert page.evaluate(OVERFLOWING_WITHOUT_OWN_SCROLL) == ["P"]
