"""Records per second on Ray Data against the plain process pool (issue 9).

Run from the repository root with the project's virtualenv (Ray installed)::

    .venv/bin/python bench/ray_throughput.py --quick      # 400 records
    .venv/bin/python bench/ray_throughput.py              # 2,000 records of ~5 KB

Records ``{"id", "path", "text"}`` come from the seeded generator (bench/corpus.py),
cached as JSON Lines under bench/out/. The same ``check`` (default rules, corpus-level
evidence gathered first) runs with ``lint.datasets.run_local`` (processes=1 and 2; the
pool's start-up is inside the time) and with ``lint.ray_data.check_dataset`` on a local
Ray instance started with ``num_cpus=1`` then ``num_cpus=2``. ``ray.init`` is timed
apart from the processing (which includes the evidence pass and the actors' start-up).
The findings must be identical per record. Prints a table and writes
bench/out/ray_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402  (bench/corpus.py, next to this file)

from lint.api import settings_for  # noqa: E402
from lint.datasets import Task, read_records, run_local, write_records  # noqa: E402

Record = dict[str, Any]


def load_records(seed: int, count: int, size: int) -> list[Record]:
    """The first ``count`` files of corpus ``seed`` as records (cached as JSON Lines)."""
    cache = OUT / f"ray-records-s{seed}-n{count}-b{size}.jsonl"
    if cache.exists():
        return read_records(cache)
    records = []
    for i in range(count):
        g = corpus.generate_file(seed, i, size)
        path = corpus.file_path(Path(), i, g.extension).as_posix()
        records.append({"id": i, "path": path, "text": g.text})
    OUT.mkdir(parents=True, exist_ok=True)
    write_records(cache, records)
    return records


def canonical(findings: Any) -> str:
    return json.dumps(list(findings), sort_keys=True, ensure_ascii=False, default=str)


def by_path(rows: list[Record]) -> dict[str, str]:
    return {str(r["path"]): canonical(r["findings"]) for r in rows}


def time_local(records: list[Record], processes: int) -> tuple[float, dict[str, str]]:
    task = Task(
        fix=False, unsafe=False, text_field="text", filename_field="path", settings=settings_for()
    )
    start = time.perf_counter()
    rows = run_local(records, task, processes)
    return time.perf_counter() - start, by_path(rows)


def time_ray(records: list[Record], cpus: int, blocks: int) -> tuple[float, float, dict[str, str]]:
    import ray
    import ray.data

    from lint.ray_data import check_dataset

    start = time.perf_counter()
    ray.init(
        num_cpus=cpus,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    startup = time.perf_counter() - start
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    if hasattr(ctx, "print_on_execution_start"):
        ctx.print_on_execution_start = False
    try:
        start = time.perf_counter()
        ds = ray.data.from_items(records, override_num_blocks=blocks)
        rows = check_dataset(ds, filename_column="path", settings=settings_for()).take_all()
        work = time.perf_counter() - start
    finally:
        ray.shutdown()
    return startup, work, by_path(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="400 records")
    parser.add_argument("--size", type=int, default=5000, help="bytes per record (~)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--blocks", type=int, default=0, help="Ray blocks (default N/100)")
    parser.add_argument("--output", type=Path, default=OUT / "ray_throughput.json")
    args = parser.parse_args(argv)
    count = 400 if args.quick else args.records
    blocks = args.blocks or max(2, count // 100)
    logging.getLogger("ray").setLevel(logging.ERROR)
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")  # the C++ core worker's log

    load_before = os.getloadavg()
    records = load_records(args.seed, count, args.size)
    mb = sum(len(r["text"].encode("utf-8")) for r in records) / 1e6

    results: dict[str, Any] = {}
    reference: dict[str, str] | None = None
    identical = True
    for workers in (1, 2):
        wall, found = time_local(records, workers)
        if reference is None:
            reference = found
        identical &= found == reference
        results[f"pool-{workers}"] = {"workers": workers, "startup_s": 0.0, "work_s": wall}
    for workers in (1, 2):
        startup, work, found = time_ray(records, workers, blocks)
        same = found == reference
        identical &= same
        results[f"ray-{workers}"] = {
            "workers": workers,
            "startup_s": startup,
            "work_s": work,
            "identical_to_pool": same,
        }
    load_after = os.getloadavg()
    for r in results.values():
        r["total_s"] = r["startup_s"] + r["work_s"]
        r["records_s"] = count / r["work_s"]
        r["records_s_with_startup"] = count / r["total_s"]
    overhead = {
        str(w): {
            "ray_over_pool": results[f"ray-{w}"]["work_s"] / results[f"pool-{w}"]["work_s"],
            "ray_over_pool_with_startup": results[f"ray-{w}"]["total_s"]
            / results[f"pool-{w}"]["work_s"],
        }
        for w in (1, 2)
    }
    total_findings = sum(len(json.loads(v)) for v in (reference or {}).values())

    import ray

    print(
        f"{count} records, {mb:.1f} MB (seed {args.seed}), {total_findings} findings; "
        f"Ray {ray.__version__}, {blocks} blocks; {os.cpu_count()} cores; "
        f"load {load_before[0]:.2f} -> {load_after[0]:.2f}"
    )
    print(f"{'run':<8} {'start-up s':>10} {'work s':>8} {'rec/s':>8} {'rec/s+start':>11}")
    for name, r in results.items():
        print(
            f"{name:<8} {r['startup_s']:>10.2f} {r['work_s']:>8.2f} "
            f"{r['records_s']:>8.1f} {r['records_s_with_startup']:>11.1f}"
        )
    for w, o in overhead.items():
        print(
            f"overhead, {w} worker{'s' if w != '1' else ''}: Ray/pool "
            f"{o['ray_over_pool']:.2f}x, with start-up {o['ray_over_pool_with_startup']:.2f}x"
        )
    print(f"findings identical per record (pool 1, pool 2, Ray 1, Ray 2): {identical}")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "records": count,
                "mb": mb,
                "seed": args.seed,
                "size": args.size,
                "blocks": blocks,
                "findings": total_findings,
                "identical": identical,
                "results": results,
                "overhead": overhead,
                "ray_version": ray.__version__,
                "python": platform.python_version(),
                "cores": os.cpu_count(),
                "load_before": load_before,
                "load_after": load_after,
            },
            indent=1,
        )
        + "\n"
    )
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
