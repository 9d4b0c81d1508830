"""Sharing a plan: the export choices on offer, the customer's preview, returned plans.

What the app and the command line share. The choices are plain data so that the app's
command palette can list them at start-up; the exporters and the reader of returned
plans are imported only when a file is written or read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from successplan.answers.returns import ReturnReport
    from successplan.model import Customer
    from successplan.plan.changes import PlanChange
    from successplan.plan.history import Share
    from successplan.store import Store
    from successplan.store.versions import PlanRows


@dataclass(frozen=True)
class ExportChoice:
    """One way to export a plan: a format (its file extension), for whom, and its names."""

    fmt: str
    label: str
    palette: str
    help: str
    internal: bool = False


EXPORT_CHOICES = (
    ExportChoice(
        "md",
        "Markdown for the customer",
        "Export plan as Markdown",
        "The customer-facing plan; ticked boxes can come back",
    ),
    ExportChoice(
        "html",
        "HTML page the customer can answer in",
        "Export plan as HTML",
        "They tick and comment in their browser, and send you a reply file",
    ),
    ExportChoice(
        "pdf",
        "PDF to attach",
        "Export plan as PDF",
        "For customers who want an attachment (A4 or Letter print alike)",
    ),
    ExportChoice(
        "eml",
        "Email draft, ready to send",
        "Export plan as an email draft (.eml)",
        "Any mail client opens it: the plan, with PDF, Markdown and calendar",
    ),
    ExportChoice(
        "ics",
        "Calendar of due dates (.ics)",
        "Export plan as calendar (.ics)",
        "Due dates of milestones and items, for any calendar",
    ),
    ExportChoice("json", "JSON", "Export plan as JSON", "The customer-facing plan as data"),
    ExportChoice(
        "md",
        "Internal Markdown (with notes)",
        "Export plan as internal Markdown",
        "Your own copy, with internal notes: never for the customer",
        internal=True,
    ),
)
CUSTOMER_MARKDOWN = EXPORT_CHOICES[0]
# Not a file: a private link to the plan's live page (`successplan serve` shows it).
PRIVATE_LINK = ExportChoice(
    "link",
    "Private link to the live page",
    "Share a private link to the plan's live page",
    "They open it, tick and comment; you see it at once (copied to the clipboard)",
)


@dataclass(frozen=True)
class Exported:
    """What exporting from the app did: the file, whether it was already there with the
    same content, and why the export is not remembered in the plan's history (None: it
    is, or was when the file was first written)."""

    path: Path
    unchanged: bool
    not_remembered: str | None


def export_plan(
    customer: Customer,
    choice: ExportChoice,
    today: date,
    folder: Path,
    store: Store | None = None,
    *,
    namesake: bool = False,
) -> Exported:
    """Write one export into folder (never over an older one) and say what was done.

    The file names the stored version the plan was read at; with `store`, the export is
    remembered (version, format, audience, file) for "changed since last shared".
    `namesake`: another customer's name gives the same file name (`namesakes_of`), so
    the file name also carries the start of this customer's id.
    """
    from successplan.export import ExportFormat, export_file
    from successplan.export.files import remove_stale_exports

    remove_stale_exports(folder)
    written = export_file(
        customer,
        ExportFormat(choice.fmt),
        folder,
        internal=choice.internal,
        today=today,
        plan_version=customer.stored_version,
        namesake=namesake,
    )
    why = None
    # A file already there with the same content was remembered when it was written.
    if store is not None and not written.unchanged:
        from successplan.plan.history import record_export

        why = record_export(store, customer, choice.fmt, written.path, internal=choice.internal)
    return Exported(written.path, written.unchanged, why)


def changes_the_customer_sees(
    store: Store, customer_id: str
) -> tuple[Share | None, list[PlanChange]]:
    """The last share with the customer, and what changed since in what their export shows.

    Both states of the plan are seen as the customer sees them (`customer_view`, and the
    export's own choices: pending expectations, steps not dropped, whole outcomes only
    while worked on): an internal note, the relationship log, a draft or the segment
    changing is nothing new to them. Everything, if the plan was never shared.
    """
    from successplan.plan.changes import describe_changes
    from successplan.plan.history import last_share
    from successplan.store import records

    share = last_share(store, customer_id)
    latest = records.plan_version(store, customer_id)
    before = records.plan_rows_at(store, customer_id, share.version if share else 0)
    after = records.plan_rows_at(store, customer_id, latest)
    seen_before, seen_after = _as_the_customer_sees(before), _as_the_customer_sees(after)
    _keep_evolutions(after, seen_before, seen_after)
    return share, describe_changes(seen_before, seen_after)


def _as_the_customer_sees(rows: PlanRows) -> PlanRows:
    """The rows of a plan the customer's export shows."""
    if not rows:
        return rows
    from successplan.enums import ExpectationStatus
    from successplan.export.markdown import SHOWN_ITEM_STATUSES
    from successplan.export.view import WORKING_STATUSES, customer_view
    from successplan.store.plan_rows import customer_from_plan_rows, plan_rows
    from successplan.store.versions import history_rows

    seen = customer_view(customer_from_plan_rows(rows))
    outcomes = []
    for outcome in seen.outcomes:
        if outcome.status not in WORKING_STATUSES:
            # (Listed by its objective alone, among what was achieved together.)
            outcome = type(outcome)(
                id=outcome.id,
                status=outcome.status,
                created_on=outcome.created_on,
                goal=type(outcome.goal)(objective=outcome.goal.objective),
            )
        accountability = [i for i in outcome.accountability if i.status in SHOWN_ITEM_STATUSES]
        outcomes.append(outcome.model_copy(update={"accountability": accountability}))
    pending = [e for e in seen.expectations if e.status is ExpectationStatus.PENDING]
    seen = seen.model_copy(update={"outcomes": outcomes, "expectations": pending})
    return history_rows(plan_rows(seen))


def _keep_evolutions(after: PlanRows, seen_before: PlanRows, seen_after: PlanRows) -> None:
    """A goal the customer saw that evolved since is said as one change (evolved, and what
    was kept), as the CSM's history says it: the superseded outcome, which their export no
    longer shows, stays in `seen_after` as they last saw it, linked to the new one."""
    for (table, outcome_id), row in after.items():
        old_id = row.get("supersedes") if table == "outcomes" else None
        if not old_id or ("outcomes", old_id) not in seen_before:
            continue
        if ("outcomes", outcome_id) not in seen_after or ("outcomes", old_id) in seen_after:
            continue
        seen_after[("outcomes", outcome_id)]["supersedes"] = old_id
        seen_after.update(
            (key, seen)
            for key, seen in seen_before.items()
            if key == ("outcomes", old_id) or seen.get("outcome_id") == old_id
        )


def namesakes_of(customer_names: dict[str, str]) -> set[str]:
    """The ids, among customers (id → name), whose names give another's file name."""
    from successplan.export.files import namesakes

    return namesakes(customer_names.items())


def preview_markdown(customer: Customer, today: date) -> str:
    """The customer-facing Markdown of a plan, as the preview shows it.

    Served by the exporter, so that the preview and the exported file share one
    rendering; the hidden markers are left out: the preview shows what the customer reads.
    """
    from successplan.export.markdown import render_markdown

    return render_markdown(customer, internal=False, today=today, markers=False)


# What a customer sends back: the ticked Markdown, the HTML page's reply, or an email.
RETURNED_SUFFIXES = (".md", ".json", ".eml", ".txt")


def downloads_folder() -> Path:
    """Where a browser or mail client saves what the customer sent: the user's downloads."""
    import platformdirs

    folder = Path(platformdirs.user_downloads_dir())
    return folder if folder.is_dir() else Path.home()


def newest_returned_file(customer: Customer, folder: Path) -> Path | None:
    """The newest file in `folder` that looks like this customer's plan coming back: its
    export's name (as a mail client or browser saves it, "(1)" and all) and a suffix a
    returned plan has."""
    from successplan.export.files import export_stem

    prefixes = (export_stem(customer, ""), export_stem(customer, "", namesake=True))
    try:
        found = [
            path
            for path in folder.iterdir()
            if path.name.startswith(prefixes)
            and path.suffix.lower() in RETURNED_SUFFIXES
            and path.is_file()
        ]
    except OSError:
        return None
    return max(found, key=_age_and_name) if found else None


def completed_path(text: str) -> str | None:
    """`text` completed to the first file or folder whose name it begins (a folder ends
    in the path separator), as a shell completes a path; None when nothing matches."""
    if not text.strip():
        return None
    typed = typed_path(text)
    folder, start = (typed, "") if text.endswith(("/", os.sep)) else (typed.parent, typed.name)
    try:
        names = sorted(
            entry.name + (os.sep if entry.is_dir() else "")
            for entry in folder.iterdir()
            if entry.name.startswith(start) and not entry.name.startswith(".")
        )
    except OSError:
        return None
    if not names:
        return None
    head = text[: len(text) - len(start)] if start else text
    return head + names[0]


def _age_and_name(path: Path) -> tuple[float, str]:
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    return modified, path.name


def typed_path(text: str) -> Path:
    """The path a person typed or pasted: quotes a terminal adds removed, `~` expanded."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text).expanduser()


def shown_path(path: Path) -> str:
    """A path as a person can find it again: in full, the home folder written `~`."""
    full = path.expanduser().resolve()
    home = Path.home().resolve()
    if full == home or home in full.parents:
        return "~" + os.sep + str(full.relative_to(home)) if full != home else "~"
    return str(full)


def read_returned_plan(customer: Customer, path: Path, store: Store | None = None) -> ReturnReport:
    """What a returned plan would change; `ReturnError` if it is not this plan's.

    `path` is the ticked Markdown plan, the reply file the HTML plan saved, or an email
    saved as a file: all read alike, against the plan as it was sent when `store` holds
    its history.
    """
    from successplan.answers.returns import read_return_file

    return read_return_file(customer, path, history=store)


def read_reply_text(customer: Customer, text: str) -> ReturnReport:
    """What the reply text (or the quoted plan) pasted from an email would change."""
    from successplan.answers.returns import read_return

    return read_return(customer, text)
