"""Paid places: the invoices of a place someone takes (an Academie enrolment, a meeting
registration). Billing asks whom to invoice before the place is taken, invoices it once it
is confirmed (a waiting-list place once it is promoted), and gives a credit note for a
cancellation before the deadline; after it staff decide (the invoice page offers the credit
note). One invoice per place whatever runs twice: the place is the invoice's source.

Each kind of place is one `PaidPlaces`, registered in billing's `AppConfig.ready()` with the
`ingrado.extensions.PlaceExtensions` of the app that has the places (which does not know
billing): `billing.academy.ENROLMENTS`, `billing.meetings.REGISTRATIONS`."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from celery import shared_task
from django.db import transaction

from ingrado.broker import queue_after_commit

from . import services
from .forms import WhomToInvoiceForm
from .models import BuyerChoice

_kinds: dict[str, "PaidPlaces"] = {}


@dataclass(frozen=True, eq=False)
class PaidPlaces:
    source_type: str  # "academy.enrolment": the invoice's source_type
    product: str  # Product.ACADEMY, Product.MEETING
    vat_rate: Callable  # () -> percentage, or None/0: exempt
    price: Callable  # (person, holder) -> what this person pays (None or 0: free)
    load: Callable  # (pk) -> the claim (with person and holder) or None
    is_confirmed: Callable  # (claim) -> bool
    amount: Callable  # (claim) -> the price recorded with the claim
    describe: Callable  # (claim) -> (line description, invoice description)
    title: Callable  # (claim) -> the title staff see on the invoice page
    credit_reason: object  # lazy text on the credit note
    late_cancellation: object  # lazy text with %(title)s: cancelled after the deadline

    def __post_init__(self):
        _kinds[self.source_type] = self

    # --- asking first ---------------------------------------------------------------

    def line(self, gross_price, description) -> services.LineSpec:
        return services.LineSpec(
            description,
            gross_price=gross_price,
            vat_rate=self.vat_rate() or 0,
            product=self.product,
        )

    def question_form(self, person, holder, data=None):
        price = self.price(person, holder)
        if not price:
            return None
        quote = services.quote([self.line(price, str(holder))])
        return WhomToInvoiceForm(data, person=person, quote=quote, prefix="factuur")

    def save_answer(self, claim, cleaned_data) -> None:
        services.buyer_choice_save(
            source_type=self.source_type,
            source_id=str(claim.pk),
            bill_to=cleaned_data["bill_to"],
            organisation=claim.person.organisation,
            purchase_order=cleaned_data.get("purchase_order", ""),
        )

    # --- what the place's app announces ------------------------------------------------

    def _queue(self, task, pk) -> None:
        # Already after the place's commit; in-process when the broker cannot be reached,
        # so nothing is lost.
        with transaction.atomic():
            queue_after_commit(task, self.source_type, pk)

    def confirmed(self, pk, **details) -> None:
        self._queue(invoice_place, pk)

    def cancelled(self, pk, *, was_confirmed, before_deadline, by_staff) -> None:
        if was_confirmed and before_deadline:
            self._queue(credit_place, pk)
        # After the deadline staff decide: the invoice page offers the credit note.

    def register(self, extensions) -> None:
        extensions.register_question(
            name="billing",
            form=self.question_form,
            template="billing/_whom_to_invoice.html",
            save=self.save_answer,
        )
        extensions.listen("confirmed", self.confirmed)
        extensions.listen("promoted", self.confirmed)
        extensions.listen("cancelled", self.cancelled)

    # --- the work of the tasks ------------------------------------------------------------

    def invoice(self, pk: int, *, on=None, mail=True):
        """The invoice of a confirmed place: to the organisation or the person chosen when
        asked; a place taken without the question (by staff, at the door, an import) is
        invoiced to the person's organisation if it is a member, else the person. Nothing
        for a free place or a place no longer confirmed."""
        claim = self.load(pk)
        if claim is None or not self.is_confirmed(claim):
            return None
        amount = self.amount(claim)
        if not amount or Decimal(amount) <= 0:
            return None
        person = claim.person
        choice = BuyerChoice.objects.filter(source_type=self.source_type, source_id=str(pk)).first()
        if choice is not None:
            organisation = choice.organisation if choice.bill_to == "organisation" else None
            purchase_order = choice.purchase_order
        else:
            organisation = person.organisation if person.is_member else None
            purchase_order = ""
        line_text, description = self.describe(claim)
        return services.invoice_create(
            product=self.product,
            lines=[self.line(amount, line_text)],
            organisation=organisation,
            person=None if organisation else person,
            purchase_order=purchase_order,
            description=description,
            source_type=self.source_type,
            source_id=str(pk),
            issue_date=on,
            mail=mail,
        )

    def credit(self, pk: int, actor=None):
        return services.invoice_credit_source(
            source_type=self.source_type,
            source_id=str(pk),
            reason=str(self.credit_reason),
            actor=actor,
        )

    def claim_of(self, invoice):
        if invoice.source_type != self.source_type or not invoice.source_id.isdigit():
            return None
        return self.load(int(invoice.source_id))


def kind_of(source_type: str) -> PaidPlaces | None:
    return _kinds.get(source_type)


def cancelled_late(invoice) -> str:
    """For staff on an invoice page: the invoiced place was cancelled (after the deadline,
    or the credit note would have followed) and the invoice is not credited: what to
    decide. Empty otherwise."""
    kind = kind_of(invoice.source_type)
    if kind is None or invoice.kind != invoice.Kind.INVOICE or invoice.is_credited:
        return ""
    claim = kind.claim_of(invoice)
    if claim is None or claim.status != "cancelled":
        return ""
    return str(kind.late_cancellation) % {"title": kind.title(claim)}


# The tasks that the announcements above queue, beside their work (named as in `tasks`).


@shared_task(
    name="billing.tasks.invoice_place", autoretry_for=(OSError,), retry_backoff=10, max_retries=5
)
def invoice_place(source_type: str, pk: int) -> int | None:
    """Invoice a confirmed (or promoted) paid place, an Academie enrolment or a meeting
    registration; one invoice however often."""
    result = kind_of(source_type).invoice(pk)
    return result.pk if result else None


@shared_task(
    name="billing.tasks.credit_place", autoretry_for=(OSError,), retry_backoff=10, max_retries=5
)
def credit_place(source_type: str, pk: int) -> int | None:
    """A cancellation before the deadline: the place's invoice gets a credit note."""
    result = kind_of(source_type).credit(pk)
    return result.pk if result else None
