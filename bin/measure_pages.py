"""Measure a running site page by page: SQL queries, req/s, p50, p99 (``make bench``).

``bin/bench`` runs this beside the gunicorn it started, with the same settings and
database. It finds the pages to measure in that database (the catalogue, a product
in stock and adding it to the basket, a maker's story, home, Bát Tràng's
storefront, the stories index, a search), counts each page's SQL queries
in-process with Django's test client (the second request, once caches are
warm), then loads each page over HTTP for ``--seconds`` with ``--connections``
connections: with wrk when it is installed, else with a thread per connection
(``http.client``, keep-alive). One row per page; progress goes to stderr.

Only loopback addresses are accepted: this never loads another machine.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCH_QUERY = "bat trang"
WRK_SCRIPT = r"""
%(setup)s
done = function(summary, latency, requests)
  io.write(string.format('WRKJSON {"requests":%%d,"duration_us":%%d,"p50":%%d,' ..
    '"p99":%%d,"errors":%%d}\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99),
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""


def log(message: str) -> None:
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass
class Page:
    """One page to measure; a POST carries its form body and the cookies it needs."""

    name: str
    path: str
    post_from: str = ""
    body: str = ""
    cookies: str = ""
    status: int = 0
    html_bytes: int = 0
    queries: int = 0


@dataclass
class Load:
    requests: int = 0
    seconds: float = 0.0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    p50_ms: float = 0.0
    p99_ms: float = 0.0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# Pages of this site
# ------------------------------------------------------------------------------


def find_pages() -> list[Page]:
    """The pages of the issue's table, found in this database, in Vietnamese."""
    from django.urls import reverse
    from django.utils import translation
    from oscar.core.loading import get_model

    from centres.pages import CentreStorefrontPage
    from stories.models import HomePage, MakerProfilePage, StoryIndexPage, StoryPage

    Product = get_model("catalogue", "Product")
    translation.activate("vi")
    product = (
        Product.objects.browsable()
        .filter(structure=Product.STANDALONE, stockrecords__num_in_stock__gt=0)
        .order_by("pk")
        .first()
    )
    if product is None:
        raise SystemExit("no product in stock to measure: load the demo content")
    storefronts = CentreStorefrontPage.objects.live().filter(locale__language_code="vi")
    story = (
        MakerProfilePage.objects.live().filter(locale__language_code="vi").first()
        or StoryPage.objects.live().filter(locale__language_code="vi").first()
    )
    pages = [
        Page("catalogue", reverse("catalogue:index")),
        Page("product", product.get_absolute_url()),
        Page(
            "basket add (POST)",
            reverse("basket:add", kwargs={"pk": product.pk}),
            post_from=product.get_absolute_url(),
        ),
        Page("story", _path(story)),
        Page("home", _path(HomePage.objects.live().get(locale__language_code="vi"))),
        Page(
            "storefront",
            _path(
                storefronts.filter(centre__slug="bat-trang").first()
                or storefronts.order_by("path").first()
            ),
        ),
        Page(
            "stories index",
            _path(StoryIndexPage.objects.live().get(locale__language_code="vi")),
        ),
        Page(
            "search",
            reverse("site_search") + "?" + urllib.parse.urlencode({"q": SEARCH_QUERY}),
        ),
    ]
    translation.deactivate()
    return pages


def _path(page) -> str:
    if page is None:
        raise SystemExit("a page to measure is missing: load the demo content")
    return urllib.parse.urlsplit(page.get_full_url()).path


def count_queries(page: Page) -> None:
    """The page's SQL queries on its second request, counted in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if page.post_from:
        form = client.get(page.post_from)
        token = CSRF_FIELD.search(form.content)
        data = dict(urllib.parse.parse_qsl(page.body or "quantity=1"))
        data["csrfmiddlewaretoken"] = token.group(1).decode() if token else ""
        send = lambda: client.post(page.path, data)  # noqa: E731
    else:
        send = lambda: client.get(page.path)  # noqa: E731
    send()
    with CaptureQueriesContext(connection) as queries:
        response = send()
    page.status = response.status_code
    page.html_bytes = len(response.content)
    page.queries = len(queries)


def prepare_post(base: str, page: Page) -> None:
    """The CSRF cookie and token of the form page, as a visitor's browser holds them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + page.post_from, timeout=30) as response:
        token = CSRF_FIELD.search(response.read())
    page.body = "csrfmiddlewaretoken={}&quantity=1".format(
        token.group(1).decode() if token else ""
    )
    page.cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


# Load
# ------------------------------------------------------------------------------


def headers_of(base: str, page: Page) -> dict[str, str]:
    headers = {"Accept-Language": "vi"}
    if page.post_from:
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": page.cookies,
                "Referer": base + page.post_from,
            }
        )
    return headers


def load_with_wrk(base: str, page: Page, seconds: float, connections: int) -> Load:
    setup = ""
    for name, value in headers_of(base, page).items():
        setup += f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}\n"
    if page.post_from:
        setup += f'wrk.method = "POST"\nwrk.body = {json.dumps(page.body)}\n'
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"setup": setup})
    try:
        command = [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            script.name,
            base + page.path,
        ]
        output = subprocess.run(
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        ).stdout
    finally:
        os.unlink(script.name)
    found = re.search(r"WRKJSON (\{.*\})", output)
    if not found:
        raise SystemExit(f"wrk gave no figures for {page.path}:\n{output[-500:]}")
    figures = json.loads(found.group(1))
    return Load(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=figures["errors"],
        p50_ms=figures["p50"] / 1000,
        p99_ms=figures["p99"] / 1000,
    )


def load_with_threads(base: str, page: Page, seconds: float, connections: int) -> Load:
    """A thread per connection, each sending the request again until time is up."""
    target = urllib.parse.urlsplit(base)
    headers = headers_of(base, page)
    method = "POST" if page.post_from else "GET"
    body = page.body.encode() if page.post_from else None
    load = Load()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def visitor() -> None:
        latencies, errors = [], 0
        connection = http.client.HTTPConnection(
            target.hostname, target.port, timeout=10
        )
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request(method, page.path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                continue
            latencies.append((time.perf_counter() - started) * 1000)
        connection.close()
        with lock:
            load.latencies_ms.extend(latencies)
            load.errors += errors

    started = time.monotonic()
    threads = [threading.Thread(target=visitor) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.seconds = time.monotonic() - started
    load.requests = len(load.latencies_ms)
    load.p50_ms = percentile(load.latencies_ms, 50)
    load.p99_ms = percentile(load.latencies_ms, 99)
    return load


def percentile(values: list[float], percent: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


# Report
# ------------------------------------------------------------------------------

COLUMNS = ("page", "path", "status", "bytes", "queries", "req/s", "p50 ms", "p99 ms")


def shortened(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def row_of(page: Page, load: Load) -> list[str]:
    return [
        shortened(page.name, 20),
        shortened(page.path),
        str(page.status),
        str(page.html_bytes),
        str(page.queries),
        f"{load.per_second:.1f}",
        f"{load.p50_ms:.1f}",
        f"{load.p99_ms:.1f}",
    ] + ([f"({load.errors} errors)"] if load.errors else [])


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(8)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=False))
        ]
        return "  ".join(padded + cells[8:]).rstrip()

    return "\n".join(line(row) for row in [list(COLUMNS), *rows])


def describe_site(args: argparse.Namespace, tool: str) -> str:
    from django.db import connection
    from oscar.core.loading import get_model

    products = get_model("catalogue", "Product").objects.browsable().count()
    return (
        f"{args.base}: {connection.vendor}, {products} products, "
        f"{tool} {args.connections} connections x {args.seconds:g} s per page "
        f"(after {args.warmup:g} s of warm-up)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:18803")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--load-tool", choices=("auto", "wrk", "threads"), default="auto"
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="PATH",
        help="another page to measure after the usual ones (repeatable), "
        "e.g. '/vi/shop/catalogue/?sort=price-asc&page=1000'",
    )
    args = parser.parse_args()
    if urllib.parse.urlsplit(args.base).hostname not in LOOPBACK:
        raise SystemExit(f"refusing a target that is not loopback: {args.base}")

    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    use_wrk = args.load_tool == "wrk" or (
        args.load_tool == "auto" and shutil.which("wrk") is not None
    )
    load = load_with_wrk if use_wrk else load_with_threads
    pages = find_pages() + [Page("also", path) for path in args.also]
    say(describe_site(args, "wrk" if use_wrk else "threads"))
    rows = []
    for number, page in enumerate(pages, start=1):
        log(f"[{number}/{len(pages)}] {page.name}: {page.path}")
        count_queries(page)
        if page.post_from:
            prepare_post(args.base, page)
        if args.warmup > 0:
            load(args.base, page, args.warmup, min(2, args.connections))
        rows.append(row_of(page, load(args.base, page, args.seconds, args.connections)))
    say(table(rows))


if __name__ == "__main__":
    main()
