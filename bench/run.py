"""transcript-lint's benchmark: speed, one-file latency and memory, next to codespell.

Run from the repository root with the project's virtualenv::

    .venv/bin/python bench/run.py --quick          # ~5 MB, under a minute
    .venv/bin/python bench/run.py                  # 50 MB in 10,000 files (issue 7)
    .venv/bin/python bench/run.py --profile        # and a cProfile of `check`

It generates (or reuses) a seeded corpus under bench/out/corpus/, times the installed
``transcript-lint`` command as a user runs it (each measurement is a fresh process;
``--fix`` runs on a fresh copy), runs codespell over the same files in the same run,
prints a table and writes bench/out/results.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/corpus.py, next to this file)

# The targets of issue 7, as ratios measured in one run.
TARGET_RATIO_VS_CODESPELL = 1.0
TARGET_JOBS2_SPEEDUP = 1.8
TARGET_ONE_FILE_MS = 150.0
TARGET_PEAK_MB = 150.0
# Peak memory is called flat when doubling the files adds less than this.
FLAT_TOLERANCE = 0.10
INCLUDE_SUFFIXES = (".txt", ".md", ".markdown")
# Children run as on a user's machine: with a bytecode cache (this sandbox sets
# PYTHONDONTWRITEBYTECODE, which would make every start compile the project again).
# The cache goes to bench/out so that nothing is written next to the sources.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
# Throughput is a first run's: every timed run checks every file, except the two
# runs that measure the results cache (``cached_runs``), which go without this.
CHILD_ENV["TRANSCRIPT_LINT_NO_CACHE"] = "1"
CACHE_ENV = {k: v for k, v in CHILD_ENV.items() if k != "TRANSCRIPT_LINT_NO_CACHE"}
TARGET_CACHED_S = 2.0  # a second run over the unchanged 50 MB corpus (issue 13)


# -- running and measuring one command -------------------------------------------------


@dataclass
class Measurement:
    label: str
    argv: list[str]
    wall_s: float
    exit_code: int
    max_rss_mb: float  # largest single process (the child or any worker it reaped)
    tree_pss_mb: float | None = None  # sampled sum over the process tree (with --jobs > 1)
    summary: str = ""
    output_sha256: str = ""
    mb: float = 0.0
    walls_s: list[float] = field(default_factory=list)  # every run, with --repeat

    @property
    def mb_s(self) -> float:
        return self.mb / self.wall_s if self.wall_s > 0 else 0.0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found


def _pss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and its descendants every ``period`` s."""

    def __init__(self, pid: int, period: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.period, self.peak = pid, period, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.period):
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += _children(pid)
            self.peak = max(self.peak, sum(_pss_mb(p) for p in pids))


def run_measured(
    label: str,
    argv: Sequence[str],
    stdout_path: Path,
    mb: float = 0.0,
    sample_tree: bool = False,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Run ``argv`` once; wall time, exit code and max RSS from wait4 of that child."""
    stdout_path.parent.mkdir(parents=True, exist_ok=True)
    with stdout_path.open("wb") as out, stdout_path.with_suffix(".err").open("wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(argv), stdout=out, stderr=err, cwd=cwd, env=env or CHILD_ENV
        )
        sampler = TreeSampler(process.pid) if sample_tree else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.done.set()
            sampler.join()
    # Read the output a piece at a time: on Linux a child's max RSS counts this
    # process' own memory at the fork, so this process must stay small.
    digest = hashlib.sha256()
    with stdout_path.open("rb") as out:
        for block in iter(lambda: out.read(1 << 20), b""):
            digest.update(block)
        out.seek(max(0, out.tell() - 4096))
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    return Measurement(
        label=label,
        argv=[str(a) for a in argv],
        wall_s=wall,
        exit_code=process.returncode,
        max_rss_mb=usage.ru_maxrss / 1024,
        tree_pss_mb=sampler.peak if sampler and sampler.peak else None,
        summary=lines[-1] if lines else "",
        output_sha256=digest.hexdigest(),
        mb=mb,
    )


def median_wall_ms(
    argv: Sequence[str], runs: int, scratch: Path, prepare: Path | None = None
) -> dict[str, object]:
    """Median (and min, max) wall time in ms of ``runs`` fresh runs of ``argv``.

    With ``prepare``, that file is copied over ``argv[-1]`` before each run (untimed),
    so every ``--fix`` run starts from the original.
    """
    times, codes = [], set()
    for _ in range(runs):
        if prepare is not None:
            shutil.copyfile(prepare, argv[-1])
        m = run_measured("one", argv, scratch / "one-file.out")
        times.append(m.wall_s * 1000)
        codes.add(m.exit_code)
    return {
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "max_ms": max(times),
        "runs": runs,
        "exit_codes": sorted(codes),
        "argv": [str(a) for a in argv],
    }


CLEAN_ONE_FILE = "transcript-lint check, no mojibake"


def is_clean_text(path: Path) -> bool:
    """A text file without the mojibake the corpus injects (UTF-8 read as cp1252)."""
    text = path.read_text(encoding="utf-8")
    return path.suffix == ".txt" and "â€" not in text and "Ã" not in text


# -- corpora ---------------------------------------------------------------------------


def _write_chunk(args: tuple[str, int, int, int, int]) -> dict[str, int]:
    root, seed, start, stop, size = args
    return corpus.write_corpus(Path(root), seed, range(start, stop), size)


def generate(
    root: Path, seed: int, start: int, stop: int, size: int, workers: int
) -> dict[str, Any]:
    """The files ``start..stop`` of corpus ``seed`` under ``root`` (reused when present)."""
    manifest = root.with_name(root.name + ".manifest.json")
    key = {"seed": seed, "start": start, "stop": stop, "size": size, "version": 2}
    if manifest.exists() and root.exists():
        stored = json.loads(manifest.read_text())
        if stored.get("key") == key:
            return dict(stored["stats"])
    if root.exists():
        shutil.rmtree(root)
    step = 250
    chunks = [(str(root), seed, a, min(a + step, stop), size) for a in range(start, stop, step)]
    totals: dict[str, int] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for stats in pool.map(_write_chunk, chunks):
            for k, v in stats.items():
                totals[k] = totals.get(k, 0) + v
    manifest.write_text(json.dumps({"key": key, "stats": totals}, indent=1, sort_keys=True))
    return totals


def transcript_files(folder: Path) -> list[Path]:
    """The files transcript-lint checks in a folder by default (hidden folders skipped)."""
    found = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(here) / n for n in sorted(names) if n.endswith(INCLUDE_SUFFIXES)]
    return found


def size_mb(paths: Sequence[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def fresh_copy(sources: Sequence[Path], target: Path) -> list[Path]:
    """Copy folders under ``target`` (replacing it), writable, and return the copies."""
    if target.exists():
        shutil.rmtree(target)
    copies = []
    for source in sources:
        copy = target / source.name
        shutil.copytree(source, copy)
        for here, dirs, names in os.walk(copy):
            for n in dirs + names:
                p = Path(here) / n
                p.chmod(p.stat().st_mode | 0o200)
        copy.chmod(copy.stat().st_mode | 0o200)
        copies.append(copy)
    return copies


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in transcript_files(folder):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# -- the tools -------------------------------------------------------------------------


def tool_command() -> list[str]:
    script = Path(sys.executable).parent / "transcript-lint"
    return [str(script)] if script.exists() else [sys.executable, "-P", "-m", "lint"]


@functools.cache
def _walks_gitignore(tool: tuple[str, ...]) -> bool:
    done = subprocess.run(
        [*tool, "check", "--help"], capture_output=True, text=True, timeout=60, env=CHILD_ENV
    )
    return "--no-respect-gitignore" in done.stdout


def check_of(tool: Sequence[str]) -> list[str]:
    """``check``, told to walk the generated corpus although it lies under
    ``bench/out/``, which git ignores (for code that honours .gitignore)."""
    return ["check", "--no-respect-gitignore"] if _walks_gitignore(tuple(tool)) else ["check"]


def codespell_command(install: bool) -> list[str] | None:
    script = Path(sys.executable).parent / "codespell"
    if not script.exists() and install:
        print("codespell is not installed in this environment; installing it with pip ...")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "codespell"], check=False
        )
    if script.exists():
        return [str(script)]
    found = shutil.which("codespell")
    return [found] if found else None


def version_of(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=CHILD_ENV)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else "?"


def machine() -> dict[str, object]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    git = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": git or "?",
        "load_average_at_start": os.getloadavg()[0],
    }


# -- one corpus, every measurement -----------------------------------------------------


@dataclass
class CorpusResult:
    name: str
    files: int
    mb: float
    runs: dict[str, Measurement] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def best_of(repeat: int, run: Callable[[], Measurement]) -> Measurement:
    """The fastest of ``repeat`` runs (the least disturbed on a shared machine)."""
    runs = [run() for _ in range(repeat)]
    fastest = min(runs, key=lambda m: m.wall_s)
    fastest.walls_s = [m.wall_s for m in runs]
    return fastest


def fix_run(
    folders: list[Path], work: Path, tool: list[str], jobs: int, out: Path, mb: float
) -> Measurement:
    """``check --fix`` on a fresh copy of ``folders`` (the copy is not timed)."""
    copies = fresh_copy(folders, work)
    argv = [*tool, *check_of(tool), "--fix", "--jobs", str(jobs), *map(str, copies)]
    return run_measured(f"fix j{jobs}", argv, out, mb, sample_tree=jobs > 1)


def bench_corpus(
    name: str,
    folders: list[Path],
    tool: list[str],
    codespell: list[str] | None,
    scratch: Path,
    jobs: Sequence[int],
    repeat: int,
) -> CorpusResult:
    files = [f for folder in folders for f in transcript_files(folder)]
    mb = size_mb(files)
    result = CorpusResult(name, len(files), mb)
    for f in files:  # warm the page cache so no run pays for the disk
        f.read_bytes()
    for j in jobs:
        label = f"check j{j}"
        print(f"  {name}: {label} ...", flush=True)
        argv = [*tool, *check_of(tool), "--jobs", str(j), *map(str, folders)]
        out = scratch / f"{name}-check-j{j}.out"
        result.runs[label] = best_of(
            repeat, partial(run_measured, label, argv, out, mb, sample_tree=j > 1)
        )
    result.runs.update(cached_runs(name, folders, tool, scratch, mb))
    digests = {}
    for j in jobs:
        label = f"fix j{j}"
        work = scratch / f"{name}-fix-j{j}"
        out = scratch / f"{name}-fix-j{j}.out"
        print(f"  {name}: {label} ...", flush=True)
        result.runs[label] = best_of(repeat, partial(fix_run, folders, work, tool, j, out, mb))
        digests[j] = "".join(tree_digest(work / f.name) for f in folders)
        shutil.rmtree(work)
    if len(set(digests.values())) > 1:
        result.notes.append("fixed trees differ between --jobs values")
    outputs = {m.output_sha256 for k, m in result.runs.items() if k.startswith("check")}
    if len(outputs) > 1:
        result.notes.append("check output differs between --jobs values")
    if name == "generated" and any(
        m.summary.startswith("All checks passed") for m in result.runs.values()
    ):
        result.notes.append("a run found nothing in a corpus of artifacts: were files left out?")
    cached = {m.output_sha256 for k, m in result.runs.items() if k.startswith("cache")}
    if cached and cached != outputs:
        result.notes.append("check output differs with the results cache")
    for m in result.runs.values():
        if m.exit_code not in (0, 1):
            result.notes.append(f"{m.label} exited {m.exit_code} (see {scratch}/*.err)")
    if codespell:
        print(f"  {name}: codespell ...", flush=True)
        argv = [*codespell, "--quiet-level", "2", *map(str, folders)]
        if any(not corpus_only_transcripts(folder) for folder in folders):
            argv = [*codespell, "--quiet-level", "2", *map(str, files)]
        out = scratch / f"{name}-codespell.out"
        result.runs["codespell"] = best_of(
            repeat, partial(run_measured, "codespell", argv, out, mb)
        )
    return result


def cached_runs(
    name: str, folders: list[Path], tool: list[str], scratch: Path, mb: float
) -> dict[str, Measurement]:
    """``check --jobs 1`` twice with the results cache, in a folder of its own: the
    first fills the cache, the second finds every file in it. Their outputs must
    be those of the uncached runs."""
    home = scratch / f"{name}-cache"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    argv = [*tool, *check_of(tool), "--jobs", "1", *(str(f.resolve()) for f in folders)]
    runs = {}
    for label in ("cache fill", "cache hit"):
        print(f"  {name}: {label} ...", flush=True)
        out = scratch / f"{name}-{label.replace(' ', '-')}.out"
        runs[label] = run_measured(label, argv, out, mb, cwd=home, env=CACHE_ENV)
    return runs


def corpus_only_transcripts(folder: Path) -> bool:
    """Whether every file in the folder is one transcript-lint checks (so codespell
    may be given the folder itself and read exactly the same files)."""
    for _, dirs, names in os.walk(folder):
        if any(d.startswith(".") for d in dirs):
            return False
        if any(not n.endswith(INCLUDE_SUFFIXES) for n in names):
            return False
    return True


# -- the report ------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "MISS")


def fmt_ms(value: object) -> str:
    return f"{value:.0f} ms" if isinstance(value, (int, float)) else "-"


def print_table(results: dict[str, Any]) -> None:
    m = results["machine"]
    print()
    print(
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}; "
        f"load average {m['load_average_at_start']:.2f} at start, "
        f"{m.get('load_average_at_end', 0):.2f} at end"
    )
    if max(m["load_average_at_start"], m.get("load_average_at_end", 0)) > 0.7:
        print(
            "  WARNING: other processes were using the CPUs; the timings are noisy "
            "(run again on a quiet machine, or with --repeat 3)"
        )
    print(
        f"transcript-lint {results['versions']['transcript-lint']} (git {m['git']}); "
        f"{results['versions']['codespell']}"
    )
    par = results["parameters"]
    print(
        f"code: {par['ref']}; generated corpus: {par['files']} files of ~{par['bytes_per_file']} "
        f"bytes (seed {par['seed']}){', quick' if par['quick'] else ''}"
    )
    for c in results["corpora"]:
        print()
        print(f"== {c['name']}: {c['files']} files, {c['mb']:.1f} MB ==")
        print(
            f"{'run':<16}{'wall s':>8}{'MB/s':>8}{'max RSS MB':>12}{'tree PSS MB':>13}"
            f"{'exit':>6}  summary"
        )
        for label, r in c["runs"].items():
            tree = f"{r['tree_pss_mb']:.0f}" if r.get("tree_pss_mb") else "-"
            print(
                f"{label:<16}{r['wall_s']:>8.2f}{r['mb_s']:>8.2f}{r['max_rss_mb']:>12.0f}"
                f"{tree:>13}{r['exit_code']:>6}  {r['summary'][:60]}"
            )
        for note in c["notes"]:
            print(f"  NOTE: {note}")
    print()
    print("one file (median wall time of fresh runs of the installed command):")
    for label, r in results["one_file"].items():
        print(
            f"  {label:<34}{fmt_ms(r['median_ms']):>9}  (min {r['min_ms']:.0f}, "
            f"max {r['max_ms']:.0f}, {r['runs']} runs, exit {r['exit_codes']})"
        )
    if results.get("growth"):
        print()
        print("peak memory against file count (--jobs 1):")
        for label, g in results["growth"].items():
            print(
                f"  {label:<8} {g['files_n']} files: {g['rss_n_mb']:.0f} MB;  "
                f"{g['files_2n']} files: {g['rss_2n_mb']:.0f} MB;  "
                f"+{g['mb_per_1000_files']:.1f} MB per 1000 files -> "
                f"{'flat' if g['flat'] else 'GROWS'}"
            )
    print()
    print("targets (issue 7):")
    for t in results["targets"]:
        print(f"  {verdict(t['ok']):<5} {t['what']}: {t['value']}  (target {t['target']})")


def evaluate(results: dict[str, Any], main: CorpusResult, full_size: bool) -> list[dict[str, Any]]:
    runs = main.runs
    targets = []

    def add(what: str, value: float | None, target: str, ok: bool | None, unit: str = "") -> None:
        shown = "-" if value is None else f"{value:.2f}{unit}"
        targets.append({"what": what, "value": shown, "target": target, "ok": ok})

    cs = runs.get("codespell")
    for kind in ("check", "fix"):
        j1 = runs.get(f"{kind} j1")
        j2 = runs.get(f"{kind} j2")
        if j1 and cs:
            ratio = j1.mb_s / cs.mb_s
            add(
                f"{kind} --jobs 1 MB/s / codespell MB/s",
                ratio,
                ">= 1.0",
                ratio >= TARGET_RATIO_VS_CODESPELL,
            )
        if j1 and j2:
            speedup = j2.mb_s / j1.mb_s
            add(f"{kind} --jobs 2 / --jobs 1", speedup, ">= 1.8", speedup >= TARGET_JOBS2_SPEEDUP)
    hit = runs.get("cache hit")
    if hit:
        add(
            f"second run over the unchanged {main.mb:.0f} MB, cache warm",
            hit.wall_s,
            f"<= {TARGET_CACHED_S:.0f} s",
            hit.wall_s <= TARGET_CACHED_S,
            " s",
        )
    for label in ("transcript-lint check", "transcript-lint check --fix", CLEAN_ONE_FILE):
        one = results["one_file"].get(label)
        if one:
            add(
                f"one 5 KB file, {label}",
                one["median_ms"],
                "<= 150 ms",
                one["median_ms"] <= TARGET_ONE_FILE_MS,
                " ms",
            )
    peak = max(
        (m.max_rss_mb for k, m in runs.items() if k != "codespell" and "(2N)" not in k),
        default=None,
    )  # the corpus' own runs: the 2N runs measure growth
    add(
        f"peak RSS of one process on {main.mb:.0f} MB"
        + ("" if full_size else " (not the 50 MB corpus: indicative only)"),
        peak,
        "<= 150 MB",
        None if peak is None else peak <= TARGET_PEAK_MB,
        " MB",
    )
    for label, g in results.get("growth", {}).items():
        add(
            f"peak RSS flat in file count ({label})",
            g["mb_per_1000_files"],
            "flat",
            g["flat"],
            " MB/1000 files",
        )
    return targets


def profile_check(folder: Path, scratch: Path) -> str:
    """cProfile of `check --jobs 1` on ``folder``: the top 15 functions by tottime."""
    import pstats
    from io import StringIO

    prof = scratch / "profile-check.prof"
    profiler = [sys.executable, "-P", "-m", "cProfile", "-o", str(prof), "-m", "lint"]
    subprocess.run(
        [*profiler, *check_of(tool_command()), "--jobs", "1", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=CHILD_ENV,
    )
    buffer = StringIO()
    stats = pstats.Stats(str(prof), stream=buffer)
    stats.strip_dirs().sort_stats("tottime").print_stats(15)
    text = buffer.getvalue()
    (scratch / "profile-check.txt").write_text(text)
    return text


# -- main ------------------------------------------------------------------------------


def checkout(ref: str) -> list[str]:
    """Export lint/ and rules/ of ``ref`` to bench/out/src-SHA; the command that runs it."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = OUT / f"src-{sha}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", sha, "lint", "rules"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    # PYTHONPATH comes before the editable install of the working tree.
    CHILD_ENV["PYTHONPATH"] = str(target)
    print(f"benchmarking {ref} ({sha}) from {target}")
    return [sys.executable, "-P", "-m", "lint"]  # -P: not the lint/ of the current folder


# The share of the quick run's minute that the corpus runs may take, and how much work
# they are in units of one `check --jobs 1` pass over the N files: check j1 and j2,
# fix j1 and j2 (a fix is about two checks), and check and fix on 2N files.
QUICK_BUDGET_S = 30.0
QUICK_WORK = 1 + 0.6 + 2 + 1.2 + 2 + 4
QUICK_MIN_FILES = 100


def quick_size(
    tool: list[str], seed: int, per_file: int, scratch: Path, cores: int, most: int
) -> int:
    """How many files fit the quick run's budget, from one timed run on 40 files."""
    folder = OUT / "corpus" / f"calibrate-s{seed}-b{per_file}"
    generate(folder, seed, 0, 40, per_file, cores)
    files = transcript_files(folder)
    run_measured("warm-up", [*tool, "--version"], scratch / "calibrate.out")
    startup = run_measured("startup", [*tool, "--version"], scratch / "calibrate.out").wall_s
    m = run_measured(
        "calibrate", [*tool, *check_of(tool), "--jobs", "1", str(folder)], scratch / "calibrate.out"
    )
    rate = size_mb(files) / max(0.05, m.wall_s - startup)
    fit = (QUICK_BUDGET_S - 8 * startup) * rate / QUICK_WORK * 1e6 / per_file
    chosen = max(QUICK_MIN_FILES, min(most, int(fit)))
    print(f"calibration: check at ~{rate:.2f} MB/s, start-up {startup:.2f} s -> {chosen} files")
    return chosen


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--quick",
        action="store_true",
        help="a small run in under a minute: at most 500 files (2.5 MB) and twice that for "
        "the memory growth, fewer when a calibration run shows the tool is slow; 7 runs "
        "per one-file median; no real corpus",
    )
    p.add_argument("--size-mb", type=float, help="size of the generated corpus (default 50)")
    p.add_argument("--files", type=int, help="files in the generated corpus (default 10000)")
    p.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    p.add_argument(
        "--corpus",
        type=Path,
        default=ROOT.parent / "shared" / "corpus",
        help="a real corpus to measure too, when present (default ../shared/corpus)",
    )
    p.add_argument("--no-shared", action="store_true", help="skip the real corpus")
    p.add_argument(
        "--no-growth",
        action="store_true",
        help="skip the runs on 2N files that show whether memory grows",
    )
    p.add_argument("--no-codespell", action="store_true", help="do not run codespell")
    p.add_argument("--one-file-runs", type=int, default=9, help="runs per one-file median")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time each corpus run this many times and keep the fastest (default 1)",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="also profile `check --jobs 1` on the generated corpus",
    )
    p.add_argument(
        "--ref",
        help="benchmark this git commit or branch of the repository (its lint/ and rules/, "
        "run with python -m lint) instead of the installed working tree",
    )
    p.add_argument("--output", type=Path, default=OUT / "results.json")
    args = p.parse_args(argv)
    args.calibrate = args.quick and args.size_mb is None and args.files is None
    if args.quick:
        args.size_mb = args.size_mb or 2.5
        args.files = args.files or 500
        if "--one-file-runs" not in (argv or sys.argv):
            args.one_file_runs = 7
        if "--corpus" not in (argv or sys.argv):
            args.no_shared = True
    args.size_mb = args.size_mb or 50.0
    args.files = args.files or 10000
    if args.one_file_runs < 7:
        p.error("--one-file-runs must be at least 7")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    scratch = OUT / "work"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir()
    tool = tool_command()
    if args.ref:
        tool = checkout(args.ref)
    codespell = None if args.no_codespell else codespell_command(install=True)
    cores = os.cpu_count() or 1
    per_file = int(args.size_mb * 1e6 / args.files)
    if args.calibrate:
        args.files = quick_size(tool, args.seed, per_file, scratch, cores, args.files)
        args.size_mb = args.files * per_file / 1e6

    tag = f"s{args.seed}-f{args.files}-b{per_file}"
    base = OUT / "corpus" / tag
    print(f"corpus: {args.files} files of ~{per_file} bytes (seed {args.seed}) in {base}")
    t = time.perf_counter()
    stats_n = generate(base / "part1", args.seed, 0, args.files, per_file, cores)
    stats_2n = None
    if not args.no_growth:
        stats_2n = generate(base / "part2", args.seed, args.files, 2 * args.files, per_file, cores)
    print(f"  ready in {time.perf_counter() - t:.1f} s")

    results: dict[str, Any] = {
        "machine": machine(),
        "versions": {
            "transcript-lint": version_of([*tool, "--version"]),
            "codespell": "codespell " + version_of([*codespell, "--version"])
            if codespell
            else "codespell: not run",
        },
        "parameters": {
            "size_mb": args.size_mb,
            "files": args.files,
            "seed": args.seed,
            "bytes_per_file": per_file,
            "quick": args.quick,
            "ref": args.ref or "working tree (installed)",
        },
        "corpus": {
            "part1": stats_n,
            "part2": stats_2n,
            "rates": {k: {"rate": r, "per": per} for k, (r, per) in corpus.RATES.items()},
        },
        "corpora": [],
        "one_file": {},
        "growth": {},
    }

    # One small file: the pre-commit case. The first .txt file of the corpus.
    one = next(p for p in transcript_files(base / "part1") if p.suffix == ".txt")
    target = scratch / "one" / "transcript.txt"
    target.parent.mkdir(parents=True)
    shutil.copyfile(one, target)
    print(f"one file: {one.stat().st_size} bytes, {args.one_file_runs} runs each ...", flush=True)
    run_measured("warm-up", [*tool, "check", str(target)], scratch / "warm.out")
    n = args.one_file_runs
    of = results["one_file"]
    of["python -c pass (interpreter floor)"] = median_wall_ms(
        [sys.executable, "-c", "pass"], n, scratch
    )
    of["transcript-lint --version"] = median_wall_ms([*tool, "--version"], n, scratch)
    of["transcript-lint check"] = median_wall_ms([*tool, "check", str(target)], n, scratch)
    of["transcript-lint check --fix"] = median_wall_ms(
        [*tool, "check", "--fix", str(target)], n, scratch, prepare=one
    )
    # That file holds mojibake, whose repair needs ftfy (a 35 ms import); most files
    # of a repository do not: the first text file without any, too.
    clean = next(p for p in transcript_files(base / "part1") if is_clean_text(p))
    clean_target = scratch / "one" / "clean.txt"
    shutil.copyfile(clean, clean_target)
    of[CLEAN_ONE_FILE] = median_wall_ms([*tool, "check", str(clean_target)], n, scratch)
    if codespell:
        of["codespell"] = median_wall_ms([*codespell, str(target)], n, scratch)

    jobs = (1, 2) if cores >= 2 else (1,)
    main_result = bench_corpus(
        "generated", [base / "part1"], tool, codespell, scratch, jobs, args.repeat
    )
    corpora = [main_result]

    if not args.no_growth:
        both = [base / "part1", base / "part2"]
        for kind in ("check", "fix"):
            print(f"  generated x2: {kind} j1 ...", flush=True)
            folders = fresh_copy(both, scratch / "growth") if kind == "fix" else both
            m = run_measured(
                f"{kind} j1 (2N)",
                [
                    *tool,
                    *check_of(tool),
                    *(["--fix"] if kind == "fix" else []),
                    "--jobs",
                    "1",
                    *map(str, folders),
                ],
                scratch / f"growth-{kind}.out",
                size_mb([f for d in both for f in transcript_files(d)]),
            )
            main_result.runs[m.label] = m
            rss_n = main_result.runs[f"{kind} j1"].max_rss_mb
            added = m.max_rss_mb - rss_n
            results["growth"][kind] = {
                "files_n": args.files,
                "files_2n": 2 * args.files,
                "rss_n_mb": rss_n,
                "rss_2n_mb": m.max_rss_mb,
                "mb_per_1000_files": added / args.files * 1000,
                "flat": added <= FLAT_TOLERANCE * rss_n,
            }
        shutil.rmtree(scratch / "growth", ignore_errors=True)

    if not args.no_shared and args.corpus.is_dir():
        corpora.append(
            bench_corpus(
                "shared", [args.corpus.resolve()], tool, codespell, scratch, jobs, args.repeat
            )
        )
    elif not args.no_shared:
        print(f"  (no real corpus at {args.corpus}; skipped)")

    results["corpora"] = [
        {
            "name": c.name,
            "files": c.files,
            "mb": c.mb,
            "runs": {k: {**asdict(m), "mb_s": m.mb_s} for k, m in c.runs.items()},
            "notes": c.notes,
        }
        for c in corpora
    ]
    results["targets"] = evaluate(results, main_result, full_size=args.size_mb >= 50)
    if args.profile:
        print("profiling check --jobs 1 ...", flush=True)
        results["profile_check_top15"] = profile_check(base / "part1", scratch)
    results["bench_wall_s"] = time.perf_counter() - started
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print_table(results)
    if args.profile:
        print()
        print(results["profile_check_top15"])
    print(f"\nwrote {args.output} ({results['bench_wall_s']:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
