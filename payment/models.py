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


class PaymentAlert(models.Model):
    """Money that arrived in a way we cannot trust, kept for site managers.

    A signed Stripe event that does not match its order (amount, currency, way
    to pay, session), or a bank transfer that is short, too much or names no
    order: it pays nothing, and stays here until a manager resolves it.
    """

    class Source(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        BANK = "bank", _("Bank transfer")

    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="payment_alerts",
    )
    reference = models.CharField(_("reference"), max_length=255, blank=True)
    reason = models.CharField(_("reason"), max_length=64)
    message = models.TextField(_("what happened"), blank=True)
    amount = models.BigIntegerField(_("amount (đồng)"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=8, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("payment alert")
        verbose_name_plural = _("payment alerts")

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.reason} {self.reference}"


class BankTransfer(models.Model):
    """One incoming transfer reported by the bank-statement webhook, kept once
    per bank reference, with what it did: paid an order, or raised an alert."""

    class Outcome(models.TextChoices):
        PAID = "paid", _("Paid its order")
        ALREADY_PAID = "already_paid", _("Order already paid")
        SHORT = "short", _("Less than the order's total")
        EXCESS = "excess", _("More than the order's total")
        UNMATCHED = "unmatched", _("Names no order")
        NOT_AWAITED = "not_awaited", _("Order not awaiting a transfer")
        AMBIGUOUS = "ambiguous", _("Names several orders")
        WRONG_ACCOUNT = "wrong_account", _("Sent to another account")

    reference = models.CharField(_("bank reference"), max_length=128, unique=True)
    amount = models.BigIntegerField(_("amount (đồng)"))
    note = models.CharField(_("transfer note"), max_length=500, blank=True)
    account_number = models.CharField(_("account"), max_length=64, blank=True)
    transferred_at = models.DateTimeField(_("transferred at"), null=True, blank=True)
    order = models.ForeignKey(
        "order.Order",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bank_transfers",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("bank transfer")
        verbose_name_plural = _("bank transfers")

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount}"


from oscar.apps.payment.models import *  # noqa: E402,F403
