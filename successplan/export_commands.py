"""The `export` and `review` commands: sharing plans from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from successplan.export import DEFAULT_EXPORT_DIR, ExportFormat, write_export
from successplan.returns import ChangeKind, apply_return, read_return_file
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
        path = write_export(
            store.find_customer(customer), fmt, out_dir, internal=internal, force=force, today=today
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
            write_export(plan, fmt, out_dir, internal=internal, force=force, today=today)
            progress.advance(task)
    click.echo(f"Wrote {len(customers)} {fmt} files to {out_dir}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--customer",
    "expected_customer",
    help="Refuse the file unless it is this customer's plan (name, prefix or id).",
)
@click.option("--apply", "apply_changes", is_flag=True, help="Record the completions.")
@click.pass_context
def review(
    ctx: click.Context, file: Path, expected_customer: str | None, apply_changes: bool
) -> None:
    """Read a Markdown plan the customer ticked and sent back: show what would change.

    Ticked boxes become completions and unticked ones reopen, but only with --apply.
    Edited text and unknown lines are reported, never applied.
    """
    store = _store(ctx)
    source = store.find_customer(expected_customer) if expected_customer else store
    report = read_return_file(source, file)
    click.echo(
        f"{file}: plan of {report.customer_name}, exported {report.exported_on.isoformat()}."
    )
    click.echo(report.summary())
    for change in report.changes:
        click.echo(f"  {change.describe()}")
    if report.of_kind(ChangeKind.TEXT_EDITED):
        click.echo("Edited text is not applied: change the plan yourself where they are right.")
    completions = report.completions
    if not completions:
        click.echo("No completion to record.")
    elif apply_changes:
        apply_return(store, report)
        click.echo(f"Recorded {len(completions)} completion(s) for {report.customer_name}.")
    else:
        click.echo(f"Nothing was changed: run again with --apply to record {len(completions)}.")
