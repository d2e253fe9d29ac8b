"""The shop's catalogue: filters by centre, star level, craft, OCOP and price; sorting;
filters that combine and survive pagination; bad values that never break the page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParentProductFactory, ProductClassFactory, ProductFactory
from tests.markup import elements, main_of, query_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def crafts(db):
    return {
        "ceramics": ProductClassFactory(name="Gốm sứ", name_en="Ceramics"),
        "rattan": ProductClassFactory(name="Mây tre đan", name_en="Rattan and bamboo"),
        "lacquer": ProductClassFactory(name="Sơn mài", name_en="Lacquer"),
    }


@pytest.fixture
def shelf(centres, crafts):
    """Five products of three centres (4★, 3★, unknown), newest last."""
    specs = [
        ("binh", "four", "ceramics", "1250000", 4),
        ("chen", "four", "ceramics", "450000", None),
        ("gio", "three", "rattan", "180000", 3),
        ("hop", "unknown", "lacquer", "650000", 5),
        ("tranh", "unknown", "lacquer", "2400000", None),
    ]
    titles = {
        "binh": "Bình hút lộc men rạn",
        "chen": "Chén trà men lam",
        "gio": "Giỏ mây đan tay",
        "hop": "Hộp sơn mài vẽ sen",
        "tranh": "Tranh sơn mài phố cổ",
    }
    start = timezone.now() - timedelta(days=10)
    products = {}
    for day, (key, centre, craft, price, ocop) in enumerate(specs):
        product = ProductFactory(
            title=titles[key],
            centre=centres[centre],
            product_class=crafts[craft],
            price=Decimal(price),
            ocop_stars=ocop,
        )
        type(product).objects.filter(pk=product.pk).update(
            date_created=start + timedelta(days=day)
        )
        products[key] = product
    return products


def listed(response, shelf) -> list[str]:
    """The shelf's products on the page, in the order shown."""
    main = main_of(response)
    shown = {
        key: main.find(product.get_absolute_url()) for key, product in shelf.items()
    }
    return [
        key for key, at in sorted(shown.items(), key=lambda item: item[1]) if at >= 0
    ]


def browse(client, shelf, **query) -> list[str]:
    response = client.get(reverse("catalogue:index"), query)
    assert response.status_code == 200
    return listed(response, shelf)


def test_catalogue_lists_every_product_newest_first(client, shelf):
    assert browse(client, shelf) == ["tranh", "hop", "gio", "chen", "binh"]


@pytest.mark.parametrize(
    ("centre", "expected"),
    [
        ("bat-trang", {"binh", "chen"}),
        ("phu-vinh", {"gio"}),
        ("ha-thai", {"hop", "tranh"}),
    ],
)
def test_filter_by_centre(client, shelf, centre, expected):
    assert set(browse(client, shelf, centre=centre)) == expected


@pytest.mark.parametrize(
    ("stars", "expected"),
    [("4", {"binh", "chen"}), ("3", {"gio"}), ("unknown", {"hop", "tranh"})],
)
def test_filter_by_centre_star_level_including_unknown(client, shelf, stars, expected):
    assert set(browse(client, shelf, stars=stars)) == expected


def test_filter_by_craft(client, shelf, crafts):
    assert set(browse(client, shelf, craft=crafts["lacquer"].slug)) == {"hop", "tranh"}
    assert set(browse(client, shelf, craft=crafts["rattan"].slug)) == {"gio"}


@pytest.mark.parametrize(
    ("ocop", "expected"),
    [("3", {"gio", "binh", "hop"}), ("4", {"binh", "hop"}), ("5", {"hop"})],
)
def test_filter_by_minimum_ocop_stars(client, shelf, ocop, expected):
    assert set(browse(client, shelf, ocop=ocop)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"price_min": "500000"}, {"hop", "binh", "tranh"}),
        ({"price_max": "450000"}, {"gio", "chen"}),
        ({"price_min": "450000", "price_max": "1250000"}, {"chen", "hop", "binh"}),
    ],
)
def test_filter_by_price_range_in_dong_bounds_included(client, shelf, query, expected):
    assert set(browse(client, shelf, **query)) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price-asc", ["gio", "chen", "hop", "binh", "tranh"]),
        ("price-desc", ["tranh", "binh", "hop", "chen", "gio"]),
        ("title", ["binh", "chen", "gio", "hop", "tranh"]),
        ("newest", ["tranh", "hop", "gio", "chen", "binh"]),
        ("ocop", ["hop", "binh", "gio", "chen", "tranh"]),
    ],
)
def test_sort_orders(client, shelf, sort, expected):
    assert browse(client, shelf, sort=sort) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stars": "unknown", "craft": "son-mai", "price_max": "1000000"}, ["hop"]),
        ({"centre": "bat-trang", "ocop": "4"}, ["binh"]),
        ({"stars": "4", "price_min": "400000", "sort": "price-asc"}, ["chen", "binh"]),
        ({"stars": "4", "craft": "may-tre-dan"}, []),
        ({"centre": "phu-vinh", "stars": "4"}, []),
    ],
)
def test_filters_combine(client, shelf, crafts, query, expected):
    assert crafts["lacquer"].slug == "son-mai"
    assert crafts["rattan"].slug == "may-tre-dan"
    assert browse(client, shelf, **query) == expected


def test_a_product_in_sizes_is_listed_once_and_filtered_by_its_lowest_size_price(
    client, centres
):
    garment = ParentProductFactory(centre=centres["three"], price=Decimal("1250000"))
    shelf = {"garment": garment}
    shelf.update({child.pk: child for child in garment.children.all()})

    assert browse(client, shelf) == ["garment"]
    assert browse(client, shelf, price_min="1250000", price_max="1250000") == [
        "garment"
    ]
    assert browse(client, shelf, price_max="1249999") == []
    assert browse(client, shelf, stars="3") == ["garment"]


def test_pagination_keeps_the_filters_in_its_links(client, shelf, settings):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2
    query = {"price_min": "400000", "sort": "price-asc"}

    first = client.get(reverse("catalogue:index"), query)

    assert listed(first, shelf) == ["chen", "hop"]
    page_links = [
        unescape(link["href"])
        for link in elements(main_of(first), "a")
        if "page" in query_of(unescape(link.get("href", "")))
    ]
    assert page_links
    for link in page_links:
        assert query_of(link)["price_min"] == ["400000"]
        assert query_of(link)["sort"] == ["price-asc"]
    next_link = next(link for link in page_links if query_of(link)["page"] == ["2"])

    second = client.get(reverse("catalogue:index") + next_link)

    assert listed(second, shelf) == ["binh", "tranh"]


@pytest.mark.parametrize(
    "query",
    [
        {"price_min": "abc"},
        {"price_max": "-5"},
        {"price_min": "900000", "price_max": "100000"},
        {"centre": "nope"},
        {"stars": "7"},
        {"craft": "nope"},
        {"ocop": "9"},
        {"sort": "cheapest"},
        {"page": "abc"},
    ],
)
def test_an_invalid_filter_value_lists_every_product_instead_of_failing(
    client, shelf, query
):
    assert set(browse(client, shelf, **query)) == set(shelf)


def test_an_invalid_filter_value_is_reported_to_the_visitor(client, shelf):
    response = client.get(reverse("catalogue:index"), {"price_min": "abc"})

    assert response.status_code == 200
    message = response.context["form"].errors["price_min"][0]
    assert unescape(message) in unescape(main_of(response))


@pytest.mark.parametrize("page", ["999", "0", "-1"])
def test_a_page_number_out_of_range_shows_a_page_of_products(
    client, shelf, settings, page
):
    settings.OSCAR_PRODUCTS_PER_PAGE = 2

    shown = browse(client, shelf, page=page)

    assert len(shown) in {1, 2}


def test_a_category_page_lists_its_products_with_the_catalogue_filters(client, centres):
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    category = Category.add_root(name="Gốm", slug="gom")
    inside = ProductFactory(centre=centres["four"], title="Bình gốm trong danh mục")
    outside = ProductFactory(centre=centres["four"], title="Khăn lụa ngoài danh mục")
    inside.categories.add(category)

    response = client.get(category.get_absolute_url())

    assert response.status_code == 200
    titles = {product.title for product in response.context["products"]}
    assert titles == {inside.title}
    assert outside.title not in titles


def test_a_category_url_with_an_old_slug_redirects_and_an_unknown_one_is_404(client):
    from oscar.core.loading import get_model

    category = get_model("catalogue", "Category").add_root(name="Lụa", slug="lua")

    wrong_slug = client.get(f"/vi/shop/catalogue/category/cu_{category.pk}/")
    missing = client.get("/vi/shop/catalogue/category/khong-co_999999/")

    assert wrong_slug.status_code == 301
    assert wrong_slug["Location"].endswith(f"/category/lua_{category.pk}/")
    assert missing.status_code == 404


def test_oscars_search_url_leads_to_the_site_search(client):
    response = client.get("/vi/shop/search/", {"q": "bat trang"})

    assert response.status_code == 302
    assert response["Location"] == "/vi/search/?q=bat+trang"
