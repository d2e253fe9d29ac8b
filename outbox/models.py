"""One row per e-mail the site owes someone (``outbox.sending``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailState(models.TextChoices):
    WAITING = "waiting", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed: every attempt refused")
    DROPPED = "dropped", _("nothing to send any more")


class OutgoingMail(models.Model):
    """An e-mail to send once: what to render it from, and how its sending went.

    Written in the transaction of the change that causes it; rendered when it
    is sent, by ``sender`` (a dotted path) from ``params`` (ids, a language),
    so it says what is true then, in the reader's language.
    """

    key = models.CharField(
        max_length=200,
        unique=True,
        help_text=_("What this e-mail is about; the same key is never sent twice."),
    )
    sender = models.CharField(max_length=255)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=10, choices=MailState.choices, default=MailState.WAITING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        help_text=_(
            "When it is due: the next attempt, or the end of the one under way."
        )
    )
    last_error = models.TextField(blank=True)
    sent_to = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_state_display()})"
