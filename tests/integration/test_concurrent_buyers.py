"""Twenty buyers press "place order" at once for the last unit: one gets it.

Each buyer is a thread with its own test client and so its own database
connection; they all walk the checkout up to the preview first, then wait at a
barrier and place their orders together. The data they share is committed
(a transactional test), so every connection sees it, as on a real server.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pytest
from django.db import connection
from oscar.core.loading import get_model

from order.statuses import OrderStatus
from tests.concurrency import all_at_once
from tests.factories import (
    ProductClassFactory,
    ProductFactory,
    net_stock,
    three_centres,
)
from tests.markup import visible_text
from tests.shopping import Buyer

Order = get_model("order", "Order")
BUYERS = 20


def place_order(buyer) -> tuple[int, str]:
    """The page's status and where it sends the buyer, or what it tells them."""
    response = buyer.place_order()
    told = response.get("Location", "")
    if response.status_code == 200:
        told = visible_text(response.content)
    return response.status_code, told


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_buyers_of_the_last_unit_make_exactly_one_order(cards, report_figure):
    centre = three_centres()["four"]
    last_vase = ProductFactory(
        centre=centre,
        title="Bình gốm cuối cùng",
        title_en="The last vase",
        price=Decimal("800000"),
        num_in_stock=1,
        product_class=ProductClassFactory(name="Gốm sứ", name_en="Ceramics"),
    )
    buyers = []
    for _ in range(BUYERS):
        buyer = Buyer(language="en")
        buyer.add(last_vase)
        buyer.checkout_as_guest()
        assert buyer.give_address().status_code == 302
        assert buyer.choose_delivery({centre: "domestic"}).status_code == 302
        assert buyer.pay_by("card").status_code == 302
        assert buyer.preview().status_code == 200
        buyers.append(buyer)

    outcomes = all_at_once([partial(place_order, buyer) for buyer in buyers])

    sent_to_stripe = [o for o in outcomes if o[0] == 302 and o[1].startswith(cards.url)]
    turned_away = [o for o in outcomes if o not in sent_to_stripe]
    assert len(sent_to_stripe) == 1, outcomes
    basket_url = buyers[0].url("basket:summary")
    for status, told in turned_away:
        assert (status, told) == (302, basket_url) or (
            status == 200 and "has just sold out" in told
        ), (status, told[:300])
    assert Order.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.AWAITING_CARD
    left = net_stock(last_vase)
    assert left == 0
    assert len(cards.sessions) == 1, "only the buyer who got the vase is asked to pay"
    report_figure(
        f"{BUYERS} concurrent buyers of the last unit on {connection.vendor}: "
        f"{len(sent_to_stripe)} order, {len(turned_away)} turned away, "
        f"stock left {left}, "
        f"Stripe sessions {len(cards.sessions)}"
    )
