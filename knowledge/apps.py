from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Questions and kennisbank")

    def ready(self):
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

        register_panel(
            order=10, template="knowledge/_dashboard_panel.html", context=panels.dashboard_context
        )
        for order, template, context in (
            (10, "knowledge/_work_assigned.html", panels.work_assigned),
            (11, "knowledge/_work_review.html", panels.work_review),
            (12, "knowledge/_work_due.html", panels.work_due),
            (13, "knowledge/_work_new.html", panels.work_new),
        ):
            register_panel(
                page="work",
                order=order,
                template=template,
                context=context,
                visible=panels.handles_questions,
            )
        register_panel(
            page="work",
            order=110,
            template="includes/figures_panel.html",
            context=panels.figures_context,
            visible=panels.watches_figures,
        )
        register_person_section(
            name="questions",
            order=10,
            template="knowledge/_person_section.html",
            context=panels.person_page_context,
        )
        register_personal_data(
            name="questions",
            exporter=panels.export_questions,
            eraser=panels.erase_questions,
            audited=panels.audited_objects,
            audit_actions=panels.AUDIT_ACTIONS,
        )
