"""Thin signal receivers: each calls a service."""

from allauth.account.signals import email_confirmed, password_reset, user_logged_in
from django.contrib import messages
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils.translation import gettext as _

# Set in the session of the browser that typed an account's password and was told to verify
# its address (sign-up, or a login before verification): the one browser whose password the
# verification may keep.
PASSWORD_TYPED_SESSION_KEY = "members_password_typed_for"


@receiver(email_confirmed)
def claim_person_after_verification(request, email_address, **kwargs):
    from .services import person_claim_verified_address

    if not email_address.primary:
        return
    user = email_address.user
    typed_here = request is not None and request.session.get(PASSWORD_TYPED_SESSION_KEY) == str(
        user.pk
    )
    claim = person_claim_verified_address(
        user=user, email=email_address.email, password_typed_here=typed_here
    )
    if claim.new_password_needed and request is not None:
        messages.info(
            request,
            _(
                "Your e-mail address has been verified. Now choose a new password: the "
                "password given at sign-up no longer works, because whoever signed up did "
                "so in another browser or for an address that was already known to Ingrado."
            ),
        )


@receiver(user_logged_in)
def remember_this_browser(request, user, response=None, **kwargs):
    from .throttling import remember_device

    if response is not None:
        remember_device(response, user.email)


@receiver(password_reset)
def forget_failed_logins_after_reset(request, user, **kwargs):
    from .throttling import login_failures_clear

    login_failures_clear(request, email=user.email)


@receiver(post_migrate)
def sync_roles_after_migrate(sender, **kwargs):
    if sender.name == "members":
        from .roles import sync_roles

        sync_roles()
