"""Adding to the basket: the confirmation names the product and links to the
basket and the checkout, while the header carries the new total; a product whose
class asks the buyer a question (Oscar's product options) keeps the answer on the
basket line, and a product with none adds without one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from oscar.core.loading import get_model

from tests.factories import ProductClassFactory, ProductFactory
from tests.shopping import Buyer

Line = get_model("basket", "Line")
Option = get_model("catalogue", "Option")

pytestmark = pytest.mark.django_db


def test_the_confirmation_links_to_the_basket_and_the_header_shows_the_total():
    product = ProductFactory(title="Bình gốm men lam", price=Decimal("320000"))
    buyer = Buyer()

    added = buyer.add(product, quantity=2)

    (confirmation,) = [str(message) for message in get_messages(added.wsgi_request)]
    assert "Đã thêm" in confirmation and "Bình gốm men lam" in confirmation
    assert f'href="{buyer.url("basket:summary")}"' in confirmation
    assert f'href="{buyer.url("checkout:index")}"' in confirmation
    header = buyer.client.get(added["Location"]).content.decode()
    assert "640.000" in header.split("<!--/personal:basket-->")[0]


def test_the_answer_to_a_product_option_is_kept_on_the_basket_line():
    engraved = ProductClassFactory(name="Gốm khắc tên", name_en="Engraved ceramics")
    engraving = Option.objects.create(name="Tên khắc", code="engraving", required=True)
    engraved.options.add(engraving)
    product = ProductFactory(product_class=engraved)
    buyer = Buyer()

    buyer.client.post(buyer.url("basket:add", pk=product.pk), {"quantity": 1})
    assert not Line.objects.exists()  # the required answer was missing

    buyer.client.post(
        buyer.url("basket:add", pk=product.pk), {"quantity": 1, "engraving": "Lan"}
    )
    (line,) = Line.objects.all()
    assert [(a.option.code, a.value) for a in line.attributes.all()] == [
        ("engraving", "Lan")
    ]


def test_a_product_without_options_goes_in_with_no_line_attributes():
    buyer = Buyer()
    buyer.add(ProductFactory())
    (line,) = Line.objects.all()
    assert not line.attributes.exists()
