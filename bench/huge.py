"""What one huge input costs: time and peak memory of `check --fix` on a big file
and on one long line, at several sizes, to see that both grow linearly (issue 17).

Run from the repository root with the project's virtualenv::

    nice .venv/bin/python bench/huge.py                    # 1, 2 and 4 MB, ~2 minutes
    nice .venv/bin/python bench/huge.py --sizes 5 20       # the sizes, in MB
    .venv/bin/python bench/huge.py --profile --sizes 2     # and where the time goes

The input is the benchmark's generated transcripts (`bench/corpus.py`, dense with
artifacts), joined up to the size: once as they are (a file of short lines), once
with every line break turned into a space (one line). Each measurement is a fresh
``transcript-lint check --fix --unsafe-fixes --no-cache`` process on a fresh copy;
its CPU time and peak RSS come from ``wait4``. The table gives seconds of CPU per
MB and bytes of peak RSS per byte of input above the RSS of a run on a 1 KB file.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "huge"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/corpus.py, next to this file)

MB = 1024 * 1024
COMMAND = ["-m", "lint", "check", "--fix", "--unsafe-fixes", "--no-cache", "--quiet"]


def generated(size: int, seed: int = 17) -> str:
    """About ``size`` bytes of generated transcripts, one after another."""
    parts: list[str] = []
    total = 0
    index = 0
    while total < size:
        text = corpus.generate_file(seed, index, 200_000).text.lstrip("\ufeff")
        parts.append(text.replace("\r\n", "\n"))
        total += len(parts[-1].encode("utf-8"))
        index += 1
    return "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")


def one_line(text: str) -> str:
    return text.replace("\n", " ") + "\n"


def measure(path: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (bytes) of one run on ``path``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(BENCH / "out" / "pycache")
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *COMMAND, str(path)],
        cwd=path.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    assert process.stderr is not None
    error = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1) or "Traceback" in error:
        raise SystemExit(f"{path.name}: the run failed:\n{error}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def profile(path: Path, top: int = 25) -> None:
    """A cProfile of the same run, in this process."""
    from lint import cli

    profiler = cProfile.Profile()
    profiler.enable()
    with contextlib.suppress(SystemExit):
        cli.main(["check", "--fix", "--unsafe-fixes", "--no-cache", "--quiet", str(path)])
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4], help="in MB")
    p.add_argument("--profile", action="store_true", help="also profile the largest size")
    args = p.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    small = OUT / "small.txt"
    small.write_text(generated(1024), encoding="utf-8")
    _, _, base_rss = measure(small)
    print(f"baseline (1 KB file): peak RSS {base_rss / MB:.0f} MB")
    print(f"{'input':<12}{'MB':>6}{'wall s':>9}{'CPU s':>8}{'s/MB':>7}{'RSS MB':>9}{'B/B':>6}")
    text = generated(int(max(args.sizes) * MB))
    for size in args.sizes:
        part = text.encode("utf-8")[: int(size * MB)].decode("utf-8", "ignore")
        for kind, content in (("file", part), ("one line", one_line(part))):
            path = OUT / f"{kind.replace(' ', '-')}-{size:g}.txt"
            path.write_text(content, encoding="utf-8", newline="")
            megabytes = path.stat().st_size / MB
            wall, cpu, rss = measure(path)
            per_byte = (rss - base_rss) / path.stat().st_size
            print(
                f"{kind:<12}{megabytes:>6.1f}{wall:>9.1f}{cpu:>8.1f}{cpu / megabytes:>7.1f}"
                f"{rss / MB:>9.0f}{per_byte:>6.0f}",
                flush=True,
            )
            if args.profile and size == max(args.sizes):
                path.write_text(content, encoding="utf-8", newline="")
                profile(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
