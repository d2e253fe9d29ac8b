"""A product's page: who makes and sells it (with the centre's star badge), its
price in đồng formatted for the language, and its own OCOP rating, never mixed
with the centre's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tests.factories import MakerFactory, ParentProductFactory, ProductFactory
from tests.markup import main_of, star_levels

pytestmark = pytest.mark.django_db


def product_page(client, product, language="vi"):
    with translation.override(language):
        url = product.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return main_of(response)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_names_its_selling_centre_with_its_star_badge(
    client, centres, page_tree, language
):
    centre = centres["four"]
    product = ProductFactory(centre=centre)

    main = product_page(client, product, language)

    assert (centre.name if language == "vi" else centre.name_en) in main
    assert page_tree.storefront(centre, language).get_url() in main
    assert star_levels(main) == {"4"}


@pytest.mark.parametrize(
    ("language", "price"), [("vi", "1.250.000 ₫"), ("en", "₫1,250,000")]
)
def test_price_is_shown_in_whole_dong_formatted_for_the_language(
    client, centres, page_tree, language, price
):
    product = ProductFactory(centre=centres["three"], price=Decimal("1250000"))

    main = product_page(client, product, language)

    assert price in main
    assert "1250000.00" not in main
    assert not re.search(r"1[.,]250[.,]000[.,]00", main)


def test_fractional_dong_are_never_shown(client, centres, page_tree):
    product = ProductFactory(centre=centres["three"], price=Decimal("99999.50"))

    main = product_page(client, product, "en")

    assert re.search(r"₫(99,999|100,000)\b", main)
    assert "99,999.5" not in main


@pytest.mark.parametrize("language", ["vi", "en"])
def test_ocop_rating_is_shown_beside_but_apart_from_the_centres_star_level(
    client, centres, page_tree, language
):
    product = ProductFactory(
        centre=centres["unknown"],
        ocop_stars=5,
        ocop_certificate_number="DEMO-OCOP-0042",
        ocop_year=2024,
        ocop_expiry=date(2027, 6, 30),
    )

    main = product_page(client, product, language)

    assert "OCOP 5" in main
    assert "DEMO-OCOP-0042" in main
    assert "2024" in main
    assert star_levels(main) == {"unknown"}


def test_product_without_an_ocop_rating_claims_none(client, centres, page_tree):
    product = ProductFactory(centre=centres["four"], ocop_stars=None)

    main = product_page(client, product)

    assert not re.search(r"OCOP\s*\d", main)


def test_product_page_names_its_maker_as_a_fictional_demo_artisan(
    client, centres, page_tree
):
    maker = MakerFactory(centre=centres["four"], name="Nghệ nhân Hư Cấu Lê Văn Gốm")
    product = ProductFactory(
        centre=centres["four"], maker=maker, materials="Đất sét trắng"
    )

    main = product_page(client, product)

    assert maker.name in main
    assert "Đất sét trắng" in main


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_in_sizes_names_its_centre_and_its_price(
    client, centres, page_tree, language
):
    garment = ParentProductFactory(centre=centres["three"], price=Decimal("1250000"))

    main = product_page(client, garment, language)

    assert star_levels(main) == {"3"}
    assert {"vi": "1.250.000 ₫", "en": "₫1,250,000"}[language] in main


@pytest.mark.parametrize(
    ("language", "sizes"),
    [("vi", ["Cỡ S", "Cỡ M", "Cỡ L"]), ("en", ["Size S", "Size M", "Size L"])],
)
def test_product_in_sizes_offers_each_size_in_the_page_language(
    client, centres, page_tree, language, sizes
):
    garment = ParentProductFactory(centre=centres["three"])

    main = product_page(client, garment, language)

    for size in sizes:
        assert size in main


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_links_its_maker_to_the_makers_profile_in_the_same_language(
    client, centres, page_tree, language
):
    from tests.factories import (
        MakerProfilePageFactory,
        add_story_index,
        translate_story,
    )

    stories = add_story_index(page_tree)
    maker = MakerFactory(centre=centres["four"], name="Lê Văn Mẫu (demo)")
    product = ProductFactory(centre=centres["four"], maker=maker)
    profile = MakerProfilePageFactory(
        parent=stories["vi"], centre=centres["four"], maker=maker, title="Lê Văn Mẫu"
    )
    english = translate_story(profile, "Lê Văn Mẫu, potter", "le-van-mau")

    main = product_page(client, product, language)

    expected = {"vi": profile, "en": english}[language].get_url()
    assert f'href="{expected}"' in main


def test_a_description_cannot_carry_script_into_the_product_page(
    client, centres, page_tree
):
    product = ProductFactory(
        centre=centres["four"],
        description=(
            '<p>Men <strong>rạn</strong></p><script>alert("x")</script>'
            '<img src="x" onerror="alert(1)">'
        ),
    )

    main = product_page(client, product)

    assert "<strong>rạn</strong>" in main
    assert "<script>" not in main
    assert "onerror" not in main


def test_a_plain_text_description_with_angle_brackets_is_shown_as_text(
    client, centres, page_tree
):
    product = ProductFactory(
        centre=centres["four"], description="Cao < 30 cm, rộng > 20 cm"
    )

    main = product_page(client, product)

    assert "Cao &lt; 30 cm, rộng &gt; 20 cm" in main
