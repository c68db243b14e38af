"""The base of the domain errors every app raises: a refused action with a message for the
user (translated), which the view shows instead of an error page."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    default_message = _("This is not possible.")

    def __init__(self, message=None):
        self.message = str(message or self.default_message)
        super().__init__(self.message)
