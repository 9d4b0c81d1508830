"""The `check` and `explain` commands: what the tool knows about good success plans."""

from __future__ import annotations

import sys
import textwrap

import click

from successplan.cli.session import session_of, store_of
from successplan.collector import collector_held
from successplan.errors import NotFoundError
from successplan.knowledge import glossary
from successplan.knowledge.checks import CHECKS, Check, check_book, check_customer
from successplan.knowledge.checks.book import PlanReport
from successplan.knowledge.checks.report import json_chunks, summary, text_chunks


@click.command()
@click.argument("customer", required=False)
@click.option("--all", "all_customers", is_flag=True, help="Check every customer's plan.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text to read; json (a list of findings, see schemas/) for scripts.",
)
@click.option(
    "--strict", is_flag=True, help="Exit with 1 when any problem is found (for a scheduled job)."
)
@click.option("--explain", is_flag=True, help="Say why each finding matters and how to fix it.")
@click.pass_context
def check(
    ctx: click.Context,
    customer: str | None,
    all_customers: bool,
    fmt: str,
    strict: bool,
    explain: bool,
) -> None:
    """Check plans against the success-plan model: what is missing or weak, and why.

    Each finding has a code, a severity (problem, warning, hint), the object concerned,
    why it matters and how to fix it; `successplan explain CODE` says more. Thresholds
    (days without interaction, the longest plan…) are set under "checks" in the settings.
    """
    if all_customers == (customer is not None):
        raise click.UsageError("Name one CUSTOMER, or use --all (not both).")
    # A command that builds a book's worth of small objects, none in a cycle: the
    # cycle collector would only walk them again and again, to the end of the output.
    with collector_held():
        store = store_of(ctx, read_only=True)
        today = session_of(ctx).today
        if customer is not None:
            plan = store.find_customer(customer)
            reports = [PlanReport(plan.id, plan.name, check_customer(store, plan, today))]
        else:
            reports = check_book(store, today)
        out = sys.stdout
        if fmt == "json":
            for chunk in json_chunks(reports):
                out.write(chunk)
        else:
            for chunk in text_chunks(reports, explain=explain, quiet_when_clean=all_customers):
                out.write(chunk)
            if all_customers:
                out.write(summary(reports) + "\n")
            if not explain and any(r.findings for r in reports):
                out.write(
                    "`successplan explain CODE` says why a check matters and how to fix it.\n"
                )
        out.flush()
    if strict and any(r.counts.problems for r in reports):
        ctx.exit(1)


# --- explain ------------------------------------------------------------------------------

_WIDTH = 88


def _wrapped(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def _term_text(found: glossary.Term) -> str:
    lines = [f"{found.name} ({found.area.heading.lower()})", _wrapped(found.meaning)]
    lines.append(_wrapped(f"Example: {found.example}"))
    if found.aliases:
        lines.append(_wrapped(f"Also: {', '.join(found.aliases)}."))
    if found.see_also:
        lines.append(_wrapped(f"See also: {', '.join(found.see_also)}."))
    if found.checks:
        lines.append(_wrapped(f"Plan checks: {', '.join(found.checks)}."))
    return "\n".join(lines)


def _check_text(found: Check) -> str:
    return "\n".join(
        [
            f"{found.code.value} (plan check, {found.severity.value})",
            _wrapped(f"Finds: {found.when}."),
            _wrapped(f"Why: {found.why}"),
            _wrapped(f"Fix: {found.fix}"),
        ]
    )


def _glossary_listing() -> str:
    def line(name: str, text: str) -> str:
        return f"  {name:<28} " + textwrap.shorten(text, _WIDTH - 31, placeholder="…")

    lines = []
    for area in glossary.Area:
        lines.append(area.heading)
        lines += [line(t.name, t.summary) for t in glossary.terms() if t.area is area]
        lines.append("")
    lines.append("Plan checks")
    lines += [line(c.code.value, f"{c.severity.value}: {c.when}") for c in CHECKS.values()]
    lines.append("")
    lines.append("`successplan explain TERM` says more about one of them.")
    return "\n".join(lines)


@click.command()
@click.argument("term", nargs=-1)
def explain(term: tuple[str, ...]) -> None:
    """Explain a term of the success-plan model or a plan check (with none, list them).

    TERM may be misspelt: the closest term is explained.
    """
    wanted = " ".join(term).strip()
    if not wanted:
        click.echo(_glossary_listing())
        return
    codes = {each.code.value: each for each in CHECKS.values()}
    if wanted.casefold() in codes:
        click.echo(_check_text(codes[wanted.casefold()]))
        return
    found = glossary.term(wanted)
    if found is None:
        matching = glossary.matching_terms(wanted)
        if len(matching) == 1:
            found = matching[0]
        elif matching:
            names = ", ".join(m.name for m in matching)
            raise NotFoundError(f"Several terms match {wanted!r}: {names}. Name one of them.")
    if found is None:
        closest = glossary.closest_names(wanted, [*glossary.lookup_names(), *codes])
        if not closest:
            raise NotFoundError(
                f"No term or plan check is called {wanted!r}; `successplan explain` lists them all."
            )
        if closest[0] in codes:
            click.echo(f"(the closest to {wanted!r})\n{_check_text(codes[closest[0]])}")
            return
        found = glossary.term(closest[0])
        assert found is not None
        click.echo(f"(the closest to {wanted!r})")
    click.echo(_term_text(found))
