"""People and their accounts: a sign-up kept until the address is verified, linking an account
to its person by a verified address, linking a person to an organisation, functions,
notification choices and the profile."""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import notifications, roles
from ..models import EmailDomain, Organisation, PendingSignup, Person, User
from .audit import audit_log


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
