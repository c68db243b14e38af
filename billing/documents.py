"""An invoice's documents: the PDF (WeasyPrint, tagged PDF/UA-1 like the jaarverslag, with
the payment reference and the SEPA QR code banking apps read) and the e-invoice in UBL 2.1
following Peppol BIS Billing 3.0 with the Dutch rules (NLCIUS).

Both are made from the issued invoice, which never changes: the same invoice gives the same
documents, so they are rendered when asked for, not stored.
"""

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from lxml import etree
from segno import helpers as segno_helpers

from .models import Invoice, InvoiceLine

CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS = {
    "invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "creditnote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def filename(invoice: Invoice) -> str:
    prefix = "creditnota" if invoice.is_credit_note else "factuur"
    return f"{prefix}-{invoice.number or invoice.pk}"


def has_e_invoice(invoice: Invoice) -> bool:
    """An e-invoice needs an issued invoice to an organisation with a Peppol address (its
    Peppol ID, OIN or KvK number): a private person cannot receive one."""
    return invoice.is_issued and bool(invoice.organisation_id and invoice.buyer_endpoint)


def asks_payment(invoice: Invoice) -> bool:
    """Whether the PDF asks for a payment (the QR code and the words with it): an invoice
    with something still open. A credit note, or a paid, credited or overpaid invoice, does
    not: a banking app would otherwise offer to pay its total (again)."""
    return (
        invoice.kind == Invoice.Kind.INVOICE
        and bool(invoice.payment_reference)
        and invoice.balance > 0
    )


def epc_qr(invoice: Invoice):
    """The SEPA (EPC) QR code with the amount still open and the payment reference."""
    seller = settings.BILLING_SELLER
    return segno_helpers.make_epc_qr(
        name=seller["name"],
        iban=seller["iban"],
        amount=invoice.balance,
        reference=invoice.payment_reference,
        bic=seller["bic"],
    )


def vat_breakdown(lines) -> list[dict]:
    """Per VAT category and rate: the taxable amount and the VAT (the sum of the lines)."""
    groups: dict[tuple, dict] = {}
    for line in lines:
        key = (line.vat_category, line.vat_rate)
        group = groups.setdefault(
            key,
            {
                "category": line.vat_category,
                "rate": line.vat_rate,
                "taxable": Decimal("0.00"),
                "vat": Decimal("0.00"),
                "reason": line.exemption_reason,
            },
        )
        group["taxable"] += line.amount_excl
        group["vat"] += line.vat_amount
    return list(groups.values())


def invoice_pdf(invoice: Invoice) -> bytes:
    from weasyprint import HTML

    lines = list(invoice.lines.all())
    qr = None
    if asks_payment(invoice):
        qr = epc_qr(invoice).svg_data_uri(scale=3, border=2)
    statement = None
    if invoice.product == "contributie" and invoice.organisation_id and invoice.kind == "invoice":
        from .statement import member_statement

        statement = member_statement(invoice.organisation, invoice.year - 1)
    with translation.override("nl"):
        html = render_to_string(
            "billing/invoice_pdf.html",
            {
                "invoice": invoice,
                "lines": lines,
                "vat_groups": vat_breakdown(lines),
                "seller": settings.BILLING_SELLER,
                "qr": qr,
                "statement": statement,
                "site_url": settings.SITE_URL,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**PDF_OPTIONS)


# --- UBL ---------------------------------------------------------------------------------


def _el(parent, tag, text=None, **attributes):
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NS[prefix]}}}{name}")
    if text is not None:
        element.text = str(text)
    for key, value in attributes.items():
        element.set(key, value)
    return element


def _amount(parent, tag, value: Decimal, *, positive=False):
    value = abs(value) if positive else value
    return _el(parent, tag, f"{value:.2f}", currencyID="EUR")


def _address(parent, street, city, postcode, country):
    address = _el(parent, "cac:PostalAddress")
    if street:
        _el(address, "cbc:StreetName", street)
    if city:
        _el(address, "cbc:CityName", city)
    if postcode:
        _el(address, "cbc:PostalZone", postcode)
    _el(_el(address, "cac:Country"), "cbc:IdentificationCode", country or "NL")


def _supplier(root, invoice):
    seller = settings.BILLING_SELLER
    party = _el(_el(root, "cac:AccountingSupplierParty"), "cac:Party")
    _el(party, "cbc:EndpointID", seller["kvk"], schemeID="0106")
    if _direct_debit(invoice):
        _el(_el(party, "cac:PartyIdentification"), "cbc:ID", seller["creditor_id"], schemeID="SEPA")
    _el(_el(party, "cac:PartyName"), "cbc:Name", seller["name"])
    _address(party, seller["street"], seller["city"], seller["postcode"], seller["country"])
    tax = _el(party, "cac:PartyTaxScheme")
    _el(tax, "cbc:CompanyID", seller["vat_id"])
    _el(_el(tax, "cac:TaxScheme"), "cbc:ID", "VAT")
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", seller["name"])
    _el(legal, "cbc:CompanyID", seller["kvk"], schemeID="0106")
    contact = _el(party, "cac:Contact")
    _el(contact, "cbc:ElectronicMail", seller["email"])


def _customer(root, invoice):
    party = _el(_el(root, "cac:AccountingCustomerParty"), "cac:Party")
    scheme, identifier = invoice.buyer_endpoint.split(":", 1)
    _el(party, "cbc:EndpointID", identifier, schemeID=scheme)
    _el(_el(party, "cac:PartyName"), "cbc:Name", invoice.buyer_name)
    _address(
        party,
        invoice.buyer_street,
        invoice.buyer_city,
        invoice.buyer_postcode,
        invoice.buyer_country,
    )
    if invoice.buyer_vat_id:
        tax = _el(party, "cac:PartyTaxScheme")
        _el(tax, "cbc:CompanyID", invoice.buyer_vat_id)
        _el(_el(tax, "cac:TaxScheme"), "cbc:ID", "VAT")
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", invoice.buyer_name)
    if invoice.buyer_legal_id:
        scheme, identifier = invoice.buyer_legal_id.split(":", 1)
        _el(legal, "cbc:CompanyID", identifier, schemeID=scheme)
    if invoice.buyer_department or invoice.buyer_email:
        contact = _el(party, "cac:Contact")
        if invoice.buyer_department:
            _el(contact, "cbc:Name", invoice.buyer_department)
        if invoice.buyer_email:
            _el(contact, "cbc:ElectronicMail", invoice.buyer_email)


def _direct_debit(invoice):
    if invoice.is_credit_note or invoice.organisation_id is None:
        return None
    from .selectors import profile_of

    profile = profile_of(invoice.organisation)
    return profile if profile.has_mandate else None


def _payment_means(root, invoice):
    seller = settings.BILLING_SELLER
    means = _el(root, "cac:PaymentMeans")
    mandate = _direct_debit(invoice)
    if mandate is not None:
        _el(means, "cbc:PaymentMeansCode", "59", name="SEPA Incasso")
        _el(means, "cbc:PaymentID", invoice.payment_reference)
        payment_mandate = _el(means, "cac:PaymentMandate")
        _el(payment_mandate, "cbc:ID", mandate.mandate_reference)
        _el(_el(payment_mandate, "cac:PayerFinancialAccount"), "cbc:ID", mandate.iban)
        return
    _el(means, "cbc:PaymentMeansCode", "58", name="SEPA overboeking")
    if invoice.payment_reference:
        _el(means, "cbc:PaymentID", invoice.payment_reference)
    account = _el(means, "cac:PayeeFinancialAccount")
    _el(account, "cbc:ID", seller["iban"])
    _el(account, "cbc:Name", seller["name"])
    _el(_el(account, "cac:FinancialInstitutionBranch"), "cbc:ID", seller["bic"])


def _tax_category(parent, tag, category, rate, reason=""):
    element = _el(parent, tag)
    _el(element, "cbc:ID", category)
    _el(element, "cbc:Percent", f"{rate:.2f}")
    if category == InvoiceLine.VatCategory.EXEMPT and reason and tag == "cac:TaxCategory":
        _el(element, "cbc:TaxExemptionReason", reason)
    _el(_el(element, "cac:TaxScheme"), "cbc:ID", "VAT")
    return element


def invoice_ubl(invoice: Invoice) -> bytes:
    """The e-invoice (Invoice, or CreditNote with positive amounts and a reference to the
    credited invoice) as UBL 2.1 XML, Peppol BIS Billing 3.0."""
    credit = invoice.is_credit_note
    root_ns = NS["creditnote"] if credit else NS["invoice"]
    root = etree.Element(
        f"{{{root_ns}}}{'CreditNote' if credit else 'Invoice'}",
        nsmap={None: root_ns, "cac": NS["cac"], "cbc": NS["cbc"]},
    )
    lines = list(invoice.lines.all())
    _el(root, "cbc:CustomizationID", CUSTOMIZATION)
    _el(root, "cbc:ProfileID", PROFILE)
    _el(root, "cbc:ID", invoice.number)
    _el(root, "cbc:IssueDate", invoice.issue_date.isoformat())
    if not credit and invoice.due_date:
        _el(root, "cbc:DueDate", invoice.due_date.isoformat())
    _el(
        root,
        "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode",
        "381" if credit else "380",
    )
    if invoice.description:
        _el(root, "cbc:Note", invoice.description)
    _el(root, "cbc:DocumentCurrencyCode", "EUR")
    _el(root, "cbc:BuyerReference", invoice.purchase_order or invoice.buyer_name[:50])
    if invoice.purchase_order:
        _el(_el(root, "cac:OrderReference"), "cbc:ID", invoice.purchase_order)
    if credit:
        original = invoice.credited_invoice
        reference = _el(_el(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        _el(reference, "cbc:ID", original.number)
        _el(reference, "cbc:IssueDate", original.issue_date.isoformat())
    _supplier(root, invoice)
    _customer(root, invoice)
    _payment_means(root, invoice)
    if not credit:
        terms = _el(root, "cac:PaymentTerms")
        _el(
            terms,
            "cbc:Note",
            f"Te betalen voor {invoice.due_date:%d-%m-%Y} o.v.v. {invoice.payment_reference}",
        )
    groups = vat_breakdown(lines)
    tax_total = _el(root, "cac:TaxTotal")
    _amount(tax_total, "cbc:TaxAmount", invoice.total_vat, positive=credit)
    for group in groups:
        subtotal = _el(tax_total, "cac:TaxSubtotal")
        _amount(subtotal, "cbc:TaxableAmount", group["taxable"], positive=credit)
        _amount(subtotal, "cbc:TaxAmount", group["vat"], positive=credit)
        _tax_category(
            subtotal, "cac:TaxCategory", group["category"], group["rate"], group["reason"]
        )
    totals = _el(root, "cac:LegalMonetaryTotal")
    _amount(totals, "cbc:LineExtensionAmount", invoice.total_excl, positive=credit)
    _amount(totals, "cbc:TaxExclusiveAmount", invoice.total_excl, positive=credit)
    _amount(totals, "cbc:TaxInclusiveAmount", invoice.total_incl, positive=credit)
    _amount(totals, "cbc:PayableAmount", invoice.total_incl, positive=credit)
    for line in lines:
        row = _el(root, "cac:CreditNoteLine" if credit else "cac:InvoiceLine")
        _el(row, "cbc:ID", line.position)
        quantity = abs(line.quantity) if credit else line.quantity
        _el(
            row,
            "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity",
            f"{quantity:.2f}",
            unitCode="C62",
        )
        _amount(row, "cbc:LineExtensionAmount", line.amount_excl, positive=credit)
        item = _el(row, "cac:Item")
        _el(item, "cbc:Name", line.description[:100])
        classified = _el(item, "cac:ClassifiedTaxCategory")
        _el(classified, "cbc:ID", line.vat_category)
        _el(classified, "cbc:Percent", f"{line.vat_rate:.2f}")
        _el(_el(classified, "cac:TaxScheme"), "cbc:ID", "VAT")
        price = _el(row, "cac:Price")
        _amount(price, "cbc:PriceAmount", line.unit_price)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
