from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KeyFigure, Result


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = ["text", "is_highlight", "status"]
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
