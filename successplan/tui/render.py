"""How dates, progress and success vectors look in tables: the same everywhere."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from successplan.enums import SuccessVector

if TYPE_CHECKING:
    from successplan.knowledge.checks.findings import FindingCounts

VECTOR_STYLES = {
    SuccessVector.ON_TRACK: "green",
    SuccessVector.AT_RISK: "bold yellow",
    SuccessVector.OFF_TRACK: "bold red",
    SuccessVector.ACHIEVED: "cyan",
    SuccessVector.NO_TIME_FRAME: "dim italic",
    SuccessVector.NO_MILESTONES: "dim italic",
}


def vector_cell(vector: SuccessVector | None) -> Text:
    if vector is None:
        return Text("—", style="dim")
    return Text(vector.value, style=VECTOR_STYLES[vector])


HEALTH_STYLES = {"good": "green", "fair": "yellow", "poor": "bold red"}


def health_cell(score: int | None, band: str) -> Text:
    """The recorded health score, coloured by its band (good, fair, poor: the plan's
    health tab says which and why); — until there is one."""
    if score is None or band not in HEALTH_STYLES:
        return Text("—", style="dim")
    return Text(f"{score:>3}", style=HEALTH_STYLES[band])


def progress_cell(progress: float | None, width: int = 5) -> Text:
    """A small bar and the percentage: ▰▰▰▱▱  60%."""
    if progress is None:
        return Text("—", style="dim")
    filled = round(progress * width)
    text = Text("▰" * filled, style="green")
    text.append("▱" * (width - filled), style="dim")
    text.append(f" {progress:>4.0%}")
    return text


def date_cell(
    day: date | None,
    today: date,
    *,
    warn_overdue: bool = False,
    warn_within: int | None = None,
    done: bool = False,
) -> Text:
    """An ISO date; overdue ones in red, near ones (within warn_within days) in yellow."""
    if day is None:
        return Text("—", style="dim")
    style = ""
    if done:
        style = "dim"
    elif warn_overdue and day < today:
        style = "bold red"
    elif warn_within is not None and today <= day <= date.fromordinal(
        today.toordinal() + warn_within
    ):
        style = "yellow"
    return Text(day.isoformat(), style=style)


def first_line(text: str, limit: int = 200) -> str:
    """The first line of a multi-line text, for a one-line cell."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    more = len(text.strip().splitlines()) > 1 or len(line) > limit
    return line[:limit] + ("…" if more else "")


def fit(text: str, width: int, style: str = "") -> Text:
    """Text cut to a column's width with an ellipsis, so that a cut shows as one."""
    cell = Text(text, style=style)
    cell.truncate(width, overflow="ellipsis")
    return cell


def checks_cell(counts: FindingCounts | None) -> Text:
    """A plan's findings at a glance: ●2 problems, ▲1 warning; ✓ when there are none."""
    if counts is None:
        return Text("…", style="dim")
    cell = Text()
    if counts.problems:
        cell.append(f"●{counts.problems}", style="bold red")
    if counts.warnings:
        cell.append(" " if cell else "")
        cell.append(f"▲{counts.warnings}", style="yellow")
    if not cell:
        cell.append("✓" if not counts.hints else f"·{counts.hints}", style="dim green")
    return cell


def arr_cell(arr: float | None) -> Text:
    """An account's ARR, right-aligned in its column; — when it is not known."""
    if arr is None:
        return Text("—", style="dim", justify="right")
    from successplan.amounts import format_amount

    return Text(format_amount(round(arr)), justify="right")


def page_cell(days: int | None, *, read: bool = True) -> Text:
    """How many days the customer's live page has gone unopened (12d), in yellow once the
    plan check says so; — with no live link, … until read."""
    if not read or days is None:
        return Text("…" if not read else "—", style="dim", justify="right")
    from successplan.knowledge.checks.plan_rules import PAGE_UNOPENED_DAYS

    return Text(f"{days}d", style="yellow" if days > PAGE_UNOPENED_DAYS else "", justify="right")
