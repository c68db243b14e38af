from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ingrado.emails import absolute_url
from outbox.backends import OutboxConnection

from . import throttling

# Links allauth builds from the request's Host header; every mail carries them on SITE_URL.
_LINKS_IN_MAILS = ("activate_url", "password_reset_url", "signup_url")


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

    def pre_authenticate(self, request, **credentials):
        """Failed logins count per account and client address, and more slowly per account
        (members.throttling), never per Host header."""
        self._login_attempt = throttling.login_attempt_start(
            request, email=credentials.get("email", "")
        )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            self._login_attempt.succeeded()
        return user

    def respond_email_verification_sent(self, request, user):
        """This browser typed the account's password and now waits for the verification:
        the only browser in which verifying keeps that password (members.signals)."""
        from .signals import PASSWORD_TYPED_SESSION_KEY

        if user is not None:
            request.session[PASSWORD_TYPED_SESSION_KEY] = str(user.pk)
        return super().respond_email_verification_sent(request, user)

    def get_email_verification_redirect_url(self, email_address):
        """Verifying an address whose sign-up password was dropped leads straight on to
        choosing a new one (allauth's own password reset page, with a fresh key)."""
        user = email_address.user
        if user.has_usable_password():
            return super().get_email_verification_redirect_url(email_address)
        return reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails name the portal "Ingrado" (not the host it was reached on) and
        link to SITE_URL, whatever Host the request named."""
        site = SimpleNamespace(name="Ingrado", domain=urlsplit(settings.SITE_URL).netloc)
        links = {
            name: absolute_url(_path_of(context[name]))
            for name in _LINKS_IN_MAILS
            if context.get(name)
        }
        super().send_mail(
            template_prefix,
            email,
            {**context, **links, "current_site": site, "site_url": settings.SITE_URL.rstrip("/")},
        )

    def mail_enrolment_code(self, email: str, code: str, *, minutes: int) -> None:
        """The code that confirms a first two-factor enrolment (`members.enrolment`), made
        like allauth's own account mails and queued in the outbox the same way."""
        self.send_mail(
            "members/email/mfa_enrolment_code", email, {"code": code, "minutes": minutes}
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's e-mails go through the outbox like every other mail: `send_mail` sends
        the message over this connection, which queues it (one row per recipient) and returns
        at once, so a sign-up or reset takes as long whoever the address belongs to."""
        message = super().render_mail(template_prefix, email, context, headers)
        message.connection = OutboxConnection(template=template_prefix)
        return message

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(
            _path_of(super().get_email_confirmation_url(request, emailconfirmation))
        )

    def get_reset_password_from_key_url(self, key):
        return absolute_url(_path_of(super().get_reset_password_from_key_url(key)))


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
