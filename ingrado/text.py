"""Control characters: PostgreSQL cannot store NUL, and none of them is text a person typed."""

import re

# Unicode category Cc: C0, DEL and C1.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
# The same less tab, line feed and carriage return, which are ordinary in a text or a CSV cell.
CONTROL_CHARACTERS_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
