"""Time the portal's jaarverslag path against WeasyPrint alone on the same HTML."""

import gc
import json
import statistics
import time

from django.conf import settings
from weasyprint import HTML

from programmes.report import render_pdf, render_report_html


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


html = render_report_html(2025)
portal, alone = timed_pairs(
    lambda: render_pdf(render_report_html(2025)),
    lambda: HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(),
)
print(json.dumps({"portal": portal, "weasyprint": alone, "ratio": portal / alone}))
