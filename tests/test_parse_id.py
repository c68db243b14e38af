"""Ids from query strings and forms: only plain ASCII numbers a database can hold."""

import pytest

from ingrado.forms import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("²", None),  # isdigit() says yes, int() says no
        ("٣", None),  # an Arabic-Indic three: int() would accept it
        ("-1", None),
        ("1e3", None),
        ("", None),
        ("12abc", None),
    ],
)
def test_only_ascii_numbers_within_range_are_ids(text, expected):
    assert parse_id(text) == expected
