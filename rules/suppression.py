"""Suppression (SU): the inline suppressions themselves.

The engine (``lint.suppression``) finds what a directive suppresses; this family only
declares the rule that reports the directives that suppress nothing, so that it can
be selected, ignored and explained like any other.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.document import Document
from lint.rule import Context, Violation, rule
from lint.suppression import UNUSED


@rule(UNUSED, "unused-suppression", default=False)
def unused_suppression(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports a `<!-- transcript-lint-disable ... -->` or
    `<!-- transcript-lint-disable-next-line ... -->` comment in Markdown under which
    no enabled rule reports anything, or a code it names that suppresses nothing
    there. A code whose rule is not enabled in the run is not reported: it could
    have fired. Off by default; select it with `--extend-select SU001`.

    ## Why is this bad?
    A suppression outlives the text it was written for: once the line is rewritten,
    a stale comment silences the next real finding in its scope without anyone
    noticing. Reporting the unused ones keeps the suppressions few and current.

    ## Example
    ```markdown
    <!-- transcript-lint-disable-next-line SP002 -->
    We met on Monday.
    ```
    Nothing on the line is a doubled word, so the comment is reported; delete it.

    ## Fix safety
    No fix: whether the comment or the text changed by mistake is for the writer to
    decide.
    """
    # The engine reports these: it alone sees what the other rules found.
    yield from ()
