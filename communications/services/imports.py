"""The import of an existing list of addresses (CSV)."""

import csv
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT
from members.models import Organisation, Person
from members.services import audit_log

from ..errors import ImportFailed
from ..models import Subscriber
from .subscriptions import Consent, Status, _subscribe, suppressed_addresses

# The existing list has about 4,000 addresses.
MAX_IMPORT_ROWS = 10_000
# The columns the import reads (also the first three of the export), with the headings the
# export writes; a file may name them in Dutch, in English or by these codes.
IMPORT_HEADINGS = {
    "email": gettext_lazy("E-mail address"),
    "name": gettext_lazy("Name"),
    "organisation": gettext_lazy("Organisation"),
}
# Other names the existing list's files use.
HEADER_ALIASES = {
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "naam": "name",
    "organization": "organisation",
    "organisatie": "organisation",
}


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    merged: int = 0
    skipped_unsubscribed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _import_rows(raw: bytes) -> tuple[dict[str, dict], int, list[tuple[int, str]]]:
    """{address: row} with duplicates merged, the number merged, and the errors by line.
    Read as every import reads (`ingrado.csvfiles`): UTF-8 with or without a byte order
    mark, commas or semicolons, the export's apostrophes before a formula sign taken off."""
    try:
        text = csvfiles.decode(raw)
    except csvfiles.UnreadableFile as error:
        raise ImportFailed([(error.line, error.message)]) from None
    errors: list[tuple[int, str]] = []
    rows: dict[str, dict] = {}
    merged = 0
    reader = csvfiles.dict_reader(
        text, aliases={**csvfiles.aliases(IMPORT_HEADINGS), **HEADER_ALIASES}
    )
    try:
        if "email" not in (reader.fieldnames or []):
            raise ImportFailed(
                [(1, _("The first line must name the columns: email, name, organisation."))]
            )
        for line, cells in enumerate(reader, start=2):
            if line - 1 > MAX_IMPORT_ROWS:
                raise ImportFailed(
                    [
                        (
                            line,
                            _("The file holds more than %(max)s addresses.")
                            % {"max": MAX_IMPORT_ROWS},
                        )
                    ]
                )
            row = {
                column: csvfiles.cell(cells.get(column))
                for column in IMPORT_HEADINGS
                if column in cells
            }
            if not any(row.values()):
                continue
            problems = _row_problems(row)
            if problems:
                errors.append((line, "; ".join(problems)))
                continue
            email = row["email"].lower()
            if email in rows:
                merged += 1
                for key in ("name", "organisation"):
                    rows[email][key] = rows[email].get(key) or row.get(key, "")
            else:
                rows[email] = {
                    "name": row.get("name", ""),
                    "organisation": row.get("organisation", ""),
                }
    except csv.Error as error:
        errors.append((reader.line_num + 1, _("Unreadable CSV: %(e)s") % {"e": error}))
    if not rows and not errors:
        errors.append((1, _("The file contains no addresses.")))
    return rows, merged, errors


def _row_problems(row: dict) -> list[str]:
    if any(CONTROL_CHARACTERS_IN_TEXT.search(value) for value in row.values()):
        return [_("a cell contains an invisible control character (such as NUL)")]
    problems = []
    email = row.get("email", "")
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("'%(email)s' is not an e-mail address") % {"email": email[:100]})
    else:
        if len(email) > 254:
            problems.append(_("the e-mail address is too long"))
    if len(row.get("name", "")) > 150:
        problems.append(_("the name is longer than 150 characters"))
    if len(row.get("organisation", "")) > 150:
        problems.append(_("the organisation is longer than 150 characters"))
    return problems


def subscribers_import_csv(*, raw: bytes, actor) -> ImportResult:
    """Import the existing list (email, name, organisation). A file with any bad line imports
    nothing; an address twice in the file is merged; an address that unsubscribed earlier,
    was removed on request or belonged to an anonymised person is never put back on the
    list."""
    rows, merged, errors = _import_rows(raw)
    if errors:
        raise ImportFailed(errors)
    result = ImportResult(merged=merged)
    suppressed = suppressed_addresses(rows)
    now = timezone.now()
    organisations = {
        name.lower(): pk for pk, name in Organisation.objects.values_list("pk", "name")
    }
    people = {
        email: (pk, organisation_id)
        for pk, email, organisation_id in Person.objects.filter(
            email__in=list(rows), erased_at__isnull=True
        ).values_list("pk", "email", "organisation_id")
    }
    with transaction.atomic():
        existing = {
            s.email: s for s in Subscriber.objects.select_for_update().filter(email__in=list(rows))
        }
        new, changed = [], []
        for email, row in rows.items():
            subscriber = existing.get(email)
            if email in suppressed or (
                subscriber is not None and subscriber.status == Status.UNSUBSCRIBED
            ):
                result.skipped_unsubscribed += 1
                continue
            if subscriber is None:
                subscriber = Subscriber(email=email)
                new.append(subscriber)
            else:
                changed.append(subscriber)
            subscriber.name = subscriber.name or row["name"]
            subscriber.organisation_name = subscriber.organisation_name or row["organisation"]
            person_pk, person_organisation = people.get(email, (None, None))
            subscriber.person_id = subscriber.person_id or person_pk
            subscriber.organisation_id = (
                subscriber.organisation_id
                or person_organisation
                or organisations.get(row["organisation"].lower())
            )
            if subscriber.status == Status.PENDING:
                _subscribe(subscriber, consent=Consent.IMPORT, now=now)
        Subscriber.objects.bulk_create(new, batch_size=1000)
        Subscriber.objects.bulk_update(
            changed,
            [
                "name",
                "organisation_name",
                "person",
                "organisation",
                "status",
                "consent",
                "consent_at",
                "subscribed_at",
                "unsubscribed_at",
                "hard_failures",
                "paused_at",
            ],
            batch_size=1000,
        )
        result.added, result.updated = len(new), len(changed)
        audit_log(
            actor=actor,
            action="subscribers_import",
            obj=actor,
            added=result.added,
            updated=result.updated,
            skipped_unsubscribed=result.skipped_unsubscribed,
        )
    return result
