"""The certificate task: renders the PDF of a certificate row (see ingrado.generated_files);
the managers' weekly summary."""

from celery import shared_task
from django.conf import settings

from ingrado import generated_files

from . import notifications, services
from .models import Certificate


@shared_task
def send_weekly_summaries() -> int:
    """Monday morning: managers who asked for it get their organisation's enrolments."""
    return notifications.weekly_summaries()


class RenderCertificate(generated_files.GenerateFileTask):
    model = Certificate

    def generate(self, pk, task_id):
        services.certificate_render(certificate_pk=pk, task_id=task_id)


@shared_task(
    base=RenderCertificate,
    bind=True,
    soft_time_limit=settings.CERTIFICATE_TIMEOUT_SECONDS - 30,
    time_limit=settings.CERTIFICATE_TIMEOUT_SECONDS,
)
def render_certificate(self, certificate_id: int) -> str:
    """Render and store the PDF of certificate `certificate_id`; idempotent."""
    return self.run_generation(certificate_id)
