"""What every reporter is given."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lint.fix import Safety
from lint.result import FileResult, Finding
from lint.rule import Rule


@dataclass(frozen=True)
class Report:
    results: Sequence[FileResult]
    rules: Sequence[Rule]
    unsafe: bool = False
    fixing: bool = False
    color: bool = False
    statistics: bool = False

    def findings(self) -> Iterator[Finding]:
        for result in self.results:
            yield from result.findings

    def applicable(self, finding: Finding) -> bool:
        """Whether --fix (with --unsafe-fixes if given) would apply this finding's fix."""
        return finding.safety is Safety.SAFE or (self.unsafe and finding.safety is Safety.UNSAFE)

    def rule(self, code: str) -> Rule:
        return next(r for r in self.rules if r.code == code)
