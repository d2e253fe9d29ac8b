"""No one buyer can hold much of the shop: quantity caps, open orders, a rate.

Without an account a buyer may put at most ``GUEST_MAX_LINE_QUANTITY`` (5) of
one product and ``GUEST_MAX_ORDER_QUANTITY`` (10) items in an order; anyone
may have at most ``MAX_OPEN_UNPAID_ORDERS`` (2) orders awaiting payment or
confirmation per e-mail, phone, browser session and client address, and place
at most ``ORDER_RATE_LIMIT`` (5) orders an hour per address and session. Each
refusal says why in the buyer's language and keeps their basket.

Deadlines that end what an order holds are in test_unpaid_order_deadlines.py.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_class, get_model

from order.statuses import AWAITING_STATUSES
from tests.concurrency import all_at_once
from tests.factories import (
    TEST_PASSWORD,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
    three_centres,
)
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db

LINE_CAP_VI = (
    "Khi chưa đăng nhập, mỗi đơn hàng chỉ mua được tối đa 5 cái của cùng một sản phẩm."
)
ORDER_CAP_VI = "Khi chưa đăng nhập, mỗi đơn hàng có tối đa 10 sản phẩm."


def ceramics_class():
    return ProductClassFactory(
        name="Gốm sứ", name_en="Ceramics", default_weight_grams=500
    )


@pytest.fixture
def bowls(centres):
    """Three kinds of bowl from Bát Tràng, plenty of each."""
    kind = ceramics_class()
    return [
        ProductFactory(
            centre=centres["four"],
            title=f"Bát gốm {name}",
            title_en=f"{name_en} bowl",
            price=Decimal("120000"),
            num_in_stock=50,
            product_class=kind,
        )
        for name, name_en in (
            ("men lam", "Blue"),
            ("men rạn", "Crackle"),
            ("nâu", "Brown"),
        )
    ]


def add(buyer, product, quantity):
    """Add to the basket and follow to the page that says how it went."""
    return buyer.client.post(
        buyer.url("basket:add", pk=product.pk), {"quantity": quantity}, follow=True
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def basket_quantities(buyer) -> dict[str, int]:
    page = buyer.client.get(buyer.url("basket:summary"))
    return {
        line.product.title: line.quantity for line in page.context["basket"].all_lines()
    }


def test_a_guest_may_add_at_most_five_of_one_product(bowls, report_figure):
    buyer = Buyer()

    refused_at_once = add(buyer, bowls[0], 6)
    add(buyer, bowls[0], 5)
    refused_one_more = add(buyer, bowls[0], 1)

    assert LINE_CAP_VI in " ".join(messages_of(refused_at_once))
    assert LINE_CAP_VI in " ".join(messages_of(refused_one_more))
    assert basket_quantities(buyer) == {"Bát gốm men lam": 5}
    report_figure(f"guest adds 6 of one product: refused, “{LINE_CAP_VI}”")


def test_the_refusal_is_in_english_on_the_english_shop(bowls):
    buyer = Buyer(language="en")

    refused = add(buyer, bowls[0], 6)

    assert (
        "Without an account you can buy at most 5 of one product in an order. "
        "Sign in or create an account to buy more."
    ) in messages_of(refused)


def test_raising_a_quantity_in_the_basket_past_the_cap_says_why(bowls):
    buyer = Buyer()
    add(buyer, bowls[0], 2)
    page = buyer.client.get(buyer.url("basket:summary"))
    formset = page.context["formset"]
    [line] = page.context["basket"].all_lines()
    data = {
        f"{formset.prefix}-TOTAL_FORMS": "1",
        f"{formset.prefix}-INITIAL_FORMS": "1",
        f"{formset.prefix}-MIN_NUM_FORMS": "0",
        f"{formset.prefix}-MAX_NUM_FORMS": "1000",
        f"{formset.prefix}-0-id": str(line.pk),
        f"{formset.prefix}-0-quantity": "7",
    }

    response = buyer.client.post(buyer.url("basket:summary"), data)

    assert LINE_CAP_VI in visible_text(response.content)
    assert basket_quantities(buyer) == {"Bát gốm men lam": 2}


def test_a_guest_basket_holds_at_most_ten_items(bowls, report_figure):
    buyer = Buyer()
    add(buyer, bowls[0], 4)
    add(buyer, bowls[1], 4)

    refused = add(buyer, bowls[2], 4)

    assert ORDER_CAP_VI in " ".join(messages_of(refused))
    assert basket_quantities(buyer) == {"Bát gốm men lam": 4, "Bát gốm men rạn": 4}
    report_figure(f"guest adds a 12th item: refused, “{ORDER_CAP_VI}”")


def test_a_signed_in_buyer_may_buy_more(bowls, centres, client):
    user = UserFactory(email="nha-hang@example.com")
    assert client.login(username=user.email, password=TEST_PASSWORD)
    buyer = Buyer(client=client)

    add(buyer, bowls[0], 8)
    add(buyer, bowls[1], 8)
    buyer.client.get(buyer.url("checkout:index"))
    assert buyer.give_address().status_code == 302
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")
    response = buyer.place_order()

    assert response.status_code == 302
    assert Order.objects.get().num_items == 16


def test_caps_lowered_after_the_basket_was_filled_still_stop_the_order(
    bowls, centres, settings
):
    buyer = Buyer()
    add(buyer, bowls[0], 5)
    buyer.checkout_as_guest()
    buyer.give_address()
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")
    settings.GUEST_MAX_LINE_QUANTITY = 3

    response = buyer.place_order()

    page = visible_text(buyer.client.get(response["Location"]).content)
    assert "tối đa 3 cái của cùng một sản phẩm" in page
    assert not Order.objects.exists()
    assert basket_quantities(buyer) == {"Bát gốm men lam": 5}


# Open orders
# ------------------------------------------------------------------------------


class Shopper:
    """A buyer whose e-mail, phone, browser and internet address are each chosen."""

    def __init__(self, email, phone, address, client=None):
        self.buyer = Buyer(client=client or Client())
        self.email, self.phone, self.address = email, phone, address

    def order(self, product, centre, method="cod"):
        self.buyer.client.defaults["REMOTE_ADDR"] = self.address
        self.buyer.add(product)
        self.buyer.checkout_as_guest(self.email)
        response = self.buyer.give_address(phone_number=self.phone)
        assert response.status_code == 302
        assert self.buyer.choose_delivery({centre: "domestic"}).status_code == 302
        assert self.buyer.pay_by(method).status_code == 302
        return self.buyer.place_order()


def shoppers_sharing(part: str) -> list[Shopper]:
    """Three shoppers alike only in ``part`` ("email", "phone", "session" or
    "address"); for "session", one browser whose address changes."""
    shared_client = Client()
    return [
        Shopper(
            email="chung@example.com" if part == "email" else f"khach{n}@example.com",
            phone="0912 345 600" if part == "phone" else f"0912 345 {610 + n}",
            address="10.0.3.1" if part == "address" else f"10.0.3.{10 + n}",
            client=shared_client if part == "session" else None,
        )
        for n in range(3)
    ]


@pytest.mark.parametrize(
    ("part", "whose"),
    [
        ("email", "địa chỉ e-mail này"),
        ("phone", "số điện thoại này"),
        ("session", "trình duyệt này"),
        ("address", "kết nối internet của bạn"),
    ],
)
def test_a_third_open_order_is_refused_until_one_is_confirmed(
    bowls, centres, part, whose, report_figure
):
    first, second, third = shoppers_sharing(part)
    assert first.order(bowls[0], centres["four"]).status_code == 302
    assert second.order(bowls[1], centres["four"], "vietqr").status_code == 302

    refused = third.order(bowls[2], centres["four"])

    assert refused.status_code == 200
    told = visible_text(refused.content)
    message = (
        f"Đã có 2 đơn hàng đang chờ thanh toán hoặc xác nhận từ {whose}. Hãy "
        "thanh toán hoặc xác nhận các đơn đó trước"
    )
    assert message in told
    assert "Bát gốm nâu" in told, "the order's review page, basket and all"
    assert Order.objects.count() == 2
    assert basket_quantities(third.buyer) == {"Bát gốm nâu": 1}

    cash_order = Order.objects.get(payment_method="cod")
    EventHandler().confirm_cash_on_delivery(cash_order, by="by phone")
    assert third.buyer.place_order().status_code == 302
    assert Order.objects.count() == 3
    report_figure(f"3rd open order sharing {part}: refused, “{message}…”")


def test_paid_and_cancelled_orders_do_not_count_as_open(bowls, centres):
    shoppers = shoppers_sharing("email")
    for shopper in shoppers[:2]:
        shopper.order(bowls[0], centres["four"], "vietqr")
    first, second = Order.objects.order_by("pk")
    EventHandler().mark_paid(first, reference="FT1")
    EventHandler().cancel_unpaid(second, reason="test")

    assert shoppers[2].order(bowls[0], centres["four"]).status_code == 302
    assert Order.objects.filter(status__in=AWAITING_STATUSES).count() == 1


# Rate
# ------------------------------------------------------------------------------


def test_a_browser_placing_orders_fast_is_slowed_down(
    bowls, centres, settings, report_figure
):
    settings.MAX_OPEN_UNPAID_ORDERS = 100
    settings.ORDER_RATE_LIMIT = 3
    browser = Client()
    placed = [
        Shopper(f"khach{n}@example.com", f"0912 345 {620 + n}", f"10.0.4.{n}", browser)
        for n in range(4)
    ]
    for shopper in placed[:3]:
        assert shopper.order(bowls[0], centres["four"]).status_code == 302

    refused = placed[3].order(bowls[0], centres["four"])
    elsewhere = Shopper("khac@example.com", "0912 345 699", "10.0.4.99")

    message = (
        "Đã có quá nhiều đơn hàng được đặt từ trình duyệt hoặc kết nối internet "
        "này trong một giờ qua."
    )
    assert refused.status_code == 200 and message in visible_text(refused.content)
    assert Order.objects.count() == 3
    assert elsewhere.order(bowls[0], centres["four"]).status_code == 302
    report_figure(f"4th order in an hour from one browser (limit 3): “{message}”")


# Racing
# ------------------------------------------------------------------------------


def place_order(buyer) -> tuple[int, str]:
    response = buyer.place_order()
    return response.status_code, visible_text(response.content)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_browsers_behind_one_address_racing_open_two_orders(report_figure):
    centres = three_centres()
    bowl = ProductFactory(
        centre=centres["four"],
        title="Bát",
        num_in_stock=50,
        product_class=ceramics_class(),
    )
    buyers = []
    for n in range(6):
        buyer = Buyer(client=Client(REMOTE_ADDR="10.0.6.1"))
        buyer.add(bowl)
        buyer.checkout_as_guest(f"khach{n}@example.com")
        assert buyer.give_address(phone_number=f"0912 345 {640 + n}").status_code
        assert buyer.choose_delivery({centres["four"]: "domestic"}).status_code == 302
        assert buyer.pay_by("cod").status_code == 302
        buyers.append(buyer)
    outcomes = all_at_once([partial(place_order, buyer) for buyer in buyers])

    placed = [o for o in outcomes if o[0] == 302]
    refused = [o for o in outcomes if o[0] == 200]
    assert len(placed) == 2 and len(refused) == 4, outcomes
    assert all("kết nối internet của bạn" in told for _, told in refused)
    assert Order.objects.count() == 2
    record = bowl.stockrecords.get()
    assert record.num_allocated == 2
    report_figure(
        f"6 browsers behind one address placing at once on {connection.vendor}: "
        f"{len(placed)} orders, {len(refused)} refused, {record.num_allocated} "
        "units held"
    )
