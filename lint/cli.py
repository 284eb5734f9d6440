"""The command line: ``transcript-lint check|rule|rules``.

``main(argv)`` returns the exit code: 0 when nothing is left to report, 1 when
findings remain, 2 for a usage, config or input error.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from lint import __version__, files, lexicon
from lint.config import ConfigError, Overrides, Settings, SettingsResolver, parse_selectors
from lint.evidence import Gatherer
from lint.masking import format_for
from lint.report import REPORTERS, Report
from lint.result import FileResult
from lint.rule import Rule, gatherers_of
from lint.runner import Job, Mode, gather_jobs, process_text, run_jobs
from rules import ALL_RULES, registry

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transcript-lint",
        description="Find and fix the artifacts of scraped, OCR'd and hand-typed transcripts.",
    )
    parser.add_argument("--version", action="version", version=f"transcript-lint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check files (and fix them with --fix)")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or folders to check; - reads standard input (default: .)",
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply the unsafe (probable) fixes",
    )
    check.add_argument(
        "--diff", action="store_true", help="show the fixes as a diff and write nothing"
    )
    check.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format")
    check.add_argument("--output-file", type=Path, help="write the report to this file")
    check.add_argument(
        "--select", help="comma-separated codes or families to check (replaces config)"
    )
    check.add_argument("--extend-select", help="codes or families to check in addition")
    check.add_argument("--ignore", help="codes or families not to check")
    check.add_argument("--config", type=Path, help="use this config file for every path")
    check.add_argument("--stdin-filename", help="the name (and so the format) of standard input")
    check.add_argument(
        "--statistics", action="store_true", help="show counts per code instead of findings"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: number of cores)",
    )

    learn = commands.add_parser("learn", help="learn the project lexicon from a corpus")
    learn.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or folders")
    learn.add_argument("--lexicon", type=Path, help="lexicon file to write (default: from config)")
    learn.add_argument("--config", type=Path, help="use this config file for every path")
    learn.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes"
    )

    rule = commands.add_parser("rule", help="explain a rule")
    rule.add_argument("code", metavar="CODE")

    commands.add_parser("rules", help="list every rule")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "rule":
            return explain_rule(args.code)
        if args.command == "rules":
            return list_rules()
        if args.command == "learn":
            return learn(args)
        return check(args)
    except (ConfigError, UsageError) as exc:
        print(f"transcript-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def explain_rule(code: str) -> int:
    found = [r for r in ALL_RULES if r.code == code.upper() or r.name == code]
    if not found:
        raise UsageError(f"unknown rule '{code}' (see: transcript-lint rules)")
    r = found[0]
    default = "on" if r.default else "off"
    fix = f"{r.fix.value}, {fix_safety(r)}" if r.safety else r.fix.value
    sys.stdout.write(
        f"# {r.name} ({r.code})\n\nFamily: {r.family}. On by default: {default}. "
        f"Fix: {fix}.\n\n{r.doc}\n"
    )
    return EXIT_CLEAN


def list_rules() -> int:
    width = max(len(r.name) for r in ALL_RULES)
    for r in ALL_RULES:
        default = "on " if r.default else "off"
        fix = f"{r.fix.value} ({fix_safety(r)})" if r.safety else r.fix.value
        sys.stdout.write(
            f"{r.code}  {r.name:<{width}}  {r.family}  {default}  fix: {fix:<20}  {r.summary}\n"
        )
    return EXIT_CLEAN


def fix_safety(r: Rule) -> str:
    return "/".join(s.value for s in r.safety)


# -- learn ------------------------------------------------------------------------------


def learn(args: argparse.Namespace) -> int:
    """Gather evidence from every file and merge what it teaches into the lexicon."""
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    resolver = SettingsResolver(Overrides(), args.config)
    errors: list[FileResult] = []
    jobs = [
        Job(path, display, resolver.for_path(path), Mode.CHECK, False, registry)
        for path, display in discover(args.paths, resolver, errors)
        if display != "-"
    ]
    for error in errors:
        print(f"transcript-lint: error: {error.path}: {error.error}", file=sys.stderr)
    evidence = gather_jobs(jobs, args.jobs)
    learned: dict[str, dict[str, int]] = {}
    for gatherer in needed_gatherers(jobs):
        if gatherer.learn is not None and gatherer.section is not None:
            entries = gatherer.learn(evidence.get(gatherer.name), evidence.documents)
            learned.setdefault(gatherer.section, {}).update(entries)
    target = args.lexicon or resolver.for_path(Path("_")).lexicon_path
    assert target is not None  # settings always name a lexicon file
    try:
        merged = lexicon.load(target).merge_learned(learned)
        files.write_atomically(target, merged.dumps(), "utf-8")
    except lexicon.LexiconError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    found = ", ".join(f"{len(v)} {k}" for k, v in sorted(learned.items())) or "nothing new"
    print(f"Learned {found} from {evidence.documents} files into {target}.")
    return EXIT_ERROR if errors else EXIT_CLEAN


# -- check ------------------------------------------------------------------------------


def check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    overrides = Overrides(
        select=parse_selectors(args.select, "--select") if args.select is not None else None,
        extend_select=parse_selectors(args.extend_select, "--extend-select")
        if args.extend_select
        else None,
        ignore=parse_selectors(args.ignore, "--ignore") if args.ignore is not None else None,
    )
    resolver = SettingsResolver(overrides, args.config)
    mode = Mode.DIFF if args.diff else Mode.FIX if args.fix else Mode.CHECK
    results: list[FileResult] = []
    stdin_output: str | None = None
    jobs: list[Job] = []
    for path, display in discover(args.paths, resolver, results):
        if display == "-":
            name = args.stdin_filename or "-"
            result = check_stdin(
                name,
                resolver.for_path(Path(args.stdin_filename or "stdin")),
                mode,
                args.unsafe_fixes,
            )
            results.append(result)
            if mode is Mode.FIX and result.error is None:
                stdin_output = result.fixed if result.fixed is not None else ""
            continue
        settings = resolver.for_path(path)
        settings.check_selectors(ALL_RULES)
        jobs.append(Job(path, display, settings, mode, args.unsafe_fixes, registry))
    results.extend(run_jobs(with_evidence(jobs, args.jobs), args.jobs))
    results.sort(key=lambda r: r.path)

    if stdin_output is not None:
        sys.stdout.write(stdin_output)
        sys.stdout.flush()
    # With --fix on standard input, standard output is the fixed text alone.
    fixing_stdin = mode is Mode.FIX and "-" in args.paths
    return report(args, results, mode, sys.stderr if fixing_stdin else sys.stdout)


def needed_gatherers(jobs: Sequence[Job]) -> tuple[Gatherer, ...]:
    distinct = {id(job.settings): job.settings for job in jobs}.values()
    return gatherers_of(r for settings in distinct for r in settings.enabled_rules(ALL_RULES))


def with_evidence(jobs: list[Job], processes: int) -> list[Job]:
    """The jobs carrying the evidence of the whole run, when an enabled rule needs it."""
    if not needed_gatherers(jobs):
        return jobs
    evidence = gather_jobs(jobs, processes)
    return [dataclasses.replace(job, evidence=evidence) for job in jobs]


def check_stdin(name: str, settings: Settings, mode: Mode, unsafe: bool) -> FileResult:
    settings.check_selectors(ALL_RULES)
    try:
        text, _ = files.decode(sys.stdin.buffer.read())
    except files.InputError as exc:
        return FileResult(name, error=str(exc))
    return process_text(text, name, settings, ALL_RULES, mode, unsafe, format_for(name), Path(name))


def discover(
    paths: Sequence[str], resolver: SettingsResolver, errors: list[FileResult]
) -> Iterator[tuple[Path, str]]:
    """Files to check, each once, in a stable order; missing paths become errors."""
    seen: set[Path] = set()
    for argument in paths:
        if argument == "-":
            yield Path("-"), "-"
            continue
        path = Path(argument)
        if path.is_dir():
            found = list(walk(path, resolver))
        elif path.exists() or path.is_symlink():
            found = [path] if not resolver.for_path(path).is_excluded(path) else []
        else:
            errors.append(FileResult(argument, error="no such file or directory"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file, os.path.normpath(file)


def walk(folder: Path, resolver: SettingsResolver) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        settings = resolver.for_path(here / "_")
        dirs[:] = sorted(d for d in dirs if not settings.is_excluded(here / d / "_"))
        for name in sorted(names):
            path = here / name
            if settings.is_included(path) and not settings.is_excluded(path):
                yield path


def report(args: argparse.Namespace, results: list[FileResult], mode: Mode, stream: TextIO) -> int:
    errors = [r for r in results if r.error]
    for r in errors:
        print(f"transcript-lint: error: {r.path}: {r.error}", file=sys.stderr)
    color = stream.isatty() and "NO_COLOR" not in os.environ and args.output_file is None
    rendered = Report(
        results,
        ALL_RULES,
        unsafe=args.unsafe_fixes,
        fixing=mode is Mode.FIX,
        color=color,
        statistics=args.statistics,
    )
    if mode is Mode.DIFF:
        diff = "".join(unified_diff(r) for r in results if r.changed)
        stream.write(diff)
        stream.flush()
        changed = sum(1 for r in results if r.changed)
        fixes = sum(len(r.applied) for r in results)
        if not args.quiet:
            files_changed = f"{changed} file" + ("s" if changed != 1 else "")
            message = f"Would fix {fixes} problem{'s' if fixes != 1 else ''} in {files_changed}."
            print(message if fixes else "No fixes available.", file=sys.stderr)
        exit_code = EXIT_FINDINGS if changed else EXIT_CLEAN
    else:
        output = REPORTERS[args.format](rendered)
        if args.quiet and args.format == "text":
            output = "".join(line + "\n" for line in output.splitlines()[:-1])
        if args.output_file is not None:
            args.output_file.write_text(output, encoding="utf-8")
        else:
            stream.write(output)
        remaining = any(r.findings for r in results)
        exit_code = EXIT_FINDINGS if remaining and not args.exit_zero else EXIT_CLEAN
    return EXIT_ERROR if errors else exit_code


def unified_diff(result: FileResult) -> str:
    before = (result.original or "").splitlines(keepends=True)
    after = (result.fixed or "").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, result.path, result.path)
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
