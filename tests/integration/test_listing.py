"""Each product keeps what the catalogue sorts and filters it by at 100,000 products:
its lowest price (of its stock records, else of its public sizes') and the partners
that sell it (through its stock records or its public sizes'), up to date after every
change that can move them, however the change is made."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.listing import lowest_price_of, refresh_listing
from tests.factories import (
    TEST_PASSWORD,
    ChildProductFactory,
    ParentProductFactory,
    ProductFactory,
    StockRecordFactory,
    centre_staff,
)

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
ProductSeller = get_model("catalogue", "ProductSeller")
StockRecord = get_model("partner", "StockRecord")


def stored_price(product) -> Decimal | None:
    return Product.objects.values_list("lowest_price", flat=True).get(pk=product.pk)


def sold_by(centre) -> set[str]:
    return set(
        Product.objects.sold_by([centre.partner_id]).values_list("title", flat=True)
    )


def test_a_product_stores_the_lowest_price_of_its_stock_records(centres):
    vase = ProductFactory(centre=centres["four"], price=Decimal("450000"))
    assert stored_price(vase) == Decimal("450000")

    cheaper = StockRecordFactory(
        product=vase, partner=centres["three"].partner, price=Decimal("390000")
    )
    assert stored_price(vase) == Decimal("390000")

    cheaper.price = Decimal("520000")
    cheaper.save()
    assert stored_price(vase) == Decimal("450000")

    vase.stockrecords.get(partner=centres["four"].partner).delete()
    assert stored_price(vase) == Decimal("520000")

    cheaper.delete()
    assert stored_price(vase) is None


def test_a_product_in_sizes_stores_the_lowest_price_of_its_public_sizes(centres):
    garment = ParentProductFactory(centre=centres["three"], price=Decimal("1250000"))
    small = ChildProductFactory(
        parent=garment, title="Cỡ XS", centre=centres["three"], price=Decimal("990000")
    )
    assert stored_price(garment) == Decimal("990000")
    assert stored_price(small) == Decimal("990000")

    small.is_public = False
    small.save()
    assert stored_price(garment) == Decimal("1250000")

    small.is_public = True
    small.save()
    assert stored_price(garment) == Decimal("990000")

    small.delete()
    assert stored_price(garment) == Decimal("1250000")


def test_saving_a_copy_loaded_before_a_price_change_keeps_the_new_price(centres):
    vase = ProductFactory(centre=centres["four"], price=Decimal("450000"))
    loaded_before = Product.objects.get(pk=vase.pk)
    vase.stockrecords.update(price=Decimal("300000"))
    refresh_listing([vase.pk])

    loaded_before.title = "Bình gốm men lam (mới)"
    loaded_before.save()

    assert stored_price(vase) == Decimal("300000")


def test_refreshing_stores_what_the_stock_records_say_for_products_and_parents(
    centres,
):
    vase = ProductFactory(centre=centres["four"], price=Decimal("450000"))
    garment = ParentProductFactory(centre=centres["three"], price=Decimal("1250000"))
    size = garment.children.first()
    StockRecord.objects.filter(product__in=[vase, size]).update(price=Decimal("100000"))
    Product.objects.update(lowest_price=None)

    refresh_listing([vase.pk, size.pk])

    for product in (vase, garment, size):
        assert stored_price(product) == lowest_price_of(product.pk)
    assert stored_price(vase) == stored_price(garment) == Decimal("100000")


def test_a_bulk_price_change_in_the_console_moves_the_catalogue_order(client, centres):
    centre = centres["four"]
    bowl = ProductFactory(centre=centre, title="Bát", price=Decimal("100000"))
    ProductFactory(centre=centre, title="Đĩa", price=Decimal("150000"))
    assert client.login(username=centre_staff(centre).email, password=TEST_PASSWORD)
    step = client.post(
        reverse("dashboard:catalogue-product-list"),
        {"action": "set_product_price", "selected_product": [bowl.pk]},
    )

    client.post(
        step.url,
        {
            "selected_products": [bowl.pk],
            "increase_by_amount": "100.000",
            "partners": [centre.partner.pk],
        },
    )

    assert stored_price(bowl) == Decimal("200000")
    cheapest_first = client.get(reverse("catalogue:index"), {"sort": "price-asc"})
    titles = [card.title for card in cheapest_first.context["products"]]
    assert titles == ["Đĩa", "Bát"]


def test_a_product_is_sold_by_the_partners_of_its_stock_records(centres):
    vase = ProductFactory(centre=centres["four"], title="Bình")
    assert sold_by(centres["four"]) == {"Bình"}
    assert sold_by(centres["three"]) == set()

    record = StockRecordFactory(product=vase, partner=centres["three"].partner)
    assert sold_by(centres["three"]) == sold_by(centres["four"]) == {"Bình"}

    record.partner = centres["unknown"].partner
    record.save()
    assert sold_by(centres["three"]) == set()
    assert sold_by(centres["unknown"]) == {"Bình"}

    record.delete()
    assert sold_by(centres["unknown"]) == set()


def test_a_product_in_sizes_is_sold_by_the_partner_of_its_public_sizes(centres):
    garment = ParentProductFactory(centre=centres["three"], title="Áo dài")
    elsewhere = ChildProductFactory(
        parent=garment, title="Cỡ XS", centre=centres["four"]
    )
    assert "Áo dài" in sold_by(centres["four"])

    elsewhere.is_public = False
    elsewhere.save()
    assert "Áo dài" not in sold_by(centres["four"])
    assert "Áo dài" in sold_by(centres["three"])

    elsewhere.is_public = True
    elsewhere.save()
    assert "Áo dài" in sold_by(centres["four"])

    elsewhere.delete()
    assert "Áo dài" not in sold_by(centres["four"])


def test_deleting_a_product_in_sizes_deletes_its_sizes_and_what_is_stored(centres):
    garment = ParentProductFactory(centre=centres["three"], title="Áo dài")

    garment.delete()

    assert sold_by(centres["three"]) == set()
    assert not ProductSeller.objects.exists()
