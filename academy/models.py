"""The Ingrado Academie: activities, editions with sessions, enrolments with a waiting
list, attendance, evaluations and certificates."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ingrado.generated_files import GeneratedFile
from ingrado.storage import private_storage
from members.models import Person


class Activity(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        LEERGANG = "leergang", _("Leergang")
        INCOMPANY = "incompany", _("In-company")

    class Audience(models.TextChoices):
        LEERPLICHT = "leerplicht", _("Leerplicht")
        DOORSTROOMPUNT = "doorstroompunt", _("Doorstroompunt")
        MANAGERS = "managers", _("Managers")
        EVERYONE = "everyone", _("Everyone")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"))
    audience = models.CharField(_("audience"), max_length=15, choices=Audience.choices)
    krsd_points = models.PositiveSmallIntegerField(_("KRSD points"), default=0)
    krsd_code = models.CharField(_("KRSD register code"), max_length=30, blank=True)
    price_member = models.DecimalField(_("price for members"), max_digits=8, decimal_places=2)
    price_non_member = models.DecimalField(
        _("price for non-members"), max_digits=8, decimal_places=2
    )
    project = models.ForeignKey(
        "programmes.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("project"),
    )
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        permissions = [
            ("manage_editions", _("Can run Academie editions")),
            ("view_academy_figures", _("Can view Academie figures")),
        ]

    def __str__(self):
        return self.title


class EditionQuerySet(models.QuerySet):
    def with_dates_and_places(self):
        return self.annotate(
            first_date=models.Min("sessions__date"),
            last_date=models.Max("sessions__date"),
            confirmed_count=models.Count(
                "enrolments", filter=Q(enrolments__status="confirmed"), distinct=True
            ),
        ).annotate(places_left=models.F("capacity") - models.F("confirmed_count"))


class Edition(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="editions", verbose_name=_("activity")
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    enrolment_deadline = models.DateField(_("enrolment deadline"))
    cancellation_deadline = models.DateField(_("cancellation deadline"))
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return f"{self.activity} #{self.pk}"

    def accepts_enrolments(self, on=None) -> bool:
        """Published, not cancelled and before the enrolment deadline."""
        on = on or timezone.localdate()
        return (
            self.activity.is_published and not self.is_cancelled and on <= self.enrolment_deadline
        )


class Session(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("edition")
    )
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)

    class Meta:
        ordering = ["date", "start_time"]
        # In context: Django's own "session" (sessie) is a login session.
        verbose_name = pgettext_lazy("academy", "session")
        verbose_name_plural = pgettext_lazy("academy", "sessions")

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.start_time:%H:%M}"


def _count(queryset, group_by: str):
    """A subquery counting the rows of `queryset` (filtered on an OuterRef), 0 for none."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


class EnrolmentQuerySet(models.QuerySet):
    def with_attended_every_session(self):
        """Annotate `attended_every_session`: the edition has sessions and the participant
        was registered present at every one of them (a session still to come, also one
        moved to a later date, has not been attended). The one rule for the certificate,
        the participant list and the KRSD export."""
        return self.annotate(
            session_count=_count(Session.objects.filter(edition=OuterRef("edition")), "edition"),
            present_count=_count(
                Attendance.objects.filter(
                    enrolment=OuterRef("pk"),
                    present=True,
                    session__date__lte=timezone.localdate(),
                ),
                "enrolment",
            ),
        ).annotate(
            attended_every_session=models.ExpressionWrapper(
                Q(session_count__gt=0, present_count=F("session_count")),
                output_field=models.BooleanField(),
            )
        )

    def who_attended_every_session(self):
        return self.with_attended_every_session().filter(attended_every_session=True)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("edition")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("participant")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    price = models.DecimalField(_("price"), max_digits=8, decimal_places=2)
    created_at = models.DateTimeField(_("enrolled"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"],
                condition=~Q(status="cancelled"),
                name="one_active_enrolment_per_person_per_edition",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.edition}"


class Attendance(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("enrolment")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=pgettext_lazy("academy", "session"),
    )
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        unique_together = [("enrolment", "session")]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.enrolment_id}/{self.session_id}: {self.present}"


class Evaluation(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("enrolment")
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
                condition=Q(score__gte=1) & Q(score__lte=10), name="evaluation_score_1_to_10"
            )
        ]

    def __str__(self):
        return str(self.score)


def new_certificate_code():
    return secrets.token_hex(6).upper()


class Certificate(GeneratedFile):
    """A participant's certificate; its PDF is rendered by `academy.tasks.render_certificate`
    (state, attempts and time limit from `GeneratedFile`)."""

    time_limit_setting = "CERTIFICATE_TIMEOUT_SECONDS"

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("enrolment")
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now, db_index=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="certificates/", blank=True
    )
    # When the participant was told it is ready: once, the first time it is. A certificate
    # rendered again later (its PDF missing, history, demo data) is not announced again.
    announced_at = models.DateTimeField(_("announced to the participant"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code
