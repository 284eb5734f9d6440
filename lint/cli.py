"""The command line: ``transcript-lint check|baseline|learn|rule|rules``.

``main(argv)`` returns the exit code: 0 when nothing is left to report, 1 when
findings remain, 2 for a usage, config or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lint import __version__
from lint.report import DETAILED, FORMATS

# Each command imports what it uses when it runs: `--version`, `--help` and `rules`
# need neither the runner nor the config, and the imports were most of their time.
if TYPE_CHECKING:
    from lint.config import Overrides
    from lint.progress import FixProgress
    from lint.report import Report
    from lint.result import FileResult
    from lint.rule import Rule
    from lint.run import Checked
    from lint.runner import Mode

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--select", help="comma-separated codes or families to check (replaces config)"
    )
    parser.add_argument("--extend-select", help="codes or families to check in addition")
    parser.add_argument("--ignore", help="codes or families not to check")
    parser.add_argument("--config", type=Path, help="use this config file for every path")


def _add_file_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="leave out what git ignores (.gitignore, .git/info/exclude); default: on",
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply the excluded folders and .gitignore to files named here too (pre-commit)",
    )


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: number of cores)",
    )


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or folders to check; - reads standard input (default: .)",
    )
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply the unsafe (probable) fixes",
    )
    parser.add_argument(
        "--diff", action="store_true", help="show the fixes as a diff and write nothing"
    )
    parser.add_argument(
        "--ledger",
        type=Path,
        metavar="FILE",
        help="with --fix, append one JSON line per applied edit to FILE",
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    parser.add_argument("--output-file", type=Path, help="write the report to this file")
    _add_selection(parser)
    parser.add_argument("--stdin-filename", help="the name (and so the format) of standard input")
    parser.add_argument(
        "--no-baseline",
        action="store_true",
        help="report every finding, also those in the baseline file",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="show counts and rates per code instead of findings",
    )
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="print findings only, no summary"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file, neither reading nor writing .transcript-lint-cache/",
    )
    _add_file_selection(parser)
    parser.add_argument(
        "--show-files",
        action="store_true",
        help="list the files that would be checked (and why a file named is not); check nothing",
    )
    parser.add_argument(
        "--show-settings",
        type=Path,
        metavar="FILE",
        help="print the settings FILE would be checked with, and their config file",
    )
    _add_jobs(parser)


def _baseline_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)"
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help="only drop the entries that no longer occur; add nothing",
    )
    _add_selection(parser)
    _add_file_selection(parser)
    _add_jobs(parser)


def _learn_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)"
    )
    parser.add_argument("--lexicon", type=Path, help="lexicon file to write (default: from config)")
    parser.add_argument("--config", type=Path, help="use this config file for every path")
    _add_file_selection(parser)
    _add_jobs(parser)


def _dataset_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["check", "fix"])
    parser.add_argument("input", type=Path, metavar="INPUT", help="a .jsonl or .parquet file")
    parser.add_argument(
        "output", type=Path, metavar="OUTPUT", help="where to write (a folder with --ray)"
    )
    parser.add_argument("--text-field", default="text", help="the field holding the text")
    parser.add_argument(
        "--filename-field", help="a field naming each record (its format and per-file ignores)"
    )
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes")
    parser.add_argument(
        "--output-prefix",
        default="",
        help="put this before the names of the fields the tool adds (fixed_text, ...)",
    )
    parser.add_argument(
        "--ray",
        metavar="ADDRESS",
        help="run on a Ray cluster: its address, 'auto', or 'local' to start one here",
    )
    _add_selection(parser)
    _add_jobs(parser)


def _rule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar="CODE")


# Each command: its help in the tool's help, and what defines its arguments.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("check files (and fix them with --fix)", _check_arguments),
    "baseline": (
        "accept the current findings: write them to the baseline file",
        _baseline_arguments,
    ),
    "learn": ("learn the project lexicon from a corpus", _learn_arguments),
    "dataset": (
        "check or fix a dataset of records (JSON Lines or Parquet)",
        _dataset_arguments,
    ),
    "rule": ("explain a rule", _rule_arguments),
    "rules": ("list every rule", _no_arguments),
    "server": ("serve the Language Server Protocol on stdio (editors)", _no_arguments),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The tool's parser; given a command, the parser of that command only. Making
    the parsers of all eight was most of the parsing of a run (each parser asks
    gettext for its titles, each argument sizes the terminal)."""
    parser = argparse.ArgumentParser(
        prog="transcript-lint",
        description="Find and fix the artifacts of scraped, OCR'd and hand-typed transcripts.",
    )
    parser.add_argument("--version", action="version", version=f"transcript-lint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, add_arguments) in _COMMANDS.items():
        if command in (None, name):
            add_arguments(commands.add_parser(name, help=help_text))
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` starts with, or None. Only then is the parser of that
    command alone the same as the whole tool's: the tool's help (``--help``) and its
    error for a command it does not have list all commands, but nothing after a
    command's name reaches the tool's own parser (the command's parser takes it)."""
    return argv[0] if argv and argv[0] in _COMMANDS else None


# What each command runs on, for ``preload``.
_COMMAND_MODULES = {
    "check": ("lint.run", "lint.report.model"),
    "baseline": ("lint.run",),
    "learn": ("lint.run",),
    "dataset": ("lint.run",),
    "rule": ("rules",),
    "rules": ("rules",),
    "server": ("lint.server",),
}


def preload(argv: Sequence[str]) -> None:
    """Import the modules the command of ``argv`` runs on, none for ``--version`` or
    ``--help``: ``lint.__main__`` calls this with the garbage collector off, then
    freezes what the imports built, as it does for the imports of start-up."""
    import importlib

    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return
    for module in _COMMAND_MODULES.get(named_command(argv) or "", ()):
        importlib.import_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(named_command(argv))
    args = parser.parse_args(argv)
    escape_undecodable_names()
    try:
        if args.command == "rule":
            return explain_rule(args.code)
        if args.command == "rules":
            return list_rules()
        if args.command == "server":
            from lint.server import main as serve  # only now: start-up cost of the rest

            return serve()
        if args.command == "learn":
            return learn(args)
        if args.command == "baseline":
            return write_baseline(args)
        if args.command == "dataset":
            return run_dataset(args)
        return check(args)
    except KeyboardInterrupt:  # outside the fixing (which handles its own signals)
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools
        # do, and keep Python from failing again when it flushes standard output.
        from lint.result import EXIT_FINDINGS

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FINDINGS
    except Exception as exc:
        code = stopped(exc)
        if code is None:
            raise  # a bug: its traceback
        return code


def stopped(exc: Exception) -> int | None:
    """The exit code of an error that stops a run as a whole (bad options, config or
    baseline; an interrupt), after its one line on standard error; None for any
    other exception (loading their modules costs only a run that stops so)."""
    from lint.baseline import BaselineError
    from lint.config import ConfigError
    from lint.result import EXIT_ERROR
    from lint.run import UsageError
    from lint.runner import Interrupted

    if isinstance(exc, ConfigError | UsageError | BaselineError):
        print(f"transcript-lint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if isinstance(exc, Interrupted):
        print(f"interrupted: {exc.unfinished} files not checked", file=sys.stderr)
        return EXIT_INTERRUPTED
    return None


def escape_undecodable_names() -> None:
    """File names that are not UTF-8 (held as surrogates) are printed escaped
    (``caf\\udce9.txt``) by a strict output stream instead of stopping the run."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def explain_rule(code: str) -> int:
    from lint.result import EXIT_CLEAN
    from lint.run import UsageError
    from rules import ALL_RULES

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
    """One aligned row per rule; the fix column says how often and how safe."""
    from lint.result import EXIT_CLEAN
    from rules import ALL_RULES

    header = ("code", "name", "family", "default", "fix", "what it finds")
    rows = [
        (r.code, r.name, r.family, "on" if r.default else "off", fix_column(r), r.summary)
        for r in ALL_RULES
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        sys.stdout.write("  ".join((*cells, row[-1])) + "\n")
    return EXIT_CLEAN


def fix_column(r: Rule) -> str:
    """`safe`, `sometimes: unsafe`, `unsafe or display-only`, `none`."""
    from lint.rule import Availability

    if r.fix is Availability.NEVER or not r.safety:
        return "none"
    safety = " or ".join(s.value for s in r.safety)
    return safety if r.fix is Availability.ALWAYS else f"sometimes: {safety}"


def fix_safety(r: Rule) -> str:
    return "/".join(s.value for s in r.safety)


# -- dataset ------------------------------------------------------------------------------


def run_dataset(args: argparse.Namespace) -> int:
    """Check or fix every record of a dataset file, locally or on Ray."""
    from lint import datasets, run  # datasets: its pool and JSON handling, for this command
    from lint.config import SettingsResolver
    from lint.result import EXIT_CLEAN, EXIT_ERROR
    from lint.run import UsageError
    from rules import ALL_RULES

    settings = SettingsResolver(overrides_of(args), args.config).for_path(Path("_"))
    settings.check_selectors(ALL_RULES)
    task = datasets.Task(
        fix=args.action == "fix",
        unsafe=args.unsafe_fixes,
        text_field=args.text_field,
        filename_field=args.filename_field,
        settings=settings,
        prefix=args.output_prefix,
    )
    try:
        outcome = run.dataset(task, args.input, args.output, args.jobs, args.ray)
    except datasets.DatasetError as exc:
        raise UsageError(str(exc)) from None
    if args.ray:
        datasets.report_skipped(args.input, outcome)
        action = args.action.capitalize()
        print(f"{action}ed {outcome.records} records into {args.output}.", file=sys.stderr)
        return EXIT_ERROR if outcome.skipped else EXIT_CLEAN
    return datasets.report(args.input, outcome, task)


# -- learn ------------------------------------------------------------------------------


def learn(args: argparse.Namespace) -> int:
    """Gather evidence from every file and merge what it teaches into the lexicon."""
    from lint import lexicon, run
    from lint.config import SettingsResolver
    from lint.result import EXIT_CLEAN, EXIT_ERROR
    from lint.run import UsageError

    resolver = SettingsResolver(overrides_of(args), args.config)
    learned = run.learn(run.Options(args.paths, jobs=args.jobs, warn=warn), resolver)
    print_errors(learned.errors)
    target = args.lexicon or resolver.for_path(Path("_")).lexicon_path
    assert target is not None  # settings always name a lexicon file
    if learned.errors and not any(learned.entries.values()):
        # bad input and nothing learned: no file is touched
        print(f"Learned nothing from {learned.documents} files; {target} not written.")
        return EXIT_ERROR
    try:
        lexicon.save(target, lexicon.load(target).merge_learned(learned.entries))
    except lexicon.LexiconError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    entries = sorted(learned.entries.items())
    found = ", ".join(f"{len(v)} {k}" for k, v in entries) or "nothing new"
    print(f"Learned {found} from {learned.documents} files into {target}.")
    return EXIT_ERROR if learned.errors else EXIT_CLEAN


# -- check ------------------------------------------------------------------------------


def overrides_of(args: argparse.Namespace) -> Overrides:
    from lint.config import Overrides, parse_selectors

    select, extend_select, ignore = (
        getattr(args, k, None) for k in ("select", "extend_select", "ignore")
    )
    return Overrides(
        select=parse_selectors(select, "--select") if select is not None else None,
        extend_select=parse_selectors(extend_select, "--extend-select") if extend_select else None,
        ignore=parse_selectors(ignore, "--ignore") if ignore is not None else None,
        respect_gitignore=getattr(args, "respect_gitignore", None),
        force_exclude=getattr(args, "force_exclude", None),
    )


def warn(line: str) -> None:
    print(line, file=sys.stderr)


def cache_wanted(args: argparse.Namespace) -> bool:
    """Whether this run reads and writes the cache: `check` does, unless told not
    to by `--no-cache` or by TRANSCRIPT_LINT_NO_CACHE in the environment."""
    no_cache = getattr(args, "no_cache", True) or os.environ.get("TRANSCRIPT_LINT_NO_CACHE")
    return not no_cache


def refuse_combinations(args: argparse.Namespace) -> None:
    """Options that would not do together what each says: a usage error."""
    from lint.run import UsageError

    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    if args.fix and args.diff:
        raise UsageError("--fix writes files and --diff writes none: choose one")
    if args.diff and (args.format != "text" or args.statistics):
        other = "--statistics" if args.statistics else f"--format {args.format}"
        raise UsageError(f"--diff prints a unified diff; it does not combine with {other}")
    if args.statistics and args.format != "text":
        raise UsageError(
            f"--statistics prints text; it does not combine with --format {args.format}"
        )


def check(args: argparse.Namespace) -> int:
    from lint import discovery, run
    from lint.config import SettingsResolver
    from lint.result import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
    from lint.run import UsageError
    from lint.runner import Interrupted, Mode

    refuse_combinations(args)
    mode = Mode.DIFF if args.diff else Mode.FIX if args.fix else Mode.CHECK
    if args.ledger is not None and mode is not Mode.FIX:
        raise UsageError("--ledger needs --fix (and not --diff)")
    resolver = SettingsResolver(overrides_of(args), args.config)
    if args.show_settings is not None:
        settings = resolver.for_path(args.show_settings)
        sys.stdout.writelines(f"{line}\n" for line in settings.describe(args.show_settings))
        return EXIT_CLEAN
    if args.show_files:
        listing = discovery.select(args.paths, resolver, show_skipped=True)
        sys.stdout.writelines(f"{line}\n" for line in discovery.listing(listing))
        return EXIT_ERROR if listing.errors else EXIT_CLEAN
    progress = fix_progress(args.ledger) if mode is Mode.FIX else None
    # With --fix on standard input, standard output is the fixed text alone, and the
    # report goes to standard error after what the fixing said there.
    fixing_stdin = mode is Mode.FIX and "-" in args.paths
    try:
        options = run.Options(
            args.paths,
            mode,
            args.unsafe_fixes,
            args.jobs,
            args.stdin_filename,
            cache=cache_wanted(args),
            details=args.format in DETAILED,
            warn=warn,
            on_result=progress,
        )
        started = run.run(options, resolver)  # a config error stops the run here
        checked: Iterable[Checked] = started
        if fixing_stdin:
            checked = list(checked)
            stdin = next((c.result for c in checked if c.path is None and c.settings), None)
            if progress is not None and stdin is not None and stdin.error is None:
                write_fixed_stdin(stdin.fixed if stdin.fixed is not None else "")
                progress(stdin)
        stream = sys.stderr if fixing_stdin else sys.stdout
        code = report(args, checked, mode, stream, started.baseline_files)
    except Interrupted as exc:
        fixed = progress.fixed if progress is not None else 0
        print(f"interrupted: {fixed} files fixed, {exc.unfinished} not checked", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if progress is not None:
            progress.close()
    if progress is not None and progress.not_written:
        names = ", ".join(progress.not_written)
        print(f"Not fixed, changed since they were read: {names}.", file=sys.stderr)
        code = max(code, EXIT_FINDINGS)
    return EXIT_ERROR if progress is not None and progress.ledger_failed else code


def write_fixed_stdin(text: str) -> None:
    """The fixed text of standard input, as UTF-8; a stray byte (EN007) left unfixed
    goes out as the byte it was."""
    from lint import files

    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests)
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8", files.ENCODE_ERRORS))
        buffer.flush()


def fix_progress(ledger_path: Path | None) -> FixProgress:
    """Reports each file of a --fix run as it is written (and logs it to the ledger)."""
    import datetime  # here, like difflib below: every import counts against start-up

    from lint.progress import FixProgress
    from lint.run import UsageError

    time = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    try:
        return FixProgress(ledger_path, __version__, time)
    except OSError as exc:
        raise UsageError(f"{ledger_path}: cannot write the ledger: {exc.strerror or exc}") from None


# -- baseline ---------------------------------------------------------------------------


def write_baseline(args: argparse.Namespace) -> int:
    """Write (or with --prune, shrink) the baseline file of every path's config."""
    from lint import files, run
    from lint.baseline import Baseline
    from lint.config import SettingsResolver
    from lint.result import EXIT_CLEAN, EXIT_ERROR
    from lint.run import UsageError

    if "-" in args.paths:
        raise UsageError("baseline reads files, not standard input")
    resolver = SettingsResolver(overrides_of(args), args.config)
    checked = list(run.run(run.Options(args.paths, jobs=args.jobs, warn=warn), resolver))
    errors = [c.result for c in checked if c.result.error]
    print_errors(errors)
    groups = run.baseline_groups(checked)
    if not groups:
        print("No files to baseline.")
    for path, subjects in groups.items():
        shown = os.path.relpath(path)
        if args.prune and not path.is_file():
            print(f"{shown}: no baseline to prune.")
            continue
        old = Baseline.load(path)
        new = old.rebuilt(subjects, prune=args.prune)
        text = new.dumps()
        unchanged = path.is_file() and path.read_text(encoding="utf-8") == text
        if not unchanged:
            try:
                files.write_atomically(path, text, "utf-8", errors="backslashreplace")
            except OSError as exc:
                raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
        state = " (unchanged)" if unchanged else ""
        if args.prune:
            dropped = old.findings - new.findings
            print(
                f"{shown}: dropped {dropped} finding{'s' if dropped != 1 else ''} no longer "
                f"found; {new.findings} remain{state}."
            )
        else:
            in_files = len({e.key.file for e in new.entries.values()})
            print(
                f"{shown}: {new.findings} finding{'s' if new.findings != 1 else ''} in "
                f"{in_files} file{'s' if in_files != 1 else ''}{state}."
            )
    return EXIT_ERROR if errors else EXIT_CLEAN


def report(
    args: argparse.Namespace,
    checked: Iterable[Checked],
    mode: Mode,
    stream: TextIO,
    baseline_files: Sequence[Path] = (),
) -> int:
    """Report the results as they come (the errors are listed at the end, on
    standard error; first when the report goes there too). The baseline files are
    loaded first: a broken one stops the run before the report's first byte."""
    import dataclasses

    from lint import run
    from lint.report import Report
    from lint.report import text as text_report
    from lint.result import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
    from lint.runner import Mode
    from rules import ALL_RULES

    if mode is Mode.DIFF:
        return report_diff(args, checked, stream)
    reading = run.Reading(use_baselines=not args.no_baseline, baseline_files=baseline_files)
    errors_first = stream is sys.stderr
    if errors_first:
        checked = list(checked)
        print_errors([c.result for c in checked if c.result.error])
    color = stream.isatty() and "NO_COLOR" not in os.environ and args.output_file is None
    rendered = Report(
        reading.results(checked),
        ALL_RULES,
        unsafe=args.unsafe_fixes,
        fixing=mode is Mode.FIX,
        color=color,
        statistics=args.statistics,
        quiet=args.quiet,
        pre_commit=os.environ.get("PRE_COMMIT") == "1",
    )

    def read() -> Report:
        """The report once every result is read: totals, baselines and gates."""
        return dataclasses.replace(
            rendered,
            results=(),
            totals=reading.totals,
            baselines=reading.baselines(),
            gates=reading.gates(),
        )

    write_report(args, report_pieces(args.format, rendered, read), stream)
    if not errors_first:
        print_errors(reading.errors)
    if args.format != "text" and not args.quiet:
        # Machine-readable output stays parseable: what the baseline and the gates
        # did goes to standard error.
        for line in text_report.notes(dataclasses.replace(read(), color=False)):
            print(line, file=sys.stderr)
    if reading.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if reading.failed and not args.exit_zero else EXIT_CLEAN


def report_pieces(name: str, rendered: Report, read: Callable[[], Report]) -> Iterator[str]:
    """The report in format ``name`` in the pieces it is written in, read as the
    results come; ``read`` gives what is known once they are all read. HTML, which
    opens with a count of everything, holds the results first."""
    import dataclasses

    from lint.report import chunks as report_chunks
    from lint.report import text as text_report
    from lint.result import compacted

    if name == "text":
        if rendered.statistics:
            for _ in rendered.results:
                pass
            yield from text_report.statistics_lines(read())
        else:
            yield from text_report.finding_lines(rendered)
        yield from text_report.closing_lines(read())
    elif name == "html":
        results = [compacted(result) for result in rendered.results]
        yield from report_chunks(name, dataclasses.replace(read(), results=results, totals=None))
    else:
        yield from report_chunks(name, rendered)


def print_errors(errors: Iterable[FileResult]) -> None:
    for r in errors:
        print(f"transcript-lint: error: {r.path}: {r.error}", file=sys.stderr)


def report_diff(args: argparse.Namespace, checked: Iterable[Checked], stream: TextIO) -> int:
    """The fixes as a unified diff, a file at a time, and a count on standard error."""
    from lint.result import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

    errors = []
    changed = fixes = 0
    for c in checked:
        r = c.result
        if r.error:
            errors.append(r)
        if r.changed:
            stream.write(unified_diff(r))
            changed += 1
        fixes += len(r.applied)
    stream.flush()
    print_errors(errors)
    if not args.quiet:
        files_changed = f"{changed} file" + ("s" if changed != 1 else "")
        message = f"Would fix {fixes} problem{'s' if fixes != 1 else ''} in {files_changed}."
        print(message if fixes else "No fixes available.", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_CLEAN


def write_report(args: argparse.Namespace, pieces: Iterable[str], stream: TextIO) -> None:
    """A report to --output-file or to ``stream``, written in the pieces it comes in.
    The file is written beside its place and renamed over it once the report is
    whole: a run that fails or is interrupted leaves the file as it was."""
    from lint import files
    from lint.run import UsageError

    if args.output_file is not None:
        try:
            # A file name that is not UTF-8 comes out escaped (\udce9), still valid JSON.
            with files.replacing_text(args.output_file, errors="backslashreplace") as output:
                output.writelines(pieces)
        except OSError as exc:
            raise UsageError(f"{args.output_file}: cannot write: {exc.strerror or exc}") from None
    else:
        stream.writelines(pieces)


def unified_diff(result: FileResult) -> str:
    before = (result.original or "").splitlines(keepends=True)
    after = (result.fixed or "").splitlines(keepends=True)
    import difflib

    lines = difflib.unified_diff(before, after, result.path, result.path)
    out = []
    for line in lines:
        out.append(
            line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        )
    return "".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
