"""WS rules: texts they must flag, texts they must leave alone, and fixed output."""

from __future__ import annotations

import pytest

from lint import document
from lint.api import check_text, settings_for
from lint.document import MAX_LINE, Document
from rules.whitespace import _SPACE_RUN, _space_runs
from tests.conftest import codes_and_spans, fixed


def flagged(text: str, code: str, filename: str = "t.txt") -> list[str]:
    return [text[s:e] for s, e in codes_and_spans(text, code, filename)]


# -- WS001 trailing-whitespace ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you.  \nNext.\n", ["  "]),
        ("Thank you.\t\n", ["\t"]),
        ("Thank you.\u00a0\r\nNext.\r\n", ["\u00a0"]),
        ("Thank you. \rNext.\r", [" "]),
        ("one\n   \ntwo\n", ["   "]),
        ("no final newline   ", ["   "]),
    ],
)
def test_ws001_flags(text: str, expected: list[str]) -> None:
    assert flagged(text, "WS001") == expected


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("Clean line.\nAnother.\n", "t.txt"),
        ("Hard break in Markdown  \nnext line\n", "t.md"),
        ("```\ncode with trailing   \n```\n", "t.md"),
        ("  Indented line.\n", "t.txt"),
    ],
)
def test_ws001_leaves_alone(text: str, filename: str) -> None:
    assert flagged(text, "WS001", filename) == []


def test_ws001_markdown_flags_three_spaces_and_blank_lines() -> None:
    assert flagged("Three   \n  \n", "WS001", "t.md") == ["   ", "  "]


def test_ws001_fix() -> None:
    assert fixed("Yes.  \r\n\t\r\nNo. ", "WS001") == "Yes.\r\n\r\nNo."


# -- WS002 multiple-spaces -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will  continue.\n", ["  "]),
        ("the scale of\u00a0 industrial output\n", ["\u00a0 "]),
        ("> Quoted and  doubled.\n", ["  "]),
        ("the departments;  but not here\n", ["  "]),
    ],
)
def test_ws002_flags(text: str, expected: list[str]) -> None:
    assert flagged(text, "WS002") == expected


@pytest.mark.parametrize(
    "text",
    [
        "    Indented quotation.\n",
        "End of sentence.  Next sentence.\n",
        "Name      Votes     Party\n",
        "| a  | b |\n",
        "<  1  2  3  4\n",
        "See http://example.com/a  b\n".replace("  b", " b"),
        "Trailing spaces  \n",
        "two  gaps  here, likely columns\n",
        "Assn of Manufacturers  ..............  12\n",
        "                              {time}  1015\n",
        ">  Quoted with a wide marker.\n",
        "1.  First item\n",
        "Agreement:  A unanimous consent\n",
        # the gap lines up with the one below: two columns
        "1. Name, address, and nature  employees who will file\n"
        "   of the activity of this    registrant\n",
        "$1,500.00  John Doe\n",
        "1130  The House met at noon\n",
        " ___  interests have terminated\n",
    ],
)
def test_ws002_leaves_alone(text: str) -> None:
    assert flagged(text, "WS002") == []


def test_ws002_fix() -> None:
    assert fixed("We will  continue.\nTo\u00a0 grow.\n", "WS002") == "We will continue.\nTo grow.\n"


@pytest.mark.parametrize(
    "text",
    [
        "We will  continue.  Next\n",
        # runs that an odd space is inside, starts or ends, in a text long enough for
        # its few odd spaces to be looked up one by one
        "a \u00a0 b\u00a0c  d \u2003\u3000e\n" + "Some words.\n" * 30,
        "\u00a0\u00a0start" + " and words" * 30 + " end\u00a0 \u00a0",
        "columns      of      spaces and one\u00a0odd space\n" * 30,
        "odd \u00a0\u00a0 spaces everywhere\u00a0" * 40,  # many: one scan of the text
        "no runs at all\n",
    ],
)
def test_ws002_finds_the_runs_the_pattern_finds(text: str) -> None:
    # WS002 looks for runs only where one can start (a double space, an odd space).
    expected = [m.span() for m in _SPACE_RUN.finditer(text)]
    assert list(_space_runs(Document(text, "t.txt"))) == expected


# -- WS003 multiple-blank-lines --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("a\n\n\nb\n", "a\n\nb\n"),
        ("a\n\n  \n\t\n\nb\n", "a\n\nb\n"),
        ("a\r\n\r\n\r\nb\r\n", "a\r\n\r\nb\r\n"),
        ("a\r\r\rb\r", "a\r\rb\r"),
    ],
)
def test_ws003_fix(text: str, result: str) -> None:
    assert codes_and_spans(text, "WS003")
    assert fixed(text, "WS003") == result


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("a\n\nb\n", "t.txt"),
        ("a\r\n\r\nb\r\n", "t.txt"),
        ("End.\n\n", "t.txt"),
        ("```\ncode\n\n\n\nmore\n```\n", "t.md"),
        ("\n\n\nStart\n", "t.txt"),  # WS008's
        ("End.\n\n\n", "t.txt"),  # WS009's
        ("End.\n\n\n  ", "t.txt"),
    ],
)
def test_ws003_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "WS003", filename) == []


# -- WS004 space-before-punctuation ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Thank you , Mr. Wang .\n", "Thank you, Mr. Wang.\n"),
        ("Is it true ?\n", "Is it true?\n"),
        ("Yes !\n", "Yes!\n"),
        ('He said "no" .\n'.replace('"no" ', "no "), "He said no.\n"),
        ("Dr . Smith\n", "Dr. Smith\n"),
    ],
)
def test_ws004_fix(text: str, result: str) -> None:
    assert codes_and_spans(text, "WS004")
    assert fixed(text, "WS004") == result


@pytest.mark.parametrize(
    "text",
    [
        "And then ... nothing.\n",
        "It grew by .5 percent.\n",
        "Nice :) see you\n",
        "Quoi\u00a0? Bonjour\u00a0!\n",
        "[inaudible] . Next\n",
        "Look at :fields in the schema\n",
        "Run it with .NET today\n",
        "people would say . . . he is\n",
        "or die . \n. . and so on\n",
    ],
)
def test_ws004_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "WS004") == []


# -- WS005 missing-final-newline -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Last line", "Last line\n"),
        ("a\r\nLast line", "a\r\nLast line\r\n"),
        ("a\rb", "a\rb\r"),
    ],
)
def test_ws005_fix(text: str, result: str) -> None:
    assert fixed(text, "WS005") == result


@pytest.mark.parametrize("text", ["", "\ufeff", "Done.\n", "Done.\r\n", "Done.\r"])
def test_ws005_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "WS005") == []


# -- WS006 mixed-line-endings ----------------------------------------------------------


def test_ws006_flags_minority_endings_and_fixes_to_majority() -> None:
    text = "a\r\nb\r\nc\nd\r\n"
    assert flagged(text, "WS006") == ["\n"]
    assert fixed(text, "WS006") == "a\r\nb\r\nc\r\nd\r\n"


def test_ws006_lone_cr() -> None:
    assert fixed("a\nb\rc\n", "WS006") == "a\nb\nc\n"


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "a\rb\r", "one line"])
def test_ws006_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "WS006") == []


# -- WS007 unusual-space ---------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u00a0", "\u2002", "\u2003", "\u202f", "\u3000"])
def test_ws007_flags_odd_space_between_words(char: str) -> None:
    text = f"the scale of{char}industrial output\n"
    assert flagged(text, "WS007") == [char]
    assert fixed(text, "WS007") == "the scale of industrial output\n"


@pytest.mark.parametrize(
    "text",
    [
        "It is 10\u00a0km away.\n",
        "See p.\u00a05 of the report.\n",
        "Quoi\u00a0? Oui.\n",
        "1\u202f000 people\n",
        "東京\u3000大阪\n",
        "Mr.\u00a0Wang spoke.\n",
        "I\u00a0made a messaging app.\n",
    ],
)
def test_ws007_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "WS007") == []


# -- WS008 leading-blank-lines ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "blank", "result"),
    [
        ("\nPress briefing\n", "\n", "Press briefing\n"),
        ("\n\n\nStart\n", "\n\n\n", "Start\n"),
        ("  \n\t\nStart\n", "  \n\t\n", "Start\n"),
        ("\r\n\r\nStart\r\n", "\r\n\r\n", "Start\r\n"),
        ("\ufeff\nStart\n", "\n", "\ufeffStart\n"),
    ],
)
def test_ws008_flags_and_fixes(text: str, blank: str, result: str) -> None:
    assert flagged(text, "WS008") == [blank]
    assert fixed(text, "WS008") == result


@pytest.mark.parametrize(
    "text",
    ["Start\n\nMore\n", "  Indented start\n", "\ufeffStart\n", "\n\n", "", "Start"],
)
def test_ws008_leaves_alone(text: str) -> None:
    assert flagged(text, "WS008") == []


# -- WS009 trailing-blank-lines --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "blank", "result"),
    [
        ("End.\n\n", "\n", "End.\n"),
        ("End.\n\n\n", "\n\n", "End.\n"),
        ("End.\n  \n\t", "  \n\t", "End.\n"),
        ("End.\r\n\r\n", "\r\n", "End.\r\n"),
        ("End.\r\r", "\r", "End.\r"),
        ("\n\n\n", "\n\n\n", ""),
        ("\ufeff\n\n", "\n\n", "\ufeff"),
    ],
)
def test_ws009_flags_and_fixes(text: str, blank: str, result: str) -> None:
    assert flagged(text, "WS009") == [blank]
    assert fixed(text, "WS009") == result


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("End.\n", "t.txt"),
        ("End.", "t.txt"),
        ("End.   ", "t.txt"),
        ("", "t.txt"),
        ("a\n\nb\n", "t.txt"),
        ("```\ncode\n\n\n", "t.md"),  # an unclosed code block runs to the end
    ],
)
def test_ws009_leaves_alone(text: str, filename: str) -> None:
    assert flagged(text, "WS009", filename) == []


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("\nText\n\n  ", "Text\n"),
        ("  \n\nText  \n \n\n", "Text\n"),
        ("\r\nText\r\n\r\n\r\n", "Text\r\n"),
        ("Press Room\n\nText\n", "Press Room\n\nText\n"),
    ],
)
def test_ws_rules_together_settle_in_one_run(text: str, result: str) -> None:
    assert fixed(text, "WS") == result


# -- WS010 long-line -------------------------------------------------------------------

PROSE = "We saw therevenue go up and and then down. "


def test_ws010_flags_a_line_over_the_limit_once_and_its_prose_is_skipped() -> None:
    line = PROSE * (MAX_LINE // len(PROSE) + 1)
    text = "Short first line.\n" + line + "\n" + PROSE + "\n"
    codes = [(f.code, f.start) for f in check_text(text, settings=settings_for())]
    start = len("Short first line.\n")
    assert [c for c in codes if c[0] == "WS010"] == [("WS010", start)]
    prose = [c for c in codes if c[0] in ("MW002", "SP002")]
    # Only the short line after it is read as prose: one finding of each rule there.
    assert sorted(code for code, _ in prose) == ["MW002", "SP002"]
    assert all(at > start + len(line) for _, at in prose)


@pytest.mark.parametrize("length", [0, 1, 40, 41])
def test_ws010_leaves_lines_up_to_the_limit_alone(
    monkeypatch: pytest.MonkeyPatch, length: int
) -> None:
    monkeypatch.setattr(document, "MAX_LINE", 41)
    text = f"{'x' * length}\r\n{'y' * 41}\n"
    assert flagged(text, "WS010") == []


def test_ws010_a_line_of_the_limit_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document, "MAX_LINE", 41)
    text = f"ok\r\n{'x' * 42}\r\nok\n"
    assert codes_and_spans(text, "WS010") == [(4, 5)]
