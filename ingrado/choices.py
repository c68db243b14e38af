"""Labels of stored choices, for rows rendered in Python.

`instance.get_FOO_display()` rebuilds a dictionary of every choice, hashing each lazy label,
on each call: in a table of thirty rows that was a fifth of the page. The choices' enum
finds a label with one dictionary lookup."""

from html import escape

from django.db.models import Choices


def label(choices: type[Choices], value) -> str:
    """The translated label of `value`, or the value itself if it is not a choice (as
    get_FOO_display does)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def escaped_labels(choices: type[Choices]) -> dict[str, str]:
    """{value: HTML-escaped translated label}, for a table built with f-strings: looked up
    once per table instead of once per row."""
    return {choice.value: escape(str(choice.label)) for choice in choices}
