from django import forms
from django.utils.translation import gettext_lazy as _


class EvaluationForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating (1 to 10)"),
        coerce=int,
        choices=[(n, str(n)) for n in range(10, 0, -1)],
    )
    comments = forms.CharField(
        label=_("Comments (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
