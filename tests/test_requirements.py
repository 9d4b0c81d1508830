"""A test that needs a tool the machine lacks is skipped with the reason on a developer's
machine, and fails in CI saying what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.requirements import CHROMIUM_VARIABLE, need_tool

NEEDS_CHROMIUM = """
from tests.requirements import need_tool

def test_opens_a_page():
    need_tool("chromium")
"""
REASON = (
    "chromium is missing: install Debian's chromium (or name a browser in $SUCCESSPLAN_CHROMIUM)"
)


@pytest.fixture
def no_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH without chromium, and no browser named in the environment."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(CHROMIUM_VARIABLE, raising=False)


def run_inside(pytester: pytest.Pytester) -> pytest.RunResult:
    """A pytest session of its own over a test that needs chromium, with the summary of
    skips (and none of the installed plugins, which keep state of the outer session)."""
    pytester.makepyfile(test_needs_chromium=NEEDS_CHROMIUM)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
        return pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rfEs")


@pytest.mark.usefixtures("no_chromium")
def test_in_ci_a_missing_tool_fails_the_test_saying_what_to_install(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = run_inside(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [f"FAILED test_needs_chromium.py::test_opens_a_page - Failed: missing in CI: {REASON}"]
    )


@pytest.mark.usefixtures("no_chromium")
def test_elsewhere_a_missing_tool_skips_the_test_with_the_reason_in_the_summary(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    result = run_inside(pytester)
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines([f"SKIPPED [[]1[]] *tests/requirements.py:*: {REASON}"])


@pytest.mark.parametrize("ci", ["false", "0", ""])
@pytest.mark.usefixtures("no_chromium")
def test_only_a_true_ci_variable_makes_a_missing_tool_a_failure(
    monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="chromium is missing"):
        need_tool("chromium")


def test_a_tool_on_the_path_is_found_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "pdftotext"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    assert need_tool("pdftotext") == str(program)


def test_a_browser_named_in_the_environment_is_the_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv(CHROMIUM_VARIABLE, str(browser))
    assert need_tool("chromium") == str(browser)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv(CHROMIUM_VARIABLE, str(tmp_path / "none-here"))
    with pytest.raises(pytest.fail.Exception, match="missing in CI: chromium is missing"):
        need_tool("chromium")
