"""Rows of an edition's participant list as tags: an edition has up to a hundred enrolments,
and the template language spent most of the page's time on their cells."""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from academy.models import Certificate, Enrolment
from ingrado.choices import label
from ingrado.tables import url_for_rows

register = template.Library()

DASH = "–"


def _certificate(enrolment, labels):
    certificate = getattr(enrolment, "certificate", None)
    if certificate is None:
        return labels["eligible"] if enrolment.all_present else DASH
    if certificate.state == "failed":
        return format_html(
            "{}: {}",
            label(Certificate.State, certificate.state),
            truncatechars(certificate.failure_reason, 120),
        )
    return label(Certificate.State, certificate.state)


@register.simple_tag
def participant_rows(enrolments):
    """The table's rows; each cancel button submits the page's one cancel form."""
    labels = {
        "present": format_html('✓<span class="visually-hidden">{}</span>', _("present")),
        "done": _("done"),
        "eligible": _("eligible"),
        "cancel": _("Cancel"),
    }
    cancel_url = url_for_rows("academy:enrolment_cancel")
    return format_html_join("\n", ROW, (_row(e, labels, cancel_url) for e in enrolments))


ROW = (
    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td>"
    '<td><button type="submit" form="cancel-enrolment" formaction="{}" class="link-button">'
    '{}<span class="visually-hidden"> {}</span></button></td></tr>'
)


def _row(enrolment, labels, cancel_url):
    person = enrolment.person
    attended = "".join(
        f"<td>{labels['present'] if here else DASH}</td>" for here in enrolment.attended
    )
    if enrolment.position:
        status = _("waiting list, number %(n)s") % {"n": enrolment.position}
    else:
        status = label(Enrolment.Status, enrolment.status)
    return (
        person.full_name,
        person.organisation or DASH,
        person.krsd_number or DASH,
        status,
        mark_safe(attended),  # noqa: S308 - built from our own safe labels only
        labels["done"] if enrolment.evaluation_pk is not None else DASH,
        _certificate(enrolment, labels),
        cancel_url(enrolment.pk),
        labels["cancel"],
        person.full_name,
    )


@register.simple_tag
def attendance_checkboxes(session, rows):
    """The checkboxes of one session's attendance form: (enrolment, present) pairs. Built
    with f-strings: a form holds a hundred of them, and only the names need escaping."""
    boxes = []
    for enrolment, present in rows:
        box = f"p-{int(session.pk)}-{int(enrolment.pk)}"
        checked = " checked" if present else ""
        boxes.append(
            f'<div class="field-checkbox"><input type="checkbox" name="present" '
            f'value="{int(enrolment.pk)}" id="{box}"{checked}> '
            f'<label for="{box}">{escape(enrolment.person.full_name)}</label></div>'
        )
    return mark_safe("".join(boxes))  # noqa: S308 - integers and escaped names only
