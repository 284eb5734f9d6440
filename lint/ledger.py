"""The fix ledger: one JSON line per edit that ``--fix`` wrote, appended to a file.

A ledger answers, later, what was changed in a corpus and why. Each line names the
file, the rule (code and name), the edit's place, the text before and after, the
fix's safety class and message, the fixer pass, the tool version and the time of the
run.

The lines of one file are in the order the edits can be replayed one at a time: pass
by pass, and within a pass from the end of the text to the start. So ``offset``,
``end_offset`` (character offsets), ``line`` and ``column`` of every line are those of
the text just before that edit, and ``text[offset:end_offset] == before`` holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from lint.baseline import json_line
from lint.result import FileResult


def entries(result: FileResult, version: str, time: str) -> Iterator[dict[str, Any]]:
    """The ledger lines of one fixed file, in replay order."""
    edits = [
        (number, finding, edit)
        for number, finding in zip(result.passes, result.applied, strict=True)
        if finding.fix is not None
        for edit in finding.fix.edits
    ]
    edits.sort(key=lambda item: (item[0], -item[2].start, -item[2].end))
    for number, finding, edit in edits:
        assert finding.fix is not None
        yield {
            "file": result.path,
            "code": finding.code,
            "name": finding.name,
            "line": edit.location.row,
            "column": edit.location.column,
            "end_line": edit.end_location.row,
            "end_column": edit.end_location.column,
            "offset": edit.start,
            "end_offset": edit.end,
            "before": edit.before,
            "after": edit.content,
            "safety": finding.fix.safety.value,
            "message": finding.fix.message,
            "pass": number,
            "version": version,
            "time": time,
        }


def open_ledger(path: Path) -> TextIO:
    """The ledger file, to append to. A file name that is not UTF-8 (held as
    surrogates) is written as a JSON escape (``\\udcff``), so every line stays JSON."""
    return path.open("a", encoding="utf-8", errors="backslashreplace", newline="\n")


def write(out: TextIO, result: FileResult, version: str, time: str) -> int:
    """Append the edits of one written file and flush them (a run stopped right after
    still has them); the number of lines."""
    if not result.changed or result.error is not None:
        return 0
    lines = [json_line(entry) + "\n" for entry in entries(result, version, time)]
    out.writelines(lines)
    out.flush()
    return len(lines)
