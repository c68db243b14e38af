"""Bar charts of the helpdesk's figures. The labels and numbers are HTML text at the page's own
size, so they read the same on a phone and on a desktop (an SVG chart scaled to its column
scaled its text with it: 9 px on a phone, 29 px on a wide screen); each bar is a small SVG
that only stretches sideways. Rendered by `knowledge/_bar_chart.html`, escaped as any text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: float  # the bar's length: percent of the largest value


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]


def bar_chart(rows, *, title: str) -> BarChart | None:
    """A chart of (label, value) rows, or None when there are none."""
    rows = [(str(label), int(value or 0)) for label, value in rows]
    if not rows:
        return None
    largest = max(value for _label, value in rows) or 1
    return BarChart(
        title,
        [
            Bar(label, value, max(0.5, round(100 * value / largest, 1)) if value else 0)
            for label, value in rows
        ],
    )
