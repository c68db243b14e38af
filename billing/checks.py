"""Start-up checks (Django system checks): Ingrado's own details on the invoices are
valid, or the portal does not start (`manage.py check`, runserver, migrate, gunicorn's
preload all run them)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError

from . import identifiers

REQUIRED = ("name", "street", "postcode", "city", "kvk", "vat_id", "iban", "creditor_id")


@checks.register()
def seller_details(app_configs=None, **kwargs):
    seller = getattr(settings, "BILLING_SELLER", {})
    errors = []
    for key in REQUIRED:
        if not seller.get(key):
            errors.append(checks.Error(f"BILLING_SELLER['{key}'] is empty.", id="billing.E001"))
    validators = {
        "kvk": identifiers.validate_kvk,
        "vat_id": identifiers.validate_vat_id,
        "iban": identifiers.validate_iban,
        "creditor_id": identifiers.validate_creditor_id,
    }
    for key, validate in validators.items():
        if not seller.get(key):
            continue
        try:
            validate(seller[key])
        except ValidationError as error:
            errors.append(
                checks.Error(
                    f"BILLING_SELLER['{key}']: {' '.join(error.messages)}",
                    hint="Set the BILLING_* environment variables to Ingrado's real details.",
                    id="billing.E002",
                )
            )
    if settings.BILLING_CONTRIBUTION_PRO_RATA not in ("months", "none"):
        errors.append(
            checks.Error(
                "BILLING_CONTRIBUTION_PRO_RATA must be 'months' or 'none'.", id="billing.E003"
            )
        )
    return errors
