"""A small, correct iCalendar (RFC 5545) writer for editions' sessions."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def edition_calendar(edition, sessions) -> str:
    from datetime import UTC

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Ingrado//Academie//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for number, session in enumerate(sessions, start=1):
        start = timezone.make_aware(datetime.combine(session.date, session.start_time))
        end = timezone.make_aware(datetime.combine(session.date, session.end_time))
        location = session.location or session.online_link
        lines += [
            "BEGIN:VEVENT",
            f"UID:academie-{edition.pk}-{session.pk}@ingrado.nl",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{start.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{end.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_escape(edition.activity.title)}"
            + (f" ({number}/{len(sessions)})" if len(sessions) > 1 else ""),
            f"LOCATION:{_escape(location)}",
            f"DESCRIPTION:{_escape(edition.activity.description[:500])}",
            f"URL:{settings.SITE_URL}{reverse('academy:edition_detail', args=[edition.pk])}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
