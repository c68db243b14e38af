"""The Python form renderer writes exactly what Django's widget templates write."""

import datetime
import inspect
from decimal import Decimal

import django_filters
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import given, settings
from hypothesis import strategies as st

from academy import filters as academy_filters
from academy import forms as academy_forms
from ingrado.form_renderer import FormRenderer
from knowledge import filters as knowledge_filters
from knowledge import forms as knowledge_forms
from members import filters as members_filters
from members import forms as members_forms
from programmes import forms as programmes_forms

TEMPLATES, PYTHON = DjangoTemplates(), FormRenderer()
lazy = gettext_lazy  # under another name, so that makemessages leaves the test's text alone


def both(form):
    """Every label and widget of `form`, rendered by the templates and by Python."""
    rendered = []
    for renderer in (TEMPLATES, PYTHON):
        form.renderer = renderer
        rendered.append(
            [
                (str(field.label_tag()), str(field), field.legend_tag(), field.as_hidden())
                for field in form
            ]
        )
    return rendered


class EveryWidget(forms.Form):
    text = forms.CharField(label=lazy("Search"), max_length=20)
    email = forms.EmailField(required=False, help_text="<b>help</b>")
    number = forms.DecimalField(label=mark_safe("<em>Amount</em>"), required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    moment = forms.DateTimeField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    agree = forms.BooleanField(required=False, label="Agree?")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": '"q"'}))
    kind = forms.ChoiceField(
        choices=[("", "All"), ("a", "A & B"), ("<b>", mark_safe("<i>safe</i>")), (3, 3)]
    )
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("none", "None")]
    )
    many = forms.MultipleChoiceField(
        choices=[(1, Decimal("1.5")), (2, datetime.date(2026, 5, 1))], required=False
    )
    flag = forms.NullBooleanField(required=False)
    upload = forms.FileField(required=False)
    disabled = forms.CharField(disabled=True, required=False, initial="fixed")


HOSTILE = {
    "text": '<script>alert("x")</script>',
    "email": "a&b@example.org",
    "number": "1,5",
    "day": "2026-02-30",
    "moment": "2026-11-25 10:00",
    "password": "' onfocus='x",
    "hidden": '"><img src=x onerror=alert(1)>',
    "agree": "on",
    "body": "</textarea><script>x</script>\n\nline",
    "kind": "<b>",
    "grouped": "pear",
    "many": ["1", "2"],
    "flag": "true",
}


@pytest.mark.parametrize("data", [None, {}, HOSTILE], ids=["unbound", "empty", "hostile"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_widget_renders_as_the_templates_do(data, language):
    with override(language):
        form = EveryWidget(data)
        form.is_valid()
        templates, python = both(form)
    assert python == templates


def test_labels_without_ids_and_with_attributes():
    form = EveryWidget(auto_id=False)
    form.renderer = PYTHON
    python = form["text"].label_tag(attrs={"class": "x"}, label_suffix=":")
    form.renderer = TEMPLATES
    assert python == form["text"].label_tag(attrs={"class": "x"}, label_suffix=":")


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=40),
    choice_value=st.text(max_size=10),
    choice_label=st.text(max_size=20),
    attribute=st.text(max_size=20),
)
def test_any_text_renders_as_the_templates_do(text, choice_value, choice_label, attribute):
    class Fuzzed(forms.Form):
        field = forms.CharField(label=text, widget=forms.TextInput(attrs={"title": attribute}))
        area = forms.CharField(widget=forms.Textarea)
        pick = forms.ChoiceField(choices=[(choice_value, choice_label)])

    form = Fuzzed({"field": text, "area": text, "pick": choice_value})
    form.is_valid()
    templates, python = both(form)
    assert python == templates


def _project_forms():
    """Every form and filter of the portal that can be built without arguments."""
    found = []
    modules = (academy_forms, knowledge_forms, members_forms, programmes_forms)
    for module in modules + (academy_filters, knowledge_filters, members_filters):
        for name, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ != module.__name__:
                continue
            if issubclass(value, (forms.BaseForm, django_filters.FilterSet)):
                found.append(pytest.param(value, id=name))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _project_forms())
def test_the_portals_forms_render_as_the_templates_do(form_class):
    try:
        built = form_class()
    except TypeError:
        pytest.skip("needs arguments")
    form = built.form if isinstance(built, django_filters.FilterSet) else built
    templates, python = both(form)
    assert python == templates
