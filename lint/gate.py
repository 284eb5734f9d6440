"""Quality gates: findings per 10,000 words against the limits a config sets.

A gate replaces zero tolerance with rates: ``max-per-10k-words = { MW = 0.5, EN = 0 }``.
Each finding counts toward the most specific selector that matches its code (``EN004``
before ``EN`` before ``ALL``); a code that no selector matches is not gated. Rates are
taken over every word of the files the gate's config applies to in the run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lint.config import Gate
from lint.result import FileResult

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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class GateOutcome:
    source: str
    files: int
    words: int
    measures: tuple[Measure, ...]

    @property
    def passed(self) -> bool:
        return not any(m.exceeded for m in self.measures)


def evaluate(gate: Gate, results: Sequence[FileResult]) -> GateOutcome:
    """Count the findings of ``results`` under each limit of ``gate``."""
    selectors = [selector for selector, _ in gate.limits]
    counts = dict.fromkeys(selectors, 0)
    for result in results:
        for finding in result.findings:
            selector = gated_by(finding.code, selectors)
            if selector is not None:
                counts[selector] += 1
    words = sum(r.words for r in results)
    measures = tuple(
        Measure(selector, limit, counts[selector], words) for selector, limit in gate.limits
    )
    return GateOutcome(gate.source, len(results), words, measures)
