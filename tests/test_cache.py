"""The results cache: a second run over unchanged files checks none of them, and
after an edit the output is the one an uncached run gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import cache, masking, runner
from tests.conftest import run, write

B = (
    "The industrial Internet grew. We saw the industrial Internet rise. "
    "And the industrial internet fell.\n"
)
C = (
    "The industrial internet grew. The industrial internet rose. "
    "The industrial internet fell. Then the industrial Internet won.\n"
)


@pytest.fixture
def cached(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The cache on, and the list of files the engine really checks in each run."""
    monkeypatch.delenv("TRANSCRIPT_LINT_NO_CACHE")
    checked: list[Path] = []

    def counting(job: runner.Job, held: runner.Held | None = None) -> runner.FileResult:
        checked.append(job.path)
        return runner.process_job_compact(job, held)

    monkeypatch.setattr(cache, "process_job_compact", counting)
    return checked


def corpus(root: Path) -> None:
    write(root / "a.txt", "Trailing space here. \n")
    write(root / "b.txt", B)  # the corpus majority (from c.txt) decides its CA001 findings
    write(root / "c.txt", C)


def test_second_run_checks_nothing_and_reports_the_same(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    first = run(capsys, "check", "--jobs", "1", "docs")
    assert len(cached) == 3
    cached.clear()
    second = run(capsys, "check", "--jobs", "1", "docs")
    assert cached == []
    assert second == first
    assert (Path(cache.FOLDER) / ".gitignore").read_text().splitlines()[-1] == "*"


def test_after_an_edit_output_equals_an_uncached_run(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "docs")
    # Without c.txt's votes the corpus has no trusted majority, and b.txt's CA001
    # findings change although b.txt did not.
    write(Path("docs/c.txt"), "Nothing here.\n")
    cached.clear()
    with_cache = run(capsys, "check", "--jobs", "1", "docs")
    assert len(cached) == 3  # the totals changed: every result was computed under them
    without = run(capsys, "check", "--jobs", "1", "--no-cache", "docs")
    assert with_cache == without
    assert "docs/b.txt:1:76: CA001" in without[1]


def test_an_edit_that_leaves_the_evidence_alone_rechecks_one_file(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "docs")
    write(Path("docs/a.txt"), "Trailing space here.  \n")
    cached.clear()
    with_cache = run(capsys, "check", "--jobs", "1", "docs")
    assert cached == [Path("docs/a.txt")]
    assert with_cache == run(capsys, "check", "--jobs", "1", "--no-cache", "docs")


def test_changed_settings_are_not_answered_from_the_cache(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "docs")
    cached.clear()
    code, out, _ = run(capsys, "check", "--jobs", "1", "--select", "WS001", "docs")
    assert len(cached) == 3
    assert code == 1 and "WS001" in out and "CA001" not in out


def test_no_cache_and_fix_leave_no_cache_behind(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "--no-cache", "docs")
    run(capsys, "check", "--jobs", "1", "--fix", "docs")
    assert not Path(cache.FOLDER).exists()


def test_a_damaged_cache_is_ignored(cached: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus(Path("docs"))
    first = run(capsys, "check", "--jobs", "1", "docs")
    for stored in Path(cache.FOLDER).rglob("results.pickle"):
        stored.write_bytes(b"not a pickle")
    cached.clear()
    assert run(capsys, "check", "--jobs", "1", "docs") == first
    assert len(cached) == 3


def stored_cache() -> Path:
    (stored,) = Path(cache.FOLDER).rglob("results.pickle")
    return stored


def test_a_run_answered_whole_from_the_cache_writes_nothing(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "docs")
    before = stored_cache().stat()
    run(capsys, "check", "--jobs", "1", "docs")
    after = stored_cache().stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_run_over_fewer_files_keeps_only_their_entries(
    cached: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(Path("docs"))
    run(capsys, "check", "--jobs", "1", "docs")
    assert len(cache.Cache.open(Path(cache.FOLDER)).entries) == 3
    run(capsys, "check", "--jobs", "1", "docs/a.txt")
    assert len(cache.Cache.open(Path(cache.FOLDER)).entries) == 1


def test_two_workers_read_and_fill_the_cache_as_one_process_does(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Jobs, with settings the parent has already used, go to worker processes."""
    monkeypatch.delenv("TRANSCRIPT_LINT_NO_CACHE")
    for i in range(24):
        corpus(Path(f"docs/{i}"))
    one = run(capsys, "check", "--jobs", "1", "--no-cache", "docs")
    assert run(capsys, "check", "--jobs", "2", "docs") == one
    before = stored_cache().stat()
    assert run(capsys, "check", "--jobs", "2", "docs") == one
    assert stored_cache().stat().st_mtime_ns == before.st_mtime_ns  # all from the cache


def test_a_run_in_which_a_user_pattern_ran_out_keeps_nothing(
    cached: list[Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pattern is skipped for the files after the one it ran out on: their
    results are not what the settings ask, and must not answer a later run."""
    monkeypatch.setattr(masking, "PATTERN_TIMEOUT", 0.2)
    Path("transcript-lint.toml").write_text("ignore-patterns = ['(a|aa)+$']\n")
    for i in range(4):
        write(Path(f"docs/t{i}.txt"), "a" * 60 + "b  c\n")
    code, out, _ = run(capsys, "check", "--jobs", "1", "docs")
    assert code == 2 and out.count("WS002") == 3  # checked, without the pattern
    assert not list(Path(cache.FOLDER).rglob("results.pickle"))
