"""An operator's one-machine production run: ``bin/serve`` (what ``make serve``
runs) as a real process — migrate, collectstatic, gunicorn with production
settings — over the demo database. Everything a page links is served: the
stylesheet, product photos; e-mailed links name the address it serves on."""

from __future__ import annotations

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.functional.conftest import served_in_production

LINK_TO_RESET = r"https?://[^\s\"'<>]+/password-reset/confirm/[^\s\"'<>]+"


@dataclass
class ProductionRun:
    url: str
    log: Path


@dataclass
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


def fetch(url: str, opener=None) -> Fetched:
    with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
        return Fetched(
            response.status,
            {key.lower(): value for key, value in response.headers.items()},
            response.read(),
        )


@pytest.fixture(scope="module")
def production_run(demo_server, tmp_path_factory) -> Iterator[ProductionRun]:
    workdir = tmp_path_factory.mktemp("production-run")
    with served_in_production(
        demo_server, workdir, "production-run", WEB_CONCURRENCY="2"
    ) as (url, log):
        yield ProductionRun(url=url, log=log)


def reset_links_printed(*logs: Path, wait_seconds: float = 30) -> list[str]:
    """The password-reset links e-mailed so far. The message is written in the
    request and sent by a background worker: this run's own, or the demo
    server's, which takes work from the same database. Both print to a log."""
    deadline = time.monotonic() + wait_seconds
    while True:
        printed = "".join(log.read_text() for log in logs)
        links = re.findall(LINK_TO_RESET, printed)
        if links or time.monotonic() > deadline:
            assert links, printed[-3000:]
            return links
        time.sleep(0.2)


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, f"nothing matches {pattern}"
    return found.group(1)


def test_the_production_run_serves_pages_their_photos_and_stylesheet(
    production_run, report_figure
):
    home = fetch(f"{production_run.url}/vi/")
    stylesheet_path = first_match(
        r'<link rel="stylesheet" href="(/static/css/site\.[0-9a-f]+\.css)"', home.text
    )
    catalogue = fetch(f"{production_run.url}/vi/shop/catalogue/")
    product_path = first_match(
        r'href="(/vi/shop/catalogue/[\w-]+_\d+/)"', catalogue.text
    )
    product = fetch(production_run.url + product_path)
    photo_path = first_match(
        r'<img src="(/media/[^"]+\.(?:jpg|png|webp))"', product.text
    )
    photo = fetch(production_run.url + photo_path)
    stylesheet = fetch(production_run.url + stylesheet_path)

    for path, fetched in [
        ("/vi/", home),
        (product_path, product),
        (photo_path, photo),
        (stylesheet_path, stylesheet),
    ]:
        assert fetched.status == 200, path
        assert fetched.body, path
        report_figure(
            f"production run {path}: {fetched.status}, {len(fetched.body)} bytes"
        )
    assert "Server Error" not in product.text
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.body.startswith(b"\xff\xd8")
    assert "max-age" in photo.headers["cache-control"]
    assert stylesheet.headers["content-type"].startswith("text/css")
    assert "immutable" in stylesheet.headers["cache-control"]


def test_the_production_run_hides_debug_pages_and_documents_folder(production_run):
    for path in ("/vi/khong-co-trang-nay/", "/media/documents/anything.html"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            fetch(production_run.url + path)
        assert refused.value.code == 404
        assert b"Traceback" not in refused.value.read()


def test_links_in_emails_name_the_address_the_run_serves_on(
    production_run, demo_server
):
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form_url = f"{production_run.url}/vi/shop/password-reset/"
    form = fetch(form_url, browser)
    token = first_match(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)

    request = urllib.request.Request(
        form_url,
        data=urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "email": "admin@langnghe.example"}
        ).encode(),
        headers={"Referer": form_url},
    )
    sent = fetch(request, browser)

    assert sent.status == 200
    links = reset_links_printed(production_run.log, demo_server.log)
    assert all(link.startswith(f"{production_run.url}/") for link in links), links
