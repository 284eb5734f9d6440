"""Datasets: records checked and fixed locally and on Ray give what the CLI gives."""

from __future__ import annotations

import json
import random
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
    with pytest.raises(DatasetError, match="field 'text' is not text"):
        run_local(read_records(tmp_path / "d.jsonl"), TASK, 1)


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
    pytest.importorskip("pyarrow", reason="Parquet needs the ray extra (pyarrow)")
    write_records(in_tmp / "in.parquet", make_records(10))
    assert main(["dataset", "check", "in.parquet", "out.parquet", "--filename-field", "path"]) == 0
    rows = read_records(in_tmp / "out.parquet")
    assert len(rows) == 10 and all(isinstance(r["findings"], list) for r in rows)


def test_dataset_command_errors(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dataset", "check", "missing.jsonl", "out.jsonl"]) == 2
    assert "missing.jsonl: cannot read" in capsys.readouterr().err
    (in_tmp / "in.jsonl").write_text('{"body": "x"}\n')
    assert main(["dataset", "check", "in.jsonl", "out.jsonl"]) == 2
    assert "field 'text' is not text" in capsys.readouterr().err
    assert not (in_tmp / "out.jsonl").exists()
