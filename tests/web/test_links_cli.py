"""`share`, `links` and `unshare` from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from successplan.answers.links import token_of
from successplan.cli import main
from successplan.store import Store, page_links


def _run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def test_share_prints_a_link_that_links_lists_and_unshare_revokes(
    db_path: Path, demo_store: Store
) -> None:
    shared = _run(
        db_path,
        "share",
        "Northwind",
        "--to",
        "ana@northwind.example",
        "--base-url",
        "https://plans.example.com",
    )
    assert shared.exit_code == 0, shared.output
    url = shared.output.splitlines()[0]
    assert url.startswith("https://plans.example.com/p/") and token_of(url)
    # The base URL is remembered for the next link.
    again = _run(db_path, "share", "Northwind", "--expires", "12h")
    assert again.output.startswith("https://plans.example.com/p/")
    listed = _run(db_path, "links", "Northwind")
    assert "ana@northwind.example" in listed.output and "never" in listed.output
    assert listed.output.count("live") == 2
    assert token_of(url) not in listed.output
    revoked = _run(db_path, "unshare", url)
    assert revoked.output.strip() == "Revoked 1 link of Northwind Outfitters."
    assert _run(db_path, "unshare", "Northwind").output.strip() == (
        "Revoked 1 link of Northwind Outfitters."
    )
    assert {link.revoked_at is not None for link in page_links.links(demo_store)} == {True}


def test_share_refuses_a_bad_expiry_and_unshare_an_unknown_link_in_one_line(
    db_path: Path, demo_store: Store
) -> None:
    bad = _run(db_path, "share", "Northwind", "--expires", "forever")
    assert bad.exit_code == 1 and "30d" in bad.output and "Traceback" not in bad.output
    unknown = _run(db_path, "unshare", "https://plans.example.com/p/" + "A" * 43)
    assert unknown.exit_code == 1 and "not one of this book's" in unknown.output
