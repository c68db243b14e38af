from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ingrado.emails import absolute_url
from outbox.backends import OutboxConnection


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """Lower-case e-mail addresses so domain matching and uniqueness are exact."""
        return super().clean_email(email).strip().lower()

    def get_client_ip(self, request):
        """The client's address as the trusted proxies report it (rate limits count per
        client); a request with fewer X-Forwarded-For entries than proxies did not pass
        through them all, so its own peer address is the client."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META["REMOTE_ADDR"]

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails name the portal "Ingrado" (not the host it was reached on) and
        link to SITE_URL."""
        site = SimpleNamespace(name="Ingrado", domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(
            template_prefix,
            email,
            {**context, "current_site": site, "site_url": settings.SITE_URL.rstrip("/")},
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's e-mails go through the outbox like every other mail: `send_mail` sends
        the message over this connection, which queues it (one row per recipient) and returns
        at once, so a sign-up or reset takes as long whoever the address belongs to."""
        message = super().render_mail(template_prefix, email, context, headers)
        message.connection = OutboxConnection(template=template_prefix)
        return message

    def get_email_confirmation_url(self, request, emailconfirmation):
        url = super().get_email_confirmation_url(request, emailconfirmation)
        return absolute_url(urlsplit(url).path)

    def get_reset_password_from_key_url(self, key):
        return absolute_url(urlsplit(super().get_reset_password_from_key_url(key)).path)
