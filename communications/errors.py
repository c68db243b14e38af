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


class NotSendable(NewsletterError):
    """A newsletter whose stored text cannot become an e-mail (a subject saved with a line
    break before that was refused): it stays a draft and says what to change."""

    default_message = _("This newsletter cannot be sent as it is: correct it in the editor.")


class MembersOnlyItem(NewsletterError):
    default_message = _(
        "This kennisbank item is for members only, and the newsletter also goes to "
        "non-members: choose to add only its title and link, or its text for everyone."
    )


class InvalidLink(NewsletterError):
    default_message = _("This link is not valid (any more).")


class ImportFailed(DomainError):
    """A subscriber file with errors: nothing was imported; `errors` lists (line, message)."""

    default_message = _("Nothing was imported: the file contains errors.")

    def __init__(self, errors):
        super().__init__()
        self.errors = errors
