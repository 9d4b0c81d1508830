"""Signals read from a survey tool's or product analytics' CSV export.

The usual columns are recognised by their names (account name or external id, score or
value, date, comment, respondent email; a usage file's metric); `--map COLUMN=FIELD`
names the others. Every row is read before anything is recorded: a bad row is named by
its line, and one bad row keeps the whole file out (all or nothing).
"""

from __future__ import annotations

import csv
import io
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from successplan.dates import parse_optional_date
from successplan.enums import SignalKind
from successplan.errors import SuccessPlanError
from successplan.signals import Signal, SignalError, new_signal

# A survey export is larger than a plan: a year of answers of a whole book.
MAX_SIGNAL_FILE_BYTES = 64 * 1024 * 1024
# What a row's values can be, and the column names that mean each (compared folded,
# without spaces, dashes or underscores).
FIELDS = ("account", "external_id", "value", "date", "comment", "respondent", "metric")
_KNOWN = {
    "account": ("account", "accountname", "company", "companyname", "customer", "customername",
                "organization", "organisation"),
    "external_id": ("externalid", "accountid", "crmid", "customerid", "companyid"),
    "value": ("score", "value", "rating", "nps", "npsscore", "csat", "csatscore", "answer",
              "count"),
    "date": ("date", "answeredat", "answeredon", "submittedat", "respondedat", "responsedate",
             "createdat", "timestamp", "day", "week"),
    "comment": ("comment", "comments", "feedback", "reason", "verbatim", "text"),
    "respondent": ("email", "respondentemail", "respondent", "useremail", "name", "user"),
    "metric": ("metric", "metricname", "event", "measure"),
}  # fmt: skip
_SHOWN_ERRORS = 20


class SignalFileError(SuccessPlanError):
    """A signal file that cannot be read as a whole."""


@dataclass(frozen=True)
class SignalFile:
    """What a file holds: the signals of its good rows, and each bad row's problem."""

    signals: list[Signal]
    problems: list[tuple[int, str]]  # (line, what is wrong)
    customers: int


def parse_mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    """`COLUMN=FIELD` pairs as {folded column: field}."""
    mapping = {}
    for pair in pairs:
        column, equals, field = pair.partition("=")
        field = field.strip().lower().replace("-", "_")
        if not equals or not column.strip() or field not in FIELDS:
            raise SignalFileError(
                f"--map {pair!r}: write COLUMN=FIELD, FIELD one of {', '.join(FIELDS)}."
            )
        mapping[_folded(column)] = field
    return mapping


def _folded(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name.strip().lstrip("\ufeff").casefold())


def _columns(header: list[str], mapping: dict[str, str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        folded = _folded(name)
        field = mapping.get(folded) or next(
            (field for field, names in _KNOWN.items() if folded in names), None
        )
        if field is not None and field not in found:
            found[field] = index
    return found


def read_signal_file(
    path: Path,
    kind: SignalKind,
    names: dict[str, str],
    today: date,
    mapping: dict[str, str] | None = None,
) -> SignalFile:
    """Every row of a CSV file as a signal of `kind`, matched with the customers
    (`names`: each customer's name by id) by name (any case) or by id."""
    text = _text(path)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if not header:
        raise SignalFileError(f"{path} is empty: a CSV file with a header line was expected.")
    columns = _columns(header, mapping or {})
    needed = ["value"] + (["metric"] if kind is SignalKind.USAGE else [])
    missing = [f for f in needed if f not in columns]
    if "account" not in columns and "external_id" not in columns:
        missing.insert(0, "account")
    if missing:
        raise SignalFileError(
            f"{path.name} has no column for {', '.join(missing)} (its columns: "
            f"{', '.join(header)}); name one with --map COLUMN=FIELD."
        )
    by_name = {name.casefold(): customer_id for customer_id, name in names.items()}
    signals: list[Signal] = []
    problems: list[tuple[int, str]] = []
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, row: list[str] = row) -> str:
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            customer_id = _customer(cell("account"), cell("external_id"), names, by_name)
            signals.append(
                new_signal(
                    customer_id,
                    kind,
                    _number(cell("value")),
                    _day(cell("date"), today),
                    metric=cell("metric"),
                    comment=cell("comment"),
                    respondent=cell("respondent"),
                    source=path.name,
                )
            )
        except SignalError as error:
            problems.append((line, str(error)))
    return SignalFile(signals, problems, len({s.customer_id for s in signals}))


def _text(path: Path) -> str:
    try:
        status = path.stat()
    except OSError as error:
        raise SignalFileError(f"Cannot read {path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(status.st_mode):
        raise SignalFileError(f"{path} is not a regular file: give the path of a CSV file.")
    if status.st_size > MAX_SIGNAL_FILE_BYTES:
        raise SignalFileError(f"{path} is larger than 64 MB: split it and import each part.")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SignalFileError(f"{path} is not UTF-8 text: save it as CSV UTF-8.") from None


def _customer(
    account: str, external_id: str, names: dict[str, str], by_name: dict[str, str]
) -> str:
    if external_id and external_id in names:
        return external_id
    if account and account.casefold() in by_name:
        return by_name[account.casefold()]
    if account and account in names:
        return account
    named = account or external_id
    if not named:
        raise SignalError("names no account")
    raise SignalError(f"no customer is called {named!r}")


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "")) if text else _no_value()
    except ValueError:
        raise SignalError(f"{text!r} is not a number") from None


def _no_value() -> float:
    raise SignalError("has no score or value")


def _day(text: str, today: date) -> date:
    if not text:
        raise SignalError("has no date")
    if re.match(r"\d{4}-\d{2}-\d{2}([T ]|$)", text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            pass
    try:
        day = parse_optional_date(text, today)
    except SuccessPlanError:
        day = None
    if day is None:
        raise SignalError(f"{text!r} is not a date")
    return day


def said_problems(problems: list[tuple[int, str]]) -> str:
    """The bad rows, one per line (the first few, then how many more)."""
    lines = [f"line {line}: {problem}" for line, problem in problems[:_SHOWN_ERRORS]]
    if len(problems) > _SHOWN_ERRORS:
        lines.append(f"… and {len(problems) - _SHOWN_ERRORS} more bad rows")
    return "\n".join(lines)
