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


def _certificate(row, labels):
    if row.certificate_state is None:
        return labels["eligible"] if row.all_present else DASH
    if row.certificate_state == "failed":
        return format_html(
            "{}: {}",
            label(Certificate.State, row.certificate_state),
            truncatechars(row.certificate_failure, 120),
        )
    return label(Certificate.State, row.certificate_state)


@register.simple_tag
def participant_rows(rows):
    """The table's rows (`academy.selectors.Participant`); each cancel button submits the
    page's one cancel form."""
    labels = {
        "present": format_html('✓<span class="visually-hidden">{}</span>', _("present")),
        "done": _("done"),
        "eligible": _("eligible"),
        "cancel": _("Cancel"),
    }
    cancel_url = url_for_rows("academy:enrolment_cancel")
    return format_html_join("\n", ROW, (_row(row, labels, cancel_url) for row in rows))


ROW = (
    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td>"
    '<td><button type="submit" form="cancel-enrolment" formaction="{}" class="link-button">'
    '{}<span class="visually-hidden"> {}</span></button></td></tr>'
)


def _row(row, labels, cancel_url):
    attended = "".join(f"<td>{labels['present'] if here else DASH}</td>" for here in row.attended)
    if row.position:
        status = _("waiting list, number %(n)s") % {"n": row.position}
    else:
        status = label(Enrolment.Status, row.status)
    return (
        row.full_name,
        row.organisation or DASH,
        row.krsd_number or DASH,
        status,
        mark_safe(attended),  # noqa: S308 - built from our own safe labels only
        labels["done"] if row.evaluated else DASH,
        _certificate(row, labels),
        cancel_url(row.pk),
        labels["cancel"],
        row.full_name,
    )


@register.simple_tag
def attendance_checkboxes(session, rows):
    """The checkboxes of one session's attendance form: (participant, present) pairs. Built
    with f-strings: a form holds a hundred of them, and only the names need escaping."""
    boxes = []
    for participant, present in rows:
        box = f"p-{int(session.pk)}-{int(participant.pk)}"
        checked = " checked" if present else ""
        boxes.append(
            f'<div class="field-checkbox"><input type="checkbox" name="present" '
            f'value="{int(participant.pk)}" id="{box}"{checked}> '
            f'<label for="{box}">{escape(participant.full_name)}</label></div>'
        )
    return mark_safe("".join(boxes))  # noqa: S308 - integers and escaped names only
