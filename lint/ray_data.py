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
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

from lint.api import check_text, fix_text, gather_text, settings_for
from lint.config import Settings
from lint.evidence import Evidence, total
from lint.report.json_format import as_dict

if TYPE_CHECKING:
    from ray.data import Dataset

Batch = dict[str, list[Any]]
DEFAULT_FILENAME = "record.txt"


def _filenames(batch: Batch, filename_column: str | None, size: int) -> list[str]:
    if filename_column is None:
        return [DEFAULT_FILENAME] * size
    return [str(name) for name in batch[filename_column]]


class _Gather:
    """One batch -> one row holding the batch's summed evidence, pickled."""

    def __init__(self, text_column: str, filename_column: str | None, settings: Settings) -> None:
        self.text_column, self.filename_column, self.settings = (
            text_column,
            filename_column,
            settings,
        )

    def __call__(self, batch: Batch) -> Batch:
        texts = batch[self.text_column]
        names = _filenames(batch, self.filename_column, len(texts))
        part = total(
            gather_text(text, filename=name, settings=self.settings)
            for text, name in zip(texts, names, strict=True)
        )
        return {"evidence": [pickle.dumps(part)]}


class _Check:
    def __init__(
        self,
        text_column: str,
        filename_column: str | None,
        settings: Settings,
        evidence: Evidence | None,
    ) -> None:
        self.text_column, self.filename_column = text_column, filename_column
        self.settings, self.evidence = settings, evidence

    def __call__(self, batch: Batch) -> Batch:
        texts = batch[self.text_column]
        names = _filenames(batch, self.filename_column, len(texts))
        batch["findings"] = [
            [
                as_dict(f)
                for f in check_text(
                    text, filename=name, settings=self.settings, evidence=self.evidence
                )
            ]
            for text, name in zip(texts, names, strict=True)
        ]
        return batch


class _Fix(_Check):
    def __init__(
        self,
        text_column: str,
        filename_column: str | None,
        settings: Settings,
        evidence: Evidence | None,
        unsafe: bool,
    ) -> None:
        super().__init__(text_column, filename_column, settings, evidence)
        self.unsafe = unsafe

    def __call__(self, batch: Batch) -> Batch:
        texts = batch[self.text_column]
        names = _filenames(batch, self.filename_column, len(texts))
        results = [
            fix_text(
                text,
                filename=name,
                settings=self.settings,
                evidence=self.evidence,
                unsafe=self.unsafe,
            )
            for text, name in zip(texts, names, strict=True)
        ]
        batch["fixed_text"] = [r.text for r in results]
        batch["applied"] = [[as_dict(f) for f in r.applied] for r in results]
        return batch


def gather_dataset(
    ds: Dataset,
    *,
    text_column: str = "text",
    filename_column: str | None = None,
    settings: Settings | None = None,
) -> Evidence:
    """The corpus-level evidence of every record, summed."""
    partial = ds.map_batches(
        _Gather,
        fn_constructor_kwargs={
            "text_column": text_column,
            "filename_column": filename_column,
            "settings": settings or settings_for(),
        },
        batch_format="default",
        compute=_actor_pool(),
    )
    return total(pickle.loads(row["evidence"]) for row in partial.iter_rows())


def check_dataset(
    ds: Dataset,
    *,
    text_column: str = "text",
    filename_column: str | None = None,
    settings: Settings | None = None,
    evidence: Evidence | None = None,
) -> Dataset:
    """``ds`` with a ``findings`` column (a list of finding dicts per record)."""
    settings = settings or settings_for()
    if evidence is None:
        evidence = gather_dataset(
            ds, text_column=text_column, filename_column=filename_column, settings=settings
        )
    return ds.map_batches(
        _Check,
        fn_constructor_kwargs={
            "text_column": text_column,
            "filename_column": filename_column,
            "settings": settings,
            "evidence": evidence,
        },
        batch_format="default",
        compute=_actor_pool(),
    )


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
    settings = settings or settings_for()
    if evidence is None:
        evidence = gather_dataset(
            ds, text_column=text_column, filename_column=filename_column, settings=settings
        )
    return ds.map_batches(
        _Fix,
        fn_constructor_kwargs={
            "text_column": text_column,
            "filename_column": filename_column,
            "settings": settings,
            "evidence": evidence,
            "unsafe": unsafe,
        },
        batch_format="default",
        compute=_actor_pool(),
    )


def _actor_pool() -> Any:
    """Workers that each load the rules once: between one and every CPU of the cluster."""
    import ray
    from ray.data import ActorPoolStrategy

    cpus = int(ray.cluster_resources().get("CPU", 1)) if ray.is_initialized() else 1
    return ActorPoolStrategy(min_size=1, max_size=max(1, cpus))
