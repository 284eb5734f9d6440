"""JSON output with the keys of ruff's JSON format, plus the rule's ``name``.

The array is written a finding at a time (``chunks``), laid out exactly as
``json.dumps(..., indent=2, ensure_ascii=False)`` would lay it out, so that memory
stays flat however many findings a run has. Strings go through the standard
library's C string encoder; the layout of the fixed keys is written here, because
``json.dumps`` with ``indent`` falls back to its pure-Python encoder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lint.report.model import Report
from lint.result import Finding, Location

_string: Any = json.encoder.encode_basestring  # the C function where there is one


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


def _place(key: str, location: Location, pad: str) -> str:
    return (
        f'{pad}"{key}": {{\n{pad}  "row": {location.row},\n'
        f'{pad}  "column": {location.column}\n{pad}}}'
    )


def _finding(f: Finding) -> str:
    """One finding as an element of the top-level array (indented by 2)."""
    s = _string
    parts = [
        "  {",
        f'    "filename": {s(f.filename)},',
        f'    "code": {s(f.code)},',
        f'    "name": {s(f.name)},',
        f'    "message": {s(f.message)},',
        _place("location", f.location, "    ") + ",",
        _place("end_location", f.end_location, "    ") + ",",
    ]
    if f.fix is None:
        parts.append('    "fix": null')
    else:
        parts += [
            '    "fix": {',
            f'      "applicability": {s(f.fix.safety.value)},',
            f'      "message": {s(f.fix.message)},',
        ]
        if not f.fix.edits:
            parts.append('      "edits": []')
        else:
            edits = [
                f'        {{\n          "content": {s(e.content)},\n'
                + _place("location", e.location, "          ")
                + ",\n"
                + _place("end_location", e.end_location, "          ")
                + "\n        }"
                for e in f.fix.edits
            ]
            parts.append('      "edits": [\n' + ",\n".join(edits) + "\n      ]")
        parts.append("    }")
    parts.append("  }")
    return "\n".join(parts)


def chunks(report: Report) -> Iterator[str]:
    """The JSON array, a finding at a time."""
    first = True
    for f in report.findings():
        yield ("[\n" if first else ",\n") + _finding(f)
        first = False
    yield "[]\n" if first else "\n]\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
