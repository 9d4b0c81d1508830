"""Bringing a book in from a CRM's report (CSV): Salesforce's and HubSpot's column names
are recognised, others mapped by hand; accounts are matched by the CRM's id, then by exact
name; only the account's facts change, never its plan. Nothing is saved unless every row
is good."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from successplan.amounts import parse_amount
from successplan.enums import VersionSource
from successplan.errors import SuccessPlanError
from successplan.model import Customer
from successplan.store import handoffs as stored_handoffs
from successplan.store import people as stored

if TYPE_CHECKING:
    from successplan.progress import Progress
    from successplan.store import Store
    from successplan.store.people import Account

FIELDS = ("name", "external_id", "owner_email", "segment", "tier", "arr", "renewal_on")
# The column names of Salesforce's and HubSpot's account and company reports.
KNOWN_COLUMNS = {
    "account name": "name",
    "company name": "name",
    "name": "name",
    "account id": "external_id",
    "record id": "external_id",
    "company id": "external_id",
    "external id": "external_id",
    "account owner email": "owner_email",
    "company owner email": "owner_email",
    "owner email": "owner_email",
    "segment": "segment",
    "type": "segment",
    "account type": "segment",
    "tier": "tier",
    "arr": "arr",
    "annual recurring revenue": "arr",
    "annual revenue": "arr",
    "renewal date": "renewal_on",
    "contract end date": "renewal_on",
}


class ImportRowsError(SuccessPlanError):
    """Some rows of the file cannot be imported: every one is named by its line."""


@dataclass
class ImportPlan:
    """What an import would do: the accounts to add and to change (with what changes)."""

    added: list[Customer] = field(default_factory=list)
    changed: list[tuple[Customer, list[str]]] = field(default_factory=list)
    unchanged: int = 0


def column_fields(header: list[str], mapping: dict[str, str]) -> dict[int, str]:
    """Which field each column of `header` fills (mapped by hand first, then by name)."""
    for column, wanted_field in mapping.items():
        if wanted_field not in FIELDS:
            raise SuccessPlanError(
                f"--map {column}={wanted_field}: the field must be one of {', '.join(FIELDS)}."
            )
    found: dict[int, str] = {}
    wanted = {column.strip().casefold(): target for column, target in mapping.items()}
    for index, column in enumerate(header):
        folded = column.strip().casefold()
        target: str | None = wanted.get(folded) or KNOWN_COLUMNS.get(folded)
        if target and target not in found.values():
            found[index] = target
    if "name" not in found.values():
        raise SuccessPlanError(
            "The file has no account name column (Account Name, Company name or Name): "
            "name it with --map COLUMN=name."
        )
    return found


def read_rows(file: Path, mapping: dict[str, str]) -> list[tuple[int, dict[str, str]]]:
    """Each row of the file as its fields, with the line it starts on."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SuccessPlanError(f"Cannot read {file}: {error}.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise SuccessPlanError(f"{file} is empty.")
    columns = column_fields(header, mapping)
    rows = []
    line = reader.line_num + 1
    for values in reader:
        if any(value.strip() for value in values):
            rows.append(
                (line, {columns[i]: v.strip() for i, v in enumerate(values) if i in columns})
            )
        line = reader.line_num + 1
    return rows


def plan_import(
    store: Store, rows: list[tuple[int, dict[str, str]]], progress: Progress | None = None
) -> ImportPlan:
    """What importing these rows would do; ImportRowsError naming every bad row's line."""
    people_by_email = {p.email.casefold(): p for p in stored.people(store) if p.email}
    accounts = stored.accounts(store)
    by_external = {a.external_id: a for a in accounts if a.external_id}
    by_name = {a.name: a for a in accounts}
    plan, problems, seen = ImportPlan(), [], set()
    facts: list[tuple[str | None, dict[str, Any]]] = []
    for count, (line, row) in enumerate(rows, start=1):
        try:
            values = _values(row, people_by_email)
        except SuccessPlanError as error:
            problems.append(f"line {line}: {error}")
            continue
        key = values.get("external_id") or values["name"]
        if key in seen:
            problems.append(f"line {line}: {key} is in the file twice")
            continue
        seen.add(key)
        found = by_external.get(values.get("external_id", "")) or by_name.get(values["name"])
        facts.append((found.id if found else None, values))
        if progress is not None and count % 500 == 0:
            progress(count, len(rows), "Reading the accounts")
    if problems:
        raise ImportRowsError(
            f"{len(problems)} row{'s' if len(problems) != 1 else ''} cannot be imported, so "
            "nothing was: " + "; ".join(problems)
        )
    # What changes is told from the accounts' facts; only the plans that change are read.
    facts_of = {account.id: account for account in accounts}
    changing: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for customer_id, values in facts:
        if customer_id is None:
            plan.added.append(Customer(**values))
            continue
        differs = _differs(facts_of[customer_id], values)
        if differs:
            changing[customer_id] = (values, differs)
        else:
            plan.unchanged += 1
    for current in store.each_customer(customer_ids=list(changing)):
        if isinstance(current, Exception):
            raise current
        values, differs = changing[current.id]
        changed = current.model_copy(deep=True)
        changed.remember_version(current.stored_version)
        for name in differs:
            setattr(changed, name, values[name])
        plan.changed.append((changed, differs))
    return plan


def _differs(account: Account, values: dict[str, Any]) -> list[str]:
    """The fields of `values` that the account's stored facts do not hold already."""
    stored_as = {
        "name": account.name,
        "external_id": account.external_id,
        "segment": account.segment,
        "tier": account.tier,
        "arr": account.arr,
        "renewal_on": account.renewal_on,
        "owner_id": account.owner_id,
    }
    differs = []
    for name, value in values.items():
        if name == "account_owner":
            if "owner_id" in differs:
                differs.append(name)
            continue
        wanted = value.isoformat() if isinstance(value, date) else value
        if stored_as[name] != wanted:
            differs.append(name)
    return differs


def _values(row: dict[str, str], people_by_email: dict[str, Any]) -> dict[str, Any]:
    if not row.get("name"):
        raise SuccessPlanError("no account name")
    values: dict[str, Any] = {"name": row["name"]}
    for name in ("external_id", "segment", "tier"):
        if row.get(name):
            values[name] = row[name]
    if row.get("arr"):
        amount = parse_amount(row["arr"])
        if amount is None or amount < 0:
            raise SuccessPlanError(f"{row['arr']!r} is not an amount")
        values["arr"] = amount
    if row.get("renewal_on"):
        try:
            values["renewal_on"] = date.fromisoformat(row["renewal_on"][:10])
        except ValueError:
            raise SuccessPlanError(f"{row['renewal_on']!r} is not a date (YYYY-MM-DD)") from None
    if row.get("owner_email"):
        person = people_by_email.get(row["owner_email"].casefold())
        if person is None:
            raise SuccessPlanError(f"no one in the team has the email {row['owner_email']}")
        values["owner_id"], values["account_owner"] = person.id, person.name
    return values


def apply_import(store: Store, plan: ImportPlan, day: date, checklist: list[str]) -> None:
    """Save what `plan_import` found, all in one transaction; each new account with an
    owner is handed to them from sales, with the handoff checklist."""
    customers = [*plan.added, *(customer for customer, _ in plan.changed)]
    if not customers:
        return
    store.save_customers(customers, source=VersionSource.CRM_IMPORT)
    handed = [(c.id, None, c.owner_id, "From sales") for c in plan.added if c.owner_id]
    if handed:
        stored_handoffs.add_handoffs(store, handed, day, checklist)  # type: ignore[arg-type]
