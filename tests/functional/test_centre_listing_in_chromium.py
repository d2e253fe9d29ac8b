"""Bát Tràng's staff list a new product from a phone, in Chromium.

They sign in to the dashboard, add a ceramic jar with a photo drawn by Pillow
(described in Vietnamese and English), a price and a stock, first unpublished:
the Bát Tràng storefront does not show it. They publish it: it appears there,
its photo described, and never on Kim Lan's storefront.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from tests.functional.phone import phone_page

pytestmark = pytest.mark.browser

EMAIL = "bat-trang@langnghe.example"
PASSWORD = "demo-bat-trang-2026"
TITLE = "Bình men rạn thử nghiệm"
ALT_VI = "Bình men rạn màu ngọc, nhìn nghiêng"
ALT_EN = "A jade crackle-glaze jar, seen from the side"
EDIT_PAGE = re.compile(r"/vi/shop/dashboard/catalogue/products/\d+/$")


def jar_photo() -> bytes:
    image = Image.new("RGB", (640, 480), (46, 84, 122))
    draw = ImageDraw.Draw(image)
    draw.ellipse((220, 120, 420, 420), fill=(150, 200, 180))
    draw.rectangle((285, 70, 355, 150), fill=(150, 200, 180))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def go_to_section(page: Page, pane: str) -> None:
    """Centre staff see every section of the product form on one screen."""
    expect(page.locator("#product_update_tabs")).to_have_count(0)
    page.locator(f"#{pane}").scroll_into_view_if_needed()
    expect(page.locator(f"#{pane}")).to_be_in_viewport()


def save(page: Page, action: str) -> None:
    page.locator(f'button[name="action"][value="{action}"]').click()
    page.wait_for_load_state()


def storefront_titles(page: Page, base: str, centre: str) -> str:
    page.goto(f"{base}/vi/trung-tam/{centre}/")
    return page.locator("main").inner_text()


def test_bat_trang_staff_list_and_publish_a_product_from_a_phone(browser, demo_server):
    context, page, problems = phone_page(browser)

    def refuse_dialog(dialog) -> None:
        problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", refuse_dialog)
    base = demo_server.url
    try:
        page.goto(f"{base}/vi/shop/dashboard/login/")
        page.fill('input[name="username"]', EMAIL)
        page.fill('input[name="password"]', PASSWORD)
        page.locator('form:has(input[name="password"]) [type="submit"]').click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/vi/shop/dashboard/(?!login/)"))

        page.goto(f"{base}/vi/shop/dashboard/catalogue/")
        page.select_option('select[name="product_class"]', label="Gốm sứ")
        page.locator('form:has(select[name="product_class"]) [type="submit"]').click()
        page.wait_for_load_state()
        expect(page).to_have_url(re.compile(r"/products/create/[\w-]+/$"))

        page.uncheck("#id_is_public")
        page.fill("#id_title", TITLE)
        page.fill("#id_title_en", "Trial crackle-glaze jar")
        go_to_section(page, "product_category")
        page.select_option("#id_productcategory_set-0-category", index=1)
        go_to_section(page, "product_images")
        page.set_input_files(
            "#id_images-0-original",
            {"name": "binh.jpg", "mimeType": "image/jpeg", "buffer": jar_photo()},
        )
        page.fill("#id_images-0-alt_text", ALT_VI)
        page.fill("#id_images-0-alt_text_en", ALT_EN)
        go_to_section(page, "product_stock")
        expect(page.locator("#id_stockrecords-0-partner")).to_have_count(0)
        page.fill("#id_stockrecords-0-partner_sku", "BT-THU-001")
        page.fill("#id_stockrecords-0-price", "480.000")
        page.fill("#id_stockrecords-0-num_in_stock", "6")
        page.fill("#id_stockrecords-0-low_stock_threshold", "2")
        save(page, "continue")

        expect(page).to_have_url(EDIT_PAGE)
        edit_page = page.url
        assert TITLE not in storefront_titles(page, base, "bat-trang")

        page.goto(edit_page)
        page.check("#id_is_public")
        save(page, "save")
        expect(page).to_have_url(re.compile(r"/vi/shop/dashboard/catalogue/$"))

        assert TITLE in storefront_titles(page, base, "bat-trang")
        card = page.locator("main .product-card", has_text=TITLE)
        expect(card).to_contain_text("480.000")
        expect(card.locator("img")).to_have_attribute("alt", ALT_VI)
        assert TITLE not in storefront_titles(page, base, "kim-lan")
        assert problems == []
    finally:
        context.close()
