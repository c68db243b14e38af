"""Rows, status and due-date badges of the staff queue as tags: the queue renders thirty
rows, and the template language spent most of the page's time on their cells."""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from ingrado.choices import label
from ingrado.tables import url_for_rows
from knowledge.models import Question
from members.models import Person

register = template.Library()

OPEN_CLASSES = {"sent": " badge-ok", "closed": " badge-ok", "waiting": " badge-warn"}


@register.simple_tag
def status_badge(question):
    """For a question or a row of `Question.objects.queue_rows()`."""
    return format_html(
        '<span class="badge{}">{}</span>',
        OPEN_CLASSES.get(question.status, ""),
        label(Question.Status, question.status),
    )


@register.simple_tag
def due_badge(question, today):
    if question.status == "waiting":
        return format_html('<span class="muted">{}</span>', _("paused"))
    if question.status in Question.FINISHED:
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
    """The <tr>s of the staff queue, from `Question.objects.queue_rows()`."""
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
                Person.name_of(
                    question.asker_first_name, question.asker_last_name, question.asker_email
                ),
                format_html('<br><span class="muted">{}</span>', question.organisation_name)
                if question.organisation_name
                else "",
                external if question.is_external else "",
                question.topic_name,
                status_badge(question),
                question.expert_email or "–",
                due_badge(question, today),
            )
            for question in questions
        ),
    )
