"""Stripe's webhook: where a card order becomes paid, or gives its stock back.

The buyer may close the browser the moment they have paid, so the order is
completed here, not on the return page. Stripe signs every delivery (checked by
the library; a bad signature is answered 400), repeats deliveries until it gets
a 2xx, and does not promise their order: each event is processed once (its id
is stored), and each change checks the order's state, so "expired" after
"paid", or "completed" after "async_payment_succeeded", changes nothing.

A valid signature says that Stripe sent the event, not that it is about money
we asked for: another integration on the same account, a session edited through
the API, or a bug of ours can bring a signed event that names one of our orders.
So an event pays an order only when its session is the one we opened for that
order (or one we can recover, see ``_problem_with``), in đồng, for exactly the
order's total, with ``payment_status == "paid"``, on an order paid by card; and
it cancels an order only when its session is the order's. Anything else pays and
cancels nothing: it is kept as a ``PaymentAlert`` for the site managers and
answered 200 ("flagged"), so that Stripe stops repeating it.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from order.processing import Recorder, may_record_payment
from order.statuses import OrderStatus, PaymentMethod
from payment.models import PaymentAlert, StripeCheckoutSession, StripeWebhookEvent
from sitewide.money import whole_dong

logger = logging.getLogger(__name__)
EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")

PAID = "checkout.session.async_payment_succeeded"
COMPLETED = "checkout.session.completed"
FAILED = "checkout.session.async_payment_failed"
EXPIRED = "checkout.session.expired"
HANDLED_TYPES = {PAID, COMPLETED, FAILED, EXPIRED}
PAYING_TYPES = {PAID, COMPLETED}

MAX_BODY_BYTES = 256 * 1024
"""A checkout-session event is a few kilobytes, and under 40 kB even with its
metadata full (50 keys of 500 characters). A quarter of a megabyte leaves room
for whatever Stripe adds while capping what any request, signed or not, makes
us read, hash and parse."""

MAX_NESTING = 32
"""A checkout-session event nests about six levels deep. Python's JSON parser
recurses once per level and gives up near a thousand (RecursionError, refused
too); this limit refuses deep bodies the same way whatever the stack holds."""

ALERT_REASONS = {
    "unknown_session": _("Session not opened by this shop"),
    "order_mismatch": _("Session names another order"),
    "not_card_order": _("Order is not paid by card"),
    "not_its_session": _("Session is not the order's own"),
    "currency": _("Currency is not VND"),
    "amount_mismatch": _("Amount differs from the order's total"),
    "unpaid_status": _("Stripe does not report it paid"),
}
"""The reasons a card event is flagged under (``PaymentAlert.reason``), as a site
manager reads them."""

STRIPE_ID = re.compile(r"[A-Za-z0-9_]{1,255}")
ORDER_NUMBER = re.compile(r"\d{1,20}(?:-\d{1,4})?")


class UnexpectedEvent(Exception):
    """A signed body we cannot read as an event; answered 400 with the message."""


@csrf_exempt
@require_POST
def stripe_webhook(request) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponseBadRequest("Card payments are not configured.")
    body = _body_within_limit(request)
    if body is None:
        return HttpResponseBadRequest("Payload too large.")
    try:
        payload = body.decode("utf-8")
        stripe.WebhookSignature.verify_header(
            payload,
            request.headers.get("Stripe-Signature", ""),
            secret,
            tolerance=stripe.Webhook.DEFAULT_TOLERANCE,
        )
    except UnicodeDecodeError:
        return HttpResponseBadRequest("Invalid payload.")
    except stripe.SignatureVerificationError:
        return HttpResponseBadRequest("Invalid signature.")
    try:
        outcome = handle_event(parse_event(payload))
    except UnexpectedEvent as error:
        logger.warning("Refused a signed Stripe webhook: %s", error)
        return HttpResponseBadRequest(str(error))
    return JsonResponse({"received": True, "outcome": outcome})


def _body_within_limit(request) -> bytes | None:
    """The body, or None when it is larger than ``MAX_BODY_BYTES``; a declared
    length is checked before anything is read."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if declared > MAX_BODY_BYTES:
        return None
    body = request.body
    return body if len(body) <= MAX_BODY_BYTES else None


def parse_event(payload: str) -> dict:
    """The event as plain JSON data, once its signature has been checked."""
    try:
        event = json.loads(payload)
    except RecursionError:
        raise UnexpectedEvent("Invalid payload: nested too deeply.") from None
    except ValueError:
        raise UnexpectedEvent("Invalid payload.") from None
    if not isinstance(event, dict):
        raise UnexpectedEvent("Invalid payload: not a JSON object.")
    if _nested_deeper_than(event, MAX_NESTING):
        raise UnexpectedEvent("Invalid payload: nested too deeply.")
    return event


def _nested_deeper_than(value, limit: int) -> bool:
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        pending.extend(
            (child, depth + 1) for child in children if isinstance(child, dict | list)
        )
    return False


def _text(value, limit: int) -> str:
    """A string field as sent, or "" for anything else (the database keeps no NUL)."""
    if not isinstance(value, str) or "\x00" in value:
        return ""
    return value[:limit]


def _stripe_id(value) -> str:
    return value if isinstance(value, str) and STRIPE_ID.fullmatch(value) else ""


def _whole_number(value) -> int | None:
    """An amount as Stripe sends it (an integer), small enough to store; else None."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63:
        return value
    return None


@dataclass(frozen=True)
class SessionEvent:
    """What a checkout-session event says, each field of the type we expect or
    empty: a wrong type is then a mismatch, flagged like any other."""

    event_id: str
    type: str
    session_id: str
    status: str
    payment_status: str
    payment_intent: str
    amount_total: int | None
    currency: str
    named_order: str
    """``metadata.order_number`` as sent (repr of a non-string), "" without one."""
    url: str

    @classmethod
    def read(cls, event: dict) -> SessionEvent:
        data = event.get("data")
        session = data.get("object") if isinstance(data, dict) else None
        if not isinstance(session, dict):
            raise UnexpectedEvent("Unexpected event: no checkout session in it.")
        event_id = _stripe_id(event.get("id"))
        session_id = _stripe_id(session.get("id"))
        if not (event_id and session_id):
            raise UnexpectedEvent(
                "Unexpected event: no Stripe id for it or its session."
            )
        metadata = session.get("metadata")
        named = metadata.get("order_number") if isinstance(metadata, dict) else None
        if named is not None and not isinstance(named, str):
            named = repr(named)
        return cls(
            event_id=event_id,
            type=event["type"],
            session_id=session_id,
            status=_text(session.get("status"), 32),
            payment_status=_text(session.get("payment_status"), 32),
            payment_intent=_stripe_id(session.get("payment_intent")),
            amount_total=_whole_number(session.get("amount_total")),
            currency=_text(session.get("currency"), 16),
            named_order=(named or "").replace("\x00", "")[:200],
            url=_text(session.get("url"), 2000),
        )

    @property
    def order_number(self) -> str:
        """The order the metadata names, when it is shaped like our numbers."""
        return self.named_order if ORDER_NUMBER.fullmatch(self.named_order) else ""


def handle_event(event: dict) -> str:
    if not isinstance(event.get("type"), str):
        raise UnexpectedEvent("Unexpected event: no type.")
    if event["type"] not in HANDLED_TYPES:
        return "ignored"
    session_event = SessionEvent.read(event)
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeWebhookEvent.objects.create(
                    event_id=session_event.event_id,
                    type=session_event.type,
                    session_id=session_event.session_id,
                )
        except IntegrityError:
            return "duplicate"
        return _apply(session_event)


@dataclass(frozen=True)
class Problem:
    """Why an event may not touch its order: a short code and a sentence for staff."""

    reason: str
    message: str


def _locked_session(session_id: str) -> StripeCheckoutSession | None:
    return (
        StripeCheckoutSession.objects.select_for_update()
        .select_related("order")
        .filter(session_id=session_id)
        .first()
    )


def _apply(event: SessionEvent) -> str:
    session = _locked_session(event.session_id)
    order = session.order if session is not None else None
    if session is None and event.order_number:
        named = Order.objects.select_for_update().filter(number=event.order_number)
        order = named.first()
        if order is not None:
            # Another event of the same session may have recovered it meanwhile.
            session = _locked_session(event.session_id)
    with translation.override("en"):
        problem = _problem_with(event, order, session)
    if problem is not None:
        _flag(event, order, problem)
        return "flagged"
    if order is None:
        logger.info("Stripe event %s is for a session not ours", event.event_id)
        return "not ours"
    if session is None:
        session = _recover_session(order, event)
    _record_session_state(session, event)
    handler = EventHandler()
    if event.type in (FAILED, EXPIRED):
        reason = (
            "Card payment failed: stock released."
            if event.type == FAILED
            else "Card payment not completed in time: stock released."
        )
        return "cancelled" if handler.cancel_unpaid(order, reason=reason) else "kept"
    if event.payment_status != "paid":
        return "waiting"
    if handler.mark_paid(
        order,
        reference=session.payment_intent or session.session_id,
        note=f"Card payment confirmed by Stripe ({event.type}).",
    ):
        order.refresh_from_db()
        if order.status != OrderStatus.CANCELLED:
            from order.emails import send_payment_received

            send_payment_received(order.pk)
        return "paid"
    return "already paid"


def _problem_with(event: SessionEvent, order, session) -> Problem | None:
    """What forbids ``event`` to pay (or cancel) ``order``, or None.

    ``session`` is our record of the event's session. Without one, the session
    is recovered (our row was never written: the server stopped right after
    Stripe answered) only for a card order that has no session of its own,
    that the metadata names, and whose total the session's amount matches in
    đồng: each order opens exactly one session. A session that names no order
    of ours can only be flagged when it says something was paid; an expiry or
    failure of it has nothing to cancel.
    """
    paying = event.type in PAYING_TYPES
    which = f"Stripe session {event.session_id}"
    if order is None:
        if not paying:
            return None
        named = (
            f"order {event.named_order}, which we do not have"
            if event.named_order
            else "no order"
        )
        return Problem(
            "unknown_session",
            f"{which} is not one we opened, and its metadata names {named}. "
            "Nothing was paid: look the payment up in Stripe's dashboard.",
        )
    if session is not None and event.named_order not in ("", order.number):
        return Problem(
            "order_mismatch",
            f"{which} was opened for order {order.number}, but its metadata names "
            f"order {event.named_order}. Neither order was changed.",
        )
    if not may_record_payment(order, Recorder.STRIPE):
        method = (
            PaymentMethod(order.payment_method).label if order.payment_method else "-"
        )
        return Problem(
            "not_card_order",
            f"{which} names order {order.number}, whose way to pay is “{method}”, "
            "not card. The order was not changed.",
        )
    if session is None and order.stripe_sessions.exists():
        return Problem(
            "not_its_session",
            f"{which} names order {order.number}, which has its own Stripe session. "
            "The order was not changed.",
        )
    if not (paying or session is None):
        return None
    whose = "" if session is not None else " (a session we have no record of)"
    if event.currency != "vnd":
        return Problem(
            "currency",
            f"{which}{whose} is in “{event.currency.upper() or 'no currency'}”, not "
            f"VND. Order {order.number} was not changed.",
        )
    total = whole_dong(order.total_incl_tax)
    if event.amount_total != total:
        reported = (
            "has no amount"
            if event.amount_total is None
            else f"is for {event.amount_total:,} đồng"
        )
        return Problem(
            "amount_mismatch",
            f"{which}{whose} {reported}; order {order.number} comes to "
            f"{total:,} đồng. The order was not changed.",
        )
    if paying and event.payment_status != "paid":
        if event.type == COMPLETED and event.payment_status == "unpaid":
            return None  # a bank debit still settling: async_payment_* follows
        return Problem(
            "unpaid_status",
            f"{which} reports {event.type} with payment status "
            f"“{event.payment_status or 'none'}”, which is not money received. "
            f"Order {order.number} was not changed.",
        )
    return None


def _flag(event: SessionEvent, order, problem: Problem) -> None:
    logger.warning(
        "Stripe event %s flagged (%s): %s",
        event.event_id,
        problem.reason,
        problem.message,
    )
    PaymentAlert.objects.create(
        source=PaymentAlert.Source.STRIPE,
        order=order,
        reference=event.session_id,
        reason=problem.reason,
        message=problem.message,
        amount=event.amount_total,
        currency=event.currency[:8],
        details={
            "event_id": event.event_id,
            "event_type": event.type,
            "session_id": event.session_id,
            "payment_status": event.payment_status,
            "payment_intent": event.payment_intent,
            "metadata_order_number": event.named_order,
            "order_total": whole_dong(order.total_incl_tax) if order else None,
        },
    )


def _recover_session(order, event: SessionEvent) -> StripeCheckoutSession:
    return StripeCheckoutSession.objects.create(
        order=order,
        session_id=event.session_id,
        idempotency_key=f"recovered-{event.session_id}",
        amount=event.amount_total,
        currency=event.currency,
        url=event.url,
    )


def _record_session_state(session: StripeCheckoutSession, event: SessionEvent) -> None:
    session.status = event.status or session.status
    if event.payment_intent:
        session.payment_intent = event.payment_intent
    if session.payment_status != "paid":
        session.payment_status = event.payment_status or session.payment_status
    session.save()
