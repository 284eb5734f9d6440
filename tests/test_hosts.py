"""How the tool fits its hosts: option combinations, the `rules` table, the hints
under pre-commit, `dataset check`'s exit code, SARIF's tool entry, TR001's count."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lint.api import check_text, settings_for
from tests.conftest import run, write

pytestmark = pytest.mark.usefixtures("in_tmp")

MIXED = "Hi .\nR&amp;D grew.\n"  # one safe fix (WS004), one unsafe (EN005)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--unsafe-fixes"], "--unsafe-fixes needs --fix or --diff"),
        (["--fix", "--diff"], "--fix writes files and --diff writes none: choose one"),
        (["--diff", "--format", "json"], "--diff prints a unified diff; it does not combine"),
        (["--diff", "--statistics"], "--diff prints a unified diff; it does not combine"),
        (["--statistics", "--format", "json"], "--statistics prints text; it does not combine"),
    ],
)
def test_combinations_that_cannot_do_what_they_say_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    write(tmp_path / "a.txt", MIXED)
    code, out, err = run(capsys, "check", *argv, "a.txt")
    assert (code, out) == (2, "")
    assert err.startswith(f"transcript-lint: error: {message}") and err.count("\n") == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == MIXED


def test_unsafe_fixes_with_diff_still_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", MIXED)
    code, out, _ = run(capsys, "check", "--diff", "--unsafe-fixes", "a.txt")
    assert code == 1 and "+R&D grew." in out


def test_hints_name_the_hook_under_pre_commit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", MIXED)
    monkeypatch.setenv("PRE_COMMIT", "1")
    _, out, _ = run(capsys, "check", "a.txt")
    assert out.splitlines()[-1] == (
        "Found 2 problems (1 fixable with the transcript-lint-fix hook, "
        "1 more with `args: [--unsafe-fixes]` on the transcript-lint-fix hook)."
    )
    assert "--fix" not in out.splitlines()[-1]
    _, out, _ = run(capsys, "check", "--fix", "a.txt")
    assert out.splitlines()[-1] == (
        "Found 2 problems (1 fixed, 1 remaining). 1 more fixable with `args: [--unsafe-fixes]`."
    )


def test_rules_table_is_aligned_and_reads_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == [
        "code",
        "name",
        "family",
        "default",
        "fix",
        "what",
        "it",
        "finds",
    ]
    # Every column starts at the same place on every line.
    for column in ("name", "family", "default", "fix", "what it finds"):
        start = lines[0].index(column)
        assert all(line[start - 2 : start] == "  " and line[start] != " " for line in lines)
    rows = {line.split()[0]: line for line in lines[1:]}
    assert re.search(r"\bunsafe or display-only\b", rows["MW002"])
    assert re.search(r"\bnone\b", rows["EN004"])
    assert "always" not in out


def test_learn_help_names_the_default_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "learn", "--help")
    assert "(default: .)" in capsys.readouterr().out


def test_dataset_check_fails_on_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "dirty.jsonl", json.dumps({"text": "Hi .\n"}) + "\n")
    write(tmp_path / "clean.jsonl", json.dumps({"text": "Hi.\n"}) + "\n")
    assert run(capsys, "dataset", "check", "dirty.jsonl", "out.jsonl", "-j", "1")[0] == 1
    assert run(capsys, "dataset", "check", "clean.jsonl", "out.jsonl", "-j", "1")[0] == 0
    assert run(capsys, "dataset", "fix", "dirty.jsonl", "out.jsonl", "-j", "1")[0] == 0


def test_sarif_names_no_page_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", MIXED)
    _, out, _ = run(capsys, "check", "--format", "sarif", "a.txt")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and driver["name"] == "transcript-lint"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("ANN LEE: Hi.\nBob: Yes.\nAnn Lee: Go on.\n", "once"),
        ("Ann Lee: Hi.\nANN LEE: Yes.\nAnn Lee: Go on.\n", "2 times"),
    ],
)
def test_speaker_label_message_counts_in_words(text: str, count: str) -> None:
    findings = check_text(text, filename="t.txt", settings=settings_for(select=["TR001"]))
    assert [f.code for f in findings] == ["TR001"]
    assert findings[0].message.endswith(f"(written so {count})")
