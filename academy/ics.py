"""An edition's sessions as iCalendar (written by `ingrado.icalendar`)."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ingrado.icalendar import Event, calendar


def edition_calendar(edition, sessions) -> str:
    url = f"{settings.SITE_URL}{reverse('academy:edition_detail', args=[edition.pk])}"
    events = [
        Event(
            uid=f"academie-{edition.pk}-{session.pk}@ingrado.nl",
            start=timezone.make_aware(datetime.combine(session.date, session.start_time)),
            end=timezone.make_aware(datetime.combine(session.date, session.end_time)),
            summary=edition.activity.title
            + (f" ({number}/{len(sessions)})" if len(sessions) > 1 else ""),
            location=session.location or session.online_link,
            description=edition.activity.description,
            url=url,
        )
        for number, session in enumerate(sessions, start=1)
    ]
    return calendar(events, product="Academie")
