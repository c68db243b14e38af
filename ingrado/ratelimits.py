"""Limits per client address on the public forms that make the portal mail an address
someone typed (the nieuwsbrief sign-up), so nobody can make it mail address after address.

They count exactly as allauth counts the login limits: with allauth's rate limiter, per
client address as the account adapter reports it (`TRUSTED_PROXY_COUNT` proxies in front,
`members.adapters.AccountAdapter.get_client_ip`; IPv6 by its /64), in the same cache, and
they fail open while Redis is unreachable (`ingrado.cache`), so the form keeps working. The
rates are `settings.PUBLIC_FORM_RATE_LIMITS` ({action: "5/10m/ip,..."}, allauth's notation);
an action without a rate is not limited. A refusal is the Dutch 429 page (`templates/429.html`).
"""

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpResponse


def consume_or_429(request, action: str) -> HttpResponse | None:
    """Count one use of `action` by this client; the 429 page when it went over a limit."""
    rates = getattr(settings, "PUBLIC_FORM_RATE_LIMITS", None) or {}
    if ratelimit.consume(request, app="ingrado", action=action, config=rates) is None:
        return ratelimit.respond_429(request)
    return None
