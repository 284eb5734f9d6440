"""Edits, fixes and their safety, and applying a set of edits to a text.

A fix is what a rule proposes for one diagnostic: one or more edits that must be
applied together. Each edit replaces ``text[start:end]`` with ``content``; offsets
are character offsets into the document's exact text.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

from lint.records import record


class Safety(enum.Enum):
    """How sure a fix is, which decides when it is applied.

    ``SAFE`` fixes cannot change the words a reader sees and are applied by ``--fix``;
    ``UNSAFE`` ones are probably right but could be wrong and need ``--unsafe-fixes``;
    ``DISPLAY_ONLY`` fixes are suggestions that are shown and never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@record(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    content: str


@record(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    safety: Safety
    message: str

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


def replace(start: int, end: int, content: str, safety: Safety, message: str) -> Fix:
    """A fix made of a single edit."""
    return Fix((Edit(start, end, content),), safety, message)


def delete(start: int, end: int, safety: Safety, message: str) -> Fix:
    return replace(start, end, "", safety, message)


def select_non_overlapping(fixes: Iterable[Fix]) -> list[Fix]:
    """Keep fixes in order of position, dropping any that touch one already kept.

    Two insertions at the same point also conflict: their order would be arbitrary.
    What is dropped is left for the next pass of the fixer.
    """
    chosen: list[Fix] = []
    last: tuple[int, int] = (-1, -1)
    for fix in sorted(fixes, key=lambda f: (f.start, f.end)):
        span = (fix.start, fix.end)
        if span[0] < last[1] or span[0] == span[1] == last[0] == last[1]:
            continue
        chosen.append(fix)
        last = span
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-overlapping edits; raises ValueError on overlap or out of bounds."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edit {edit} overlaps another or lies outside the text")
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)
