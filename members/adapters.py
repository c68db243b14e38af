from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured


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
