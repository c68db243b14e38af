"""AVG: everything the portal holds about a person (export), and anonymising a person
(erasure). Each app adds its part through the registry in members/privacy.py."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Person
from ..privacy import sections
from .audit import audit_log, audit_log_about


def person_export_data(*, person: Person) -> dict:
    """Everything the portal holds about a person, machine-readable."""
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


@transaction.atomic
def person_erase(*, person: Person, actor) -> Person:
    """Anonymise a person: their questions and enrolments still count in the statistics."""
    from allauth.account.models import EmailAddress

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
