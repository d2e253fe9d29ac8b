"""What order asks of the ways to pay, which sit above it and answer by receiver.

Order may not import payment (the layers point down), yet an unpaid order
cannot be cancelled while a way to pay still holds something open for it. So
order sends a signal and the payment app connects its receivers in
``PaymentConfig.ready()``.
"""

from __future__ import annotations

from django.dispatch import Signal

unpaid_order_expiring = Signal()
"""Sent with ``order`` before the deadline job cancels an unpaid order.

A receiver closes what its way to pay left open for the order (a card order's
Stripe Checkout Sessions). It returns False to keep the order (its payment
was completed meanwhile and may still arrive), and raises ``PaymentError``
when it cannot tell now (the job tries again on its next run)."""


def payments_closed_for_expiry(order) -> bool:
    """True when no receiver of ``unpaid_order_expiring`` kept the order."""
    return _kept_by_no_receiver(unpaid_order_expiring, order)


unpaid_order_cancelling = Signal()
"""Sent with ``order`` before the site's staff cancel an unpaid order by hand.

A receiver closes what its way to pay left open for the order at once (a card
order's open Stripe Checkout Sessions). It answers as for
``unpaid_order_expiring``: False when the payment went through meanwhile (the
order is not cancelled), ``PaymentError`` when it cannot be reached."""


def payments_closed_for_cancelling(order) -> bool:
    """True when no receiver of ``unpaid_order_cancelling`` kept the order."""
    return _kept_by_no_receiver(unpaid_order_cancelling, order)


def _kept_by_no_receiver(signal: Signal, order) -> bool:
    responses = signal.send(sender=order.__class__, order=order)
    return all(response is not False for _receiver, response in responses)
