"""The fix ledger and the per-file account of --fix, via main(argv)."""

from __future__ import annotations

import datetime
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from lint import __version__, files
from lint.document import Document
from rules import ALL_RULES
from tests.conftest import run

pytestmark = pytest.mark.usefixtures("in_tmp")

KEYS = {
    "file",
    "code",
    "name",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "end_offset",
    "before",
    "after",
    "safety",
    "message",
    "pass",
    "version",
    "time",
}
# Whitespace, an invisible character, mixed line endings, an entity that needs two
# passes (&amp;amp;), mojibake: safe and unsafe fixes over several passes.
MESSY = "Hi  , there .  \n\n\n\nNext\u200b  one.\r\nR&amp;amp;D itâ€™s\n"
CORPUS = {
    "a.txt": MESSY,
    "sub/b.md": "# Title\n\nSome  text , here.\n\n\n`code  stays`\n",
    "sub/c.txt": "\ufeffLine one .\r\nLine  two\r\n",
    "d.txt": "Clean.\n",
    "e.txt": "x &amp;nbsp; y  \n",
}


def make(root: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def ledger_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def replay(text: str, entries: list[dict[str, Any]]) -> str:
    """Apply ledger entries one by one, checking each against the text it meets."""
    for entry in entries:
        start, end = entry["offset"], entry["end_offset"]
        assert text[start:end] == entry["before"], entry
        assert Document(text).location(start) == (entry["line"], entry["column"]), entry
        assert Document(text).location(end) == (entry["end_line"], entry["end_column"]), entry
        text = text[:start] + entry["after"] + text[end:]
    return text


def test_replaying_the_ledger_gives_the_fixed_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make(tmp_path / "corpus", CORPUS)
    code, _, _ = run(
        capsys, "check", "--fix", "--unsafe-fixes", "--ledger", "fixes.jsonl", "corpus"
    )
    assert code == 0
    entries = ledger_lines(tmp_path / "fixes.jsonl")
    names = {rule.code: rule.name for rule in ALL_RULES}
    for entry in entries:
        assert set(entry) == KEYS
        assert entry["name"] == names[entry["code"]]
        assert entry["safety"] in ("safe", "unsafe")
        assert entry["version"] == __version__
        assert datetime.datetime.fromisoformat(entry["time"]).tzinfo is not None
    assert {e["safety"] for e in entries} == {"safe", "unsafe"}
    assert max(e["pass"] for e in entries) >= 2
    by_file: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        by_file.setdefault(entry["file"], []).append(entry)
    assert sorted(by_file) == sorted(str(Path("corpus", n)) for n in CORPUS if n != "d.txt")
    for name, original in CORPUS.items():
        fixed, _ = files.read(tmp_path / "corpus" / name, 50)
        assert replay(original, by_file.get(str(Path("corpus", name)), [])) == fixed
    # And the fixed corpus is what --fix should leave: nothing to fix.
    assert run(capsys, "check", "--unsafe-fixes", "--diff", "corpus")[0] == 0


def test_ledger_is_appended_to(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make(tmp_path, {"a.txt": "One  two.\n", "b.txt": "Three , four.\n"})
    run(capsys, "check", "--fix", "--ledger", "fixes.jsonl", "a.txt")
    first = (tmp_path / "fixes.jsonl").read_text(encoding="utf-8")
    run(capsys, "check", "--fix", "--ledger", "fixes.jsonl", "b.txt", "a.txt")
    text = (tmp_path / "fixes.jsonl").read_text(encoding="utf-8")
    assert text.startswith(first)
    rows = ledger_lines(tmp_path / "fixes.jsonl")
    assert [(r["file"], r["code"], r["before"], r["after"]) for r in rows] == [
        ("a.txt", "WS002", "  ", " "),
        ("b.txt", "WS004", " ", ""),
    ]
    assert rows[0]["line"] == 1 and rows[0]["column"] == 4
    assert rows[0]["message"] and rows[0]["pass"] == 1


def test_fix_says_what_it_changed_per_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make(tmp_path, {"a.txt": "Hi  , there .  \n\n\n\n", "b.txt": "Clean.\n"})
    code, out, err = run(capsys, "check", "--fix", ".")
    assert code == 0
    assert err == (
        "Fixed a.txt: 1 WS001 (trailing-whitespace), 1 WS002 (multiple-spaces), "
        "2 WS004 (space-before-punctuation), 1 WS009 (trailing-blank-lines)\n"
    )
    assert out == "Found 5 problems (5 fixed, 0 remaining).\n"
    # Nothing to fix, nothing said.
    assert run(capsys, "check", "--fix", ".")[2] == ""


def test_fix_of_stdin_with_ledger(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"One  two.\n")))
    code, out, err = run(capsys, "check", "--fix", "--ledger", "fixes.jsonl", "-")
    assert (code, out) == (0, "One two.\n")
    assert err.splitlines()[0] == "Fixed -: 1 WS002 (multiple-spaces)"
    assert [r["file"] for r in ledger_lines(tmp_path / "fixes.jsonl")] == ["-"]


@pytest.mark.parametrize("extra", [[], ["--diff"]])
def test_ledger_needs_fix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: list[str]
) -> None:
    make(tmp_path, {"a.txt": "One  two.\n"})
    code, _, err = run(capsys, "check", *extra, "--ledger", "fixes.jsonl", "a.txt")
    assert code == 2 and "--ledger needs --fix" in err
    assert not (tmp_path / "fixes.jsonl").exists()


def test_unwritable_ledger_is_an_error_before_fixing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A fix the ledger could not log could not be undone: nothing is fixed."""
    make(tmp_path, {"a.txt": "One  two.\n"})
    (tmp_path / "ledger").mkdir()
    code, _, err = run(capsys, "check", "--fix", "--ledger", "ledger", "a.txt")
    assert code == 2
    assert "transcript-lint: error: ledger: cannot write the ledger" in err
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "One  two.\n"
