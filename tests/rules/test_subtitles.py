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


# -- ST002 .. ST005: the cues ---------------------------------------------------------------


def srt(*cues: tuple[str, str]) -> str:
    """An SRT file of (timing, text) cues, numbered from 1."""
    return "".join(
        f"{n}\n{timing}\n{words}\n\n" if words else f"{n}\n{timing}\n\n"
        for n, (timing, words) in enumerate(cues, start=1)
    )


def found(text: str, code: str, filename: str) -> list[tuple[str, bool]]:
    """The text of every finding of ``code`` and whether it has a fix."""
    settings = settings_for(select=[code])
    return [
        (text[f.start : f.end], f.fix is not None)
        for f in check_text(text, filename=filename, settings=settings)
    ]


OVERLAP = srt(
    ("00:00:01,000 --> 00:00:04,000", "We start at nine."),
    ("00:00:03,500 --> 00:00:06,000", "Then we eat."),
)


def test_st002_flags_a_cue_that_starts_before_the_one_above_ends() -> None:
    assert found(OVERLAP, "ST002", "t.srt") == [("00:00:03,500 --> 00:00:06,000", False)]
    vtt = "WEBVTT\n\n00:01.000 --> 00:04.000\nOne.\n\n00:03.999 --> 00:05.000\nTwo.\n"
    assert found(vtt, "ST002", "t.vtt") == [("00:03.999 --> 00:05.000", False)]


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        (
            srt(
                ("00:00:01,000 --> 00:00:04,000", "One."),
                ("00:00:04,000 --> 00:00:06,000", "Two."),
            ),
            "t.srt",
        ),
        (
            srt(
                ("00:00:01,000 --> 00:00:04,000", "{\\an8}A sign."),
                ("00:00:02,000 --> 00:00:03,000", "Speech."),
            ),
            "t.srt",
        ),
        (
            "WEBVTT\n\n00:01.000 --> 00:04.000 line:0\nA sign.\n\n"
            "00:02.000 --> 00:03.000\nSpeech.\n",
            "t.vtt",
        ),
        (
            "WEBVTT\n\n00:01.000 --> 00:04.000 position:10% align:start\nRolling\n\n"
            "00:02.000 --> 00:05.000 position:10% align:start\ncaptions.\n",
            "t.vtt",
        ),
        (OVERLAP, "t.txt"),
    ],
)
def test_st002_leaves_alone(text: str, filename: str) -> None:
    assert found(text, "ST002", filename) == []


def test_st003_flags_an_empty_cue_and_deletes_it_unsafely() -> None:
    text = srt(
        ("00:00:01,000 --> 00:00:02,000", "One."),
        ("00:00:02,000 --> 00:00:03,000", ""),
        ("00:00:03,000 --> 00:00:04,000", "<i></i>"),
        ("00:00:04,000 --> 00:00:05,000", "Four."),
    )
    assert found(text, "ST003", "t.srt") == [
        ("00:00:02,000 --> 00:00:03,000", True),
        ("00:00:03,000 --> 00:00:04,000", True),
    ]
    expected = srt(("00:00:01,000 --> 00:00:02,000", "One.")) + (
        "4\n00:00:04,000 --> 00:00:05,000\nFour.\n\n"
    )
    assert (
        fix_text(text, filename="t.srt", settings=settings_for(select=["ST003"]), unsafe=True).text
        == expected
    )
    assert fix_text(text, filename="t.srt", settings=settings_for(select=["ST003"])).text == text


def test_st003_last_empty_cue_and_only_cue() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n\n00:02.000 --> 00:03.000\n"
    settings = settings_for(select=["ST003"])
    result = fix_text(text, filename="t.vtt", settings=settings, unsafe=True).text
    assert result == "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n"
    only = "WEBVTT\n\n00:01.000 --> 00:02.000\n"
    assert found(only, "ST003", "t.vtt") == [("00:01.000 --> 00:02.000", False)]


def test_st003_last_empty_cue_read_as_the_text_above_is_flagged_without_a_fix() -> None:
    """A timing line right under a cue's text, with no blank line between, also
    reads as that text: no deletion takes the empty cue alone (the fix used to
    delete nothing, and never settled)."""
    text = "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\n6\n00:00:05.000 --> 00:00:06.000\n"
    assert found(text, "ST003", "t.vtt") == [("00:00:05.000 --> 00:00:06.000", False)]
    settings = settings_for(select=["ST003"])
    assert fix_text(text, filename="t.vtt", settings=settings, unsafe=True).text == text


@pytest.mark.parametrize(
    "text",
    [
        srt(("00:00:01,000 --> 00:00:02,000", "[music]")),
        srt(("00:00:01,000 --> 00:00:02,000", "♪")),
        srt(("00:00:01,000 --> 00:00:02,000", "<i>Yes.</i>")),
        "1\n00:00:01,000 --> 00:00:02,000\nOne.\n2\n00:00:02,000 --> 00:00:03,000\nTwo.\n",
    ],
)
def test_st003_leaves_cues_with_text_alone(text: str) -> None:
    assert found(text, "ST003", "t.srt") == []


def test_st004_flags_a_cue_that_starts_before_the_one_above() -> None:
    text = srt(
        ("00:00:05,000 --> 00:00:06,000", "Second."),
        ("00:00:01,000 --> 00:00:02,000", "First."),
    )
    assert found(text, "ST004", "t.srt") == [("00:00:01,000 --> 00:00:02,000", False)]
    assert found(text, "ST002", "t.srt") == []  # out of order is not also an overlap


@pytest.mark.parametrize(
    "text",
    [
        srt(
            ("00:00:01,000 --> 00:00:02,000", "One."),
            ("00:00:01,000 --> 00:00:03,000", "Same start."),
        ),
        srt(
            ("00:00:06,000 --> 00:00:05,000", "Broken, ST001's."),
            ("00:00:01,000 --> 00:00:02,000", "Fine."),
        ),
    ],
)
def test_st004_leaves_alone(text: str) -> None:
    assert found(text, "ST004", "t.srt") == []


@pytest.mark.parametrize(
    ("timing", "flagged", "fixed_timing"),
    [
        (
            "0:00:01.000 --> 0:00:02.000",
            ["0:00:01.000", "0:00:02.000"],
            "00:00:01.000 --> 00:00:02.000",
        ),
        ("00:00:01,000 --> 00:00:02.000", ["00:00:01,000"], "00:00:01.000 --> 00:00:02.000"),
        ("00:01.5 --> 00:02.000", ["00:01.5"], None),
        ("0:1:02.000 --> 00:02:03.000", ["0:1:02.000"], None),
    ],
)
def test_st005_flags_webvtt_timestamps(
    timing: str, flagged: list[str], fixed_timing: str | None
) -> None:
    text = f"WEBVTT\n\n{timing} align:start\nHello.\n"
    assert [t for t, _ in found(text, "ST005", "t.vtt")] == flagged
    settings = settings_for(select=["ST005"])
    assert fix_text(text, filename="t.vtt", settings=settings).text == text
    result = fix_text(text, filename="t.vtt", settings=settings, unsafe=True).text
    assert result == (text.replace(timing, fixed_timing) if fixed_timing else text)


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n", "t.vtt"),
        ("WEBVTT\n\n10:00:01.000 --> 10:00:02.000 line:0\nHi.\n", "t.vtt"),
        ("1\n0:00:01,000 --> 0:00:02,000\nHi.\n", "t.srt"),
        ("WEBVTT\n\nNOTE 0:00:01.000 --> 0:00:02,000 is how not to write it\n", "t.vtt"),
    ],
)
def test_st005_leaves_alone(text: str, filename: str) -> None:
    assert found(text, "ST005", filename) == []


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # No blank line between a cue's text and the next timing: the line above the
        # empty cue's timing is the cue above's text, and it stays.
        (
            "t.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"
            "00:00:02,000 --> 00:00:03,000\n\n3\n00:00:03,000 --> 00:00:04,000\nBye now.\n",
            "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"
            "3\n00:00:03,000 --> 00:00:04,000\nBye now.\n",
        ),
        # The header right above the first (empty) cue stays.
        (
            "t.vtt",
            "WEBVTT\n00:00:01.000 --> 00:00:02.000\n\n00:00:02.000 --> 00:00:03.000\nHi.\n",
            "WEBVTT\n00:00:02.000 --> 00:00:03.000\nHi.\n",
        ),
    ],
)
def test_st003_deletes_only_the_empty_cue(name: str, text: str, expected: str) -> None:
    settings = settings_for(select=["ST003"])
    assert fix_text(text, filename=name, settings=settings, unsafe=True).text == expected


def test_cues_of_a_crlf_file_are_read() -> None:
    text = (
        "1\r\n00:00:01,000 --> 00:00:04,000\r\nHello.\r\n\r\n"
        "2\r\n00:00:03,000 --> 00:00:05,000\r\nOverlap.\r\n\r\n"
        "3\r\n00:00:06,000 --> 00:00:07,000\r\n\r\n"
        "4\r\n00:00:05,500 --> 00:00:09,000\r\nEarlier.\r\n"
    )
    settings = settings_for(select=["ST"])
    found = {f.code for f in check_text(text, filename="t.srt", settings=settings)}
    assert found == {"ST002", "ST003", "ST004"}


def test_st002_reads_positions_from_settings_and_tags_not_from_words() -> None:
    words = (
        "1\n00:00:01,000 --> 00:00:04,000\nBottom line: we win.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nOverlap.\n"
    )
    placed = words.replace("Bottom line: we win.", "{\\an8}Bottom line: we win.")
    settings = settings_for(select=["ST002"])
    assert [f.code for f in check_text(words, filename="t.srt", settings=settings)] == ["ST002"]
    assert check_text(placed, filename="t.srt", settings=settings) == []
