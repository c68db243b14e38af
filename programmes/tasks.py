"""The jaarverslag task: renders the PDF of an annual report row (see
ingrado.generated_files)."""

from celery import shared_task
from django.conf import settings

from ingrado import generated_files

from . import services
from .models import AnnualReport


class GenerateAnnualReport(generated_files.GenerateFileTask):
    model = AnnualReport

    def generate(self, pk, task_id):
        services.report_generate(report_pk=pk, task_id=task_id)


@shared_task(
    base=GenerateAnnualReport,
    bind=True,
    soft_time_limit=settings.ANNUAL_REPORT_TIMEOUT_SECONDS - 30,
    time_limit=settings.ANNUAL_REPORT_TIMEOUT_SECONDS,
)
def generate_annual_report(self, report_id: int) -> str:
    """Render and store the annual report `report_id`; idempotent."""
    return self.run_generation(report_id)
