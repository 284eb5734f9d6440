"""The default report: one line per finding, what the baseline and the quality gate
made of the run, and a closing summary."""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from lint.fix import Safety
from lint.gate import rate
from lint.report.model import Report
from lint.result import Row

BOLD, RED, GREEN, CYAN, RESET = "\033[1m", "\033[31m", "\033[32m", "\033[36m", "\033[0m"
STALE_LISTED = 50


def render(report: Report) -> str:
    return "".join(lines(report.listed()))


def lines(report: Report) -> Iterator[str]:
    """The report a line at a time, each with its line break."""
    if report.statistics:
        return itertools.chain(statistics_lines(report), closing_lines(report))
    return itertools.chain(finding_lines(report), closing_lines(report))


def statistics_lines(report: Report) -> Iterator[str]:
    """The counts per code (see ``statistics``), each with its line break."""
    return (line + "\n" for line in statistics(report))


def finding_lines(report: Report) -> Iterator[str]:
    """A line per finding, each with its line break, as the findings are read: a
    large run prints them as they come instead of holding the whole report."""
    for row in report.rows():
        yield _line(report, row) + "\n"


def closing_lines(report: Report) -> Iterator[str]:
    """What follows the findings: the notes on baselines and gates and the summary
    (none when quiet)."""
    if not report.quiet:
        for line in (*notes(report), summary(report)):
            if line:
                yield line + "\n"


def _paint(report: Report, style: str, text: str) -> str:
    return f"{style}{text}{RESET}" if report.color else text


def _line(report: Report, finding: Row) -> str:
    mark = " [*]" if report.applies(finding.safety) else ""
    place = f"{finding.filename}:{finding.row}:{finding.column}:"
    code = _paint(report, RED, finding.code) + _paint(report, CYAN, mark)
    return f"{_paint(report, BOLD, place)} {code} {finding.message}"


def format_rate(value: float) -> str:
    return f"{value:.2f}" if math.isfinite(value) else "inf"


def statistics(report: Report) -> list[str]:
    """Counts and rates per code, most frequent first:
    `12  WS001  [*] trailing-whitespace  3.10 per 10k words`, then the words checked."""
    counts: Counter[str] = Counter()
    fixable = set()
    totals = report.counted()
    for (code, safety), n in totals.tally.items():
        counts[code] += n
        if report.applies(safety):
            fixable.add(code)
    words = totals.words
    rates = {code: format_rate(rate(count, words)) for code, count in counts.items()}
    width = len(str(max(counts.values(), default=0)))
    name_width = max((len(report.rule(code).name) for code in counts), default=0)
    rate_width = max((len(r) for r in rates.values()), default=0)
    lines = [
        f"{count:>{width}}  {code}  {'[*]' if code in fixable else '   '} "
        f"{report.rule(code).name:<{name_width}}  {rates[code]:>{rate_width}} per 10k words"
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    checked = totals.checked
    lines.append(f"{words:,} words in {checked} file{'s' if checked != 1 else ''}.")
    return lines


def notes(report: Report) -> list[str]:
    """What the baselines and quality gates of the run did."""
    lines = []
    for applied in report.baselines:
        known = "problem" if applied.suppressed == 1 else "problems"
        lines.append(
            f"Baseline {_shown(applied.path)}: {applied.suppressed} known {known} not shown."
        )
        if applied.stale:
            import json  # only to quote stale baseline entries (a run without pays nothing)

            missing = sum(e.count for e in applied.stale)
            lines.append(
                f"{missing} baseline {'entry' if missing == 1 else 'entries'} no longer "
                f"occur{'s' if missing == 1 else ''} (shrink the baseline with: "
                "transcript-lint baseline --prune):"
            )
            for entry in applied.stale[:STALE_LISTED]:
                times = f" x{entry.count}" if entry.count > 1 else ""
                name = report.rule_name(entry.key.code)
                lines.append(
                    f"  {entry.key.file}: {entry.key.code}{f' {name}' if name else ''} "
                    f"{json.dumps(entry.text, ensure_ascii=False)}{times}"
                )
            if len(applied.stale) > STALE_LISTED:
                lines.append(f"  ... and {len(applied.stale) - STALE_LISTED} more")
    for gate in report.gates:
        verdict = _paint(report, GREEN, "passed") if gate.passed else _paint(report, RED, "failed")
        lines.append(
            f"Quality gate ({shown_source(gate.source)}): {verdict}, over {gate.words:,} words in "
            f"{gate.files} file{'s' if gate.files != 1 else ''}:"
        )
        width = max(len(m.selector) for m in gate.measures)
        for m in gate.measures:
            state = _paint(report, RED, "exceeded") if m.exceeded else "ok"
            lines.append(
                f"  {m.selector:<{width}}  {m.count:>5} found  {format_rate(m.rate):>7} per 10k "
                f"words  limit {m.limit:g}  {state}"
            )
    return lines


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)


def shown_source(source: str) -> str:
    """A config file named relative to the current folder: ``pyproject.toml [table]``."""
    path, bracket, table = source.partition(" [")
    return _shown(Path(path)) + bracket + table


def summary(report: Report) -> str:
    safeties: Counter[Safety | None] = Counter()
    totals = report.counted()
    for (_, safety), n in totals.tally.items():
        safeties[safety] += n
    applied = totals.applied
    failed = totals.failed
    if failed:
        files = "1 file" if failed == 1 else f"{failed} files"
        return f"{_counts(report, safeties, applied)} {files} could not be checked."
    if not safeties and not applied:
        return "All checks passed!"
    return _counts(report, safeties, applied)


def _counts(report: Report, safeties: Counter[Safety | None], applied: int) -> str:
    found = sum(safeties.values())
    safe, unsafe = safeties[Safety.SAFE], safeties[Safety.UNSAFE]
    noun = "problem" if found + applied == 1 else "problems"
    fix, more = _fix_hints(report)
    if report.fixing:
        text = f"Found {found + applied} {noun} ({applied} fixed, {found} remaining)."
        if unsafe and not report.unsafe:
            text += f" {unsafe} more fixable with {more}."
        return text
    # Not fixing: --unsafe-fixes was not given (it needs --fix or --diff).
    hints = []
    if safe:
        hints.append(f"{safe} fixable with {fix}")
    if unsafe:
        hints.append(f"{unsafe} more with {more}")
    suffix = f" ({', '.join(hints)})" if hints else ""
    return f"Found {found} {noun}{suffix}."


def _fix_hints(report: Report) -> tuple[str, str]:
    """How to apply the safe fixes, and the unsafe ones too: options, or under
    pre-commit the hook and its `args:` (the user runs no command)."""
    if report.pre_commit:
        return (
            "the transcript-lint-fix hook",
            "`args: [--unsafe-fixes]`"
            + ("" if report.fixing else " on the transcript-lint-fix hook"),
        )
    return "--fix", "--unsafe-fixes"
