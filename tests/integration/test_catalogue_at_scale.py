"""What keeps pages fast with 100,000 products: the browse and search indexes exist
(each sort, price, craft, category and seller read from an index), a catalogue page
is picked by ids and then loaded in the same order, and a storefront shows a page's
worth of products with a way to all of them."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")

BROWSE_INDEXES = {
    "catalogue_product_newest_idx",
    "catalogue_product_title_idx",
    "catalogue_product_ocop_idx",
    "catalogue_product_price_idx",
    "catalogue_product_price_desc_idx",
    "catalogue_product_class_newest_idx",
    "partner_stockrecord_product_price_idx",
}
LINK_INDEXES = {
    "catalogue_productcategory_category_product_idx",
    "catalogue_productseller_unique",
}
TRIGRAM_INDEX = "catalogue_product_search_text_trgm_idx"
CARD_TITLE = re.compile(r"Gốm thử số \d+")


def titles_in(response) -> list[str]:
    return list(dict.fromkeys(CARD_TITLE.findall(response.content.decode())))


def index_names() -> set[str]:
    tables = (
        "catalogue_product",
        "partner_stockrecord",
        "catalogue_productcategory",
        "catalogue_productseller",
    )
    with connection.cursor() as cursor:
        return {
            name
            for table in tables
            for name in connection.introspection.get_constraints(cursor, table)
        }


def test_the_browse_indexes_exist_and_on_postgresql_the_trigram_index():
    names = index_names()

    assert names >= BROWSE_INDEXES | LINK_INDEXES
    assert (TRIGRAM_INDEX in names) == (connection.vendor == "postgresql")


def test_a_deep_page_lists_its_products_in_the_chosen_order(client, centres, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    for number in (5, 3, 1, 4, 2, 6):
        ProductFactory(
            centre=centres["four"],
            title=f"Gốm thử số {number}",
            price=Decimal(700000 - 100000 * number),
        )

    by_name = client.get(reverse("catalogue:index"), {"sort": "title", "page": 2})
    cheapest = client.get(reverse("catalogue:index"), {"sort": "price-asc", "page": 3})

    assert titles_in(by_name) == ["Gốm thử số 3", "Gốm thử số 4"]
    assert titles_in(cheapest) == ["Gốm thử số 2", "Gốm thử số 1"]


def test_a_storefront_shows_a_page_of_products_and_links_to_all(
    client, centres, page_tree, settings
):
    settings.OSCAR_PRODUCTS_PER_PAGE = 3
    centre = centres["four"]
    for number in range(1, 5):
        ProductFactory(centre=centre, title=f"Gốm thử số {number}")
    all_of_centre = f'href="{reverse("catalogue:index")}?centre={centre.slug}"'

    page = client.get(page_tree.storefront(centre).get_url())

    assert titles_in(page) == ["Gốm thử số 4", "Gốm thử số 3", "Gốm thử số 2"]
    assert all_of_centre in page.content.decode()

    Product.objects.filter(title="Gốm thử số 1").delete()
    page = client.get(page_tree.storefront(centre).get_url())
    assert all_of_centre not in page.content.decode()
