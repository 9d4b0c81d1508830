"""The reply a customer saves from the HTML plan: which steps changed, and their comments.

The page saves it as a small JSON file, or copies it as text for an email, with the JSON
inside a block of base64 lines that survive quoting and re-wrapping:

    -----BEGIN SUCCESSPLAN REPLY-----
    eyJhdWRpZW5jZSI6ImN1c3RvbWVyIiwiY29tbWVudCI6IiIsImN1c3RvbWVyIjoiMzQ5...
    -----END SUCCESSPLAN REPLY-----

Its `fingerprint` is the first 16 hex digits of the SHA-256 of the reply's canonical JSON
without the fingerprint (keys sorted, no spaces, non-ASCII escaped: Python's
`json.dumps(sort_keys=True, separators=(",", ":"))`); the page computes the same in its
script, so a reply damaged on the way (a client re-wrapping a line, a hand edit) is
refused instead of read wrongly. `schemas/plan-reply.schema.json` describes it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

REPLY_FORMAT = "successplan-reply"
REPLY_VERSION = 1
COMMENT_MAX = 2000
PLAN_COMMENT_MAX = 4000
STEPS_MAX = 1000
ARMOR_BEGIN = "-----BEGIN SUCCESSPLAN REPLY-----"
ARMOR_END = "-----END SUCCESSPLAN REPLY-----"
ARMOR_WIDTH = 64
REPLY_SCHEMA_FILE_NAME = "plan-reply.schema.json"
REPLY_SCHEMA_ID = f"https://successplan.dev/schemas/{REPLY_SCHEMA_FILE_NAME}"

StepId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{8,12}$")]


class StepReply(BaseModel):
    """One step the customer ticked, unticked or commented on."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["milestone", "item"]
    id: StepId
    was: Literal["open", "done"] = Field(description="its state in the plan as sent")
    now: Literal["open", "done"] = Field(description="its state in the customer's reply")
    text: str = Field(max_length=20_000, description="the step's text as sent")
    digest: Digest = Field(description="the fingerprint of that text, as the Markdown marker")
    comment: str = Field("", max_length=COMMENT_MAX)


class PlanReply(BaseModel):
    """A customer's reply to one exported plan."""

    model_config = ConfigDict(extra="forbid", title="Reply to a success plan")

    format: Literal["successplan-reply"]
    version: Literal[1]
    customer: StepId = Field(description="the id of the customer whose plan this answers")
    plan_version: int | None = Field(
        None, ge=1, description="the stored version of the plan the page was exported from"
    )
    exported: date
    audience: Literal["customer", "internal"]
    steps: list[StepReply] = Field(default_factory=list, max_length=STEPS_MAX)
    comment: str = Field("", max_length=PLAN_COMMENT_MAX, description="on the whole plan")
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$")


def canonical_json(data: dict[str, Any]) -> str:
    """The reply's JSON as its fingerprint is computed: the fingerprint itself left out."""
    body = {key: value for key, value in data.items() if key != "fingerprint"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def reply_fingerprint(data: dict[str, Any]) -> str:
    """The fingerprint a reply must carry."""
    return hashlib.sha256(canonical_json(data).encode("ascii")).hexdigest()[:16]


def with_fingerprint(data: dict[str, Any]) -> dict[str, Any]:
    """The reply with its fingerprint set (what the page's script does when it saves)."""
    return {**data, "fingerprint": reply_fingerprint(data)}


def armored(data: dict[str, Any]) -> str:
    """The reply as the block of text the page copies for an email."""
    payload = json.dumps(with_fingerprint(data), sort_keys=True, separators=(",", ":"))
    text = base64.b64encode(payload.encode("ascii")).decode("ascii")
    lines = [text[n : n + ARMOR_WIDTH] for n in range(0, len(text), ARMOR_WIDTH)]
    return "\n".join([ARMOR_BEGIN, *lines, ARMOR_END])


_ARMOR = re.compile(re.escape(ARMOR_BEGIN) + r"(?P<body>.*?)" + re.escape(ARMOR_END), re.DOTALL)
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/=]")
_QUOTES = re.compile(r"^[ \t>]*", re.MULTILINE)


def dearmored(text: str) -> str | None:
    """The reply's JSON out of a text that carries the block (quoted or not), or None."""
    found = _ARMOR.search(_QUOTES.sub("", text))
    if found is None:
        return None
    body = _NOT_BASE64.sub("", found.group("body"))
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""
