"""Sign-in limits hold across app servers: gunicorn with two sync workers, over
real HTTP, on this test database, sign-ins to the dashboard and to /cms/ from
several client addresses (a proxy's ``X-Forwarded-For``). The workers share no
memory; the limits count in the shared store (Redis, or the database), so
which worker serves an attempt changes nothing."""

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

    def worker_of_each_post(self, expected: int = 0) -> list[str]:
        """The worker of each POST, once gunicorn has written all ``expected``
        lines: its access log is written after the response is sent."""
        deadline = time.monotonic() + 10
        while True:
            lines = self.access_log.read_text().splitlines()
            workers = [line.split()[0] for line in lines if '"POST ' in line]
            if len(workers) >= expected or time.monotonic() > deadline:
                return workers
            time.sleep(0.1)


@pytest.fixture
def two_workers(tmp_path) -> Iterator[Server]:
    port = free_port()
    access_log = tmp_path / "access.log"
    error_log = tmp_path / "error.log"
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
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "craftsite.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
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
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn stopped:\n{error_log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + DASHBOARD_LOGIN, timeout=30):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"gunicorn not serving:\n{error_log.read_text()}")
                time.sleep(0.2)
        yield Server(url, access_log)
    finally:
        process.terminate()
        process.wait(timeout=15)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Browser:
    """One visitor behind the site's proxy, which says it came from ``address``."""

    server: Server
    address: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _open(self, path: str, data: dict | None = None) -> tuple[int, str]:
        request = urllib.request.Request(
            self.server.url + path,
            data=urllib.parse.urlencode(data).encode() if data else None,
            headers={
                "X-Forwarded-For": self.address,
                "Accept-Language": "en",
                "Referer": self.server.url + path,
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

    def sign_in(self, path: str, email: str, password: str) -> str:
        status, page = self._open(path)
        assert status == 200, page[:500]
        status, page = self._open(
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
def attempts(two_workers, report_figure):
    """Each attempt's row, printed as a table at the end of the run."""
    rows: list[tuple[str, str, str, str, str]] = []

    def attempt(login: str, email: str, address: str, password: str) -> str:
        result = Browser(two_workers, address).sign_in(login, email, password)
        rows.append((login, email.split("@")[0], address, password, result))
        return result

    yield attempt
    workers = two_workers.worker_of_each_post(len(rows))
    report_figure("sign-in attempts on gunicorn with 2 sync workers:")
    report_figure(
        f"{'#':>3} {'worker':>7}  {'form':<26} {'account':<9} {'from':<15} "
        f"{'password':<9} outcome"
    )
    for number, ((login, account, address, password, result), worker) in enumerate(
        zip(rows, workers, strict=True), start=1
    ):
        kind = "right" if password == TEST_PASSWORD else "wrong"
        report_figure(
            f"{number:>3} {worker:>7}  {login:<26} {account:<9} {address:<15} "
            f"{kind:<9} {result}"
        )


def test_limits_hold_whichever_worker_serves_the_attempt(two_workers, attempts):
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

    assert len(set(two_workers.worker_of_each_post())) == 2, (
        "both workers served attempts"
    )
