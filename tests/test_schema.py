"""The checked-in JSON Schema is the one the model generates."""

from __future__ import annotations

import json
from pathlib import Path

from successplan.schema import SCHEMA_FILE_NAME, plan_json_schema, render_schema

SCHEMA_PATH = Path(__file__).parent.parent / "schemas" / SCHEMA_FILE_NAME


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "schemas/ is out of date: run `successplan schema` and commit the result"
    )


def test_schema_describes_a_plan_document() -> None:
    schema = plan_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["required"] == ["name"]
    assert schema["additionalProperties"] is False
    assert "Milestone" in schema["$defs"]
    assert json.loads(render_schema()) == schema
