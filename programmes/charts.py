"""Server-side SVG charts for the annual report (no JavaScript; the same SVG in the PDF and
on the page).

Each chart carries its text alternative, the title with every number it draws, as its
accessible name and as its SVG <title> (which WeasyPrint writes as the figure's alternate
text in the tagged PDF). Every text in the SVG is escaped here; the values are numbers
formatted by `report_figures.number`, the labels come from the data (topic names).
A series with fewer than two values is not drawn: the report states it in words.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .report_figures import Series, number, series

BAR = "#6b1f5e"
EARLIER = "#a8789f"
TEXT = "#1d1d1f"
MUTED = "#55575c"
FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    svg: str = ""


def _value(value, data: Series) -> str:
    return number(value, data.decimals) + ("%" if data.percentage else "")


def _open(width: int, height: int, alt: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{FONT}" aria-label="{escape(alt)}"><title>{escape(alt)}</title>'
    )


def column_chart(data: Series, *, highlight=None, width: int = 400, height: int = 210) -> Chart:
    """Vertical columns per year, the value above each column and `highlight` (the
    report's year) in the full colour."""
    rows = [(label, value) for label, value in data.rows if value is not None]
    alt = (
        f"{data.title}: "
        + "; ".join(f"{label}: {_value(value, data)}" for label, value in rows)
        + "."
    )
    if len(rows) < 2:
        return Chart(data.title, alt if rows else data.title)
    top, bottom, side = 26, 30, 8
    room = height - top - bottom
    largest = 100 if data.percentage else max(value for _label, value in rows) or 1
    slot = (width - 2 * side) / len(rows)
    bar = min(56, slot * 0.62)
    size = 12 if len(rows) <= 7 else 10
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
            f'<text x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="{size}" '
            f'font-weight="bold" fill="{TEXT}">{escape(_value(value, data))}</text>'
            f'<text x="{middle:.1f}" y="{height - 10}" text-anchor="middle" font-size="{size}" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{side}" y1="{top + room}" x2="{width - side}" y2="{top + room}" '
        f'stroke="{MUTED}" stroke-width="1"/></svg>'
    )
    return Chart(data.title, alt, mark_safe("".join(parts)))  # noqa: S308 - escaped above


def paired_bar_chart(data: Series, *, year: int, width: int = 640) -> Chart:
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
    label_width, top, bar, gap = 230, 30 if compare else 6, 12, 10
    group = bar * (2 if compare else 1) + gap
    height = top + len(rows) * group
    largest = max(max(value, previous or 0) for _label, value, previous in rows) or 1
    room = width - label_width - 60
    parts = [_open(width, height, alt)]
    if compare:
        parts.append(
            f'<rect x="{label_width}" y="6" width="12" height="12" fill="{BAR}"/>'
            f'<text x="{label_width + 18}" y="16" font-size="12" fill="{TEXT}">{year}</text>'
            f'<rect x="{label_width + 70.5}" y="6.5" width="11" height="11" fill="#fff" '
            f'stroke="{BAR}" stroke-width="1.5"/>'
            f'<text x="{label_width + 88}" y="16" font-size="12" fill="{TEXT}">{year - 1}</text>'
        )
    for index, (label, value, previous) in enumerate(rows):
        y = top + index * group
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar - 1}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(str(label)[:34])}</text>'
        )
        drawn = [(value, f'fill="{BAR}"')]
        if compare:
            drawn.append((previous or 0, f'fill="#fff" stroke="{BAR}" stroke-width="1.5"'))
        for offset, (amount, style) in enumerate(drawn):
            length = max(2, round(room * amount / largest))
            y_bar = y + offset * bar
            parts.append(
                f'<rect x="{label_width}" y="{y_bar + 0.75}" width="{length}" '
                f'height="{bar - 1.5}" {style}/>'
                f'<text x="{label_width + length + 6}" y="{y_bar + bar - 2}" font-size="11" '
                f'fill="{TEXT}">{escape(number(amount))}</text>'
            )
    parts.append("</svg>")
    return Chart(data.title, alt, mark_safe("".join(parts)))  # noqa: S308 - escaped above


def report_charts(year: int, cache: dict | None = None) -> dict[str, Chart]:
    """The years side by side, as charts: questions per year, the share answered within
    five working days, Academie participants and results recorded per year, the topics of
    the year beside the year before. A missing app's charts are left out."""
    found = series(year, cache)
    charts = {}
    for key in ("questions", "within_five", "participants", "results"):
        if key in found:
            charts[key] = column_chart(found[key], highlight=year)
    if "topics" in found:
        charts["topics"] = paired_bar_chart(found["topics"], year=year)
    return charts
