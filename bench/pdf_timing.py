"""Time the portal's jaarverslag path against WeasyPrint alone on the same HTML."""

import json
import statistics
import time

from django.conf import settings
from weasyprint import HTML

from programmes.report import render_pdf, render_report_html


def timed(function, runs=3):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


html = render_report_html(2025)
portal = timed(lambda: render_pdf(render_report_html(2025)))
alone = timed(lambda: HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())
print(json.dumps({"portal": portal, "weasyprint": alone, "ratio": portal / alone}))
