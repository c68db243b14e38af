"""Control characters: PostgreSQL cannot store NUL, and none of them is text a person typed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode category Cc: C0, DEL and C1.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
# The same less tab, line feed and carriage return, which are ordinary in a text or a CSV cell.
CONTROL_CHARACTERS_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What ends a line: for a mail header (which a line break would split or inject into) and
# for Python's str.splitlines(). None may be in a one-line text that becomes a header.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def validate_one_line(value: str) -> None:
    """Refuse a line break in a text that becomes an e-mail header (a subject)."""
    if isinstance(value, str) and LINE_BREAKS.search(value):
        raise ValidationError(
            _(
                "This text must fit on one line (it becomes an e-mail header): remove the "
                "line break."
            ),
            code="line_break",
        )
