"""Meetings as iCalendar (written by `ingrado.icalendar`, as the Academie's sessions are)."""

from django.conf import settings
from django.urls import reverse

from ingrado.icalendar import Event, calendar


def meetings_calendar(meetings) -> str:
    return calendar(
        [
            Event(
                uid=f"bijeenkomst-{meeting.pk}@ingrado.nl",
                start=meeting.starts_at(),
                end=meeting.ends_at(),
                summary=meeting.title,
                location=meeting.location or meeting.online_link,
                description=meeting.description,
                url=f"{settings.SITE_URL}{reverse('meetings:meeting_detail', args=[meeting.pk])}",
                cancelled=meeting.status == meeting.Status.CANCELLED,
            )
            for meeting in meetings
        ],
        product="Bijeenkomsten",
    )
