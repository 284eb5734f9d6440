"""What every reporter is given."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lint.baseline import Applied
from lint.fix import Safety
from lint.gate import GateOutcome
from lint.result import FileResult, Finding, Row, Tally, rows, tally
from lint.rule import Rule


@dataclass(frozen=True)
class Report:
    """The results of a run (with the baseline's findings already taken out), the
    rules, and what the baselines and gates of the run made of them."""

    results: Sequence[FileResult]
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

    def findings(self) -> Iterator[Finding]:
        for result in self.results:
            yield from result.findings

    def rows(self) -> Iterator[Row]:
        """The findings as rows: what a report of one line per finding reads."""
        for result in self.results:
            yield from rows(result.findings)

    def tally(self) -> Tally:
        """The findings of the run by code and fix safety, without unpacking them."""
        total: Tally = Counter()
        for result in self.results:
            total.update(tally(result.findings))
        return total

    @property
    def words(self) -> int:
        """The words of every file checked."""
        return sum(r.words for r in self.results)

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
