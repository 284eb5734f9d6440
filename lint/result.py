"""Findings: diagnostics resolved to lines and columns, as plain picklable data.

This is what leaves the engine: reporters print findings, the public API returns
them, and worker processes send them back. Lines and columns are 1-based and count
characters; an end location is exclusive.

Each finding can also carry what the CLI needs without the text at hand: a short
excerpt of its line for reports, and a fingerprint of the flagged text and its
context for the baseline (a run makes them only where they are read: ``resolve``).
The fingerprint does not depend on the line number or on whitespace around the
finding, so editing elsewhere in the file, or fixing the whitespace next to it,
leaves it unchanged.
"""

from __future__ import annotations

import dataclasses
import marshal
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from typing import NamedTuple, overload

from lint.document import Document
from lint.fix import Safety
from lint.patterns import lazy_regex
from lint.records import record
from lint.rule import Diagnostic, Rule

FINGERPRINT_CONTEXT = 40
EXCERPT_CONTEXT = 60
EXCERPT_TEXT = 200
_WHITESPACE = lazy_regex(r"\s+")


# What a run's exit code says: nothing left to report, findings remain, or an input,
# config or usage error (see the README's exit codes).
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fold(text: str) -> str:
    """Runs of whitespace as one space, none at either end."""
    return str(_WHITESPACE.sub(" ", text)).strip()


# The classes of a finding are values: never change one. They are not frozen
# dataclasses, whose construction costs five times as much (3.4 against 0.6 us for
# a Finding alone), because a run makes several per finding and makes them again
# each time it unpacks findings (``PackedFindings``).


@record(slots=True)
class Location:
    row: int
    column: int


@record(slots=True)
class FindingEdit:
    """One edit of a fix: ``before`` (the text it replaces) becomes ``content``."""

    content: str
    start: int
    end: int
    location: Location
    end_location: Location
    before: str = ""


@record(slots=True)
class FindingFix:
    safety: Safety
    message: str
    edits: tuple[FindingEdit, ...]


@record(slots=True)
class Excerpt:
    """The flagged text with a little of its line on either side, for reports."""

    before: str
    text: str
    after: str


@record(slots=True)
class Finding:
    filename: str
    code: str
    name: str
    message: str
    start: int
    end: int
    location: Location
    end_location: Location
    fix: FindingFix | None = None
    fingerprint: str = ""
    excerpt: Excerpt = field(default_factory=lambda: Excerpt("", "", ""))

    @property
    def safety(self) -> Safety | None:
        return self.fix.safety if self.fix else None


def count_words(text: str) -> int:
    """The number of words in a text as `wc -w` counts them: runs of non-space
    characters. Cheap (it runs on every file) and close enough for rates per
    10,000 words."""
    return len(text.split())


def fingerprint(text: str, code: str, start: int, end: int) -> str:
    """A stable identity of a finding: its code, the flagged text and up to
    ``FINGERPRINT_CONTEXT`` characters of its line on either side, with runs of
    whitespace folded to one space (so whitespace fixes nearby do not change it).

    Only the finding's own line counts, so lines added or removed around it leave the
    fingerprint alone; a blank finding on a blank line (extra blank lines, a line of
    spaces) takes its context from the nearest text on the lines around it instead.
    """
    window = 4 * FINGERPRINT_CONTEXT
    before_lines = text[max(0, start - window) : start]
    after_lines = text[end : end + window]
    # The line around the span: after the last line break before it, up to the
    # first after it (`\r\n`, `\r` or `\n`).
    line_start = max(before_lines.rfind("\n"), before_lines.rfind("\r")) + 1
    line_end = min(
        (i for i in (after_lines.find("\r"), after_lines.find("\n")) if i >= 0),
        default=len(after_lines),
    )
    before = _fold(before_lines[line_start:])[-FINGERPRINT_CONTEXT:]
    after = _fold(after_lines[:line_end])[:FINGERPRINT_CONTEXT]
    flagged = text[start:end]
    if not (flagged.strip() or before or after):
        before = _fold(before_lines)[-FINGERPRINT_CONTEXT:]
        after = _fold(after_lines)[:FINGERPRINT_CONTEXT]
    key = "\x1f".join((code, before, flagged, after))
    import hashlib  # OpenSSL's 4 ms load is paid only by runs with findings

    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def excerpt(doc: Document, start: int, end: int) -> Excerpt:
    """Up to ``EXCERPT_CONTEXT`` characters of the line on either side of a span."""
    line_start = doc.line_starts[doc.line_of(start)]
    line_end = max(end, doc.line_span(doc.line_of(end))[1])
    text = doc.text[start:end]
    if len(text) > EXCERPT_TEXT:
        text = text[: EXCERPT_TEXT - 1] + "…"
    return Excerpt(
        doc.text[max(line_start, start - EXCERPT_CONTEXT) : start],
        text,
        doc.text[end : min(line_end, end + EXCERPT_CONTEXT)],
    )


def resolve(doc: Document, diagnostic: Diagnostic, rule: Rule, details: bool = True) -> Finding:
    """A diagnostic placed in its document; with ``details``, with its fingerprint
    and excerpt, which only SARIF, HTML, baselines and the cache read (without, they
    are empty: a sha256 and two slices of the text less per finding)."""
    fix = None
    if diagnostic.fix is not None:
        edits = tuple(
            FindingEdit(
                e.content,
                e.start,
                e.end,
                Location(*doc.location(e.start)),
                Location(*doc.location(e.end)),
                doc.text[e.start : e.end],
            )
            for e in diagnostic.fix.edits
        )
        fix = FindingFix(diagnostic.fix.safety, diagnostic.fix.message, edits)
    return Finding(
        filename=doc.path,
        code=diagnostic.code,
        name=rule.name,
        message=diagnostic.message,
        start=diagnostic.start,
        end=diagnostic.end,
        location=Location(*doc.location(diagnostic.start)),
        end_location=Location(*doc.location(diagnostic.end)),
        fix=fix,
        fingerprint=(
            fingerprint(doc.text, diagnostic.code, diagnostic.start, diagnostic.end)
            if details
            else ""
        ),
        excerpt=excerpt(doc, diagnostic.start, diagnostic.end) if details else Excerpt("", "", ""),
    )


class PackedFindings(Sequence[Finding]):
    """Findings held compactly until they are read.

    A run keeps every file's findings until it reports, and as objects a finding
    costs about 1.1 KB (its locations, excerpt and fix are objects of their own):
    180 MB for the 160,000 findings of 10,000 artifact-dense files. As compressed
    ``marshal`` data of plain tuples they cost about 130 bytes, and a worker sends
    them back to the main process ten times faster than pickled objects. Every read
    unpacks them again; reporters read them once or twice.
    """

    __slots__ = ("_count", "_data", "tally")

    def __init__(self, findings: Sequence[Finding]) -> None:
        self._count = len(findings)
        self._data = zlib.compress(marshal.dumps([_as_data(f) for f in findings]), 1)
        self.tally = _tally_of(findings)  # what summaries count, without unpacking

    def _unpacked(self) -> tuple[Finding, ...]:
        return tuple(_from_data(d) for d in self._tuples())

    def _tuples(self) -> list[_FindingData]:
        data: list[_FindingData] = marshal.loads(zlib.decompress(self._data))
        return data

    def rows(self) -> Iterator[Row]:
        """The findings as rows, without the objects of their fixes and excerpts."""
        return map(Row._make, self._tuples())

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._unpacked())

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...
    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        return self._unpacked()[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a tuple, so not hashable

    def __repr__(self) -> str:
        return f"PackedFindings({self._unpacked()!r})"


_EditData = tuple[str, int, int, int, int, int, int, str]
FixData = tuple[str, str, tuple[_EditData, ...]]  # (safety, message, edits)
_FindingData = tuple[
    str, str, str, str, int, int, int, int, int, int, FixData | None, str, str, str, str
]


class Row(NamedTuple):
    """A finding as plain data: what packed findings hold, and what a report that
    prints one line per finding reads (making the objects costs five times more)."""

    filename: str
    code: str
    name: str
    message: str
    start: int
    end: int
    row: int
    column: int
    end_row: int
    end_column: int
    fix: FixData | None
    fingerprint: str
    before: str
    text: str
    after: str

    @property
    def safety(self) -> Safety | None:
        return _SAFETIES[self.fix[0]] if self.fix is not None else None


def rows(findings: Sequence[Finding]) -> Iterator[Row]:
    """The findings as rows (see ``Row``)."""
    if isinstance(findings, PackedFindings):
        return findings.rows()
    return (Row._make(_as_data(f)) for f in findings)


def _as_data(f: Finding) -> _FindingData:
    """A finding as a tuple of strings and numbers (what ``marshal`` holds)."""
    fix = None
    if f.fix is not None:
        edits = tuple(
            (
                e.content, e.start, e.end,
                e.location.row, e.location.column, e.end_location.row, e.end_location.column,
                e.before,
            )
            for e in f.fix.edits
        )  # fmt: skip
        fix = (f.fix.safety.value, f.fix.message, edits)
    x = f.excerpt
    return (
        f.filename, f.code, f.name, f.message, f.start, f.end,
        f.location.row, f.location.column, f.end_location.row, f.end_location.column,
        fix, f.fingerprint, x.before, x.text, x.after,
    )  # fmt: skip


_SAFETIES = {s.value: s for s in Safety}  # a dict lookup, where Safety(value) is slow


def _from_data(d: _FindingData) -> Finding:
    filename, code, name, message, start, end, row, column, end_row, end_column = d[:10]
    fix_data, fingerprint_, before, text, after = d[10:]
    fix = None
    if fix_data is not None:
        safety, fix_message, edits = fix_data
        fix = FindingFix(
            _SAFETIES[safety],
            fix_message,
            tuple(
                FindingEdit(c, a, b, Location(r1, c1), Location(r2, c2), was)
                for c, a, b, r1, c1, r2, c2, was in edits
            ),
        )
    return Finding(
        filename, code, name, message, start, end,
        Location(row, column), Location(end_row, end_column),
        fix, fingerprint_, Excerpt(before, text, after),
    )  # fmt: skip


Tally = Counter[tuple[str, Safety | None]]  # findings by code and by the safety of their fix


def _tally_of(findings: Iterable[Finding]) -> Tally:
    return Counter((f.code, f.safety) for f in findings)


def tally(findings: Sequence[Finding]) -> Tally:
    """How many findings there are of each code and fix safety (packed findings
    know it without being unpacked)."""
    return findings.tally if isinstance(findings, PackedFindings) else _tally_of(findings)


def packed(findings: Sequence[Finding]) -> Sequence[Finding]:
    """``findings`` packed (see ``PackedFindings``); none stay an empty tuple."""
    return PackedFindings(findings) if findings else ()


def compacted(result: FileResult) -> FileResult:
    """The result with its findings packed (see ``PackedFindings``): for a result
    that is held, or sent from a worker process."""
    return dataclasses.replace(
        result, findings=packed(result.findings), applied=packed(result.applied)
    )


@record(frozen=True)
class FileResult:
    """What checking (and maybe fixing) one file produced.

    ``error`` is set when the file could not be checked or fixed; ``original`` and
    ``fixed`` hold the text before and after fixes when fixes were applied, and
    ``passes`` the fixer pass (from 1) in which each of ``applied`` was applied: the
    positions of an applied finding are those of the text at the start of its pass.
    ``words`` counts the words of the text as it was read. ``not_written`` says why
    a fixed text was not written (the file changed since it was read).
    """

    path: str
    findings: Sequence[Finding] = ()
    applied: Sequence[Finding] = ()
    error: str | None = None
    original: str | None = None
    fixed: str | None = None
    passes: tuple[int, ...] = ()
    words: int = 0
    changed: bool = False  # fixes changed the text (kept when the texts are dropped)
    # Checked while one of its ignore-patterns was disabled for the rest of the run
    # (it ran out of time on another file): what the settings ask, but not all of it.
    partial: bool = False
    not_written: str | None = None  # why fixes were found but not written (file changed)
