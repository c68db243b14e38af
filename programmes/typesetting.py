"""The jaarverslag's text as it is printed: a stored text is cut into pieces that a template
writes, escaped (`programmes/_typeset.html`), adding only the portal's own markup."""

import re

from django.template.loader import render_to_string

# Phrases in English in the association's texts: marked `lang="en"` online and in the PDF.
ENGLISH_PHRASES = (
    "From absence to attendance",
    "Multidimensional Multi-tiered System of Support",
    "Multi-tiered System of Support",
)
_ENGLISH = re.compile("|".join(re.escape(phrase) for phrase in ENGLISH_PHRASES))


_RANGE_NUMBERS = r"\b(?P<first>\d+)[-\u2013](?P<last>\d+)\b"
_SPECIAL = re.compile(f"{_RANGE_NUMBERS}|(?P<english>{_ENGLISH.pattern})")
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b(?: (\d{{4}}))?")


def pieces(text: str) -> list[tuple[str, str]]:
    """A stored text cut into (kind, text) pieces for `programmes/_typeset.html`: "range"
    for a range of numbers, written with an en dash and kept on one line (2025–2030, 23–27
    jaar), "en" for an English phrase, "" for the rest; a date is held on one line
    (24 september 2025) by no-break spaces."""
    text = _DATE.sub(lambda found: "\u00a0".join(part for part in found.groups() if part), text)
    result, at = [], 0
    for found in _SPECIAL.finditer(text):
        if found.start() > at:
            result.append(("", text[at : found.start()]))
        if found["english"]:
            result.append(("en", found["english"]))
        else:
            result.append(("range", f"{found['first']}\u2013{found['last']}"))
        at = found.end()
    if at < len(text):
        result.append(("", text[at:]))
    return result


def typeset(text) -> str:
    """A stored text as the report prints it: the template escapes it and adds only the
    portal's own markup (`<span lang="en">`, `<i class="nowrap">`)."""
    parts = pieces(str(text))
    if all(kind == "" for kind, _piece in parts):
        return "".join(piece for _kind, piece in parts)  # escaped where it is shown
    return render_to_string("programmes/_typeset.html", {"pieces": parts})
