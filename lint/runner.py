"""Running rules over documents and files: check, fix until stable, in parallel.

``check_document`` runs the enabled rules once. ``fix_document`` applies the
non-overlapping fixes allowed by the chosen safety, re-checks and repeats until
nothing is left to apply; a document that has not settled after ``MAX_PASSES`` is an
error and is left as it was. ``run_files`` does that for many files, in a process
pool when asked, with results in the order of the files given.
"""

from __future__ import annotations

import collections
import dataclasses
import enum
import itertools
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from lint import files, suppression
from lint.config import Settings
from lint.document import Document
from lint.evidence import Evidence, gather, total
from lint.fix import Safety, apply_edits, select_non_overlapping
from lint.masking import Format, PatternBudget, PatternTimeout
from lint.records import record
from lint.result import FileResult, Finding, compacted, count_words, resolve
from lint.rule import Context, Diagnostic, Rule, gatherers_of

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from ctypes import c_bool

MAX_PASSES = 20
# A process keeps the documents the evidence pass made for the check pass in at
# most this much memory, so that its peak stays under 150 MB whatever the size of
# the run (the files past it are read and analysed again, see ``Held.keep``). A
# document costs about 30 bytes per character of text as the evidence pass leaves
# it, and 8 compacted (``Document.compact``). The process grows by two to three
# times the budget (the allocator's overhead, and whole documents until the first
# compaction): on 2,000 bench files, --jobs 1, peak RSS is 65 MB keeping none, 129
# MB with 20 MB, 143 MB with 32 MB, 184 MB with 85 MB.
KEEP_MEMORY = 24_000_000
# And a process keeps no more documents once its resident memory has grown by this
# since the run began: the estimate above is low for text outside Latin-1 (whose
# views take two or four bytes a character) and misses the analyses rules add to a
# document, so the process's own figure has the last word where the platform gives
# it (2,000 generated files of mixed scripts: 194 MB peak without it, 133 with it).
KEEP_GROWTH = 50_000_000
FULL_COST = 30
COMPACT_COST = 8
R = TypeVar("R")
A = TypeVar("A")
FILES_PER_TASK = 8  # at least; a large run sends bigger tasks (see ``Workers._results``)
MAX_FILES_PER_TASK = 64
TASKS_AHEAD = 2  # tasks sent to a worker and not yet done, at most
# How far (in bytes of the files after the first not done) a worker may run ahead
# of the others when results are given in order: their results wait to be given,
# about 0.4 bytes each per byte of text. Twice the largest file at least, so that
# the other worker stays busy while one checks it.
WINDOW_BYTES = 8_000_000
TASKS_PER_WORKER = 16  # enough to even out the workers' loads
UNPROTECTED = (
    "not fixed: an ignore-pattern ran out of time in this run and is no longer applied, "
    "so the text it protects could be changed"
)
PARENT_POLL = 1.0  # seconds between a worker's looks at its parent, where no prctl


class Mode(enum.Enum):
    CHECK = "check"
    FIX = "fix"  # write fixed files
    DIFF = "diff"  # compute fixes, write nothing


class NotConverged(Exception):
    def __init__(self, codes: Sequence[str]) -> None:
        super().__init__(
            f"fixes did not settle after {MAX_PASSES} passes (rules involved: "
            f"{', '.join(sorted(set(codes)))}); the file was left unchanged"
        )


def _nothing() -> None:
    pass


def check_document(
    doc: Document, rules: Sequence[Rule], ctx: Context, before_rule: Callable[[], None] = _nothing
) -> list[Diagnostic]:
    """Every diagnostic of the rules, in order, suppressions applied. ``before_rule``
    runs before each rule: the editor server stops there a check that a newer
    version of the text made stale (by raising)."""
    diagnostics: list[Diagnostic] = []
    for r in rules:
        before_rule()
        diagnostics.extend(r.run(doc, ctx))
    return _settled(doc, diagnostics, rules)


def _settled(
    doc: Document, diagnostics: list[Diagnostic], rules: Sequence[Rule]
) -> list[Diagnostic]:
    """The rules' diagnostics in order of position, suppressions applied."""
    diagnostics.sort(key=lambda d: (d.start, d.code, d.end))
    # Inline suppression (issue 18): what `<!-- transcript-lint-disable -->` and
    # `[sic]` silence is neither reported nor fixed.
    return suppression.apply(doc, diagnostics, (r.code for r in rules))


def check_findings(
    doc: Document,
    rules: Sequence[Rule],
    ctx: Context,
    before_rule: Callable[[], None] = _nothing,
    details: bool = True,
) -> tuple[Finding, ...]:
    """Every finding of the rules in the document, placed in lines and columns (with
    its fingerprint and excerpt if ``details``: see ``resolve``)."""
    by_code = {r.code: r for r in rules}
    diagnostics = check_document(doc, rules, ctx, before_rule)
    return tuple(resolve(doc, d, by_code[d.code], details) for d in diagnostics)


def allowed_safeties(unsafe: bool) -> frozenset[Safety]:
    return frozenset({Safety.SAFE, Safety.UNSAFE} if unsafe else {Safety.SAFE})


@record(frozen=True)
class FixOutcome:
    """The fixed document, what was applied (and in which pass, from 1) and what is left."""

    doc: Document
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    passes: tuple[int, ...] = ()


def fix_document(
    doc: Document,
    rules: Sequence[Rule],
    ctx: Context,
    allowed: frozenset[Safety],
    details: bool = True,
) -> FixOutcome:
    """Apply allowed fixes until none is left; raise NotConverged if it never settles.

    Only the rules that can offer a fix of an allowed safety (``Rule.safety``) run
    on the texts the fixer moves past; the others cannot change what is applied, so
    they run once, on the fixed text, for what remains. (Whether a diagnostic is
    suppressed depends on it alone, so the fixing rules' fixable diagnostics are
    those of every rule.) That holds for rules whose fixes keep to their declared
    safety, as every rule's tests check; where a rule left out offers an allowed fix
    on the fixed text, the fixer starts again with every rule in every pass.
    ``details``: as for ``check_findings``.
    """
    fixing = [r for r in rules if allowed.intersection(r.safety)]
    if len(fixing) == len(rules):
        return _fix_passes(doc, rules, rules, ctx, allowed, details)
    outcome = _fix_passes(doc, rules, fixing, ctx, allowed, details)
    if any(f.fix is not None and f.fix.safety in allowed for f in outcome.remaining):
        return _fix_passes(doc, rules, rules, ctx, allowed, details)
    return outcome


def _fix_passes(
    doc: Document,
    rules: Sequence[Rule],
    fixing: Sequence[Rule],
    ctx: Context,
    allowed: frozenset[Safety],
    details: bool,
) -> FixOutcome:
    """The fix loop, running ``fixing`` (a part of ``rules``, in their order) in
    each pass and the other rules on the text that is left."""
    by_code = {r.code: r for r in rules}
    others = [r for r in rules if r not in fixing]
    applied: list[Finding] = []
    passes: list[int] = []
    codes_per_pass: list[str] = []
    for number in range(1, MAX_PASSES + 1):
        raw = [d for r in fixing for d in r.run(doc, ctx)]
        diagnostics = _settled(doc, list(raw), fixing)
        fixable = [d for d in diagnostics if d.fix is not None and d.fix.safety in allowed]
        if not fixable:
            if others:
                raw.extend(d for r in others for d in r.run(doc, ctx))
                diagnostics = _settled(doc, raw, rules)
            remaining = tuple(resolve(doc, d, by_code[d.code], details) for d in diagnostics)
            return FixOutcome(doc, tuple(applied), remaining, tuple(passes))
        chosen = {id(f) for f in select_non_overlapping(d.fix for d in fixable if d.fix)}
        taken = [d for d in fixable if id(d.fix) in chosen]
        applied.extend(resolve(doc, d, by_code[d.code], details) for d in taken)
        passes.extend([number] * len(taken))
        codes_per_pass = [d.code for d in taken]
        text = apply_edits(doc.text, [e for d in taken if d.fix for e in d.fix.edits])
        doc.forget()  # its views are not needed again: one text's memory at a time
        doc = doc.with_text(text)
    raise NotConverged(codes_per_pass)


# -- files -----------------------------------------------------------------------------


@record(frozen=True)
class Job:
    """What to do with one file; picklable, so it can go to a worker process."""

    path: Path
    display: str
    settings: Settings
    mode: Mode
    unsafe: bool
    registry: Callable[[], Sequence[Rule]]
    evidence: Evidence | None = None
    details: bool = True  # give findings their fingerprint and excerpt (``resolve``)


def document_for(
    text: str,
    display: str,
    settings: Settings,
    fmt: Format | None = None,
    budget: PatternBudget | None = None,
) -> Document:
    return Document(text, display, fmt, settings.ignore_patterns, budget)


def prepare(
    text: str,
    display: str,
    settings: Settings,
    rules: Sequence[Rule],
    fmt: Format | None = None,
    path: Path | None = None,
    evidence: Evidence | None = None,
    doc: Document | None = None,
) -> tuple[Document, list[Rule], Context]:
    """The document, the rules enabled for it and their context.

    Without ``evidence`` from a whole run, the text's own is gathered. ``doc`` is the
    document of ``text`` when an earlier pass already made it.
    """
    if doc is None:
        doc = document_for(text, display, settings, fmt)
    enabled = settings.enabled_rules(rules, path if path is not None else Path(display))
    if evidence is None:
        evidence = gather(doc, gatherers_of(enabled))
    return doc, enabled, settings.context(evidence)


def process_text(
    text: str,
    display: str,
    settings: Settings,
    rules: Sequence[Rule],
    mode: Mode,
    unsafe: bool,
    fmt: Format | None = None,
    path: Path | None = None,
    evidence: Evidence | None = None,
    doc: Document | None = None,
    details: bool = True,
) -> FileResult:
    """Check or fix one text; errors become part of the result, never exceptions.

    ``evidence`` is what was gathered from the whole run; without it, the text's own.
    A user pattern that ran out of time on this text in an earlier pass of the run
    (``doc.budget``) is this text's error. ``details``: as for ``check_findings``.
    """
    words = count_words(text)
    failure = doc.budget.failure(display) if doc is not None and doc.budget else None
    if failure is not None:
        return FileResult(display, error=str(failure), words=words)
    try:
        doc, enabled, ctx = prepare(text, display, settings, rules, fmt, path, evidence, doc)
        if mode is Mode.CHECK:
            findings = check_findings(doc, enabled, ctx, details=details)
            return FileResult(display, findings, words=words)
        outcome = fix_document(doc, enabled, ctx, allowed_safeties(unsafe), details)
    except (NotConverged, PatternTimeout) as exc:
        return FileResult(display, error=str(exc))
    except Exception as exc:  # a bug in a rule must not cost the user the other files
        return FileResult(
            display, error=f"internal error ({type(exc).__name__}: {exc}); please report it"
        )
    return FileResult(
        display,
        outcome.remaining,
        outcome.applied,
        original=text,
        fixed=outcome.doc.text,
        passes=outcome.passes,
        words=words,
        changed=outcome.doc.text != text,
    )


def process_job(job: Job, held: Held | None = None) -> FileResult:
    """Check or fix one file (with the document the evidence pass kept, if any).

    A fixed file is written only if it is still the file that was read."""
    held = held if held is not None else Held()
    if held.kept is not None and job.path in held.kept:
        text, encoding, stamp, doc = held.kept.pop(job.path)
    else:
        try:
            text, encoding, stamp = files.read_stamped(job.path, job.settings.max_file_size_mb)
        except files.InputError as exc:
            return FileResult(job.display, error=str(exc))
        doc = document_for(text, job.display, job.settings, budget=held.budget)
    result = process_text(
        text,
        job.display,
        job.settings,
        job.registry(),
        job.mode,
        job.unsafe,
        path=job.path,
        evidence=job.evidence,
        doc=doc,
        details=job.details,
    )
    if result.error is None and held.budget.disabled(job.settings.ignore_patterns):
        if job.mode is not Mode.CHECK:  # never fix text a pattern was meant to protect
            return FileResult(job.display, error=UNPROTECTED, words=result.words)
        result = dataclasses.replace(result, partial=True)
    if job.mode is Mode.FIX and result.changed and result.fixed is not None:
        try:
            files.check_reads_back(result.fixed, encoding)
            files.write_atomically(
                job.path, result.fixed, encoding, stamp, errors=files.ENCODE_ERRORS
            )
        except files.Changed as exc:
            # Its findings were placed in a text the file no longer holds: none.
            return FileResult(job.display, words=result.words, not_written=str(exc))
        except files.NotWritten as exc:
            return FileResult(job.display, error=str(exc))
        except OSError as exc:
            return FileResult(job.display, error=f"cannot write: {exc.strerror or exc}")
    if job.mode is Mode.FIX:
        # Written: the texts are not needed any more, and a run over many files
        # must not hold every file twice until it ends.
        result = dataclasses.replace(result, original=None, fixed=None)
    return result


def process_job_compact(job: Job, held: Held | None = None) -> FileResult:
    """``process_job`` with the findings of its result packed: for a result that is
    held (by the cache) or sent back from a worker, which a run reporting as it goes
    in one process does without."""
    return compacted(process_job(job, held))


def resident_memory() -> int | None:
    """This process's resident memory in bytes: now on Linux, its peak on other Unix
    systems, None where neither is known."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes there, KiB here


# path -> (text, encoding, what the file was when read, document)
Kept = dict[Path, tuple[str, str, files.Stamp, Document]]


@record()
class Held:
    """What a process holds for one run: the documents kept from the evidence pass
    for the check pass (None: none kept), and what the user's ignore-patterns may
    still cost (``PatternBudget``)."""

    kept: Kept | None = None
    budget: PatternBudget = dataclasses.field(default_factory=PatternBudget)
    spent: int = 0  # the memory the kept documents take, estimated
    memory_at_start: int | None = dataclasses.field(default_factory=lambda: resident_memory())
    compacted: bool = False  # whether they are kept compacted

    def keep(self, path: Path, text: str, encoding: str, stamp: files.Stamp, doc: Document) -> bool:
        """Keep a file's document for the check pass if there is room for it.

        Documents are kept whole while they fit in ``KEEP_MEMORY`` (a small run
        then pays nothing to shrink them); when one does not, every document kept
        is compacted, and so is each kept after it, until those no longer fit."""
        if self.kept is None:
            return False
        now, start = resident_memory(), self.memory_at_start
        if now is not None and start is not None and now - start > KEEP_GROWTH:
            return False
        if not self.compacted and self.spent + len(text) * FULL_COST > KEEP_MEMORY:
            for *_, kept in self.kept.values():
                kept.compact()
            self.compacted = True
            self.spent = self.spent // FULL_COST * COMPACT_COST
        cost = len(text) * (COMPACT_COST if self.compacted else FULL_COST)
        if self.spent + cost > KEEP_MEMORY:
            return False
        self.kept[path] = (text, encoding, stamp, doc)
        self.spent += cost
        return True


class Interrupted(Exception):
    """SIGINT or SIGTERM stopped a run: ``unfinished`` jobs of the pass it stopped
    got no result (each worker finished the file it was on)."""

    def __init__(self, unfinished: int) -> None:
        super().__init__(f"{unfinished} not checked")
        self.unfinished = unfinished


# What a worker process holds for its run: the documents it keeps from the evidence
# pass for the check pass, and the flag that tells it to stop. Per process by
# nature: the pool's initializer sets it up, and the pool (and so the process) lives
# for one run.
#
# The flag is a shared byte with no lock: it is set from signal handlers, and a
# handler that takes a lock (as multiprocessing.Event.set does) deadlocks when the
# signal lands while its own process holds that lock in ``is_set``.
_worker_state: tuple[Held | None, c_bool | None] = (None, None)
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def _start_worker(keep: bool, stop: c_bool, parent: int) -> None:
    global _worker_state  # the worker's own, see above
    _worker_state = (Held({} if keep else None), stop)
    # A Ctrl-C or a SIGTERM to the process group is the parent's to handle: it stops
    # dealing files, and a worker finishes the file it is on (so that every file
    # written is reported) and takes no other.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: _raise_flag(stop))
    exit_with_parent(parent)


def _raise_flag(flag: c_bool) -> None:
    flag.value = True


def exit_with_parent(parent: int) -> None:
    """Have this process killed when its parent dies, however it dies: by the
    parent-death signal on Linux, else by a thread that watches the parent."""
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    else:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _run_task(function: Callable[[Job, Held | None], R], jobs: Sequence[Job]) -> list[R]:
    """The results of the jobs in order; fewer once the run is told to stop."""
    held, stop = _worker_state
    results = []
    for job in jobs:
        if stop is not None and stop.value:
            break
        results.append(function(job, held))
    return results


class Workers:
    """Where a run's jobs are done: in this process, or in worker processes that
    serve every pass of the run (gathering evidence, then checking), so that each
    starts and loads the rules once.

    With ``keep``, each process keeps the documents the evidence pass made for the
    check pass, in up to ``KEEP_MEMORY`` (see ``Held.keep``): reading, masking and the
    rules' shared analyses (tokens, layouts) are then done once per file, not twice.
    For that, each file goes to the same worker in every pass: each worker is a pool
    of one process, and the files are dealt to the workers by size, the next file to
    the worker with the fewest bytes so far.

    While it is open, SIGINT and SIGTERM stop the run instead of killing it: no new
    file is started, the files being done are finished, and ``stream`` raises
    Interrupted after passing on every result it got. Workers ignore both signals
    (a Ctrl-C reaches the whole process group) and die with this process.
    """

    def __init__(self, processes: int, jobs: int, keep: bool = False) -> None:
        pooled = processes > 1 and jobs > FILES_PER_TASK
        self.held = Held({} if keep and not pooled else None)
        self.stopped = False
        self._stop: c_bool | None = None
        self._handlers: dict[int, Any] = {}
        self._pools: list[ProcessPoolExecutor] = []
        if pooled:
            # Imported here: multiprocessing costs a one-file run 15 ms to import.
            import ctypes
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._stop = multiprocessing.RawValue(ctypes.c_bool, False)
            self._pools = [
                ProcessPoolExecutor(
                    1, initializer=_start_worker, initargs=(keep, self._stop, os.getpid())
                )
                for _ in range(processes)
            ]
        self._worker_of: dict[Path, int] = {}
        self._size: dict[Path, int] = {}  # the bytes of each file dealt
        self._load = [0] * len(self._pools)  # bytes dealt to each worker

    @property
    def pooled(self) -> bool:
        """Whether the jobs go to worker processes."""
        return bool(self._pools)

    def __enter__(self) -> Workers:
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                self._handlers[signum] = signal.signal(signum, self._on_signal)
            except ValueError:  # not the main thread: signals are not ours to handle
                break
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self._pools:
            pool.shutdown()
        for signum, handler in self._handlers.items():
            signal.signal(signum, handler)

    def _on_signal(self, signum: int, frame: object) -> None:
        self.stopped = True
        if self._stop is not None:
            _raise_flag(self._stop)

    def map(self, function: Callable[[Job, Held | None], R], jobs: Sequence[Job]) -> list[R]:
        """``function`` of every job (and the documents kept), in the order of the
        jobs; after a signal, Interrupted."""
        results: list[R | None] = [None] * len(jobs)
        for i, result in self.stream(function, jobs):
            results[i] = result
        return cast(list[R], results)

    def stream(
        self,
        function: Callable[[Job, Held | None], R],
        jobs: Sequence[Job],
        window: int | None = None,
        steal: bool = False,
    ) -> Iterator[tuple[int, R]]:
        """(index, result) of the jobs as they are done: in this process, a job is
        done when its result is asked for. With a ``window`` (bytes), no job is
        started whose file comes more than that many bytes of files after the first
        job not done: a caller that gives the results in the order of the jobs then
        holds few. With ``steal``, a worker done with its files takes the others'
        (a pass that reads each file: a later pass then finds its document kept
        there). After a signal, every result there is, and Interrupted is raised."""
        done = 0
        for item in self._results(function, jobs, window, steal):
            done += 1
            yield item
        if self.stopped:
            raise Interrupted(len(jobs) - done)

    def _results(
        self,
        function: Callable[[Job, Held | None], R],
        jobs: Sequence[Job],
        window: int | None,
        steal: bool,
    ) -> Iterator[tuple[int, R]]:
        """(index, result) of the jobs, as they are done, until done or stopped."""
        if not self._pools:
            for i, job in enumerate(jobs):
                if self.stopped:
                    return
                yield i, function(job, self.held)
            return
        from concurrent.futures import FIRST_COMPLETED, Future, wait

        parts, heavy = self._deal(jobs)
        # Each task carries the run's evidence once, and a worker regroups it once per
        # task: a large run sends fewer and bigger tasks than one per 8 files, up to
        # MAX_FILES_PER_TASK (the results of a task come back together).
        size = max(FILES_PER_TASK, len(jobs) // (len(self._pools) * TASKS_PER_WORKER))
        size = min(size, MAX_FILES_PER_TASK)
        # A worker does its heavy files first, largest first, each a task of its own:
        # one started last would keep its worker busy long after the other is done
        # (on ../shared/corpus a 2 MB OCR file is 44 % of the check), while small
        # tasks at the end even out the two workers' loads.
        queues: list[collections.deque[list[int]]] = []
        for part in parts:
            first = sorted((i for i in part if i in heavy), key=lambda i: -self._size[jobs[i].path])
            rest = [i for i in part if i not in heavy]
            queues.append(
                collections.deque(
                    [[i] for i in first] + [rest[k : k + size] for k in range(0, len(rest), size)]
                )
            )
        # A task is sent when its worker has fewer than TASKS_AHEAD and its first job
        # is within ``window`` bytes of the first job not done: a worker that is ahead
        # waits for the others, so that the results waiting to be given in order stay
        # few. (Before: a window of tasks, which a large file early in the run made a
        # wait for the other worker.) A heavy file is sent whatever its place: the
        # results after it wait for it, but no more of them than the window allows.
        ahead = list(itertools.accumulate((self._size[job.path] for job in jobs), initial=0))
        if window is not None:
            window = max(window, 2 * max(map(int.__sub__, ahead[1:], ahead[:-1]), default=0))
        running: dict[Future[list[R]], tuple[int, list[int]]] = {}
        sent = [0] * len(self._pools)
        finished = bytearray(len(jobs))
        first_open = 0  # the first job not done

        def within(chunk: list[int]) -> bool:
            return (
                window is None or chunk[0] in heavy or ahead[chunk[0]] - ahead[first_open] <= window
            )

        def send() -> None:
            for worker, queue in enumerate(queues):
                while sent[worker] < TASKS_AHEAD:
                    # A worker with nothing to do and none of its own tasks it may
                    # start takes the first task of the worker with the most left:
                    # files differ in cost per byte (OCR costs several times prose), so
                    # the shares dealt by size end at different times. Its files are
                    # then its own in later passes (where it keeps their documents).
                    # Only where the caller allows: the thief reads the file again,
                    # which may have changed or gone since the other worker read it.
                    source = queue if queue and within(queue[0]) else None
                    if source is None and steal and not sent[worker]:
                        others = [q for q in queues if q and q is not queue and within(q[0])]
                        source = max(others, key=len, default=None)
                    if source is None:
                        break
                    chunk = source.popleft()
                    if source is not queue:
                        for i in chunk:
                            self._worker_of[jobs[i].path] = worker
                    task = self._pools[worker].submit(_run_task, function, [jobs[i] for i in chunk])
                    running[task] = (worker, chunk)
                    sent[worker] += 1

        send()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for task in done:
                worker, chunk = running.pop(task)
                sent[worker] -= 1
                # A task stopped by a signal returns the results of its first jobs only.
                for i, result in zip(chunk, task.result(), strict=False):
                    finished[i] = 1
                    yield i, result
            while first_open < len(jobs) and finished[first_open]:
                first_open += 1
            if not self.stopped:
                send()

    def ordered(self, function: Callable[[A], R], items: Iterable[A]) -> Iterator[R]:
        """``function`` of each item (a batch of dataset records), in the order of the
        items, which are dealt to the workers in turn and read only a few ahead of the
        results: a stream of any length holds a few batches at a time. After a
        signal, the results of the items sent, then KeyboardInterrupt (a stream has
        no count of what is left)."""
        if not self._pools:
            for item in items:
                if self.stopped:
                    break
                yield function(item)
        else:
            from concurrent.futures import Future

            pending: collections.deque[Future[R]] = collections.deque()
            for k, item in enumerate(items):
                if self.stopped:
                    break
                pending.append(self._pools[k % len(self._pools)].submit(function, item))
                if len(pending) >= len(self._pools) * TASKS_AHEAD:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        if self.stopped:
            raise KeyboardInterrupt

    def _deal(self, jobs: Sequence[Job]) -> tuple[list[list[int]], frozenset[int]]:
        """The indices of the jobs each worker does, and those of the heavy files
        (each more than a task's share of the bytes). A file goes to the worker it
        went to in an earlier pass; else to the one with the fewest bytes so far,
        the heavy files first, largest first, so that they go to different workers."""
        for job in jobs:
            if job.path not in self._size:  # a file not dealt before: only then its size is read
                self._size[job.path] = _size_of(job.path)
        sizes = [self._size[job.path] for job in jobs]
        share = sum(sizes) // (len(self._pools) * TASKS_PER_WORKER)
        heavy = frozenset(i for i, size in enumerate(sizes) if size > share)
        parts: list[list[int]] = [[] for _ in self._pools]
        load = self._load
        for i in sorted(heavy, key=lambda i: -sizes[i]) + [
            i for i in range(len(jobs)) if i not in heavy
        ]:
            worker = self._worker_of.get(jobs[i].path)
            if worker is None:
                worker = self._worker_of[jobs[i].path] = load.index(min(load))
                load[worker] += sizes[i]
            parts[worker].append(i)
        return [sorted(part) for part in parts], heavy


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def stream_jobs(
    jobs: Sequence[Job],
    workers: Workers,
    on_result: Callable[[FileResult], None] | None = None,
) -> Iterator[tuple[int, FileResult]]:
    """(index, result) of every job in the order of the jobs' display names, each as
    soon as it is done and so are those before it in both orders; each result also
    goes to ``on_result`` in the order of the jobs, as soon as it and those before it
    are in (a fixed file is reported as written).

    A result waits here only for those before it: with the files in the order of
    their names (as discovery gives them) and one process, none waits, so a run
    holds one file's result at a time whatever its size. After a signal, every
    result there is goes to ``on_result`` and Interrupted is raised.
    """
    order = sorted(range(len(jobs)), key=lambda i: jobs[i].display)
    waiting: dict[int, FileResult] = {}
    told = 0  # the jobs before this one went to on_result
    shown = 0  # the place in ``order`` of the next result to give
    try:
        function = process_job_compact if workers.pooled else process_job
        # A worker done with its own files takes the other's, as in the evidence
        # pass, except when fixing: a file taken is read again, and a file changed
        # or deleted since the evidence pass must then be reported as the kept
        # document has it ("changed since it was read"), not as an error.
        steal = all(job.mode is not Mode.FIX for job in jobs)
        for i, result in workers.stream(function, jobs, WINDOW_BYTES, steal):
            waiting[i] = result
            while told in waiting:
                if on_result is not None:
                    on_result(waiting[told])
                told += 1
            while shown < len(order) and order[shown] < told:
                yield order[shown], waiting.pop(order[shown])
                shown += 1
    except Interrupted:
        if on_result is not None:
            for late in sorted(i for i in waiting if i >= told):
                on_result(waiting[late])
        raise


# -- corpus evidence ---------------------------------------------------------------------


def gather_job(job: Job, held: Held | None = None) -> Evidence:
    """The evidence of one file for the gatherers of its enabled rules; a file that
    cannot be read gives none (the check pass reports it). With ``held.kept``, the
    document is kept there for the check pass."""
    held = held if held is not None else Held()
    try:
        text, encoding, stamp = files.read_stamped(job.path, job.settings.max_file_size_mb)
    except files.InputError:
        return Evidence()
    doc = document_for(text, job.display, job.settings, budget=held.budget)
    kept = held.keep(job.path, text, encoding, stamp, doc)
    try:
        evidence = gather(doc, gatherers_of(job.settings.enabled_rules(job.registry(), job.path)))
    except PatternTimeout:
        return Evidence()
    if kept and held.compacted:
        doc.compact()
    return evidence


def gather_jobs(jobs: Sequence[Job], workers: Workers) -> Evidence:
    """The summed evidence of every file, gathered before any is checked (and
    summed as it comes: a run holds no file's evidence but the total)."""
    return total(evidence for _, evidence in workers.stream(gather_job, jobs, steal=True))
