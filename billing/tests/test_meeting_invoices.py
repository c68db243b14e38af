"""A paid meeting asks whom to invoice and shows price and VAT before registering, as a paid
Academie edition does (the same question and the same paid places, `billing.places`); a
confirmed registration is invoiced once, a waiting-list one only once promoted; cancelling
before the date to cancel gives a credit note, after it staff decide; a free meeting is not
invoiced and asks nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from billing import tasks
from billing.models import BillingProfile, BuyerChoice, Invoice
from meetings import services as meetings
from meetings.models import Meeting, PlaceStatus, Registration
from meetings.tests.factories import meeting, workshop
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


def paid(**extra):
    extra.setdefault("kind", Meeting.Kind.WERKCONFERENTIE)
    return meeting(price_member=Decimal("75.00"), price_non_member=Decimal("150.00"), **extra)


def _invoices_of(registration):
    return Invoice.objects.filter(
        source_type="meetings.registration", source_id=str(registration.pk)
    )


def test_registering_for_a_paid_meeting_asks_first_with_price_vat_and_whom_to_invoice(
    member_client, member
):
    BillingProfile.objects.create(
        organisation=member.person.organisation, purchase_order_required=True
    )
    event = paid()
    workshop(event, round=1, title="Regionale samenwerking")
    detail = member_client.get(reverse("meetings:meeting_detail", args=[event.pk])).content
    assert "€\xa075,00" in detail.decode() and "€\xa0150,00" in detail.decode()
    url = reverse("meetings:register", args=[event.pk])
    page = member_client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "€\xa075,00" in text and "ledenprijs" in text and "vrijgesteld van btw" in text
    assert "Aan wie sturen we de factuur?" in text and member.person.organisation.name in text
    assert "vraagt een inkoopnummer" in text and "Regionale samenwerking" in text
    assert "Kosteloos annuleren kan tot en met" in text
    # The meeting's page posts without `confirm`: a paid meeting asks instead of registering.
    asked = member_client.post(url, {"round_1": ""})
    assert asked.status_code == 200 and "Aan wie sturen we de factuur?" in asked.content.decode()
    assert not Registration.objects.exists(), "asking registers nobody"


def test_a_confirmed_registration_is_invoiced_once_to_the_chosen_organisation(
    member_client, member, committed
):
    organisation = member.person.organisation
    BillingProfile.objects.create(
        organisation=organisation, street="Markt 1", postcode="1234 AB", city="Ergens", oin="1" * 20
    )
    event = paid()
    response = committed(
        member_client.post,
        reverse("meetings:register", args=[event.pk]),
        {"confirm": "yes", "factuur-bill_to": "organisation", "factuur-purchase_order": "PO-9"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == PlaceStatus.CONFIRMED
    assert registration.price == Decimal("75.00")
    invoice = _invoices_of(registration).get()
    assert invoice.organisation == organisation and invoice.purchase_order == "PO-9"
    assert invoice.product == "bijeenkomst" and invoice.is_issued
    assert invoice.total_incl == Decimal("75.00")
    line = invoice.lines.get()
    assert event.title in line.description and line.vat_category == "E"
    # The task running twice (a redelivery) makes no second invoice.
    tasks.invoice_place.apply(args=["meetings.registration", registration.pk])
    assert _invoices_of(registration).count() == 1
    # A later price change does not change what this registration costs.
    event.price_member = Decimal("10.00")
    event.save()
    registration.refresh_from_db()
    assert registration.price == Decimal("75.00")


def test_the_person_can_be_invoiced_and_bad_input_is_asked_again_in_dutch(
    member_client, member, committed
):
    event = paid()
    url = reverse("meetings:register", args=[event.pk])
    again = member_client.post(url, {"confirm": "yes", "factuur-bill_to": "nonsense"})
    assert again.status_code == 200
    assert "Selecteer een geldige keuze" in again.content.decode()
    too_long = member_client.post(
        url,
        {"confirm": "yes", "factuur-bill_to": "organisation", "factuur-purchase_order": "x" * 51},
    )
    assert too_long.status_code == 200 and "niet meer dan 50 tekens" in too_long.content.decode()
    assert not Registration.objects.exists() and not BuyerChoice.objects.exists()
    committed(member_client.post, url, {"confirm": "yes", "factuur-bill_to": "person"})
    invoice = _invoices_of(Registration.objects.get()).get()
    assert invoice.person == member.person and invoice.organisation is None


def test_a_failure_while_saving_the_answer_leaves_no_registration(member, monkeypatch):
    from billing import services as billing

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(billing, "buyer_choice_save", broken)
    event = paid(capacity=1)
    with pytest.raises(RuntimeError):
        meetings.registration_create(
            meeting=event,
            person=member.person,
            answers={"billing": {"bill_to": "person", "purchase_order": ""}},
        )
    assert not Registration.objects.exists() and not BuyerChoice.objects.exists()
    assert meetings.MEETING_PLACES.confirmed_count(event) == 0


def test_a_waiting_list_registration_is_invoiced_only_once_promoted(committed, settings):
    settings.MEETINGS_VAT_RATE = 21
    event = paid(capacity=1, audience=Meeting.Audience.PARTNERS)
    first = committed(meetings.registration_create, meeting=event, person=MemberFactory().person)
    waiting = committed(meetings.registration_create, meeting=event, person=UserFactory().person)
    assert waiting.status == PlaceStatus.WAITLISTED
    assert not _invoices_of(waiting).exists()
    committed(meetings.registration_cancel, registration=first)
    waiting.refresh_from_db()
    assert waiting.status == PlaceStatus.CONFIRMED
    invoice = _invoices_of(waiting).get()
    assert invoice.person == waiting.person  # a non-member is invoiced personally
    assert invoice.total_incl == Decimal("150.00")  # the non-member price, incl. 21 % VAT
    assert invoice.total_vat == Decimal("26.03") and invoice.total_excl == Decimal("123.97")


def test_cancelling_before_the_date_to_cancel_asks_first_and_gives_a_credit_note(
    committed, member_client, member
):
    event = paid()
    registration = committed(meetings.registration_create, meeting=event, person=member.person)
    invoice = _invoices_of(registration).get()
    url = reverse("meetings:registration_cancel", args=[registration.pk])
    page = member_client.get(url).content.decode()
    assert "€\xa075,00" in page and "Kosteloos annuleren kan tot en met" in page
    committed(member_client.post, url)
    invoice.refresh_from_db()
    assert invoice.is_credited and invoice.credit_note.total_incl == -invoice.total_incl
    assert invoice.balance == 0


def test_after_the_date_to_cancel_staff_decide(committed, staff_client):
    event = paid(cancellation_deadline=timezone.localdate() - timedelta(days=1), days_ahead=3)
    registration = committed(
        meetings.registration_create, meeting=event, person=MemberFactory().person
    )
    invoice = _invoices_of(registration).get()
    committed(meetings.registration_cancel, registration=registration, by_staff=True)
    invoice.refresh_from_db()
    assert not invoice.is_credited and invoice.balance == invoice.total_incl
    page = staff_client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    assert "na de uiterste afmelddatum geannuleerd" in page and "Maak een creditnota" in page


def test_a_cancelled_meeting_credits_its_invoices(committed):
    event = paid()
    registration = committed(
        meetings.registration_create, meeting=event, person=MemberFactory().person
    )
    invoice = _invoices_of(registration).get()
    committed(meetings.meeting_cancel, meeting=event, actor=None)
    invoice.refresh_from_db()
    assert invoice.is_credited


def test_a_free_meeting_is_not_invoiced_and_asks_nothing(member_client, committed):
    event = meeting(kind=Meeting.Kind.REGIONAL)
    page = member_client.get(reverse("meetings:register", args=[event.pk])).content.decode()
    assert "Aan wie sturen we de factuur?" not in page and "gratis" in page
    # The meeting's page registers a free meeting at once, as before.
    committed(member_client.post, reverse("meetings:register", args=[event.pk]), {})
    assert Registration.objects.get().price is None
    assert not Invoice.objects.exists() and not BuyerChoice.objects.exists()


def test_who_comes_in_at_the_door_of_a_paid_meeting_is_invoiced(committed):
    event = paid(days_ahead=0, audience=Meeting.Audience.PARTNERS)
    person = MemberFactory().person
    registration = committed(
        meetings.check_in, meeting=event, person=person, actor=None, by_staff=True
    )
    invoice = _invoices_of(registration).get()
    assert invoice.organisation == person.organisation  # no question asked: the member


def test_meeting_prices_and_vat(settings):
    event = paid()
    member, other = MemberFactory().person, UserFactory().person
    assert meetings.price_for(member, event) == Decimal("75.00")
    assert meetings.price_for(other, event) == Decimal("150.00")
    assert meetings.price_for(member, meeting()) is None
    settings.ACADEMY_VAT_RATE, settings.MEETINGS_VAT_RATE = 21, None
    assert meetings.vat_rate() == 21  # as the Academie's
    settings.MEETINGS_VAT_RATE = 0
    assert meetings.vat_rate() == 0  # exempt, whatever the Academie's


def test_a_negative_or_malformed_price_gets_a_dutch_message_and_saves_nothing(staff_client):
    base = {
        "kind": "regionaal",
        "title": "Themadag",
        "date": "2030-03-20",
        "start_time": "10:00",
        "end_time": "16:00",
        "audience": "members",
        "krsd_points": "0",
        "votes_per_organisation": "1",
        "answer_per": "organisation",
    }
    url = reverse("meetings:meeting_create")
    page = staff_client.post(url, {**base, "price_member": "-5"}).content.decode()
    assert "Zorg ervoor dat deze waarde minstens 0" in page
    page = staff_client.post(url, {**base, "price_non_member": "veertig"}).content.decode()
    assert "Voer een getal in." in page
    assert not Meeting.objects.exists()
    staff_client.post(url, {**base, "price_member": "35.50"})
    assert Meeting.objects.get().price_member == Decimal("35.50")


def test_the_admin_shows_the_prices(client, admin_user_role):
    event = paid()
    client.force_login(admin_user_role)
    page = client.get(reverse("admin:meetings_meeting_change", args=[event.pk])).content.decode()
    assert 'name="price_member"' in page and 'name="price_non_member"' in page
    listing = client.get(reverse("admin:meetings_meeting_changelist")).content.decode()
    assert "75,00" in listing or "75.00" in listing
