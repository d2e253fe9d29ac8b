"""Oscar's payment records, plus what card payments through Stripe need to be safe.

``StripeCheckoutSession`` ties a hosted Checkout Session to its order and keeps
the idempotency key of the attempt, so a retried request is the same attempt.
``StripeWebhookEvent`` remembers every event processed: Stripe repeats events,
and one delivered ten times must change the order once. ``Refund`` records what
staff gave back, for the whole order or for one centre's lines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeCheckoutSession(models.Model):
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="stripe_sessions"
    )
    session_id = models.CharField(max_length=255, unique=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    currency = models.CharField(max_length=3, default="vnd")
    url = models.URLField(max_length=2000, blank=True)
    status = models.CharField(max_length=32, default="open")
    payment_status = models.CharField(max_length=32, default="unpaid")
    payment_intent = models.CharField(max_length=255, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.session_id


class StripeWebhookEvent(models.Model):
    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=128)
    session_id = models.CharField(max_length=255, blank=True)
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class Refund(models.Model):
    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="refunds"
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
        help_text=_(
            "The centre whose lines were refunded; empty for the rest of the order."
        ),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    stripe_refund_id = models.CharField(max_length=255, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self) -> str:
        return f"{self.order.number}: {self.amount}"


from oscar.apps.payment.models import *  # noqa: E402,F403
