"""The store's SQL as psycopg takes it: SQLite's placeholders (`?`, `?1`) become psycopg's
(`%s`, `%(p1)s`), a literal `%` is doubled, and rows read by column name as well as by
position, as sqlite3.Row reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

# Quoted text and names are kept as they are; outside them, placeholders and percent signs.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?(\d*)|%")


@lru_cache(maxsize=2048)
def translated(sql: str) -> tuple[str, bool]:
    """`sql` with psycopg's placeholders, and whether they are numbered (then the
    parameters go by name: `p1`, `p2`…)."""
    numbered = plain = False

    def replace(match: re.Match[str]) -> str:
        nonlocal numbered, plain
        token = match.group(0)
        if token == "%":
            return "%%"
        if token.startswith("?"):
            number = match.group(1)
            if number:
                numbered = True
                return f"%(p{number})s"
            plain = True
            return "%s"
        return token

    text = _TOKENS.sub(replace, sql)
    if numbered and plain:
        raise ValueError("a statement mixes ? and ?N placeholders")
    return text, numbered


def parameters(values: Sequence[Any], numbered: bool) -> Sequence[Any] | Mapping[str, Any]:
    """The parameters as psycopg takes them for a statement `translated` gave."""
    if numbered:
        return {f"p{number}": value for number, value in enumerate(values, start=1)}
    return tuple(values)


class TranslatedConnection:
    """A psycopg connection that runs the store's SQL (see the module's docstring)."""

    def __init__(self, connection: psycopg.Connection[Any]) -> None:
        self.raw = connection

    def execute(self, sql: str, parameters_: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        if not parameters_:
            # (Without parameters psycopg reads no placeholder and no percent sign.)
            return self.raw.execute(sql)
        text, numbered = translated(sql)
        return self.raw.execute(text, parameters(parameters_, numbered))

    def executemany(
        self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /
    ) -> psycopg.Cursor[Any]:
        text, numbered = translated(sql)
        cursor = self.raw.cursor()
        cursor.executemany(
            text,
            (parameters(values, numbered) for values in seq_of_parameters),
        )
        return cursor


class NamedRow:
    """A row read by position or by column name (the PostgreSQL engine's rows)."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[Any], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"NamedRow({dict(zip(self._index, self._values, strict=True))!r})"


def named_rows(cursor: psycopg.Cursor[Any]) -> list[NamedRow]:
    """Every row of a cursor's result, readable by column name."""
    names = [column.name for column in cursor.description or ()]
    index = {name: position for position, name in enumerate(names)}
    return [NamedRow(values, index) for values in cursor.fetchall()]
