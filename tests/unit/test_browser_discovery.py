"""Where the suite looks for Chromium before it drives the browser tests."""

from __future__ import annotations

import shutil

from tests.conftest import find_chromium, running_in_ci


def test_chromium_path_from_the_environment_wins(monkeypatch, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    monkeypatch.setenv("CHROMIUM_PATH", str(browser))

    assert find_chromium() == str(browser)


def test_a_chromium_path_that_does_not_exist_means_no_chromium(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))

    assert find_chromium() is None


def test_without_chromium_path_the_chromium_on_path_is_used(monkeypatch):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: f"/opt/bin/{name}")

    assert find_chromium() == "/opt/bin/chromium"


def test_only_ci_true_makes_a_missing_browser_an_error(monkeypatch):
    for value, expected in (("true", True), ("TRUE", True), ("1", False), ("", False)):
        monkeypatch.setenv("CI", value)
        assert running_in_ci() is expected
