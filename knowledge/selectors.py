"""Read queries of the helpdesk and the kennisbank; access helpers answer 404."""

import hashlib
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from ingrado.caching import cached
from members.permissions import is_staff_user
from members.selectors import person_for_user, reads_members_only_content

from . import dutch
from .changes import word_changes
from .filters import QuestionQueueFilter
from .models import Answer, Attachment, Item, Question, Topic
from .workdays import add_working_days


def visible_questions(user):
    if is_staff_user(user):
        return Question.objects.all()
    person = person_for_user(user)
    if person is None:
        return Question.objects.none()
    return Question.objects.filter(asker=person)


def get_question_for_user(user, pk) -> Question:
    """The question, if this user may see it: its asker or staff. Others get 404."""
    # What the question's page shows: no message authors and no answers (the current
    # answer is its own query), and the expert's name without a query of its own.
    queryset = (
        visible_questions(user)
        .select_related(
            "asker__organisation", "topic", "expert__person", "organisation", "rayon", "rating"
        )
        .prefetch_related(
            "messages",
            Prefetch("attachments", queryset=Attachment.objects.select_related("answer")),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def split_attachments(question, *, staff: bool, answer=None) -> dict:
    """The question's files (prefetched) as its page shows them: the asker's, those of sent
    answers, and for staff those of the answer being drafted. No query."""
    files = list(question.attachments.all())
    approved = Answer.Status.APPROVED
    return {
        "question_files": [a for a in files if a.answer_id is None],
        "answer_files": [a for a in files if a.answer_id and a.answer.status == approved],
        "draft_files": [
            a for a in files if staff and answer is not None and a.answer_id == answer.pk
        ],
    }


def get_attachment_for_user(user, question_pk, pk) -> Attachment:
    """A file of a question this user may see: staff every file; the asker their own and
    those of a sent answer (a draft's files answer 404)."""
    question = get_object_or_404(visible_questions(user), pk=question_pk)
    attachments = (
        Attachment.objects.all() if is_staff_user(user) else Attachment.objects.for_asker()
    )
    return get_object_or_404(attachments, question=question, pk=pk)


def question_queue(*, params) -> QuestionQueueFilter:
    """The staff queue: bound also without parameters, so the default (open questions, the
    overdue first) is the filter's own."""
    return QuestionQueueFilter(params, queryset=Question.objects.all())


# --- Mijn werk: what waits for an expert ------------------------------------------


def assigned_to(user):
    """The open questions assigned to `user`."""
    return Question.objects.open().filter(expert=user)


def waiting_for_review_by(user):
    """Questions whose answer waits for a second expert, and `user` did not write it."""
    written_by_user = Answer.objects.filter(
        question=OuterRef("pk"), status=Answer.Status.IN_REVIEW, author=user
    )
    return Question.objects.filter(status=Question.Status.IN_REVIEW).exclude(
        Exists(written_by_user)
    )


def overdue_or_due_soon(today):
    """Questions whose clock runs and that are due by the next working day: overdue, due
    today or due tomorrow (after a weekend: Monday)."""
    return Question.objects.running().filter(due_date__lte=add_working_days(today, 1))


def new_in_topics_of(user):
    """New questions, nobody assigned yet, in the topics `user` handles."""
    return Question.objects.filter(
        status=Question.Status.NEW, topic__in=Topic.objects.handled_by(user).values("pk")
    )


def work_list(questions, *, limit: int) -> tuple[int, list[Question]]:
    """How many `questions` there are and the first `limit` in the queue's order, with what a
    queue row shows: two queries."""
    return questions.count(), list(questions.for_queue().in_queue_order()[:limit])


def questions_of_person(person):
    return Question.objects.for_asker(person).order_by("-received_at")


def person_page_questions(person, *, limit: int) -> list[Question]:
    """The person's questions, newest first, with what their page in the directory shows
    of each: one query."""
    return list(
        questions_of_person(person)
        .select_related("expert__person")
        .only(
            "subject",
            "status",
            "received_at",
            "due_date",
            "answered_at",
            "topic__name",
            "expert__email",
            "expert__person__first_name",
            "expert__person__last_name",
        )
        .order_by("-received_at", "-pk")[:limit]
    )


def visible_items(user):
    """The kennisbank items this user may read: "members only" items need a person of an
    active member organisation (or staff); an account anyone can create is not enough."""
    return Item.objects.readable(members_only_too=reads_members_only_content(user))


def get_question_for_asker(user, pk) -> Question:
    """The question, if this user asked it; everyone else (staff too) gets 404. For what
    only the asker does: replying, asking a follow-up, rating the answer."""
    person = person_for_user(user)
    if person is None:
        raise Http404
    return get_object_or_404(Question.objects.filter(asker=person), pk=pk)


def current_answer(question) -> Answer | None:
    """The answer being worked on: the newest one not yet approved (None once sent)."""
    return question.answers.exclude(status=Answer.Status.APPROVED).order_by("-pk").first()


def changes_since_last_review(answer) -> list | None:
    """For an answer sent for review again: what changed since the version sent before (as
    `knowledge.changes` pieces); None for an answer sent once. One query."""
    versions = list(answer.versions.order_by("-submitted_at", "-pk")[:2])
    if len(versions) < 2:
        return None
    return word_changes(versions[1].body, versions[0].body)


def get_item_for_user(user, slug) -> Item:
    item = visible_items(user).prefetch_related("topics", "sources").filter(slug=slug).first()
    if item is None:
        raise Http404
    return item


def snippet_parts(text: str) -> list[tuple[str, bool]]:
    """SearchHeadline's text split into (text, highlighted) pieces, for the template to
    escape and mark: "a <mark>b</mark> c" -> [("a ", False), ("b", True), (" c", False)]."""
    parts = []
    for index, piece in enumerate(re.split(r"</?mark>", text)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return parts


# Search results are the same for everybody who may read the same items: kept under the
# kennisbank's generation (bumped by every change of an item, a topic or a legal source, on
# the portal or in the admin), so a change shows in the next search; the timeout bounds a
# change made past all of them (SQL).
SEARCH_SECONDS = 60
KENNISBANK_GENERATION = "kennisbank"


def search_items(user, *, query: str = "", topic: Topic | None = None):
    """The kennisbank items matching `query` (in `topic`), best first, and whether it was a
    search at all (an empty query lists the newest)."""
    members_only_too = reads_members_only_content(user)
    query = " ".join(query.replace("\x00", " ").split())[:200]
    identity = repr((members_only_too, topic.pk if topic else None, query))
    return cached(
        "kennisbank-search:" + hashlib.sha256(identity.encode()).hexdigest(),
        lambda: _search(members_only_too, query, topic),
        generations=[KENNISBANK_GENERATION],
        timeout=SEARCH_SECONDS,
    )


def _search(members_only_too: bool, query: str, topic: Topic | None):
    items = Item.objects.readable(members_only_too=members_only_too).prefetch_related("topics")
    if topic is not None:
        items = items.filter(topics=topic)
    if not query:
        return list(items.order_by("-published_at")[:50]), False
    if settings.USES_POSTGRES:
        search = SearchQuery(query, config="dutch", search_type="websearch")
        items = (
            items.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                snippet=SearchHeadline(
                    "answer_text",
                    search,
                    config="dutch",
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "title")[:50]
        )
        results = list(items)
        for item in results:
            item.snippet_parts = snippet_parts(item.snippet)
        return results, True
    # SQLite: the same Dutch stems in the FTS5 index (knowledge.dutch), ranked by bm25.
    expression = dutch.match_expression(query)
    if expression is None:  # only stop words or signs: as PostgreSQL, nothing matches
        return [], True
    results = list(
        items.filter(search_text__document__match=expression)
        .annotate(rank=F("search_text__rank"))
        .order_by("rank", "title")[:50]
    )
    stems = dutch.query_stems(query)
    for item in results:
        item.snippet_parts = dutch.snippet_parts(item.answer_text, stems)
    return results, True


def suggestions_for_subject(user, subject: str):
    subject = " ".join(subject.replace("\x00", " ").split())[:200]
    if len(subject) < 3:
        return []
    if settings.USES_POSTGRES:
        search = SearchQuery(subject, config="dutch", search_type="plain")
        words = subject.split()
        if len(words) > 1:
            # Any of the words: many subjects are phrased differently from the items.
            search = (
                SearchQuery(" | ".join(words), config="dutch", search_type="raw")
                if all(w.isalnum() for w in words)
                else search
            )
        return list(
            visible_items(user)
            .filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank")[:5]
        )
    # As on PostgreSQL: any of the words when they are plain words, else all of them.
    words = subject.split()
    any_word = len(words) > 1 and all(w.isalnum() for w in words)
    expression = dutch.match_expression(subject, any_word=any_word)
    if expression is None:
        return []
    return list(
        visible_items(user)
        .filter(search_text__document__match=expression)
        .order_by("search_text__rank")[:5]
    )


def items_due_for_review(today):
    return (
        Item.objects.filter(review_by__lt=today).order_by("review_by").prefetch_related("sources")
    )


def items_citing(source_name):
    return (
        Item.objects.filter(sources__name__icontains=source_name)
        .distinct()
        .prefetch_related("sources")
    )
