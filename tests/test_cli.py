"""The command line, called as ``main(argv)``: every option, exit codes, bad input."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lint.cli import build_parser, main, named_command
from tests.conftest import read, run, write

pytestmark = pytest.mark.usefixtures("in_tmp")

DIRTY = "Thank you , Mr. Wang.  \n\n\nNext  question.\n"
DIRTY_FIXED = "Thank you, Mr. Wang.\n\nNext question.\n"
UNSAFE = "R&amp;D grew.\n"


# -- reporting and exit codes ---------------------------------------------------------


def test_report_and_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "a.txt:1:10: WS004 [*] Space before ','"
    assert "a.txt:1:22: WS001 [*] Trailing whitespace" in lines
    assert lines[-1] == "Found 4 problems (4 fixable with --fix)."
    assert "\033[" not in out


def test_clean_file_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Clean.\n")
    assert run(capsys, "check", "a.txt") == (0, "All checks passed!\n", "")


def test_summary_counts_unsafe_separately(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "Hi .\n" + UNSAFE)
    _, out, _ = run(capsys, "check", "a.txt")
    assert (
        out.splitlines()[-1]
        == "Found 2 problems (1 fixable with --fix, 1 more with --unsafe-fixes)."
    )
    assert "EN005 HTML entity" in out and "EN005 [*]" not in out
    # Without --fix or --diff, --unsafe-fixes would do nothing: refused (tests/test_hosts.py).
    assert run(capsys, "check", "--unsafe-fixes", "a.txt")[0] == 2


def test_folder_is_searched_for_transcripts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "t" / "b.md", "x  y\n")
    write(tmp_path / "t" / "a.txt", "x  y\n")
    write(tmp_path / "t" / "code.py", "x  y\n")
    write(tmp_path / "t" / ".git" / "c.txt", "x  y\n")
    write(tmp_path / "t" / ".venv" / "d.md", "x  y\n")
    _, out, _ = run(capsys, "check", "t")
    files = sorted({line.split(":")[0] for line in out.splitlines()[:-1]})
    assert files == [os.path.join("t", "a.txt"), os.path.join("t", "b.md")]


def test_file_named_explicitly_is_checked_whatever_its_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "notes.rst", "x  y\n")
    code, out, _ = run(capsys, "check", "notes.rst")
    assert code == 1 and "WS002" in out


def test_same_file_twice_is_checked_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "x  y\n")
    _, out, _ = run(capsys, "check", "a.txt", ".", "./a.txt")
    assert out.count("WS002") == 1


# -- fixing ------------------------------------------------------------------------------


def test_fix_writes_and_exits_0_when_all_fixed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, _ = run(capsys, "check", "--fix", "a.txt")
    assert code == 0
    assert read(path) == DIRTY_FIXED
    assert out.strip() == "Found 4 problems (4 fixed, 0 remaining)."


def test_fix_leaves_unsafe_and_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Hi .\n" + UNSAFE)
    code, out, _ = run(capsys, "check", "--fix", "a.txt")
    assert code == 1
    assert read(path) == "Hi.\n" + UNSAFE
    assert "Found 2 problems (1 fixed, 1 remaining). 1 more fixable with --unsafe-fixes." in out
    code, _, _ = run(capsys, "check", "--fix", "--unsafe-fixes", "a.txt")
    assert code == 0
    assert read(path) == "Hi.\nR&D grew.\n"


def test_fix_keeps_crlf_bom_and_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", "\ufeffOne  two.\r\nThree\r\n")
    path.chmod(0o640)
    run(capsys, "check", "--fix", "a.txt")
    assert path.read_bytes() == "\ufeffOne two.\r\nThree\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fix_keeps_utf16(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffOne  two.\n".encode("utf-16-le"))
    assert run(capsys, "check", "--fix", "a.txt")[0] == 0
    assert path.read_bytes() == "\ufeffOne two.\n".encode("utf-16-le")


def test_unchanged_file_is_not_rewritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path / "a.txt", UNSAFE)
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    run(capsys, "check", "--fix", "a.txt")
    assert path.stat().st_mtime_ns == before - 10**9


def test_failed_write_leaves_original(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", DIRTY)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    code, _, err = run(capsys, "check", "--fix", "--jobs", "1", "a.txt")
    assert code == 2
    assert err.strip() == "transcript-lint: error: a.txt: cannot write: No space left on device"
    assert read(path) == DIRTY
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_diff_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, err = run(capsys, "check", "--diff", "a.txt")
    assert code == 1
    assert read(path) == DIRTY
    assert out.startswith("--- a.txt\n+++ a.txt\n")
    assert "-Thank you , Mr. Wang.  \n+Thank you, Mr. Wang.\n" in out
    assert err.strip() == "Would fix 4 problems in 1 file."


def test_diff_of_clean_file_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Clean.\n")
    assert run(capsys, "check", "--diff", "a.txt") == (0, "", "No fixes available.\n")


def test_diff_marks_missing_final_newline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "End")
    _, out, _ = run(capsys, "check", "--diff", "a.txt")
    assert out.endswith("-End\n\\ No newline at end of file\n+End\n")


def test_stdin_fix_prints_fixed_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIRTY.encode())))
    code, out, err = run(capsys, "check", "--fix", "-")
    assert (code, out) == (0, DIRTY_FIXED)
    assert "4 fixed" in err


def test_stdin_check_and_stdin_filename(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hard break  \nnext\n")))
    code, out, _ = run(capsys, "check", "--stdin-filename", "talk.md", "-")
    assert (code, out) == (0, "All checks passed!\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Hard break  \nnext\n")))
    code, out, _ = run(capsys, "check", "-")
    assert code == 1 and out.startswith("-:1:11: WS001")


def test_stdin_binary_is_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    )
    code, out, err = run(capsys, "check", "--fix", "-")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "transcript-lint: error: -: binary file (not text)",
        "Found 0 problems (0 fixed, 0 remaining). 1 file could not be checked.",
    ]


# -- selection and config ----------------------------------------------------------------


def test_select_ignore_extend_select(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--select", "WS004", "a.txt")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"WS004"}
    _, out, _ = run(capsys, "check", "--ignore", "WS001,WS002", "a.txt")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"WS003", "WS004"}
    _, out, _ = run(capsys, "check", "--select", "WS004", "--extend-select", "WS003", "a.txt")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"WS003", "WS004"}


def test_config_file_is_found_walking_up(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.transcript-lint]\nignore = ["WS001"]\n')
    write(tmp_path / "deep" / "er" / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "deep")
    assert "WS001" not in out and "WS004" in out
    write(tmp_path / "deep" / "transcript-lint.toml", 'select = ["WS002"]\n')
    _, out, _ = run(capsys, "check", "deep")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"WS002"}


def test_command_line_overrides_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", 'select = ["WS002"]\n')
    write(tmp_path / "a.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--select", "WS004", "a.txt")
    assert {line.split()[1] for line in out.splitlines()[:-1]} == {"WS004"}


def test_explicit_config_and_per_file_ignores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "conf" / "lint.toml", 'per-file-ignores = { "raw/*.txt" = ["WS"] }\n')
    write(tmp_path / "conf" / "raw" / "a.txt", DIRTY)
    write(tmp_path / "conf" / "b.txt", DIRTY)
    _, out, _ = run(capsys, "check", "--config", "conf/lint.toml", "conf")
    assert os.path.join("conf", "raw", "a.txt") not in out
    assert os.path.join("conf", "b.txt") in out


def test_exclude_applies_to_named_files_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", 'exclude = ["drafts"]\n')
    write(tmp_path / "drafts" / "a.txt", DIRTY)
    warning = "warning: no transcript files found under: drafts/a.txt, drafts\n"
    assert run(capsys, "check", "drafts/a.txt", "drafts") == (0, "All checks passed!\n", warning)


def test_words_and_ignore_patterns_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(
        tmp_path / "transcript-lint.toml",
        "words = [\"Zhijun\"]\nignore-patterns = ['\\{time\\}\\s+\\d{4}']\n",
    )
    write(tmp_path / "a.txt", "{time}  1130\n")
    assert run(capsys, "check", "a.txt")[0] == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('selct = ["WS"]\n', "transcript-lint.toml: unknown key 'selct'"),
        ('select = "WS"\n', "transcript-lint.toml: select: expected a list of strings"),
        (
            'select = ["ws001"]\n',
            "transcript-lint.toml: select: 'ws001' is not a rule code or family",
        ),
        ('select = ["ZZ"]\n', "transcript-lint.toml: select: no rule matches 'ZZ'"),
        ("ignore-patterns = ['(']\n", "transcript-lint.toml: ignore-patterns: invalid regex '('"),
        (
            "max-file-size-mb = -1\n",
            "transcript-lint.toml: max-file-size-mb: expected a positive whole number",
        ),
        ("per-file-ignores = 3\n", "transcript-lint.toml: per-file-ignores: expected a table"),
        ("select = [\n", "transcript-lint.toml: invalid TOML"),
    ],
)
def test_broken_config_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: str, message: str
) -> None:
    write(tmp_path / "transcript-lint.toml", config)
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, err = run(capsys, "check", "--fix", "a.txt")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("transcript-lint: error: ")
    assert message in err
    assert read(path) == DIRTY


def test_bad_selector_on_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--select", "W!", ".")
    assert code == 2 and "--select: 'W!' is not a rule code or family" in err


# -- output formats ------------------------------------------------------------------------


def test_json_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    code, out, _ = run(capsys, "check", "--format", "json", "a.txt")
    assert code == 1
    assert json.loads(out) == [
        {
            "filename": "a.txt",
            "code": "WS004",
            "name": "space-before-punctuation",
            "message": "Space before '.'",
            "location": {"row": 1, "column": 3},
            "end_location": {"row": 1, "column": 5},
            "fix": {
                "applicability": "safe",
                "message": "Remove the space before '.'",
                "edits": [
                    {
                        "content": "",
                        "location": {"row": 1, "column": 3},
                        "end_location": {"row": 1, "column": 4},
                    }
                ],
            },
        }
    ]


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    code, out, _ = run(capsys, "check", "--format", "json", "--output-file", "report.json", "a.txt")
    assert (code, out) == (1, "")
    assert json.loads((tmp_path / "report.json").read_text())[0]["code"] == "WS004"


def test_output_file_untouched_by_a_config_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", 'select = ["QQ999"]\n')
    write(tmp_path / "a.txt", "Hi .\n")
    write(tmp_path / "out.json", "OLD\n")
    code, out, err = run(capsys, "check", ".", "--format", "json", "--output-file", "out.json")
    assert (code, out) == (2, "")
    assert "QQ999" in err
    assert read(tmp_path / "out.json") == "OLD\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.txt",
        "out.json",
        "transcript-lint.toml",
    ]


def test_broken_baseline_stops_before_any_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "sub" / "transcript-lint.toml", "")
    write(tmp_path / "sub" / "transcript-lint-baseline.json", "{bad")
    write(tmp_path / "sub" / "a.txt", "Hi .\n")
    write(tmp_path / "out.json", "OLD\n")
    code, out, err = run(capsys, "check", "sub", "--format", "json")
    assert (code, out) == (2, "")
    assert "transcript-lint-baseline.json" in err
    code, out, _ = run(capsys, "check", "sub", "--format", "json", "--output-file", "out.json")
    assert (code, out) == (2, "")
    assert read(tmp_path / "out.json") == "OLD\n"


def test_output_file_untouched_by_an_interrupt(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lint import run as run_module
    from lint.runner import Interrupted, stream_jobs

    def interrupted_after_one(*args: Any, **kwargs: Any) -> Iterator[tuple[int, Any]]:
        done = stream_jobs(*args, **kwargs)
        yield next(done)
        raise Interrupted(1)

    monkeypatch.setattr(run_module, "stream_jobs", interrupted_after_one)
    write(tmp_path / "a.txt", "Hi .\n")
    write(tmp_path / "b.txt", "Ho .\n")
    write(tmp_path / "out.json", "OLD\n")
    os.chmod(tmp_path / "out.json", 0o640)
    code, out, err = run(
        capsys, "check", "a.txt", "b.txt", "--format", "json", "--output-file", "out.json"
    )
    assert (code, out) == (130, "")
    assert "interrupted" in err
    assert read(tmp_path / "out.json") == "OLD\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.json"]
    monkeypatch.setattr(run_module, "stream_jobs", stream_jobs)
    code, _, _ = run(
        capsys, "check", "a.txt", "b.txt", "--format", "json", "--output-file", "out.json"
    )
    assert code == 1
    assert [f["filename"] for f in json.loads(read(tmp_path / "out.json"))] == ["a.txt", "b.txt"]
    assert stat.S_IMODE((tmp_path / "out.json").stat().st_mode) == 0o640  # the mode is kept


def test_output_file_through_a_link_and_to_a_device(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    write(tmp_path / "real.json", "OLD\n")
    (tmp_path / "link.json").symlink_to("real.json")
    code, _, _ = run(capsys, "check", "a.txt", "--format", "json", "--output-file", "link.json")
    assert code == 1
    assert (tmp_path / "link.json").is_symlink()  # the link kept, the file it names replaced
    assert json.loads(read(tmp_path / "real.json"))[0]["code"] == "WS004"
    code, out, _ = run(capsys, "check", "a.txt", "--format", "json", "--output-file", os.devnull)
    assert (code, out) == (1, "")


def test_output_file_with_another_hard_link_is_written_in_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    write(tmp_path / "report.json", "OLD\n")
    os.link(tmp_path / "report.json", tmp_path / "copy.json")
    code, _, _ = run(capsys, "check", "a.txt", "--format", "json", "--output-file", "report.json")
    assert code == 1
    assert (tmp_path / "report.json").stat().st_nlink == 2  # the links stay one file
    assert json.loads(read(tmp_path / "copy.json"))[0]["code"] == "WS004"


def test_statistics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "We will  go.\nNothing here.\nThey  went.\nHi .\n" + UNSAFE)
    _, out, _ = run(capsys, "check", "--statistics", "a.txt")
    # 12 words: rates per 10,000 words.
    assert out.splitlines()[:4] == [
        "2  WS002  [*] multiple-spaces           1818.18 per 10k words",
        "1  EN005      html-entity                909.09 per 10k words",
        "1  WS004  [*] space-before-punctuation   909.09 per 10k words",
        "11 words in 1 file.",
    ]


def test_exit_zero_and_quiet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    code, out, _ = run(capsys, "check", "--exit-zero", "--quiet", "a.txt")
    assert code == 0
    assert out == "a.txt:1:3: WS004 [*] Space before '.'\n"


def test_jobs_give_the_same_results_in_the_same_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for i in range(30):
        write(
            tmp_path / "t" / f"{i:02}.txt", f"Line {i}  here .\nAnd another line.\n" * (i % 3 + 1)
        )
    one = run(capsys, "check", "--jobs", "1", "t")
    two = run(capsys, "check", "--jobs", "2", "t")
    assert one == two
    assert one[1].count("WS002") == 60


def test_bad_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", "--jobs", "0", ".")[0] == 2


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (not text)"),
        (
            # Latin-1, not stray bytes in UTF-8 (those are EN007): 17 of them.
            b"caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve \xe9t\xe9, d\xe9j\xe0 vu, "
            b"\xe0 la fa\xe7on, \xe9l\xe8ve, \xe9t\xe9s, \xe0 c\xf4t\xe9\n",
            "not valid UTF-8: byte 0xe9 at line 1, column 4, '\u00e9' in Windows-1252 and 17 "
            "more: too many to be stray bytes in UTF-8; convert the file to UTF-8",
        ),
        (b"\x00" * 100, "binary file (not text)"),
    ],
)
def test_bad_files_are_errors_and_others_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    good = write(tmp_path / "good.txt", "x  y\n")
    code, _, err = run(capsys, "check", "--fix", "bad.txt", "good.txt")
    assert code == 2
    assert err.splitlines() == [
        "Fixed good.txt: 1 WS002 (multiple-spaces)",
        f"transcript-lint: error: bad.txt: {message}",
    ]
    assert (tmp_path / "bad.txt").read_bytes() == content
    assert read(good) == "x y\n"


def test_missing_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "nope.txt")
    assert (code, err) == (2, "transcript-lint: error: nope.txt: no such file or directory\n")


def test_unreadable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", DIRTY)

    real_open = os.open

    def denied(path: object, flags: int, *args: int) -> int:
        if str(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    code, _, err = run(capsys, "check", "--jobs", "1", "a.txt")
    assert (code, err) == (2, "transcript-lint: error: a.txt: cannot read: Permission denied\n")


def test_broken_symlink(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    code, _, err = run(capsys, "check", "link.txt")
    assert (code, err) == (2, "transcript-lint: error: link.txt: no such file or directory\n")


def test_empty_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "")
    assert run(capsys, "check", "--fix", "a.txt") == (0, "All checks passed!\n", "")
    assert read(tmp_path / "a.txt") == ""


def test_file_over_the_size_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", "max-file-size-mb = 1\n")
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)
    code, _, err = run(capsys, "check", "--fix", "big.txt")
    assert code == 2
    assert (
        err == "transcript-lint: error: big.txt: "
        "file is 1.4 MB, over the 1 MB limit (max-file-size-mb)\n"
    )


def test_one_megabyte_single_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prose = "we spoke about the harbour and the new quay, " * 12_000
    line = prose + "two  spaces " + prose
    path = write(tmp_path / "a.txt", line)
    code, out, _ = run(capsys, "check", "--fix", "a.txt")
    assert code == 0
    assert out == "Found 3 problems (3 fixed, 0 remaining).\n"
    assert read(path) == line.replace("  ", " ").rstrip(" ") + "\n"


def test_internal_error_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    import rules

    def broken(*args: object) -> object:
        raise RuntimeError("boom")

    broken_rules = tuple(
        dataclasses.replace(r, check=broken) if r.code == "WS001" else r for r in rules.ALL_RULES
    )
    monkeypatch.setattr(rules, "ALL_RULES", broken_rules)
    path = write(tmp_path / "a.txt", DIRTY)
    code, out, err = run(capsys, "check", "--fix", "--jobs", "1", "a.txt")
    assert code == 2
    assert (
        err
        == "transcript-lint: error: a.txt: internal error (RuntimeError: boom); please report it\n"
    )
    assert out == "Found 0 problems (0 fixed, 0 remaining). 1 file could not be checked.\n"
    assert read(path) == DIRTY


# -- rule and rules -------------------------------------------------------------------------


def test_rule_explains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "WS002")
    assert code == 0
    assert out.startswith("# multiple-spaces (WS002)\n")
    assert "## What it does" in out and "## Fix safety" in out
    assert run(capsys, "rule", "multiple-spaces")[1] == out


def test_unknown_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rule", "XX999")
    assert code == 2 and "unknown rule 'XX999'" in err


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from rules import ALL_RULES

    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == [r.code for r in ALL_RULES]


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "--format", "xml"])
    assert info.value.code == 2


def test_module_entry_point_runs(tmp_path: Path) -> None:
    import subprocess

    write(tmp_path / "a.txt", "Hi .\n")
    proc = subprocess.run(
        [sys.executable, "-m", "lint", "check", "a.txt"], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stdout.startswith("a.txt:1:3: WS004")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_on_a_terminal_unless_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", "a.txt"])
    assert "\033[31mWS004\033[0m" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    main(["check", "a.txt"])
    assert "\033[" not in terminal.getvalue()


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("sarif", '"version": "2.1.0"'),
        ("github", "::error title=transcript-lint (WS004),file=a.txt,line=1,col=3"),
        ("junit", '<testcase name="transcript-lint.WS004" classname="a.txt"'),
        ("html", "<!DOCTYPE html>"),
    ],
)
def test_every_format_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, marker: str
) -> None:
    write(tmp_path / "a.txt", "Hi .\n")
    code, out, _ = run(capsys, "check", "--format", fmt, "a.txt")
    assert code == 1
    assert marker in out


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`check | head -1`: the pipe closes while findings are printed."""
    write(tmp_path / "a.txt", "A line with a trailing space \n" * 20_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "a.txt"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"a.txt:1:")
    process.stdout.close()
    error = process.stderr.read()
    assert process.wait() == 1
    assert error == b""


def test_version_and_help_load_neither_rules_nor_runner() -> None:
    # What start-up imports is what every run pays: `--version` and `--help` need
    # the parser alone, and the format names without a reporter.
    script = (
        "import contextlib, io, sys\n"
        "from lint.cli import main, preload\n"
        "for argv in (['--version'], ['check', '--help']):\n"
        "    preload(argv)\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(argv)\n"
        "heavy = ('rules', 'lint.run', 'lint.runner', 'lint.config', 'lint.result', "
        "'lint.report.model')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
        "preload(['check', '-q', 'a.txt'])  # what lint.__main__ loads with the collector off\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    loaded = (
        "['lint.config', 'lint.report.model', 'lint.result', 'lint.run', 'lint.runner', 'rules']"
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"[]\n{loaded}\n", "")


# -- the parser of the command named ----------------------------------------------------

COMMANDS = ("check", "baseline", "learn", "dataset", "rule", "rules", "server")


def printed(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[str, str]:
    """What ``parser`` prints for ``argv`` (help or an error) before it exits."""
    out, err = io.StringIO(), io.StringIO()
    with (
        pytest.raises(SystemExit),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        parser.parse_args(argv)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_parses_as_in_the_whole_parser(command: str) -> None:
    # A run builds its command's parser alone: the same help, errors and arguments.
    whole, alone = build_parser(), build_parser(command)
    assert printed(alone, [command, "--help"]) == printed(whole, [command, "--help"])
    bad = [command, "--no-such-option"]
    assert printed(alone, bad) == printed(whole, bad)
    assert " error: " in printed(alone, bad)[1]
    if command == "check":
        argv = ["check", "--fix", "-j", "3", "--select", "WS", "a.txt"]
        assert alone.parse_args(argv) == whole.parse_args(argv)


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["check", "a.txt"], "check"),
        (["rules"], "rules"),
        (["dataset", "check", "in.jsonl", "out"], "dataset"),
        ([], None),
        (["--help"], None),
        (["--help", "check"], None),  # the tool's help, which lists every command
        (["--version", "check"], None),
        (["chek"], None),  # the tool's error, which lists every command
        (["-", "check"], None),
        (["--", "check"], None),
    ],
)
def test_named_command(argv: list[str], command: str | None) -> None:
    assert named_command(argv) == command


def test_tool_help_and_unknown_command_list_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--help", "check"])
    lines = capsys.readouterr().out.splitlines()
    listed = [line.split()[0] for line in lines if line[:4] == "    " and line[4] != " "]
    assert listed == list(COMMANDS)
    with pytest.raises(SystemExit):
        main(["chek", "a.txt"])
    choices = ", ".join(f"'{command}'" for command in COMMANDS)
    assert f"invalid choice: 'chek' (choose from {choices})" in capsys.readouterr().err
