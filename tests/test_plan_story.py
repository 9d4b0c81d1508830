"""A plan's life from the command line, told by `history` and `diff` as a CSM reads it:
imported, shared, ticked, evolved, and answered by the customer from the old version."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from successplan.cli import LAZY_COMMANDS, main
from successplan.enums import OutcomeStatus, VersionSource
from successplan.store import Store, records
from tests.samples import seeded_customer

README = Path(__file__).parent.parent / "README.md"


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        result = runner.invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return result

    return invoke


def _tick(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    ticked = re.sub(rf"^- \[ \] ({re.escape(title)})", r"- [x] \1", text, flags=re.MULTILINE)
    assert ticked != text
    path.write_text(ticked, encoding="utf-8")


@pytest.mark.dated
def test_history_and_diff_tell_the_plans_story(
    run, db_path: Path, tmp_path: Path, today: date
) -> None:
    plan_file = tmp_path / "acme.json"
    plan_file.write_text(seeded_customer().model_dump_json(), encoding="utf-8")
    run("import", str(plan_file))
    run("export", "Acme", "--out", str(tmp_path / "sent"))
    sent = next((tmp_path / "sent").glob("*.md"))
    run("done", "Acme", "Pipeline")
    run("evolve", "Acme", "--objective", "Grow revenue in EMEA", "--target", "400000")
    # Weeks later the customer ticks the first version they were given.
    _tick(sent, "First deal closed")
    review = run("review", str(sent), "--apply").output
    assert review.splitlines()[1].startswith(
        f"This file is from version 1 ({today}); since then: "
        'Evolved outcome "Grow new sales revenue to 250,000 USD" (into "Grow revenue in EMEA"'
    )
    assert "(on its copy in the current outcome)" in review
    assert "Recorded 1 completion for Acme Corp." in review

    lines = run("history", "Acme").output.splitlines()
    assert lines[0] == "Acme Corp: 4 versions"
    # Newest first: number, local time, source, summary.
    sources = [line[24:38].strip() for line in lines[1:] if line[:4].strip().isdigit()]
    assert sources[:2] == ["returned plan", "command line"]
    assert re.search(r"shared as md for the customer on .*acme-corp-", "\n".join(lines))
    assert 'Completed milestone "First deal closed with the new process"' in lines[1]

    diff = run("diff", "Acme", "--since", "shared").output.splitlines()
    assert diff[0].startswith("Acme Corp: changes since it was last shared (version 1")
    assert diff[1:] == [
        '  - Evolved outcome "Grow new sales revenue to 250,000 USD" (into "Grow revenue in '
        'EMEA"; kept 2 milestones, 1 accountability item)',
        f'  - Completed milestone "Pipeline imported" (on {today})',
        # The customer's late tick, on the copy the evolve carried.
        f'  - Completed milestone "First deal closed with the new process" (on {today})',
    ]
    with Store.open(db_path) as store:
        plan = store.find_customer("Acme")
        old, new = plan.outcomes
        versions = records.versions(store, plan.id)
    assert old.status is OutcomeStatus.SUPERSEDED and new.status is OutcomeStatus.ACTIVE
    # The tick landed on the active outcome; the superseded one stays as it was sent.
    assert [m.is_done for m in new.milestones] == [True, True]
    assert [m.is_done for m in old.milestones] == [True, False]
    assert new.goal.measure is None or new.goal.measure.target == 400000
    assert [v.source for v in versions] == [
        VersionSource.IMPORT,
        VersionSource.COMMAND_LINE,
        VersionSource.COMMAND_LINE,
        VersionSource.RETURNED_PLAN,
    ]


def test_a_tick_on_an_item_removed_since_is_reported_not_applied(
    run, db_path: Path, tmp_path: Path
) -> None:
    plan_file = tmp_path / "acme.json"
    plan_file.write_text(seeded_customer().model_dump_json(), encoding="utf-8")
    run("import", str(plan_file))
    run("export", "Acme", "--out", str(tmp_path))
    sent = next(tmp_path.glob("*.md"))
    with Store.open(db_path) as store:
        plan = store.load_customer("acme")
        plan.outcomes[0].milestones.pop(1)
        store.save_customer(plan)
    _tick(sent, "First deal closed")
    output = run("review", str(sent), "--apply").output
    assert (
        'milestone "First deal closed with the new process" is no longer in the plan '
        "(removed since it was sent): not applied" in output
    )
    assert "No completion to record." in output


def test_applying_another_customers_file_asks_first(
    run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_file = tmp_path / "acme.json"
    plan_file.write_text(seeded_customer().model_dump_json(), encoding="utf-8")
    run("import", str(plan_file))
    run("add-customer", "Globex")
    run("export", "Acme", "--out", str(tmp_path))
    sent = next(tmp_path.glob("*.md"))
    _tick(sent, "Pipeline imported")
    refused = CliRunner().invoke(
        main, ["--db", str(db_path), "review", str(sent), "--customer", "Globex", "--apply"]
    )
    assert refused.exit_code == 1
    assert "another customer (Acme Corp), not Globex's" in refused.output
    assert "--yes" in refused.output
    monkeypatch.setattr("successplan.cli.exports._interactive", lambda: True)
    asked = CliRunner().invoke(
        main,
        ["--db", str(db_path), "review", str(sent), "--customer", "Globex", "--apply"],
        input="y\n",
    )
    assert "Apply these completions to Acme Corp's plan? [y/N]" in asked.output
    assert "Recorded 1 completion for Acme Corp." in asked.output


def test_done_without_ids_lists_what_can_be_marked(run, tmp_path: Path) -> None:
    plan_file = tmp_path / "acme.json"
    plan_file.write_text(seeded_customer().model_dump_json(), encoding="utf-8")
    run("import", str(plan_file))
    assert run("done", "Acme").output.splitlines() == [
        "pipeline  Pipeline imported",
        "first-deal  First deal closed with the new process",
        "training  Train the sales team on the new playbook",
    ]
    assert "Version 2" in run("done", "Acme", "pipeline", "Train").output
    run("log", "Acme", "Kick-off call", "--type", "call", "--on", "2026-01-05")
    assert "Reopened: Pipeline imported" in run("reopen", "Acme", "pipeline").output
    restored = run("restore", "Acme", "1").output
    assert restored == "Restored Acme Corp to version 1: now version 5.\n"


def test_every_command_is_in_the_readme_command_table() -> None:
    table = README.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `successplan ([a-z-]+)", table, flags=re.MULTILINE))
    commands = set(main.list_commands(None)) | set(LAZY_COMMANDS)  # type: ignore[arg-type]
    assert commands - listed == set()
