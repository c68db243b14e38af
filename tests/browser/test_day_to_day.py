"""Day-to-day use (issue 25), in a real browser: staff land on Mijn werk; the queue and the
staff menu read right at 1280 px; "Mijn vragen" and the online jaarverslag fit a phone of
390 px; chart text keeps its size whatever the width of the page."""

import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from knowledge.models import Question
from knowledge.tests.factories import TopicFactory, ask
from members.tests.factories import (
    AdministratorFactory,
    BoardFactory,
    MemberFactory,
    OrganisationFactory,
    StaffFactory,
)
from tests.browser.conftest import (
    assert_fits_a_phone_and_passes_axe,
    axe_violations,
    has_horizontal_scroll,
)

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# The header's menu items and whether they share one line: every item's box overlaps the
# vertical band of every other (items on a second line start below the first line's boxes).
MENU_ON_ONE_LINE = """() => {
  const items = [...document.querySelectorAll(
    ".brand, .main-nav li, .account-nav > a, .account-nav > form")];
  const boxes = items.map(e => e.getBoundingClientRect());
  return {
    labels: items.map(e => e.textContent.trim()),
    oneLine: Math.max(...boxes.map(b => b.top)) < Math.min(...boxes.map(b => b.bottom)),
    right: Math.max(...boxes.map(b => b.right)),
  };
}"""


@pytest.fixture
def helpdesk(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    expert = StaffFactory()
    expert.person.first_name, expert.person.last_name = "Hanneke", "Dijkstra-van den Berg"
    expert.person.save()
    member = MemberFactory(
        organisation=OrganisationFactory(name="Gemeente Súdwest-Fryslân en omstreken")
    )
    member.person.first_name, member.person.last_name = "Alexandra", "van Oldenbarnevelt"
    member.person.save()
    topic = TopicFactory(name="Onderwijs en zorg / thuiszitters")
    today = timezone.localdate()
    for index, (status, days) in enumerate(
        [("assigned", -3), ("new", 0), ("in_review", 2), ("waiting", 1), ("sent", -30)]
    ):
        question = ask(
            member,
            subject=f"Leerplichtambtenaar en gegevensdeling bij een thuiszitter ({index})",
            topic=topic,
        )
        Question.objects.filter(pk=question.pk).update(
            status=status,
            due_date=today + timedelta(days=days),
            expert=expert,
            answered_at=timezone.now() if status == "sent" else None,
        )
    return {"expert": expert, "member": member}


@pytest.mark.parametrize(
    "role", [StaffFactory, AdministratorFactory, BoardFactory], ids=["staff", "admin", "board"]
)
def test_the_staff_and_board_menu_is_on_one_line_at_1280_px(open_page, roles_synced, role):
    page = open_page(role(), DESKTOP)
    page.goto("/mijn/werk/")
    menu = page.evaluate(MENU_ON_ONE_LINE)
    assert "Mijn werk" in menu["labels"] and "Uitloggen" in menu["labels"]
    assert menu["oneLine"], menu
    assert menu["right"] <= DESKTOP["width"]


def test_the_queue_shows_the_due_date_at_1280_px_with_one_heading_per_column(open_page, helpdesk):
    page = open_page(helpdesk["expert"], DESKTOP)
    page.goto("/vragen/")
    headings = page.locator("main table thead th").all_inner_texts()
    assert headings == ["Uiterlijk", "Vraag", "Vragensteller", "Status"]
    due = page.get_by_role("columnheader", name="Uiterlijk").bounding_box()
    assert due["x"] >= 0 and due["x"] + due["width"] <= DESKTOP["width"]
    frame = page.evaluate(
        "() => { const w = document.querySelector('main .table-wrap');"
        " return [w.scrollWidth, w.clientWidth]; }"
    )
    assert frame[0] <= frame[1], "the table fits without scrolling sideways"
    # Open questions only, the overdue one first; the answered one behind the filter.
    assert page.locator("main tbody tr").count() == 4
    assert "te laat" in page.locator("main tbody tr").first.inner_text()
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == []


def test_staff_and_board_land_on_mijn_werk_which_fits_a_phone_and_a_desktop(
    open_page, _playwright_browser, live_server, helpdesk
):
    board = BoardFactory()
    for user in (helpdesk["expert"], board):
        assert_fits_a_phone_and_passes_axe(
            _playwright_browser, live_server.url, user, "/mijn/werk/"
        )
        page = open_page(user, DESKTOP)
        page.goto("/mijn/werk/")
        assert page.locator("h1").inner_text() == "Mijn werk"
        assert not has_horizontal_scroll(page)
        assert axe_violations(page) == []
    page = open_page(helpdesk["expert"], DESKTOP)
    page.goto("/mijn/werk/")
    assigned = page.locator("section", has=page.get_by_role("heading", name="Aan jou toegewezen"))
    assert assigned.get_by_role("link", name="(0)").count() == 1  # the overdue one


def test_mijn_vragen_shows_status_and_expected_answer_on_a_phone_without_scrolling(
    open_page, helpdesk
):
    page = open_page(helpdesk["member"], PHONE)
    page.goto("/vragen/")
    frame = page.evaluate(
        "() => { const w = document.querySelector('main .table-wrap');"
        " return [w.scrollWidth, w.clientWidth]; }"
    )
    assert frame[0] <= frame[1], "no sideways scrolling in the table"
    assert not has_horizontal_scroll(page)
    for text in ("Toegewezen aan een expert", "antwoord verwacht uiterlijk", "beantwoord op"):
        box = page.get_by_text(text).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], text
    assert axe_violations(page) == []


def test_the_online_jaarverslag_fits_a_phone_of_390_px(
    _playwright_browser, live_server, roles_synced
):
    from programmes import demo

    demo.seed(scale="normal", stdout=io.StringIO())
    year = 2025
    for width in (390, 375):
        assert_fits_a_phone_and_passes_axe(
            _playwright_browser, live_server.url, BoardFactory(), f"/jaarverslag/{year}/", width
        )


# The height of the first line of each chart text as drawn (an SVG scaled to its column
# draws its text scaled with it; a label wrapped over two lines still has lines of one height).
CHART_TEXT = """() => [...document.querySelectorAll(".bar-chart th, .bar-chart .num, svg text")]
  .map(e => { const r = document.createRange(); r.selectNodeContents(e);
              return Math.round(r.getClientRects()[0].height); })"""


def test_chart_text_keeps_its_size_on_a_phone_and_on_a_desktop(open_page, helpdesk):
    sizes = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(helpdesk["expert"], viewport)
        page.goto(f"/vragen/cijfers/?jaar={timezone.localdate().year}")
        heights = page.evaluate(CHART_TEXT)
        assert heights, "the page has charts"
        sizes[name] = set(heights)
        assert not has_horizontal_scroll(page)
    # Lines of text at the page's own size (16 px), the same on both.
    assert sizes["phone"] == sizes["desktop"], sizes
    assert min(sizes["desktop"]) >= 17 and max(sizes["desktop"]) <= 24, sizes


PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


def test_an_expert_inserts_a_standard_text_attaches_a_file_and_the_reviewer_sees_the_changes(
    open_page, helpdesk
):
    from knowledge.models import Answer, StandardText

    StandardText.objects.create(title="Afsluiting", body="Succes met de zitting.")
    expert, member = helpdesk["expert"], helpdesk["member"]
    reviewer = StaffFactory()
    question = ask(member, subject="Mag een leerling op vakantie buiten de schoolvakanties?")
    url = f"/vragen/{question.pk}/"

    page = open_page(expert, DESKTOP)
    page.goto(url)
    page.locator("#id_body").fill("Nee, alleen met verlof van de directeur.")
    page.get_by_label("Standaardtekst").select_option(label="Afsluiting")
    with page.expect_navigation():
        page.get_by_role("button", name="Invoegen").click()
    # The text is in the answer to read and edit; nothing is saved yet.
    assert page.locator("#id_body").input_value() == (
        "Nee, alleen met verlof van de directeur.\n\nSucces met de zitting."
    )
    assert not Answer.objects.filter(question=question).exists()
    assert axe_violations(page) == []
    page.get_by_label("Bijlagen bij het antwoord").set_input_files(
        [{"name": "verlofregels.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan en ter controle aanbieden").click()

    check = open_page(reviewer, DESKTOP)
    check.goto(url)
    assert check.get_by_role("link", name="verlofregels.pdf").is_visible()
    assert check.get_by_text("Wat er veranderd is").count() == 0  # sent once
    check.get_by_label("Wat moet er anders?").fill("Noem artikel 11 onder f.")
    with check.expect_navigation():
        check.get_by_role("button", name="Terugsturen met opmerking").click()

    page.goto(url)
    page.locator("#id_body").fill(
        "Nee, alleen met verlof van de directeur (artikel 11 onder f).\n\nSucces met de zitting."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan en ter controle aanbieden").click()

    check.goto(url)
    assert check.get_by_text("Wat er veranderd is sinds de vorige versie ter controle").is_visible()
    assert check.locator(".diff ins").inner_text() == " (artikel 11 onder f)"
    assert axe_violations(check) == []
    with check.expect_navigation():
        check.get_by_role("button", name="Goedkeuren en versturen").click()

    asker = open_page(member, PHONE)
    asker.goto(url)
    link = asker.get_by_role("link", name="verlofregels.pdf")
    assert link.is_visible()
    with asker.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "verlofregels.pdf"
    assert not has_horizontal_scroll(asker)


# The computed font size (px) of every text of the online jaarverslag's charts: titles,
# legends, labels, numbers and notes, and any text drawn inside an SVG.
REPORT_CHART_TEXT = """() => [...document.querySelectorAll(
    ".chart-grid figcaption, .chart-grid .chart-legend, .chart-grid th[scope=row],"
    + " .chart-grid .num, .chart-grid .chart-note, .chart-grid svg text")]
  .filter(e => e.getClientRects().length)
  .map(e => parseFloat(getComputedStyle(e).fontSize))"""


def test_the_online_jaarverslags_chart_text_keeps_a_readable_size_on_a_phone_and_desktop(
    open_page, roles_synced
):
    from knowledge.tests.factories import TopicFactory
    from programmes import demo

    demo.seed(scale="normal", stdout=io.StringIO())
    # Two years of answered questions: the helpdesk's column charts and the topics of 2025
    # beside 2024 (the paired bars) are drawn too.
    member = MemberFactory()
    topics = [TopicFactory(name=name) for name in ("Vrijstellingen", "Aanwezigheid en verzuim")]
    for year, count in ((2024, 2), (2025, 3)):
        for index in range(count):
            question = ask(member, subject=f"Vraag {year}-{index}", topic=topics[index % 2])
            received = timezone.make_aware(datetime(year, 3, 2 + index, 10))
            Question.objects.filter(pk=question.pk).update(
                status=Question.Status.SENT,
                received_at=received,
                answered_at=received + timedelta(days=1),
            )
    sizes = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = open_page(BoardFactory(), viewport)
        page.goto("/jaarverslag/2025/")
        found = page.evaluate(REPORT_CHART_TEXT)
        assert len(found) >= 8, "the page has its charts"
        assert page.locator(".chart-grid svg text").count() == 0
        assert page.locator(".chart-topics th[scope=row]").count() >= 2
        sizes[name] = set(found)
        assert not has_horizontal_scroll(page)
        # No chart wider than the screen.
        widest = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.chart-figure')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= viewport["width"], name
    # Text at the page's own size, not scaled with the width of the page: the same on both.
    assert sizes["phone"] == sizes["desktop"], sizes
    assert min(sizes["phone"]) >= 12, sizes
