"""Quality gates: findings per 10,000 words against the limits a config sets.

A gate replaces zero tolerance with rates: ``max-per-10k-words = { MW = 0.5, EN = 0 }``.
Each finding counts toward the most specific selector that matches its code (``EN004``
before ``EN`` before ``ALL``); a code that no selector matches is not gated. Rates are
taken over every word of the files the gate's config applies to in the run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from lint.config import Gate
from lint.records import record
from lint.result import FileResult, tally

PER_WORDS = 10_000


def rate(count: int, words: int) -> float:
    """Findings per 10,000 words; any finding in no words at all is an infinite rate."""
    if words:
        return count * PER_WORDS / words
    return math.inf if count else 0.0


def gated_by(code: str, selectors: Iterable[str]) -> str | None:
    """The most specific selector that matches ``code`` (``ALL`` matches every code)."""
    matching = [s for s in selectors if s == "ALL" or code.startswith(s)]
    return max(matching, key=lambda s: 0 if s == "ALL" else len(s), default=None)


@record(frozen=True)
class Measure:
    """One limit of a gate and what the run measured against it."""

    selector: str
    limit: float
    count: int
    words: int

    @property
    def rate(self) -> float:
        return rate(self.count, self.words)

    @property
    def exceeded(self) -> bool:
        return self.rate > self.limit


@record(frozen=True)
class GateOutcome:
    source: str
    files: int
    words: int
    measures: tuple[Measure, ...]

    @property
    def passed(self) -> bool:
        return not any(m.exceeded for m in self.measures)


class Counting:
    """A gate's count of a run's results, one at a time."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.selectors = [selector for selector, _ in gate.limits]
        self.counts = dict.fromkeys(self.selectors, 0)
        self.files = 0
        self.words = 0
        self._selector_of: dict[str, str | None] = {}

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.words += result.words
        for (code, _), n in tally(result.findings).items():
            if code not in self._selector_of:
                self._selector_of[code] = gated_by(code, self.selectors)
            selector = self._selector_of[code]
            if selector is not None:
                self.counts[selector] += n

    def outcome(self) -> GateOutcome:
        measures = tuple(
            Measure(selector, limit, self.counts[selector], self.words)
            for selector, limit in self.gate.limits
        )
        return GateOutcome(self.gate.source, self.files, self.words, measures)
