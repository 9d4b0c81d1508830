"""Whatever comes back, `review` ends in one clear line or a report that names every line:
never a traceback, never a line lost without a word, and nothing recorded on an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from successplan.cli import main
from successplan.export.reply import REPLY_FORMAT
from successplan.store import Store, records


@pytest.fixture
def run(db_path: Path, demo_store: Store):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--db", str(db_path), *args])

    return invoke


def version_counts(db_path: Path) -> dict[str, int]:
    with Store.open(db_path) as store:
        return {
            customer_id: len(records.versions(store, customer_id))
            for customer_id in store.customer_ids()
        }


def assert_one_clear_line(result: Result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert expected in result.output


def test_a_reply_file_nested_too_deeply_is_one_clear_line(
    run, db_path: Path, tmp_path: Path
) -> None:
    before = version_counts(db_path)
    reply = tmp_path / "reply.json"
    depth = 50_000
    reply.write_text(f'{{"format": "{REPLY_FORMAT}", "steps": ' + "[" * depth + "]" * depth + "}")
    result = run("review", str(reply), "--apply")
    assert_one_clear_line(result, f"Error: {reply} is not a reply successplan can read:")
    assert "nested too deeply" in result.output
    assert version_counts(db_path) == before


def test_an_email_in_an_unknown_character_set_is_one_clear_line(
    run, db_path: Path, tmp_path: Path
) -> None:
    before = version_counts(db_path)
    email = tmp_path / "reply.eml"
    email.write_bytes(
        b"From: priya@atlas.example\r\nTo: marcus@vendor.example\r\nSubject: Re: plan\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=x-klingon-8\r\n\r\n"
        b"Ticked the sensors.\r\n"
    )
    result = run("review", str(email), "--apply")
    assert_one_clear_line(
        result,
        f'Error: {email} is an email in a character set, "x-klingon-8", that successplan '
        "does not know: ask the customer to send it again as UTF-8, or save its text as a file",
    )
    assert version_counts(db_path) == before


def test_an_email_nested_too_deeply_is_one_clear_line(run, db_path: Path, tmp_path: Path) -> None:
    before = version_counts(db_path)
    depth = 5_000
    parts = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (n, n)
        for n in range(depth)
    )
    ends = b"".join(b"--b%d--\r\n" % n for n in reversed(range(depth)))
    email = tmp_path / "reply.eml"
    email.write_bytes(
        b"From: priya@atlas.example\r\nTo: marcus@vendor.example\r\nSubject: Re: plan\r\n"
        b"MIME-Version: 1.0\r\n" + parts + b"Content-Type: text/plain\r\n\r\nTicked.\r\n" + ends
    )
    result = run("review", str(email), "--apply")
    assert_one_clear_line(result, f"Error: {email} is an email nested too deeply")
    assert version_counts(db_path) == before


def test_a_task_line_with_a_nul_byte_for_its_box_is_shown_as_unknown(
    run, db_path: Path, tmp_path: Path
) -> None:
    assert run("export", "Atlas", "--out", str(tmp_path)).exit_code == 0
    [path] = tmp_path.glob("*.md")
    data = path.read_bytes()
    line = data.split(b"\n").index(next(x for x in data.split(b"\n") if b"Changeover time" in x))
    path.write_bytes(
        data.replace(b"- [ ] Changeover time halved", b"- [\0] Changeover time halved")
    )
    result = run("review", str(path), "--apply")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == [
        "7 task lines read: 0 done, 0 reopened, 0 text edited, 1 unknown lines",
        f"  line {line + 1}: unknown line (its box is neither ticked nor empty): "
        "'- [\\x00] Changeover time halved — due 24 Sep 2026 · owner: Plant manager (your "
        "team)'",
        "No completion to record.",
    ]


def test_a_word_processors_task_line_with_a_nul_byte_for_its_box_is_shown_as_unknown() -> None:
    from successplan.answers.files import read_returned_text
    from successplan.answers.returns import ChangeKind, compare_return
    from successplan.demo import build_demo_customers

    from .conftest import TODAY
    from .test_returned_word_processors import RETURNED

    text = (RETURNED / "atlas-ticked-via-docx-gfm.md").read_text(encoding="utf-8")
    assert text.count("-   [ ] OEE at 75% on line 3") == 1
    returned = read_returned_text(text.replace("-   [ ] OEE at 75%", "-   [\0] OEE at 75%"))
    atlas = next(c for c in build_demo_customers(TODAY) if c.name == "Atlas Manufacturing")
    report = compare_return(atlas, returned)
    assert len(returned.steps) == 7
    assert [(c.line, c.text, c.reason) for c in report.of_kind(ChangeKind.UNKNOWN)] == [
        (
            61,
            "- [\0] OEE at 75% on line 3 — due 13 Nov 2026 · owner: together",
            "its box is neither ticked nor empty",
        )
    ]


def test_a_file_without_markers_dated_the_last_day_of_the_calendar_is_read(
    run, tmp_path: Path
) -> None:
    from .test_returned_word_processors import RETURNED

    text = (RETURNED / "atlas-ticked-via-docx-gfm.md").read_text(encoding="utf-8")
    returned = tmp_path / "returned.md"
    returned.write_text(text.replace("— 23 Nov 2026", "— 31 Dec 9999", 1), encoding="utf-8")
    result = run("review", str(returned))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        f"{returned}: plan of Atlas Manufacturing, exported 9999-12-31."
    )
