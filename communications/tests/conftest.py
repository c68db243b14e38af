import asyncio
import socket
import threading

import pytest


class SmtpSink:
    """A real SMTP server (aiosmtpd) on this machine that keeps every message it accepts.

    `refuse` holds addresses refused at RCPT with a 550 (a hard bounce); `slow` holds
    addresses whose DATA is recorded at once but answered only after that many seconds, as
    a busy server does: a client killed meanwhile cannot know the mail arrived."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.slow = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        delay = max((self.slow.get(address, 0) for address in envelope.rcpt_tos), default=0)
        if delay:
            await asyncio.sleep(delay)
        return "250 Message accepted"

    def received_by(self, address):
        with self.lock:
            return [message for rcpt, message in self.messages if address in rcpt]

    def count(self):
        with self.lock:
            return len(self.messages)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A local SMTP server started for the test; Django sends to it through SMTP."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    sink.port = controller.port
    yield sink
    controller.stop()
