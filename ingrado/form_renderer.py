"""Django's form renderer with the common widgets written out in Python.

The template renderer renders a template per widget, per label and per <option> (a filter
with a select of thirty experts is thirty includes), which made the filter forms the largest
part of rendering the staff lists. The functions here produce the same HTML as Django's
templates for inputs, selects, textareas and labels (tests/test_form_renderer.py compares
them); every other template still goes through the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData
from django.utils.timezone import template_localtime

INPUT_TYPES = (
    "checkbox",
    "color",
    "date",
    "datetime",
    "email",
    "file",
    "hidden",
    "input",
    "number",
    "password",
    "search",
    "tel",
    "text",
    "time",
    "url",
)


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}`: escaped unless already safe."""
    return value if isinstance(value, SafeData) else conditional_escape(str(value))


def _shown(value) -> str:
    """`{{ value }}`: local time, localized numbers and dates, escaped unless safe."""
    return conditional_escape(localize(template_localtime(value)))


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html"""
    if not attrs:
        return ""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{_text(value)}"')
    return "".join(parts)


def _input(context) -> str:
    widget = context["widget"]
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _option(option) -> str:
    return (
        f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_shown(option['label'])}</option>"
    )


def _select(context) -> str:
    widget = context["widget"]
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            html.append(f"\n  {_option(option)}\n")  # the option template ends in a newline
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _textarea(context) -> str:
    widget = context["widget"]
    value = _shown(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def _label(context) -> str:
    label = _shown(context["label"])
    if not context["use_tag"]:
        return label
    tag = conditional_escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>"


IN_PYTHON = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUT_TYPES},
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/label.html": _label,
}


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        render = IN_PYTHON.get(template_name)
        if render is None:
            return super().render(template_name, context, request)
        return render(context)
