"""A guest on a phone buys from two centres and pays cash on delivery, in Chromium.

Bát Tràng and Phú Vinh each add a product to the basket; the guest gives an
e-mail and a Hanoi address, chooses delivery for each centre's parcel, cash on
delivery, places the order and reads the confirmation: both centres, the total
in đồng with its approximate dollars and euros.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.functional.phone import phone_page

pytestmark = pytest.mark.browser

ORDER_NUMBER = re.compile(r"Đơn hàng (\d+)")


def add_first_available_product(page: Page, base_url: str, storefront: str) -> None:
    page.goto(f"{base_url}/vi/trung-tam/{storefront}/")
    button = page.locator('main form[action*="/basket/add/"] button[type="submit"]')
    expect(button.first).to_be_visible()
    button.first.click()
    page.wait_for_load_state()


def test_guest_buys_from_two_centres_with_cash_on_delivery(browser, demo_server):
    context, page, problems = phone_page(browser)
    base = demo_server.url
    try:
        add_first_available_product(page, base, "bat-trang")
        add_first_available_product(page, base, "phu-vinh")

        page.goto(f"{base}/vi/shop/checkout/")
        page.fill("#id_username", "khach.du.lich@example.com")
        page.check('input[name="options"][value="anonymous"]')
        page.locator('main form:has(#id_username) [type="submit"]').first.click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/vi/shop/checkout/shipping-address/$"))

        page.fill("#id_first_name", "Nguyễn Thị Lan")
        page.fill("#id_phone_number", "0912 345 678")
        page.select_option("#id_country", "VN")
        page.select_option("#id_province", "Thành phố Hà Nội")
        page.fill("#id_line3", "Phường Hoàn Kiếm")
        page.fill("#id_line1", "12 Hàng Bạc")
        page.locator("#new_shipping_address [type=submit]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/vi/shop/checkout/shipping-method/$"))

        parcels = page.locator("section.parcel")
        expect(parcels).to_have_count(2)
        for index in range(2):
            parcels.nth(index).locator('input[value="domestic"]').check()
        page.locator("main form [type=submit]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/vi/shop/checkout/payment-method/$"))

        page.check('input[name="method"][value="cod"]')
        page.locator("main form [type=submit]").click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/vi/shop/checkout/preview/$"))
        expect(page.locator("section.parcel")).to_have_count(2)

        page.locator("#place-order").click()
        page.wait_for_load_state()

        expect(page).to_have_url(re.compile(r"/vi/shop/checkout/thank-you/"))
        main = page.locator("main")
        expect(main).to_contain_text("Cảm ơn bạn: giờ hãy xác nhận đơn hàng")
        expect(main).to_contain_text("Hãy xác nhận trước")
        expect(main).to_contain_text("Trung tâm Bát Tràng")
        expect(main).to_contain_text("Trung tâm Phú Vinh")
        expect(main).to_contain_text(re.compile(r"\d{1,3}(?:\.\d{3})+\s₫"))
        expect(main).to_contain_text("US$")
        assert ORDER_NUMBER.search(page.title())
        assert problems == []
    finally:
        context.close()
