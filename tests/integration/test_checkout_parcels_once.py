"""Each checkout request builds the basket's parcels once.

A checkout request asks for them from its preconditions, Oscar's shipping
repository (several times), the order total and the page; they are built once
and shared (``shipping.parcels.parcels_for_request``). The builder is wrapped,
not replaced: the real parcels are built, and the calls are counted.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
from oscar.core.loading import get_model

from shipping import parcels
from tests.factories import ProductClassFactory, ProductFactory
from tests.shopping import Buyer

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(centres):
    """A guest with products of two centres, at the delivery step."""
    ceramics = ProductClassFactory(name="Gốm sứ", default_weight_grams=700)
    buyer = Buyer()
    for centre in (centres["four"], centres["three"]):
        for _ in range(3):
            buyer.add(
                ProductFactory(
                    centre=centre, price=Decimal("150000"), product_class=ceramics
                )
            )
    buyer.checkout_as_guest()
    assert buyer.give_address().status_code == 302
    return buyer


def builds_during(request) -> int:
    with mock.patch.object(
        parcels, "basket_parcels", wraps=parcels.basket_parcels
    ) as builder:
        response = request()
    assert response.status_code in (200, 302), response.status_code
    return builder.call_count


def test_each_checkout_step_builds_the_parcels_once(buyer, centres):
    kinds = {centres["four"]: "domestic", centres["three"]: "pickup"}
    counts = {
        "delivery page (GET)": builds_during(buyer.delivery_page),
        "delivery chosen (POST)": builds_during(lambda: buyer.choose_delivery(kinds)),
        "way to pay page (GET)": builds_during(
            lambda: buyer.client.get(buyer.url("checkout:payment-method"))
        ),
        "way to pay chosen (POST)": builds_during(lambda: buyer.pay_by("cod")),
        "preview (GET)": builds_during(buyer.preview),
        "place order (POST)": builds_during(buyer.place_order),
    }

    assert counts == dict.fromkeys(counts, 1)
    order = Order.objects.get()
    assert order.parcels.count() == 2
    assert order.shipping_incl_tax == order.parcels.get(kind="domestic").charge


def test_a_request_builds_again_only_when_the_basket_or_address_changed(buyer):
    basket = Basket.objects.get()
    request = SimpleNamespace()

    def hanoi():
        return ShippingAddress(country_id="VN", state="Thành phố Hà Nội", line1="1")

    with mock.patch.object(
        parcels, "basket_parcels", wraps=parcels.basket_parcels
    ) as builder:
        first = parcels.parcels_for_request(request, basket, hanoi())
        assert parcels.parcels_for_request(request, basket, hanoi()) is first
        assert builder.call_count == 1

        paris = ShippingAddress(country_id="FR", line4="Paris", line1="1")
        assert parcels.parcels_for_request(request, basket, paris) is not first
        assert builder.call_count == 2

        line = basket.all_lines()[0]
        line.quantity += 1
        again = parcels.parcels_for_request(request, basket, paris)
        assert builder.call_count == 3
        assert sum(len(parcel.lines) for parcel in again) == 6

        choices = {str(again[0].partner.pk): "pickup"}
        chosen = parcels.parcels_for_request(request, basket, paris, choices)
        assert builder.call_count == 4 and chosen[0].chosen.kind == "pickup"
