"""The Academie's invoices: billing asks whom to invoice before an enrolment is confirmed
and invoices an enrolment once it is confirmed (or promoted from the waiting list); a
cancellation before the cancellation deadline gives a credit note, after it staff decide.

Filled in through `academy.extensions` (the Academie does not know billing), by the paid
places every kind of place shares (`billing.places`)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from academy.models import Enrolment

from .models import Product
from .places import PaidPlaces

SOURCE = "academy.enrolment"


def _price(person, edition):
    from academy.services import price_for

    return price_for(person, edition.activity)


def _load(pk):
    return (
        Enrolment.objects.select_related("person__organisation", "edition__activity")
        .filter(pk=pk)
        .first()
    )


def _describe(enrolment):
    activity = enrolment.edition.activity
    first = enrolment.edition.sessions.order_by("date").values_list("date", flat=True).first()
    description = activity.title
    if first:
        description += f", {first:%d-%m-%Y}"
    return f"{description} ({enrolment.person.full_name})", activity.title


ENROLMENTS = PaidPlaces(
    source_type=SOURCE,
    product=Product.ACADEMY,
    vat_rate=lambda: settings.ACADEMY_VAT_RATE,
    price=_price,
    load=_load,
    is_confirmed=lambda enrolment: enrolment.status == Enrolment.Status.CONFIRMED,
    amount=lambda enrolment: enrolment.price,
    describe=_describe,
    title=lambda enrolment: enrolment.edition.activity.title,
    credit_reason=_("Enrolment cancelled before the cancellation deadline"),
    late_cancellation=_(
        "The enrolment for %(title)s has been cancelled after the cancellation deadline: "
        "decide whether the price is due, or make a credit note."
    ),
)


def academy_line(gross_price, description):
    return ENROLMENTS.line(gross_price, description)


def register(extensions) -> None:
    ENROLMENTS.register(extensions.ENROLMENTS)


def invoice_enrolment(enrolment_pk: int, *, on=None, mail=True):
    return ENROLMENTS.invoice(enrolment_pk, on=on, mail=mail)


def credit_enrolment(enrolment_pk: int, actor=None):
    return ENROLMENTS.credit(enrolment_pk, actor=actor)


def enrolment_of(invoice):
    return ENROLMENTS.claim_of(invoice)
