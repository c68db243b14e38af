"""Reading the CSV files people make: UTF-8 with or without a byte order mark, separated by
commas or, as Dutch Excel writes them, by semicolons; dates as ISO 8601 or in the Dutch
order (day-month-year) that Excel writes back.

The portal's exports mark cells that a spreadsheet would run as a formula with a leading
apostrophe (`ingrado.downloads.spreadsheet_safe`); `cell()` takes it off again, so an
exported file can be imported as it is.
"""

import csv
import io
from datetime import date, datetime

from .downloads import FORMULA_STARTS

DUTCH_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y")
DUTCH_DATETIME_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M")


def delimiter_of(text: str) -> str:
    """A semicolon when the header line holds more semicolons than commas, else a comma."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def dict_reader(text: str) -> csv.DictReader:
    """A DictReader over decoded text (decode with "utf-8-sig" to drop a byte order mark),
    with the delimiter of its header line."""
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))


def cell(value) -> str:
    """A cell's text, stripped, without the apostrophe an export put before a formula sign.
    Extra cells beyond the header (the key None in a DictReader row) are not text: ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if value[:1] == "'" and value[1:2] in FORMULA_STARTS:
        return value[1:]
    return value


def parse_dutch_date(value: str) -> date | None:
    """A date written day-month-year (1-2-2010, 01/02/2010), or None."""
    for pattern in DUTCH_DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def parse_dutch_datetime(value: str) -> datetime | None:
    """A moment written day-month-year hours:minutes (1-2-2025 10:15), naive, or None."""
    for pattern in DUTCH_DATETIME_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None
