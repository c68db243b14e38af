"""Rows of an edition's participant list as tags: an edition has up to a hundred enrolments,
and the template language spent most of the page's time on their cells."""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from academy.models import Certificate, Enrolment
from ingrado.choices import EscapedLabels
from ingrado.tables import cell, url_for_rows

register = template.Library()

DASH = "–"


@register.simple_tag
def participant_rows(rows):
    """The table's rows (`academy.selectors.Participant`); each cancel button submits the
    page's one cancel form. Built with f-strings, like the checkboxes below: format_html
    escaping each of a hundred rows' ten cells cost a sixth of the page. Every text a user
    entered goes through cell() (escaped)."""
    present = f'<td>✓<span class="visually-hidden">{cell(_("present"))}</span></td>'
    absent = f"<td>{DASH}</td>"
    done, cancel = cell(_("done")), cell(_("Cancel"))
    statuses = EscapedLabels(Enrolment.Status)
    cancel_url = url_for_rows("academy:enrolment_cancel")
    certificate = _CertificateCell()
    html = []
    for row in rows:
        name = cell(row.full_name)
        if row.position:
            status = cell(_("waiting list, number %(n)s") % {"n": row.position})
        else:
            status = statuses[row.status]
        attended = "".join(present if here else absent for here in row.attended)
        html.append(
            f"<tr><td>{name}</td><td>{cell(row.organisation) or DASH}</td>"
            f"<td>{cell(row.krsd_number) or DASH}</td><td>{status}</td>{attended}"
            f"<td>{done if row.evaluated else DASH}</td><td>{certificate(row)}</td>"
            f'<td><button type="submit" form="cancel-enrolment" '
            f'formaction="{cell(cancel_url(row.pk))}" class="link-button">'
            f'{cancel}<span class="visually-hidden"> {name}</span></button></td></tr>'
        )
    return mark_safe("\n".join(html))  # noqa: S308 - our markup, every value escaped


class _CertificateCell:
    """A row's certificate state; for attendance without a certificate, whether it is due."""

    def __init__(self):
        self.states = EscapedLabels(Certificate.State)
        self.eligible = cell(_("eligible"))

    def __call__(self, row):
        state = row.certificate_state
        if state is None:
            return self.eligible if row.all_present else DASH
        shown = self.states[state]
        if state == Certificate.State.FAILED:
            return f"{shown}: {cell(truncatechars(row.certificate_failure, 120))}"
        return shown


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
            f'<label for="{box}">{cell(participant.full_name)}</label></div>'
        )
    return mark_safe("".join(boxes))  # noqa: S308 - integers and escaped names only
