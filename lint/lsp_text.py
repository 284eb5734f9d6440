"""Positions as the Language Server Protocol counts them, and minimal text edits.

The engine counts offsets in characters (code points). LSP counts lines split at
``\\n``, ``\\r\\n`` and ``\\r`` only (the document model's line index does the same:
a form feed or U+2028 does not start a line), and columns in the code units of the
negotiated position encoding: UTF-16 by default, where a character outside the
Basic Multilingual Plane (most emoji) counts two; UTF-8 and UTF-32 when the client
asks for them. Nothing here needs the ``server`` extra.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from lint.document import Document

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def code_units(text: str, encoding: str) -> int:
    """The length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Offsets of one text <-> (line, column in code units), both 0-based."""

    def __init__(self, text: str, line_starts: Sequence[int], encoding: str = UTF16) -> None:
        self.text = text
        self.line_starts = line_starts
        self.encoding = encoding

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        return line, code_units(self.text[start:offset], self.encoding)

    def offset(self, line: int, column: int) -> int:
        """The offset of a position; one past a line's end is its end (as LSP says),
        one past the last line is the end of the text."""
        if line < 0:
            return 0
        if line >= len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        line_text = self.text[start:end]
        if self.encoding == UTF32 or line_text.isascii():
            return start + min(max(column, 0), len(line_text))
        units = 0
        for index, char in enumerate(line_text):
            if units >= column:
                return start + index
            units += code_units(char, self.encoding)
        return end


def edited(
    text: str, start: tuple[int, int], end: tuple[int, int], content: str, encoding: str
) -> str:
    """``text`` with the range from ``start`` to ``end`` (LSP positions) replaced."""
    positions = Positions(text, Document(text).line_starts, encoding)
    low, high = positions.offset(*start), positions.offset(*end)
    return text[:low] + content + text[max(low, high) :]


def replacement(old: str, new: str) -> tuple[int, int, str]:
    """One edit turning ``old`` into ``new``: ``old[start:end]`` becomes the returned
    text. Only the span between the common prefix and suffix changes, so an editor
    keeps its cursor, folds and marks elsewhere."""
    limit = min(len(old), len(new))
    low, high = 0, limit  # the common prefix is at least low and at most high long
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, limit - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle :] == new[len(new) - middle :]:
            low = middle
        else:
            high = middle - 1
    suffix = low
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]
