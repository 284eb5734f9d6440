"""PG rules: page furniture they must find, look-alikes they must leave, fixed output."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.api import check_text, fix_text, settings_for
from lint.cli import main
from lint.document import Document
from lint.fix import Safety
from rules.page_furniture import _edge_lines, candidate_lines, edge_candidates
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
        "Previous20 21 22 23 24 25 Next",
        "« 1 2 3 … 9 »",
        "Page 1 of 9 Next >",
        "1 2 3 Next»",
        "上一页 1 2 3 4 下一页",
        "Précédent 4 5 6 Suivant",
        "Pages: 1 2 3 4 Next",
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
        "Next 2 weeks 3 days\n",
        "First 3 of 4\n",
        "Chapter 1 of 9 Next\n",
        "Page 3 of 12\n",  # PG002's
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


FLAT_LINES = [
    "MINUTES OF THE MEETING",
    "PRESENT: Ms. Lee, Mr. Ode",
    "and the clerk of the board.",
    "The chair opened the",
    "meeting at ten and read",
    "the agenda aloud. Mr. Ode",
    "asked about item 3 and",
    "the chair said we had 3 items",
    "left to hear that day.",
    "",
    "Ms. Lee moved to adjourn.",
]


def test_pg003_flattened_gutter() -> None:
    text = " ".join(f"{n} {line}" for n, line in enumerate(FLAT_LINES, 1)) + "\n"
    findings = check_text(text, settings=settings_for(select=["PG003"]))
    assert [text[f.start : f.end] for f in findings] == [str(n) for n in range(1, 12)]
    assert {f.safety for f in findings} == {Safety.SAFE}
    expected = " ".join(line for line in FLAT_LINES if line) + "\n"
    assert fixed(text, "PG003").replace("  ", " ") == expected
    assert "item 3 and the chair said we had 3 items" in fixed(text, "PG003")


def test_pg003_flattened_gutter_with_a_rival_number_is_unsafe() -> None:
    lines = [*FLAT_LINES]
    lines[2] = "and the 3 clerks of the board."  # a `3` of the text before the gutter's
    text = " ".join(f"{n} {line}" for n, line in enumerate(lines, 1)) + "\n"
    findings = check_text(text, settings=settings_for(select=["PG003"]))
    unsafe = [text[f.start : f.end] for f in findings if f.safety is Safety.UNSAFE]
    assert unsafe == ["3"]


@pytest.mark.parametrize(
    "text",
    [
        "He counted 1 2 3 4 5 6 7 8 9 10 and stopped.\n",
        "".join(f"{n}. Item {n} " for n in range(1, 12)) + "\n",
        "We had 1 goal, then 2 goals, 3 more, 4 and 5 and 6 and 7 and 8 and 9.\n",
        "".join(f"Step {n} mix the flour and the sugar " for n in range(1, 12)) + "\n",
        "".join(f"{n} {line} " for n, line in enumerate(FLAT_LINES[:6], 1)) + "\n",
    ],
)
def test_pg003_flattened_leaves_alone(text: str) -> None:
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
        ("中文 | Français | Español | Contact Us", Safety.SAFE),
        ("Search form", Safety.SAFE),
        ("SEARCH FORM:", Safety.SAFE),
        ("Recommend to a friend", Safety.SAFE),
        ("View original document", Safety.SAFE),
        ("Click a line to jump to that point in the video", Safety.SAFE),
        ("Username: Password: Register | Forgot password?", Safety.SAFE),
        ("Upload • Views 12 • Download 0 • Embed Size (px)", Safety.SAFE),
        ("【打印】【关闭】", Safety.SAFE),
        ("打印本页", Safety.SAFE),
        ("Retour en haut", Safety.SAFE),
        ("Home | About | Our Team | Contact", Safety.UNSAFE),
        ("Source: Ministry website 2024-10-22 11:05", Safety.UNSAFE),
        ("来源：外交部网站 2024年10月22日", Safety.UNSAFE),
        ("Posted on March 3, 2024", Safety.UNSAFE),
        ("Text size: A A A", Safety.SAFE),
        ("© 2021 Harbour Board. All rights reserved.", Safety.UNSAFE),
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
        ("Harbour briefing | October 29, 2020\n\nThe minister spoke.\n", "t.txt"),
        ("Salt | Pepper | Oil\n\nThe chef spoke.\n", "t.txt"),
        ("| Print | Share |\n| --- | --- |\n| 1 | 2 |\n", "t.md"),
        ("Date: March 3, 2024\n\nThe hearing opened.\n", "t.txt"),
        ("Source: the minister's own notes\n\nThe hearing opened.\n", "t.txt"),
        ("Search\n\nThe hearing opened.\n", "t.txt"),
        ("English\n\nThe hearing opened.\n", "t.txt"),
        ("We searched the form for errors.\n", "t.txt"),
        ("Recommend to a friend, he said, and left.\n", "t.txt"),
        ("The witness read: Source: Ministry 2024-10-22\n", "t.txt"),
        ("Wen Ku:\nWen Ku:\nThanks.\n", "t.txt"),
    ],
)
def test_pg004_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "PG004", filename) == []


def test_pg004_chrome_anywhere_in_the_text() -> None:
    text = "The minister spoke.\nRecommend to a friend\nShe answered.\n"
    assert flagged(text, "PG004") == ["Recommend to a friend"]
    assert fixed(text, "PG004") == "The minister spoke.\nShe answered.\n"


def test_pg004_bar_shape_only_at_the_edges() -> None:
    middle = "The minister spoke.\n" * 10 + "Home | About | Our Team | Contact\n" + "Yes.\n" * 10
    assert codes_and_spans(middle, "PG004") == []


def test_pg004_title_repeated_under_itself() -> None:
    text = "Harbour Plan Briefing\n\nHarbour Plan Briefing\n\nThe minister spoke.\n"
    findings = check_text(text, settings=settings_for(select=["PG004"]))
    assert [(f.start, f.safety) for f in findings] == [(23, Safety.UNSAFE)]
    assert fixed(text, "PG004", unsafe=True) == ("Harbour Plan Briefing\n\n\nThe minister spoke.\n")
    # A sentence said twice, or a title far down the text, is not a repeated title.
    assert codes_and_spans("Thank you.\nThank you.\nOn we go.\n", "PG004") == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("  Harbour  Plan Briefing\nHarbour Plan\tBriefing \nThe minister spoke.\n", 1),
        ("\u3000Harbour Plan Briefing\nHarbour Plan Briefing\nThe minister spoke.\n", 1),
    ],
)
def test_pg004_title_repeated_under_itself_but_for_spacing(text: str, line: int) -> None:
    start = Document(text).line_starts[line]
    assert [s for s, _ in codes_and_spans(text, "PG004")] == [start]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Plan Briefing\nharbour Plan Briefing\nThe minister spoke.\n",
        "Harbour Plan Briefing\nHarbour Plan Briefings\nThe minister spoke.\n",
        "Harbour Plan Briefing.\nHarbour Plan Briefing.\nThe minister spoke.\n",
        "Harbour Plan Briefing:\nHarbour Plan Briefing:\nThe minister spoke.\n",
    ],
)
def test_pg004_title_not_repeated(text: str) -> None:
    assert codes_and_spans(text, "PG004") == []


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


@pytest.mark.parametrize(
    "opening",
    [
        "Fellow citizens of the Council:",
        "To the Board of Directors:",
        "Mr. Chairman, members of the committee:",
        "The White House,",
        "Thank you",
        "Thank you.",
        "Good morning",
        "Good morning.",
        "Ladies and gentlemen",
    ],
)
def test_pg004_salutations_at_the_top_of_many_files_are_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opening: str
) -> None:
    corpus(tmp_path, 6, opening)
    assert main(["check", "--select", "PG004", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("PG004") == 0


@pytest.mark.parametrize(
    "signature",
    [
        "The White House,\nMarch {n}, 1901.",
        "Respectfully submitted,\nThe Clerk of the Board",
        "Sincerely,\nAda Lee",
        "Thank you.",
    ],
)
def test_pg004_signatures_at_the_bottom_of_many_files_are_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signature: str
) -> None:
    for n in range(1, 7):
        body = f"Members of the Board:\n\nWe spoke about item {n} today.\nIt went well.\n\n"
        (tmp_path / f"{n:02}.txt").write_text(body + signature.format(n=n) + "\n")
    assert main(["check", "--select", "PG004", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("PG004") == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_pg004_lines_under_a_closing_are_no_candidates(newline: str) -> None:
    # `Best wishes,` stands under `Kind regards,`: a signature line, so it closes
    # nothing, and the line four below the first closing is a candidate again.
    lines = [
        "Kind regards,",
        "Ada Lee of the Port",
        "Best wishes,",
        "Port of Call Office",
        "Harbour Board Office",
        "Tide Tables Office",
    ]
    doc = Document(newline.join(lines) + newline, "t.txt")
    assert [line for line, _ in candidate_lines(doc)] == [4, 5]
    edges = _edge_lines(doc)
    assert edge_candidates(doc) == [c for c in candidate_lines(doc) if c[0] in edges]


def test_pg004_edge_candidates_are_the_candidates_at_the_edges() -> None:
    # Read without the lines in between, the first and last lines are judged as
    # when every line is read: a closing far above still rules a signature out.
    body = [f"Line {n} of the minutes ends here." for n in range(30)]
    lines = ["Harbour Board Minutes", *body, "Yours faithfully,", "Ada Lee Port Office"]
    lines += ["The Clerk of the Board", "Harbour Board Minutes", "Page Furniture Line"]
    doc = Document("\n".join(lines) + "\n", "t.txt")
    edges = _edge_lines(doc)
    expected = [c for c in candidate_lines(doc) if c[0] in edges]
    assert [line for line, _ in expected] == [0, 35]
    assert edge_candidates(doc) == expected


def test_deleting_the_first_and_last_lines_leaves_a_clean_file_in_one_run() -> None:
    # Furniture at both ends: after one fix the file starts with its text and ends
    # with one line break, and nothing is left for a second run.
    text = "Press Room\n\nThe minister spoke.\n\nShe left.\n\n<  1  2  3  4\n"
    settings = settings_for(select=["PG", "WS"])
    result = fix_text(text, settings=settings, unsafe=True)
    assert result.text == "The minister spoke.\n\nShe left.\n"
    assert check_text(result.text, settings=settings) == []


# -- PG005 running-head -----------------------------------------------------------------

PAGE_BODY = "the witness said that he had\nnot seen the car that night.\nHis sister was there.\n"


def test_pg005_running_head_whole_lines_and_glued() -> None:
    text = "".join(f"ACME COURT REPORTERS 555-0100 {n}\n{PAGE_BODY}" for n in range(1, 5))
    text = text.replace("His sister", "His ACME COURT REPORTERS 555-0100 9 sister", 1)
    findings = check_text(text, settings=settings_for(select=["PG005"]))
    found = sorted((text[f.start : f.end], f.safety) for f in findings)
    assert found == [
        *[(f"ACME COURT REPORTERS 555-0100 {n}", Safety.SAFE) for n in range(1, 5)],
        ("ACME COURT REPORTERS 555-0100 9", Safety.UNSAFE),
    ]
    assert fixed(text, "PG005", unsafe=True) == PAGE_BODY * 4


def test_pg005_page_word_in_the_middle() -> None:
    text = "".join(f"Harbour Board - Page {n} - Minutes\n{PAGE_BODY}" for n in range(2, 6))
    assert len(codes_and_spans(text, "PG005")) == 4


@pytest.mark.parametrize(
    "text",
    [
        "".join(
            f"Question {n} from the audience\nIt was asked.\nAnd answered.\n" for n in range(5)
        ),
        "".join("Vote 12 of the day\nYes.\nNo.\nMaybe.\n" for _ in range(4)),
        "".join(f"Item {n} on the agenda today\n" for n in range(1, 6)),
        "".join(f"Interview with the minister, part {n}\n{PAGE_BODY}" for n in range(1, 4)),
        "".join(f"ACME COURT REPORTERS {n}\n{PAGE_BODY}" for n in (1, 2)),
        "".join(f"ACME COURT REPORTERS {n}\n{PAGE_BODY}" for n in (9, 4, 1)),
        "".join(f"{n} people came in {n + 1} cars\n{PAGE_BODY}" for n in range(1, 5)),
        "".join(f"{n}. A note from the Harbour Board on\n{PAGE_BODY}" for n in range(40, 44)),
        "".join(f"The clerk read out note {n} of the day and\n{PAGE_BODY}" for n in range(4)),
        "".join(f"```\nACME COURT REPORTERS {n}\n```\n{PAGE_BODY}" for n in range(1, 5)),
    ],
)
def test_pg005_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "PG005", "t.md") == []
