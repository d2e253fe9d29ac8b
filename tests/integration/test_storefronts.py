"""A centre's storefront: its star badge, in words, and its own products only."""

from __future__ import annotations

import re

import pytest

from tests.factories import ProductFactory
from tests.markup import badges, html_of, main_of, star_levels

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("centre_key", "level"), [("four", "4"), ("three", "3"), ("unknown", "unknown")]
)
def test_storefront_shows_its_centres_star_badge_and_only_its_own_products(
    client, centres, page_tree, centre_key, level
):
    products = {key: ProductFactory(centre=centre) for key, centre in centres.items()}
    centre = centres[centre_key]

    response = client.get(page_tree.storefront(centre).get_url())

    assert response.status_code == 200
    main = main_of(response)
    assert f'data-star-level="{level}"' in main
    assert star_levels(main) == {level}
    assert products[centre_key].title in main
    for other_key, other_product in products.items():
        if other_key != centre_key:
            assert other_product.title not in main


def test_every_centre_has_a_storefront_in_both_languages(client, centres, page_tree):
    for centre in centres.values():
        for language in ("vi", "en"):
            url = page_tree.storefront(centre, language).get_url()
            assert url.startswith(f"/{language}/")
            assert client.get(url).status_code == 200


def test_storefront_lists_a_product_sold_in_sizes_once(client, centres, page_tree):
    from tests.factories import ParentProductFactory

    parent = ParentProductFactory(centre=centres["four"])

    main = main_of(client.get(page_tree.storefront(centres["four"]).get_url()))

    assert main.count(parent.get_absolute_url()) >= 1
    for child in parent.children.all():
        assert child.get_absolute_url() not in main


@pytest.mark.parametrize(
    ("language", "words"),
    [("vi", "Chưa rõ hạng sao"), ("en", "Star level not yet known")],
)
def test_unknown_star_level_is_shown_as_unknown_in_words_never_as_a_number(
    client, centres, page_tree, language, words
):
    ProductFactory(centre=centres["unknown"])

    response = client.get(page_tree.storefront(centres["unknown"], language).get_url())

    main = main_of(response)
    assert star_levels(main) == {"unknown"}
    assert words in html_of(response)
    for number in ("3", "4"):
        assert f'data-star-level="{number}"' not in main


@pytest.mark.parametrize(
    ("language", "words"), [("vi", r"\b4 sao\b"), ("en", r"\b4[ -]stars?\b")]
)
def test_star_badge_says_its_level_in_words_to_every_reader(
    client, centres, page_tree, language, words
):
    response = client.get(page_tree.storefront(centres["four"], language).get_url())

    spoken = [text for level, text in badges(main_of(response)) if level == "4"]
    assert spoken
    for text in spoken:
        assert "★" not in text
        assert re.search(words, text, flags=re.IGNORECASE), text
