"""The centres list fits the screen, in Chromium, on phones and on a desktop.

Each card's facts ("Nghề", "Làng") are rows of their own: the village name
reads on one line, and the page is never wider than the window, in
Vietnamese and English.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CENTRE_LISTS = {"vi": "/vi/trung-tam/", "en": "/en/centres/"}
WIDTHS = (360, 390, 1280)

VILLAGE_LINES = """() => Array.from(
    document.querySelectorAll(".centre-card .facts > div:last-child dd")
).map((dd) => {
    const range = document.createRange();
    range.selectNodeContents(dd);
    const rects = Array.from(range.getClientRects());
    const tops = new Set(rects.map((r) => Math.round(r.top)));
    return [dd.textContent.trim(), tops.size];
})"""


@pytest.fixture(scope="module")
def measured(browser, demo_server) -> dict[tuple[str, int], dict]:
    """Each list at each width: the page's scroll width and its village names' lines."""
    results = {}
    for language, path in CENTRE_LISTS.items():
        for width in WIDTHS:
            context = browser.new_context(
                locale="vi-VN" if language == "vi" else "en-GB",
                viewport={"width": width, "height": 900},
                is_mobile=width < 500,
            )
            try:
                page = context.new_page()
                response = page.goto(f"{demo_server.url}{path}")
                results[language, width] = {
                    "status": response.status,
                    "scroll_width": page.evaluate(
                        "document.documentElement.scrollWidth"
                    ),
                    "villages": page.evaluate(VILLAGE_LINES),
                }
            finally:
                context.close()
    return results


@pytest.mark.parametrize("language", CENTRE_LISTS)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_centres_list_is_no_wider_than_the_window(measured, language, width):
    result = measured[language, width]
    assert result["status"] == 200
    assert result["scroll_width"] <= width


@pytest.mark.parametrize("language", CENTRE_LISTS)
@pytest.mark.parametrize("width", WIDTHS)
def test_each_village_name_reads_on_one_line(measured, language, width):
    villages = [tuple(village) for village in measured[language, width]["villages"]]
    assert len(villages) == 10
    assert ("Bát Tràng", 1) in villages
    assert [name for name, lines in villages if lines != 1] == []
