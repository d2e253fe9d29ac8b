"""Reading rendered pages the way a visitor's browser would: elements, links, text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


class _Badges(HTMLParser):
    """Collects each star badge's level and the words it shows to every reader."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.badges: list[list[str]] = []
        self.stack: list[tuple[bool, bool]] = []  # (opens a badge, hidden from readers)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        found = dict(attrs)
        opens = "data-star-level" in found
        if opens:
            self.badges.append([found["data-star-level"] or "", ""])
        hidden = found.get("aria-hidden") == "true" or any(h for _o, h in self.stack)
        self.stack.append((opens, hidden))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        inside = any(opens for opens, _h in self.stack)
        hidden = any(h for _o, h in self.stack)
        if inside and not hidden and self.badges:
            self.badges[-1][1] += data


def badges(html: str) -> list[tuple[str, str]]:
    """(``data-star-level``, the words a screen reader hears) of every star badge."""
    parser = _Badges()
    parser.feed(html)
    return [(level, " ".join(words.split())) for level, words in parser.badges]


def html_of(response) -> str:
    """The page's HTML, non-breaking spaces read as spaces (Babel puts one before ₫)."""
    return response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")


def main_of(response) -> str:
    """The page's ``<main>`` element: its content, without header, nav and footer."""
    html = html_of(response)
    found = re.search(r"<main\b.*</main>", html, flags=re.DOTALL)
    assert found, "the page has no <main> element"
    return found.group(0)


def elements(html: str, tag: str, **attrs: str) -> list[dict[str, str]]:
    """Attributes of every ``tag`` element of ``html`` having the given ``attrs``."""
    parser = _Elements()
    parser.feed(html)
    wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
    return [
        found
        for name, found in parser.elements
        if name == tag and all(found.get(key) == value for key, value in wanted.items())
    ]


def path_of(url: str) -> str:
    return urlsplit(url).path


def star_levels(html: str) -> set[str]:
    """The ``data-star-level`` values of the badges on the page."""
    return set(re.findall(r'data-star-level="([^"]*)"', html))


def html_lang(response) -> str:
    found = re.search(r"<html\b[^>]*\blang=\"([^\"]+)\"", html_of(response))
    assert found, "<html> has no lang attribute"
    return found.group(1)


def alternates(response) -> dict[str, str]:
    """hreflang → path of the page's ``<link rel="alternate">`` elements."""
    return {
        link["hreflang"]: path_of(link["href"])
        for link in elements(html_of(response), "link", rel="alternate")
        if "hreflang" in link
    }


def language_switch_links(response, language: str) -> list[str]:
    """Paths of the links that switch the page to ``language``."""
    return [
        path_of(link["href"])
        for link in elements(html_of(response), "a")
        if "href" in link and language in (link.get("hreflang"), link.get("lang"))
    ]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def positions(html: str, titles) -> list[int]:
    """Where each title first appears in ``html`` (every title must appear)."""
    found = []
    for title in titles:
        index = html.find(title)
        assert index >= 0, f"{title!r} is not on the page"
        found.append(index)
    return found


class _Text(HTMLParser):
    SKIPPED = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    """The words a visitor reads, whitespace collapsed, no-break spaces as spaces."""
    if isinstance(html, bytes):
        html = html.decode()
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).replace("\xa0", " ").split())


class _Breadcrumbs(HTMLParser):
    """Collects the items of the page's ``<nav class="breadcrumbs">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[list[str | None]] = []
        self.in_nav = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "nav" and "breadcrumbs" in (found.get("class") or "").split():
            self.in_nav = True
        elif self.in_nav and tag == "li":
            self.items.append(["", None])
        elif self.in_nav and tag == "a" and self.items:
            self.items[-1][1] = found.get("href")

    def handle_endtag(self, tag):
        if tag == "nav":
            self.in_nav = False

    def handle_data(self, data):
        if self.in_nav and self.items:
            self.items[-1][0] += data


def breadcrumbs(html: str) -> list[tuple[str, str | None]]:
    """(name, link) of each breadcrumb; the current page's has no link."""
    parser = _Breadcrumbs()
    parser.feed(html)
    return [(" ".join(name.split()), href) for name, href in parser.items]
