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
