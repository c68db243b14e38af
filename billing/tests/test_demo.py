"""The demo's invoices (seeded once for this module): every e-invoice passes the validator,
the states the README promises are there, the demo statement imports once, and the member
statement's numbers equal the figures pages filtered to the organisation."""

import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from billing import bank, documents
from billing.models import BankStatement, Invoice, Payment
from billing.statement import member_statement
from members.models import Organisation

from .validator import problems

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _demo(demo_data):
    return demo_data


def test_every_demo_e_invoice_passes_the_validator():
    invoices = [i for i in Invoice.objects.issued().order_by("pk") if documents.has_e_invoice(i)]
    assert len(invoices) > 150
    failures = {i.number: p for i in invoices if (p := problems(documents.invoice_ubl(i)))}
    assert failures == {}


def test_the_demo_holds_this_years_contributie_paid_open_reminded_and_academie_invoices():
    year = timezone.localdate().year
    contributie = Invoice.objects.filter(
        source_type="contributie", source_id__startswith=f"{year}:"
    )
    members = Organisation.objects.active_members(on=date(year, 1, 1)).exclude(kind="partner")
    assert set(contributie.values_list("organisation_id", flat=True)) == set(
        members.values_list("pk", flat=True)
    )
    assert Payment.objects.filter(method=Payment.Method.DIRECT_DEBIT).count() > 20
    assert Payment.objects.filter(method=Payment.Method.TRANSFER).count() > 20
    assert contributie.open_items().count() >= 3
    assert contributie.filter(first_reminder_at__isnull=False).exists()
    assert contributie.filter(status=Invoice.Status.DRAFT).count() == 1
    academie = Invoice.objects.filter(product="academie")
    assert academie.exists() and all(i.total_incl > 0 for i in academie)


def test_the_demo_statement_imports_once(tmp_path):
    output = tmp_path / "afschrift.xml"
    call_command("demo_statement", str(output), stdout=io.StringIO())
    raw = output.read_bytes()
    result = bank.statement_import(raw=raw)
    assert len(result.matched) == 3 and len(result.unmatched) == 1
    with pytest.raises(bank.StatementRefused):
        bank.statement_import(raw=raw)
    assert BankStatement.objects.count() == 2


def _figure(page: str, label: str) -> str:
    match = re.search(rf"<dt>{re.escape(label)}</dt>\s*<dd>([^<]*)</dd>", page)
    assert match, label
    return match.group(1).strip()


def test_the_member_statement_equals_the_figures_pages_filtered_to_the_organisation(staff_client):
    organisation = Organisation.objects.get(name="Gemeente Amersfoort")
    year = timezone.localdate().year - 1
    statement = {
        label: value
        for section in member_statement(organisation, year)["sections"]
        for label, value in section["rows"]
    }
    helpdesk = staff_client.get(
        reverse("knowledge:figures"), {"jaar": year, "organisatie": organisation.pk}
    )
    academy = staff_client.get(
        reverse("academy:figures"), {"jaar": year, "organisatie": organisation.pk}
    )
    from academy import stats as academy_stats
    from knowledge import stats as knowledge_stats

    helpdesk_figures = helpdesk.context["figures"]
    academy_figures = academy.context["figures"]
    assert helpdesk_figures == knowledge_stats.year_figures(year, organisation=organisation)
    assert statement["Beantwoorde vragen"] == str(helpdesk_figures["answered"])
    assert academy_figures == academy_stats.year_figures(year, organisation=organisation)
    assert statement["Collega’s getraind"] == str(academy_figures["participants"])
    assert statement["Certificaten"] == str(academy_figures["certificates"])
    assert helpdesk_figures["answered"] > 0 and academy_figures["participants"] > 0
    assert organisation.name in helpdesk.content.decode()


def test_the_statements_meetings_equal_the_meeting_figures_filtered_to_the_organisation(
    staff_client,
):
    from meetings import stats as meeting_stats
    from meetings.models import Registration

    organisation = Organisation.objects.get(name="Gemeente Amersfoort")
    year = timezone.localdate().year - 1
    sections = {s["name"]: s for s in member_statement(organisation, year)["sections"]}
    assert list(sections) == ["helpdesk", "academy", "meetings"]
    assert sections["meetings"]["title"] == "Bijeenkomsten"
    statement = dict(sections["meetings"]["rows"])
    page = staff_client.get(
        reverse("meetings:figures"), {"jaar": year, "organisatie": organisation.pk}
    )
    figures = page.context["figures"]
    assert figures == meeting_stats.year_figures(year, organisation=organisation)
    assert statement["Bijeenkomsten bezocht"] == str(figures["meetings"])
    assert statement["Collega’s bij bijeenkomsten"] == str(figures["people"])
    for row in figures["by_kind"]:
        assert statement[meeting_stats.kind_label(row["kind"])] == str(row["meetings"])
    # Counted independently: the organisation recorded with each checked-in registration.
    attended = Registration.objects.filter(
        organisation=organisation,
        status="confirmed",
        checked_in_at__isnull=False,
        meeting__date__year=year,
        meeting__status="published",
    )
    assert figures["meetings"] == attended.values("meeting").distinct().count() > 0
    assert figures["people"] == attended.values("person").distinct().count() > 0
    text = page.content.decode()
    assert organisation.name in text and "Voor het jaarverslag" not in text
    whole = staff_client.get(reverse("meetings:figures"), {"jaar": year}).context["figures"]
    assert whole["meetings"] > figures["meetings"]
    csv = staff_client.get(
        reverse("meetings:figures_csv", args=[year]), {"organisatie": organisation.pk}
    ).content.decode()
    assert f"Deelnemers,{figures['participants']}" in csv
    assert f"Bijeenkomsten,{figures['meetings']}" in csv
