"""`import-accounts`: a book brought in from a CRM's report."""

from __future__ import annotations

from pathlib import Path

import click

from successplan.cli.session import session_of, store_of
from successplan.cli.terminal import terminal_progress
from successplan.errors import SuccessPlanError
from successplan.team import crm_import
from successplan.team.handoffs import checklist

_SHOWN = 20


@click.command("import-accounts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help=f"Read COLUMN as FIELD (one of {', '.join(crm_import.FIELDS)}).",
)
@click.option(
    "--apply", "apply_", is_flag=True, help="Make the changes (otherwise only list them)."
)
@click.pass_context
def import_accounts(ctx: click.Context, file: Path, mapping: tuple[str, ...], apply_: bool) -> None:
    """Bring accounts in from a CRM report (CSV): a dry run unless --apply."""
    pairs = {}
    for item in mapping:
        column, equals, target = item.partition("=")
        if not equals:
            raise SuccessPlanError(f"--map {item}: write it COLUMN=FIELD.")
        pairs[column] = target.strip()
    store = store_of(ctx, create=apply_)
    with terminal_progress() as progress:
        rows = crm_import.read_rows(file, pairs)
        found = crm_import.plan_import(store, rows, progress)
        if apply_:
            progress(0, 1, "Saving the accounts")
            crm_import.apply_import(store, found, session_of(ctx).today, checklist(store))
            progress(1, 1, "Saving the accounts")
    verb = ("Added", "Changed") if apply_ else ("Would add", "Would change")
    click.echo(
        f"{verb[0]} {len(found.added)} accounts, {verb[1].lower()} {len(found.changed)}; "
        f"{found.unchanged} unchanged."
    )
    for customer in found.added[:_SHOWN]:
        click.echo(f"  + {customer.name}")
    for customer, fields in found.changed[:_SHOWN]:
        click.echo(f"  ~ {customer.name}: {', '.join(fields)}")
    if not apply_ and (found.added or found.changed):
        click.echo("Nothing was saved: run again with --apply to make these changes.")
