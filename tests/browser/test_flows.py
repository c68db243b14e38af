"""Flows 3 to 6 of the browser issue, as people click through them."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from academy.models import Certificate, Enrolment, Session
from academy.tests.factories import edition_with_sessions
from knowledge.models import Item, Question
from knowledge.tests.factories import ItemFactory, TopicFactory
from members.tests.factories import BoardFactory, MemberFactory, StaffFactory
from tests.browser.conftest import (
    assert_fits_a_phone_and_passes_axe,
    axe_violations,
    plan_with_one_result,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    from members.roles import sync_roles

    sync_roles()
    return {
        "member": MemberFactory(),
        "other": MemberFactory(),
        "expert": StaffFactory(),
        "expert2": StaffFactory(),
        "board": BoardFactory(),
    }


def _submit(page, name=None):
    button = (
        page.get_by_role("button", name=name)
        if name
        else page.locator("main form button[type=submit]").first
    )
    with page.expect_navigation():
        button.click()


def _follow(page, name):
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()


def test_question_is_asked_answered_checked_returned_approved_and_rated(new_context, people):
    topic = TopicFactory(name="Vrijstellingen")
    ItemFactory(title="Vrijstelling bij verhuizing naar het buitenland", topics=[topic])
    member = new_context(people["member"])
    member.goto("/vragen/nieuw/")
    assert axe_violations(member) == []
    member.get_by_label("Titel van je vraag").press_sequentially("vrijstelling buitenland")
    # Suggestions appear while typing (htmx), without a page load.
    member.locator("#suggestions").get_by_text("Vrijstelling bij verhuizing").wait_for()
    member.locator("#id_body").fill(
        "Een gezin verhuist naar Spanje. Moet er een vrijstelling worden aangevraagd?"
    )
    _submit(member, "Vraag versturen")
    assert "uiterlijk" in member.content()
    question = Question.objects.get()

    expert = new_context(people["expert"])
    expert.goto(f"/vragen/{question.pk}/")
    expert.locator("#id_body").fill("Ja, op grond van artikel 5 onder c.")
    _submit(expert, "Opslaan en ter controle aanbieden")
    assert "ter controle aangeboden" in expert.content()

    reviewer = new_context(people["expert2"])
    reviewer.goto(f"/vragen/{question.pk}/")
    reviewer.get_by_label("Wat moet er anders?").fill("Noem ook de jaarlijkse verklaring.")
    _submit(reviewer, "Terugsturen met opmerking")

    expert.goto(f"/vragen/{question.pk}/")
    assert "Noem ook de jaarlijkse verklaring." in expert.content()
    expert.locator("#id_body").fill(
        "Ja, op grond van artikel 5 onder c, met jaarlijks een verklaring van de school."
    )
    _submit(expert, "Opslaan en ter controle aanbieden")

    reviewer.goto(f"/vragen/{question.pk}/")
    _submit(reviewer, "Goedkeuren en versturen")
    assert "goedgekeurd en naar de vragensteller verstuurd" in reviewer.content()

    member.goto(f"/vragen/{question.pk}/")
    assert "met jaarlijks een verklaring van de school" in member.content()
    member.get_by_label("Ja, nuttig").check()
    _submit(member, "Beoordeling versturen")
    assert "Dank je wel voor je beoordeling" in member.content()
    assert Question.objects.get().rating.helpful


def test_expert_publishes_to_the_kennisbank_after_removing_a_bsn(new_context, people):
    from knowledge import services
    from knowledge.tests.factories import ask

    question = ask(
        people["member"],
        subject="Vrijstelling en BSN",
        body="Leerling met BSN 111222333 verhuist. Vrijstelling nodig?",
    )
    services.answer_save_draft(
        question=question, body="Ja, een vrijstelling.", actor=people["expert"]
    )
    services.answer_submit_for_review(question=question, actor=people["expert"])
    services.answer_approve(question=question, reviewer=people["expert2"])

    expert = new_context(people["expert"])
    expert.goto(f"/vragen/{question.pk}/publiceren/")
    expert.get_by_label("Zichtbaar voor").select_option("public")
    _submit(expert, "Publiceren")
    assert "Persoonsgegevens gevonden" in expert.content()
    refusal = expert.locator(".form-errors").first.inner_text()
    # The field is named and the passage quoted, not a position over all texts together.
    assert "Vraag (geanonimiseerd): BSN (burgerservicenummer) in" in refusal
    assert "“Leerling met BSN 111222333 verhuist. Vrijstelling nodig?”" in refusal
    assert "positie" not in refusal
    assert not Item.objects.exists()
    expert.get_by_label("Vraag (geanonimiseerd)").fill(
        "Een leerling verhuist naar het buitenland. Is een vrijstelling nodig?"
    )
    _submit(expert, "Publiceren")
    assert Item.objects.count() == 1

    visitor = new_context()
    visitor.goto("/kennisbank/")
    visitor.get_by_label("Zoek in de kennisbank").fill("vrijstelling")
    _submit(visitor, "Zoeken")
    visitor.get_by_role("link", name="Vrijstelling en BSN").click()
    assert "Een leerling verhuist naar het buitenland" in visitor.content()
    assert axe_violations(visitor) == []


def test_enrol_wait_cancel_promote_attend_evaluate_and_download_certificate(new_context, people):
    edition = edition_with_sessions(capacity=1, days_ahead=20)
    first = new_context(people["member"])
    first.goto(f"/academie/editie/{edition.pk}/")
    assert axe_violations(first) == []
    # Enrolling asks first: the price and its VAT, whom to invoice, the cancellation terms.
    _follow(first, "Inschrijven")
    assert "Aan wie sturen we de factuur?" in first.content()
    assert "Kosteloos annuleren kan tot en met" in first.content()
    assert axe_violations(first) == []
    _submit(first, "Ja, schrijf me in")
    assert "Je bent ingeschreven" in first.content()

    second = new_context(people["other"])
    second.goto(f"/academie/editie/{edition.pk}/")
    _follow(second, "Op de wachtlijst")
    _submit(second, "Ja, zet me op de wachtlijst")
    assert "nummer 1 van de wachtlijst" in second.content()

    # Cancelling asks first too: the terms, the price, and that the place goes to the
    # waiting list; without JavaScript it is a page with the button.
    _follow(first, "Mijn inschrijving annuleren")
    assert "Je plaats gaat naar de eerste op de wachtlijst." in first.content()
    _submit(first, "Ja, annuleer de inschrijving")
    second.goto(f"/academie/editie/{edition.pk}/")
    assert "Je bent ingeschreven" in second.content()

    # The edition takes place: move its session to the past, staff register attendance.
    Session.objects.filter(edition=edition).update(
        date=timezone.localdate() - timedelta(days=1), start_time=time(9), end_time=time(12)
    )
    staff = new_context(people["expert"])
    staff.goto(f"/academie/editie/{edition.pk}/deelnemers/")
    assert axe_violations(staff) == []
    staff.locator("fieldset input[type=checkbox]").first.check()
    _submit(staff, "Aanwezigheid opslaan")
    _submit(staff, "Certificaten uitreiken aan iedereen die bij elke bijeenkomst aanwezig was")
    enrolment = Enrolment.objects.get(person=people["other"].person, status="confirmed")
    assert enrolment.certificate.state == Certificate.State.READY

    second.goto("/mijn/")
    second.get_by_role("link", name="evalueer om je certificaat te krijgen").click()
    second.get_by_label("Je cijfer (1 tot en met 10)").select_option("9")
    _submit(second, "Evaluatie versturen")
    with second.expect_download() as download:
        second.get_by_role("link", name="download certificaat").click()
    assert download.value.suggested_filename.endswith(".pdf")
    second.goto(f"/academie/certificaat/{enrolment.certificate.code}/")
    assert "Certificaat geverifieerd" in second.content()


def test_board_generates_the_annual_report_and_sees_it_become_ready_without_reload(
    new_context, people
):
    from programmes import services
    from programmes.models import AnnualReport

    plan_with_one_result()
    # A report waiting in the queue: the page polls its state while it is pending.
    report = AnnualReport.objects.create(year=2025, requested_by=people["board"])
    board = new_context(people["board"])
    board.goto("/jaarverslag/")
    assert axe_violations(board) == []
    board.evaluate("window.__noReload = true")
    assert "In de wachtrij" in board.locator("#report-status").inner_text()
    services.report_generate(report_pk=report.pk)
    board.get_by_role("link", name="Download PDF").wait_for(timeout=15_000)
    assert board.evaluate("window.__noReload === true"), "the page was reloaded"
    with board.expect_download() as download:
        board.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "jaarverslag-2025.pdf"
    # And the button itself (tasks in-process here; a real worker in test_programmes).
    _submit(board, re.compile("Genereer jaarverslag"))
    assert AnnualReport.objects.filter(state="ready").count() == 2


def test_member_is_refused_another_members_question(new_context, people):
    from knowledge.tests.factories import ask

    question = ask(people["other"])
    member = new_context(people["member"])
    response = member.goto(f"/vragen/{question.pk}/")
    assert response.status == 404
    assert "Pagina niet gevonden" in member.content()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/kennisbank/",
        "/academie/",
        "/programmas/",
        "/vragen/",
        "/vragen/nieuw/",
        "/mijn/",
        "/rayons/",
    ],
)
def test_main_member_pages_fit_a_phone_and_pass_axe(
    _playwright_browser, live_server, people, settings, path
):
    settings.ALLOWED_HOSTS = ["*"]
    assert_fits_a_phone_and_passes_axe(_playwright_browser, live_server.url, people["member"], path)


@pytest.mark.parametrize(
    "path",
    ["/vragen/", "/leden/personen/", "/jaarverslag/", "/vragen/cijfers/", "/academie/cijfers/"],
)
def test_main_staff_pages_fit_a_phone_and_pass_axe(
    _playwright_browser, live_server, people, settings, path
):
    settings.ALLOWED_HOSTS = ["*"]
    assert_fits_a_phone_and_passes_axe(_playwright_browser, live_server.url, people["expert"], path)


def test_board_presses_generate_and_a_real_worker_makes_the_report(
    new_context, people, live_celery_worker
):
    """Flow 6 with a real Celery worker on Redis (the CI run on PostgreSQL and Redis)."""
    from programmes.models import AnnualReport

    plan_with_one_result()
    board = new_context(people["board"])
    board.goto("/jaarverslag/")
    _submit(board, re.compile("Genereer jaarverslag"))
    board.evaluate("window.__noReload = true")
    board.get_by_role("link", name="Download PDF").wait_for(timeout=45_000)
    assert board.evaluate("window.__noReload === true"), "the page was reloaded"
    assert AnnualReport.objects.get().state == "ready"
    with board.expect_download() as download:
        board.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "jaarverslag-2025.pdf"
