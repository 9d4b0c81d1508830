"""`successplan export` and `successplan review` through click's runner."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from successplan.cli import main
from successplan.model import Customer
from successplan.store import Store


@pytest.fixture
def run(db_path: Path, demo_store: Store):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(main, ["--db", str(db_path), *args], input=stdin)

    return invoke


@pytest.mark.dated
def test_export_one_customer_writes_the_named_file(run, tmp_path: Path, today: date) -> None:
    result = run("export", "Northwind", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    expected = tmp_path / f"northwind-outfitters-{today.isoformat()}.md"
    assert result.output == f"Wrote {expected}\n"
    assert expected.read_text(encoding="utf-8").startswith("# Success plan for Northwind")


@pytest.mark.parametrize("fmt", ["md", "html", "ics", "json"])
def test_export_all_writes_one_file_per_customer(
    run, tmp_path: Path, demo_customers: list[Customer], fmt: str
) -> None:
    result = run("export", "--all", "--format", fmt, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    # Piped: no progress bar, only the summary.
    assert result.output == f"Wrote {len(demo_customers)} {fmt} files to {tmp_path}\n"
    assert len(list(tmp_path.glob(f"*.{fmt}"))) == len(demo_customers)


def test_export_needs_one_customer_or_all(run) -> None:
    assert run("export").exit_code == 2
    assert run("export", "Northwind", "--all").exit_code == 2


def test_export_of_an_unknown_customer_is_a_clear_error(run) -> None:
    result = run("export", "Nobody at all")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Nobody at all" in result.output


@pytest.mark.dated
def test_review_shows_changes_and_applies_only_with_apply(
    run, tmp_path: Path, db_path: Path, today: date
) -> None:
    run("export", "Northwind", "--out", str(tmp_path))
    exported = next(tmp_path.glob("*.md"))
    text = exported.read_text(encoding="utf-8")
    ticked, count = re.subn(r"^- \[ \] (Abandoned-cart)", r"- [x] \1", text, flags=re.M)
    assert count == 1
    exported.write_text(ticked, encoding="utf-8")

    shown = run("review", str(exported))
    assert shown.exit_code == 0, shown.output
    assert "1 done, 0 reopened, 0 text edited, 0 unknown lines" in shown.output
    assert "done: Abandoned-cart emails running automatically" in shown.output
    assert "run again with --apply" in shown.output
    with Store.open(db_path) as store:
        northwind = store.find_customer("Northwind")
    milestone = next(m for m in northwind.outcomes[0].milestones if "Abandoned" in m.title)
    assert milestone.done_on is None

    applied = run("review", str(exported), "--apply")
    assert applied.exit_code == 0, applied.output
    assert "Recorded 1 completion for Northwind Outfitters." in applied.output
    with Store.open(db_path) as store:
        northwind = store.find_customer("Northwind")
    milestone = next(m for m in northwind.outcomes[0].milestones if "Abandoned" in m.title)
    assert milestone.done_on == today


def test_review_refuses_another_customers_file(run, tmp_path: Path) -> None:
    run("export", "Northwind", "--out", str(tmp_path))
    exported = next(tmp_path.glob("*.md"))
    result = run("review", str(exported), "--customer", "Atlas", "--apply")
    assert result.exit_code == 1
    assert "another customer" in result.output


def test_review_of_a_binary_file_is_a_clear_error(run, tmp_path: Path) -> None:
    binary = tmp_path / "plan.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe garbage")
    result = run("review", str(binary))
    assert result.exit_code == 1
    assert "not UTF-8 text" in result.output


def test_export_all_again_the_same_day_writes_nothing_twice(
    run, tmp_path: Path, demo_customers: list[Customer]
) -> None:
    tmp_path = tmp_path / "exports"
    assert run("export", "--all", "--out", str(tmp_path)).exit_code == 0
    again = run("export", "--all", "--out", str(tmp_path))
    assert again.exit_code == 0, again.output
    count = len(demo_customers)
    assert again.output == f"Wrote 0 md files to {tmp_path} ({count} already there, unchanged)\n"
    assert len(list(tmp_path.iterdir())) == count
    one = run("export", "Northwind", "--out", str(tmp_path))
    assert one.output.startswith("Already there, unchanged: ")


def test_the_export_folder_is_set_once_and_followed(run, tmp_path: Path) -> None:
    chosen = tmp_path / "customer plans"
    assert run("export-folder").output.startswith("Exports are written to exports")
    assert run("export-folder", str(chosen)).output == f"Exports are written to {chosen}\n"
    written = run("export", "Northwind")
    assert written.exit_code == 0, written.output
    assert written.output.startswith(f"Wrote {chosen}/northwind-outfitters-")
    assert run("export-folder", "--reset").output.startswith("Exports are written to exports")


@pytest.mark.parametrize(
    "variant",
    ["CRLF", "quoted in an email reply", "BOM", "re-wrapped, markers moved", "all at once"],
)
def test_review_reads_a_ticked_plan_the_same_however_it_came_back(
    run, tmp_path: Path, variant: str
) -> None:
    from .test_returned_variants import VARIANTS

    run("export", "Northwind", "--out", str(tmp_path / "out"))
    exported = next((tmp_path / "out").glob("*.md"))
    text = exported.read_text(encoding="utf-8")
    ticked, count = re.subn(r"^- \[ \] (Abandoned-cart|Upload)", r"- [x] \1", text, flags=re.M)
    assert count == 2
    plain = tmp_path / "plain.md"
    plain.write_text(ticked, encoding="utf-8")

    def report(result: Result) -> list[str]:
        """The report without its first line (the file's name) and line numbers."""
        return [re.sub(r"line \d+: ", "", line) for line in result.output.split("\n")[1:]]

    expected = report(run("review", str(plain)))
    if variant in ("quoted in an email reply", "all at once"):
        # The reply above the quoted plan is the customer's comment on the whole plan.
        opening, summary, *done, _, end = expected
        expected = [
            opening,
            f"{summary}, 1 comment",
            "  comment on the whole plan: 'Hi Dana,\\nticked what is done.'",
            *done,
            "Nothing was changed: run again with --apply to record 2 completions and 1 comment.",
            end,
        ]
    came_back = tmp_path / "came-back.md"
    came_back.write_bytes(VARIANTS[variant](ticked).encode("utf-8"))
    as_file = run("review", str(came_back))
    pasted = run("review", "-", stdin=VARIANTS[variant](ticked))
    assert as_file.exit_code == pasted.exit_code == 0, as_file.output + pasted.output
    assert report(as_file) == report(pasted) == expected
    assert "2 done, 0 reopened, 0 text edited, 0 unknown lines" in as_file.output
