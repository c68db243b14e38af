"""Through a real SMTP server on this machine (aiosmtpd): the headers, the plain-text part,
the HTML part and the unsubscribe link as a subscriber's mail program receives them."""

import re

import pytest
from django.test import Client

from communications import services
from communications.models import Subscriber

from .factories import SectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _path(url):
    return "/" + url.split("/", 3)[3]


def test_a_newsletter_sent_through_smtp_carries_one_click_unsubscribe_and_a_text_part(
    smtp_sink, django_capture_on_commit_callbacks, settings
):
    settings.NEWSLETTER_BATCH_SIZE = 2
    settings.NEWSLETTER_BATCH_PAUSE_SECONDS = 0
    anne = SubscriberFactory(name="Anne de Vries", email="anne@gemeente.nl")
    others = SubscriberFactory.create_batch(2)
    section = SectionFactory(title="Luxeverzuim & vakantie", text="Wat mag <wel>?")
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=section.newsletter)
    assert smtp_sink.count() == 3
    for subscriber in [anne, *others]:
        assert len(smtp_sink.received_by(subscriber.email)) == 1
    (message,) = smtp_sink.received_by(anne.email)

    assert message["Subject"] == section.newsletter.subject
    assert message["To"] == anne.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"].strip()  # a long header is folded onto a new line
    unsubscribe = re.fullmatch(r"<(https?://\S+)>", header).group(1)
    assert "/nieuwsbrief/afmelden/" in unsubscribe
    assert message["Message-ID"].startswith(f"<nb{section.newsletter_id}.")

    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Beste Anne de Vries," in text
    assert "Luxeverzuim & vakantie" in text and "Wat mag <wel>?" in text  # plain, unescaped
    assert f"Afmelden: {unsubscribe}" in text
    assert "Luxeverzuim &amp; vakantie" in html and "Wat mag &lt;wel&gt;?" in html
    assert f'href="{unsubscribe}"' in html
    assert "/nieuwsbrief/o/" in html and "/nieuwsbrief/k/" in html  # pixel and click link

    # The header's URL unsubscribes with one POST, as a mail program does it.
    response = Client(enforce_csrf_checks=True).post(
        _path(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Subscriber.objects.get(pk=anne.pk).status == "unsubscribed"


def test_an_address_the_server_refuses_is_recorded_as_a_hard_failure(
    smtp_sink, django_capture_on_commit_callbacks
):
    refused = SubscriberFactory(email="bestaat.niet@gemeente.nl")
    fine = SubscriberFactory()
    smtp_sink.refuse.add(refused.email)
    section = SectionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=section.newsletter)
    assert len(smtp_sink.received_by(fine.email)) == 1
    assert smtp_sink.received_by(refused.email) == []
    delivery = refused.deliveries.get()
    assert delivery.state == "failed" and "550" in delivery.error
    refused.refresh_from_db()
    assert refused.hard_failures == 1


def test_the_confirmation_of_a_sign_up_reaches_the_address_through_smtp(
    smtp_sink, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/nieuwsbrief/", {"email": "nieuw@gemeente.nl"})
    (message,) = smtp_sink.received_by("nieuw@gemeente.nl")
    body = message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", body).group(0)
    client.post(_path(link))
    assert Subscriber.objects.get().status == "subscribed"
