"""The `export` and `review` commands: sharing plans from the command line."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import Protocol

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from successplan.errors import NotFoundError
from successplan.export import DEFAULT_EXPORT_DIR, ExportFormat, slugify, write_export
from successplan.history import record_export
from successplan.model import Customer
from successplan.returns import ChangeKind, ReturnReport, apply_return, read_return_file
from successplan.store import Store


class _HasStore(Protocol):
    @property
    def store(self) -> Store: ...


def _store(ctx: click.Context) -> Store:
    session: _HasStore = ctx.obj
    return session.store


@click.command()
@click.argument("customer", required=False)
@click.option("--all", "all_customers", is_flag=True, help="Export every customer's plan.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([fmt.value for fmt in ExportFormat]),
    default=ExportFormat.MARKDOWN.value,
    show_default=True,
    help="md for the customer to read, html for a browser or email, ics for calendars, json.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_EXPORT_DIR,
    show_default=True,
    help="Folder to write to.",
)
@click.option(
    "--internal",
    is_flag=True,
    help="Your own version, with internal notes and fields, labelled INTERNAL.",
)
@click.option("--force", is_flag=True, help="Replace an earlier export of the same name.")
@click.pass_context
def export(
    ctx: click.Context,
    customer: str | None,
    all_customers: bool,
    fmt: str,
    out_dir: Path,
    internal: bool,
    force: bool,
) -> None:
    """Export a customer's plan (customer-facing unless --internal) to a file.

    CUSTOMER is a name, a unique prefix of one, or an id. An earlier export is never
    replaced silently: the new file gets a -2, -3… suffix unless --force.
    """
    if all_customers == (customer is not None):
        raise click.UsageError("Name one CUSTOMER, or use --all (not both).")
    store = _store(ctx)
    today = date.today()
    if customer is not None:
        path = _export_one(
            store, store.find_customer(customer), fmt, out_dir, internal, force, today
        )
        click.echo(f"Wrote {path}")
        return
    customers = store.load_all_customers()
    console = Console(stderr=True)
    with Progress(
        TextColumn("Exporting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("export", total=len(customers))
        for plan in customers:
            _export_one(store, plan, fmt, out_dir, internal, force, today)
            progress.advance(task)
    click.echo(f"Wrote {len(customers)} {fmt} files to {out_dir}")


def _export_one(
    store: Store,
    plan: Customer,
    fmt: str,
    out_dir: Path,
    internal: bool,
    force: bool,
    today: date,
) -> Path:
    """Write one export naming the plan's version, and remember what was shared."""
    path = write_export(
        plan,
        fmt,
        out_dir,
        internal=internal,
        force=force,
        today=today,
        plan_version=plan.stored_version,
    )
    record_export(store, plan, fmt, path, internal=internal)
    return path


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--customer",
    "expected_customer",
    help="Refuse the file unless it is this customer's plan (name, prefix or id).",
)
@click.option("--apply", "apply_changes", is_flag=True, help="Record the completions.")
@click.option(
    "--yes",
    "assume_yes",
    is_flag=True,
    help="Apply without asking when the file is another customer's than expected.",
)
@click.pass_context
def review(
    ctx: click.Context,
    file: Path,
    expected_customer: str | None,
    apply_changes: bool,
    assume_yes: bool,
) -> None:
    """Read a Markdown plan the customer ticked and sent back: show what would change.

    The file is compared with the plan as it was sent (the version it names) and the
    plan now. Ticked boxes become completions and unticked ones reopen, but only with
    --apply; a tick on an item carried into a newer outcome lands on its current copy.
    Edited text, unknown lines and items since removed are reported, never applied.
    """
    store = _store(ctx)
    expected = store.find_customer(expected_customer) if expected_customer else None
    report = read_return_file(store, file)
    click.echo(
        f"{file}: plan of {report.customer_name}, exported {report.exported_on.isoformat()}."
    )
    click.echo(report.opening())
    click.echo(report.summary())
    for change in report.changes:
        click.echo(f"  {change.describe()}")
    if report.of_kind(ChangeKind.TEXT_EDITED):
        click.echo("Edited text is not applied: change the plan yourself where they are right.")
    completions = report.completions
    mismatch = _customer_mismatch(store, report, file, expected)
    if mismatch:
        click.echo(f"Careful: {mismatch}")
    if apply_changes and mismatch and not _confirmed(report, assume_yes):
        raise click.ClickException(
            f"Nothing was recorded: {mismatch} Run again with --yes to apply it to "
            f"{report.customer_name}'s plan anyway."
        )
    if not completions:
        click.echo("No completion to record.")
    elif not apply_changes:
        click.echo(f"Nothing was changed: run again with --apply to record {len(completions)}.")
    else:
        apply_return(store, report)
        click.echo(f"Recorded {len(completions)} completion(s) for {report.customer_name}.")


def _customer_mismatch(
    store: Store, report: ReturnReport, file: Path, expected: Customer | None
) -> str:
    """Why the file may not be the plan the CSM means, or "" when all agrees."""
    if expected is not None and expected.id != report.customer_id:
        return (
            f"this file is the plan of another customer ({report.customer_name}), "
            f"not {expected.name}'s."
        )
    named = _customer_named_by_file(store, file)
    if named is not None and named.id != report.customer_id:
        return f"the file's name says {named.name}, but it is {report.customer_name}'s plan inside."
    return ""


_EXPORT_NAME = re.compile(r"^(?P<slug>.+?)-\d{4}-\d\d-\d\d(?:-internal)?(?:-\d+)?$")


def _customer_named_by_file(store: Store, file: Path) -> Customer | None:
    """The customer whose export name the file carries (`acme-corp-2026-11-22.md`), if any."""
    found = _EXPORT_NAME.match(file.stem)
    if found is None:
        return None
    slug = found.group("slug")
    for row in store.query("SELECT id, name FROM customers"):
        if slugify(row["name"]) == slug:
            try:
                return store.load_customer(row["id"])
            except NotFoundError:
                return None
    return None


def _confirmed(report: ReturnReport, assume_yes: bool) -> bool:
    """Ask before applying a file that may be another customer's (never when scripted)."""
    if assume_yes:
        return True
    if not _interactive():
        return False
    return click.confirm(f"Apply these completions to {report.customer_name}'s plan?")


def _interactive() -> bool:
    return sys.stdin.isatty()
