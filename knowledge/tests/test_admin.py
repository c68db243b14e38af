"""The Django admin is a door too: the kennisbank's rules hold there as on the portal."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Item
from knowledge.tests.factories import TopicFactory, ask
from members.tests.factories import AdministratorFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _admin(roles_synced):
    administrator = AdministratorFactory()
    client = Client()
    client.force_login(administrator)
    return client, administrator


def _item_data(author, **fields):
    return {
        "title": "Verlof bij een bruiloft",
        "slug": "verlof-bij-een-bruiloft",
        "question_text": "Mag een leerling vrij voor een bruiloft?",
        "answer_text": "Ja, voor een huwelijk in de familie tot de derde graad.",
        "topics": [TopicFactory(name="Verlof").pk],
        "audience": Item.Audience.PUBLIC,
        "review_by": "2030-01-01",
        "author": author.pk,
        **fields,
    }


def test_the_admin_refuses_an_item_with_personal_data_naming_each_finding(roles_synced):
    client, administrator = _admin(roles_synced)
    data = _item_data(
        administrator,
        answer_text="Mail de moeder op j.jansen@example.org of bel 06-12345678.",
        title="Verlof (BSN 111222333)",
    )
    response = client.post(reverse("admin:knowledge_item_add"), data)
    assert response.status_code == 200, "the form is shown again with its errors"
    errors = response.context["adminform"].form.errors
    assert errors["answer_text"] == [
        "Haal de persoonsgegevens uit dit veld: e-mailadres “j.jansen@example.org”.",
        "Haal de persoonsgegevens uit dit veld: telefoonnummer “06-12345678”.",
    ]
    assert errors["title"] == [
        "Haal de persoonsgegevens uit dit veld: BSN (burgerservicenummer) “111222333”."
    ]
    assert not Item.objects.exists()


def test_the_admin_refuses_the_asker_s_name_in_an_item_from_their_question(roles_synced):
    client, administrator = _admin(roles_synced)
    asker = MemberFactory()
    asker.person.first_name, asker.person.last_name = "Femke", "Dijkstra"
    asker.person.save()
    question = ask(asker)
    data = _item_data(
        administrator,
        question_text="Femke Dijkstra vraagt of haar zoon vrij mag.",
        source_question=question.pk,
    )
    response = client.post(reverse("admin:knowledge_item_add"), data)
    assert response.status_code == 200
    assert "Femke Dijkstra" in str(response.context["adminform"].form.errors["question_text"])
    assert not Item.objects.exists()


def test_the_admin_saves_an_item_without_personal_data_and_indexes_it(client, roles_synced):
    admin, administrator = _admin(roles_synced)
    data = _item_data(
        administrator,
        published_at_0=timezone.localdate().isoformat(),
        published_at_1="09:00:00",
    )
    response = admin.post(reverse("admin:knowledge_item_add"), data)
    assert response.status_code == 302
    assert Item.objects.get().review_by.year == 2030
    page = client.get(reverse("knowledge:item_list"), {"q": "huwelijk"}).content.decode()
    assert "Verlof bij een bruiloft" in page
