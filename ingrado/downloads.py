"""Shared helpers for downloads and query parameters. The files themselves (CSV and xlsx,
with their protection against spreadsheet formulas) are written by `ingrado.csvfiles`."""

from django.utils import timezone

from .csvfiles import FORMULA_STARTS, csv_response, spreadsheet_safe, table_response

__all__ = [
    "FORMULA_STARTS",
    "csv_response",
    "recent_years",
    "spreadsheet_safe",
    "table_response",
    "year_param",
]


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
