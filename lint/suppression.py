"""Inline suppression: comments in Markdown that silence rules on the lines they scope,
and ``[sic]`` after a word in any format.

In Markdown (comments in code blocks are code, not directives)::

    <!-- transcript-lint-disable MW001,SP002 -->   from here ...
    <!-- transcript-lint-enable -->                 ... to here (or the end of the file)
    <!-- transcript-lint-disable-next-line SP -->   the line below only

Codes are rule codes or families; none means every rule. ``enable`` with codes ends
the suppression of those codes only. ``[sic]`` right after a word (``the the [sic]``,
``becase [sic]``) suppresses the doubled-word and spelling findings on that word: the
writer marked it as quoted as written.

A directive that suppressed nothing is reported as ``UNUSED`` when that rule is
enabled (and only when every code it names is enabled, or it could not have fired).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from lint.document import Document
from lint.masking import Format
from lint.patterns import lazy_regex
from lint.records import record
from lint.rule import Diagnostic

UNUSED = "SU001"  # the code of the rule that reports a suppression that suppressed nothing
SIC_CODES = frozenset({"SP001", "SP002"})
_MARK = "transcript-lint-"
_DIRECTIVE = lazy_regex(
    r"<!--[ \t]*transcript-lint-(disable-next-line|disable|enable)"
    r"(?:[ \t]+([A-Z]{2}\d{0,3}(?:[ \t]*,[ \t]*[A-Z]{2}\d{0,3})*))?[ \t]*-->"
)
_SIC = lazy_regex(r"[ \t]*\[sic!?\]", regex.IGNORECASE)
_SIC_REACH = 64  # characters after a finding in which its `[sic]` may stand


@record(frozen=True)
class Directive:
    """One disable comment: where it is, what it names (empty: every rule) and the
    span of text it covers."""

    start: int
    end: int
    codes: tuple[str, ...]
    scope_start: int
    scope_end: int

    def matching(self, diagnostic: Diagnostic) -> str | None:
        """The code or family of the directive that covers the diagnostic ("" for a
        directive naming none), or None."""
        if not self.scope_start <= diagnostic.start < self.scope_end:
            return None
        if not self.codes:
            return ""
        return next((c for c in self.codes if diagnostic.code.startswith(c)), None)


def directives(doc: Document) -> list[Directive]:
    """The disable directives of a Markdown document, each with its scope."""
    if doc.format is not Format.MARKDOWN or _MARK not in doc.text:
        return []
    found: list[Directive] = []
    open_: list[tuple[int, int, tuple[str, ...]]] = []  # disables not yet enabled again
    for match in _DIRECTIVE.finditer(doc.text):
        if doc.in_block(match.start()):
            continue
        kind, start, end = match.group(1), match.start(), match.end()
        codes = tuple(c.strip() for c in (match.group(2) or "").split(","))
        codes = tuple(c for c in codes if c)
        if kind == "disable-next-line":
            found.append(Directive(start, end, codes, *_next_line(doc, end)))
        elif kind == "disable":
            open_.append((start, end, codes))
        else:
            still_open = []
            for opened_at, opened_end, opened in open_:
                # A bare enable ends every disable; `enable CODES` ends those codes of
                # the disables that name them (a bare disable ends at a bare enable).
                closing = opened if not codes else tuple(c for c in opened if c in codes)
                rest = () if not codes else tuple(c for c in opened if c not in codes)
                if closing or not codes:
                    found.append(Directive(opened_at, opened_end, closing, opened_end, start))
                if rest or (codes and not opened):
                    still_open.append((opened_at, opened_end, rest))
            open_ = still_open
    found.extend(Directive(s, e, c, e, len(doc.text)) for s, e, c in open_)
    return found


def _next_line(doc: Document, offset: int) -> tuple[int, int]:
    """The span of the line after the one holding ``offset`` (empty at the end)."""
    starts = doc.line_starts
    line = doc.line_of(offset) + 1
    if line >= len(starts):
        return len(doc.text), len(doc.text)
    return starts[line], starts[line + 1] if line + 1 < len(starts) else len(doc.text)


def followed_by_sic(doc: Document, diagnostic: Diagnostic) -> bool:
    # The end position bounds the match: without it, the regex module looks for the
    # pattern's literal (`[sic`) through the rest of the text on every call, which
    # made this cost time in the square of the text's length.
    end = diagnostic.end
    return diagnostic.code in SIC_CODES and _SIC.match(doc.text, end, end + _SIC_REACH) is not None


def apply(doc: Document, diagnostics: list[Diagnostic], enabled: Iterable[str]) -> list[Diagnostic]:
    """The diagnostics no directive or ``[sic]`` suppresses, and, when the unused
    suppression rule is enabled, one for each directive that suppressed nothing."""
    scoped = directives(doc)
    if not scoped and not any(d.code in SIC_CODES for d in diagnostics):
        return diagnostics
    used: set[tuple[int, str]] = set()
    kept = []
    for d in diagnostics:
        if followed_by_sic(doc, d):
            continue
        covering = [
            (i, c) for i, directive in enumerate(scoped) if (c := directive.matching(d)) is not None
        ]
        if covering:
            used.update(covering)
            continue
        kept.append(d)
    codes = set(enabled)
    if UNUSED in codes:
        kept.extend(_unused(scoped, used, codes))
        kept.sort(key=lambda d: (d.start, d.code, d.end))
    return kept


def _unused(
    scoped: Sequence[Directive], used: set[tuple[int, str]], enabled: set[str]
) -> list[Diagnostic]:
    """A diagnostic per directive with a code (or, naming none, no code at all) that
    suppressed nothing; codes no enabled rule has are left alone: they could not fire."""
    unused = []
    for i, directive in enumerate(scoped):
        idle = [
            c
            for c in directive.codes or ("",)
            if (i, c) not in used and (not c or any(code.startswith(c) for code in enabled))
        ]
        if not idle:
            continue
        what = ", ".join(idle) if directive.codes else "every rule"
        message = f"Unused suppression ({what}): nothing here is reported"
        unused.append(Diagnostic(UNUSED, directive.start, directive.end, message))
    return unused
