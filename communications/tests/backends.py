"""An e-mail backend for tests that refuses some addresses the way an SMTP server does."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED: set[str] = set()  # 550 at RCPT: a hard failure
TEMPORARY: dict[str, int] = {}  # address -> how many more times a 451 comes back


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in REFUSED:
                    raise smtplib.SMTPRecipientsRefused({address: (550, b"Mailbox unavailable")})
                if TEMPORARY.get(address):
                    TEMPORARY[address] -= 1
                    raise smtplib.SMTPDataError(451, b"Try again later")
        return super().send_messages(messages)
