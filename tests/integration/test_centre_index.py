"""The page of all centres, filtered by star level with ``?stars=3|4|unknown``."""

from __future__ import annotations

import pytest

from tests.markup import main_of

pytestmark = pytest.mark.django_db


def listed_centres(response, page_tree, centres, language="vi") -> set[str]:
    main = main_of(response)
    return {
        key
        for key, centre in centres.items()
        if page_tree.storefront(centre, language).get_url() in main
    }


@pytest.mark.parametrize(
    ("stars", "expected"),
    [("4", {"four"}), ("3", {"three"}), ("unknown", {"unknown"})],
)
def test_star_filter_lists_exactly_the_centres_of_that_level(
    client, centres, page_tree, stars, expected
):
    response = client.get(page_tree.centre_index["vi"].get_url(), {"stars": stars})

    assert response.status_code == 200
    assert listed_centres(response, page_tree, centres) == expected


def test_without_a_filter_every_centre_is_listed_with_its_badge(
    client, centres, page_tree
):
    response = client.get(page_tree.centre_index["vi"].get_url())

    main = main_of(response)
    assert listed_centres(response, page_tree, centres) == set(centres)
    for level in ("4", "3", "unknown"):
        assert main.count(f'data-star-level="{level}"') >= 1


@pytest.mark.parametrize("stars", ["5", "abc", "", "%00", "4%20"])
def test_an_invalid_star_filter_lists_every_centre_instead_of_failing(
    client, centres, page_tree, stars
):
    response = client.get(f"{page_tree.centre_index['vi'].get_url()}?stars={stars}")

    assert response.status_code == 200
    assert listed_centres(response, page_tree, centres) == set(centres)


def test_english_centre_index_filters_and_links_to_english_storefronts(
    client, centres, page_tree
):
    response = client.get(page_tree.centre_index["en"].get_url(), {"stars": "unknown"})

    assert response.status_code == 200
    assert listed_centres(response, page_tree, centres, "en") == {"unknown"}
