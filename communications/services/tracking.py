"""Counting a newsletter's opens and clicks, without knowing who."""

from django.db import transaction
from django.db.models import F

from .. import tokens
from ..models import Newsletter, Reader, Section, SectionReader


def _reader(newsletter_pk: int, delivery_token: str) -> int:
    """The primary key of the reader's row, made on their first open or click."""
    reader, _created = Reader.objects.get_or_create(
        newsletter_id=newsletter_pk, digest=tokens.reader_digest(newsletter_pk, delivery_token)
    )
    return reader.pk


@transaction.atomic
def open_record(*, newsletter_pk: int, delivery_token: str) -> None:
    """The tracking pixel was loaded: one open, and one reader more if it is their first."""
    if not delivery_token or not Newsletter.objects.filter(pk=newsletter_pk).exists():
        return
    reader = _reader(newsletter_pk, delivery_token)
    first = Reader.objects.filter(pk=reader, opened=False).update(opened=True)
    Newsletter.objects.filter(pk=newsletter_pk).update(
        opens=F("opens") + 1, unique_opens=F("unique_opens") + first
    )


@transaction.atomic
def click_record(*, newsletter_pk: int, section_pk: int, delivery_token: str) -> None:
    """A link was followed: counted for the newsletter and the section; a reader who clicks
    has opened the newsletter too (also when their mail program blocked the pixel)."""
    if not delivery_token:
        return
    if not Section.objects.filter(pk=section_pk, newsletter_id=newsletter_pk).exists():
        return
    reader = _reader(newsletter_pk, delivery_token)
    first_open = Reader.objects.filter(pk=reader, opened=False).update(opened=True)
    first_click = Reader.objects.filter(pk=reader, clicked=False).update(clicked=True)
    Newsletter.objects.filter(pk=newsletter_pk).update(
        clicks=F("clicks") + 1,
        unique_clicks=F("unique_clicks") + first_click,
        unique_opens=F("unique_opens") + first_open,
    )
    _section_reader, first_in_section = SectionReader.objects.get_or_create(
        section_id=section_pk, digest=tokens.reader_digest(newsletter_pk, delivery_token)
    )
    Section.objects.filter(pk=section_pk).update(
        clicks=F("clicks") + 1, unique_clicks=F("unique_clicks") + int(first_in_section)
    )
