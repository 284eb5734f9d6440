"""PG rules: page furniture they must find, look-alikes they must leave, fixed output."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.api import check_text, fix_text, settings_for
from lint.cli import main
from lint.fix import Safety
from tests.conftest import codes_and_spans, fixed


def flagged(text: str, code: str, filename: str = "t.txt") -> list[str]:
    return [text[s:e] for s, e in codes_and_spans(text, code, filename)]


# -- PG001 pagination-strip --------------------------------------------------------------


@pytest.mark.parametrize(
    "strip",
    [
        "<  1  2  3  4  5  6  7  8  9",
        "<\u00a0\u00a01\u00a0\u00a02\u00a0\u00a03",
        "« Prev 1 2 3 Next »",
        "1 | 2 | 3 | Next",
        "First Previous 4 5 6 Next Last",
        "1 2 3 ... 9 Next",
        "Prev 7 8 9 10",
        "1 2 3 4 5",
    ],
)
def test_pg001_deletes_strip(strip: str) -> None:
    text = f"That ends the briefing.\n\n{strip}\n"
    assert flagged(text, "PG001") == [strip]
    assert fixed(text, "PG001") == "That ends the briefing.\n\n"


def test_pg001_strip_as_last_line_without_newline() -> None:
    assert fixed("The end.\n<  1  2  3", "PG001") == "The end."


@pytest.mark.parametrize(
    "text",
    [
        "0 1 1 2 3 5 8 13 21\n",
        "2019 2020 2021 2022\n",
        "1 2 3\n",
        "Votes: 1 2 3 4\n",
        "1. First point\n2. Second point\n3. Third point\n4. Fourth point\n",
        "Row  1 2 3 4\n",
        "1 2 3 4 5\n6 7 8 9 10\n",
        "Page 1 2 3 4 of the report\n",
    ],
)
def test_pg001_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "PG001") == []


# -- PG002 page-marker -------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    [
        "Page 834",
        "Page 3 of 12",
        "PAGE 2",
        "- 12 -",
        "[[Page D783]]",
        "[Page H6173]",
        "[Pages D784-D786]",
    ],
)
def test_pg002_deletes_marker_line_safely(marker: str) -> None:
    text = f"The committee met.\n{marker}\nIt adjourned.\n"
    findings = check_text(text, settings=settings_for(select=["PG002"]))
    assert [f.safety for f in findings] == [Safety.SAFE]
    assert fixed(text, "PG002") == "The committee met.\nIt adjourned.\n"


def test_pg002_marker_inside_a_sentence_is_unsafe() -> None:
    text = "the committee will [[Page S8537]] now consider the bill\n"
    findings = check_text(text, settings=settings_for(select=["PG002"]))
    assert [(text[f.start : f.end], f.safety) for f in findings] == [
        ("[[Page S8537]]", Safety.UNSAFE)
    ]
    assert "will now consider" in findings[0].fix.message  # type: ignore[union-attr]
    assert fixed(text, "PG002") == text
    assert fixed(text, "PG002", unsafe=True) == "the committee will now consider the bill\n"


@pytest.mark.parametrize(
    "text",
    [
        "Turn to page 12 of the report.\n",
        "Page 12.\n",
        "See Page S8544\n",
        "It was - 12 - degrees.\n",
        "```\n[[Page D783]]\n```\n",
    ],
)
def test_pg002_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "PG002", "t.md") == []


# -- PG003 line-number-gutter ------------------------------------------------------------

GUTTER = "".join(f"{n}   Line {n} of the testimony goes here\n" for n in range(1, 11))


def test_pg003_strips_consistent_gutter() -> None:
    assert len(codes_and_spans(GUTTER, "PG003")) == 10
    assert fixed(GUTTER, "PG003") == "".join(
        f"Line {n} of the testimony goes here\n" for n in range(1, 11)
    )


def test_pg003_gutter_restarts_each_page() -> None:
    pages = GUTTER + GUTTER
    assert len(codes_and_spans(pages, "PG003")) == 20


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"{n}. Item number {n}\n" for n in range(1, 11)),
        "".join(f"{n}   Line\n" for n in range(1, 6)),
        "".join(f"{n}   Line\n" for n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11)),
        "1   only one numbered line\n",
    ],
)
def test_pg003_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "PG003") == []


# -- PG004 boilerplate-line --------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "safety"),
    [
        ("Print | E-mail | Share", Safety.SAFE),
        ("Adjust font size:", Safety.SAFE),
        ("Home > Press Room > Notice >", Safety.SAFE),
        ("ㄑ Press Room ㄑ Notice", Safety.SAFE),
        ("Skip to main content", Safety.SAFE),
        ("Read in Chinese", Safety.SAFE),
        ("Press Room", Safety.UNSAFE),
    ],
)
def test_pg004_built_in_chrome(line: str, safety: Safety) -> None:
    text = f"{line}\n\nThe minister spoke first.\n"
    findings = check_text(text, settings=settings_for(select=["PG004"]))
    assert [(text[f.start : f.end], f.safety) for f in findings] == [(line, safety)]
    assert fix_text(text, settings=settings_for(select=["PG004"]), unsafe=True).text == (
        "\nThe minister spoke first.\n"
    )


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("**Mat Ryer:** Yeah.\n**Mat Ryer:** Yeah.\n**Mat Ryer:** Yeah.\n", "t.md"),
        ("Thank you.\nThank you.\nThank you.\n", "t.txt"),
        ("# Intro\n\ntext\n\n# Intro\n\ntext\n\n# Intro\n", "t.md"),
        ("The press room was full.\n", "t.txt"),
        ("```\nPrint | E-mail | Share\n```\n", "t.md"),
    ],
)
def test_pg004_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "PG004", filename) == []


def test_pg004_running_header_at_page_breaks() -> None:
    page = "Harbour Board Minutes\n\nThe board met and talked.\nIt agreed.\n"
    text = "".join(f"{page}- {n} -\n" for n in range(1, 4))
    assert flagged(text, "PG004") == ["Harbour Board Minutes"] * 3
    # Without page breaks a repeated line is not a running header.
    assert codes_and_spans(page * 3, "PG004") == []


def corpus(tmp_path: Path, files: int, header: str) -> None:
    for n in range(files):
        body = f"Speaker {n}:\n\nWe spoke about item {n} today.\nIt went well.\n"
        (tmp_path / f"{n:02}.txt").write_text(f"{header}\n\n{body}", encoding="utf-8")


def test_pg004_header_repeated_across_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(tmp_path, 4, "Harbour Authority Transcripts Service")
    assert main(["check", "--select", "PG004", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.count("header or footer of 4 of 4 files") == 4
    # One file alone has no corpus to compare with.
    assert main(["check", "--select", "PG004", str(tmp_path / "00.txt")]) == 0


def test_pg004_learned_lexicon_serves_a_single_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(tmp_path, 4, "Harbour Authority Transcripts Service")
    lexicon = tmp_path / "lexicon.toml"
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert '"Harbour Authority Transcripts Service" = { files = 4 }' in lexicon.read_text()
    (tmp_path / "transcript-lint.toml").write_text('lexicon = "lexicon.toml"\n')
    capsys.readouterr()
    assert main(["check", "--select", "PG004", str(tmp_path / "00.txt")]) == 1
    assert "listed as boilerplate in the lexicon" in capsys.readouterr().out
    before = lexicon.read_bytes()
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert lexicon.read_bytes() == before


def test_pg004_reviewed_lexicon_entry_survives_learning(tmp_path: Path) -> None:
    corpus(tmp_path, 4, "Harbour Authority Transcripts Service")
    lexicon = tmp_path / "lexicon.toml"
    entry = "{ files = 1, reviewed = true, ignore = true }"
    lexicon.write_text(f'[boilerplate]\n"Harbour Authority Transcripts Service" = {entry}\n')
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert "files = 1, reviewed = true, ignore = true" in lexicon.read_text()
