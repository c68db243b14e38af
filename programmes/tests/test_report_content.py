"""The jaarverslag's content: the seed's 2025 results and the figures of the stats functions."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from academy import stats as academy_stats
from communications import stats as newsletter_stats
from knowledge import stats as knowledge_stats
from programmes import report, selectors, services
from programmes.figures import fmt
from programmes.models import KeyFigure, Programme, Project, Result

from .conftest import pdf_text

pytestmark = pytest.mark.django_db


def _projects(year=2025, highlights_only=True):
    return {
        entry.project.name: entry
        for programme in selectors.report_data(year, highlights_only=highlights_only)
        for entry in programme.projects
    }


def test_the_pdf_contains_every_programme_every_highlight_and_the_computed_figures(demo):
    rendered = report.build_report(2025)
    text = pdf_text(rendered.pdf)
    for programme in Programme.objects.all():
        assert programme.name in text
        assert " ".join(programme.description.split())[:80] in text
    highlights = Result.objects.filter(year=2025, is_highlight=True)
    assert highlights.count() >= 25
    for result in highlights:
        assert " ".join(result.text.split()) in text, result.text
    knowledge = knowledge_stats.year_figures(2025)
    academy = academy_stats.year_figures(2025)
    assert f"In totaal werden {knowledge['answered']} vragen" in text
    assert f"{knowledge['askers']} verschillende vragenstellers" in text
    assert f"{knowledge['organisations']} verschillende organisaties" in text
    for name, count in knowledge["top_topics"][:3]:
        assert f"{name} ({count})" in text
    assert f"{academy['activities']} trainingen, workshops en webinars" in text
    assert f"{academy['participants']} deelnemers" in text
    assert f"{academy['certificates']} certificaten" in text
    newsletters = newsletter_stats.year_figures(2025)
    assert newsletters["newsletters"] == 20 and newsletters["recipients"] > 3900
    assert "550 deelnemers congres" in text and "20 digitale nieuwsbrieven" in text
    assert f"{fmt(newsletters['open_rate'])}% daarvan opende de nieuwsbrief" in text
    assert f"{fmt(newsletters['click_rate'])}% klikte door" in text
    assert "Greep uit de resultaten" in text and "Eindresultaat 2030" in text


def test_the_pdf_has_a_cover_contents_with_page_numbers_and_dutch_metadata(demo):
    rendered = report.build_report(2025)
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert reader.metadata.title == "Jaarverslag 2025 – Ingrado"
    assert reader.metadata.author == "Ingrado"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Jaarverslag 2025" in cover and "Publieksversie" in cover
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Inhoud" in contents
    # Each entry is followed by the number of the page where it starts (target-counter()).
    listed = int(re.search(r"Programma 1: Versterk de basis \.+ ?(\d+)", contents).group(1))
    starts = next(
        number
        for number, page in enumerate(reader.pages, start=1)
        if number > 2 and "PROGRAMMA 1" in page.extract_text()
    )
    assert listed == starts
    assert "@page" in rendered.html and "target-counter" in rendered.html
    assert "counter(page)" in rendered.html and 'lang="nl"' in rendered.html
    assert len(reader.pages) > 8


def test_the_report_shows_the_years_side_by_side_as_svg_charts(demo):
    html = report.render_report_html(2025)
    # Questions, share within five working days, participants, results, and the topics.
    assert html.count("<svg") == 5
    topic, count = knowledge_stats.year_figures(2025)["top_topics"][0]
    assert f"{topic}</text>" in html and f">{count}</text>" in html
    participants = academy_stats.year_figures(2025)["participants"]
    assert f">{participants}</text>" in html
    for year in range(2021, 2026):
        assert f">{year}</text>" in html


def test_the_figures_in_the_report_equal_those_of_the_stats_functions(demo):
    projects = _projects()
    knowledge = knowledge_stats.year_figures(2025)
    academy = academy_stats.year_figures(2025)
    assert {f.label: f.value for f in projects["Kennis"].figures} == {
        "vragen": str(knowledge["answered"]),
        "vragenstellers": str(knowledge["askers"]),
        "organisaties": str(knowledge["organisations"]),
    }
    assert projects["Kennis"].topics == [tuple(row) for row in knowledge["top_topics"][:3]]
    assert {f.label: f.value for f in projects["Academie"].figures} == {
        "trainingen, workshops en webinars": str(academy["activities"]),
        "deelnemers": str(academy["participants"]),
        "gemiddeld cijfer": fmt(academy["average_rating"]),
        "certificaten": str(academy["certificates"]),
    }
    assert all(f.computed for f in projects["Kennis"].figures + projects["Academie"].figures)


def test_the_demo_reproduces_the_figures_of_the_2025_annual_report(demo):
    kennis = {f.label: f.value for f in _projects()["Kennis"].figures}
    assert kennis == {"vragen": "508", "vragenstellers": "297", "organisaties": "152"}
    assert _projects()["Kennis"].topics == [
        ("Vrijstellingen", 92),
        ("Aanwezigheid en verzuim", 86),
        ("Wet politiegegevens", 81),
    ]
    academie = {f.label: f.value for f in _projects()["Academie"].figures}
    assert academie["trainingen, workshops en webinars"] == "23"
    assert int(academie["deelnemers"]) > 250
    assert academie["certificaten"] == "27"
    # Computed, not typed: no key figures are stored for these two projects.
    assert not KeyFigure.objects.filter(project__name__in=["Kennis", "Academie"]).exists()


def test_a_recorded_figure_with_the_same_label_overrides_the_computed_one(demo):
    KeyFigure.objects.create(
        project=Project.objects.get(name="Kennis"), year=2025, value="510", label="Vragen"
    )
    values = [(f.value, f.label, f.computed) for f in _projects()["Kennis"].figures]
    assert values[0] == ("510", "Vragen", False)
    assert [label for _v, label, _c in values].count("vragen") == 0
    assert ("297", "vragenstellers", True) in values
    assert "510 Vragen" in pdf_text(report.build_report(2025).pdf)


def test_the_online_version_shows_every_result_not_only_highlights(member_client, demo):
    others = Result.objects.filter(year=2025, is_highlight=False)
    assert others.exists()
    page = member_client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    for result in Result.objects.filter(year=2025):
        assert result.text.replace("'", "&#x27;") in page
    assert "Vrijstellingen (92)" in page
    assert "<svg" in page


def test_the_command_writes_the_same_report_as_the_task(demo, tmp_path, monkeypatch):
    calls = []
    original = report.build_report

    def spy(year):
        calls.append(year)
        return original(year)

    monkeypatch.setattr(report, "build_report", spy)
    monkeypatch.setattr("programmes.management.commands.annual_report.build_report", spy)
    pdf, html = tmp_path / "jv.pdf", tmp_path / "jv.html"
    out = io.StringIO()
    call_command("annual_report", "2025", output=str(pdf), html=str(html), stdout=out)
    assert calls == [2025]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Jaarverslag 2025" in pdf_text(pdf.read_bytes())
    written = html.read_text(encoding="utf-8")
    assert "Versterk de basis" in written and 'lang="nl"' in written
    assert "Jaarverslag 2025 written" in out.getvalue()


def test_the_command_without_html_writes_only_the_pdf(small_plan, tmp_path):
    pdf = tmp_path / "out.pdf"
    call_command("annual_report", "2025", output=str(pdf), stdout=io.StringIO())
    assert "Congres met 550 deelnemers." in pdf_text(pdf.read_bytes())
    assert list(Path(tmp_path).iterdir()) == [pdf]


def test_the_online_report_shows_a_new_result_at_once(member_client, staff_user, small_plan):
    # Every member reads one shared rendering of the report, until its data changes: each
    # change through the services leaves a revision, and a new revision a new rendering.
    url = reverse("programmes:report_online", args=[2025])
    assert "Congres met 550 deelnemers." in member_client.get(url).content.decode()
    kennis = small_plan["projects"]["kennis"]
    result = services.result_save(
        project=kennis,
        year=2025,
        text="Nieuwe handreiking verzuim.",
        is_highlight=True,
        status="partly",
        actor=staff_user,
    )
    page = member_client.get(url).content.decode()
    assert "Nieuwe handreiking verzuim." in page and "Deels behaald: 1" in page
    services.key_figure_save(
        project=kennis, year=2025, value="12", label="webinars", actor=staff_user
    )
    assert "<strong>12</strong> webinars" in member_client.get(url).content.decode()
    services.entry_delete(entry=result, actor=staff_user)
    assert "Nieuwe handreiking verzuim." not in member_client.get(url).content.decode()


def test_a_second_reader_gets_the_shared_rendering_without_its_queries(
    member_client, other_member, small_plan, django_assert_max_num_queries
):
    url = reverse("programmes:report_online", args=[2025])
    member_client.get(url)
    member_client.force_login(other_member)
    # The session, the user, the year's results, the version, the permissions: no figures.
    with django_assert_max_num_queries(7):
        assert "Congres met 550 deelnemers." in member_client.get(url).content.decode()


def test_the_online_report_is_shown_in_the_readers_language(member_client, small_plan):
    url = reverse("programmes:report_online", args=[2025])
    assert "Programma 1" in member_client.get(url).content.decode()
    member_client.cookies["django_language"] = "en"
    assert "Programme 1" in member_client.get(url).content.decode()
