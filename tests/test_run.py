"""The run module: plain options in, results out, one error policy for files and
records (reported, the run goes on, exit code 2)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lint import datasets, run
from lint.api import settings_for
from lint.cli import main
from lint.config import Overrides, SettingsResolver
from lint.report import DETAILED, REPORTERS
from lint.result import EXIT_ERROR
from lint.runner import TASKS_AHEAD, Mode, Workers


def resolver() -> SettingsResolver:
    return SettingsResolver(Overrides())


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_file_is_a_result_and_the_run_goes_on(in_tmp: Path, jobs: int) -> None:
    (in_tmp / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    (in_tmp / "b.txt").write_bytes(b"\x00" * 64)
    (in_tmp / "c.txt").write_text("More  spaces.\n", encoding="utf-8")
    options = run.Options(["a.txt", "b.txt", "c.txt"], jobs=jobs)
    checked = list(run.run(options, resolver()))
    assert [c.result.path for c in checked] == ["a.txt", "b.txt", "c.txt"]
    assert [c.result.error for c in checked] == [None, "binary file (not text)", None]
    assert [[f.code for f in c.result.findings] for c in checked] == [["WS002"], [], ["WS002"]]


def test_a_bad_file_fails_the_check_with_exit_code_2_after_the_others(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "a.txt").write_bytes(b"\x00" * 64)
    (in_tmp / "b.txt").write_text("Two  spaces.\n", encoding="utf-8")
    assert main(["check", "--no-cache", "--jobs", "1", "a.txt", "b.txt"]) == EXIT_ERROR
    out, err = capsys.readouterr()
    assert "b.txt:1:4: WS002" in out
    assert err == "transcript-lint: error: a.txt: binary file (not text)\n"


def test_the_run_prints_nothing_its_warnings_go_to_the_caller(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "empty").mkdir()
    warnings: list[str] = []
    options = run.Options(["empty"], mode=Mode.CHECK, warn=warnings.append)
    assert list(run.run(options, resolver())) == []
    assert warnings == ["warning: no transcript files found under: empty"]
    assert capsys.readouterr() == ("", "")


def test_options_refuse_no_workers() -> None:
    with pytest.raises(run.UsageError, match="--jobs"):
        run.Options(["."], jobs=0)


LINES = [
    '{"id": 1, "text": "Fine  text.\\n"}',
    '{"id": 2, "text": "broken',
    '{"id": 3}',
    '{"id": 4, "text": "Also  fine.\\n"}',
]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_record_is_reported_by_line_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int
) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(line + "\n" for line in LINES), encoding="utf-8")
    task = datasets.Task(False, False, "text", None, settings_for())
    outcome = run.dataset(task, source, target, jobs)
    assert [number for number, _ in outcome.skipped] == [2, 3]
    assert (outcome.records, outcome.total, outcome.touched) == (4, 2, 2)
    written = target.read_text(encoding="utf-8").splitlines()
    assert written[1:3] == LINES[1:3]
    assert [f["code"] for f in json.loads(written[3])["findings"]] == ["WS002"]
    assert datasets.report(source, outcome, task) == EXIT_ERROR
    assert f"{source}:2: invalid JSON" in capsys.readouterr().err


def test_converted_records_that_cannot_be_checked_are_reported_too() -> None:
    """A run that converts formats (JSON Lines to Parquet) lists its bad records as
    the streamed runs do, by their place from 1, and so fails with exit code 2."""
    task = datasets.Task(False, False, "text", None, settings_for())
    records: list[datasets.Record] = [{"text": "Two  spaces.\n"}, {"id": 2}, {"text": 7}]
    outcome = datasets.outcome_of(task, records, datasets.run_local(records, task, 1))
    assert outcome.skipped == [(2, "no field 'text'"), (3, "field 'text' is not text")]
    assert (outcome.records, outcome.total, outcome.touched) == (3, 1, 1)


def test_the_dataset_command_runs_through_the_run_module(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "in.jsonl").write_text("".join(line + "\n" for line in LINES), encoding="utf-8")
    assert main(["dataset", "check", "in.jsonl", "out.jsonl", "--jobs", "0"]) == EXIT_ERROR
    assert "--jobs must be at least 1" in capsys.readouterr().err
    assert main(["dataset", "check", "in.jsonl", "out.jsonl", "--jobs", "1"]) == EXIT_ERROR
    assert "4 records: 2 findings in 2 records." in capsys.readouterr().err


def test_records_and_files_share_one_executor_that_reads_a_stream_a_few_ahead() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for i in range(40):
            read.append(i)
            yield -i

    with Workers(2, sys.maxsize) as workers:
        results = workers.ordered(abs, items())
        assert next(results) == 0
        assert len(read) <= 2 * TASKS_AHEAD + 1  # not the whole stream
        assert list(results) == list(range(1, 40))


def test_a_stopped_stream_gives_what_it_did_then_stops() -> None:
    with Workers(1, 1) as workers:

        def stop_at_two(i: int) -> int:
            workers.stopped = workers.stopped or i == 2
            return i

        done: list[int] = []
        with pytest.raises(KeyboardInterrupt):
            done.extend(workers.ordered(stop_at_two, range(10)))
    assert done == [0, 1, 2]


# -- fingerprints and excerpts only where they are read ----------------------------------


def test_findings_carry_fingerprint_and_excerpt_only_when_asked(in_tmp: Path) -> None:
    (in_tmp / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    lean = list(run.run(run.Options(["a.txt"], details=False), resolver()))
    full = list(run.run(run.Options(["a.txt"]), resolver()))
    [bare] = lean[0].result.findings
    [finding] = full[0].result.findings
    assert (bare.fingerprint, bare.excerpt.text) == ("", "")
    assert finding.fingerprint != ""
    assert (finding.excerpt.before, finding.excerpt.text) == ("Two", "  ")
    assert (bare.code, bare.start, bare.end) == (finding.code, finding.start, finding.end)


@pytest.mark.parametrize("cache", [False, True])
def test_a_baseline_file_or_the_cache_needs_them_in_any_format(in_tmp: Path, cache: bool) -> None:
    (in_tmp / "a.txt").write_text("Two  spaces.\n", encoding="utf-8")
    if not cache:
        (in_tmp / "transcript-lint-baseline.json").write_text(
            '{"transcript-lint-baseline": 1, "entries": []}\n', encoding="utf-8"
        )
    options = run.Options(["a.txt"], cache=cache, details=False)
    [checked] = list(run.run(options, resolver()))
    assert [f.fingerprint != "" for f in checked.result.findings] == [True]


@pytest.mark.parametrize(
    ("mode", "detailed"), [(Mode.CHECK, True), (Mode.FIX, False), (Mode.DIFF, False)]
)
def test_the_cache_needs_them_only_where_it_is_used(
    in_tmp: Path, mode: Mode, detailed: bool
) -> None:
    # only a check reads and writes the cache: a fix or a diff does not pay for it
    (in_tmp / "a.txt").write_text("Two  spaces. We met the the team.\n", encoding="utf-8")
    options = run.Options(["a.txt"], mode=mode, cache=True, details=False)
    [checked] = list(run.run(options, resolver()))
    findings = checked.result.findings
    assert findings and all((f.fingerprint != "") is detailed for f in findings)


@pytest.mark.parametrize(("mode", "detailed"), [(Mode.FIX, True), (Mode.DIFF, False)])
def test_a_baseline_file_needs_them_where_it_is_applied(
    in_tmp: Path, mode: Mode, detailed: bool
) -> None:
    (in_tmp / "a.txt").write_text("Two  spaces. We met the the team.\n", encoding="utf-8")
    (in_tmp / "transcript-lint-baseline.json").write_text(
        '{"transcript-lint-baseline": 1, "entries": []}\n', encoding="utf-8"
    )
    options = run.Options(["a.txt"], mode=mode, cache=False, details=False)
    [checked] = list(run.run(options, resolver()))
    findings = checked.result.findings
    assert findings and all((f.fingerprint != "") is detailed for f in findings)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
@pytest.mark.parametrize("fix", [False, True])
def test_every_format_prints_the_same_without_the_details_it_does_not_read(
    in_tmp: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    fix: bool,
) -> None:
    talk = "Thank you , Mr. Wang.  \nNext  question.\n"
    args = ["check", "--no-cache", "--format", fmt, *(["--fix"] if fix else []), "a.txt"]
    printed = []
    for detailed in (DETAILED, frozenset(REPORTERS)):
        (in_tmp / "a.txt").write_text(talk, encoding="utf-8")
        monkeypatch.setattr("lint.cli.DETAILED", detailed)
        main(args)
        printed.append(capsys.readouterr())
    assert printed[0] == printed[1]
