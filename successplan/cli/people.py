"""The customer's people and signals on the command line: `contact`, `signal`,
`import-signals`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from successplan.cli.session import session_of, store_of
from successplan.cli.values import DATE, DATE_HELP
from successplan.enums import ContactRole, Sentiment, SignalKind, VersionSource
from successplan.model import Contact
from successplan.plan import contacts
from successplan.signals import new_signal
from successplan.store import signals

ROLES = [role.value for role in ContactRole]
SENTIMENTS = [sentiment.value for sentiment in Sentiment]


@click.command()
@click.argument("customer")
@click.argument("name")
@click.option("--title", default=None, help="Their job title.")
@click.option("--email", default=None, help="Their email address.")
@click.option("--role", type=click.Choice(ROLES), default=None, help="Their part in the plan.")
@click.option(
    "--sentiment",
    type=click.Choice(SENTIMENTS),
    default=None,
    help="How they feel about us, as you read it today.",
)
@click.option("--contacted", type=DATE, default=None, help=f"The day you last spoke: {DATE_HELP}")
@click.option(
    "--left",
    type=DATE,
    default=None,
    help="The day they left the customer's team (a champion or sponsor leaving is recorded "
    "as a change of context).",
)
@click.pass_context
def contact(
    ctx: click.Context,
    customer: str,
    name: str,
    title: str | None,
    email: str | None,
    role: str | None,
    sentiment: str | None,
    contacted: date | None,
    left: date | None,
) -> None:
    """Add a person on the customer's side, or change one (found by name or email)."""
    from successplan.knowledge.health_book import save_plan

    store = store_of(ctx)
    plan = store.find_customer(customer)
    found = contacts.contact_named(plan, name)
    person = found or Contact(name=name)
    given = {
        "title": title,
        "email": email,
        "role": ContactRole(role) if role else None,
        "contacted_on": contacted,
        "left_on": left,
    }
    update = {field: value for field, value in given.items() if value is not None}
    if sentiment is not None:
        update.update(sentiment=Sentiment(sentiment), sentiment_on=session_of(ctx).today)
    person = Contact.model_validate({**person.model_dump(), **update})
    changed = contacts.with_contact(plan, person)
    saved = save_plan(store, changed, session_of(ctx).today, source=VersionSource.COMMAND_LINE)
    what = "Changed" if found else "Added"
    click.echo(
        f"{what} {person.name} ({person.role.value}) at {plan.name}. Version {saved.version}."
    )
    if len(changed.context_events) > len(plan.context_events):
        click.echo(f"Recorded as a change of context: {changed.context_events[-1].summary}")


@click.command()
@click.argument("customer")
@click.argument("kind", type=click.Choice([kind.value for kind in SignalKind]))
@click.argument("value", type=float)
@click.option(
    "--metric", default="", help="What a usage figure measures, e.g. 'weekly active users'."
)
@click.option("--comment", default="", help="What they wrote with their answer.")
@click.option("--by", "respondent", default="", help="Who answered: a name or an email.")
@click.option(
    "--on", "answered_on", type=DATE, default=None, help=f"When (default today): {DATE_HELP}"
)
@click.pass_context
def signal(
    ctx: click.Context,
    customer: str,
    kind: str,
    value: float,
    metric: str,
    comment: str,
    respondent: str,
    answered_on: date | None,
) -> None:
    """Record an NPS answer (0-10), a CSAT answer (1-5) or a usage figure of a customer."""
    from successplan.knowledge.health_book import record_signals

    store = store_of(ctx)
    plan = store.find_customer(customer)
    recorded = new_signal(
        plan.id,
        SignalKind(kind),
        value,
        answered_on or session_of(ctx).today,
        metric=metric,
        comment=comment,
        respondent=respondent,
        source="command line",
    )
    added = record_signals(store, [recorded], session_of(ctx).today)
    what = f"{kind.upper()} {value:g}" if not recorded.metric else f"{recorded.metric} {value:g}"
    if added:
        click.echo(f"Recorded {what} for {plan.name} on {recorded.answered_on.isoformat()}.")
    else:
        click.echo(
            f"{plan.name} already has {what} of {recorded.answered_on.isoformat()}: nothing added."
        )


@click.command("import-signals")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--type",
    "kind",
    type=click.Choice([kind.value for kind in SignalKind]),
    required=True,
    help="What the file holds: NPS answers, CSAT answers or usage figures.",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Read a column as a field: account, external_id, value, date, comment, respondent "
    "or metric (as often as needed).",
)
@click.option("--apply", "apply_changes", is_flag=True, help="Record the signals.")
@click.pass_context
def import_signals(
    ctx: click.Context, file: Path, kind: str, mapping: tuple[str, ...], apply_changes: bool
) -> None:
    """Import NPS or CSAT answers or usage figures from a survey tool's or product
    analytics' CSV file: a dry run unless --apply, bad rows named by their line, all or
    nothing, and answers already recorded are not recorded again."""
    from successplan.signal_files import parse_mapping, read_signal_file, said_problems

    store = store_of(ctx, read_only=not apply_changes)
    read = read_signal_file(
        file,
        SignalKind(kind),
        store.customer_names(),
        session_of(ctx).today,
        parse_mapping(mapping),
    )
    if read.problems:
        count = len(read.problems)
        raise click.ClickException(
            f"{file.name} was not imported: {count} bad row{'s' if count != 1 else ''} "
            f"(nothing was recorded).\n{said_problems(read.problems)}"
        )
    what = f"{kind.upper()} answers" if kind != SignalKind.USAGE.value else "usage figures"
    if not apply_changes:
        known = signals.known_signals(store, read.signals)
        new = len({s.id for s in read.signals}) - known
        click.echo(
            f"{file.name}: {len(read.signals)} {what} of {read.customers} customers; "
            f"{new} new, {known} already recorded."
        )
        if new:
            click.echo("Nothing was recorded: run again with --apply to record them.")
        return
    added = signals.add_signals(store, read.signals)
    click.echo(
        f"Recorded {added} new {what} of {read.customers} customers from {file.name} "
        f"({len(read.signals) - added} already recorded)."
    )
