from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person, Rayon

from .models import Ballot, ConsultationQuestion, Decision, Meeting, MeetingReport, ProgrammeItem
from .services import DECISION_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    """A meeting as staff make it; a rayon contact person gets a rayondag of their rayon
    (`rayon_only`): the kind and rayon are fixed, the voting rules are not theirs."""

    VOTING_FIELDS = ("votes_per_organisation", "max_proxies_per_holder", "quorum_percent")

    # An online link typed without a scheme is https (Django 6's default, chosen now).
    online_link = forms.URLField(
        label=_("online link"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = list(Meeting.EDITABLE_FIELDS)
        widgets = {
            "date": DateInput(),
            "registration_deadline": DateInput(),
            "cancellation_deadline": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "answers_until": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, rayon_only=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alv"].queryset = Meeting.objects.filter(kind=Meeting.Kind.ALV).order_by(
            "-date"
        )
        self.fields["region"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.REGION
        ).order_by("name")
        if rayon_only is not None:
            self.fields["kind"].choices = [(Meeting.Kind.RAYONDAG, Meeting.Kind.RAYONDAG.label)]
            self.fields["rayon"].queryset = Rayon.objects.filter(pk=rayon_only.pk)
            self.fields["rayon"].empty_label = None
            for name in (*self.VOTING_FIELDS, "alv", "region", "answers_until", "answer_per"):
                del self.fields[name]


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["start_time", "end_time", "title", "speaker"]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word document or image; at most 10 MB.")
    )
    is_draft = forms.BooleanField(
        label=_("Draft (only staff and the board see it)"), required=False
    )


class WorkshopChoiceForm(forms.Form):
    """One choice per round of a werkconferentie's workshops (empty: none in that round)."""

    def __init__(self, *args, workshops=(), **kwargs):
        super().__init__(*args, **kwargs)
        rounds: dict[int, list] = {}
        for workshop in workshops:
            rounds.setdefault(workshop.round, []).append(workshop)
        self.rounds = rounds
        for number, choices in sorted(rounds.items()):
            self.fields[f"round_{number}"] = forms.TypedChoiceField(
                label=_("Workshop round %(n)s") % {"n": number},
                choices=[("", _("No workshop"))] + [(w.pk, w.title) for w in choices],
                coerce=int,
                required=False,
                empty_value=None,
            )

    def chosen(self) -> list:
        by_pk = {w.pk: w for workshops in self.rounds.values() for w in workshops}
        return [
            by_pk[pk]
            for name, pk in self.cleaned_data.items()
            if name.startswith("round_") and pk in by_pk
        ]


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail address or organisation"), max_length=100)


class DelegateForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Voting delegate"), queryset=Person.objects.none())

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            organisation=organisation, erased_at__isnull=True
        ).order_by("last_name", "first_name")


class ProxyForm(forms.Form):
    holder = forms.ModelChoiceField(
        label=_("Give our vote to the delegate of"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in holders]
        ).order_by("name")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = list(DECISION_FIELDS)  # what decision_save accepts
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class VoteForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=Ballot.Choice.choices, widget=forms.RadioSelect
    )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(choices=MeetingReport.Kind.choices)


class ConsultationForm(forms.Form):
    """The questions of a ledenraadpleging: options as radio buttons, open answers as text."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == ConsultationQuestion.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(option, option) for option in question.option_list()],
                    widget=forms.RadioSelect,
                )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}
