"""A buyer on a 390 px phone gives a Hanoi address with the type-ahead, in Chromium.

"ha noi" finds Thành phố Hà Nội, "hoan kiem" then finds Phường Hoàn Kiếm among
the wards fetched for that province only; another province's ward list
replaces it when the province changes. With JavaScript off, the same page is
a province select and a typed ward, matched by the server.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.functional.phone import phone_page

pytestmark = pytest.mark.browser

ADDRESS_STEP = re.compile(r"/vi/shop/checkout/shipping-address/$")
DELIVERY_STEP = re.compile(r"/vi/shop/checkout/shipping-method/$")


@pytest.fixture(scope="module")
def phone(browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """One phone page for the module: its problems and the ward lists it fetched."""
    context, page, problems = phone_page(browser)
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: (
            "/address/wards.json" in request.url and fetched.append(request.url)
        ),
    )
    yield page, problems, fetched
    context.close()


def start_checkout(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/vi/trung-tam/bat-trang/")
    page.locator(
        'main form[action*="/basket/add/"] button[type="submit"]'
    ).first.click()
    page.wait_for_load_state()
    page.goto(f"{base_url}/vi/shop/checkout/")
    page.fill("#id_username", email)
    page.check('input[name="options"][value="anonymous"]')
    page.locator('main form:has(#id_username) [type="submit"]').first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(ADDRESS_STEP)


def options_of(page: Page, input_id: str):
    return page.locator(f"#{input_id}-listbox [role=option]")


def test_ha_noi_then_hoan_kiem_are_found_without_accents(phone, demo_server):
    page, problems, fetched = phone
    start_checkout(page, demo_server.url, "khach.go.dia.chi@example.com")
    page.fill("#id_first_name", "Nguyễn Thị Lan")
    page.fill("#id_phone_number", "0912 345 678")

    province = page.get_by_role("combobox", name="Tỉnh/thành phố")
    province.click()
    expect(options_of(page, "id_province_search")).to_have_count(34)
    province.press_sequentially("ha noi")
    expect(options_of(page, "id_province_search").first).to_have_text(
        "Thành phố Hà Nội"
    )
    options_of(page, "id_province_search").first.click()
    expect(page.locator("#id_province")).to_have_value("Thành phố Hà Nội")
    expect(province).to_have_value("Thành phố Hà Nội")

    ward = page.get_by_role("combobox", name="Phường/xã")
    ward.click()
    ward.press_sequentially("hoan kiem")
    expect(options_of(page, "id_line3").first).to_have_text("Phường Hoàn Kiếm")
    ward.press("ArrowDown")
    ward.press("Enter")
    expect(ward).to_have_value("Phường Hoàn Kiếm")
    expect(page.locator("#id_line3-listbox")).to_be_hidden()
    assert fetched == [f"{demo_server.url}/address/wards.json?province=01"]

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the address step is {width} px wide"
    page.fill("#id_line1", "12 Hàng Bạc")
    page.locator("#new_shipping_address [type=submit]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(DELIVERY_STEP)
    assert not problems, problems


def test_another_province_brings_its_own_wards(phone, demo_server):
    page, problems, fetched = phone
    page.goto(f"{demo_server.url}/vi/shop/checkout/shipping-address/")
    province = page.get_by_role("combobox", name="Tỉnh/thành phố")
    ward = page.get_by_role("combobox", name="Phường/xã")
    expect(ward).to_have_value("Phường Hoàn Kiếm")

    province.fill("")
    province.press_sequentially("hue")
    expect(options_of(page, "id_province_search").first).to_have_text("Thành phố Huế")
    province.press("ArrowDown")
    province.press("Enter")

    expect(ward).to_have_value("")
    ward.click()
    ward.press_sequentially("thuan hoa")
    expect(options_of(page, "id_line3").first).to_have_text("Phường Thuận Hóa")
    ward.press("Escape")
    expect(page.locator("#id_line3-listbox")).to_be_hidden()
    page.locator("#id_line1").click()
    expect(ward).to_have_value("Phường Thuận Hóa")
    assert fetched[-1].endswith("/address/wards.json?province=46")
    assert not problems, problems


def test_without_javascript_a_typed_ward_is_matched_by_the_server(browser, demo_server):
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        start_checkout(page, demo_server.url, "khach.khong.js@example.com")
        expect(page.locator("#id_province")).to_be_visible()
        page.fill("#id_first_name", "Nguyễn Thị Lan")
        page.fill("#id_phone_number", "0912 345 678")
        page.select_option("#id_province", "Thành phố Hà Nội")
        page.fill("#id_line1", "12 Hàng Bạc")
        page.locator("#new_shipping_address [type=submit]").click()
        page.wait_for_load_state()

        expect(page).to_have_url(ADDRESS_STEP)
        expect(page.locator("#id_line3-error")).to_contain_text("Thành phố Hà Nội")
        expect(page.locator("#id_line3-wards option")).to_have_count(126)
        page.fill("#id_line3", "hoan kiem")
        page.locator("#new_shipping_address [type=submit]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(DELIVERY_STEP)
    finally:
        context.close()
