"""What is wrong with the screen a Chromium page shows: overflow, console errors, axe.

Each check returns plain lines (empty when the screen passes), so a test can
name the screen, width and language in front of them. axe-core comes from the
``axe-playwright-python`` package; it is evaluated in the page through the
DevTools protocol, which the site's Content-Security-Policy does not govern (a
``<script>`` tag would be refused).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from playwright.async_api import ConsoleMessage, Page

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NODES_SHOWN = 3

WIDEST_ELEMENTS = """
() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return null;
    const clips = (el) => {
        for (let node = el.parentElement; node && node !== document.body;
             node = node.parentElement) {
            if (getComputedStyle(node).overflowX !== 'visible') return true;
        }
        return false;
    };
    const name = (el) => {
        let part = el.tagName.toLowerCase();
        if (el.id) return `${part}#${el.id}`;
        const cls = [...el.classList].slice(0, 2).join('.');
        return cls ? `${part}.${cls}` : part;
    };
    const over = [...document.body.querySelectorAll('*')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && !clips(el);
    });
    const leaves = over.filter((el) => !over.some((o) => o !== el && el.contains(o)));
    return {
        scroll,
        width,
        elements: leaves.slice(0, 3).map((el) =>
            `${name(el.parentElement)} > ${name(el)} (to ${Math.round(
                el.getBoundingClientRect().right)} px)`),
    };
}
"""

RUN_AXE = """
async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(' ')),
    }));
}
"""


@cache
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


async def overflow(page: Page) -> list[str]:
    """The page is wider than its window: by how much, and what sticks out."""
    found = await page.evaluate(WIDEST_ELEMENTS)
    if not found:
        return []
    where = "; ".join(found["elements"]) or "no single element"
    return [
        f"overflow: the page is {found['scroll']} px wide in a {found['width']} px"
        f" window ({where})"
    ]


async def axe_violations(page: Page) -> list[str]:
    """WCAG 2 A and AA violations axe-core finds: rule, impact, the nodes."""
    await page.evaluate(axe_source())
    lines = []
    for violation in await page.evaluate(RUN_AXE, AXE_TAGS):
        targets = violation["targets"]
        shown = ", ".join(targets[:NODES_SHOWN])
        more = (
            f" (+{len(targets) - NODES_SHOWN} more)"
            if len(targets) > NODES_SHOWN
            else ""
        )
        lines.append(f"axe {violation['id']} ({violation['impact']}): {shown}{more}")
    return lines


class ConsoleErrors:
    """The page's console errors and uncaught exceptions since ``clear``.

    A screen that answers with an error status on purpose (the 404 page) logs
    that status as a failed resource, and Chromium asks such a page's server for
    ``/favicon.ico`` whatever icon the page names: ``found(error_page=True)``
    lets those two lines pass.
    """

    def __init__(self, page: Page) -> None:
        self._page = page
        self._seen: list[tuple[str, str]] = []
        page.on("console", self._console)
        page.on("pageerror", self._script_error)

    @property
    def _favicon(self) -> str:
        parts = urlsplit(self._page.url)
        return f"{parts.scheme}://{parts.netloc}/favicon.ico"

    def clear(self) -> None:
        self._seen = []

    def _script_error(self, error: Exception) -> None:
        self._seen.append((f"script error: {error}", ""))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url", "")
            self._seen.append((f"console error: {message.text} ({source})", source))

    def found(self, *, error_page: bool = False) -> list[str]:
        lines = [
            line
            for line, source in self._seen
            if not (
                error_page
                and line.startswith("console error: Failed to load resource")
                and (
                    source == self._page.url or urlsplit(source).path == "/favicon.ico"
                )
            )
        ]
        return list(dict.fromkeys(lines))
