from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Lower-case e-mail addresses so domain matching and uniqueness are exact."""

    def clean_email(self, email):
        return super().clean_email(email).strip().lower()
