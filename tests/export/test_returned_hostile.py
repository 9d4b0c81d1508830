"""Whatever comes back, `review` ends in one clear line or a report that names every line:
never a traceback, never a line lost without a word, and nothing recorded on an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from successplan import plan_records
from successplan.cli import main
from successplan.export.reply import REPLY_FORMAT
from successplan.store import Store


@pytest.fixture
def run(db_path: Path, demo_store: Store):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--db", str(db_path), *args])

    return invoke


def version_counts(db_path: Path) -> dict[str, int]:
    with Store.open(db_path) as store:
        return {
            row["id"]: len(plan_records.versions(store, row["id"]))
            for row in store.query("SELECT id FROM customers")
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
