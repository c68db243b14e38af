"""Helpers of the tables rendered in Python."""

import pytest
from django.urls import reverse

from ingrado.tables import url_for_rows


@pytest.mark.parametrize(
    "name", ["knowledge:question_detail", "members:person_detail", "academy:enrolment_cancel"]
)
def test_a_row_url_is_what_reverse_gives(name):
    url = url_for_rows(name)
    for pk in (1, 42, 2147483647, 10**12):
        assert url(pk) == reverse(name, args=[pk])
