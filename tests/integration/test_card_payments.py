"""Card payments: Stripe's hosted Checkout in VND, signed webhooks, refunds.

The real stripe library talks over HTTP to a local stand-in for Stripe's API
(tests/stripe_standin.py); webhook bodies are signed the way Stripe signs them,
so the library's own signature check runs.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from oscar.core.loading import get_model

from order.emails import order_status_path
from order.statuses import OrderStatus
from payment.models import Refund, StripeCheckoutSession, StripeWebhookEvent
from tests.factories import (
    net_stock,
)
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db


def buy_by_card(centres, *products, language="en"):
    buyer = Buyer(language=language)
    for product in products:
        buyer.add(product)
    present = {p.stockrecords.get().partner_id for p in products}
    kinds = {c: "domestic" for c in centres.values() if c.partner_id in present}
    response = buyer.checkout(kinds, "card")
    return buyer, response


def test_card_is_hidden_without_stripe_keys(centres, vase, settings):
    settings.STRIPE_SECRET_KEY = ""
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()
    buyer.give_address()
    buyer.choose_delivery({centres["four"]: "domestic"})
    page = buyer.client.get(buyer.url("checkout:payment-method")).content.decode()
    assert 'value="card"' not in page and 'value="cod"' in page


def test_a_card_order_goes_to_stripe_in_whole_dong_and_holds_its_stock(
    cards, centres, vase
):
    buyer, response = buy_by_card(centres, vase)

    session = next(iter(cards.sessions.values()))
    assert response.status_code == 302 and response["Location"] == session["url"]
    order = Order.objects.get()
    assert order.status == OrderStatus.AWAITING_CARD
    assert session["currency"] == "vnd"
    assert session["amount_total"] == int(order.total_incl_tax) == 1_250_000 + 38_000
    assert session["metadata"] == {"order_number": order.number}
    request = cards.requests[0]
    assert request["idempotency_key"].startswith(f"order-{order.number}-checkout-1-")
    assert net_stock(vase) == 2
    assert mail.outbox == []

    page = visible_text(buyer.client.get(session["success_url"]).content)
    assert "Payment being confirmed" in page


def test_the_webhook_completes_the_order_and_the_buyer_is_told(
    cards, centres, vase, deliver_webhook
):
    buyer, _ = buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))

    response = deliver_webhook(cards.pay(session["id"]))

    assert response.status_code == 200
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID and order.is_paid
    assert Source.objects.get(order=order).amount_debited == order.total_incl_tax
    assert [m.subject for m in mail.outbox] == [
        f"Order {order.number}: payment received, thank you"
    ]
    page = visible_text(buyer.client.get(session["success_url"]).content)
    assert "Thank you: your payment is confirmed" in page


def test_a_buyer_who_closes_the_browser_after_paying_still_gets_the_order(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)  # the buyer never comes back to our site
    session = next(iter(cards.sessions.values()))

    deliver_webhook(cards.pay(session["id"]))

    order = Order.objects.get()
    assert order.is_paid and net_stock(vase) == 2
    assert mail.outbox[-1].to == [order.guest_email]


def test_a_badly_signed_webhook_is_refused_and_changes_nothing(
    cards, centres, vase, deliver_webhook, client
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))
    event = cards.pay(session["id"])

    forged = deliver_webhook(event, header=cards.sign("{}", secret="whsec_wrong"))
    unsigned = client.post(
        "/payments/stripe/webhook/", data=b"{}", content_type="application/json"
    )
    garbage = deliver_webhook(event, header="t=1,v1=00")

    assert (forged.status_code, unsigned.status_code, garbage.status_code) == (
        400,
        400,
        400,
    )
    assert not Order.objects.get().is_paid
    assert StripeWebhookEvent.objects.count() == 0


def test_a_webhook_replayed_ten_times_pays_the_order_once(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))
    event = cards.pay(session["id"])

    answers = {deliver_webhook(event).status_code for _ in range(10)}

    assert answers == {200}
    order = Order.objects.get()
    assert order.payment_events.count() == 1
    assert Source.objects.get(order=order).transactions.count() == 1
    assert len(mail.outbox) == 1
    assert StripeWebhookEvent.objects.count() == 1


def test_events_in_any_order_leave_a_paid_order_paid(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))
    completed_unpaid = cards.pay(session["id"], asynchronous=True)
    succeeded = cards.settle(session["id"], succeeded=True)
    expired = cards.event(
        "checkout.session.expired", {**succeeded["data"]["object"], "status": "expired"}
    )

    deliver_webhook(succeeded)
    deliver_webhook(completed_unpaid)
    deliver_webhook(expired)

    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.payment_events.count() == 1
    assert net_stock(vase) == 2


def test_a_payment_arriving_after_expiry_is_recorded_and_flagged_for_a_refund(
    cards, centres, vase, deliver_webhook, admin_client
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))
    expired = cards.event("checkout.session.expired", {**session, "status": "expired"})
    paid_late = cards.pay(session["id"])

    deliver_webhook(expired)
    deliver_webhook(paid_late)

    order = Order.objects.get()
    assert order.status == OrderStatus.CANCELLED and order.is_paid
    assert order.notes.filter(message__contains="refund it").exists()
    assert net_stock(vase) == 3
    assert mail.outbox == []  # no "we are preparing your parcels" for a cancelled order

    admin_client.post(
        f"/vi/shop/dashboard/orders/{order.number}/",
        {"order_action": "refund", "refund_scope": "all"},
    )
    refund = Refund.objects.get(order=order)
    assert refund.amount == order.total_incl_tax
    assert cards.refunds[refund.stripe_refund_id]["amount"] == int(refund.amount)


def test_a_paid_session_we_never_recorded_still_completes_its_order(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))
    StripeCheckoutSession.objects.all().delete()  # the server stopped before saving it

    deliver_webhook(cards.pay(session["id"]))

    assert Order.objects.get().is_paid


def test_links_with_malformed_order_numbers_are_not_found(client):
    for path in ("/vi/shop/checkout/card/cancelled/", "/vi/shop/checkout/thank-you/"):
        response = client.get(path, {"order": "\x00", "key": "a"})
        assert response.status_code in (302, 404)


def test_a_signed_event_of_an_unexpected_shape_is_refused(cards, deliver_webhook):
    event = cards.event("checkout.session.completed", {"object": "checkout.session"})
    assert deliver_webhook(event).status_code == 400


def test_a_bank_debit_still_settling_waits_then_a_failure_releases_the_stock(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))

    deliver_webhook(cards.pay(session["id"], asynchronous=True))
    assert Order.objects.get().status == OrderStatus.AWAITING_CARD
    assert net_stock(vase) == 2

    deliver_webhook(cards.settle(session["id"], succeeded=False))

    order = Order.objects.get()
    assert order.status == OrderStatus.CANCELLED and not order.is_paid
    assert net_stock(vase) == 3


def test_an_expired_checkout_puts_the_stock_back_on_sale(
    cards, centres, vase, deliver_webhook
):
    buy_by_card(centres, vase)
    session = next(iter(cards.sessions.values()))

    deliver_webhook(cards.expire(session["id"]))

    assert Order.objects.get().status == OrderStatus.CANCELLED
    assert net_stock(vase) == 3


def test_leaving_stripes_page_cancels_the_order_and_refills_the_basket(
    cards, centres, vase
):
    buyer, _ = buy_by_card(centres, vase, language="vi")
    session = next(iter(cards.sessions.values()))

    # Stripe's link shows a page (tests/integration/test_card_cancel_page.py);
    # its button cancels.
    response = buyer.client.post(session["cancel_url"])

    assert response.status_code == 302
    assert cards.sessions[session["id"]]["status"] == "expired"
    assert Order.objects.get().status == OrderStatus.CANCELLED
    assert net_stock(vase) == 3
    basket = visible_text(buyer.client.get(response["Location"]).content)
    assert "Bình gốm men lam" in basket


def test_when_stripe_is_down_nothing_is_charged_and_the_basket_stays(
    cards, centres, vase
):
    cards.fail_next_request(status=500, times=5)

    buyer, response = buy_by_card(centres, vase)

    assert response.status_code == 200
    assert "Card payments cannot be taken right now" in visible_text(response.content)
    assert Order.objects.get().status == OrderStatus.CANCELLED
    assert net_stock(vase) == 3
    basket = visible_text(buyer.client.get(buyer.url("basket:summary")).content)
    assert "Blue-glaze vase" in basket

    assert buyer.pay_by("cod").status_code == 302
    again = buyer.place_order()
    assert again.status_code == 302 and "thank-you" in again["Location"]
    retried = Order.objects.exclude(status=OrderStatus.CANCELLED).get()
    assert retried.number.endswith("-2") and net_stock(vase) == 2


def test_staff_refund_one_centres_share_then_the_rest(
    cards, centres, vase, tray, deliver_webhook, admin_client
):
    buy_by_card(centres, vase, tray)
    session = next(iter(cards.sessions.values()))
    deliver_webhook(cards.pay(session["id"]))
    order = Order.objects.get()
    dashboard = f"/en/shop/dashboard/orders/{order.number}/"
    page = visible_text(admin_client.get(dashboard).content)
    assert "Refund through Stripe" in page

    admin_client.post(
        dashboard,
        {"order_action": "refund", "refund_scope": str(centres["unknown"].partner_id)},
    )

    refund = Refund.objects.get()
    tray_share = Decimal("640000") + Decimal("30000")
    assert refund.amount == tray_share
    stripe_refund = cards.refunds[refund.stripe_refund_id]
    assert stripe_refund["amount"] == 670_000
    assert (
        stripe_refund["payment_intent"]
        == cards.sessions[session["id"]]["payment_intent"]
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_REFUNDED
    assert "lac" in visible_text(admin_client.get(dashboard).content).lower()

    admin_client.post(
        dashboard,
        {"order_action": "refund", "refund_scope": str(centres["unknown"].partner_id)},
    )
    assert Refund.objects.count() == 1

    admin_client.post(dashboard, {"order_action": "refund", "refund_scope": "all"})

    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert sum(r.amount for r in order.refunds.all()) == order.total_incl_tax
    assert Source.objects.get(order=order).amount_refunded == order.total_incl_tax
    assert (
        PaymentEvent.objects.filter(order=order, event_type__name="Refunded").count()
        == 2
    )
    page = visible_text(admin_client.get(dashboard).content)
    assert "Refunds" in page and refund.stripe_refund_id in page

    guest = Client()
    with translation.override("vi"):
        status_path = order_status_path(order)
    confirm_email = guest.get(status_path)["Location"]
    guest.post(confirm_email, {"email": order.guest_email})
    buyers_page = visible_text(guest.get(status_path).content)
    assert "Đã hoàn tiền" in buyers_page and "670.000 ₫" in buyers_page
