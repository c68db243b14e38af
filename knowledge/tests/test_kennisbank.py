import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.models import Item, LegalSource
from knowledge.tests.factories import ItemFactory, TopicFactory, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(member, staff_user, other_staff_user):
    question = ask(member, subject="Vrijstelling 5 onder a", body="Mag dit? BSN 111222333.")
    services.answer_save_draft(question=question, body="Ja, met een verklaring.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    return question


def _publish(client, question, **changes):
    data = {
        "title": "Vrijstelling 5 onder a",
        "question_text": question.body,
        "answer_text": "Ja, met een verklaring van een deskundige.",
        "topics": [question.topic_id],
        "sources": "Leerplichtwet art. 5 onder a",
        "audience": "public",
        "review_by": "2030-01-01",
        **changes,
    }
    return client.post(reverse("knowledge:question_publish", args=[question.pk]), data)


def test_publishing_is_refused_while_the_text_holds_a_bsn(staff_client, answered):
    response = _publish(staff_client, answered)
    assert response.status_code == 200
    findings = response.context["findings"]
    assert [f.kind for f in findings] == ["bsn"]
    assert "111222333" in response.content.decode()
    assert not Item.objects.exists()


def test_publishing_is_refused_while_the_text_names_the_asker(staff_client, answered, member):
    name = member.person.full_name
    response = _publish(staff_client, answered, question_text=f"{name} vraagt of het mag.")
    assert [f.kind for f in response.context["findings"]] == ["name"]


def test_after_removing_the_bsn_the_item_is_published_and_found(staff_client, client, answered):
    response = _publish(staff_client, answered, question_text="Mag een vrijstelling?")
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.source_question == answered
    assert [s.name for s in item.sources.all()] == ["Leerplichtwet art. 5 onder a"]
    page = client.get(reverse("knowledge:item_list"), {"q": "vrijstelling"}).content.decode()
    assert item.title in page


def test_anonymous_visitors_see_only_public_items(member_client):
    from django.test import Client

    client = Client()
    ItemFactory(title="Openbaar antwoord over verlof", audience=Item.Audience.PUBLIC)
    ItemFactory(title="Alleen voor leden over verlof", audience=Item.Audience.MEMBERS)
    anonymous = client.get(reverse("knowledge:item_list"), {"q": "verlof"}).content.decode()
    assert "Openbaar antwoord" in anonymous and "Alleen voor leden" not in anonymous
    members = member_client.get(reverse("knowledge:item_list"), {"q": "verlof"}).content.decode()
    assert "Alleen voor leden" in members
    hidden = Item.objects.get(audience="members")
    assert client.get(reverse("knowledge:item_detail", args=[hidden.slug])).status_code == 404


def test_search_escapes_stored_html(client):
    ItemFactory(title="<script>alert(1)</script> verlof", answer_text="<b>verlof</b>")
    page = client.get(reverse("knowledge:item_list"), {"q": "verlof"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_staff_lists_items_past_review_and_citing_a_source(staff_client):
    old = ItemFactory(title="Verouderd", review_by=timezone.localdate().replace(year=2020))
    old.sources.set([LegalSource.objects.create(name="Leerplichtwet art. 11")])
    ItemFactory(title="Actueel")
    response = staff_client.get(reverse("knowledge:item_review"), {"bron": "art. 11"})
    assert [i.title for i in response.context["due"]] == ["Verouderd"]
    assert [i.title for i in response.context["citing"]] == ["Verouderd"]


def test_suggestions_appear_for_the_subject(member_client):
    ItemFactory(title="Vrijstelling bij verhuizing naar het buitenland")
    response = member_client.get(
        reverse("knowledge:question_suggestions"), {"subject": "vrijstelling buitenland"}
    )
    assert "Vrijstelling bij verhuizing" in response.content.decode()


def test_kennisbank_search_query_count_does_not_grow(client, django_assert_max_num_queries):
    topic = TopicFactory(name="Verlof")
    for index in range(25):
        ItemFactory(title=f"Verlof nummer {index}", topics=[topic])
    with django_assert_max_num_queries(6):
        response = client.get(reverse("knowledge:item_list"), {"q": "verlof"})
    assert len(response.context["items"]) == 25


def test_dutch_stemming_finds_another_word_form(client):
    ItemFactory(title="Vrijstelling van de leerplicht", answer_text="Een vrijstelling ...")
    ItemFactory(title="Verlof", question_text="Mag dat?", answer_text="Over verlof")
    response = client.get(reverse("knowledge:item_list"), {"q": "vrijstellingen"})
    assert [i.title for i in response.context["items"]] == ["Vrijstelling van de leerplicht"]
    assert "<mark>" in response.content.decode()


def test_search_vector_has_a_gin_index_on_postgres(postgres_only):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'knowledge_item' "
            "AND indexdef ILIKE '%%gin%%'"
        )
        assert cursor.fetchall()


def test_a_nul_character_in_a_search_gets_the_dutch_400_page(client):
    assert client.get(reverse("knowledge:item_list"), {"q": "\x00verlof"}).status_code == 400
    assert (
        client.get(reverse("knowledge:question_suggestions"), {"subject": "a\x00b"}).status_code
        == 400
    )


@pytest.mark.django_db
@pytest.mark.parametrize("topic", ["²", "٣", "99999999999999999999", "-1", "1.0"])
def test_a_strange_topic_in_the_search_is_ignored(client, topic):
    response = client.get(reverse("knowledge:item_list"), {"onderwerp": topic})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "account, sees_it",
    [
        ("non_member", False),  # anyone can create such an account by signing up
        ("former_member", False),  # their organisation's membership has ended
        ("member", True),
        ("staff", True),
    ],
)
def test_members_only_items_need_an_active_membership(client, roles_synced, account, sees_it):
    from datetime import date

    from members.tests.factories import (
        MemberFactory,
        OrganisationFactory,
        StaffFactory,
        UserFactory,
    )

    users = {
        "non_member": UserFactory,
        "former_member": lambda: MemberFactory(
            organisation=OrganisationFactory(
                member_since=date(2010, 1, 1), member_until=date(2020, 12, 31)
            )
        ),
        "member": MemberFactory,
        "staff": StaffFactory,
    }
    client.force_login(users[account]())
    hidden = ItemFactory(
        title="Alleen voor leden: verlof bij verhuizing", audience=Item.Audience.MEMBERS
    )
    detail = client.get(reverse("knowledge:item_detail", args=[hidden.slug]))
    assert detail.status_code == (200 if sees_it else 404)
    listed = client.get(reverse("knowledge:item_list"), {"q": "verlof"}).content.decode()
    assert ("Alleen voor leden" in listed) is sees_it
    newest = client.get(reverse("knowledge:item_list")).content.decode()
    assert ("Alleen voor leden" in newest) is sees_it
    suggested = client.get(
        reverse("knowledge:question_suggestions"), {"subject": "verlof bij verhuizing"}
    ).content.decode()
    assert ("Alleen voor leden" in suggested) is sees_it
