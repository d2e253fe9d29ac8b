"""A buyer pays by transfer from the phone that shows the code, in Chromium at 390 px.

The order is placed on the demo server (as a guest, by the same steps the
integration tests take); the phone opens its confirmation with that browser
session. Each "copy" button puts the exact value on the clipboard (the account
number, the amount in digits only, the transfer note), and "Lưu ảnh QR" is a
real download of the code as a PNG. The page fits the screen and logs no error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.functional.conftest import BASE_DIR, ORDER_LIMITS_OFF

pytestmark = pytest.mark.browser

DEMO_ACCOUNT = "0000000000"
PLACE_ORDER = """
import json
from django.test import Client
from catalogue.models import Product
from centres.models import DesignCentre
from tests.shopping import Buyer

bat_trang = DesignCentre.objects.get(slug="bat-trang")
product = Product.objects.browsable().filter(
    stockrecords__partner=bat_trang.partner, stockrecords__num_in_stock__gt=0
).first()
buyer = Buyer(client=Client(HTTP_HOST="127.0.0.1"))
buyer.add(product)
response = buyer.checkout({bat_trang: "domestic"}, "vietqr")
assert response.status_code == 302, response.status_code
order = buyer.client.session["checkout_order_id"]
from order.models import Order
order = Order.objects.get(pk=order)
print(json.dumps({
    "number": order.number,
    "key": order.verification_hash(),
    "amount": int(order.total_incl_tax),
    "session": buyer.client.cookies["sessionid"].value,
}))
"""


@pytest.fixture(scope="module")
def transfer_order(demo_server) -> dict:
    """A bank-transfer order on the demo server, and the session that placed it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "craftsite.settings.dev",
        "DATABASE_URL": demo_server.database_url,
        "MEDIA_ROOT": str(demo_server.media_root),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        **ORDER_LIMITS_OFF,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PLACE_ORDER],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def transfer_page(browser, demo_server, transfer_order):
    """The order's confirmation on a 390 px phone allowed to use the clipboard."""
    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        permissions=["clipboard-read", "clipboard-write"],
    )
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": transfer_order["session"],
                "url": demo_server.url,
            }
        ]
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    query = urlencode({"order": transfer_order["number"], "key": transfer_order["key"]})
    page.goto(f"{demo_server.url}/vi/shop/checkout/thank-you/?{query}")
    try:
        yield page, problems
    finally:
        context.close()


def clipboard_after_clicking(page, button_locator) -> str:
    page.evaluate("navigator.clipboard.writeText('')")
    button_locator.click()
    expect(button_locator).to_contain_text("Đã sao chép")
    return page.evaluate("navigator.clipboard.readText()")


def test_each_copy_button_puts_the_exact_value_on_the_clipboard(
    transfer_page, transfer_order
):
    page, problems = transfer_page
    section = page.locator("#vietqr")
    expect(section).to_be_visible()

    copied = {
        name: clipboard_after_clicking(
            page, section.locator(f"#transfer-{name} + button.copy-button")
        )
        for name in ("account", "amount", "note")
    }

    assert copied == {
        "account": DEMO_ACCOUNT,
        "amount": str(transfer_order["amount"]),
        "note": transfer_order["number"],
    }
    assert problems == []


def test_save_qr_image_downloads_the_code_as_a_png(transfer_page, transfer_order):
    page, problems = transfer_page

    with page.expect_download() as download_info:
        page.locator("#vietqr-save").click()
    download = download_info.value

    assert download.suggested_filename == f"vietqr-{transfer_order['number']}.png"
    with open(download.path(), "rb") as saved:
        assert saved.read(8) == b"\x89PNG\r\n\x1a\n"
    assert problems == []


def test_the_transfer_details_fit_the_phone(transfer_page):
    page, _problems = transfer_page

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("#transfer-deadline")).to_contain_text("(giờ Việt Nam)")
    expect(page.locator("#vietqr")).to_contain_text("Ngân hàng")
