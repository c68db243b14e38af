"""Pages not pinned in their app's tests: the number of queries must not grow with rows."""

import pytest
from django.urls import reverse

from academy import services as academy_services
from academy.tests.factories import edition_with_sessions
from knowledge.tests.factories import ItemFactory, ask

pytestmark = pytest.mark.django_db


def _count(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_my_ingrado_with_many_questions_and_enrolments(
    member_client, member, django_assert_max_num_queries
):
    for index in range(12):
        ask(member, subject=f"Vraag {index}")
        academy_services.enrolment_create(
            edition=edition_with_sessions(sessions=2), person=member.person
        )
    _count(member_client, reverse("members:dashboard"), django_assert_max_num_queries, 14)


def test_item_and_edition_pages(member_client, django_assert_max_num_queries):
    item = ItemFactory()
    edition = edition_with_sessions(sessions=6)
    _count(
        member_client,
        reverse("knowledge:item_detail", args=[item.slug]),
        django_assert_max_num_queries,
        10,
    )
    _count(
        member_client,
        reverse("academy:edition_detail", args=[edition.pk]),
        django_assert_max_num_queries,
        10,
    )


def test_figures_pages(staff_client, member, django_assert_max_num_queries):
    for index in range(10):
        ask(member, subject=f"Vraag {index}")
    _count(staff_client, reverse("knowledge:figures"), django_assert_max_num_queries, 20)
    _count(staff_client, reverse("academy:figures"), django_assert_max_num_queries, 20)
