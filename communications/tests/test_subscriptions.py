"""Subscribing: double opt-in for visitors, the profile for users, one-click unsubscribe."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail as outbox
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communications import services, tokens
from communications.models import Subscriber

from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def _confirm_link(message):
    return re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", message.body).group(0)


def _path(url):
    return "/" + url.split("/", 3)[3]


def test_a_visitor_is_subscribed_only_after_confirming_the_link_in_the_email(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communications:subscribe"),
            {"email": "Anne@Gemeente.nl", "name": "Anne de Vries", "organisation": "Gemeente Ede"},
        )
    assert response.status_code == 200
    assert "Kijk in je e-mail" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status) == ("anne@gemeente.nl", "pending")
    assert len(outbox.outbox) == 1 and outbox.outbox[0].to == ["anne@gemeente.nl"]
    link = _path(_confirm_link(outbox.outbox[0]))

    # Opening the link (a mail scanner does too) shows a button and confirms nothing.
    page = client.get(link)
    assert page.status_code == 200 and "Bevestig mijn aanmelding" in page.content.decode()
    assert Subscriber.objects.get().status == "pending"

    assert "Je bent aangemeld" in client.post(link).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "subscribed"
    assert subscriber.consent == Subscriber.Consent.DOUBLE_OPT_IN
    assert subscriber.consent_at is not None and subscriber.subscribed_at is not None


def test_a_confirmation_link_expires_after_seven_days(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="laat@voorbeeld.nl")
    link = _path(_confirm_link(outbox.outbox[0]))
    eight_days_later = time.time() + 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        response = client.post(link)
    assert response.status_code == 404
    assert "niet geldig" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


def test_a_changed_confirmation_link_confirms_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="anne@voorbeeld.nl")
    link = _path(_confirm_link(outbox.outbox[0]))
    assert client.post(link[:-3] + "x/").status_code == 404
    assert Subscriber.objects.get().status == "pending"


def test_unconfirmed_addresses_are_deleted_after_seven_days_and_confirmed_ones_kept():
    services.subscription_request(email="nooit@voorbeeld.nl")
    services.subscription_request(email="wel@voorbeeld.nl")
    kept = Subscriber.objects.get(email="wel@voorbeeld.nl")
    services.subscription_confirm(token=tokens.confirm_token(kept.pk, kept.email))
    assert services.subscribers_purge_unconfirmed(now=timezone.now() + timedelta(days=6)) == 0
    assert services.subscribers_purge_unconfirmed(now=timezone.now() + timedelta(days=8)) == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["wel@voorbeeld.nl"]


def test_signing_up_an_address_already_on_the_list_says_the_same_and_mails_nothing(client):
    SubscriberFactory(email="al@voorbeeld.nl")
    response = client.post(reverse("communications:subscribe"), {"email": "al@voorbeeld.nl"})
    assert "Kijk in je e-mail" in response.content.decode()
    assert outbox.outbox == []


def test_signing_up_twice_within_ten_minutes_sends_one_confirmation(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="twee@voorbeeld.nl")
        services.subscription_request(email="twee@voorbeeld.nl")
    assert len(outbox.outbox) == 1


def test_an_invalid_address_is_a_dutch_form_error(client):
    response = client.post(reverse("communications:subscribe"), {"email": "geen adres"})
    assert response.status_code == 200
    assert "Voer een geldig e-mailadres in" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_member_subscribes_and_unsubscribes_on_their_profile(member_client, member):
    page = member_client.get(reverse("members:profile")).content.decode()
    assert "Aanmelden voor de nieuwsbrief" in page
    member_client.post(reverse("communications:my_subscription"), {"subscribe": "1"})
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.consent) == (
        member.email,
        "subscribed",
        Subscriber.Consent.PROFILE,
    )
    assert subscriber.person == member.person
    assert subscriber.organisation == member.person.organisation
    assert outbox.outbox == [], "a verified account needs no confirmation"
    page = member_client.get(reverse("members:profile")).content.decode()
    assert f"Je ontvangt de nieuwsbrief op {member.email}" in page
    member_client.post(reverse("communications:my_subscription"), {"subscribe": "0"})
    assert Subscriber.objects.get().status == "unsubscribed"


def test_the_unsubscribe_link_shows_a_button_and_the_button_unsubscribes(client):
    subscriber = SubscriberFactory()
    url = reverse("communications:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])
    assert "Afmelden" in client.get(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "subscribed"
    assert "Je bent afgemeld" in client.post(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at is not None


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token():
    """RFC 8058: the mail program posts List-Unsubscribe=One-Click to the header's URL."""
    subscriber = SubscriberFactory()
    url = reverse("communications:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_a_changed_unsubscribe_link_unsubscribes_nobody(client):
    subscriber = SubscriberFactory()
    token = tokens.unsubscribe_token(subscriber.pk)
    other = SubscriberFactory()
    # The other subscriber's value with this link's timestamp and signature.
    forged = tokens.unsubscribe_token(other.pk).split(":")[0] + ":" + token.split(":", 1)[1]
    for bad in (forged, token[:-2], "x"):
        response = client.post(reverse("communications:unsubscribe", args=[bad]))
        assert response.status_code == 404
        assert "niet geldig" in response.content.decode()
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"subscribed"}


def test_an_erased_address_gets_a_calm_page_from_an_old_unsubscribe_link(client):
    subscriber = SubscriberFactory()
    url = reverse("communications:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])
    subscriber.delete()
    assert client.post(url).status_code == 200
