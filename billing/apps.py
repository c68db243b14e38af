from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Invoices")

    def ready(self):
        from academy import extensions as academy_extensions
        from meetings import extensions as meeting_extensions
        from members.dashboard import register_panel

        from . import academy as academy_billing
        from . import (
            checks,  # noqa: F401  (registers the start-up checks)
            panels,
            statement,
        )
        from . import meetings as meeting_billing

        academy_billing.register(academy_extensions)
        meeting_billing.register(meeting_extensions)
        statement.register_defaults()
        register_panel(order=40, template="billing/_dashboard_panel.html", context=panels.dashboard)
