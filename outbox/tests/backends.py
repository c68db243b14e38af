"""An e-mail backend for tests that answers the way an SMTP server does, per address:
refused for good (550), refused for now (451, a number of times), the connection lost
while the mail is handed over, or the server not reachable at all."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED: set[str] = set()
TEMPORARY: dict[str, int] = {}  # address -> how many more times a 451 comes back
DISCONNECTED: set[str] = set()
UNREACHABLE = {"on": False}


def reset():
    REFUSED.clear()
    TEMPORARY.clear()
    DISCONNECTED.clear()
    UNREACHABLE["on"] = False


class ScriptedBackend(EmailBackend):
    def open(self):
        if UNREACHABLE["on"]:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().open()

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in REFUSED:
                    raise smtplib.SMTPRecipientsRefused({address: (550, b"Mailbox unavailable")})
                if TEMPORARY.get(address):
                    TEMPORARY[address] -= 1
                    raise smtplib.SMTPRecipientsRefused({address: (451, b"Try again later")})
                if address in DISCONNECTED:
                    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
