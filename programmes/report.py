"""The jaarverslag: one code path renders its HTML and PDF, for the Celery task
(`services.report_generate`) and the `annual_report` command alike: `build_report(year)`.

The PDF is tagged PDF/UA-1 (WeasyPrint's `pdf_variant`, which implies tags): the document
language comes from `<html lang="nl">`, the title from `<title>` (shown as the window
title), each chart's alternate text from its SVG `<title>`, the outline from the headings'
`bookmark-level`. The online version (`views.report_online`) shows the same kerncijfers
and charts: both take their content from `report_sections`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import report_figures, selectors
from .charts import report_charts

# What the portal asks of WeasyPrint; bench/pdf_timing.py times WeasyPrint alone with the
# same options.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class RenderedReport:
    year: int
    html: str
    pdf: bytes


def report_sections(year: int, *, highlights_only: bool) -> dict:
    """The report's content: the plan, the programmes with their projects of the year
    (highlights only for the PDF, every result online), the kerncijfers beside the year
    before and the charts of the years side by side."""
    cache: dict = {}
    programmes = [
        entry
        for entry in selectors.report_data(year, highlights_only=highlights_only, cache=cache)
        if entry.projects
    ]
    return {
        "year": year,
        "previous_year": year - 1,
        "plan": selectors.plan_summary(),
        "programmes": programmes,
        "kerncijfers": report_figures.kerncijfers(year, programmes, cache),
        "charts": report_charts(year, cache),
    }


def speerpunten(programmes) -> list[tuple]:
    """(speerpunt, [programmes]) in the plan's order; bedrijfsvoering (no speerpunt) last."""
    grouped: dict = {}
    for entry in programmes:
        grouped.setdefault(entry.programme.speerpunt, []).append(entry.programme)
    return sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] and item[0].letter))


def report_context(year: int) -> dict:
    context = report_sections(year, highlights_only=True)
    return {
        **context,
        "speerpunten": speerpunten(context["programmes"]),
        "generated": timezone.now(),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def render_report_html(year: int) -> str:
    """The public version as HTML, in Dutch whatever the language of the request."""
    with translation.override("nl"):
        return render_to_string("programmes/report_pdf.html", report_context(year))


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**PDF_OPTIONS)


def build_report(year: int) -> RenderedReport:
    html = render_report_html(year)
    return RenderedReport(year=year, html=html, pdf=render_pdf(html))
