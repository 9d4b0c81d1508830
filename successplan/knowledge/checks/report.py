"""What the checks found, written for a person (text) or a program (JSON), and the JSON
Schema of the latter."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from successplan.knowledge.checks.book import PlanReport
from successplan.knowledge.checks.findings import Finding, FindingCounts
from successplan.knowledge.checks.rules import CHECKS

FINDINGS_SCHEMA_FILE_NAME = "plan-checks.schema.json"
FINDINGS_SCHEMA_ID = "https://successplan.dev/schemas/plan-checks.schema.json"


# --- JSON ---------------------------------------------------------------------------------


def finding_record(finding: Finding) -> dict[str, Any]:
    """One finding as the JSON output has it."""
    record = _record(finding)
    check = CHECKS[finding.code]
    record["why"], record["fix"] = check.why, check.fix
    return record


def _record(finding: Finding) -> dict[str, Any]:
    """A finding's own fields (all but why and how to fix, which are its check's)."""
    target = finding.target
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "customer": finding.customer,
        "customer_id": finding.customer_id,
        "outcome": finding.outcome,
        "outcome_id": finding.outcome_id,
        "object": finding.object,
        "message": finding.message,
        "target": {
            "object": target.obj.value,
            "outcome_id": target.outcome_id,
            "item_id": target.item_id,
            "field": target.field,
            "kind": target.kind,
        },
    }


_encode = json.JSONEncoder(ensure_ascii=False).encode


def json_chunks(reports: Iterable[PlanReport]) -> Iterator[str]:
    """The findings as one JSON array (a list of finding objects), a customer at a time."""
    # Why and how to fix are the same for every finding of a check: encoded once each.
    explained = {
        code: f', "why": {_encode(each.why)}, "fix": {_encode(each.fix)}}}'
        for code, each in CHECKS.items()
    }
    first = True
    yield "["
    for report in reports:
        if not report.findings:
            continue
        records = [
            _encode(_record(finding))[:-1] + explained[finding.code] for finding in report.findings
        ]
        yield ("\n  " if first else ",\n  ") + ",\n  ".join(records)
        first = False
    yield "]\n" if first else "\n]\n"


# --- text ---------------------------------------------------------------------------------


def text_chunks(
    reports: Iterable[PlanReport], *, explain: bool = False, quiet_when_clean: bool = False
) -> Iterator[str]:
    """The findings for a person: by customer, then by outcome, worst first."""
    for report in reports:
        if not report.findings:
            if not quiet_when_clean:
                yield f"{report.customer}: nothing to improve.\n"
            continue
        lines = [f"{report.customer}: {report.counts.describe()}"]
        heading: object = _NO_HEADING_YET
        for finding in report.findings:
            if finding.outcome_id != heading:
                heading = finding.outcome_id
                lines.append(f"  {_group(finding)}")
            # One line a finding, its code first: what a script greps and a person scans.
            lines.append(f"    {finding.severity:<8} {finding.code}: {finding.message}")
            if explain:
                lines.append(f"      Why: {CHECKS[finding.code].why}")
                lines.append(f"      Fix: {CHECKS[finding.code].fix}")
        yield "\n".join(lines) + "\n\n"


_NO_HEADING_YET = object()  # unlike any outcome id, or None (the plan's own findings)


def _group(finding: Finding) -> str:
    if finding.outcome is None:
        return "The plan"
    return f"Outcome “{finding.outcome}”"


def summary(reports: list[PlanReport]) -> str:
    """'Checked 8 customers: 2 problems, 19 warnings, 1 hint in 7 plans.'"""
    counts = FindingCounts(
        sum(r.counts.problems for r in reports),
        sum(r.counts.warnings for r in reports),
        sum(r.counts.hints for r in reports),
    )
    with_findings = sum(1 for r in reports if r.findings)
    checked = f"Checked {len(reports)} customer{'s' if len(reports) != 1 else ''}"
    if not counts.total:
        return f"{checked}: nothing to improve."
    plans = f"{with_findings} plan{'s' if with_findings != 1 else ''}"
    return f"{checked}: {counts.describe()} in {plans}."


# --- the schema ---------------------------------------------------------------------------


def findings_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `successplan check --format json`."""
    from successplan.knowledge.checks.records import FindingRecord

    item = FindingRecord.model_json_schema(mode="serialization")
    defs = item.pop("$defs", {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": FINDINGS_SCHEMA_ID,
        "title": "Plan check findings",
        "description": "What `successplan check --format json` prints: one object per "
        "finding, grouped by customer and outcome.",
        "type": "array",
        "items": {"$ref": "#/$defs/FindingRecord"},
        "$defs": {**defs, "FindingRecord": item},
    }


def render_findings_schema() -> str:
    """The schema as the text checked in under `schemas/`."""
    return json.dumps(findings_json_schema(), indent=2, ensure_ascii=False) + "\n"
