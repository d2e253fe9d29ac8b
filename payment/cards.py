"""Card payments through Stripe's hosted Checkout, in VND.

VND is a zero-decimal currency for Stripe: the amount sent is the number of đồng
(1,250,000 ₫ is ``1250000``), never ×100. Every request that creates something
carries our own idempotency key, so a retried attempt (the library retries on
network errors) is the same attempt and cannot make a second session or refund.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError

from order.statuses import PaymentMethod
from payment.models import StripeCheckoutSession
from sitewide.money import whole_dong

STRIPE_LOCALES = {"vi": "vi", "en": "en"}


def cards_enabled() -> bool:
    """Cards are offered only with both the API key and the webhook secret set."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def stripe_client() -> stripe.StripeClient:
    options = {}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, max_network_retries=2, **options
    )


def start_checkout(
    order, *, success_url: str, cancel_url: str
) -> StripeCheckoutSession:
    """Open a hosted Checkout Session for the whole order and remember it."""
    attempt = order.stripe_sessions.count() + 1
    # Order numbers restart with a fresh database (demo, staging) while Stripe
    # remembers keys for a day: a random part keeps two shops' keys apart.
    idempotency_key = f"order-{order.number}-checkout-{attempt}-{uuid.uuid4().hex[:12]}"
    amount = whole_dong(order.total_incl_tax)
    params = {
        "mode": "payment",
        "currency": "vnd",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": "vnd",
                    "unit_amount": amount,
                    "product_data": {
                        "name": _("Order %(number)s, Làng Nghề Hà Nội")
                        % {"number": order.number}
                    },
                },
            }
        ],
        "client_reference_id": order.number,
        "metadata": {"order_number": order.number},
        "payment_intent_data": {"metadata": {"order_number": order.number}},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": STRIPE_LOCALES.get(order.language, "auto"),
        "expires_at": int(time.time()) + settings.STRIPE_CHECKOUT_MINUTES * 60,
    }
    if order.email:
        params["customer_email"] = order.email
    try:
        session = stripe_client().v1.checkout.sessions.create(
            params=params, options={"idempotency_key": idempotency_key}
        )
    except stripe.StripeError as error:
        raise PaymentError(str(error)) from error
    # The order's deadline (order/deadlines.py) is when Stripe closes the session.
    expires_at = getattr(session, "expires_at", None) or params["expires_at"]
    order.payment_deadline = datetime.fromtimestamp(int(expires_at), tz=UTC)
    order.save(update_fields=["payment_deadline"])
    return StripeCheckoutSession.objects.create(
        order=order,
        session_id=session.id,
        idempotency_key=idempotency_key,
        amount=amount,
        url=session.url or "",
        status=session.status or "open",
        payment_status=session.payment_status or "unpaid",
    )


def expire_checkout(session: StripeCheckoutSession) -> bool:
    """Close an unpaid session so it can no longer be paid; False if Stripe refuses
    (it was completed meanwhile)."""
    try:
        stripe_client().v1.checkout.sessions.expire(session.session_id)
    except stripe.InvalidRequestError:
        return False
    except stripe.StripeError as error:
        raise PaymentError(str(error)) from error
    return True


def card_payment_closed(order) -> bool:
    """Close the order's open Checkout Sessions so none can be paid any more.

    Stripe expires a session at its ``expires_at`` and its webhook then cancels
    the order; this does not wait for that webhook (a missed one would hold the
    stock forever). False when a session was completed meanwhile: the payment
    may still arrive, and the webhook settles the order.
    """
    for session in order.stripe_sessions.filter(status="open"):
        try:
            remote = stripe_client().v1.checkout.sessions.retrieve(session.session_id)
        except stripe.StripeError as error:
            raise PaymentError(str(error)) from error
        if remote.status == "open" and not expire_checkout(session):
            return False
        if remote.status == "complete":
            return False
        session.status = "expired"
        session.save(update_fields=["status", "updated"])
    return True


def close_before_expiry(sender, order, **kwargs) -> bool:
    """Receiver of ``order.signals.unpaid_order_expiring`` for card orders."""
    if order.payment_method != PaymentMethod.CARD:
        return True
    return card_payment_closed(order)


def close_before_cancelling(sender, order, **kwargs) -> bool:
    """Receiver of ``order.signals.unpaid_order_cancelling``: a card order's open
    sessions are expired at once; False when one was paid meanwhile."""
    if order.payment_method != PaymentMethod.CARD:
        return True
    return all(
        expire_checkout(session)
        for session in order.stripe_sessions.filter(status="open")
    )


def refund(*, payment_intent: str, amount: int, idempotency_key: str, metadata: dict):
    try:
        return stripe_client().v1.refunds.create(
            params={
                "payment_intent": payment_intent,
                "amount": amount,
                "metadata": metadata,
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as error:
        raise PaymentError(
            getattr(error, "user_message", None) or str(error)
        ) from error
