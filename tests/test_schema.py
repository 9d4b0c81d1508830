"""The checked-in JSON Schema is the one the model generates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from successplan.export.json_schema import (
    SCHEMA_FILE_NAME,
    plan_json_schema,
    render_reply_schema,
    render_schema,
    reply_json_schema,
)
from successplan.export.reply import REPLY_SCHEMA_FILE_NAME

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


def test_checked_in_reply_schema_is_current() -> None:
    path = SCHEMA_PATH.parent / REPLY_SCHEMA_FILE_NAME
    assert path.read_text(encoding="utf-8") == render_reply_schema(), (
        "schemas/ is out of date: run `successplan schema` and commit the result"
    )


def test_a_reply_validates_against_its_schema() -> None:
    import jsonschema

    from successplan.export.reply import with_fingerprint

    reply = with_fingerprint(
        {
            "format": "successplan-reply",
            "version": 1,
            "customer": "acme",
            "plan_version": 3,
            "exported": "2026-11-23",
            "audience": "customer",
            "steps": [
                {
                    "kind": "milestone",
                    "id": "pipeline",
                    "was": "open",
                    "now": "done",
                    "text": "Pipeline imported — due 1 Jun 2026",
                    "digest": "1c9e0b7d",
                    "comment": "Done early",
                }
            ],
            "comment": "",
        }
    )
    jsonschema.validate(reply, json.loads(render_reply_schema()))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**reply, "steps": [{"id": "x"}]}, reply_json_schema())
