from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KeyFigure, MemberQuote, ReportEdition, Result

COVER_MAX_BYTES = 5 * 1024 * 1024


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["text", "is_highlight", "status", "in_overview", "happened_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class EditionForm(forms.ModelForm):
    """What staff write for the public version of a year."""

    class Meta:
        model = ReportEdition
        fields = [
            "foreword",
            "foreword_signed_by",
            "foreword_signatory",
            "financial_summary",
            "publication_date",
            "cover_image",
            "cover_image_alt",
            "cover_image_credit",
        ]
        widgets = {
            "foreword": forms.Textarea(attrs={"rows": 8}),
            "financial_summary": forms.Textarea(attrs={"rows": 4}),
            "publication_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cover_image": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }

    def clean_cover_image(self):
        image = self.cleaned_data.get("cover_image")
        if image and getattr(image, "size", 0) > COVER_MAX_BYTES:
            raise forms.ValidationError(_("The photo may be at most 5 MB."))
        if image and hasattr(image, "image") and image.image.format not in ("PNG", "JPEG"):
            raise forms.ValidationError(_("Upload a photo as PNG or JPEG."))
        return image


class QuoteForm(forms.ModelForm):
    class Meta:
        model = MemberQuote
        fields = ["text", "name", "role"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class KeyFigureForm(forms.ModelForm):
    class Meta:
        model = KeyFigure
        fields = ["value", "label"]
        labels = {"value": _("Value"), "label": _("Label")}


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("up", _("Up")), ("down", _("Down"))]
    )


class YearPlanForm(forms.Form):
    intended_results = forms.CharField(
        label=_("Intended results"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    activities = forms.CharField(
        label=_("Activities"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2016, max_value=2035)
