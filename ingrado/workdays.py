"""Dutch working days: Monday to Friday, not a public holiday (from the `holidays` library).
The helpdesk counts its answer dates in them (knowledge.workdays); the demo data puts
sessions and certificates on them."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int):
    return holidays.Netherlands(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def on_or_after(day: date) -> date:
    """The day itself when it is a working day, else the next working day."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day
