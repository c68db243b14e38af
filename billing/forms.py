from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.formatting import money

from .models import BillingProfile, BuyerChoice
from .services import PROFILE_FIELDS


class WhomToInvoiceForm(forms.Form):
    """Asked once before a paid enrolment (or meeting registration) is confirmed: whom to
    invoice, with the purchase order number an organisation may require, beside the price
    and VAT. `quote` is a `services.Quote`."""

    bill_to = forms.ChoiceField(
        label=_("Whom do we invoice?"), choices=BuyerChoice.BillTo.choices, widget=forms.RadioSelect
    )
    purchase_order = forms.CharField(
        label=_("Purchase order number"),
        required=False,
        max_length=50,
        help_text=_("If your organisation uses one: it is printed on the invoice."),
    )

    def __init__(self, *args, person, quote, **kwargs):
        super().__init__(*args, **kwargs)
        self.quote = quote
        self.person = person
        organisation = person.organisation if person is not None else None
        self.organisation = organisation
        self.purchase_order_required = False
        if organisation is None:
            self.fields["bill_to"].choices = [
                (BuyerChoice.BillTo.PERSON, BuyerChoice.BillTo.PERSON.label)
            ]
            self.fields["bill_to"].initial = BuyerChoice.BillTo.PERSON
            del self.fields["purchase_order"]
        else:
            from .selectors import profile_of

            self.fields["bill_to"].choices = [
                (BuyerChoice.BillTo.ORGANISATION, organisation.name),
                (BuyerChoice.BillTo.PERSON, BuyerChoice.BillTo.PERSON.label),
            ]
            self.fields["bill_to"].initial = BuyerChoice.BillTo.ORGANISATION
            self.purchase_order_required = profile_of(organisation).purchase_order_required
            if self.purchase_order_required:
                self.fields["purchase_order"].help_text = _(
                    "%(name)s requires a purchase order number on every invoice. Without "
                    "one the invoice waits until your manager fills it in."
                ) % {"name": organisation.name}

    def summary(self):
        return {
            "excl": money(self.quote.excl),
            "vat": money(self.quote.vat),
            "incl": money(self.quote.incl),
        }


class BillingProfileForm(forms.ModelForm):
    class Meta:
        model = BillingProfile
        fields = list(PROFILE_FIELDS)
        widgets = {"mandate_signed_on": forms.DateInput(attrs={"type": "date"})}


class ProposalForm(forms.ModelForm):
    """What a manager may propose: everything but the mandate (signed on paper)."""

    note = forms.CharField(
        label=_("Note for Ingrado (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = BillingProfile
        fields = [
            "invoice_name",
            "department",
            "street",
            "postcode",
            "city",
            "contact_name",
            "email",
            "kvk",
            "oin",
            "peppol_id",
            "vat_id",
            "purchase_order_required",
            "iban",
        ]


class PurchaseOrderForm(forms.Form):
    purchase_order = forms.CharField(label=_("Purchase order number"), max_length=50)


class ContributionRunForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    confirm = forms.BooleanField(label=_("Yes, make the contributie invoices of this year"))


class ProRataForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)


class CreditForm(forms.Form):
    reason = forms.CharField(label=_("Reason (on the credit note)"), required=False, max_length=200)


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=_("Bank statement (camt.053, XML)"))


class DirectDebitForm(forms.Form):
    collection_date = forms.DateField(
        label=_("Collection date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_collection_date(self):
        value = self.cleaned_data["collection_date"]
        if value <= timezone.localdate():
            raise forms.ValidationError(_("Choose a date after today."))
        return value


class ProfileImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end lies before the start."))
        return data
