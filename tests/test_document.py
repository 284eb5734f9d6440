from __future__ import annotations

import pytest

from lint.document import Document
from lint.masking import Format


def test_text_is_kept_exactly() -> None:
    text = "\ufeffa\r\nb\rc\n\nd"
    doc = Document(text, "t.txt")
    assert doc.text == text
    assert doc.line_starts == [0, 4, 6, 8, 9]


@pytest.mark.parametrize(
    ("text", "starts", "spans"),
    [
        ("", [0], [(0, 0)]),
        ("a\nbb\n\nc", [0, 2, 5, 6], [(0, 1), (2, 4), (5, 5), (6, 7)]),
        ("a\n", [0, 2], [(0, 1), (2, 2)]),
        ("\n\n", [0, 1, 2], [(0, 0), (1, 1), (2, 2)]),
        ("a\r\nb\rc\n", [0, 3, 5, 7], [(0, 1), (3, 4), (5, 6), (7, 7)]),
    ],
)
def test_lines_with_every_kind_of_break(
    text: str, starts: list[int], spans: list[tuple[int, int]]
) -> None:
    doc = Document(text, "t.txt")
    assert doc.line_starts == starts
    assert doc.line_spans == spans


@pytest.mark.parametrize(
    ("text", "offset", "location"),
    [
        ("ab\ncd", 0, (1, 1)),
        ("ab\ncd", 4, (2, 2)),
        ("ab\r\ncd", 4, (2, 1)),
        ("ab\rcd", 3, (2, 1)),
        ("ab\n", 3, (2, 1)),
        ("\ufeffab", 1, (1, 1)),
        ("\ufeffab", 2, (1, 2)),
        ("é😀x", 2, (1, 3)),
    ],
)
def test_location_is_one_based_in_characters(
    text: str, offset: int, location: tuple[int, int]
) -> None:
    assert Document(text).location(offset) == location


def test_newline_is_the_most_common_ending() -> None:
    assert Document("a\r\nb\r\nc\n").newline == "\r\n"
    assert Document("a\rb\r").newline == "\r"
    assert Document("no endings").newline == "\n"


def masked_out(text: str, filename: str = "t.txt") -> list[str]:
    doc = Document(text, filename)
    assert len(doc.masked) == len(text)
    return [text[s:e] for s, e in doc.regions]


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("see http://example.com/a?b=1. Next", ["http://example.com/a?b=1"]),
        ("(www.gpo.gov) here", ["www.gpo.gov"]),
        ("mail bob.smith@example.org today", ["bob.smith@example.org"]),
        ("China.org.cn, GoTime.fm and README.md", ["China.org.cn", "GoTime.fm", "README.md"]),
        ("at 00:12:34 and 10:30 and 00:04:25.24", ["00:12:34", "10:30", "00:04:25.24"]),
        (
            r"\[04:15\] and \[unintelligible 00:04:25.24\]",
            [r"\[04:15\]", r"\[unintelligible 00:04:25.24\]"],
        ),
        ("[inaudible] and [crosstalk]", ["[inaudible]", "[crosstalk]"]),
    ],
)
def test_regions_that_are_not_prose(text: str, regions: list[str]) -> None:
    assert masked_out(text) == regions


@pytest.mark.parametrize(
    "text",
    [
        "internet.Guided by",
        "fantastic.Yeah",
        "it.is a join",
        "poverty.82.49 million",
        "ratio 3:1",
        "U.S. policy",
    ],
)
def test_prose_is_not_masked(text: str) -> None:
    assert masked_out(text) == []


def test_markdown_regions() -> None:
    text = (
        "---\ntitle: x\n---\n"
        "Text `code here` and [a link](http://x.org/p_(1)) and <!-- note -->.\n"
        "```python\nprint( 'x' )\n```\n"
        "[ref]: http://example.com\n"
    )
    regions = masked_out(text, "t.md")
    assert regions[0] == "---\ntitle: x\n---\n"
    assert "`code here`" in regions
    assert "(http://x.org/p_(1))" in regions
    assert "<!-- note -->" in regions
    assert "```python\nprint( 'x' )\n```" in regions
    assert "[ref]: http://example.com" in regions


def test_markdown_regions_start_only_after_the_last_one() -> None:
    # The fence inside the comment opens nothing: a region is looked for only after
    # the end of the one before (else it would mask to the end of the text).
    text = "<!--\n```\n-->\nSee `x` and [a](b) <br>.\n"
    assert masked_out(text, "t.md") == ["<!--\n```\n-->", "`x`", "(b)", "<br>"]


def test_markdown_regions_at_line_starts() -> None:
    text = "Intro\n\n\tcode\n  [r]: x\n~~~\nfenced\n~~~\n`a` (b)\n"
    assert masked_out(text, "t.md") == ["\tcode\n  [r]: x", "~~~\nfenced\n~~~", "`a`"]


def test_masking_keeps_line_breaks() -> None:
    doc = Document("```\na\r\nb\n```\nafter", "t.md")
    assert doc.masked == "   \n \r\n \n   \nafter"


def test_unclosed_fence_masks_to_the_end() -> None:
    assert masked_out("text\n```\ncode  here\n", "t.md") == ["```\ncode  here\n"]


def test_user_patterns_are_masked() -> None:
    import regex

    doc = Document(
        "{time}  1130 and text", "t.txt", ignore_patterns=[regex.compile(r"\{time\}\s+\d{4}")]
    )
    assert doc.regions == [(0, 12)]


def test_is_protected() -> None:
    doc = Document("a [inaudible] b")
    assert doc.is_protected(2, 3)
    assert doc.is_protected(12, 13)
    assert not doc.is_protected(0, 2)
    assert not doc.is_protected(13, 15)
    assert doc.is_protected(5, 5)


def test_format_follows_extension() -> None:
    assert Document("", "a.MD").format is Format.MARKDOWN
    assert Document("", "a.markdown").format is Format.MARKDOWN
    assert Document("", "a.txt").format is Format.TEXT
    assert Document("", "-").format is Format.TEXT


@pytest.mark.parametrize(
    ("text", "filename", "labels"),
    [
        (
            "**Mat Ryer:** Hello.\n**Tom Wilkie:** Hi.\n",
            "t.md",
            ["**Mat Ryer:**", "**Tom Wilkie:**"],
        ),
        (
            "Shou Xiaoli:\n\nNow the question.\nWang Zhijun: Thank you.\n",
            "t.txt",
            ["Shou Xiaoli:", "Wang Zhijun:"],
        ),
        ("The time was: noon\n", "t.txt", []),
        (
            "Speaker 2: Hi.\n>> ANN LEE: Yes.\n>>Bob: No.\nWang Zhijun (MIIT): Thanks.\n",
            "t.txt",
            ["Speaker 2:", "ANN LEE:", "Bob:", "Wang Zhijun (MIIT):"],
        ),
        ("He said >> Bob: no\nSpeaker 1234: x\n", "t.txt", []),
        ("Step 3: add the eggs.\nChapter 2: The Sea\nCALLER 4: Hello.\n", "t.txt", ["CALLER 4:"]),
        ("  Note: indented\n", "t.txt", []),
        (
            "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}>> ANN LEE: Hi.\n<i>Bob Roe:</i> Yes.\n",
            "t.srt",
            ["ANN LEE:", "Bob Roe:"],
        ),
    ],
)
def test_speaker_labels(text: str, filename: str, labels: list[str]) -> None:
    doc = Document(text, filename)
    assert [text[s:e] for s, e in doc.speaker_labels] == labels


def test_indented_code_block_after_blank_line_is_masked() -> None:
    text = "Intro:\n\n    run check --fix .\n    more\n\nText .\n  - item\n    continued .\n"
    assert masked_out(text, "t.md") == ["    run check --fix .\n    more\n"]
    assert masked_out(text, "t.txt") == []


_VIEWS = (
    "words",
    "vocabulary",
    "speaker_labels",
    "lowered",
    "characters",
    "token_types",
    "line_starts",
    "line_spans",
    "masked",
    "regions",
)


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("", "t.txt"),
        ("MS. LEE: Thank you.\r\nMR. KIM: The the İstanbul talks.\r\n", "t.txt"),
        ("**Ann Lee:** Hello, hello ÉCOLE école.\n\n`code` here\n", "t.md"),
        ("1\n00:00:01,000 --> 00:00:02,000\n>> ANN: Yes yes.\n", "t.srt"),
    ],
)
def test_a_compacted_document_reads_as_before(text: str, filename: str) -> None:
    """``compact`` frees and packs views; each then reads as it did, in the same
    order (word counts are in the order of first occurrence)."""
    whole = Document(text, filename)
    expected = {name: getattr(whole, name) for name in _VIEWS}
    doc = Document(text, filename)
    for name in _VIEWS:
        getattr(doc, name)
    doc.compact()
    assert "words" not in doc.__dict__ and "line_spans" not in doc.__dict__  # freed
    for name in _VIEWS:
        value, before = getattr(doc, name), expected[name]
        assert value == before, name
        if isinstance(before, dict):
            assert list(value.items()) == list(before.items()), name  # the same order


def test_compacting_a_document_with_no_views_leaves_it_whole() -> None:
    doc = Document("Hello there.\n", "t.txt")
    doc.compact()
    assert doc.words == Document("Hello there.\n", "t.txt").words
