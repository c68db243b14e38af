"""The kennisbank searches Dutch on both databases: PostgreSQL's 'dutch' configuration and,
on the embedded default (SQLite), the same Snowball stems in an FTS5 index. The same cases
run on whichever database the suite runs on (`make test` and `.ci/run` run both)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from knowledge import dutch, selectors, services
from knowledge.models import Item
from knowledge.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

ITEMS = {
    "Vrijstelling 5 onder c": (
        "Een leerling volgt onderwijs in België. Is een vrijstelling nodig?",
        "Ja, een vrijstelling op grond van artikel 5 onder c, met jaarlijks een verklaring.",
    ),
    "Verhuizing naar een andere gemeente": (
        "Een gezin verhuist in het schooljaar. Welke gemeente is dan aan zet?",
        "Na de verhuizing is de leerplichtambtenaar van de nieuwe woongemeente bevoegd; "
        "de oude gemeente draagt het dossier over.",
    ),
    "Samenwerking tussen gemeenten in de regio": (
        "Mogen gemeenten de leerplichttaak samen uitvoeren?",
        "Ja, veel gemeenten werken samen in een regionaal bureau leerplicht.",
    ),
    "Verlof wegens gewichtige omstandigheden": (
        "Ouders vragen drie weken verlof voor een familiebezoek.",
        "Verlof van meer dan tien schooldagen beslist de leerplichtambtenaar.",
    ),
    "Thuiszitters zonder passend aanbod": (
        "Een kind zit al maanden thuis. Wat doet leerplicht?",
        "Leerplicht brengt school, samenwerkingsverband en ouders bij elkaar.",
    ),
}
# (what someone types, the titles found): the same on PostgreSQL and SQLite.
CASES = [
    ("vrijstellingen", {"Vrijstelling 5 onder c"}),
    ("verhuizingen", {"Verhuizing naar een andere gemeente"}),
    (
        "gemeenten",
        {"Verhuizing naar een andere gemeente", "Samenwerking tussen gemeenten in de regio"},
    ),
    ("gemeente verhuizing", {"Verhuizing naar een andere gemeente"}),
    ("thuiszitter", {"Thuiszitters zonder passend aanbod"}),
    ("de het een", set()),  # stop words only: nothing, as PostgreSQL
    ("leerplichtambtenaar -verhuizing", {"Verlof wegens gewichtige omstandigheden"}),
    (
        "verlof or vrijstelling",
        {"Verlof wegens gewichtige omstandigheden", "Vrijstelling 5 onder c"},
    ),
    ("gewichtige omstandigheid", {"Verlof wegens gewichtige omstandigheden"}),
    ("'; DROP TABLE knowledge_item; --", set()),
    ('"NEAR(a b)" * ^ AND', set()),
]


@pytest.fixture
def items(staff_user):
    topic = TopicFactory(name="Leerplicht")
    for title, (question, answer) in ITEMS.items():
        services.item_save(
            item=None,
            actor=staff_user,
            title=title,
            question_text=question,
            answer_text=answer,
            topics=[topic],
            sources=[],
            audience=Item.Audience.PUBLIC,
            review_by=timezone.localdate().replace(year=2030),
        )


@pytest.mark.parametrize(("query", "titles"), CASES, ids=[case[0] for case in CASES])
def test_the_search_finds_dutch_word_forms_on_this_database(items, query, titles):
    found, searched = selectors.search_items(AnonymousUser(), query=query)
    assert searched
    assert {item.title for item in found} == titles


def test_a_title_match_ranks_above_a_match_in_the_answer(items):
    found, _searched = selectors.search_items(AnonymousUser(), query="verhuizing")
    assert found[0].title == "Verhuizing naar een andere gemeente"
    found, _searched = selectors.search_items(AnonymousUser(), query="gemeenten")
    assert found[0].title == "Samenwerking tussen gemeenten in de regio"


def test_the_snippet_marks_the_words_found(client, items):
    page = client.get(reverse("knowledge:item_list"), {"q": "verhuizingen"}).content.decode()
    assert "<mark>verhuizing</mark>" in page


def test_suggestions_while_asking_use_the_stems_too(items):
    found = selectors.suggestions_for_subject(AnonymousUser(), "verhuizingen binnen gemeenten")
    assert {item.title for item in found} == {
        "Verhuizing naar een andere gemeente",
        "Samenwerking tussen gemeenten in de regio",
    }


def test_an_edited_item_is_found_by_its_new_words_only(items, staff_user):
    item = Item.objects.get(title="Verlof wegens gewichtige omstandigheden")
    services.item_save(
        item=item,
        actor=staff_user,
        title="Extra vakantieverlof",
        question_text="Mag een gezin eerder op vakantie?",
        answer_text="Alleen met een werkgeversverklaring.",
        topics=list(item.topics.all()),
        sources=[],
        audience=item.audience,
        review_by=item.review_by,
    )
    assert selectors.search_items(AnonymousUser(), query="omstandigheden")[0] == []
    found, _searched = selectors.search_items(AnonymousUser(), query="werkgeversverklaringen")
    assert [i.title for i in found] == ["Extra vakantieverlof"]


def test_the_stems_are_those_of_postgresql():
    """Snowball's original Dutch stemmer, as PostgreSQL 15's dutch_stem (checked against
    ts_lexize('dutch_stem', word))."""
    assert dutch.document("Vrijstellingen verhuizingen gemeenten scholen kinderen") == (
        "vrijstell verhuiz gemeent schol kinder"
    )


def test_the_snippet_keeps_whole_words_around_the_first_match():
    text = " ".join(f"woord{n}" for n in range(60)) + " verhuizing " + "einde " * 40
    parts = dutch.snippet_parts(text, {"verhuiz"})
    assert parts[0][0].startswith("… woord55 ")
    assert ("verhuizing", True) in parts
    assert parts[-1][0].endswith("einde …")
    assert len("".join(piece for piece, _hit in parts).split()) <= dutch.SNIPPET_WORDS + 2
