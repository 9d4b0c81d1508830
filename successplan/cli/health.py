"""A customer's health and the book's NPS on the command line: `health`, `nps`."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from successplan.cli.session import session_of, store_of


@click.command()
@click.argument("customer", required=False)
@click.option("--all", "every", is_flag=True, help="Work out and record every customer's health.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: the score, the band and every factor with its weight and evidence.",
)
@click.pass_context
def health(ctx: click.Context, customer: str | None, every: bool, fmt: str) -> None:
    """A customer's health (good, fair or poor, and 0-100) with every factor explained: its
    value, its weight and the fact behind it. The health is recorded when it changed."""
    from successplan.knowledge.health_book import refresh_health

    if bool(customer) == every:
        raise click.UsageError("Name a CUSTOMER, or give --all.")
    store = store_of(ctx)
    today = session_of(ctx).today
    names = store.customer_names()
    ids = None if every else [store.find_customer(customer or "").id]
    found = refresh_health(store, today, ids)
    if fmt == "json":
        listed = [
            {"customer": names[customer_id], "id": customer_id, **health.as_json()}
            for customer_id, health in found.items()
        ]
        click.echo(json.dumps(listed if every else listed[0], indent=2, ensure_ascii=False))
        return
    for customer_id, health in found.items():
        if health.band is None:
            click.echo(f"{names[customer_id]}: no health yet (no factor has facts).")
            continue
        click.echo(f"{names[customer_id]}: {health.band.value}, {health.score}")
        if every:
            continue
        for factor in health.factors:
            click.echo(
                f"  {factor.factor.value:<17} {factor.value:>3}  weight {factor.weight:>2}  "
                f"{factor.evidence}"
            )


@click.command()
@click.option(
    "--by",
    "grouping",
    type=click.Choice(["customer", "segment", "owner", "book"]),
    default="book",
    show_default=True,
    help="What the NPS is worked out per.",
)
@click.option("--days", default=90, show_default=True, help="The window: the last N days.")
@click.pass_context
def nps(ctx: click.Context, grouping: str, days: int) -> None:
    """The NPS (promoters 9-10 minus detractors 0-6, as a percentage of the answers) per
    customer, segment, owner or for the whole book, over the last N days."""
    from successplan.store.signals import NpsGrouping, net_promoter_scores

    today = session_of(ctx).today
    since = today - timedelta(days=days - 1)
    found = net_promoter_scores(store_of(ctx, read_only=True), NpsGrouping(grouping), since, today)
    if not found:
        click.echo(f"No NPS answers from {since.isoformat()} to {today.isoformat()}.")
        return
    for name, score in found:
        click.echo(
            f"{name or '(none)'}: NPS {score.score:+d} from {score.answers} answers "
            f"({score.promoters} promoters, {score.passives} passives, "
            f"{score.detractors} detractors)"
        )
