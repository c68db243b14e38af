"""Rows, status and due-date badges of the staff queue as tags: the queue renders thirty
rows, and the template language spent most of the page's time on their cells."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ingrado.choices import EscapedLabels
from ingrado.tables import cell, url_for_rows
from knowledge.models import Question
from members.models import Person

register = template.Library()

OPEN_CLASSES = {"sent": " badge-ok", "closed": " badge-ok", "waiting": " badge-warn"}


class StatusBadges:
    """The status badge of each status, in the active language."""

    def __init__(self):
        self.labels = EscapedLabels(Question.Status)

    def __call__(self, status) -> str:
        text = self.labels[status]
        return f'<span class="badge{OPEN_CLASSES.get(status, "")}">{text}</span>'


class DueBadges:
    """When the answer is due, as a badge when it is today or past."""

    def __init__(self, today):
        self.today = today
        self.paused = f'<span class="muted">{cell(_("paused"))}</span>'
        self.overdue = cell(_("overdue"))
        self.due_today = f'<span class="badge badge-warn">{cell(_("due today"))}</span>'

    def __call__(self, status, due_date) -> str:
        if status == Question.Status.WAITING:
            return self.paused
        if status in Question.FINISHED:
            return "–"
        if due_date < self.today:
            day = f"{due_date.day}-{due_date.month}"
            return f'<span class="badge badge-danger">{self.overdue} {day}</span>'
        if due_date == self.today:
            return self.due_today
        return f"{due_date.day}-{due_date.month}-{due_date.year}"


@register.simple_tag
def status_badge(question):
    return mark_safe(StatusBadges()(question.status))  # noqa: S308 - escaped label


@register.simple_tag
def due_badge(question, today):
    return mark_safe(DueBadges(today)(question.status, question.due_date))  # noqa: S308


@register.simple_tag
def queue_rows(questions, today):
    """The <tr>s of the staff queue, from `Question.objects.queue_rows()`. Built with
    f-strings (format_html escaping each of thirty rows' nine values cost a sixth of the
    page); every text a user entered goes through cell() (escaped)."""
    detail_url = url_for_rows("knowledge:question_detail")
    external = f' <span class="badge">{cell(_("external"))}</span>'
    status, due = StatusBadges(), DueBadges(today)
    html = []
    for question in questions:
        asker = Person.name_of(
            question.asker_first_name, question.asker_last_name, question.asker_email
        )
        organisation = (
            f'<br><span class="muted">{cell(question.organisation_name)}</span>'
            if question.organisation_name
            else ""
        )
        html.append(
            f'<tr><td><a href="{cell(detail_url(question.pk))}">{cell(question.subject)}</a>'
            f"</td><td>{cell(asker)}{organisation}{external if question.is_external else ''}"
            f"</td><td>{cell(question.topic_name)}</td><td>{status(question.status)}</td>"
            f"<td>{cell(question.expert_email or '–')}</td>"
            f"<td>{due(question.status, question.due_date)}</td></tr>"
        )
    return mark_safe("\n".join(html))  # noqa: S308 - our markup, every value escaped
