"""Two "refund" clicks at the same moment give the money back once.

Refund idempotency keys carry a random part, so two clicks are two different
requests to Stripe as far as keys go: what stops the second is the order row,
locked while Stripe is asked, and the checks made under that lock (each centre
once, never more than is left). Each click is a thread with its own test client
and so its own database connection, on committed data, as on a real server.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from payment.models import Refund
from tests.concurrency import all_at_once
from tests.factories import (
    ProductClassFactory,
    ProductFactory,
    site_manager,
    three_centres,
)
from tests.shopping import Buyer

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
CLICKS = 2


def paid_card_order(cards, centres):
    """A vase from one centre and a tray from another, paid through Stripe."""
    vase = ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        title_en="Blue-glaze vase",
        price=Decimal("1250000"),
        num_in_stock=3,
        product_class=ProductClassFactory(name="Gốm sứ", name_en="Ceramics"),
    )
    tray = ProductFactory(
        centre=centres["unknown"],
        title="Khay sơn mài",
        title_en="Lacquer tray",
        price=Decimal("640000"),
        num_in_stock=3,
        product_class=ProductClassFactory(name="Sơn mài", name_en="Lacquer"),
    )
    buyer = Buyer(language="en")
    buyer.add(vase)
    buyer.add(tray)
    kinds = {centres["four"]: "domestic", centres["unknown"]: "domestic"}
    assert buyer.checkout(kinds, "card").status_code == 302
    session = next(iter(cards.sessions.values()))
    body, signature = cards.signed(cards.pay(session["id"]))
    paid = Client().post(
        "/payments/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert paid.json()["outcome"] == "paid"
    return Order.objects.get()


def click_refund(client, dashboard, scope) -> tuple[int, list[str]]:
    """The page's status and the messages it shows after one refund click."""
    response = client.post(dashboard, {"order_action": "refund", "refund_scope": scope})
    return (
        response.status_code,
        [str(message) for message in get_messages(response.wsgi_request)],
    )


@pytest.mark.parametrize("scope", ["one centre's share", "the whole order"])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_refund_clicks_at_once_refund_once(scope, cards, report_figure):
    centres = three_centres()
    order = paid_card_order(cards, centres)
    tray_centre = centres["unknown"]
    value = str(tray_centre.partner_id) if scope == "one centre's share" else "all"
    expected = (
        Decimal("640000") + Decimal("30000") if value != "all" else order.total_incl_tax
    )
    manager = site_manager()
    clients = []
    for _ in range(CLICKS):
        client = Client()
        client.force_login(manager)
        clients.append(client)
    dashboard = f"/en/shop/dashboard/orders/{order.number}/"
    outcomes = all_at_once(
        [partial(click_refund, client, dashboard, value) for client in clients]
    )

    assert all(status == 302 for status, _ in outcomes), outcomes
    told = sorted(messages[0] for _, messages in outcomes)
    assert told[0] == "Nothing is left to refund for this choice.", told
    assert told[1].startswith("Refunded "), told
    refund = Refund.objects.get()
    assert refund.amount == expected
    assert list(cards.refunds) == [refund.stripe_refund_id]
    assert cards.refunds[refund.stripe_refund_id]["amount"] == int(expected)
    [asked] = [r for r in cards.requests if r["path"] == "/v1/refunds"]
    scope_key = tray_centre.partner_id if value != "all" else "rest"
    assert re.fullmatch(
        rf"order-{re.escape(order.number)}-refund-{scope_key}-1-[0-9a-f]{{12}}",
        asked["idempotency_key"],
    )
    order.refresh_from_db()
    assert order.status == (
        OrderStatus.PARTLY_REFUNDED if value != "all" else OrderStatus.REFUNDED
    )
    assert Source.objects.get(order=order).amount_refunded == expected
    report_figure(
        f"{CLICKS} refund clicks at once ({scope}) on {connection.vendor}: "
        f"{Refund.objects.count()} refund of {int(expected):,} đồng, "
        f"{len(cards.refunds)} at Stripe; told {told}"
    )
