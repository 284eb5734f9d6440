"""SARIF 2.1.0, the format code-scanning services read.

Columns are counted in Unicode code points, which the log declares with
``columnKind``; end columns are exclusive, as SARIF's are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import quote

from lint import __version__
from lint.report.model import Report
from lint.result import Finding, Location

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_RESULT_INDENT = 8  # log > runs > run > results > result, two spaces a level


# A result is written with its layout spelled out here: `json.dumps` with `indent`
# falls back to the pure-Python encoder, which took 11 of a 15 s cached run with
# 160,000 findings. Strings go through the standard library's C string encoder; the
# keys are fixed and need no escaping. The text equals `json.dumps(result, indent=2,
# ensure_ascii=False)`, indented by ``pad``.
_string: Any = json.encoder.encode_basestring  # the C function where there is one


def _object(pad: str, members: Iterable[tuple[str, str]]) -> str:
    """A JSON object at indent ``pad`` from ``(key, value as text at pad + 2)``."""
    inner = pad + "  "
    return "{\n" + ",\n".join(f'{inner}"{k}": {v}' for k, v in members) + f"\n{pad}}}"


def _array(pad: str, items: Sequence[str]) -> str:
    """A JSON array at indent ``pad`` from its items as text at pad + 2."""
    if not items:
        return "[]"
    inner = pad + "  "
    return "[\n" + ",\n".join(inner + item for item in items) + f"\n{pad}]"


def _text(pad: str, text: str) -> str:
    return _object(pad, (("text", _string(text)),))


def _region(pad: str, start: Location, end: Location) -> str:
    return _object(
        pad,
        (
            ("startLine", str(start.row)),
            ("startColumn", str(start.column)),
            ("endLine", str(end.row)),
            ("endColumn", str(end.column)),
        ),
    )


def _artifact(pad: str, filename: str) -> str:
    return _object(pad, (("uri", _string(quote(filename.replace("\\", "/")))),))


def _result(finding: Finding, index: int, pad: str) -> str:
    """One result: its location, and its fix where it has one."""
    p1, p2, p3, p4, p5, p6, p7 = (pad + "  " * n for n in range(1, 8))
    members = [
        ("ruleId", _string(finding.code)),
        ("ruleIndex", str(index)),
        ("level", '"warning"'),
        ("message", _text(p1, finding.message)),
        # What the baseline matches on: stable when lines move, so code scanning can
        # follow a finding across commits.
        (
            "partialFingerprints",
            _object(p1, (("transcriptLint/v1", _string(finding.fingerprint)),)),
        ),
        (
            "locations",
            _array(
                p1,
                [
                    _object(
                        p2,
                        (
                            (
                                "physicalLocation",
                                _object(
                                    p3,
                                    (
                                        ("artifactLocation", _artifact(p4, finding.filename)),
                                        (
                                            "region",
                                            _region(p4, finding.location, finding.end_location),
                                        ),
                                    ),
                                ),
                            ),
                        ),
                    )
                ],
            ),
        ),
    ]
    fix = finding.fix
    if fix is not None:
        replacements = [
            _object(
                p6,
                (
                    ("deletedRegion", _region(p7, e.location, e.end_location)),
                    ("insertedContent", _text(p7, e.content)),
                ),
            )
            for e in fix.edits
        ]
        change = _object(
            p4,
            (
                ("artifactLocation", _artifact(p5, finding.filename)),
                ("replacements", _array(p5, replacements)),
            ),
        )
        described = _text(p3, f"{fix.message} ({fix.safety.value})")
        members.append(
            (
                "fixes",
                _array(
                    p1,
                    [
                        _object(
                            p2,
                            (("description", described), ("artifactChanges", _array(p3, [change]))),
                        )
                    ],
                ),
            )
        )
    return _object(pad, members)


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
        yield ("\n" if first else ",\n") + pad + _result(f, index[f.code], pad)
        first = False
    yield ("]" if first else "\n" + " " * (_RESULT_INDENT - 2) + "]") + tail + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
