"""Newsletter figures per year, for the staff page and the annual report (programme 5,
Ledenbinding): newsletters sent, recipients, open and click rates, failures and unsubscribes.
They are read from the counts each newsletter keeps (mails the server accepted, readers who
opened or clicked, refusals, unsubscribes through its link).

Readers open a newsletter for days after it went out: the open and click rates of the year
leave out the newsletters sent in the last SETTLING_DAYS (they would pull the rates down),
and say how many were left out (`recent_newsletters`); each of those shows its own rates,
marked as still counting."""

from datetime import datetime, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import Newsletter

# Most readers open a newsletter within a week.
SETTLING_DAYS = 7


def _year_bounds(year):
    tz = timezone.get_current_timezone()
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _share(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _settled_before(now: datetime | None = None) -> datetime:
    """Newsletters that started before this moment count in the year's rates."""
    return (now or timezone.now()) - timedelta(days=SETTLING_DAYS)


def sent_in(year: int):
    """The newsletters whose sending started in the year and has finished."""
    start, end = _year_bounds(year)
    return (
        Newsletter.objects.sent()
        .filter(started_at__gte=start, started_at__lt=end)
        .order_by("started_at")
    )


def newsletter_rows(year: int, *, now: datetime | None = None) -> list[dict]:
    settled_before = _settled_before(now)
    return [
        {
            "newsletter": newsletter,
            "delivered": newsletter.delivered,
            "open_rate": _share(newsletter.unique_opens, newsletter.delivered),
            "click_rate": _share(newsletter.unique_clicks, newsletter.delivered),
            "failed": newsletter.failed,
            "unsubscribes": newsletter.unsubscribes,
            "recent": newsletter.started_at >= settled_before,
        }
        for newsletter in sent_in(year)
    ]


def year_figures(year: int, *, now: datetime | None = None) -> dict:
    """The year's figures. `open_rate` and `click_rate` count the newsletters sent more than
    SETTLING_DAYS ago (`rated_newsletters`); `recent_newsletters` were left out of them."""
    settled = Q(started_at__lt=_settled_before(now))
    totals = sent_in(year).aggregate(
        count=Count("pk"),
        all_delivered=Sum("delivered"),
        all_failed=Sum("failed"),
        all_unsubscribes=Sum("unsubscribes"),
        rated=Count("pk", filter=settled),
        rated_delivered=Sum("delivered", filter=settled),
        opened=Sum("unique_opens", filter=settled),
        clicked=Sum("unique_clicks", filter=settled),
    )
    count, delivered = totals["count"], totals["all_delivered"] or 0
    rated_delivered = totals["rated_delivered"] or 0
    return {
        "year": year,
        "newsletters": count,
        "delivered": delivered,
        "recipients": round(delivered / count) if count else 0,
        "open_rate": _share(totals["opened"] or 0, rated_delivered),
        "click_rate": _share(totals["clicked"] or 0, rated_delivered),
        "rated_newsletters": totals["rated"],
        "recent_newsletters": count - totals["rated"],
        "failed": totals["all_failed"] or 0,
        "unsubscribes": totals["all_unsubscribes"] or 0,
    }
