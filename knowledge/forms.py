import re
import secrets

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ingrado.forms import SafeModelMultipleChoiceField
from members.selectors import names_told_apart, staff_users

from .models import Item, Question, StandardText, Topic

MAX_FILES = 5
SUBMISSION_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.png,.jpg,.jpeg,.gif,.webp"}),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most %(n)s files.") % {"n": MAX_FILES})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class SubmittedOnceForm(forms.Form):
    """A hidden random key, made when the form is shown. The service records it with what it
    saves, so sending the same form again (a double click, a reload) acts once."""

    submission_key = forms.CharField(
        widget=forms.HiddenInput, initial=new_submission_key, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_missing = False
        name = self.add_prefix("submission_key")
        if self.is_bound and not SUBMISSION_KEY.fullmatch(self.data.get(name, "")):
            # A page from before keys, or a tampered one: refused, and shown again with a
            # fresh key so that sending it once more works.
            self.renew_key()
            self.key_missing = True

    def renew_key(self):
        """Show the form again with a fresh key (the one sent was refused)."""
        self.data = self.data.copy()
        self.data[self.add_prefix("submission_key")] = new_submission_key()

    def clean(self):
        if self.key_missing:
            raise forms.ValidationError(
                _("This form has expired. Check what you entered and send it again.")
            )
        return super().clean()


class QuestionForm(SubmittedOnceForm):
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Topic.objects.filter(is_active=True), empty_label=None
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_("Leave out names, BSN numbers and other details of the young person."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, Word or images, at most 10 MB each."),
    )


class OnBehalfForm(QuestionForm):
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[
            (Question.Channel.PHONE, Question.Channel.PHONE.label),
            (Question.Channel.EMAIL, Question.Channel.EMAIL.label),
        ],
    )
    email = forms.EmailField(label=_("E-mail address of the asker"))
    first_name = forms.CharField(label=_("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff register someone else's question: not "your question".
        self.fields["subject"].label = pgettext_lazy("staff", "Subject")
        self.fields["body"].label = pgettext_lazy("staff", "Question")

    field_order = [
        "channel",
        "email",
        "first_name",
        "last_name",
        "topic",
        "subject",
        "body",
        "attachments",
    ]


class ReplyForm(SubmittedOnceForm):
    body = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    attachments = MultipleFileField(label=_("Attachments"))


class RatingForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Did this answer help you?"),
        choices=[("1", _("Yes, helpful")), ("0", _("No, not helpful"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Remark (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExpertChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        users = list(self.queryset)
        names = names_told_apart(users)
        for user in users:
            yield (ModelChoiceIteratorValue(self.field.prepare_value(user), user), names[user.pk])


class ExpertChoiceField(forms.ModelChoiceField):
    """Experts by name, not by e-mail address (unless two share a name)."""

    iterator = ExpertChoiceIterator


class AssignForm(forms.Form):
    expert = ExpertChoiceField(label=_("Expert"), queryset=staff_users())


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 12}), max_length=20000
    )
    insert_text = forms.ModelChoiceField(
        label=_("Standard text"),
        queryset=StandardText.objects.all(),
        required=False,
        empty_label=_("— choose a standard text —"),
    )
    insert_item = forms.ModelChoiceField(
        label=_("Kennisbank item"),
        queryset=Item.objects.filter(published_at__isnull=False),
        required=False,
        empty_label=_("— choose an item —"),
    )
    attachments = MultipleFileField(
        label=_("Files with the answer"),
        help_text=_(
            "PDF, Word or images, at most 10 MB each. The asker sees them once the answer is sent."
        ),
    )


class TextForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class NoteForm(SubmittedOnceForm, TextForm):
    pass


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


def _default_review_by():
    today = timezone.localdate()
    return today.replace(year=today.year + 1)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question_text = forms.CharField(
        label=_("Question (anonymised)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    answer_text = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000
    )
    topics = SafeModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    sources = forms.CharField(
        label=_("Legal sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("One per line, e.g. 'Leerplichtwet art. 5 onder b'."),
    )
    audience = forms.ChoiceField(label=_("Visible to"), choices=Item.Audience.choices)
    review_by = forms.DateField(
        label=_("Review by"),
        initial=_default_review_by,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_sources(self):
        return [line.strip() for line in self.cleaned_data["sources"].splitlines() if line.strip()]
