"""The jaarverslag: one code path renders its HTML and PDF, for the Celery task
(`services.report_generate`) and the `annual_report` command alike: `build_report(year)`."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .charts import report_charts


@dataclass(frozen=True)
class RenderedReport:
    year: int
    html: str
    pdf: bytes


def report_context(year: int) -> dict:
    cache: dict = {}
    programmes = selectors.report_data(year, highlights_only=True, cache=cache)
    charts = report_charts(year, cache)
    selectors.attach_charts(programmes, charts)
    return {
        "year": year,
        "plan": selectors.plan_summary(),
        "programmes": [entry for entry in programmes if entry.projects],
        "generated": timezone.now(),
        "site_url": settings.SITE_URL.rstrip("/"),
    }


def render_report_html(year: int) -> str:
    """The public version as HTML, in Dutch whatever the language of the request."""
    with translation.override("nl"):
        return render_to_string("programmes/report_pdf.html", report_context(year))


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def build_report(year: int) -> RenderedReport:
    html = render_report_html(year)
    return RenderedReport(year=year, html=html, pdf=render_pdf(html))
