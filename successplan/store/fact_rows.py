"""The rows the plan checks read of many plans at once, handed to a reader table by table.

The checks never need whole validated plans: the rows a save wrote are trusted, so this
reads only the columns the checks look at (`successplan.knowledge.checks.reading` makes
the facts of them). Across the whole book each table is read in one pass in its own order
(an index walk would visit the same rows at random) and the reader groups the rows by
outcome; for a few customers the indexes lead straight to their rows. Every table is read
from one snapshot, and each row is handed over as it is read: nothing is kept here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from successplan.store.engine import Dialect

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.engine import Cursor

# (customer_id or outcome_id first, then the row's own columns; days as ISO text.)
CustomerRow = tuple[str, str, str, str | None]
OutcomeRow = tuple[str, str, str, str, int, str | None, str | None, str, str, int]
OpenStepRow = tuple[str, int, str, str, str, str | None, bool]
DoneMilestonesRow = tuple[str, int, str | None, tuple[int, str] | None]
DonePartsRow = tuple[str, list[str]]
CountRow = tuple[str, int]
GapRow = tuple[str, int, str, str]
InteractionsRow = tuple[str, str | None, str | None]
ExpectationRow = tuple[str, str, str, str]
PersonRow = tuple[str, str, str, str, str | None]
DetractorRow = tuple[str, str]


class FactRowsReader(Protocol):
    """What takes the rows of `read_fact_rows`: each method is called once, in this order,
    with rows to read as they come."""

    def customers(self, rows: Iterable[CustomerRow]) -> None:
        """(id, name, segment, renewal_on) of each customer, by name."""

    def outcomes(self, rows: Iterable[OutcomeRow]) -> None:
        """(customer_id, id, status, objective, measurable, start, due, created_on,
        cadence, position) of each outcome, in no order; `measurable` is nonzero when it
        has a measure, `cadence` is its experience's ('' for none)."""

    def open_milestones(self, rows: Iterable[OpenStepRow]) -> None:
        """(outcome_id, position, id, kind, title, due, owned) of each milestone not done;
        `owned` is true (SQLite: 1) when it has an owner."""

    def done_milestones(self, rows: Iterable[DoneMilestonesRow]) -> None:
        """(outcome_id, ladder, first_tactical, strategic) of each outcome with milestones
        done: how many of them are functional or operational, the first day a tactical
        one was done, and the (position, id) of the first strategic one done."""

    def open_items(self, rows: Iterable[OpenStepRow]) -> None:
        """(outcome_id, position, id, part, description, due, owned) of each open or blocked
        accountability item; `owned` is true (SQLite: 1) when it has an owner."""

    def done_parts(self, rows: Iterable[DonePartsRow]) -> None:
        """(outcome_id, parts) of each outcome with items done: the parts they are of."""

    def conditions(self, rows: Iterable[CountRow]) -> None:
        """(outcome_id, count) of each outcome with conditions."""

    def unbridged_gaps(self, rows: Iterable[GapRow]) -> None:
        """(outcome_id, position, id, gap) of each success gap with no bridge."""

    def interactions(self, rows: Iterable[InteractionsRow]) -> None:
        """(customer_id, last, last_outreach) of each customer with interactions: the day
        of the last, and of the last one that was not the customer reaching out."""

    def pending_expectations(self, rows: Iterable[ExpectationRow]) -> None:
        """(customer_id, id, description, expected_on) of each pending expectation with a
        day, by customer and position."""

    def people(self, rows: Iterable[PersonRow]) -> None:
        """(customer_id, id, name, role, contacted_on) of each champion and executive
        sponsor still on the customer's team, by customer and position."""

    def detractors(self, rows: Iterable[DetractorRow]) -> None:
        """(customer_id, answered_on) of each customer with an NPS answer of 0 to 6: the
        day of the last one."""


# The rows of each outcome-level table: {table} is the table, {rows} keeps the rows of
# some outcomes ("WHERE ..."). Open steps are read one by one; of what is done, only what
# the checks count.
_OPEN_MILESTONES = """
    SELECT outcome_id, position, id, kind, title, due,
           owner_side IS NOT NULL OR owner_name != ''
    FROM {table} {rows} AND done_on IS NULL
"""
# (The first strategic milestone: its position, padded to sort as a number, then its id.)
_POSITION_DIGITS = 10


@cache
def _done_milestones(dialect: Dialect) -> str:
    position = dialect.zero_padded("position", _POSITION_DIGITS)
    return f"""
        SELECT outcome_id,
               sum(CASE WHEN kind IN ('functional', 'operational') THEN 1 ELSE 0 END),
               min(CASE WHEN kind = 'tactical' THEN done_on END),
               min(CASE WHEN kind = 'strategic' THEN {position} || id END)
        FROM {{table}} {{rows}} AND done_on IS NOT NULL GROUP BY outcome_id
    """


_OPEN_ITEMS = """
    SELECT outcome_id, position, id, part, description, due, owner != ''
    FROM {table} {rows} AND status IN ('open', 'blocked')
"""


@cache
def _done_items(dialect: Dialect) -> str:
    return f"""
        SELECT outcome_id, {dialect.distinct_list("part")}
        FROM {{table}} {{rows}} AND status = 'done' GROUP BY outcome_id
    """


_CONDITIONS = "SELECT outcome_id, count(*) FROM {table} {rows} GROUP BY outcome_id"
_GAPS = "SELECT outcome_id, position, id, gap FROM {table} {rows} AND bridge = ''"


@cache
def _outcomes(dialect: Dialect) -> str:
    cadence = dialect.json_text("experience", "cadence")
    return (
        "SELECT customer_id, id, status, objective, "
        "measure IS NOT NULL AND measure != 'null', start, due, created_on, "
        f"coalesce({cadence}, ''), position "
        "FROM outcomes {rows}"  # put in order by the reader, cheaper
    )


def read_fact_rows(
    store: Store, customer_ids: Sequence[str] | None, reader: FactRowsReader
) -> None:
    """Hand `reader` the rows of every plan (or of these customers'), from one snapshot."""
    dialect = store._engine.dialect
    # Filters of the customers' rows, of rows by customer, and of rows by outcome.
    if customer_ids is None:
        params: list[str] = []
        of_ids = of_customers = of_outcomes = "WHERE TRUE"

        def read_whole(table: str) -> str:
            # Every row: each outcome-level table read in its own order (an index walk
            # would visit the same rows at random).
            return dialect.not_indexed(table)

    else:
        params = list(customer_ids)
        marks = ", ".join("?" for _ in customer_ids)
        of_ids, of_customers = f"WHERE id IN ({marks})", f"WHERE customer_id IN ({marks})"
        of_outcomes = f"WHERE outcome_id IN (SELECT id FROM outcomes {of_customers})"

        def read_whole(table: str) -> str:
            return table

    with store._engine.reading() as connection:
        query = connection.execute

        def outcome_rows(sql: str, table: str) -> Cursor:
            return query(sql.format(table=read_whole(table), rows=of_outcomes), params)

        reader.customers(
            query(
                "SELECT id, name, segment, renewal_on FROM customers "
                f"{of_ids} ORDER BY {dialect.nocase('name')}, id",
                params,
            )
        )
        reader.outcomes(query(_outcomes(dialect).format(rows=of_customers), params))
        reader.open_milestones(outcome_rows(_OPEN_MILESTONES, "milestones"))
        reader.done_milestones(_strategic(outcome_rows(_done_milestones(dialect), "milestones")))
        reader.open_items(outcome_rows(_OPEN_ITEMS, "accountability_items"))
        reader.done_parts(
            (outcome_id, parts.split(","))
            for outcome_id, parts in outcome_rows(_done_items(dialect), "accountability_items")
        )
        # (Counted from their covering index.)
        reader.conditions(query(_CONDITIONS.format(table="conditions", rows=of_outcomes), params))
        reader.unbridged_gaps(outcome_rows(_GAPS, "success_gaps"))
        reader.interactions(
            query(
                "SELECT customer_id, max(occurred_on), "
                "max(CASE WHEN direction != 'inbound-reactive' THEN occurred_on END) "
                f"FROM interactions {of_customers} GROUP BY customer_id",
                params,
            )
        )
        reader.pending_expectations(
            query(
                "SELECT customer_id, id, description, expected_on FROM expectations "
                f"{of_customers} AND status = 'pending' AND expected_on IS NOT NULL "
                "ORDER BY customer_id, position",
                params,
            )
        )
        reader.people(
            query(
                "SELECT customer_id, id, name, role, contacted_on FROM contacts "
                f"{of_customers} AND role IN ('champion', 'executive sponsor') "
                "AND left_on IS NULL ORDER BY customer_id, position",
                params,
            )
        )
        reader.detractors(
            query(
                "SELECT customer_id, max(answered_on) FROM signals "
                f"{of_customers} AND kind = 'nps' AND value <= 6 GROUP BY customer_id",
                params,
            )
        )


def _strategic(rows: Iterable[Any]) -> Iterator[DoneMilestonesRow]:
    """The rows of `_done_milestones`, the first strategic milestone as (position, id)."""
    digits = _POSITION_DIGITS
    for outcome_id, ladder, tactical, strategic in rows:
        first = (int(strategic[:digits]), strategic[digits:]) if strategic is not None else None
        yield outcome_id, ladder, tactical, first
