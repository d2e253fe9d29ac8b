"""Two real orders for the screens that show one, placed once per test module.

A guest orders from Bát Tràng and Phú Vinh and pays cash on delivery; the
guest confirms it from the link in its e-mail. A buyer with an account orders
the same and pays by VietQR. The screens then open what these orders left:
the thank-you pages (the browser sessions that placed them are kept as
Playwright storage states), the links of the e-mails, the orders in the
centre console and in the site manager's dashboard.

Two orders serve every width and language, and none is left open: the cash
order is confirmed, and at the end ``settle`` has the site manager mark the
transfer received, as they do when the bank's statement shows it. (The demo
server lifts the shop's limits per client address, ``ORDER_LIMITS_OFF`` in
``conftest``, since every browser module orders from 127.0.0.1.)

The demo server sends e-mail to its console (``craftsite.settings.dev``),
which ``DemoServer.log`` holds: that log is the buyers' inbox here.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, Page

from tests.functional import shop_actions as shop

CENTRE_STAFF_SIGN_IN = ("bat-trang@langnghe.example", "demo-bat-trang-2026")
SITE_MANAGER_SIGN_IN = ("manager@langnghe.example", "demo-manager-2026")
BUYER_PASSWORD = "Gom-men-lam-2026"
MAIL_WAIT_SECONDS = 15
ORDER_NUMBER = re.compile(r"\b(\d{6,})\b")
MAIL_LINK = re.compile(r"https?://[^/\s\"'<>]+(/vi/shop/[^\s\"'<>]+)")
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "locale": "vi-VN",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}


@dataclass(frozen=True)
class PlacedOrders:
    """What the two orders left behind: their numbers, links, browser sessions."""

    cash_number: str
    cash_confirm_link: str
    cash_status_link: str
    guest_email: str
    guest_state: dict
    transfer_number: str
    transfer_order_link: str
    buyer_email: str
    buyer_state: dict


async def links_in_mail_to(log: Path, email: str, since: int) -> list[str]:
    """Paths of the links in the last e-mail to ``email`` the server printed
    after byte ``since`` of its log (waiting for it a little)."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline:
        text = log.read_bytes()[since:].decode("utf-8", errors="replace")
        start = text.rfind(f"To: {email}")
        if start >= 0:
            own_id = text.find("\nMessage-ID:", start)
            end = text.find("\nMessage-ID:", own_id + 1)
            mail = text[start : end if end > 0 else None]
            return list(dict.fromkeys(MAIL_LINK.findall(mail)))
        await asyncio.sleep(0.2)
    raise AssertionError(f"no e-mail to {email} in {log}")


def link_with(links: list[str], part: str) -> str:
    found = [link for link in links if part in link]
    assert found, f"no {part} link among {links}"
    return found[0]


async def _buy(page: Page, base: str, method: str, guest_email: str | None) -> str:
    """Fill the basket and go through the checkout; the order's number."""
    await shop.fill_basket(page, base, "vi")
    await page.goto(f"{base}/vi/shop/checkout/")
    if guest_email:
        await shop.checkout_as_guest(page, guest_email)
    await shop.give_hanoi_address(page)
    await shop.deliver_each_parcel(page)
    await shop.pay_by(page, method)
    await shop.place_order(page)
    if "/checkout/thank-you/" not in page.url:
        said = await page.locator("main").inner_text()
        raise AssertionError(
            f"{method} order not placed, {page.url} says: {said[:600]}"
        )
    number = ORDER_NUMBER.search(await page.title())
    assert number, f"no order number in the title {await page.title()!r}"
    return number.group(1)


async def place_orders(browser: Browser, base: str, log: Path) -> PlacedOrders:
    tag = uuid.uuid4().hex[:8]
    guest_email = f"khach.{tag}@example.com"
    buyer_email = f"nguoi.mua.{tag}@example.com"

    guest = await browser.new_context(**PHONE)
    page = await guest.new_page()
    since = log.stat().st_size
    cash_number = await _buy(page, base, "cod", guest_email)
    cash_links = await links_in_mail_to(log, guest_email, since)
    confirm = link_with(cash_links, "/checkout/confirm/")
    await page.goto(base + confirm)
    await shop.press(page, "#confirm-order")
    await page.goto(f"{base}/vi/shop/checkout/thank-you/")
    guest_state = await guest.storage_state()
    await guest.close()

    buyer = await browser.new_context(**PHONE)
    page = await buyer.new_page()
    await shop.register(page, base, "vi", buyer_email, BUYER_PASSWORD)
    since = log.stat().st_size
    transfer_number = await _buy(page, base, "vietqr", None)
    transfer_links = await links_in_mail_to(log, buyer_email, since)
    buyer_state = await buyer.storage_state()
    await buyer.close()

    return PlacedOrders(
        cash_number=cash_number,
        cash_confirm_link=confirm,
        cash_status_link=link_with(cash_links, "/order-status/"),
        guest_email=guest_email,
        guest_state=guest_state,
        transfer_number=transfer_number,
        transfer_order_link=link_with(transfer_links, "/accounts/orders/"),
        buyer_email=buyer_email,
        buyer_state=buyer_state,
    )


async def settle(browser: Browser, base: str, orders: PlacedOrders) -> None:
    """The site manager, at a desk, marks the VietQR order's transfer received."""
    context = await browser.new_context(**DESKTOP)
    page = await context.new_page()
    try:
        await shop.sign_in(page, base, "vi", *SITE_MANAGER_SIGN_IN)
        await page.goto(f"{base}/vi/shop/dashboard/orders/{orders.transfer_number}/")
        await page.fill(
            "#mark-paid-form #id_reference", f"FT{orders.transfer_number}PROOF"
        )
        await shop.press(page, "#mark-paid-form [type=submit]")
        left = await page.locator("#mark-paid-form").count()
        assert not left, f"order {orders.transfer_number} still waits for its transfer"
    finally:
        await context.close()
