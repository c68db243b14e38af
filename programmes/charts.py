"""Server-side SVG for the annual report (no JavaScript; the same SVG in the PDF and on the
page): its charts, and the QR code of its public address (`qr_code`, segno's vector SVG).

Each chart carries its text alternative, the title with every number it draws, as its
accessible name and as its SVG <title> (which WeasyPrint writes as the figure's alternate
text in the tagged PDF). Every text in the SVG is escaped here; the values are numbers
written by `ingrado.formatting`, the labels come from the data (topic names).
A series with fewer than two values is not drawn: the report states it in words.

One unit of a chart is one point of the printed page (the SVG's width is given in pt), so
the font sizes below are the printed sizes: none under MIN_FONT_PT.

The online version draws the same charts from `Chart.rows` as HTML (a table with a bar per
row, `_report_charts_online.html`): an SVG scaled to a phone's width would scale its text
with it, while HTML labels and numbers keep the page's size on a phone and a desktop alike
(issue 25 §7, as `knowledge/_bar_chart.html`).
"""

from dataclasses import dataclass

import segno
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ingrado.annual_figures import Series
from ingrado.formatting import number, percent

from .report_figures import series

BAR = "#6b1f5e"
EARLIER = "#a8789f"
TEXT = "#1d1d1f"
MUTED = "#55575c"
FONT = "Atkinson Hyperlegible, Verdana, sans-serif"
MIN_FONT_PT = 8
COLUMN_WIDTH, COLUMN_HEIGHT = 232, 140  # 82 mm wide: two charts side by side on A4
BARS_WIDTH = 482  # 170 mm: the text column


@dataclass(frozen=True)
class ChartRow:
    """One bar of the online chart: its label, its value written out and its length in
    percent of the longest bar; for a year beside the year before, the previous one too."""

    label: str
    value: str
    share: float
    highlight: bool = False
    previous: str = ""
    previous_share: float | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    svg: str = ""
    rows: tuple[ChartRow, ...] = ()
    compare: bool = False  # the year beside the year before (a legend of both)
    target_share: float | None = None  # where the dashed target line is, in percent
    target_text: str = ""


def _share(value, largest) -> float:
    return round(100 * (value or 0) / largest, 1) if largest else 0.0


def _value(value, data: Series) -> str:
    return percent(value, data.decimals) if data.percentage else number(value, data.decimals)


def _open(width: int, height: int, alt: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}pt" height="{height}pt" '
        f'font-family="{FONT}" aria-label="{escape(alt)}"><title>{escape(alt)}</title>'
    )


def column_chart(
    data: Series, *, highlight=None, width: int = COLUMN_WIDTH, height: int = COLUMN_HEIGHT
) -> Chart:
    """Vertical columns per year, the value above each column and `highlight` (the
    report's year) in the full colour; a dashed line at the series' target."""
    rows = [(label, value) for label, value in data.rows if value is not None]
    alt = (
        f"{data.title}: "
        + "; ".join(f"{label}: {_value(value, data)}" for label, value in rows)
        + "."
    )
    if data.target is not None:
        alt += " " + f"{data.target_label} ({_value(data.target, data)})."
    if len(rows) < 2:
        return Chart(data.title, alt if rows else data.title)
    top, bottom, side = 16, 16, 4
    right = 26 if data.target is not None else side  # room for the target's label
    room = height - top - bottom
    largest = 100 if data.percentage else max(value for _label, value in rows) or 1
    slot = (width - side - right) / len(rows)
    bar = min(34, slot * 0.62)
    size = 9 if len(rows) <= 6 else MIN_FONT_PT
    parts = [_open(width, height, alt)]
    for index, (label, value) in enumerate(rows):
        x = side + index * slot + (slot - bar) / 2
        tall = max(1.0, room * value / largest)
        y = top + room - tall
        fill = BAR if highlight is None or label == highlight else EARLIER
        middle = x + bar / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{tall:.1f}" '
            f'fill="{fill}"/>'
            f'<text x="{middle:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="{size}" '
            f'font-weight="bold" fill="{TEXT}">{escape(_value(value, data))}</text>'
            f'<text x="{middle:.1f}" y="{height - 4}" text-anchor="middle" font-size="{size}" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{side}" y1="{top + room}" x2="{width - right}" y2="{top + room}" '
        f'stroke="{MUTED}" stroke-width="0.75"/>'
    )
    if data.target is not None:
        y = top + room - room * data.target / largest
        parts.append(
            f'<line x1="{side}" y1="{y:.1f}" x2="{width - right + 2}" y2="{y:.1f}" '
            f'stroke="{TEXT}" stroke-width="0.75" stroke-dasharray="3 2"/>'
            f'<text x="{width - right + 4}" y="{y + 3:.1f}" '
            f'font-size="{MIN_FONT_PT}" fill="{TEXT}">{escape(_("goal"))}</text>'
        )
    parts.append("</svg>")
    return Chart(
        data.title,
        alt,
        mark_safe("".join(parts)),  # noqa: S308 - escaped above
        rows=tuple(
            ChartRow(
                str(label),
                _value(value, data),
                max(0.5, _share(value, largest)),
                highlight is None or label == highlight,
            )
            for label, value in rows
        ),
        target_share=None if data.target is None else min(100.0, _share(data.target, largest)),
        target_text=""
        if data.target is None
        else f"{data.target_label} ({_value(data.target, data)})",
    )


def paired_bar_chart(data: Series, *, year: int, width: int = BARS_WIDTH) -> Chart:
    """Horizontal bars per label: the year solid, the year before outlined (told apart by
    their shape and the legend, not only by colour)."""
    rows = data.rows
    compare = any(previous is not None for _label, _value, previous in rows)
    if compare:
        alt = f"{data.title}: " + "; ".join(
            f"{label}: {number(value)} ({year}), {number(previous)} ({year - 1})"
            for label, value, previous in rows
        )
    else:
        alt = f"{data.title}: " + "; ".join(
            f"{label}: {number(value)}" for label, value, _p in rows
        )
    alt += "."
    if len(rows) < 2:
        return Chart(data.title, alt if rows else data.title)
    label_width, top, bar, gap = 180, 22 if compare else 4, 11, 8
    group = bar * (2 if compare else 1) + gap
    height = top + len(rows) * group
    largest = max(max(value, previous or 0) for _label, value, previous in rows) or 1
    room = width - label_width - 44
    parts = [_open(width, height, alt)]
    if compare:
        parts.append(
            f'<rect x="{label_width}" y="4" width="9" height="9" fill="{BAR}"/>'
            f'<text x="{label_width + 13}" y="12" font-size="9" fill="{TEXT}">{year}</text>'
            f'<rect x="{label_width + 50.5}" y="4.5" width="8" height="8" fill="#fff" '
            f'stroke="{BAR}" stroke-width="1"/>'
            f'<text x="{label_width + 63}" y="12" font-size="9" fill="{TEXT}">{year - 1}</text>'
        )
    for index, (label, value, previous) in enumerate(rows):
        y = top + index * group
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar}" text-anchor="end" font-size="9" '
            f'fill="{TEXT}">{escape(str(label)[:38])}</text>'
        )
        drawn = [(value, f'fill="{BAR}"')]
        if compare:
            drawn.append((previous or 0, f'fill="#fff" stroke="{BAR}" stroke-width="1"'))
        for offset, (amount, style) in enumerate(drawn):
            length = max(2, round(room * amount / largest))
            y_bar = y + offset * bar
            parts.append(
                f'<rect x="{label_width}" y="{y_bar + 0.5}" width="{length}" '
                f'height="{bar - 1}" {style}/>'
                f'<text x="{label_width + length + 4}" y="{y_bar + bar - 2}" '
                f'font-size="{MIN_FONT_PT}" fill="{TEXT}">{escape(number(amount))}</text>'
            )
    parts.append("</svg>")
    return Chart(
        data.title,
        alt,
        mark_safe("".join(parts)),  # noqa: S308 - escaped above
        rows=tuple(
            ChartRow(
                str(label),
                number(value),
                max(0.5, _share(value, largest)),
                True,
                number(previous or 0) if compare else "",
                max(0.5, _share(previous, largest)) if compare else None,
            )
            for label, value, previous in rows
        ),
        compare=compare,
    )


def report_charts(year: int, cache: dict | None = None) -> dict[str, Chart]:
    """The years side by side, as charts: questions per year, the share answered within
    five working days, Academie participants and results recorded per year, the topics of
    the year beside the year before. A missing app's charts are left out."""
    columns, bars = {}, {}
    for key, data in series(year, cache).items():
        if not data.rows:
            continue  # no year with data: nothing to draw or say
        if len(data.rows[0]) == 3:  # the year beside the year before
            bars[key] = paired_bar_chart(data, year=year)
        else:
            columns[key] = column_chart(data, highlight=year)
    return {**columns, **bars}  # the wide bar charts after the pairs of columns


def qr_code(url: str) -> str:
    """The address as a QR code in vector SVG, its title naming the address."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, dark="#1d1d1f", title=translation.gettext("QR code to %(url)s") % {"url": url}
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's SVG
