"""Measure a running site page by page: SQL queries, req/s, p50, p99 (``make bench``).

``bin/bench`` runs this beside the gunicorn it started, with the same settings and
database. It finds the pages to measure in that database (the catalogue, a product
in stock and adding it to the basket, a maker's story, home, Bát Tràng's
storefront, the stories index, a search), counts each page's SQL queries
in-process with Django's test client (the second request, once caches are
warm), then loads each page over HTTP for ``--seconds`` with ``--connections``
connections: with wrk when it is installed, else with a thread per connection
(``http.client``, keep-alive). One row per page; progress goes to stderr.

``--every-kind`` adds every kind of catalogue list (each filter of its form, each
sort, a deep page, a page past the last, a category) and searches broad and
narrow, with and without diacritics. ``--explain DIR`` also runs each page's
queries under ``EXPLAIN ANALYZE`` (PostgreSQL) and writes their plans to DIR,
slowest first; the "sql ms" column is the sum of their execution times.

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
#: Searches of ``--every-kind``: broad (a word of thousands of titles, a
#: village) and narrow (a phrase, one bench product), as typed with and
#: without diacritics.
SEARCHES = {
    "search broad": "gốm",
    "search broad folded": "gom",
    "search village": "Vạn Phúc",
    "search phrase": "khảm trai hoa sen",
    "search phrase folded": "kham trai hoa sen",
    "search one product": "mẫu 4242",
    "search one folded": "mau 4242",
}
DEEP_PAGE = 500
PAST_THE_LAST_PAGE = 99999999
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
    captured: list[str] = field(default_factory=list)
    status: int = 0
    html_bytes: int = 0
    queries: int = 0
    sql_ms: float | None = None


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


def every_kind_of_list() -> list[Page]:
    """The catalogue as each filter and sort of its form lists it, deep pages,
    a category, and searches (``SEARCHES``), with values found in this database."""
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import translation
    from oscar.core.loading import get_model

    from centres.models import DesignCentre

    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    translation.activate("vi")
    index = reverse("catalogue:index")
    centre = (
        DesignCentre.objects.filter(slug="bat-trang").first()
        or DesignCentre.objects.order_by("sort_order", "pk").first()
    )
    craft = (
        Product.objects.browsable()
        .values("product_class__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    category = (
        Category.objects.filter(depth=1)
        .annotate(n=Count("product"))
        .order_by("-n", "path")
        .first()
    )
    pages_of_list = max(
        1, Product.objects.browsable().count() // settings.OSCAR_PRODUCTS_PER_PAGE
    )
    deep = min(DEEP_PAGE, pages_of_list)

    def listing(name: str, **query) -> Page:
        return Page(name, index + "?" + urllib.parse.urlencode(query))

    pages = [
        listing("sort price-asc", sort="price-asc"),
        listing("sort price-desc", sort="price-desc"),
        listing("sort title", sort="title"),
        listing("sort ocop", sort="ocop"),
        listing("filter centre", centre=centre.slug if centre else ""),
        listing("filter stars 4", stars="4"),
        listing("filter stars unknown", stars="unknown"),
        listing("filter craft", craft=craft["product_class__slug"] if craft else ""),
        listing("filter ocop 4", ocop=4),
        listing("filter price", price_min=200000, price_max=400000),
        listing(
            "price + price-asc", price_min=200000, price_max=400000, sort="price-asc"
        ),
        listing(
            "centre+craft+price",
            centre=centre.slug if centre else "",
            craft=craft["product_class__slug"] if craft else "",
            sort="price-desc",
        ),
        listing(f"page {deep}", page=deep),
        listing(f"page {deep} price-asc", page=deep, sort="price-asc"),
        listing("page past the last", page=PAST_THE_LAST_PAGE),
    ]
    if category is not None:
        pages.append(Page("category", category.get_absolute_url()))
    pages += [
        Page(name, reverse("site_search") + "?" + urllib.parse.urlencode({"q": q}))
        for name, q in SEARCHES.items()
    ]
    translation.deactivate()
    return pages


def _path(page) -> str:
    if page is None:
        raise SystemExit("a page to measure is missing: load the demo content")
    return urllib.parse.urlsplit(page.get_full_url()).path


def count_queries(page: Page) -> None:
    """The page's SQL queries on its second request, counted in this process,
    as rendered: a page served from the page cache costs none."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    if page.post_from:
        form = client.get(page.post_from)
        token = CSRF_FIELD.search(form.content)
        data = dict(urllib.parse.parse_qsl(page.body or "quantity=1"))
        data["csrfmiddlewaretoken"] = token.group(1).decode() if token else ""
        send = lambda: client.post(page.path, data)  # noqa: E731
    else:
        send = lambda: client.get(page.path)  # noqa: E731
    with override_settings(PAGE_CACHE_SECONDS=0):
        send()
        with CaptureQueriesContext(connection) as queries:
            response = send()
    page.status = response.status_code
    page.html_bytes = len(response.content)
    page.queries = len(queries)
    page.captured = [query["sql"] for query in queries.captured_queries]


def explain(page: Page, number: int, folder: Path) -> None:
    """Each SELECT of the page under ``EXPLAIN ANALYZE``, slowest first, in a file;
    the page's SQL time is the sum of their execution times, measured without
    per-node timing, which slows plans of many rows (PostgreSQL only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    plans = []
    with connection.cursor() as cursor:
        for sql in page.captured:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF) " + sql)
            found = re.search(r"Execution Time: ([\d.]+) ms", cursor.fetchall()[-1][0])
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            lines = [row[0] for row in cursor.fetchall()]
            plans.append((float(found.group(1)) if found else 0.0, sql, lines))
    plans.sort(key=lambda plan: -plan[0])
    page.sql_ms = sum(plan[0] for plan in plans)
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", page.name.lower()).strip("-")
    with open(folder / f"{number:02d}-{name}.txt", "w") as out:
        out.write(f"{page.name}: {page.path}\n{page.queries} queries, ")
        out.write(f"{page.sql_ms:.1f} ms of SQL\n")
        for ms, sql, lines in plans:
            out.write(f"\n-- {ms:.2f} ms\n{sql}\n" + "\n".join(lines) + "\n")


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

COLUMNS = (
    "page",
    "path",
    "status",
    "bytes",
    "queries",
    "req/s",
    "p50 ms",
    "p99 ms",
    "sql ms",
)


def shortened(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def row_of(page: Page, load: Load | None) -> list[str]:
    """``load`` is None when nothing was loaded over HTTP (``--seconds 0``)."""
    figures = (
        [f"{load.per_second:.1f}", f"{load.p50_ms:.1f}", f"{load.p99_ms:.1f}"]
        if load
        else ["-", "-", "-"]
    )
    return [
        shortened(page.name, 20),
        shortened(page.path),
        str(page.status),
        str(page.html_bytes),
        str(page.queries),
        *figures,
        "" if page.sql_ms is None else f"{page.sql_ms:.1f}",
    ] + ([f"({load.errors} errors)"] if load and load.errors else [])


def table(rows: list[list[str]]) -> str:
    size = len(COLUMNS)
    widths = [max(len(r[i]) for r in [list(COLUMNS), *rows]) for i in range(size)]

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=False))
        ]
        return "  ".join(padded + cells[size:]).rstrip()

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
    parser.add_argument(
        "--seconds",
        type=float,
        default=10.0,
        help="seconds of load per page; 0 counts queries (and --explain) only",
    )
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
    parser.add_argument(
        "--every-kind",
        action="store_true",
        help="also each filter and sort of the catalogue, deep pages, a category, "
        "and searches broad and narrow, with and without diacritics",
    )
    parser.add_argument(
        "--explain",
        metavar="DIR",
        type=Path,
        help="write each page's query plans (EXPLAIN ANALYZE, PostgreSQL) to DIR "
        "and add their execution times up in the 'sql ms' column",
    )
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="measure only the pages whose name contains TEXT",
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
    pages = find_pages()
    if args.every_kind:
        pages += every_kind_of_list()
    pages += [Page("also", path) for path in args.also]
    if args.only:
        pages = [page for page in pages if args.only in page.name]
    say(describe_site(args, "wrk" if use_wrk else "threads"))
    rows = []
    for number, page in enumerate(pages, start=1):
        log(f"[{number}/{len(pages)}] {page.name}: {page.path}")
        count_queries(page)
        if args.explain:
            explain(page, number, args.explain)
        if page.post_from:
            prepare_post(args.base, page)
        if args.seconds <= 0:
            rows.append(row_of(page, None))
            continue
        if args.warmup > 0:
            load(args.base, page, args.warmup, min(2, args.connections))
        rows.append(row_of(page, load(args.base, page, args.seconds, args.connections)))
    say(table(rows))


if __name__ == "__main__":
    main()
