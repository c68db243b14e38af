from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Person

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    function = forms.ChoiceField(label=_("Function"), choices=Person.Function.choices)

    def signup(self, request, user):
        from .services import person_create_for_signup

        person_create_for_signup(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            function=self.cleaned_data["function"],
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "phone", "function", "krsd_registered", "krsd_number"]

    def clean(self):
        data = super().clean()
        if data.get("krsd_registered") and not data.get("krsd_number"):
            self.add_error(
                "krsd_number", _("Enter your KRSD registration number, or untick 'registered'.")
            )
        return data


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma-separated, with a header row. Columns: name, kind, rayon, region, "
            "member_since, member_until, email_domains, email, phone, address, postcode, city, "
            "website."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PersonLinkForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("None (non-member)"),
    )
