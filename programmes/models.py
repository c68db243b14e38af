"""The strategic plan 2025-2030, its programmes and projects, yearly results, and the
annual report (jaarverslag) generated from them."""

from django.conf import settings
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

    def revision_text(self) -> str:
        return f"{self.text} [{self.get_status_display()}]"


class ResultRevision(models.Model):
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
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.action}"


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
    in_process_after_response = True  # seconds of WeasyPrint: the page follows it live

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
