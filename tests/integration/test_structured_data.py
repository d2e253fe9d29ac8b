"""What search engines read on product pages and storefronts, as schema.org JSON-LD:
a product with its offer (price in whole đồng, VND, availability from its stock,
sold by its centre) and the breadcrumbs the page shows; a centre's store with only
the facts we have: a fact not given is left out, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from oscar.core.loading import get_class

from catalogue.templatetags.catalogue_seo import product_json_ld
from centres.templatetags.centre_tags import store_json_ld, storefront_urls
from tests.crawler import json_ld_of_type
from tests.factories import ParentProductFactory, ProductFactory, ProductImageFactory
from tests.markup import breadcrumbs, html_of

pytestmark = pytest.mark.django_db

ProductDetailView = get_class("catalogue.views", "ProductDetailView")
Selector = get_class("partner.strategy", "Selector")

HOST = "shop.example:8443"
ORIGIN = f"http://{HOST}"
IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def page_of(client, url: str):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return response


def product_page(client, product, language: str = "vi"):
    with translation.override(language):
        return page_of(client, product.get_absolute_url())


def url_in(language: str, build) -> str:
    with translation.override(language):
        return f"{ORIGIN}{build()}"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_product_is_described_in_the_page_language_at_absolute_urls(
    client, centres, page_tree, language
):
    product = ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        title_en="Blue-glaze vase",
        description="<p>Men lam <strong>vẽ tay</strong> &amp; nung củi.</p>",
        description_en="<p>Hand-painted blue glaze &amp; wood-fired.</p>",
        materials="Đất sét trắng",
        materials_en="White clay",
    )
    ProductImageFactory(product=product)

    data = json_ld_of_type(product_page(client, product, language), "Product")

    english = language == "en"
    assert data["@context"] == "https://schema.org"
    assert data["name"] == ("Blue-glaze vase" if english else "Bình gốm men lam")
    assert data["description"] == (
        "Hand-painted blue glaze & wood-fired."
        if english
        else "Men lam vẽ tay & nung củi."
    )
    assert data["material"] == ("White clay" if english else "Đất sét trắng")
    assert data["url"] == url_in(language, product.get_absolute_url)
    assert data["sku"] == product.stockrecords.get().partner_sku
    assert len(data["image"]) == 1
    assert data["image"][0].startswith(f"{ORIGIN}/")
    assert data["image"][0].endswith(".jpg")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_offer_is_the_stock_records_price_in_whole_dong_sold_by_the_centre(
    client, centres, page_tree, language
):
    centre = centres["three"]
    product = ProductFactory(centre=centre, price=Decimal("1250000.00"))

    data = json_ld_of_type(product_page(client, product, language), "Product")

    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == 1250000
    assert offer["priceCurrency"] == "VND"
    assert offer["availability"] == IN_STOCK
    assert offer["url"] == data["url"]
    seller = offer["seller"]
    assert seller["name"] == (centre.name_en if language == "en" else centre.name)
    storefront = page_tree.storefront(centre, language)
    assert seller["url"] == f"{ORIGIN}{storefront.get_url()}"
    assert data["manufacturer"] == seller


def test_a_fraction_of_a_dong_is_rounded_as_the_buyer_is_charged(
    client, centres, page_tree
):
    product = ProductFactory(centre=centres["three"], price=Decimal("99999.50"))

    data = json_ld_of_type(product_page(client, product), "Product")

    assert data["offers"]["price"] == 100000


def test_a_product_out_of_stock_is_offered_out_of_stock(client, centres, page_tree):
    product = ProductFactory(centre=centres["four"], num_in_stock=0)

    data = json_ld_of_type(product_page(client, product), "Product")

    assert data["offers"]["availability"] == OUT_OF_STOCK


def test_a_product_in_sizes_offers_each_size_at_its_price_and_stock(
    client, centres, page_tree
):
    garment = ParentProductFactory(centre=centres["three"], price=Decimal("1250000"))
    sold_out = garment.children.get(title="Cỡ M")
    sold_out.stockrecords.update(num_in_stock=0)

    data = json_ld_of_type(product_page(client, garment, "en"), "Product")

    offers = {offer["name"]: offer for offer in data["offers"]}
    assert set(offers) == {"Size S", "Size M", "Size L"}
    for name, offer in offers.items():
        assert offer["price"] == 1250000
        assert offer["priceCurrency"] == "VND"
        expected = OUT_OF_STOCK if name == "Size M" else IN_STOCK
        assert offer["availability"] == expected
    assert offers["Size M"]["sku"] == sold_out.stockrecords.get().partner_sku


def test_a_product_without_a_price_makes_no_offer(client, centres, page_tree):
    product = ProductFactory(centre=centres["four"])
    product.stockrecords.all().delete()

    data = json_ld_of_type(product_page(client, product), "Product")

    assert "offers" not in data
    assert "sku" not in data


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_breadcrumb_list_is_the_trail_the_page_shows(
    client, centres, page_tree, language
):
    product = ProductFactory(centre=centres["four"])

    response = product_page(client, product, language)

    items = json_ld_of_type(response, "BreadcrumbList")["itemListElement"]
    shown = breadcrumbs(html_of(response))
    page_url = url_in(language, product.get_absolute_url)
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert [(item["name"], item["item"]) for item in items] == [
        (name, f"{ORIGIN}{link}" if link else page_url) for name, link in shown
    ]
    assert items[0]["item"] == f"{ORIGIN}{page_tree.home[language].get_url()}"
    assert items[-1]["name"] == (
        product.title_en if language == "en" else product.title
    )


def test_a_title_cannot_close_the_script_that_carries_it(client, centres, page_tree):
    title = "Bình </script><script>alert(1)</script>"
    product = ProductFactory(centre=centres["four"], title=title)

    response = product_page(client, product)

    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld_of_type(response, "Product")["name"] == title


def rendering_request(url: str):
    request = RequestFactory().get(url, HTTP_HOST=HOST)
    request.user = AnonymousUser()
    request.strategy = Selector().strategy(request=request)
    return request


@pytest.mark.parametrize("factory", [ProductFactory, ParentProductFactory])
def test_the_product_markup_needs_no_query_beyond_what_the_page_loads(
    centres, page_tree, factory
):
    product = factory(centre=centres["four"])
    ProductImageFactory(product=product)
    request = rendering_request(product.get_absolute_url())
    view = ProductDetailView()
    view.setup(request, pk=product.pk, product_slug=product.slug)
    loaded = view.get_queryset().get(pk=product.pk)
    centre = loaded.selling_centre
    storefront_urls(request)

    with CaptureQueriesContext(connection) as queries:
        data = product_json_ld({"request": request}, loaded, centre)

    assert len(queries) == 0, [query["sql"] for query in queries]
    assert data["offers"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_storefront_is_a_store_with_only_the_facts_its_centre_has(
    client, centres, page_tree, language
):
    centre = centres["unknown"]
    storefront = page_tree.storefront(centre, language)

    data = json_ld_of_type(page_of(client, storefront.get_url()), "Store")

    assert data["name"] == (centre.name_en if language == "en" else centre.name)
    assert data["url"] == f"{ORIGIN}{storefront.get_url()}"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": centre.historical_commune,
        "addressLocality": centre.historical_district,
        "addressRegion": "Hà Nội",
        "addressCountry": "VN",
    }
    for unknown in ("telephone", "geo", "openingHours", "alternateName", "image"):
        assert unknown not in data
    assert "description" not in data


def test_a_storefront_states_the_phone_position_and_address_staff_entered(
    client, centres, page_tree
):
    centre = centres["four"]
    centre.phone = "024 3874 0000"
    centre.latitude = Decimal("20.976543")
    centre.longitude = Decimal("105.913210")
    centre.current_address = "Thôn 1, xã Bát Tràng, Thành phố Hà Nội"
    centre.official_name = "Trung tâm thiết kế sáng tạo (tên đầy đủ)"
    centre.description = "Trung tâm đầu tiên được gắn biển."
    centre.visiting_hours = "8:00–17:00, thứ Hai đến Chủ nhật"
    centre.save()

    response = page_of(client, page_tree.storefront(centre).get_url())

    data = json_ld_of_type(response, "Store")
    assert data["telephone"] == "024 3874 0000"
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 20.976543,
        "longitude": 105.91321,
    }
    assert data["address"]["streetAddress"] == centre.current_address
    assert data["address"]["addressCountry"] == "VN"
    assert "addressLocality" not in data["address"]
    assert data["alternateName"] == centre.official_name
    assert data["description"] == centre.description
    assert "openingHours" not in data


def test_the_store_markup_needs_no_query_beyond_what_the_page_loads(centres, page_tree):
    storefront = page_tree.storefront(centres["four"])
    request = rendering_request(storefront.get_url())
    storefront.get_url(request=request)
    centre = storefront.centre

    with CaptureQueriesContext(connection) as queries:
        data = store_json_ld({"request": request}, storefront)

    assert len(queries) == 0, [query["sql"] for query in queries]
    assert data["name"] == centre.name
