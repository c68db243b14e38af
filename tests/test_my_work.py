"""Mijn werk: staff and board land on what waits for them; members keep Mijn Ingrado. Each
panel is registered by its app (`members.dashboard.register_panel(page="work", ...)`) and runs
a fixed number of queries."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from academy import services as academy_services
from academy.models import Attendance, Certificate
from academy.tests.factories import past_edition_with_sessions
from knowledge import services as knowledge_services
from knowledge.models import Question
from knowledge.tests.factories import TopicFactory, ask
from members import dashboard
from members.adapters import AccountAdapter
from members.tests.factories import PersonFactory, StaffFactory

pytestmark = pytest.mark.django_db

KNOWLEDGE = [
    "knowledge/_work_assigned.html",
    "knowledge/_work_review.html",
    "knowledge/_work_due.html",
    "knowledge/_work_new.html",
]
STAFF_PANELS = [*KNOWLEDGE, "academy/_work_panel.html", "programmes/_work_panel.html"]
BOARD_PANELS = [
    "programmes/_work_panel.html",
    "includes/figures_panel.html",
    "includes/figures_panel.html",
    "includes/figures_panel.html",
]
# Queries of each panel's context, however many rows. The board's figures are the year's
# figures the jaarverslag uses, kept in the cache: none once they are there.
QUERIES = {
    "knowledge/_work_assigned.html": 2,
    "knowledge/_work_review.html": 2,
    "knowledge/_work_due.html": 2,
    "knowledge/_work_new.html": 2,
    "academy/_work_panel.html": 3,
    "programmes/_work_panel.html": 1,
    "includes/figures_panel.html": 0,
}


def _run(panel, user):
    request = RequestFactory().get("/mijn/werk/")
    request.user = user
    return panel.context(request, getattr(user, "person", None))


def _context(template, user):
    return _run(next(p for p in dashboard.panels("work", user) if p.template == template), user)


def _subjects(template, user):
    return {question.subject for question in _context(template, user)["questions"]}


def test_after_logging_in_staff_and_board_land_on_mijn_werk_and_members_on_mijn_ingrado(
    staff_user, board_user, admin_user_role, member, non_member
):
    adapter = AccountAdapter()
    for user, landing in (
        (staff_user, "/mijn/werk/"),
        (board_user, "/mijn/werk/"),
        (admin_user_role, "/mijn/werk/"),
        (member, "/mijn/"),
        (non_member, "/mijn/"),
    ):
        request = RequestFactory().get("/accounts/login/")
        request.user = user
        assert adapter.get_login_redirect_url(request) == landing, user


def test_a_member_who_opens_mijn_werk_is_sent_to_mijn_ingrado(member_client):
    response = member_client.get(reverse("members:work"))
    assert response.status_code == 302 and response["Location"] == reverse("members:dashboard")
    assert "Mijn werk" not in member_client.get(reverse("members:dashboard")).content.decode()


def test_staff_see_their_work_panels_and_the_board_the_jaarverslag_and_the_figures(
    staff_user, board_user
):
    assert [p.template for p in dashboard.panels("work", staff_user)] == STAFF_PANELS
    assert [p.template for p in dashboard.panels("work", board_user)] == BOARD_PANELS


@pytest.fixture
def experts(roles_synced):
    me, colleague = StaffFactory(), StaffFactory()
    for user, name in ((me, "Hanneke"), (colleague, "Joost")):
        user.person.first_name = name
        user.person.save()
    return me, colleague


def _question(member, subject, topic=None, **fields):
    question = ask(member, subject=subject, topic=topic)
    if fields:
        Question.objects.filter(pk=question.pk).update(**fields)
    return question


def test_an_expert_sees_their_questions_the_answers_to_review_what_is_due_and_what_is_new(
    client, experts, member
):
    me, colleague = experts
    mine = TopicFactory(name="Verzuim")
    mine.experts.set([me])
    theirs = TopicFactory(name="Vrijstellingen")
    theirs.experts.set([colleague])
    everyones = TopicFactory(name="Verlof")  # names nobody: every expert handles it
    today = timezone.localdate()
    _question(member, "Van mij", mine, status="assigned", expert=me, due_date=today + timedelta(9))
    _question(member, "Van Joost", mine, status="assigned", expert=colleague)
    _question(member, "Van mij, beantwoord", mine, status="sent", expert=me)
    for author, subject in ((colleague, "Door Joost geschreven"), (me, "Door mij geschreven")):
        question = _question(member, subject, theirs)
        knowledge_services.answer_save_draft(question=question, body="Ja.", actor=author)
        knowledge_services.answer_submit_for_review(question=question, actor=author)
    Question.objects.filter(status="in_review").update(due_date=today + timedelta(days=9))
    _question(member, "Nieuw in mijn onderwerp", mine, due_date=today + timedelta(days=9))
    _question(member, "Nieuw bij Joost", theirs, due_date=today + timedelta(days=9))
    _question(member, "Nieuw voor iedereen", everyones, due_date=today + timedelta(days=9))
    _question(member, "Te laat", theirs, status="assigned", due_date=today - timedelta(days=3))
    _question(member, "Vandaag", theirs, status="assigned", due_date=today)
    _question(member, "Gepauzeerd", theirs, status="waiting", due_date=today - timedelta(days=9))

    # Drafting an answer to a question nobody had takes it on.
    assert _subjects(KNOWLEDGE[0], me) == {"Van mij", "Door mij geschreven"}
    assert _subjects(KNOWLEDGE[1], me) == {"Door Joost geschreven"}
    assert _subjects(KNOWLEDGE[1], colleague) == {"Door mij geschreven"}
    assert _subjects(KNOWLEDGE[2], me) == {"Te laat", "Vandaag"}
    assert [q.subject for q in _context(KNOWLEDGE[2], me)["questions"]] == ["Te laat", "Vandaag"]
    assert _subjects(KNOWLEDGE[3], me) == {"Nieuw in mijn onderwerp", "Nieuw voor iedereen"}
    assert _subjects(KNOWLEDGE[3], colleague) == {"Nieuw bij Joost", "Nieuw voor iedereen"}

    client.force_login(me)
    page = client.get(reverse("members:work")).content.decode()
    assert "<h1>Mijn werk</h1>" in page
    for heading in (
        "Aan jou toegewezen",
        "Antwoorden die op jouw controle wachten",
        "Te laat of uiterlijk de volgende werkdag",
        "Nieuwe vragen in jouw onderwerpen",
        "Academie: aanwezigheid en certificaten",
    ):
        assert heading in page, heading
    assert f'href="{reverse("members:work")}">Mijn werk</a>' in page  # in the header


def test_academie_staff_see_the_editions_that_need_attendance_or_certificates(staff_user):
    template = "academy/_work_panel.html"
    edition = past_edition_with_sessions(sessions=2)
    people = [PersonFactory() for _ in range(3)]
    enrolments = [
        academy_services.enrolment_create(edition=edition, person=person) for person in people
    ]
    long_ago = past_edition_with_sessions(sessions=1)
    long_ago.sessions.update(date=timezone.localdate() - timedelta(days=200))
    academy_services.enrolment_create(edition=long_ago, person=people[0])

    work = _context(template, staff_user)
    assert [(e["edition"], len(e["sessions"])) for e in work["attendance"]] == [(edition, 2)]
    assert work["certificates"] == []
    first, second = edition.sessions.all()
    academy_services.attendance_register(
        edition=edition, session=first, present_enrolment_ids=[e.pk for e in enrolments]
    )
    academy_services.attendance_register(
        edition=edition, session=second, present_enrolment_ids=[e.pk for e in enrolments[:2]]
    )
    work = _context(template, staff_user)
    assert work["attendance"] == []
    assert [(e["edition"], e["eligible"], e["failed"]) for e in work["certificates"]] == [
        (edition, 2, 0)
    ]
    academy_services.certificates_issue_for_edition(edition=edition)
    Certificate.objects.filter(enrolment=enrolments[0]).update(state="failed")
    work = _context(template, staff_user)
    assert [(e["edition"], e["eligible"], e["failed"]) for e in work["certificates"]] == [
        (edition, 0, 1)
    ]
    assert Attendance.objects.filter(session__edition=long_ago).count() == 0


@pytest.fixture
def cache_in_memory(settings):
    """The figures' cache in this process: the pins count the database, not whether a busy
    Redis answered within its 50 ms."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_each_work_panel_runs_the_same_few_queries_however_much_waits(
    experts, board_user, member, django_assert_num_queries, cache_in_memory
):
    from django.core.cache import cache

    me, colleague = experts
    today = timezone.localdate()
    for index in range(12):
        _question(member, f"Toegewezen {index}", status="assigned", expert=me, due_date=today)
        question = _question(member, f"Ter controle {index}")
        knowledge_services.answer_save_draft(question=question, body="Ja.", actor=colleague)
        knowledge_services.answer_submit_for_review(question=question, actor=colleague)
        _question(member, f"Nieuw {index}")
    for _ in range(4):
        edition = past_edition_with_sessions(sessions=2)
        for _person in range(3):
            academy_services.enrolment_create(edition=edition, person=PersonFactory())
    for user in (me, board_user):
        for panel in dashboard.panels("work", user):
            cache.clear()
            if QUERIES[panel.template] == 0:
                _run(panel, user)  # the figures computed once, then cached
            with django_assert_num_queries(QUERIES[panel.template]):
                context = _run(panel, user)
            if "questions" in context:
                assert len(context["questions"]) == 8 and context["count"] >= 12


def test_the_mijn_werk_page_has_a_fixed_query_budget(
    client, experts, board_user, member, django_assert_max_num_queries, cache_in_memory
):
    me, _colleague = experts
    for index in range(10):
        _question(member, f"Toegewezen {index}", status="assigned", expert=me)
    client.force_login(me)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("members:work")).status_code == 200
    client.force_login(board_user)
    client.get(reverse("members:work"))  # the year's figures computed once, then cached
    with django_assert_max_num_queries(9):
        page = client.get(reverse("members:work")).content.decode()
    assert f"Jaarverslag {timezone.localdate().year - 1}" in page
    assert f"Vraag &amp; Antwoord {timezone.localdate().year} tot nu toe" in page
