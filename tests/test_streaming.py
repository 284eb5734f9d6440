"""A run reports each file's findings as soon as the file and those before it (in
order of name) are checked, in every format that can be written a finding at a
time: the report is never held whole."""

from __future__ import annotations

import io
import multiprocessing
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lint import runner
from lint.cli import main
from lint.config import Settings
from lint.result import FileResult
from lint.runner import Job, Mode, Workers, stream_jobs
from rules import registry
from tests.conftest import write

pytestmark = pytest.mark.usefixtures("in_tmp")

NAMES = ("a.txt", "b.txt", "c.txt")


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_findings_are_written_before_the_last_file_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    for name in NAMES:
        write(tmp_path / name, "A line with a trailing space. \n")
    out = io.StringIO()
    seen: dict[str, str] = {}
    real = runner.process_job

    def process_job(job: Job, held: runner.Held | None = None) -> FileResult:
        seen[job.display] = out.getvalue()
        return real(job, held)

    monkeypatch.setattr(runner, "process_job", process_job)
    monkeypatch.setattr(sys, "stdout", out)
    code = main(["check", "--no-cache", "--jobs", "1", "--format", fmt, *NAMES])
    assert code == 1
    assert "a.txt" not in seen["a.txt"]
    assert "a.txt" in seen["c.txt"] and "b.txt" in seen["c.txt"]
    assert "c.txt" not in seen["c.txt"]
    assert "c.txt" in out.getvalue()


def test_results_come_in_order_of_name_and_are_told_in_order_of_the_jobs(
    tmp_path: Path,
) -> None:
    paths = [write(tmp_path / name, "Fine.\n") for name in ("b.txt", "a.txt", "c.txt")]
    jobs = [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]
    told: list[str] = []
    with Workers(1, len(jobs)) as workers:
        given = [
            (i, result.path)
            for i, result in stream_jobs(jobs, workers, lambda r: told.append(r.path))
        ]
    assert given == [(1, "a.txt"), (0, "b.txt"), (2, "c.txt")]
    assert told == ["b.txt", "a.txt", "c.txt"]


def test_files_named_out_of_order_are_reported_in_order_of_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in NAMES:
        write(tmp_path / name, "A line with a trailing space. \n")
    code = main(["check", "--no-cache", "--jobs", "1", "c.txt", "a.txt", "b.txt"])
    out = capsys.readouterr().out
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:3]] == list(NAMES)


def test_fixed_files_are_told_in_the_order_they_were_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in NAMES:
        write(tmp_path / name, "A line with a trailing space. \n")
    code = main(["check", "--fix", "--jobs", "1", "c.txt", "a.txt", "b.txt"])
    err = capsys.readouterr().err
    assert code == 0
    fixed = [line.split()[1].rstrip(":") for line in err.splitlines() if line.startswith("Fixed")]
    assert fixed == ["c.txt", "a.txt", "b.txt"]


def test_two_workers_give_every_result_once_in_order_of_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More tasks than the window lets the workers run ahead: every file still
    comes once, in order of name."""
    monkeypatch.setattr(runner, "WINDOW_BYTES", 200)  # about six files
    paths = [
        write(tmp_path / f"{i:03}.txt", f"Line {i} with a trailing space. \n") for i in range(200)
    ]
    jobs = [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]
    told: list[str] = []
    with Workers(2, len(jobs)) as workers:
        assert workers.pooled
        given = [result for _, result in stream_jobs(jobs, workers, lambda r: told.append(r.path))]
    assert [r.path for r in given] == [p.name for p in paths] == told
    assert all(len(r.findings) == 1 for r in given)


# Set before the workers start (they are forked with it): one worker waits for it,
# and the worker that does the last small file sets it.
_SMALL_FILES_DONE: list[Any] = []


def _wait_for_the_small_files(job: Job, held: runner.Held | None) -> str:
    done = _SMALL_FILES_DONE[0]
    if job.path.name == "000-large.txt":
        return "waited" if done.wait(timeout=60) else "the small files were held back"
    if job.path.name == "200.txt":
        done.set()
    return job.path.name


def _wait_until_the_last_file_is_done(job: Job, held: runner.Held | None) -> str:
    done = _SMALL_FILES_DONE[0]
    if job.path.name == "001.txt":  # the first of the worker that has the small files
        return "released" if done.wait(timeout=60) else "the other worker sat idle"
    if job.path.name == "200.txt":
        done.set()
    return job.path.name


def _a_large_file_then_small_ones(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    function: Callable[[Job, runner.Held | None], str],
    **how: Any,
) -> dict[int, str]:
    """``function`` of a large file (dealt to one worker) and 200 small ones (to the
    other), by the index of each job."""
    monkeypatch.setattr(sys.modules[__name__], "_SMALL_FILES_DONE", [multiprocessing.Event()])
    paths = [write(tmp_path / "000-large.txt", "Some words. " * 10_000)]
    paths += [write(tmp_path / f"{i:03}.txt", f"Line {i}.\n") for i in range(1, 201)]
    jobs = [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]
    with Workers(2, len(jobs)) as workers:
        assert workers.pooled
        return dict(workers.stream(function, jobs, **how))


def test_a_large_file_first_does_not_hold_the_other_worker_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one worker checks a large file that comes first, the other does every
    small file after it: the results wait for the large one in bytes, not in tasks
    (a window of 4 tasks of 8 files a worker held this one back after 64 files)."""
    results = _a_large_file_then_small_ones(
        tmp_path, monkeypatch, _wait_for_the_small_files, window=runner.WINDOW_BYTES
    )
    assert results[0] == "waited"
    assert [results[i] for i in range(1, 201)] == [f"{i:03}.txt" for i in range(1, 201)]


def test_a_worker_done_with_its_files_takes_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the evidence pass, the worker dealt the large file is done at once; the
    other is stuck on its first small file until the last one is done, which only
    the first worker, taking the other's tasks, can do."""
    results = _a_large_file_then_small_ones(
        tmp_path, monkeypatch, _wait_until_the_last_file_is_done, steal=True
    )
    assert results[1] == "released"
    assert [results[i] for i in range(2, 201)] == [f"{i:03}.txt" for i in range(2, 201)]


def test_the_check_pass_takes_the_others_files_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As in the evidence pass, the worker done with the large file takes the small
    ones the other worker cannot get to (it waits on its first until the last is
    done): a check reads a taken file again, as it does a file whose document was
    not kept."""
    monkeypatch.setattr(sys.modules[__name__], "_SMALL_FILES_DONE", [multiprocessing.Event()])
    monkeypatch.setattr(runner, "process_job_compact", _wait_until_the_last_file_is_done)
    paths = [write(tmp_path / "000-large.txt", "Some words. " * 10_000)]
    paths += [write(tmp_path / f"{i:03}.txt", f"Line {i}.\n") for i in range(1, 201)]
    jobs = [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]
    with Workers(2, len(jobs)) as workers:
        results: dict[int, Any] = dict(stream_jobs(jobs, workers))
    assert results[1] == "released"


@pytest.mark.parametrize(("mode", "steal"), [(Mode.CHECK, True), (Mode.FIX, False)])
def test_only_a_fix_takes_no_file_of_the_other_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: Mode, steal: bool
) -> None:
    """A fix reads each file once: a document kept from the evidence pass says what
    the file was when read, so that a file changed or deleted since is reported as
    such when written (see tests/test_fix_promises.py)."""
    asked: list[bool] = []

    def stream(*args: Any) -> Any:
        asked.append(args[-1])
        return iter(())

    paths = [write(tmp_path / f"{i}.txt", "Line.\n") for i in range(20)]
    jobs = [Job(p, p.name, Settings(), mode, False, registry) for p in paths]
    with Workers(2, len(jobs)) as workers:
        monkeypatch.setattr(workers, "stream", stream)
        assert list(stream_jobs(jobs, workers)) == []
    assert asked == [steal]


_DONE_HERE: list[str] = []  # the jobs this process has done (each worker its own)


def _count_the_files_before(job: Job, held: runner.Held | None) -> int:
    _DONE_HERE.append(job.path.name)
    return len(_DONE_HERE) - 1


@pytest.mark.parametrize("window", [None, runner.WINDOW_BYTES])
def test_a_heavy_file_is_checked_first_by_its_worker(tmp_path: Path, window: int | None) -> None:
    """A large file last in order of name is its worker's first, whatever the
    window: started last, it would keep its worker busy after the other is done."""
    paths = [write(tmp_path / f"{i:03}.txt", f"Line {i}.\n") for i in range(200)]
    paths.append(write(tmp_path / "999-large.txt", "Some words. " * 10_000))
    jobs = [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]
    with Workers(2, len(jobs)) as workers:
        results = dict(workers.stream(_count_the_files_before, jobs, window))
    assert results[200] == 0
