"""The rough edges of issue 18, in a real browser at desktop width and at 390 px: the
kennisbank search box, staff tables that never break a word, destructive staff actions that
ask first (also without JavaScript), the history in words, and the person page with its
questions, enrolments and searchable organisation picker."""

import pytest

from academy import services as academy_services
from academy.models import Enrolment
from academy.tests.factories import edition_with_sessions
from knowledge import services as knowledge_services
from knowledge.tests.factories import ItemFactory, TopicFactory, ask
from members.tests.factories import (
    BoardFactory,
    MemberFactory,
    OrganisationFactory,
    PersonFactory,
    StaffFactory,
)
from tests.browser.conftest import (
    axe_violations,
    has_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390px"])

# Every word (split at white space and hyphens) of the table cells and buttons whose boxes
# lie on more than one line: a word broken in the middle ("Uiterl/ijk", "Zoek/en").
BROKEN_WORDS = """() => {
  const broken = [];
  for (const element of document.querySelectorAll("th, td, button, .button")) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-–]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(
          [...range.getClientRects()].filter(r => r.width > 1).map(r => Math.round(r.top))
        );
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
# Tables wider than their container that do not scroll inside a wrapper of their own.
LOOSE_TABLES = """() => [...document.querySelectorAll("table")]
  .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)
  .filter(t => !(t.parentElement.classList.contains("table-wrap")
                 && getComputedStyle(t.parentElement).overflowX === "auto"))
  .map(t => t.querySelector("caption, th")?.textContent || "table")"""


@pytest.fixture
def world(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    member = MemberFactory()
    expert = StaffFactory(email="expert2@example.org")
    expert.person.first_name, expert.person.last_name = "Joost", "Mulder"
    expert.person.save()
    reviewer = StaffFactory()
    topic = TopicFactory(name="Aanwezigheid en verzuim")
    question = ask(
        member, subject="Uiterlijk wanneer melden bij ongeoorloofd verzuim?", topic=topic
    )
    knowledge_services.question_assign(question=question, expert=expert, actor=expert)
    knowledge_services.answer_save_draft(question=question, body="Binnen vijf dagen.", actor=expert)
    knowledge_services.answer_submit_for_review(question=question, actor=expert)
    knowledge_services.answer_approve(question=question, reviewer=reviewer)
    knowledge_services.answer_rate(question=question, helpful=True, remark="", actor=member)
    # Someone known only by a long e-mail address, as phone questions often are.
    knowledge_services.question_register_on_behalf(
        staff=expert,
        email="leerplichtambtenaar.regio-noordoost@gemeente-westerkwartier.nl",
        first_name="",
        last_name="",
        topic=topic,
        subject="Bevestigd verzuim na een verhuizing",
        body="Wat nu?",
        channel="phone",
    )
    edition = edition_with_sessions(capacity=2, sessions=3)
    far_away = OrganisationFactory(name="Gemeente Súdwest-Fryslân en omstreken")
    for _ in range(3):
        academy_services.enrolment_create(
            edition=edition, person=PersonFactory(organisation=far_away)
        )
    academy_services.enrolment_create(edition=edition, person=member.person)
    return {
        "member": member,
        "expert": expert,
        "reviewer": reviewer,
        "board": BoardFactory(),
        "question": question,
        "edition": edition,
    }


@WIDTHS
def test_the_kennisbank_search_box_is_wide_and_nothing_found_is_not_a_list_item(
    open_page, world, viewport
):
    ItemFactory(title="Vrijstelling bij verhuizing naar het buitenland")
    page = open_page(None, viewport)
    page.goto("/kennisbank/")
    box = page.get_by_label("Zoek in de kennisbank").bounding_box()
    assert box["width"] >= min(300, viewport["width"] - 60), box
    button = page.get_by_role("button", name="Zoeken").bounding_box()
    assert button["height"] < 50, "'Zoeken' stays on one line"
    page.get_by_label("Zoek in de kennisbank").fill("qwertyuiop")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert page.locator("ol.results li").count() == 0
    assert page.get_by_text("Niets gevonden.").is_visible()
    assert page.evaluate(BROKEN_WORDS) == []
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == []


STAFF_PAGES = [
    "/vragen/",
    "/vragen/beoordelingen/",
    "/vragen/cijfers/",
    "/leden/",
    "/leden/personen/",
    "/jaarverslag/",
    "/academie/cijfers/",
]


@WIDTHS
def test_staff_tables_size_to_their_content_and_scroll_in_their_own_wrapper(
    open_page, world, viewport
):
    page = open_page(world["expert"], viewport)
    pages = [
        *STAFF_PAGES,
        f"/vragen/{world['question'].pk}/",
        f"/academie/editie/{world['edition'].pk}/deelnemers/",
        f"/leden/personen/{world['member'].person.pk}/",
    ]
    for path in pages:
        page.goto(path)
        assert page.evaluate(BROKEN_WORDS) == [], path
        assert page.evaluate(LOOSE_TABLES) == [], path
        assert not has_horizontal_scroll(page), path
    page.goto("/vragen/?status=alle")  # the answered question too: its expert by name
    assert page.locator("main tbody").get_by_text("Joost Mulder").first.is_visible()
    assert "leerplichtambtenaar.regio-noordoost@gemeente-westerkwartier.nl" in page.content()
    page.goto("/vragen/beoordelingen/")
    assert page.get_by_role("cell", name="Joost Mulder").is_visible()
    assert "expert2@example.org" not in page.content()


@WIDTHS
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_cancel_a_participant_only_after_confirming(open_page, world, viewport, javascript):
    edition = world["edition"]
    page = open_page(world["expert"], viewport, javascript=javascript)
    page.goto(f"/academie/editie/{edition.pk}/deelnemers/")
    enrolment = Enrolment.objects.filter(edition=edition, status="confirmed").first()
    name = enrolment.person.full_name
    with page.expect_navigation():
        page.get_by_role("link", name=f"Annuleren {name}").click()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "confirmed", "asked first"
    assert name in page.content()
    assert page.get_by_text("de eerste op de wachtlijst").is_visible()
    if javascript:
        assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Nee, terug").click()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "confirmed"
    with page.expect_navigation():
        page.get_by_role("link", name=f"Annuleren {name}").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, annuleer de inschrijving").click()
    assert page.url.endswith(f"/academie/editie/{edition.pk}/deelnemers/")
    assert "De inschrijving is geannuleerd." in page.content()
    assert Enrolment.objects.get(pk=enrolment.pk).status == "cancelled"


@WIDTHS
def test_the_history_of_a_question_reads_in_words(open_page, world, viewport):
    page = open_page(world["expert"], viewport)
    page.goto(f"/vragen/{world['question'].pk}/")
    history = page.locator("ol.history").inner_text()
    for words in (
        "vraag ontvangen",
        "toegewezen aan een expert: Joost Mulder",
        "antwoord ter controle aangeboden",
        "antwoord goedgekeurd en verstuurd",
        "antwoord beoordeeld",
    ):
        assert words in history, words
    assert "_" not in history


@WIDTHS
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_person_page_shows_questions_and_enrolments_and_searches_organisations(
    open_page, world, viewport, javascript
):
    for number in range(183):
        OrganisationFactory(name=f"Gemeente Plaats {number:03d}")
    target = OrganisationFactory(name="Gemeente Zwolle")
    person = world["member"].person
    page = open_page(world["expert"], viewport, javascript=javascript)
    page.goto(f"/leden/personen/{person.pk}/")
    assert page.get_by_role("heading", name="Vragen").is_visible()
    assert page.get_by_role("link", name=world["question"].subject).is_visible()
    assert page.get_by_role("heading", name="Inschrijvingen bij de Academie").is_visible()
    assert page.get_by_role("link", name=world["edition"].activity.title).is_visible()
    assert page.locator("input[name=organisation]").count() == 2, "no 183-item list"
    search = page.get_by_label("Zoek een organisatie")
    if javascript:
        search.press_sequentially("zwol")
        page.get_by_label("Gemeente Zwolle").wait_for()  # htmx, without a page load
    else:
        search.fill("zwol")
        with page.expect_navigation():
            page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("Gemeente Zwolle").check()
    with page.expect_navigation():
        page.locator("#organisation-choices ~ button[type=submit]").click()
    assert "De organisatie van" in page.content()
    person.refresh_from_db()
    assert person.organisation == target
    assert not has_horizontal_scroll(page)
    if javascript:
        assert axe_violations(page) == []


def test_the_board_reads_the_ratings_by_name(open_page, world):
    page = open_page(world["board"], PHONE)
    page.goto("/vragen/beoordelingen/")
    assert page.get_by_role("cell", name="Joost Mulder").is_visible()
    assert not has_horizontal_scroll(page)
