"""The outbox: every e-mail the portal sends is one row per recipient, made in the
transaction of the change it is about and sent by a task of its own (see services.py).

The app is the bottom layer of the portal: it imports no other app of the portal."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def needing_attention(self):
        """Failed or uncertain, and not sent again by staff yet: what the staff page shows."""
        return self.filter(
            state__in=[OutgoingMail.State.FAILED, OutgoingMail.State.UNCERTAIN],
            resends__isnull=True,
        )

    def for_staff_list(self):
        """What the staff list shows of a mail: not its text, HTML or attachments."""
        return self.defer("text", "html", "attachments", "headers").order_by("-created_at", "-pk")


class OutgoingMail(models.Model):
    """One e-mail to one recipient, rendered when it was queued.

    States: *queued* (waiting for its task, or for its next attempt at `next_attempt_at`),
    *being sent* (claimed by a task, committed before the mail is handed to the mail server),
    *sent* (the server accepted it: never sent again), *failed* (refused for good, or out of
    attempts) and *uncertain* (the task stopped while handing it over: it may or may not
    have arrived, so it is not sent again unless staff choose to)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        UNCERTAIN = "uncertain", _("Uncertain")

    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    state_changed_at = models.DateTimeField(_("in this state since"), default=timezone.now)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    to = models.EmailField(_("to"), max_length=254)
    from_email = models.CharField(_("from"), max_length=300)
    subject = models.TextField(_("subject"))
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # [{"filename": ..., "mimetype": ..., "content": base64}]
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10)
    template = models.CharField(_("kind of mail"), max_length=200, blank=True)
    about = models.CharField(_("about"), max_length=100, blank=True)  # "app_label.model:pk"
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)
    resent_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resends",
        verbose_name=_("sent again from"),
    )
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent again by"),
    )

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        permissions = [("resend_outgoingmail", _("Can send a failed or uncertain e-mail again"))]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_state_next_idx"),
            models.Index(fields=["state", "created_at"], name="outbox_state_created_idx"),
            models.Index(fields=["to"], name="outbox_to_idx"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"

    @property
    def can_be_resent(self) -> bool:
        return self.state in (self.State.FAILED, self.State.UNCERTAIN)
