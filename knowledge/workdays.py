"""Working-day arithmetic with Dutch public holidays (ingrado.workdays, from the `holidays`
library)."""

from datetime import date, timedelta

from ingrado.workdays import is_working_day

ANSWER_WORKING_DAYS = 5


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def answer_due_date(received: date, paused_days: int = 0) -> date:
    return add_working_days(received, ANSWER_WORKING_DAYS + paused_days)
