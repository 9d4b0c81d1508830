"""Files from outside end in one clear message and change nothing, whatever they hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from successplan.cli import main
from successplan.input_files import MAX_INPUT_BYTES
from successplan.model import Customer
from successplan.store import Store


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args])

    return invoke


def assert_one_clear_line(result, *expected: str) -> None:
    """Exit 1 with the message, no traceback, nothing else raised."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for part in expected:
        assert part in " ".join(result.output.split())


def stored_names(db_path: Path) -> list[str]:
    with Store.open(db_path) as store:
        return list(store.customer_names().values())


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_import_refuses_a_number_that_is_not_finite(run, db_path, tmp_path, literal) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(
        '{"name": "Acme", "outcomes": [{"goal": {"objective": "Grow", "measure": '
        f'{{"metric": "Revenue", "baseline": 0, "target": {literal}}}}}}}]}}',
        encoding="utf-8",
    )
    result = run("import", str(plan))
    assert_one_clear_line(result, "outcomes.0.goal.measure.target: must be a finite number")
    assert stored_names(db_path) == []


def test_import_refuses_deeply_nested_json_with_a_message(run, db_path, tmp_path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"name": "Acme", "segment": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = run("import", str(plan))
    assert_one_clear_line(result, "nested too deeply")
    assert stored_names(db_path) == []


def test_import_refuses_a_file_over_the_size_limit_before_reading_it(
    run, db_path, tmp_path
) -> None:
    plan = tmp_path / "plan.json"
    with plan.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: the size, without writing it
    result = run("import", str(plan))
    assert_one_clear_line(result, "is larger than", "MB")
    assert stored_names(db_path) == []


def test_review_refuses_a_returned_file_over_the_size_limit(run, tmp_path) -> None:
    run("add-customer", "Acme")
    returned = tmp_path / "returned.md"
    with returned.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    assert_one_clear_line(run("review", str(returned)), "is larger than")


def test_import_accepts_a_utf8_byte_order_mark(run, db_path, tmp_path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(b"\xef\xbb\xbf" + json.dumps({"name": "Acme"}).encode())
    result = run("import", str(plan))
    assert result.exit_code == 0, result.output
    assert stored_names(db_path) == ["Acme"]


def test_spoofing_characters_never_reach_a_customer_facing_export(run, tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    name = "Acme\u202e\u2066Corp\u200b"
    title = "Go\u200d live\u2069"
    plan.write_text(
        json.dumps(
            {
                "name": name,
                "outcomes": [
                    {
                        "status": "active",
                        "goal": {"objective": "Grow\u202d"},
                        "milestones": [{"kind": "strategic", "title": title}],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    assert run("import", str(plan)).exit_code == 0
    out = tmp_path / "out"
    assert run("export", "Acme", "--out", str(out)).exit_code == 0
    [exported] = out.iterdir()
    text = exported.read_text(encoding="utf-8")
    assert "AcmeCorp" in text and "Go live" in text
    assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b")


# Any bytes at all, or any JSON document, given to `import`: a message, never a traceback.
_json = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=200) | _json.map(lambda value: json.dumps(value).encode()))
def test_import_of_anything_ends_in_a_message_or_a_plan(run, tmp_path, content: bytes) -> None:
    plan = tmp_path / "anything.json"
    plan.write_bytes(content)
    result = run("import", "--replace", str(plan))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


_markdownish = st.lists(
    st.sampled_from(
        [
            "- [x] ",
            "- [ ] ",
            "<!-- successplan plan customer=acme exported=2026-11-23 -->",
            "<!-- successplan milestone=m1 was=open text=00 -->",
            "# ",
            "> ",
            "\n",
            "\r\n",
            "`",
            "*",
            "[",
            "]",
            "\u202e",
            "\x00",
            "é",
        ]
    )
    | st.text(max_size=20),
    max_size=30,
).map("".join)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=300) | _markdownish.map(str.encode))
def test_review_of_anything_ends_in_a_message_or_a_report(run, tmp_path, content: bytes) -> None:
    returned = tmp_path / "returned.md"
    returned.write_bytes(content)
    result = run("review", str(returned))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_text_stored_before_it_was_cleaned_is_cleaned_by_the_upgrade(db_path: Path) -> None:
    """Names and titles saved by an older successplan may still hold direction overrides:
    the upgrade removes them as the model now does, and search follows."""
    import sqlite3

    import sqlite_utils

    from successplan.model import DesiredOutcome, Goal, Measure
    from successplan.store.search import search
    from successplan.store.sqlite_migrations import clean_stored_text

    plan = Customer(
        name="Acme",
        outcomes=[
            DesiredOutcome(
                goal=Goal(objective="Grow", measure=Measure(metric="Revenue", target=1.0))
            )
        ],
    )
    with Store.open(db_path) as store:
        store.save_customer(plan)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE customers SET name = 'Ac\u202eme\u200b'")
        connection.execute(
            "UPDATE outcomes SET objective = 'Gr\u2066ow', "
            "measure = replace(measure, 'Revenue', '\u200bRev\u202denue')"
        )
    clean_stored_text(sqlite_utils.Database(connection))
    connection.commit()
    connection.close()
    with Store.open(db_path) as store:
        assert store.load_customer(plan.id) == plan
        assert [hit.outcome_id for hit in search(store, "grow")] == [plan.outcomes[0].id]


def test_a_customers_comment_pasted_with_control_characters_is_kept_without_them() -> None:
    from successplan.answers.replies import comment_text, interaction_summary
    from successplan.model import Interaction

    comment = comment_text("Looks good\x1b[31m, thanks\x07\n\x00")
    assert comment == "Looks good[31m, thanks"
    Interaction(
        occurred_on="2026-11-23",
        direction="inbound-reactive",
        type="other",
        summary=interaction_summary(comment, None),
    )
