"""Quality gates and rates: limits per 10,000 words, via main(argv)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from lint.gate import gated_by, rate
from lint.result import count_words
from tests.conftest import run, write

pytestmark = pytest.mark.usefixtures("in_tmp")

# 20 words; one WS002 and one EN005.
TALK = (
    "We will  go to the market on Monday and buy bread.\n"
    "Then we will see the R&amp;D people again today.\n"
)


def gate(limits: str) -> str:
    return f"[gate]\nmax-per-10k-words = {{ {limits} }}\n"


def test_words_are_counted() -> None:
    assert count_words(TALK) == 20
    assert count_words("don't stop — well-known 3.5 ½ naïve\n") == 7  # as `wc -w`
    assert count_words("  \n\n") == 0


def test_under_the_limits_exits_0_and_shows_rates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", gate("WS = 600, EN = 500"))
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0
    assert out.splitlines()[-4:] == [
        "Quality gate (transcript-lint.toml): passed, over 20 words in 1 file:",
        "  EN      1 found   500.00 per 10k words  limit 500  ok",
        "  WS      1 found   500.00 per 10k words  limit 600  ok",
        "Found 2 problems (1 fixable with --fix, 1 more with --unsafe-fixes).",
    ]
    # The findings are still listed: the gate decides the exit code only.
    assert "a.txt:1:8: WS002" in out


def test_over_a_limit_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", gate("WS = 600, EN = 0"))
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1
    assert "Quality gate (transcript-lint.toml): failed, over 20 words in 1 file:" in out
    assert "  EN      1 found   500.00 per 10k words  limit 0  exceeded" in out
    assert run(capsys, "check", "--exit-zero", "a.txt")[0] == 0


def test_rates_are_over_the_whole_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", gate("EN = 300"))
    write(tmp_path / "a.txt", TALK)
    assert run(capsys, "check", "a.txt")[0] == 1  # 500 per 10k words
    write(tmp_path / "b.txt", "A clean file with exactly ten words in it, see.\n" * 2)
    code, out, _ = run(capsys, "check", ".")
    assert code == 0  # 1 in 40 words: 250 per 10k words
    assert "  EN      1 found   250.00 per 10k words  limit 300  ok" in out


def test_the_most_specific_selector_counts_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", gate("EN = 0, EN005 = 1000, ALL = 0"))
    write(tmp_path / "a.txt", TALK.replace("  ", " "))
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0
    assert "  EN005      1 found" in out and "  EN         0 found" in out
    # ALL takes what no other selector does.
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1 and "  ALL        1 found" in out


def test_codes_no_limit_names_are_not_gated(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", gate("EN = 1000"))
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 0 and "WS002" in out


def test_files_outside_the_gated_config_keep_zero_tolerance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "gated" / "transcript-lint.toml", gate("ALL = 10000"))
    write(tmp_path / "gated" / "a.txt", TALK)
    assert run(capsys, "check", "gated")[0] == 0
    write(tmp_path / "plain" / "b.txt", "x  y\n")
    assert run(capsys, "check", "gated", "plain")[0] == 1


def test_gate_in_pyproject(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.transcript-lint.gate]\nmax-per-10k-words = { WS = 0.5, EN = 0 }\n",
    )
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1
    assert "Quality gate (pyproject.toml [tool.transcript-lint]): failed" in out
    assert "  WS      1 found   500.00 per 10k words  limit 0.5  exceeded" in out


def test_gate_notes_go_to_stderr_for_machine_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", gate("ALL = 10000"))
    write(tmp_path / "a.txt", TALK)
    code, out, err = run(capsys, "check", "--format", "json", "a.txt")
    assert code == 0
    assert len(json.loads(out)) == 2
    assert err.startswith("Quality gate (transcript-lint.toml): passed")
    assert run(capsys, "check", "--format", "json", "--quiet", "a.txt")[2] == ""


def test_quiet_leaves_out_the_gate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", gate("ALL = 0"))
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "--quiet", "a.txt")
    assert code == 1
    assert [line.split()[1] for line in out.splitlines()] == ["WS002", "EN005"]


def test_statistics_with_gate_and_no_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", gate("WS = 1000"))
    write(tmp_path / "a.txt", "   \n")
    code, out, _ = run(capsys, "check", "--statistics", "a.txt")
    assert code == 1
    assert out.splitlines()[0] == "1  WS001  [*] trailing-whitespace   inf per 10k words"
    assert out.splitlines()[1] == "1  WS009  [*] trailing-blank-lines  inf per 10k words"
    assert out.splitlines()[2] == "0 words in 1 file."
    assert "  WS      2 found      inf per 10k words  limit 1000  exceeded" in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[gate]\nmax-words = 3\n", "transcript-lint.toml: gate: unknown key 'max-words'"),
        ("gate = 3\n", "transcript-lint.toml: gate: expected a table"),
        (
            "[gate]\nmax-per-10k-words = 3\n",
            "transcript-lint.toml: gate.max-per-10k-words: expected a table",
        ),
        (
            gate('WS = "low"'),
            "transcript-lint.toml: gate.max-per-10k-words.WS: expected a number of 0 or more",
        ),
        (
            gate("WS = -1"),
            "transcript-lint.toml: gate.max-per-10k-words.WS: expected a number of 0 or more",
        ),
        (
            gate("WS = nan"),
            "transcript-lint.toml: gate.max-per-10k-words.WS: expected a number of 0 or more",
        ),
        (
            gate("WS = true"),
            "transcript-lint.toml: gate.max-per-10k-words.WS: expected a number of 0 or more",
        ),
        (
            gate("ws = 1"),
            "transcript-lint.toml: gate.max-per-10k-words: 'ws' is not a rule code or family",
        ),
        (gate("ZZ = 1"), "transcript-lint.toml: gate.max-per-10k-words: no rule matches 'ZZ'"),
        ('baseline = ""\n', "transcript-lint.toml: baseline: expected a file name"),
        ("baseline = 3\n", "transcript-lint.toml: baseline: expected a file name"),
    ],
)
def test_broken_gate_config_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, config: str, message: str
) -> None:
    write(tmp_path / "transcript-lint.toml", config)
    write(tmp_path / "a.txt", TALK)
    code, out, err = run(capsys, "check", "a.txt")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1
    assert message in err


def test_empty_gate_is_no_gate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "transcript-lint.toml", "[gate]\n")
    write(tmp_path / "a.txt", TALK)
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1 and "Quality gate" not in out


def test_gated_by_and_rate() -> None:
    selectors = ["ALL", "EN", "EN004", "WS"]
    assert gated_by("EN004", selectors) == "EN004"
    assert gated_by("EN001", selectors) == "EN"
    assert gated_by("PG001", selectors) == "ALL"
    assert gated_by("PG001", ["EN"]) is None
    assert rate(1, 20_000) == 0.5
    assert rate(0, 0) == 0.0
    assert math.isinf(rate(1, 0))
