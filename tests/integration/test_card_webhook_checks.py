"""Signed Stripe events pay only what we asked Stripe for.

Every event here carries a valid signature, made the way Stripe signs (the
library's own check runs), so the only thing between it and the order is what
the webhook checks: the session is the order's own, the money is VND, the
amount is the order's total in đồng, the status says paid, and the order is
paid by card. Three orders share the shop: two by card (A and B) and one cash
on delivery, each for one vase, so all three totals are the same and no check
can pass by luck of the amount. An event that fails a check changes no order
and no stock, is answered 200 with outcome "flagged" (so Stripe stops
repeating it), and leaves one PaymentAlert for the site managers; a body that
is no event at all is answered 400.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.test import Client
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from payment.models import PaymentAlert, StripeCheckoutSession, StripeWebhookEvent
from payment.webhooks import ALERT_REASONS, MAX_BODY_BYTES
from sitewide.money import whole_dong
from tests.factories import (
    blue_glaze_vase,
    net_stock,
)
from tests.shopping import Buyer

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

WEBHOOK = "/payments/stripe/webhook/"
TOO_LARGE = "Payload too large."
TOO_DEEP = "Invalid payload: nested too deeply."
NOT_AN_OBJECT = "Invalid payload: not a JSON object."
INVALID = "Invalid payload."
SOMEONE_ELSES_SESSION = "cs_test_" + "S0me0ne3lse" * 5


@pytest.fixture
def vase(centres):
    return blue_glaze_vase(centres["four"], num_in_stock=5)


def place_order(centres, product, method: str, buyer_number: int):
    """One vase, ordered by a buyer of their own (e-mail, phone, client address),
    so the shop's limits on open orders per buyer do not come into it."""
    buyer = Buyer(language="en", client=Client(REMOTE_ADDR=f"203.0.113.{buyer_number}"))
    buyer.add(product)
    buyer.checkout_as_guest(email=f"buyer{buyer_number}@example.com")
    assert (
        buyer.give_address(phone_number=f"0912 345 67{buyer_number}").status_code == 302
    )
    assert buyer.choose_delivery({centres["four"]: "domestic"}).status_code == 302
    assert buyer.pay_by(method).status_code == 302
    assert buyer.place_order().status_code == 302
    return Order.objects.get(guest_email=f"buyer{buyer_number}@example.com")


@pytest.fixture
def shop(cards, centres, vase):
    a = place_order(centres, vase, "card", 1)
    b = place_order(centres, vase, "card", 2)
    cod = place_order(centres, vase, "cod", 3)
    assert whole_dong(a.total_incl_tax) == whole_dong(cod.total_incl_tax) == 1_288_000
    return SimpleNamespace(
        orders={"A": a, "B": b, "COD": cod},
        statuses={"A": a.status, "B": b.status, "COD": cod.status},
        session_a=cards.sessions[a.stripe_sessions.get().session_id],
        vase=vase,
    )


def paid_a(shop, cards, **changes):
    """Stripe's "completed" event for A's session after the buyer paid, changed."""
    event = cards.pay(shop.session_a["id"])
    event["data"]["object"].update(changes)
    return event


def session_not_ours(shop, cards, event_type, order_key, **changes):
    """A session we never opened whose metadata names one of our orders, for the
    order's exact total, in VND: only its identity is wrong."""
    expired = event_type.endswith("expired")
    session = {
        **copy.deepcopy(shop.session_a),
        "id": SOMEONE_ELSES_SESSION,
        "status": "expired" if expired else "complete",
        "payment_status": "unpaid" if expired else "paid",
        "payment_intent": None if expired else "pi_SomeoneElse",
        "metadata": {"order_number": shop.orders[order_key].number},
    }
    return cards.event(event_type, {**session, **changes})


def recovered_a(shop, cards, **changes):
    """A's session paid after our record of it was lost (the server stopped)."""
    StripeCheckoutSession.objects.filter(order=shop.orders["A"]).delete()
    return paid_a(shop, cards, **changes)


def nested(depth: int) -> bytes:
    return ('{"a":' + "[" * depth + "]" * depth + "}").encode()


@dataclass
class Case:
    build: Callable
    status: int
    outcome: str
    """The webhook's "outcome" for a 200, the refusal it answers for a 400."""
    reason: str | None = None
    alert_order: str | None = None
    """The order the alert names (None: no order of ours)."""
    becomes: dict[str, str] = field(default_factory=dict)
    """Orders that do change (the good paths), to these statuses."""


CASES = {
    "paid, ours, exact amount in VND (good path)": Case(
        lambda shop, cards: paid_a(shop, cards),
        200,
        "paid",
        becomes={"A": OrderStatus.PAID},
    ),
    "recovered session, metadata and amount match (good path)": Case(
        lambda shop, cards: recovered_a(shop, cards),
        200,
        "paid",
        becomes={"A": OrderStatus.PAID},
    ),
    "expired, ours (good path)": Case(
        lambda shop, cards: cards.expire(shop.session_a["id"]),
        200,
        "cancelled",
        becomes={"A": OrderStatus.CANCELLED},
    ),
    "amount_total=1": Case(
        lambda shop, cards: paid_a(shop, cards, amount_total=1),
        200,
        "flagged",
        "amount_mismatch",
        "A",
    ),
    "amount_total missing": Case(
        lambda shop, cards: paid_a(shop, cards, amount_total=None),
        200,
        "flagged",
        "amount_mismatch",
        "A",
    ),
    "amount_total as a string": Case(
        lambda shop, cards: paid_a(shop, cards, amount_total="1288000"),
        200,
        "flagged",
        "amount_mismatch",
        "A",
    ),
    "currency usd, amount right": Case(
        lambda shop, cards: paid_a(shop, cards, currency="usd"),
        200,
        "flagged",
        "currency",
        "A",
    ),
    "amount_total=1, currency usd (the probe's event)": Case(
        lambda shop, cards: paid_a(shop, cards, amount_total=1, currency="usd"),
        200,
        "flagged",
        "currency",
        "A",
    ),
    "payment_status no_payment_required": Case(
        lambda shop, cards: paid_a(shop, cards, payment_status="no_payment_required"),
        200,
        "flagged",
        "unpaid_status",
        "A",
    ),
    "completed, payment_status unpaid (a bank debit settling: waits)": Case(
        lambda shop, cards: paid_a(shop, cards, payment_status="unpaid"),
        200,
        "waiting",
    ),
    "async_payment_succeeded, payment_status unpaid": Case(
        lambda shop, cards: cards.event(
            "checkout.session.async_payment_succeeded",
            {**paid_a(shop, cards)["data"]["object"], "payment_status": "unpaid"},
        ),
        200,
        "flagged",
        "unpaid_status",
        "A",
    ),
    "metadata names the cash-on-delivery order": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.completed", "COD"
        ),
        200,
        "flagged",
        "not_card_order",
        "COD",
    ),
    "metadata names card order B, session not B's": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.completed", "B"
        ),
        200,
        "flagged",
        "not_its_session",
        "B",
    ),
    "A's own session, metadata names B": Case(
        lambda shop, cards: paid_a(
            shop, cards, metadata={"order_number": shop.orders["B"].number}
        ),
        200,
        "flagged",
        "order_mismatch",
        "A",
    ),
    "recovered session, amount differs": Case(
        lambda shop, cards: recovered_a(shop, cards, amount_total=1_287_000),
        200,
        "flagged",
        "amount_mismatch",
        "A",
    ),
    "recovered session, currency usd": Case(
        lambda shop, cards: recovered_a(shop, cards, currency="usd"),
        200,
        "flagged",
        "currency",
        "A",
    ),
    "paid session naming no order of ours": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.completed", "A", metadata={}
        ),
        200,
        "flagged",
        "unknown_session",
    ),
    "paid session naming an order that does not exist": Case(
        lambda shop, cards: session_not_ours(
            shop,
            cards,
            "checkout.session.completed",
            "A",
            metadata={"order_number": "999999"},
        ),
        200,
        "flagged",
        "unknown_session",
    ),
    "expired, another session naming B": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.expired", "B"
        ),
        200,
        "flagged",
        "not_its_session",
        "B",
    ),
    "expired, A's session naming B": Case(
        lambda shop, cards: cards.event(
            "checkout.session.expired",
            {
                **cards.expire(shop.session_a["id"])["data"]["object"],
                "metadata": {"order_number": shop.orders["B"].number},
            },
        ),
        200,
        "flagged",
        "order_mismatch",
        "A",
    ),
    "async_payment_failed, another session naming the COD order": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.async_payment_failed", "COD"
        ),
        200,
        "flagged",
        "not_card_order",
        "COD",
    ),
    "expired session naming no order of ours (nothing to cancel or pay)": Case(
        lambda shop, cards: session_not_ours(
            shop, cards, "checkout.session.expired", "A", metadata={}
        ),
        200,
        "not ours",
    ),
    f"real event padded to {MAX_BODY_BYTES // 1024 - 16} kB (good path)": Case(
        lambda shop, cards: json.dumps(
            {**paid_a(shop, cards), "padding": "x" * (MAX_BODY_BYTES - 16 * 1024)}
        ).encode(),
        200,
        "paid",
        becomes={"A": OrderStatus.PAID},
    ),
    f"body over {MAX_BODY_BYTES // 1024} kB": Case(
        lambda shop, cards: json.dumps(
            {**paid_a(shop, cards), "padding": "x" * MAX_BODY_BYTES}
        ).encode(),
        400,
        TOO_LARGE,
    ),
    "100,000-deep nesting": Case(lambda shop, cards: nested(100_000), 400, TOO_DEEP),
    "500-deep nesting (parses, absurd all the same)": Case(
        lambda shop, cards: nested(500), 400, TOO_DEEP
    ),
    "deep nesting inside a real event": Case(
        lambda shop, cards: json.dumps(
            paid_a(shop, cards, metadata={"order_number": json.loads(nested(40))})
        ).encode(),
        400,
        TOO_DEEP,
    ),
    "JSON array": Case(lambda shop, cards: b"[1, 2, 3]", 400, NOT_AN_OBJECT),
    "JSON string": Case(
        lambda shop, cards: b'"checkout.session.completed"', 400, NOT_AN_OBJECT
    ),
    "not UTF-8": Case(lambda shop, cards: b'{"id": "evt_\xff\xfe"}', 400, INVALID),
    "not JSON": Case(lambda shop, cards: b"{'id': 'evt_1'", 400, INVALID),
    "session id with a NUL byte": Case(
        lambda shop, cards: paid_a(shop, cards, id="cs_test_\x00"),
        400,
        "Unexpected event: no Stripe id for it or its session.",
    ),
}


def post_signed(client, cards, body: bytes):
    return client.post(
        WEBHOOK,
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=cards.sign(body),
    )


@pytest.mark.parametrize("name", CASES)
def test_a_signed_event_changes_only_what_its_checks_allow(
    name, shop, cards, client, django_capture_on_commit_callbacks, report_figure
):
    case = CASES[name]
    built = case.build(shop, cards)
    body = built if isinstance(built, bytes) else json.dumps(built).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_signed(client, cards, body)

    assert response.status_code == case.status, response.content[:300]
    accepted = response.status_code == 200
    outcome = response.json()["outcome"] if accepted else response.content.decode()
    assert outcome == case.outcome
    for key, order in shop.orders.items():
        order.refresh_from_db()
        expected = case.becomes.get(key, shop.statuses[key])
        assert order.status == expected, key
        assert (order.paid_at is not None) == (expected == OrderStatus.PAID), key
    cancelled = sum(status == OrderStatus.CANCELLED for status in case.becomes.values())
    assert net_stock(shop.vase) == 5 - 3 + cancelled
    alerts = list(PaymentAlert.objects.all())
    if case.reason is None:
        assert alerts == []
    else:
        [alert] = alerts
        assert alert.source == PaymentAlert.Source.STRIPE
        assert alert.reason == case.reason and case.reason in ALERT_REASONS
        assert alert.order == (shop.orders.get(case.alert_order))
        event = json.loads(body)
        assert alert.reference == event["data"]["object"]["id"]
        assert alert.details["event_id"] == event["id"]
        assert alert.details["event_type"] == event["type"]
        assert alert.message and alert.resolved_at is None
    recorded = list(StripeWebhookEvent.objects.values_list("event_id", flat=True))
    assert recorded == ([json.loads(body)["id"]] if accepted else [])

    if accepted:
        again = post_signed(client, cards, body)
        assert (again.status_code, again.json()["outcome"]) == (200, "duplicate")
        assert PaymentAlert.objects.count() == len(alerts)

    report_figure(
        f"webhook: {name} -> {response.status_code} {outcome}"
        + (f" ({case.reason})" if case.reason else "")
    )


def test_a_flagged_alert_tells_staff_what_stripe_said(shop, cards, client):
    event = paid_a(shop, cards, amount_total=1)

    post_signed(client, cards, json.dumps(event).encode())

    alert = PaymentAlert.objects.get()
    order = shop.orders["A"]
    assert (alert.amount, alert.currency) == (1, "vnd")
    assert alert.details["order_total"] == 1_288_000
    assert alert.details["payment_status"] == "paid"
    assert alert.message == (
        f"Stripe session {event['data']['object']['id']} is for 1 đồng; order "
        f"{order.number} comes to 1,288,000 đồng. The order was not changed."
    )


def test_a_recovered_session_that_failed_its_checks_is_not_kept_as_ours(
    shop, cards, client
):
    """Its row is not written, so a later event of that session is judged anew."""
    wrong_amount = recovered_a(shop, cards, amount_total=1_287_000)
    post_signed(client, cards, json.dumps(wrong_amount).encode())
    assert not StripeCheckoutSession.objects.filter(order=shop.orders["A"]).exists()

    right = cards.event(
        "checkout.session.async_payment_succeeded",
        {**wrong_amount["data"]["object"], "amount_total": 1_288_000},
    )
    response = post_signed(client, cards, json.dumps(right).encode())

    assert response.json()["outcome"] == "paid"
    assert shop.orders["A"].stripe_sessions.get().amount == 1_288_000
