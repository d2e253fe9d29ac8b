"""The product chooser of "shop this story": editors find a product by its title,
its centre or its SKU, accents or not, and see its photo, centre and price on
each row; a page of it costs the same queries for 10 products or 60; an id in
its "chosen" address that is not one answers 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.renditions import renditions_of
from tests.factories import (
    ParentProductFactory,
    ProductFactory,
    ProductImageFactory,
    blue_glaze_vase,
    cms_member,
    lacquer_tray,
)
from tests.markup import elements, html_of, visible_text

pytestmark = pytest.mark.django_db

RESULTS = "product_chooser:choose_results"
Product = get_model("catalogue", "Product")


@pytest.fixture
def editor(client):
    """An editor, signed in to the CMS."""
    user = cms_member("Editors")
    client.force_login(user)
    return user


@pytest.fixture
def vase(centres):
    vase = blue_glaze_vase(centres["four"], upc="bat-trang-001")
    ProductImageFactory(product=vase)
    return vase


@pytest.fixture
def tray(centres):
    return lacquer_tray(centres["unknown"], upc="ha-thai-002")


@pytest.fixture
def ao_dai(centres):
    return ParentProductFactory(centre=centres["three"], title="Áo dài lụa")


def titles_found(client, query: str) -> list[str]:
    response = client.get(reverse(RESULTS), {"q": query})
    assert response.status_code == 200
    return [product.title for product in response.context["results"].object_list]


@pytest.mark.usefixtures("editor", "tray", "ao_dai")
@pytest.mark.parametrize("query", ["binh gom", "BÌNH GỐM", "Bình gốm men lam"])
def test_a_title_is_found_with_or_without_accents(client, vase, query):
    assert titles_found(client, query) == [vase.title]


@pytest.mark.usefixtures("editor", "vase", "ao_dai")
@pytest.mark.parametrize("query", ["Hạ Thái", "ha thai"])
def test_a_centre_name_finds_its_products(client, tray, query):
    assert titles_found(client, query) == [tray.title]


@pytest.mark.usefixtures("editor", "tray", "ao_dai")
def test_a_sku_finds_its_product(client, vase):
    assert titles_found(client, "bat-trang-001") == [vase.title]


@pytest.mark.usefixtures("editor", "vase", "tray")
def test_the_sku_of_a_size_finds_its_garment(client, ao_dai):
    size = ao_dai.children.first()

    assert titles_found(client, size.stockrecords.get().partner_sku) == [ao_dai.title]


@pytest.mark.usefixtures("editor")
def test_the_search_box_is_in_the_chooser(client):
    response = client.get(reverse("product_chooser:choose"))

    html = response.json()["html"]
    assert elements(html, "input", name="q")


@pytest.mark.usefixtures("editor", "tray")
def test_each_row_shows_photo_centre_price_and_sku(client, vase, ao_dai):
    html = html_of(client.get(reverse(RESULTS), {"q": "bat trang"}))

    photos = [img["src"] for img in elements(html, "img")]
    assert photos == [renditions_of(vase.primary_image()).default().url]
    assert photos != [vase.primary_image().original.url]
    text = " ".join(visible_text(html).split())
    assert "Trung tâm Bát Tràng" in text
    assert "1.250.000 ₫" in text
    assert "bat-trang-001" in text

    garment = " ".join(visible_text(html_of(client.get(reverse(RESULTS)))).split())
    assert "từ 1.250.000 ₫" in garment


def add_products(centres, first: int, count: int) -> None:
    """Products named in order, every fifth in sizes: each page of the chooser
    (ten rows, by title) holds both kinds, whatever the catalogue's size."""
    for n in range(first, first + count):
        centre = list(centres.values())[n % 3]
        title = f"Bình gốm số {n:04d}"
        if n % 5 == 4:
            product = ParentProductFactory(centre=centre, title=title)
        else:
            product = ProductFactory(centre=centre, title=title, price=Decimal(n))
        ProductImageFactory(product=product)


def queries_of(client, url: str, **params) -> int:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.usefixtures("editor")
def test_query_counts_do_not_grow_with_the_catalogue(
    client, centres, record_query_counts
):
    pages = {
        "product chooser": (reverse("product_chooser:choose"), {}),
        "product chooser search": (reverse(RESULTS), {"q": "binh gom"}),
    }
    add_products(centres, 0, 10)
    small = {name: queries_of(client, url, **q) for name, (url, q) in pages.items()}
    add_products(centres, 10, 50)
    large = {name: queries_of(client, url, **q) for name, (url, q) in pages.items()}

    for name in pages:
        record_query_counts(name, small[name], large[name])
    assert small == large


@pytest.mark.usefixtures("editor")
@pytest.mark.parametrize("bad_id", ["abc", "1" * 40, "-1", "99999999"])
def test_a_bad_id_in_the_chosen_address_is_not_found(client, bad_id):
    response = client.get(f"/cms/product_chooser/chosen/{bad_id}/", follow=True)

    assert response.status_code == 404


@pytest.mark.usefixtures("editor")
def test_choosing_a_product_answers_its_title(client, vase):
    response = client.get(reverse("product_chooser:chosen", args=[vase.pk]))

    assert response.json()["result"]["title"] == vase.title


def test_nobody_creates_a_product_from_the_chooser(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("quan-tri@langnghe.example", "x")
    )

    response = client.post(reverse("product_chooser:create"), {"title": "Bình"})

    assert response.status_code in {302, 403}
    assert not Product.objects.filter(title="Bình").exists()
