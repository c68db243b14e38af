"""What every user sees the same (queue counts, filter choices, the online jaarverslag) is
computed once and shared until data of its apps changes; each change shows at once."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from ingrado import page_cache
from ingrado.choices import EscapedLabels
from knowledge import stats
from knowledge.filters import QuestionQueueFilter
from knowledge.models import Question, Topic
from knowledge.tests.factories import ask
from members import permissions
from members.models import Person, Rayon
from programmes.models import StrategicPlan

pytestmark = pytest.mark.django_db

QUEUE = "/vragen/"


def test_a_shared_value_is_computed_once_until_its_app_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.remember("test", ("knowledge",), compute) == 1
    assert page_cache.remember("test", ("knowledge",), compute) == 1
    StrategicPlan.objects.create(
        title="Plan", first_year=2025, last_year=2030, mission="m", core_values="k"
    )
    assert page_cache.remember("test", ("knowledge",), compute) == 1  # another app
    Topic.objects.create(name="Verzuim")
    assert page_cache.remember("test", ("knowledge",), compute) == 2


def test_a_shared_value_is_kept_per_language():
    with override("nl"):
        dutch = page_cache.remember("label", ("knowledge",), lambda: str(Question.Status.NEW.label))
    with override("en"):
        english = page_cache.remember(
            "label", ("knowledge",), lambda: str(Question.Status.NEW.label)
        )
    assert (dutch, english) == ("Nieuw", "New")


def test_the_status_counts_follow_every_new_question(member):
    before = stats.counts_by_status().get("new", 0)
    ask(member, subject="Vrijstelling")
    assert stats.counts_by_status()["new"] == before + 1


def test_a_new_topic_and_rayon_are_choices_of_the_queue_filter_at_once(
    staff_client, page_cache_off
):
    staff_client.get(QUEUE)
    topic = Topic.objects.create(name="Thuiszitters")
    rayon = Rayon.objects.create(name="Rayon Caribisch Nederland", order=7)
    page = staff_client.get(QUEUE).content.decode()
    assert f'<option value="{topic.pk}">Thuiszitters</option>' in page
    assert f'<option value="{rayon.pk}">Rayon Caribisch Nederland</option>' in page
    filtered = staff_client.get(QUEUE, {"topic": topic.pk, "rayon": rayon.pk})
    assert filtered.context["filter"].form.is_valid()


def test_an_unknown_topic_is_refused_with_a_dutch_message(staff_client, page_cache_off):
    response = staff_client.get(QUEUE, {"topic": "99999"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


@pytest.fixture
def looked_up(monkeypatch):
    """The names of the shared values looked up (`page_cache.remember`) from now on."""
    names = []
    remember = page_cache.remember

    def counting(name, *args, **kwargs):
        names.append(name)
        return remember(name, *args, **kwargs)

    monkeypatch.setattr(page_cache, "remember", counting)
    return names


def test_a_request_reads_the_filters_shared_choices_from_the_cache_once(monkeypatch):
    read = []
    get = page_cache.cache.get

    def counting(key, *args, **kwargs):
        if key.startswith("shared:choices:"):
            read.append(key.split(":")[2])
        return get(key, *args, **kwargs)

    page_cache._request_started()  # what Django's request_started signal runs
    try:
        monkeypatch.setattr(page_cache.cache, "get", counting)
        filterset = QuestionQueueFilter({"topic": "1"}, queryset=Question.objects.all())
        filterset.form.is_valid()  # the topic's choices, to validate it
        str(filterset.form)  # every filter's choices, to show them
    finally:
        page_cache._request_finished()
    assert sorted(read) == ["experts", "rayons", "topics"]


def test_one_cache_round_trip_gives_all_access_facts_of_a_request(staff_client, monkeypatch):
    staff_client.get(QUEUE)
    calls = []
    get_many = permissions.cache.get_many

    def counting(keys):
        if any(key.startswith("access:") for key in keys):
            calls.append(keys)
        return get_many(keys)

    monkeypatch.setattr(permissions.cache, "get_many", counting)
    assert staff_client.get(QUEUE).status_code == 200
    assert len(calls) == 1


def test_a_choice_label_is_translated_and_an_unknown_value_shown_as_it_is():
    with override("nl"):
        assert EscapedLabels(Person.Function)["leerplicht"] == "Leerplichtambtenaar"
        assert EscapedLabels(Question.Status)["sent"] == "Antwoord verzonden"
    assert EscapedLabels(Question.Status)["lost"] == "lost"
    assert EscapedLabels(Question.Status)["<b>"] == "&lt;b&gt;"


def test_the_queue_counts_what_each_status_filter_shows(staff_client, member, page_cache_off):
    for subject in ("Verlof", "Vrijstelling", "Verzuim"):
        ask(member, subject=subject)
    Question.objects.filter(subject="Verzuim").update(status=Question.Status.CLOSED)
    assert "3 vragen" in staff_client.get(QUEUE).content.decode()
    assert "2 vragen" in staff_client.get(QUEUE, {"status": "new"}).content.decode()
    assert "1 vraag" in staff_client.get(QUEUE, {"status": "closed"}).content.decode()
    assert "0 vragen" in staff_client.get(QUEUE, {"status": "waiting"}).content.decode()
    assert "1 vraag" in staff_client.get(QUEUE, {"status": "new", "q": "Verlof"}).content.decode()


def test_the_queue_unfiltered_or_by_status_takes_its_total_from_the_status_counts(
    staff_client, member, page_cache_off
):
    ask(member, subject="Verlof")
    staff_client.get(QUEUE)  # the status counts are remembered
    for params in ({}, {"status": "new"}, {"page": "1"}):
        with CaptureQueriesContext(connection) as queries:
            assert "1 vraag" in staff_client.get(QUEUE, params).content.decode()
        assert not [q for q in queries if "COUNT(" in q["sql"]], params
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(QUEUE, {"q": "Verlof"})
    assert [q for q in queries if "COUNT(" in q["sql"]]  # any other filter is counted


def test_the_shared_filter_form_shows_each_users_own_choice(staff_client, member, page_cache_off):
    new = staff_client.get(QUEUE, {"status": "new"}).content.decode()
    assigned = staff_client.get(QUEUE, {"status": "assigned"}).content.decode()
    assert '<option value="new" selected>' in new
    assert '<option value="assigned" selected>' in assigned
    assert '<option value="new" selected>' not in assigned
    refused = staff_client.get(QUEUE, {"status": "<script>"}).content.decode()
    assert "<script>" not in refused and "Selecteer een geldige keuze" in refused


def test_a_cached_filter_form_with_empty_fields_looks_no_choices_up(
    staff_client, page_cache_off, request
):
    staff_client.get(QUEUE, {"status": "new"})  # renders and shares the form
    looked_up = request.getfixturevalue("looked_up")  # count from here on
    assert staff_client.get(QUEUE, {"status": "new"}).status_code == 200
    assert not [name for name in looked_up if name.startswith("choices:")]
    assert any(name.startswith("filter-form:") for name in looked_up)


def test_a_filter_key_depends_on_the_filters_only():
    key = page_cache.filter_key
    assert key(QueryDict("topic=1&rayon=3")) == key(QueryDict("rayon=3&topic=1&page=2"))
    assert key(QueryDict("topic=1&rayon=3")) != key(QueryDict("topic=1&rayon=4"))
    assert key(QueryDict("kind=a&kind=b")) != key(QueryDict("kind=a"))
    assert key(QueryDict()) == key(QueryDict("page=3"))
