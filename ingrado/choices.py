"""Labels of stored choices, for rows rendered in Python.

`instance.get_FOO_display()` rebuilds a dictionary of every choice, hashing each lazy label,
on each call: in a table of thirty rows that was a fifth of the page. A table looks its
labels up once and then finds each row's with one dictionary lookup."""

from django.db.models import Choices

from ingrado.tables import cell


class EscapedLabels(dict):
    """{value: HTML-escaped translated label} of a choices enum, in the active language, for
    a table built with f-strings. A value that is not a choice is shown as it is, escaped (as
    get_FOO_display shows it)."""

    def __init__(self, choices: type[Choices]):
        super().__init__((choice.value, cell(choice.label)) for choice in choices)

    def __missing__(self, value):
        return cell(value)
