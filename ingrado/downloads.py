"""Shared helpers for downloads and query parameters."""

import csv

from django.http import HttpResponse
from django.utils import timezone

# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection): the four signs,
# their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20: a spreadsheet may read them as the
# ASCII signs), a tab and a carriage return.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\t\r")


def spreadsheet_safe(value) -> str:
    """Neutralise spreadsheet formulas in exported cells (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def csv_response(filename: str, header, rows) -> HttpResponse:
    """A UTF-8 CSV download (with a BOM, so Excel reads the accents right)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return response


def year_param(request, name="jaar") -> int:
    """The year asked for in the query string, within 2000-2100; this year by default."""
    try:
        year = int(request.GET.get(name, ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


def recent_years(count=11):
    this_year = timezone.localdate().year
    return range(this_year, this_year - count, -1)
