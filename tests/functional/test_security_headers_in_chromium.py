"""Every page type in Chromium under the site's Content-Security-Policy: none refused.

A visitor reads the home page, the centres, a storefront, a story, the catalogue,
a product and the search; a guest buys through every checkout step to the
thank-you page (the page Stripe's Checkout returns to); the demo admin opens
Oscar's dashboard (a product form with its photo inputs), Wagtail's ``/cms/`` (a
page editor with its date pickers) and Django admin (the audit trail). Each
document carries the policy with a nonce, no ``'unsafe-inline'`` script source,
Permissions-Policy and Referrer-Policy; Chromium reports no violation (console
"Refused …"/"… violates …" and ``securitypolicyviolation`` events).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ADMIN = ("admin@langnghe.example", "demo-admin-2026")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`
        + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
VIOLATION = re.compile(r"CSP violation|Refused to|violates the following")
PRODUCT_PATH = re.compile(r"^/vi/shop/catalogue/[\w-]+_\d+/$")
STORY_PATH = re.compile(r"^/vi/cau-chuyen/[\w-]+/$")


class Visit:
    """A Chromium page that keeps each document's headers and every violation."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.violations: list[str] = []
        self.documents: dict[str, dict[str, str]] = {}
        page.on(
            "console",
            lambda message: (
                VIOLATION.search(message.text)
                and self.violations.append(f"{page.url}: {message.text}")
            ),
        )
        page.on("response", self._keep_document_headers)

    def _keep_document_headers(self, response) -> None:
        if response.request.resource_type == "document" and response.status == 200:
            self.documents[urlsplit(response.url).path] = response.headers

    def open(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response)
        self.page.wait_for_load_state("networkidle")

    def submit(self, selector: str) -> None:
        self.page.locator(selector).first.click()
        self.page.wait_for_load_state("networkidle")

    def links(self, pattern: re.Pattern) -> list[str]:
        hrefs = self.page.eval_on_selector_all(
            "main a[href]", "links => links.map(link => link.getAttribute('href'))"
        )
        return [href for href in hrefs if pattern.match(href)]


@pytest.fixture
def visit(browser, demo_server) -> Iterator[Visit]:
    context = browser.new_context(locale="vi-VN")
    context.add_init_script(REPORT_VIOLATIONS)
    try:
        yield Visit(context.new_page(), demo_server.url)
    finally:
        context.close()


def directives(header: str) -> dict[str, list[str]]:
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part)
    }


def assert_secured(visit: Visit, paths: list[str], report) -> None:
    assert visit.violations == []
    for path in paths:
        headers = visit.documents[path]
        policy = directives(headers["content-security-policy"])
        script_sources = policy["script-src"]
        assert "'unsafe-inline'" not in script_sources, path
        assert any(source.startswith("'nonce-") for source in script_sources), path
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["connect-src"] == ["'self'"]
        assert "camera=()" in headers["permissions-policy"]
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        nonce = re.sub(
            r"'nonce-[^']+'", "'nonce-…'", headers["content-security-policy"]
        )
        report(f"CSP {path}: {nonce}")


def test_public_pages_run_under_the_policy(visit, report_figure):
    visit.open("/vi/")
    visit.open("/vi/trung-tam/")
    visit.open("/vi/trung-tam/bat-trang/")
    [product, *_] = visit.links(PRODUCT_PATH)
    visit.open("/vi/cau-chuyen/")
    [story, *_] = visit.links(STORY_PATH)
    visit.open(story)
    visit.open("/vi/shop/catalogue/")
    visit.open(product)
    visit.open("/vi/search/?q=gom")

    assert_secured(
        visit,
        [
            "/vi/",
            "/vi/trung-tam/",
            "/vi/trung-tam/bat-trang/",
            "/vi/cau-chuyen/",
            story,
            "/vi/shop/catalogue/",
            product,
            "/vi/search/",
        ],
        report_figure,
    )


def test_a_guest_checks_out_under_the_policy(visit, report_figure):
    page = visit.page
    visit.open("/vi/trung-tam/bat-trang/")
    visit.submit('main form[action*="/basket/add/"] button[type="submit"]')
    visit.open("/vi/shop/basket/")
    visit.open("/vi/shop/checkout/")
    page.fill("#id_username", "khach.csp@example.com")
    page.check('input[name="options"][value="anonymous"]')
    visit.submit('main form:has(#id_username) [type="submit"]')
    expect(page).to_have_url(re.compile(r"/checkout/shipping-address/$"))
    page.fill("#id_first_name", "Nguyễn Thị Lan")
    page.fill("#id_phone_number", "0912 345 678")
    page.select_option("#id_country", "VN")
    page.select_option("#id_province", "Thành phố Hà Nội")
    page.fill("#id_line3", "Phường Hoàn Kiếm")
    page.fill("#id_line1", "12 Hàng Bạc")
    visit.submit("#new_shipping_address [type=submit]")
    expect(page).to_have_url(re.compile(r"/checkout/shipping-method/$"))
    page.locator('section.parcel input[value="domestic"]').first.check()
    visit.submit("main form [type=submit]")
    expect(page).to_have_url(re.compile(r"/checkout/payment-method/$"))
    page.check('input[name="method"][value="cod"]')
    visit.submit("main form [type=submit]")
    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    visit.submit("#place-order")
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/"))

    assert_secured(
        visit,
        [
            "/vi/shop/basket/",
            "/vi/shop/checkout/",
            "/vi/shop/checkout/shipping-address/",
            "/vi/shop/checkout/shipping-method/",
            "/vi/shop/checkout/payment-method/",
            "/vi/shop/checkout/preview/",
            "/vi/shop/checkout/thank-you/",
        ],
        report_figure,
    )


def test_the_staff_areas_run_under_the_policy(visit, report_figure):
    page = visit.page
    visit.open("/vi/shop/dashboard/login/")
    page.fill("#id_username", ADMIN[0])
    page.fill("#id_password", ADMIN[1])
    visit.submit("#dashboard_login_form [type=submit]")
    expect(page).to_have_url(re.compile(r"/vi/shop/dashboard/$"))
    visit.open("/vi/shop/dashboard/orders/")
    visit.open("/vi/shop/dashboard/catalogue/")
    product_form = page.locator('a[href*="/dashboard/catalogue/products/"]').first
    product_path = urlsplit(product_form.get_attribute("href")).path
    visit.open(product_path)
    expect(page.locator("[data-upload-button]").first).to_be_attached()
    visit.open("/cms/")
    visit.open("/cms/pages/")
    # Wagtail's date pickers start from markers, not inline scripts.
    expect(
        page.locator("[data-cms-chooser][data-cms-chooser-started]")
    ).not_to_have_count(0)
    edit = page.locator('a[href^="/cms/pages/"][href$="/edit/"]').first
    edit_path = edit.get_attribute("href")
    visit.open(edit_path)
    visit.open("/django-admin/")
    visit.open("/django-admin/auditlog/logentry/")

    assert_secured(
        visit,
        [
            "/vi/shop/dashboard/",
            "/vi/shop/dashboard/orders/",
            "/vi/shop/dashboard/catalogue/",
            product_path,
            "/cms/",
            "/cms/pages/",
            edit_path,
            "/django-admin/",
            "/django-admin/auditlog/logentry/",
        ],
        report_figure,
    )
