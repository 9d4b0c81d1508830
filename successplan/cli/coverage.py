"""The `coverage` commands: the team's coverage models and the segments that use them."""

from __future__ import annotations

import click

from successplan.cli.session import store_of
from successplan.errors import NotFoundError
from successplan.knowledge import coverage


def _channels(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@click.group("coverage", invoke_without_command=True)
@click.pass_context
def coverage_group(ctx: click.Context) -> None:
    """List the coverage models and the segments that use them (or change them).

    A segment's coverage model gives its customers' new outcomes their first appropriate
    experience, and its cadence is checked when an outcome names none.
    """
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx, read_only=True)
    models = coverage.coverage_models(store)
    click.echo("Coverage models")
    if not models:
        click.echo("  none yet: `successplan coverage set NAME --cadence monthly …` adds one")
    for model in models:
        channels = ", ".join(model.channels) or "no channels"
        click.echo(f"  {model.name} ({model.cadence or 'no cadence'}; {channels})")
        for text in (model.description, model.content):
            if text:
                click.echo(f"    {text}")
    click.echo("Segments")
    segments = coverage.book_segments(store)
    if not segments:
        click.echo("  none yet: give customers a segment with `add-customer --segment`")
    width = max((len(s.segment) for s in segments), default=0)
    for segment in segments:
        used = segment.coverage_model or "no coverage model"
        count = f"{segment.customers} customer{'s' if segment.customers != 1 else ''}"
        click.echo(f"  {segment.segment:<{width}}  {used} ({count})")


@coverage_group.command("set")
@click.argument("name")
@click.option("--description", help="Who it is for.")
@click.option("--content", help="The interactions its customers get.")
@click.option("--channels", help="Separated by commas: 'email, webinar, community'.")
@click.option("--cadence", help="How often: weekly, every 2 weeks, monthly, quarterly…")
@click.pass_context
def set_model(
    ctx: click.Context,
    name: str,
    description: str | None,
    content: str | None,
    channels: str | None,
    cadence: str | None,
) -> None:
    """Add a coverage model, or change the one called NAME (what you leave out stays)."""
    store = store_of(ctx, create=True)
    try:
        current = coverage.coverage_model(store, name).changed()
    except NotFoundError:
        current = {"name": name}
    given = {
        "description": description,
        "content": content,
        "channels": _channels(channels) if channels is not None else None,
        "cadence": cadence,
    }
    current.update({key: value for key, value in given.items() if value is not None})
    model = coverage.parse_coverage_model(current)
    added = coverage.save_coverage_model(store, model)
    click.echo(f"{'Added' if added else 'Changed'} the coverage model {model.name}.")


@coverage_group.command("assign")
@click.argument("segment")
@click.argument("model")
@click.pass_context
def assign(ctx: click.Context, segment: str, model: str) -> None:
    """Have the customers of SEGMENT (as their segment field says it) use MODEL."""
    store = store_of(ctx)
    coverage.assign_coverage(store, segment, model)
    found = coverage.coverage_model(store, model)
    click.echo(f"Segment {segment!r} now uses the coverage model {found.name}.")


@coverage_group.command("unassign")
@click.argument("segment")
@click.pass_context
def unassign(ctx: click.Context, segment: str) -> None:
    """Have SEGMENT use no coverage model."""
    coverage.assign_coverage(store_of(ctx), segment, None)
    click.echo(f"Segment {segment!r} uses no coverage model now.")


@coverage_group.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """Remove a coverage model that no segment uses."""
    coverage.remove_coverage_model(store_of(ctx), name)
    click.echo(f"Removed the coverage model {name}.")
