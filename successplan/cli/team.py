"""The `team` commands (people, roles, the manager's report and settings), `assign` and
`handoff`."""

from __future__ import annotations

import csv
import io

import click

from successplan.cli.session import session_of, store_of
from successplan.enums import Role
from successplan.store import people as stored
from successplan.team import handoffs, report
from successplan.team import people as team

_ROLE = click.Choice([role.value for role in Role])


@click.group("team", invoke_without_command=True)
@click.pass_context
def team_group(ctx: click.Context) -> None:
    """List the team's people: name, role, email, login, accounts owned."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx, read_only=True)
    everyone = stored.people(store)
    if not everyone:
        click.echo("No one in the team yet: `successplan team add NAME --email E --role R`.")
        return
    owned: dict[str | None, int] = {}
    for account in stored.accounts(store):
        owned[account.owner_id] = owned.get(account.owner_id, 0) + 1
    you = team.me(store)
    for person in everyone:
        login = f"  login {person.login}" if person.login else ""
        mark = "  (you)" if you and you.id == person.id else ""
        click.echo(
            f"{person.name:<24} {person.role.value:<8} {person.email:<28} "
            f"{owned.get(person.id, 0):>4} accounts{login}{mark}".rstrip()
        )


@team_group.command("add")
@click.argument("name")
@click.option("--email", default="", help="The person's email.")
@click.option("--role", type=_ROLE, default=Role.CSM.value, help="manager, csm or observer.")
@click.option(
    "--login", default=None, help="Their database role on PostgreSQL (default: from the email)."
)
@click.pass_context
def team_add(ctx: click.Context, name: str, email: str, role: str, login: str | None) -> None:
    """Add a person to the team (on PostgreSQL with their login role)."""
    person = team.add(store_of(ctx, create=True), name, email, Role(role), login)
    login_said = f", logging in as {person.login}" if person.login else ""
    click.echo(f"Added {person.name} ({person.role.value}{login_said}).")


@team_group.command("set")
@click.argument("person")
@click.option("--name", default=None, help="A new name.")
@click.option("--email", default=None, help="A new email.")
@click.option("--role", type=_ROLE, default=None, help="A new role.")
@click.option("--login", default=None, help="A new login (PostgreSQL).")
@click.pass_context
def team_set(
    ctx: click.Context,
    person: str,
    name: str | None,
    email: str | None,
    role: str | None,
    login: str | None,
) -> None:
    """Change a person's name, email, role or login."""
    store = store_of(ctx)
    changed = team.change(
        store,
        stored.find_person(store, person),
        name=name,
        email=email,
        role=Role(role) if role else None,
        login=login,
    )
    click.echo(f"{changed.name}: {changed.role.value}, {changed.email or 'no email'}.")


@team_group.command("remove")
@click.argument("person")
@click.pass_context
def team_remove(ctx: click.Context, person: str) -> None:
    """Remove a person who owns no account."""
    store = store_of(ctx)
    found = stored.find_person(store, person)
    team.remove(store, found)
    click.echo(f"Removed {found.name} from the team.")


@team_group.command("me")
@click.argument("person", required=False)
@click.pass_context
def team_me(ctx: click.Context, person: str | None) -> None:
    """Say who you are (or, on one SQLite file, choose who you are: remembered)."""
    store = store_of(ctx)
    if person is not None:
        team.choose_me(store, stored.find_person(store, person))
    you = team.me(store)
    click.echo(f"You are {you.name} ({you.role.value})." if you else "No one of the team yet.")


@team_group.command("report")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    help="text (default), json or csv.",
)
@click.pass_context
def team_report(ctx: click.Context, fmt: str) -> None:
    """The manager's view: per person, accounts, ARR, off track, overdue, stale plans."""
    found = report.team_report(store_of(ctx, read_only=True), session_of(ctx).today)
    if fmt == "json":
        click.echo(found.as_json())
        return
    columns = (
        "name",
        "role",
        "accounts",
        "arr",
        "off_track",
        "at_risk",
        "overdue_steps",
        "stale_plans",
        "unshared_plans",
        "check_problems",
    )
    rows = [[getattr(person, column) for column in columns] for person in found.people]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
        return
    heading = (
        "Person",
        "Role",
        "Accounts",
        "ARR",
        "Off",
        "Risk",
        "Overdue",
        "Stale",
        "Unshared",
        "Problems",
    )
    table = [heading, *[[_cell(value) for value in row] for row in rows]]
    widths = [max(len(line[i]) for line in table) for i in range(len(heading))]
    for line in table:
        click.echo("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    limits = found.thresholds
    click.echo(
        f"Stale: not changed for {limits[report.STALE_SETTING]} days; unshared: not shared "
        f"with the customer for {limits[report.UNSHARED_SETTING]} days."
    )
    if found.arr_at_risk_by_quarter:
        click.echo("ARR at risk by renewal quarter:")
        for quarter, arr in found.arr_at_risk_by_quarter.items():
            click.echo(f"  {quarter}  {_cell(arr)}")
    if found.arr_by_health:
        click.echo("ARR by health:")
        width = max(len(_cell(arr)) for arr in found.arr_by_health.values())
        for band, arr in found.arr_by_health.items():
            click.echo(f"  {band or 'no health yet':<13}  {_cell(arr):>{width}}")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)


@team_group.command("settings")
@click.option(
    "--stale-after", type=int, default=None, help="Days without a change before a plan is stale."
)
@click.option(
    "--unshared-after", type=int, default=None, help="Days without a share before a plan is stale."
)
@click.option("--checklist", default=None, help="The handoff checklist, items separated by ';'.")
@click.option(
    "--check",
    "checks",
    multiple=True,
    metavar="NAME=VALUE",
    help="A plan check's threshold for the whole team, e.g. no_interaction_days=45.",
)
@click.pass_context
def team_settings(
    ctx: click.Context,
    stale_after: int | None,
    unshared_after: int | None,
    checklist: str | None,
    checks: tuple[str, ...],
) -> None:
    """Show or change the team's settings (a manager's): stale thresholds, handoff
    checklist, the plan checks' thresholds."""
    from successplan.knowledge.checks.book import team_thresholds
    from successplan.team.knowledge import set_check_threshold

    store = store_of(ctx)
    for given in checks:
        name, _, value = given.partition("=")
        try:
            number = float(value)
        except ValueError:
            raise click.UsageError(f"--check {given}: write NAME=NUMBER.") from None
        set_check_threshold(store, name.strip(), number)
    if stale_after is not None:
        report.set_threshold(store, report.STALE_SETTING, stale_after)
    if unshared_after is not None:
        report.set_threshold(store, report.UNSHARED_SETTING, unshared_after)
    if checklist is not None:
        handoffs.set_checklist(store, checklist.split(";"))
    limits = report.thresholds(store)
    click.echo(f"Stale after {limits[report.STALE_SETTING]} days without a change.")
    click.echo(f"Unshared after {limits[report.UNSHARED_SETTING]} days without a share.")
    click.echo("Handoff checklist: " + "; ".join(handoffs.checklist(store)))
    for threshold, days in team_thresholds(store).items():
        click.echo(f"Check threshold {threshold}: {days} (the team's)")


@click.command()
@click.argument("customer")
@click.argument("person")
@click.option("--note", default="", help="What the new owner should know.")
@click.pass_context
def assign(ctx: click.Context, customer: str, person: str, note: str) -> None:
    """Hand an account to another person, with a checklist for them."""
    store = store_of(ctx)
    plan = store.find_customer(customer)
    to = stored.find_person(store, person)
    handoffs.assign(store, plan, to, session_of(ctx).today, note)
    click.echo(f"Handed {plan.name} to {to.name}: " + "; ".join(handoffs.checklist(store)) + ".")


@click.command()
@click.argument("customer", required=False)
@click.option("--done", "item", type=int, default=None, help="Tick item N of the checklist.")
@click.pass_context
def handoff(ctx: click.Context, customer: str | None, item: int | None) -> None:
    """List the accounts handed to you, or one account's checklist (--done N ticks an item)."""
    store = store_of(ctx, read_only=item is None)
    you = team.me(store)
    names = store.customer_names()
    if customer is None:
        if you is None:
            click.echo("No one of the team yet: `successplan team me NAME` says who you are.")
            return
        mine = handoffs.handed_to(store, you)
        if not mine:
            click.echo("Nothing handed to you is waiting.")
        for found in mine:
            left = sum(not done for _, done in found.checklist)
            click.echo(
                f"Handed to you: {names.get(found.customer_id, found.customer_id)} "
                f"({found.handed_on}, {left} to do)"
            )
        return
    plan = store.find_customer(customer)
    waiting = [h for h in handoffs.handoffs_of(store, plan.id) if h.done_on is None]
    if not waiting:
        click.echo(f"No handoff of {plan.name} is waiting.")
        return
    current = waiting[-1]
    if item is not None:
        current = handoffs.tick(store, current, item, session_of(ctx).today)
    click.echo(
        f"{plan.name}, handed on {current.handed_on}"
        + (f": {current.note}" if current.note else "")
    )
    for number, (text, done) in enumerate(current.checklist, start=1):
        click.echo(f"  {number}. [{'x' if done else ' '}] {text}")
    if current.done_on:
        click.echo("Handoff done.")
