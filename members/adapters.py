from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ingrado.emails import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """Staff and board land on Mijn werk after logging in; members on Mijn Ingrado."""
        from django.urls import reverse

        from .dashboard import has_work

        if has_work(request.user):
            return reverse("members:work")
        return super().get_login_redirect_url(request)

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

    def get_email_confirmation_url(self, request, emailconfirmation):
        url = super().get_email_confirmation_url(request, emailconfirmation)
        return absolute_url(urlsplit(url).path)

    def get_reset_password_from_key_url(self, key):
        return absolute_url(urlsplit(super().get_reset_password_from_key_url(key)).path)
