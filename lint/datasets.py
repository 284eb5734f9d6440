"""Datasets on disk: records in JSON Lines or Parquet, checked or fixed as a whole.

``transcript-lint dataset check|fix INPUT OUTPUT`` reads records with a text field,
gathers the corpus evidence of all of them first (as a run over files does), then
writes every record back with ``findings`` (check) or ``fixed_text`` and ``applied``
(fix) added. Locally the records go in batches through the workers of a run over
files (``lint.runner.Workers``: one executor, one way to stop); with
``--ray ADDRESS`` the same work runs on a Ray cluster (see ``lint.ray_data``), and
OUTPUT is a folder of shards written by Ray.

JSON Lines are streamed, twice (evidence, then results), in batches: memory does not
grow with the file. Each output line is its input line with the tool's fields added
before the closing brace, so the fields the tool does not own come out byte for byte
(``1e400`` stays ``1e400``). A record that cannot be checked (invalid JSON, not an
object, no text, a lone surrogate) is reported with its line number and written as
it came. The output is written to a temporary file and renamed at the end, so OUTPUT
may be INPUT. A record that already has a field the tool would add is an error,
unless ``--output-prefix`` names the tool's fields apart.

Parquet in and Parquet out (``run_parquet``) reads the table with pyarrow and turns
only the text and filename columns into Python values; the tool's columns are
appended to the table as read, so every other column (nanosecond timestamps,
``uint64`` above 2^63, maps) is written back exactly. The table is read whole.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from lint import files
from lint.api import check_text, fix_text, gather_text
from lint.config import Settings
from lint.evidence import Evidence, total
from lint.patterns import lazy_re
from lint.records import record
from lint.report.json_format import as_dict
from lint.result import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from lint.runner import Workers

BATCH = 64
Record = dict[str, Any]
_LONE_SURROGATE = lazy_re("[\ud800-\udfff]")


class DatasetError(Exception):
    """A dataset that cannot be read or written; the message names the file."""


def dataset_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise DatasetError(f"{path}: unknown dataset format (use .jsonl or .parquet)")


def both_jsonl(source: Path, target: Path) -> bool:
    """Whether a run reads and writes JSON Lines (and so is streamed)."""
    return dataset_format(source) == dataset_format(target) == "jsonl"


def both_parquet(source: Path, target: Path) -> bool:
    """Whether a run reads and writes Parquet (and so appends columns to the table)."""
    return dataset_format(source) == dataset_format(target) == "parquet"


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
    except (OSError, ValueError, TypeError, OverflowError) as exc:
        # (pyarrow's errors are ValueErrors or TypeErrors too.)
        raise DatasetError(f"{path}: cannot read: {exc}") from None


def write_records(path: Path, records: Sequence[Record]) -> None:
    """Write the records to ``path`` through a temporary file: a failure half way
    (a value the format cannot hold) leaves ``path`` as it was."""
    kind = dataset_format(path)
    try:
        with files.replacing(path) as out:
            if kind == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.Table.from_pylist(list(records)), out)
                return
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
    except OSError as exc:
        raise DatasetError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except (ValueError, TypeError, OverflowError) as exc:
        # A value JSON has no form for (a timestamp read from Parquet), or one
        # pyarrow cannot infer a type for: converting formats cannot keep it.
        raise DatasetError(f"{path}: cannot write: {exc}") from None


@record(frozen=True)
class Task:
    """How to treat every record; picklable, sent to each worker once per batch."""

    fix: bool
    unsafe: bool
    text_field: str
    filename_field: str | None
    settings: Settings
    prefix: str = ""  # put before the names of the fields the tool adds

    @property
    def columns(self) -> tuple[str, ...]:
        names = ("fixed_text", "applied") if self.fix else ("findings",)
        return tuple(self.prefix + name for name in names)


def problem(task: Task, record: object) -> str | None:
    """Why a record cannot be checked; None when it can."""
    if not isinstance(record, dict):
        return f"not a JSON object ({type(record).__name__})"
    clash = next((c for c in task.columns if c in record), None)
    if clash is not None:
        raise DatasetError(
            f"a record already has a field '{clash}', which the tool writes; "
            "name the tool's fields apart with --output-prefix"
        )
    if task.text_field not in record:
        return f"no field '{task.text_field}'"
    text = record[task.text_field]
    if not isinstance(text, str):
        return f"field '{task.text_field}' is not text"
    if _LONE_SURROGATE.search(text):
        return f"field '{task.text_field}' holds a lone surrogate (not valid Unicode)"
    return None


def _name(task: Task, record: Record) -> str:
    return str(record.get(task.filename_field, "")) if task.filename_field else "record.txt"


def record_label(task: Task, record: object) -> str:
    """How a report names a record where it has no line number (on Ray): its
    filename field, or ``record``."""
    if task.filename_field and isinstance(record, dict) and task.filename_field in record:
        return f"record {str(record[task.filename_field])!r}"
    return "record"


def gather_records(task: Task, records: Sequence[Record]) -> Evidence:
    """The summed corpus evidence of the records that can be checked."""
    return total(
        gather_text(r[task.text_field], filename=_name(task, r), settings=task.settings)
        for r in records
        if problem(task, r) is None
    )


def added_fields(task: Task, record: Record, evidence: Evidence) -> Record:
    """The fields the tool adds to a record that can be checked."""
    text, name = record[task.text_field], _name(task, record)
    if task.fix:
        result = fix_text(
            text, filename=name, settings=task.settings, evidence=evidence, unsafe=task.unsafe
        )
        fixed, applied = task.columns
        return {fixed: result.text, applied: [as_dict(f) for f in result.applied]}
    findings = check_text(text, filename=name, settings=task.settings, evidence=evidence)
    return {task.columns[0]: [as_dict(f) for f in findings]}


def apply_records(task: Task, records: Sequence[Record], evidence: Evidence) -> list[Record]:
    """The records with ``findings`` (check) or ``fixed_text`` and ``applied`` (fix);
    those that cannot be checked get None in those fields."""
    empty = dict.fromkeys(task.columns)
    return [
        {**r, **(added_fields(task, r, evidence) if problem(task, r) is None else empty)}
        for r in records
    ]


# -- JSON Lines, streamed ------------------------------------------------------------------


@record()
class Outcome:
    """What a dataset run did: records, what was found or fixed, and the records that
    could not be checked (line number, why)."""

    records: int = 0
    total: int = 0
    touched: int = 0
    skipped: list[tuple[int | str, str]] = field(default_factory=list)  # (line or name, why)


Line = tuple[int, bytes]  # (line number from 1, the line without its line break)


def _parse(task: Task, line: bytes) -> Record | str:
    """The record of a line, or why it cannot be checked."""
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        return "not UTF-8"
    except ValueError as exc:
        return f"invalid JSON ({exc})"
    return problem(task, record) or record


def _gather_lines(job: tuple[Task, Sequence[Line]]) -> tuple[Evidence, list[tuple[int, str]]]:
    task, lines = job
    records, skipped = [], []
    for number, line in lines:
        parsed = _parse(task, line)
        if isinstance(parsed, str):
            skipped.append((number, parsed))
        else:
            records.append(parsed)
    return gather_records(task, records), skipped


def _apply_lines(job: tuple[Task, Sequence[Line], Evidence]) -> list[tuple[bytes, int | None]]:
    """Each output line (without its break) and the number of findings or fixes it
    holds (None: passed through as it came)."""
    task, lines, evidence = job
    out: list[tuple[bytes, int | None]] = []
    for _, line in lines:
        parsed = _parse(task, line)
        if isinstance(parsed, str):
            out.append((line, None))
            continue
        added = added_fields(task, parsed, evidence)
        body = ", ".join(
            f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in added.items()
        )
        head = line.rstrip()[:-1].rstrip()  # an object: the closing brace is last
        joint = b", " if parsed else b""
        out.append((head + joint + body.encode("utf-8") + b"}", len(added[task.columns[-1]])))
    return out


def _lines(path: Path) -> Iterator[list[Line]]:
    """The non-blank lines of a file, in batches."""
    batch: list[Line] = []
    with path.open("rb") as source:
        for number, line in enumerate(source, 1):
            if line.strip():
                batch.append((number, line.rstrip(b"\r\n")))
                if len(batch) == BATCH:
                    yield batch
                    batch = []
    if batch:
        yield batch


def run_jsonl(source: Path, target: Path, task: Task, processes: int) -> Outcome:
    """Check or fix a JSON Lines file into ``target``, streaming; see the module doc."""
    outcome = Outcome()
    try:
        with _workers(processes) as workers:
            evidence = []
            for found, skipped in workers.ordered(
                _gather_lines, ((task, b) for b in _lines(source))
            ):
                evidence.append(found)
                outcome.skipped.extend(skipped)
            whole = total(evidence)
            with files.replacing(target) as out:
                for batch in workers.ordered(
                    _apply_lines, ((task, b, whole) for b in _lines(source))
                ):
                    for line, count in batch:
                        out.write(line + b"\n")
                        outcome.records += 1
                        outcome.total += count or 0
                        outcome.touched += 1 if count else 0
    except OSError as exc:
        raise DatasetError(
            f"{exc.filename or source}: cannot read or write: {exc.strerror or exc}"
        ) from None
    return outcome


def report(source: Path, outcome: Outcome, task: Task) -> int:
    """Say what a run did, and each record passed through; the exit code."""
    report_skipped(source, outcome)
    what = "fixes applied" if task.fix else "findings"
    print(
        f"{outcome.records} records: {outcome.total} {what} in {outcome.touched} records.",
        file=sys.stderr,
    )
    if outcome.skipped:
        return EXIT_ERROR
    # As `check`: findings fail the run (a fix reports what it applied, not what is left).
    return EXIT_FINDINGS if outcome.total and not task.fix else EXIT_CLEAN


def report_skipped(source: Path, outcome: Outcome) -> None:
    """One error line per record that could not be checked, by line or by name."""
    for where, why in outcome.skipped:
        place = f"{source}:{where}" if isinstance(where, int) else f"{source}: {where}"
        print(f"transcript-lint: error: {place}: {why}; passed through unchanged", file=sys.stderr)


# -- Parquet: the tool's columns appended to the table as it was read -----------------


def run_parquet(source: Path, target: Path, task: Task, processes: int) -> Outcome:
    """Check or fix a Parquet file into ``target``: only the text (and filename)
    column is read into Python; the tool's columns are appended to the table as
    pyarrow read it, so the columns the tool does not write (nanosecond timestamps,
    ``uint64`` above 2^63, maps) are written back exactly as they came."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise DatasetError(
            f"{source}: Parquet needs pyarrow: pip install 'transcript-lint[ray]'"
        ) from None
    try:
        table = pq.read_table(source)
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"{source}: cannot read: {exc}") from None
    outcome = Outcome(records=table.num_rows)
    added = with_results(task, table, lambda rows: run_local(rows, task, processes), outcome)
    try:
        with files.replacing(target) as out:
            pq.write_table(added, out)
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"{target}: cannot write: {exc}") from None
    return outcome


def with_results(
    task: Task,
    table: Any,
    apply: Callable[[list[Record]], list[Record]],
    outcome: Outcome | None = None,
    first_row: int = 1,
) -> Any:
    """``table`` (a pyarrow Table) with the tool's columns appended, computed by
    ``apply`` from records that hold only the text and filename fields. A row that
    cannot be checked gets nulls (and, with ``outcome``, is counted there)."""
    import pyarrow as pa

    clash = next((c for c in task.columns if c in table.column_names), None)
    if clash is not None:
        raise DatasetError(
            f"the dataset already has a column '{clash}', which the tool writes; "
            "name the tool's columns apart with --output-prefix"
        )
    rows = text_rows(task, table)
    results = apply(rows)
    if outcome is not None:
        counted = results_of(task, results)
        outcome.total += sum(counted)
        outcome.touched += sum(1 for n in counted if n)
        outcome.skipped.extend(
            (first_row + i, why)
            for i, row in enumerate(rows)
            if (why := problem(task, row)) is not None
        )
    for name in task.columns:
        try:
            table = table.append_column(name, pa.array([r[name] for r in results]))
        except pa.ArrowException as exc:  # not expected: the tool's own values
            raise DatasetError(f"cannot store the column '{name}': {exc}") from None
    return table


def text_rows(task: Task, table: Any) -> list[Record]:
    """The records of a pyarrow Table with only the fields the tool reads: the
    text and the filename (other columns are never turned into Python values)."""
    fields = [f for f in (task.text_field, task.filename_field) if f]
    present = [f for f in fields if f in table.column_names]
    if not present:
        return [{} for _ in range(table.num_rows)]
    columns = [table.column(f).to_pylist() for f in present]
    return [dict(zip(present, values, strict=True)) for values in zip(*columns, strict=True)]


def results_of(task: Task, records: Sequence[Record]) -> list[int]:
    """The number of findings (check) or fixes (fix) of each record."""
    column = task.columns[-1]  # `findings` or `applied`, with the output prefix
    return [len(r[column] or ()) for r in records]


def outcome_of(task: Task, records: Sequence[Record], results: Sequence[Record]) -> Outcome:
    """What a run over ``records`` did, given their ``results``: the records that
    could not be checked are listed by their place (from 1), as the streamed runs
    list them by line."""
    counts = results_of(task, results)
    skipped: list[tuple[int | str, str]] = [
        (i, why) for i, r in enumerate(records, 1) if (why := problem(task, r)) is not None
    ]
    return Outcome(len(results), sum(counts), sum(1 for n in counts if n), skipped)


def _gather_batch(job: tuple[Task, Sequence[Record]]) -> Evidence:
    return gather_records(*job)


def _process_batch(job: tuple[Task, Sequence[Record], Evidence]) -> list[Record]:
    return apply_records(*job)


def run_local(records: Sequence[Record], task: Task, processes: int) -> list[Record]:
    """Every record with its results, in order; a process pool when ``processes`` > 1."""
    batches = [records[i : i + BATCH] for i in range(0, len(records), BATCH)]
    show = sys.stderr.isatty()
    done: list[Record] = []
    with _workers(processes) as workers:
        evidence = total(workers.ordered(_gather_batch, [(task, batch) for batch in batches]))
        for results in workers.ordered(
            _process_batch, [(task, batch, evidence) for batch in batches]
        ):
            done.extend(results)
            if show:
                print(f"\r{len(done)}/{len(records)} records", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return done


def _workers(processes: int) -> Workers:
    """The executor of a run over files, for batches of records: worker processes
    that die with this one, and SIGINT or SIGTERM stop the run between batches."""
    return Workers(processes, sys.maxsize)  # a stream: as many batches as may come


def run_ray(input_path: Path, output: Path, task: Task, address: str) -> Outcome:
    """Run on a Ray cluster; OUTPUT becomes a folder of shards. The outcome counts
    the records and lists those that cannot be checked, by name (see
    ``record_label``): Ray gives a record no line number."""
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
    evidence, problems = ray_data.gather_task(ds, task)
    result = ray_data.apply_task(ds, task, evidence)
    # OUTPUT is a folder of shards: in the input's format unless its name says otherwise.
    if (dataset_format(output) if output.suffix else kind) == "parquet":
        result.write_parquet(target)
    else:
        result.write_json(target)
    return Outcome(records=int(result.count()), skipped=list(problems))
