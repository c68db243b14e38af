"""The jaarverslag's kerncijfer tiles keep their text at 8 pt or more (issue 26 §6 "text of at
least 8 pt in every chart and tile"), measured in the generated PDF itself: every text run
drawn inside a tile, with the size it is printed at (its font size through the text and
graphics matrices), not the size the style sheet asks for."""

import io
import math

import pytest
from pypdf import PdfReader

from programmes import report

from . import pdf

# One xdist worker runs the whole module: its data is made once (a module-scoped fixture).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_report_tile_text")]

MINIMUM_PT = 8


@pytest.fixture(scope="module")
def demo_report(demo_data, django_db_blocker):
    """The demo's jaarverslag 2025, rendered once for the module."""
    with django_db_blocker.unblock():
        return report.build_report(2025)


def _tiles(page_boxes) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page index, (left, top, right, bottom) in CSS px) of every tile as laid out."""
    found = []
    for index, page_box in enumerate(page_boxes):
        for box in pdf.boxes(page_box, lambda b: "tile" in (b.element.get("class") or "").split()):
            left, top = box.border_box_x(), box.border_box_y()
            found.append((index, (left, top, left + box.border_width(), top + box.border_height())))
    return found


def _times(m, n):
    """The PDF matrix product m × n, each as [a b c d e f]."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return [
        a * na + b * nc,
        a * nb + b * nd,
        c * na + d * nc,
        c * nb + d * nd,
        e * na + f * nc + ne,
        e * nb + f * nd + nf,
    ]


def _runs(data: bytes) -> list[tuple[int, str, float, float, float]]:
    """Every text run of the PDF: (page index, text, x, y, size), x and y in points from the
    top-left corner of the page, the size in points as printed."""
    runs = []
    for index, page in enumerate(PdfReader(io.BytesIO(data)).pages):
        height = float(page.mediabox.top)

        def visit(text, cm, tm, font, size, index=index, height=height):
            if not text.strip():
                return
            a, b, c, d, e, f = _times(tm, cm)
            printed = size * math.sqrt(abs(a * d - b * c))
            runs.append((index, text, e, height - f, printed))

        page.extract_text(visitor_text=visit)
    return runs


def test_every_text_run_in_a_kerncijfer_tile_is_at_least_8_pt(demo, demo_report):
    page_boxes = pdf.laid_out_pages(demo_report.html)
    first_page = PdfReader(io.BytesIO(demo_report.pdf)).pages[0]
    # CSS px to PDF points: the page's width in both.
    scale = float(first_page.mediabox.width) / page_boxes[0].margin_width()
    assert scale == pytest.approx(0.75, abs=0.01)
    tiles = _tiles(page_boxes)
    assert len(tiles) >= 8, "the kerncijfers are in the report"

    def in_a_tile(run):
        index, _text, x, y, _size = run
        return any(
            on == index
            and left * scale <= x <= right * scale
            and top * scale <= y <= bottom * scale
            for on, (left, top, right, bottom) in tiles
        )

    in_tiles = [run for run in _runs(demo_report.pdf) if in_a_tile(run)]
    text = " ".join(" ".join(run[1] for run in in_tiles).split())
    # The runs found are the tiles' text: their labels, values and the previous year.
    assert "Beantwoorde vragen" in text and "2024:" in text, text
    sizes = sorted({round(run[4], 2) for run in in_tiles})
    # Measured, not assumed: the value (17 pt) and the label (8.5 pt) are among the sizes.
    assert 17 in sizes and 8.5 in sizes, sizes
    too_small = [(run[1], round(run[4], 2)) for run in in_tiles if run[4] < MINIMUM_PT - 0.01]
    assert too_small == []
