"""Results of earlier runs, so that a run over an unchanged corpus checks nothing.

Like ruff's cache: what a file gave is kept under a key made of everything the
result depends on, and a later run that computes the same key takes the result
instead of checking the file again. A file's key is a hash of its bytes, its name
as reported, the settings that apply to it (the rules enabled for it, `words`,
`terms`, `verbatim`, `ignore-patterns`, the lexicon, the size limit) and the code
of the tool (its version and the files of the `lint` and `rules` packages). Two
things are kept per key:

- the file's own corpus evidence (what the gatherers counted in it), so that the
  evidence pass reads no file whose evidence is known;
- its findings, with a digest of the run's total evidence they were computed
  under: a corpus-level rule's findings change when another file changes the
  totals, so findings are reused only under the same totals.

Only `check` uses the cache; `--fix`, `--diff` and standard input always check.
The cache lives in `.transcript-lint-cache/` next to the config file (or in the
current folder), which holds a `.gitignore` of its own so it is never committed;
`--no-cache` turns it off. A cache that cannot be read is ignored, one that
cannot be written is skipped: the cache never changes what a run reports.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import lint
from lint.evidence import Evidence, Gatherer, total
from lint.result import FileResult
from lint.runner import Job, Workers, gather_job, process_job

FOLDER = ".transcript-lint-cache"
_FILE = "results.pickle"
_FORMAT = 1  # bump when what is stored changes shape


@dataclass
class Entry:
    """What one file (by key) gave: its evidence, and its result under the run
    evidence of digest ``under``."""

    evidence: Evidence | None = None
    result: FileResult | None = None
    under: str = ""


@dataclass
class Cache:
    """The entries of one cache folder, read at the start of a run and written at
    its end with the entries that run used (so the cache does not grow with
    files that are gone)."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    used: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> Cache:
        path = folder / _code_key() / _FILE
        entries: dict[str, Entry] = {}
        with contextlib.suppress(Exception):  # a damaged or foreign cache is no cache
            with path.open("rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                entries = loaded
        return cls(folder, entries)

    def entry(self, key: str) -> Entry:
        entry = self.used.get(key)
        if entry is None:
            entry = self.used[key] = self.entries.get(key) or Entry()
        return entry

    def save(self) -> None:
        """Write the entries used by this run, atomically; never fail the run."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by transcript-lint: never commit the cache.\n*\n")
            target = self.folder / _code_key()
            target.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target, prefix=".results-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(self.used, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, target / _FILE)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


def file_key(data: bytes, display: str, settings_key: str) -> str:
    """The key of one file's results: its bytes, its name as reported, its settings."""
    digest = hashlib.blake2b(data, digest_size=20)
    digest.update(b"\0" + display.encode("utf-8", "surrogateescape"))
    digest.update(b"\0" + settings_key.encode())
    return digest.hexdigest()


def evidence_digest(evidence: Evidence) -> str:
    """A digest of a run's total evidence: equal totals, equal digests."""
    digest = hashlib.blake2b(repr(evidence.documents).encode(), digest_size=20)
    for name in sorted(evidence.counts):
        digest.update(b"\0" + name.encode())
        for key, n in sorted(evidence.counts[name].items()):
            digest.update(f"\0{key}\t{n}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def settings_key(parts: Sequence[object]) -> str:
    """A digest of the settings that decide a file's findings, given as plain values
    whose ``repr`` is stable (see ``lint.config.Settings.cache_key``)."""
    return hashlib.blake2b(repr(tuple(parts)).encode("utf-8", "surrogatepass")).hexdigest()


def _code_key() -> str:
    """The tool's version and a digest of its packages' files (names, sizes and
    modification times): a result computed by other code is never reused."""
    digest = hashlib.blake2b(str(_FORMAT).encode(), digest_size=8)
    for package in ("lint", "rules"):
        root = Path(__file__).resolve().parent.parent / package
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".txt", ".json", ".toml") and path.is_file():
                info = path.stat()
                digest.update(
                    f"{path.relative_to(root)}\0{info.st_size}\0{info.st_mtime_ns}".encode()
                )
    return f"{lint.__version__}-{digest.hexdigest()}"


# -- a run through the cache ---------------------------------------------------------------


def check_files(
    jobs: Sequence[Job], workers: Workers, cache: Cache, gatherers: tuple[Gatherer, ...]
) -> list[FileResult]:
    """``run_jobs`` with the run's evidence, taking from ``cache`` every file's
    evidence and result that it holds under the same key, and keeping the rest."""
    entries = [_entry(cache, job) for job in jobs]
    evidence: Evidence | None = None
    digest = ""
    if gatherers:
        per_file = [e.evidence if e is not None else None for e in entries]
        missing = [i for i, found in enumerate(per_file) if found is None]
        gathered = workers.map(gather_job, [jobs[i] for i in missing])
        for i, found in zip(missing, gathered, strict=True):
            per_file[i] = found
            entry = entries[i]
            if entry is not None:
                entry.evidence = found
        evidence = total(e for e in per_file if e is not None).kept(gatherers)
        digest = evidence_digest(evidence)
    results: list[FileResult | None] = [
        e.result if e is not None and e.result is not None and e.under == digest else None
        for e in entries
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    done = workers.map(process_job, [dataclasses.replace(jobs[i], evidence=evidence) for i in todo])
    for i, result in zip(todo, done, strict=True):
        results[i] = result
        entry = entries[i]
        if entry is not None and result.error is None:
            entry.result, entry.under = result, digest
    cache.save()
    return cast(list[FileResult], results)


def _entry(cache: Cache, job: Job) -> Entry | None:
    """The cache entry of a job's file, or None for a file that is not a regular
    file within the size limit (it is checked, and reported, as always)."""
    try:
        with job.path.open("rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                return None
            if status.st_size > job.settings.max_file_size_mb * 1024 * 1024:
                return None
            data = stream.read()
    except OSError:
        return None
    return cache.entry(file_key(data, job.display, _settings_key(job)))


def _settings_key(job: Job) -> str:
    settings = job.settings
    return settings_key(
        (
            tuple(r.code for r in settings.enabled_rules(job.registry(), job.path)),
            tuple(sorted(settings.words)),
            settings.terms,
            settings.verbatim,
            tuple((p.pattern, p.flags) for p in settings.ignore_patterns),
            settings.max_file_size_mb,
            repr(settings.lexicon),
        )
    )
