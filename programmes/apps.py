from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes and annual report")

    def ready(self):
        from ingrado import generated_files

        from .models import AnnualReport
        from .tasks import generate_annual_report

        generated_files.register(AnnualReport, generate_annual_report)
