"""A story sells what it tells: its "shop this story" block shows each product's
price and stock as they are now, not as they were when the story was written; an
available product goes into the basket from the story, an out-of-stock one cannot;
and the story costs the same number of SQL queries with 12 products as with 1."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from oscar.core.loading import get_model

from tests.factories import (
    MakerFactory,
    ParentProductFactory,
    ProductClassFactory,
    ProductFactory,
    ProductImageFactory,
    StoryPageFactory,
    WagtailImageFactory,
)
from tests.markup import elements, main_of

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")


def shop_this_story(*products, heading: str = "Mua từ câu chuyện") -> str:
    """A story body holding one "shop this story" block, as the database stores it."""
    value = {"heading": heading, "products": [product.pk for product in products]}
    return json.dumps([{"type": "shop_this_story", "value": value}])


def add_to_basket_forms(html: str, product) -> list[dict[str, str]]:
    action = reverse("basket:add", kwargs={"pk": product.pk})
    return [form for form in elements(html, "form") if form.get("action") == action]


def in_stock(count: int) -> str:
    return gettext("In stock (%d available)") % count


@pytest.fixture
def story_of(story_index, centres):
    """``story_of(*products)``: a published Bát Tràng story that sells ``products``."""

    def story(*products, **fields):
        return StoryPageFactory(
            parent=story_index["vi"],
            centre=centres["four"],
            body=shop_this_story(*products, **fields),
        )

    return story


def test_shop_this_story_shows_each_product_with_its_price_and_stock(
    client, centres, story_of
):
    vase = ProductFactory(centre=centres["four"], title="Bình hút lộc men rạn")
    bowl = ProductFactory(
        centre=centres["four"], title="Bát ăn cơm men lam", num_in_stock=4
    )
    story = story_of(vase, bowl)

    main = main_of(client.get(story.url))

    assert "Mua từ câu chuyện" in main
    assert main.index("Bình hút lộc men rạn") < main.index("Bát ăn cơm men lam")
    assert "250.000 ₫" in main
    assert in_stock(10) in main
    assert in_stock(4) in main
    assert add_to_basket_forms(main, vase)
    assert add_to_basket_forms(main, bowl)


def test_shop_this_story_without_a_heading_still_shows_its_products(
    client, centres, story_of
):
    vase = ProductFactory(centre=centres["four"], title="Bình hút lộc men rạn")
    story = story_of(vase, heading="")

    main = main_of(client.get(story.url))

    assert "Bình hút lộc men rạn" in main
    assert add_to_basket_forms(main, vase)


def test_shop_this_story_shows_the_price_and_stock_of_now(client, centres, story_of):
    vase = ProductFactory(centre=centres["four"], title="Bình hút lộc men rạn")
    story = story_of(vase)
    record = vase.stockrecords.get()
    record.price = 320000
    record.num_in_stock = 3
    record.save()

    main = main_of(client.get(story.url))

    assert "320.000 ₫" in main
    assert "250.000 ₫" not in main
    assert in_stock(3) in main
    assert in_stock(10) not in main


def test_a_product_no_longer_for_sale_drops_out_of_the_story(client, centres, story_of):
    vase = ProductFactory(centre=centres["four"], title="Bình hút lộc men rạn")
    bowl = ProductFactory(centre=centres["four"], title="Bát ăn cơm men lam")
    story = story_of(vase, bowl)
    bowl.is_public = False
    bowl.save()

    response = client.get(story.url)

    assert response.status_code == 200
    assert "Bình hút lộc men rạn" in main_of(response)
    assert "Bát ăn cơm men lam" not in main_of(response)


def test_an_out_of_stock_product_has_no_add_to_basket_button(client, centres, story_of):
    vase = ProductFactory(
        centre=centres["four"], title="Bình hút lộc men rạn", num_in_stock=0
    )
    story = story_of(vase)

    main = main_of(client.get(story.url))

    assert "Bình hút lộc men rạn" in main
    assert gettext("Unavailable") in main
    assert add_to_basket_forms(main, vase) == []


def test_an_out_of_stock_product_cannot_be_added_to_the_basket(
    client, centres, story_of
):
    vase = ProductFactory(centre=centres["four"], num_in_stock=0)
    story = story_of(vase)

    client.post(
        reverse("basket:add", kwargs={"pk": vase.pk}),
        {"quantity": 1, "next": story.url},
    )

    assert Line.objects.count() == 0


def test_an_available_product_goes_from_the_story_into_the_basket(
    client, centres, story_of
):
    vase = ProductFactory(centre=centres["four"])
    story = story_of(vase)
    form = add_to_basket_forms(main_of(client.get(story.url)), vase)[0]

    response = client.post(form["action"], {"quantity": 1, "next": story.url})

    assert response.status_code == 302
    basket = Basket.objects.get()
    assert [line.product_id for line in basket.lines.all()] == [vase.pk]
    assert client.get(story.url).wsgi_request.basket.num_items == 1


def queries_of(client, url: str) -> int:
    client.get(url)  # first request: fills caches (site root paths, renditions, ...)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_a_story_costs_as_many_queries_with_12_products_as_with_1(
    client, centres, story_index, record_query_counts
):
    centre = centres["four"]
    maker = MakerFactory(centre=centre)
    crafts = [ProductClassFactory(name="Gốm sứ"), ProductClassFactory(name="Sơn mài")]
    products = []
    for n in range(12):
        if n % 6 == 0:  # the first one in sizes: every kind of card from 1 on
            product = ParentProductFactory(centre=centre, maker=maker)
        else:
            product = ProductFactory(
                centre=centre,
                maker=maker,
                product_class=crafts[n % 2],
                ocop_stars=(3, 4, None)[n % 3],
                num_in_stock=0 if n % 4 == 3 else 5,
            )
        ProductImageFactory(product=product)
        products.append(product)
    hero = WagtailImageFactory()
    one, two, twelve = (
        StoryPageFactory(
            parent=story_index["vi"],
            centre=centre,
            hero_image=hero,
            body=shop_this_story(*chosen),
        )
        for chosen in (products[:1], products[:2], products)
    )

    counts = {
        count: queries_of(client, story.url)
        for count, story in ((1, one), (2, two), (12, twelve))
    }

    record_query_counts("story page (1 -> 12 products)", counts[1], counts[12])
    print(f"\nSQL queries of a story page by number of products: {counts}")  # noqa: T201
    assert counts[12] == counts[2] == counts[1]
