"""A question, a question registered for someone, a reply and a note act once per form, whatever
the timing: a double click, a reload or three simultaneous identical posts save one."""

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from knowledge import services
from knowledge.models import InternalNote, Message, Question
from knowledge.tests.factories import TopicFactory, ask

pytestmark = pytest.mark.django_db
KEY = "dubbel-klik-sleutel-0123456789ab"
ALREADY = "Dit was al verstuurd en is één keer opgeslagen."


def _question_data(**extra):
    topic = TopicFactory(name="Verlof")
    return {"topic": topic.pk, "subject": "Verlof", "body": "Mag het?", **extra}


def _register_data(**extra):
    return _question_data(channel="phone", email="ouder@voorbeeld.nl", **extra)


def _waiting_question(member, staff_user):
    question = ask(member)
    return services.question_request_information(
        question=question, body="Welke school?", actor=staff_user
    )


def _detail(question):
    return reverse("knowledge:question_detail", args=[question.pk])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_question_form_carries_a_fresh_random_key(member_client):
    first = member_client.get(reverse("knowledge:question_create")).context["form"]
    second = member_client.get(reverse("knowledge:question_create")).context["form"]
    key = first["submission_key"].value()
    assert len(key) >= 32 and key != second["submission_key"].value()
    assert f'name="submission_key" value="{key}"' in first.render()


def test_submitting_the_same_question_form_twice_saves_one_question(member_client):
    url = reverse("knowledge:question_create")
    first = member_client.post(url, _question_data(submission_key=KEY))
    again = member_client.post(url, _question_data(submission_key=KEY))
    question = Question.objects.get()
    assert first["Location"] == again["Location"] == _detail(question)
    assert _messages(again)[-1] == ALREADY
    assert question.messages.count() == 1 and question.events.count() == 1


def test_registering_the_same_question_twice_saves_one_question_and_one_person(staff_client):
    url = reverse("knowledge:question_register")
    first = staff_client.post(url, _register_data(submission_key=KEY))
    again = staff_client.post(url, _register_data(submission_key=KEY))
    question = Question.objects.get()
    assert first["Location"] == again["Location"] == _detail(question)
    assert _messages(again)[-1] == ALREADY


def test_sending_the_same_reply_twice_saves_one_message(client, member, staff_user):
    question = _waiting_question(member, staff_user)
    client.force_login(member)
    url = reverse("knowledge:question_reply", args=[question.pk])
    client.post(url, {"body": "Het Erasmus College", "submission_key": KEY})
    again = client.post(url, {"body": "Het Erasmus College", "submission_key": KEY})
    assert again["Location"] == _detail(question)
    assert _messages(again)[-1] == ALREADY
    assert question.messages.filter(kind=Message.Kind.ASKER_REPLY).count() == 1


def test_adding_the_same_note_twice_saves_one_note(staff_client, member):
    question = ask(member)
    url = reverse("knowledge:question_note", args=[question.pk])
    staff_client.post(url, {"note-body": "Gebeld", "note-submission_key": KEY})
    again = staff_client.post(url, {"note-body": "Gebeld", "note-submission_key": KEY})
    assert again["Location"] == _detail(question)
    assert _messages(again)[-1] == ALREADY
    assert InternalNote.objects.filter(question=question).count() == 1


def test_a_key_sent_by_another_account_is_refused_not_taken_as_sent(member_client, other_member):
    url = reverse("knowledge:question_create")
    first = member_client.post(url, _question_data(submission_key=KEY))
    theirs = Question.objects.get()
    stranger = Client()
    stranger.force_login(other_member)
    response = stranger.post(url, _question_data(subject="Mijn eigen vraag", submission_key=KEY))
    assert response.status_code == 200, "never sent on to someone else's question"
    assert "Dit formulier is verlopen" in response.content.decode()
    fresh = response.context["form"]["submission_key"].value()
    assert fresh != KEY and first["Location"] == _detail(theirs)
    stranger.post(url, _question_data(subject="Mijn eigen vraag", submission_key=fresh))
    assert Question.objects.filter(asker=other_member.person).count() == 1


def test_a_key_of_another_form_is_refused(client, member, staff_user):
    question = _waiting_question(member, staff_user)
    client.force_login(member)
    client.post(reverse("knowledge:question_create"), _question_data(submission_key=KEY))
    response = client.post(
        reverse("knowledge:question_reply", args=[question.pk]),
        {"body": "Het Erasmus College", "submission_key": KEY},
    )
    assert _messages(response)[-1].startswith("Dit formulier is verlopen")
    assert not question.messages.filter(kind=Message.Kind.ASKER_REPLY).exists()


def test_a_reply_key_does_not_count_for_another_question(client, member, staff_user):
    first = _waiting_question(member, staff_user)
    second = _waiting_question(member, staff_user)
    client.force_login(member)
    client.post(
        reverse("knowledge:question_reply", args=[first.pk]),
        {"body": "Het Erasmus College", "submission_key": KEY},
    )
    response = client.post(
        reverse("knowledge:question_reply", args=[second.pk]),
        {"body": "Het Erasmus College", "submission_key": KEY},
    )
    assert response["Location"] == _detail(second)
    assert _messages(response)[-1].startswith("Dit formulier is verlopen")
    assert not second.messages.filter(kind=Message.Kind.ASKER_REPLY).exists()


def test_a_form_without_its_key_is_refused_in_dutch_and_offered_again_with_a_fresh_key(
    member_client,
):
    response = member_client.post(reverse("knowledge:question_create"), _question_data())
    assert response.status_code == 200
    assert "Dit formulier is verlopen" in response.content.decode()
    assert len(response.context["form"]["submission_key"].value()) >= 32
    assert not Question.objects.exists()


def test_a_form_with_an_error_keeps_its_key_and_then_saves_once(member_client):
    url = reverse("knowledge:question_create")
    response = member_client.post(url, _question_data(subject="", submission_key=KEY))
    assert response.context["form"]["submission_key"].value() == KEY
    member_client.post(url, _question_data(submission_key=KEY))
    member_client.post(url, _question_data(submission_key=KEY))
    assert Question.objects.count() == 1


def test_keys_older_than_their_keeping_time_are_deleted_at_night(member_client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from knowledge.models import SubmissionKey
    from knowledge.tasks import delete_old_submission_keys

    member_client.post(reverse("knowledge:question_create"), _question_data(submission_key=KEY))
    old = timezone.now() - timedelta(days=settings.SUBMISSION_KEY_DAYS, minutes=1)
    SubmissionKey.objects.create(key="een-oude-sleutel", created_at=old)
    assert delete_old_submission_keys() == 1
    assert list(SubmissionKey.objects.values_list("key", flat=True)) == [KEY]
    assert Question.objects.count() == 1, "the question itself stays"


def _simultaneously(count, post):
    """`count` threads, each with its own client and database connection, post at once."""
    barrier = threading.Barrier(count)
    responses, errors = [], []

    def run():
        try:
            client = Client()
            barrier.wait(timeout=30)
            responses.append(post(client))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(r.status_code for r in responses) == [302] * count
    return responses


def _logged_in(user):
    def post_as(client, url, data):
        client.force_login(user)
        return client.post(url, data)

    return post_as


def test_three_simultaneous_identical_questions_save_one(transactional_db, postgres_only, member):
    data = _question_data(submission_key=KEY)
    post = _logged_in(member)
    responses = _simultaneously(
        3, lambda client: post(client, reverse("knowledge:question_create"), data)
    )
    question = Question.objects.get()
    assert {r["Location"] for r in responses} == {_detail(question)}
    assert question.messages.count() == 1


def test_three_simultaneous_registrations_save_one_question_and_one_person(
    transactional_db, postgres_only, staff_user
):
    from members.models import Person

    data = _register_data(submission_key=KEY)
    post = _logged_in(staff_user)
    _simultaneously(3, lambda client: post(client, reverse("knowledge:question_register"), data))
    assert Question.objects.count() == 1
    assert Person.objects.filter(email="ouder@voorbeeld.nl").count() == 1


def test_three_simultaneous_identical_replies_and_notes_save_one_each(
    transactional_db, postgres_only, member, staff_user
):
    question = _waiting_question(member, staff_user)
    reply = {"body": "Het Erasmus College", "submission_key": KEY}
    post_as_member = _logged_in(member)
    _simultaneously(
        3,
        lambda client: post_as_member(
            client, reverse("knowledge:question_reply", args=[question.pk]), reply
        ),
    )
    note = {"note-body": "Gebeld", "note-submission_key": KEY + "-notitie"}
    post_as_staff = _logged_in(staff_user)
    _simultaneously(
        3,
        lambda client: post_as_staff(
            client, reverse("knowledge:question_note", args=[question.pk]), note
        ),
    )
    assert question.messages.filter(kind=Message.Kind.ASKER_REPLY).count() == 1
    assert InternalNote.objects.filter(question=question).count() == 1
