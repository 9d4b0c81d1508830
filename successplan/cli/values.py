"""What the command line's options take: dates and amounts as the app reads them, and
text that can be stored.

Each type reads with the app's own parser (`successplan.dates`, `successplan.amounts`), so a
date or an amount the app takes is taken here too. A value that cannot be read is a
problem with the input (exit code 1, one line naming the option), not a usage mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from pathlib import Path

import click

from successplan.amounts import AmountError, parse_amount
from successplan.cli.session import session_of
from successplan.dates import DatePhraseError, parse_date
from successplan.errors import SuccessPlanError
from successplan.store.target import is_server

DATE_HELP = "2026-12-31, 31/12/2026, 'end of Q2', 'in 90 days', 'next friday'…"
AMOUNT_HELP = "250000, 250k, '$250,000', 1.2M…"


class OptionValueError(SuccessPlanError):
    """A value given to an option or argument cannot be read as what it must be."""


def _named(param: click.Parameter | None) -> str:
    if param is None:
        return "the value"
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return (param.name or "value").upper()


def _shown(value: str) -> str:
    """The value as typed, even when it holds bytes that are not UTF-8."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


class DateValue(click.ParamType[date]):
    """A date as the app's date fields take it, resolved against the session's today."""

    name = "date"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        assert ctx is not None, "options are read in a command's context"
        try:
            return parse_date(TEXT.convert(value, param, ctx), session_of(ctx).today)
        except DatePhraseError as error:
            raise OptionValueError(f"{_named(param)}: {error}.") from None


class AmountValue(click.ParamType[float]):
    """A number as the app's amount fields take it: `$250,000`, `250k`, `1.2M`."""

    name = "amount"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, float | int):
            return float(value)
        try:
            amount = parse_amount(TEXT.convert(value, param, ctx))
        except AmountError as error:
            raise OptionValueError(f"{_named(param)}: {error}.") from None
        if amount is None:
            raise OptionValueError(f"{_named(param)}: no amount given.")
        return amount


class Text(click.ParamType[str]):
    """Text that can be stored and searched: refused when it holds bytes that are not
    UTF-8 (the shell passes them through, SQLite cannot keep them)."""

    name = "text"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise OptionValueError(
                f"{_named(param)}: '{_shown(text)}' holds bytes that are not UTF-8 text; "
                "type it again, or set your terminal to UTF-8."
            ) from None
        return text


class SinceWhat(StrEnum):
    SHARED = "shared"


Since = int | date | SinceWhat


class SinceValue(click.ParamType[Since]):
    """A version number, a date or 'shared': what `diff --since` compares with."""

    name = "since"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Since:
        if isinstance(value, int | date | SinceWhat):
            return value
        assert ctx is not None, "options are read in a command's context"
        text = TEXT.convert(value, param, ctx).strip()
        if re.fullmatch(r"[0-9]+", text):
            return int(text)
        if text.casefold() == SinceWhat.SHARED:
            return SinceWhat.SHARED
        try:
            return parse_date(text, session_of(ctx).today)
        except DatePhraseError as error:
            raise OptionValueError(
                f"{_named(param)}: give a version number, a date or 'shared'; {error}."
            ) from None


DATE = DateValue()
AMOUNT = AmountValue()
TEXT = Text()
SINCE = SinceValue()


class DatabaseValue(click.ParamType[Path | str]):
    """--db: a file's path, or a PostgreSQL server's URL or `service=NAME` as given."""

    name = "path|url"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path | str:
        if isinstance(value, Path):
            return value
        text = str(value)
        if is_server(text):
            return text
        converted: Path = click.Path(dir_okay=False, path_type=Path).convert(text, param, ctx)
        return converted


DATABASE = DatabaseValue()


def echo_table(table: Sequence[tuple[str, ...]]) -> None:
    """Print rows as columns lined up, the first row their headings."""
    widths = [max(len(line[column]) for line in table) for column in range(len(table[0]))]
    for line in table:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
