"""The SEPA QR code on an invoice PDF (issue 28 §5), read back as a banking app reads it: the
PDF rendered (pdfium), the code decoded (zxing-cpp) and its EPC069-12 payload checked line by
line. Only what is still open is asked for: a credit note, a paid or a credited invoice has
no payment QR code."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader
from stdnum import iso11649

from billing import documents, services
from billing.models import Payment
from members.tests.factories import ManagerFactory
from programmes.tests.pdf import decoded_qr_codes

from .factories import organisation_with_profile, simple_invoice

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"
EPC_AMOUNT = re.compile(r"EUR(?P<amount>[0-9]{1,9}(\.[0-9]{1,2})?)")


def _pay(invoice, amount: str) -> None:
    services.payment_record(
        invoice=invoice,
        amount=Decimal(amount),
        booked_on=date.today(),
        method=Payment.Method.TRANSFER,
        bank_reference=f"TX-{invoice.pk}-{amount}",
    )
    invoice.refresh_from_db()


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _payload(pdf: bytes) -> list[str]:
    codes = decoded_qr_codes(pdf)
    assert len(codes) == 1, codes
    return codes[0].split("\n")


def _assert_epc_payload(lines: list[str], invoice, open_amount: Decimal) -> None:
    seller = settings.BILLING_SELLER
    # EPC069-12 version 002: 10 lines when the remittance is a structured reference (the
    # unstructured text, line 11, is then absent).
    assert len(lines) == 10, lines
    service_tag, version, charset, identification, bic, name, iban, amount, purpose, ref = lines
    assert service_tag == "BCD"
    assert version == "002"
    assert charset in {str(n) for n in range(1, 9)}  # 1 UTF-8, 2 ISO 8859-1, ...
    assert identification == "SCT"
    assert bic == seller["bic"]
    assert name == seller["name"]
    assert iban == seller["iban"]
    match = EPC_AMOUNT.fullmatch(amount)
    assert match, amount
    assert Decimal(match["amount"]) == open_amount
    assert purpose == ""
    assert ref == invoice.payment_reference
    assert iso11649.is_valid(ref), "a structured ISO 11649 creditor reference"


def test_the_pdf_of_an_open_invoice_carries_the_epc_qr_code_for_its_total(roles_synced, client):
    manager = ManagerFactory(organisation=organisation_with_profile())
    invoice = simple_invoice(manager.person.organisation)
    assert invoice.total_incl == invoice.balance == Decimal("571.00")
    client.force_login(manager)
    response = client.get(reverse("billing:invoice_pdf", args=[invoice.pk]))
    assert response["Content-Type"] == "application/pdf"
    _assert_epc_payload(_payload(response.content), invoice, Decimal("571.00"))


def test_a_partly_paid_invoice_asks_for_what_is_still_open():
    invoice = simple_invoice()
    _pay(invoice, "100.25")
    assert invoice.balance == Decimal("470.75")
    pdf = documents.invoice_pdf(invoice)
    _assert_epc_payload(_payload(pdf), invoice, Decimal("470.75"))
    # The words beside the code ask for the same amount.
    text = _text(pdf).replace(NBSP, " ")
    assert "Betaal € 470,75 vóór" in text, text
    assert "€ 571,00 vóór" not in text


def test_a_paid_invoice_has_no_payment_qr_code():
    invoice = simple_invoice()
    _pay(invoice, "571.00")
    assert invoice.balance == 0
    pdf = documents.invoice_pdf(invoice)
    assert decoded_qr_codes(pdf) == []
    assert "QR-code" not in _text(pdf) and invoice.number in _text(pdf)


def test_a_credit_note_and_the_invoice_it_credits_have_no_payment_qr_code():
    invoice = simple_invoice()
    credit = services.invoice_credit(invoice=invoice)
    invoice.refresh_from_db()
    assert credit.total_incl == Decimal("-571.00") and invoice.balance == 0
    assert decoded_qr_codes(documents.invoice_pdf(credit)) == []
    assert decoded_qr_codes(documents.invoice_pdf(invoice)) == []


def test_the_qr_code_holds_the_seller_of_the_settings(settings):
    settings.BILLING_SELLER = {
        **settings.BILLING_SELLER,
        "name": "Ingrado Testvereniging",
        "iban": "NL02RABO0123456789",
        "bic": "RABONL2U",
    }
    invoice = simple_invoice()
    _assert_epc_payload(_payload(documents.invoice_pdf(invoice)), invoice, Decimal("571.00"))
