"""Forms that extend allauth's own (ACCOUNT_FORMS); apart from members.forms, which allauth
imports for its sign-up form."""

from allauth.account.forms import AddEmailForm
from django import forms
from django.utils.translation import gettext_lazy as _


class ChangeEmailForm(AddEmailForm):
    """allauth's form for a new login address, refusing the address of another person in the
    directory: verifying it would otherwise tie two records to one mailbox."""

    def clean_email(self):
        from .services import person_address_taken

        email = super().clean_email()
        if person_address_taken(email=email, user=self.user):
            raise forms.ValidationError(
                _(
                    "Ingrado already has this address for someone else. Ask Ingrado to "
                    "combine the details if they are yours."
                )
            )
        return email
