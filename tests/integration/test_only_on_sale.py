"""Only what is on sale can be bought.

Adding to a basket a product that staff unpublished, a size of an unpublished
garment, a product with no stock record, one that is sold out, or an id that names
nothing is refused with a message in the buyer's language and a redirect back to
where they were. A basket line whose product was unpublished after it was added is
flagged on the basket page, and every checkout step, the place-order POST included,
sends the buyer back to the basket until the line is removed.
"""

from __future__ import annotations

import pytest
from oscar.core.loading import get_model

from tests.factories import ParentProductFactory, ProductFactory, net_stock
from tests.markup import visible_text
from tests.shopping import Buyer

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

CATALOGUE = "/vi/shop/catalogue/"


@pytest.fixture
def vase(centres):
    return ProductFactory(centre=centres["four"], title="Bình gốm men lam")


@pytest.fixture
def tray(centres):
    return ProductFactory(centre=centres["unknown"], title="Khay sơn mài")


def add(buyer: Buyer, product_id: int, referer: str = CATALOGUE):
    return buyer.client.post(
        buyer.url("basket:add", pk=product_id),
        {"quantity": 1},
        HTTP_REFERER=f"http://testserver{referer}",
    )


def lines_in_basket(buyer: Buyer) -> int:
    page = buyer.client.get(buyer.url("basket:summary"))
    return page.context["basket"].num_lines


def shown_after(buyer: Buyer, response) -> str:
    return visible_text(buyer.client.get(response["Location"]).content)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Sản phẩm này hiện không được bán."),
        ("en", "This product is not on sale."),
    ],
)
def test_adding_an_unpublished_product_is_refused_in_the_buyers_language(
    vase, language, message
):
    vase.is_public = False
    vase.save()
    buyer = Buyer(language=language)

    response = add(buyer, vase.pk)

    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{CATALOGUE}"
    assert message in shown_after(buyer, response)
    assert lines_in_basket(buyer) == 0


def test_an_id_that_names_no_product_gets_the_same_message_not_an_error_page(vase):
    buyer = Buyer()

    response = add(buyer, vase.pk + 1000)

    assert response.status_code == 302
    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, response)
    assert lines_in_basket(buyer) == 0


def test_an_id_beyond_any_database_integer_gets_the_message_too(vase):
    buyer = Buyer()

    response = add(buyer, 10**20)

    assert response.status_code == 302
    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, response)


def test_without_a_referer_the_refusal_goes_back_to_the_basket(vase):
    vase.is_public = False
    vase.save()
    buyer = Buyer()

    response = buyer.client.post(buyer.url("basket:add", pk=vase.pk), {"quantity": 1})

    assert response.status_code == 302
    assert response["Location"] == buyer.url("basket:summary")


def test_a_size_of_an_unpublished_garment_is_refused_both_ways(centres):
    ao_dai = ParentProductFactory(centre=centres["four"])
    size = ao_dai.children.first()
    ao_dai.is_public = False
    ao_dai.save()
    buyer = Buyer()

    directly = add(buyer, size.pk)
    assert directly.status_code == 302
    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, directly)

    through_parent = buyer.client.post(
        buyer.url("basket:add", pk=ao_dai.pk), {"quantity": 1, "child_id": size.pk}
    )
    assert through_parent.status_code == 302
    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, through_parent)
    assert lines_in_basket(buyer) == 0


def test_an_unpublished_size_of_a_published_garment_is_refused(centres):
    ao_dai = ParentProductFactory(centre=centres["four"])
    size = ao_dai.children.first()
    size.is_public = False
    size.save()
    buyer = Buyer()

    response = add(buyer, size.pk)

    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, response)
    assert lines_in_basket(buyer) == 0


def test_a_product_without_a_stock_record_is_refused(vase):
    StockRecord.objects.filter(product=vase).delete()
    buyer = Buyer()

    response = add(buyer, vase.pk)

    assert response.status_code == 302
    assert "Sản phẩm này hiện không được bán." in shown_after(buyer, response)
    assert lines_in_basket(buyer) == 0


def test_a_sold_out_product_is_refused_with_its_name(vase):
    StockRecord.objects.filter(product=vase).update(num_in_stock=0)
    buyer = Buyer()

    response = add(buyer, vase.pk)

    assert response.status_code == 302
    assert "“Bình gốm men lam” tạm thời đã hết hàng." in shown_after(buyer, response)
    assert lines_in_basket(buyer) == 0


def test_a_published_product_in_stock_still_goes_in(vase):
    buyer = Buyer()

    response = add(buyer, vase.pk)

    assert response.status_code == 302
    assert lines_in_basket(buyer) == 1


def ready_to_order(centres, *products) -> Buyer:
    """A guest at the preview step with ``products`` in the basket, paying cash."""
    buyer = Buyer()
    for product in products:
        buyer.add(product)
    buyer.checkout_as_guest()
    assert buyer.give_address().status_code == 302
    sellers = {p.stockrecords.get().partner_id for p in products}
    kinds = {c: "domestic" for c in centres.values() if c.partner_id in sellers}
    assert buyer.choose_delivery(kinds).status_code == 302
    assert buyer.pay_by("cod").status_code == 302
    assert buyer.preview().status_code == 200
    return buyer


FLAG = (
    "“Bình gốm men lam” không còn được bán: hãy bỏ sản phẩm này ra khỏi giỏ hàng "
    "để tiếp tục đặt hàng."
)


def test_a_line_unpublished_after_it_was_added_is_flagged_on_the_basket_page(
    centres, vase, tray
):
    buyer = ready_to_order(centres, vase, tray)
    vase.is_public = False
    vase.save()

    page = visible_text(buyer.client.get(buyer.url("basket:summary")).content)

    assert FLAG in page
    assert "Không còn bán" in page
    assert "Khay sơn mài" in page and "“Khay sơn mài” không còn" not in page


CHECKOUT_STEPS = [
    ("get", "checkout:index"),
    ("get", "checkout:shipping-address"),
    ("get", "checkout:shipping-method"),
    ("get", "checkout:payment-method"),
    ("get", "checkout:preview"),
    ("post", "checkout:preview"),
]


@pytest.mark.parametrize(("method", "step"), CHECKOUT_STEPS)
def test_every_checkout_step_refuses_until_the_line_is_removed(
    centres, vase, tray, method, step
):
    buyer = ready_to_order(centres, vase, tray)
    vase.is_public = False
    vase.save()

    send = getattr(buyer.client, method)
    data = {"action": "place_order"} if method == "post" else None
    response = send(buyer.url(step), data)

    assert response.status_code == 302
    assert response["Location"] == buyer.url("basket:summary")
    assert FLAG in shown_after(buyer, response)
    assert not Order.objects.exists()
    assert net_stock(vase) == 10 and net_stock(tray) == 10


def test_removing_the_line_lets_the_checkout_go_on(centres, vase, tray):
    buyer = ready_to_order(centres, vase, tray)
    vase.is_public = False
    vase.save()
    assert buyer.place_order()["Location"] == buyer.url("basket:summary")

    basket = Basket.objects.get(lines__product=vase)
    lines = list(basket.lines.order_by("pk"))
    formset = {
        "form-TOTAL_FORMS": len(lines),
        "form-INITIAL_FORMS": len(lines),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, line in enumerate(lines):
        formset[f"form-{index}-id"] = line.pk
        formset[f"form-{index}-quantity"] = line.quantity
        if line.product_id == vase.pk:
            formset[f"form-{index}-DELETE"] = "on"
    removed = buyer.client.post(buyer.url("basket:summary"), formset)
    assert removed.status_code == 302
    assert [line.product_id for line in basket.lines.all()] == [tray.pk]

    assert buyer.choose_delivery({centres["unknown"]: "domestic"}).status_code == 302
    assert buyer.pay_by("cod").status_code == 302
    placed = buyer.place_order()

    assert placed.status_code == 302 and "thank-you" in placed["Location"]
    order = Order.objects.get()
    assert [line.product_id for line in order.lines.all()] == [tray.pk]
    assert net_stock(vase) == 10 and net_stock(tray) == 9
