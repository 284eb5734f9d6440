"""What every reporter is given."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from lint.fix import Safety
from lint.gate import GateOutcome
from lint.records import record
from lint.result import FileResult, Finding, Row, Tally, rows, tally
from lint.rule import Rule

if TYPE_CHECKING:  # the baseline module (and json) only for runs that have a baseline
    from lint.baseline import Applied


@record()
class Totals:
    """What a report counts over every result: findings by code and fix safety,
    words, fixes applied, files checked and files that could not be."""

    tally: Tally = field(default_factory=Counter)
    words: int = 0
    applied: int = 0
    checked: int = 0
    failed: int = 0

    def add(self, result: FileResult) -> None:
        self.tally.update(tally(result.findings))
        self.words += result.words
        self.applied += len(result.applied)
        if result.error:
            self.failed += 1
        else:
            self.checked += 1


def totals_of(results: Iterable[FileResult]) -> Totals:
    totals = Totals()
    for result in results:
        totals.add(result)
    return totals


@record(frozen=True)
class Report:
    """The results of a run (with the baseline's findings already taken out), the
    rules, and what the baselines and gates of the run made of them.

    A run reports its results as they come, reading them once (``results`` is then
    an iterator): what is printed after the findings is a second report, with no
    results and the ``totals`` they were counted to.
    """

    results: Iterable[FileResult]
    rules: Sequence[Rule]
    unsafe: bool = False
    fixing: bool = False
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    baselines: Sequence[Applied] = ()
    gates: Sequence[GateOutcome] = ()
    # Run by pre-commit: the hints name its hooks and `args:`, not options.
    pre_commit: bool = False
    totals: Totals | None = None  # counted as the results were read; else from them

    def findings(self) -> Iterator[Finding]:
        for result in self.results:
            yield from result.findings

    def rows(self) -> Iterator[Row]:
        """The findings as rows: what a report of one line per finding reads."""
        for result in self.results:
            yield from rows(result.findings)

    def listed(self) -> Report:
        """The report with its results in a list: for reporters that read them more
        than once."""
        if isinstance(self.results, Sequence):
            return self
        return dataclasses.replace(self, results=list(self.results))

    def result_list(self) -> Sequence[FileResult]:
        """The results as a sequence, for reporters that read them more than once
        (a report read as it comes is ``listed`` first)."""
        return self.results if isinstance(self.results, Sequence) else list(self.results)

    def counted(self) -> Totals:
        """The totals of the run: given, or counted over the results."""
        return self.totals if self.totals is not None else totals_of(self.results)

    @property
    def words(self) -> int:
        """The words of every file checked."""
        return self.counted().words

    def applicable(self, finding: Finding) -> bool:
        """Whether --fix (with --unsafe-fixes if given) would apply this finding's fix."""
        return self.applies(finding.safety)

    def applies(self, safety: Safety | None) -> bool:
        """Whether --fix (with --unsafe-fixes if given) applies a fix of this safety."""
        return safety is Safety.SAFE or (self.unsafe and safety is Safety.UNSAFE)

    def rule(self, code: str) -> Rule:
        return next(r for r in self.rules if r.code == code)

    def rule_name(self, code: str) -> str:
        """The name of a rule, or "" for a code no rule has (any more)."""
        return next((r.name for r in self.rules if r.code == code), "")
