"""Signals come in from a survey tool's CSV export: a dry run, then applied, then nothing
new; bad rows named by line, and nothing recorded while one is bad."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.model import Customer
from successplan.store import Store, signals
from successplan.store.signals import NpsGrouping, net_promoter_scores

ACCOUNTS = ["Acme", "Globex", "Initech", "Umbrella"]


@pytest.fixture
def run(db_path: Path):
    with Store.open(db_path) as store:
        store.save_customers([Customer(id=name.lower(), name=name) for name in ACCOUNTS])
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["--db", str(db_path), *args])


def _count(db_path: Path) -> int:
    with Store.open(db_path) as store:
        return sum(len(signals.customer_signals(store, name.lower())) for name in ACCOUNTS)


def test_ten_thousand_answers_dry_run_then_applied_then_nothing_new(
    run, db_path: Path, tmp_path: Path
) -> None:
    lines = ["Account Name,Score,Submitted At,Comment,Respondent Email"]
    # Scores go round 0 to 10: each 909 times, and 0 once more (10,000 = 909 × 11 + 1).
    lines += [
        f"{ACCOUNTS[n % 4]},{n % 11},2026-{n % 10 + 1:02d}-15T09:30:00Z,,person{n}@example.com"
        for n in range(10_000)
    ]
    answers = tmp_path / "nps.csv"
    answers.write_text("\n".join(lines) + "\n", encoding="utf-8")

    dry = run("import-signals", str(answers), "--type", "nps")
    assert dry.exit_code == 0, dry.output
    assert dry.output == (
        "nps.csv: 10000 NPS answers of 4 customers; 10000 new, 0 already recorded.\n"
        "Nothing was recorded: run again with --apply to record them.\n"
    )
    assert _count(db_path) == 0

    applied = run("import-signals", str(answers), "--type", "nps", "--apply")
    assert applied.output == (
        "Recorded 10000 new NPS answers of 4 customers from nps.csv (0 already recorded).\n"
    )
    assert _count(db_path) == 10_000

    again = run("import-signals", str(answers), "--type", "nps", "--apply")
    assert again.output.startswith("Recorded 0 new NPS answers")
    assert _count(db_path) == 10_000

    # By hand: 2 × 909 promoters (9, 10), 7 × 909 + 1 detractors (0 to 6), of 10,000:
    # (1818 - 6364) / 10,000 = -45.46%, so -45.
    with Store.open(db_path) as store:
        [(_, book)] = net_promoter_scores(
            store, NpsGrouping.BOOK, date(2026, 1, 1), date(2026, 12, 31)
        )
    assert (book.answers, book.promoters, book.detractors, book.score) == (10_000, 1818, 6364, -45)


def test_bad_rows_are_named_by_line_and_nothing_is_recorded(
    run, db_path: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "csat.csv"
    answers.write_text(
        "Company,Rating,Date,Feedback\n"
        "Acme,5,2026-10-01,Great\n"
        "Nowhere,4,2026-10-01,\n"
        "Globex,9,2026-10-01,\n"
        "Initech,3,someday,\n",
        encoding="utf-8",
    )
    result = run("import-signals", str(answers), "--type", "csat", "--apply")
    assert result.exit_code == 1
    assert result.output == (
        "Error: csat.csv was not imported: 3 bad rows (nothing was recorded).\n"
        "line 3: no customer is called 'Nowhere'\n"
        "line 4: CSAT answers are whole numbers from 1 to 5\n"
        "line 5: 'someday' is not a date\n"
    )
    assert _count(db_path) == 0


def test_map_names_the_columns_a_file_calls_otherwise(run, db_path: Path, tmp_path: Path) -> None:
    figures = tmp_path / "usage.csv"
    figures.write_text(
        "org_ref;kpi;wk;amount\n".replace(";", ",") + "acme,weekly active users,2026-11-16,120\n",
        encoding="utf-8",
    )
    unmapped = run("import-signals", str(figures), "--type", "usage")
    assert unmapped.exit_code == 1
    assert "has no column for account, value, metric" in unmapped.output
    mapped = run(
        "import-signals", str(figures), "--type", "usage", "--apply",
        "--map", "org_ref=external_id", "--map", "kpi=metric", "--map", "amount=value",
        "--map", "wk=date",
    )  # fmt: skip
    assert mapped.exit_code == 0, mapped.output
    with Store.open(db_path) as store:
        [figure] = signals.customer_signals(store, "acme")
    assert (figure.metric, figure.value, figure.answered_on) == (
        "weekly active users",
        120.0,
        date(2026, 11, 16),
    )
