"""The rows of the member directory as a tag: the template language spent most of the page's
time on the cells of its thirty rows."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ingrado.choices import label
from ingrado.tables import url_for_rows
from members.models import Person

register = template.Library()


@register.simple_tag
def person_rows(people):
    """The <tr>s of the member directory, from `members.selectors.directory_rows`."""
    detail_url = url_for_rows("members:person_detail")
    contact = format_html(' <span class="badge">{}</span>', _("rayon contact"))
    yes, no = _("yes"), _("no")
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                detail_url(person.pk),
                Person.name_of(person.first_name, person.last_name, person.email),
                contact if person.rayon_contact_for_id else "",
                person.organisation_name or "–",
                label(Person.Function, person.function),
                yes if person.krsd_registered else no,
            )
            for person in people
        ),
    )
