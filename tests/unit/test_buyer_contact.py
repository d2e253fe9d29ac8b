"""A buyer's phone as a Vietnamese reader writes it, and a language by its name."""

from __future__ import annotations

import pytest
from django.utils import translation
from phonenumber_field.phonenumber import PhoneNumber

from order.templatetags.buyer_contact import language_name, phone_display, phone_uri


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+84912345678", "0912 345 678"),
        ("+84357123456", "0357 123 456"),
        ("+842438261234", "024 3826 1234"),
        ("+33612345678", "+33 6 12 34 56 78"),
        ("+14155552671", "+1 415-555-2671"),
    ],
)
def test_a_phone_is_shown_as_it_is_written_in_its_country(stored, shown):
    assert phone_display(stored) == shown
    assert phone_display(PhoneNumber.from_string(stored)) == shown


def test_the_call_link_keeps_the_international_number():
    assert phone_uri(PhoneNumber.from_string("+84912345678")) == "tel:+84912345678"
    assert phone_uri("0912 345 678") == "tel:+84912345678"


@pytest.mark.parametrize("missing", [None, "", PhoneNumber()])
def test_no_phone_shows_and_links_nothing(missing):
    assert phone_display(missing) == ""
    assert phone_uri(missing) == ""


def test_what_is_not_a_phone_number_is_shown_as_typed_without_a_link():
    assert phone_display("gọi sau") == "gọi sau"
    assert phone_uri("gọi sau") == ""


@pytest.mark.parametrize(
    ("page_language", "names"),
    [("vi", ("Tiếng Việt", "Tiếng Anh")), ("en", ("Vietnamese", "English"))],
)
def test_a_language_is_named_in_the_page_language(page_language, names):
    with translation.override(page_language):
        assert (language_name("vi"), language_name("en")) == names


def test_an_unknown_language_code_is_shown_as_it_is():
    assert language_name("xx") == "xx"
