"""What the knowledge app contributes to Mijn Ingrado and to the AVG export."""

from . import services
from .models import Question


def dashboard_context(request, person):
    if person is None:
        return {"questions": [], "can_ask": False}
    questions = list(
        Question.objects.filter(asker=person)
        .only("subject", "status", "due_date")
        .order_by("-received_at")[:5]
    )
    return {"questions": questions, "can_ask": person.is_member}


def export_questions(person):
    questions = (
        Question.objects.filter(asker=person).select_related("topic").prefetch_related("messages")
    )
    return [
        {
            "subject": q.subject,
            "topic": q.topic.name,
            "received_at": q.received_at.isoformat(),
            "status": q.status,
            "messages": [
                {"kind": m.kind, "at": m.created_at.isoformat(), "text": m.body}
                for m in q.messages.all()
            ],
            "rating": (
                {"helpful": q.rating.helpful, "remark": q.rating.remark}
                if hasattr(q, "rating")
                else None
            ),
        }
        for q in questions
    ]


def erase_questions(person):
    services.questions_erase_asker(person=person)
