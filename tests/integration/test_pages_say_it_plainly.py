"""What a page names reads as a person would write it, in the page's language.

A star level's source is a human label (never our notes' "seed document"); the
home page's title does not repeat the site's name; the catalogue's heading names
what the filters chose and the search page's the query; a parcel's weight reads
"1,5 kg" in Vietnamese, "1.5 kg" in English; US dollars read "US$".
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from payment.templatetags.payment_tags import approximate_amounts
from shipping.templatetags.weights import weight
from tests.factories import (
    DesignCentreFactory,
    ProductClassFactory,
    ProductFactory,
    build_page_tree,
)
from tests.markup import html_of, visible_text
from tests.shopping import Buyer

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    return re.search(r"<title>(.*?)</title>", html_of(response), re.DOTALL).group(1)


def heading_of(response) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html_of(response), re.DOTALL)
    return visible_text(found.group(1))


@pytest.mark.parametrize(
    "language, label",
    [
        ("vi", "Bài báo đưa tin về quyết định công nhận"),
        ("en", "A news report of the recognition"),
    ],
)
def test_a_star_levels_source_is_named_in_the_pages_language(
    client, centres, language, label
):
    centre = centres["four"]
    centre.star_level_source = "Bài báo đưa tin về quyết định công nhận"
    centre.star_level_source_en = "A news report of the recognition"
    centre.save()
    tree = build_page_tree(centres.values())

    page = visible_text(client.get(tree.storefront(centre, language).get_url()).content)

    assert label in page
    assert "seed document" not in page


def test_the_demos_internal_source_labels_become_human_labels():
    migration = importlib.import_module("centres.migrations.0005_star_level_source_en")
    seeded = DesignCentreFactory(
        star_level=4,
        star_level_source="seed document (news report of the recognition)",
    )
    edited = DesignCentreFactory(star_level=3, star_level_source="Báo Hà Nội Mới")

    migration.name_the_sources(apps, None)

    seeded.refresh_from_db()
    edited.refresh_from_db()
    assert seeded.star_level_source == "Bài báo đưa tin về quyết định công nhận"
    assert seeded.star_level_source_en == "A news report of the recognition"
    assert (edited.star_level_source, edited.star_level_source_en) == (
        "Báo Hà Nội Mới",
        "",
    )


@pytest.mark.parametrize(
    "language, title",
    [("vi", "Làng Nghề Hà Nội"), ("en", "Hanoi Craft Villages | Làng Nghề Hà Nội")],
)
def test_the_home_pages_title_does_not_repeat_the_sites_name(
    client, page_tree, language, title
):
    response = client.get(f"/{language}/")

    assert title_of(response).strip() == title


@pytest.fixture
def shelf(centres):
    ceramics = ProductClassFactory(name="Gốm sứ", name_en="Ceramics")
    ProductFactory(centre=centres["four"], product_class=ceramics, title="Bình gốm")
    ProductFactory(centre=centres["unknown"], title="Khay sơn mài")
    return ceramics


@pytest.mark.parametrize(
    "query, heading",
    [
        ({}, "Tất cả sản phẩm"),
        ({"centre": "bat-trang"}, "Sản phẩm của Trung tâm Bát Tràng"),
        ({"craft": "gom-su"}, "Gốm sứ"),
        ({"centre": "bat-trang", "craft": "gom-su"}, "Gốm sứ của Trung tâm Bát Tràng"),
        ({"stars": "4"}, "Sản phẩm của các trung tâm 4 sao"),
        ({"stars": "unknown"}, "Sản phẩm của các trung tâm chưa rõ hạng sao"),
        ({"ocop": "4"}, "Sản phẩm theo bộ lọc đã chọn"),
        ({"sort": "title"}, "Tất cả sản phẩm"),
    ],
)
def test_the_catalogue_heading_names_what_the_filters_chose(
    client, shelf, query, heading
):
    response = client.get(reverse("catalogue:index"), query)

    assert response.status_code == 200
    assert heading_of(response) == heading
    assert title_of(response).startswith(f"{heading} |")


def test_the_catalogue_heading_in_english(client, shelf):
    with translation.override("en"):
        url = reverse("catalogue:index")

    response = client.get(url, {"centre": "bat-trang", "craft": "gom-su"})

    assert heading_of(response) == "Ceramics from Bát Tràng Centre"


def test_the_search_page_heading_names_the_query(client, page_tree):
    response = client.get("/vi/search/", {"q": "bat trang"})

    assert heading_of(response) == "Kết quả cho “bat trang”"


@pytest.mark.parametrize(
    "language, expected",
    [
        ("vi", ["750 g", "1 kg", "1,5 kg", "1,25 kg", "12 kg"]),
        ("en", ["750 g", "1 kg", "1.5 kg", "1.25 kg", "12 kg"]),
    ],
)
def test_weights_read_as_the_language_writes_them(language, expected):
    with translation.override(language):
        shown = [weight(grams) for grams in (750, 1000, 1500, 1250, 12000)]

    assert [text.replace("\xa0", " ") for text in shown] == expected
    assert weight(None) == "" and weight("not a weight") == ""


def test_the_delivery_step_gives_the_parcels_weight_in_kilograms(centres):
    vase = ProductFactory(
        centre=centres["four"],
        product_class=ProductClassFactory(
            name="Gốm sứ", name_en="Ceramics", default_weight_grams=1500
        ),
    )
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()
    assert buyer.give_address().status_code == 302

    page = visible_text(buyer.delivery_page().content)

    assert "Khối lượng đóng gói khoảng 1,5 kg" in page
    assert "1500 g" not in page


@pytest.mark.parametrize(
    "language, expected",
    [("vi", ["50,00 US$", "43,33 €"]), ("en", ["US$50.00", "€43.33"])],
)
def test_us_dollars_say_which_dollars(settings, language, expected):
    settings.VND_PER_USD, settings.VND_PER_EUR = 26000, 30000

    with translation.override(language):
        figures = approximate_amounts(Decimal("1300000"))

    assert [figure.replace("\xa0", " ") for figure in figures] == expected
