"""SARIF 2.1.0, the format code-scanning services read.

Columns are counted in Unicode code points, which the log declares with
``columnKind``; end columns are exclusive, as SARIF's are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from lint import __version__
from lint.report.model import Report
from lint.result import Finding, Location

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_RESULT_INDENT = 8  # log > runs > run > results > result, two spaces a level


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


def chunks(report: Report) -> Iterator[str]:
    """The log in pieces: its frame, then the results one at a time, laid out as
    ``json.dumps(log, indent=2)`` lays it out, without holding every result."""
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
                "results": [],
            }
        ],
    }
    # `results` is the last key of the run: the frame is split where it stands.
    head, _, tail = json.dumps(log, indent=2, ensure_ascii=False).rpartition('"results": []')
    yield head + '"results": ['
    pad = " " * _RESULT_INDENT
    first = True
    for f in report.findings():
        result = json.dumps(_result(f, index[f.code]), indent=2, ensure_ascii=False)
        yield ("\n" if first else ",\n") + pad + result.replace("\n", "\n" + pad)
        first = False
    yield ("]" if first else "\n" + " " * (_RESULT_INDENT - 2) + "]") + tail + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
