"""Files the portal generates in the background (certificates, annual reports): one model
base, one Celery task base and one recovery routine for all of them.

A generated file is a row with a state (queued, generating, ready, failed), the moment it
entered that state, the number of attempts and the reason of the last failure. The task
that renders it claims the row, renders, and stores the file; it is idempotent, retried on
transient errors, and records a failure for the user to see. Nothing stays stuck: a row that
is queued or generating longer than its kind's time limit is queued again by `sweep()`
(Celery beat every minute; by hand `manage.py recover_generated_files`), and given up as
failed after `MAX_ATTEMPTS`.

The project package imports no app: each app subclasses `GeneratedFile` and
`GenerateFileTask` and registers its kind with `register()`.
"""

import logging
from datetime import timedelta

from celery import Task
from django.conf import settings
from django.db import InterfaceError, models, transaction
from django.db import OperationalError as DatabaseOperationalError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.broker import BROKER_ERRORS
from ingrado.errors import DomainError

logger = logging.getLogger(__name__)

# Errors worth another try: the disk, the network, the database going away for a moment.
TRANSIENT_ERRORS = (OSError, DatabaseOperationalError, InterfaceError)
# After this many attempts (each a claim by a task) a file is given up as failed.
MAX_ATTEMPTS = 3


class QueueUnavailable(DomainError):
    default_message = _(
        "The request has been recorded, but the task queue cannot be reached right now. "
        "It is sent automatically as soon as the queue is back."
    )


class GeneratedFile(models.Model):
    """The state of a file rendered by a task. Subclasses add the `file` field and set
    `time_limit_setting`: the name of the setting that holds how many seconds a file may be
    queued or generating before it counts as stuck."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        GENERATING = "generating", _("Generating")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    PENDING = (State.QUEUED, State.GENERATING)

    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    state_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    failure_reason = models.TextField(_("reason of failure"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)

    time_limit_setting = ""
    task = None  # the GenerateFileTask that renders this kind, set by register()

    class Meta:
        abstract = True

    @classmethod
    def time_limit(cls) -> timedelta:
        return timedelta(seconds=getattr(settings, cls.time_limit_setting))

    @property
    def is_pending(self) -> bool:
        return self.state in self.PENDING

    def age(self, now=None) -> timedelta:
        return (now or timezone.now()) - self.state_changed_at

    @property
    def minutes_in_state(self) -> int:
        """Whole minutes in this state: the page says "for 3 minutes", never "for 0 minutes"."""
        return int(self.age().total_seconds() // 60)

    def is_overdue(self, now=None) -> bool:
        """Queued or generating for longer than the time limit: stuck, to be queued again."""
        return self.is_pending and self.age(now) > self.time_limit()

    def can_retry(self, now=None) -> bool:
        """Failed, stuck, or waiting in the queue (sending it again is harmless: the task
        renders a file once)."""
        return self.state in (self.State.FAILED, self.State.QUEUED) or self.is_overdue(now)

    @property
    def retryable(self) -> bool:
        return self.can_retry()

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    def set_state(self, state, **fields) -> list[str]:
        """Change the state in memory; returns the fields to save."""
        self.state = state
        self.state_changed_at = timezone.now()
        for name, value in fields.items():
            setattr(self, name, value)
        return ["state", "state_changed_at", *fields]


_kinds: list[type[GeneratedFile]] = []


def register(model: type[GeneratedFile], task) -> None:
    model.task = task
    if model not in _kinds:
        _kinds.append(model)


def kinds() -> list[type[GeneratedFile]]:
    return list(_kinds)


# --- queuing ---------------------------------------------------------------------------


def send(model: type[GeneratedFile], pk: int) -> None:
    """Hand the file to the task queue; QueueUnavailable when the broker cannot be reached
    (the row stays queued and the sweeper sends it later)."""
    try:
        model.task.apply_async(args=[pk], retry=False)
    except BROKER_ERRORS as error:
        logger.warning("%s %s could not be queued: %s", model.__name__, pk, error)
        raise QueueUnavailable() from error


def send_after_commit(model: type[GeneratedFile], pks) -> None:
    """Queue the files once the transaction commits (a task must find its committed row).
    A broker failure surfaces as QueueUnavailable where the transaction ends."""
    pks = list(pks)
    if pks:
        transaction.on_commit(lambda: [send(model, pk) for pk in pks])


@transaction.atomic
def retry(instance: GeneratedFile) -> GeneratedFile:
    """Queue a failed or stuck file again (the "Opnieuw proberen" button)."""
    model = type(instance)
    instance = model.objects.select_for_update().get(pk=instance.pk)
    if not instance.can_retry():
        raise DomainError(_("This file is being made right now; wait for it to finish."))
    instance.save(
        update_fields=instance.set_state(
            model.State.QUEUED, failure_reason="", task_id="", attempts=0, finished_at=None
        )
    )
    send_after_commit(model, [instance.pk])
    return instance


# --- the task's side -------------------------------------------------------------------


def claim(model: type[GeneratedFile], pk: int, task_id: str) -> GeneratedFile | None:
    """Mark the file as being generated by this attempt; None when there is nothing to do:
    it is ready, or another attempt is generating it within the time limit."""
    with transaction.atomic():
        instance = model.objects.select_for_update().get(pk=pk)
        if instance.state == model.State.READY and instance.file:
            return None
        taken_by_another = (
            instance.state == model.State.GENERATING
            and instance.task_id
            and instance.task_id != task_id
            and not instance.is_overdue()
        )
        if taken_by_another:
            return None
        now = timezone.now()
        instance.save(
            update_fields=instance.set_state(
                model.State.GENERATING,
                started_at=now,
                finished_at=None,
                failure_reason="",
                attempts=instance.attempts + 1,
                task_id=task_id,
            )
        )
        return instance


def finish(model: type[GeneratedFile], pk: int, task_id: str, filename: str, content) -> bool:
    """Store the rendered file and mark it ready, unless another attempt took over."""
    with transaction.atomic():
        instance = model.objects.select_for_update().get(pk=pk)
        if instance.task_id != task_id or instance.state != model.State.GENERATING:
            return False
        old_name = instance.file.name
        instance.file.save(filename, content, save=False)
        if old_name and old_name != instance.file.name:
            instance.file.storage.delete(old_name)
        instance.save(
            update_fields=[
                "file",
                *instance.set_state(model.State.READY, finished_at=timezone.now()),
            ]
        )
        return True


def requeue(model: type[GeneratedFile], pk: int, reason: str) -> None:
    """A transient error: the task tries again; meanwhile the file shows as queued."""
    model.objects.filter(pk=pk, state=model.State.GENERATING).update(
        state=model.State.QUEUED, state_changed_at=timezone.now(), failure_reason=reason[:2000]
    )


def mark_failed(model: type[GeneratedFile], pk: int, reason: str) -> None:
    now = timezone.now()
    model.objects.filter(pk=pk).exclude(state=model.State.READY).update(
        state=model.State.FAILED,
        state_changed_at=now,
        finished_at=now,
        failure_reason=reason[:2000] or str(_("Unknown error")),
    )


class GenerateFileTask(Task):
    """The base of the tasks that render a generated file: takes the row's primary key,
    calls `generate(pk, task_id)` (a service), retries transient errors with backoff and
    records the last failure on the row. Acknowledged late: a task whose worker died is
    delivered again (and the sweeper queues the row again sooner)."""

    model: type[GeneratedFile]
    autoretry_for = TRANSIENT_ERRORS
    max_retries = MAX_ATTEMPTS
    retry_backoff = 5
    retry_backoff_max = 120
    retry_jitter = True
    acks_late = True
    reject_on_worker_lost = True

    def generate(self, pk: int, task_id: str):
        raise NotImplementedError

    def run_generation(self, pk: int) -> str:
        """The body of the task function (`return self.run_generation(pk)`)."""
        task_id = self.request.id or ""
        try:
            self.generate(pk, task_id)
        except TRANSIENT_ERRORS as error:
            reason = f"{type(error).__name__}: {error}"
            if self.request.retries >= self.max_retries:
                mark_failed(self.model, pk, reason)
            else:
                requeue(self.model, pk, reason)
            raise
        except Exception as error:  # recorded for the user, re-raised for the logs
            mark_failed(self.model, pk, f"{type(error).__name__}: {error}")
            raise
        return self.model.objects.values_list("state", flat=True).get(pk=pk)


# --- recovery ---------------------------------------------------------------------------


def sweep(now=None) -> dict[str, int]:
    """Queue again every file queued or generating longer than its time limit; give up
    (failed, with the reason) on one that has had MAX_ATTEMPTS attempts. Idempotent: a row
    sent again counts its time limit from now, and the task skips a file that is ready.
    Returns {model name: files sent again or given up}."""
    now = now or timezone.now()
    done = {}
    for model in kinds():
        overdue = model.objects.filter(
            state__in=model.PENDING, state_changed_at__lt=now - model.time_limit()
        )
        given_up = overdue.filter(attempts__gte=MAX_ATTEMPTS).update(
            state=model.State.FAILED,
            state_changed_at=now,
            finished_at=now,
            failure_reason=str(
                _("Gave up after %(n)s attempts: the task did not finish in time.")
                % {"n": MAX_ATTEMPTS}
            ),
        )
        with transaction.atomic():
            stuck = list(
                overdue.filter(attempts__lt=MAX_ATTEMPTS)
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)
            )
            model.objects.filter(pk__in=stuck).update(
                state=model.State.QUEUED, state_changed_at=now, task_id=""
            )
        sent = 0
        for pk in stuck:
            try:
                send(model, pk)
                sent += 1
            except QueueUnavailable:
                break  # still queued: the next sweep sends it
        done[model.__name__] = sent + given_up
    return done
