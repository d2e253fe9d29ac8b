"""One search box finds stories and products together, whatever the diacritics and the
case of the query ("bat trang", "Bát Tràng" and "BAT TRANG" find the same things, đ
included), on SQLite and on PostgreSQL alike. A product is found by the village of the
centre that sells it; an empty or overlong query answers, with nothing or with what
its first words find."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sitewide.text import fold
from tests.factories import (
    DesignCentreFactory,
    ProductFactory,
    StoryPageFactory,
    add_story_index,
    build_page_tree,
    three_centres,
    translate_story,
    van_phuc_centre,
)
from tests.markup import main_of

pytestmark = pytest.mark.django_db


def search(client, query: str, language: str = "vi"):
    url = f"/{language}/search/"
    assert reverse("site_search") == "/vi/search/"
    return client.get(url, {"q": query})


def found(client, query: str, language: str = "vi") -> tuple[set[str], set[str]]:
    """Titles of the stories and of the products a search finds."""
    response = search(client, query, language)
    assert response.status_code == 200
    return (
        {story.title for story in response.context["stories"]},
        {product.title for product in response.context["products"]},
    )


SON_DONG = {
    "slug": "son-dong",
    "village": "Sơn Đồng",
    "name": "Trung tâm Sơn Đồng",
    "name_en": "Sơn Đồng Centre",
    "craft": "Điêu khắc gỗ",
    "craft_en": "Wood carving",
    "craft_code": "wood",
}


@pytest.fixture(scope="module")
def catalogue(module_db):
    """Stories and products of Bát Tràng, Vạn Phúc, Sơn Đồng and Phú Vinh, shared by
    this module's tests (searching writes nothing)."""
    centres = three_centres()
    van_phuc = van_phuc_centre()
    son_dong = DesignCentreFactory(**SON_DONG)
    stories = add_story_index(build_page_tree(centres.values()))
    bat_trang = centres["four"]
    story = StoryPageFactory(
        parent=stories["vi"],
        centre=bat_trang,
        title="Gốm Bát Tràng qua sáu thế kỷ",
        lead="Làng gốm bên sông Hồng.",
    )
    translate_story(story, "Six centuries of Bát Tràng ceramics", "bat-trang")
    StoryPageFactory(
        parent=stories["vi"],
        centre=centres["three"],
        title="Mây tre Phú Vinh",
        lead="Những sợi mây mảnh.",
    )
    StoryPageFactory(
        parent=stories["vi"],
        centre=son_dong,
        title="Tượng gỗ Sơn Đồng",
        lead="Làng tạc tượng thờ.",
    )
    ProductFactory(centre=bat_trang, title="Bình hút lộc men rạn")
    ProductFactory(centre=bat_trang, title="Bát ăn cơm men lam")
    ProductFactory(centre=van_phuc, title="Khăn lụa tơ tằm dệt tay")
    ProductFactory(centre=van_phuc, title="Lụa Vạn Phúc vân hoa")
    ProductFactory(centre=centres["three"], title="Giỏ lụa giả mây")
    ProductFactory(centre=son_dong, title="Tượng Phật gỗ mít")


def test_search_ignores_diacritics_and_case(client, catalogue):
    results = {query: found(client, query) for query in BAT_TRANG_QUERIES}

    stories, products = results["bat trang"]
    assert stories == {"Gốm Bát Tràng qua sáu thế kỷ"}
    assert products == {"Bình hút lộc men rạn", "Bát ăn cơm men lam"}
    assert all(result == (stories, products) for result in results.values())


BAT_TRANG_QUERIES = ["bat trang", "Bát Tràng", "BAT TRANG", "BÁT TRÀNG", "bát trang"]


def test_search_finds_a_product_by_the_village_of_its_centre(client, catalogue):
    _stories, products = found(client, "lua van phuc")

    assert products == {"Khăn lụa tơ tằm dệt tay", "Lụa Vạn Phúc vân hoa"}


def test_a_product_learns_its_centres_village_when_its_stock_record_is_saved():
    product = ProductFactory(
        centre=van_phuc_centre(slug="van-phuc-2"),
        title="Khăn lụa tơ tằm",
    )

    product.refresh_from_db()

    assert "van phuc" in product.search_text
    assert product.search_text == fold(product.search_text)


def test_the_letter_d_with_stroke_folds_to_d(client, catalogue):
    results = {query: found(client, query) for query in ("son dong", "Sơn Đồng")}
    results["SƠN ĐỒNG"] = found(client, "SƠN ĐỒNG")

    stories, products = results["son dong"]
    assert stories == {"Tượng gỗ Sơn Đồng"}
    assert products == {"Tượng Phật gỗ mít"}
    assert all(result == (stories, products) for result in results.values())


def test_search_needs_every_word(client, catalogue):
    stories, products = found(client, "men lam bat trang")

    assert stories == set()
    assert products == {"Bát ăn cơm men lam"}


def test_english_search_finds_the_english_stories(client, catalogue):
    stories, products = found(client, "bat trang", language="en")

    assert stories == {"Six centuries of Bát Tràng ceramics"}
    assert products == {"Bình hút lộc men rạn", "Bát ăn cơm men lam"}


def test_search_results_show_the_stories_and_products_found(client, catalogue):
    main = main_of(search(client, "Bát Tràng"))

    assert "Gốm Bát Tràng qua sáu thế kỷ" in main
    assert "Bình hút lộc men rạn" in main
    assert "Tượng gỗ Sơn Đồng" not in main


@pytest.mark.parametrize("query", ["", "   ", "?!", "\u0301"])
def test_an_empty_query_finds_nothing_and_answers(client, catalogue, query):
    assert found(client, query) == (set(), set())


def test_a_very_long_query_answers(client, catalogue):
    response = search(client, "bát tràng " * 100)

    assert response.status_code == 200
    assert len(response.context["query"]) <= 200


def test_a_query_that_matches_nothing_answers(client, catalogue):
    assert found(client, "xyzzy") == (set(), set())


def test_results_whose_title_opens_with_the_query_come_first(client, catalogue):
    response = search(client, "lua van phuc")

    titles = [product.title for product in response.context["products"]]
    assert titles[0] == "Lụa Vạn Phúc vân hoa"
    assert "Khăn lụa tơ tằm dệt tay" in titles[1:]


@pytest.mark.parametrize("query", ["\x00", "bat\x00trang", "\x1f\x7f"])
def test_control_characters_in_a_query_answer_without_error(client, catalogue, query):
    response = search(client, query)

    assert response.status_code == 200


def test_allocating_stock_at_checkout_does_not_rewrite_the_product():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    product = ProductFactory(
        centre=van_phuc_centre(slug="van-phuc-3"),
        title="Khăn lụa",
    )
    record = product.stockrecords.get()

    with CaptureQueriesContext(connection) as queries:
        record.allocate(1)
        record.consume_allocation(1)

    touched = [q["sql"] for q in queries if '"catalogue_product"' in q["sql"]]
    assert [sql for sql in touched if sql.startswith("UPDATE")] == []
    assert record.num_allocated == 0
