"""The experts' side of the helpdesk: assigning, drafting, the review by a second expert
(approve or return), asking the asker for information, notes, closing."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Answer,
    AnswerVersion,
    Attachment,
    InternalNote,
    Message,
    Question,
    SubmissionKey,
)
from ..selectors import current_answer
from .attachments import _attach
from .common import Action, HelpdeskError, Status, _claim_submission, _event, _notify, _require


@transaction.atomic
def question_assign(*, question: Question, expert, actor) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    question.expert = expert
    if question.status == Status.NEW:
        question.status = Status.ASSIGNED
    question.save(update_fields=["expert", "status"])
    _event(question, actor, Action.ASSIGNED, expert.get_full_name())
    _notify("question_assigned", question.pk, getattr(actor, "pk", None))
    return question


def compose_answer(body: str, *, standard_text=None, item=None) -> str:
    """The draft with a standard text and a kennisbank item (with its title) added below."""
    parts = [body.strip()]
    if standard_text is not None:
        parts.append(standard_text.body)
    if item is not None:
        parts.append(f"{item.answer_text}\n\n({_('Kennisbank')}: {item.title})")
    return "\n\n".join(part for part in parts if part)


@transaction.atomic
def answer_save_draft(
    *, question: Question, body: str, actor, standard_text=None, item=None, attachments=()
) -> Answer:
    """Save the expert's draft, with a standard text or a kennisbank item inserted and files
    attached (checked as the asker's are; the asker sees them once the answer is sent)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    body = compose_answer(body, standard_text=standard_text, item=item)
    if not body:
        raise HelpdeskError(_("The answer is empty."))
    answer = current_answer(question)
    if answer is None or answer.status == Answer.Status.IN_REVIEW:
        answer = Answer(question=question, author=actor)
    answer.body = body.strip()
    answer.status = Answer.Status.DRAFT
    answer.full_clean()
    answer.save()
    _attach(question, attachments, actor, answer=answer)
    if question.expert_id is None:
        question.expert = actor
    question.status = Status.DRAFTED
    question.save(update_fields=["status", "expert"])
    _event(question, actor, Action.DRAFTED)
    return answer


@transaction.atomic
def answer_submit_for_review(*, question: Question, actor) -> Answer:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.DRAFTED)
    answer = current_answer(question)
    answer.status = Answer.Status.IN_REVIEW
    answer.save(update_fields=["status", "updated_at"])
    AnswerVersion.objects.create(answer=answer, body=answer.body, submitted_by=actor)
    question.status = Status.IN_REVIEW
    question.save(update_fields=["status"])
    _event(question, actor, Action.SUBMITTED_FOR_REVIEW)
    _notify("review_waiting", question.pk)
    return answer


@transaction.atomic
def answer_attachment_remove(*, attachment: Attachment, actor) -> None:
    """Remove a file from the answer being drafted (not from one in review or sent)."""
    question = Question.objects.select_for_update().get(pk=attachment.question_id)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    if attachment.answer_id is None or attachment.answer.status == Answer.Status.APPROVED:
        raise HelpdeskError(_("Only a file of the answer being drafted can be removed."))
    name = attachment.original_name
    attachment.file.delete(save=False)
    attachment.delete()
    _event(question, actor, Action.DRAFTED, _("file %(name)s removed") % {"name": name})


@transaction.atomic
def answer_approve(*, question: Question, reviewer) -> Answer:
    """Four eyes: the reviewer approves and the answer is sent to the asker."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.IN_REVIEW)
    answer = current_answer(question)
    if answer.author_id == reviewer.pk:
        raise HelpdeskError(_("A second expert must check this answer: not its author."))
    now = timezone.now()
    answer.status = Answer.Status.APPROVED
    answer.reviewer = reviewer
    answer.approved_at = now
    answer.save()
    Message.objects.create(
        question=question,
        kind=Message.Kind.ANSWER,
        author=answer.author,
        body=answer.body,
        created_at=now,
    )
    question.status = Status.SENT
    question.answered_at = now
    question.save(update_fields=["status", "answered_at"])
    _event(question, reviewer, Action.APPROVED_AND_SENT)
    _notify("answer_sent", question.pk)
    return answer


@transaction.atomic
def answer_return(*, question: Question, reviewer, comment: str) -> Answer:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.IN_REVIEW)
    if not comment.strip():
        raise HelpdeskError(_("Say what should change when returning an answer."))
    answer = current_answer(question)
    if answer.author_id == reviewer.pk:
        raise HelpdeskError(_("A second expert must check this answer: not its author."))
    answer.status = Answer.Status.RETURNED
    answer.reviewer = reviewer
    answer.review_comment = comment.strip()
    answer.save()
    question.status = Status.DRAFTED
    question.save(update_fields=["status"])
    _event(question, reviewer, Action.RETURNED, comment)
    _notify("answer_returned", question.pk)
    return answer


@transaction.atomic
def question_request_information(*, question: Question, body: str, actor) -> Question:
    """Ask the asker for more; the five-day clock pauses until they reply."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    if not body.strip():
        raise HelpdeskError(_("Write what you need to know."))
    Message.objects.create(
        question=question, kind=Message.Kind.INFO_REQUEST, author=actor, body=body.strip()
    )
    question.status = Status.WAITING
    question.paused_since = timezone.localdate()
    question.save(update_fields=["status", "paused_since"])
    _event(question, actor, Action.INFORMATION_REQUESTED)
    _notify("information_requested", question.pk)
    return question


@transaction.atomic
def question_close(*, question: Question, actor) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.SENT)
    question.status = Status.CLOSED
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
    _event(question, actor, Action.CLOSED)
    return question


@transaction.atomic
def note_add(
    *, question: Question, body: str, actor, submission_key: str | None = None
) -> InternalNote:
    if not body.strip():
        raise HelpdeskError(_("The note is empty."))
    _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.NOTE, question=question)
    note = InternalNote.objects.create(question=question, author=actor, body=body.strip())
    _event(question, actor, Action.NOTE_ADDED)
    return note
