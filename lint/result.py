"""Findings: diagnostics resolved to lines and columns, as plain picklable data.

This is what leaves the engine: reporters print findings, the public API returns
them, and worker processes send them back. Lines and columns are 1-based and count
characters; an end location is exclusive.

Each finding also carries what the CLI needs without the text at hand: a short
excerpt of its line for reports, and a fingerprint of the flagged text and its
context for the baseline. The fingerprint does not depend on the line number or on
whitespace around the finding, so editing elsewhere in the file, or fixing the
whitespace next to it, leaves it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from lint.document import Document
from lint.fix import Safety
from lint.rule import Diagnostic, Rule

FINGERPRINT_CONTEXT = 40
EXCERPT_CONTEXT = 60
EXCERPT_TEXT = 200
_WHITESPACE = regex.compile(r"\s+")
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


def _fold(text: str) -> str:
    """Runs of whitespace as one space, none at either end."""
    return str(_WHITESPACE.sub(" ", text)).strip()


@dataclass(frozen=True, slots=True)
class Location:
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class FindingEdit:
    """One edit of a fix: ``before`` (the text it replaces) becomes ``content``."""

    content: str
    start: int
    end: int
    location: Location
    end_location: Location
    before: str = ""


@dataclass(frozen=True, slots=True)
class FindingFix:
    safety: Safety
    message: str
    edits: tuple[FindingEdit, ...]


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The flagged text with a little of its line on either side, for reports."""

    before: str
    text: str
    after: str


@dataclass(frozen=True, slots=True)
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
    excerpt: Excerpt = Excerpt("", "", "")

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
    before = _fold(_LINE_BREAK.split(before_lines)[-1])[-FINGERPRINT_CONTEXT:]
    after = _fold(_LINE_BREAK.split(after_lines, maxsplit=1)[0])[:FINGERPRINT_CONTEXT]
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


def resolve(doc: Document, diagnostic: Diagnostic, rule: Rule) -> Finding:
    """A diagnostic placed in its document."""
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
        fingerprint=fingerprint(doc.text, diagnostic.code, diagnostic.start, diagnostic.end),
        excerpt=excerpt(doc, diagnostic.start, diagnostic.end),
    )


@dataclass(frozen=True)
class FileResult:
    """What checking (and maybe fixing) one file produced.

    ``error`` is set when the file could not be checked or fixed; ``original`` and
    ``fixed`` hold the text before and after fixes when fixes were applied, and
    ``passes`` the fixer pass (from 1) in which each of ``applied`` was applied: the
    positions of an applied finding are those of the text at the start of its pass.
    ``words`` counts the words of the text as it was read.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    applied: tuple[Finding, ...] = ()
    error: str | None = None
    original: str | None = None
    fixed: str | None = None
    passes: tuple[int, ...] = ()
    words: int = 0
    changed: bool = False  # fixes changed the text (kept when the texts are dropped)
