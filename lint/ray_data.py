"""transcript-lint on Ray Data: the same rules over millions of records.

Install with ``pip install 'transcript-lint[ray]'``. Three functions take a
``ray.data.Dataset`` of records with a text column:

- ``gather_dataset(ds)`` computes the corpus-level evidence (repeated boilerplate
  lines, majority casings, learned words) as a distributed aggregation: each batch
  sums its own records' counts on a worker, the driver sums the batches;
- ``check_dataset(ds)`` adds a ``findings`` column: per record, the findings with
  the keys of the CLI's JSON output;
- ``fix_dataset(ds, unsafe=False)`` adds ``fixed_text`` and ``applied``.

Both use the evidence of the whole dataset unless given one, so their results
equal those of ``transcript-lint check`` over the same texts as files. The work is
done in ``map_batches`` by a callable class: the rules, the settings and the
evidence reach each worker once, not once per record.

A record that cannot be checked (no text, not text, a lone surrogate) gets nulls in
the tool's columns; ``problems_of(ds)`` lists each, and ``transcript-lint dataset
--ray`` reports them as the local runs do (one error line each, exit code 2), as a
run over files reports a file it cannot read: the run goes on with the others.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

from lint.api import settings_for
from lint.config import Settings
from lint.datasets import (
    Task,
    apply_records,
    gather_records,
    problem,
    record_label,
    text_rows,
    with_results,
)
from lint.evidence import Evidence, total

if TYPE_CHECKING:
    from ray.data import Dataset


class _Gather:
    """One batch (a pyarrow Table) -> one row holding the batch's summed evidence and
    the records it cannot check (``problems``), pickled."""

    def __init__(self, task: Task) -> None:
        self.task = task

    def __call__(self, batch: Any) -> dict[str, list[bytes]]:
        rows = text_rows(self.task, batch)
        problems = [
            (record_label(self.task, row), why)
            for row in rows
            if (why := problem(self.task, row)) is not None
        ]
        return {
            "evidence": [pickle.dumps(gather_records(self.task, rows))],
            "problems": [pickle.dumps(problems)],
        }


class _Apply:
    """One batch (a pyarrow Table) -> the same table with the tool's columns
    appended: the other columns are never converted, so they come out as they came
    in (nanosecond timestamps, ``uint64``, maps). Built once per worker."""

    def __init__(self, task: Task, evidence: Evidence) -> None:
        self.task, self.evidence = task, evidence

    def __call__(self, batch: Any) -> Any:
        return with_results(
            self.task, batch, lambda rows: apply_records(self.task, rows, self.evidence)
        )


def _task(
    fix: bool,
    text_column: str,
    filename_column: str | None,
    settings: Settings | None,
    unsafe: bool,
) -> Task:
    return Task(fix, unsafe, text_column, filename_column, settings or settings_for())


def gather_dataset(
    ds: Dataset,
    *,
    text_column: str = "text",
    filename_column: str | None = None,
    settings: Settings | None = None,
) -> Evidence:
    """The corpus-level evidence of every record, summed."""
    task = _task(False, text_column, filename_column, settings, False)
    return gather_task(ds, task)[0]


def problems_of(
    ds: Dataset, *, text_column: str = "text", filename_column: str | None = None
) -> list[tuple[str, str]]:
    """Each record that cannot be checked: how the error line names it (``record
    'NAME'`` with the filename column's value, or ``record``) and why."""
    task = _task(False, text_column, filename_column, None, False)
    return gather_task(ds, task)[1]


def gather_task(ds: Dataset, task: Task) -> tuple[Evidence, list[tuple[str, str]]]:
    """The summed evidence of the records, and those that cannot be checked."""
    partial = ds.map_batches(
        _Gather, fn_constructor_kwargs={"task": task}, batch_format="pyarrow", compute=_actor_pool()
    )
    problems: list[tuple[str, str]] = []
    parts = []
    for row in partial.iter_rows():
        parts.append(pickle.loads(row["evidence"]))
        problems.extend(pickle.loads(row["problems"]))
    return total(parts), problems


def apply_task(ds: Dataset, task: Task, evidence: Evidence | None = None) -> Dataset:
    """``ds`` with the results of ``task`` added to every record; the evidence of the
    whole dataset is gathered first unless given."""
    if evidence is None:
        evidence = gather_task(ds, task)[0]
    return ds.map_batches(
        _Apply,
        fn_constructor_kwargs={"task": task, "evidence": evidence},
        batch_format="pyarrow",
        compute=_actor_pool(),
    )


def check_dataset(
    ds: Dataset,
    *,
    text_column: str = "text",
    filename_column: str | None = None,
    settings: Settings | None = None,
    evidence: Evidence | None = None,
) -> Dataset:
    """``ds`` with a ``findings`` column (a list of finding dicts per record)."""
    return apply_task(ds, _task(False, text_column, filename_column, settings, False), evidence)


def fix_dataset(
    ds: Dataset,
    *,
    text_column: str = "text",
    filename_column: str | None = None,
    settings: Settings | None = None,
    evidence: Evidence | None = None,
    unsafe: bool = False,
) -> Dataset:
    """``ds`` with ``fixed_text`` and ``applied`` (the fixes applied, as finding dicts)."""
    return apply_task(ds, _task(True, text_column, filename_column, settings, unsafe), evidence)


def _actor_pool() -> Any:
    """Workers that each load the rules once: between one and every CPU of the cluster."""
    import ray
    from ray.data import ActorPoolStrategy

    cpus = int(ray.cluster_resources().get("CPU", 1)) if ray.is_initialized() else 1
    return ActorPoolStrategy(min_size=1, max_size=max(1, cpus))
