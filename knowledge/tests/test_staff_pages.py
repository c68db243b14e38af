"""What staff read on the helpdesk's pages: the history in words, staff wording (not the
member's "je"), experts by name, and the privacy refusal naming the field and the passage."""

import pytest
from django.urls import reverse
from django.utils import translation

from knowledge import services
from knowledge.models import Question, QuestionEvent
from knowledge.tests.factories import ask
from members.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_every_history_action_has_a_dutch_label():
    with translation.override("nl"):
        for value, label in QuestionEvent.Action.choices:
            assert str(label) != value and "_" not in str(label), value


def test_the_history_shows_what_happened_in_words_not_codes(
    staff_client, member, staff_user, other_staff_user
):
    question = ask(member)
    services.answer_save_draft(question=question, body="Ja.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    services.answer_return(question=question, reviewer=other_staff_user, comment="Bron erbij.")
    services.question_request_information(question=question, body="Welke school?", actor=staff_user)
    services.question_reply(question=question, body="De Vaart.", actor=member)
    services.answer_save_draft(question=question, body="Ja, art. 5.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    services.question_reply(question=question, body="En daarna?", actor=member)
    page = staff_client.get(reverse("knowledge:question_detail", args=[question.pk]))
    history = page.content.decode().split('<ol class="history">')[1].split("</ol>")[0]
    for code in QuestionEvent.Action.values:
        assert f"· {code}" not in history, code
    for words in (
        "vraag ontvangen",
        "antwoord in concept opgeslagen",
        "antwoord ter controle aangeboden",
        "antwoord teruggestuurd met opmerking: Bron erbij.",
        "informatie gevraagd aan de vragensteller",
        "de vragensteller heeft gereageerd",
        "antwoord goedgekeurd en verstuurd",
        "vervolgvraag",
    ):
        assert words in history, words


def test_the_queue_heads_its_question_column_apart_from_the_topic(staff_client, member):
    ask(member)
    page = staff_client.get(reverse("knowledge:question_list")).content.decode()
    assert '<th scope="col">Vraag</th>' in page
    assert "Titel van je vraag" not in page


def test_the_member_reads_titel_van_je_vraag_on_the_form(member_client):
    page = member_client.get(reverse("knowledge:question_create")).content.decode()
    assert '<label for="id_subject">Titel van je vraag:</label>' in page
    assert '<label for="id_topic">Onderwerp:</label>' in page


def test_registering_a_phone_question_is_not_worded_as_the_staff_members_own(staff_client):
    page = staff_client.get(reverse("knowledge:question_register")).content.decode()
    assert "Titel van je vraag" not in page and "Je vraag" not in page
    assert '<label for="id_subject">Titel:</label>' in page
    assert '<label for="id_body">Vraag:</label>' in page


def test_a_paused_question_is_worded_for_the_expert_and_for_the_asker(
    staff_client, client, member, staff_user
):
    question = ask(member)
    services.question_request_information(question=question, body="Welke school?", actor=staff_user)
    url = reverse("knowledge:question_detail", args=[question.pk])
    staff_page = staff_client.get(url).content.decode()
    assert "Wacht op informatie van de vragensteller" in staff_page
    assert "We wachten op je informatie" not in staff_page
    client.force_login(member)
    assert "We wachten op je informatie" in client.get(url).content.decode()


def test_the_ratings_name_the_experts(staff_client, member, other_staff_user):
    expert = StaffFactory(email="expert2@example.org")
    expert.person.first_name, expert.person.last_name = "Joost", "Mulder"
    expert.person.save()
    question = ask(member)
    services.question_assign(question=question, expert=expert, actor=expert)
    services.answer_save_draft(question=question, body="Ja.", actor=expert)
    services.answer_submit_for_review(question=question, actor=expert)
    services.answer_approve(question=question, reviewer=other_staff_user)
    services.answer_rate(question=question, helpful=True, remark="", actor=member)
    page = staff_client.get(reverse("knowledge:ratings")).content.decode()
    assert "<td>Joost Mulder</td>" in page
    assert "expert2@example.org" not in page


def test_the_queue_and_the_assign_list_name_the_experts(staff_client, member):
    expert = StaffFactory(email="expert3@example.org")
    expert.person.first_name, expert.person.last_name = "Els", "de Groot"
    expert.person.save()
    question = ask(member)
    services.question_assign(question=question, expert=expert, actor=expert)
    queue = staff_client.get(reverse("knowledge:question_list")).content.decode()
    detail = staff_client.get(reverse("knowledge:question_detail", args=[question.pk]))
    assert "Els de Groot" in queue and "expert3@example.org" not in queue
    assert f'<option value="{expert.pk}" selected>Els de Groot</option>' in detail.content.decode()


@pytest.fixture
def answered(member, staff_user, other_staff_user):
    question = ask(member, subject="Verhuizing", body="Mag dit?")
    services.answer_save_draft(question=question, body="Ja.", actor=staff_user)
    services.answer_submit_for_review(question=question, actor=staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    return question


def test_the_privacy_refusal_names_the_field_and_quotes_the_passage(staff_client, answered):
    data = {
        "title": "Verhuizing naar een andere gemeente",
        "question_text": (
            "Een leerling verhuist. De moeder (06-12345678) vraagt wat er moet gebeuren."
        ),
        "answer_text": "De nieuwe gemeente neemt het over. Mail gerust naar info@gemeente.nl.",
        "topics": [answered.topic_id],
        "sources": "",
        "audience": "public",
        "review_by": "2030-01-01",
    }
    response = staff_client.post(reverse("knowledge:question_publish", args=[answered.pk]), data)
    assert response.status_code == 200
    findings = response.context["findings"]
    assert [(f.field, f.kind, f.value) for f in findings] == [
        ("question_text", "phone", "06-12345678"),
        ("answer_text", "email", "info@gemeente.nl"),
    ]
    page = response.content.decode()
    assert "positie" not in page
    assert (
        '<a href="#id_question_text">Vraag (geanonimiseerd)</a>: telefoonnummer in '
        "“Een leerling verhuist. De moeder (<mark>06-12345678</mark>) vraagt wat er moet "
        "gebeuren.”" in page
    )
    assert (
        '<a href="#id_answer_text">Antwoord</a>: e-mailadres in '
        "“…neemt het over. Mail gerust naar <mark>info@gemeente.nl</mark>.”" in page
    )
    # Each field with personal data is marked at the field itself too.
    assert page.count("Haal de persoonsgegevens uit dit veld.") == 2
    assert not Question.objects.get(pk=answered.pk).items.exists()


def test_a_long_passage_is_quoted_without_breaking_words():
    from knowledge.privacy import find_personal_data

    text = (
        "In het eerste gesprek met de leerplichtambtenaar van de gemeente vertelde de vader "
        "dat het BSN 111222333 op de brief stond die de school destijds naar het gezin stuurde."
    )
    (finding,) = find_personal_data(text)
    assert finding.cut_before and finding.cut_after
    assert text.index(finding.before) > 0 and finding.before.split()[0] in text.split()
    assert finding.after.split()[-1] in text.split()
    assert f"{finding.before}{finding.value}{finding.after}" in text
