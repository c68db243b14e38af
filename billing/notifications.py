"""The e-mails of Facturen: an issued invoice or credit note (with its PDF and e-invoice),
the reminders, and a proposed change of a billing profile for staff.

Every mail of this app goes through `notify()`, the one place to repoint when the portal's
outbox takes over sending: it queues `billing.tasks.send_mail` once the transaction commits
(`ingrado.emails.send_after_commit`), and the task calls `deliver()`, which renders the
mail with `ingrado.emails.send_templated_email`. Both take primary keys only.
"""

from django.conf import settings

from ingrado.emails import send_after_commit, send_templated_email

KINDS = ("invoice_issued", "reminder_first", "reminder_second", "profile_proposed")


def notify(kind: str, pk: int) -> None:
    """Send the mail `kind` about object `pk` once the current transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown billing mail {kind!r}")
    from .tasks import send_mail

    send_after_commit(send_mail, kind, pk)


def deliver(kind: str, pk: int) -> None:
    """Render and send the mail (the task's work)."""
    from . import documents
    from .models import Invoice, ProfileProposal

    if kind == "profile_proposed":
        proposal = ProfileProposal.objects.select_related("organisation", "proposed_by").get(pk=pk)
        send_templated_email(
            "billing/emails/profile_proposed",
            {"proposal": proposal},
            [settings.BILLING_SELLER["email"]],
        )
        return
    invoice = Invoice.objects.select_related("credited_invoice").get(pk=pk)
    if not invoice.buyer_email or not invoice.is_issued:
        return
    if kind != "invoice_issued" and (invoice.balance <= 0 or invoice.is_credited):
        return  # paid or credited meanwhile: never reminded
    attachments = [
        (f"{documents.filename(invoice)}.pdf", documents.invoice_pdf(invoice), "application/pdf")
    ]
    if documents.has_e_invoice(invoice):
        attachments.append(
            (
                f"{documents.filename(invoice)}.xml",
                documents.invoice_ubl(invoice),
                "application/xml",
            )
        )
    send_templated_email(
        f"billing/emails/{kind}",
        {"invoice": invoice},
        [invoice.buyer_email],
        attachments=attachments,
    )
