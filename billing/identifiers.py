"""Validators for the identifiers on an invoice: IBAN (schwifty), VAT number and SEPA
creditor identifier (python-stdnum), KvK number, OIN and Peppol ID. Each raises a
ValidationError with a Dutch message, for forms, imports and the start-up checks alike."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from stdnum import iso11649
from stdnum.eu import at_02, vat
from stdnum.exceptions import ValidationError as StdnumError

# Peppol identifier schemes (EAS) the portal accepts for Dutch organisations.
PEPPOL_SCHEMES = {"0106": "kvk", "0190": "oin", "9944": "vat"}


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def validate_iban(value: str) -> None:
    try:
        IBAN(value)
    except (SchwiftyException, ValueError):
        raise ValidationError(
            _("'%(value)s' is not a valid IBAN."), params={"value": value}
        ) from None


def validate_kvk(value: str) -> None:
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError(
            _("A KvK number has 8 digits; '%(value)s' does not."), params={"value": value}
        )


def validate_oin(value: str) -> None:
    if not re.fullmatch(r"\d{20}", value or ""):
        raise ValidationError(
            _("An OIN has 20 digits; '%(value)s' does not."), params={"value": value}
        )


def validate_vat_id(value: str) -> None:
    try:
        vat.validate(value)
    except StdnumError:
        raise ValidationError(
            _("'%(value)s' is not a valid VAT number."), params={"value": value}
        ) from None


def validate_creditor_id(value: str) -> None:
    try:
        at_02.validate(value)
    except StdnumError:
        raise ValidationError(
            _("'%(value)s' is not a valid SEPA creditor identifier."), params={"value": value}
        ) from None


def validate_peppol_id(value: str) -> None:
    scheme, _sep, identifier = (value or "").partition(":")
    kind = PEPPOL_SCHEMES.get(scheme)
    if kind is None or not identifier:
        raise ValidationError(
            _(
                "A Peppol ID is a scheme and an identifier, e.g. 0190:00000001001234567000 "
                "(OIN) or 0106:12345678 (KvK); '%(value)s' is not."
            ),
            params={"value": value},
        )
    {"kvk": validate_kvk, "oin": validate_oin, "vat": validate_vat_id}[kind](identifier)


def creditor_reference(number: str) -> str:
    """An ISO 11649 structured creditor reference (RF…) for an invoice number: the payment
    reference a bank app and the bank statement carry."""
    body = re.sub(r"[^0-9A-Z]", "", number.upper())
    check = 98 - int("".join(str(int(c, 36)) for c in body + "RF00")) % 97
    reference = f"RF{check:02d}{body}"
    iso11649.validate(reference)
    return reference


def references_in(text: str) -> set[str]:
    """Every valid RF reference that a bank statement's free text may hold (spaces and
    dots as people type them are ignored); the import keeps the one that is an invoice's."""
    text = compact(text)
    found = set()
    for match in re.finditer(r"RF\d{2}", text):
        start = match.start()
        for end in range(start + 5, min(len(text), start + 25) + 1):
            if iso11649.is_valid(text[start:end]):
                found.add(text[start:end])
    return found
