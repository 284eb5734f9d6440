"""SARIF 2.1.0, the format code-scanning services read.

Columns are counted in Unicode code points, which the log declares with
``columnKind``; end columns are exclusive, as SARIF's are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

from lint import __version__
from lint.report.json_format import json_string
from lint.report.model import Report
from lint.result import FixData, Row

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_RESULT_INDENT = 8  # log > runs > run > results > result, two spaces a level


# A result is written from a template of its layout: `json.dumps` with `indent` falls
# back to the pure-Python encoder, which took 11 of a 15 s cached run with 160,000
# findings. Strings go through the standard library's C string encoder; the keys are
# fixed and need no escaping. The text equals `json.dumps(result, indent=2,
# ensure_ascii=False)`; ``chunks`` indents it into the log.


def _region(row: int, column: int, end_row: int, end_column: int, pad: str) -> str:
    return (
        f'{{\n{pad}  "startLine": {row},\n{pad}  "startColumn": {column},\n'
        f'{pad}  "endLine": {end_row},\n{pad}  "endColumn": {end_column}\n{pad}}}'
    )


def _replacement(content: str, row: int, column: int, end_row: int, end_column: int) -> str:
    return (
        "            {\n"
        f'              "deletedRegion": {_region(row, column, end_row, end_column, " " * 14)},\n'
        '              "insertedContent": {\n'
        f'                "text": {json_string(content)}\n'
        "              }\n"
        "            }"
    )


def _fixes(fix: FixData, uri: str) -> str:
    safety, message, edits = fix
    replacements = ",\n".join(_replacement(content, *place) for content, _, _, *place, _ in edits)
    return (
        ',\n  "fixes": [\n'
        "    {\n"
        '      "description": {\n'
        f'        "text": {json_string(f"{message} ({safety})")}\n'
        "      },\n"
        '      "artifactChanges": [\n'
        "        {\n"
        '          "artifactLocation": {\n'
        f'            "uri": {uri}\n'
        "          },\n"
        + (
            '          "replacements": [\n' + replacements + "\n          ]\n"
            if replacements
            else '          "replacements": []\n'
        )
        + "        }\n"
        "      ]\n"
        "    }\n"
        "  ]"
    )


def _result(finding: Row, index: int, uri: str) -> str:
    """One result at indent 0: its location, and its fix where it has one. The
    fingerprint is what the baseline matches on: stable when lines move, so code
    scanning can follow a finding across commits."""
    fix = "" if finding.fix is None else _fixes(finding.fix, uri)
    region = _region(finding.row, finding.column, finding.end_row, finding.end_column, " " * 8)
    return (
        "{\n"
        f'  "ruleId": {json_string(finding.code)},\n'
        f'  "ruleIndex": {index},\n'
        '  "level": "warning",\n'
        '  "message": {\n'
        f'    "text": {json_string(finding.message)}\n'
        "  },\n"
        '  "partialFingerprints": {\n'
        f'    "transcriptLint/v1": {json_string(finding.fingerprint)}\n'
        "  },\n"
        '  "locations": [\n'
        "    {\n"
        '      "physicalLocation": {\n'
        '        "artifactLocation": {\n'
        f'          "uri": {uri}\n'
        "        },\n"
        f'        "region": {region}\n'
        "      }\n"
        "    }\n"
        f"  ]{fix}\n"
        "}"
    )


def _uri(filename: str) -> str:
    # A name that is not UTF-8 holds its bytes as surrogate escapes: they are
    # percent-encoded as the bytes they were.
    raw = filename.replace("\\", "/").encode("utf-8", "surrogateescape")
    return json_string(quote(raw))


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
    uri = ("", "")  # the last file's name and URI: a file's findings come together
    for f in report.rows():
        if f.filename != uri[0]:
            uri = (f.filename, _uri(f.filename))
        result = _result(f, index[f.code], uri[1]).replace("\n", "\n" + pad)
        yield ("\n" if first else ",\n") + pad + result
        first = False
    yield ("]" if first else "\n" + " " * (_RESULT_INDENT - 2) + "]") + tail + "\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
