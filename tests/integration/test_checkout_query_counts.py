"""The basket and checkout pages cost the same number of SQL queries for a basket
of 2 lines from 2 centres as for one of 12 lines from 3 centres: no query per line
or parcel (see partner/strategy.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from tests.factories import ProductClassFactory, ProductFactory
from tests.shopping import Buyer

Line = get_model("basket", "Line")

pytestmark = pytest.mark.django_db

PAGES = (
    "basket:summary",
    "checkout:shipping-method",
    "checkout:payment-method",
    "checkout:preview",
)


def buyer_with(sellers, lines_each: int) -> Buyer:
    buyer = Buyer()
    ceramics = ProductClassFactory(name="Gốm sứ", default_weight_grams=700)
    for centre in sellers:
        for _ in range(lines_each):
            product = ProductFactory(
                centre=centre, price=Decimal("150000"), product_class=ceramics
            )
            buyer.add(product)
    buyer.checkout_as_guest()
    assert buyer.give_address().status_code == 302
    assert buyer.choose_delivery(dict.fromkeys(sellers, "domestic")).status_code == 302
    assert buyer.pay_by("cod").status_code == 302
    return buyer


def queries_of(buyer: Buyer, name: str) -> int:
    url = buyer.url(name)
    buyer.client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = buyer.client.get(url)
    assert response.status_code == 200, (name, response.get("Location"))
    return len(queries)


def test_basket_and_checkout_pages_cost_the_same_for_2_or_12_lines(
    centres, record_query_counts
):
    small = buyer_with([centres["four"], centres["three"]], 1)
    large = buyer_with(list(centres.values()), 4)

    for name in PAGES:
        few, many = queries_of(small, name), queries_of(large, name)
        record_query_counts(f"{name} (2 -> 12 basket lines)", few, many)
        assert few == many, name


def queries_to_add(buyer: Buyer, product) -> int:
    with CaptureQueriesContext(connection) as queries:
        buyer.add(product)
    return len(queries)


def test_adding_to_the_basket_costs_the_same_for_a_1_or_a_9_line_basket(
    centres, record_query_counts
):
    """Nine lines from three centres: the most a guest's basket holds with room
    for one more item (``partner/quantity_caps.py``), so every add goes in."""
    ceramics = ProductClassFactory(name="Gốm sứ", default_weight_grams=700)
    new, small, large = Buyer(), Buyer(), Buyer()
    small.add(ProductFactory(centre=centres["three"], product_class=ceramics))
    for centre in centres.values():
        for _ in range(3):
            large.add(ProductFactory(centre=centre, product_class=ceramics))
    product = ProductFactory(centre=centres["four"], product_class=ceramics)

    first = queries_to_add(new, product)
    second, tenth = queries_to_add(small, product), queries_to_add(large, product)

    assert Line.objects.filter(product=product).count() == 3
    record_query_counts("basket add (1 -> 9 basket lines)", second, tenth)
    assert second == tenth
    # Into a new basket: the product, its stock record and class read once for
    # the refusal, the form and the line (Oscar alone reads the stock record
    # three times); the new total is left to the page's header.
    assert first <= 12
