"""Real app-server processes for tests: gunicorn over this test's database,
reached over real HTTP on a free loopback port, stopped however the test ends."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60


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

    @property
    def error_log(self) -> Path:
        return self.access_log.with_name("error.log")

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
    """gunicorn with one sync worker, logging to ``directory``."""
    port = free_port()
    access_log = directory / "access.log"
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
            str(directory / "error.log"),
            "--no-control-socket",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    return process, Server(f"http://127.0.0.1:{port}", access_log)


def wait_until_serving(
    process: subprocess.Popen, server: Server, path: str = "/en/shop/dashboard/login/"
) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{server.error_log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(server.url + path, timeout=30):
                return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn not serving:\n{server.error_log.read_text()}")
            time.sleep(0.2)


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each (the request or task under way finishes), then wait;
    one that has not stopped in 20 s is killed."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
