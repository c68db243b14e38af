"""Status and due-date badges as tags: a queue renders fifty rows, an include per cell is slow."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

OPEN_CLASSES = {"sent": " badge-ok", "closed": " badge-ok", "waiting": " badge-warn"}


@register.simple_tag
def status_badge(question):
    return format_html(
        '<span class="badge{}">{}</span>',
        OPEN_CLASSES.get(question.status, ""),
        question.get_status_display(),
    )


@register.simple_tag
def due_badge(question, today):
    if question.status == "waiting":
        return format_html('<span class="muted">{}</span>', _("paused"))
    if not question.is_open:
        return "–"
    if question.due_date < today:
        return format_html(
            '<span class="badge badge-danger">{} {}</span>',
            _("overdue"),
            date_format(question.due_date, "j-n"),
        )
    if question.due_date == today:
        return format_html('<span class="badge badge-warn">{}</span>', _("due today"))
    return date_format(question.due_date, "j-n-Y")
