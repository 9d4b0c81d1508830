"""The `export` and `review` commands: sharing plans from the command line."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Protocol

import click

from successplan import clock
from successplan.answers.returns import ChangeKind, ReturnReport, apply_return
from successplan.cli.terminal import terminal_progress
from successplan.errors import NotFoundError
from successplan.export import ExportFormat, slugify
from successplan.export.every_plan import export_every_plan, export_plan
from successplan.export.files import (
    Written,
    namesakes,
    remove_stale_exports,
    terminating_cleanly,
)
from successplan.model import Customer
from successplan.plan.history import record_export, why_not_remembered
from successplan.settings import Settings, export_folder
from successplan.store import Store


class _HasStore(Protocol):
    @property
    def store(self) -> Store: ...


def _store(ctx: click.Context) -> Store:
    session: _HasStore = ctx.obj
    return session.store


FORMAT_HELP = (
    "md for the customer to read and tick, html for a browser (they can answer in it), "
    "pdf to attach, eml for an email draft with the plan and its attachments, "
    "ics for calendars, json as data."
)


@click.command()
@click.argument("customer", required=False)
@click.option("--all", "all_customers", is_flag=True, help="Export every customer's plan.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([fmt.value for fmt in ExportFormat]),
    default=ExportFormat.MARKDOWN.value,
    show_default=True,
    help=FORMAT_HELP,
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: the one `successplan export-folder` set, or exports/).",
)
@click.option(
    "--internal",
    is_flag=True,
    help="Your own version, with internal notes and fields, labelled INTERNAL.",
)
@click.option("--force", is_flag=True, help="Replace an earlier export of the same name.")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default="a4",
    show_default=True,
    help="The paper of the PDF (alone or attached to the email draft).",
)
@click.pass_context
def export(
    ctx: click.Context,
    customer: str | None,
    all_customers: bool,
    fmt: str,
    out_dir: Path | None,
    internal: bool,
    force: bool,
    paper: str,
) -> None:
    """Export a customer's plan (customer-facing unless --internal) to a file.

    CUSTOMER is a name, a unique prefix of one, or an id. An earlier export is never
    replaced silently: the new file gets a -2, -3… suffix unless --force, and a file that
    already holds the same export is left as it is.
    """
    if all_customers == (customer is not None):
        raise click.UsageError("Name one CUSTOMER, or use --all (not both).")
    store = _store(ctx)
    folder = out_dir if out_dir is not None else export_folder()
    remove_stale_exports(folder)
    today = clock.today()
    same_names = namesakes(store.customer_names().items())
    with terminating_cleanly():
        if customer is not None:
            plan = store.find_customer(customer)
            written = export_plan(
                plan,
                fmt,
                folder,
                internal=internal,
                force=force,
                today=today,
                namesake=plan.id in same_names,
                paper=paper,
            )
            verb = "Already there, unchanged:" if written.unchanged else "Wrote"
            click.echo(f"{verb} {written.path}")
            # A file already there with the same content was remembered when written.
            if not written.unchanged:
                _remember_export(store, plan, fmt, written, internal=internal)
            return
        _export_all(store, fmt, folder, internal=internal, force=force, paper=paper)


def _remember_export(
    store: Store, plan: Customer, fmt: str, written: Written, *, internal: bool
) -> None:
    """Remember what was shared, naming the plan's version; when the database cannot, say
    so in one line: the file is written all the same."""
    why = record_export(store, plan, fmt, written.path, internal=internal)
    if why is not None:
        _tell_not_remembered(why)


def _tell_not_remembered(why: str) -> None:
    click.echo(
        f"Not remembered in the plans' history: {why}. Export again with --force once it "
        "can be written, for `diff --since shared` to count it.",
        err=True,
    )


def _export_all(
    store: Store, fmt: str, folder: Path, *, internal: bool, force: bool, paper: str
) -> None:
    done = total = 0

    def told(count: int, of: int, what: str) -> None:
        nonlocal done, total
        done, total = count, of
        progress(count, of, what)

    with terminal_progress() as progress:
        try:
            result = export_every_plan(
                store, fmt, folder, internal=internal, force=force, paper=paper, progress=told
            )
        except (KeyboardInterrupt, SystemExit) as stop:
            progress.stop()
            click.echo(
                f"Stopped after {done} of {total} plans; run the same command again to "
                "finish (what is already written is kept, not written twice).",
                err=True,
            )
            raise SystemExit(130 if isinstance(stop, KeyboardInterrupt) else stop.code) from None
    line = f"Wrote {result.written} {fmt} files to {folder}"
    if result.unchanged:
        line += f" ({result.unchanged} already there, unchanged)"
    click.echo(line)
    if result.unremembered:
        _tell_not_remembered(why_not_remembered(store, result.not_remembered_because))
    if result.failed:
        problems = "\n".join(f"  {name}: {why}" for name, why in result.failed)
        count = len(result.failed)
        raise click.ClickException(
            f"{count} plan{'s' if count != 1 else ''} could not be exported; the others were:\n"
            f"{problems}"
        )


@click.command("export-folder")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--reset", is_flag=True, help="Go back to exports/ in the current folder.")
def export_folder_command(folder: Path | None, reset: bool) -> None:
    """Show, or set once, the folder exports are written to (the app uses it too)."""
    settings = Settings.load()
    if reset:
        settings.export_dir = None
    elif folder is not None:
        settings.export_dir = str(folder.expanduser().resolve())
    if reset or folder is not None:
        settings.save(quiet=False)
    click.echo(f"Exports are written to {settings.export_folder}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--customer",
    "expected_customer",
    help="Refuse the file unless it is this customer's plan (name, prefix or id).",
)
@click.option("--apply", "apply_changes", is_flag=True, help="Record the completions and comments.")
@click.option(
    "--confirm-matched",
    is_flag=True,
    help="With --apply, also record the steps found by their text (a file that lost its markers).",
)
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
    confirm_matched: bool,
    assume_yes: bool,
) -> None:
    """Read what the customer sent back and show what would change.

    FILE is the Markdown plan they ticked (as a file, or an email saved as .eml), the
    reply file the HTML plan saved, or '-' to paste the reply text or the quoted plan from
    an email. Ticked boxes become completions, unticked ones reopen, and comments go into
    the relationship log, but only with --apply. The file is compared with the plan as
    it was sent (the version it names) and the plan now: a tick on an item carried into a
    newer outcome lands on its current copy. Edited text, unknown lines and items since
    removed are reported, never applied; steps found by their text only need
    --confirm-matched.
    """
    from successplan.answers.files import read_returned_bytes, read_returned_path
    from successplan.answers.returns import compare_return

    store = _store(ctx)
    expected = store.find_customer(expected_customer) if expected_customer else None
    if str(file) == "-":
        returned = read_returned_bytes(sys.stdin.buffer.read())
    else:
        returned = read_returned_path(file)
    report = compare_return(store, returned)
    name = "The pasted reply" if str(file) == "-" else str(file)
    click.echo(
        f"{name}: plan of {report.customer_name}, exported {report.exported_on.isoformat()}."
    )
    click.echo(report.opening())
    click.echo(report.summary())
    for change in report.changes:
        click.echo(f"  {change.describe()}")
    if report.of_kind(ChangeKind.TEXT_EDITED):
        click.echo("Edited text is not applied: change the plan yourself where they are right.")
    mismatch = _customer_mismatch(store, report, file, expected)
    if mismatch:
        click.echo(f"Careful: {mismatch}")
    if apply_changes and mismatch and not _confirmed(report, assume_yes):
        raise click.ClickException(
            f"Nothing was recorded: {mismatch} Run again with --yes to apply it to "
            f"{report.customer_name}'s plan anyway."
        )
    _apply_reviewed(store, report, apply_changes=apply_changes, matched=confirm_matched)


def _apply_reviewed(
    store: Store, report: ReturnReport, *, apply_changes: bool, matched: bool
) -> None:
    completions, comments = len(report.completions), len(report.comments)
    confirmed = len(report.matched) if matched else 0
    if report.matched and not matched:
        click.echo(
            f"{_count(len(report.matched), 'step')} matched by text only: check them above, "
            "then add --confirm-matched to record them too."
        )
    if not (completions or comments or confirmed):
        click.echo("No completion to record.")
        return
    recorded = [
        _count(completions + confirmed, "completion") if completions or confirmed else "",
        _count(comments, "comment") if comments else "",
    ]
    what = " and ".join(part for part in recorded if part)
    if not apply_changes:
        click.echo(f"Nothing was changed: run again with --apply to record {what}.")
        return
    apply_return(store, report, matched=matched)
    click.echo(f"Recorded {what} for {report.customer_name}.")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"


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
    for customer_id, name in store.customer_names().items():
        if slugify(name) == slug:
            try:
                return store.load_customer(customer_id)
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
