import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from billing import profiles_csv, services
from billing.models import BillingProfile, Invoice, ProfileProposal
from members.models import AuditLog
from members.tests.factories import ManagerFactory, MemberFactory

from .factories import organisation_with_profile, simple_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(roles_synced):
    organisation = organisation_with_profile()
    return ManagerFactory(organisation=organisation)


def test_the_manager_sees_the_invoices_and_downloads_pdf_and_e_invoice_logged(client, manager):
    invoice = simple_invoice(manager.person.organisation)
    client.force_login(manager)
    page = client.get(reverse("billing:my_organisation")).content.decode()
    assert invoice.number in page
    pdf = client.get(reverse("billing:invoice_pdf", args=[invoice.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert invoice.number in text and invoice.payment_reference in text
    assert "€ 571,00" in text.replace("\xa0", " ")
    assert "/StructTreeRoot" in reader.trailer["/Root"], "a tagged PDF"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    xml = client.get(reverse("billing:invoice_ubl", args=[invoice.pk]))
    assert xml["Content-Type"] == "application/xml" and invoice.number.encode() in xml.content
    actions = set(
        AuditLog.objects.filter(object_id=str(invoice.pk)).values_list("action", flat=True)
    )
    assert {"billing.download_pdf", "billing.download_xml"} <= actions


def test_a_colleague_or_another_organisations_manager_gets_404(client, manager, roles_synced):
    invoice = simple_invoice(manager.person.organisation)
    colleague = MemberFactory(organisation=manager.person.organisation)
    stranger = ManagerFactory()
    for user in (colleague, stranger):
        client.force_login(user)
        for name in ("billing:invoice_detail", "billing:invoice_pdf", "billing:invoice_ubl"):
            assert client.get(reverse(name, args=[invoice.pk])).status_code == 404


def test_the_manager_sets_the_purchase_order_number_of_a_waiting_invoice(client, manager):
    BillingProfile.objects.filter(organisation=manager.person.organisation).update(
        purchase_order_required=True
    )
    from members.models import Organisation

    draft = simple_invoice(Organisation.objects.get(pk=manager.person.organisation_id))
    client.force_login(manager)
    page = client.get(reverse("billing:invoice_detail", args=[draft.pk])).content.decode()
    assert "vraagt een inkoopnummer" in page
    client.post(
        reverse("billing:invoice_purchase_order", args=[draft.pk]), {"purchase_order": "INK-9"}
    )
    draft.refresh_from_db()
    assert draft.is_issued and draft.purchase_order == "INK-9"


def test_the_manager_proposes_and_staff_apply_a_change(client, manager, staff_user):
    client.force_login(manager)
    bad = client.post(reverse("billing:my_organisation"), {"iban": "NL00RABO0000000000"})
    assert bad.status_code == 200 and "geen geldige IBAN" in bad.content.decode()
    assert not ProfileProposal.objects.exists()
    profile = BillingProfile.objects.get(organisation=manager.person.organisation)
    data = {
        "street": profile.street,
        "postcode": profile.postcode,
        "city": "Nieuwegein",
        "email": profile.email,
        "oin": profile.oin,
        "iban": "NL20INGB0001234567",
    }
    response = client.post(reverse("billing:my_organisation"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    proposal = ProfileProposal.objects.get()
    assert proposal.changes == {"city": "Nieuwegein", "iban": "NL20INGB0001234567"}
    client.force_login(staff_user)
    client.post(reverse("billing:proposal_decide", args=[proposal.pk]), {"apply": "yes"})
    profile.refresh_from_db()
    assert (profile.city, profile.iban) == ("Nieuwegein", "NL20INGB0001234567")


def test_staff_credit_through_a_confirmation_page(staff_client):
    invoice = simple_invoice()
    url = reverse("billing:invoice_credit", args=[invoice.pk])
    assert "Factuur" in staff_client.get(url).content.decode()
    assert not Invoice.objects.filter(kind="credit_note").exists()
    staff_client.post(url, {"reason": "Fout adres"})
    assert Invoice.objects.get(kind="credit_note").credited_invoice == invoice


def test_open_items_show_totals_and_filter(staff_client):
    paid = simple_invoice()
    services.payment_record(
        invoice=paid,
        amount=paid.total_incl,
        booked_on=paid.issue_date,
        method="overboeking",
        bank_reference="p1",
    )
    open_invoice = simple_invoice()
    page = staff_client.get(reverse("billing:open_items"))
    assert list(page.context["page"]) == [open_invoice]
    assert page.context["totals"]["open"] == open_invoice.total_incl
    page = staff_client.get(reverse("billing:open_items"), {"state": "paid"})
    assert list(page.context["page"]) == [paid]


def test_the_bookkeeping_export_totals_equal_the_invoices_and_cells_are_formula_safe(staff_client):
    organisation = organisation_with_profile(invoice_name='=HYPERLINK("x")')
    invoice = simple_invoice(organisation)
    credit = services.invoice_credit(invoice=invoice)
    other = simple_invoice()
    response = staff_client.get(reverse("billing:bookkeeping_csv"))
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "\n=HYPERLINK" not in text
    page = staff_client.get(reverse("billing:bookkeeping"))
    totals = page.context["data"]["totals"]
    assert totals["incl"] == invoice.total_incl + credit.total_incl + other.total_incl
    per_product = page.context["data"]["per_product"]
    assert sum(row["excl"] + row["vat"] for row in per_product) == totals["incl"]


def test_the_billing_profiles_csv_round_trips(staff_client):
    organisation_with_profile(
        purchase_order_required=True,
        iban="NL20INGB0001234567",
        mandate_reference="M-7",
        mandate_signed_on="2021-03-04",
        inhabitants=45000,
        peppol_id="0190:00000001001234567000",
    )
    before = list(BillingProfile.objects.values())
    exported = staff_client.get(reverse("billing:profiles_export")).content
    # Dutch Excel writes semicolons and day-month-year dates; both import back.
    dutch = exported.decode("utf-8-sig").replace(",", ";").replace("2021-03-04", "4-3-2021")
    result = profiles_csv.import_csv(raw=dutch.encode("utf-8-sig"), actor=None)
    assert result.updated == 1 and result.created == 0
    after = list(BillingProfile.objects.values())
    for row in (*before, *after):
        row.pop("updated_at")
    assert after == before


def test_a_bad_profile_csv_imports_nothing_and_names_the_line(staff_client):
    organisation = organisation_with_profile()
    raw = f"organisation,iban,kvk\n{organisation.name},NL20INGB0001234567,12345678\nOnbekend,,\n"
    response = staff_client.post(
        reverse("billing:profiles_import"),
        {"file": SimpleUploadedFile("f.csv", raw.encode(), content_type="text/csv")},
    )
    assert "Regel 3" in response.content.decode()
    assert BillingProfile.objects.get().iban == ""


@pytest.mark.parametrize(
    ("name", "budget"),
    [("billing:open_items", 12), ("billing:my_organisation", 12)],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, manager, staff_user, django_assert_max_num_queries, name, budget
):
    for _ in range(12):
        simple_invoice(manager.person.organisation)
    client.force_login(manager if name == "billing:my_organisation" else staff_user)
    with django_assert_max_num_queries(budget):
        assert client.get(reverse(name)).status_code == 200


def test_the_invoice_page_runs_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    invoice = simple_invoice(
        lines=[services.LineSpec(f"Regel {n}", unit_price=Decimal("10.00")) for n in range(15)]
    )
    with django_assert_max_num_queries(12):
        assert (
            staff_client.get(reverse("billing:invoice_detail", args=[invoice.pk])).status_code
            == 200
        )


def test_the_organisation_and_bookkeeping_pages_run_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    organisation = organisation_with_profile()
    for _ in range(12):
        services.invoice_credit(invoice=simple_invoice(organisation))
    for url, budget in (
        (reverse("billing:organisation", args=[organisation.pk]), 14),
        (reverse("billing:bookkeeping"), 12),
        (reverse("billing:contribution"), 10),
        (reverse("billing:direct_debit"), 12),
        (reverse("billing:statement_import"), 10),
    ):
        with django_assert_max_num_queries(budget):
            assert staff_client.get(url).status_code == 200, url
