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
import pickle
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path
from typing import cast

import lint
from lint import files
from lint.evidence import Evidence, Gatherer, total
from lint.records import record
from lint.result import FileResult
from lint.runner import Job, Workers, gather_job, process_job_compact

FOLDER = ".transcript-lint-cache"
_FILE = "results.pickle"
_FORMAT = 3  # bump when what is stored changes shape


@record()
class Entry:
    """What one file (by key) gave: its evidence, and its result under the run
    evidence of digest ``under``."""

    evidence: Evidence | None = None
    result: FileResult | None = None
    under: str = ""


@record()
class Cache:
    """The entries of one cache folder, read at the start of a run and written at
    its end with the entries that run used (so the cache does not grow with
    files that are gone)."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    used: dict[str, Entry] = field(default_factory=dict)
    code: str = ""  # the folder of the tool's code (see ``_code_key``)
    changed: bool = False  # an entry was added or given new evidence or results

    @classmethod
    def open(cls, folder: Path) -> Cache:
        code = _code_key()
        entries: dict[str, Entry] = {}
        with contextlib.suppress(Exception):  # a damaged or foreign cache is no cache
            with (folder / code / _FILE).open("rb") as stream:
                loaded = pickle.load(stream)
            if isinstance(loaded, dict):
                entries = loaded
        return cls(folder, entries, code=code)

    def entry(self, key: str) -> Entry:
        entry = self.used.get(key)
        if entry is None:
            found = self.entries.get(key)
            self.changed |= found is None
            entry = self.used[key] = found or Entry()
        return entry

    def save(self) -> None:
        """Write the entries used by this run, atomically; never fail the run. A run
        that took everything from the cache and used every entry writes nothing."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by transcript-lint: never commit the cache.\n*\n")
            (self.folder / self.code).mkdir(exist_ok=True)
            with files.replacing(self.folder / self.code / _FILE) as stream:
                pickle.dump(self.used, stream, protocol=pickle.HIGHEST_PROTOCOL)


def file_key(digest: bytes, display: str, settings: str) -> str:
    """The key of one file's results: the digest of its bytes, its name as reported,
    and its settings (the rules enabled for it and ``Settings.findings_key``)."""
    key = hashlib.blake2b(digest, digest_size=20)
    key.update(b"\0" + display.encode("utf-8", "surrogateescape"))
    key.update(b"\0" + settings.encode())
    return key.hexdigest()


def evidence_digest(evidence: Evidence) -> str:
    """A digest of a run's total evidence: equal totals, equal digests."""
    digest = hashlib.blake2b(repr(evidence.documents).encode(), digest_size=20)
    for name in sorted(evidence.counts):
        digest.update(b"\0" + name.encode())
        for key, n in sorted(evidence.counts[name].items()):
            digest.update(f"\0{key}\t{n}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


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
    """Every job's result (``process_job``) with the run's evidence, taking from
    ``cache`` every file's evidence and result that it holds under the same key,
    and keeping the rest."""
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
                cache.changed = True
        evidence = total(e for e in per_file if e is not None).kept(gatherers)
        digest = evidence_digest(evidence)
    results: list[FileResult | None] = [
        e.result if e is not None and e.result is not None and e.under == digest else None
        for e in entries
    ]
    todo = [i for i, r in enumerate(results) if r is None]
    done = workers.map(
        process_job_compact, [dataclasses.replace(jobs[i], evidence=evidence) for i in todo]
    )
    for i, result in zip(todo, done, strict=True):
        results[i] = result
        entry = entries[i]
        if entry is not None and result.error is None:
            entry.result, entry.under = result, digest
            cache.changed = True
    # A user pattern that ran out of time was skipped for the rest of the run: what
    # the run found (and the evidence it gathered) is not what the settings say, so
    # none of it is kept.
    if not any(r.partial for r in done):
        cache.save()
    return cast(list[FileResult], results)


def _entry(cache: Cache, job: Job) -> Entry | None:
    """The cache entry of a job's file, or None for a file that cannot be read (it
    is checked, and reported, as always)."""
    try:
        _, stamp = files.read_bytes(job.path, job.settings.max_file_size_mb)
    except files.InputError:
        return None
    codes = ",".join(r.code for r in job.settings.enabled_rules(job.registry(), job.path))
    return cache.entry(file_key(stamp.digest, job.display, f"{codes}\0{job.settings.findings_key}"))
