"""The customer's page from the command line: `share` a private link to a plan, list the
`links` with when each was opened, `unshare` (revoke) them, and `serve` the page."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from successplan.answers import links as page_links
from successplan.cli.session import store_of
from successplan.cli.values import echo_table
from successplan.settings import Settings
from successplan.store import page_links as stored_links


def _when(seconds: int | None) -> str:
    if seconds is None:
        return "never"
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


@click.command()
@click.argument("customer")
@click.option("--to", "recipient", default="", help="Whom the link is for (a name or an email).")
@click.option(
    "--expires",
    default="30d",
    show_default=True,
    help="How long the link works: 12h, 30d, 8w (at most a year).",
)
@click.option(
    "--base-url",
    help="Where `successplan serve` is reached, e.g. https://plans.example.com "
    "(remembered for the next links).",
)
@click.pass_context
def share(
    ctx: click.Context, customer: str, recipient: str, expires: str, base_url: str | None
) -> None:
    """Print a private link to CUSTOMER's live page (`successplan serve` shows it)."""
    lasts = page_links.expiry(expires)
    settings = Settings.load()
    if base_url is not None:
        settings.page_base_url = page_links.checked_base_url(base_url)
        settings.save(quiet=False)
    store = store_of(ctx)
    plan = store.find_customer(customer)
    made = page_links.share(
        store,
        plan,
        base_url=settings.page_base_url or page_links.DEFAULT_BASE_URL,
        recipient=recipient,
        lasts=lasts,
    )
    who = f" for {made.link.recipient}" if made.link.recipient else ""
    click.echo(made.url)
    click.echo(
        f"Link {made.link.id} to {plan.name}'s plan{who}, until {_when(made.link.expires_at)}; "
        "only this copy of it exists: send it now."
    )


@click.command("links")
@click.argument("customer", required=False)
@click.pass_context
def links_command(ctx: click.Context, customer: str | None) -> None:
    """List the private links (of CUSTOMER, or all), with when each was last opened."""
    store = store_of(ctx, read_only=True)
    customer_id = store.find_customer(customer).id if customer else None
    listed = stored_links.links(store, customer_id)
    if not listed:
        click.echo("No links yet: `successplan share CUSTOMER` makes one.")
        return
    now = page_links.now_seconds()
    table = [
        ("Link", "Customer", "For", "State", "Opened", "Last opened", "Answers", "Expires"),
        *(
            (
                link.id,
                link.customer_name,
                link.recipient or "–",
                link.state(now),
                str(link.opened_count),
                _when(link.last_opened_at),
                str(link.answers),
                _when(link.expires_at),
            )
            for link in listed
        ),
    ]
    echo_table(table)


@click.command()
@click.argument("link_or_customer")
@click.pass_context
def unshare(ctx: click.Context, link_or_customer: str) -> None:
    """Revoke a link (its URL or id), or every link of a customer: it opens no page again."""
    name, count = page_links.unshare(store_of(ctx), link_or_customer)
    if count == 0:
        click.echo(f"No live link of {name} to revoke.")
    else:
        click.echo(f"Revoked {count} link{'s' if count != 1 else ''} of {name}.")
