"""JSON output with the keys of ruff's JSON format, plus the rule's ``name``.

The array is written a finding at a time (``chunks``), laid out exactly as
``json.dumps(..., indent=2, ensure_ascii=False)`` would lay it out, so that memory
stays flat however many findings a run has. Strings go through the standard
library's C string encoder; the layout of the fixed keys is written here, because
``json.dumps`` with ``indent`` falls back to its pure-Python encoder.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from lint.report.model import Report
from lint.result import Finding, Location, Row

# A JSON string literal as json.dumps(ensure_ascii=False) writes it: the C function
# where there is one.
json_string: Callable[[str], str] = json.encoder.encode_basestring


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


def _place(key: str, row: int, column: int, pad: str) -> str:
    return f'{pad}"{key}": {{\n{pad}  "row": {row},\n{pad}  "column": {column}\n{pad}}}'


def _edit(content: str, row: int, column: int, end_row: int, end_column: int) -> str:
    return (
        f'        {{\n          "content": {json_string(content)},\n'
        + _place("location", row, column, "          ")
        + ",\n"
        + _place("end_location", end_row, end_column, "          ")
        + "\n        }"
    )


def _finding(f: Row) -> str:
    """One finding as an element of the top-level array (indented by 2)."""
    s = json_string
    parts = [
        "  {",
        f'    "filename": {s(f.filename)},',
        f'    "code": {s(f.code)},',
        f'    "name": {s(f.name)},',
        f'    "message": {s(f.message)},',
        _place("location", f.row, f.column, "    ") + ",",
        _place("end_location", f.end_row, f.end_column, "    ") + ",",
    ]
    if f.fix is None:
        parts.append('    "fix": null')
    else:
        safety, message, edits = f.fix
        parts += [
            '    "fix": {',
            f'      "applicability": {s(safety)},',
            f'      "message": {s(message)},',
        ]
        if not edits:
            parts.append('      "edits": []')
        else:
            shown = [_edit(content, *place) for content, _, _, *place, _ in edits]
            parts.append('      "edits": [\n' + ",\n".join(shown) + "\n      ]")
        parts.append("    }")
    parts.append("  }")
    return "\n".join(parts)


def chunks(report: Report) -> Iterator[str]:
    """The JSON array, a finding at a time."""
    first = True
    for f in report.rows():
        yield ("[\n" if first else ",\n") + _finding(f)
        first = False
    yield "[]\n" if first else "\n]\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
