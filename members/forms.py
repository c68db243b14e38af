from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Person, Rayon

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def self_chosen_functions():
    """The functions a person may give themselves: not the ones that grant access."""
    return [
        (value, label)
        for value, label in Person.Function.choices
        if value not in Person.PRIVILEGED_FUNCTIONS
    ]


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    function = forms.ChoiceField(label=_("Function"), choices=self_chosen_functions)

    def signup(self, request, user):
        from .services import signup_record

        signup_record(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            function=self.cleaned_data["function"],
        )


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ProfileForm(forms.ModelForm):
    """A person's own details. A function that grants access (manager) is shown, read-only,
    to whoever has it, and offered to nobody: staff set it in the directory."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "phone", "function", "krsd_registered", "krsd_number"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        function = self.fields["function"]
        if self.instance.function in Person.PRIVILEGED_FUNCTIONS:
            function.disabled = True
            function.help_text = _("Set by Ingrado; ask Ingrado to change it.")
        else:
            function.choices = self_chosen_functions()


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 (Excel: “CSV UTF-8”), separated by commas or semicolons, with a header row. "
            "Columns: name, kind, rayon, region, member_since, member_until, email_domains, "
            "email, phone, address, postcode, city, website; dates as 2024-01-31 or 31-1-2024. "
            "The directory's CSV export has these columns."
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


class PersonFunctionForm(forms.Form):
    """Staff set a person's function, manager included, and the rayon they are the contact
    person for."""

    function = forms.ChoiceField(label=_("Function"), choices=Person.Function.choices)
    rayon_contact_for = forms.ModelChoiceField(
        label=_("Rayon contact person for"),
        queryset=Rayon.objects.all(),
        required=False,
        empty_label=_("None"),
    )


class NotificationSettingsForm(forms.Form):
    """The optional e-mails this person may switch on or off (experts' and managers')."""

    def __init__(self, *args, kinds, person, **kwargs):
        super().__init__(*args, **kwargs)
        from . import notifications

        for kind in kinds:
            self.fields[kind.code] = forms.BooleanField(
                label=kind.label, required=False, initial=notifications.wants(person, kind.code)
            )
