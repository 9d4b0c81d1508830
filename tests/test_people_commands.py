"""The customer's people and signals from the command line."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.enums import ContactRole, ContextCategory
from successplan.export.eml import render_email
from successplan.model import Contact, Customer
from successplan.store import Store, signals


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()
    with Store.open(db_path) as store:
        store.save_customer(Customer(id="acme", name="Acme"))

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args])

    return invoke


def test_contact_adds_then_changes_a_person(run, db_path: Path, today) -> None:
    added = run("contact", "acme", "Priya Shah", "--role", "champion", "--email", "p@acme.example")
    assert added.exit_code == 0, added.output
    assert added.output.startswith("Added Priya Shah (champion) at Acme.")
    changed = run("contact", "acme", "priya shah", "--sentiment", "negative")
    assert changed.output.startswith("Changed Priya Shah (champion) at Acme.")
    with Store.open(db_path) as store:
        [priya] = store.load_customer("acme").contacts
    assert (priya.email, priya.sentiment.value, priya.sentiment_on) == (
        "p@acme.example",
        "negative",
        today,
    )


def test_a_champion_leaving_is_a_change_of_context(run, db_path: Path) -> None:
    run("contact", "acme", "Priya Shah", "--role", "champion", "--title", "Ops lead")
    left = run("contact", "acme", "Priya Shah", "--left", "2026-11-20")
    assert (
        "Recorded as a change of context: Priya Shah, Ops lead, the champion, left" in left.output
    )
    with Store.open(db_path) as store:
        [event] = store.load_customer("acme").context_events
    assert event.category is ContextCategory.CHAMPION_CHANGE
    assert event.occurred_on.isoformat() == "2026-11-20"


def test_a_bad_email_is_one_line(run) -> None:
    result = run("contact", "acme", "Priya", "--email", "priya")
    assert result.exit_code == 1
    assert result.output == "Error: email: must be an email address, like priya@acme.com\n"


def test_signal_records_an_answer_once(run, db_path: Path) -> None:
    first = run("signal", "acme", "nps", "9", "--comment", "Great help", "--by", "Priya Shah")
    assert first.output == "Recorded NPS 9 for Acme on 2026-11-23.\n"
    again = run("signal", "acme", "nps", "9", "--comment", "Great help", "--by", "Priya Shah")
    assert again.output == "Acme already has NPS 9 of 2026-11-23: nothing added.\n"
    with Store.open(db_path) as store:
        [answer] = signals.customer_signals(store, "acme")
    assert (answer.comment, answer.respondent) == ("Great help", "Priya Shah")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nps", "11"), "NPS answers are whole numbers from 0 to 10"),
        (("csat", "0"), "CSAT answers are whole numbers from 1 to 5"),
        (("usage", "120"), "a usage figure needs the name of its metric (--metric)"),
    ],
)
def test_a_signal_out_of_its_scale_is_refused(run, args, message) -> None:
    result = run("signal", "acme", *args)
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")


def test_the_email_draft_is_addressed_to_the_champion(today) -> None:
    customer = Customer(
        name="Acme",
        contacts=[
            Contact(name="Omar", email="omar@acme.example", role=ContactRole.EXECUTIVE_SPONSOR),
            Contact(name="Priya Shah", email="priya@acme.example", role=ContactRole.CHAMPION),
        ],
    )
    message = message_from_bytes(render_email(customer, today=today), policy=policy.SMTP)
    assert message["To"] == "Priya Shah <priya@acme.example>"
    internal = message_from_bytes(render_email(customer, internal=True, today=today))
    assert internal["To"] is None


def test_each_change_of_a_customer_records_their_health(run, db_path: Path, today) -> None:
    from successplan.store.health import stored_health

    run("contact", "acme", "Priya Shah", "--role", "champion", "--sentiment", "positive")
    with Store.open(db_path) as store:
        after_contact = stored_health(store, "acme")
    assert after_contact is not None
    assert (after_contact.score, after_contact.band) == (100, "good")
    run("signal", "acme", "nps", "0", "--by", "Priya Shah")
    with Store.open(db_path) as store:
        after_answer = stored_health(store, "acme")
    # Sentiment is the mean of the champion (100) and the NPS answer (0).
    assert after_answer is not None
    assert (after_answer.score, after_answer.band) == (50, "fair")
    run("log", "acme", "Kick-off call", "--type", "call")
    with Store.open(db_path) as store:
        after_log = stored_health(store, "acme")
    # Engagement comes in at 100: a call today.
    assert after_log is not None
    assert after_log.score == 75
    assert after_log.recorded_on == today


def test_log_with_a_contact_sets_the_day_they_were_last_contacted(
    run, db_path: Path, today
) -> None:
    run("contact", "acme", "Priya Shah", "--role", "champion", "--contacted", "2026-10-01")
    run("contact", "acme", "Marcus Lee", "--email", "marcus@acme.example")
    logged = run(
        "log", "acme", "QBR", "--type", "business review", "--on", "2026-11-02",
        "--with", "priya shah", "--with", "marcus@acme.example",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    assert "Last contacted on 2026-11-02: Priya Shah, Marcus Lee." in logged.output
    # An older interaction logged later leaves a later day as it was.
    run("log", "acme", "Old email", "--on", "2026-10-15", "--with", "Priya Shah")
    with Store.open(db_path) as store:
        plan = store.load_customer("acme")
    assert {c.name: c.contacted_on.isoformat() for c in plan.contacts} == {
        "Priya Shah": "2026-11-02",
        "Marcus Lee": "2026-11-02",
    }
    assert [i.summary for i in plan.interactions] == ["QBR", "Old email"]


def test_log_with_someone_unknown_logs_nothing_and_names_the_contacts(run, db_path: Path) -> None:
    run("contact", "acme", "Priya Shah")
    logged = run("log", "acme", "Call", "--with", "Nobody")
    assert logged.exit_code == 1
    assert logged.output.strip().endswith(
        "Acme has no contact called 'Nobody' (contacts: Priya Shah)."
    )
    with Store.open(db_path) as store:
        assert store.load_customer("acme").interactions == []
