"""The checkout's shipping address: Vietnam's two-level addresses, and abroad."""

from __future__ import annotations

import pytest
from django.utils import translation
from oscar.core.loading import get_class, get_model

from address.places import HANOI, PROVINCES, is_hanoi, province_choices
from checkout.forms import ShippingAddressForm
from sitewide.text import fold

Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")

pytestmark = pytest.mark.django_db


def vietnamese_address(**changes):
    data = {
        "first_name": "Nguyễn Thị Lan",
        "phone_number": "0912 345 678",
        "country": "VN",
        "province": HANOI,
        "line3": "Phường Hai Bà Trưng",
        "line1": "12 Ngõ Huế",
        "notes": "Gọi trước khi giao",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def french_address(**changes):
    data = {
        "first_name": "Claire Martin",
        "phone_number": "06 12 34 56 78",
        "country": "FR",
        "line1": "8 rue de la Paix",
        "line2": "Bâtiment B",
        "line4": "Paris",
        "state": "Île-de-France",
        "postcode": "75002",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# Countries (the shipping app's data migration)


def test_countries_migration_leaves_vietnam_and_the_world_as_shipping_countries():
    shipping = Country.objects.filter(is_shipping_country=True)
    assert {"VN", "FR", "US", "JP"} <= set(shipping.values_list("pk", flat=True))
    assert shipping.count() == 249
    assert not Country.objects.filter(pk__in=["EU", "UN", "ZZ", "XA"]).exists()
    assert Country.objects.get(pk="FR").printable_name == "France"
    assert shipping.first().pk == "VN"


def test_oscar_loads_this_form_as_the_checkout_shipping_address_form():
    assert get_class("checkout.forms", "ShippingAddressForm") is ShippingAddressForm


def test_country_select_lists_vietnam_first_then_names_in_the_active_language():
    with translation.override("vi"):
        labels = [
            label for _value, label in ShippingAddressForm().fields["country"].choices
        ]
        assert labels[0] == "Việt Nam"
        assert "Pháp" in labels
    with translation.override("en"):
        choices = list(ShippingAddressForm().fields["country"].choices)
        labels = [label for _value, label in choices]
        assert labels[0] == "Vietnam"
        assert labels[1:] == sorted(labels[1:], key=fold)
        assert str(choices[0][0]) == "VN"


def test_fields_are_shown_in_checkout_order_without_last_name():
    form = ShippingAddressForm()
    assert list(form.fields) == [
        "first_name",
        "phone_number",
        "country",
        "province",
        "line3",
        "line1",
        "line2",
        "line4",
        "state",
        "postcode",
        "notes",
    ]
    with translation.override("vi"):
        assert str(form.fields["first_name"].label) == "Họ và tên"
        assert str(form.fields["line3"].label) == "Phường/xã"
        assert str(form.fields["line1"].label) == "Số nhà, tên đường / thôn"
        assert str(form.fields["notes"].label) == "Ghi chú cho người giao hàng"
    with translation.override("en"):
        assert str(form.fields["first_name"].label) == "Full name"
        assert str(form.fields["line4"].label) == "City or town"


def test_widgets_carry_address_parts_and_autocomplete_hints():
    form = ShippingAddressForm()
    parts = {
        name: field.widget.attrs.get("data-address-part")
        for name, field in form.fields.items()
    }
    assert parts["province"] == parts["line3"] == "vn"
    assert parts["line2"] == parts["line4"] == parts["state"] == "intl"
    assert parts["postcode"] == "intl"
    assert parts["line1"] is None
    assert form.fields["phone_number"].widget.attrs["autocomplete"] == "tel"
    assert form.fields["postcode"].widget.attrs["autocomplete"] == "postal-code"
    assert form.fields["province"].widget.attrs["autocomplete"] == "address-level1"


# Vietnam


def test_vietnamese_address_saves_province_as_state_ward_and_e164_phone():
    form = ShippingAddressForm(data=vietnamese_address(line4="Hà Nội", line2="x"))

    assert form.is_valid(), form.errors
    address = form.save()

    address.refresh_from_db()
    assert address.state == HANOI
    assert address.line3 == "Phường Hai Bà Trưng"
    assert address.line1 == "12 Ngõ Huế"
    assert address.line4 == ""
    assert address.line2 == ""
    assert address.last_name == ""
    assert address.phone_number.as_e164 == "+84912345678"
    assert address.summary.endswith(
        "12 Ngõ Huế, Phường Hai Bà Trưng, Thành phố Hà Nội, Việt Nam"
    )


def test_vietnamese_address_accepts_an_international_phone_number():
    form = ShippingAddressForm(data=vietnamese_address(phone_number="+84 912 345 678"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone_number"].as_e164 == "+84912345678"


def test_vietnamese_address_needs_no_postcode_and_no_city():
    form = ShippingAddressForm(data=vietnamese_address(postcode=""))

    assert form.is_valid(), form.errors
    assert not form.non_field_errors()


def test_vietnamese_address_without_ward_is_refused_on_line3():
    form = ShippingAddressForm(data=vietnamese_address(line3=""))

    with translation.override("en"):
        assert not form.is_valid()
        assert list(form.errors) == ["line3"]
        assert form.errors["line3"] == [
            "Enter the ward or commune in Thành phố Hà Nội: type its name "
            "or pick it from the list."
        ]


def test_vietnamese_address_without_province_is_refused_on_province():
    form = ShippingAddressForm(data=vietnamese_address(province=""))

    assert not form.is_valid()
    assert list(form.errors) == ["province"]


def test_unknown_province_is_refused_on_province():
    form = ShippingAddressForm(data=vietnamese_address(province="Tỉnh Hà Tây"))

    assert not form.is_valid()
    assert list(form.errors) == ["province"]


@pytest.mark.parametrize("number", ["12345", "abc", "0912 abc"])
def test_bad_phone_number_is_refused_on_phone_number_in_vietnamese(number):
    with translation.override("vi"):
        form = ShippingAddressForm(data=vietnamese_address(phone_number=number))
        assert not form.is_valid()
        assert list(form.errors) == ["phone_number"]
        assert form.errors["phone_number"][0].startswith(
            "Hãy nhập số điện thoại Việt Nam hợp lệ"
        )


def test_bad_phone_number_is_refused_on_phone_number_in_english():
    with translation.override("en"):
        form = ShippingAddressForm(data=vietnamese_address(phone_number="12345"))
        assert not form.is_valid()
        assert form.errors["phone_number"][0].startswith(
            "Enter a valid Vietnamese phone number"
        )


def test_missing_fields_are_refused_each_on_its_own_field():
    form = ShippingAddressForm(data={"country": "VN"})

    assert not form.is_valid()
    assert set(form.errors) == {
        "first_name",
        "phone_number",
        "province",
        "line3",
        "line1",
    }
    assert not form.non_field_errors()


def test_editing_a_vietnamese_address_prefills_the_province_from_state():
    address = ShippingAddress.objects.create(
        first_name="Lan",
        phone_number="+84912345678",
        country_id="VN",
        state="Tỉnh Lào Cai",
        line3="Xã Bát Tràng",
        line1="Thôn 1",
    )

    form = ShippingAddressForm(instance=address)

    assert form["province"].value() == "Tỉnh Lào Cai"
    assert form["country"].value() == "VN"


def test_returning_to_the_step_prefills_the_province_from_the_session_state():
    # Oscar's ShippingAddressView passes the stored fields back as ``initial``.
    initial = {"state": HANOI, "country": Country.objects.get(pk="VN"), "line3": "X"}

    form = ShippingAddressForm(initial=initial)

    assert form["province"].value() == HANOI


def test_the_instance_the_view_stores_in_the_session_holds_only_address_fields():
    # Oscar stores ``form.instance.__dict__`` and rebuilds ShippingAddress(**it).
    form = ShippingAddressForm(data=vietnamese_address())
    assert form.is_valid(), form.errors

    stored = {k: v for k, v in vars(form.instance).items() if not k.startswith("_")}

    assert ShippingAddress(**stored).state == HANOI


def test_a_new_form_starts_in_vietnam():
    assert ShippingAddressForm()["country"].value() == "VN"


# Abroad


def test_french_address_with_city_and_postcode_is_accepted():
    form = ShippingAddressForm(data=french_address(line3="Phường X", province=HANOI))

    assert form.is_valid(), form.errors
    address = form.save()

    assert address.line4 == "Paris"
    assert address.postcode == "75002"
    assert address.line2 == "Bâtiment B"
    assert address.state == "Île-de-France"
    assert address.line3 == ""
    assert address.phone_number.as_e164 == "+33612345678"
    assert not is_hanoi(address)


def test_french_address_without_city_is_refused_on_line4():
    form = ShippingAddressForm(data=french_address(line4=""))

    assert not form.is_valid()
    assert list(form.errors) == ["line4"]


def test_french_address_without_postcode_is_refused_on_postcode():
    with translation.override("en"):
        form = ShippingAddressForm(data=french_address(postcode=""))
        assert not form.is_valid()
        assert list(form.errors) == ["postcode"]
        assert "France" in form.errors["postcode"][0]
        assert not form.non_field_errors()


def test_french_address_with_a_malformed_postcode_is_refused_on_postcode():
    form = ShippingAddressForm(data=french_address(postcode="7500"))

    assert not form.is_valid()
    assert list(form.errors) == ["postcode"]


def test_postcode_is_optional_where_oscar_knows_no_postcode_format():
    form = ShippingAddressForm(
        data=french_address(
            country="AE", postcode="", line4="Dubai", phone_number="+971 50 123 4567"
        )
    )

    assert form.is_valid(), form.errors


def test_foreign_local_number_is_read_in_that_countrys_region():
    form = ShippingAddressForm(data=french_address(phone_number="01 42 68 53 00"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone_number"].as_e164 == "+33142685300"


def test_vietnamese_number_with_plus_is_accepted_for_another_country():
    form = ShippingAddressForm(data=french_address(phone_number="+84 912 345 678"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone_number"].as_e164 == "+84912345678"


def test_bad_local_number_is_refused_with_that_countrys_name():
    form = ShippingAddressForm(data=french_address(phone_number="12345"))

    with translation.override("en"):
        assert not form.is_valid()
        assert list(form.errors) == ["phone_number"]
        assert "for France" in form.errors["phone_number"][0]


# Re-rendering


def test_a_refused_form_keeps_every_other_typed_value():
    data = vietnamese_address(line3="", line2="Tầng 3")
    form = ShippingAddressForm(data=data)

    assert not form.is_valid()
    html = str(form)
    for name, value in data.items():
        if name == "line3":
            continue
        assert form[name].value() == value
    assert 'value="Nguyễn Thị Lan"' in html
    assert 'value="0912 345 678"' in html
    assert 'value="12 Ngõ Huế"' in html
    assert f'<option value="{HANOI}" selected data-code="01"' in html
    assert form["province"].value() == HANOI
    assert '<option value="VN" selected>' in html
    assert "Gọi trước khi giao" in html


def test_address_partial_links_each_error_to_its_field():
    from django.template.loader import render_to_string

    form = ShippingAddressForm(data=vietnamese_address(line3=""))
    form.is_valid()

    html = render_to_string("checkout/includes/address_fields.html", {"form": form})

    assert '<p class="field-error field__errors" id="id_line3-error">' in html
    assert 'aria-describedby="id_line3-error id_line3_helptext"' in html
    assert 'data-address-part="vn"' in html
    assert 'data-address-part="intl"' in html


# Provinces


def test_is_hanoi_only_for_vietnamese_addresses_in_hanoi():
    assert is_hanoi(ShippingAddress(country_id="VN", state=HANOI))
    assert not is_hanoi(ShippingAddress(country_id="VN", state="Thành phố Huế"))
    assert not is_hanoi(ShippingAddress(country_id="FR", state=HANOI))
    assert not is_hanoi(ShippingAddress(state=HANOI))
    assert not is_hanoi(None)


def test_province_choices_list_the_34_units_with_hanoi_first():
    with translation.override("vi"):
        choices = province_choices()
    assert len(choices) == len(PROVINCES) == 34
    assert choices[0] == (HANOI, "Thành phố Hà Nội")
    assert sum(name.startswith("Thành phố") for name, _label in choices) == 6
    assert {name for name, _label in choices} == {vi for vi, _en in PROVINCES}


def test_province_choices_are_labelled_in_english_under_en():
    with translation.override("en"):
        choices = province_choices()
    assert choices[0] == (HANOI, "Hanoi")
    labels = [label for _name, label in choices]
    assert "Ho Chi Minh City" in labels
    assert "Lao Cai province" in labels
    assert labels[1:] == sorted(labels[1:], key=str.casefold)


def test_province_choices_sort_vietnamese_names_by_folded_name():
    with translation.override("vi"):
        names = [name for name, _label in province_choices()]
    assert names[1:6] == [
        "Tỉnh An Giang",
        "Tỉnh Bắc Ninh",
        "Tỉnh Cà Mau",
        "Thành phố Cần Thơ",
        "Tỉnh Cao Bằng",
    ]
    assert names.index("Thành phố Đà Nẵng") < names.index("Tỉnh Đắk Lắk")
    assert names.index("Tỉnh Đắk Lắk") < names.index("Tỉnh Điện Biên")
    assert names[-1] == "Tỉnh Vĩnh Long"


# Wards of the chosen province


def test_the_address_keeps_both_units_codes_and_their_official_names():
    form = ShippingAddressForm(
        data=vietnamese_address(province="ha noi", line3="hoan kiem")
    )

    assert form.is_valid(), form.errors
    address = form.save()

    address.refresh_from_db()
    assert (address.state, address.line3) == (HANOI, "Phường Hoàn Kiếm")
    assert (address.province_code, address.ward_code) == ("01", "00070")
    assert is_hanoi(address)


def test_the_session_copy_of_the_address_keeps_the_codes():
    form = ShippingAddressForm(data=vietnamese_address(line3="Phường Hoàn Kiếm"))
    assert form.is_valid(), form.errors

    stored = {k: v for k, v in vars(form.instance).items() if not k.startswith("_")}

    assert ShippingAddress(**stored).ward_code == "00070"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "vi",
            "Phường Thuận Hóa thuộc Thành phố Huế, không thuộc Thành phố Hà Nội. "
            "Hãy chọn một phường/xã của Thành phố Hà Nội, hoặc đổi tỉnh/thành phố.",
        ),
        (
            "en",
            "Phường Thuận Hóa is in Thành phố Huế, not in Thành phố Hà Nội. Choose a "
            "ward or commune of Thành phố Hà Nội, or change the province or city.",
        ),
    ],
)
def test_a_ward_of_another_province_is_refused_on_the_ward(language, message):
    with translation.override(language):
        form = ShippingAddressForm(data=vietnamese_address(line3="Phường Thuận Hóa"))
        assert not form.is_valid()
        assert form.errors == {"line3": [message]}


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("vi", "Thành phố Hà Nội không có phường/xã nào tên “Phường Xyz”."),
        ("en", "Thành phố Hà Nội has no ward or commune called “Phường Xyz”."),
    ],
)
def test_an_unknown_ward_is_refused_on_the_ward(language, start):
    with translation.override(language):
        form = ShippingAddressForm(data=vietnamese_address(line3="Phường Xyz"))
        assert not form.is_valid()
        assert list(form.errors) == ["line3"]
        assert form.errors["line3"][0].startswith(start)


def test_a_ward_merged_away_in_2025_is_refused_with_suggestions():
    with translation.override("vi"):
        form = ShippingAddressForm(data=vietnamese_address(line3="Phường Hoàn Kiếm cũ"))
        assert not form.is_valid()
        assert "Có phải bạn muốn chọn: Phường Hoàn Kiếm?" in form.errors["line3"][0]


def test_names_alike_without_accents_ask_for_the_accents():
    form = ShippingAddressForm(
        data=vietnamese_address(province="Tỉnh Thái Nguyên", line3="xa van lang")
    )

    with translation.override("en"):
        assert not form.is_valid()
        error = form.errors["line3"][0]
    assert "Xã Văn Lang" in error and "Xã Văn Lăng" in error
    form = ShippingAddressForm(
        data=vietnamese_address(province="Tỉnh Thái Nguyên", line3="Xã Văn Lăng")
    )
    assert form.is_valid(), form.errors


def test_a_refused_ward_comes_back_with_the_provinces_wards_to_pick_from():
    from django.template.loader import render_to_string

    form = ShippingAddressForm(data=vietnamese_address(line3=""))
    form.is_valid()

    html = render_to_string("checkout/includes/address_fields.html", {"form": form})

    assert 'list="id_line3-wards"' in html
    assert '<datalist id="id_line3-wards">' in html
    assert html.count('<option value="Phường') + html.count('<option value="Xã') == 126
    assert '<option value="Phường Thuận Hóa">' not in html


def test_a_new_form_lists_no_ward_until_a_province_is_chosen():
    from django.template.loader import render_to_string

    html = render_to_string(
        "checkout/includes/address_fields.html", {"form": ShippingAddressForm()}
    )

    assert "<datalist" not in html
    assert 'data-wards-url="/address/wards.json"' in html


def test_an_old_address_without_codes_is_shown_and_picked_again():
    address = ShippingAddress.objects.create(
        first_name="Lan",
        phone_number="+84912345678",
        country_id="VN",
        state="Hà Nội",
        line3="Phường Hàng Bạc",
        line1="12 Hàng Bạc",
    )
    assert "Phường Hàng Bạc" in address.summary
    assert is_hanoi(address)

    form = ShippingAddressForm(instance=address)
    assert form["province"].value() == HANOI
    assert form["line3"].value() == "Phường Hàng Bạc"

    data = vietnamese_address(line3="Phường Hàng Bạc")
    refused = ShippingAddressForm(instance=address, data=data)
    with translation.override("en"):
        assert not refused.is_valid()
        assert refused.errors["line3"] == [
            "Thành phố Hà Nội has no ward or commune called “Phường Hàng Bạc”. "
            "Many wards and communes were merged in July 2025: pick today's "
            "from the list."
        ]

    picked = ShippingAddressForm(
        instance=address, data=vietnamese_address(line3="Phường Hoàn Kiếm")
    )
    assert picked.is_valid(), picked.errors
    assert picked.save().ward_code == "00070"


def test_an_address_abroad_keeps_no_codes():
    form = ShippingAddressForm(data=french_address(line3="Phường Hoàn Kiếm"))

    assert form.is_valid(), form.errors
    address = form.save()
    assert (address.province_code, address.ward_code, address.line3) == ("", "", "")


def test_hanoi_is_told_by_the_code_before_the_name():
    assert is_hanoi(ShippingAddress(country_id="VN", province_code="01", state="x"))
    assert not is_hanoi(
        ShippingAddress(country_id="VN", province_code="46", state=HANOI)
    )
