"""One way to write numbers, amounts and dates for people, in the reader's language.

Dutch: 4.043 · 30,1 % · € 1.250,00 · 16 april 2025. Every page, mail, export meant for
reading and PDF uses these (templates through `{% load formatting %}`), so the same fact
never appears as "4043" in one place and "4.043" in another.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

NBSP = "\u00a0"
MISSING = "–"


def number(value, decimals: int = 0) -> str:
    """4.043, 91,5: grouped thousands and the language's decimal mark; "–" for no value."""
    if value is None or value == "":
        return MISSING
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value, decimals: int = 1) -> str:
    """A percentage (30.1, not 0.301) as "30,1 %", the sign kept with its number."""
    if value is None or value == "":
        return MISSING
    return f"{number(value, decimals)}{NBSP}%"


def money(amount) -> str:
    """An amount in euros as "€ 1.250,00" (minus before the sign: "-€ 12,50").

    Amounts are Decimal; a float is refused, so no binary rounding reaches a price."""
    if amount is None or amount == "":
        return MISSING
    if isinstance(amount, float):
        raise TypeError("money() takes a Decimal or an int, never a float")
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}€{NBSP}{number(abs(amount), 2)}"


def day(value) -> str:
    """A date as "16 april 2025", its parts held together on one line."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        raise TypeError("day() takes a date or a datetime")
    return formats.date_format(value, "j F Y").replace(" ", NBSP)


NUMBER_WORDS = [
    gettext_lazy("zero"),
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
    gettext_lazy("ten"),
    gettext_lazy("eleven"),
    gettext_lazy("twelve"),
    gettext_lazy("thirteen"),
    gettext_lazy("fourteen"),
    gettext_lazy("fifteen"),
    gettext_lazy("sixteen"),
    gettext_lazy("seventeen"),
    gettext_lazy("eighteen"),
    gettext_lazy("nineteen"),
    gettext_lazy("twenty"),
]


def words(value, *, capital: bool = False) -> str:
    """A whole number up to twenty in words as a sentence writes it ("In 2025 waren dit er
    vijf.", "Dertien Doorstroompunt-regio's bezocht." with `capital` at its start); a
    larger one as `number`."""
    if isinstance(value, int) and 0 <= value < len(NUMBER_WORDS):
        text = str(NUMBER_WORDS[value])
        if not capital:
            return text
        if text.startswith("één"):  # Dutch writes the capital without the second accent
            return "Eén" + text[3:]
        return text[:1].upper() + text[1:]
    return number(value)


def day_month(value) -> str:
    """A date within a year the sentence already names, as "16 april", held together."""
    if value is None or value == "":
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "j F").replace(" ", NBSP)
