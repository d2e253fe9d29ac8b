"""Reading the site the way a search engine does: the sitemap index, its sections,
and the schema.org JSON-LD of a page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
JSON_LD_SCRIPT = re.compile(
    r'<script type="application/ld\+json">(.*?)</script>', flags=re.DOTALL
)


@dataclass
class SitemapEntry:
    """One ``<url>`` of a sitemap: its location, date and hreflang alternates."""

    location: str
    lastmod: str | None
    alternates: dict[str, str]


@dataclass
class IndexEntry:
    location: str
    lastmod: str | None


def fetch(client, url: str, **headers):
    """GET an absolute URL as a crawler would: its host, scheme and query kept."""
    parts = urlsplit(url)
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    response = client.get(
        path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https", **headers
    )
    assert response.status_code == 200, url
    return response


def sitemap_index(client, host: str = "testserver", secure: bool = False):
    """The ``<sitemap>`` entries of ``/sitemap.xml`` asked on ``host``."""
    scheme = "https" if secure else "http"
    response = fetch(client, f"{scheme}://{host}/sitemap.xml")
    tree = ElementTree.fromstring(response.content)
    assert tree.tag == f"{{{SITEMAP_NS['sm']}}}sitemapindex"
    return [
        IndexEntry(
            sitemap.findtext("sm:loc", namespaces=SITEMAP_NS),
            sitemap.findtext("sm:lastmod", namespaces=SITEMAP_NS),
        )
        for sitemap in tree.findall("sm:sitemap", SITEMAP_NS)
    ]


def sitemap_section(client, url: str) -> list[SitemapEntry]:
    """The ``<url>`` entries of one sitemap (a section's page)."""
    tree = ElementTree.fromstring(fetch(client, url).content)
    assert tree.tag == f"{{{SITEMAP_NS['sm']}}}urlset"
    return [
        SitemapEntry(
            location=url.findtext("sm:loc", namespaces=SITEMAP_NS),
            lastmod=url.findtext("sm:lastmod", namespaces=SITEMAP_NS),
            alternates={
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link[@rel='alternate']", SITEMAP_NS)
            },
        )
        for url in tree.findall("sm:url", SITEMAP_NS)
    ]


def sitemap_entries(
    client, host: str = "testserver", secure: bool = False
) -> dict[str, SitemapEntry]:
    """Every entry of every section the index lists, by location."""
    entries = {}
    for sitemap in sitemap_index(client, host, secure):
        for entry in sitemap_section(client, sitemap.location):
            assert entry.location not in entries, f"{entry.location} listed twice"
            entries[entry.location] = entry
    return entries


def json_ld(response) -> list[dict]:
    """The parsed content of every ``<script type="application/ld+json">``."""
    return [json.loads(text) for text in JSON_LD_SCRIPT.findall(response.text)]


def json_ld_of_type(response, kind: str) -> dict:
    """The page's one JSON-LD object of schema.org type ``kind``."""
    found = [data for data in json_ld(response) if data.get("@type") == kind]
    assert len(found) == 1, f"{len(found)} JSON-LD objects of type {kind}"
    return found[0]
