"""Leaving Stripe's page ("back") lands on a page; only its button changes anything.

Stripe's ``cancel_url`` is a GET: it shows "You left the card payment", a link
back to Stripe's page while the session can still be paid, and a button. The
button's POST (CSRF-protected) closes the session, cancels the order, puts its
stock back on sale and the items back in the basket.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from payment.models import StripeCheckoutSession
from tests.factories import net_stock
from tests.markup import elements, visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_stripes_page(cards, centres, vase):
    """A buyer sent to Stripe's page for a card order: (buyer, Stripe's session)."""
    buyer = Buyer(language="en")
    buyer.add(vase)
    response = buyer.checkout({centres["four"]: "domestic"}, "card")
    assert response.status_code == 302
    return buyer, next(iter(cards.sessions.values()))


def basket_titles(buyer: Buyer) -> str:
    return visible_text(buyer.client.get(buyer.url("basket:summary")).content)


def test_the_page_changes_nothing_and_offers_both_ways(on_stripes_page, cards, vase):
    buyer, session = on_stripes_page

    response = buyer.client.get(session["cancel_url"])

    assert response.status_code == 200
    page = visible_text(response.content)
    assert "You left the card payment" in page
    html = response.content.decode()
    assert elements(html, "a", href=session["url"])
    assert elements(html, "form", method="post", **{"class": "card-cancel-form"})
    assert Order.objects.get().status == OrderStatus.AWAITING_CARD
    assert cards.sessions[session["id"]]["status"] == "open"
    assert net_stock(vase) == 2
    assert "Blue-glaze vase" not in basket_titles(buyer)


def test_the_page_speaks_vietnamese_under_vi(on_stripes_page):
    buyer, session = on_stripes_page
    vietnamese = session["cancel_url"].replace("/en/", "/vi/")

    page = visible_text(buyer.client.get(vietnamese).content)

    assert "Bạn đã rời trang thanh toán thẻ" in page
    assert "Hủy thanh toán và đưa hàng trở lại giỏ của tôi" in page


def test_once_stripes_page_has_closed_only_the_cancel_button_is_offered(
    on_stripes_page, settings
):
    buyer, session = on_stripes_page
    StripeCheckoutSession.objects.update(
        created=timezone.now() - timedelta(minutes=settings.STRIPE_CHECKOUT_MINUTES + 1)
    )

    response = buyer.client.get(session["cancel_url"])

    assert session["url"] not in response.content.decode()
    assert "Cancel the payment and put the items back" in visible_text(response.content)


def test_the_cancel_post_needs_the_pages_csrf_token(on_stripes_page, cards, vase):
    buyer, session = on_stripes_page
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = buyer.client.cookies

    refused = strict.post(session["cancel_url"])
    assert refused.status_code == 403
    assert Order.objects.get().status == OrderStatus.AWAITING_CARD
    assert net_stock(vase) == 2

    page = strict.get(session["cancel_url"])
    token = elements(page.content.decode(), "input", name="csrfmiddlewaretoken")[0]
    cancelled = strict.post(
        session["cancel_url"], {"csrfmiddlewaretoken": token["value"]}
    )
    assert cancelled.status_code == 302
    assert Order.objects.get().status == OrderStatus.CANCELLED


def test_the_button_cancels_frees_the_stock_and_refills_the_basket(
    on_stripes_page, cards, vase
):
    buyer, session = on_stripes_page

    response = buyer.client.post(session["cancel_url"])

    assert response.status_code == 302
    assert response["Location"] == buyer.url("basket:summary")
    assert cards.sessions[session["id"]]["status"] == "expired"
    assert Order.objects.get().status == OrderStatus.CANCELLED
    assert net_stock(vase) == 3
    page = basket_titles(buyer)
    assert "Blue-glaze vase" in page
    assert "Card payment cancelled; nothing was charged." in page


def test_a_paid_order_is_never_cancelled_from_here(
    on_stripes_page, cards, deliver_webhook
):
    buyer, session = on_stripes_page
    deliver_webhook(cards.pay(session["id"]))

    shown = buyer.client.get(session["cancel_url"])
    posted = buyer.client.post(session["cancel_url"])

    for response in (shown, posted):
        assert response.status_code == 302 and "thank-you" in response["Location"]
    assert Order.objects.get().is_paid
