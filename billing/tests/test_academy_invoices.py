"""Enrolling asks whom to invoice and shows price and VAT first; a confirmed enrolment is
invoiced once, a waiting-list place only once promoted; cancelling before the deadline gives
a credit note, after it staff decide. Cancelling asks first too (issue 25 §6)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import services as academy
from academy.models import Enrolment
from academy.tests.factories import edition_with_sessions
from billing import tasks
from billing.models import BillingProfile, BuyerChoice, Invoice
from members.tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(action, ...)`: run the action, then what it queued after commit (the hooks,
    the invoice task, the mail), as a real commit would."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _invoices_of(enrolment):
    return Invoice.objects.filter(source_type="academy.enrolment", source_id=str(enrolment.pk))


def test_enrolling_asks_first_with_price_vat_and_whom_to_invoice(member_client, member):
    BillingProfile.objects.create(
        organisation=member.person.organisation, purchase_order_required=True
    )
    edition = edition_with_sessions()
    page = member_client.get(reverse("academy:enrol", args=[edition.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "€\xa0300,00" in text and "vrijgesteld van btw" in text
    assert "Aan wie sturen we de factuur?" in text and member.person.organisation.name in text
    assert "vraagt een inkoopnummer" in text
    assert "Kosteloos annuleren kan tot en met" in text
    assert not Enrolment.objects.exists(), "asking enrols nobody"


def test_a_confirmed_enrolment_is_invoiced_once_to_the_chosen_organisation(
    member_client, member, committed
):
    organisation = member.person.organisation
    BillingProfile.objects.create(
        organisation=organisation, street="Markt 1", postcode="1234 AB", city="Ergens", oin="1" * 20
    )
    edition = edition_with_sessions()
    response = committed(
        member_client.post,
        reverse("academy:enrol", args=[edition.pk]),
        {"confirm": "yes", "factuur-bill_to": "organisation", "factuur-purchase_order": "PO-77"},
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    invoice = _invoices_of(enrolment).get()
    assert invoice.organisation == organisation and invoice.purchase_order == "PO-77"
    assert invoice.is_issued and invoice.total_incl == Decimal("300.00")
    line = invoice.lines.get()
    assert line.vat_category == "E" and "Vrijgesteld van btw" in line.exemption_reason
    # The task running twice (a redelivery) makes no second invoice.
    tasks.invoice_enrolment.apply(args=[enrolment.pk])
    assert _invoices_of(enrolment).count() == 1


def test_the_person_can_be_invoiced_and_without_an_answer_the_choice_is_asked_again(
    member_client, member, committed
):
    edition = edition_with_sessions()
    url = reverse("academy:enrol", args=[edition.pk])
    again = member_client.post(url, {"confirm": "yes", "factuur-bill_to": "nonsense"})
    assert again.status_code == 200 and not Enrolment.objects.exists()
    committed(member_client.post, url, {"confirm": "yes", "factuur-bill_to": "person"})
    invoice = _invoices_of(Enrolment.objects.get()).get()
    assert invoice.person == member.person and invoice.organisation is None


def test_a_waiting_list_place_is_invoiced_only_once_promoted(committed, settings):
    settings.ACADEMY_VAT_RATE = 21
    edition = edition_with_sessions(capacity=1)
    first = committed(academy.enrolment_create, edition=edition, person=MemberFactory().person)
    waiting = committed(academy.enrolment_create, edition=edition, person=UserFactory().person)
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert not _invoices_of(waiting).exists()
    committed(academy.enrolment_cancel, enrolment=first)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.CONFIRMED
    invoice = _invoices_of(waiting).get()
    assert invoice.person == waiting.person  # a non-member is invoiced personally
    assert invoice.total_incl == Decimal("400.00")  # the non-member price, incl. 21 % VAT
    assert invoice.total_vat == Decimal("69.42") and invoice.total_excl == Decimal("330.58")


def test_cancelling_before_the_deadline_gives_a_credit_note(committed):
    edition = edition_with_sessions()
    enrolment = committed(academy.enrolment_create, edition=edition, person=MemberFactory().person)
    invoice = _invoices_of(enrolment).get()
    committed(academy.enrolment_cancel, enrolment=enrolment)
    invoice.refresh_from_db()
    assert invoice.is_credited and invoice.credit_note.total_incl == -invoice.total_incl
    assert invoice.balance == 0


def test_after_the_deadline_staff_decide(committed, staff_client):
    edition = edition_with_sessions(days_ahead=3)  # the cancellation deadline has passed
    enrolment = committed(academy.enrolment_create, edition=edition, person=MemberFactory().person)
    invoice = _invoices_of(enrolment).get()
    committed(academy.enrolment_cancel, enrolment=enrolment, by_staff=True)
    invoice.refresh_from_db()
    assert not invoice.is_credited and invoice.balance == invoice.total_incl
    page = staff_client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert "na de annuleringstermijn geannuleerd" in page and "Maak een creditnota" in page


def test_a_member_cancelling_sees_the_terms_the_price_and_the_waiting_list_first(
    member_client, member, committed
):
    edition = edition_with_sessions(capacity=1)
    enrolment = committed(academy.enrolment_create, edition=edition, person=member.person)
    committed(academy.enrolment_create, edition=edition, person=MemberFactory().person)
    detail = member_client.get(
        reverse("academy:edition_detail", args=[edition.pk])
    ).content.decode()
    cancel_url = reverse("academy:enrolment_cancel", args=[enrolment.pk])
    assert f'href="{cancel_url}"' in detail, (
        "the edition page links to the question, no one-click form"
    )
    page = member_client.get(cancel_url).content.decode()
    assert "Kosteloos annuleren kan tot en met" in page and "€\xa0300,00" in page
    assert "Je plaats gaat naar de eerste op de wachtlijst." in page
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CONFIRMED
    member_client.post(cancel_url)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED


def test_a_free_place_is_not_invoiced_and_asks_nothing(member_client, committed):
    edition = edition_with_sessions()
    edition.activity.price_member = Decimal("0.00")
    edition.activity.save()
    page = member_client.get(reverse("academy:enrol", args=[edition.pk])).content.decode()
    assert "Aan wie sturen we de factuur?" not in page
    committed(member_client.post, reverse("academy:enrol", args=[edition.pk]), {"confirm": "yes"})
    assert Enrolment.objects.count() == 1 and not Invoice.objects.exists()
    assert not BuyerChoice.objects.exists()


def test_the_enrolment_deadline_of_the_edition_is_kept(member_client):
    edition = edition_with_sessions(enrolment_deadline=timezone.localdate() - timedelta(days=1))
    response = member_client.get(reverse("academy:enrol", args=[edition.pk]))
    assert response.status_code == 302
