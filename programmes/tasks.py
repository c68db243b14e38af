"""The jaarverslag task: takes the report's primary key, calls the service, records failure."""

from celery import shared_task
from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError

from . import services

# Errors worth another try: the disk, the network, the database going away for a moment.
TRANSIENT_ERRORS = (OSError, DatabaseOperationalError, InterfaceError)


@shared_task(
    bind=True,
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=3,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def generate_annual_report(self, report_id: int) -> str:
    """Render and store the annual report `report_id`.

    Idempotent: a ready report is not rendered again and a report another attempt is
    generating is left to it; redelivered after a worker died (acks_late), the same
    attempt renders it once more and leaves exactly one file. Transient errors are retried
    with backoff; the last failure, and any other error, is recorded on the report."""
    try:
        report = services.report_generate(report_pk=report_id, task_id=self.request.id or "")
    except TRANSIENT_ERRORS as error:
        reason = f"{type(error).__name__}: {error}"
        if self.request.retries >= self.max_retries:
            services.report_mark_failed(report_pk=report_id, reason=reason)
        else:
            services.report_requeue(report_pk=report_id, reason=reason)
        raise
    except Exception as error:  # recorded for the user, re-raised for the logs
        services.report_mark_failed(report_pk=report_id, reason=f"{type(error).__name__}: {error}")
        raise
    return report.state
