"""A phone-sized Chromium page that notes what goes wrong while a test drives it."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, Page


def phone_page(
    browser: Browser, *, mobile: bool = True, fail_from_status: int = 500
) -> tuple[BrowserContext, Page, list[str]]:
    """A Vietnamese phone browser; script errors and responses with a status of
    ``fail_from_status`` or more are collected in the returned list."""
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, is_mobile=mobile
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda response: (
            response.status >= fail_from_status
            and problems.append(f"{response.status}: {response.url}")
        ),
    )
    return context, page, problems
