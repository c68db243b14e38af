"""The audit log: who did what to whose data, and, for a person (AVG art. 15), who looked at
or changed theirs."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import roles
from ..models import AuditLog, Person
from ..privacy import sections


def audit_log(*, actor, action: str, obj, **detail) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        detail=detail,
    )


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
