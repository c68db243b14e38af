"""The rows of the member directory as a tag: the template language spent most of the page's
time on the cells of its thirty rows."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ingrado.choices import EscapedLabels
from ingrado.tables import cell, url_for_rows
from members.models import Person

register = template.Library()


@register.simple_tag
def person_rows(people):
    """The <tr>s of the member directory, from `members.selectors.directory_rows`. Built with
    f-strings like the queue's rows; every text a user entered goes through cell() (escaped)."""
    detail_url = url_for_rows("members:person_detail")
    contact = f' <span class="badge">{cell(_("rayon contact"))}</span>'
    yes, no = cell(_("yes")), cell(_("no"))
    functions = EscapedLabels(Person.Function)
    html = []
    for person in people:
        name = Person.name_of(person.first_name, person.last_name, person.email)
        html.append(
            f'<tr><td><a href="{cell(detail_url(person.pk))}">{cell(name)}</a>'
            f"{contact if person.rayon_contact_for_id else ''}</td>"
            f"<td>{cell(person.organisation_name or '–')}</td>"
            f"<td>{functions[person.function]}</td>"
            f"<td>{yes if person.krsd_registered else no}</td></tr>"
        )
    return mark_safe("\n".join(html))  # noqa: S308 - our markup, every value escaped
