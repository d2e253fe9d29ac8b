"""``bin/bench`` (``make bench``) as a smoke run: on this test database, a second per
page, it serves the site with gunicorn in production mode, prints one row of figures
per page and stops its server, also when measuring fails. No figure is judged: speed
is for the benchmark, not the suite."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import (
    MakerProfilePageFactory,
    ProductImageFactory,
    blue_glaze_vase,
)
from tests.servers import free_port, test_database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BENCH = Path(__file__).resolve().parents[2] / "bin" / "bench"
PAGES = {
    "catalogue": 200,
    "product": 200,
    "basket add (POST)": 302,
    "story": 200,
    "home": 200,
    "storefront": 200,
    "stories index": 200,
    "search": 200,
}
NUMBER = r"\d+(?:\.\d+)?"


def run_bench(tmp_path: Path, port: int) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "BENCH_DIR": str(tmp_path / "bench"),
        "BENCH_DATABASE_URL": test_database_url(),
        "BENCH_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "BENCH_LOAD": "none",
        "BENCH_PORT": str(port),
        "BENCH_SECONDS": "1",
        "BENCH_WARMUP": "0",
        "BENCH_CONNECTIONS": "2",
    }
    return subprocess.run(
        [str(BENCH)], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def is_listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_prints_a_row_of_figures_per_page_and_stops_its_server(
    tmp_path, centres, story_index
):
    vase = blue_glaze_vase(centres["four"])
    ProductImageFactory(product=vase)
    MakerProfilePageFactory(parent=story_index["vi"], centre=centres["four"])
    port = free_port()

    result = run_bench(tmp_path, port)

    assert result.returncode == 0, result.stderr[-3000:]
    for name, status in PAGES.items():
        row = re.search(
            rf"^{re.escape(name)}\s+(/\S*)\s+{status}\s+(\d+)\s+(\d+)"
            rf"\s+({NUMBER})\s+({NUMBER})\s+({NUMBER})$",
            result.stdout,
            re.MULTILINE,
        )
        assert row, f"no row for {name}:\n{result.stdout}"
        path, _, queries = row.group(1), row.group(2), int(row.group(3))
        assert path.startswith("/vi/")
        assert queries > 0
        assert f"[{list(PAGES).index(name) + 1}/8] {name}" in result.stderr
    assert f"/vi/shop/catalogue/{vase.slug}_{vase.pk}/" in result.stdout
    assert not is_listening(port)


def test_stops_its_server_when_there_is_nothing_to_measure(tmp_path, centres):
    port = free_port()

    result = run_bench(tmp_path, port)

    assert result.returncode != 0
    assert "no product in stock to measure" in result.stderr
    assert "gunicorn on 127.0.0.1" in result.stderr
    assert not is_listening(port)
