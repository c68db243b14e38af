"""The asker's side of the helpdesk: asking (also on someone's behalf), replying, rating,
and the AVG's erasure of an asker."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Person

from ..models import Attachment, Message, Question, Rating, SubmissionKey, Topic
from ..workdays import answer_due_date, working_days_between
from .attachments import _attach
from .common import (
    Action,
    HelpdeskError,
    Status,
    _claim_submission,
    _event,
    _notify,
    _require,
    _settle_submission,
)


def _snapshot(question: Question, person: Person) -> None:
    organisation = person.organisation
    question.organisation = organisation
    question.organisation_kind = organisation.kind if organisation else ""
    question.rayon = organisation.rayon if organisation else None
    question.is_external = not person.is_member


@transaction.atomic
def question_submit(
    *,
    asker: Person,
    topic: Topic,
    subject: str,
    body: str,
    attachments=(),
    actor=None,
    channel: str = Question.Channel.PORTAL,
    submission_key: str | None = None,
) -> Question:
    claim = _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.QUESTION)
    now = timezone.now()
    question = Question(
        asker=asker,
        topic=topic,
        subject=subject.strip(),
        body=body.strip(),
        channel=channel,
        received_at=now,
        due_date=answer_due_date(timezone.localdate(now)),
        created_by=actor,
    )
    _snapshot(question, asker)
    question.full_clean()
    question.save()
    Message.objects.create(
        question=question, kind=Message.Kind.QUESTION, author=actor, body=question.body
    )
    _attach(question, attachments, actor)
    _settle_submission(claim, question)
    _event(question, actor, Action.SUBMITTED, question.get_channel_display())
    _notify("question_received", question.pk)
    return question


@transaction.atomic
def question_register_on_behalf(
    *,
    staff,
    email: str,
    first_name: str,
    last_name: str,
    topic: Topic,
    subject: str,
    body: str,
    channel: str,
    attachments=(),
    submission_key: str | None = None,
) -> Question:
    """A question that came in by phone or e-mail, for a person (member or not)."""
    # Before the person a second one would also add.
    claim = _claim_submission(submission_key, user=staff, form=SubmissionKey.Form.REGISTRATION)
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        person = Person(email=email.strip().lower(), first_name=first_name, last_name=last_name)
        person.is_external = True
        person.full_clean()
        person.save()
    question = question_submit(
        asker=person,
        topic=topic,
        subject=subject,
        body=body,
        attachments=attachments,
        actor=staff,
        channel=channel,
    )
    _settle_submission(claim, question)
    return question


@transaction.atomic
def question_reply(
    *, question: Question, body: str, actor, attachments=(), submission_key: str | None = None
) -> Question:
    """The asker replies: to a request for information (clock resumes) or after an
    answer (a follow-up, which reopens the thread)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    # Before the status the first one changed.
    _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.REPLY, question=question)
    _require(question, Status.WAITING, Status.SENT, Status.CLOSED)
    if not body.strip():
        raise HelpdeskError(_("Your message is empty."))
    today = timezone.localdate()
    if question.status == Status.WAITING:
        question.paused_days += working_days_between(question.paused_since, today)
        question.paused_since = None
        question.due_date = answer_due_date(
            timezone.localdate(question.received_at), question.paused_days
        )
        question.status = Status.ASSIGNED if question.expert_id else Status.NEW
        kind = Message.Kind.ASKER_REPLY
        action = Action.ASKER_REPLIED
    else:
        # A follow-up: a fresh five working days from today.
        question.status = Status.ASSIGNED if question.expert_id else Status.NEW
        question.due_date = answer_due_date(today)
        question.closed_at = None
        kind = Message.Kind.FOLLOW_UP
        action = Action.FOLLOW_UP
    Message.objects.create(question=question, kind=kind, author=actor, body=body.strip())
    _attach(question, attachments, actor)
    question.save()
    _event(question, actor, action)
    _notify("asker_replied", question.pk)
    return question


@transaction.atomic
def answer_rate(*, question: Question, helpful: bool, remark: str, actor) -> Rating:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answered_at is None:
        raise HelpdeskError(_("You can rate a question once it has been answered."))
    if Rating.objects.filter(question=question).exists():
        raise HelpdeskError(_("You have already rated this answer."))
    rating = Rating.objects.create(question=question, helpful=helpful, remark=remark.strip())
    _event(question, actor, Action.RATED, _("helpful") if helpful else _("not helpful"))
    return rating


ERASED_TEXT = "[verwijderd op verzoek (AVG)]"


@transaction.atomic
def questions_erase_asker(*, person: Person, actor=None) -> int:
    """AVG erasure of an asker: their open questions leave the queue (closed, with the
    reason in their history), their own texts and attachments are removed; the questions
    keep counting in the statistics. Returns the number of questions withdrawn."""
    questions = Question.objects.filter(asker=person)
    open_questions = list(questions.open().select_for_update())
    now = timezone.now()
    for question in open_questions:
        question.status = Status.CLOSED
        question.closed_at = now
        question.save(update_fields=["status", "closed_at"])
        _event(question, actor, Action.WITHDRAWN, _("The asker's data were erased (AVG)."))
    Message.objects.filter(
        question__in=questions,
        kind__in=[Message.Kind.QUESTION, Message.Kind.FOLLOW_UP, Message.Kind.ASKER_REPLY],
    ).update(body=ERASED_TEXT)
    questions.update(body=ERASED_TEXT)
    for attachment in Attachment.objects.filter(question__in=questions):
        attachment.file.delete(save=False)
        attachment.delete()
    return len(open_questions)
