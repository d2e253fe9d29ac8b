"""The catalogue list, a product page and a storefront (and the home page) cost the
same number of SQL queries whether the shop holds 10 products or 200: no query per
product card. So does every kind of list: each filter and sort of the catalogue, a
deep page, a category, and searches broad and narrow."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import (
    MakerFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    ProductImageFactory,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


def add_products(centres: list, makers: list, crafts: list, count: int) -> None:
    """``count`` products spread over ``centres``: some in sizes, some OCOP-rated, all
    with an image, a maker and a craft, so every part of a card is exercised."""
    for n in range(count):
        centre, maker = centres[n % len(centres)], makers[n % len(centres)]
        if n % 10 == 9:
            product = ParentProductFactory(centre=centre, maker=maker)
        else:
            product = ProductFactory(
                centre=centre,
                maker=maker,
                product_class=crafts[n % len(crafts)],
                ocop_stars=(3, 4, None)[n % 3],
            )
        ProductImageFactory(product=product)


def queries_of(client, url: str) -> int:
    client.get(url)  # first request: fills caches (site root paths, thumbnails, ...)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_do_not_grow_from_10_to_200_products(
    client, centres, page_tree, record_query_counts
):
    sellers = [centres["four"], centres["unknown"]]
    makers = [MakerFactory(centre=centre) for centre in sellers]
    crafts = [ProductClassFactory(name="Gốm sứ"), ProductClassFactory(name="Sơn mài")]
    add_products(sellers, makers, crafts, 10)
    product = ProductFactory(centre=sellers[0], maker=makers[0], ocop_stars=4)
    ProductImageFactory(product=product)
    pages = {
        "catalogue list": reverse("catalogue:index"),
        "product page": product.get_absolute_url(),
        "storefront": page_tree.storefront(sellers[0]).get_url(),
        "home page": page_tree.home["vi"].get_url(),
    }
    small = {name: queries_of(client, url) for name, url in pages.items()}

    add_products(sellers, makers, crafts, 190)
    large = {name: queries_of(client, url) for name, url in pages.items()}

    for name in pages:
        record_query_counts(name, small[name], large[name])
    print(f"\nSQL queries at 10 products: {small}; at 200: {large}")  # noqa: T201
    assert large == small


def test_storefront_query_count_does_not_grow_with_its_own_products(
    client, centres, page_tree
):
    centre = centres["three"]
    maker = MakerFactory(centre=centre)
    crafts = [ProductClassFactory(name="Mây tre đan")]
    add_products([centre], [maker], crafts, 10)
    url = page_tree.storefront(centre).get_url()
    few = queries_of(client, url)

    add_products([centre], [maker], crafts, 50)

    assert queries_of(client, url) == few


def every_kind_of_list(centre, craft, category) -> dict[str, str]:
    """Each filter and sort of the catalogue, deep pages, a category, and searches:
    broad and narrow, a village, with and without diacritics."""
    index = reverse("catalogue:index")
    lists = {
        "newest": {},
        "cheapest": {"sort": "price-asc"},
        "dearest": {"sort": "price-desc"},
        "by name": {"sort": "title"},
        "by OCOP": {"sort": "ocop"},
        "centre": {"centre": centre.slug},
        "4-star centres": {"stars": "4"},
        "star level unknown": {"stars": "unknown"},
        "craft": {"craft": craft.slug},
        "OCOP 3 or more": {"ocop": "3"},
        "price range": {"price_min": "100000", "price_max": "300000"},
        "everything at once": {
            "centre": centre.slug,
            "stars": "4",
            "craft": craft.slug,
            "ocop": "3",
            "price_min": "100000",
            "sort": "price-desc",
        },
        "page 2": {"page": "2"},
        "past the last page": {"page": "99999999", "sort": "price-asc"},
    }
    pages = {
        f"catalogue, {name}": f"{index}?{urlencode(query)}"
        for name, query in lists.items()
    }
    pages["category"] = category.get_absolute_url()
    for name, query in {
        "broad": "gốm",
        "broad, folded": "gom",
        "village": "Bát Tràng",
        "narrow": "hút lộc men rạn",
        "narrow, folded": "hut loc",
        "nothing": "không có gì",
    }.items():
        pages[f"search, {name}"] = f"{reverse('site_search')}?{urlencode({'q': query})}"
    return pages


def put_in_category(category, products) -> None:
    ProductCategory.objects.bulk_create(
        [ProductCategory(product=product, category=category) for product in products],
        ignore_conflicts=True,
    )


def test_every_kind_of_list_costs_the_same_queries_at_20_products_and_at_120(
    client, centres, page_tree, settings, record_query_counts
):
    settings.OSCAR_PRODUCTS_PER_PAGE = 6
    sellers = [centres["four"], centres["unknown"]]
    makers = [MakerFactory(centre=centre) for centre in sellers]
    crafts = [ProductClassFactory(name="Gốm sứ"), ProductClassFactory(name="Sơn mài")]
    category = Category.add_root(name="Gốm sứ", slug="gom-su")
    ProductFactory(centre=sellers[0], title="Bình hút lộc men rạn")
    add_products(sellers, makers, crafts, 20)
    put_in_category(category, Product.objects.filter(parent=None))
    pages = every_kind_of_list(sellers[0], crafts[0], category)
    small = {name: queries_of(client, url) for name, url in pages.items()}

    add_products(sellers, makers, crafts, 100)
    put_in_category(category, Product.objects.filter(parent=None))
    large = {name: queries_of(client, url) for name, url in pages.items()}

    for name in pages:
        record_query_counts(name, small[name], large[name])
    assert large == small
