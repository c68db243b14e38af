"""Time the portal's jaarverslag path (HTML, WeasyPrint and the PDF/UA finisher,
`ingrado.pdf_tags`) against WeasyPrint alone on the same HTML, and the whole report
(data + render) with none of its figures cached yet."""

import gc
import io
import json
import statistics
import time

from django.conf import settings
from django.core.cache import cache
from pypdf import PdfReader
from weasyprint import HTML

from ingrado import annual_figures
from ingrado.caching import figures_key
from programmes.report import PDF_OPTIONS, build_report, render_pdf, render_report_html
from programmes.report_figures import YEARS_IN_CHARTS

YEAR = 2025


def timed_pairs(first, second, runs=5):
    """Median seconds of each of two functions, run in turns after one warm-up each: on a
    shared machine whose speed drifts, timing all of one and then all of the other puts the
    drift into their ratio. Each run starts after a garbage collection: a PDF leaves a large
    graph of objects, and without it every other run paid for collecting the previous one's,
    always the same one of the pair."""
    first(), second()
    times = ([], [])
    for _ in range(runs):
        for function, spent in zip((first, second), times, strict=True):
            gc.collect()
            started = time.perf_counter()
            function()
            spent.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def forget_figures():
    """Drop the report's cached figures (the keys of `ingrado.caching.cached_figures`), and
    only those: the bench's logged-in sessions live in the same cache."""
    names = [provider.name for provider in annual_figures.providers()]
    prefixes = names + [
        f"{name}-per-year-{language}" for name in names for language in ("nl", "en")
    ]
    cache.delete_many(
        [
            figures_key(prefix, year, language)
            for prefix in prefixes
            for year in range(YEAR - YEARS_IN_CHARTS, YEAR + 1)
            for language, _name in settings.LANGUAGES
        ]
    )


forget_figures()
gc.collect()
started = time.perf_counter()
rendered = build_report(YEAR)
cold = time.perf_counter() - started

html = render_report_html(YEAR)
portal, alone = timed_pairs(
    lambda: render_pdf(render_report_html(YEAR)),
    lambda: HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(**PDF_OPTIONS),
)
print(
    json.dumps(
        {
            "portal": portal,
            "weasyprint": alone,
            "ratio": portal / alone,
            "cold": cold,
            "pages": len(PdfReader(io.BytesIO(rendered.pdf)).pages),
        }
    )
)
