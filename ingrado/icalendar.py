"""A small, correct iCalendar (RFC 5545) writer: the Academie's sessions and the meetings
are written by it."""

from dataclasses import dataclass
from datetime import UTC, datetime


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
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


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime  # aware
    end: datetime  # aware
    summary: str
    location: str
    description: str
    url: str
    cancelled: bool = False


def calendar(events, *, product: str) -> str:
    """A VCALENDAR of `events`, in UTC, every line folded."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Ingrado//{product}//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{event.start.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{event.end.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{escape(event.summary)}",
            f"LOCATION:{escape(event.location)}",
            f"DESCRIPTION:{escape(event.description[:500])}",
            f"URL:{event.url}",
        ]
        if event.cancelled:
            lines.append("STATUS:CANCELLED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
