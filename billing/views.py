from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ingrado.downloads import csv_response
from ingrado.formatting import money
from members.models import Organisation
from members.permissions import role_required
from members.selectors import person_for_user
from members.services import audit_log

from . import bank, documents, profiles_csv, selectors, services
from .forms import (
    BillingProfileForm,
    ContributionRunForm,
    CreditForm,
    DirectDebitForm,
    PeriodForm,
    ProfileImportForm,
    ProposalForm,
    ProRataForm,
    PurchaseOrderForm,
    StatementUploadForm,
)
from .models import DirectDebitBatch, ProfileProposal, Tariff

MANAGE = selectors.MANAGE


@role_required(MANAGE)
def open_items(request):
    filterset = selectors.open_items(params=request.GET)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "billing/open_items.html",
        {"filter": filterset, "page": page, "totals": selectors.totals(filterset.qs)},
    )


@login_required
def invoice_detail(request, pk):
    invoice = selectors.get_invoice_for_user(request.user, pk)
    staff = selectors.may_manage(request.user)
    from .places import cancelled_late

    return render(
        request,
        "billing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": list(invoice.lines.all()),
            "payments": list(invoice.payments.all()) if invoice.is_issued else [],
            "staff": staff,
            "cancelled_late": cancelled_late(invoice) if staff else "",
            "po_form": PurchaseOrderForm() if not invoice.is_issued else None,
            "has_e_invoice": documents.has_e_invoice(invoice),
        },
    )


def _download(request, invoice, content, content_type, extension):
    audit_log(
        actor=request.user,
        action=f"billing.download_{extension}",
        obj=invoice,
        number=invoice.number,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.filename(invoice)}.{extension}"'
    )
    return response


@login_required
def invoice_pdf(request, pk):
    invoice = selectors.get_invoice_for_user(request.user, pk)
    if not invoice.is_issued:
        messages.info(request, _("A draft has no PDF yet."))
        return redirect("billing:invoice_detail", pk=invoice.pk)
    return _download(request, invoice, documents.invoice_pdf(invoice), "application/pdf", "pdf")


@login_required
def invoice_ubl(request, pk):
    invoice = selectors.get_invoice_for_user(request.user, pk)
    if not documents.has_e_invoice(invoice):
        messages.info(
            request,
            _(
                "This invoice has no e-invoice: it is not issued to an organisation with a "
                "Peppol address."
            ),
        )
        return redirect("billing:invoice_detail", pk=invoice.pk)
    return _download(request, invoice, documents.invoice_ubl(invoice), "application/xml", "xml")


@require_POST
@login_required
def invoice_purchase_order(request, pk):
    invoice = selectors.get_invoice_for_user(request.user, pk)
    person = person_for_user(request.user)
    manager = (
        person is not None
        and person.is_manager
        and person.organisation_id == invoice.organisation_id
    )
    if not (manager or selectors.may_manage(request.user)):
        raise PermissionDenied
    form = PurchaseOrderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the purchase order number (at most 50 characters)."))
    else:
        try:
            invoice = services.invoice_set_purchase_order(
                invoice=invoice,
                purchase_order=form.cleaned_data["purchase_order"],
                actor=request.user,
            )
        except services.BillingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Invoice %(number)s has been issued.") % {"number": invoice.number}
            )
    return redirect("billing:invoice_detail", pk=invoice.pk)


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def invoice_credit(request, pk):
    """GET asks for confirmation (a page with the button; no JavaScript needed), POST makes
    the credit note."""
    invoice = selectors.get_invoice_for_user(request.user, pk)
    form = CreditForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credit = services.invoice_credit(
                invoice=invoice, reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.BillingError as error:
            messages.error(request, error.message)
            return redirect("billing:invoice_detail", pk=invoice.pk)
        messages.success(
            request, _("Credit note %(number)s has been made.") % {"number": credit.number}
        )
        return redirect("billing:invoice_detail", pk=credit.pk)
    return render(request, "billing/credit_confirm.html", {"invoice": invoice, "form": form})


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def organisation_billing(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    profile = services.profile_of(organisation)
    form = BillingProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(
                organisation=organisation,
                actor=request.user,
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The billing profile has been saved."))
            return redirect("billing:organisation", pk=organisation.pk)
    return render(
        request,
        "billing/organisation.html",
        {
            "organisation": organisation,
            "pro_rata": _pro_rata_offer(organisation),
            "form": form,
            "invoices": selectors.organisation_invoices(organisation)[:100],
            "proposals": selectors.open_proposals(organisation),
        },
    )


def _pro_rata_offer(organisation) -> dict | None:
    """What "Contributie naar rato" would invoice a member that joined this year and has no
    contributie invoice of it yet; None when there is nothing to offer."""
    year = timezone.localdate().year
    if not services.new_members_without_contribution(year).filter(pk=organisation.pk).exists():
        return None
    try:
        months, tariff, amount = services.contribution_pro_rata_quote(
            organisation=organisation, year=year
        )
    except services.BillingError as error:
        return {"year": year, "refusal": error.message}
    return {"year": year, "months": months, "tariff": tariff, "amount": amount}


@require_POST
@role_required(MANAGE)
def contribution_pro_rata(request, pk):
    """ "Contributie naar rato": one invoice for the rest of the year for a member that
    joined after the contributie run; a second click makes none."""
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ProRataForm(request.POST)
    back = (
        redirect("billing:contribution")
        if request.POST.get("next") == "contribution"
        else redirect("billing:organisation", pk=organisation.pk)
    )
    if not form.is_valid():
        messages.error(request, _("Choose a year between 2000 and 2100."))
        return back
    try:
        result = services.contribution_pro_rata(
            organisation=organisation, year=form.cleaned_data["year"], actor=request.user
        )
    except services.BillingError as error:
        messages.error(request, error.message)
        return back
    invoice = result.invoice
    if not result.created:
        messages.info(
            request,
            _("%(name)s already has its contributie invoice of %(year)s: none made.")
            % {"name": organisation.name, "year": form.cleaned_data["year"]},
        )
    elif invoice.is_issued:
        messages.success(
            request,
            _("Invoice %(number)s made: contributie for %(months)s months, %(amount)s.")
            % {
                "number": invoice.number,
                "months": result.months,
                "amount": money(invoice.total_incl),
            },
        )
    else:
        messages.warning(request, invoice.draft_reason)
    return back


@require_POST
@role_required(MANAGE)
def proposal_decide(request, pk):
    proposal = get_object_or_404(ProfileProposal, pk=pk)
    try:
        services.proposal_decide(
            proposal=proposal, apply=request.POST.get("apply") == "yes", actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except services.BillingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal has been dealt with."))
    return redirect("billing:organisation", pk=proposal.organisation_id)


@require_http_methods(["GET", "POST"])
@login_required
def my_organisation(request):
    """A manager sees their organisation's invoices and billing profile, and proposes
    changes to the profile."""
    person = person_for_user(request.user)
    if person is None or not person.is_manager:
        raise PermissionDenied
    organisation = person.organisation
    profile = services.profile_of(organisation)
    form = ProposalForm(request.POST or None, instance=services.profile_of(organisation))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "note"}
        try:
            services.profile_propose(
                organisation=organisation,
                person=person,
                changes=changes,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except services.BillingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you: Ingrado checks your proposal and applies it."))
            return redirect("billing:my_organisation")
    return render(
        request,
        "billing/my_organisation.html",
        {
            "organisation": organisation,
            "profile": profile,
            "form": form,
            "invoices": selectors.organisation_invoices(organisation)[:100],
            "proposals": selectors.open_proposals(organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def contribution(request):
    year = timezone.localdate().year + 1
    form = ContributionRunForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        result = services.contribution_run(year=form.cleaned_data["year"], actor=request.user)
        messages.success(
            request,
            _(
                "%(created)s contributie invoices made (%(drafts)s waiting for a purchase order "
                "number); %(existing)s already existed."
            )
            % {"created": result.created, "drafts": result.drafts, "existing": result.existing},
        )
        if result.without_tariff:
            messages.warning(
                request,
                _("No tariff for: %(names)s.") % {"names": ", ".join(result.without_tariff[:20])},
            )
        return redirect("billing:contribution")
    this_year = timezone.localdate().year
    return render(
        request,
        "billing/contribution.html",
        {
            "form": form,
            "this_year": this_year,
            "new_members": services.new_members_without_contribution(this_year)[:100],
            "tariffs": Tariff.objects.order_by("-year", "kind", "inhabitants_from")[:60],
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def direct_debit(request):
    form = DirectDebitForm(
        request.POST or None, initial={"collection_date": bank.next_collection_date()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = bank.direct_debit_batch_create(
                collection_date=form.cleaned_data["collection_date"], actor=request.user
            )
        except services.BillingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Direct-debit batch made: %(n)s invoices, %(total)s.")
                % {"n": batch.invoices.count(), "total": money(batch.total)},
            )
        return redirect("billing:direct_debit")
    candidates = bank.direct_debit_candidates()
    return render(
        request,
        "billing/direct_debit.html",
        {
            "form": form,
            "candidates": candidates[:200],
            "candidate_totals": selectors.totals(candidates),
            "batches": DirectDebitBatch.objects.all()[:20],
        },
    )


@role_required(MANAGE)
def direct_debit_download(request, pk):
    batch = get_object_or_404(DirectDebitBatch, pk=pk)
    audit_log(actor=request.user, action="billing.direct_debit_download", obj=batch)
    response = HttpResponse(batch.xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="incasso-{batch.message_id}.xml"'
    return response


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def statement_import(request):
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = bank.statement_import(raw=form.cleaned_data["file"].read(), actor=request.user)
        except bank.StatementRefused as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("Statement imported: %(matched)s payments matched, %(unmatched)s not matched.")
                % {"matched": len(result.matched), "unmatched": len(result.unmatched)},
            )
    return render(
        request,
        "billing/statement_import.html",
        {"form": form, "result": result, "unmatched": selectors.unmatched_payments()},
    )


def _period(request):
    today = timezone.localdate()
    data = request.GET if "start" in request.GET else None
    form = PeriodForm(data, initial={"start": date(today.year, 1, 1), "end": today})
    if data is not None and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, date(today.year, 1, 1), today


@role_required(MANAGE)
def bookkeeping(request):
    form, start, end = _period(request)
    return render(
        request,
        "billing/bookkeeping.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "data": selectors.bookkeeping(start, end),
            "query": request.GET.urlencode(),
        },
    )


@role_required(MANAGE)
def bookkeeping_csv(request):
    _form, start, end = _period(request)
    data = selectors.bookkeeping(start, end)
    header = [
        _("Kind"),
        _("Number"),
        _("Date"),
        _("Organisation or person"),
        _("Product"),
        _("Excl. VAT"),
        _("VAT"),
        _("Total"),
        _("Refers to"),
    ]
    rows = [
        (
            invoice.get_kind_display(),
            invoice.number,
            invoice.issue_date.isoformat(),
            invoice.buyer_name,
            invoice.get_product_display(),
            invoice.total_excl,
            invoice.total_vat,
            invoice.total_incl,
            invoice.credited_invoice.number if invoice.credited_invoice else "",
        )
        for invoice in data["documents"]
    ]
    rows += [
        (
            _("Payment"),
            payment.invoice.number,
            payment.booked_on.isoformat(),
            payment.counterparty,
            payment.get_method_display(),
            "",
            "",
            payment.amount,
            payment.bank_reference,
        )
        for payment in data["payments"]
    ]
    audit_log(
        actor=request.user,
        action="billing.bookkeeping_export",
        obj=request.user,
        start=str(start),
        end=str(end),
    )
    return csv_response(f"boekhouding-{start}-{end}.csv", header, rows)


@role_required(MANAGE)
def profiles_export(request):
    audit_log(actor=request.user, action="billing.profiles_export", obj=request.user)
    return csv_response("factuurgegevens.csv", profiles_csv.COLUMNS, profiles_csv.export_rows())


@require_http_methods(["GET", "POST"])
@role_required(MANAGE)
def profiles_import(request):
    form = ProfileImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = profiles_csv.import_csv(
                raw=form.cleaned_data["file"].read(), actor=request.user
            )
        except profiles_csv.ImportFailed as failure:
            errors = failure.result.errors
            messages.error(request, _("Nothing was imported: the file contains errors."))
        else:
            messages.success(
                request,
                _("Import complete: %(created)s billing profiles added, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(reverse("billing:open_items"))
    return render(
        request,
        "billing/profiles_import.html",
        {
            "form": form,
            "errors": errors,
            "columns": profiles_csv.COLUMNS,
            "max_rows": profiles_csv.MAX_ROWS,
        },
    )
