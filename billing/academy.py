"""The Academie's invoices: billing asks whom to invoice before an enrolment is confirmed
and invoices an enrolment once it is confirmed (or promoted from the waiting list); a
cancellation before the cancellation deadline gives a credit note, after it staff decide.

Filled in through `academy.extensions` (the Academie does not know billing)."""

from django.conf import settings
from django.db import transaction

from academy.models import Enrolment
from ingrado.broker import queue_after_commit

from . import services
from .forms import WhomToInvoiceForm
from .models import BuyerChoice, Product

SOURCE = "academy.enrolment"


def academy_line(gross_price, description) -> services.LineSpec:
    rate = settings.ACADEMY_VAT_RATE
    return services.LineSpec(
        description,
        gross_price=gross_price,
        vat_rate=rate or 0,
        product=Product.ACADEMY,
    )


def _question_form(person, edition, data=None):
    from academy.services import price_for

    price = price_for(person, edition.activity)
    if not price:
        return None
    line = academy_line(price, edition.activity.title)
    return WhomToInvoiceForm(data, person=person, quote=services.quote([line]), prefix="factuur")


def _save_answer(enrolment, cleaned_data) -> None:
    services.buyer_choice_save(
        source_type=SOURCE,
        source_id=str(enrolment.pk),
        bill_to=cleaned_data["bill_to"],
        organisation=enrolment.person.organisation,
        purchase_order=cleaned_data.get("purchase_order", ""),
    )


def _queue(task, enrolment_pk):
    # Already after the enrolment's commit; in-process when the broker cannot be reached,
    # so nothing is lost.
    with transaction.atomic():
        queue_after_commit(task, enrolment_pk)


def _confirmed(enrolment_pk, **details):
    from .tasks import invoice_enrolment

    _queue(invoice_enrolment, enrolment_pk)


def _cancelled(enrolment_pk, *, was_confirmed, before_deadline, by_staff):
    from .tasks import credit_enrolment

    if was_confirmed and before_deadline:
        _queue(credit_enrolment, enrolment_pk)
    # After the deadline staff decide: the invoice page offers the credit note.


def register(extensions) -> None:
    extensions.register_enrolment_question(
        name="billing",
        form=_question_form,
        template="billing/_whom_to_invoice.html",
        save=_save_answer,
    )
    extensions.listen("confirmed", _confirmed)
    extensions.listen("promoted", _confirmed)
    extensions.listen("cancelled", _cancelled)


def invoice_enrolment(enrolment_pk: int, *, on=None, mail=True):
    """The invoice of a confirmed enrolment (the task's work): to the organisation or the
    person chosen when enrolling; an enrolment made without the question (by staff, an
    import) is invoiced to the person's organisation if it is a member, else the person.
    Nothing for a free place or an enrolment no longer confirmed."""
    enrolment = (
        Enrolment.objects.select_related("person__organisation", "edition__activity")
        .filter(pk=enrolment_pk)
        .first()
    )
    if enrolment is None or enrolment.status != Enrolment.Status.CONFIRMED or not enrolment.price:
        return None
    person = enrolment.person
    choice = BuyerChoice.objects.filter(source_type=SOURCE, source_id=str(enrolment_pk)).first()
    if choice is not None:
        organisation = choice.organisation if choice.bill_to == "organisation" else None
        purchase_order = choice.purchase_order
    else:
        organisation = person.organisation if person.is_member else None
        purchase_order = ""
    activity = enrolment.edition.activity
    first = enrolment.edition.sessions.order_by("date").values_list("date", flat=True).first()
    description = activity.title
    if first:
        description += f", {first:%d-%m-%Y}"
    description += f" ({person.full_name})"
    return services.invoice_create(
        product=Product.ACADEMY,
        lines=[academy_line(enrolment.price, description)],
        organisation=organisation,
        person=None if organisation else person,
        purchase_order=purchase_order,
        description=activity.title,
        source_type=SOURCE,
        source_id=str(enrolment_pk),
        issue_date=on,
        mail=mail,
    )


def credit_enrolment(enrolment_pk: int, actor=None):
    from django.utils.translation import gettext as _

    return services.invoice_credit_source(
        source_type=SOURCE,
        source_id=str(enrolment_pk),
        reason=_("Enrolment cancelled before the cancellation deadline"),
        actor=actor,
    )


def enrolment_of(invoice):
    if invoice.source_type != SOURCE:
        return None
    return (
        Enrolment.objects.select_related("edition__activity", "person")
        .filter(pk=invoice.source_id)
        .first()
    )
