"""What the academy contributes to Mijn Ingrado and to the AVG export."""

from django.utils import timezone

from . import selectors, services
from .models import Enrolment


def dashboard_context(request, person):
    if person is None:
        return {"enrolments": [], "is_manager": False}
    enrolments = selectors.dashboard_enrolments(person, limit=10)
    positions = services.waitlist_positions(enrolments)
    now = timezone.now()
    for enrolment in enrolments:
        enrolment.position = positions.get(enrolment.pk)
        enrolment.can_evaluate = (
            selectors.is_over(enrolment.last_session_end, now)
            and enrolment.status == Enrolment.Status.CONFIRMED
            and enrolment.evaluation_pk is None
        )
    return {"enrolments": enrolments, "is_manager": person.is_manager}


def export_enrolments(person):
    return [
        {
            "activity": e.edition.activity.title,
            "status": e.status,
            "enrolled_at": e.created_at.isoformat(),
            "price": str(e.price),
            "evaluation": (
                {"score": e.evaluation.score, "comments": e.evaluation.comments}
                if hasattr(e, "evaluation")
                else None
            ),
            "certificate": e.certificate.code if hasattr(e, "certificate") else None,
        }
        for e in selectors.enrolments_of(person)
    ]


def erase(person):
    services.enrolments_release_for_erasure(person=person)
