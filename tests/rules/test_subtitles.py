"""SRT and WebVTT: only cue text is checked and fixed; ST001 checks the timings."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.api import check_text, fix_text, settings_for
from lint.cli import main
from tests.conftest import codes_and_spans

SRT = (
    "1\n"
    "00:00:01,000 --> 00:00:04,000\n"
    "Hello  there , friend.  \n"
    "<i>itâ€™s</i> fine\n"
    "\n"
    "2\n"
    "00:00:05,000 --> 00:00:06,500\n"
    "{\\an8}Bye\u200b now .\n"
)
SRT_FIXED = (
    "1\n"
    "00:00:01,000 --> 00:00:04,000\n"
    "Hello there, friend.\n"
    "<i>it’s</i> fine\n"
    "\n"
    "2\n"
    "00:00:05,000 --> 00:00:06,500\n"
    "{\\an8}Bye now.\n"
)
VTT = (
    "WEBVTT - a talk\n"
    "Kind: captions\n"
    "\n"
    "NOTE written by hand ,  with spaces  .\n"
    "\n"
    "intro\n"
    "00:01.000 --> 00:04.000 align:start position:10%\n"
    "<v Mat Ryer>Hello  there .</v>\n"
)


def timing_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "-->" in line]


def test_srt_cue_text_is_fixed_and_timings_are_not() -> None:
    result = fix_text(SRT, filename="talk.srt", settings=settings_for(select=["ALL"]), unsafe=True)
    assert result.text == SRT_FIXED
    assert timing_lines(result.text) == timing_lines(SRT)


def test_srt_structure_is_never_flagged() -> None:
    findings = check_text(SRT, filename="talk.srt", settings=settings_for(select=["ALL"]))
    rows = {f.location.row for f in findings}
    assert rows.isdisjoint({1, 2, 6, 7})  # cue numbers and timing lines
    assert "PG001" not in {f.code for f in findings}


def test_webvtt_header_notes_settings_and_tags_are_masked() -> None:
    findings = check_text(VTT, filename="talk.vtt", settings=settings_for(select=["ALL"]))
    assert sorted((f.location.row, f.code) for f in findings) == [(8, "WS002"), (8, "WS004")]
    fixed = fix_text(VTT, filename="talk.vtt", settings=settings_for(select=["ALL"])).text
    assert fixed.splitlines()[-1] == "<v Mat Ryer>Hello there.</v>"
    assert fixed.splitlines()[:7] == VTT.splitlines()[:7]


def test_cli_finds_subtitle_files_in_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "b.vtt").write_text(VTT, encoding="utf-8")
    assert main(["check", "--fix", "--unsafe-fixes", str(tmp_path)]) == 0
    assert (tmp_path / "a.srt").read_text(encoding="utf-8") == SRT_FIXED
    assert "2 files" not in capsys.readouterr().err


# -- ST001 invalid-cue-timing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("00:00:05,000 -> 00:00:06,000", "Timing line does not parse"),
        ("00:00:05 --> 00:00:06", "Timing line does not parse"),
        ("00:00:05,000 - 00:00:06,000", "Timing line does not parse"),
        ("00:00:06,000 --> 00:00:05,000", "Cue ends before it starts"),
        ("00:00:75,000 --> 00:01:05,000", "Timing has minutes or seconds over 59"),
    ],
)
def test_st001_reports_broken_timings(line: str, message: str) -> None:
    text = f"1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n{line}\nAgain.\n"
    findings = check_text(text, filename="t.srt", settings=settings_for(select=["ST001"]))
    assert [(text[f.start : f.end], f.message, f.fix) for f in findings] == [(line, message, None)]


def test_st001_webvtt_needs_its_header() -> None:
    text = "00:01.000 --> 00:02.000\nHello.\n"
    assert [
        f.message
        for f in check_text(text, filename="t.vtt", settings=settings_for(select=["ST001"]))
    ] == ["A WebVTT file must begin with 'WEBVTT'"]


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        (SRT, "t.srt"),
        (VTT, "t.vtt"),
        ("WEBVTT\n\nNOTE an arrow --> in a note\n\n00:01.000 --> 00:02.000\nHi.\n", "t.vtt"),
        ("The score went 3 -> 4 and the arrow --> points on.\n", "t.txt"),
    ],
)
def test_st001_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "ST001", filename) == []
