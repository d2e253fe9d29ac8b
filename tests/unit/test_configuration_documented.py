"""Every variable the code reads from the environment is documented twice: in
``.env.example`` and in the README's configuration table. The names are found
in the code itself (Python's ``os.environ``/``env_bool``/``env_list`` calls,
``bin/serve``'s ``${NAME:-…}``, the Makefile's ``NAME ?=``), so a new setting
cannot be added without its documentation."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SKIPPED_FOLDERS = {".venv", ".venv-production", "tests", "migrations", "var", ".git"}
SETTINGS_READERS = {"env_bool", "env_list"}
ENVIRON_READERS = {"get", "setdefault"}
SHELL_DEFAULT = re.compile(r"\$\{([A-Z][A-Z0-9_]*):-")
MAKE_DEFAULT = re.compile(r"^([A-Z][A-Z0-9_]*) \?=", re.MULTILINE)
TABLE_ROW = re.compile(r"^\|(?P<names>[^|]*)\|", re.MULTILINE)


def python_sources() -> list[Path]:
    return [
        path
        for path in BASE_DIR.rglob("*.py")
        if not SKIPPED_FOLDERS.intersection(path.relative_to(BASE_DIR).parts)
    ]


def _is_environ(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def names_read_in_python(source: str) -> set[str]:
    """Names in ``os.environ.get("X")``, ``os.environ["X"]``, ``os.getenv("X")``,
    ``os.environ.setdefault("X", …)``, ``env_bool("X", …)``, ``env_list("X")``."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        key = None
        if isinstance(node, ast.Call) and node.args:
            function = node.func
            if isinstance(function, ast.Name) and function.id in SETTINGS_READERS:
                key = node.args[0]
            elif isinstance(function, ast.Attribute) and (
                function.attr == "getenv"
                or (function.attr in ENVIRON_READERS and _is_environ(function.value))
            ):
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return names


def variables_the_code_reads() -> set[str]:
    names = set()
    for path in python_sources():
        names |= names_read_in_python(path.read_text())
    names |= set(SHELL_DEFAULT.findall((BASE_DIR / "bin" / "serve").read_text()))
    names |= set(MAKE_DEFAULT.findall((BASE_DIR / "Makefile").read_text()))
    return names


def names_in_env_example() -> set[str]:
    text = (BASE_DIR / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def names_in_readme_configuration_table() -> set[str]:
    readme = (BASE_DIR / "README.md").read_text()
    section = readme.split("\n## Configuration", 1)[1].split("\n## ", 1)[0]
    names = set()
    for row in TABLE_ROW.finditer(section):
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", row.group("names")))
    return names


def test_the_finder_sees_every_way_the_code_reads_the_environment():
    source = """
import os
a = os.environ.get("ONE", "x")
b = os.environ["TWO"]
c = env_bool("THREE", False)
d = env_list("FOUR")
os.environ.setdefault("FIVE", "y")
e = os.getenv("SIX")
f = {"SEVEN": 1}.get("SEVEN")
"""
    assert names_read_in_python(source) == {
        "ONE",
        "TWO",
        "THREE",
        "FOUR",
        "FIVE",
        "SIX",
    }


def test_the_finder_reads_the_settings():
    names = variables_the_code_reads()

    assert {"DATABASE_URL", "SECRET_KEY", "SITE_DOMAIN", "EMAIL_BACKEND"} <= names
    assert {"WEB_CONCURRENCY", "PORT"} <= names


@pytest.mark.parametrize(
    "documented",
    [names_in_env_example, names_in_readme_configuration_table],
    ids=[".env.example", "README configuration table"],
)
def test_every_variable_the_code_reads_is_documented(documented):
    missing = sorted(variables_the_code_reads() - documented())

    assert missing == [], f"not documented: {', '.join(missing)}"


@pytest.mark.parametrize(
    "documented",
    [names_in_env_example, names_in_readme_configuration_table],
    ids=[".env.example", "README configuration table"],
)
def test_nothing_documented_is_a_variable_the_code_never_reads(documented):
    stale = sorted(documented() - variables_the_code_reads())

    assert stale == [], f"documented but never read: {', '.join(stale)}"
