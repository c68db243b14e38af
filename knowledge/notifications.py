"""The helpdesk's e-mails: to the asker about their question, to the experts about what they
need to act on. Each function takes primary keys and queues a mail (one outbox row) for
everyone who should hear of it, in the transaction of the change it is about; see
`members.notifications` for who may switch what off."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from members import notifications
from members.notifications import EXPERTS, MEMBERS, NotificationKind
from members.selectors import staff_users
from outbox.services import mail_queue

from .models import Answer, Attachment, Message, Question

KINDS = (
    NotificationKind("question_received", _("Your question has been received"), MEMBERS, False),
    NotificationKind("information_requested", _("Information requested"), MEMBERS, False),
    NotificationKind("answer_sent", _("Your answer has been sent"), MEMBERS, False),
    NotificationKind("new_question", _("A new question in a topic I handle"), EXPERTS),
    NotificationKind("question_assigned", _("A question assigned to me"), EXPERTS),
    NotificationKind("review_waiting", _("An answer waiting for my review"), EXPERTS),
    NotificationKind("answer_returned", _("My answer returned with a comment"), EXPERTS),
    NotificationKind("asker_replied", _("The asker replied or asked a follow-up"), EXPERTS),
    NotificationKind("due_reminder", _("My questions due tomorrow (each morning)"), EXPERTS),
)


def _question(pk) -> Question:
    return Question.objects.select_related("asker__user", "topic", "expert__person").get(pk=pk)


def _mail_asker(question: Question, template: str, code: str, **context) -> None:
    asker = question.asker
    if notifications.reaches(asker, code):
        mail_queue(
            prefix=template,
            context={"question": question, **context},
            to=asker.email,
            about=question,
        )


def _mail_experts(users, question: Question, template: str, code: str, **context) -> int:
    sent = 0
    for user in users:
        if user.is_active and notifications.wants(getattr(user, "person", None), code):
            mail_queue(
                prefix=template,
                context={"question": question, "expert": user, **context},
                to=user.email,
                about=question,
            )
            sent += 1
    return sent


def _topic_experts(question: Question, exclude=()):
    """The experts of the question's topic, or every expert when the topic has none."""
    experts = list(question.topic.experts.filter(is_active=True).select_related("person"))
    experts = experts or list(staff_users())
    return [user for user in experts if user.pk not in exclude]


def question_received(question_pk: int) -> None:
    question = _question(question_pk)
    _mail_asker(question, "knowledge/emails/received", "question_received")
    # The experts hear of it too, unless one of them registered it (phone, e-mail).
    registered_by_staff = question.created_by_id and question.created_by_id != (
        question.asker.user_id
    )
    exclude = {question.created_by_id} if registered_by_staff else set()
    _mail_experts(
        _topic_experts(question, exclude), question, "knowledge/emails/new_question", "new_question"
    )


def information_requested(question_pk: int) -> None:
    question = _question(question_pk)
    _mail_asker(question, "knowledge/emails/information_requested", "information_requested")


def answer_sent(question_pk: int) -> None:
    """The answer itself (unless HELPDESK_ANSWER_IN_EMAIL is off) and a link to the thread."""
    question = _question(question_pk)
    answer, files = None, 0
    if settings.HELPDESK_ANSWER_IN_EMAIL:
        answer = (
            question.messages.filter(kind=Message.Kind.ANSWER)
            .order_by("-created_at", "-pk")
            .values_list("body", flat=True)
            .first()
        )
        files = Attachment.objects.filter(
            question=question, answer__status=Answer.Status.APPROVED
        ).count()
    _mail_asker(
        question,
        "knowledge/emails/answered",
        "answer_sent",
        has_account=question.asker.user_id is not None,
        answer=answer,
        files=files,
    )


def question_assigned(question_pk: int, actor_pk: int | None) -> None:
    question = _question(question_pk)
    if question.expert_id and question.expert_id != actor_pk:
        _mail_experts([question.expert], question, "knowledge/emails/assigned", "question_assigned")


def review_waiting(question_pk: int) -> None:
    question = _question(question_pk)
    answer = question.answers.filter(status=Answer.Status.IN_REVIEW).order_by("-pk").first()
    author = answer.author_id if answer else None
    reviewers = _topic_experts(question, exclude={author})
    _mail_experts(reviewers, question, "knowledge/emails/review_waiting", "review_waiting")


def answer_returned(question_pk: int) -> None:
    question = _question(question_pk)
    answer = question.answers.filter(status=Answer.Status.RETURNED).order_by("-pk").first()
    if answer and answer.author_id:
        author = get_user_model().objects.select_related("person").get(pk=answer.author_id)
        _mail_experts(
            [author],
            question,
            "knowledge/emails/answer_returned",
            "answer_returned",
            answer=answer,
        )


def asker_replied(question_pk: int) -> None:
    question = _question(question_pk)
    experts = [question.expert] if question.expert_id else _topic_experts(question)
    _mail_experts(experts, question, "knowledge/emails/asker_replied", "asker_replied")


SENDERS = {
    "question_received": question_received,
    "information_requested": information_requested,
    "answer_sent": answer_sent,
    "question_assigned": question_assigned,
    "review_waiting": review_waiting,
    "answer_returned": answer_returned,
    "asker_replied": asker_replied,
}
