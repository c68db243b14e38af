"""The newsletter's refusals: shown to the user as a Dutch message."""

from django.utils.translation import gettext_lazy as _

from ingrado.errors import DomainError


class NewsletterError(DomainError):
    default_message = _("This is not possible for this newsletter.")


class NotEditable(NewsletterError):
    default_message = _("This newsletter is being sent or has been sent: it can no longer change.")


class NothingToSend(NewsletterError):
    default_message = _("Add at least one section before sending the newsletter.")


class NoRecipients(NewsletterError):
    default_message = _("Nobody is subscribed to the newsletter yet.")


class ScheduleInThePast(NewsletterError):
    default_message = _("Choose a moment in the future to send the newsletter.")


class InvalidLink(NewsletterError):
    default_message = _("This link is not valid (any more).")


class ImportFailed(DomainError):
    """A subscriber file with errors: nothing was imported; `errors` lists (line, message)."""

    default_message = _("Nothing was imported: the file contains errors.")

    def __init__(self, errors):
        super().__init__()
        self.errors = errors
