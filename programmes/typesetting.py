"""The jaarverslag's text as it is printed, and its QR code: the only HTML the programmes app
builds itself besides the charts. Every stored text is escaped first; only the portal's own
markup is added (a `<span lang="en">`, an `<i class="nowrap">`, segno's SVG)."""

import re

import segno
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Phrases in English in the association's texts: marked `lang="en"` online and in the PDF.
ENGLISH_PHRASES = (
    "From absence to attendance",
    "Multidimensional Multi-tiered System of Support",
    "Multi-tiered System of Support",
)
_ENGLISH = re.compile("|".join(re.escape(phrase) for phrase in ENGLISH_PHRASES))


_RANGE_NUMBERS = re.compile(r"\b(\d+)[-\u2013](\d+)\b")
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b(?: (\d{{4}}))?")


def typeset(text: str) -> str:
    """A stored text as the report prints it, escaped: an en dash in ranges, kept on one
    line (2025–2030, 23–27 jaar), a date held on one line (24 september 2025), each
    English phrase in a `<span lang="en">`."""
    text = _RANGE_NUMBERS.sub(
        lambda found: f'<i class="nowrap">{found[1]}\u2013{found[2]}</i>', escape(text)
    )
    text = _DATE.sub(lambda found: "\u00a0".join(part for part in found.groups() if part), text)
    return mark_safe(  # noqa: S308 - escaped above; only our own span is added
        _ENGLISH.sub(lambda found: f'<span lang="en">{found[0]}</span>', text)
    )


def qr_code(url: str) -> str:
    """The address as a QR code in vector SVG, its title naming the address."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#1d1d1f", title=translation.gettext("QR code to %(url)s") % {"url": url}
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's SVG
