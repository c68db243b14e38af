"""Composing: sections, their order, suggestions from the helpdesk, preview and a test."""

from datetime import timedelta

import pytest
from django.core import mail as outbox
from django.urls import reverse
from django.utils import timezone

from communications import selectors, services
from communications.models import Newsletter, Section
from knowledge.models import Question
from knowledge.tests.factories import ItemFactory, TopicFactory, ask

from .factories import NewsletterFactory, SectionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def _received(topic, count, days_ago, member):
    for _ in range(count):
        question = ask(member, topic=topic)
        Question.objects.filter(pk=question.pk).update(
            received_at=timezone.now() - timedelta(days=days_ago)
        )


def test_staff_write_a_newsletter_of_sections_and_reorder_them(staff_client):
    response = staff_client.post(
        reverse("communications:newsletter_create"),
        {"subject": "Nieuwsbrief maart", "introduction": "Welkom."},
    )
    newsletter = Newsletter.objects.get()
    assert response["Location"] == reverse("communications:newsletter_detail", args=[newsletter.pk])
    for title in ("Eerste", "Tweede"):
        staff_client.post(
            reverse("communications:section_add", args=[newsletter.pk]),
            {"title": title, "text": "Tekst.", "link_url": "https://www.ingrado.nl/"},
        )
    second = Section.objects.get(title="Tweede")
    assert second.link_label == "Lees meer"
    staff_client.post(reverse("communications:section_move", args=[second.pk]), {"direction": "up"})
    assert [s.title for s in selectors.sections(newsletter)] == ["Tweede", "Eerste"]
    staff_client.post(reverse("communications:section_delete", args=[second.pk]))
    assert [s.title for s in selectors.sections(newsletter)] == ["Eerste"]


def test_a_section_with_a_bad_link_is_a_dutch_form_error_and_nothing_is_saved(staff_client):
    newsletter = NewsletterFactory()
    response = staff_client.post(
        reverse("communications:section_add", args=[newsletter.pk]),
        {"title": "Kop", "text": "Tekst", "link_url": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "Voer een geldige URL in" in response.content.decode()
    assert not Section.objects.exists()


def test_the_editor_suggests_rising_topics_first_and_the_items_of_the_period(staff_client, member):
    verzuim, vrijstelling, thuis = (
        TopicFactory(name=n) for n in ("Verzuim", "Vrijstelling", "Thuis")
    )
    last = NewsletterFactory(status="sent")
    Newsletter.objects.filter(pk=last.pk).update(started_at=timezone.now() - timedelta(days=14))
    _received(verzuim, 3, days_ago=3, member=member)  # 3 now, 5 before: falling
    _received(verzuim, 5, days_ago=20, member=member)
    _received(vrijstelling, 2, days_ago=3, member=member)  # 2 now, 0 before: rising
    _received(thuis, 1, days_ago=40, member=member)  # before the period before: not shown
    item = ItemFactory(title="Vrijstelling 5 onder b", topics=[vrijstelling])
    draft = NewsletterFactory()
    suggestions = selectors.suggestions(draft)
    assert [(t.name, t.count, t.previous) for t in suggestions.topics] == [
        ("Vrijstelling", 2, 0),
        ("Verzuim", 3, 5),
    ]
    assert item in suggestions.items
    page = staff_client.get(reverse("communications:newsletter_detail", args=[draft.pk]))
    assert "Voorgesteld vanuit de helpdesk" in page.content.decode()

    # One click adds the item as a section with its link.
    staff_client.post(
        reverse("communications:suggestion_add", args=[draft.pk]), {"kind": "item", "id": item.pk}
    )
    section = Section.objects.get(newsletter=draft)
    assert section.title == "Vrijstelling 5 onder b"
    assert section.link_url.endswith(reverse("knowledge:item_detail", args=[item.slug]))
    assert section.link_label == "Lees verder in de kennisbank"
    assert selectors.suggestions(draft).items[0].is_added


def test_an_academie_edition_with_places_left_is_added_with_its_link(staff_client):
    from academy.tests.factories import edition_with_sessions

    edition = edition_with_sessions()
    draft = NewsletterFactory()
    assert edition in selectors.suggestions(draft).editions
    staff_client.post(
        reverse("communications:suggestion_add", args=[draft.pk]),
        {"kind": "edition", "id": edition.pk},
    )
    section = Section.objects.get(newsletter=draft)
    assert section.title == edition.activity.title and "plaatsen vrij" in section.text
    assert section.link_url.endswith(reverse("academy:edition_detail", args=[edition.pk]))


def test_a_suggestion_that_does_not_exist_is_refused_with_a_message(staff_client):
    draft = NewsletterFactory()
    for data in ({"kind": "item", "id": "999999"}, {"kind": "x", "id": "1"}, {"kind": "item"}):
        response = staff_client.post(
            reverse("communications:suggestion_add", args=[draft.pk]), data
        )
        assert response.status_code in (302, 404)
    assert not Section.objects.exists()


def test_the_preview_shows_the_email_as_html_and_plain_text(staff_client, staff_user):
    section = SectionFactory(title="Luxeverzuim", text="Wat mag wel?")
    url = reverse("communications:newsletter_preview", args=[section.newsletter_id])
    page = staff_client.get(url).content.decode()
    assert page.count("Luxeverzuim") >= 2  # in the HTML and in the plain text
    assert f"Beste {staff_user.get_full_name()}" in page
    assert 'href="https://www.ingrado.nl/verzuim"' in page, "the preview links straight on"


def test_staff_send_a_test_to_themselves_that_counts_nothing(
    staff_client, staff_user, django_capture_on_commit_callbacks
):
    section = SectionFactory()
    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("communications:newsletter_test", args=[section.newsletter_id]))
    assert len(outbox.outbox) == 1
    message = outbox.outbox[0]
    assert message.to == [staff_user.email] and message.subject.startswith("[Test] ")
    newsletter = Newsletter.objects.get()
    assert newsletter.status == "draft" and not newsletter.deliveries.exists()


def test_a_newsletter_being_sent_can_no_longer_change(staff_client):
    section = SectionFactory()
    Newsletter.objects.filter(pk=section.newsletter_id).update(status="sending")
    response = staff_client.post(
        reverse("communications:section_add", args=[section.newsletter_id]),
        {"title": "Te laat", "text": "Tekst"},
        follow=True,
    )
    assert "kan niet meer veranderen" in response.content.decode()
    assert Section.objects.count() == 1
    assert (
        staff_client.get(reverse("communications:section_edit", args=[section.pk])).status_code
        == 302
    )


def test_services_refuse_sending_an_empty_newsletter_or_to_nobody():
    from communications.errors import NoRecipients, NothingToSend

    with pytest.raises(NothingToSend):
        services.newsletter_send(newsletter=NewsletterFactory())
    with pytest.raises(NoRecipients):
        services.newsletter_send(newsletter=SectionFactory().newsletter)
    assert set(Newsletter.objects.values_list("status", flat=True)) == {"draft"}


def test_the_mail_wears_the_portals_house_colour():
    import re
    from pathlib import Path

    from communications import mail

    portal = (Path(__file__).resolve().parents[2] / "static/css/portal.css").read_text()
    brand = re.search(r"--brand:\s*(#[0-9a-f]{6})", portal).group(1)
    header = re.search(r"\.nb-header \{[^}]*background: (#[0-9a-f]{6})", mail.mail_css()).group(1)
    assert header == brand
    section = SectionFactory()
    html = mail.render(section.newsletter, [section], mail.Recipient("Anne", "a@b.nl", 0))[1]
    assert brand in html and "#00576b" not in html


def test_every_reader_is_greeted_and_the_editor_shows_how(staff_client, staff_user):
    from communications import mail

    section = SectionFactory()
    newsletter = section.newsletter
    nameless = mail.Recipient(name="", email="x@voorbeeld.nl", subscriber_pk=1)
    text, html = mail.render(newsletter, [section], nameless)
    assert "Beste lezer," in text and "Beste lezer," in html
    editor = staff_client.get(reverse("communications:newsletter_detail", args=[newsletter.pk]))
    assert "“Beste lezer,”" in editor.content.decode()
    preview = staff_client.get(reverse("communications:newsletter_preview", args=[newsletter.pk]))
    assert preview.content.decode().count(f"Beste {staff_user.get_full_name()},") == 2


def test_the_mails_footer_says_how_members_manage_their_subscription():
    from communications import mail

    section = SectionFactory()
    text, html = mail.render(section.newsletter, [section], mail.Recipient("A", "a@b.nl", 1))
    assert "beheer je je abonnement op Mijn profiel: http" in text
    assert '/mijn/profiel/">Mijn profiel</a>' in html
