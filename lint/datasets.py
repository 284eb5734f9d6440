"""Datasets on disk: records in JSON Lines or Parquet, checked or fixed as a whole.

``transcript-lint dataset check|fix INPUT OUTPUT`` reads records with a text field,
gathers the corpus evidence of all of them first (as a run over files does), then
writes every record back with ``findings`` (check) or ``fixed_text`` and ``applied``
(fix) added. Locally the records go through a process pool in batches; with
``--ray ADDRESS`` the same work runs on a Ray cluster (see ``lint.ray_data``), and
OUTPUT is a folder of shards written by Ray.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lint.api import check_text, fix_text, gather_text
from lint.config import Settings
from lint.evidence import Evidence, total
from lint.report.json_format import as_dict

BATCH = 64
Record = dict[str, Any]


class DatasetError(Exception):
    """A dataset that cannot be read or written; the message names the file."""


def dataset_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise DatasetError(f"{path}: unknown dataset format (use .jsonl or .parquet)")


def read_records(path: Path) -> list[Record]:
    kind = dataset_format(path)
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return list(pq.read_table(path).to_pylist())
        with path.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except ImportError:
        raise DatasetError(
            f"{path}: Parquet needs pyarrow: pip install 'transcript-lint[ray]'"
        ) from None
    except (OSError, ValueError) as exc:
        raise DatasetError(f"{path}: cannot read: {exc}") from None


def write_records(path: Path, records: Sequence[Record]) -> None:
    kind = dataset_format(path)
    try:
        if kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(list(records)), path)
            return
        with path.open("w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise DatasetError(f"{path}: cannot write: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class Task:
    """How to treat every record; picklable, sent to each worker once per batch."""

    fix: bool
    unsafe: bool
    text_field: str
    filename_field: str | None
    settings: Settings


def _texts(task: Task, records: Sequence[Record], offset: int) -> Iterator[tuple[str, str]]:
    for i, record in enumerate(records):
        text = record.get(task.text_field)
        if not isinstance(text, str):
            raise DatasetError(f"record {offset + i}: field '{task.text_field}' is not text")
        name = str(record[task.filename_field]) if task.filename_field else "record.txt"
        yield text, name


def gather_records(task: Task, records: Sequence[Record], offset: int = 0) -> Evidence:
    """The summed corpus evidence of some records (``offset``: the first one's index)."""
    return total(
        gather_text(t, filename=n, settings=task.settings) for t, n in _texts(task, records, offset)
    )


def apply_records(
    task: Task, records: Sequence[Record], evidence: Evidence, offset: int = 0
) -> list[Record]:
    """The records with ``findings`` (check) or ``fixed_text`` and ``applied`` (fix)."""
    out = []
    for record, (text, name) in zip(records, _texts(task, records, offset), strict=True):
        if task.fix:
            result = fix_text(
                text, filename=name, settings=task.settings, evidence=evidence, unsafe=task.unsafe
            )
            out.append(
                {
                    **record,
                    "fixed_text": result.text,
                    "applied": [as_dict(f) for f in result.applied],
                }
            )
        else:
            findings = check_text(text, filename=name, settings=task.settings, evidence=evidence)
            out.append({**record, "findings": [as_dict(f) for f in findings]})
    return out


def _gather_batch(job: tuple[Task, Sequence[Record], int]) -> Evidence:
    return gather_records(*job)


def _process_batch(job: tuple[Task, Sequence[Record], int, Evidence]) -> list[Record]:
    task, records, offset, evidence = job
    return apply_records(task, records, evidence, offset)


def run_local(records: Sequence[Record], task: Task, processes: int) -> list[Record]:
    """Every record with its results, in order; a process pool when ``processes`` > 1."""
    batches = [(i, records[i : i + BATCH]) for i in range(0, len(records), BATCH)]
    show = sys.stderr.isatty()
    done: list[Record] = []
    with ProcessPoolExecutor(max_workers=processes) if processes > 1 else _InProcess() as pool:
        evidence = total(pool.map(_gather_batch, [(task, batch, i) for i, batch in batches]))
        for results in pool.map(
            _process_batch, [(task, batch, i, evidence) for i, batch in batches]
        ):
            done.extend(results)
            if show:
                print(f"\r{len(done)}/{len(records)} records", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return done


class _InProcess:
    """The part of an executor ``run_local`` uses, without processes."""

    def __enter__(self) -> _InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, function: Any, items: Sequence[Any]) -> Iterator[Any]:
        return map(function, items)


def run_ray(input_path: Path, output: Path, task: Task, address: str) -> int:
    """Run on a Ray cluster; OUTPUT becomes a folder of shards. Returns the record count."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise DatasetError("--ray needs Ray: pip install 'transcript-lint[ray]'") from None
    from lint import ray_data

    ray.init(
        address=None if address == "local" else address,
        ignore_reinit_error=True,
        log_to_driver=False,
    )
    # Workers do not share this process' working folder: give them absolute paths.
    source, target = str(input_path.resolve()), str(output.resolve())
    kind = dataset_format(input_path)
    ds = ray.data.read_parquet(source) if kind == "parquet" else ray.data.read_json(source)
    result = ray_data.apply_task(ds, task)
    # OUTPUT is a folder of shards: in the input's format unless its name says otherwise.
    if (dataset_format(output) if output.suffix else kind) == "parquet":
        result.write_parquet(target)
    else:
        result.write_json(target)
    return int(result.count())
