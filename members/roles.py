"""The portal's roles as Django groups, and the permissions each grants.

`sync_roles()` runs after every migrate, so the groups always match this table.
Apps add their permissions here when they introduce them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

MEMBER = "Leden"
STAFF = "Medewerkers"
BOARD = "Bestuur"
ADMINISTRATOR = "Beheerders"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    MEMBER: [],
    STAFF: [
        "members.view_directory",
        "members.import_organisations",
        "members.change_person",
        "members.view_person",
        "members.view_organisation",
        "members.erase_person",
        "knowledge.handle_question",
        "knowledge.publish_item",
        "knowledge.view_figures",
        "programmes.generate_report",
        "programmes.record_result",
        "academy.manage_editions",
        "academy.view_academy_figures",
        "communications.manage_newsletters",
        "communications.view_newsletter_figures",
        "outbox.view_outgoingmail",
        "outbox.resend_outgoingmail",
        "billing.manage_invoices",
        "billing.view_tariff",
        "billing.add_tariff",
        "billing.change_tariff",
        "billing.view_invoice",
        "billing.view_billingprofile",
        "meetings.manage_meetings",
        "meetings.view_meeting_figures",
        # Managed in the admin (/beheer/): topics, standard texts, activities and editions,
        # programmes and projects.
        *[
            f"knowledge.{action}_{model}"
            for action in ("view", "add", "change", "delete")
            for model in ("topic", "standardtext", "legalsource")
        ],
        *[
            f"academy.{action}_{model}"
            for action in ("view", "add", "change")
            for model in ("activity", "edition", "session")
        ],
        *[
            f"programmes.{action}_{model}"
            for action in ("view", "add", "change")
            for model in ("programme", "project", "speerpunt", "strategicplan")
        ],
        *[
            f"meetings.{action}_{model}"
            for action in ("view", "add", "change")
            for model in ("meeting", "programmeitem", "workshop", "consultationquestion")
        ],
    ],
    BOARD: [
        "knowledge.view_figures",
        "programmes.generate_report",
        "academy.view_academy_figures",
        "communications.view_newsletter_figures",
        "meetings.view_meeting_figures",
    ],
    ADMINISTRATOR: [],  # administrators are superusers; the group marks the role
}


def member_permissions() -> frozenset[str]:
    """What every member may do; any permission beyond these needs two-factor authentication
    (members.permissions.requires_mfa)."""
    return frozenset(ROLE_PERMISSIONS[MEMBER])


def sync_roles() -> None:
    # Permissions of apps migrated after this one may not exist yet.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for role, perm_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for name in perm_names:
            app_label, codename = name.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
