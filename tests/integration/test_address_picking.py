"""Addresses as Vietnamese buyers give them: a province or city, then one of its wards.

At the checkout and in the address book, with or without JavaScript: the ward
is typed (accents optional) or picked, checked against the chosen province,
saved under its official name, and both units' codes travel with the address
to the order and back to the address book.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model

from tests.factories import TEST_PASSWORD, ProductFactory, UserFactory
from tests.markup import visible_text
from tests.shopping import HANOI_ADDRESS, Buyer

Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db

WARDS_URL = "/address/wards.json"


@pytest.fixture
def vase(centres):
    return ProductFactory(
        centre=centres["four"],
        title="Bình gốm men lam",
        title_en="Blue-glaze vase",
        price=Decimal("450000"),
        num_in_stock=5,
    )


def field_error(response, name: str) -> str:
    """The text of the error paragraph beside field ``name`` of the page."""
    html = response.content.decode()
    found = re.search(
        rf'<p class="field-error[^"]*" id="id_{name}-error">(.*?)</p>', html
    )
    assert found, f"no error beside {name}"
    return visible_text(found.group(1))


def account_buyer(client, language: str = "vi") -> Buyer:
    user = UserFactory(email="lan@example.com")
    assert client.login(username=user.email, password=TEST_PASSWORD)
    return Buyer(language=language, client=client)


# At the checkout


def test_the_order_keeps_the_wards_name_in_its_lines_and_both_codes(centres, vase):
    buyer = Buyer()
    buyer.add(vase)

    response = buyer.checkout({centres["four"]: "domestic"}, "cod")

    assert response.status_code == 302
    address = Order.objects.get().shipping_address
    assert (address.line3, address.state) == ("Phường Hoàn Kiếm", "Thành phố Hà Nội")
    assert (address.province_code, address.ward_code) == ("01", "00070")
    assert "12 Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội" in address.summary
    assert "Phường Hoàn Kiếm" in mail.outbox[-1].body


def test_a_ward_typed_without_accents_is_saved_under_its_official_name(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()

    assert buyer.give_address(line3="hoan kiem").status_code == 302

    again = buyer.client.get(buyer.url("checkout:shipping-address"))
    assert 'value="Phường Hoàn Kiếm"' in again.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Phường Thuận Hóa thuộc Thành phố Huế, không thuộc Thành phố Hà Nội."),
        ("en", "Phường Thuận Hóa is in Thành phố Huế, not in Thành phố Hà Nội."),
    ],
)
def test_a_ward_of_another_province_is_refused_next_to_its_field(
    centres, vase, language, message
):
    buyer = Buyer(language=language)
    buyer.add(vase)
    buyer.checkout_as_guest()

    response = buyer.give_address(line3="Phường Thuận Hóa")

    assert response.status_code == 200
    assert field_error(response, "line3").startswith(message)
    assert 'aria-describedby="id_line3-error' in response.content.decode()


def test_an_unknown_province_is_refused_next_to_its_field(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()

    response = buyer.give_address(province="Tỉnh Hà Tây")

    assert response.status_code == 200
    assert field_error(response, "province") == (
        "Hãy chọn một tỉnh/thành phố trong danh sách."
    )


def test_without_javascript_the_province_first_then_its_wards_to_pick(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()
    form_page = buyer.client.get(buyer.url("checkout:shipping-address"))
    html = form_page.content.decode()
    assert "<datalist" not in html
    assert html.count("data-code=") == 34

    response = buyer.give_address(line3="")

    assert response.status_code == 200
    assert field_error(response, "line3") == (
        "Hãy nhập phường/xã thuộc Thành phố Hà Nội: gõ tên hoặc chọn trong danh sách."
    )
    html = response.content.decode()
    datalist = re.search(r'<datalist id="id_line3-wards">(.*?)</datalist>', html).group(
        1
    )
    assert datalist.count("<option") == 126
    assert '<option value="Phường Hoàn Kiếm">' in datalist
    assert 'list="id_line3-wards"' in html
    assert buyer.give_address(line3="Phường Hoàn Kiếm").status_code == 302


def test_the_address_page_stays_light_whatever_the_province(centres, vase):
    buyer = Buyer()
    buyer.add(vase)
    buyer.checkout_as_guest()

    refused = buyer.give_address(province="Thành phố Hồ Chí Minh", line3="")

    html = refused.content.decode()
    assert html.count('<option value="Phường') + html.count('<option value="Xã') < 170
    assert "Phường Hoàn Kiếm" not in html


# The wards of one province, for the type-ahead


def test_wards_of_a_province_come_as_json_that_may_be_cached(client):
    response = client.get(WARDS_URL, {"province": "01"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["province"] == "01"
    assert len(data["wards"]) == 126
    assert ["00070", "Phường Hoàn Kiếm"] in data["wards"]
    again = client.get(
        WARDS_URL, {"province": "01"}, headers={"if-none-match": response["ETag"]}
    )
    assert again.status_code == 304


def test_wards_json_reads_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(WARDS_URL, {"province": "46"}).status_code == 200


@pytest.mark.parametrize("query", [{}, {"province": "99"}, {"province": "ha noi"}])
def test_wards_json_of_no_province_is_not_found(client, query):
    assert client.get(WARDS_URL, query).status_code == 404


# The address book


def test_an_address_book_entry_is_picked_as_at_the_checkout(client):
    buyer = account_buyer(client)

    page = client.get(buyer.url("customer:address-create"))
    assert page.status_code == 200
    assert 'data-address-ward=""' in page.content.decode()
    assert "checkout-address.js" in page.content.decode()

    response = client.post(
        buyer.url("customer:address-create"),
        {**HANOI_ADDRESS, "line3": "Bat Trang"},
    )

    assert response.status_code == 302, response.content[:800]
    address = UserAddress.objects.get()
    assert (address.line3, address.ward_code) == ("Xã Bát Tràng", "00583")
    assert (address.state, address.province_code) == ("Thành phố Hà Nội", "01")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("vi", "Phường Thuận Hóa thuộc Thành phố Huế"),
        ("en", "Phường Thuận Hóa is in Thành phố Huế"),
    ],
)
def test_the_address_book_refuses_a_ward_of_another_province(client, language, message):
    buyer = account_buyer(client, language)

    response = client.post(
        buyer.url("customer:address-create"),
        {**HANOI_ADDRESS, "line3": "Phường Thuận Hóa"},
    )

    assert response.status_code == 200
    assert field_error(response, "line3").startswith(message)
    assert not UserAddress.objects.exists()


def test_an_old_saved_address_shows_and_its_ward_is_picked_again(client):
    buyer = account_buyer(client)
    old = UserAddress.objects.create(
        user=get_user_model().objects.get(),
        first_name="Nguyễn Thị Lan",
        phone_number="+84912345678",
        country_id="VN",
        state="Thành phố Hà Nội",
        line3="Phường Hàng Bạc",
        line1="12 Hàng Bạc",
    )
    listing = visible_text(client.get(buyer.url("customer:address-list")).content)
    assert "Phường Hàng Bạc" in listing

    edit_url = buyer.url("customer:address-detail", pk=old.pk)
    form_page = client.get(edit_url).content.decode()
    assert re.search(r'<option value="Thành phố Hà Nội" selected', form_page)
    assert 'value="Phường Hàng Bạc"' in form_page

    refused = client.post(edit_url, {**HANOI_ADDRESS, "line3": "Phường Hàng Bạc"})
    assert refused.status_code == 200
    assert "Thành phố Hà Nội không có phường/xã nào tên" in field_error(
        refused, "line3"
    )

    assert client.post(edit_url, HANOI_ADDRESS).status_code == 302
    old.refresh_from_db()
    assert (old.line3, old.ward_code) == ("Phường Hoàn Kiếm", "00070")


def test_codes_travel_from_the_order_to_the_address_book_and_back(
    client, centres, vase
):
    buyer = account_buyer(client)
    buyer.add(vase)
    client.get(buyer.url("checkout:index"))
    buyer.give_address()
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")
    assert buyer.place_order().status_code == 302
    saved = UserAddress.objects.get()
    assert (saved.province_code, saved.ward_code) == ("01", "00070")

    buyer.add(vase)
    client.get(buyer.url("checkout:index"))
    chosen = client.post(
        buyer.url("checkout:shipping-address"),
        {"action": "ship_to", "address_id": saved.pk},
    )
    assert chosen.status_code == 302
    buyer.choose_delivery({centres["four"]: "domestic"})
    buyer.pay_by("cod")
    assert buyer.place_order().status_code == 302
    second = Order.objects.order_by("-pk").first().shipping_address
    assert (second.line3, second.ward_code) == ("Phường Hoàn Kiếm", "00070")
