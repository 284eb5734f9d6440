"""On a local Ray instance, check_dataset and fix_dataset give what the CLI gives,
corpus-level rules included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_datasets import cli_results, make_records

ray = pytest.importorskip(
    "ray", reason="Ray is an optional extra: pip install 'transcript-lint[ray]'"
)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_check_dataset_equals_the_cli(local_ray: None, in_tmp: Path) -> None:
    import ray.data

    from lint.ray_data import check_dataset

    records = make_records(300)
    expected, _ = cli_results(in_tmp, records)
    rows = check_dataset(ray.data.from_items(records), filename_column="path").take_all()
    assert sorted(r["id"] for r in rows) == [r["id"] for r in records]
    assert {r["path"]: list(r["findings"]) for r in rows} == expected
    assert any("300 of 300 files" in f["message"] for f in expected["corpus/0000.txt"])


def test_fix_dataset_equals_the_cli(local_ray: None, in_tmp: Path) -> None:
    import ray.data

    from lint.ray_data import fix_dataset

    records = make_records(200)
    rows = fix_dataset(ray.data.from_items(records), filename_column="path", unsafe=True).take_all()
    _, fixed = cli_results(in_tmp, records, "--fix", "--unsafe-fixes")
    assert {r["path"]: r["fixed_text"] for r in rows} == fixed
    assert sum(len(r["applied"]) for r in rows) > 200


def test_dataset_command_on_ray(local_ray: None, in_tmp: Path) -> None:
    import json

    from lint.cli import main
    from lint.datasets import write_records

    records = make_records(40)
    write_records(in_tmp / "in.jsonl", records)
    assert (
        main(["dataset", "check", "in.jsonl", "out", "--ray", "local", "--filename-field", "path"])
        == 0
    )
    rows = [
        json.loads(line)
        for shard in sorted((in_tmp / "out").glob("*.json*"))
        for line in shard.open()
    ]
    expected, _ = cli_results(in_tmp, records)
    assert {r["path"]: r["findings"] for r in rows} == expected


def test_a_record_that_cannot_be_checked_is_reported(
    local_ray: None, in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a file that cannot be read: one error line naming the record, the others
    checked, exit code 2 (before, nulls in its columns and nothing said)."""
    from lint.cli import main
    from lint.datasets import write_records

    records = make_records(6)
    records[3] = {"id": records[3]["id"], "path": records[3]["path"]}  # no text
    write_records(in_tmp / "in.jsonl", records)
    argv = ["dataset", "check", "in.jsonl", "out", "--ray", "local", "--filename-field", "path"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"in.jsonl: record '{records[3]['path']}': field 'text' is not text" in err
    assert err.count("transcript-lint: error:") == 1


def test_problems_of_names_the_records_that_cannot_be_checked(local_ray: None) -> None:
    """What ``check_dataset`` leaves as nulls, ``problems_of`` names, with the reason."""
    import ray.data

    from lint.ray_data import problems_of

    records = make_records(4)
    records[1] = {"id": records[1]["id"], "path": records[1]["path"], "text": 7}
    ds = ray.data.from_items(records)
    problems = problems_of(ds, filename_column="path")
    assert [name for name, _ in problems] == [f"record '{records[1]['path']}'"]
    assert "not text" in problems[0][1]
