"""Write operations of the helpdesk and the kennisbank.

The workflow: new -> assigned -> drafted -> in review -> sent -> closed, with
"waiting for the asker" (the five-day clock pauses) and follow-ups that reopen a thread.
A second expert, never the author, approves an answer before it reaches the asker.
"""

import zipfile

import puremagic
from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ingrado.caching import bump_generation
from ingrado.errors import DomainError
from members.models import Person

from . import dutch, stats
from .models import (
    Answer,
    AnswerVersion,
    Attachment,
    InternalNote,
    Item,
    ItemSearchText,
    LegalSource,
    Message,
    Question,
    QuestionEvent,
    Rating,
    SubmissionKey,
    Topic,
)
from .selectors import KENNISBANK_GENERATION, current_answer
from .workdays import answer_due_date, working_days_between

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP_SIGNATURE = b"PK\x03\x04"
WORD_DOCUMENT_PARTS = {"[Content_Types].xml", "word/document.xml"}
Status = Question.Status
Action = QuestionEvent.Action


class HelpdeskError(DomainError):
    """A refused action of the helpdesk or the kennisbank, with a message for the user."""


class AlreadySubmitted(HelpdeskError):
    """The same form was sent before (a double click, a reload): it acted once."""

    def __init__(self, question):
        super().__init__(gettext_lazy("This was already sent and has been saved once."))
        self.question = question


class SubmissionRefused(HelpdeskError):
    """A form key of another account or another form: refused like a form that expired."""

    def __init__(self):
        super().__init__(
            gettext_lazy("This form has expired. Check what you entered and send it again.")
        )


def _claim_submission(
    submission_key: str | None, *, user, form: str, question=None
) -> SubmissionKey | None:
    """Record the key of the form being acted on; AlreadySubmitted if this account sent this
    form (for this question) before, SubmissionRefused if the key is someone else's.

    The key is the transaction's first write: a concurrent submission of the same form waits
    at the unique index until this one commits, then fails there and finds what it saved."""
    if not submission_key:
        return None
    user = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            return SubmissionKey.objects.create(
                key=submission_key, user=user, form=form, question=question
            )
    except IntegrityError:
        used = SubmissionKey.objects.get(key=submission_key)
        same_question = question is None or used.question_id == question.pk
        if used.user_id != getattr(user, "pk", None) or used.form != form or not same_question:
            raise SubmissionRefused() from None
        raise AlreadySubmitted(used.question) from None


def _settle_submission(claim: SubmissionKey | None, question: Question) -> None:
    if claim is not None and claim.question_id is None:
        claim.question = question
        claim.save(update_fields=["question"])


def _event(question, actor, action, detail=""):
    """Record a step in the question's history; every step may change its status."""
    QuestionEvent.objects.create(question=question, actor=actor, action=action, detail=detail[:300])
    stats.forget_status_counts()


def _require(question, *statuses):
    if question.status not in statuses:
        raise HelpdeskError(
            _("This is not possible while the question is '%(status)s'.")
            % {"status": question.get_status_display()}
        )


# --- attachments ----------------------------------------------------------------


def sniff_attachment(upload) -> str:
    """The content type judged from the bytes, or HelpdeskError."""
    if upload.size == 0:
        raise HelpdeskError(_("The file %(name)s is empty.") % {"name": upload.name})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise HelpdeskError(_("The file %(name)s is larger than 10 MB.") % {"name": upload.name})
    head = upload.read(4096)
    upload.seek(0)
    if head.startswith(ZIP_SIGNATURE):
        # Any ZIP looks like a .docx to puremagic (and to the name): look inside.
        if _is_word_document(upload):
            return DOCX
        raise HelpdeskError(
            _("%(name)s is a ZIP file, not a Word document.") % {"name": upload.name}
        )
    try:
        candidates = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        candidates = []
    for candidate in candidates:
        mime = candidate.mime_type
        if mime in ALLOWED_TYPES and mime != DOCX:
            return mime
        if candidate.extension == ".doc" or "msword" in mime or "ole" in mime.lower():
            return "application/msword"
    raise HelpdeskError(_("%(name)s is not a PDF, Word document or image.") % {"name": upload.name})


def _is_word_document(upload) -> bool:
    """A .docx is a ZIP holding [Content_Types].xml and word/document.xml. Only the ZIP's
    table of contents is read: nothing is extracted or decompressed."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return False
    finally:
        upload.seek(0)
    return names >= WORD_DOCUMENT_PARTS


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, _dot, ext = base.rpartition(".")
    clean = slugify(stem or ext)[:80] or "bijlage"
    return clean


def _attach(question, uploads, actor, answer=None):
    """Store the uploads (each checked by its bytes first) as the question's files, or as the
    files of `answer`."""
    checked = [(upload, sniff_attachment(upload)) for upload in uploads]
    for upload, mime in checked:
        attachment = Attachment(
            question=question,
            answer=answer,
            original_name=_safe_name(upload.name) + ALLOWED_TYPES[mime],
            content_type=mime,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save("bijlage", upload, save=False)
        attachment.save()


# --- asking ---------------------------------------------------------------------


def _snapshot(question: Question, person: Person) -> None:
    organisation = person.organisation
    question.organisation = organisation
    question.organisation_kind = organisation.kind if organisation else ""
    question.rayon = organisation.rayon if organisation else None
    question.is_external = not person.is_member


@transaction.atomic
def question_submit(
    *,
    asker: Person,
    topic: Topic,
    subject: str,
    body: str,
    attachments=(),
    actor=None,
    channel: str = Question.Channel.PORTAL,
    submission_key: str | None = None,
) -> Question:
    claim = _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.QUESTION)
    now = timezone.now()
    question = Question(
        asker=asker,
        topic=topic,
        subject=subject.strip(),
        body=body.strip(),
        channel=channel,
        received_at=now,
        due_date=answer_due_date(timezone.localdate(now)),
        created_by=actor,
    )
    _snapshot(question, asker)
    question.full_clean()
    question.save()
    Message.objects.create(
        question=question, kind=Message.Kind.QUESTION, author=actor, body=question.body
    )
    _attach(question, attachments, actor)
    _settle_submission(claim, question)
    _event(question, actor, Action.SUBMITTED, question.get_channel_display())
    _notify("question_received", question.pk)
    return question


@transaction.atomic
def question_register_on_behalf(
    *,
    staff,
    email: str,
    first_name: str,
    last_name: str,
    topic: Topic,
    subject: str,
    body: str,
    channel: str,
    attachments=(),
    submission_key: str | None = None,
) -> Question:
    """A question that came in by phone or e-mail, for a person (member or not)."""
    # Before the person a second one would also add.
    claim = _claim_submission(submission_key, user=staff, form=SubmissionKey.Form.REGISTRATION)
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        person = Person(email=email.strip().lower(), first_name=first_name, last_name=last_name)
        person.is_external = True
        person.full_clean()
        person.save()
    question = question_submit(
        asker=person,
        topic=topic,
        subject=subject,
        body=body,
        attachments=attachments,
        actor=staff,
        channel=channel,
    )
    _settle_submission(claim, question)
    return question


def _notify(name: str, *args) -> None:
    """Queue the e-mail `name` (knowledge.notifications) in this transaction: the outbox sends
    it once the transaction commits."""
    from .notifications import SENDERS

    SENDERS[name](*args)


# --- answering ------------------------------------------------------------------


@transaction.atomic
def question_assign(*, question: Question, expert, actor) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    question.expert = expert
    if question.status == Status.NEW:
        question.status = Status.ASSIGNED
    question.save(update_fields=["expert", "status"])
    _event(question, actor, Action.ASSIGNED, expert.get_full_name())
    _notify("question_assigned", question.pk, getattr(actor, "pk", None))
    return question


def compose_answer(body: str, *, standard_text=None, item=None) -> str:
    """The draft with a standard text and a kennisbank item (with its title) added below."""
    parts = [body.strip()]
    if standard_text is not None:
        parts.append(standard_text.body)
    if item is not None:
        parts.append(f"{item.answer_text}\n\n({_('Kennisbank')}: {item.title})")
    return "\n\n".join(part for part in parts if part)


@transaction.atomic
def answer_save_draft(
    *, question: Question, body: str, actor, standard_text=None, item=None, attachments=()
) -> Answer:
    """Save the expert's draft, with a standard text or a kennisbank item inserted and files
    attached (checked as the asker's are; the asker sees them once the answer is sent)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    body = compose_answer(body, standard_text=standard_text, item=item)
    if not body:
        raise HelpdeskError(_("The answer is empty."))
    answer = current_answer(question)
    if answer is None or answer.status == Answer.Status.IN_REVIEW:
        answer = Answer(question=question, author=actor)
    answer.body = body.strip()
    answer.status = Answer.Status.DRAFT
    answer.full_clean()
    answer.save()
    _attach(question, attachments, actor, answer=answer)
    if question.expert_id is None:
        question.expert = actor
    question.status = Status.DRAFTED
    question.save(update_fields=["status", "expert"])
    _event(question, actor, Action.DRAFTED)
    return answer


@transaction.atomic
def answer_submit_for_review(*, question: Question, actor) -> Answer:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.DRAFTED)
    answer = current_answer(question)
    answer.status = Answer.Status.IN_REVIEW
    answer.save(update_fields=["status", "updated_at"])
    AnswerVersion.objects.create(answer=answer, body=answer.body, submitted_by=actor)
    question.status = Status.IN_REVIEW
    question.save(update_fields=["status"])
    _event(question, actor, Action.SUBMITTED_FOR_REVIEW)
    _notify("review_waiting", question.pk)
    return answer


@transaction.atomic
def answer_attachment_remove(*, attachment: Attachment, actor) -> None:
    """Remove a file from the answer being drafted (not from one in review or sent)."""
    question = Question.objects.select_for_update().get(pk=attachment.question_id)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    if attachment.answer_id is None or attachment.answer.status == Answer.Status.APPROVED:
        raise HelpdeskError(_("Only a file of the answer being drafted can be removed."))
    name = attachment.original_name
    attachment.file.delete(save=False)
    attachment.delete()
    _event(question, actor, Action.DRAFTED, _("file %(name)s removed") % {"name": name})


@transaction.atomic
def answer_approve(*, question: Question, reviewer) -> Answer:
    """Four eyes: the reviewer approves and the answer is sent to the asker."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.IN_REVIEW)
    answer = current_answer(question)
    if answer.author_id == reviewer.pk:
        raise HelpdeskError(_("A second expert must check this answer: not its author."))
    now = timezone.now()
    answer.status = Answer.Status.APPROVED
    answer.reviewer = reviewer
    answer.approved_at = now
    answer.save()
    Message.objects.create(
        question=question,
        kind=Message.Kind.ANSWER,
        author=answer.author,
        body=answer.body,
        created_at=now,
    )
    question.status = Status.SENT
    question.answered_at = now
    question.save(update_fields=["status", "answered_at"])
    _event(question, reviewer, Action.APPROVED_AND_SENT)
    _notify("answer_sent", question.pk)
    return answer


@transaction.atomic
def answer_return(*, question: Question, reviewer, comment: str) -> Answer:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.IN_REVIEW)
    if not comment.strip():
        raise HelpdeskError(_("Say what should change when returning an answer."))
    answer = current_answer(question)
    if answer.author_id == reviewer.pk:
        raise HelpdeskError(_("A second expert must check this answer: not its author."))
    answer.status = Answer.Status.RETURNED
    answer.reviewer = reviewer
    answer.review_comment = comment.strip()
    answer.save()
    question.status = Status.DRAFTED
    question.save(update_fields=["status"])
    _event(question, reviewer, Action.RETURNED, comment)
    _notify("answer_returned", question.pk)
    return answer


@transaction.atomic
def question_request_information(*, question: Question, body: str, actor) -> Question:
    """Ask the asker for more; the five-day clock pauses until they reply."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.NEW, Status.ASSIGNED, Status.DRAFTED)
    if not body.strip():
        raise HelpdeskError(_("Write what you need to know."))
    Message.objects.create(
        question=question, kind=Message.Kind.INFO_REQUEST, author=actor, body=body.strip()
    )
    question.status = Status.WAITING
    question.paused_since = timezone.localdate()
    question.save(update_fields=["status", "paused_since"])
    _event(question, actor, Action.INFORMATION_REQUESTED)
    _notify("information_requested", question.pk)
    return question


@transaction.atomic
def question_reply(
    *, question: Question, body: str, actor, attachments=(), submission_key: str | None = None
) -> Question:
    """The asker replies: to a request for information (clock resumes) or after an
    answer (a follow-up, which reopens the thread)."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    # Before the status the first one changed.
    _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.REPLY, question=question)
    _require(question, Status.WAITING, Status.SENT, Status.CLOSED)
    if not body.strip():
        raise HelpdeskError(_("Your message is empty."))
    today = timezone.localdate()
    if question.status == Status.WAITING:
        question.paused_days += working_days_between(question.paused_since, today)
        question.paused_since = None
        question.due_date = answer_due_date(
            timezone.localdate(question.received_at), question.paused_days
        )
        question.status = Status.ASSIGNED if question.expert_id else Status.NEW
        kind = Message.Kind.ASKER_REPLY
        action = Action.ASKER_REPLIED
    else:
        # A follow-up: a fresh five working days from today.
        question.status = Status.ASSIGNED if question.expert_id else Status.NEW
        question.due_date = answer_due_date(today)
        question.closed_at = None
        kind = Message.Kind.FOLLOW_UP
        action = Action.FOLLOW_UP
    Message.objects.create(question=question, kind=kind, author=actor, body=body.strip())
    _attach(question, attachments, actor)
    question.save()
    _event(question, actor, action)
    _notify("asker_replied", question.pk)
    return question


@transaction.atomic
def question_close(*, question: Question, actor) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _require(question, Status.SENT)
    question.status = Status.CLOSED
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
    _event(question, actor, Action.CLOSED)
    return question


@transaction.atomic
def note_add(
    *, question: Question, body: str, actor, submission_key: str | None = None
) -> InternalNote:
    if not body.strip():
        raise HelpdeskError(_("The note is empty."))
    _claim_submission(submission_key, user=actor, form=SubmissionKey.Form.NOTE, question=question)
    note = InternalNote.objects.create(question=question, author=actor, body=body.strip())
    _event(question, actor, Action.NOTE_ADDED)
    return note


@transaction.atomic
def answer_rate(*, question: Question, helpful: bool, remark: str, actor) -> Rating:
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.answered_at is None:
        raise HelpdeskError(_("You can rate a question once it has been answered."))
    if Rating.objects.filter(question=question).exists():
        raise HelpdeskError(_("You have already rated this answer."))
    rating = Rating.objects.create(question=question, helpful=helpful, remark=remark.strip())
    _event(question, actor, Action.RATED, _("helpful") if helpful else _("not helpful"))
    return rating


ERASED_TEXT = "[verwijderd op verzoek (AVG)]"


@transaction.atomic
def questions_erase_asker(*, person: Person, actor=None) -> int:
    """AVG erasure of an asker: their open questions leave the queue (closed, with the
    reason in their history), their own texts and attachments are removed; the questions
    keep counting in the statistics. Returns the number of questions withdrawn."""
    questions = Question.objects.filter(asker=person)
    open_questions = list(questions.open().select_for_update())
    now = timezone.now()
    for question in open_questions:
        question.status = Status.CLOSED
        question.closed_at = now
        question.save(update_fields=["status", "closed_at"])
        _event(question, actor, Action.WITHDRAWN, _("The asker's data were erased (AVG)."))
    Message.objects.filter(
        question__in=questions,
        kind__in=[Message.Kind.QUESTION, Message.Kind.FOLLOW_UP, Message.Kind.ASKER_REPLY],
    ).update(body=ERASED_TEXT)
    questions.update(body=ERASED_TEXT)
    for attachment in Attachment.objects.filter(question__in=questions):
        attachment.file.delete(save=False)
        attachment.delete()
    return len(open_questions)


# --- kennisbank -----------------------------------------------------------------


class PersonalDataFound(HelpdeskError):
    """The texts of an item hold personal data: `findings` name the field (title,
    question_text, answer_text) and quote the passage of each."""

    def __init__(self, findings):
        super().__init__(gettext_lazy("The text still contains personal data."))
        self.findings = findings


def _unique_slug(title, exclude_pk=None):
    base = slugify(title)[:200] or "item"
    slug, number = base, 2
    while Item.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _sources(names):
    sources = []
    for name in names:
        name = " ".join(name.split())
        if name:
            sources.append(LegalSource.objects.get_or_create(name=name)[0])
    return sources


def update_search_index(items_queryset) -> None:
    """Index the items for the Dutch full-text search: PostgreSQL's search vector in the
    'dutch' configuration, or on SQLite the same words stemmed by knowledge.dutch in the
    FTS5 table (one statement per item table, not per item)."""
    if settings.USES_POSTGRES:
        items_queryset.update(
            search_vector=SearchVector("title", weight="A", config="dutch")
            + SearchVector("question_text", weight="B", config="dutch")
            + SearchVector("answer_text", weight="C", config="dutch")
        )
        return
    rows = [
        (pk, dutch.document(title), dutch.document(question), dutch.document(answer))
        for pk, title, question, answer in items_queryset.values_list(
            "pk", "title", "question_text", "answer_text"
        )
    ]
    table = ItemSearchText._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [(row[0],) for row in rows])
        cursor.executemany(
            f"INSERT INTO {table}(rowid, title, question, answer) VALUES (%s, %s, %s, %s)", rows
        )


@transaction.atomic
def item_save(
    *,
    item: Item | None,
    actor,
    title: str,
    question_text: str,
    answer_text: str,
    topics,
    sources,
    audience: str,
    review_by,
    source_question: Question | None = None,
    publish: bool = True,
) -> Item:
    """Create or update a kennisbank item; refused while the text holds personal data (the
    rule is the model's: `Item.clean`, which the admin's form runs too)."""
    item = item or Item(author=actor, source_question=source_question)
    item.title = title.strip()
    item.question_text = question_text.strip()
    item.answer_text = answer_text.strip()
    findings = item.personal_data()
    if findings:
        raise PersonalDataFound(findings)
    item.audience = audience
    item.review_by = review_by
    item.slug = item.slug or _unique_slug(item.title)
    if publish and item.published_at is None:
        item.published_at = timezone.now()
    item.full_clean()
    item.save()
    item.topics.set(topics)
    item.sources.set(_sources(sources))
    update_search_index(Item.objects.filter(pk=item.pk))
    bump_generation(KENNISBANK_GENERATION)
    if source_question is not None:
        _event(source_question, actor, Action.PUBLISHED, item.title)
    return item
