"""Corpus-level evidence: counts gathered from every document of a run.

Some artifacts only show across many files: a site's header repeated on every page,
a term whose majority casing is set by the whole corpus. A rule that needs such
evidence declares a ``Gatherer``: a pure function from one document to counts. The
runner applies every gatherer of the enabled rules to all documents first, sums the
counts (an order-free merge, so a process pool or a Ray aggregation gets the same
result), and hands the total to the rules in their ``Context``.

A gatherer may also ``learn``: turn the totals into entries of the project lexicon,
so that a later run on a single file (the pre-commit hook) knows what the corpus
taught without reading it again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import TypeVar, cast

from lint.document import Document
from lint.records import record

T = TypeVar("T")
LexiconEntries = Mapping[str, int]  # key -> count, for one section of the lexicon


@record(frozen=True)
class Gatherer:
    """Counts one kind of corpus evidence.

    ``gather`` maps a document to its counts; ``learn`` maps the corpus totals and
    the number of documents to lexicon entries of section ``section``; ``keep``
    keeps of the totals only what the rules can use, so that what is sent to every
    worker stays small.
    """

    name: str
    gather: Callable[[Document], Counter[str]] = field(compare=False)
    section: str | None = None
    learn: Callable[[Counter[str], int], LexiconEntries] | None = field(default=None, compare=False)
    keep: Callable[[Counter[str], int], Counter[str]] | None = field(default=None, compare=False)


@record(frozen=True)
class Evidence:
    """Summed counts per gatherer over ``documents`` documents."""

    documents: int = 0
    counts: Mapping[str, Counter[str]] = field(default_factory=dict)
    # Analyses of the counts that rules share (see ``shared``); not part of the value.
    _shared: dict[Callable[[Evidence], object], object] = field(
        default_factory=dict, compare=False, repr=False
    )

    def get(self, name: str) -> Counter[str]:
        return self.counts.get(name, Counter())

    def shared(self, analysis: Callable[[Evidence], T]) -> T:
        """``analysis(self)``, computed once for this evidence: a run hands the same
        evidence to every document, so a rule can regroup the counts once per run
        instead of once per document (like ``Document.shared``)."""
        try:
            return cast(T, self._shared[analysis])
        except KeyError:
            value = self._shared[analysis] = analysis(self)
            return value

    def __getstate__(self) -> tuple[int, Mapping[str, Counter[str]]]:
        return self.documents, self.counts  # a worker recomputes what it shares

    def __setstate__(self, state: tuple[int, Mapping[str, Counter[str]]]) -> None:
        documents, counts = state
        object.__setattr__(self, "documents", documents)
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "_shared", {})

    def kept(self, gatherers: Iterable[Gatherer]) -> Evidence:
        """The evidence with each gatherer's ``keep`` applied to its counts."""
        counts = dict(self.counts)
        for g in gatherers:
            if g.keep is not None and g.name in counts:
                counts[g.name] = g.keep(counts[g.name], self.documents)
        return Evidence(self.documents, counts)

    def __add__(self, other: Evidence) -> Evidence:
        return total((self, other))


def gather(doc: Document, gatherers: Iterable[Gatherer]) -> Evidence:
    """The evidence of one document."""
    return Evidence(1, {g.name: g.gather(doc) for g in gatherers})


def total(parts: Iterable[Evidence]) -> Evidence:
    """The sum of many documents' evidence (in any order: the result is the same)."""
    documents = 0
    merged: dict[str, Counter[str]] = {}
    for part in parts:
        documents += part.documents
        for name, counts in part.counts.items():
            merged.setdefault(name, Counter()).update(counts)
    return Evidence(documents, merged)
