"""The certificate task: takes the certificate's primary key, calls the service, records
failure on the certificate row."""

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
def render_certificate(self, certificate_id: int) -> str:
    """Render the PDF of certificate `certificate_id`.

    Idempotent: a ready certificate is not rendered again. Transient errors are retried
    with backoff; the last failure, and any other error, is recorded on the certificate
    (state "failed" with the reason) for staff to see and retry."""
    try:
        certificate = services.certificate_render(certificate_pk=certificate_id)
    except TRANSIENT_ERRORS as error:
        reason = f"{type(error).__name__}: {error}"
        if self.request.retries >= self.max_retries:
            services.certificate_mark_failed(certificate_pk=certificate_id, reason=reason)
        else:
            services.certificate_requeue(certificate_pk=certificate_id, reason=reason)
        raise
    except Exception as error:  # recorded for the user, re-raised for the logs
        services.certificate_mark_failed(
            certificate_pk=certificate_id, reason=f"{type(error).__name__}: {error}"
        )
        raise
    return certificate.state
