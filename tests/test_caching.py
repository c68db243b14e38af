import pytest
from django.urls import reverse

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
