import contextlib
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Item
from knowledge.tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_public_pages_are_cached_for_anonymous_visitors_only(client, member_client):
    from django.test import Client

    anonymous = Client()
    ItemFactory(title="Verlof bij een bruiloft")
    url = reverse("knowledge:item_list")
    assert "Verlof bij een bruiloft" in anonymous.get(url, {"q": "verlof"}).content.decode()
    ItemFactory(title="Verlof bij een begrafenis")
    cached = anonymous.get(url, {"q": "verlof"}).content.decode()
    assert "begrafenis" not in cached, "served from the cache for a minute"
    fresh = member_client.get(url, {"q": "verlof"}).content.decode()
    assert "begrafenis" in fresh, "logged-in users always get a fresh page"
    assert "csrfmiddlewaretoken" not in cached


def test_language_switch_works_without_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert strict.cookies["django_language"].value == "en"


def test_the_anonymous_cache_keys_on_the_whole_request_however_long(client):
    from knowledge.tests.factories import TopicFactory

    topics = TopicFactory(name="Verzuim"), TopicFactory(name="Vrijstelling")
    url = reverse("knowledge:item_list")
    long_query = "x" * 300  # past the 240 characters where the old key was cut off
    for topic in topics:
        page = client.get(url, {"q": long_query, "onderwerp": topic.pk}).content.decode()
        assert f'<option value="{topic.pk}" selected>' in page, topic.name


def _status_count(page: str, label: str) -> int:
    import re

    match = re.search(rf">{label}</a>: <strong>(\d+)</strong>", page)
    assert match, f"no count for {label}"
    return int(match.group(1))


def test_the_queue_counts_each_status_again_after_a_question_changes(
    staff_client, member, staff_user
):
    from knowledge import services
    from knowledge.tests.factories import ask

    url = reverse("knowledge:question_list")
    assert _status_count(staff_client.get(url).content.decode(), "Nieuw") == 0
    question = ask(member)
    page = staff_client.get(url).content.decode()
    assert _status_count(page, "Nieuw") == 1, "a new question is counted at once"
    services.question_assign(question=question, expert=staff_user, actor=staff_user)
    page = staff_client.get(url).content.decode()
    assert _status_count(page, "Nieuw") == 0
    assert _status_count(page, "Toegewezen aan een expert") == 1


def test_a_cached_search_never_shows_members_only_items_to_others(member_client, non_member):
    from django.test import Client

    from knowledge.models import Item

    ItemFactory(title="Verlof voor leden", audience=Item.Audience.MEMBERS)
    ItemFactory(title="Verlof voor iedereen")
    url = reverse("knowledge:item_list")
    as_member = member_client.get(url, {"q": "verlof"}).content.decode()
    assert "Verlof voor leden" in as_member and "Verlof voor iedereen" in as_member
    signed_up, anonymous = Client(), Client()
    signed_up.force_login(non_member)
    for visitor in (signed_up, anonymous):
        page = visitor.get(url, {"q": "verlof"}).content.decode()
        assert "Verlof voor iedereen" in page
        assert "Verlof voor leden" not in page


def test_a_cached_filter_form_shows_the_filter_of_its_own_request(staff_client):
    url = reverse("knowledge:question_list")
    first = staff_client.get(url, {"status": "new"}).content.decode()
    second = staff_client.get(url, {"status": "sent"}).content.decode()
    assert '<option value="new" selected>' in first
    assert '<option value="sent" selected>' in second
    assert '<option value="new" selected>' not in second
    staff_client.post(reverse("set_language"), {"language": "en", "next": url})
    english = staff_client.get(url, {"status": "sent"}).content.decode()
    assert ">Open questions<" in english and ">Open vragen<" not in english


# --- generations: a read that raced a change never serves the state before it ---------


@contextlib.contextmanager
def _a_change_before_the_first_store(prefix, change):
    """Run `change` when the cache is first asked to store a key starting with `prefix`: the
    read computed its value before the change and stores it after the change committed."""
    from django.core.cache import caches

    backend = caches["default"]
    done = []

    def hooked(name):
        original = getattr(backend, name)

        def store(key, *args, **kwargs):
            if key.startswith(prefix) and not done:
                done.append(key)
                change()
            return original(key, *args, **kwargs)

        return store

    with (
        mock.patch.object(backend, "set", hooked("set")),
        mock.patch.object(backend, "add", hooked("add")),
    ):
        yield
    assert done, f"nothing stored under {prefix}"


def test_counts_that_raced_a_change_are_never_served(
    member, staff_user, django_capture_on_commit_callbacks
):
    from knowledge import services, stats
    from knowledge.tests.factories import ask

    question = ask(member)

    def assign():
        with django_capture_on_commit_callbacks(execute=True):
            services.question_assign(question=question, expert=staff_user, actor=staff_user)

    with _a_change_before_the_first_store("knowledge:questions-by-status", assign):
        assert stats.counts_by_status() == {"new": 1}, "counted before the change"
    assert stats.counts_by_status() == {"assigned": 1}


def test_search_results_that_raced_a_change_are_never_served(
    staff_user, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import AnonymousUser

    from knowledge import selectors

    item = ItemFactory(title="Verlof bij een bruiloft", author=staff_user)

    def members_only():
        with django_capture_on_commit_callbacks(execute=True):
            _save(item, staff_user, audience=Item.Audience.MEMBERS)

    with _a_change_before_the_first_store("kennisbank-search:", members_only):
        found, _searched = selectors.search_items(AnonymousUser(), query="verlof")
        assert [i.title for i in found] == ["Verlof bij een bruiloft"], "found before"
    found, _searched = selectors.search_items(AnonymousUser(), query="verlof")
    assert found == []


def _save(item, actor, **changes):
    """Change an item through the service, as the kennisbank form does."""
    from knowledge import services

    fields = {
        "title": item.title,
        "question_text": item.question_text,
        "answer_text": item.answer_text,
        "topics": list(item.topics.all()),
        "sources": [],
        "audience": item.audience,
        "review_by": item.review_by,
        **changes,
    }
    return services.item_save(item=item, actor=actor, **fields)


def test_an_item_made_members_only_is_gone_for_visitors_at_once_under_every_url(
    client, staff_user, django_capture_on_commit_callbacks
):
    item = ItemFactory(title="Verlof bij een bruiloft", author=staff_user)
    url = reverse("knowledge:item_list")
    detail = reverse("knowledge:item_detail", args=[item.slug])
    assert "Verlof bij een bruiloft" in client.get(url, {"q": "verlof"}).content.decode()
    assert client.get(detail).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        _save(item, staff_user, audience=Item.Audience.MEMBERS)
    for query in (
        {"q": "verlof"},
        {"q": "verlof", "utm_source": "nieuwsbrief", "utm_medium": "email"},  # never asked
        {},
    ):
        page = client.get(url, query).content.decode()
        assert "Verlof bij een bruiloft" not in page, query
    assert client.get(detail).status_code == 404


def test_a_changed_answer_shows_to_visitors_at_once(
    client, staff_user, django_capture_on_commit_callbacks
):
    item = ItemFactory(
        title="Verlof bij een bruiloft", answer_text="Eén dag verlof.", author=staff_user
    )
    detail = reverse("knowledge:item_detail", args=[item.slug])
    assert "Eén dag verlof." in client.get(detail).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _save(item, staff_user, answer_text="Twee dagen verlof, bij een huwelijk in de familie.")
    page = client.get(detail).content.decode()
    assert "Twee dagen verlof" in page and "Eén dag verlof." not in page
    search = client.get(reverse("knowledge:item_list"), {"q": "huwelijk"}).content.decode()
    assert "Verlof bij een bruiloft" in search


def test_an_item_changed_in_the_admin_shows_to_visitors_at_once(
    client, roles_synced, django_capture_on_commit_callbacks
):
    from django.test import Client

    from members.tests.factories import AdministratorFactory

    administrator = AdministratorFactory()
    item = ItemFactory(title="Verlof bij een bruiloft", author=administrator)
    url = reverse("knowledge:item_list")
    assert "Verlof bij een bruiloft" in client.get(url, {"q": "verlof"}).content.decode()
    admin = Client()
    admin.force_login(administrator)
    data = {
        "author": administrator.pk,
        "title": item.title,
        "slug": item.slug,
        "question_text": item.question_text,
        "answer_text": item.answer_text,
        "topics": [t.pk for t in item.topics.all()],
        "audience": Item.Audience.MEMBERS,
        "review_by": item.review_by.isoformat(),
        "published_at_0": item.published_at.date().isoformat(),
        "published_at_1": "09:00:00",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("admin:knowledge_item_change", args=[item.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert "Verlof bij een bruiloft" not in client.get(url, {"q": "verlof"}).content.decode()


def test_a_question_changed_in_the_admin_is_counted_at_once(
    staff_client, member, roles_synced, django_capture_on_commit_callbacks
):
    from django.test import Client

    from knowledge.tests.factories import ask
    from members.tests.factories import AdministratorFactory

    question = ask(member)
    url = reverse("knowledge:question_list")
    assert _status_count(staff_client.get(url).content.decode(), "Nieuw") == 1
    admin = Client()
    admin.force_login(AdministratorFactory())
    change = reverse("admin:knowledge_question_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            change,
            {"action": "delete_selected", "_selected_action": [question.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert _status_count(staff_client.get(url).content.decode(), "Nieuw") == 0


def test_unknown_query_parameters_make_no_new_cache_entry_and_do_not_change_the_page(client):
    from django.core.cache import caches

    ItemFactory(title="Verlof bij een bruiloft")
    url = reverse("knowledge:item_list")
    backend = caches["default"]
    stored = []
    original = backend.set

    def spy(key, *args, **kwargs):
        if key.startswith("anon-page:"):
            stored.append(key)
        return original(key, *args, **kwargs)

    pages = []
    with mock.patch.object(backend, "set", spy):
        for query in (
            "q=verlof",
            "q=verlof&utm_source=nieuwsbrief&utm_campaign=mei",
            "utm_source=x&q=verlof&fbclid=abc&onderwerp=",
            "q=verlof&anything=else",
        ):
            response = client.get(f"{url}?{query}")
            assert response.status_code == 200
            pages.append(response.content.decode())
    assert len(stored) == 1, "one page, one entry"
    assert all(page == pages[0] for page in pages)
    assert "utm_" not in pages[0] and "fbclid" not in pages[0]
    assert "Verlof bij een bruiloft" in pages[0]


def test_the_parameters_a_page_reads_still_make_their_own_page(client):
    from knowledge.tests.factories import TopicFactory

    verzuim = TopicFactory(name="Verzuim")
    ItemFactory(title="Verlof bij een bruiloft")
    ItemFactory(title="Verzuim melden", topics=[verzuim])
    url = reverse("knowledge:item_list")
    assert "Verzuim melden" not in client.get(url, {"q": "verlof"}).content.decode()
    page = client.get(url, {"onderwerp": verzuim.pk, "utm_source": "x"}).content.decode()
    assert "Verzuim melden" in page and "Verlof bij een bruiloft" not in page
    catalogue = reverse("academy:catalogue")
    assert client.get(catalogue, {"page": 2}).status_code == 200  # only one page: page 1
    assert client.get(catalogue, {"kind": "webinar"}).context["filter"].data.dict() == {
        "kind": "webinar"
    }


def test_places_left_in_the_catalogue_are_current_for_visitors(
    client, django_capture_on_commit_callbacks
):
    from academy import services
    from academy.tests.factories import edition_with_sessions
    from members.tests.factories import PersonFactory

    edition = edition_with_sessions(capacity=2)
    url = reverse("academy:catalogue")
    assert "2 plaatsen vrij" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(edition=edition, person=PersonFactory())
    assert "1 plaats vrij" in client.get(url).content.decode()


def test_a_result_recorded_shows_on_the_project_page_for_visitors_at_once(
    client, staff_user, django_capture_on_commit_callbacks
):
    from programmes import services
    from programmes.tests.factories import ProjectFactory

    project = ProjectFactory()
    url = reverse("programmes:project_detail", args=[project.slug])
    assert "Veertig trainingen gegeven" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.result_save(
            project=project,
            year=timezone.localdate().year,
            actor=staff_user,
            text="Veertig trainingen gegeven",
        )
    assert "Veertig trainingen gegeven" in client.get(url).content.decode()


def test_a_generation_lost_from_the_cache_starts_above_every_number_it_had():
    from django.core.cache import cache

    from ingrado.caching import GENERATION_PREFIX, bump_generation, generation_numbers

    (first,) = generation_numbers(["demo"])
    for _ in range(3):
        bump_generation("demo")
    (bumped,) = generation_numbers(["demo"])
    assert bumped > first
    cache.delete(GENERATION_PREFIX + "demo")  # evicted (LRU) or cleared (restore)
    (again,) = generation_numbers(["demo"])
    assert again > bumped, "a value stored under an old number is never read again"


# --- the language in every key whose value holds text ----------------------------------


def test_year_figures_are_kept_per_language(member, staff_user):
    from django.utils import translation

    from ingrado.caching import cached_figures
    from knowledge import services, stats
    from knowledge.tests.factories import ask

    question = ask(member)
    services.question_assign(question=question, expert=staff_user, actor=staff_user)
    services.answer_save_draft(question=question, body="Ja.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    from members.tests.factories import StaffFactory

    services.answer_approve(question=question, reviewer=StaffFactory())
    year = timezone.localdate().year
    with translation.override("nl"):
        dutch = cached_figures("knowledge", year, stats.year_figures)
    with translation.override("en"):
        english = cached_figures("knowledge", year, stats.year_figures)
    assert [label for label, _n in dutch["by_organisation_kind"]] == ["Gemeente"]
    assert [label for label, _n in english["by_organisation_kind"]] == ["Municipality"]
