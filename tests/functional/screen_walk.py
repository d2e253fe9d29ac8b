"""Steps that bring a Chromium page to a screen of the site, in either language.

A step is an async function of a ``Visit``; ``steps(...)`` chains them, so a
screen's way there reads as one line of the screen list. Steps start from
wherever the visit is (``follow`` takes the first matching link on the page the
screen before left), in the visit's language, as the visit's role: a visitor, the
guest who placed the cash order, the buyer with an account who placed the VietQR
order (both from ``tests.functional.placed_orders``), a centre's staff or a site
manager.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Response

from tests.functional import shop_actions as shop
from tests.functional.placed_orders import (
    CENTRE_STAFF_SIGN_IN,
    SITE_MANAGER_SIGN_IN,
    PlacedOrders,
)
from tests.functional.screen_checks import ConsoleErrors

VISITOR = "visitor"
GUEST_WHO_ORDERED = "guest who ordered"
BUYER = "buyer"
CENTRE_STAFF = "centre staff"
SITE_MANAGER = "site manager"
BROWSER_LOCALE = {"vi": "vi-VN", "en": "en-GB"}
PHONE_HEIGHT = 844
DESKTOP_FROM = 1024
STEP_TIMEOUT_MS = 10_000
LOC = re.compile(r"<loc>([^<]+)</loc>")


@dataclass
class Visit:
    """One browser context: a width, a language, a role, and the page it shows."""

    base: str
    language: str
    width: int
    role: str
    orders: PlacedOrders
    context: BrowserContext
    page: Page
    errors: ConsoleErrors
    status: int | None = None

    @classmethod
    async def start(
        cls,
        browser: Browser,
        base: str,
        language: str,
        width: int,
        role: str,
        orders: PlacedOrders,
    ) -> Visit:
        phone = width < DESKTOP_FROM
        context = await browser.new_context(
            locale=BROWSER_LOCALE[language],
            viewport={"width": width, "height": PHONE_HEIGHT},
            is_mobile=phone,
            has_touch=phone,
            storage_state={
                GUEST_WHO_ORDERED: orders.guest_state,
                BUYER: orders.buyer_state,
            }.get(role),
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        page = await context.new_page()
        visit = cls(
            base, language, width, role, orders, context, page, ConsoleErrors(page)
        )
        if role == CENTRE_STAFF:
            await shop.sign_in(page, base, language, *CENTRE_STAFF_SIGN_IN)
        if role == SITE_MANAGER:
            await shop.sign_in(page, base, language, *SITE_MANAGER_SIGN_IN)
        return visit

    def url(self, path: str) -> str:
        return f"{self.base}/{self.language}{path}"

    async def goto(self, url: str) -> None:
        response = await self.page.goto(url if "://" in url else self.base + url)
        self.status = response.status if response else None

    async def close(self) -> None:
        await self.context.close()


Step = Callable[[Visit], Awaitable[None]]


def steps(*chain: Step) -> Step:
    async def run(visit: Visit) -> None:
        for step in chain:
            await step(visit)

    return run


def open_path(path: str, en: str | None = None) -> Step:
    """``path`` after the language prefix; ``en`` when the English path differs
    (Wagtail pages have a slug per language)."""

    async def run(visit: Visit) -> None:
        chosen = en if en is not None and visit.language == "en" else path
        await visit.goto(visit.url(chosen))

    return run


def follow(href: str) -> Step:
    """Go where the first link on the page whose address matches ``href`` (a
    regular expression) leads."""
    pattern = re.compile(href)

    async def run(visit: Visit) -> None:
        links = await visit.page.eval_on_selector_all(
            "a[href]", "links => links.map(link => link.getAttribute('href'))"
        )
        found = next((link for link in links if pattern.search(link)), None)
        if found is None:
            raise LookupError(f"no link to {href} on the page")
        await visit.goto(found)

    return run


def open_order_link(name: str) -> Step:
    """A link of an order's e-mail (``PlacedOrders.<name>``), in the visit's
    language."""

    async def run(visit: Visit) -> None:
        path = getattr(visit.orders, name)
        await visit.goto(visit.url(path.removeprefix("/vi")))

    return run


def first_in_sitemap(section: str) -> Step:
    """The first address of ``sitemap-<section>.xml`` in the visit's language."""

    async def run(visit: Visit) -> None:
        response = await visit.page.request.get(f"{visit.base}/sitemap-{section}.xml")
        prefix = f"/{visit.language}/"
        urls = LOC.findall(await response.text())
        found = next((u for u in urls if urlsplit(u).path.startswith(prefix)), None)
        if found is None:
            raise LookupError(f"no {prefix} address in sitemap-{section}.xml")
        await visit.goto(found)

    return run


def act(action: Callable[..., Awaitable[Response | None]], *args) -> Step:
    """A ``shop_actions`` action on the visit's page, as a step."""

    async def run(visit: Visit) -> None:
        response = await action(visit.page, *args)
        visit.status = response.status if response else None

    return run


async def fill_basket(visit: Visit) -> None:
    response = await shop.fill_basket(visit.page, visit.base, visit.language)
    visit.status = response.status if response else None


async def as_guest(visit: Visit) -> None:
    email = f"khach.{visit.width}.{visit.language}@example.com"
    await act(shop.checkout_as_guest, email)(visit)


give_hanoi_address = act(shop.give_hanoi_address)
deliver_each_parcel = act(shop.deliver_each_parcel)


def pay_by(method: str) -> Step:
    return act(shop.pay_by, method)
