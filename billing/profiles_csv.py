"""The billing profiles as CSV: the export has exactly the columns the import reads, so a
file (also after Dutch Excel saved it: semicolons, a byte order mark, day-month-year dates)
imports back unchanged, as the organisations' CSV does (`ingrado.csvfiles`)."""

import csv
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT
from members.models import Organisation
from members.services import audit_log

from .models import BillingProfile
from .services import PROFILE_FIELDS, _normalise

COLUMNS = ["organisation", *PROFILE_FIELDS]
MAX_ROWS = 2000
TRUE, FALSE = {"1", "true", "yes", "ja", "waar"}, {"", "0", "false", "no", "nee", "onwaar"}


def export_row(profile: BillingProfile) -> list:
    row = [profile.organisation.name]
    for name in PROFILE_FIELDS:
        value = getattr(profile, name)
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, date):
            value = value.isoformat()
        elif value is None:
            value = ""
        row.append(value)
    return row


def export_rows():
    return (
        export_row(p)
        for p in BillingProfile.objects.select_related("organisation").order_by(
            "organisation__name"
        )
    )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


class ImportFailed(Exception):
    def __init__(self, result):
        super().__init__("import failed")
        self.result = result


def _value(name, text):
    if name == "purchase_order_required":
        if text.lower() in TRUE:
            return True
        if text.lower() in FALSE:
            return False
        raise ValidationError(_("%(column)s must be true or false") % {"column": name})
    if name == "inhabitants":
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 9:
            raise ValidationError(_("%(column)s is not a number") % {"column": name})
        return int(text)
    if name == "mandate_signed_on":
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            parsed = csvfiles.parse_dutch_date(text)
            if parsed is None:
                raise ValidationError(
                    _("%(column)s '%(value)s' is not a date") % {"column": name, "value": text}
                ) from None
            return parsed
    return _normalise(name, text)


def import_csv(*, raw: bytes, actor) -> ImportResult:
    """All or nothing: a file with any bad row saves nothing and lists every bad row."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            ImportResult(errors=[(1, _("The file is not UTF-8 encoded text."))])
        ) from None
    reader = csvfiles.dict_reader(text)
    try:
        header = {name.strip() for name in reader.fieldnames or []}
    except csv.Error as error:
        raise ImportFailed(
            ImportResult(errors=[(1, _("Unreadable CSV: %(e)s") % {"e": error})])
        ) from None
    if "organisation" not in header:
        raise ImportFailed(
            ImportResult(errors=[(1, _("Missing columns: %(cols)s") % {"cols": "organisation"})])
        )
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    existing = {p.organisation_id: p for p in BillingProfile.objects.all()}
    result, profiles, seen = ImportResult(), [], set()
    try:
        for line, row in enumerate(reader, start=2):
            if line - 1 > MAX_ROWS:
                raise ImportFailed(
                    ImportResult(
                        errors=[
                            (line, _("The file holds more than %(max)s rows.") % {"max": MAX_ROWS})
                        ]
                    )
                )
            row = {k.strip(): csvfiles.cell(v) for k, v in row.items() if k}
            problems = [
                _("column %(column)s contains an invisible control character (such as NUL)")
                % {"column": c}
                for c, v in row.items()
                if CONTROL_CHARACTERS_IN_TEXT.search(v)
            ]
            organisation = organisations.get(row.get("organisation", "").lower())
            if not problems and organisation is None:
                problems.append(
                    _("unknown organisation '%(name)s'") % {"name": row.get("organisation", "")}
                )
            elif organisation is not None and organisation.pk in seen:
                problems.append(
                    _("'%(name)s' appears twice in the file") % {"name": organisation.name}
                )
            if problems:
                result.errors.append((line, "; ".join(problems)))
                continue
            seen.add(organisation.pk)
            profile = existing.get(organisation.pk) or BillingProfile(organisation=organisation)
            try:
                for name in PROFILE_FIELDS:
                    if name in row:
                        setattr(profile, name, _value(name, row[name]))
                profile.full_clean(exclude=["organisation"], validate_unique=False)
            except ValidationError as error:
                result.errors.append((line, "; ".join(error.messages)))
                continue
            profiles.append(profile)
    except csv.Error as error:
        result.errors.append((reader.line_num, _("Unreadable CSV: %(e)s") % {"e": error}))
    if not profiles and not result.errors:
        result.errors.append((1, _("The file contains no billing profiles.")))
    if result.errors:
        raise ImportFailed(result)
    with transaction.atomic():
        for profile in profiles:
            if profile.pk:
                result.updated += 1
            else:
                result.created += 1
            profile.save()
        if actor is not None:
            audit_log(
                actor=actor,
                action="billing.profiles_import",
                obj=actor,
                created=result.created,
                updated=result.updated,
            )
    return result
