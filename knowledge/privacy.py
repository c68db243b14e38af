"""Find personal data in a text before it is published in the kennisbank.

`find_personal_data(text, names=...)` returns what it found and where: e-mail addresses,
Dutch phone numbers, BSN numbers (nine digits passing the elfproef), dates (of birth) and
the given names (the asker's own name), each with the words around it, so that the form can
quote the passage.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "email": _("e-mail address"),
    "phone": _("phone number"),
    "bsn": _("BSN (citizen service number)"),
    "date": _("date (of birth)"),
    "name": _("name of the asker"),
}

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 06-12345678, 06 1234 5678, +31 6 12345678, 0031 20 123 4567, 020-1234567, (010) 123 45 67
PHONE = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)[\s-]?(?:\(0\)[\s-]?)?(?:\(?\d{1,3}\)?[\s-]?)\d(?:[\s-]?\d){5,7}(?!\d)"
)
NINE_DIGITS = re.compile(r"(?<!\d)(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{9})(?!\d)")
MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DATE = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}\s+(?:{MONTHS})\.?\s+(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)


# How much of the text around a finding is quoted: enough to find the passage again.
CONTEXT_CHARACTERS = 40


@dataclass(frozen=True)
class Finding:
    kind: str
    value: str
    start: int
    end: int
    before: str = ""  # the words just before the finding
    after: str = ""  # and just after it
    cut_before: bool = False  # the quoted passage starts inside the text
    cut_after: bool = False  # and ends inside it
    field: str = ""  # the form field it was found in, set by the caller

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def _context(text: str, start: int, end: int) -> dict:
    """The words around text[start:end], at most CONTEXT_CHARACTERS on each side, cut at a
    space so that no word is broken."""
    before = text[max(0, start - CONTEXT_CHARACTERS) : start]
    cut_before = start - len(before) > 0
    if cut_before and " " in before:
        before = before[before.index(" ") + 1 :]
    after = text[end : end + CONTEXT_CHARACTERS]
    cut_after = end + len(after) < len(text)
    if cut_after and " " in after:
        after = after[: after.rindex(" ")]
    return {"before": before, "after": after, "cut_before": cut_before, "cut_after": cut_after}


def is_valid_bsn(digits: str) -> bool:
    """The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zero)."""
    if len(digits) != 9 or not (digits.isascii() and digits.isdigit()) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def find_personal_data(text: str, *, names=()) -> list[Finding]:
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind, match_start, match_end):
        if any(s < match_end and match_start < e for s, e in taken):
            return
        taken.append((match_start, match_end))
        findings.append(
            Finding(
                kind,
                text[match_start:match_end],
                match_start,
                match_end,
                **_context(text, match_start, match_end),
            )
        )

    for match in EMAIL.finditer(text):
        add("email", match.start(), match.end())
    for match in DATE.finditer(text):
        add("date", match.start(), match.end())
    for match in NINE_DIGITS.finditer(text):
        if is_valid_bsn(re.sub(r"\D", "", match.group(0))):
            add("bsn", match.start(), match.end())
    for match in PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 10 <= len(digits) <= 13:
            add("phone", match.start(), match.end())
    for name in names:
        name = (name or "").strip()
        if len(name) < 2:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            add("name", match.start(), match.end())
    return sorted(findings, key=lambda f: f.start)
