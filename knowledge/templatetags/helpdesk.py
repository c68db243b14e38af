"""Rows, status and due-date badges of the staff queue as tags: the queue renders thirty
rows, and the template language spent most of the page's time on their cells."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ingrado.choices import label
from knowledge.models import Question

register = template.Library()

OPEN_CLASSES = {"sent": " badge-ok", "closed": " badge-ok", "waiting": " badge-warn"}


@register.simple_tag
def status_badge(question):
    return format_html(
        '<span class="badge{}">{}</span>',
        OPEN_CLASSES.get(question.status, ""),
        label(Question.Status, question.status),
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


@register.simple_tag
def queue_row(question, today):
    """One <tr> of the staff queue."""
    asker = format_html("{}", question.asker.full_name)
    if question.organisation:
        asker = format_html('{}<br><span class="muted">{}</span>', asker, question.organisation)
    if question.is_external:
        asker = format_html('{} <span class="badge">{}</span>', asker, _("external"))
    return format_html(
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td></tr>",
        reverse("knowledge:question_detail", args=[question.pk]),
        question.subject,
        asker,
        question.topic,
        status_badge(question),
        question.expert.email if question.expert else "–",
        due_badge(question, today),
    )
