"""Server-side SVG bar charts: no JavaScript, readable in the PDF too."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from ingrado.formatting import number


def bar_chart_svg(rows, *, title: str, width: int = 640, bar_height: int = 26) -> str:
    """A horizontal bar chart of (label, value) rows as inline, accessible SVG."""
    rows = [(str(label), int(value or 0)) for label, value in rows]
    if not rows:
        return ""
    label_width = 230
    top = 8
    height = top + len(rows) * (bar_height + 8)
    largest = max(value for _label, value in rows) or 1
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_height + 8)
        bar = max(2, round(room * value / largest))
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.68:.0f}" text-anchor="end" '
            f'font-size="14" fill="#1d1d1f">{escape(label[:34])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar}" height="{bar_height}" rx="3" '
            f'fill="#6b1f5e"/>'
            f'<text x="{label_width + bar + 6}" y="{y + bar_height * 0.68:.0f}" font-size="14" '
            f'fill="#1d1d1f">{escape(number(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
