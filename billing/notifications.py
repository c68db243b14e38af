"""The e-mails of Facturen: an issued invoice or credit note (with its PDF and e-invoice),
the reminders, and a proposed change of a billing profile for staff.

Every mail of this app goes through `notify()`: it queues the task `queue_mail` (defined here,
beside its work, named `billing.tasks.queue_mail`) once the transaction commits (the invoice's
PDF and e-invoice are made there, not in the request), and the task calls `deliver()`, which
renders the mail and queues it in the portal's outbox
(`outbox.services.mail_queue`), once: under a lock of the invoice, a mail already queued is
not queued again. Both take primary keys only.
"""

from celery import shared_task
from django.conf import settings
from django.db import transaction

from ingrado.broker import queue_after_commit
from outbox.services import mail_queue, mail_queued

from . import documents
from .models import Invoice, ProfileProposal

KINDS = ("invoice_issued", "reminder_first", "reminder_second", "profile_proposed")


def notify(kind: str, pk: int) -> None:
    """Send the mail `kind` about object `pk` once the current transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown billing mail {kind!r}")
    queue_after_commit(queue_mail, kind, pk)


@shared_task(
    name="billing.tasks.queue_mail", autoretry_for=(OSError,), retry_backoff=30, max_retries=5
)
def queue_mail(kind: str, pk: int) -> None:
    """Make the billing mail `kind` and queue it in the outbox, once; the outbox sends it."""
    deliver(kind, pk)


@transaction.atomic
def deliver(kind: str, pk: int) -> None:
    """Render the mail and queue it in the outbox, once (the task's work)."""
    if kind == "profile_proposed":
        proposal = (
            ProfileProposal.objects.select_for_update(of=("self",))
            .select_related("organisation", "proposed_by")
            .get(pk=pk)
        )
        if mail_queued(prefix="billing/emails/profile_proposed", about=proposal):
            return
        mail_queue(
            prefix="billing/emails/profile_proposed",
            context={"proposal": proposal},
            to=settings.BILLING_SELLER["email"],
            about=proposal,
        )
        return
    invoice = Invoice.objects.select_for_update().get(pk=pk)
    if not invoice.buyer_email or not invoice.is_issued:
        return
    if mail_queued(prefix=f"billing/emails/{kind}", about=invoice):
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
    mail_queue(
        prefix=f"billing/emails/{kind}",
        context={"invoice": invoice},
        to=invoice.buyer_email,
        attachments=attachments,
        about=invoice,
    )
