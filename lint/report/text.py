"""The default report: one line per finding and a closing summary."""

from __future__ import annotations

from collections import Counter

from lint.fix import Safety
from lint.report.model import Report
from lint.result import Finding

BOLD, RED, CYAN, RESET = "\033[1m", "\033[31m", "\033[36m", "\033[0m"


def render(report: Report) -> str:
    lines = (
        statistics(report) if report.statistics else [_line(report, f) for f in report.findings()]
    )
    lines.append(summary(report))
    return "\n".join(line for line in lines if line) + "\n"


def _paint(report: Report, style: str, text: str) -> str:
    return f"{style}{text}{RESET}" if report.color else text


def _line(report: Report, finding: Finding) -> str:
    mark = " [*]" if report.applicable(finding) else ""
    place = f"{finding.filename}:{finding.location.row}:{finding.location.column}:"
    code = _paint(report, RED, finding.code) + _paint(report, CYAN, mark)
    return f"{_paint(report, BOLD, place)} {code} {finding.message}"


def statistics(report: Report) -> list[str]:
    """Counts per code, most frequent first: `  12  WS001  [*] trailing-whitespace`."""
    counts = Counter(f.code for f in report.findings())
    fixable = {f.code for f in report.findings() if report.applicable(f)}
    width = len(str(max(counts.values(), default=0)))
    return [
        f"{count:>{width}}  {code}  {'[*]' if code in fixable else '   '} {report.rule(code).name}"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def summary(report: Report) -> str:
    findings = list(report.findings())
    applied = sum(len(r.applied) for r in report.results)
    failed = sum(1 for r in report.results if r.error)
    if failed:
        files = "1 file" if failed == 1 else f"{failed} files"
        return f"{_counts(report, findings, applied)} {files} could not be checked."
    if not findings and not applied:
        return "All checks passed!"
    return _counts(report, findings, applied)


def _counts(report: Report, findings: list[Finding], applied: int) -> str:
    safe = sum(1 for f in findings if f.safety is Safety.SAFE)
    unsafe = sum(1 for f in findings if f.safety is Safety.UNSAFE)
    noun = "problem" if len(findings) + applied == 1 else "problems"
    if report.fixing:
        text = (
            f"Found {len(findings) + applied} {noun} ({applied} fixed, {len(findings)} remaining)."
        )
        if unsafe and not report.unsafe:
            text += f" {unsafe} more fixable with --unsafe-fixes."
        return text
    hints = []
    if report.unsafe:
        if safe + unsafe:
            hints.append(f"{safe + unsafe} fixable with --fix --unsafe-fixes")
    else:
        if safe:
            hints.append(f"{safe} fixable with --fix")
        if unsafe:
            hints.append(f"{unsafe} more with --unsafe-fixes")
    suffix = f" ({', '.join(hints)})" if hints else ""
    return f"Found {len(findings)} {noun}{suffix}."
