"""Rows of the member directory as a tag: the template language spent most of the page's
time on the cells of its thirty rows."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ingrado.choices import label
from members.models import Person

register = template.Library()


@register.simple_tag
def person_row(person):
    badge = (
        format_html(' <span class="badge">{}</span>', _("rayon contact"))
        if person.rayon_contact_for_id
        else ""
    )
    return format_html(
        '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        reverse("members:person_detail", args=[person.pk]),
        person.full_name,
        badge,
        person.organisation or "–",
        label(Person.Function, person.function),
        _("yes") if person.krsd_registered else _("no"),
    )
