"""Newsletter figures per year, for the staff page and the annual report (programme 5,
Ledenbinding): newsletters sent, recipients, open and click rates. They are read from the
counts each newsletter keeps (mails the server accepted, readers who opened or clicked)."""

from datetime import datetime

from django.db.models import Count, Sum
from django.utils import timezone

from .models import Newsletter


def _year_bounds(year):
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def sent_in(year: int):
    """The newsletters whose sending started in the year and has finished."""
    start, end = _year_bounds(year)
    return (
        Newsletter.objects.sent()
        .filter(started_at__gte=start, started_at__lt=end)
        .order_by("started_at")
    )


def newsletter_rows(year: int) -> list[dict]:
    return [
        {
            "newsletter": newsletter,
            "delivered": newsletter.delivered,
            "open_rate": _share(newsletter.unique_opens, newsletter.delivered),
            "click_rate": _share(newsletter.unique_clicks, newsletter.delivered),
        }
        for newsletter in sent_in(year)
    ]


def year_figures(year: int) -> dict:
    totals = sent_in(year).aggregate(
        count=Count("pk"),
        delivered=Sum("delivered"),
        opened=Sum("unique_opens"),
        clicked=Sum("unique_clicks"),
    )
    count, delivered = totals["count"], totals["delivered"] or 0
    return {
        "year": year,
        "newsletters": count,
        "delivered": delivered,
        "recipients": round(delivered / count) if count else 0,
        "open_rate": _share(totals["opened"] or 0, delivered),
        "click_rate": _share(totals["clicked"] or 0, delivered),
    }
