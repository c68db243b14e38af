from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Ingrado Academie")

    def ready(self):
        from ingrado import generated_files
        from members import notifications
        from members.dashboard import register_panel
        from members.directory import register_person_section
        from members.privacy import register_personal_data

        from . import notifications as kinds
        from . import panels

        notifications.register(*kinds.KINDS)
        from ingrado import annual_figures

        from . import jaarverslag

        annual_figures.register(jaarverslag.PROVIDER)
        from .models import Certificate
        from .tasks import render_certificate

        generated_files.register(Certificate, render_certificate)

        register_panel(
            order=20, template="academy/_dashboard_panel.html", context=panels.dashboard_context
        )
        register_panel(
            page="work",
            order=20,
            template="academy/_work_panel.html",
            context=panels.work_context,
            visible=panels.runs_editions,
        )
        register_panel(
            page="work",
            order=120,
            template="includes/figures_panel.html",
            context=panels.figures_context,
            visible=panels.watches_figures,
        )
        register_person_section(
            name="enrolments",
            order=20,
            template="academy/_person_section.html",
            context=panels.person_page_context,
        )
        register_personal_data(
            name="academy",
            exporter=panels.export_enrolments,
            eraser=panels.erase,
            audited=panels.audited_objects,
            audit_actions=panels.AUDIT_ACTIONS,
        )
