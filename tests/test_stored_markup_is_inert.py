"""Script and HTML that users type are shown as text everywhere, the PDF included."""

import pytest
from django.urls import reverse

from academy import services as academy
from academy.models import Certificate
from academy.tests.factories import edition_with_sessions
from knowledge.tests.factories import ItemFactory, ask
from members.tests.factories import MemberFactory
from programmes.models import Programme, Project, Result, StrategicPlan
from programmes.report import render_report_html

pytestmark = pytest.mark.django_db
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _inert(html):
    return "<script>alert" not in html and "<img src=x" not in html and "<b onclick" not in html


def test_markup_in_questions_names_items_and_results_is_escaped(staff_client, roles_synced):
    member = MemberFactory()
    member.person.first_name = EVIL
    member.person.krsd_number = "<b onclick=x>"
    member.person.save()
    member.person.organisation.name = f"Gemeente {EVIL}"
    member.person.organisation.save()
    edition = edition_with_sessions()
    enrolment = academy.enrolment_create(edition=edition, person=member.person)
    Certificate.objects.create(
        enrolment=enrolment, state=Certificate.State.FAILED, failure_reason=EVIL
    )
    question = ask(member, subject=f"Vraag {EVIL}", body=f"Tekst {EVIL}")
    item = ItemFactory(title=f"Item {EVIL}", answer_text=f"Antwoord {EVIL}")
    plan = StrategicPlan.objects.create(
        title=EVIL,
        first_year=2025,
        last_year=2030,
        mission=EVIL,
        core_values=EVIL,
        introduction=EVIL,
    )
    programme = Programme.objects.create(
        plan=plan, number=1, name=EVIL, theme=EVIL, description=EVIL
    )
    project = Project.objects.create(
        programme=programme, name="Kennis", slug="kennis", end_result_2030=EVIL
    )
    Result.objects.create(project=project, year=2025, text=f"Resultaat {EVIL}", is_highlight=True)
    pages = [
        reverse("knowledge:question_list"),
        reverse("knowledge:question_detail", args=[question.pk]),
        reverse("knowledge:item_list") + "?q=Item",
        reverse("knowledge:item_detail", args=[item.slug]),
        reverse("members:person_list"),
        reverse("academy:participants", args=[edition.pk]),
        reverse("programmes:plan"),
        reverse("programmes:project_detail", args=["kennis"]),
        reverse("programmes:report_online", args=[2025]),
    ]
    for url in pages:
        html = staff_client.get(url).content.decode()
        assert _inert(html), url
    assert "&lt;script&gt;" in staff_client.get(pages[1]).content.decode()
    report_html = render_report_html(2025)
    assert _inert(report_html)
    assert "&lt;script&gt;" in report_html


def test_the_helpdesk_chart_escapes_every_label_and_its_title():
    from django.template.loader import render_to_string

    from knowledge.charts import bar_chart

    hostile = '<script>alert("x")</script>&"'
    chart = bar_chart([(hostile, 3), ("Verzuim", "7")], title=hostile)
    html = render_to_string("knowledge/_bar_chart.html", {"chart": chart, "label_heading": hostile})
    assert "<script>" not in html and html.count("&lt;script&gt;") == 3
    assert '<span class="num">7</span>' in html  # values are numbers, nothing else
    assert '<rect width="42.9" height="10"/>' in html and '<rect width="100" height="10"/>' in html
