"""``load_bench_catalogue`` copies the demo products into a large catalogue: spread over
the centres, each copy complete (stock record, category, photo, sizes, search text),
loaded once however often the command runs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from oscar.core.loading import get_model

from catalogue.listing import lowest_price_of, sellers_of
from tests.factories import (
    MakerFactory,
    ParentProductFactory,
    ProductImageFactory,
    blue_glaze_vase,
)

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


def load(products: int) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(
        "load_bench_catalogue",
        products=products,
        batch_size=5,
        progress_every=10,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


@pytest.fixture
def demo_products(centres):
    """A Bát Tràng vase with a photo and a category, a Phú Vinh áo dài in 3 sizes."""
    vase = blue_glaze_vase(
        centres["four"],
        upc="bat-trang-001",
        maker=MakerFactory(centre=centres["four"], name="Nghệ nhân Hư Cấu"),
    )
    ProductImageFactory(product=vase)
    ProductCategory.objects.create(
        product=vase, category=Category.add_root(name="Gốm sứ", slug="ceramics")
    )
    garment = ParentProductFactory(centre=centres["three"], upc="phu-vinh-001")
    return vase, garment


def bench_products():
    return Product.objects.filter(parent=None, upc__startswith="bench-")


def test_copies_are_spread_over_the_centres_and_complete(demo_products, centres):
    vase, garment = demo_products

    out, err = load(30)

    assert "30 products loaded" in out
    assert "bench catalogue: 10/30 products" in err
    assert "bench catalogue: 20/30 products" in err
    assert "bench catalogue: 30/30 products" in err
    copies = bench_products()
    assert copies.count() == 30
    of_vase = copies.filter(product_class=vase.product_class)
    assert of_vase.count() == 15
    copy = of_vase.get(upc="bench-000001")
    assert copy.title == "Bình gốm men lam · mẫu 1"
    assert copy.stockrecords.get().partner == centres["four"].partner
    assert list(copy.categories.all()) == list(vase.categories.all())
    assert copy.images.get().original.name == vase.images.get().original.name
    assert copy.maker == vase.maker
    assert "bat trang" in copy.search_text
    assert copy.search_text.startswith("binh gom men lam - mau 1")
    sized = copies.get(upc="bench-000002")
    assert sized.is_parent
    assert sized.children.count() == garment.children.count() == 3
    for child in sized.children.all():
        assert child.stockrecords.get().partner == centres["three"].partner
    assert "phu vinh" in sized.search_text
    assert (
        Product.objects.browsable()
        .sold_by([centres["three"].partner_id])
        .filter(upc__startswith="bench-")
        .count()
        == 15
    )
    assert {p.ocop_stars for p in copies} == {None, 3, 4, 5}
    assert copies.filter(stockrecords__num_in_stock=0).exists()


def test_each_copy_is_listed_as_its_stock_records_say(demo_products):
    """Inserted complete, never updated: each copy's stored lowest price and
    sellers are what ``catalogue.listing`` works out from its stock records."""
    load(12)

    copies = Product.objects.filter(upc__startswith="bench-")
    assert copies.filter(parent=None).count() == 12
    for copy in copies:
        assert copy.lowest_price == lowest_price_of(copy.pk)
        assert set(copy.sellers.values_list("product_id", "partner_id")) == (
            sellers_of([copy.pk])
        )
    sized = copies.get(upc="bench-000002")
    assert sized.lowest_price == min(
        child.stockrecords.get().price for child in sized.children.all()
    )


def test_a_second_run_loads_nothing_and_a_larger_number_only_the_rest(demo_products):
    load(12)
    first = set(bench_products().values_list("pk", flat=True))

    out, _ = load(12)
    assert "all 12 bench products already loaded" in out
    assert set(bench_products().values_list("pk", flat=True)) == first

    out, _ = load(20)
    assert "8 products loaded" in out
    assert bench_products().count() == 20
    assert first < set(bench_products().values_list("pk", flat=True))


def test_search_finds_the_copies_by_their_centre(demo_products):
    load(10)

    found = Product.objects.search("bat trang mau 3")

    assert [p.upc for p in found] == ["bench-000003"]


def test_refuses_without_demo_products_to_copy(centres):
    with pytest.raises(CommandError, match="load_demo_content"):
        load(10)
