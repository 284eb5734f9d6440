"""One run of the tool over files: discovery, corpus evidence, check or fix, and
the reading of the results (baselines, quality gates, totals).

``run(options, resolver)`` takes plain options (no command line) and yields each
file's result in a stable order of names, as soon as it is done. The command line
(``lint.cli``) parses arguments into ``Options``, calls ``run`` and prints; so do
``baseline`` and ``learn``, each through the same function.

``dataset(task, source, target, jobs)`` is the same run over the records of a
dataset file (JSON Lines or Parquet, locally or on Ray).

The error policy is one for files and records: a file that cannot be checked
(missing, unreadable, not text, too large) is a result with an ``error``, a record
that cannot be checked (invalid JSON, not an object, no text) is listed in the
outcome's ``skipped`` and written as it came; either way the run goes on with the
others, and its exit code is 2 (``EXIT_ERROR``).
"""

from __future__ import annotations

import dataclasses
import heapq
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lint import discovery, files
from lint.config import Gate, Settings, SettingsResolver
from lint.evidence import Evidence, Gatherer
from lint.gate import Counting, GateOutcome
from lint.masking import format_for
from lint.records import record
from lint.report.model import Totals
from lint.result import FileResult
from lint.rule import gatherers_of
from lint.runner import Interrupted, Job, Mode, Workers, gather_jobs, process_text, stream_jobs
from rules import ALL_RULES, registry

if TYPE_CHECKING:
    from lint.baseline import Applied, Applying, Subject
    from lint.datasets import Outcome, Task


class UsageError(Exception):
    """Options that cannot make a run; the message says which."""


@record(frozen=True)
class Options:
    """What a run is asked to do, free of the command line.

    ``warn`` receives each one-line warning of the run (a path under which no file
    was found, a file named that is not checked); ``on_result`` each result of a
    ``--fix`` run as its file is written, in the order of the files. ``details``:
    whether the report prints each finding's fingerprint or excerpt (SARIF, HTML);
    a run also computes them where a baseline file or the cache needs them."""

    paths: Sequence[str]
    mode: Mode = Mode.CHECK
    unsafe: bool = False
    jobs: int = 1
    stdin_filename: str | None = None
    cache: bool = False  # read and write the results cache (a check only)
    details: bool = True
    warn: Callable[[str], None] = lambda line: None
    on_result: Callable[[FileResult], None] | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise UsageError("--jobs must be at least 1")


@record(frozen=True)
class Checked:
    """The result of one path with what it was checked under: ``settings`` is None
    for a path that was not found, ``path`` None for standard input."""

    result: FileResult
    settings: Settings | None = None
    path: Path | None = None


def selected_files(options: Options, resolver: SettingsResolver) -> discovery.Selection:
    """The files of the paths; warns of a path under which no file is selected, and
    of each file not checked that the user may expect to be (a FIFO, a link out)."""
    selection = discovery.select(options.paths, resolver)
    for skipped in selection.skipped:
        if skipped.notice:
            options.warn(f"warning: {skipped.display}: not checked: {skipped.reason}")
    if selection.empty:
        options.warn(f"warning: no transcript files found under: {', '.join(selection.empty)}")
    return selection


class Started(Iterator[Checked]):
    """A run whose files are chosen and whose settings are checked: its results come
    as it is iterated. ``baseline_files``: the distinct baseline files that exist
    for its files, so that a reader can load them before it writes anything."""

    def __init__(self, results: Iterator[Checked], baseline_files: Sequence[Path]) -> None:
        self._results = results
        self.baseline_files = tuple(baseline_files)

    def __next__(self) -> Checked:
        return next(self._results)


def run(options: Options, resolver: SettingsResolver) -> Started:
    """Check (or fix) every path given: the results in a stable order of file names,
    each as soon as it is done (and so are those before it), so that a run holds
    its results only as long as it takes to report them.

    What can fail for the run as a whole fails here, before the first result: a
    selector no rule has (``ConfigError``), a path the options cannot take."""
    mode = options.mode
    first: list[Checked] = []
    jobs: list[Job] = []
    selection = selected_files(options, resolver)
    if selection.stdin:
        settings = resolver.for_path(Path(options.stdin_filename or "stdin"))
        name = options.stdin_filename or "-"
        result = check_stdin(name, settings, mode, options.unsafe, options.details)
        first.append(Checked(result, settings))
    baselined: dict[Path, bool] = {}  # baseline file -> whether it exists
    for path, display in selection.files:
        settings = resolver.for_path(path)
        settings.check_selectors(ALL_RULES)
        where = settings.baseline_path
        if where not in baselined:
            baselined[where] = where.is_file()
        # the cache (read and written by a check only) and a baseline (applied by a
        # check or a fix, not a diff) need each finding's fingerprint and excerpt
        details = (
            options.details
            or (options.cache and mode is Mode.CHECK)
            or (baselined[where] and mode is not Mode.DIFF)
        )
        jobs.append(Job(path, display, settings, mode, options.unsafe, registry, details=details))
    unreadable = sorted((Checked(r) for r in selection.errors), key=_path_of)
    existing = [where for where, exists in baselined.items() if exists]
    return Started(_results(options, first, unreadable, jobs), existing)


def _results(
    options: Options, first: list[Checked], unreadable: list[Checked], jobs: list[Job]
) -> Iterator[Checked]:
    mode = options.mode
    if mode is Mode.FIX:
        for folder in sorted({job.path.parent for job in jobs}):
            files.remove_stale_temporaries(folder)
    with Workers(options.jobs, len(jobs), keep=True) as workers:
        done: Iterator[tuple[int, FileResult]]
        if mode is Mode.CHECK and jobs and options.cache:
            from lint import cache  # only `check` reads the cache

            store = cache.Cache.open(jobs[0].settings.root / cache.FOLDER)
            results = cache.check_files(jobs, workers, store, needed_gatherers(jobs))
            by_name = sorted(range(len(jobs)), key=lambda i: jobs[i].display)
            done = ((i, results[i]) for i in by_name)
        else:
            try:
                jobs = with_evidence(jobs, workers)  # the same files, carrying the evidence
            except Interrupted:  # before any file was checked
                raise Interrupted(len(jobs)) from None
            done = stream_jobs(jobs, workers, options.on_result)
        checked = (Checked(r, jobs[i].settings, jobs[i].path) for i, r in done)
        # Ties keep the order of the parts: standard input, unreadable paths, files.
        yield from heapq.merge(first, unreadable, checked, key=_path_of)


def _path_of(checked: Checked) -> str:
    return checked.result.path


def check_stdin(
    name: str, settings: Settings, mode: Mode, unsafe: bool, details: bool = True
) -> FileResult:
    settings.check_selectors(ALL_RULES)
    try:
        text, _ = files.decode(sys.stdin.buffer.read())
    except files.InputError as exc:
        return FileResult(name, error=str(exc))
    return process_text(
        text, name, settings, ALL_RULES, mode, unsafe, format_for(name), Path(name), details=details
    )


def needed_gatherers(jobs: Sequence[Job]) -> tuple[Gatherer, ...]:
    distinct = {id(job.settings): job.settings for job in jobs}.values()
    return gatherers_of(r for settings in distinct for r in settings.enabled_rules(ALL_RULES))


def with_evidence(jobs: list[Job], workers: Workers) -> list[Job]:
    """The jobs carrying the evidence of the whole run, when an enabled rule needs it."""
    if not needed_gatherers(jobs):
        return jobs
    evidence = gather_jobs(jobs, workers).kept(needed_gatherers(jobs))
    return [dataclasses.replace(job, evidence=evidence) for job in jobs]


# -- datasets: the records of a file instead of files -------------------------------------


def dataset(task: Task, source: Path, target: Path, jobs: int, ray: str | None = None) -> Outcome:
    """Check or fix every record of ``source`` into ``target``: JSON Lines streamed,
    Parquet with the tool's columns appended, other pairs converted, or on the Ray
    cluster at ``ray`` (whose outcome counts the records, and lists those that
    cannot be checked by name rather than line). Raises
    ``datasets.DatasetError`` for a dataset that cannot be read or written."""
    from lint import datasets  # its pool and JSON handling are needed by datasets only

    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if ray:
        return datasets.run_ray(source, target, task, ray)
    if datasets.both_jsonl(source, target):
        return datasets.run_jsonl(source, target, task, jobs)
    if datasets.both_parquet(source, target):
        return datasets.run_parquet(source, target, task, jobs)
    records = datasets.read_records(source)
    results = datasets.run_local(records, task, jobs)
    datasets.write_records(target, results)
    return datasets.outcome_of(task, records, results)


# -- learn: the evidence of every file, as a run gathers it ------------------------------


@record(frozen=True)
class Learned:
    """What ``learn`` found: lexicon entries by section, from ``documents`` files;
    ``errors`` the paths that could not be read."""

    entries: dict[str, dict[str, int]]
    documents: int
    errors: list[FileResult]


def learn(options: Options, resolver: SettingsResolver) -> Learned:
    """Gather the evidence of every file and what it teaches the lexicon."""
    selection = selected_files(options, resolver)
    jobs = [
        Job(path, display, resolver.for_path(path), Mode.CHECK, False, registry)
        for path, display in selection.files
    ]
    with Workers(options.jobs, len(jobs)) as workers:
        evidence: Evidence = gather_jobs(jobs, workers)
    learned: dict[str, dict[str, int]] = {}
    for gatherer in needed_gatherers(jobs):
        if gatherer.learn is not None and gatherer.section is not None:
            entries = gatherer.learn(evidence.get(gatherer.name), evidence.documents)
            learned.setdefault(gatherer.section, {}).update(entries)
    return Learned(learned, evidence.documents, selection.errors)


# -- baselines and gates -------------------------------------------------------------------


def baseline_groups(checked: Sequence[Checked]) -> dict[Path, list[Subject]]:
    """What each baseline file covers: the files checked without error under it."""
    groups: dict[Path, list[Subject]] = {}
    for c in checked:
        if c.settings is not None and c.path is not None and c.result.error is None:
            path = c.settings.baseline_path
            groups.setdefault(path, []).append(subject_of(c, path))
    return groups


def subject_of(c: Checked, baseline_path: Path) -> Subject:
    from lint.baseline import Subject, relative_name  # (and json) only where a baseline is

    assert c.settings is not None and c.path is not None
    codes = frozenset(r.code for r in c.settings.enabled_rules(ALL_RULES, c.path))
    return Subject(relative_name(baseline_path, c.path), c.result, codes)


class Reading:
    """What a run makes of its results as they pass, in order: each file's baseline
    takes out the findings it knows, the quality gates count what is left, the
    totals add up, and the results that are errors are kept to be listed."""

    def __init__(self, use_baselines: bool, baseline_files: Iterable[Path] = ()) -> None:
        """``baseline_files`` are loaded now (a broken one fails here, before any
        result is read); any other baseline file as its first result passes."""
        self.use_baselines = use_baselines
        self.totals = Totals()
        self.errors: list[FileResult] = []
        self.ungated_findings = False  # a file that no gate covers has findings
        self._baselines: dict[Path, Applying | None] = {}  # None: no baseline file
        self._gates: dict[Gate, Counting] = {}
        self._codes: dict[frozenset[str], frozenset[str]] = {}  # one copy of each set
        if use_baselines:
            for path in baseline_files:
                self._load(path)

    def results(self, checked: Iterable[Checked]) -> Iterator[FileResult]:
        for c in checked:
            result = c.result
            if result.error:
                self.errors.append(result)
            elif self.use_baselines and c.settings is not None and c.path is not None:
                result = self._baselined(c, c.settings.baseline_path)
            gate = c.settings.gate if c.settings is not None else None
            if gate is None:
                self.ungated_findings = self.ungated_findings or bool(result.findings)
            else:
                counting = self._gates.get(gate)
                if counting is None:
                    counting = self._gates[gate] = Counting(gate)
                counting.add(result)
            self.totals.add(result)
            yield result

    def _baselined(self, c: Checked, path: Path) -> FileResult:
        applying = self._load(path)
        if applying is None:
            return c.result
        subject = subject_of(c, path)
        codes = self._codes.setdefault(subject.codes, subject.codes)
        return applying.take(dataclasses.replace(subject, codes=codes))

    def _load(self, path: Path) -> Applying | None:
        if path not in self._baselines:
            self._baselines[path] = None
            if path.is_file():
                from lint.baseline import Baseline

                self._baselines[path] = Baseline.load(path).applying()
        return self._baselines[path]

    def baselines(self) -> list[Applied]:
        return [a.outcome() for a in self._baselines.values() if a is not None]

    def gates(self) -> list[GateOutcome]:
        return [counting.outcome() for counting in self._gates.values()]

    @property
    def failed(self) -> bool:
        """Whether findings fail the run: in a file no gate covers, or over a gate."""
        return self.ungated_findings or any(not c.outcome().passed for c in self._gates.values())
