"""Thin signal receivers: each calls a service."""

from allauth.account.signals import email_confirmed
from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(email_confirmed)
def link_person_after_verification(request, email_address, **kwargs):
    from .services import person_link_by_email_domain

    person = getattr(email_address.user, "person", None)
    if person is not None:
        person_link_by_email_domain(person=person)


@receiver(post_migrate)
def sync_roles_after_migrate(sender, **kwargs):
    if sender.name == "members":
        from .roles import sync_roles

        sync_roles()
