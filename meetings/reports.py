"""The besluitenlijst (decisions and results) and presentielijst (who was there, for which
organisation) of a meeting as a tagged PDF (PDF/UA-1, as the jaarverslag): one code path
for the Celery task."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import selectors
from .models import MeetingReport


def report_context(meeting, kind: str) -> dict:
    context = {
        "meeting": meeting,
        "kind": kind,
        "title": MeetingReport.Kind(kind).label,
        "generated": timezone.now(),
    }
    if kind == MeetingReport.Kind.DECISIONS:
        decisions = list(meeting.decisions.all())
        for decision in decisions:
            decision.result = selectors.decision_result(decision)
        context["decisions"] = decisions
        context["presence"] = selectors.presence(meeting) if meeting.is_alv else None
    else:
        context["present"] = selectors.present_list(meeting)
        context["delegates"] = {
            d.person_id: d.organisation for d in meeting.delegates.select_related("organisation")
        }
    return context


def render_html(meeting, kind: str) -> str:
    with translation.override("nl"):
        return render_to_string("meetings/report_pdf.html", report_context(meeting, kind))


def render_pdf(meeting, kind: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(meeting, kind), base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/ua-1"
    )
