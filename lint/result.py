"""Findings: diagnostics resolved to lines and columns, as plain picklable data.

This is what leaves the engine: reporters print findings, the public API returns
them, and worker processes send them back. Lines and columns are 1-based and count
characters; an end location is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

from lint.document import Document
from lint.fix import Safety
from lint.rule import Diagnostic, Rule


@dataclass(frozen=True, slots=True)
class Location:
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class FindingEdit:
    content: str
    start: int
    end: int
    location: Location
    end_location: Location


@dataclass(frozen=True, slots=True)
class FindingFix:
    safety: Safety
    message: str
    edits: tuple[FindingEdit, ...]


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

    @property
    def safety(self) -> Safety | None:
        return self.fix.safety if self.fix else None


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
    )


@dataclass(frozen=True)
class FileResult:
    """What checking (and maybe fixing) one file produced.

    ``error`` is set when the file could not be checked or fixed; ``original`` and
    ``fixed`` hold the text before and after fixes when fixes were applied.
    """

    path: str
    findings: tuple[Finding, ...] = ()
    applied: tuple[Finding, ...] = ()
    error: str | None = None
    original: str | None = None
    fixed: str | None = None

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original
