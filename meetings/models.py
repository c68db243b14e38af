"""Bijeenkomsten: every meeting of the association (ALV, werkconferentie, rayondag, the
rayon contact persons' meetings, regional and theme meetings, visits to Doorstroompunt
regions and member consultations), registration with a waiting list, workshops, check-in,
and for an ALV the voting delegates, proxies, decisions and votes.

The voting register of an ALV is not stored: it is the member organisations with an active
membership on the meeting's date (`selectors.voting_register`)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.generated_files import GeneratedFile
from ingrado.places import CANCELLED, CONFIRMED, WAITLISTED
from ingrado.storage import private_storage
from members.models import Organisation, Person, Rayon


class PlaceStatus(models.TextChoices):
    """The state of a claim on a place (see ingrado.places)."""

    CONFIRMED = CONFIRMED, _("Confirmed")
    WAITLISTED = WAITLISTED, _("On the waiting list")
    CANCELLED = CANCELLED, _("Cancelled")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ALV = "alv", _("General meeting (ALV)")
        WERKCONFERENTIE = "werkconferentie", _("Werkconferentie")
        RAYONDAG = "rayondag", _("Rayondag")
        RAYON_CONTACTS = "rcp", _("Meeting of rayon contact persons")
        REGIONAL = "regionaal", _("Regional or theme meeting")
        VISIT = "bezoek", _("Visit to a Doorstroompunt region")
        CONSULTATION = "raadpleging", _("Member consultation")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PARTNERS = "partners", _("Partners welcome")
        RAYON_CONTACTS = "rcp", _("Rayon contact persons")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class AnswerPer(models.TextChoices):
        ORGANISATION = "organisation", _("One answer per organisation")
        PERSON = "person", _("One answer per person")

    # Kinds people register for; visits are recorded by staff, consultations are answered.
    REGISTRATION_KINDS = (
        Kind.ALV,
        Kind.WERKCONFERENTIE,
        Kind.RAYONDAG,
        Kind.RAYON_CONTACTS,
        Kind.REGIONAL,
    )

    # What staff set on a meeting (the form, the service and the fuzz test use this list).
    EDITABLE_FIELDS = (
        "kind",
        "title",
        "description",
        "alv",
        "rayon",
        "region",
        "date",
        "start_time",
        "end_time",
        "location",
        "online_link",
        "audience",
        "capacity",
        "registration_deadline",
        "cancellation_deadline",
        "price_member",
        "price_non_member",
        "krsd_points",
        "krsd_code",
        "votes_per_organisation",
        "max_proxies_per_holder",
        "quorum_percent",
        "answers_until",
        "answer_per",
    )

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    alv = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="werkconferenties",
        limit_choices_to={"kind": "alv"},
        verbose_name=_("ALV"),
        help_text=_("The general meeting a werkconferentie belongs to."),
    )
    rayon = models.ForeignKey(
        Rayon,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("rayon"),
    )
    region = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        limit_choices_to={"kind": "regio"},
        verbose_name=_("Doorstroompunt region"),
        help_text=_("The region visited."),
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_deadline = models.DateField(
        _("register by"), null=True, blank=True, help_text=_("Empty: until the day itself.")
    )
    cancellation_deadline = models.DateField(
        _("cancel by"), null=True, blank=True, help_text=_("Empty: until the day itself.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Empty: free of charge (most meetings). Prices include VAT as the Academie's do
    # (MEETINGS_VAT_RATE, else ACADEMY_VAT_RATE); a paid meeting asks whom to invoice.
    price_member = models.DecimalField(
        _("price for members"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Empty: free of charge for people of a member organisation."),
    )
    price_non_member = models.DecimalField(
        _("price for non-members"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Empty: free of charge for partners and others."),
    )
    krsd_points = models.PositiveSmallIntegerField(_("KRSD points"), default=0)
    krsd_code = models.CharField(_("KRSD register code"), max_length=30, blank=True)
    # The rules of voting in force for this meeting (the statutes), taken from the settings
    # when the meeting is made (MEETINGS_* in settings; the BW's defaults); see the README.
    votes_per_organisation = models.PositiveSmallIntegerField(
        _("votes per member organisation"), default=1, validators=[MinValueValidator(1)]
    )
    max_proxies_per_holder = models.PositiveSmallIntegerField(
        _("maximum proxies per holder"), null=True, blank=True, help_text=_("Empty: no maximum.")
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percentage of the member organisations)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Empty: no quorum."),
    )
    answers_until = models.DateTimeField(_("answers until"), null=True, blank=True)
    answer_per = models.CharField(
        _("answers"), max_length=12, choices=AnswerPer.choices, default=AnswerPer.ORGANISATION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        permissions = [
            ("manage_meetings", _("Can run meetings")),
            ("view_meeting_figures", _("Can view meeting figures")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="rayondag") | Q(rayon__isnull=False),
                name="rayondag_has_rayon",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start.")
        if self.kind == self.Kind.RAYONDAG and not self.rayon_id:
            errors["rayon"] = _("A rayondag needs its rayon.")
        if self.kind == self.Kind.VISIT and not self.region_id:
            errors["region"] = _("Choose the Doorstroompunt region visited.")
        if self.kind == self.Kind.CONSULTATION and not self.answers_until:
            errors["answers_until"] = _("A consultation needs a deadline for the answers.")
        if self.alv_id and self.kind != self.Kind.WERKCONFERENTIE:
            errors["alv"] = _("Only a werkconferentie belongs to an ALV.")
        if self.alv_id and self.alv.kind != self.Kind.ALV:
            errors["alv"] = _("Choose a general meeting (ALV).")
        if self.date and self.registration_deadline and self.registration_deadline > self.date:
            errors["registration_deadline"] = _("Registration must close by the day itself.")
        if self.date and self.cancellation_deadline and self.cancellation_deadline > self.date:
            errors["cancellation_deadline"] = _("Cancelling must close by the day itself.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_alv(self) -> bool:
        return self.kind == self.Kind.ALV

    @property
    def takes_registrations(self) -> bool:
        return self.kind in self.REGISTRATION_KINDS

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def registers_until(self):
        return self.registration_deadline or self.date

    def cancels_until(self):
        return self.cancellation_deadline or self.date

    def accepts_registrations(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.is_published and self.takes_registrations and on <= self.registers_until()

    def starts_at(self):
        from datetime import datetime

        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    def ends_at(self):
        from datetime import datetime

        return timezone.make_aware(datetime.combine(self.date, self.end_time))

    def is_over(self, now=None) -> bool:
        return self.ends_at() <= (now or timezone.now())

    @property
    def is_paid(self) -> bool:
        return bool(self.price_member or self.price_non_member)


class ProgrammeItem(models.Model):
    """A line of a meeting's programme (an agenda item of an ALV): time, title, speaker."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    start_time = models.TimeField(_("start"), null=True, blank=True)
    end_time = models.TimeField(_("end"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "start_time", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})


class Workshop(models.Model):
    """A workshop of a werkconferentie, in one of its parallel rounds, with its own places."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("meeting")
    )
    round = models.PositiveSmallIntegerField(
        _("round"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["round", "title", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self):
        return self.title


class Registration(models.Model):
    """A person's registration, with their organisation and its rayon as they were that day:
    a later move does not change the figures."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=10, choices=PlaceStatus.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation (that day)"),
    )
    rayon = models.ForeignKey(
        Rayon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rayon (that day)"),
    )
    organisation_kind = models.CharField(
        _("kind of organisation (that day)"),
        max_length=10,
        blank=True,
        choices=Organisation.Kind.choices,
    )
    was_member = models.BooleanField(_("of a member organisation (that day)"), default=False)
    price = models.DecimalField(
        _("price (that day)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: free of charge."),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("left"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_person_per_meeting",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"

    @property
    def is_present(self) -> bool:
        return self.checked_in_at is not None and self.checked_out_at is None


class WorkshopPlace(models.Model):
    """A registered person's place in a workshop: at most one workshop per round."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="places", verbose_name=_("workshop")
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="workshop_places",
        verbose_name=_("registration"),
    )
    round = models.PositiveSmallIntegerField(_("round"))
    status = models.CharField(_("status"), max_length=10, choices=PlaceStatus.choices)
    created_at = models.DateTimeField(_("chosen"), default=timezone.now)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)

    class Meta:
        ordering = ["round", "created_at", "pk"]
        verbose_name = _("workshop place")
        verbose_name_plural = _("workshop places")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"],
                condition=~Q(status="cancelled"),
                name="one_workshop_per_round_per_registration",
            )
        ]

    def __str__(self):
        return f"{self.registration_id} → {self.workshop}"


class Evaluation(models.Model):
    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("registration"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    comments = models.TextField(_("comments"), blank=True, max_length=3000)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=10), name="meeting_evaluation_1_to_10"
            )
        ]

    def __str__(self):
        return str(self.score)


class Document(models.Model):
    """A meeting's document (agenda, jaarrekening, minutes), stored privately and served
    through a permission check. Draft documents are for staff and board only."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to="meetings/")
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    is_draft = models.BooleanField(
        _("draft"), default=False, help_text=_("Only staff and the board see a draft.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class Delegate(models.Model):
    """The person who casts an organisation's vote at an ALV, named by its manager."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="delegations", verbose_name=_("delegate")
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named by"),
    )
    named_at = models.DateTimeField(_("named"), default=timezone.now)

    class Meta:
        verbose_name = _("voting delegate")
        verbose_name_plural = _("voting delegates")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="one_delegate_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.organisation})"


class Proxy(models.Model):
    """A volmacht: organisation `grantor` lets the delegate of `holder` cast its vote. It
    counts only while that delegate is checked in, and lapses when the grantor's own
    delegate checks in. Every change is in the audit log."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="proxies", verbose_name=_("meeting")
    )
    grantor = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("given by"),
    )
    holder = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("given to"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by (person)"),
    )
    granted_at = models.DateTimeField(_("given"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "grantor"],
                condition=Q(revoked_at__isnull=True, lapsed_at__isnull=True),
                name="one_active_proxy_per_grantor",
            ),
            models.CheckConstraint(
                condition=~Q(grantor=models.F("holder")), name="proxy_not_to_oneself"
            ),
        ]

    def __str__(self):
        return f"{self.grantor} → {self.holder}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.lapsed_at is None


class Decision(models.Model):
    """An agenda item the ALV decides on, by open (named) or secret vote.

    The counts (`tally_*`) are kept for both kinds as votes come in; an open vote also keeps
    each organisation's choice on its ballot, a secret vote keeps none: its ballot records
    only that the organisation voted (see `Ballot`)."""

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("more than half of the votes cast")
        TWO_THIRDS = "two_thirds", _("at least two thirds of the votes cast")

    class State(models.TextChoices):
        DRAFT = "draft", _("Not yet put to the vote")
        OPEN = "open", _("Voting")
        CLOSED = "closed", _("Closed")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("proposal"), blank=True, max_length=5000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    majority = models.CharField(
        _("required majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    is_secret = models.BooleanField(_("secret vote"), default=False)
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.DRAFT, db_index=True
    )
    opened_at = models.DateTimeField(_("put to the vote"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    tally_for = models.PositiveIntegerField(_("for"), default=0)
    tally_against = models.PositiveIntegerField(_("against"), default=0)
    tally_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    year_plan_year = models.PositiveSmallIntegerField(
        _("adopts the year plan of"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2016), MaxValueValidator(2040)],
        help_text=_("Adopted: the projects' year plans of that year say so."),
    )
    year_plan_programme = models.ForeignKey(
        "programmes.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only the year plans of programme"),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.title


class Ballot(models.Model):
    """That an organisation voted on a decision (one per voting right: the unique
    constraint), who cast it and whether by proxy. For an open vote the choice is kept here;
    for a secret vote `choice` stays empty and only the decision's counts change."""

    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("decision")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    cast_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ballots",
        verbose_name=_("cast by"),
    )
    via_proxy = models.BooleanField(_("by proxy"), default=False)
    weight = models.PositiveSmallIntegerField(_("votes"), default=1)
    choice = models.CharField(_("choice"), max_length=8, blank=True, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast"), default=timezone.now)

    class Meta:
        ordering = ["cast_at", "pk"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation"], name="one_ballot_per_voting_right"
            )
        ]

    def __str__(self):
        return f"{self.decision_id}: {self.organisation}"


class ConsultationQuestion(models.Model):
    class Kind(models.TextChoices):
        CHOICE = "choice", _("Choice")
        SCALE = "scale", _("Scale 1-5")
        TEXT = "text", _("Open answer")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="questions", verbose_name=_("consultation")
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.CHOICE)
    options = models.TextField(
        _("options"), blank=True, max_length=2000, help_text=_("One option per line.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("consultation question")
        verbose_name_plural = _("consultation questions")

    def __str__(self):
        return self.text

    def option_list(self) -> list[str]:
        if self.kind == self.Kind.SCALE:
            return [str(n) for n in range(1, 6)]
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def clean(self):
        if self.kind == self.Kind.CHOICE and len(self.option_list()) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})


class ConsultationResponse(models.Model):
    """One organisation's (or person's) answers to a consultation, with the organisation's
    rayon and kind as they were that day."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="responses", verbose_name=_("consultation")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_responses",
        verbose_name=_("answered by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    rayon = models.ForeignKey(
        Rayon, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=10, blank=True, choices=Organisation.Kind.choices
    )
    per_organisation = models.BooleanField(default=True)
    submitted_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(per_organisation=True),
                name="one_response_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(per_organisation=False),
                name="one_response_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.organisation or self.person}"


class ConsultationAnswer(models.Model):
    response = models.ForeignKey(
        ConsultationResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        ConsultationQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(_("answer"), max_length=3000)

    class Meta:
        verbose_name = _("consultation answer")
        verbose_name_plural = _("consultation answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return self.value[:40]


class MeetingReport(GeneratedFile):
    """The besluitenlijst or presentielijst of a meeting as a tagged PDF, made by
    `meetings.tasks.render_meeting_report` (state, attempts and time limit from
    `GeneratedFile`). At most one of each kind per meeting is queued or being made."""

    class Kind(models.TextChoices):
        DECISIONS = "besluitenlijst", _("List of decisions")
        ATTENDANCE = "presentielijst", _("Attendance list")

    time_limit_setting = "MEETING_REPORT_TIMEOUT_SECONDS"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="reports", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="meeting-reports/", blank=True
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("meeting report")
        verbose_name_plural = _("meeting reports")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=Q(state__in=["queued", "generating"]),
                name="one_open_meeting_report_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.meeting}"
