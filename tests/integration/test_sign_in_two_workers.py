"""Sign-in limits hold across app servers: two gunicorn servers on this test
database, over real HTTP, sign-ins to the dashboard and to /cms/ from several
client addresses (a proxy's ``X-Forwarded-For``). Each attempt fetches the form
from one server and posts it to the other, so consecutive attempts land on
different processes that share no memory; the limits count in the shared store
(Redis, or the database), so which server serves an attempt changes nothing.

Two servers rather than one with two workers: a shared listening socket lets the
kernel hand every connection to the same worker, which no test can rely on."""

from __future__ import annotations

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.factories import TEST_PASSWORD, UserFactory
from tests.servers import (
    Server,
    start_server,
    stop,
    test_database_url,
    wait_until_serving,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRONG = "not-the-password"
ACCOUNT_CEILING = 10
LOCKED = "Too many failed sign-in attempts. Try again in 15 minutes."
SLOWED = re.compile(
    r"Wrong passwords for this account have been tried from many places\. "
    r"Wait (\d+) seconds? and try again\."
)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DASHBOARD_LOGIN = "/en/shop/dashboard/login/"
CMS_LOGIN = "/cms/login/"


@pytest.fixture
def two_servers(tmp_path) -> Iterator[tuple[Server, Server]]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "craftsite.settings.test",
        "DATABASE_URL": test_database_url(),
        "CLIENT_IP_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXY_COUNT": "1",
        "SIGN_IN_ACCOUNT_CEILING": str(ACCOUNT_CEILING),
        "SIGN_IN_SLOW_SECONDS": "60",
        "PYTHONUNBUFFERED": "1",
    }
    started = []
    try:
        for name in ("a", "b"):
            directory = tmp_path / name
            directory.mkdir()
            started.append(start_server(directory, env))
        for process, server in started:
            wait_until_serving(process, server, DASHBOARD_LOGIN)
        yield started[0][1], started[1][1]
    finally:
        stop([process for process, _ in started])


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    """One visitor behind the site's proxy, which says it came from ``address``."""

    address: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _open(
        self, server: Server, path: str, data: dict | None = None
    ) -> tuple[int, str]:
        request = urllib.request.Request(
            server.url + path,
            data=urllib.parse.urlencode(data).encode() if data else None,
            headers={
                "X-Forwarded-For": self.address,
                "Accept-Language": "en",
                "Referer": server.url + path,
                "Connection": "close",
            },
        )
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def sign_in(
        self, form_from: Server, post_to: Server, path: str, email: str, password: str
    ) -> str:
        status, page = self._open(form_from, path)
        assert status == 200, page[:500]
        status, page = self._open(
            post_to,
            path,
            {
                "csrfmiddlewaretoken": CSRF_FIELD.search(page).group(1),
                "username": email,
                "password": password,
            },
        )
        return outcome(status, page)


def outcome(status: int, page: str) -> str:
    if status == 302:
        return "signed in"
    assert status == 200, page[:500]
    if LOCKED in page:
        return "locked 15 min"
    slowed = SLOWED.search(page)
    if slowed:
        return f"slowed: wait {slowed.group(1)} s"
    return "wrong password"


@pytest.fixture
def attempts(two_servers, report_figure):
    """Each attempt's row, printed as a table at the end of the run. Attempt n
    fetches its form from one server and posts it to the other, alternating."""
    rows: list[tuple[str, str, str, str, str, str]] = []

    def attempt(login: str, email: str, address: str, password: str) -> str:
        post_to = len(rows) % 2
        result = Browser(address).sign_in(
            two_servers[1 - post_to], two_servers[post_to], login, email, password
        )
        rows.append(
            ("ab"[post_to], login, email.split("@")[0], address, password, result)
        )
        return result

    yield attempt
    report_figure("sign-in attempts on two gunicorn servers (a, b):")
    report_figure(
        f"{'#':>3} {'server':>6}  {'form':<26} {'account':<9} {'from':<15} "
        f"{'password':<9} outcome"
    )
    for number, (server, login, account, address, password, result) in enumerate(
        rows, start=1
    ):
        kind = "right" if password == TEST_PASSWORD else "wrong"
        report_figure(
            f"{number:>3} {server:>6}  {login:<26} {account:<9} {address:<15} "
            f"{kind:<9} {result}"
        )
    for name, server in zip("ab", two_servers, strict=True):
        sent = sum(1 for row in rows if row[0] == name)
        assert server.posts_served(sent) == sent, f"server {name} served its posts"


def test_limits_hold_whichever_server_serves_the_attempt(attempts):
    manager = UserFactory(email="quan-ly@langnghe.example", is_staff=True)
    editor = UserFactory(
        email="bien-tap@langnghe.example", is_staff=True, is_superuser=True
    )
    owner = UserFactory(email="chu-tk@langnghe.example", is_staff=True)
    stranger, elsewhere, usual = "203.0.113.9", "198.51.100.4", "192.0.2.10"

    for login, person in ((DASHBOARD_LOGIN, manager), (CMS_LOGIN, editor)):
        wrong = [attempts(login, person.email, stranger, WRONG) for _ in range(5)]
        assert wrong == ["wrong password"] * 5
        assert attempts(login, person.email, stranger, TEST_PASSWORD) == (
            "locked 15 min"
        )
        assert attempts(login, person.email, elsewhere, TEST_PASSWORD) == "signed in"

    assert attempts(DASHBOARD_LOGIN, owner.email, usual, TEST_PASSWORD) == "signed in"
    guessers = [f"203.0.113.{100 + number}" for number in range(ACCOUNT_CEILING + 2)]
    spread = [
        attempts(DASHBOARD_LOGIN, owner.email, guesser, WRONG) for guesser in guessers
    ]
    assert spread == ["wrong password"] * (ACCOUNT_CEILING + 1) + ["slowed: wait 60 s"]
    assert (
        attempts(DASHBOARD_LOGIN, owner.email, "203.0.113.250", TEST_PASSWORD)
        == "slowed: wait 60 s"
    )
    assert attempts(DASHBOARD_LOGIN, owner.email, usual, TEST_PASSWORD) == "signed in"
