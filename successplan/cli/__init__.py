"""The command line: the app by default, plus headless verbs over the same core.

Modules that load pydantic, the exporters or rich are imported inside the commands that
use them: the bare `successplan` starts the app, and its first frame should not wait for
code it does not need yet.
"""

from __future__ import annotations

import importlib
import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from successplan import clock
from successplan.cli.session import Session, check_database_path, session_of, store_of
from successplan.cli.terminal import terminal_progress
from successplan.cli.values import DATABASE, DATE, DATE_HELP, TEXT, echo_table
from successplan.enums import VersionSource
from successplan.errors import PlanValidationError, SuccessPlanError
from successplan.store import DB_ENVIRONMENT_VARIABLE, Store, default_db_path
from successplan.store.customer_table import customer_rows

if TYPE_CHECKING:
    from successplan.model import Customer

# Commands defined in modules of their own, loaded only when run (or listed by --help).
LAZY_COMMANDS = {
    "export": "successplan.cli.exports:export",
    "export-folder": "successplan.cli.exports:export_folder_command",
    "review": "successplan.cli.exports:review",
    "evolve": "successplan.cli.plans:evolve",
    "done": "successplan.cli.plans:done",
    "reopen": "successplan.cli.plans:reopen",
    "log": "successplan.cli.plans:log",
    "history": "successplan.cli.plans:history_command",
    "diff": "successplan.cli.plans:diff",
    "restore": "successplan.cli.plans:restore",
    "check": "successplan.cli.checks:check",
    "explain": "successplan.cli.checks:explain",
    "templates": "successplan.cli.templates:templates",
    "new-outcome": "successplan.cli.templates:new_outcome_command",
    "save-template": "successplan.cli.templates:save_template_command",
    "coverage": "successplan.cli.coverage:coverage_group",
    "admin": "successplan.cli.admin:admin_group",
    "team": "successplan.cli.team:team_group",
    "assign": "successplan.cli.team:assign",
    "handoff": "successplan.cli.team:handoff",
    "import-accounts": "successplan.cli.accounts:import_accounts",
    "share": "successplan.cli.links:share",
    "links": "successplan.cli.links:links_command",
    "unshare": "successplan.cli.links:unshare",
    "serve": "successplan.cli.serve:serve",
    "contact": "successplan.cli.people:contact",
    "signal": "successplan.cli.people:signal",
    "import-signals": "successplan.cli.people:import_signals",
    "health": "successplan.cli.health:health",
    "nps": "successplan.cli.health:nps",
}


class CommandGroup(click.Group):
    """Shows domain errors as one clear message and exit code 1, never a traceback, and
    loads the commands of LAZY_COMMANDS when they are asked for."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlanValidationError as error:
            raise click.ClickException(_one_line(error.problems)) from None
        except SuccessPlanError as error:
            raise click.ClickException(str(error)) from None
        except ValueError as error:
            # A value the model refuses, given to a command that builds part of a plan.
            from pydantic import ValidationError  # loaded already: the model raised it

            from successplan.model import problems_of

            if not isinstance(error, ValidationError):
                raise
            raise click.ClickException(_one_line(problems_of(error))) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module_name, attribute = LAZY_COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module_name), attribute)
        else:
            found = super().get_command(ctx, name)
            if found is None:
                return None
            command = found
        _give_every_command_its_session_options(command)
        return command


def _one_line(problems: list[tuple[str, str]]) -> str:
    """The model's problems with what a command was given, said in one line."""
    return "; ".join(
        f"{location}: {message}" if location else message for location, message in problems
    )


def _choose_database(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    """--db or --demo given after the command's name."""
    if param.name == "session_db" and value is not None:
        session_of(ctx).choose(db_path=value)
    elif param.name == "session_demo" and value:
        session_of(ctx).choose(demo=True)


DB_HELP = (
    f"Database file (default: {default_db_path()}), or a team's book on PostgreSQL "
    f"(postgresql://user@host/db or service=NAME); or set {DB_ENVIRONMENT_VARIABLE}."
)

DEMO_HELP = "Work on a throwaway copy of the demo accounts."


def _give_every_command_its_session_options(command: click.Command) -> None:
    """--db and --demo after a command's name too (as the README says every command takes
    them), and text refused as it comes in when it is not UTF-8."""
    if not any(param.name == "session_db" for param in command.params):
        command.params += [
            click.Option(
                ["--db", "session_db"],
                type=DATABASE,
                expose_value=False,
                callback=_choose_database,
                help=DB_HELP,
            ),
            click.Option(
                ["--demo", "session_demo"],
                is_flag=True,
                expose_value=False,
                callback=_choose_database,
                help=DEMO_HELP,
            ),
        ]
    for param in command.params:
        if param.type is click.STRING:
            param.type = TEXT
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            _give_every_command_its_session_options(subcommand)


@click.group(cls=CommandGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db_path",
    type=DATABASE,
    envvar=DB_ENVIRONMENT_VARIABLE,
    help=DB_HELP,
)
@click.option("--demo", is_flag=True, help=DEMO_HELP)
@click.version_option(package_name="successplan")
@click.pass_context
def main(ctx: click.Context, db_path: Path | str | None, demo: bool) -> None:
    """Draft, share and track customer success plans."""
    session = Session(db_path, demo, clock.today())
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        # Imported here so that the headless verbs never pay for loading Textual.
        from successplan.tui.idle_collection import hold_collector_for_start, release_collector

        # What starting the app makes (modules, classes, its first screen) lives as long as
        # the app: no collector passes over it until the first frame is drawn, when the app
        # sets it aside and lets the collector run again.
        hold_collector_for_start()
        try:
            from successplan.settings import export_folder
            from successplan.tui.app import SuccessPlanApp

            # The app opens the database itself (creating it on first run), reading the
            # first rows as Textual starts.
            app = SuccessPlanApp(
                partial(session.open_store, create=True), export_dir=export_folder()
            )
            app.run()
        finally:
            release_collector()
        if app.return_code:
            ctx.exit(app.return_code)


@main.command()
@click.option("--mine", is_flag=True, help="Only the accounts you own or co-own.")
@click.pass_context
def customers(ctx: click.Context, mine: bool) -> None:
    """List the customers with their progress, success vector and next due date."""
    store = store_of(ctx, read_only=True)
    rows = customer_rows(store, session_of(ctx).today)
    if mine:
        from successplan.team.accounts import my_account_ids

        owned = my_account_ids(store)
        rows = [row for row in rows if row.id in owned]
    if not rows:
        click.echo("No customers yet: add one with `successplan add-customer NAME`.")
        return
    table = [
        ("Customer", "Segment", "Owner", "Active", "Progress", "Vector", "Next due", "Renewal"),
        *(
            (
                row.name,
                row.segment,
                row.account_owner,
                str(row.active_outcomes),
                f"{row.progress:.0%}" if row.progress is not None else "–",
                row.vector.value if row.vector else "–",
                _iso(row.next_due),
                _iso(row.renewal_on),
            )
            for row in rows
        ),
    ]
    echo_table(table)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else "–"


@main.command("add-customer")
@click.argument("name")
@click.option("--segment", default="", help="Industry and size, e.g. 'Retail · Mid-market'.")
@click.option("--owner", "account_owner", default="", help="The account owner on our side.")
@click.option(
    "--renewal",
    "renewal_on",
    type=DATE,
    default=None,
    help=f"Renewal date: {DATE_HELP}",
)
@click.pass_context
def add_customer(
    ctx: click.Context, name: str, segment: str, account_owner: str, renewal_on: date | None
) -> None:
    """Add a customer with an empty plan."""
    from successplan.model import parse_customer
    from successplan.team.accounts import owner_fields

    store = store_of(ctx, create=True)
    customer = parse_customer(
        {
            "name": name,
            "segment": segment,
            "renewal_on": renewal_on,
            **owner_fields(store, account_owner),
        }
    )
    store.save_customer(customer, source=VersionSource.COMMAND_LINE)
    click.echo(f"Added {customer.name} ({customer.id}).")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace the customer if it already exists.")
@click.pass_context
def import_plan(ctx: click.Context, file: Path, replace: bool) -> None:
    """Import a JSON plan file: every problem is reported, and nothing is saved unless all is
    well."""
    what = f"Importing {file.name}"
    with terminal_progress() as progress:
        progress(0, 3, what)
        customer = read_plan_file(file)
        progress(1, 3, what)
        store = store_of(ctx, create=True)
        found = store.customer_names().get(customer.id)
        if found is not None and not replace:
            raise click.ClickException(
                f"A customer with the id {customer.id} already exists "
                f"({found}); use --replace to overwrite it."
            )
        progress(2, 3, what)
        store.save_customer(customer, source=VersionSource.IMPORT)
        progress(3, 3, what)
    click.echo(
        f"{'Replaced' if found is not None else 'Imported'} {customer.name} ({customer.id})."
    )


def read_plan_file(file: Path) -> Customer:
    """Read and validate a JSON plan file, reporting every problem with its location."""
    from successplan.input_files import check_input_file
    from successplan.model import parse_customer

    check_input_file(file)
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is not an error.
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise click.ClickException(f"{file} is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise click.ClickException(
            f"{file} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        ) from None
    except RecursionError:
        raise click.ClickException(
            f"{file} is not a plan: its JSON is nested too deeply to be one."
        ) from None
    try:
        return parse_customer(data)
    except PlanValidationError as error:
        raise click.ClickException(f"{file} was not imported. {error}") from None


@main.command()
@click.argument("customer")
@click.option("--customer-view", is_flag=True, help="Show what the customer sees instead.")
@click.pass_context
def show(ctx: click.Context, customer: str, customer_view: bool) -> None:
    """Show a customer's whole plan, internal notes included (formatted on a terminal)."""
    from rich.console import Console
    from rich.markdown import Markdown

    from successplan.export import render_markdown

    plan = store_of(ctx, read_only=True).find_customer(customer)
    text = render_markdown(plan, internal=not customer_view, markers=False)
    console = Console()
    if console.is_terminal:
        console.print(Markdown(text))
    else:
        click.echo(text, nl=False)


@main.command("export-json")
@click.argument("customer")
@click.pass_context
def export_json(ctx: click.Context, customer: str) -> None:
    """Print a customer's whole plan as JSON (the format `import` reads).

    A stored plan that breaks a rule of the model is printed as stored, with the problems
    on stderr and exit code 1: correct the file and load it back with `import --replace`.
    """
    from successplan.store.plan_loading import UnreadablePlanError

    store = store_of(ctx, read_only=True)
    try:
        click.echo(store.find_customer(customer).model_dump_json(indent=2))
    except UnreadablePlanError as error:
        stored = store.stored_plan_data(error.customer_id)
        click.echo(json.dumps(stored, indent=2, ensure_ascii=False))
        click.echo(
            f"The plan of {error.customer_name} breaks a rule, so it was printed as stored: "
            f"{error.problems}. Correct the file and load it back with "
            "`successplan import FILE --replace`.",
            err=True,
        )
        ctx.exit(1)


@main.command()
@click.option("--force", is_flag=True, help="Add the demo accounts beside your own customers.")
@click.pass_context
def demo(ctx: click.Context, force: bool) -> None:
    """Fill the database with eight demo accounts (running it again refreshes them)."""
    from successplan.demo import build_demo_customers
    from successplan.demo_signals import record_demo_signals

    store = store_of(ctx, create=True)
    demo_customers = build_demo_customers(session_of(ctx).today)
    demo_ids = {customer.id for customer in demo_customers}
    if not force and any(id_ not in demo_ids for id_ in store.customer_ids()):
        raise click.ClickException(
            f"{store.path} already holds your own customers; use --force to add the demo "
            "accounts beside them, or --db to choose another file."
        )
    store.save_customers(demo_customers, source=VersionSource.DEMO)
    record_demo_signals(store, demo_customers, session_of(ctx).today)
    click.echo(
        f"Wrote {len(demo_customers)} demo accounts to {store.path}. Try `successplan customers`."
    )


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_context
def backup(ctx: click.Context, file: Path, force: bool) -> None:
    """Write a consistent copy of the database to FILE (an SQLite file, also of a book on
    PostgreSQL), safe while the app is open."""
    from successplan.store.backup import back_up

    store = store_of(ctx, read_only=True)
    with terminal_progress() as progress:
        written = back_up(store, file, force=force, progress=progress)
    click.echo(f"Wrote a copy of {store.location} to {written}.")


def _counted(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


@main.command("copy")
@click.argument("source", type=DATABASE)
@click.argument("target", type=DATABASE)
@click.option("--merge", is_flag=True, help="Add to a TARGET that already holds plans.")
def copy_command(source: Path | str, target: Path | str, merge: bool) -> None:
    """Copy a whole book from SOURCE to TARGET (files or PostgreSQL servers), and check it.

    Every plan with its versions and shares, and the team's coverage models. A TARGET that
    holds plans is refused unless --merge (plans it holds exactly so are skipped; one it
    holds otherwise refuses the copy before anything is written).
    """
    from successplan.store.copy import copy_book

    if isinstance(source, Path):
        check_database_path(source, create=False)
    with Store.open(source, read_only=True) as reading, Store.open(target) as writing:
        with terminal_progress() as progress:
            report = copy_book(reading, writing, merge=merge, progress=progress)
        said = (
            f"Copied {_counted(report.plans, 'plan')} ({_counted(report.versions, 'version')}, "
            f"{_counted(report.shares, 'share')}) from {reading.location} to "
            f"{writing.location}, and checked them."
        )
        if report.skipped:
            said += f" {report.skipped} were already there, unchanged."
        click.echo(said)


@main.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the schema (default: the schemas/ folder); '-' prints it.",
)
def schema(out: Path | None) -> None:
    """Write the JSON Schemas generated from the model: plan documents, and (without --out)
    reply files, plan check findings and outcome templates too.

    With --out, only the plan documents' schema is written there.
    """
    from successplan.export.json_schema import SCHEMA_FILE_NAME, other_schemas, render_schema
    from successplan.files import write_text_atomically

    text = render_schema()
    if str(out) == "-":
        click.echo(text, nl=False)
        return
    written = [(out or Path("schemas") / SCHEMA_FILE_NAME, text)]
    if out is None:
        written += [(Path("schemas") / name, render()) for name, render in other_schemas()]
    for path, content in written:
        write_text_atomically(path, content)
        click.echo(f"Wrote {path}.")
