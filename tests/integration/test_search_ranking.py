"""Search ranks as a person expects: a query that names a village finds that village's
centre first; a title opening with the query, then the query as a phrase, come before
rows where its words are merely scattered; diacritics and case never change the order.

Folded, "Bát Tràng" (the village) and "bát trang trí" (a decorative bowl) are the
same words: "bat trang" must still list Bát Tràng's pottery before Hạ Thái's bowl.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from centres.models import DesignCentre
from tests.factories import (
    DesignCentreFactory,
    ProductFactory,
    StoryPageFactory,
    add_story_index,
    build_page_tree,
    three_centres,
    van_phuc_centre,
)

pytestmark = pytest.mark.django_db

TRACH_XA = {
    "slug": "trach-xa",
    "village": "Trạch Xá",
    "name": "Trung tâm Trạch Xá",
    "name_en": "Trạch Xá Centre",
    "craft": "May áo dài",
    "craft_en": "Áo dài tailoring",
    "craft_code": "ao-dai",
}


@pytest.fixture(scope="module")
def catalogue(module_db):
    """Products and stories laid out so a plain word match would rank them wrongly."""
    centres = three_centres()
    bat_trang, ha_thai = centres["four"], centres["unknown"]
    van_phuc = van_phuc_centre()
    trach_xa = DesignCentreFactory(**TRACH_XA)
    stories = add_story_index(build_page_tree([*centres.values(), van_phuc, trach_xa]))

    ProductFactory(
        centre=ha_thai,
        title="Bát trang trí sơn mài",
        description="Bát trang trí phủ sơn mài nhiều lớp.",
    )
    ProductFactory(centre=bat_trang, title="Bình hút lộc men rạn")
    ProductFactory(centre=bat_trang, title="Ấm chén men lam")

    ProductFactory(centre=trach_xa, title="Áo dài may bằng lụa Vạn Phúc")
    ProductFactory(centre=van_phuc, title="Khăn tơ tằm dệt tay")
    ProductFactory(centre=van_phuc, title="Vải lụa vân hoa (1 m)")

    ProductFactory(
        centre=van_phuc,
        title="Khăn lụa dài 2 m",
        description="Khăn quàng dài, hợp với áo sơ mi.",
    )
    ProductFactory(
        centre=van_phuc,
        title="Lụa tơ tằm để may áo dài",
        description="Lụa mềm, may được áo dài.",
    )
    ProductFactory(centre=trach_xa, title="Áo dài lụa trơn màu đỏ")
    ProductFactory(centre=trach_xa, title="Áo dài nam vải the")

    StoryPageFactory(
        parent=stories["vi"],
        centre=ha_thai,
        title="Bát trang trí của Hạ Thái",
        lead="Mười lớp sơn cho một chiếc bát trang trí.",
    )
    StoryPageFactory(
        parent=stories["vi"],
        centre=bat_trang,
        title="Những lò gốm bên sông Hồng",
        lead="Làng gốm Bát Tràng.",
    )
    StoryPageFactory(
        parent=stories["vi"],
        centre=van_phuc,
        title="Vạn Phúc: nghìn năm dệt lụa",
        lead="Khung cửi, tơ tằm.",
    )
    StoryPageFactory(
        parent=stories["vi"],
        centre=bat_trang,
        title="Men lam xưa và nay",
        lead="Thợ gốm Bát Tràng mặc áo dài lụa Vạn Phúc ngày hội làng.",
    )


def ranked(client, query: str) -> tuple[list[str], list[str]]:
    response = client.get("/vi/search/", {"q": query})
    assert response.status_code == 200
    return (
        [story.title for story in response.context["stories"]],
        [product.title for product in response.context["products"]],
    )


def test_a_village_name_finds_that_village_first_not_a_bowl_that_shares_its_words(
    client, catalogue
):
    stories, products = ranked(client, "bat trang")

    assert set(products[:2]) == {"Bình hút lộc men rạn", "Ấm chén men lam"}
    assert products[2:] == ["Bát trang trí sơn mài"]
    assert set(stories[:2]) == {"Những lò gốm bên sông Hồng", "Men lam xưa và nay"}
    assert stories[2:] == ["Bát trang trí của Hạ Thái"]


def test_silk_of_van_phuc_comes_before_a_garment_that_names_it(client, catalogue):
    stories, products = ranked(client, "lua van phuc")

    assert set(products[:4]) == {
        "Khăn tơ tằm dệt tay",
        "Vải lụa vân hoa (1 m)",
        "Khăn lụa dài 2 m",
        "Lụa tơ tằm để may áo dài",
    }
    assert products[4:] == ["Áo dài may bằng lụa Vạn Phúc"]
    assert stories == ["Vạn Phúc: nghìn năm dệt lụa", "Men lam xưa và nay"]


def test_titles_opening_with_the_phrase_then_the_phrase_then_scattered_words(
    client, catalogue
):
    _stories, products = ranked(client, "ao dai")

    assert set(products[:3]) == {
        "Áo dài may bằng lụa Vạn Phúc",
        "Áo dài lụa trơn màu đỏ",
        "Áo dài nam vải the",
    }, products
    assert products[3:] == ["Lụa tơ tằm để may áo dài", "Khăn lụa dài 2 m"]


@pytest.mark.parametrize(
    "query, same_as",
    [
        ("Bát Tràng", "bat trang"),
        ("LỤA VẠN PHÚC", "lua van phuc"),
        ("áo dài", "ao dai"),
    ],
)
def test_diacritics_and_case_do_not_change_the_order(client, catalogue, query, same_as):
    assert ranked(client, query) == ranked(client, same_as)


def test_a_village_named_inside_a_longer_query_still_comes_first(client, catalogue):
    _stories, products = ranked(client, "men lam bat trang")

    assert products == ["Ấm chén men lam"]


def test_ranking_costs_the_same_queries_however_many_products_match(client, catalogue):
    def queries_for(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            ranked(client, query)
        return len(captured)

    ranked(client, "bat trang")
    before = queries_for("bat trang")
    bat_trang = DesignCentre.objects.get(slug="bat-trang")
    for number in range(8):
        ProductFactory(centre=bat_trang, title=f"Đĩa gốm Bát Tràng số {number}")

    assert queries_for("bat trang") == before
