"""The nieuwsbrief as staff click through it: compose with a topic the helpdesk suggests,
send a test to themselves; the editor fits a phone and passes axe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from knowledge.models import Question
from knowledge.tests.factories import ItemFactory, TopicFactory, ask
from members.tests.factories import MemberFactory, StaffFactory
from tests.browser.conftest import (
    assert_fits_a_phone_and_passes_axe,
    axe_violations,
    has_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    return {"member": MemberFactory(), "expert": StaffFactory()}


def test_staff_compose_with_a_suggested_topic_and_send_a_test_to_themselves(new_context, people):
    topic = TopicFactory(name="Vrijstellingen")
    for _ in range(3):
        question = ask(people["member"], topic=topic)
        Question.objects.filter(pk=question.pk).update(
            received_at=timezone.now() - timedelta(days=2)
        )
    ItemFactory(title="Vrijstelling 5 onder b: wat verandert er?", topics=[topic])

    page = new_context(people["expert"])
    page.goto("/nieuwsbrief/redactie/")
    page.get_by_role("link", name="Nieuwe nieuwsbrief").click()
    page.get_by_label("Onderwerp").fill("Nieuwsbrief december")
    page.get_by_label("Inleiding").fill("Wat leden ons de afgelopen weken vroegen.")
    page.get_by_role("button", name="Aanmaken en onderdelen toevoegen").click()

    suggestions = page.locator(".suggestions")
    assert "Vrijstellingen" in suggestions.inner_text()
    suggestions.get_by_role("button", name="Toevoegen Vrijstelling 5 onder b").click()
    page.wait_for_load_state()
    sections = page.locator(".editor-sections")
    assert "Vrijstelling 5 onder b: wat verandert er?" in sections.inner_text()
    assert "toegevoegd" in page.locator(".suggestions").inner_text()

    page.get_by_role("button", name=f"Stuur een test naar {people['expert'].email}").click()
    page.wait_for_load_state()
    assert "Er is een test verstuurd" in page.locator(".messages").inner_text()
    (message,) = [
        m
        for m in mail.outbox
        if m.to == [people["expert"].email] and m.subject.startswith("[Test]")
    ]
    assert message.subject == "[Test] Nieuwsbrief december"
    assert "Vrijstelling 5 onder b: wat verandert er?" in message.body

    page.get_by_role("link", name="Voorbeeld").click()
    assert "Platte tekst" in page.content()


@pytest.mark.parametrize("path", ["/nieuwsbrief/redactie/nieuw/", "/nieuwsbrief/abonnees/"])
def test_the_newsletter_pages_fit_a_phone_and_pass_axe(
    _playwright_browser, live_server, people, settings, path
):
    settings.ALLOWED_HOSTS = ["*"]
    assert_fits_a_phone_and_passes_axe(_playwright_browser, live_server.url, people["expert"], path)


def test_the_public_sign_up_fits_a_phone_and_passes_axe(phone_page):
    phone_page.goto("/nieuwsbrief/")
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []


def test_staff_choose_how_a_members_only_item_goes_into_the_newsletter(new_context, people):
    from communications.tests.factories import NewsletterFactory
    from knowledge.models import Item

    ItemFactory(
        title="Werkwijze bij thuiszitters",
        answer_text="De interne werkwijze van de gemeente, alleen voor leden.",
        audience=Item.Audience.MEMBERS,
    )
    draft = NewsletterFactory(subject="Nieuwsbrief januari")
    page = new_context(people["expert"])
    page.goto(f"/nieuwsbrief/redactie/{draft.pk}/")
    suggestions = page.locator(".suggestions")
    assert "De nieuwsbrief gaat ook naar niet-leden" in suggestions.inner_text()
    suggestions.get_by_role("button", name="titel en link Werkwijze bij thuiszitters").click()
    page.wait_for_load_state()
    section = page.locator(".editor-sections")
    assert "log in op het portaal" in section.inner_text()
    assert "interne werkwijze" not in section.inner_text()
    assert "alleen leden" in section.inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("link", "heading"),
    [("Privacyverklaring", "Privacyverklaring"), ("Colofon", "Colofon"), ("Contact", "Contact")],
)
def test_the_public_pages_are_in_every_footer_fit_a_phone_and_pass_axe(phone_page, link, heading):
    phone_page.goto("/")
    footer = phone_page.get_by_role("navigation", name="Over deze site")
    footer.get_by_role("link", name=link, exact=True).click()
    phone_page.wait_for_load_state()
    assert phone_page.get_by_role("heading", level=1).inner_text() == heading
    assert not has_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
