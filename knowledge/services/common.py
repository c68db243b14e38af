"""What every service of the helpdesk uses: its errors, the form keys that make a submission
count once, the question's history and its e-mails."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado.errors import DomainError

from .. import notifications, stats
from ..models import Question, QuestionEvent, SubmissionKey

Status = Question.Status
Action = QuestionEvent.Action


class HelpdeskError(DomainError):
    """A refused action of the helpdesk or the kennisbank, with a message for the user."""


class AlreadySubmitted(HelpdeskError):
    """The same form was sent before (a double click, a reload): it acted once."""

    def __init__(self, question):
        super().__init__(gettext_lazy("This was already sent and has been saved once."))
        self.question = question


class SubmissionRefused(HelpdeskError):
    """A form key of another account or another form: refused like a form that expired."""

    def __init__(self):
        super().__init__(
            gettext_lazy("This form has expired. Check what you entered and send it again.")
        )


def _claim_submission(
    submission_key: str | None, *, user, form: str, question=None
) -> SubmissionKey | None:
    """Record the key of the form being acted on; AlreadySubmitted if this account sent this
    form (for this question) before, SubmissionRefused if the key is someone else's.

    The key is the transaction's first write: a concurrent submission of the same form waits
    at the unique index until this one commits, then fails there and finds what it saved."""
    if not submission_key:
        return None
    user = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            return SubmissionKey.objects.create(
                key=submission_key, user=user, form=form, question=question
            )
    except IntegrityError:
        used = SubmissionKey.objects.get(key=submission_key)
        same_question = question is None or used.question_id == question.pk
        if used.user_id != getattr(user, "pk", None) or used.form != form or not same_question:
            raise SubmissionRefused() from None
        raise AlreadySubmitted(used.question) from None


def _settle_submission(claim: SubmissionKey | None, question: Question) -> None:
    if claim is not None and claim.question_id is None:
        claim.question = question
        claim.save(update_fields=["question"])


def _event(question, actor, action, detail=""):
    """Record a step in the question's history; every step may change its status."""
    QuestionEvent.objects.create(question=question, actor=actor, action=action, detail=detail[:300])
    stats.forget_status_counts()


def _require(question, *statuses):
    if question.status not in statuses:
        raise HelpdeskError(
            _("This is not possible while the question is '%(status)s'.")
            % {"status": question.get_status_display()}
        )


def _notify(name: str, *args) -> None:
    """Queue the e-mail `name` (knowledge.notifications) in this transaction: the outbox sends
    it once the transaction commits."""
    notifications.SENDERS[name](*args)
