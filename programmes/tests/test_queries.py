"""Query budgets: the number of queries does not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import (
    KeyFigureFactory,
    ProgrammeFactory,
    ProjectFactory,
    ResultFactory,
    YearPlanFactory,
)

pytestmark = pytest.mark.django_db


def _grow(plan, programmes, projects_each, results_each):
    start = max(10, *(p.number + 1 for p in plan.programmes.all()))
    for number in range(start, start + programmes):
        programme = ProgrammeFactory(plan=plan, number=number)
        for _ in range(projects_each):
            project = ProjectFactory(programme=programme, first_year=2020)
            for year in (2024, 2025):
                YearPlanFactory(project=project, year=year)
                KeyFigureFactory(project=project, year=year)
                for _ in range(results_each):
                    ResultFactory(project=project, year=year)


def _count(client, url):
    from django.core.cache import cache

    cache.clear()  # the same start for every count: stats and session read from the database
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


URLS = [
    lambda plan: reverse("programmes:plan"),
    lambda plan: reverse("programmes:programme_detail", args=[10]),
    lambda plan: reverse(
        "programmes:project_detail", args=[plan.programmes.get(number=10).projects.first().slug]
    ),
    lambda plan: reverse("programmes:project_detail", args=["kennis"]),
    lambda plan: reverse("programmes:report_online", args=[2025]),
]


@pytest.mark.parametrize("url", URLS, ids=["plan", "programme", "project", "kennis", "online"])
def test_pages_do_not_make_a_query_per_row(member_client, small_plan, url):
    plan = small_plan["plan"]
    _grow(plan, programmes=1, projects_each=1, results_each=1)
    few = _count(member_client, url(plan))
    _grow(plan, programmes=4, projects_each=3, results_each=5)
    project = plan.programmes.get(number=10).projects.first()
    for year in range(2016, 2024):
        ResultFactory(project=project, year=year)
    many = _count(member_client, url(plan))
    assert many == few


@pytest.mark.parametrize(
    ("url", "budget"),
    # Kennis includes the stats functions of the helpdesk (8 queries), cached afterwards.
    # The online report's first rendering its kerncijfers: those of the helpdesk (8) and the
    # Academie (6) for the year and the year before, the members (4: organisations and the
    # KRSD share at 31 December of both years); its charts one query per series (2),
    # whatever the number of years; the year's texts and quotes (2), its dated highlights
    # (1), the outlook to the next year plan (1) and the texts' revision (1). Later readers
    # share that rendering (test_report_content).
    [(URLS[0], 10), (URLS[1], 8), (URLS[2], 11), (URLS[3], 17), (URLS[4], 52)],
    ids=["plan", "programme", "project", "kennis", "online"],
)
def test_pages_stay_within_their_query_budget(
    member_client, small_plan, url, budget, django_assert_max_num_queries
):
    _grow(small_plan["plan"], programmes=3, projects_each=3, results_each=4)
    with django_assert_max_num_queries(budget):
        assert member_client.get(url(small_plan["plan"])).status_code == 200


def test_the_staff_project_page_with_its_forms_and_history_has_a_fixed_budget(
    staff_client, staff_user, small_plan, django_assert_max_num_queries
):
    from programmes import services

    project = small_plan["projects"]["basis"]
    for index in range(25):
        services.result_save(
            project=project,
            year=2025,
            text=f"R{index}",
            is_highlight=False,
            status="achieved",
            actor=staff_user,
        )
    with django_assert_max_num_queries(14):
        page = staff_client.get(reverse("programmes:project_detail", args=[project.slug]))
    assert page.content.decode().count("Resultaat vastgelegd") == 25
