"""The meetings' tasks: the daily reminders and the besluitenlijst / presentielijst
PDFs (see ingrado.generated_files)."""

from celery import shared_task
from django.conf import settings

from ingrado import generated_files

from . import services
from .models import MeetingReport


@shared_task
def send_reminders() -> int:
    """Each morning: everyone confirmed for a meeting of tomorrow is reminded, once."""
    return services.reminders_send()


class RenderMeetingReport(generated_files.GenerateFileTask):
    model = MeetingReport

    def generate(self, pk, task_id):
        services.meeting_report_render(report_pk=pk, task_id=task_id)


@shared_task(
    base=RenderMeetingReport,
    bind=True,
    soft_time_limit=settings.MEETING_REPORT_TIMEOUT_SECONDS - 30,
    time_limit=settings.MEETING_REPORT_TIMEOUT_SECONDS,
)
def render_meeting_report(self, report_id: int) -> str:
    """Render and store the besluitenlijst or presentielijst `report_id`; idempotent."""
    return self.run_generation(report_id)
