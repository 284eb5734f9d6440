"""Datasets: records checked and fixed locally and on Ray give what the CLI gives."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from lint.api import settings_for
from lint.cli import main
from lint.datasets import DatasetError, Task, read_records, run_local, write_records

HEADER = "Harbour Authority Transcripts Service"
PIECES = [
    "We will  continue the work .",
    "It grew by 5 percent.",
    "The minister thanked the press.",
    "itâ€™s a long programme.",
    "R&amp;D spending rose.",
    "Thank you.",
    "[[Page 12]]",
]

PARQUET = "Parquet needs the ray extra (pyarrow)"


def make_records(count: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    records = []
    for i in range(count):
        lines = [HEADER, "", f"Speaker {i % 5}:", ""]
        lines += [rng.choice(PIECES) for _ in range(rng.randint(2, 6))]
        records.append({"id": i, "path": f"corpus/{i:04}.txt", "text": "\n".join(lines) + "\n"})
    return records


def cli_results(
    tmp_path: Path, records: list[dict[str, Any]], *argv: str
) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """Findings per file from `check --format json`, and the file texts after the run."""
    for record in records:
        path = tmp_path / record["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record["text"], encoding="utf-8")
    report = tmp_path / "report.json"
    main(
        ["check", "--exit-zero", "--format", "json", "--output-file", str(report), *argv, "corpus"]
    )
    findings: dict[str, list[Any]] = {r["path"]: [] for r in records}
    for row in json.loads(report.read_text(encoding="utf-8")):
        findings[row["filename"]].append(row)
    texts = {r["path"]: (tmp_path / r["path"]).read_text(encoding="utf-8") for r in records}
    return findings, texts


TASK = Task(
    fix=False, unsafe=False, text_field="text", filename_field="path", settings=settings_for()
)


@pytest.mark.parametrize("processes", [1, 2])
def test_local_check_equals_the_cli(in_tmp: Path, processes: int) -> None:
    records = make_records(150)
    expected, _ = cli_results(in_tmp, records, "--jobs", "1")
    assert sum(len(v) for v in expected.values()) > 300
    assert any(
        f["code"] == "PG004" and "150 of 150 files" in f["message"]
        for f in expected["corpus/0000.txt"]
    )
    results = run_local(records, TASK, processes)
    assert [r["id"] for r in results] == [r["id"] for r in records]
    assert {r["path"]: r["findings"] for r in results} == expected


def test_local_fix_equals_the_cli(in_tmp: Path) -> None:
    records = make_records(60)
    task = Task(
        fix=True, unsafe=True, text_field="text", filename_field="path", settings=settings_for()
    )
    results = run_local(records, task, 1)
    _, fixed = cli_results(in_tmp, records, "--fix", "--unsafe-fixes")
    assert {r["path"]: r["fixed_text"] for r in results} == fixed
    assert all(r["applied"] for r in results)


def test_records_round_trip_jsonl(tmp_path: Path) -> None:
    records = make_records(3)
    path = tmp_path / "d.jsonl"
    write_records(path, records)
    assert read_records(path) == records


def test_bad_dataset_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="unknown dataset format"):
        read_records(tmp_path / "d.csv")
    (tmp_path / "d.jsonl").write_text('{"text": 1}\n')
    # A record that cannot be checked is passed through, with empty result fields.
    assert run_local(read_records(tmp_path / "d.jsonl"), TASK, 1) == [{"text": 1, "findings": None}]


def test_dataset_command_jsonl(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = make_records(20)
    write_records(in_tmp / "in.jsonl", records)
    code = main(
        ["dataset", "check", "in.jsonl", "out.jsonl", "--filename-field", "path", "--jobs", "1"]
    )
    assert code == 1  # findings fail the run, as with check
    rows = read_records(in_tmp / "out.jsonl")
    assert [r["id"] for r in rows] == list(range(20))
    assert all(r["text"] == rec["text"] for r, rec in zip(rows, records, strict=True))
    found = sum(len(r["findings"]) for r in rows)
    assert capsys.readouterr().err.endswith(f"20 records: {found} findings in 20 records.\n")
    assert main(["dataset", "fix", "in.jsonl", "fixed.jsonl", "--select", "WS"]) == 0
    fixed = read_records(in_tmp / "fixed.jsonl")
    assert all("  " not in r["fixed_text"] for r in fixed)
    assert {a["code"] for r in fixed for a in r["applied"]} <= {"WS002", "WS004"}


def test_dataset_command_parquet(in_tmp: Path) -> None:
    pytest.importorskip("pyarrow", reason=PARQUET)
    write_records(in_tmp / "in.parquet", make_records(10))
    code = main(["dataset", "check", "in.parquet", "out.parquet", "--filename-field", "path"])
    assert code == 1  # the records have findings: the run fails, as with check
    rows = read_records(in_tmp / "out.parquet")
    assert len(rows) == 10 and all(isinstance(r["findings"], list) for r in rows)


def test_dataset_command_errors(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "check", "missing.jsonl", "out.jsonl"]) == 2
    assert "missing.jsonl: cannot read" in capsys.readouterr().err
    (in_tmp / "in.jsonl").write_text('{"body": "x"}\n')
    assert main(["dataset", "check", "in.jsonl", "out.jsonl"]) == 2
    assert "in.jsonl:1: no field 'text'; passed through unchanged" in capsys.readouterr().err
    assert (in_tmp / "out.jsonl").read_text() == '{"body": "x"}\n'


BAD_LINES = [
    ('{"id": 1, "text": "Fine  text."}', None),
    ('{"id": 2}', "no field 'text'"),
    ('{"id": 3, "text": 7}', "field 'text' is not text"),
    ('{"id": 4, "text": "broken', "invalid JSON"),
    ('["not", "an", "object"]', "not a JSON object (list)"),
    ('{"id": 6, "text": "half \\ud800 a pair"}', "lone surrogate"),
    ('{"id": 7, "text": "Also  fine."}', None),
]


@pytest.mark.parametrize("processes", [1, 2])
def test_bad_records_are_reported_by_line_and_passed_through(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], processes: int
) -> None:
    source = in_tmp / "in.jsonl"
    source.write_text("".join(line + "\n" for line, _ in BAD_LINES), encoding="utf-8")
    code = main(["dataset", "fix", "in.jsonl", "out.jsonl", "--jobs", str(processes)])
    err = capsys.readouterr().err
    assert code == 2
    out = (in_tmp / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(out) == len(BAD_LINES)
    for number, ((line, why), written) in enumerate(zip(BAD_LINES, out, strict=True), 1):
        if why is None:
            assert json.loads(written)["fixed_text"].count("  ") == 0
            assert f"in.jsonl:{number}:" not in err
        else:
            assert written == line
            assert re.search(rf"in\.jsonl:{number}: .*{re.escape(why)}", err)


def test_fields_the_tool_does_not_own_round_trip_exactly(in_tmp: Path) -> None:
    line = (
        '{"n": 1e400, "big": 18446744073709551615, "x": 1.50, "nested": {"a": [1, 2.0]}, '
        '"text": "Two  spaces."}'
    )
    (in_tmp / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    assert main(["dataset", "fix", "in.jsonl", "out.jsonl"]) == 0
    written = (in_tmp / "out.jsonl").read_text(encoding="utf-8")
    assert written.startswith(line[:-1] + ", ")
    assert "Infinity" not in written
    assert json.loads(written)["fixed_text"] == "Two spaces.\n"


def test_a_column_the_tool_would_write_is_refused_or_prefixed(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = '{"text": "Two  spaces.", "fixed_text": "mine", "applied": true}'
    (in_tmp / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    assert main(["dataset", "fix", "in.jsonl", "out.jsonl"]) == 2
    assert "--output-prefix" in capsys.readouterr().err
    assert not (in_tmp / "out.jsonl").exists()
    assert main(["dataset", "fix", "in.jsonl", "out.jsonl", "--output-prefix", "lint_"]) == 0
    row = json.loads((in_tmp / "out.jsonl").read_text(encoding="utf-8"))
    assert (row["fixed_text"], row["applied"], row["lint_fixed_text"]) == (
        "mine",
        True,
        "Two spaces.\n",
    )


def test_the_input_can_be_the_output(in_tmp: Path) -> None:
    records = make_records(300)
    write_records(in_tmp / "d.jsonl", records)
    assert main(["dataset", "fix", "d.jsonl", "d.jsonl", "--jobs", "2"]) == 0
    rows = read_records(in_tmp / "d.jsonl")
    assert [r["id"] for r in rows] == list(range(300))
    assert [r["text"] for r in rows] == [r["text"] for r in records]
    assert [p.name for p in in_tmp.iterdir()] == ["d.jsonl"]


def _parquet_table_with_exotic_columns() -> Any:
    """A table whose columns Python values cannot carry back exactly."""
    pa = pytest.importorskip("pyarrow", reason=PARQUET)
    return pa.table(
        {
            "stamp": pa.array([1_700_000_000_123_456_789, 5], pa.timestamp("ns")),
            "big": pa.array([2**64 - 1, 2**63 + 1], pa.uint64()),
            "tags": pa.array([[("a", 1)], [("b", 2), ("c", 3)]], pa.map_(pa.string(), pa.int32())),
            "text": ["Two  spaces.", "Fine text."],
        }
    )


@pytest.mark.parametrize("action", ["check", "fix"])
def test_parquet_columns_the_tool_does_not_write_round_trip_exactly(
    in_tmp: Path, action: str
) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason=PARQUET)

    table = _parquet_table_with_exotic_columns()
    pq.write_table(table, in_tmp / "in.parquet")
    assert main(["dataset", action, "in.parquet", "out.parquet"]) in (0, 1)
    out = pq.read_table(in_tmp / "out.parquet")
    assert out.select(table.column_names).equals(table)
    assert out.schema.field("stamp").type == table.schema.field("stamp").type  # ns kept
    if action == "fix":
        assert out.column("fixed_text").to_pylist() == ["Two spaces.\n", "Fine text.\n"]
    else:
        assert [len(f) for f in out.column("findings").to_pylist()] == [2, 1]


def test_parquet_can_be_fixed_in_place(in_tmp: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason=PARQUET)

    table = _parquet_table_with_exotic_columns()
    pq.write_table(table, in_tmp / "d.parquet")
    assert main(["dataset", "fix", "d.parquet", "d.parquet"]) == 0
    assert pq.read_table(in_tmp / "d.parquet").select(table.column_names).equals(table)
    assert [p.name for p in in_tmp.iterdir()] == ["d.parquet"]


def test_parquet_bad_rows_and_clashing_columns(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pa = pytest.importorskip("pyarrow", reason=PARQUET)
    pq = pytest.importorskip("pyarrow.parquet", reason=PARQUET)

    pq.write_table(pa.table({"text": ["Fine  text.", None]}), in_tmp / "in.parquet")
    assert main(["dataset", "fix", "in.parquet", "out.parquet"]) == 2
    assert "in.parquet:2: field 'text' is not text" in capsys.readouterr().err
    assert pq.read_table(in_tmp / "out.parquet").column("fixed_text").to_pylist() == [
        "Fine text.\n",
        None,
    ]
    pq.write_table(pa.table({"text": ["x"], "findings": [1]}), in_tmp / "clash.parquet")
    assert main(["dataset", "check", "clash.parquet", "out2.parquet"]) == 2
    assert "--output-prefix" in capsys.readouterr().err
    assert not (in_tmp / "out2.parquet").exists()


def test_converting_a_value_json_cannot_hold_is_a_one_line_error(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason=PARQUET)

    pq.write_table(_parquet_table_with_exotic_columns(), in_tmp / "in.parquet")
    assert main(["dataset", "check", "in.parquet", "out.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (in_tmp / "out.jsonl").exists()


class _StandInDataset:
    """The part of ``ray.data.Dataset`` the tool uses, on one pyarrow table: what a
    Ray run does with each batch, without Ray (an optional extra)."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def map_batches(self, fn: Any, fn_constructor_kwargs: Any, **_: Any) -> _StandInDataset:
        import pyarrow as pa

        out = fn(**fn_constructor_kwargs)(self.table)
        return _StandInDataset(out if isinstance(out, pa.Table) else pa.table(out))

    def iter_rows(self) -> list[dict[str, Any]]:
        return list(self.table.to_pylist())

    def count(self) -> int:
        return int(self.table.num_rows)

    def write_json(self, target: str) -> None:
        Path(target).mkdir()
        write_records(Path(target) / "0.jsonl", self.iter_rows())


def test_a_record_ray_cannot_check_is_reported_as_a_bad_file_is(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One error policy: on Ray, as locally, a record the tool cannot check is an
    error line naming it, the run goes on with the others, and exits 2 (it was
    silently given nulls)."""
    import sys
    import types

    pyarrow_json = pytest.importorskip("pyarrow.json", reason=PARQUET)

    ray = types.ModuleType("ray")
    ray_data = types.ModuleType("ray.data")
    ray.init = lambda **_: None  # type: ignore[attr-defined]
    ray.is_initialized = lambda: False  # type: ignore[attr-defined]
    ray.data = ray_data  # type: ignore[attr-defined]
    ray_data.ActorPoolStrategy = lambda **_: None  # type: ignore[attr-defined]
    ray_data.read_json = lambda path: _StandInDataset(pyarrow_json.read_json(path))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ray", ray)
    monkeypatch.setitem(sys.modules, "ray.data", ray_data)
    records = [
        {"path": "a.txt", "text": "Fine  text."},
        {"path": "b.txt", "note": "the text is missing"},
        {"path": "c.txt", "text": "Also  fine."},
    ]
    write_records(in_tmp / "in.jsonl", records)
    argv = ["dataset", "check", "in.jsonl", "out", "--ray", "local", "--filename-field", "path"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "in.jsonl: record 'b.txt': field 'text' is not text; passed through" in err
    assert "'a.txt'" not in err and "'c.txt'" not in err
    rows = {r["path"]: r["findings"] for r in read_records(in_tmp / "out" / "0.jsonl")}
    assert rows["b.txt"] is None and rows["a.txt"] and rows["c.txt"]
