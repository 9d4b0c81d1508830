"""The `templates`, `new-outcome` and `save-template` commands: starting outcomes from a known
shape, and keeping the shape of one that worked."""

from __future__ import annotations

from datetime import date

import click

from successplan.cli.session import session_of, store_of
from successplan.cli.values import DATE, DATE_HELP
from successplan.enums import OutcomeStatus, VersionSource
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.knowledge.checks import FindingCounts, check_customer
from successplan.knowledge.coverage import segment_coverage
from successplan.knowledge.plan_templates import OutcomeTemplate, new_outcome, template_from_outcome
from successplan.knowledge.template_files import (
    TemplateFile,
    TemplateSource,
    load_templates,
    save_template,
    user_templates_dir,
)
from successplan.labels import ACCOUNTABILITY_PART_SHORT
from successplan.model import Customer, DesiredOutcome
from successplan.store import Store


def _book(ctx: click.Context) -> Store | None:
    """The book, for the team's templates (None when there is none yet)."""
    try:
        return store_of(ctx, read_only=True)
    except SuccessPlanError:
        return None


def _warn(problems: list[str]) -> None:
    for problem in problems:
        click.echo(f"Skipped {problem}", err=True)


def _shape(template: OutcomeTemplate) -> str:
    counts = [
        (len(template.milestones), "milestone"),
        (len(template.accountability), "accountability item"),
        (len(template.success_gaps), "success gap"),
    ]
    return ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts)


def _source(found: TemplateFile) -> str:
    if found.source is TemplateSource.SHIPPED:
        return "shipped"
    if found.source is TemplateSource.TEAM:
        return "the team's, replaces the shipped one" if found.replaces_shipped else "the team's"
    if found.replaces_shipped:
        return "yours (a draft), replaces the shipped or the team's one"
    return "yours"


def _show(found: TemplateFile) -> None:
    template = found.template
    due = f", due in {template.due_in_days} days" if template.due_in_days else ""
    click.echo(f"{found.name}: {template.title} ({_source(found)}{due})")
    if template.description:
        click.echo(f"  {template.description}")
    click.echo(f"  Objective: {template.objective}")
    for condition in template.conditions:
        click.echo(f"  Condition: {condition.text}")
    experience = template.experience
    if experience.content or experience.cadence:
        click.echo(f"  Experience: {experience.content} ({experience.cadence or 'no cadence'})")
    for milestone in template.milestones:
        when = f" — day {milestone.due_in_days}" if milestone.due_in_days is not None else ""
        click.echo(f"  {milestone.kind.value.capitalize()} milestone: {milestone.title}{when}")
    for item in template.accountability:
        click.echo(f"  {ACCOUNTABILITY_PART_SHORT[item.part]}: {item.description}")
    for gap in template.success_gaps:
        click.echo(f"  Success gap: {gap.gap} → {gap.bridge or '(no bridge yet)'}")
    if found.source is not TemplateSource.TEAM:
        click.echo(f"  File: {found.path}")


@click.command()
@click.argument("name", required=False)
@click.option("--publish", is_flag=True, help="Publish your template NAME to the team (managers).")
@click.option("--unpublish", is_flag=True, help="Take the team's template NAME back (managers).")
@click.pass_context
def templates(ctx: click.Context, name: str | None, publish: bool, unpublish: bool) -> None:
    """List the outcome templates (shipped, the team's and your own), or show one in full;
    a manager publishes one of theirs to the team."""
    if publish or unpublish:
        from successplan.team.knowledge import publish_template, unpublish_template

        if name is None:
            raise click.UsageError("Name the template to publish or unpublish.")
        if publish:
            found = publish_template(store_of(ctx), name)
            click.echo(f"Published {found.name} to the team: every CSM of the book has it now.")
        else:
            unpublish_template(store_of(ctx), name)
            click.echo(f"The team's template {name} is no longer published.")
        return
    catalog = load_templates(store=_book(ctx))
    _warn(catalog.problems)
    if name is not None:
        _show(catalog.find(name))
        return
    width = max((len(n) for n in catalog.templates), default=0)
    for found in catalog.templates.values():
        click.echo(
            f"{found.name:<{width}}  {found.template.title} ({_source(found)}; "
            f"{_shape(found.template)})"
        )
    click.echo(
        f"Your own templates live in {user_templates_dir()}; "
        "`successplan save-template` writes one from an outcome."
    )


@click.command("new-outcome")
@click.argument("customer")
@click.option("--template", "template_name", help="Start from this template (see `templates`).")
@click.option("--objective", help="The objective, in the customer's words.")
@click.option("--due", type=DATE, help=f"When the goal is due: {DATE_HELP}")
@click.option("--active", is_flag=True, help="Make it active now (default: a draft to agree).")
@click.pass_context
def new_outcome_command(
    ctx: click.Context,
    customer: str,
    template_name: str | None,
    objective: str | None,
    due: date | None,
    active: bool,
) -> None:
    """Add a desired outcome to a customer's plan, from a template or blank.

    Dates in a template count from today (stretched to --due if given). The experience is
    the template's, or else the coverage model of the customer's segment.
    """
    if template_name is None and not objective:
        raise click.UsageError("Give the outcome's --objective, or start from a --template.")
    store = store_of(ctx)
    plan = store.find_customer(customer)
    today = session_of(ctx).today
    template = None
    if template_name is not None:
        catalog = load_templates(store=store)
        found = catalog.find(template_name)
        template, template_name = found.template, found.name
    coverage = segment_coverage(store, plan.segment)
    changed, outcome = new_outcome(
        plan,
        today,
        template=template,
        objective=objective,
        due=due,
        status=OutcomeStatus.ACTIVE if active else OutcomeStatus.DRAFT,
        default_experience=coverage.experience() if coverage else None,
    )
    saved = store.save_customer(changed, source=VersionSource.COMMAND_LINE)
    origin = f" from the template {template_name}" if template_name else ""
    click.echo(
        f"Added the {outcome.status.value} outcome “{outcome.goal.objective}” ({outcome.id}) "
        f"to {plan.name}{origin}. Version {saved.version}."
    )
    if coverage is not None and outcome.experience == coverage.experience():
        click.echo(f"Its experience comes from the coverage model “{coverage.name}”.")
    counts = FindingCounts.of(
        f for f in check_customer(store, saved.customer, today) if f.outcome_id == outcome.id
    )
    if counts.total:
        click.echo(f'The checks find {counts.describe()}: `successplan check "{plan.name}"`.')


def _outcome(customer: Customer, wanted: str | None) -> DesiredOutcome:
    """The outcome named by id or the start of its objective (history included), or the
    customer's one active outcome."""
    if wanted is not None:
        matches = [o for o in customer.outcomes if o.id == wanted] or [
            o
            for o in customer.outcomes
            if o.goal.objective.casefold().startswith(wanted.casefold())
        ]
    else:
        matches = [o for o in customer.outcomes if o.status is OutcomeStatus.ACTIVE]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{o.id} ({o.goal.objective})" for o in customer.outcomes) or "none"
    if wanted is not None and not matches:
        raise NotFoundError(f"No outcome of {customer.name} matches {wanted!r}: {listing}.")
    raise NotFoundError(f"Name the outcome with --outcome; {customer.name} has: {listing}.")


@click.command("save-template")
@click.argument("customer")
@click.argument("name")
@click.option("--outcome", "outcome_ref", help="The outcome's id or the start of its objective.")
@click.option("--title", help="What the template is called in lists (default: the objective).")
@click.option("--description", default="", help="When to use it.")
@click.option("--force", is_flag=True, help="Replace your template of the same name.")
@click.pass_context
def save_template_command(
    ctx: click.Context,
    customer: str,
    name: str,
    outcome_ref: str | None,
    title: str | None,
    description: str,
    force: bool,
) -> None:
    """Save the shape of a customer's outcome as one of your templates.

    Dates become days from the outcome's start; done work is open again; internal notes
    and the names of people on the customer's side are left out.
    """
    plan = store_of(ctx).find_customer(customer)
    outcome = _outcome(plan, outcome_ref)
    template = template_from_outcome(outcome, title=title, description=description)
    replaces = load_templates().templates.get(name.casefold())
    path = save_template(name, template, force=force)
    click.echo(f"Saved the template {path.stem} ({_shape(template)}) to {path}.")
    if replaces is not None and replaces.source is TemplateSource.SHIPPED:
        click.echo(f"It replaces the shipped template {replaces.name} for you.")
