"""What a form is made of: its fields (named by their dotted location in the model, e.g.
``goal.time_frame.due``), the values it starts with, and the model class that validates
what was typed (`FormSpec`). The form that shows it is `forms.FormScreen`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel


class FieldKind(StrEnum):
    LINE = "line"
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    NUMBER = "number"
    LIST = "list"
    NOTES = "notes"
    FLAG = "flag"


@dataclass(frozen=True)
class FormField:
    """One field of a form, named by its dotted location in the model."""

    name: str
    label: str
    kind: FieldKind = FieldKind.LINE
    required: bool = False
    choices: Sequence[tuple[str, str]] = ()
    help: str = ""
    placeholder: str = ""


@dataclass
class FormSpec:
    """What a form edits: fields, starting values and the model that validates them."""

    title: str
    fields: list[FormField]
    model: type[BaseModel]
    base: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    # Dotted prefixes of optional sub-objects (e.g. "goal.measure") that become None
    # when every one of their fields is left empty.
    optional_groups: tuple[str, ...] = ()
    # Extra check after pydantic: returns (field name, message) pairs.
    check: Callable[[BaseModel], list[tuple[str, str]]] | None = None
    # The field to start on (the one the CSM chose to edit); the first when None.
    focus: str | None = None
    # The goal's due date, for a step of it: a "due" later than this is flagged as typed.
    deadline: date | None = None
    # Labels that follow what is typed, so that one field never contradicts another:
    # the values read so far (a field that cannot be read yet is left out) → the label
    # of each field it changes.
    relabel: Callable[[dict[str, Any]], dict[str, str]] | None = None

    def build(self, raw: dict[str, Any]) -> BaseModel:
        """The model object for these raw values; ValidationError if the model refuses."""
        data = _deep_copy(self.base)
        skipped: set[str] = set()
        for group in self.optional_groups:
            names = [f.name for f in self.fields if f.name.startswith(group + ".")]
            if all(_is_empty(raw.get(name)) for name in names):
                _set(data, group, None)
                skipped.update(names)
            elif not isinstance(_get(data, group), dict):
                _set(data, group, {})
        for name, value in raw.items():
            if name not in skipped:
                _set(data, name, value)
        return self.model.model_validate(data)


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _deep_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_deep_copy(item) for item in value]
    return value


def _get(data: dict[str, Any], dotted: str) -> Any:
    current: Any = data
    for part in dotted.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    current = data
    for part in parts[:-1]:
        if not isinstance(current.get(part), dict):
            current[part] = {}
        current = current[part]
    current[parts[-1]] = value


def initial_values(spec: FormSpec) -> dict[str, Any]:
    """Starting values: explicit ones first, else read from the base data."""
    values = {}
    for form_field in spec.fields:
        if form_field.name in spec.values:
            values[form_field.name] = spec.values[form_field.name]
        else:
            values[form_field.name] = _get(spec.base, form_field.name)
    return values


def widget_id(name: str) -> str:
    return "f-" + name.replace(".", "--").replace("_", "-")


def field_for_location(fields: Sequence[FormField], location: str) -> str | None:
    """The field a pydantic error location belongs to (exact, or the group it names)."""
    names = [f.name for f in fields]
    if location in names:
        return location
    # A model-level error (e.g. "due before start" on the time frame) belongs to the
    # group's first field; a list item error (channels.0) to the list field.
    inside = [name for name in names if name.startswith(location + ".")]
    if inside:
        return inside[0]
    while "." in location:
        location = location.rsplit(".", 1)[0]
        if location in names:
            return location
    return None
