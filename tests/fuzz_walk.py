"""Unfinished (issue 12, item 8): the walk of every URL and form for 5xx.

Not collected by pytest (the name does not start with ``test_``): it takes 6–7
minutes and still finds server errors in the views of ``KNOWN_SERVER_ERRORS``.
Run it by hand with ``.venv/bin/python -m pytest tests/fuzz_walk.py``; it becomes
part of the suite once those are fixed and it samples instead of sweeping.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import pytest
from django.core.signals import got_request_exception
from django.urls import Resolver404, resolve
from wagtail.models import Page

from tests.fuzzing import bad_payloads, forms_in, route_urls, routes
from tests.integration import test_no_server_errors as six_causes

LEFT_OUT = six_causes.LEFT_OUT
SIGN_IN_BACKEND = six_causes.SIGN_IN_BACKEND
shop = six_causes.shop

pytestmark = pytest.mark.django_db


OPEN_CAUSES = "letters or a huge number where a database id is read"
KNOWN_SERVER_ERRORS = {
    # Truncated JPEG: uploads are helper G's part of issue 12 (item 7).
    ("wagtailimages:add", "OSError"): "truncated image upload (item 7)",
    ("wagtailimages:add_multiple", "OSError"): "truncated image upload (item 7)",
    ("wagtailimages:edit", "OSError"): "truncated image upload (item 7)",
    # Wagtail's chooser widgets look up whatever was posted as a primary key.
    ("wagtailadmin_pages:edit", "ValueError"): "chooser widget reads letters as an id",
    ("wagtailsnippets_centres_maker:add", "ValueError"): "chooser widget, letters",
    ("wagtailsnippets_centres_maker:edit", "ValueError"): "chooser widget, letters",
    ("wagtailimages_chooser:chosen", "ValueError"): OPEN_CAUSES,
    ("wagtaildocs_chooser:chosen", "ValueError"): OPEN_CAUSES,
    ("product_chooser:chosen", "ValueError"): OPEN_CAUSES,
    ("wagtailsnippetchoosers_centres_maker:chosen", "ValueError"): OPEN_CAUSES,
    ("wagtailsnippetchoosers_centres_designcentre:chosen", "ValueError"): OPEN_CAUSES,
    ("dashboard:catalogue-option-update", "ValueError"): OPEN_CAUSES,
    ("dashboard:catalogue-option-delete", "ValueError"): OPEN_CAUSES,
    ("dashboard:catalogue-attribute-option-group-update", "ValueError"): OPEN_CAUSES,
    ("dashboard:catalogue-attribute-option-group-delete", "ValueError"): OPEN_CAUSES,
    # A 40-digit number in a listing filter or a form (SQLite's 64-bit integers).
    ("wagtailadmin_explore_results", "OverflowError"): "huge integer in a filter",
    ("wagtailadmin_reports:site_history_results", "OverflowError"): "huge integer",
    ("wagtailforms:index_results", "OverflowError"): "huge integer in a filter",
    ("wagtailsnippets_centres_designcentre:history_results", "OverflowError"): (
        "huge integer in a filter"
    ),
    ("dashboard:catalogue-class-create", "OverflowError"): "huge integer in a form",
    ("dashboard:catalogue-class-update", "OverflowError"): "huge integer in a form",
    # A 100 kB search: SQLite refuses LIKE patterns over 50,000 bytes.
    ("dashboard:order-list", "OperationalError"): "100 kB search on SQLite",
    ("dashboard:partner-list", "OperationalError"): "100 kB search on SQLite",
    ("wagtailsnippets_centres_maker:list_results", "OperationalError"): "100 kB",
    ("wagtailsnippets_centres_designcentre:list_results", "OperationalError"): (
        "100 kB search on SQLite"
    ),
    # Others, one each.
    ("wagtailimages:index_results", "AttributeError"): "search with junk ordering",
    ("wagtaildocs:index_results", "AttributeError"): "search with junk ordering",
    ("wagtailimages:edit", "NoReverseMatch"): "posted 'next' read as a URL name",
    ("wagtaildocs:edit", "NoReverseMatch"): "posted 'next' read as a URL name",
    ("product_chooser:create", "AttributeError"): "chooser create, junk POST",
    ("wagtailsnippetchoosers_centres_maker:create", "AttributeError"): "junk POST",
    ("wagtailsnippetchoosers_centres_designcentre:create", "AttributeError"): (
        "chooser create, junk POST"
    ),
    ("wagtailadmin_choose_page_external_link", "AttributeError"): "junk POST",
    ("dashboard:catalogue-product-create-child", "AttributeError"): "junk GET",
    ("dashboard:partner-delete", "ProtectedError"): "a centre's partner has stock",
}
"""5xx answers the walk found that are not fixed yet, by view and exception:
each is an open item (see the report of issue 12, item 8). A 5xx of any other
view, or of another exception, fails the test."""


def view_name(path: str) -> str:
    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return path


def walked_urls() -> list[str]:
    """Every route's URLs (existing ids, junk), and every live page's."""
    urls = []
    for route in routes(skip_prefixes=LEFT_OUT):
        if route.name and "logout" in route.name:
            continue
        urls.extend(route_urls(route))
    for page in Page.objects.live().filter(depth__gt=1).specific():
        urls.append(page.url)
    return list(dict.fromkeys(urls))


def where_it_failed(error: BaseException) -> str:
    """The exception and the innermost frame of the site's or a library's code."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if "/tests/" not in f.filename]
    frame = (own or frames)[-1]
    place = frame.filename.split("site-packages/")[-1].removeprefix(str(Path.cwd()))
    return f"{type(error).__name__} at {place}:{frame.lineno}"


class Walk:
    """Requests sent as each role; every 5xx kept with what was sent."""

    def __init__(self):
        self.counts = Counter()
        self.server_errors: list[str] = []
        self.known_seen: set[tuple[str, str]] = set()
        self.last_exception: BaseException | None = None

    def remember_exception(self, sender, request=None, **kwargs):
        self.last_exception = sys.exc_info()[1]

    def send(self, role, client, method, url, description, data=None):
        self.last_exception = None
        response = getattr(client, method)(url, data or {})
        self.counts["requests"] += 1
        if response.status_code >= 500:
            payload = {
                key: value[:30] if isinstance(value, str) else repr(value)[:30]
                for key, value in (data or {}).items()
            }
            error = self.last_exception
            known = (view_name(url), type(error).__name__)
            if known in KNOWN_SERVER_ERRORS:
                self.known_seen.add(known)
                self.counts["known 5xx"] += 1
                return response
            cause = where_it_failed(error) if error else ""
            self.server_errors.append(
                f"{response.status_code} as {role}: {method.upper()} {url} "
                f"({description}) {cause} "
                f"{json.dumps(payload, ensure_ascii=False)[:200]}"
            )
        return response

    def as_role(self, role, client, user, urls):
        fuzzed = set()
        for url in urls:
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user, backend=SIGN_IN_BACKEND)
            response = self.send(role, client, "get", url, "page")
            if response.status_code in {200, 405}:
                self.send(role, client, "post", url, "empty POST")
            if response.status_code != 200:
                continue
            for spec in forms_in(response, url):
                signature = (spec.method, view_name(spec.action), frozenset(spec.kinds))
                if signature in fuzzed:
                    continue
                fuzzed.add(signature)
                self.counts["forms"] += 1
                for description, data in bad_payloads(spec):
                    self.send(role, client, spec.method, spec.action, description, data)


def test_no_url_and_no_form_answers_a_server_error(shop, report_figure):
    walk = Walk()
    urls = walked_urls()
    got_request_exception.connect(walk.remember_exception)
    try:
        for role, client in shop["clients"].items():
            started = time.monotonic()
            walk.as_role(role, client, shop["users"][role], urls)
            seconds = time.monotonic() - started
            report_figure(
                f"no-500 walk as {role}: {seconds:.0f} s, {dict(walk.counts)}"
            )
    finally:
        got_request_exception.disconnect(walk.remember_exception)

    report_figure(
        f"no-500 walk: {len(urls)} URLs x {len(shop['clients'])} roles, "
        f"{walk.counts['forms']} forms found, {walk.counts['requests']} requests "
        f"sent, {len(walk.server_errors)} answered 5xx outside the known list; "
        f"{walk.counts['known 5xx']} known 5xx in {len(walk.known_seen)} of the "
        f"{len(KNOWN_SERVER_ERRORS)} views still open"
    )
    assert not walk.server_errors, "\n".join(walk.server_errors)
