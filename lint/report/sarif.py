"""SARIF 2.1.0, the format code-scanning services read.

Columns are counted in Unicode code points, which the log declares with
``columnKind``; end columns are exclusive, as SARIF's are.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from lint import __version__
from lint.report.model import Report
from lint.result import Finding, Location

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _region(start: Location, end: Location) -> dict[str, int]:
    return {
        "startLine": start.row,
        "startColumn": start.column,
        "endLine": end.row,
        "endColumn": end.column,
    }


def _artifact(filename: str) -> dict[str, str]:
    return {"uri": quote(filename.replace("\\", "/"))}


def _result(finding: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": "warning",
        "message": {"text": finding.message},
        # What the baseline matches on: stable when lines move, so code scanning can
        # follow a finding across commits.
        "partialFingerprints": {"transcriptLint/v1": finding.fingerprint},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.filename),
                    "region": _region(finding.location, finding.end_location),
                }
            }
        ],
    }
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": f"{finding.fix.message} ({finding.fix.safety.value})"},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(finding.filename),
                        "replacements": [
                            {
                                "deletedRegion": _region(e.location, e.end_location),
                                "insertedContent": {"text": e.content},
                            }
                            for e in finding.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result


def render(report: Report) -> str:
    index = {rule.code: i for i, rule in enumerate(report.rules)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "help": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"enabled": rule.default, "level": "warning"},
            "properties": {
                "family": rule.family,
                "fix": rule.fix.value,
                "fixSafety": [s.value for s in rule.safety],
            },
        }
        for rule in report.rules
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "transcript-lint",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index[f.code]) for f in report.findings()],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
