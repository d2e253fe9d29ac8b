"""The catalogue's filter form: what it accepts, and what it does with the rest."""

from __future__ import annotations

import pytest
from django.utils import translation

from catalogue.forms import ProductFilterForm
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_price_range_upside_down_is_refused_with_a_message():
    form = ProductFilterForm({"price_min": "500000", "price_max": "100000"})

    assert not form.is_valid()
    assert form.errors["price_max"]


@pytest.mark.parametrize(
    "data",
    [
        {"price_min": "abc"},
        {"price_min": "-1"},
        {"stars": "5"},
        {"ocop": "2"},
        {"sort": "random"},
        {"centre": "nope"},
        {"craft": "nope"},
    ],
)
def test_a_refused_value_filters_nothing_out(data):
    products = [ProductFactory(), ProductFactory()]
    form = ProductFilterForm(data)

    filtered = form.filter(type(products[0]).objects.all())

    assert not form.is_valid()
    assert set(filtered) == set(products)
    assert not form.active


def test_a_sort_order_alone_is_not_an_active_filter():
    form = ProductFilterForm({"sort": "price-asc"})

    assert form.is_valid()
    assert not form.active


def test_a_star_level_is_an_active_filter_including_unknown():
    assert ProductFilterForm({"stars": "unknown"}).active
    assert ProductFilterForm({"stars": "4"}).active


@pytest.mark.parametrize(
    ("language", "label"), [("vi", "Từ 4★ trở lên"), ("en", "4★ or more")]
)
def test_ocop_options_read_in_the_language_of_the_page(language, label):
    with translation.override(language):
        choices = dict(ProductFilterForm().fields["ocop"].choices)

        assert str(choices["4"]) == label
