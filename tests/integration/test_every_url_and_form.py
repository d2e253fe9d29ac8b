"""No URL and no form answers a server error, whatever it is sent.

The walk is generated (``tests/fuzzing.py``), so a new URL pattern or form is
covered without editing this test: every public and staff pattern (Oscar's,
ours, Wagtail's admin; Django's admin is the superuser's and left out), its
arguments filled with ids that exist and with junk, is asked with GET (and an
empty POST where it answers) as a visitor, a signed-in buyer, a centre's staff
and a site manager; every form those pages show is sent nothing, its own
values, letters, 100 kB strings (for a GET form the longest the server lets
through), NUL bytes, 40-digit and negative numbers, impossible dates, several
values for one, a truncated JPEG for a file, first in every field at once and
then one field at a time. A form is fuzzed once, as the first role that sees
it. Any 5xx fails the test, listed with role, method, URL, payload and where
the exception was raised.
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
from tests.integration.conftest import LEFT_OUT, SIGN_IN_BACKEND

pytestmark = pytest.mark.django_db


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
    own = [frame for frame in frames if "/tests/" not in frame.filename]
    frame = (own or frames)[-1]
    place = frame.filename.split("site-packages/")[-1].removeprefix(str(Path.cwd()))
    return f"{type(error).__name__}: {str(error)[:120]} at {place}:{frame.lineno}"


class Walk:
    """Requests sent as each role; every 5xx kept with what was sent."""

    def __init__(self):
        self.counts = Counter()
        self.server_errors: list[str] = []
        self.fuzzed: set[tuple] = set()
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
            self.server_errors.append(
                f"{response.status_code} as {role}: {method.upper()} {url} "
                f"({description}) {where_it_failed(error) if error else ''} "
                f"{json.dumps(payload, ensure_ascii=False)[:200]}"
            )
        return response

    def as_role(self, role, client, user, urls):
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
                if signature in self.fuzzed:
                    continue
                self.fuzzed.add(signature)
                self.counts["forms"] += 1
                for description, data in bad_payloads(spec):
                    self.send(role, client, spec.method, spec.action, description, data)


def test_no_url_and_no_form_answers_a_server_error(shop, report_figure):
    walk = Walk()
    urls = walked_urls()
    started = time.monotonic()
    got_request_exception.connect(walk.remember_exception)
    try:
        for role, client in shop["clients"].items():
            walk.as_role(role, client, shop["users"][role], urls)
    finally:
        got_request_exception.disconnect(walk.remember_exception)

    report_figure(
        f"no-500 walk: {len(urls)} URLs x {len(shop['clients'])} roles, "
        f"{walk.counts['forms']} forms fuzzed, {walk.counts['requests']} requests, "
        f"{len(walk.server_errors)} answered 5xx, "
        f"{time.monotonic() - started:.0f} s"
    )
    assert not walk.server_errors, "\n".join(walk.server_errors)
