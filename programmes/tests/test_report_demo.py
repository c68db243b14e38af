"""The jaarverslag made from the whole demo: seeded once for this module (`demo_data`), each
test in a savepoint of it."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from academy import stats as academy_stats
from communications import stats as newsletter_stats
from ingrado.formatting import number, percent
from knowledge import stats as knowledge_stats
from programmes import report, selectors
from programmes.models import KeyFigure, Programme, Project, Result

from .conftest import pdf_text

# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_report_demo")]


def _projects(year=2025, highlights_only=True):
    return {
        entry.project.name: entry
        for programme in selectors.report_data(year, highlights_only=highlights_only)
        for entry in programme.projects
    }


@pytest.fixture(scope="module")
def demo_report(demo_data, django_db_blocker):
    """The demo's jaarverslag 2025, rendered once for the module's tests that only read it."""
    with django_db_blocker.unblock():
        return report.build_report(2025)


def test_the_pdf_contains_every_programme_every_highlight_and_the_computed_figures(
    demo, demo_report
):
    rendered = demo_report
    text = pdf_text(rendered.pdf)
    for programme in Programme.objects.all():
        assert programme.name in text
        assert " ".join(programme.description.split())[:80] in text
    highlights = Result.objects.filter(year=2025, is_highlight=True)
    # The seed's bullets less those computed from Bijeenkomsten (the ALVs, rayondagen,
    # kick-off, region visits; see the tests at the end) and the Academie and nieuwsbrief.
    assert highlights.count() >= 21
    for result in highlights:
        assert " ".join(result.text.split()) in text, result.text
    knowledge = knowledge_stats.year_figures(2025)
    academy = academy_stats.year_figures(2025)
    assert f"In totaal werden {number(knowledge['answered'])} vragen" in text
    assert f"{number(knowledge['askers'])} verschillende vragenstellers" in text
    assert f"{number(knowledge['organisations'])} verschillende organisaties" in text
    for name, count in knowledge["top_topics"][:3]:
        assert f"{name} ({number(count)})" in text
    assert f"{academy['activities']} trainingen, workshops en webinars" in text
    assert f"{academy['participants']} deelnemers" in text
    assert f"{academy['certificates']} certificaten" in text
    # The Academie in the plan's own measure.
    assert "Alle 23 activiteiten gemiddeld 8 of hoger; gemiddeld 8,6." in text
    newsletters = newsletter_stats.year_figures(2025)
    assert newsletters["newsletters"] == 20 and newsletters["recipients"] > 3900
    assert "550 deelnemers congres" in text and "20 digitale nieuwsbrieven" in text
    # Each newsletter figure once, computed: no typed "ongeveer 30%" beside it.
    open_rate, click_rate = (
        " ".join(percent(newsletters[key]).split()) for key in ("open_rate", "click_rate")
    )
    assert f"{open_rate} daarvan opende de nieuwsbrief" in text
    assert f"{click_rate} klikte door" in text
    assert "ongeveer 30%" not in text and f"{number(newsletters['recipients'])} ontvangers" in text
    assert "GREEP UIT DE RESULTATEN" in text and "Eindresultaat 2030" in text


def test_the_pdf_has_a_cover_contents_with_page_numbers_and_dutch_metadata(demo, demo_report):
    rendered = demo_report
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert reader.metadata.title == "Jaarverslag 2025 – Ingrado"
    assert reader.metadata.author == "Ingrado"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Jaarverslag 2025" in cover and "Publieksversie" in cover
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Inhoud" in contents
    # Each entry is followed by the number of the page where it starts (target-counter()).
    listed = int(re.search(r"Programma 1: Versterk de basis ?(\d+)", contents).group(1))
    starts = next(
        number
        for number, page in enumerate(reader.pages, start=1)
        if number > 2 and "PROGRAMMA 1" in page.extract_text()
    )
    assert listed == starts
    assert "@page" in rendered.html and "target-counter" in rendered.html
    assert "counter(page)" in rendered.html and 'lang="nl"' in rendered.html
    assert len(reader.pages) > 8


def test_the_report_shows_the_years_side_by_side_as_svg_charts(demo, demo_report):
    html = demo_report.html
    # Questions, share within five working days, participants, and the topics (the QR code
    # is the sixth SVG).
    assert html.count('class="chart"') == 4
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
    assert projects["Kennis"].topics == [
        (name, number(count)) for name, count in knowledge["top_topics"][:3]
    ]
    assert {f.label: f.value for f in projects["Academie"].figures} == {
        "trainingen, workshops en webinars": str(academy["activities"]),
        "deelnemers": str(academy["participants"]),
        "gemiddelde evaluatie": number(academy["average_rating"], 1),
        "certificaten": str(academy["certificates"]),
    }
    assert all(f.computed for f in projects["Kennis"].figures + projects["Academie"].figures)


def test_the_demo_reproduces_the_figures_of_the_2025_annual_report(demo):
    kennis = {f.label: f.value for f in _projects()["Kennis"].figures}
    assert kennis == {"vragen": "508", "vragenstellers": "297", "organisaties": "152"}
    assert _projects()["Kennis"].topics == [
        ("Vrijstellingen", "92"),
        ("Aanwezigheid en verzuim", "86"),
        ("Wet politiegegevens", "81"),
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
    # An English phrase is marked <span lang="en">, a date held on one line.
    words = re.sub(r"<[^>]+>", "", page).replace("\u00a0", " ")
    for result in Result.objects.filter(year=2025):
        assert result.text.replace("'", "&#x27;") in words
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


def test_the_series_per_year_count_as_the_year_figures_do(demo):
    rows = knowledge_stats.answered_per_year(2016, 2025)
    assert [row["year"] for row in rows] == [2021, 2022, 2023, 2024, 2025]
    for row in rows:
        figures = knowledge_stats.year_figures(row["year"])
        assert (row["answered"], row["share_within_five_days"], row["median_working_days"]) == (
            figures["answered"],
            figures["share_within_five_days"],
            figures["median_working_days"],
        )
    participants = academy_stats.participants_per_year(2016, 2025)
    assert [year for year, _count in participants] == [2021, 2022, 2023, 2024, 2025]
    for year, count in participants:
        assert count == academy_stats.year_figures(year)["participants"]
    # The 2025 figures of the seed are kept: the years before are added beside them.
    assert rows[-1]["answered"] == 508


def test_the_online_version_shows_the_same_kerncijfers_and_charts(member_client, demo):
    page = member_client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    pdf_html = report.render_report_html(2025)
    assert "Kerncijfers 2025" in page and "De jaren naast elkaar" in page
    for tile in re.findall(r'<strong class="tile-value">[^<]*</strong>', pdf_html):
        assert tile in page
    # The same charts, online as HTML whose text keeps the page's size (issue 25 §7): the
    # title and every number the PDF's chart draws.
    titles = re.findall(r"<figcaption>([^<]*)</figcaption>", pdf_html)
    assert len(titles) == 4
    for title in titles:
        assert f"<figcaption>{title}</figcaption>" in page
    assert page.count('class="chart-figure html-chart') == 4 and 'class="chart"' not in page
    for chart in report.report_charts(2025).values():
        for row in chart.rows:
            assert f'<th scope="row">{escape(row.label)}</th>' in page
            assert f'<span class="num">{row.value}</span>' in page
    assert "Jaarplan 2025: beoogd en bereikt" in page
    # Members cannot download the PDF, so they are not offered it.
    assert "/jaarverslag/rapport/" not in page and "Publieksversie 2025" not in page


# --- what Bijeenkomsten says: the ALVs, rayondagen, kick-off and region visits ------------

MEETINGS_2025 = [
    "Twee algemene ledenvergaderingen en bijbehorende werkconferenties, op 16 april en op "
    "30 september.",
    "Twee rayondagen, in samenwerking met de rayoncontactpersonen: rayon Midden (20 maart) en "
    "rayon Zuid-Oost (6 november).",
    "Kick-off voor de rayoncontactpersonen (4 februari).",
    "Dertien Doorstroompunt-regio's bezocht.",
]
# What the demo typed before the meetings computed it.
TYPED_BEFORE = [
    "Dertien Doorstroompunt-regio's bezocht om te adviseren",
    "Kick-off voor de rayoncontactpersonen. ",
]


def test_the_pdf_states_the_alv_dates_rayondagen_kick_off_and_regions_from_the_meetings(
    demo, demo_report
):
    assert not Result.objects.filter(year=2025, text__contains="ledenvergaderingen").exists()
    assert not Result.objects.filter(year=2025, text__contains="rayondag").exists()
    text = pdf_text(demo_report.pdf)
    for sentence in MEETINGS_2025:
        assert text.count(sentence) == 1, sentence
    for typed in TYPED_BEFORE:
        assert typed not in text
    assert "13 regio's bezocht" in text
    # Under their projects: the ALVs in Community, the visits in Voortijdig schoolverlaten.
    community = text.index("Lancering online community")
    assert community < text.index(MEETINGS_2025[0]) < text.index("Eindresultaat 2030", community)
    vsv = text.index("Ontwikkeling van drie leergangen")
    assert vsv < text.index(MEETINGS_2025[3]) < text.index("Eindresultaat 2030", vsv)
    # "2025 in vogelvlucht" keeps the dates, in the order they happened.
    glance = text[text.index("2025 in vogelvlucht") : text.index("Leden aan het woord")]
    dates = [
        "20 maart 2025 Rayondag rayon Midden",
        "16 april 2025 Algemene ledenvergadering met werkconferentie",
        "24 september 2025 Op 24 september 2025 is de Ingrado Academie",
        "30 september 2025 Algemene ledenvergadering met werkconferentie",
        "6 november 2025 Rayondag rayon Zuid-Oost",
    ]
    positions = [glance.index(line) for line in dates]
    assert positions == sorted(positions)


def test_the_online_version_states_them_too(member_client, demo):
    page = member_client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    words = re.sub(r"<[^>]+>", "", page).replace("\u00a0", " ").replace("&#x27;", "'")
    words = " ".join(words.split())
    for sentence in MEETINGS_2025:
        assert words.count(sentence) == 1, sentence
    for typed in TYPED_BEFORE:
        assert typed not in words
    assert "16 april 2025: Algemene ledenvergadering met werkconferentie." in words


def test_a_cancelled_rayondag_leaves_the_report(demo):
    from django.core.cache import cache

    from meetings.models import Meeting

    Meeting.objects.filter(kind=Meeting.Kind.RAYONDAG, date="2025-11-06").update(
        status=Meeting.Status.CANCELLED
    )
    cache.clear()
    items = [item.replace("\xa0", " ") for item in _projects()["Community"].computed_items]
    assert (
        "Eén rayondag, in samenwerking met de rayoncontactpersonen: rayon Midden (20 maart)."
        in items
    )
    assert not any("Zuid-Oost" in item for item in items)


def test_a_project_renamed_in_the_admin_keeps_the_meetings_sentences(demo):
    Project.objects.filter(code="community").update(name="Ontmoeten", slug="ontmoeten")
    items = _projects()["Ontmoeten"].computed_items
    assert items and "algemene ledenvergaderingen" in items[0]


def test_the_project_page_shows_the_meetings_sentences_as_computed(member_client, demo):
    page = member_client.get(reverse("programmes:project_detail", args=["community"]))
    words = " ".join(page.content.decode().replace("\u00a0", " ").split())
    assert 'op 16 april en op 30 september. <span class="badge">berekend</span>' in words
    page = member_client.get(
        reverse("programmes:project_detail", args=["voortijdig-schoolverlaten"])
    ).content.decode()
    assert "Dertien Doorstroompunt-regio&#x27;s bezocht." in page
    assert "<strong>13</strong> regio&#x27;s bezocht" in page
