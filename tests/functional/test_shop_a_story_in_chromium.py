"""A reader in a real Chromium, on a phone-sized screen: from the stories index to Bát
Tràng's heritage story, and from its "shop this story" block into the basket, with the
header's basket count going from 0 to 1 without leaving the story."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.functional.phone import phone_page

pytestmark = pytest.mark.browser

STORIES_INDEX = "/vi/cau-chuyen/"
STORY_PATH = re.compile(r"^/vi/cau-chuyen/[\w-]+/$")
ADD_TO_BASKET = 'main form[action*="/basket/add/"]'


def story_links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return list(dict.fromkeys(href for href in hrefs if STORY_PATH.match(href)))


def open_a_bat_trang_story_that_sells(page: Page, base_url: str) -> str:
    """Open the stories of Bát Tràng one by one until one has a product to buy."""
    page.goto(f"{base_url}{STORIES_INDEX}?village=Bát Tràng")
    stories = story_links(page)
    assert stories, f"no Bát Tràng story on {page.url}"
    for href in stories:
        page.locator(f'main a[href="{href}"]').first.click()
        page.wait_for_load_state()
        if page.locator(ADD_TO_BASKET).count():
            return href
        page.go_back()
    pytest.fail(f"no Bát Tràng story with a product to add to the basket: {stories}")


def test_a_reader_adds_a_product_to_the_basket_from_a_story(browser, demo_server):
    context, page, problems = phone_page(browser, mobile=False, fail_from_status=400)
    try:
        story = open_a_bat_trang_story_that_sells(page, demo_server.url)
        expect(page.locator("main h1")).to_be_visible()
        count = page.locator("[data-basket-count]").first
        expect(count).to_have_attribute("data-basket-count", "0")

        page.locator(ADD_TO_BASKET).first.locator('[type="submit"]').click()
        page.wait_for_load_state()

        expect(count).to_have_attribute("data-basket-count", "1")
        assert page.url.removeprefix(demo_server.url).split("?")[0] == story
        assert problems == []
    finally:
        context.close()
