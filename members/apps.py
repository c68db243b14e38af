from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from . import outgoing_mail, signals  # noqa: F401
        from .privacy import register_personal_data

        register_personal_data(
            name="emails", exporter=outgoing_mail.export, eraser=outgoing_mail.erase
        )
