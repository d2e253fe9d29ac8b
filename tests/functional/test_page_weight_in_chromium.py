"""What a phone downloads: the catalogue and a product page, served in production
mode (``bin/serve``: gunicorn, production settings, over the demo database), read
by Chromium at 390 px and scrolled to the end so every lazy photo loads. No page
fetches an original upload; every image has its width and height; the bytes
transferred (headers and bodies, as sent) stay within the page-weight budgets."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.functional.conftest import served_in_production

pytestmark = pytest.mark.browser

CATALOGUE_BUDGET = 250_000
PRODUCT_BUDGET = 150_000
PHONE = {
    "locale": "vi-VN",
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
}
DESKTOP = {"locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}
# Where uploads are kept: Oscar's product photos, Wagtail's original images.
UPLOAD_FOLDERS = ("/media/images/products/", "/media/original_images/")


@pytest.fixture(scope="module")
def production_url(demo_server, tmp_path_factory) -> Iterator[str]:
    """``bin/serve`` on a free port over the demo server's database and media."""
    workdir = tmp_path_factory.mktemp("page-weight")
    with served_in_production(demo_server, workdir, "page-weight") as (url, _log):
        yield url


def scroll_to_the_end(page: Page) -> None:
    """Scroll a screen at a time, so each lazy photo comes near the viewport."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height, 600):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")


def weigh(browser: Browser, url: str, device: dict) -> dict:
    """Load ``url`` in a fresh browser (nothing cached), scroll to its end and
    report the bytes transferred, the URLs fetched and images lacking a size."""
    context = browser.new_context(**device)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    scroll_to_the_end(page)
    unsized = page.eval_on_selector_all(
        "img",
        """images => images
            .filter(img => !img.getAttribute('width') || !img.getAttribute('height'))
            .map(img => img.outerHTML)""",
    )
    shown = page.eval_on_selector_all(
        "main img", "images => images.map(img => img.currentSrc)"
    )
    fetched = []
    transferred = 0
    for request in finished:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        fetched.append(urlsplit(request.url).path)
    context.close()
    return {
        "bytes": transferred,
        "fetched": fetched,
        "unsized": unsized,
        "shown": shown,
    }


def product_url(browser: Browser, base: str) -> str:
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{base}/vi/shop/catalogue/")
    href = page.get_attribute(".product-card__title a", "href")
    context.close()
    return base + href


@pytest.fixture(scope="module")
def pages(browser, production_url) -> dict[str, str]:
    return {
        "catalogue": f"{production_url}/vi/shop/catalogue/",
        "product page": product_url(browser, production_url),
    }


@pytest.mark.parametrize(
    ("name", "budget"),
    [("catalogue", CATALOGUE_BUDGET), ("product page", PRODUCT_BUDGET)],
)
def test_a_phone_downloads_renditions_within_the_page_budget(
    browser, pages, name, budget, report_figure
):
    phone = weigh(browser, pages[name], PHONE)
    desktop = weigh(browser, pages[name], DESKTOP)

    for weighed in (phone, desktop):
        originals = [
            path for path in weighed["fetched"] if path.startswith(UPLOAD_FOLDERS)
        ]
        assert originals == [], f"{name} fetched uploads: {originals}"
        assert weighed["unsized"] == [], f"{name}: images without width/height"
        photos = [src for src in weighed["shown"] if "/media/" in src]
        assert photos, f"{name} shows no photo"
        assert all(src.endswith(".avif") for src in photos), photos
    report_figure(
        f"{name}: {phone['bytes'] / 1000:.0f} kB transferred at 390 px (3x), "
        f"{desktop['bytes'] / 1000:.0f} kB at 1280 px, budget {budget / 1000:.0f} kB"
    )
    assert phone["bytes"] <= budget
