"""The Ingrado nieuwsbrief: subscribers, newsletters of sections, one delivery per recipient,
and the counts of opens and clicks (kept apart from the people who read)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ingrado.text import validate_one_line
from members.models import Organisation, Person


def new_token() -> str:
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """The addresses a newsletter goes to: confirmed and not paused."""
        return self.filter(status=Subscriber.Status.SUBSCRIBED)

    def for_list(self):
        return self.select_related("organisation__rayon").order_by("email")


class Subscriber(models.Model):
    """An address on the newsletter's list, with the consent it was given."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        SUBSCRIBED = "subscribed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        PAUSED = "paused", _("Paused after failures")

    class Consent(models.TextChoices):
        PROFILE = "profile", _("On their profile in the portal")
        DOUBLE_OPT_IN = "double_opt_in", _("Public form, confirmed by e-mail (double opt-in)")
        IMPORT = "import", _("Imported from the existing list")
        DEMO = "demo", _("Demo data")

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the portal"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    consent = models.CharField(_("consent given"), max_length=15, choices=Consent.choices)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    subscribed_at = models.DateTimeField(_("subscribed since"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    hard_failures = models.PositiveSmallIntegerField(_("hard failures in a row"), default=0)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["status", "subscribed_at"])]

    def __str__(self):
        return self.email

    @property
    def display_name(self) -> str:
        return self.name or self.email


class Suppression(models.Model):
    """An address that must not come back on the list by an import or an old link: it was
    removed on request, or belonged to a person who was anonymised. Kept as a keyed hash
    (HMAC-SHA256 with the secret key), so the address itself is gone; only someone who
    types the address again can find it here."""

    class Reason(models.TextChoices):
        REMOVED = "removed", _("Removed on request")
        ANONYMISED = "anonymised", _("Person anonymised")

    digest = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("address not to add again")
        verbose_name_plural = _("addresses not to add again")

    def __str__(self):
        return f"{self.get_reason_display()} ({self.digest[:8]})"


class NewsletterQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Newsletter.Status.SENT)


class Newsletter(models.Model):
    """One issue of the nieuwsbrief: a subject, an introduction and sections."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    # The subject is the mail's Subject header: one line (a line break would stall sending).
    subject = models.CharField(_("subject"), max_length=150, validators=[validate_one_line])
    introduction = models.TextField(_("introduction"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Kept when sending starts and when it finishes: the figures read these.
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    delivered = models.PositiveIntegerField(_("accepted by the mail server"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # Counts of reading, without a link to the people who read (see Reader).
    opens = models.PositiveIntegerField(_("opens"), default=0)
    unique_opens = models.PositiveIntegerField(_("readers who opened"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    unique_clicks = models.PositiveIntegerField(_("readers who clicked"), default=0)
    # Readers who unsubscribed through this newsletter's link (counted, not named).
    unsubscribes = models.PositiveIntegerField(_("unsubscribed through it"), default=0)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        permissions = [
            ("manage_newsletters", _("Can write and send newsletters and manage subscribers")),
            ("view_newsletter_figures", _("Can view the newsletter figures")),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def is_public(self) -> bool:
        """Sent (or being sent): its images may be shown to anyone who has the mail."""
        return self.status in (self.Status.SENDING, self.Status.SENT)


def section_image_path(section, filename):
    return f"nieuwsbrief/{new_token()}.{filename.rsplit('.', 1)[-1].lower()[:5]}"


class Section(models.Model):
    """A part of a newsletter: a title, a text, an optional link and image."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000)
    link_url = models.URLField(_("link"), max_length=500, blank=True)
    link_label = models.CharField(_("link text"), max_length=100, blank=True)
    image = models.ImageField(_("image"), upload_to=section_image_path, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    unique_clicks = models.PositiveIntegerField(_("readers who clicked"), default=0)

    class Meta:
        ordering = ["newsletter", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Delivery(models.Model):
    """One newsletter for one subscriber: made when sending starts, then claimed, sent and
    marked by a batch (see communications/sending.py for how nobody gets it twice)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("To go")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNCERTAIN = "uncertain", _("Uncertain (worker stopped while sending)")
        SKIPPED = "skipped", _("Skipped (no longer subscribed)")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    # Random: the tracking links of this mail carry it; readers are counted by a keyed hash
    # of it, never by the delivery itself.
    token = models.CharField(max_length=32, unique=True, default=new_token)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"],
                condition=Q(subscriber__isnull=False),
                name="delivery_once_per_subscriber",
            )
        ]
        indexes = [models.Index(fields=["newsletter", "state"])]

    def __str__(self):
        return f"{self.newsletter_id}/{self.subscriber_id}: {self.state}"


class Reader(models.Model):
    """A reader of a newsletter, known only by a keyed hash of their delivery's token: enough
    to count each reader once, not to say who it is."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    opened = models.BooleanField(default=False)
    clicked = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "digest"], name="reader_once")]

    def __str__(self):
        return f"{self.newsletter_id}/{self.digest[:8]}"


class SectionReader(models.Model):
    """A reader who clicked a section's link, by the same keyed hash."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "digest"], name="section_reader_once")
        ]

    def __str__(self):
        return f"{self.section_id}/{self.digest[:8]}"
