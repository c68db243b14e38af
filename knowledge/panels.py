"""What the knowledge app contributes to Mijn Ingrado and to the AVG export."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado import formatting
from ingrado.caching import cached_figures

from . import selectors, services, stats
from .models import Attachment, Question


def dashboard_context(request, person):
    if person is None:
        return {"questions": [], "can_ask": False}
    questions = list(
        Question.objects.filter(asker=person)
        .only("subject", "status", "due_date")
        .order_by("-received_at")[:5]
    )
    return {"questions": questions, "can_ask": person.is_member}


# --- Mijn werk ---------------------------------------------------------------------

WORK_ROWS = 8


def handles_questions(user) -> bool:
    return user.has_perm("knowledge.handle_question")


def watches_figures(user) -> bool:
    """The board: may see the helpdesk's figures without answering questions."""
    return user.has_perm("knowledge.view_figures") and not handles_questions(user)


def _queue_url(**params) -> str:
    return f"{reverse('knowledge:question_list')}?{urlencode(params)}"


def _work(questions, *, link: str) -> dict:
    count, rows = selectors.work_list(questions, limit=WORK_ROWS)
    return {"count": count, "questions": rows, "link": link, "today": timezone.localdate()}


def work_assigned(request, person):
    return _work(selectors.assigned_to(request.user), link=_queue_url(expert=request.user.pk))


def work_review(request, person):
    return _work(selectors.waiting_for_review_by(request.user), link=_queue_url(status="in_review"))


def work_due(request, person):
    return _work(selectors.overdue_or_due_soon(timezone.localdate()), link=_queue_url())


def work_new(request, person):
    return _work(selectors.new_in_topics_of(request.user), link=_queue_url(status="new"))


def figures_context(request, person):
    """This year's helpdesk figures so far (the year's figures the jaarverslag uses, cached)."""
    year = timezone.localdate().year
    figures = cached_figures("knowledge", year, stats.year_figures)
    share = figures["share_within_five_days"]
    return {
        "key": "vragen",
        "title": _("Helpdesk %(year)s so far") % {"year": year},
        "figures": [
            (formatting.number(figures["answered"]), _("questions answered")),
            (
                "–" if share is None else formatting.percent(share),
                _("answered within five working days"),
            ),
        ],
        "links": [
            (reverse("knowledge:figures"), _("Helpdesk figures")),
            (reverse("knowledge:ratings"), _("Ratings of answers")),
        ],
    }


PERSON_PAGE_QUESTIONS = 20


def person_page_context(person):
    """The person's questions on their page in the directory (staff): the newest twenty."""
    questions = selectors.person_page_questions(person, limit=PERSON_PAGE_QUESTIONS + 1)
    return {
        "questions": questions[:PERSON_PAGE_QUESTIONS],
        "more_questions": len(questions) > PERSON_PAGE_QUESTIONS,
    }


def export_questions(person):
    """The person's questions with the conversation, the files they sent and the files of the
    answers they received (the names and sizes; the files themselves are on the question's
    page), and their rating."""
    questions = (
        Question.objects.filter(asker=person)
        .select_related("topic")
        .prefetch_related(
            "messages",
            Prefetch("attachments", queryset=Attachment.objects.for_asker(), to_attr="shown"),
        )
    )
    return [
        {
            "subject": q.subject,
            "topic": q.topic.name,
            "received_at": q.received_at.isoformat(),
            "status": q.get_status_display(),
            "messages": [
                {"kind": m.get_kind_display(), "at": m.created_at.isoformat(), "text": m.body}
                for m in q.messages.all()
            ],
            "attachments": [
                {
                    "name": a.original_name,
                    "type": a.content_type,
                    "size": a.size,
                    "uploaded_at": a.uploaded_at.isoformat(),
                    "with": "answer" if a.answer_id else "question",
                }
                for a in q.shown
            ],
            "rating": (
                {"helpful": q.rating.helpful, "remark": q.rating.remark}
                if hasattr(q, "rating")
                else None
            ),
        }
        for q in questions
    ]


AUDIT_ACTIONS = {
    "question_view": gettext_lazy("opened your question"),
    "attachment_download": gettext_lazy("downloaded an attachment of your question"),
}


def audited_objects(person) -> dict:
    """The person's questions and their attachments, as the audit log names them."""
    questions = dict(Question.objects.filter(asker=person).values_list("pk", "subject"))
    attachments = Attachment.objects.filter(question__asker=person).values_list(
        "pk", "original_name", "question_id"
    )
    described = {
        (Question._meta.label, str(pk)): _("your question “%(subject)s”") % {"subject": subject}
        for pk, subject in questions.items()
    }
    for pk, name, question_id in attachments:
        described[(Attachment._meta.label, str(pk))] = _(
            "attachment %(name)s of your question “%(subject)s”"
        ) % {"name": name, "subject": questions.get(question_id, "")}
    return described


def erase_questions(person):
    services.questions_erase_asker(person=person)
