"""The jaarverslag as a board hands it out, read back from the PDF: the publieksversie's parts
beside the seed, its link and QR code on the public address, one format per number, each
programme on a page of its own, a clean PDF/UA-1 (pikepdf reading the structure tree and
the content streams) and no half-empty pages but where a part ends."""

import io
import re
import shutil
import subprocess
from types import SimpleNamespace

import pikepdf
import pytest
from pypdf import PdfReader

from academy import stats as academy_stats
from ingrado.formatting import number, percent
from knowledge import stats as knowledge_stats
from programmes import report
from programmes.models import Programme
from programmes.selectors import figures_order

from . import pdf
from .conftest import pdf_text

# The tests read what the module's fixture rendered; the mark gives each the test database.
# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_report_pdf")]

PUBLIC = "https://portal.ingrado.nl"
LOCAL = re.compile(r"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0", re.IGNORECASE)
# The seed's programme names (jaarverslag-2025-publieksversie.txt).
SEED_PROGRAMMES = [
    (1, "Versterk de basis"),
    (2, "Vind je plek"),
    (3, "Versterkt en zichtbaar vakmanschap"),
    (4, "Zichtbaar en vindbaar"),
    (5, "Verbonden vereniging"),
]


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The demo's jaarverslag 2025 made on the public address, rendered once for the module,
    with the figures of the data it was made from: seeded and read in one transaction that
    is rolled back, so nothing stays behind for other tests."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    from members.roles import sync_roles

    cache.clear()  # figures an earlier test of this process left in the cache
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(DEBUG=True, SITE_URL=PUBLIC),
    ):
        sync_roles()
        call_command("seed_demo", stdout=io.StringIO())
        rendered = report.build_report(2025)
        data = SimpleNamespace(
            html=rendered.html,
            pdf=rendered.pdf,
            rendered=rendered,
            pages=pdf.laid_out_pages(rendered.html),
            knowledge=[knowledge_stats.year_figures(year) for year in (2025, 2024)],
            academy=[academy_stats.year_figures(year) for year in (2025, 2024)],
            answered_per_year=knowledge_stats.answered_per_year(2016, 2025),
            programmes=[
                (programme.number, programme.name)
                for programme in Programme.objects.order_by(figures_order())
            ],
        )
        transaction.set_rollback(True)
    return data


@pytest.fixture
def rendered(demo_report):
    return demo_report


@pytest.fixture
def pages(demo_report):
    return demo_report.pages


@pytest.fixture(scope="module")
def split(demo_report):
    """Per page, the text of its tagged content and of its artifacts, each read back from a
    copy of the page whose content stream holds only that part."""
    return pdf.tagged_and_artifact_texts(demo_report.pdf)


# --- public and safe ---------------------------------------------------------------------


def test_with_a_public_site_url_no_local_address_is_anywhere_in_the_pdf(rendered):
    assert rendered.rendered.site_url == PUBLIC and not rendered.rendered.is_draft
    assert not LOCAL.search(pdf_text(rendered.pdf))
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        for found in document.objects:
            if isinstance(found, pikepdf.String):
                assert not LOCAL.search(str(found))
            elif isinstance(found, pikepdf.Dictionary) and found.get("/Type") == "/Annot":
                link = str(found.A.URI) if "/A" in found else str(found.Dest)
                assert link.startswith((f"{PUBLIC}/", "mailto:")) or "/A" not in found, link
            elif isinstance(found, pikepdf.Stream) and found.get("/Type") == "/Metadata":
                assert not LOCAL.search(found.read_bytes().decode())
    assert "Concept" not in pdf_text(rendered.pdf) and "CONCEPT" not in pdf_text(rendered.pdf)


def test_the_qr_code_decodes_to_the_public_online_version(rendered):
    # The page whose figure is the QR code (its alternate text names it), read as a phone
    # would: rendered and decoded.
    on = {page for tag, page, alt in pdf.structure(rendered.pdf) if alt.startswith("QR-code")}
    assert len(on) == 1
    assert pdf.decoded_qr_codes(rendered.pdf, pages=on) == [f"{PUBLIC}/jaarverslag/2025/"]
    # The same address as a real link beside it.
    assert "Ganaarportal.ingrado.nl/jaarverslag/2025ofscandeQR-code." in re.sub(
        r"\s", "", pdf_text(rendered.pdf)
    )
    assert f'<a href="{PUBLIC}/jaarverslag/2025/">' in rendered.html


def test_a_report_made_on_a_local_address_is_a_draft_and_says_so(small_plan, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    made = report.build_report(2025)
    assert made.is_draft
    text = pdf_text(made.pdf)
    assert "Concept: gemaakt met het lokale adres http://127.0.0.1:8000" in text
    assert "Publieksversie · CONCEPT" in text  # the running header of every page


# --- the look --------------------------------------------------------------------------------


def test_the_cover_has_the_logo_title_publication_date_photo_plan_and_mission(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.startswith("Jaarverslag 2025 Publieksversie Gepubliceerd op ")
    assert "Strategisch plan 2025–2030: Samen kansen zien en waarmaken" in cover
    assert "Iedere jongere heeft recht op onderwijs en ontwikkeling – daar maken" in cover
    figures = [(page, alt) for tag, page, alt in pdf.structure(rendered.pdf) if tag == "Figure"]
    assert figures[:2] == [
        (0, "Ingrado"),
        (0, "Illustratie: vlakken in de kleuren van de vijf programma's."),
    ]
    assert '<img class="logo" src="static/img/logo.svg" alt="Ingrado">' in rendered.html
    assert "favicon" not in rendered.html


def test_one_humanist_typeface_is_embedded(rendered):
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        fonts = {
            str(font.get("/BaseFont"))
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
        }
    assert fonts and all("Atkinson-Hyperlegible" in font for font in fonts), fonts
    assert "static/fonts/atkinson-hyperlegible/" in rendered.html


def test_the_back_cover_has_contact_colophon_and_accessibility_without_header_or_number(
    split, rendered
):
    tagged, artifacts = split[-1]
    for heading in ("Contact", "Colofon", "Toegankelijkheid"):
        assert heading in tagged
    assert "PDF/UA-1" in tagged and "info@ingrado.nl" in tagged
    assert "Pagina" not in tagged + artifacts and "Publieksversie ·" not in artifacts


# --- the parts of a publieksversie, in the plan's terms --------------------------------------


def test_the_seeds_sections_and_the_publieksversie_parts_are_all_present(rendered):
    text = pdf_text(rendered.pdf)
    for heading in (
        "Voorwoord",
        "Inleiding",
        "Lees meer",
        "2025 in vogelvlucht",
        "Leden aan het woord",
        "Kerncijfers 2025",
        "Stand jaarplan 2025",
        "Vooruitblik 2026",
        "Financiën",
        "Eindresultaat 2030",
        "GREEP UIT DE RESULTATEN",
    ):
        assert heading in text, heading
    assert "Het werk van Ingrado is verdeeld over programma's. In 2025 waren dit er vijf." in text
    for number_, name in SEED_PROGRAMMES:
        assert f"Programma {number_}: {name}" in text
    assert "Petra Hoekstra Voorzitter" in text
    assert "24 september 2025 Op 24 september 2025 is de Ingrado Academie" in text
    # The Academie in the plan's measure, the helpdesk as the seed writes it.
    assert "Alle 23 activiteiten gemiddeld 8 of hoger; gemiddeld 8,6." in text
    assert "In totaal werden 508 vragen via de Q&A" in text
    assert "Vrijstellingen (92)" in text


def test_a_heading_with_nothing_under_it_is_left_out(rendered):
    text = pdf_text(rendered.pdf)
    # Gezonde vereniging has no highlight of 2025: its project shows its eindresultaat only.
    gezond = text[text.index("Gezonde vereniging Eindresultaat") :]
    assert "GREEP UIT DE RESULTATEN" not in gezond[:80]
    assert not re.search(r"<h[2-4][^>]*>\s*</h[2-4]>", rendered.html)


def test_every_figure_is_dated_to_the_reporting_year(rendered):
    text = pdf_text(rendered.pdf)
    assert "Leden geregistreerd in het KRSD op 31 december 2025" in text
    assert "het plan streeft naar 40 % in 2030" in text
    assert "stand bij publicatie" not in text  # 2025 is over: counted on 31 December


# --- one format per number -------------------------------------------------------------------


def _raw_numbers(text: str) -> list[str]:
    """Numbers of four digits or more written without a thousands separator, years aside."""
    return [
        found
        for found in re.findall(r"(?<![\d.,])\d{4,}(?![\d.,])", text)
        if not 2000 <= int(found) <= 2035
    ]


def test_one_format_per_number_in_the_pdf(rendered):
    text = pdf_text(rendered.pdf)
    assert _raw_numbers(text) == []
    assert not re.search(r"\d%", text)  # a percentage keeps its space: 30,1 %
    recipients = rendered.knowledge[0]["answered"]
    assert number(recipients) in text
    assert "4.043 ontvangers per nieuwsbrief" in text or "4.043" in text


def test_one_format_per_number_in_the_online_version(client, rendered, demo):
    from django.test import override_settings
    from django.urls import reverse

    from programmes.models import AnnualReport
    from programmes.services import report_publish

    with override_settings(SITE_URL=PUBLIC):
        published = AnnualReport.objects.create(
            year=2025, state="ready", site_url=PUBLIC, file="reports/jv.pdf"
        )
        report_publish(report=published, actor=None)
    html = client.get(reverse("programmes:report_online", args=[2025])).content.decode()
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script|svg)[\s\S]*?</\1>", " ", html))
    assert "4.043" in text or "508" in text
    assert _raw_numbers(text) == []


# --- page flow ---------------------------------------------------------------------------------


def test_every_programme_starts_a_page(split, rendered):
    starts = [tagged for tagged, _artifacts in split]
    for number_, _name in SEED_PROGRAMMES:
        banner = f"PROGRAMMA {number_} · SPEERPUNT"
        on = [index for index, text in enumerate(starts) if banner in text]
        assert on and starts[on[0]].startswith(banner), number_
    assert any(text.startswith("BEDRIJFSVOERING Bedrijfsvoering") for text in starts)
    assert ".programme { break-before: page; }" in rendered.html


def test_lead_paragraphs_are_regular_eleven_point(rendered):
    assert ".lead { font-size: 11pt; font-weight: 400;" in rendered.html
    assert '<p class="horizon">' not in rendered.html


def test_no_page_is_less_than_a_third_full_but_where_a_part_ends(pages, split):
    """A short page is allowed only before a page that starts a part (a programme, the
    outlook) or the back cover: the break is the design, not an accident."""
    fills = [pdf.fill(page) for page in pages]
    starts = [tagged for tagged, _artifacts in split]
    parts = (
        "Inleiding",
        "2025 in vogelvlucht",
        "Kerncijfers",
        "De jaren naast elkaar",
        "PROGRAMMA ",
        "BEDRIJFSVOERING",
        "Vooruitblik",
        "Iedere jongere",  # the back cover
    )
    for index, filled in enumerate(fills[2:-1], start=2):
        if filled < 1 / 3:
            assert starts[index + 1].startswith(parts), f"page {index + 1} is {filled:.0%} full"


def test_no_heading_ends_a_page(pages):
    for index, page in enumerate(pages[:-1], start=1):
        assert not pdf.ends_with_heading(page), f"page {index} ends with a heading"


def test_no_table_tile_row_chart_or_project_is_split_over_two_pages(pages):
    def kept_whole(box):
        classes = (box.element.get("class") or "").split()
        return box.element_tag in ("table", "figure", "blockquote") or bool(
            {"tiles", "figures", "end", "project", "read-more"} & set(classes)
        )

    found = pdf.pages_of(pages, kept_whole)
    assert len(found) > 30
    split = [element.get("class") for element, on in found.items() if len(on) > 1]
    assert split == []


def test_the_tiles_are_equal_on_a_grid_and_no_value_wraps(pages, rendered):
    groups = [
        box
        for page in pages
        for box in pdf.boxes(page, lambda box: "tiles" in (box.element.get("class") or "").split())
    ]
    assert len(groups) == 3
    for group in groups:
        assert len({round(tile.width, 1) for tile in group.children}) == 1
    assert "white-space: nowrap" in rendered.html.split(".tile-value", 1)[1].split("}", 1)[0]


# --- charts --------------------------------------------------------------------------------------


def test_the_charts_have_the_other_topics_bar_and_the_target_line(rendered):
    structure = pdf.structure(rendered.pdf)
    alts = [alt for tag, _page, alt in structure if tag == "Figure"]
    topics = next(alt for alt in alts if alt.startswith("Onderwerpen van de vragen, 2025"))
    shown = rendered.knowledge[0]["top_topics"]
    rest = sum(count for _name, count in shown[8:])
    assert f"Overige onderwerpen: {number(rest)} (2025)" in topics
    within = next(alt for alt in alts if alt.startswith("Aandeel binnen vijf werkdagen"))
    assert within.endswith("Doel: elke vraag (100,0 %).") or "doel: elke vraag" in within
    assert 'stroke-dasharray="3 2"' in rendered.html
    questions = next(alt for alt in alts if alt.startswith("Beantwoorde vragen per jaar"))
    for row in rendered.answered_per_year:
        assert f"{row['year']}: {number(row['answered'])}" in questions


def test_the_kerncijfers_state_each_figure_beside_the_previous_year(rendered):
    text = pdf_text(rendered.pdf)
    knowledge, academy = rendered.knowledge, rendered.academy
    expected = [
        ("Beantwoorde vragen", knowledge, "answered", 0, False),
        ("Binnen vijf werkdagen beantwoord", knowledge, "share_within_five_days", 1, True),
        ("Deelnemers", academy, "participants", 0, False),
        ("Gemiddelde evaluatie (1–10)", academy, "average_rating", 1, False),
    ]
    for label, (now, before), key, decimals, percentage in expected:
        write = percent if percentage else number
        value, previous = write(now[key], decimals), write(before[key], decimals)
        assert f"{label} {' '.join(value.split())}" in text, label
        assert f"2024: {' '.join(previous.split())}" in text, label


# --- PDF/UA-1 -------------------------------------------------------------------------------------


def test_running_headers_footers_and_page_numbers_are_artifacts(split):
    total = len(split)
    for index, (tagged, artifacts) in enumerate(split[1:-1], start=2):
        assert "Ingrado · Jaarverslag 2025 · Publieksversie" in artifacts, index
        assert f"Pagina {index} van {total}" in artifacts, index
        assert "Pagina" not in tagged and "Publieksversie ·" not in tagged, index


def test_every_text_is_tagged_or_an_artifact_and_the_parent_tree_holds_no_stray_content(
    rendered,
):
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        for page in document.pages:
            depth = 0
            for _operands, operator in pikepdf.parse_content_stream(page):
                name = str(operator)
                if name in ("BDC", "BMC"):
                    depth += 1
                elif name == "EMC":
                    depth -= 1
                elif name in ("Tj", "TJ", "'", '"', "Do", "f", "f*", "S"):
                    assert depth > 0, f"{name} outside marked content"
        tree = document.Root.StructTreeRoot
        reachable = pdf.structure_elements(tree)
        nums = tree.ParentTree.Nums
        for index in range(0, len(nums), 2):
            entry = nums[index + 1]
            for element in entry if isinstance(entry, pikepdf.Array) else [entry]:
                if element is not None and isinstance(element, pikepdf.Dictionary):
                    assert element.objgen in reachable


def test_the_contents_are_a_toc_with_one_link_per_entry_and_no_leader_text(rendered):
    structure = pdf.structure(rendered.pdf)
    tags = [tag for tag, _page, _alt in structure]
    assert tags.count("TOC") == 1
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        toc = pdf.find_elements(document.Root.StructTreeRoot, "/TOC")[0]
        items = [kid for kid in toc.K if kid.get("/S") == "/TOCI"]
        assert len(items) >= 12
        for item in items:
            assert len(pdf.find_elements(item, "/Link")) == 1
    contents = PdfReader(io.BytesIO(rendered.pdf)).pages[1].extract_text()
    assert "..." not in contents and "leader(" not in rendered.html


def test_table_headers_have_a_scope_and_english_phrases_are_marked(rendered):
    with pikepdf.open(io.BytesIO(rendered.pdf)) as document:
        root = document.Root.StructTreeRoot
        headers = pdf.find_elements(root, "/TH")
        assert headers and all(str(th.A.Scope) in ("/Column", "/Row") for th in headers)
        english = [span for span in pdf.find_elements(root, "/Span") if "/Lang" in span]
        assert [str(span.Lang) for span in english] == ["en"]
    assert '<span lang="en">From absence to attendance</span>' in rendered.html


def test_no_automatic_hyphenation_dates_held_together_and_ranges_with_en_dashes(rendered):
    assert "hyphens: auto" not in rendered.html and "hyphens: manual" in rendered.html
    raw = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "\u2010" not in raw  # WeasyPrint's hyphen at a line break
    assert "24\u00a0september\u00a02025" in rendered.html
    text = pdf_text(rendered.pdf)
    assert "2025–2030" in text and "2025-2030" not in text and "23–27 jaar" in text


def test_the_pdf_is_tagged_pdf_ua_in_dutch_and_opens_with_its_outline(rendered):
    reader = PdfReader(io.BytesIO(rendered.pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl" and root["/PageMode"] == "/UseOutlines"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Jaarverslag 2025 – Ingrado"
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    if shutil.which("pdfinfo"):  # poppler's own reading, where it is installed
        info = subprocess.run(
            ["pdfinfo", "-"], input=rendered.pdf, capture_output=True, check=True
        ).stdout.decode()
        assert re.search(r"Tagged:\s+yes", info)


def test_the_outline_lists_the_parts_and_the_programmes_with_their_projects(rendered):
    outline = pdf.outline(rendered.pdf)
    top = [title for level, title in outline if level == 1]
    assert top[:5] == [
        "Voorwoord",
        "Inleiding",
        "2025 in vogelvlucht",
        "Kerncijfers 2025",
        "De jaren naast elkaar",
    ]
    assert top[5:10] == [f"Programma {n}: {name}" for n, name in SEED_PROGRAMMES]
    assert top[10:] == ["Bedrijfsvoering", "Vooruitblik 2026"]
    assert (2, "Kennis") in outline and (2, "Academie") in outline


def test_the_structure_holds_headings_figures_and_reading_order(rendered):
    structure = pdf.structure(rendered.pdf)
    tags = [tag for tag, _page, _alt in structure]
    assert tags.count("H1") == 1 and tags.count("H2") >= 12 and tags.count("H3") >= 13
    for tag, _page, alt in structure:
        if tag == "Figure":
            assert alt, "a figure without alternate text"
    heading_pages = [page for tag, page, _alt in structure if tag in ("H1", "H2", "H3")]
    assert heading_pages == sorted(heading_pages)
