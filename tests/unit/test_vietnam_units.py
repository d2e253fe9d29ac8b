"""Vietnam's units since July 2025, and the names buyers type for them."""

from __future__ import annotations

import pytest

from address.units import (
    fold,
    province_by_code,
    province_named,
    provinces,
    ward_by_code,
    ward_matches,
    ward_suggestions,
    wards_elsewhere,
    wards_of,
)

HANOI = "01"
HUE = "46"
THAI_NGUYEN = "19"


def test_the_official_list_has_34_provinces_and_3321_wards():
    units = provinces()
    assert len(units) == 34
    assert sum(len(wards_of(unit.code)) for unit in units) == 3321
    assert sum(unit.name.startswith("Thành phố ") for unit in units) == 6
    assert sum(unit.name.startswith("Tỉnh ") for unit in units) == 28
    assert len(wards_of(HANOI)) == 126


def test_codes_are_the_official_zero_padded_ones():
    assert province_by_code("01").name == "Thành phố Hà Nội"
    assert province_by_code("1").code == "01"
    ward = ward_by_code("00070")
    assert ward.name == "Phường Hoàn Kiếm"
    assert ward.province.name == "Thành phố Hà Nội"
    assert province_by_code("99") is None
    assert ward_by_code("") is None


def test_provinces_carry_their_type_and_an_english_name():
    lao_cai = province_named("Tỉnh Lào Cai")
    assert (lao_cai.code, lao_cai.english) == ("15", "Lao Cai province")
    assert province_by_code("79").english == "Ho Chi Minh City"
    assert province_by_code(HANOI).english == "Hanoi"
    assert province_by_code(HUE).english == "Hue"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Đắk  Lắk", "dak lak"),
        ("Thành phố Hà Nội", "thanh pho ha noi"),
        ("PHƯỜNG HOÀN KIẾM", "phuong hoan kiem"),
        ("Xã Thuận Hoà", "xa thuan hoa"),
        ("Xã Thuận Hòa", "xa thuan hoa"),
        ("  ", ""),
    ],
)
def test_fold_drops_accents_case_and_extra_spaces(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    "typed",
    [
        "ha noi",
        "Hà Nội",
        "HANOI",
        "Hanoi",
        "thanh pho ha noi",
        "Thành phố Hà Nội",
        "01",
    ],
)
def test_a_province_is_found_however_its_name_is_typed(typed):
    assert province_named(typed).code == HANOI


@pytest.mark.parametrize("typed", ["", "Hà Tây", "Tỉnh Hà Tây", "Paris", "42x"])
def test_a_unit_that_no_longer_exists_or_never_did_is_no_province(typed):
    assert province_named(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "hoan kiem",
        "Hoàn Kiếm",
        "phuong hoan kiem",
        "Phường Hoàn Kiếm",
        "p. hoàn kiếm",
        "  PHƯỜNG   HOÀN KIẾM ",
    ],
)
def test_a_ward_is_found_in_its_province_however_its_name_is_typed(typed):
    assert [ward.name for ward in ward_matches(HANOI, typed)] == ["Phường Hoàn Kiếm"]


def test_a_ward_of_another_province_is_not_found_but_named_elsewhere():
    assert ward_matches(HANOI, "Phường Thuận Hóa") == ()
    elsewhere = wards_elsewhere(HANOI, "Phường Thuận Hóa")
    assert [(w.name, w.province.name) for w in elsewhere] == [
        ("Phường Thuận Hóa", "Thành phố Huế")
    ]


def test_names_alike_without_accents_are_all_returned_and_accents_decide():
    alike = {ward.name for ward in ward_matches(THAI_NGUYEN, "xa van lang")}
    assert alike == {"Xã Văn Lang", "Xã Văn Lăng"}
    exact = ward_matches(THAI_NGUYEN, "Xã Văn Lăng")
    assert [ward.name for ward in exact] == ["Xã Văn Lăng"]


def test_suggestions_hold_every_word_typed():
    names = [ward.name for ward in ward_suggestions(HANOI, "hoan")]
    assert "Phường Hoàn Kiếm" in names
    assert all("hoan" in fold(name) for name in names)
    assert ward_suggestions(HANOI, "bat") and ward_suggestions(HANOI, "") == ()


def test_failing_that_suggestions_share_most_of_the_whole_words_typed():
    suggested = ward_suggestions(HANOI, "Phường Hoàn Kiếm cũ")
    assert [ward.name for ward in suggested] == ["Phường Hoàn Kiếm"]
    assert ward_suggestions(HANOI, "Xã Đa Tốn") == ()
    assert ward_suggestions(HANOI, "Phường Hàng Bạc") == ()


def test_wards_of_a_province_are_listed_by_name_without_their_type():
    names = [ward.name for ward in wards_of(HANOI)]
    assert names.index("Xã Bát Tràng") < names.index("Phường Hoàn Kiếm")
    assert wards_of("99") == ()
