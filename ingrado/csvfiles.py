"""The files people make and the files they open in Excel: one reader and one writer for
every import and export of the portal.

Reading: UTF-8 with or without a byte order mark, separated by commas or, as Dutch Excel
writes them, by semicolons; column headings in Dutch, in English or as the portal's own
column codes (`dict_reader(text, aliases=...)`); dates as ISO 8601 or in the Dutch order
(day-month-year) that Excel writes back. A file in another encoding (Windows-1252, as
Excel's plain "CSV" saves it, or UTF-16) is refused with a Dutch message naming the line
that holds the first character that is not UTF-8 (`decode`).

Writing: every download is a CSV file (UTF-8 with a byte order mark, so Excel reads the
accents right) or an Excel workbook (.xlsx, openpyxl), with the same Dutch column headings.
Cells that a spreadsheet would run as a formula (OWASP, CSV injection) are neutralised in
both: the CSV gets a leading apostrophe (`cell()` takes it off again, so an exported file
imports as it is), the workbook stores them as text cells marked as typed text ("quote
prefix"), so Excel shows the text and does not make a formula of it, also after editing.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

# What makes a spreadsheet read a cell as a formula: the four signs, their full-width forms
# (U+FF1D, U+FF0B, U+FF0D, U+FF20: a spreadsheet may read them as the ASCII signs), a tab
# and a carriage return.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\t\r")
DUTCH_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y")
DUTCH_DATETIME_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M")
FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters an xlsx file (XML 1.0) cannot hold: the C0 controls but tab and line breaks.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- reading ------------------------------------------------------------------------------


class UnreadableFile(Exception):
    """A file that cannot be read as text; `line` is the line (1 is the header) that holds
    the first character that is not UTF-8, as the imports count their lines."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def decode(raw: bytes) -> str:
    """The file's text (a byte order mark dropped), or UnreadableFile naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UnreadableFile(
                1,
                _(
                    "the file is saved as UTF-16 ('Unicode text'), not as UTF-8. Save it in "
                    "Excel with 'Save as' and the type 'CSV UTF-8 (comma delimited)', and "
                    "import that file."
                ),
            ) from None
        line = _line_of(raw, error.start)
        character = raw[error.start : error.start + 1].decode("cp1252", errors="replace")
        raise UnreadableFile(
            line,
            _(
                "this line holds a character that is not UTF-8 ('%(character)s'): the file "
                "was probably saved as Windows-1252 ('CSV (comma delimited)' in Excel). Save "
                "it in Excel with 'Save as' and the type 'CSV UTF-8 (comma delimited)', and "
                "import that file."
            )
            % {"character": character},
        ) from None


def _line_of(raw: bytes, offset: int) -> int:
    """The CSV line (record) of the byte at `offset`: the text before it is UTF-8, so it can
    be read; a line break inside a quoted cell does not start a new line."""
    before = raw[:offset].decode("utf-8-sig")
    try:
        return len(
            list(csv.reader(io.StringIO(before + "x", newline=""), delimiter=delimiter_of(before)))
        )
    except csv.Error:
        return before.count("\n") + 1


def delimiter_of(text: str) -> str:
    """A semicolon when the header line holds more semicolons than commas, else a comma."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _normalised(heading: str) -> str:
    return " ".join(heading.strip().lower().split())


def aliases(columns: dict) -> dict[str, str]:
    """{heading as it may appear in a file: column code} for {code: translatable label}:
    the code itself and the label in every language of the portal, so a file with Dutch
    headings, English ones or the codes imports alike."""
    names = {}
    for code, label in columns.items():
        names[_normalised(code)] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names[_normalised(str(label))] = code
    return names


def dict_reader(text: str, aliases: dict[str, str] | None = None) -> csv.DictReader:
    """A DictReader over decoded text (see `decode`), with the delimiter of its header line;
    with `aliases` its headings are read as the column codes they name (see `aliases()`)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    if aliases is not None and reader.fieldnames:
        reader.fieldnames = [
            aliases.get(_normalised(name), name.strip()) for name in reader.fieldnames
        ]
    return reader


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


# --- writing ------------------------------------------------------------------------------


def spreadsheet_safe(value) -> str:
    """A CSV cell's text, with a leading apostrophe when a spreadsheet would run it as a
    formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header, rows) -> HttpResponse:
    """A UTF-8 CSV download (with a BOM, so Excel reads the accents right)."""
    response = _attachment(HttpResponse(content_type="text/csv; charset=utf-8"), filename)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in header])
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
    return response


def _xlsx_value(value):
    """What a workbook cell holds: numbers and dates as themselves (local time, as Excel has
    no time zones), anything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | date):
        return value
    return _NOT_IN_XML.sub("\ufffd", str(value))


def _xlsx_cell(sheet, value, *, bold=False):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    value = _xlsx_value(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # Text stays text: openpyxl would store "=..." as a formula.
        cell.data_type = "s"
        if value[:1] in FORMULA_STARTS:
            cell.quotePrefix = True
    elif isinstance(value, datetime):
        cell.number_format = "dd-mm-yyyy hh:mm"
    elif isinstance(value, date):
        cell.number_format = "dd-mm-yyyy"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_response(filename: str, header, rows, *, title: str = "") -> HttpResponse:
    """An Excel workbook download: one sheet, the headings bold and kept in view."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(title or filename.rsplit(".", 1)[0]))
    header = [str(heading) for heading in header]
    for number, heading in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = max(
            12, min(40, len(heading) + 4)
        )
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, heading, bold=True) for heading in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)


def _sheet_title(title: str) -> str:
    """Excel's limits for a sheet's name: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Blad1"


def table_response(fmt: str, stem: str, header, rows) -> HttpResponse:
    """The download `stem`.csv or `stem`.xlsx, as the URL asked (see FORMATS)."""
    if fmt == "xlsx":
        return xlsx_response(f"{stem}.xlsx", header, rows)
    return csv_response(f"{stem}.csv", header, rows)
