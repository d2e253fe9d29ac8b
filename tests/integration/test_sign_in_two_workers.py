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
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(__file__).resolve().parents[2]
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_database_url() -> str:
    """The URL of the database this test runs on, for the server's processes."""
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    credentials = quote(database["USER"] or "")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


test_database_url.__test__ = False


@dataclass
class Server:
    url: str
    access_log: Path

    def posts_served(self, expected: int) -> int:
        """How many POSTs this server logged, once it has logged ``expected``:
        gunicorn writes its access log after the response is sent."""
        deadline = time.monotonic() + 10
        while True:
            served = self.access_log.read_text().count('"POST ')
            if served >= expected or time.monotonic() > deadline:
                return served
            time.sleep(0.1)


def start_server(
    directory: Path, env: dict[str, str]
) -> tuple[subprocess.Popen, Server]:
    port = free_port()
    access_log = directory / "access.log"
    error_log = directory / "error.log"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "craftsite.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--access-logfile",
            str(access_log),
            "--access-logformat",
            '%(p)s "%(r)s" %(s)s',
            "--error-logfile",
            str(error_log),
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    return process, Server(f"http://127.0.0.1:{port}", access_log)


def wait_until_serving(process: subprocess.Popen, server: Server) -> None:
    error_log = server.access_log.with_name("error.log")
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{error_log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url + DASHBOARD_LOGIN, timeout=30):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn not serving:\n{error_log.read_text()}")
            time.sleep(0.2)


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
            wait_until_serving(process, server)
        yield started[0][1], started[1][1]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=15)


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
