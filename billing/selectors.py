"""Reads of Facturen, and the one access helper for invoices."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from members.permissions import is_staff_user
from members.selectors import person_for_user

from .filters import InvoiceFilter
from .models import BillingProfile, Invoice, Payment, ProfileProposal

MANAGE = "billing.manage_invoices"


def profile_of(organisation) -> BillingProfile:
    """The organisation's billing profile; an empty one (unsaved) when it has none yet."""
    try:
        return organisation.billing_profile
    except BillingProfile.DoesNotExist:
        return BillingProfile(organisation=organisation)


def may_manage(user) -> bool:
    return user.has_perm(MANAGE) and is_staff_user(user)


def get_invoice_for_user(user, pk) -> Invoice:
    """The invoice, for staff; for the manager of the invoiced organisation; for the person
    invoiced. Anyone else: 404."""
    queryset = Invoice.objects.select_related(
        "organisation", "person", "credited_invoice", "credit_note"
    )
    if not may_manage(user):
        person = person_for_user(user)
        if person is None:
            raise Http404
        mine = Q(person=person)
        if person.is_manager:
            mine |= Q(organisation_id=person.organisation_id)
        queryset = queryset.filter(mine)
    return get_object_or_404(queryset, pk=pk)


def open_items(*, params) -> InvoiceFilter:
    queryset = Invoice.objects.select_related("organisation", "credit_note").order_by(
        "due_date", "number", "pk"
    )
    return InvoiceFilter(params, queryset=queryset)


def totals(queryset) -> dict:
    return queryset.aggregate(
        count=Count("pk"),
        total=Sum("total_incl", default=Decimal("0.00")),
        paid=Sum("amount_paid", default=Decimal("0.00")),
        open=Sum("balance", default=Decimal("0.00")),
    )


def organisation_invoices(organisation):
    return (
        Invoice.objects.filter(organisation=organisation)
        .select_related("credited_invoice", "credit_note")
        .order_by("-issue_date", "-pk")
    )


def open_proposals(organisation=None):
    proposals = ProfileProposal.objects.filter(status=ProfileProposal.Status.OPEN).select_related(
        "organisation", "proposed_by"
    )
    if organisation is not None:
        proposals = proposals.filter(organisation=organisation)
    return proposals


def unmatched_payments():
    return Payment.objects.filter(invoice__isnull=True).select_related("statement")[:200]


def bookkeeping(start, end) -> dict:
    """Invoices, credit notes and payments of a period, and the revenue per product: the
    totals equal the invoices'."""
    from .models import InvoiceLine

    documents = (
        Invoice.objects.issued()
        .filter(issue_date__gte=start, issue_date__lte=end)
        .select_related("credited_invoice")
        .order_by("year", "sequence")
    )
    payments = (
        Payment.objects.filter(booked_on__gte=start, booked_on__lte=end, invoice__isnull=False)
        .select_related("invoice")
        .order_by("booked_on", "pk")
    )
    per_product = (
        InvoiceLine.objects.filter(
            invoice__status=Invoice.Status.ISSUED,
            invoice__issue_date__gte=start,
            invoice__issue_date__lte=end,
        )
        .values("product")
        .annotate(excl=Sum("amount_excl"), vat=Sum("vat_amount"))
        .order_by("product")
    )
    return {
        "documents": documents,
        "payments": payments,
        "per_product": list(per_product),
        "totals": documents.aggregate(
            excl=Sum("total_excl", default=Decimal("0.00")),
            vat=Sum("total_vat", default=Decimal("0.00")),
            incl=Sum("total_incl", default=Decimal("0.00")),
        ),
        "paid": payments.aggregate(total=Sum("amount", default=Decimal("0.00")))["total"],
    }
