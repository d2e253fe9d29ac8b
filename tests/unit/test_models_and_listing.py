"""Star levels, selling centres and product cards: what every page builds on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from centres.models import DesignCentre, star_level_filter_choices
from tests.factories import (
    DesignCentreFactory,
    MakerFactory,
    ParentProductFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def test_star_level_key_is_the_level_or_unknown_never_a_guess():
    assert DesignCentreFactory.build(star_level=4).star_level_key == "4"
    assert DesignCentreFactory.build(star_level=3).star_level_key == "3"
    assert DesignCentreFactory.build(star_level=None).star_level_key == "unknown"


def test_centres_filter_by_star_level_key_and_ignore_other_keys(centres):
    by_key = {
        key: set(
            DesignCentre.objects.with_star_level(key).values_list("slug", flat=True)
        )
        for key in ("4", "3", "unknown", "5", "")
    }
    assert by_key["4"] == {"bat-trang"}
    assert by_key["3"] == {"phu-vinh"}
    assert by_key["unknown"] == {"ha-thai"}
    assert by_key["5"] == by_key[""] == {"bat-trang", "phu-vinh", "ha-thai"}


def test_star_level_filter_offers_unknown_beside_three_and_four():
    assert [key for key, _label in star_level_filter_choices()] == ["3", "4", "unknown"]


@pytest.mark.parametrize("level", [1, 2, 5])
def test_database_refuses_a_star_level_other_than_three_or_four(level):
    with pytest.raises(IntegrityError), transaction.atomic():
        DesignCentreFactory(star_level=level)


def test_database_refuses_an_ocop_rating_outside_one_to_five():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(ocop_stars=6)


def test_product_is_sold_by_the_centre_whose_partner_holds_its_stock():
    centre = DesignCentreFactory()
    product = ProductFactory(centre=centre)
    card = Product.objects.browsable_cards().get(pk=product.pk)
    assert card.selling_centre == centre


def test_parent_product_is_sold_by_the_centre_that_stocks_its_sizes():
    centre = DesignCentreFactory()
    parent = ParentProductFactory(centre=centre, price=Decimal("1250000"))
    card = Product.objects.browsable_cards().get(pk=parent.pk)
    assert card.selling_centre == centre
    assert card.lowest_price == Decimal("1250000")
    assert list(Product.objects.browsable_cards().sold_by([centre.partner_id])) == [
        card
    ]


def test_product_cards_list_only_browsable_products_of_the_given_partners():
    mine, other = DesignCentreFactory(), DesignCentreFactory()
    sold_here = ProductFactory(centre=mine)
    ProductFactory(centre=other)
    ProductFactory(centre=mine, is_public=False)
    listed = Product.objects.browsable_cards().sold_by([mine.partner_id])
    assert list(listed) == [sold_here]


def test_product_cards_load_class_maker_images_and_centre_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    centre = DesignCentreFactory()
    maker = MakerFactory(centre=centre)
    for _ in range(3):
        ProductImageFactory(product=ProductFactory(centre=centre, maker=maker))
    ParentProductFactory(centre=centre)
    with django_assert_max_num_queries(6):
        for card in Product.objects.browsable_cards():
            assert card.selling_centre == centre
            _ = (card.product_class, card.maker, list(card.images.all()))


def test_centre_staff_belong_to_their_own_centre_only():
    staff, customer = UserFactory(), UserFactory()
    mine, _other = DesignCentreFactory(), DesignCentreFactory()
    mine.partner.users.add(staff)

    assert list(DesignCentre.objects.of_staff(staff)) == [mine]
    assert not DesignCentre.objects.of_staff(customer).exists()
    assert not DesignCentre.objects.of_staff(AnonymousUser()).exists()


def test_attribute_summary_names_the_attribute_in_the_page_language():
    from django.utils import translation
    from oscar.core.loading import get_model

    ProductAttribute = get_model("catalogue", "ProductAttribute")
    product = ProductFactory()
    ProductAttribute.objects.create(
        product_class=product.product_class,
        code="shelf_life_days",
        name="Hạn dùng (ngày)",
        name_en="Shelf life (days)",
        type="integer",
    )
    product.attr.shelf_life_days = 5
    product.save()
    product.refresh_from_db()

    with translation.override("vi"):
        assert product.attribute_summary == "Hạn dùng (ngày): 5"
    with translation.override("en"):
        assert product.attribute_summary == "Shelf life (days): 5"
