"""Crash safety and hostile input: a killed --fix, two --fix runs at once, a runaway
user regex, and the bad-input matrix. No file is ever half written."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from lint import masking
from lint.api import fix_text, settings_for
from lint.cli import main
from lint.files import TEMPORARY_MARK, remove_stale_temporaries

PARAGRAPH = "We will  continue the work .  \nThe minister thanked the press ,and left.\n\n\n"
FILES = 60


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_tree(root: Path) -> dict[Path, tuple[str, str]]:
    """A tree of transcripts; each path -> (hash before, hash after a full --fix)."""
    expected = {}
    for i in range(FILES):
        path = root / f"d{i % 5}" / f"t{i:03}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"Talk {i}.\n\n" + PARAGRAPH * (150 + 2 * i)
        path.write_text(text, encoding="utf-8")
        fixed = fix_text(text, filename=path.name, settings=settings_for()).text
        expected[path] = (
            hashlib.sha256(text.encode()).hexdigest(),
            hashlib.sha256(fixed.encode()).hexdigest(),
        )
    return expected


def fix_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "lint", "check", "--fix", "--jobs", "1", "--exit-zero", str(root)]


def temporaries(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if TEMPORARY_MARK in p.name]


@pytest.mark.slow
def test_a_killed_fix_leaves_every_file_whole(tmp_path: Path) -> None:
    expected = make_tree(tmp_path)
    first = next(iter(expected))
    process = subprocess.Popen(
        fix_command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while (
        digest(first) == expected[first][0]
        and time.monotonic() < deadline
        and process.poll() is None
    ):
        time.sleep(0.01)
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    states = {path: digest(path) for path in expected}
    assert all(states[p] in expected[p] for p in expected)
    assert any(states[p] == expected[p][1] for p in expected)  # the kill came mid-run
    # A temporary file the kill left behind is removed by the next run, once stale.
    for leftover in temporaries(tmp_path):
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    subprocess.run(fix_command(tmp_path), check=True, stdout=subprocess.DEVNULL)
    assert temporaries(tmp_path) == []
    assert all(digest(p) == expected[p][1] for p in expected)


@pytest.mark.slow
def test_two_fix_runs_at_once_leave_every_file_complete(tmp_path: Path) -> None:
    expected = make_tree(tmp_path)
    runs = [
        subprocess.Popen(fix_command(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    # A file the other run fixed first is "changed since it was read" (exit 1).
    outcomes = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] in ([0, 0], [0, 1], [1, 0], [1, 1])
    assert all(b"Traceback" not in err for _, err in outcomes)
    assert all(digest(p) == expected[p][1] for p in expected)
    assert temporaries(tmp_path) == []


def test_only_stale_temporaries_of_ours_are_removed(tmp_path: Path) -> None:
    ours_old = tmp_path / f".a.txt{TEMPORARY_MARK}abc123.tmp"
    ours_new = tmp_path / f".b.txt{TEMPORARY_MARK}def456.tmp"
    not_ours = tmp_path / ".a.txt.abc123.tmp"
    for path in (ours_old, ours_new, not_ours):
        path.write_text("partial")
    os.utime(ours_old, (time.time() - 3600, time.time() - 3600))
    os.utime(not_ours, (time.time() - 3600, time.time() - 3600))
    assert remove_stale_temporaries(tmp_path) == [ours_old]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ours_new.name, not_ours.name])


def test_a_runaway_ignore_pattern_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "transcript-lint.toml").write_text("ignore-patterns = ['(a|aa)+$']\n")
    path = tmp_path / "a.txt"
    path.write_text("a" * 40 + "b  c\n")
    code = main(["check", "--fix", "a.txt"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(
        "transcript-lint: error: a.txt: ignore-patterns: '(a|aa)+$' took more than"
    )
    assert path.read_text() == "a" * 40 + "b  c\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_runaway_ignore_pattern_is_disabled_for_the_rest_of_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(masking, "PATTERN_TIMEOUT", 0.2)
    (tmp_path / "transcript-lint.toml").write_text("ignore-patterns = ['(a|aa)+$']\n")
    for i in range(12):
        (tmp_path / f"t{i:02}.txt").write_text("a" * 60 + "b  c\n")
    code = main(["check", "--jobs", jobs, "."])
    out, err = capsys.readouterr()
    assert code == 2
    # One line per process that ran it out (a worker each), not one per file.
    lines = err.splitlines()
    assert 1 <= len(lines) <= int(jobs)
    assert all("'(a|aa)+$'" in line and "rest of this run" in line for line in lines)
    # Every other file was checked (without the pattern).
    assert out.count("WS002") == 12 - len(lines)


def test_an_ignore_pattern_has_a_budget_for_the_whole_run(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(range(100))
    monkeypatch.setattr(masking.time, "process_time", lambda: float(next(clock)))
    monkeypatch.setattr(masking, "PATTERN_RUN_BUDGET", 3.0)
    budget = masking.PatternBudget()
    pattern = regex.compile("x")
    # Each call "costs" a second: the fourth file finds the budget spent.
    assert [budget.spans(pattern, "x y x", f"{i}.txt") for i in range(3)] == [[(0, 1), (4, 5)]] * 3
    with pytest.raises(masking.PatternTimeout, match="rest of this run"):
        budget.spans(pattern, "x", "3.txt")
    assert budget.spans(pattern, "x", "4.txt") == []  # disabled
    failure = budget.failure("3.txt")
    assert failure is not None and "'x'" in str(failure)
    assert budget.failure("4.txt") is None


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


BAD_INPUTS = [
    ("binary.txt", lambda p: _write(p, b"\x89PNG\r\n\x1a\n" + bytes(range(256))), 2, "binary file"),
    ("latin1.txt", lambda p: _write(p, b"caf\xe9 \xe0 la cr\xe8me " * 6), 2, "not valid UTF-8"),
    ("missing.txt", lambda p: None, 2, "no such file or directory"),
    ("empty.txt", lambda p: _write(p, b""), 0, None),
    ("huge.txt", lambda p: p.open("wb").truncate(100 * 1024 * 1024), 2, "over the 50 MB limit"),
    ("line.txt", lambda p: _write(p, b"word  " + b"more words here " * 65_000 + b"\n"), 1, None),
    ("nul.txt", lambda p: _write(p, b"text\x00\x00 more\n"), 1, None),
]


@pytest.mark.parametrize(
    ("name", "make", "code", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_matrix(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    make: object,
    code: int,
    message: str | None,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    before = path.read_bytes() if path.exists() and path.stat().st_size < 10_000_000 else None
    assert main(["check", name]) == code
    err = capsys.readouterr().err
    if message is None:
        assert err == ""
    else:
        assert err.startswith(f"transcript-lint: error: {name}: ")
        assert message in err
        assert len(err.splitlines()) == 1
        assert "Traceback" not in err
    if before is not None:
        assert path.read_bytes() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_never_touches_what_a_disabled_pattern_protected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """Once the pattern ran out (on a.txt) it is not applied: the other files are
    not fixed, since their protected text would be fixed too."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(masking, "PATTERN_TIMEOUT", 0.2)
    (tmp_path / "transcript-lint.toml").write_text("ignore-patterns = ['(a|aa)+$|KEEP  THIS']\n")
    (tmp_path / "a.txt").write_text("a" * 60 + "b  c\n")
    kept = "Hello there. KEEP  THIS verbatim.\n"
    for i in range(11):
        (tmp_path / f"t{i:02}.txt").write_text(kept)
    assert main(["check", "--fix", "--jobs", jobs, "."]) == 2
    assert all((tmp_path / f"t{i:02}.txt").read_text() == kept for i in range(11))
    assert "no longer applied" in capsys.readouterr().err
