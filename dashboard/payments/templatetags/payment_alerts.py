"""How a payment alert's reason reads to a site manager, in the page's language."""

from __future__ import annotations

from django import template

from payment.models import BankTransfer
from payment.webhooks import ALERT_REASONS

register = template.Library()

REASON_LABELS = {**dict(BankTransfer.Outcome.choices), **ALERT_REASONS}


@register.filter
def alert_reason(alert) -> str:
    """The translated label of a bank transfer's outcome; other reasons (a card
    event's, named by the Stripe webhook) as they were recorded."""
    return str(REASON_LABELS.get(alert.reason, alert.reason))
