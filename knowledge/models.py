"""The Vraag & Antwoord helpdesk and the kennisbank."""

import dataclasses

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.storage import private_storage
from members.models import Organisation, Person, Rayon

from .privacy import Finding, find_personal_data


class TopicQuerySet(models.QuerySet):
    def handled_by(self, user):
        """The topics `user` handles: those naming them among their experts, and those naming
        nobody (every expert handles those), as the notification of a new question does."""
        return self.filter(models.Q(experts=user) | models.Q(experts__isnull=True)).distinct()


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="topics_handled",
        verbose_name=_("experts"),
        help_text=_("Told of each new question in this topic (nobody: every expert)."),
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=Question.FINISHED)

    def for_queue(self):
        """What a row of the staff queue shows: the asker, topic, expert and organisation."""
        return self.select_related("asker", "topic", "expert__person", "organisation").only(
            "subject",
            "status",
            "due_date",
            "is_external",
            "asker__first_name",
            "asker__last_name",
            "asker__email",
            "topic__name",
            "expert__email",
            "expert__person__first_name",
            "expert__person__last_name",
            "expert__person__email",
            "organisation__name",
        )

    def for_asker(self, person):
        return self.filter(asker=person).select_related("topic")

    def running(self):
        """Open and not waiting for the asker: the questions whose clock runs."""
        return self.filter(status__in=Question.RUNNING)

    def in_queue_order(self):
        """The queue's order: questions whose clock runs by due date, so the overdue come
        first; then those waiting for the asker (paused) by due date; then the answered and
        closed ones, newest first."""
        group = models.Case(
            models.When(status__in=Question.RUNNING, then=0),
            models.When(status=Question.Status.WAITING, then=1),
            default=2,
        )
        due = models.Case(
            models.When(status__in=Question.FINISHED, then=None),
            default=models.F("due_date"),
            output_field=models.DateField(),
        )
        return self.alias(queue_group=group, queue_due=due).order_by(
            "queue_group", models.F("queue_due").asc(nulls_last=True), "-received_at", "-pk"
        )


class Question(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned to an expert")
        DRAFTED = "drafted", _("Answer drafted")
        IN_REVIEW = "in_review", _("In review")
        WAITING = "waiting", _("Waiting for the asker")
        SENT = "sent", _("Answer sent")
        CLOSED = "closed", _("Closed")

    FINISHED = (Status.SENT, Status.CLOSED)  # no longer open: nothing runs against a date
    # Open and not waiting for the asker: the five working days run.
    RUNNING = (Status.NEW, Status.ASSIGNED, Status.DRAFTED, Status.IN_REVIEW)

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Portal")
        PHONE = "phone", _("Phone (vragenuur)")
        EMAIL = "email", _("E-mail")
        IMPORT = "import", _("Imported")

    asker = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="questions", verbose_name=_("asker")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="questions", verbose_name=_("topic")
    )
    subject = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("question"), max_length=10000)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.PORTAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_questions",
        verbose_name=_("expert"),
    )
    # Snapshot of the asker at the moment of asking, so statistics stay true.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("organisation"),
    )
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=10, choices=Organisation.Kind.choices, blank=True
    )
    rayon = models.ForeignKey(
        Rayon, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("rayon")
    )
    is_external = models.BooleanField(_("external asker"), default=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("answer due"), db_index=True)
    paused_since = models.DateField(_("waiting for the asker since"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days paused"), default=0)
    answered_at = models.DateTimeField(_("answer sent"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    import_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [
            ("handle_question", _("Can handle helpdesk questions")),
            ("view_figures", _("Can view helpdesk figures")),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.subject

    @property
    def is_open(self):
        return self.status not in self.FINISHED

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.status != self.Status.WAITING and self.due_date < today

    def is_due_today(self, today=None):
        today = today or timezone.localdate()
        return self.is_open and self.status != self.Status.WAITING and self.due_date == today


class SubmissionKey(models.Model):
    """The key of a form that was acted on (a question, a registration, a reply or a note).
    Its unique index makes a second submission of the same form, however close in time, fail
    at the database; the service then answers with the question the first one saved. A key
    belongs to the account that sent it and the kind of form (and the question, for a reply
    or a note): sent by anyone else, or with another form, it is refused, never taken as
    "already sent"."""

    class Form(models.TextChoices):
        QUESTION = "question", _("Question")
        REGISTRATION = "registration", _("Registered question")
        REPLY = "reply", _("Reply")
        NOTE = "note", _("Internal note")

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        editable=False,
    )
    form = models.CharField(max_length=12, choices=Form.choices, blank=True, editable=False)
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key


class Message(models.Model):
    """The thread the asker sees: question, follow-ups, information requests, answers."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        FOLLOW_UP = "follow_up", _("Follow-up question")
        INFO_REQUEST = "info_request", _("Request for information")
        ASKER_REPLY = "asker_reply", _("Reply from the asker")
        ANSWER = "answer", _("Answer")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("text"), max_length=20000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class Answer(models.Model):
    """A drafted answer; only an approved one, by a second expert, reaches the asker."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        RETURNED = "returned", _("Returned with comment")
        APPROVED = "approved", _("Approved and sent")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("answer"), max_length=20000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    review_comment = models.TextField(_("review comment"), blank=True, max_length=5000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.get_status_display()}: {self.question_id}"


class AnswerVersion(models.Model):
    """An answer's text as it was sent for review, once per time it was sent: the reviewer of
    a resubmitted answer sees what changed since the previous version."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions")
    body = models.TextField(_("answer"), max_length=20000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent for review"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("answer version")
        verbose_name_plural = _("answer versions")

    def __str__(self):
        return f"{self.answer_id} ({self.submitted_at:%Y-%m-%d %H:%M})"


class InternalNote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.body[:60]


class QuestionEvent(models.Model):
    """History: who did what to a question, and when."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("question received")
        ASSIGNED = "assigned", _("assigned to an expert")
        DRAFTED = "drafted", _("answer drafted")
        SUBMITTED_FOR_REVIEW = "submitted_for_review", _("answer sent for review")
        RETURNED = "returned", _("answer returned with a comment")
        APPROVED_AND_SENT = "approved_and_sent", _("answer approved and sent")
        INFORMATION_REQUESTED = "information_requested", _("information requested from the asker")
        ASKER_REPLIED = "asker_replied", _("the asker replied")
        FOLLOW_UP = "follow_up", _("follow-up question")
        NOTE_ADDED = "note_added", _("internal note added")
        CLOSED = "closed", _("question closed")
        RATED = "rated", _("answer rated")
        WITHDRAWN = "withdrawn", _("question withdrawn")
        PUBLISHED = "published", _("published in the kennisbank")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("question event")
        verbose_name_plural = _("question history")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


def attachment_path(instance, filename):
    # The stored name is generated: nothing of the uploaded name reaches the file system.
    import uuid

    return f"attachments/{instance.question_id}/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet):
    def for_asker(self):
        """What the asker may see: their own files, and the files of an answer once it is
        approved and sent (never those of a draft)."""
        return self.filter(
            models.Q(answer__isnull=True) | models.Q(answer__status=Answer.Status.APPROVED)
        )


class Attachment(models.Model):
    """A file of a question: uploaded by the asker (or by staff registering the question), or
    by an expert with an answer (`answer` set), which the asker sees once it is sent."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("answer"),
    )
    file = models.FileField(upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Rating(models.Model):
    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="rating")
    helpful = models.BooleanField(_("helpful"))
    remark = models.TextField(_("remark"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return "+" if self.helpful else "-"


class StandardText(models.Model):
    title = models.CharField(_("title"), max_length=150, unique=True)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("standard text")
        verbose_name_plural = _("standard texts")

    def __str__(self):
        return self.title


class LegalSource(models.Model):
    """A legal provision an item cites, e.g. 'Leerplichtwet art. 5 onder b'."""

    name = models.CharField(_("legal source"), max_length=150, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("legal source")
        verbose_name_plural = _("legal sources")

    def __str__(self):
        return self.name


class ItemQuerySet(models.QuerySet):
    def readable(self, *, members_only_too: bool):
        """Published items; "members only" ones just for members and staff."""
        published = self.filter(published_at__isnull=False)
        if members_only_too:
            return published
        return published.filter(audience=Item.Audience.PUBLIC)


class Item(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Members only")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    question_text = models.TextField(_("question (anonymised)"), max_length=10000)
    answer_text = models.TextField(_("answer"), max_length=20000)
    topics = models.ManyToManyField(Topic, related_name="items", verbose_name=_("topics"))
    sources = models.ManyToManyField(
        LegalSource, related_name="items", blank=True, verbose_name=_("legal sources")
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    review_by = models.DateField(_("review by"))
    source_question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("from question"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Filled on PostgreSQL only (Dutch configuration); a GIN index makes it fast. On SQLite
    # the stemmed text is in ItemSearchText (FTS5).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("kennisbank item")
        verbose_name_plural = _("kennisbank items")
        permissions = [("publish_item", _("Can publish kennisbank items"))]

    def __str__(self):
        return self.title

    # The texts a reader sees, checked for personal data before anything is saved.
    TEXT_FIELDS = ("title", "question_text", "answer_text")

    def personal_data(self) -> list[Finding]:
        """What `find_personal_data` finds in the title, question and answer (the name of
        the asker of the question it came from too), each with its field."""
        names = []
        if self.source_question_id is not None:
            asker = self.source_question.asker
            names = [name for name in (asker.full_name, asker.last_name) if len(name) > 2]
        return [
            dataclasses.replace(finding, field=field)
            for field in self.TEXT_FIELDS
            for finding in find_personal_data(getattr(self, field), names=names)
        ]

    def clean(self):
        """No personal data in a kennisbank item, whoever saves it (the portal's service or
        the admin's form): each finding is an error on its field."""
        errors = {}
        for finding in self.personal_data():
            errors.setdefault(finding.field, []).append(
                ValidationError(
                    _("Remove the personal data from this field: %(kind)s “%(value)s”."),
                    code="personal_data",
                    params={"kind": finding.label, "value": finding.value},
                )
            )
        if errors:
            raise ValidationError(errors)


class FullTextField(models.TextField):
    """The hidden column of an FTS5 table that bears the table's name: `field__match=q`
    becomes `table.table MATCH q` (SQLite only)."""


@FullTextField.register_lookup
class FullTextMatch(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class ItemSearchText(models.Model):
    """An item's stemmed Dutch text in SQLite's full-text index (an FTS5 virtual table made
    by migration 0005 on SQLite only; PostgreSQL uses Item.search_vector instead). Kept by
    `knowledge.services.update_search_index` whenever an item is saved. Read-only here:
    `Item.objects.filter(search_text__document__match=...)` joins it on the item's id, and
    its hidden `rank` column orders by bm25 with the weights of PostgreSQL's A, B and C."""

    item = models.OneToOneField(
        Item,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_text",
    )
    title = models.TextField()
    question = models.TextField()
    answer = models.TextField()
    document = FullTextField(db_column="knowledge_item_fts")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "knowledge_item_fts"

    def __str__(self):
        return self.title
