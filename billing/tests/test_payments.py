from datetime import date, timedelta
from decimal import Decimal

import pytest

from billing import bank, services
from billing.camt_example import statement_xml
from billing.models import BankStatement, Invoice, Payment

from .factories import organisation_with_profile, simple_invoice

pytestmark = pytest.mark.django_db


def _entry(invoice, amount=None, **extra):
    return {
        "amount": Decimal(amount if amount is not None else invoice.total_incl),
        "reference": invoice.payment_reference,
        "name": invoice.buyer_name,
        **extra,
    }


def test_the_same_camt053_twice_records_each_payment_once():
    first, second = simple_invoice(), simple_invoice()
    raw = statement_xml([_entry(first), _entry(second, unstructured=True)])
    result = bank.statement_import(raw=raw)
    assert len(result.matched) == 2 and result.unmatched == []
    with pytest.raises(bank.StatementRefused, match="al ingelezen"):
        bank.statement_import(raw=raw)
    assert Payment.objects.count() == 2 and BankStatement.objects.count() == 1
    for invoice in (first, second):
        invoice.refresh_from_db()
        assert invoice.balance == 0 and invoice.amount_paid == invoice.total_incl
    # Another statement repeating an entry already booked (same bank reference) adds nothing.
    overlap = statement_xml(
        [_entry(first, bank_reference="TX2027-001-1-1")], statement_id="2027-002"
    )
    assert bank.statement_import(raw=overlap).skipped == 1
    assert Payment.objects.count() == 2


def test_partial_payments_leave_a_balance_and_overpayments_are_flagged():
    partial, over = simple_invoice(), simple_invoice()
    raw = statement_xml([_entry(partial, "100.00"), _entry(over, over.total_incl + 10)])
    bank.statement_import(raw=raw)
    partial.refresh_from_db()
    over.refresh_from_db()
    assert partial.balance == partial.total_incl - Decimal("100.00")
    assert partial in Invoice.objects.open_items()
    assert over.balance == Decimal("-10.00") and over.is_overpaid
    from billing.filters import InvoiceFilter

    assert list(InvoiceFilter({"state": "overpaid"}, queryset=Invoice.objects.all()).qs) == [over]


def test_a_batch_booking_of_direct_debits_is_split_over_its_invoices():
    one, two = simple_invoice(), simple_invoice()
    raw = statement_xml([{"direct_debit": True, "transactions": [_entry(one), _entry(two)]}])
    result = bank.statement_import(raw=raw)
    assert {p.invoice_id for p in result.matched} == {one.pk, two.pk}
    assert {p.method for p in result.matched} == {Payment.Method.DIRECT_DEBIT}


def test_a_payment_without_a_known_reference_is_listed_unmatched():
    raw = statement_xml([{"amount": Decimal("25.00"), "reference": "gift", "unstructured": True}])
    result = bank.statement_import(raw=raw)
    assert len(result.unmatched) == 1 and result.unmatched[0].invoice is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"not xml", "geen XML"),
        (
            b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'/>",
            "geen bankafschrift",
        ),
        (statement_xml([], iban="NL44RABO0123456789"), "niet van de rekening van Ingrado"),
        (
            statement_xml([{"amount": "10.00", "reference": "x"}], closing=Decimal("1.00")),
            "sluit niet",
        ),
    ],
)
def test_an_unbalanced_or_foreign_statement_is_refused_and_records_nothing(raw, message):
    invoice = simple_invoice()
    with pytest.raises(bank.StatementRefused, match=message):
        bank.statement_import(raw=raw)
    assert not Payment.objects.exists() and not BankStatement.objects.exists()
    invoice.refresh_from_db()
    assert invoice.amount_paid == 0


def test_a_direct_debit_batch_is_a_valid_pain008_of_the_mandated_open_invoices():
    mandated = organisation_with_profile(
        iban="NL44RABO0123456789", mandate_reference="ING-0001", mandate_signed_on=date(2020, 1, 1)
    )
    without = organisation_with_profile()
    collected = simple_invoice(mandated)
    simple_invoice(without)
    batch = bank.direct_debit_batch_create(collection_date=date.today() + timedelta(days=5))
    assert list(batch.invoices.all()) == [collected]
    assert batch.total == collected.balance
    assert "pain.008.001.02" in batch.xml and collected.payment_reference in batch.xml
    assert "ING-0001" in batch.xml and "NL44RABO0123456789" in batch.xml
    with pytest.raises(services.BillingError):
        bank.direct_debit_batch_create(collection_date=date.today() + timedelta(days=5))
