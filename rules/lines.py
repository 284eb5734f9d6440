"""Lines found by one scan of the text, not by a Python loop over every line.

A rule that looks at lines of one shape (a page marker, a breadcrumb, a line number
in the margin) need not test each line in Python: a line of that shape begins with
something rarer than a line start. ``LineStart`` is such a beginning. It finds the
lines that begin with it by one search of the text for a line break followed by it
(the engine skips from line break to line break in C), and the rule's own test then
runs on those lines only, exactly as it ran on every line before.
"""

from __future__ import annotations

from bisect import bisect_right

from lint.document import Document
from lint.patterns import lazy_regex


class LineStart:
    """A pattern that a line of some shape matches at its first character.

    ``pattern`` must not match a line break (it is tried at a line start, and a
    match that ran into the next line would hide that line from the scan). Every
    line that the rule's full pattern matches must begin with a match of it: the
    scan only narrows down which lines the rule tests.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._at = lazy_regex(pattern, flags)
        self._after_newline = lazy_regex(rf"\n(?:{pattern})", flags)

    def lines(self, doc: Document) -> list[int]:
        """The indices of the lines at whose start the pattern matches, in order."""
        text, starts = doc.text, doc.line_starts
        if "\r" in text:  # a line may start after a lone `\r`: test every line start
            return [i for i, start in enumerate(starts) if self._at.match(text, start)]
        found = [0] if self._at.match(text) else []
        # Without `\r`, line i + 1 starts after the i-th `\n`, and a match of the scan
        # holds only its own `\n`: each match is the start of one line, in order
        # (found by bisection, as ``Document.line_of`` does).
        found.extend(
            bisect_right(starts, match.start() + 1) - 1
            for match in self._after_newline.finditer(text)
        )
        return found
