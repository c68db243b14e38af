"""Scheduled helpdesk work."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from members import notifications as preferences
from outbox.services import mail_queue

from .models import Attachment, Question, SubmissionKey
from .workdays import add_working_days


@shared_task
@transaction.atomic
def remind_experts_of_due_questions() -> int:
    """Each expert gets one e-mail listing their questions due within a day or overdue
    (queued in the outbox, all or none)."""
    today = timezone.localdate()
    horizon = add_working_days(today, 1)
    due = (
        Question.objects.open()
        .exclude(status=Question.Status.WAITING)
        .filter(expert__isnull=False, due_date__lte=horizon)
        .select_related("expert__person")
        .order_by("expert_id", "due_date")
    )
    per_expert = {}
    for question in due:
        per_expert.setdefault(question.expert, []).append(question)
    sent = 0
    for expert, questions in per_expert.items():
        if expert.is_active and preferences.wants(getattr(expert, "person", None), "due_reminder"):
            mail_queue(
                prefix="knowledge/emails/reminder",
                context={"questions": questions},
                to=expert.email,
                about=expert,
            )
            sent += 1
    return sent


@shared_task
def delete_old_submission_keys() -> int:
    """A form's key guards against the same form saved twice, which happens within seconds;
    after SUBMISSION_KEY_DAYS it guards nothing worth keeping."""
    cutoff = timezone.now() - timedelta(days=settings.SUBMISSION_KEY_DAYS)
    deleted, _per_model = SubmissionKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task
def delete_expired_attachments() -> int:
    """AVG: attachments of questions closed longer ago than the retention period go."""
    cutoff = timezone.now() - timedelta(days=settings.ATTACHMENT_RETENTION_DAYS)
    expired = Attachment.objects.filter(
        question__status=Question.Status.CLOSED, question__closed_at__lt=cutoff
    )
    count = 0
    for attachment in expired:
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return count
