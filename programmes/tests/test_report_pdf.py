"""The jaarverslag as a board hands it out: cover, kerncijfers beside the year before, the
years side by side, status against the year plan, a tagged PDF/UA and no half-empty pages."""

import io
import re
import shutil
import subprocess
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from academy import stats as academy_stats
from knowledge import stats as knowledge_stats
from programmes import report
from programmes.models import Programme, Result
from programmes.report_figures import number
from programmes.selectors import figures_order

from . import pdf
from .conftest import pdf_text

# The tests read what the module's fixture rendered; the mark gives each the test database.
# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_report_pdf")]


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The demo's jaarverslag 2025 rendered once for the module, with the figures of the
    data it was made from: seeded and read in one transaction that is rolled back, so
    nothing stays behind for other tests."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from members.roles import sync_roles

    cache.clear()  # figures an earlier test of this process left in the cache
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        sync_roles()
        call_command("seed_demo", stdout=io.StringIO())
        rendered = report.build_report(2025)
        data = SimpleNamespace(
            html=rendered.html,
            pdf=rendered.pdf,
            pages=pdf.laid_out_pages(rendered.html),
            knowledge=[knowledge_stats.year_figures(year) for year in (2025, 2024)],
            academy=[academy_stats.year_figures(year) for year in (2025, 2024)],
            answered_per_year=knowledge_stats.answered_per_year(2016, 2025),
            participants_per_year=academy_stats.participants_per_year(2016, 2025),
            programmes=[
                (
                    programme.number,
                    programme.name,
                    *(
                        Result.objects.filter(project__programme=programme, year=year).count()
                        for year in (2025, 2024)
                    ),
                )
                for programme in Programme.objects.order_by(figures_order())
            ],
            leergangen=Result.objects.get(text__startswith="Ontwikkeling van drie leergangen"),
        )
        transaction.set_rollback(True)
    return data


@pytest.fixture
def rendered(demo_report):
    return demo_report


@pytest.fixture
def pages(demo_report):
    return demo_report.pages


def _change(now, before, decimals=0, percentage=False):
    """The change in the words of the report, from the two values."""
    change = round(now - before, decimals)
    amount = number(abs(change), decimals)
    if change == 0:
        return "= gelijk aan 2024"
    arrow, word = ("▲", "hoger") if change > 0 else ("▼", "lager")
    if percentage:
        return f"{arrow} {amount} procentpunt {word} dan in 2024"
    if decimals:
        return f"{arrow} {amount} {word} dan in 2024"
    return f"{arrow} {amount} {'meer' if change > 0 else 'minder'} dan in 2024"


def test_the_kerncijfers_page_states_each_figure_beside_the_previous_year_and_the_change(
    rendered,
):
    text = pdf_text(rendered.pdf)
    assert "Kerncijfers 2025" in text
    knowledge, academy = rendered.knowledge, rendered.academy
    assert knowledge[0]["answered"] == 508 and knowledge[1]["answered"]  # the seed's 2025
    expected = [
        ("Beantwoorde vragen", knowledge, "answered", 0, False),
        ("Vragenstellers", knowledge, "askers", 0, False),
        ("Binnen vijf werkdagen beantwoord", knowledge, "share_within_five_days", 1, True),
        ("Mediaan werkdagen tot antwoord", knowledge, "median_working_days", 1, False),
        ("Trainingen, workshops en webinars", academy, "activities", 0, False),
        ("Deelnemers", academy, "participants", 0, False),
        ("Certificaten", academy, "certificates", 0, False),
        ("Gemiddelde evaluatie (1-10)", academy, "average_rating", 1, False),
    ]
    for label, (now, before), key, decimals, percentage in expected:
        unit = "%" if percentage else ""
        value, previous = now[key], before[key]
        assert (
            f"{label} {number(value, decimals)}{unit}"
            f"{_change(value, previous, decimals, percentage)} "
            f"2024: {number(previous, decimals)}{unit}"
        ) in text, label
    assert "Aangesloten organisaties" in text and "Leden geregistreerd in het KRSD" in text


def test_the_results_per_programme_are_counted_for_the_year_and_the_year_before(rendered):
    text = pdf_text(rendered.pdf)
    for number_, name, now, before in rendered.programmes:
        label = f"Programma {number_}: {name}" if number_ else name
        assert f"{label} {now} {before} {_change(now, before)}" in text


def test_the_years_side_by_side_show_every_year_with_data_and_no_year_without(rendered):
    structure = pdf.structure(rendered.pdf)
    alts = [alt for tag, _page, alt in structure if tag == "Figure"]
    questions = next(alt for alt in alts if alt.startswith("Beantwoorde vragen per jaar"))
    for row in rendered.answered_per_year:
        assert f"{row['year']}: {number(row['answered'])}" in questions
    # The default demo has no questions before 2021: those years are left out, not zero.
    assert "2020" not in questions and ": 0;" not in questions
    assert questions.count(";") == 4  # 2021-2025
    participants = next(alt for alt in alts if alt.startswith("Deelnemers aan de Academie"))
    for year, count in rendered.participants_per_year:
        assert f"{year}: {number(count)}" in participants
    topics = next(alt for alt in alts if alt.startswith("Onderwerpen van de vragen, 2025"))
    before = dict(rendered.knowledge[1]["top_topics"])
    for name, count in rendered.knowledge[0]["top_topics"][:8]:
        assert f"{name}: {count} (2025), {before.get(name, 0)} (2024)" in topics


def test_the_pdf_is_tagged_pdf_ua_in_dutch_with_its_title_shown_as_the_window_title(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Jaarverslag 2025 – Ingrado"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    if shutil.which("pdfinfo"):  # poppler's own reading, where it is installed
        info = subprocess.run(
            ["pdfinfo", "-"], input=rendered.pdf, capture_output=True, check=True
        ).stdout.decode()
        assert re.search(r"Tagged:\s+yes", info)
        assert re.search(r"Title:\s+Jaarverslag 2025 – Ingrado", info)


def test_the_structure_tree_holds_headings_and_figures_with_alternative_texts(rendered):
    structure = pdf.structure(rendered.pdf)
    tags = [tag for tag, _page, _alt in structure]
    assert tags.count("H1") == 1 and tags.count("H2") >= 9 and tags.count("H3") >= 13
    assert "Table" in tags and "TH" in tags and "L" in tags
    figures = [(page, alt) for tag, page, alt in structure if tag == "Figure"]
    assert figures[0] == (0, "Logo van Ingrado")  # the cover's logo
    charts = figures[1:]
    assert len(charts) == 5
    for _page, alt in charts:
        assert re.search(r"\d", alt), alt  # every chart states its numbers
    # Reading order as printed: the headings' pages never go back.
    heading_pages = [page for tag, page, _alt in structure if tag in ("H1", "H2", "H3")]
    assert heading_pages == sorted(heading_pages)


def test_the_outline_lists_the_five_programmes_with_their_projects(rendered):
    outline = pdf.outline(rendered.pdf)
    top = [title for level, title in outline if level == 1]
    assert top[:3] == ["Inleiding", "Kerncijfers 2025", "De jaren naast elkaar"]
    assert top[3:8] == [f"Programma {n}: {name}" for n, name, *_c in rendered.programmes[:5]]
    assert top[8:] == ["Bedrijfsvoering"]
    assert (2, "Kennis") in outline and (2, "Academie") in outline


def test_the_cover_has_the_logo_title_year_subtitle_plan_and_mission(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.startswith("Ingrado Jaarverslag 2025 Publieksversie")
    assert "Strategisch plan 2025–2030: Samen kansen zien en waarmaken" in cover
    assert "Iedere jongere heeft recht op onderwijs en ontwikkeling – daar maken" in cover
    assert '<img class="logo" src="static/img/logo.svg" alt="Logo van Ingrado">' in rendered.html
    assert "/XObject" in reader.pages[0]["/Resources"]  # the logo, drawn


def test_every_page_but_the_cover_has_the_running_header_and_its_page_number(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    total = len(reader.pages)
    for number_, page in enumerate(reader.pages[1:], start=2):
        text = " ".join(page.extract_text().split())
        assert "Ingrado · Jaarverslag 2025 · Publieksversie" in text
        assert f"Pagina {number_} van {total}" in text
    assert "font-family" in rendered.html.split("@page {", 1)[1].split("}", 1)[0]


def test_each_programmes_pages_carry_its_mark_in_the_header_and_its_colour(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    first = next(i for i, text in enumerate(texts) if "PROGRAMMA 1 · SPEERPUNT A" in text)
    # The header names the programme current at the top of each page, from the first
    # programme's page up to the closing page.
    for text in texts[first:-1]:
        assert re.search(r"Publieksversie (Programma [1-5] · |Bedrijfsvoering)", text), text[-90:]
    for number_, name, *_counts in rendered.programmes[:5]:
        assert f"Programma {number_} · {name} Pagina" in " ".join(texts)
    # Every programme's banner, header mark and projects in its own colour.
    for number_, *_rest in rendered.programmes:
        rule = re.search(rf"\.prog-{number_} \.banner[^{{]*\{{ background: (#\w+)", rendered.html)
        assert rule and f".prog-{number_} .project {{ border-left-color: {rule[1]}" in (
            rendered.html
        )
        assert f'<section class="programme prog-{number_}"' in rendered.html


def test_each_project_shows_its_year_plan_beside_the_status_of_its_results(rendered):
    text = pdf_text(rendered.pdf)
    assert text.count("Jaarplan 2025: beoogd en bereikt") == 13
    assert rendered.leergangen.status == "partly"
    assert "volgen in 2026. (deels behaald)" in text
    assert "2 resultaten vastgelegd: ✓ Behaald: 1 ◐ Deels behaald: 1" in text  # Studenten...
    assert "Gezonde vereniging" in text and "Er is geen jaarplan vastgelegd." not in text


def test_no_page_is_less_than_a_third_full_except_the_cover_the_contents_and_the_last(pages):
    fills = [pdf.fill(page) for page in pages]
    for index, filled in enumerate(fills[2:-1], start=3):
        assert filled >= 1 / 3, f"page {index} is {filled:.0%} full"


def test_no_heading_ends_a_page(pages):
    for index, page in enumerate(pages[:-1], start=1):
        assert not pdf.ends_with_heading(page), f"page {index} ends with a heading"


def test_no_table_key_figure_row_or_chart_is_split_over_two_pages(pages):
    def kept_whole(box):
        classes = (box.element.get("class") or "").split()
        return box.element_tag in ("table", "figure") or bool(
            {"tiles", "plan-status", "figures", "end"} & set(classes)
        )

    found = pdf.pages_of(pages, kept_whole)
    assert len(found) > 40
    split = [element.get("class") for element, on in found.items() if len(on) > 1]
    assert split == []


def test_the_html_asks_for_dutch_hyphenation_and_the_fonts_in_the_page_rules(rendered):
    html = rendered.html
    assert '<html lang="nl">' in html and "hyphens: auto" in html
    page_rules = re.findall(r"@page[^{]*\{(?:[^{}]|\{[^{}]*\})*\}", html)
    assert page_rules and all("font-family" in rule for rule in page_rules[:1])
    for margin_box in re.findall(r"@(?:top|bottom)-(?:left|right) \{[^}]*\}", page_rules[0]):
        assert "font-family" in margin_box
    assert "break-after: avoid" in html and "break-inside: avoid" in html
