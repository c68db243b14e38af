"""What the programmes contribute to Mijn werk: the jaarverslag of the year just past."""

from django.utils import timezone

from . import selectors


def makes_reports(user) -> bool:
    return user.has_perm("programmes.generate_report")


def report_context(request, person):
    """Last year's newest jaarverslag, if one was asked for: one query."""
    year = timezone.localdate().year - 1
    return {"year": year, "report": selectors.reports(year=year).first()}
