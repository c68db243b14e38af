"""Server-side SVG charts for the annual report (no JavaScript; the same SVG in PDF and page)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import figures

BAR = "#6b1f5e"
TEXT = "#1d1d1f"


def bar_chart_svg(rows, *, title: str, width: int = 640, bar_height: int = 24) -> str:
    """A horizontal bar chart of (label, value) rows as accessible inline SVG."""
    rows = [(str(label), int(value or 0)) for label, value in rows]
    if not rows:
        return ""
    label_width, top, gap = 230, 6, 8
    height = top + len(rows) * (bar_height + gap)
    largest = max(value for _label, value in rows) or 1
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + gap)
        bar = max(2, round(room * value / largest))
        baseline = round(y + bar_height * 0.7)
        parts.append(
            f'<text x="{label_width - 8}" y="{baseline}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(label[:36])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" fill="{BAR}"/>'
            f'<text x="{label_width + bar + 6}" y="{baseline}" font-size="13" '
            f'fill="{TEXT}">{value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def report_charts(year: int, cache: dict | None = None) -> dict:
    """The report's charts as (svg, title): the most asked helpdesk topics of the year and
    the Academie participants over the last five years. A missing app's chart is left out."""
    cache = {} if cache is None else cache
    charts = {"topics": ("", ""), "participants": ("", "")}
    knowledge = figures.stats_for("knowledge", year, cache)
    if knowledge and knowledge["top_topics"]:
        title = _("Most asked helpdesk topics in %(year)s") % {"year": year}
        charts["topics"] = (bar_chart_svg(knowledge["top_topics"][:8], title=title), title)
    rows = []
    for past in range(year - 4, year + 1):
        academy = figures.stats_for("academy", past, cache)
        if academy is not None and (rows or academy["participants"]):
            rows.append((str(past), academy["participants"]))
    if rows:
        title = _("Academie participants per year")
        charts["participants"] = (bar_chart_svg(rows, title=title), title)
    return charts
