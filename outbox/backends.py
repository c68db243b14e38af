"""An e-mail connection that queues messages in the outbox instead of sending them, for code
outside the portal that builds a message and calls its `send()` (allauth's account mails):
`message.connection = OutboxConnection(template=...)`."""

from django.core.mail.backends.base import BaseEmailBackend


class OutboxConnection(BaseEmailBackend):
    def __init__(self, *, template: str = "", about=None, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.about = about

    def send_messages(self, email_messages):
        from .services import mail_queue_message

        for message in email_messages:
            mail_queue_message(message=message, template=self.template, about=self.about)
        return len(email_messages)
