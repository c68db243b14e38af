from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.forms import new_submission_key
from knowledge.models import Answer, Question, QuestionEvent
from knowledge.tests.factories import ask

pytestmark = pytest.mark.django_db
S = Question.Status


@pytest.fixture
def question(member):
    return ask(member)


def _answer_and_submit(question, expert, body="Ja, dat mag."):
    services.answer_save_draft(question=question, body=body, actor=expert)
    services.answer_submit_for_review(question=question, actor=expert)


def test_question_records_the_askers_organisation_and_rayon_at_that_moment(member, question):
    organisation = member.person.organisation
    assert question.organisation == organisation
    assert question.rayon == organisation.rayon
    member.person.organisation = None
    member.person.save()
    question.refresh_from_db()
    assert question.organisation == organisation, "statistics stay true when people move"


def test_whole_workflow_from_question_to_rated_answer(
    member, question, staff_user, other_staff_user, django_capture_on_commit_callbacks
):
    question = services.question_assign(question=question, expert=staff_user, actor=staff_user)
    assert question.status == S.ASSIGNED
    _answer_and_submit(question, staff_user)
    question.refresh_from_db()
    assert question.status == S.IN_REVIEW
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_approve(question=question, reviewer=other_staff_user)
    question.refresh_from_db()
    assert question.status == S.SENT and question.answered_at is not None
    assert [m.to for m in mail.outbox] == [[member.email]]
    services.answer_rate(question=question, helpful=True, remark="Duidelijk", actor=member)
    services.question_close(question=question, actor=staff_user)
    question.refresh_from_db()
    assert question.status == S.CLOSED
    actions = list(question.events.values_list("action", flat=True))
    assert actions == [
        "submitted",
        "assigned",
        "drafted",
        "submitted_for_review",
        "approved_and_sent",
        "rated",
        "closed",
    ]


def test_the_author_cannot_approve_their_own_answer(question, staff_user):
    _answer_and_submit(question, staff_user)
    with pytest.raises(services.HelpdeskError):
        services.answer_approve(question=question, reviewer=staff_user)
    question.refresh_from_db()
    assert question.status == S.IN_REVIEW


def test_a_returned_answer_goes_back_to_the_author_with_the_comment(
    question, staff_user, other_staff_user
):
    _answer_and_submit(question, staff_user)
    services.answer_return(question=question, reviewer=other_staff_user, comment="Noem art. 7")
    question.refresh_from_db()
    assert question.status == S.DRAFTED
    answer = question.answers.get()
    assert answer.status == Answer.Status.RETURNED and answer.review_comment == "Noem art. 7"
    _answer_and_submit(question, staff_user, body="Ja, zie art. 7.")
    services.answer_approve(question=question, reviewer=other_staff_user)
    assert question.messages.filter(kind="answer").get().body == "Ja, zie art. 7."


def test_no_email_reaches_the_asker_before_approval(
    question, staff_user, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _answer_and_submit(question, staff_user)
    assert mail.outbox == []


def test_double_approval_acts_once(question, staff_user, other_staff_user):
    _answer_and_submit(question, staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    with pytest.raises(services.HelpdeskError):
        services.answer_approve(question=question, reviewer=other_staff_user)
    assert question.messages.filter(kind="answer").count() == 1


def test_requesting_information_pauses_the_clock_until_the_asker_replies(
    member, staff_user, monkeypatch
):
    monday = date(2026, 3, 2)

    def at(day):
        moment = timezone.make_aware(datetime.combine(day, time(10)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    at(monday)
    question = ask(member)
    assert question.due_date == date(2026, 3, 9)
    services.question_request_information(question=question, body="Welke school?", actor=staff_user)
    question.refresh_from_db()
    assert question.status == S.WAITING and not question.is_overdue(date(2026, 3, 20))
    # The asker replies two working days later: the due date moves two working days.
    at(monday + timedelta(days=2))
    services.question_reply(question=question, body="Het Erasmus College", actor=member)
    question.refresh_from_db()
    assert question.status == S.NEW
    assert question.paused_days == 2
    assert question.due_date == date(2026, 3, 11)


def test_a_follow_up_reopens_the_thread(member, question, staff_user, other_staff_user):
    _answer_and_submit(question, staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    services.question_reply(question=question, body="En als ouders weigeren?", actor=member)
    question.refresh_from_db()
    assert question.status == S.ASSIGNED
    assert question.messages.filter(kind="follow_up").exists()


def test_rating_twice_is_refused(member, question, staff_user, other_staff_user):
    _answer_and_submit(question, staff_user)
    services.answer_approve(question=question, reviewer=other_staff_user)
    services.answer_rate(question=question, helpful=False, remark="", actor=member)
    with pytest.raises(services.HelpdeskError):
        services.answer_rate(question=question, helpful=True, remark="", actor=member)


def test_member_asks_through_the_form_and_sees_the_expected_date(member_client, member):
    from knowledge.tests.factories import TopicFactory

    topic = TopicFactory(name="Verlof")
    response = member_client.post(
        reverse("knowledge:question_create"),
        {
            "topic": topic.pk,
            "subject": "Verlof voor een bruiloft",
            "body": "Hoeveel dagen?",
            "submission_key": new_submission_key(),
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(subject="Verlof voor een bruiloft")
    page = member_client.get(response["Location"]).content.decode()
    assert question.due_date.strftime("%Y") in page


def test_invalid_question_form_saves_nothing_and_explains(member_client):
    response = member_client.post(reverse("knowledge:question_create"), {"subject": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()
    assert not Question.objects.exists()


def test_non_member_cannot_ask_a_question(client, non_member):
    client.force_login(non_member)
    response = client.get(reverse("knowledge:question_create"))
    assert response.status_code == 403


def test_staff_registers_a_phone_question_for_an_external(staff_client):
    from knowledge.tests.factories import TopicFactory

    topic = TopicFactory(name="Verlof")
    response = staff_client.post(
        reverse("knowledge:question_register"),
        {
            "channel": "phone",
            "email": "ouder@voorbeeld.nl",
            "first_name": "Piet",
            "last_name": "Jansen",
            "topic": topic.pk,
            "subject": "Verlof",
            "body": "Mag het?",
            "submission_key": new_submission_key(),
        },
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.channel == "phone" and question.is_external
    assert QuestionEvent.objects.filter(question=question, action="submitted").exists()


def test_approve_through_the_page_by_a_second_expert(
    client, question, staff_user, other_staff_user
):
    _answer_and_submit(question, staff_user)
    client.force_login(staff_user)
    client.post(reverse("knowledge:answer_approve", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == S.IN_REVIEW, "the author's own approval is refused"
    client.force_login(other_staff_user)
    client.post(reverse("knowledge:answer_approve", args=[question.pk]))
    question.refresh_from_db()
    assert question.status == S.SENT


def test_reminder_task_mails_each_expert_their_due_questions(
    member, staff_user, django_capture_on_commit_callbacks
):
    from knowledge.tasks import remind_experts_of_due_questions

    question = ask(member)
    services.question_assign(question=question, expert=staff_user, actor=staff_user)
    Question.objects.filter(pk=question.pk).update(due_date=timezone.localdate() - timedelta(1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_experts_of_due_questions() == 1
    assert mail.outbox[0].to == [staff_user.email]
    assert question.subject in mail.outbox[0].body


def test_attachments_of_long_closed_questions_are_deleted(member, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge.models import Attachment
    from knowledge.tasks import delete_expired_attachments

    old = ask(member, attachments=[SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF")])
    recent = ask(member, attachments=[SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF")])
    long_ago = timezone.now() - timedelta(days=settings.ATTACHMENT_RETENTION_DAYS + 1)
    Question.objects.filter(pk=old.pk).update(status=S.CLOSED, closed_at=long_ago)
    Question.objects.filter(pk=recent.pk).update(status=S.CLOSED, closed_at=timezone.now())
    stored = old.attachments.get().file.name
    assert delete_expired_attachments() == 1
    assert list(Attachment.objects.values_list("question", flat=True)) == [recent.pk]
    from django.core.files.storage import storages

    assert not storages["private"].exists(stored)
