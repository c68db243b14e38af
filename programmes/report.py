"""The jaarverslag: one code path renders its HTML and PDF, for the Celery task
(`services.report_generate`) and the `annual_report` command alike: `build_report(year)`.

The PDF is tagged PDF/UA-1 (WeasyPrint's `pdf_variant`, which implies tags, finished by
`ingrado.pdf_tags`): the document language comes from `<html lang="nl">`, the title from
`<title>` (shown as the window title), each chart's alternate text from its SVG `<title>`,
the outline from the headings' `bookmark-level`. The online version (`views.report_online`)
shows the same kerncijfers and charts: both take their content from `report_sections`.

Its links and QR code point to the configured public address (`SITE_URL`); made while that
is a local address, the report is a draft: it says so on every page and is never
published (`services.report_publish`).
"""

import base64
import io
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ingrado import pdf_tags, site

from . import report_figures, selectors
from .charts import qr_code, report_charts
from .typesetting import typeset

__all__ = ["build_report", "qr_code", "render_pdf", "render_report_html", "typeset"]

logger = logging.getLogger(__name__)

# What the portal asks of WeasyPrint; bench/pdf_timing.py times WeasyPrint alone with the
# same options.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

# Each programme's colour (bedrijfsvoering: 0): banner, header mark and projects.
PROGRAMME_COLOURS = [
    (1, "#6b1f5e"),
    (2, "#0e6570"),
    (3, "#9c3d00"),
    (4, "#1f4e8c"),
    (5, "#2f6b2a"),
    (0, "#4a4f57"),
]


@dataclass(frozen=True)
class RenderedReport:
    year: int
    html: str
    pdf: bytes
    site_url: str
    is_draft: bool


def report_sections(year: int, *, highlights_only: bool) -> dict:
    """The report's content: the plan, the programmes with their projects of the year
    (highlights only for the PDF, every result online), the texts staff wrote for the year
    (voorwoord, quotes, financial summary), the dated highlights, the state of the year
    plan, the outlook to the next year, the kerncijfers and the charts."""
    cache: dict = {}
    programmes = [
        entry
        for entry in selectors.report_data(year, highlights_only=highlights_only, cache=cache)
        if entry.projects
    ]
    edition = selectors.report_edition(year)
    return {
        "year": year,
        "previous_year": year - 1,
        "next_year": year + 1,
        "plan": selectors.plan_summary(),
        "programmes": programmes,
        "programme_count": sum(1 for entry in programmes if entry.programme.number),
        "edition": edition,
        "quotes": list(edition.quotes.all()) if edition else [],
        "overview": selectors.overview(year, programmes),
        "outlook": selectors.outlook(year + 1),
        "plan_state": report_figures.plan_state(programmes),
        "kerncijfers": report_figures.kerncijfers(year, cache),
        "charts": report_charts(year, cache),
    }


def speerpunten(programmes) -> list[tuple]:
    """(speerpunt, [programmes]) in the plan's order; bedrijfsvoering (no speerpunt) last."""
    grouped: dict = {}
    for entry in programmes:
        grouped.setdefault(entry.programme.speerpunt, []).append(entry.programme)
    return sorted(grouped.items(), key=lambda item: (item[0] is None, item[0] and item[0].letter))


def _data_uri(field) -> str:
    """An uploaded image as a data: URI (the PDF embeds it; private storage has no URL)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with field.open("rb") as handle:
            data = handle.read()
        kind = Image.open(io.BytesIO(data)).format.lower()
    except (OSError, UnidentifiedImageError):
        # A photo that is gone or unreadable leaves the cover without it, not the board
        # without a report.
        logger.warning("Cover image %s could not be read", field.name)
        return ""
    return f"data:image/{kind};base64,{base64.b64encode(data).decode()}"


def report_context(year: int) -> dict:
    context = report_sections(year, highlights_only=True)
    address = site.site_url()
    public_url = address + reverse("programmes:report_online", args=[year])
    edition = context["edition"]
    return {
        **context,
        "speerpunten": speerpunten(context["programmes"]),
        # The plan's introduction; the sentence on the year's programmes opens the second
        # paragraph, where the publieksversie has it.
        "introduction": [
            paragraph
            for paragraph in (context["plan"].introduction if context["plan"] else "").splitlines()
            if paragraph.strip()
        ],
        "generated": timezone.now(),
        "publication_date": (edition and edition.publication_date) or timezone.localdate(),
        "site_url": address,
        "site_url_text": re.sub(r"^https?://", "", address),
        "programme_colours": PROGRAMME_COLOURS,
        "public_url": public_url,
        "public_url_text": re.sub(r"^https?://", "", public_url).rstrip("/"),
        "is_draft": site.is_local_address(address),
        "qr_code": qr_code(public_url),
        "cover_image": _data_uri(edition.cover_image) if edition and edition.cover_image else "",
        "contact_email": settings.CONTACT_EMAIL,
    }


def render_report_html(year: int) -> str:
    """The public version as HTML, in Dutch whatever the language of the request."""
    with translation.override("nl"):
        return render_to_string("programmes/report_pdf.html", report_context(year))


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        finisher=pdf_tags.finish, **PDF_OPTIONS
    )


def build_report(year: int) -> RenderedReport:
    html = render_report_html(year)
    address = site.site_url()
    return RenderedReport(
        year=year,
        html=html,
        pdf=render_pdf(html),
        site_url=address,
        is_draft=site.is_local_address(address),
    )
