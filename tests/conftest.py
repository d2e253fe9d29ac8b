"""Shared fixtures: media in a temporary folder, a clean cache, the page tree, Chromium.

Browser tests (marked ``browser``) need Debian's Chromium. Without it they are
left out with a plain line in the summary, except under ``CI=true``, where a
missing browser stops the run: CI never skips a test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import transaction
from django.utils import translation

from tests.factories import (
    add_story_index,
    blue_glaze_vase,
    build_page_tree,
    cms_member,
    lacquer_tray,
    three_centres,
)

CHROMIUM_NOT_FOUND = (
    "Chromium not found: browser tests left out; "
    "install Debian's chromium or set CHROMIUM_PATH"
)
_chromium_key = pytest.StashKey[str | None]()
_left_out_key = pytest.StashKey[int]()
query_counts_key = pytest.StashKey[dict[str, tuple[int, int]]]()
figures_key = pytest.StashKey[list[str]]()


def find_chromium() -> str | None:
    """CHROMIUM_PATH, else ``chromium``/``chromium-browser`` on PATH, else /usr/bin."""
    configured = os.environ.get("CHROMIUM_PATH", "").strip()
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    # Tests serve no collected static files (var/static is made by collectstatic), and
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")
    config.stash[_chromium_key] = find_chromium()
    config.stash[query_counts_key] = {}
    config.stash[figures_key] = []


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if not browser_tests or config.stash[_chromium_key]:
        return
    if running_in_ci():
        raise pytest.UsageError(
            f"CI=true and {CHROMIUM_NOT_FOUND.split(':')[0]}: "
            f"{len(browser_tests)} browser test(s) cannot run. "
            "Install Debian's chromium or set CHROMIUM_PATH."
        )
    items[:] = [item for item in items if not item.get_closest_marker("browser")]
    config.hook.pytest_deselected(items=browser_tests)
    config.stash[_left_out_key] = len(browser_tests)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem) -> None:
    """A transactional test ends by emptying the database: put back what the
    migrations made (countries, rate tables, the page tree's root), so the
    tests after it, and the next run that reuses the database, find it whole."""
    yield
    marker = item.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def pytest_terminal_summary(
    terminalreporter, exitstatus, config: pytest.Config
) -> None:
    counts = config.stash.get(query_counts_key, {})
    if counts:
        terminalreporter.section("SQL queries per page, few products -> many")
        for page, (small, large) in counts.items():
            terminalreporter.write_line(f"{page}: {small} -> {large}")
    figures = config.stash.get(figures_key, [])
    if figures:
        terminalreporter.section("Measured")
        for line in figures:
            terminalreporter.write_line(line)
    if config.stash.get(_left_out_key, 0):
        terminalreporter.write_line(CHROMIUM_NOT_FOUND)


@pytest.fixture(scope="session")
def chromium_path(pytestconfig: pytest.Config) -> str:
    path = pytestconfig.stash[_chromium_key]
    if not path:
        raise pytest.UsageError(CHROMIUM_NOT_FOUND)
    return path


@pytest.fixture(autouse=True)
def _media_in_tmp_dir(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _vietnamese_outside_requests():
    """URLs a test builds are Vietnamese unless it says otherwise."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    """Wagtail caches site root paths and renditions: a rolled-back test must not
    leave its own."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def record_query_counts(pytestconfig: pytest.Config):
    """Report a page's query counts at the end of the run."""

    def record(page: str, small: int, large: int) -> None:
        pytestconfig.stash[query_counts_key][page] = (small, large)

    return record


@pytest.fixture(scope="session")
def report_figure(pytestconfig: pytest.Config):
    """Print a measured figure at the end of the run."""

    def report(line: str) -> None:
        pytestconfig.stash[figures_key].append(line)

    return report


@pytest.fixture
def make_page_tree(db):
    """``make_page_tree(centres)``: home, villages, centres, storefronts; vi and en."""
    return build_page_tree


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Rows a module's read-only tests share: made once, rolled back after the module.

    Each test still runs in its own savepoint, so what a test writes is undone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def centres(db):
    """Three centres, one per kind of star level: 4, 3 and not yet known."""
    return three_centres()


@pytest.fixture
def cms_language():
    """The language the CMS speaks to ``editor`` and ``moderator``: their own
    choice unless a module overrides this fixture."""
    return None


@pytest.fixture
def editor(db, cms_language):
    """A member of Wagtail's Editors: writes stories and submits them."""
    return cms_member("Editors", cms_language=cms_language)


@pytest.fixture
def moderator(db, cms_language):
    """A member of Wagtail's Moderators: approves and publishes what is submitted."""
    return cms_member("Moderators", cms_language=cms_language)


@pytest.fixture
def vase(centres):
    """Bát Tràng's blue-glaze vase (``blue_glaze_vase``): 1 250 000 đồng, 3 in stock."""
    return blue_glaze_vase(centres["four"])


@pytest.fixture
def tray(centres):
    """Hạ Thái's lacquer tray (``lacquer_tray``), for orders of two centres."""
    return lacquer_tray(centres["unknown"])


@pytest.fixture
def page_tree(make_page_tree, centres):
    """The three centres on the site, each with a storefront in both languages."""
    return make_page_tree(centres.values())


@pytest.fixture
def story_index(page_tree):
    """The stories index of ``page_tree``, by language (vi, and en translated)."""
    return add_story_index(page_tree)


@pytest.fixture(scope="session")
def stripe_standin():
    """A local stand-in for Stripe's API, served over HTTP on a free loopback port."""
    from tests.stripe_standin import StripeStandIn

    standin = StripeStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def cards(settings, stripe_standin):
    """Card payments on, the real stripe library pointed at the stand-in."""
    stripe_standin.reset()
    settings.STRIPE_SECRET_KEY = stripe_standin.api_key
    settings.STRIPE_WEBHOOK_SECRET = stripe_standin.webhook_secret
    settings.STRIPE_API_BASE = stripe_standin.url
    return stripe_standin


@pytest.fixture
def deliver_webhook(client, cards, django_capture_on_commit_callbacks):
    """``deliver_webhook(event)``: post a Stripe event, signed as Stripe signs it.

    What the webhook leaves for after its transaction (the e-mail) runs too.
    """

    def deliver(event, *, header: str | None = None):
        body, signature = cards.signed(event)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/payments/stripe/webhook/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header if header is not None else signature,
            )

    return deliver
