"""The e-mails the outbox holds for a person (outbox.OutgoingMail, kept OUTBOX_KEEP_DAYS):
listed in their data export, deleted when they are anonymised."""

from outbox.services import mails_erase_addresses, mails_to


def _addresses(person) -> list[str]:
    user = person.user
    return [person.email, user.email if user is not None else ""]


def export(person):
    return [
        {
            "subject": mail.subject,
            "to": mail.to,
            "state": mail.get_state_display(),
            "queued_at": mail.created_at.isoformat(),
            "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
        }
        for mail in mails_to(*_addresses(person)).only(
            "subject", "to", "state", "created_at", "sent_at"
        )
    ]


def erase(person) -> None:
    mails_erase_addresses(*_addresses(person))
