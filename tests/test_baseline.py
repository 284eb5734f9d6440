"""The baseline: ``transcript-lint baseline`` and ``check`` against it, via main(argv)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lint.result import fingerprint
from tests.conftest import run, write

pytestmark = pytest.mark.usefixtures("in_tmp")

BASELINE = "transcript-lint-baseline.json"
# Three findings: WS004 (line 1), WS001 (line 1), WS002 (line 3).
TALK = "Thank you , Mr. Wang.  \nA clean line of the talk.\nNext  question.\n"


def codes(out: str) -> list[tuple[str, str]]:
    """(file:line, code) of each finding line of a text report."""
    found = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0].count(":") == 3 and parts[0].endswith(":"):
            found.append((parts[0].rsplit(":", 2)[0], parts[1]))
    return found


def entries(path: Path = Path(BASELINE)) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["entries"]
    return rows


def test_baseline_then_check_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "t" / "a.txt", TALK)
    write(tmp_path / "t" / "b.txt", "Clean.\n")
    code, out, _ = run(capsys, "baseline", "t")
    assert code == 0
    assert out == f"{BASELINE}: 3 findings in 1 file.\n"
    code, out, _ = run(capsys, "check", "t")
    assert code == 0
    assert out.splitlines() == [
        f"Baseline {BASELINE}: 3 known problems not shown.",
        "All checks passed!",
    ]


def test_file_is_sorted_one_entry_per_line_and_stable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "b.txt", TALK)
    write(tmp_path / "a.txt", "x  y\n")
    run(capsys, "baseline", ".")
    text = (tmp_path / BASELINE).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[:3] == ["{", '"transcript-lint-baseline": 1,', '"entries": [']
    assert lines[-2:] == ["]", "}"]
    rows = [json.loads(line.rstrip(",")) for line in lines[3:-2]]
    assert rows == entries()
    assert [(r["file"], r["code"]) for r in rows] == [
        ("a.txt", "WS002"),
        ("b.txt", "WS001"),
        ("b.txt", "WS002"),
        ("b.txt", "WS004"),
    ]
    assert all(set(r) == {"file", "code", "fingerprint", "count", "text"} for r in rows)
    assert '"line"' not in text
    # Writing it again changes nothing, and says so.
    assert run(capsys, "baseline", ".")[1] == f"{BASELINE}: 4 findings in 2 files (unchanged).\n"
    assert (tmp_path / BASELINE).read_text(encoding="utf-8") == text


def test_editing_elsewhere_keeps_the_baseline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", TALK)
    run(capsys, "baseline", "a.txt")
    # Lines added above and between, another line rewritten: every line number moves.
    write(
        path,
        "A title.\n\nThank you , Mr. Wang.  \nA new line.\nA clean line, rewritten.\n"
        "Next  question.\n",
    )
    code, out, _ = run(capsys, "check", "a.txt")
    assert (code, codes(out)) == (0, [])
    # Whitespace fixed right next to a known finding does not change it either.
    write(path, "Thank you , Mr. Wang.  \nA clean line of the talk.\nNext  question.")
    assert run(capsys, "check", "--select", "WS002,WS004", "a.txt")[0] == 0


def test_only_the_new_finding_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", TALK)
    write(tmp_path / "b.txt", "Other  file.\n")
    run(capsys, "baseline", ".")
    write(path, "Intro.\n" + TALK.replace("A clean line", "A clean , line"))
    code, out, _ = run(capsys, "check", ".")
    assert code == 1
    assert codes(out) == [("a.txt:3", "WS004")]
    assert f"Baseline {BASELINE}: 4 known problems not shown." in out
    assert out.splitlines()[-1] == "Found 1 problem (1 fixable with --fix)."


def test_duplicates_are_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = "Same , line.\nBetween.\n"
    path = write(tmp_path / "a.txt", line * 2)
    run(capsys, "baseline", "a.txt")
    assert [r["count"] for r in entries()] == [2]
    assert run(capsys, "check", "a.txt")[0] == 0
    write(path, line * 3)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1
    # The occurrences beyond the count are the new ones.
    assert codes(out) == [("a.txt:5", "WS004")]


def test_fixed_entries_are_listed_and_pruned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", TALK)
    run(capsys, "baseline", "a.txt")
    # WS002 fixed, a new WS004 added.
    write(path, "Thank you , Mr. Wang.  \nA clean , line.\nNext question.\n")
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1
    assert codes(out) == [("a.txt:2", "WS004")]
    assert (
        "1 baseline entry no longer occurs (shrink the baseline with: "
        "transcript-lint baseline --prune):" in out
    )
    assert '  a.txt: WS002 multiple-spaces "  "' in out
    code, out, _ = run(capsys, "baseline", "--prune", "a.txt")
    assert code == 0
    assert out == f"{BASELINE}: dropped 1 finding no longer found; 2 remain.\n"
    # Pruning never accepts the new finding.
    assert sorted(r["code"] for r in entries()) == ["WS001", "WS004"]
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1 and "no longer occur" not in out
    assert codes(out) == [("a.txt:2", "WS004")]


def test_no_baseline_shows_everything(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TALK)
    run(capsys, "baseline", "a.txt")
    code, out, _ = run(capsys, "check", "--no-baseline", "a.txt")
    assert code == 1
    assert sorted(c for _, c in codes(out)) == ["WS001", "WS002", "WS004"]
    assert "Baseline" not in out


def test_checking_part_of_the_tree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "t" / "a.txt", TALK)
    write(tmp_path / "t" / "b.txt", "Other  file.\n")
    run(capsys, "baseline", "t")
    # A run over one file says nothing about the other file's entries...
    code, out, _ = run(capsys, "check", "t/a.txt")
    assert code == 0 and "no longer occur" not in out
    # ...nor does a run of some rules about the other rules' entries.
    code, out, _ = run(capsys, "check", "--select", "WS002", "t")
    assert code == 0 and "no longer occur" not in out
    # Re-baselining one file keeps the entries of the other.
    write(tmp_path / "t" / "a.txt", "Clean now.\n")
    run(capsys, "baseline", "t/a.txt")
    assert [(r["file"], r["code"]) for r in entries()] == [("t/b.txt", "WS002")]


def test_deleted_file_entries_are_stale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "x  y\n")
    gone = write(tmp_path / "gone.txt", "x  y\n")
    run(capsys, "baseline", ".")
    gone.unlink()
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0
    assert '  gone.txt: WS002 multiple-spaces "  "' in out
    run(capsys, "baseline", "--prune", ".")
    assert [r["file"] for r in entries()] == ["a.txt"]


def test_baseline_name_from_config_and_paths_relative_to_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "transcript-lint.toml", 'baseline = "known.json"\n')
    write(tmp_path / "docs" / "a.txt", "x  y\n")
    monkeypatch.chdir(tmp_path / "docs")
    code, out, _ = run(capsys, "baseline", ".")
    assert (code, out) == (0, "../known.json: 1 finding in 1 file.\n")
    assert [r["file"] for r in entries(tmp_path / "known.json")] == ["docs/a.txt"]
    # The same file named another way is the same entry.
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check", "docs/a.txt")[0] == 0


def test_json_output_stays_parseable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TALK)
    run(capsys, "baseline", "a.txt")
    write(tmp_path / "a.txt", TALK + "New , one.\n")
    code, out, err = run(capsys, "check", "--format", "json", "a.txt")
    assert code == 1
    assert [r["code"] for r in json.loads(out)] == ["WS004"]
    assert err == f"Baseline {BASELINE}: 3 known problems not shown.\n"


def test_fix_with_baseline_reports_only_new_remaining(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "Lost \ufffd here.\n")
    run(capsys, "baseline", "a.txt")
    write(tmp_path / "a.txt", "Lost \ufffd here.  \nAnd \ufffd there.\n")
    code, out, err = run(capsys, "check", "--fix", "a.txt")
    assert code == 1
    assert codes(out) == [("a.txt:2", "EN004")]
    assert err == "Fixed a.txt: 1 WS001 (trailing-whitespace)\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", f"{BASELINE}: not valid JSON"),
        ("[]", f"{BASELINE}: not a transcript-lint baseline"),
        (
            '{"transcript-lint-baseline": 1, "entries": [{"file": "a.txt"}]}',
            f"{BASELINE}: entries[0]: file, code and fingerprint must be strings",
        ),
        (
            '{"transcript-lint-baseline": 1, "entries": [{"file": "a", "code": "WS001", '
            '"fingerprint": "x", "count": 0}]}',
            f"{BASELINE}: entries[0]: count must be a whole number of 1 or more",
        ),
    ],
)
def test_broken_baseline_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    write(tmp_path / BASELINE, content)
    write(tmp_path / "a.txt", "x  y\n")
    for command in ("check", "baseline"):
        code, out, err = run(capsys, command, "a.txt")
        assert code == 2 and out == ""
        assert len(err.splitlines()) == 1 and message in err


def test_baseline_rejects_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "baseline", "-")
    assert code == 2 and "standard input" in err


def test_baseline_of_bad_file_keeps_its_entries(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", "x  y\n")
    run(capsys, "baseline", "a.txt")
    path.write_bytes(b"caf\xe9 \xe0 la cr\xe8me, " * 6)  # Latin-1: too many stray bytes
    code, _, err = run(capsys, "baseline", "a.txt")
    assert code == 2 and "a.txt: not valid UTF-8" in err
    assert [r["file"] for r in entries()] == ["a.txt"]


# -- the fingerprint ---------------------------------------------------------------------


def test_fingerprint_ignores_position_and_whitespace_nearby() -> None:
    text = "Thank you , Mr. Wang.\n"
    at = text.index(" ,")
    moved = "Intro.\n\n" + text.replace("Wang.", "Wang.   ")
    assert fingerprint(text, "WS004", at, at + 2) == fingerprint(
        moved, "WS004", moved.index(" ,"), moved.index(" ,") + 2
    )
    # The flagged text, its line's words and the code all count.
    assert fingerprint(text, "WS004", at, at + 2) != fingerprint(text, "WS002", at, at + 2)
    other = text.replace("Mr.", "Ms.")
    assert fingerprint(text, "WS004", at, at + 2) != fingerprint(other, "WS004", at, at + 2)


def test_fingerprint_of_blank_lines_uses_the_text_around() -> None:
    one = "First.\n\n\n\nSecond.\n"
    two = "Third.\n\n\n\nFourth.\n"
    assert fingerprint(one, "WS003", 7, 9) != fingerprint(two, "WS003", 7, 9)
