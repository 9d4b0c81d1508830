"""Coverage models: how the team engages each kind of customer, and which segments use which.

A coverage model (tech-touch, low-touch, high-touch, or the team's own) describes the
experience a segment gets by default: its content, channels and cadence. A new outcome
of a customer in that segment starts with that experience, and the plan checks hold
the relationship log to its cadence when the outcome names none of its own.

Coverage models live in the database, not in a CSM's settings: they are the team's
agreement about how a segment is served, so every CSM working on the same book — and
the scheduled check that reads it — must see the same ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from successplan.errors import NotFoundError, SuccessPlanError
from successplan.store import coverage_models as stored
from successplan.store.errors import GoneReferenceError

if TYPE_CHECKING:
    from successplan.model import AppropriateExperience
    from successplan.store import Store


@dataclass(frozen=True)
class CoverageModel:
    """How the team engages a kind of customer: the experience its segments get by default."""

    name: str
    description: str = ""
    content: str = ""
    channels: tuple[str, ...] = ()
    cadence: str = ""

    def experience(self) -> AppropriateExperience:
        """The appropriate experience a new outcome starts with under this model."""
        from successplan.model import AppropriateExperience

        return AppropriateExperience(
            content=self.content, channels=list(self.channels), cadence=self.cadence
        )

    def changed(self, **fields: Any) -> dict[str, Any]:
        """Its fields with some changed: what `parse_coverage_model` takes."""
        return {**asdict(self), **fields}


@dataclass(frozen=True)
class SegmentCoverage:
    """A segment of the book: how many customers are in it and the coverage model it uses."""

    segment: str
    customers: int
    coverage_model: str | None


def parse_coverage_model(data: dict[str, Any]) -> CoverageModel:
    """Validate a coverage model as the team typed it, raising every problem at once."""
    # Validation needs pydantic; reading the models (as the checks do) does not.
    from successplan.knowledge.coverage_input import validated_coverage

    return CoverageModel(**validated_coverage(data))


def coverage_models(store: Store) -> list[CoverageModel]:
    """Every coverage model of the book, by name."""
    return [CoverageModel(*row) for row in stored.coverage_models(store)]


def coverage_model(store: Store, name: str) -> CoverageModel:
    """The coverage model of this name (any case)."""
    for model in coverage_models(store):
        if model.name.casefold() == name.strip().casefold():
            return model
    known = ", ".join(model.name for model in coverage_models(store)) or "none yet"
    raise NotFoundError(f"No coverage model is called {name!r} (there are: {known}).")


def coverage_cadences(store: Store) -> dict[str, tuple[str, str]]:
    """For each segment that uses a coverage model (casefolded): the model and its cadence."""
    return {
        segment.strip().casefold(): (name, cadence)
        for segment, name, cadence in stored.segment_cadences(store)
    }


def segment_coverage(store: Store, segment: str) -> CoverageModel | None:
    """The coverage model a segment uses, if one is assigned."""
    wanted = segment.strip().casefold()
    if not wanted:
        return None
    for assigned, name in stored.segment_models(store):
        if assigned.strip().casefold() == wanted:
            return coverage_model(store, name)
    return None


def default_experience(store: Store, segment: str) -> AppropriateExperience | None:
    """The experience a new outcome of a customer in this segment starts with, if any."""
    model = segment_coverage(store, segment)
    return model.experience() if model is not None else None


def book_segments(store: Store) -> list[SegmentCoverage]:
    """Every segment of the book's customers, and every segment with a coverage model."""
    counts: dict[str, tuple[str, int]] = {}
    for segment, customers in stored.segment_sizes(store):
        key = segment.casefold()
        name, count = counts.get(key, (segment, 0))
        counts[key] = (name, count + customers)
    assigned = {
        segment.strip().casefold(): (segment, model)
        for segment, model in stored.segment_models(store)
    }
    segments = [
        SegmentCoverage(name, count, assigned.get(key, (name, None))[1])
        for key, (name, count) in counts.items()
    ]
    segments += [
        SegmentCoverage(name, 0, model)
        for key, (name, model) in assigned.items()
        if key not in counts
    ]
    return sorted(segments, key=lambda s: s.segment.casefold())


def save_coverage_model(store: Store, model: CoverageModel) -> bool:
    """Add a coverage model, or change the one of the same name; True when it is new."""
    model = parse_coverage_model(asdict(model))
    return stored.save_coverage_model(store, stored.CoverageModelRow(**asdict(model)))


def remove_coverage_model(store: Store, name: str) -> None:
    """Remove a coverage model that no segment uses."""
    model = coverage_model(store, name)
    users = [s.segment for s in book_segments(store) if s.coverage_model == model.name]
    if users:
        raise SuccessPlanError(
            f"The coverage model {model.name!r} is used by {', '.join(map(repr, users))}; "
            "assign those segments another model first."
        )
    stored.remove_coverage_model(store, model.name)


def assign_coverage(store: Store, segment: str, name: str | None) -> None:
    """Have a segment use a coverage model (None: none any more)."""
    segment = " ".join(segment.split())
    if not segment:
        raise SuccessPlanError("Name the segment, as the customers' segment field says it.")
    model = coverage_model(store, name) if name is not None else None
    try:
        stored.assign_segment(store, segment, model.name if model is not None else None)
    except GoneReferenceError as error:
        raise SuccessPlanError(f"Cannot assign {segment!r}: {error}.") from None
