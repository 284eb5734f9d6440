"""JSON output with the keys of ruff's JSON format, plus the rule's ``name``."""

from __future__ import annotations

import json
from typing import Any

from lint.report.model import Report
from lint.result import Finding, Location


def _location(location: Location) -> dict[str, int]:
    return {"row": location.row, "column": location.column}


def as_dict(finding: Finding) -> dict[str, Any]:
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.safety.value,
            "message": finding.fix.message,
            "edits": [
                {
                    "content": e.content,
                    "location": _location(e.location),
                    "end_location": _location(e.end_location),
                }
                for e in finding.fix.edits
            ],
        }
    return {
        "filename": finding.filename,
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "location": _location(finding.location),
        "end_location": _location(finding.end_location),
        "fix": fix,
    }


def render(report: Report) -> str:
    return json.dumps([as_dict(f) for f in report.findings()], indent=2, ensure_ascii=False) + "\n"
