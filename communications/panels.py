"""What the newsletter contributes to Mijn profiel and to the AVG export and erasure."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ingrado import formatting
from ingrado.caching import cached_figures

from . import services, stats
from .models import Delivery, Subscriber


def profile_context(request, person):
    subscriber = services.subscriber_of(person) if person is not None else None
    return {
        "subscriber": subscriber,
        "subscribed": subscriber is not None and subscriber.status == Subscriber.Status.SUBSCRIBED,
    }


def watches_figures(user) -> bool:
    """The board: may see the newsletter's figures without writing newsletters."""
    return user.has_perm("communications.view_newsletter_figures") and not user.has_perm(
        "communications.manage_newsletters"
    )


def figures_context(request, person):
    """This year's newsletter figures so far (the year's figures the jaarverslag uses, cached)."""
    year = timezone.localdate().year
    figures = cached_figures("communications", year, stats.year_figures)
    rate = figures["open_rate"]
    return {
        "key": "nieuwsbrief",
        "title": _("Newsletter %(year)s so far") % {"year": year},
        "figures": [
            (formatting.number(figures["newsletters"]), _("newsletters sent")),
            ("–" if rate is None else formatting.percent(rate), _("opened")),
        ],
        "links": [(reverse("communications:figures"), _("Newsletter figures"))],
    }


def export_subscriptions(person):
    """The subscription with its consent (when, how), and which newsletters were sent to it.
    Opens and clicks are not linked to a person, so there are none to export."""
    subscriber = services.subscriber_of(person)
    if subscriber is None:
        return None
    deliveries = (
        Delivery.objects.filter(subscriber=subscriber)
        .select_related("newsletter")
        .order_by("newsletter__started_at")
    )
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "organisation": subscriber.organisation_name or str(subscriber.organisation or ""),
        "status": subscriber.get_status_display(),
        "consent": subscriber.get_consent_display(),
        "consent_at": subscriber.consent_at.isoformat() if subscriber.consent_at else None,
        "subscribed_at": subscriber.subscribed_at.isoformat() if subscriber.subscribed_at else None,
        "unsubscribed_at": (
            subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None
        ),
        "newsletters": [
            {
                "subject": delivery.newsletter.subject,
                "state": delivery.get_state_display(),
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in deliveries
        ],
    }


def erase(person):
    services.subscriptions_erase_person(person=person)
