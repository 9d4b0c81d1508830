"""The JSON Schema of a success-plan document, generated from the model."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from successplan.model import Customer

SCHEMA_FILE_NAME = "success-plan.schema.json"
SCHEMA_ID = "https://successplan.dev/schemas/success-plan.schema.json"


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a JSON plan document validates against."""
    schema = Customer.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Success plan",
        "description": "One customer's success plan, as successplan imports and exports it.",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def render_schema() -> str:
    """The schema as the text checked in under `schemas/`."""
    return json.dumps(plan_json_schema(), indent=2, ensure_ascii=False) + "\n"


def reply_json_schema() -> dict[str, Any]:
    """The JSON Schema of the reply file the HTML plan saves."""
    from successplan.export.reply import REPLY_SCHEMA_ID, PlanReply

    schema = PlanReply.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": REPLY_SCHEMA_ID,
        "description": (
            "A customer's reply to an exported success plan: the steps they ticked, "
            "unticked or commented on, and a fingerprint of the reply."
        ),
        **schema,
    }


def render_reply_schema() -> str:
    """The reply file's schema as the text checked in under `schemas/`."""
    return json.dumps(reply_json_schema(), indent=2, ensure_ascii=False) + "\n"


def other_schemas() -> list[tuple[str, Callable[[], str]]]:
    """The other documents' schemas, each with its file name under `schemas/`: reply files,
    what `successplan check --format json` prints, and outcome template files."""
    from successplan.export.reply import REPLY_SCHEMA_FILE_NAME
    from successplan.knowledge.checks.report import (
        FINDINGS_SCHEMA_FILE_NAME,
        render_findings_schema,
    )
    from successplan.knowledge.plan_templates import (
        TEMPLATE_SCHEMA_FILE_NAME,
        render_template_schema,
    )

    return [
        (REPLY_SCHEMA_FILE_NAME, render_reply_schema),
        (FINDINGS_SCHEMA_FILE_NAME, render_findings_schema),
        (TEMPLATE_SCHEMA_FILE_NAME, render_template_schema),
    ]
