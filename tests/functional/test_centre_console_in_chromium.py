"""Bát Tràng's staff run their day from a 360 px phone, in Vietnamese and English.

A buyer has ordered a Bát Tràng product, cash on delivery, without confirming it.
The staff open their orders (the new one first, marked to handle), open it,
confirm it by phone, move its line to packed and then shipped with a carrier and
a tracking number, and record the cash for their share. They open their
products, try to save one with a price in decimals and are told, at the top of
the screen, which field is wrong and why; then they look at what is low in
stock. No screen is wider than the phone, none logs an error. A site manager's
whole-order page logs none either (Oscar 4.2's page calls a function its own
script no longer has: ``dashboard-orders.js`` gives it back).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.functional.conftest import BASE_DIR, ORDER_LIMITS_OFF, DemoServer

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
STAFF = ("bat-trang@langnghe.example", "demo-bat-trang-2026")
MANAGER = ("manager@langnghe.example", "demo-manager-2026")
WORDS = {
    "vi": {
        "menu": ["Hôm nay", "Đơn hàng", "Sản phẩm", "Sắp hết hàng"],
        "to_handle": "Cần xử lý",
        "confirmed": "Đã xác nhận qua điện thoại",
        "moved": "dòng",
        "told": "e-mail",
        "cash": "Đã nhận tiền mặt",
        "summary": "Sản phẩm chưa được lưu",
        "price": "Tồn kho và giá: Giá (₫)",
        "low_stock": "Sản phẩm sắp hết hàng",
    },
    "en": {
        "menu": ["Today", "Orders", "Products", "Low stock"],
        "to_handle": "To handle",
        "confirmed": "Confirmed by phone",
        "moved": "line(s)",
        "told": "e-mail",
        "cash": "Cash received",
        "summary": "The product was not saved",
        "price": "Stock and pricing: Price (₫)",
        "low_stock": "Products low in stock",
    },
}

PLACE_ORDER = """
from django.conf import settings
from partner.models import StockRecord
from centres.models import DesignCentre
from tests.shopping import Buyer

centre = DesignCentre.objects.get(slug="bat-trang")
record = (
    StockRecord.objects.filter(
        partner=centre.partner, num_in_stock__gte=3, product__is_public=True
    )
    .exclude(product__structure="parent")
    .order_by("-num_in_stock", "pk")
    .first()
)
buyer = Buyer(language="{language}")
buyer.add(record.product)
response = buyer.checkout({{centre: "domestic"}}, "cod")
assert response.status_code == 302, response.content[:300]
from order.models import Order
print("ORDER=" + Order.objects.order_by("-pk").first().number)
"""


def place_order(server: DemoServer, language: str) -> str:
    """A buyer's cash-on-delivery order of one Bát Tràng product, not confirmed.

    Placed through the shop's own checkout with Django's test client, in a
    process of its own on the server's database (the browser is for the staff).
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "craftsite.settings.dev",
        "DATABASE_URL": server.database_url,
        "MEDIA_ROOT": str(server.media_root),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **ORDER_LIMITS_OFF,
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            PLACE_ORDER.format(language=language),
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    found = re.search(r"^ORDER=(\d+)$", result.stdout, flags=re.MULTILINE)
    assert found, f"no order placed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return found.group(1)


@dataclass
class Screens:
    """A page that notes its script errors, console errors and failed responses,
    and checks each screen it is asked to: no wider than the viewport."""

    page: Page
    base: str
    width: int
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def listen(self) -> None:
        self.page.on(
            "pageerror", lambda error: self.problems.append(f"script: {error}")
        )
        self.page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.problems.append(f"console: {message.text}")
            ),
        )
        self.page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.problems.append(f"{response.status}: {response.url}")
            ),
        )

    def check(self, name: str) -> None:
        self.page.wait_for_load_state("networkidle")
        scroll_width = self.page.evaluate("document.documentElement.scrollWidth")
        inner_width = self.page.evaluate("window.innerWidth")
        assert inner_width == self.width, (
            f"{name}: the viewport became {inner_width} px"
        )
        assert scroll_width <= inner_width, f"{name}: {scroll_width} px wide"
        assert self.problems == [], f"{name}: {self.problems}"
        self.checked.append(f"{name} ({scroll_width} px)")

    def sign_in(self, language: str, email: str, password: str) -> None:
        self.page.goto(f"{self.base}/{language}/shop/dashboard/login/")
        self.page.fill("#id_username", email)
        self.page.fill("#id_password", password)
        self.page.locator("#dashboard_login_form [type=submit]").click()
        self.page.wait_for_load_state()
        expect(self.page).to_have_url(
            re.compile(rf"/{language}/shop/dashboard/(?!login/)")
        )


@pytest.fixture(scope="module")
def orders(demo_server) -> dict[str, str]:
    """One order to handle per language, placed before Chromium starts."""
    return {language: place_order(demo_server, language) for language in ("vi", "en")}


@pytest.fixture(scope="module")
def phone(browser: Browser, demo_server, orders) -> Iterator[Screens]:
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True
    )
    screens = Screens(context.new_page(), demo_server.url, PHONE["width"])
    screens.listen()
    try:
        yield screens
    finally:
        context.close()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_centre_staff_handle_an_order_and_their_products_on_a_phone(
    phone, orders, language, report_figure
):
    page, words, number = phone.page, WORDS[language], orders[language]
    phone.page.context.clear_cookies()
    phone.sign_in(language, *STAFF)
    phone.check(f"{language} today")
    expect(page.locator(".console-nav__link")).to_have_text(words["menu"])

    page.locator(".console-nav__link").nth(1).click()
    phone.check(f"{language} orders")
    row = page.locator("tr.centre-order", has_text=number)
    expect(row).to_have_class(re.compile("centre-order--to-handle"))
    expect(row).to_contain_text(words["to_handle"])
    expect(row.locator(".money")).to_have_text(re.compile(r"\d{1,3}(?:[.,]\d{3})+"))
    row.locator(".console-cards__action a").click()
    expect(page).to_have_url(re.compile(rf"/orders/{number}/$"))
    phone.check(f"{language} order")

    page.locator('#awaiting-confirmation button[type="submit"]').click()
    expect(page.locator(".alert-success")).to_be_visible()
    phone.check(f"{language} order confirmed by phone")

    page.select_option('select[name="line_status"]', "Packed")
    page.locator('form:has(select[name="line_status"]) button[type="submit"]').click()
    expect(page.locator(".alert-success")).to_contain_text(words["moved"])
    phone.check(f"{language} line packed")

    page.select_option('select[name="line_status"]', "Shipped")
    page.fill('input[name="carrier"]', "Viettel Post")
    page.fill('input[name="tracking_number"]', f"VTP-{number}")
    page.locator('form:has(select[name="line_status"]) button[type="submit"]').click()
    expect(page.locator(".alert-success")).to_contain_text(words["told"])
    expect(page.locator("#parcel")).to_contain_text(f"VTP-{number}")
    phone.check(f"{language} line shipped")

    cash = page.locator("#mark-share-paid-form button[type=submit]")
    expect(cash).to_contain_text(words["cash"])
    expect(cash).to_contain_text(re.compile(r"\d{1,3}(?:[.,]\d{3})+"))
    cash.click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#mark-share-paid-form")).to_have_count(0)
    phone.check(f"{language} cash recorded")

    page.locator(".console-nav__link").nth(2).click()
    phone.check(f"{language} products")
    products = page.locator(".console-product")
    expect(products.first).to_contain_text("₫")
    products.first.locator(".console-product__title").click()
    phone.check(f"{language} product edit")
    expect(page.locator("#product_update_tabs")).to_have_count(0)
    expect(page.locator("#id_stockrecords-0-price")).to_be_visible()
    expect(page.locator("[data-upload-button]").first).to_be_attached()

    page.fill("#id_stockrecords-0-price", "12,5")
    page.locator('button[name="action"][value="continue"]').click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(words["summary"])
    expect(summary).to_contain_text(words["price"])
    phone.check(f"{language} refused save")
    summary.locator('a[href="#id_stockrecords-0-price"]').click()
    expect(page.locator("#id_stockrecords-0-price")).to_be_focused()

    page.locator(".console-nav__link").nth(3).click()
    expect(page.locator("#low-stock")).to_be_in_viewport()
    expect(page.locator("#low-stock caption")).to_contain_text(words["low_stock"])
    phone.check(f"{language} low stock")

    report_figure(
        f"Centre console at {PHONE['width']} px, {language}, no overflow and no "
        "console error: " + ", ".join(phone.checked)
    )
    phone.checked.clear()


def test_a_site_managers_whole_order_page_logs_no_error(browser, demo_server, orders):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    screens = Screens(context.new_page(), demo_server.url, 1280)
    screens.listen()
    try:
        screens.sign_in("vi", *MANAGER)
        screens.page.goto(f"{demo_server.url}/vi/shop/dashboard/orders/{orders['vi']}/")
        screens.check("site manager's whole-order page")
        select_all = screens.page.locator("#select-all-lines")
        expect(select_all).to_have_attribute("aria-label", "Chọn mọi dòng")
        select_all.check()
        lines = screens.page.locator('#order_lines_form input[name="selected_line"]')
        for index in range(lines.count()):
            expect(lines.nth(index)).to_be_checked()
        assert screens.problems == []
    finally:
        context.close()
