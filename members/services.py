"""Write operations on members, organisations and people."""

import csv
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import csvfiles
from ingrado.text import CONTROL_CHARACTERS_IN_TEXT

from . import roles
from .models import AuditLog, EmailDomain, Organisation, PendingSignup, Person, Rayon, User


def audit_log(*, actor, action: str, obj, **detail) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        detail=detail,
    )


def domain_of(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower()


@transaction.atomic
def signup_record(*, user: User, first_name: str, last_name: str, function: str) -> PendingSignup:
    """Keep what a sign-up says about the person until the address is verified: no person is
    made, changed or linked before then. A function that grants access is never taken from
    the sign-up form."""
    if function in Person.PRIVILEGED_FUNCTIONS:
        raise ValidationError({"function": _("This function is set by Ingrado.")})
    pending = PendingSignup(
        user=user, first_name=first_name, last_name=last_name, function=function
    )
    pending.full_clean()
    pending.save()
    return pending


@dataclass
class AddressClaim:
    """What verifying an address did: the account's person (None when the address belongs to
    another account's person) and whether the account must choose a new password."""

    person: Person | None
    new_password_needed: bool = False


@transaction.atomic
def person_claim_verified_address(
    *, user: User, email: str, password_typed_here: bool
) -> AddressClaim:
    """The account `user` has verified `email`, its login address: the one moment an account
    and a person are tied together.

    - An account that has a person (the login address was changed): the person's address
      becomes the new one, so mail reaches the new mailbox and the old address no longer
      claims the person.
    - An address of an existing person without an account: that person is linked, keeping
      their own details (the sign-up's are dropped), and the password typed at sign-up no
      longer opens the account: whoever typed the address need not be its owner, so the
      owner who verified chooses a new one.
    - An address new to the portal: a person is made from the sign-up. The sign-up's
      password is kept only when it was typed in the browser that verifies
      (`password_typed_here`); otherwise the verifier chooses a new one.
    """
    email = email.strip().lower()
    pending = PendingSignup.objects.filter(user=user).first()
    person = Person.objects.select_for_update().filter(user=user).first()
    if person is not None:
        if pending is not None:
            pending.delete()
        if person.email != email:
            _person_change_address(person=person, email=email, actor=user)
        return AddressClaim(person=person)
    existing = Person.objects.select_for_update().filter(email=email).first()
    if existing is not None and (existing.user_id is not None or existing.erased_at is not None):
        if pending is not None:
            pending.delete()
        return AddressClaim(person=None)
    if existing is not None:
        person = existing
        person.user = user
        person.full_clean()
        person.save(update_fields=["user", "updated_at"])
        audit_log(actor=user, action="person_claim", obj=person)
        new_password_needed = True
    else:
        person = Person(email=email, user=user)
        if pending is not None:
            person.first_name = pending.first_name
            person.last_name = pending.last_name
            person.function = pending.function
        person.full_clean()
        person.save()
        new_password_needed = not password_typed_here
    if pending is not None:
        pending.delete()
    if new_password_needed:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if person_link_by_email_domain(person=person) is None and person.organisation_id:
        # Linked by staff to an organisation of another domain: the account gets its role.
        person_link_to_organisation(person=person, organisation=person.organisation, actor=None)
    return AddressClaim(person=person, new_password_needed=new_password_needed)


def person_address_taken(*, email: str, user: User) -> bool:
    """Whether another person in the directory has `email` (an account cannot move its login
    address onto someone else's record)."""
    return Person.objects.filter(email__iexact=email.strip()).exclude(user=user).exists()


def _person_change_address(*, person: Person, email: str, actor) -> None:
    if person_address_taken(email=email, user=person.user):
        # Refused when the address was added; two people cannot share one address.
        return
    person.email = email
    person.full_clean()
    person.save(update_fields=["email", "updated_at"])
    audit_log(actor=actor, action="person_change_email", obj=person)


@transaction.atomic
def person_link_by_email_domain(*, person: Person) -> Organisation | None:
    """Link a verified professional to the member organisation of their domain.

    Anyone else keeps a non-member account, which staff can link by hand.
    """
    domain = (
        EmailDomain.objects.select_related("organisation")
        .filter(domain=domain_of(person.email))
        .first()
    )
    if domain is None or not domain.organisation.is_active_member():
        person.is_external = person.organisation_id is None
        person.save(update_fields=["is_external", "updated_at"])
        return None
    return person_link_to_organisation(person=person, organisation=domain.organisation, actor=None)


@transaction.atomic
def person_link_to_organisation(
    *, person: Person, organisation: Organisation | None, actor
) -> Organisation | None:
    person.organisation = organisation
    person.is_external = organisation is None
    person.full_clean()
    person.save()
    if person.user_id:
        member_group = Group.objects.get(name=roles.MEMBER)
        if organisation is not None and organisation.is_active_member():
            person.user.groups.add(member_group)
        else:
            person.user.groups.remove(member_group)
    audit_log(
        actor=actor,
        action="person_link",
        obj=person,
        organisation=organisation.name if organisation else None,
    )
    return organisation


@transaction.atomic
def person_set_function(*, person: Person, function: str, rayon_contact_for, actor) -> Person:
    """Staff set the function (manager included) and the rayon contact role of a person."""
    person.function = function
    person.rayon_contact_for = rayon_contact_for
    person.full_clean()
    person.save(update_fields=["function", "rayon_contact_for", "updated_at"])
    audit_log(
        actor=actor,
        action="person_set_function",
        obj=person,
        function=function,
        rayon_contact_for=rayon_contact_for.name if rayon_contact_for else None,
    )
    return person


@transaction.atomic
def person_set_notifications(*, person: Person, choices: dict[str, bool], actor) -> Person:
    """Switch optional e-mails on or off ({code: bool}); unknown codes are refused."""
    from . import notifications

    settings = dict(person.notification_settings)
    for code, wanted in choices.items():
        if not notifications.kind(code).optional:
            raise ValueError(f"{code} cannot be switched off")
        settings[code] = bool(wanted)
    person.notification_settings = settings
    person.save(update_fields=["notification_settings", "updated_at"])
    audit_log(actor=actor, action="notifications_update", obj=person, settings=settings)
    return person


PROFILE_FIELDS = ("first_name", "last_name", "phone", "function", "krsd_registered", "krsd_number")


@transaction.atomic
def person_update_profile(*, person: Person, actor, **changes) -> Person:
    """A person changes their own details; a function that grants access (manager) is
    neither taken nor given up here: staff set it (`person_set_function`)."""
    stored = Person.objects.values_list("function", flat=True).get(pk=person.pk)
    function = changes.get("function", stored)
    if function != stored and {function, stored} & Person.PRIVILEGED_FUNCTIONS:
        raise ValidationError({"function": _("This function is set by Ingrado.")})
    for name, value in changes.items():
        if name not in PROFILE_FIELDS:
            raise ValueError(f"{name} is not a profile field")
        setattr(person, name, value)
    if person.krsd_registered and not person.krsd_number:
        raise ValidationError(
            {"krsd_number": _("Enter your KRSD registration number, or untick 'registered'.")}
        )
    person.full_clean()
    person.save()
    audit_log(actor=actor, action="profile_update", obj=person, fields=sorted(changes))
    return person


# --- CSV import of organisations -------------------------------------------------

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


# --- AVG: export and erasure ------------------------------------------------------


def person_export_data(*, person: Person) -> dict:
    """Everything the portal holds about a person, machine-readable."""
    from .privacy import sections

    user = person.user
    data = {
        "person": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "organisation": person.organisation.name if person.organisation else None,
            "function": person.get_function_display(),
            "krsd_registered": person.krsd_registered,
            "krsd_number": person.krsd_number,
            "rayon_contact_for": str(person.rayon_contact_for or "") or None,
            "created_at": person.created_at.isoformat(),
        },
        "account": None,
        "audit_log": audit_log_about(person=person),
    }
    if user is not None:
        data["account"] = {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "two_factor": user.authenticator_set.exists(),
        }
    for section in sections():
        data[section.name] = section.exporter(person)
    return data


PERSON_AUDIT_ACTIONS = {
    "person_view": gettext_lazy("viewed your details in the member directory"),
    "person_link": gettext_lazy("linked you to an organisation"),
    "person_claim": gettext_lazy("linked your account to your details (address verified)"),
    "person_change_email": gettext_lazy("changed your e-mail address (new address verified)"),
    "person_set_function": gettext_lazy("set your function"),
    "profile_update": gettext_lazy("changed your profile"),
    "person_erase": gettext_lazy("anonymised your details"),
}


def audit_log_about(*, person: Person) -> list[dict]:
    """Who looked at or changed this person's data, and when (AVG art. 15): the audit log's
    entries about the person and about their questions, attachments, enrolments and
    certificates (as each app names them), newest first. Staff appear by name and role."""
    from .privacy import sections

    described = {(Person._meta.label, str(person.pk)): _("your details")}
    actions = dict(PERSON_AUDIT_ACTIONS)
    for section in sections():
        if section.audited is not None:
            described.update(section.audited(person))
        actions.update(section.audit_actions)
    ids_by_type: dict[str, list[str]] = {}
    for object_type, object_id in described:
        ids_by_type.setdefault(object_type, []).append(object_id)
    about = Q()
    for object_type, object_ids in ids_by_type.items():
        about |= Q(object_type=object_type, object_id__in=object_ids)
    entries = (
        AuditLog.objects.filter(about)
        .select_related("actor__person")
        .prefetch_related("actor__groups")
        .order_by("-at", "-pk")
    )
    return [
        {
            "at": entry.at.isoformat(),
            "by": _actor_description(entry.actor, person),
            "action": entry.action,
            "description": str(actions.get(entry.action, entry.action)),
            "about": str(described[(entry.object_type, entry.object_id)]),
            "detail": entry.detail,
        }
        for entry in entries
    ]


def _actor_description(actor, person: Person) -> str:
    """Who acted, as the person may know it: staff and board by name and role."""
    if actor is None:
        return _("the portal (automatically)")
    if actor.pk == person.user_id:
        return _("you")
    groups = {group.name for group in actor.groups.all()}
    if groups & {roles.STAFF, roles.ADMINISTRATOR}:
        return _("%(name)s (Ingrado staff)") % {"name": actor.get_full_name()}
    if roles.BOARD in groups:
        return _("%(name)s (Ingrado board)") % {"name": actor.get_full_name()}
    return _("another user of the portal")


@transaction.atomic
def person_erase(*, person: Person, actor) -> Person:
    """Anonymise a person: their questions and enrolments still count in the statistics."""
    from allauth.account.models import EmailAddress

    from .privacy import sections

    if person.erased_at is not None:
        return person
    for section in sections():
        if section.eraser is not None:
            section.eraser(person)
    placeholder = f"verwijderd-{person.pk}@anoniem.invalid"
    user = person.user
    if user is not None:
        EmailAddress.objects.filter(user=user).delete()
        user.authenticator_set.all().delete()
        user.email = f"verwijderd-gebruiker-{user.pk}@anoniem.invalid"
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
    person.first_name = ""
    person.last_name = _("Anonymised person %(pk)s") % {"pk": person.pk}
    person.email = placeholder
    person.phone = ""
    person.krsd_number = ""
    person.rayon_contact_for = None
    person.erased_at = timezone.now()
    person.save()
    audit_log(actor=actor, action="person_erase", obj=person)
    return person
