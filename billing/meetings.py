"""The meetings' invoices: a paid meeting (a member or non-member price) asks whom to invoice
before registering, a confirmed registration is invoiced (a waiting-list one once promoted),
a cancellation before the date to cancel — or the meeting cancelled — gives a credit note;
after that date staff decide. Free meetings are not touched.

Filled in through `meetings.extensions` (the meetings do not know billing), by the paid
places every kind of place shares (`billing.places`)."""

from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, PlaceStatus, Registration

from .models import Product
from .places import PaidPlaces

SOURCE = "meetings.registration"


def _vat_rate():
    from meetings.services import vat_rate

    return vat_rate()


def _price(person, meeting: Meeting):
    from meetings.services import price_for

    return price_for(person, meeting)


def _load(pk):
    return (
        Registration.objects.select_related("person__organisation", "meeting").filter(pk=pk).first()
    )


def _describe(registration):
    meeting = registration.meeting
    return (
        f"{meeting.title}, {meeting.date:%d-%m-%Y} ({registration.person.full_name})",
        meeting.title,
    )


REGISTRATIONS = PaidPlaces(
    source_type=SOURCE,
    product=Product.MEETING,
    vat_rate=_vat_rate,
    price=_price,
    load=_load,
    is_confirmed=lambda registration: registration.status == PlaceStatus.CONFIRMED,
    amount=lambda registration: registration.price,
    describe=_describe,
    title=lambda registration: registration.meeting.title,
    credit_reason=_("Registration cancelled before the date to cancel"),
    late_cancellation=_(
        "The registration for %(title)s has been cancelled after the date to cancel: "
        "decide whether the price is due, or make a credit note."
    ),
)


def register(extensions) -> None:
    REGISTRATIONS.register(extensions.REGISTRATIONS)


def invoice_registration(registration_pk: int, *, on=None, mail=True):
    return REGISTRATIONS.invoice(registration_pk, on=on, mail=mail)
