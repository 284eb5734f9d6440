"""What ``--fix`` says as it goes: each file is reported as soon as it is written.

A run stopped by Ctrl-C or SIGTERM has then said, on standard error and in the ledger,
every fix it wrote, so the ledger can undo exactly what was done. (A SIGKILL can still
cut off the files a worker wrote since it last sent its results.)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

from lint import ledger
from lint.result import FileResult


def fixed_line(result: FileResult) -> str:
    """`Fixed talk.txt: 3 WS001 (trailing-whitespace), 1 EN005 (html-entity)`"""
    counts = Counter((f.code, f.name) for f in result.applied)
    parts = ", ".join(f"{n} {code} ({name})" for (code, name), n in sorted(counts.items()))
    return f"Fixed {result.path}: {parts}"


class FixProgress:
    """Called with each result of a --fix run, in order, as soon as it is in: says
    which fixes went into each file written, appends them to the ledger (flushed),
    and names each file that changed since it was read and so was not written."""

    def __init__(self, ledger_path: Path | None, version: str, time: str) -> None:
        self.fixed = 0
        self.not_written: list[str] = []
        self.ledger_failed = False
        self._ledger_path = ledger_path
        self._version = version
        self._time = time
        self._ledger: TextIO | None = None
        if ledger_path is not None:
            self._ledger = ledger.open_ledger(ledger_path)  # OSError: before any fix

    def __call__(self, result: FileResult) -> None:
        if result.not_written is not None:
            self.not_written.append(result.path)
            print(f"{result.path}: {result.not_written}", file=sys.stderr, flush=True)
        if not result.changed or result.error is not None:
            return
        self.fixed += 1
        print(fixed_line(result), file=sys.stderr, flush=True)
        if self._ledger is not None:
            try:
                ledger.write(self._ledger, result, self._version, self._time)
            except OSError as exc:
                self._give_up_ledger(exc)

    def _give_up_ledger(self, exc: OSError) -> None:
        print(
            f"transcript-lint: error: {self._ledger_path}: cannot write the ledger: "
            f"{exc.strerror or exc}",
            file=sys.stderr,
        )
        self.ledger_failed = True
        self._ledger = None

    def close(self) -> None:
        if self._ledger is not None:
            try:
                self._ledger.close()
            except OSError as exc:
                self._give_up_ledger(exc)
