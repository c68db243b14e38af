"""The strategic plan 2025-2030, its programmes and projects, yearly results, and the
annual report (jaarverslag) generated from them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.generated_files import GeneratedFile
from ingrado.storage import private_storage


class StrategicPlan(models.Model):
    title = models.CharField(_("title"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    mission = models.TextField(_("mission"))
    core_values = models.TextField(_("core values"))
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")

    def __str__(self):
        return f"{self.title} ({self.first_year}-{self.last_year})"


class Speerpunt(models.Model):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="speerpunten")
    letter = models.CharField(_("letter"), max_length=1)
    title = models.CharField(_("title"), max_length=200)
    goals_2030 = models.TextField(_("goals for 2030"))

    class Meta:
        ordering = ["letter"]
        unique_together = [("plan", "letter")]
        verbose_name = _("speerpunt")
        verbose_name_plural = _("speerpunten")

    def __str__(self):
        return f"{self.letter}: {self.title}"


class Programme(models.Model):
    """Programmes 1-5; bedrijfsvoering (business operations) has number 0 and no speerpunt."""

    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="programmes")
    speerpunt = models.ForeignKey(
        Speerpunt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("speerpunt"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description (stip op de horizon)"))

    class Meta:
        ordering = ["plan", models.F("number").asc(nulls_last=True)]
        unique_together = [("plan", "number")]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return f"{self.number}. {self.name}" if self.number else self.name

    @property
    def is_operations(self):
        return self.number == 0


class Project(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    # Other apps register figures for a project by this key (ingrado.annual_figures): it
    # stays when the project is renamed or its address changes.
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "A fixed key by which the portal finds the figures it computes for this project "
            "(e.g. kennis, academie); renaming the project does not change it."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    end_result_2030 = models.TextField(_("end result 2030"), blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("project lead"),
    )
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2025)
    last_year = models.PositiveSmallIntegerField(_("last year"), default=2030)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme__number", "order", "name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.name

    def is_active_in(self, year):
        return self.first_year <= year <= self.last_year


class YearPlan(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="year_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    intended_results = models.TextField(_("intended results"))
    activities = models.TextField(_("activities"), blank=True)
    # Set by a decision of a meeting (meetings app) through `services.year_plans_adopt`.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=120, blank=True, help_text=_("For example: the ALV.")
    )

    class Meta:
        ordering = ["-year"]
        unique_together = [("project", "year")]
        verbose_name = _("year plan")
        verbose_name_plural = _("year plans")

    def __str__(self):
        return f"{self.project} {self.year}"


class Result(models.Model):
    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("Achieved")
        PARTLY = "partly", _("Partly achieved")
        NOT = "not", _("Not achieved")
        MOVED = "moved", _("Moved to a later year")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    text = models.TextField(_("result"), max_length=5000)
    is_highlight = models.BooleanField(
        _("highlight"),
        default=False,
        help_text=_("Shown in the public version under 'Greep uit de resultaten'."),
    )
    in_overview = models.BooleanField(
        _("in the year at a glance"),
        default=False,
        help_text=_("Shown with its date in the public version under '<year> in vogelvlucht'."),
    )
    happened_on = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The day it happened; needed for 'in vogelvlucht'."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status against the year plan"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACHIEVED,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The history's actions for this kind of entry: result_added, result_changed, ...
    revision_prefix = "result"

    class Meta:
        ordering = ["year", "order", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.text[:80]

    def clean(self):
        if self.in_overview and not self.happened_on:
            raise ValidationError(
                {"happened_on": _("Give the date of a result shown in 'in vogelvlucht'.")}
            )
        if self.happened_on and self.year and self.happened_on.year != self.year:
            raise ValidationError(
                {"happened_on": _("The date lies outside %(year)s.") % {"year": self.year}}
            )

    def revision_text(self) -> str:
        text = f"{self.text} [{self.get_status_display()}]"
        if self.happened_on:
            text += f" ({self.happened_on:%Y-%m-%d}{', vogelvlucht' if self.in_overview else ''})"
        return text


class Revision(models.Model):
    """One change in a history: who, when, and the text before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.action}"


class ResultRevision(Revision):
    """History of edits to a project's results, key figures and year plans."""

    class Action(models.TextChoices):
        RESULT_ADDED = "result_added", _("Result recorded")
        RESULT_CHANGED = "result_changed", _("Result changed")
        RESULT_MOVED = "result_moved", _("Result moved")
        RESULT_DELETED = "result_deleted", _("Result deleted")
        FIGURE_ADDED = "figure_added", _("Key figure recorded")
        FIGURE_CHANGED = "figure_changed", _("Key figure changed")
        FIGURE_MOVED = "figure_moved", _("Key figure moved")
        FIGURE_DELETED = "figure_deleted", _("Key figure deleted")
        YEAR_PLAN_ADDED = "year_plan_added", _("Year plan written")
        YEAR_PLAN_CHANGED = "year_plan_changed", _("Year plan changed")
        YEAR_PLAN_DELETED = "year_plan_deleted", _("Year plan deleted")
        YEAR_PLAN_ADOPTED = "year_plan_adopted", _("Year plan adopted")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    year = models.PositiveSmallIntegerField(_("year"))
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)

    class Meta(Revision.Meta):
        pass


class KeyFigure(models.Model):
    """A figure shown large (e.g. 550 / deelnemers); a recorded figure overrides a computed
    one with the same label."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="key_figures")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.CharField(_("value"), max_length=20)
    label = models.CharField(_("label"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    revision_prefix = "figure"

    class Meta:
        ordering = ["year", "order", "pk"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.value} {self.label}"

    def revision_text(self) -> str:
        return str(self)


class AnnualReport(GeneratedFile):
    """A generated jaarverslag PDF (state, attempts and time limit from `GeneratedFile`).
    At most one report per year is queued or generating at a time."""

    time_limit_setting = "ANNUAL_REPORT_TIMEOUT_SECONDS"

    year = models.PositiveSmallIntegerField(_("year"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    file = models.FileField(storage=private_storage, upload_to="reports/", blank=True)
    # The portal's address when the PDF was made: its links and QR code point there. Made
    # on a local address (a developer's machine), the PDF is a draft and cannot be published.
    site_url = models.CharField(_("address in the report"), max_length=200, blank=True)
    is_draft = models.BooleanField(_("draft"), default=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        permissions = [
            ("generate_report", _("Can generate and download the annual report")),
            ("record_result", _("Can record project results")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(state__in=["queued", "generating"]),
                name="one_open_annual_report_per_year",
            )
        ]

    def __str__(self):
        return f"Jaarverslag {self.year} ({self.get_state_display()})"


class ReportEdition(models.Model):
    """What staff write for the public version of a year beside the results: the voorwoord
    and who signs it, the cover photo, the financial summary, the publication date, and
    which generated PDF is published (its year's online version is then public)."""

    class Signatory(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DIRECTOR = "director", _("Director")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    foreword = models.TextField(_("foreword"), max_length=6000, blank=True)
    foreword_signed_by = models.CharField(_("signed by"), max_length=120, blank=True)
    foreword_signatory = models.CharField(
        _("as"), max_length=10, choices=Signatory.choices, blank=True
    )
    financial_summary = models.TextField(_("financial summary"), max_length=3000, blank=True)
    cover_image = models.ImageField(
        _("cover photo or illustration"),
        storage=private_storage,
        upload_to="jaarverslag/",
        blank=True,
    )
    cover_image_alt = models.CharField(
        _("description of the cover photo"), max_length=250, blank=True
    )
    cover_image_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    publication_date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Printed on the cover; empty: the day the PDF is made."),
    )
    published_report = models.ForeignKey(
        AnnualReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published PDF"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual report text")
        verbose_name_plural = _("annual report texts")

    def __str__(self):
        return f"Jaarverslag {self.year}"

    def clean(self):
        errors = {}
        if self.foreword.strip() and not self.foreword_signed_by.strip():
            errors["foreword_signed_by"] = _("Who signs the foreword?")
        if self.foreword.strip() and not self.foreword_signatory:
            errors["foreword_signatory"] = _("Signed as chair or as director?")
        if self.cover_image and not self.cover_image_alt.strip():
            errors["cover_image_alt"] = _("Describe the photo for readers who cannot see it.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.published_report_id is not None


class MemberQuote(models.Model):
    """A member's words in the public version of a year."""

    edition = models.ForeignKey(
        ReportEdition, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("year")
    )
    text = models.TextField(_("quote"), max_length=600)
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("function and organisation"), max_length=160, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("member quote")
        verbose_name_plural = _("member quotes")

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def revision_text(self) -> str:
        return f"“{self.text}” — {self.name}" + (f", {self.role}" if self.role else "")


class EditionRevision(Revision):
    """History of the texts of a year's public version and of its publication."""

    class Action(models.TextChoices):
        TEXTS_CHANGED = "texts_changed", _("Texts changed")
        COVER_CHANGED = "cover_changed", _("Cover photo changed")
        QUOTE_ADDED = "quote_added", _("Quote added")
        QUOTE_CHANGED = "quote_changed", _("Quote changed")
        QUOTE_DELETED = "quote_deleted", _("Quote deleted")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Publication withdrawn")

    edition = models.ForeignKey(ReportEdition, on_delete=models.CASCADE, related_name="revisions")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)

    class Meta(Revision.Meta):
        pass
