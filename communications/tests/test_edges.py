"""The nieuwsbrief's edges, found by attack: markup in the preview, addresses that must not
come back, entries a stranger could rename, a subject that stalled the sending, and
members-only text sent to everybody."""

import re

import pytest
from django.core import mail as outbox
from django.test import Client
from django.urls import reverse

from communications import sending, services, tokens
from communications.errors import NotSendable
from communications.models import Newsletter, Section, Subscriber, Suppression
from knowledge.models import Item
from knowledge.tests.factories import ItemFactory, ask
from members.services import person_erase

from .factories import NewsletterFactory, SectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="0;url=https://aanvaller.example/">'


def _path(url):
    return "/" + url.split("/", 3)[3]


def _confirm_link(message):
    return _path(re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", message.body).group(0))


# --- every part of the preview and the mail escaped ---------------------------------------


def test_markup_in_a_members_question_subject_stays_text_in_the_preview_and_the_mail(
    staff_client, staff_user, member, django_capture_on_commit_callbacks
):
    """A member's question subject becomes a kennisbank item's title, which the editor's
    helpdesk suggestions add as a section: in the preview's plain-text part a meta refresh
    sent the expert to another site."""
    question = ask(member, subject=REFRESH)
    item = ItemFactory(title=question.subject, source_question=question)
    newsletter = NewsletterFactory()
    staff_client.post(
        reverse("communications:suggestion_add", args=[newsletter.pk]),
        {"kind": "item", "id": item.pk},
    )
    assert Section.objects.get().title == REFRESH

    page = staff_client.get(reverse("communications:newsletter_preview", args=[newsletter.pk]))
    html = page.content.decode()
    assert "<meta http-equiv" not in html
    assert html.count("&lt;meta http-equiv=&quot;refresh&quot;") == 2  # HTML and plain text

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("communications:newsletter_test", args=[newsletter.pk]))
    message = outbox.outbox[0]
    mail_html = message.alternatives[0][0]
    assert "<meta http-equiv" not in mail_html
    assert "&lt;meta http-equiv=&quot;refresh&quot;" in mail_html
    assert REFRESH in message.body, "the plain-text part is text: shown as typed"


# --- addresses that must not come back ----------------------------------------------------


def test_an_old_confirmation_link_does_not_subscribe_again_after_an_unsubscribe(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("communications:subscribe"), {"email": "anne@voorbeeld.nl"})
    link = _confirm_link(outbox.outbox[0])
    client.post(link)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "subscribed"
    services.subscription_unsubscribe(subscriber_pk=subscriber.pk)

    response = client.post(link)
    assert response.status_code == 404 and "niet geldig" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_a_new_sign_up_after_an_unsubscribe_is_confirmed_by_its_own_link_only(
    client, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="anne@voorbeeld.nl", status="unsubscribed")
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="anne@voorbeeld.nl")
    old = tokens.confirm_token(subscriber.pk, subscriber.email)  # a link of the first form
    assert client.post(reverse("communications:confirm", args=[old])).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    client.post(_confirm_link(outbox.outbox[0]))
    subscriber.refresh_from_db()
    assert subscriber.status == "subscribed"


def test_an_address_removed_on_request_is_not_put_back_by_an_import(staff_user):
    removed = SubscriberFactory(email="weg@voorbeeld.nl")
    services.subscriber_erase(subscriber=removed, actor=staff_user)
    assert not Subscriber.objects.exists()
    assert Suppression.objects.get().reason == "removed"
    assert "weg@voorbeeld.nl" not in str(list(Suppression.objects.values()))

    result = services.subscribers_import_csv(
        raw=b"email\nWEG@voorbeeld.nl\nnieuw@voorbeeld.nl\n", actor=staff_user
    )
    assert (result.added, result.skipped_unsubscribed) == (1, 1)
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["nieuw@voorbeeld.nl"]


def test_the_address_of_an_anonymised_person_is_not_put_back_by_an_import(member, staff_user):
    email = member.email
    services.subscription_set_for_person(person=member.person, subscribe=True)
    person_erase(person=member.person, actor=staff_user)
    assert not Subscriber.objects.exists()
    result = services.subscribers_import_csv(raw=f"email\n{email}\n".encode(), actor=staff_user)
    assert (result.added, result.skipped_unsubscribed) == (0, 1)
    assert not Subscriber.objects.exists()


def test_the_owner_may_sign_up_again_after_a_removal_by_confirming(
    client, staff_user, django_capture_on_commit_callbacks
):
    """The removal keeps imports out, not the address's owner: confirming by mail is their
    own new consent, and lifts the block."""
    services.subscriber_erase(subscriber=SubscriberFactory(email="terug@voorbeeld.nl"), actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("communications:subscribe"), {"email": "terug@voorbeeld.nl"})
    client.post(_confirm_link(outbox.outbox[0]))
    assert Subscriber.objects.get().status == "subscribed"
    assert not Suppression.objects.exists()


# --- strangers cannot rename an entry -----------------------------------------------------


@pytest.mark.parametrize("status", ["pending", "unsubscribed", "paused"])
def test_a_stranger_signing_up_an_address_on_the_list_changes_nothing_of_it(
    client, status, django_capture_on_commit_callbacks
):
    SubscriberFactory(
        email="anne@voorbeeld.nl",
        name="Anne de Vries",
        organisation_name="Gemeente Ede",
        status=status,
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communications:subscribe"),
            {"email": "anne@voorbeeld.nl", "name": "Vreemde", "organisation": "Elders"},
        )
    subscriber = Subscriber.objects.get()
    assert (subscriber.name, subscriber.organisation_name, subscriber.status) == (
        "Anne de Vries",
        "Gemeente Ede",
        status,
    )
    # Only the address's owner, confirming the mail, takes on what was typed.
    client.post(_confirm_link(outbox.outbox[0]))
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.organisation_name, subscriber.status) == (
        "Vreemde",
        "Elders",
        "subscribed",
    )


# --- a subject is one line ----------------------------------------------------------------


def test_a_subject_with_a_line_break_is_a_form_error(staff_client):
    response = staff_client.post(
        reverse("communications:newsletter_create"),
        {"subject": "Nieuwsbrief\nBcc: iedereen@voorbeeld.nl", "introduction": ""},
    )
    assert response.status_code == 200
    assert "moet op één regel passen" in response.content.decode()
    assert not Newsletter.objects.exists()
    newsletter = NewsletterFactory(subject="Goed")
    response = staff_client.post(
        reverse("communications:newsletter_detail", args=[newsletter.pk]),
        {"subject": "Nieuwsbrief\r\nmaart", "introduction": ""},
    )
    assert "moet op één regel passen" in response.content.decode()
    newsletter.refresh_from_db()
    assert newsletter.subject == "Goed"


def test_a_subject_stored_with_a_line_break_is_refused_by_the_service_and_stays_editable(
    staff_client,
):
    newsletter = SectionFactory().newsletter
    SubscriberFactory.create_batch(3)
    Newsletter.objects.filter(pk=newsletter.pk).update(subject="Nieuwsbrief\nmaart")
    with pytest.raises(NotSendable):
        services.newsletter_send(newsletter=newsletter)
    response = staff_client.post(
        reverse("communications:newsletter_send", args=[newsletter.pk]),
        {"confirm": "yes"},
        follow=True,
    )
    page = response.content.decode()
    assert "kan zo niet worden verstuurd" in page
    assert "moet op één regel passen" in page, "the editor shows what to correct"
    newsletter.refresh_from_db()
    assert newsletter.status == "draft" and not newsletter.deliveries.exists()


def test_a_sending_stalled_by_a_stored_line_break_becomes_an_editable_draft_again(
    django_capture_on_commit_callbacks,
):
    """Before the check, such a subject was accepted and then stalled the sending: 0 sent,
    everyone to go, and the newsletter could no longer be edited."""
    newsletter = SectionFactory().newsletter
    SubscriberFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=False):
        services.newsletter_send(newsletter=newsletter)
    Newsletter.objects.filter(pk=newsletter.pk).update(subject="Nieuwsbrief\nmaart")
    sending.send_batch(newsletter_id=newsletter.pk)
    newsletter.refresh_from_db()
    assert newsletter.status == "draft" and newsletter.is_editable
    assert not newsletter.deliveries.exists() and outbox.outbox == []
    services.newsletter_update(newsletter=newsletter, subject="Nieuwsbrief maart", introduction="")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.newsletter_send(newsletter=newsletter) == 3
    assert len(outbox.outbox) == 3


# --- members-only kennisbank items --------------------------------------------------------


def test_a_members_only_item_needs_a_choice_before_it_goes_to_every_subscriber(staff_client):
    item = ItemFactory(
        title="Beleid bij thuiszitters",
        answer_text="Alleen voor leden: de werkwijze van gemeente X.",
        audience=Item.Audience.MEMBERS,
    )
    newsletter = NewsletterFactory()
    editor = reverse("communications:newsletter_detail", args=[newsletter.pk])
    add = reverse("communications:suggestion_add", args=[newsletter.pk])
    page = staff_client.get(editor).content.decode()
    assert "alleen leden" in page and "De nieuwsbrief gaat ook naar niet-leden" in page

    response = staff_client.post(add, {"kind": "item", "id": item.pk}, follow=True)
    assert "alleen voor leden" in response.content.decode()
    assert not Section.objects.exists(), "not without a choice"

    staff_client.post(add, {"kind": "item", "id": item.pk, "members_only": "link"})
    section = Section.objects.get()
    assert "werkwijze van gemeente X" not in section.text
    assert "log in op het portaal" in section.text
    assert section.link_url.endswith(f"/kennisbank/{item.slug}/")
    page = staff_client.get(editor).content.decode()
    assert "Dit onderdeel komt uit een kennisbankitem dat alleen voor leden is" in page

    section.delete()
    staff_client.post(add, {"kind": "item", "id": item.pk, "members_only": "text"})
    assert "werkwijze van gemeente X" in Section.objects.get().text


def test_a_public_item_is_added_with_one_click_as_before(staff_client):
    item = ItemFactory(answer_text="Voor iedereen.")
    newsletter = NewsletterFactory()
    staff_client.post(
        reverse("communications:suggestion_add", args=[newsletter.pk]),
        {"kind": "item", "id": item.pk},
    )
    assert Section.objects.get().text == "Voor iedereen."


def test_one_click_unsubscribe_of_a_pending_address_still_works_without_csrf():
    subscriber = SubscriberFactory(status="pending")
    url = reverse("communications:unsubscribe", args=[tokens.unsubscribe_token(subscriber.pk)])
    assert Client(enforce_csrf_checks=True).post(url).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
