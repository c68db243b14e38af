"""Rows, status and due-date badges of the staff queue as tags: the queue renders thirty
rows, and the template language spent most of the page's time on their cells."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ingrado.choices import label
from ingrado.tables import url_for_rows
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
def queue_rows(questions, today):
    """The <tr>s of the staff queue."""
    detail_url = url_for_rows("knowledge:question_detail")
    external = format_html(' <span class="badge">{}</span>', _("external"))
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{}{}{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td></tr>",
        (
            (
                detail_url(question.pk),
                question.subject,
                question.asker.full_name,
                format_html('<br><span class="muted">{}</span>', question.organisation)
                if question.organisation
                else "",
                external if question.is_external else "",
                question.topic,
                status_badge(question),
                question.expert.email if question.expert else "–",
                due_badge(question, today),
            )
            for question in questions
        ),
    )
