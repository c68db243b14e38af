"""The staff queue's rows: what each column shows for each kind of question."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Question
from knowledge.tests.factories import TopicFactory, ask

pytestmark = pytest.mark.django_db


def _rows(client, **params):
    page = client.get(reverse("knowledge:question_list"), params).content.decode()
    page = re.sub(r"\s+<", "<", re.sub(r">\s+", ">", page))
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    return {row.split("</a>")[0].rsplit(">", 1)[1]: row.strip() for row in rows}


def test_each_queue_row_shows_due_date_question_topic_asker_status_and_expert(
    staff_client, staff_user, member
):
    today = timezone.localdate()
    subjects = ("Te laat", "Vandaag", "Later", "Gepauzeerd", "Verzonden", "Extern <b>")
    questions = {subject: ask(member, subject=subject) for subject in subjects}

    def set_(subject, **fields):
        Question.objects.filter(pk=questions[subject].pk).update(**fields)

    set_("Te laat", status="assigned", expert=staff_user, due_date=today - timedelta(days=2))
    set_("Vandaag", due_date=today)
    set_("Later", due_date=today + timedelta(days=3))
    set_("Gepauzeerd", status="waiting")
    set_("Verzonden", status="sent")
    set_("Extern <b>", is_external=True)

    rows = _rows(staff_client, status="alle")
    late = rows["Te laat"]
    assert staff_user.get_full_name() in late and "Toegewezen aan een expert" in late
    overdue = (today - timedelta(days=2)).strftime("%-d-%-m")
    assert late.startswith(f'<td class="nowrap"><span class="badge badge-danger">te laat {overdue}')
    assert '<span class="badge badge-warn">vandaag</span>' in rows["Vandaag"]
    assert (today + timedelta(days=3)).strftime("%-d-%-m-%Y") in rows["Later"]
    assert '<span class="muted">nog geen expert</span>' in rows["Later"]
    assert '<span class="muted">gepauzeerd</span>' in rows["Gepauzeerd"]
    assert rows["Verzonden"].startswith('<td class="nowrap">–</td>')
    assert member.person.full_name in late and member.person.organisation.name in late
    assert '<span class="muted">Vrijstellingen</span>' in late
    external = rows["Extern &lt;b&gt;"]
    assert '<span class="badge">extern</span>' in external and "<b>" not in external


def test_the_queue_shows_open_questions_overdue_first_then_by_due_date(
    staff_client, staff_user, member
):
    today = timezone.localdate()
    due = {
        "Overmorgen": today + timedelta(days=2),
        "Lang te laat": today - timedelta(days=9),
        "Vandaag": today,
        "Net te laat": today - timedelta(days=1),
        "Gepauzeerd": today - timedelta(days=20),
        "Beantwoord": today - timedelta(days=30),
        "Gesloten": today - timedelta(days=40),
    }
    status = {"Gepauzeerd": "waiting", "Beantwoord": "sent", "Gesloten": "closed"}
    for subject, date in due.items():
        question = ask(member, subject=subject)
        Question.objects.filter(pk=question.pk).update(
            due_date=date, status=status.get(subject, "assigned")
        )
    url = reverse("knowledge:question_list")

    def subjects(**params):
        return [q.subject for q in staff_client.get(url, params).context["page"]]

    # By default: the open ones, overdue first, then by due date; paused ones after those.
    open_ones = ["Lang te laat", "Net te laat", "Vandaag", "Overmorgen", "Gepauzeerd"]
    assert subjects() == open_ones
    # Answered and closed questions are behind the status filter, newest first.
    assert subjects(status="closed") == ["Gesloten"]
    assert subjects(status="alle") == [*open_ones, "Gesloten", "Beantwoord"]
    page = staff_client.get(url).content.decode()
    assert '<option value="" selected>Open vragen</option>' in page
    assert '<option value="alle">Alle vragen, ook beantwoorde en gesloten</option>' in page


def test_a_filtered_queue_counts_and_pages_what_the_filter_finds(staff_client, member):
    verzuim = TopicFactory(name="Verzuim")
    for index in range(32):
        ask(member, subject=f"Verzuim {index}", topic=verzuim)
    for index in range(3):
        ask(member, subject=f"Vrijstelling {index}")
    url = reverse("knowledge:question_list")

    first = staff_client.get(url, {"topic": verzuim.pk})
    assert first.context["page"].paginator.count == 32
    assert "32 vragen" in first.content.decode()
    second = staff_client.get(url, {"topic": verzuim.pk, "page": 2})
    assert [row.subject for row in second.context["page"]] == ["Verzuim 1", "Verzuim 0"]
    searched = staff_client.get(url, {"q": "vrijstelling", "status": "new"})
    assert searched.context["page"].paginator.count == 3
