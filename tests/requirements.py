"""What some tests need from the machine besides Python packages: a browser, poppler's
readers, the Pango library, root (to mount a small disk), a PostgreSQL server.

Every such test asks here (`need_tool("chromium")`). On a developer's machine a missing
tool skips the test, saying what is missing and how to get it (pytest lists the reasons:
`-rs` is in addopts). In CI (`CI=true`, as `.ci/run` sets) it fails the test with the
same words instead: a CI run that passes has run every test.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM_VARIABLE = "SUCCESSPLAN_CHROMIUM"


@dataclass(frozen=True)
class Tool:
    """Something tests need from the machine: how to find it, and how to get it."""

    what: str
    find: Callable[[], str | None]
    remedy: str


def _program(*names: str) -> Callable[[], str | None]:
    def find() -> str | None:
        return next((path for name in names if (path := shutil.which(name))), None)

    return find


def _chromium() -> str | None:
    chosen = os.environ.get(CHROMIUM_VARIABLE)
    if chosen:
        return chosen if Path(chosen).is_file() else None
    return _program("chromium", "chromium-browser", "google-chrome")()


def _library(name: str) -> Callable[[], str | None]:
    return lambda: ctypes.util.find_library(name)


def _module(name: str) -> Callable[[], str | None]:
    return lambda: name if importlib.util.find_spec(name) is not None else None


def _postgres_programs() -> str | None:
    """The folder of PostgreSQL's server programs (`postgres_server.server_binaries`)."""
    from tests.postgres_server import server_binaries

    found = server_binaries()
    return str(found) if found is not None else None


def _root() -> str | None:
    return "root" if os.geteuid() == 0 else None


TOOLS = {
    "chromium": Tool(
        "chromium",
        _chromium,
        f"install Debian's chromium (or name a browser in ${CHROMIUM_VARIABLE})",
    ),
    "pdftotext": Tool("pdftotext", _program("pdftotext"), "install Debian's poppler-utils"),
    "pdfinfo": Tool("pdfinfo", _program("pdfinfo"), "install Debian's poppler-utils"),
    "pdftoppm": Tool("pdftoppm", _program("pdftoppm"), "install Debian's poppler-utils"),
    "pango": Tool(
        "the Pango library (for WeasyPrint's PDF)",
        _library("pango-1.0"),
        "install Debian's libpango-1.0-0 and libpangoft2-1.0-0",
    ),
    "playwright": Tool(
        "Playwright for Python", _module("playwright"), "install the test extras ('.[test]')"
    ),
    "postgres": Tool(
        "PostgreSQL's server (initdb, pg_ctl)",
        _postgres_programs,
        "install Debian's postgresql",
    ),
    "setpriv": Tool(
        "setpriv (as root, a folder's permissions bind only a process it runs)",
        _program("setpriv"),
        "install Debian's util-linux",
    ),
    "root": Tool("root", _root, "run the tests as root (to mount a small file system)"),
}


def in_ci() -> bool:
    """Whether this is a CI run, which must run every test."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing(reason: str) -> NoReturn:
    """Skip the test for `reason`, or in CI fail it with the same words."""
    if in_ci():
        pytest.fail(f"missing in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def need_tool(name: str) -> str:
    """Where the tool called `name` in TOOLS is (a path, or its name when it has none);
    when it is missing, skips the test or, in CI, fails it, saying what to install."""
    tool = TOOLS[name]
    found = tool.find()
    if found is None:
        missing(f"{tool.what} is missing: {tool.remedy}")
    return found
