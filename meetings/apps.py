from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from ingrado import annual_figures, generated_files
        from members import notifications
        from members.dashboard import register_panel
        from members.directory import register_person_section
        from members.privacy import register_personal_data

        from . import jaarverslag, panels
        from . import notifications as kinds
        from .models import MeetingReport
        from .tasks import render_meeting_report

        notifications.register(*kinds.KINDS)
        generated_files.register(MeetingReport, render_meeting_report)
        # The jaarverslag's ALVs, rayondagen, kick-off and region visits (Community and
        # Voortijdig schoolverlaten, by the projects' codes).
        annual_figures.register(jaarverslag.COMMUNITY_PROVIDER)
        annual_figures.register(jaarverslag.REGIONS_PROVIDER)
        register_panel(
            order=25, template="meetings/_dashboard_panel.html", context=panels.dashboard_context
        )
        register_person_section(
            name="registrations",
            order=25,
            template="meetings/_person_section.html",
            context=panels.person_page_context,
        )
        register_personal_data(
            name="meetings",
            exporter=panels.export_personal_data,
            eraser=panels.erase,
            audited=panels.audited_objects,
            audit_actions=panels.AUDIT_ACTIONS,
        )
