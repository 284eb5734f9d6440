"""The baseline: findings a project has accepted for now, so CI fails only on new ones.

A baseline file lists findings by file, code and fingerprint (see
``lint.result.fingerprint``), never by line, with a count for a fingerprint that
occurs more than once in a file. ``check`` reports only the findings beyond those
counts and lists the entries that no longer occur; ``baseline --prune`` drops them.

The file is JSON with one entry per line, sorted, so that a change to it reads well
in a diff::

    {
    "transcript-lint-baseline": 1,
    "entries": [
    {"file": "a.txt", "code": "WS001", "fingerprint": "0f3c9a7d51e2b864", "count": 2, "text": "  "}
    ]
    }

File names are relative to the folder of the baseline file, with ``/``.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lint.records import record
from lint.result import FileResult, Finding

FORMAT = "transcript-lint-baseline"
VERSION = 1
TEXT_LIMIT = 60


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names it."""


@dataclass(frozen=True, order=True)
class Key:
    file: str
    code: str
    fingerprint: str


@record(frozen=True)
class Entry:
    key: Key
    count: int
    text: str = ""  # the flagged text, shortened: for the people reading the file


@record(frozen=True)
class Subject:
    """One file checked in the run, as a baseline sees it."""

    file: str  # relative to the baseline's folder
    result: FileResult
    codes: frozenset[str]  # the codes checked in it: entries of others are left alone


@record(frozen=True)
class Applied:
    """What a baseline did to a run: how many findings it suppressed, and its entries
    that no longer occur (each with the count that is missing)."""

    path: Path
    suppressed: int
    stale: tuple[Entry, ...]


def relative_name(baseline: Path, file: Path) -> str:
    """How a baseline file names ``file``: relative to its folder, with ``/``."""
    relative = os.path.relpath(file.resolve(), baseline.resolve().parent)
    return relative.replace(os.sep, "/")


def _escape_line_breaks(line: str) -> str:
    # json keeps these as they are, but they break lines for some readers.
    return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


def json_line(value: Any) -> str:
    """``value`` as JSON on one line, readable (not ASCII-escaped)."""
    return _escape_line_breaks(json.dumps(value, ensure_ascii=False))


class Baseline:
    """The entries of one baseline file."""

    def __init__(self, path: Path, entries: Iterable[Entry] = ()) -> None:
        self.path = path
        self.entries: dict[Key, Entry] = {}
        for e in entries:  # the same key twice (a merge of two branches) adds up
            if e.key in self.entries:
                e = replace(e, count=e.count + self.entries[e.key].count)
            if e.count > 0:
                self.entries[e.key] = e

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; a missing file is an empty baseline."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not valid JSON: {exc}") from None
        if not isinstance(data, dict) or data.get(FORMAT) != VERSION:
            raise BaselineError(
                f"{path}: not a transcript-lint baseline (version {VERSION}); "
                "write it with: transcript-lint baseline"
            )
        rows = data.get("entries")
        if not isinstance(rows, list):
            raise BaselineError(f"{path}: entries: expected a list")
        return cls(path, (_entry(row, f"{path}: entries[{i}]") for i, row in enumerate(rows)))

    def dumps(self) -> str:
        lines = [
            json_line(
                {
                    "file": e.key.file,
                    "code": e.key.code,
                    "fingerprint": e.key.fingerprint,
                    "count": e.count,
                    "text": e.text,
                }
            )
            for e in sorted(self.entries.values(), key=lambda e: e.key)
        ]
        body = ",\n".join(lines)
        return f'{{\n"{FORMAT}": {VERSION},\n"entries": [\n{body}{chr(10) if body else ""}]\n}}\n'

    @property
    def findings(self) -> int:
        return sum(e.count for e in self.entries.values())

    def apply(self, subjects: Sequence[Subject]) -> tuple[list[FileResult], Applied]:
        """The subjects' results without the known findings, and what no longer occurs.

        Where a fingerprint occurs more often than the baseline counts, the first
        occurrences are the known ones and the later ones are reported.
        """
        applying = self.applying()
        results = [applying.take(subject) for subject in subjects]
        return results, applying.outcome()

    def applying(self) -> Applying:
        """The baseline applied to a run's files one at a time (see ``apply``)."""
        return Applying(self)

    def rebuilt(self, subjects: Sequence[Subject], *, prune: bool = False) -> Baseline:
        """The baseline after a run: the subjects' entries replaced by their findings,
        or, with ``prune``, only lowered to what still occurs (nothing is added).
        Entries of files that no longer exist are dropped; others are kept."""
        current: Counter[Key] = Counter()
        texts: dict[Key, str] = {}
        for subject in subjects:
            for finding in subject.result.findings:
                key = key_of(subject.file, finding)
                current[key] += 1
                texts.setdefault(key, _short(finding.excerpt.text))
        in_scope = self._scope(subjects)
        entries = {key: e for key, e in self.entries.items() if not in_scope(key)}
        if prune:
            for key, e in self.entries.items():
                if key not in entries and current[key]:
                    entries[key] = replace(e, count=min(e.count, current[key]))
        else:
            for key, count in current.items():
                entries[key] = Entry(key, count, texts[key])
        return Baseline(self.path, entries.values())

    def _scope(self, subjects: Sequence[Subject]) -> Callable[[Key], bool]:
        return self.scope({s.file: s.codes for s in subjects})

    def scope(self, checked: Mapping[str, frozenset[str]]) -> Callable[[Key], bool]:
        """Whether the run says something about an entry: its file was checked for
        its code (``checked``: file -> codes), or the file is gone."""
        gone = {
            file: not (self.path.parent / file).exists()
            for file in {key.file for key in self.entries} - set(checked)
        }
        return lambda key: key.code in checked[key.file] if key.file in checked else gone[key.file]


class Applying:
    """A baseline applied to the files of a run one at a time, in the run's order:
    each file's result loses the findings the baseline still counts, and at the
    end, ``outcome`` says how many it took out and which entries no longer occur."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.left = {key: e.count for key, e in baseline.entries.items()}
        self.suppressed = 0
        self.checked: dict[str, frozenset[str]] = {}

    def take(self, subject: Subject) -> FileResult:
        self.checked[subject.file] = subject.codes
        if not self.left:
            return subject.result
        kept = []
        left = self.left
        for finding in subject.result.findings:
            key = key_of(subject.file, finding)
            if left.get(key, 0) > 0:
                left[key] -= 1
                self.suppressed += 1
            else:
                kept.append(finding)
        return replace(subject.result, findings=tuple(kept))

    def outcome(self) -> Applied:
        in_scope = self.baseline.scope(self.checked)
        stale = [
            replace(self.baseline.entries[key], count=count)
            for key, count in self.left.items()
            if count and in_scope(key)
        ]
        return Applied(self.baseline.path, self.suppressed, tuple(sorted(stale, key=_by_key)))


def key_of(file: str, finding: Finding) -> Key:
    return Key(file, finding.code, finding.fingerprint)


def _by_key(entry: Entry) -> Key:
    return entry.key


def _short(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _entry(row: Any, where: str) -> Entry:
    if not isinstance(row, dict):
        raise BaselineError(f"{where}: expected an object")
    file, code, print_, count = (row.get(k) for k in ("file", "code", "fingerprint", "count"))
    if not (isinstance(file, str) and isinstance(code, str) and isinstance(print_, str)):
        raise BaselineError(f"{where}: file, code and fingerprint must be strings")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f"{where}: count must be a whole number of 1 or more")
    text = row.get("text", "")
    return Entry(Key(file, code, print_), count, text if isinstance(text, str) else "")
