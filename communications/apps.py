from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationsConfig(AppConfig):
    name = "communications"
    verbose_name = _("Newsletter")

    def ready(self):
        from ingrado import annual_figures
        from members.dashboard import register_panel
        from members.privacy import register_personal_data

        from . import jaarverslag, panels

        annual_figures.register(jaarverslag.PROVIDER)

        register_panel(
            order=30,
            template="communications/_profile_panel.html",
            context=panels.profile_context,
            page="profile",
        )
        register_panel(
            page="work",
            order=130,
            template="includes/figures_panel.html",
            context=panels.figures_context,
            visible=panels.watches_figures,
        )
        register_personal_data(
            name="newsletter", exporter=panels.export_subscriptions, eraser=panels.erase
        )
