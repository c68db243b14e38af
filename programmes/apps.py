from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes and annual report")

    def ready(self):
        from ingrado import generated_files
        from members.dashboard import register_panel

        from . import panels
        from .models import AnnualReport
        from .tasks import generate_annual_report

        generated_files.register(AnnualReport, generate_annual_report)
        register_panel(
            page="work",
            order=100,
            template="programmes/_work_panel.html",
            context=panels.report_context,
            visible=panels.makes_reports,
        )
