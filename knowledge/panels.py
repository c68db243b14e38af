"""What the knowledge app contributes to Mijn Ingrado and to the AVG export."""

from .models import Message, Question


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
    """Keep the questions (they count in the statistics) but blank the asker's own texts."""
    questions = Question.objects.filter(asker=person)
    Message.objects.filter(
        question__in=questions,
        kind__in=[Message.Kind.QUESTION, Message.Kind.FOLLOW_UP, Message.Kind.ASKER_REPLY],
    ).update(body="[verwijderd op verzoek (AVG)]")
    questions.update(body="[verwijderd op verzoek (AVG)]")
    for question in questions.prefetch_related("attachments"):
        for attachment in question.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
