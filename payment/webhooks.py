"""Stripe's webhook: where a card order becomes paid, or gives its stock back.

The buyer may close the browser the moment they have paid, so the order is
completed here, not on the return page. Stripe signs every delivery (checked by
the library; a bad signature is answered 400), repeats deliveries until it gets
a 2xx, and does not promise their order: each event is processed once (its id
is stored), and each change checks the order's state, so "expired" after
"paid", or "completed" after "async_payment_succeeded", changes nothing.
"""

from __future__ import annotations

import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from order.statuses import OrderStatus
from payment.models import StripeCheckoutSession, StripeWebhookEvent

logger = logging.getLogger(__name__)
EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")

PAID = "checkout.session.async_payment_succeeded"
COMPLETED = "checkout.session.completed"
FAILED = "checkout.session.async_payment_failed"
EXPIRED = "checkout.session.expired"
HANDLED_TYPES = {PAID, COMPLETED, FAILED, EXPIRED}


@csrf_exempt
@require_POST
def stripe_webhook(request) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponseBadRequest("Card payments are not configured.")
    try:
        payload = request.body.decode("utf-8")
        event = stripe.Webhook.construct_event(
            payload, request.headers.get("Stripe-Signature", ""), secret
        )
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("Invalid payload.")
    except stripe.SignatureVerificationError:
        return HttpResponseBadRequest("Invalid signature.")
    try:
        outcome = handle_event(event)
    except (KeyError, TypeError, AttributeError):
        logger.warning("Stripe event %s has an unexpected shape", event.id)
        return HttpResponseBadRequest("Unexpected event.")
    return JsonResponse({"received": True, "outcome": outcome})


def handle_event(event) -> str:
    if event.type not in HANDLED_TYPES:
        return "ignored"
    session_data = event.data.object.to_dict()
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeWebhookEvent.objects.create(
                    event_id=event.id, type=event.type, session_id=session_data["id"]
                )
        except IntegrityError:
            return "duplicate"
        return _apply(event.type, session_data)


def _session_for(session_data) -> StripeCheckoutSession | None:
    """Our record of the session; rebuilt from the event when the order exists but
    the record was never written (the server stopped right after Stripe answered)."""
    session = (
        StripeCheckoutSession.objects.select_for_update()
        .select_related("order")
        .filter(session_id=session_data["id"])
        .first()
    )
    if session is not None:
        return session
    number = (session_data.get("metadata") or {}).get("order_number")
    order = Order.objects.filter(number=number).first() if number else None
    if order is None:
        return None
    return StripeCheckoutSession.objects.create(
        order=order,
        session_id=session_data["id"],
        idempotency_key=f"recovered-{session_data['id']}",
        amount=session_data.get("amount_total") or 0,
        url=session_data.get("url") or "",
    )


def _apply(event_type: str, session_data) -> str:
    session = _session_for(session_data)
    if session is None:
        logger.warning("Stripe event for a session not ours: %s", session_data["id"])
        return "not ours"
    session.status = session_data.get("status") or session.status
    if session_data.get("payment_intent"):
        session.payment_intent = session_data["payment_intent"]
    if session.payment_status != "paid":
        session.payment_status = (
            session_data.get("payment_status") or session.payment_status
        )
    if event_type == PAID:
        session.payment_status = "paid"
    session.save()
    order = session.order
    handler = EventHandler()
    if event_type in (COMPLETED, PAID) and session.payment_status in (
        "paid",
        "no_payment_required",
    ):
        if handler.mark_paid(
            order,
            reference=session.payment_intent or session.session_id,
            note=f"Card payment confirmed by Stripe ({event_type}).",
        ):
            order.refresh_from_db()
            if order.status != OrderStatus.CANCELLED:
                _after_commit_send_payment_received(order)
            return "paid"
        return "already paid"
    if event_type in (FAILED, EXPIRED):
        reason = (
            "Card payment failed: stock released."
            if event_type == FAILED
            else "Card payment not completed in time: stock released."
        )
        return "cancelled" if handler.cancel_unpaid(order, reason=reason) else "kept"
    return "waiting"


def _after_commit_send_payment_received(order) -> None:
    from order.emails import send_payment_received

    transaction.on_commit(lambda: send_payment_received(order.pk))
