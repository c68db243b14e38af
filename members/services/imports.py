"""The CSV import of organisations, and the row the export writes that the import reads back."""

import csv
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT

from ..models import EmailDomain, Organisation, Rayon
from .audit import audit_log

# The columns of the organisations' import and export: the code the import reads and the
# heading the export writes (Dutch, through gettext). The import takes a file with the
# headings in Dutch, in English or as these codes, so older exports import too.
IMPORT_HEADINGS = {
    "name": gettext_lazy("Name"),
    "kind": gettext_lazy("Kind"),
    "rayon": gettext_lazy("Rayon"),
    "region": gettext_lazy("Doorstroompunt region"),
    "member_since": gettext_lazy("Member since"),
    "member_until": gettext_lazy("Member until"),
    "email_domains": gettext_lazy("E-mail domains"),
    "email": gettext_lazy("E-mail address"),
    "phone": gettext_lazy("Phone"),
    "address": gettext_lazy("Address"),
    "postcode": gettext_lazy("Postcode"),
    "city": gettext_lazy("City"),
    "website": gettext_lazy("Website"),
}
IMPORT_COLUMNS = list(IMPORT_HEADINGS)
REQUIRED_COLUMNS = {"name", "kind"}
# The association has about 380 member organisations. A file is imported within the web
# request (2,000 rows in a few seconds, far within gunicorn's 30-second timeout); a longer one
# is refused before the rest of it is read.
MAX_IMPORT_ROWS = 2000


def organisation_import_row(organisation: Organisation) -> list:
    """An organisation as a row of IMPORT_COLUMNS (kind as its code, dates in ISO 8601,
    domains separated by spaces): what the import reads back unchanged."""
    return [
        organisation.name,
        organisation.kind,
        organisation.rayon.name if organisation.rayon else "",
        organisation.region.name if organisation.region else "",
        organisation.member_since.isoformat() if organisation.member_since else "",
        organisation.member_until.isoformat() if organisation.member_until else "",
        " ".join(domain.domain for domain in organisation.domains.all()),
        organisation.email,
        organisation.phone,
        organisation.address,
        organisation.postcode,
        organisation.city,
        organisation.website,
    ]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFailed(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("import failed")
        self.result = result


def _parse_date(value: str, label: str) -> date | None:
    """ISO 8601 (2010-01-31), or day-month-year (31-1-2010) as Dutch Excel saves a date."""
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    parsed = csvfiles.parse_dutch_date(value)
    if parsed is None:
        raise ValidationError(
            _("%(field)s '%(value)s' is not a date (YYYY-MM-DD or DD-MM-YYYY).")
            % {"field": label, "value": value}
        )
    return parsed


def _decode(raw: bytes) -> str:
    try:
        return csvfiles.decode(raw)
    except csvfiles.UnreadableFile as error:
        raise ImportFailed(ImportResult(errors=[(error.line, error.message)])) from None


def _too_many_rows() -> str:
    return _(
        "The file holds more than %(max)s organisations, the most one import takes. "
        "Split it into files of at most %(max)s rows."
    ) % {"max": MAX_IMPORT_ROWS}


def organisations_import_csv(*, raw: bytes, actor) -> ImportResult:
    """Import or update organisations from CSV (UTF-8, with or without a byte order mark,
    comma- or semicolon-separated: the directory's export and Dutch Excel's "CSV UTF-8"
    both import as they are); a file with any bad row saves nothing."""
    text = _decode(raw)
    reader = csvfiles.dict_reader(text, aliases=csvfiles.aliases(IMPORT_HEADINGS))
    try:
        header = set(reader.fieldnames or [])
    except csv.Error as error:
        message = _("Unreadable CSV: %(e)s") % {"e": error}
        raise ImportFailed(ImportResult(errors=[(1, message)])) from None
    missing = [
        str(IMPORT_HEADINGS[code]) for code in IMPORT_COLUMNS if code in REQUIRED_COLUMNS - header
    ]
    if missing:
        raise ImportFailed(
            ImportResult(
                errors=[(1, _("Missing columns: %(cols)s") % {"cols": ", ".join(missing)})]
            )
        )
    rayons = {r.name.lower(): r for r in Rayon.objects.all()}
    kinds = {value for value, _label in Organisation.Kind.choices}
    kind_labels = {str(label).lower(): value for value, label in Organisation.Kind.choices}
    existing = {o.name.lower(): o for o in Organisation.objects.all()}
    taken_domains = dict(EmailDomain.objects.values_list("domain", "organisation__name"))
    result = ImportResult()
    rows = []
    seen_names = set()
    try:
        for line, row in enumerate(reader, start=2):
            if line - 1 > MAX_IMPORT_ROWS:
                raise ImportFailed(ImportResult(errors=[(line, _too_many_rows())]))
            row = {k.strip(): csvfiles.cell(v) for k, v in row.items() if k}
            try:
                rows.append((line, _clean_import_row(row, rayons, kinds, kind_labels, seen_names)))
            except ValidationError as error:
                result.errors.append((line, "; ".join(error.messages)))
    except csv.Error as error:
        result.errors.append((reader.line_num, _("Unreadable CSV: %(e)s") % {"e": error}))
    if not rows and not result.errors:
        result.errors.append((1, _("The file contains no organisations.")))
    for line, data in rows:
        for domain in data["domains"]:
            owner = taken_domains.get(domain)
            if owner and owner.lower() != data["name"].lower():
                result.errors.append(
                    (line, _("Domain %(d)s already belongs to %(o)s.") % {"d": domain, "o": owner})
                )
    if result.errors:
        raise ImportFailed(result)
    try:
        with transaction.atomic():
            owners = {}
            for line, data in rows:
                organisation = _save_import_row(
                    data, existing, rayon_lookup=rayons, result=result, line=line
                )
                owners.update(dict.fromkeys(data["domains"], organisation))
            if result.errors:
                raise ImportFailed(result)
            EmailDomain.objects.bulk_create(
                [EmailDomain(domain=domain, organisation=o) for domain, o in owners.items()],
                update_conflicts=True,
                unique_fields=["domain"],
                update_fields=["organisation"],
                batch_size=500,
            )
    except ImportFailed:
        result.created = result.updated = 0
        raise
    audit_log(
        actor=actor,
        action="organisations_import",
        obj=actor,
        created=result.created,
        updated=result.updated,
    )
    return result


def _clean_import_row(row, rayons, kinds, kind_labels, seen_names) -> dict:
    controls = [column for column, value in row.items() if CONTROL_CHARACTERS_IN_TEXT.search(value)]
    if controls:  # not text: refused before any other check quotes the value
        raise ValidationError(
            [
                _("column %(column)s contains an invisible control character (such as NUL)")
                % {"column": IMPORT_HEADINGS.get(column, column)}
                for column in controls
            ]
        )
    problems = []
    name = row.get("name", "")
    if not name:
        problems.append(_("name is empty"))
    elif name.lower() in seen_names:
        problems.append(_("'%(name)s' appears twice in the file") % {"name": name})
    seen_names.add(name.lower())
    kind = row.get("kind", "").lower()
    kind = kind_labels.get(kind, kind)
    if kind not in kinds:
        problems.append(_("unknown kind '%(kind)s'") % {"kind": row.get("kind", "")})
    rayon = None
    if row.get("rayon"):
        rayon = rayons.get(row["rayon"].lower())
        if rayon is None:
            problems.append(_("unknown rayon '%(rayon)s'") % {"rayon": row["rayon"]})
    dates = {}
    for column, label in (("member_since", _("member since")), ("member_until", _("member until"))):
        try:
            dates[column] = _parse_date(row.get(column, ""), label)
        except ValidationError as error:
            problems.extend(error.messages)
    since, until = dates.get("member_since"), dates.get("member_until")
    if since and until and until < since:
        problems.append(_("member until lies before member since"))
    if row.get("email"):
        try:
            validate_email(row["email"])
        except ValidationError:
            problems.append(_("'%(email)s' is not an e-mail address") % {"email": row["email"]})
    domains = [d.strip().lower() for d in row.get("email_domains", "").replace(";", " ").split()]
    for domain in domains:
        if "." not in domain or "@" in domain:
            problems.append(_("'%(domain)s' is not an e-mail domain") % {"domain": domain})
    if problems:
        raise ValidationError(problems)
    return {
        "name": name,
        "kind": kind,
        "rayon": rayon,
        "region": row.get("region", ""),
        "member_since": dates.get("member_since"),
        "member_until": dates.get("member_until"),
        "domains": domains,
        "email": row.get("email", ""),
        "phone": row.get("phone", ""),
        "address": row.get("address", ""),
        "postcode": row.get("postcode", ""),
        "city": row.get("city", ""),
        "website": row.get("website", ""),
    }


def _save_import_row(data, existing, *, rayon_lookup, result, line) -> Organisation | None:
    """Save one row: one query. Regions are looked up among the organisations loaded or saved
    so far; the e-mail domains are saved together afterwards."""
    organisation = existing.get(data["name"].lower())
    created = organisation is None
    if created:
        organisation = Organisation(name=data["name"])
    for attr in (
        "kind",
        "rayon",
        "member_since",
        "member_until",
        "email",
        "phone",
        "address",
        "postcode",
        "city",
        "website",
    ):
        setattr(organisation, attr, data[attr])
    if data["region"]:
        region = existing.get(data["region"].lower())
        if region is None or region.kind != Organisation.Kind.REGION:
            result.errors.append(
                (line, _("unknown Doorstroompunt region '%(r)s'") % {"r": data["region"]})
            )
            return None
        organisation.region = region
    try:
        # Without a query per row: the rayon and region are rows just read or saved, and the
        # membership period (the one constraint) was checked with the row.
        organisation.full_clean(
            exclude=["rayon", "region"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        result.errors.append((line, "; ".join(error.messages)))
        return None
    organisation.save()
    existing[data["name"].lower()] = organisation
    if created:
        result.created += 1
    else:
        result.updated += 1
    return organisation
