"""Exporting every plan at once (`export --all`): one plan that cannot be loaded or
written never stops the others, and the work is told as it goes.

Plans are read a batch at a time, so a whole team's book never sits in memory at once;
files are written by a few threads, whose waits for the disk overlap; the exports are
remembered in the plans' history a batch at a time rather than one commit per plan.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from successplan import clock
from successplan.errors import ExportError, StoreError
from successplan.export import ExportFormat, export_file
from successplan.export.files import Written, namesakes
from successplan.model import Customer
from successplan.progress import Progress
from successplan.store import Store, records
from successplan.store.plan_loading import UnreadablePlanError
from successplan.store.versions import Share

# Formats rendered in pure Python, safe to write from several threads at once.
_THREADED_FORMATS = (
    ExportFormat.MARKDOWN,
    ExportFormat.HTML,
    ExportFormat.ICALENDAR,
    ExportFormat.JSON,
)
WRITERS = 4
# Plans loaded ahead of the writers, and exports remembered per commit.
_AHEAD = 64
_SHARES_PER_COMMIT = 500


@dataclass
class EveryPlanExport:
    """What `export_every_plan` did."""

    total: int
    written: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (customer, why)
    # Exports written that the database could not remember in the plans' history, and why.
    unremembered: int = 0
    not_remembered_because: StoreError | None = None

    @property
    def done(self) -> int:
        return self.written + self.unchanged + len(self.failed)


def export_plan(
    plan: Customer,
    fmt: ExportFormat | str,
    folder: Path,
    *,
    internal: bool,
    force: bool,
    today: date,
    namesake: bool,
    paper: str,
) -> Written:
    """One plan's export, naming the stored version of the plan it comes from."""
    return export_file(
        plan,
        fmt,
        folder,
        internal=internal,
        force=force,
        today=today,
        plan_version=plan.stored_version,
        namesake=namesake,
        paper=paper,
    )


def export_every_plan(
    store: Store,
    fmt: ExportFormat | str,
    folder: Path,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    paper: str = "a4",
    progress: Progress | None = None,
) -> EveryPlanExport:
    """Export every customer's plan to `folder`, carrying on past any plan that fails."""
    fmt = ExportFormat(fmt)
    today = today or clock.today()
    names = store.customer_names()
    same_names = namesakes(names.items())
    result = EveryPlanExport(total=len(names))
    shares: list[Share] = []

    def export(plan: Customer) -> Written:
        return export_plan(
            plan,
            fmt,
            folder,
            internal=internal,
            force=force,
            today=today,
            namesake=plan.id in same_names,
            paper=paper,
        )

    def finish(plan: Customer, writing: Future[Written]) -> None:
        try:
            written = writing.result()
        except ExportError as error:
            result.failed.append((plan.name, str(error)))
        else:
            if written.unchanged:
                result.unchanged += 1
            else:
                result.written += 1
                shares.append(_share(plan, fmt, internal, written))
        _told(progress, result)
        if len(shares) >= _SHARES_PER_COMMIT:
            _remember(store, shares, result)

    writers = WRITERS if fmt in _THREADED_FORMATS else 1
    pending: deque[tuple[Customer, Future[Written]]] = deque()
    try:
        with ThreadPoolExecutor(writers, thread_name_prefix="export") as pool:
            for plan in store.each_customer():
                if isinstance(plan, UnreadablePlanError):
                    result.failed.append((plan.customer_name, plan.problems))
                    _told(progress, result)
                    continue
                pending.append((plan, pool.submit(export, plan)))
                while len(pending) > _AHEAD:
                    finish(*pending.popleft())
            while pending:
                finish(*pending.popleft())
    finally:
        # Also when interrupted (the writers have finished their files by now): what was
        # written is remembered, so that running the command again writes it only once.
        for plan, writing in pending:
            if not writing.cancelled() and writing.exception() is None:
                written = writing.result()
                if not written.unchanged:
                    shares.append(_share(plan, fmt, internal, written))
        _remember(store, shares, result)
    return result


def _share(plan: Customer, fmt: ExportFormat, internal: bool, written: Written) -> Share:
    return Share(plan.id, plan.stored_version or 0, fmt.value, internal, written.path)


def _told(progress: Progress | None, result: EveryPlanExport) -> None:
    if progress is not None:
        progress(result.done, result.total, "Exporting")


def _remember(store: Store, shares: list[Share], result: EveryPlanExport) -> None:
    """Remember the exports in the plans' history; when the database cannot (read-only,
    kept busy, full), count them as not remembered and try no more: the files are kept."""
    if store.read_only or result.not_remembered_because is not None:
        result.unremembered += len(shares)
    elif shares:
        try:
            records.record_shares(store, shares)
        except StoreError as error:
            result.not_remembered_because = error
            result.unremembered += len(shares)
    shares.clear()
