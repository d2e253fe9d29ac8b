"""The basket and the checkout's first step on a 390 px phone, in Chromium.

With products of Bát Tràng and Phú Vinh in the basket, both pages fit the screen
in Vietnamese and English (no horizontal scrolling, no script error), and every
basket control is at least 44 px tall. With JavaScript turned off, the buyer
changes a quantity and removes a line by tapping the line's buttons.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.functional.phone import phone_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
STOREFRONTS = ("bat-trang", "phu-vinh")
PAGES = {"basket": "/{lang}/shop/basket/", "gateway": "/{lang}/shop/checkout/"}
TAP_TARGETS = (
    "main .basket-line button, main .basket-line input[type=number], "
    "main .basket-summary-box__checkout, main .gateway-form button, "
    "main .gateway-form input[type=email]"
)


def fill_basket(page: Page, base: str) -> None:
    for storefront in STOREFRONTS:
        page.goto(f"{base}/vi/trung-tam/{storefront}/")
        button = page.locator('main form[action*="/basket/add/"] button[type=submit]')
        button.first.click()
        page.wait_for_load_state()


@pytest.fixture(scope="module")
def phone_with_basket(browser: Browser, demo_server):
    context, page, problems = phone_page(browser)
    fill_basket(page, demo_server.url)
    yield page, problems
    context.close()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_fits_a_phone_and_its_controls_are_big_enough(
    phone_with_basket, demo_server, language, name
):
    page, problems = phone_with_basket
    page.goto(demo_server.url + PAGES[name].format(lang=language))

    widths = page.evaluate(
        "({page: document.documentElement.scrollWidth,"
        " screen: document.documentElement.clientWidth})"
    )
    assert widths["page"] <= widths["screen"], widths
    targets = page.locator(TAP_TARGETS)
    assert targets.count() > 0
    heights = [
        box["height"]
        for box in targets.evaluate_all(
            "elements => elements.map(e => e.getBoundingClientRect())"
        )
    ]
    assert min(heights) >= 44, heights
    assert page.locator("main .checkout-steps, main .basket-centre").count() > 0
    assert problems == []


def test_without_javascript_a_quantity_changes_and_a_line_goes(
    browser: Browser, demo_server
):
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        fill_basket(page, demo_server.url)
        page.goto(f"{demo_server.url}/vi/shop/basket/")
        sections = page.locator("main section.basket-centre")
        expect(sections).to_have_count(2)
        first_line = sections.first.locator(".basket-line").first

        first_line.locator("input[type=number]").fill("2")
        first_line.locator("button[name=update]").click()
        page.wait_for_load_state()
        expect(
            page.locator("main section.basket-centre")
            .first.locator(".basket-line input[type=number]")
            .first
        ).to_have_value("2")

        page.locator("main section.basket-centre").last.locator(
            ".basket-line__remove"
        ).click()
        page.wait_for_load_state()
        expect(page.locator("main section.basket-centre")).to_have_count(1)
    finally:
        context.close()
