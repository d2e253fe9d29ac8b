"""A real server for browser tests: its own database, the demo content, ``runserver``.

pytest-django's ``live_server`` needs a transactional database whose flush at
teardown deletes Wagtail's root page and other rows made by migrations from the
reused test database. Instead, one server per test run runs in a subprocess
against a database of its own: a copy of the freshly migrated, still empty test
database (SQLite file copy or PostgreSQL ``CREATE DATABASE … TEMPLATE``), brought
up to date by ``migrate`` and filled by ``load_demo_content``. It is removed at the end.

The server runs with ``DEBUG`` off, as the site does in production: an unknown
address answers with the site's own 404 page, and WhiteNoise serves the static
files ``collectstatic`` gathered into the run's own folder.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections
from playwright.sync_api import Browser, sync_playwright

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_STOP_TIMEOUT = 15
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
STARTUP_TIMEOUT = 60
# Every browser module orders from 127.0.0.1 in one server's lifetime, through
# the server or with Django's test client in a ``manage.py shell`` on its
# database (give that process these too); the limits per address and per hour
# (checkout/limits.py) have tests of their own, so here they are out of reach.
ORDER_LIMITS_OFF = {"MAX_OPEN_UNPAID_ORDERS": "1000", "ORDER_RATE_LIMIT": "1000"}


@dataclass
class DemoServer:
    url: str
    log: Path
    database_url: str
    media_root: Path
    workdir: Path


def _configured_database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{settings.DEFAULT_SQLITE_PATH}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _test_database_in_use() -> bool:
    """True when pytest-django has set up this session's test database."""
    configured = dj_database_url.parse(_configured_database_url())["NAME"]
    return str(connection.settings_dict["NAME"]) != str(configured)


@contextlib.contextmanager
def _sqlite_database(workdir: Path, django_db_blocker) -> Iterator[str]:
    target = workdir / "browser.sqlite3"
    source = str(connection.settings_dict["NAME"])
    if _test_database_in_use() and Path(source).is_file():
        with django_db_blocker.unblock():
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
    yield f"sqlite:///{target}"


@contextlib.contextmanager
def _postgres_database(django_db_blocker) -> Iterator[str]:
    configured = urlsplit(_configured_database_url())
    params = dj_database_url.parse(_configured_database_url())
    name = f"{params['NAME']}_browser"
    admin = {
        "dbname": "postgres",
        "host": params.get("HOST") or None,
        "port": params.get("PORT") or None,
        "user": params.get("USER") or None,
        "password": params.get("PASSWORD") or None,
        "autocommit": True,
    }
    template = connection.settings_dict["NAME"] if _test_database_in_use() else None
    with psycopg.connect(**admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        created = False
        if template:
            with django_db_blocker.unblock():
                connections.close_all()  # a template database must have no session
            with contextlib.suppress(psycopg.errors.ObjectInUse):
                pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                created = True
        if not created:
            pg.execute(f'CREATE DATABASE "{name}"')
    try:
        yield configured._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(**admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )


def wait_until_serving(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the server stopped ({process.returncode}):\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    pytest.fail(
        f"the server did not answer {url} in {STARTUP_TIMEOUT} s:\n"
        f"{log.read_text()[-3000:]}"
    )


@contextlib.contextmanager
def served_in_production(
    demo_server, workdir: Path, name: str, **extra_env: str
) -> Iterator[tuple[str, Path]]:
    """``bin/serve`` (what ``make serve`` runs) on a free port over the demo
    server's database and media: ``(its URL, its log)``, stopped on exit."""
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "SITE_DOMAIN", "SITE_HTTPS"}
    }
    env.update(
        {
            "PYTHON": sys.executable,
            "PORT": str(port),
            "DJANGO_SETTINGS_MODULE": "craftsite.settings.production",
            "DATABASE_URL": demo_server.database_url,
            "MEDIA_ROOT": str(demo_server.media_root),
            "STATIC_ROOT": str(workdir / "static"),
            "CACHE_KEY_PREFIX": f"langnghe-{name}-{port}",
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
    )
    log = workdir / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["bin/serve"],
            cwd=BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, f"{url}/vi/", log)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=PRODUCTION_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def demo_server(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[DemoServer]:
    """The demo site served by ``runserver`` on a free port, started once per run.

    Loading the demo takes most of a minute, so every browser module shares one
    server; each module still launches its own Chromium (see ``browser``).
    """
    workdir = tmp_path_factory.mktemp("browser-server")
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "craftsite.settings.dev",
        "DEBUG": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "CACHE_KEY_PREFIX": f"langnghe-browser-{port}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
        **ORDER_LIMITS_OFF,
    }
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        database = _postgres_database(django_db_blocker)
    else:
        database = _sqlite_database(workdir, django_db_blocker)
    with database as database_url:
        env["DATABASE_URL"] = database_url
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo_content")
        # What loading left to the workers (renditions, Wagtail's search index),
        # done before the first page is shown.
        _manage(env, "run_worker", "--batch")
        _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        log = workdir / "server.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            # Its background worker, as ``make run`` starts one: it sends the
            # e-mails, printed to the same log.
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
                cwd=BASE_DIR,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(process, f"{url}/vi/", log)
            yield DemoServer(
                url=url,
                log=log,
                database_url=database_url,
                media_root=workdir / "media",
                workdir=workdir,
            )
        finally:
            for each in (process, worker):
                each.terminate()
            for each in (process, worker):
                try:
                    each.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    each.kill()
                    each.wait()


@pytest.fixture(scope="module")
def browser(chromium_path: str, demo_server: DemoServer) -> Iterator[Browser]:
    """Chromium, launched once the server is up.

    Playwright's sync API runs an event loop in this thread, and Django refuses
    database work in a thread with a running loop: the server's database (made
    with Django's connection) must be ready before the browser starts.
    """
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
