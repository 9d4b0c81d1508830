"""Finding the file a customer sent back, and completing a path as it is typed."""

from __future__ import annotations

import os
from pathlib import Path

from successplan.sharing import completed_path, newest_returned_file
from tests.samples import seeded_customer


def test_the_newest_file_named_after_the_customers_plan_is_offered(tmp_path: Path) -> None:
    older = tmp_path / "acme-corp-2026-06-01.md"
    newer = tmp_path / "acme-corp-2026-06-15 (1).json"
    for path in (older, newer, tmp_path / "acme-corporation-2026-06-20.md", tmp_path / "x.md"):
        path.write_text("plan")
    os.utime(older, (1, 1))
    assert newest_returned_file(seeded_customer(), tmp_path) == newer


def test_nothing_is_offered_from_a_folder_without_the_plan(tmp_path: Path) -> None:
    (tmp_path / "holiday.jpg").write_text("")
    assert newest_returned_file(seeded_customer(), tmp_path) is None
    assert newest_returned_file(seeded_customer(), tmp_path / "missing") is None


def test_a_path_completes_to_the_first_name_it_begins(tmp_path: Path) -> None:
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads" / "acme-corp-2026-06-15.md").write_text("")
    assert completed_path(f"{tmp_path}/Dow") == f"{tmp_path}/Downloads{os.sep}"
    assert completed_path(f"{tmp_path}/Downloads/ac") == (
        f"{tmp_path}/Downloads/acme-corp-2026-06-15.md"
    )
    assert completed_path(f"{tmp_path}/Nothing") is None
    assert completed_path("") is None
