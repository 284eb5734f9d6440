"""Invariants every rule must keep, checked for all of them in one place."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import document
from lint.api import check_text, fix_text, settings_for
from lint.document import Document
from lint.rule import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN, Availability, Context, Rule
from rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[1]
ALL = settings_for(select=["ALL"])

# Every artifact the rules know, in one text, plus traps they must leave alone.
SAMPLE = (
    "Press Room  \n\n\n\nWang Zhijun :\tthe scale of\u00a0industrial Internet  is   big .\n"
    "itâ€™s cafÃ© R&amp;D <br> bud\u200bget 1427.\x00\x00\n"
    "Lost \ufffd char \x93quoted\x94 caf\udce9\r\n"  # U+DCE9: the byte 0xE9 as read (EN007)
    "See https://example.com/a  b and 00:12:34 [inaudible] .\n"
    "Its industrialInternet role thescale grew.Yeah, I think,first scare- mongering.\n"
    "Wang Zhijun: We left becase the the hall was full at 00:28Security.\n"
    "WANG ZHIJUN: Yes.\nWen Ku:\nWen Ku: Thanks.\n"
    "Print | E-mail | Share\n[[Page D783]]\n<  1  2  3  4\n"
    + "".join(f"{n}   line {n} of testimony\n" for n in range(1, 10))
    + "end</p><p>Start"
    + "\nThe industrial internet grew, and the industrial internet won. It rose."
    + " the plan held on Github"
    + ", and it was cold Yesterday."
)
RUNNING_HEADS = "".join(
    f"ACME REPORTERS 555-0100 {n}\nShe spoke.\nHe left.\nWe sat.\n" for n in (1, 2, 3)
)
TEXTS = [
    SAMPLE,
    SAMPLE.replace("\n", "\r\n"),
    "\ufeff" + SAMPLE,
    "\n" + SAMPLE + "\n\n",
    RUNNING_HEADS,
    "",
]
TEXT_IDS = ["lf", "crlf", "bom", "blank-ends", "running-heads", "empty"]


def rule_ids(rule: Rule) -> str:
    return rule.code


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert codes == sorted(
        codes,
        key=lambda c: (
            ["WS", "EN", "MW", "PG", "ST", "CA", "SP", "TR"].index(c[:2])
            if c[:2] in ("WS", "EN", "MW", "PG", "ST", "CA", "SP", "TR")
            else 9,
            c,
        ),
    )
    for r in ALL_RULES:
        assert CODE_PATTERN.fullmatch(r.code), r.code
        assert NAME_PATTERN.fullmatch(r.name), r.name


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_docs_have_every_section(rule: Rule) -> None:
    positions = [rule.doc.find(section) for section in DOC_SECTIONS]
    assert all(p > 0 for p in positions), rule.code
    assert positions == sorted(positions)
    assert rule.summary and not rule.summary.startswith("#")


def test_readme_lists_every_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [r.code for r in ALL_RULES if f"`{r.code}`" not in readme]
    assert missing == []


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
@pytest.mark.parametrize("filename", ["t.txt", "t.md", "t.srt", "t.vtt"])
def test_fixes_in_bounds_and_non_overlapping(rule: Rule, text: str, filename: str) -> None:
    doc = Document(text, filename)
    for v in rule.check(doc, Context()):
        assert 0 <= v.start <= v.end <= len(text)
        if v.fix is None:
            continue
        edits = sorted(v.fix.edits, key=lambda e: e.start)
        for a, b in itertools.pairwise(edits):
            assert a.end <= b.start
        for e in edits:
            assert 0 <= e.start <= e.end <= len(text)
        assert v.fix.safety in rule.safety, (
            f"{rule.code} made a {v.fix.safety} fix it does not declare"
        )


@pytest.mark.parametrize("rule", ALL_RULES, ids=rule_ids)
def test_fix_declaration_is_consistent(rule: Rule) -> None:
    assert (rule.fix is Availability.NEVER) == (rule.safety == ())


SUBTITLES = (
    "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nHello  there .\n\n"
    "0:00:03.000 --> 00:00:05.000\nWe don't, they dont.\n\n00:00:04.000 --> 00:00:06.000\n\n"
    "00:00:01.000 --> 00:00:02.000\nEarly.\n"
)
LOST_LABEL = "Ann Lee: Next question.\n\nWho pays?\n\nBob Roe: The city.\n"
UNUSED_SUPPRESSION = "<!-- transcript-lint-disable-next-line SP002 -->\nFine.\n"


def test_sample_triggers_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    found = {f.code for text in TEXTS for f in check_text(text, settings=ALL)}
    monkeypatch.setattr(document, "MAX_LINE", 20)  # WS010 on a line of a few words
    found |= {f.code for f in check_text("A line of more than twenty characters.\n", settings=ALL)}
    monkeypatch.undo()
    found |= {f.code for f in check_text(SUBTITLES, filename="t.vtt", settings=ALL)}
    found |= {f.code for f in check_text(UNUSED_SUPPRESSION, filename="t.md", settings=ALL)}
    found |= {f.code for f in check_text(LOST_LABEL, settings=ALL)}
    assert found == {r.code for r in ALL_RULES}


@pytest.mark.parametrize("text", TEXTS, ids=TEXT_IDS)
@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_is_idempotent(text: str, unsafe: bool) -> None:
    once = fix_text(text, settings=ALL, unsafe=unsafe)
    twice = fix_text(once.text, settings=ALL, unsafe=unsafe)
    assert twice.text == once.text
    assert twice.applied == ()


@pytest.mark.parametrize(
    "text",
    [
        "Clean line.\r\nSecond line.\r\n",
        "\ufeffWith a BOM.\n",
        "No final newline",
        "Old Mac.\rLine.\r",
    ],
)
def test_clean_files_round_trip(text: str) -> None:
    # WS005 is the one rule that wants a final newline; everything else leaves these.
    result = fix_text(text, settings=settings_for(select=["ALL"], ignore=["WS005"]), unsafe=True)
    assert result.text == text
    assert result.applied == ()


# -- properties over arbitrary text ------------------------------------------------------

ARTIFACT_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\n\n\n",
        "\u00a0",
        "\u200b",
        "\x00",
        "\ufffd",
        "&amp;",
        "<br>",
        "</p>",
        "â€™",
        "Ã©",
        " .",
        " ,",
        "word",
        "Wang",
        "http://x.org/a",
        "[inaudible]",
        "00:12:34",
        "**Mat:**",
        "```",
        "`code`",
        "é",
        "—",
        "👨\u200d👩",
    ]
)
TRANSCRIPT_LIKE = st.lists(ARTIFACT_PIECES, max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(max_size=200), TRANSCRIPT_LIKE),
    markdown=st.booleans(),
    unsafe=st.booleans(),
)
def test_any_text_checks_and_fixes_stably(text: str, markdown: bool, unsafe: bool) -> None:
    filename = "t.md" if markdown else "t.txt"
    findings = check_text(text, filename=filename, settings=ALL)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
    once = fix_text(text, filename=filename, settings=ALL, unsafe=unsafe)
    assert fix_text(once.text, filename=filename, settings=ALL, unsafe=unsafe).text == once.text


@settings(max_examples=150, deadline=None)
@given(text=TRANSCRIPT_LIKE)
def test_safe_fixes_never_change_letters_or_digits(text: str) -> None:
    result = fix_text(text, settings=ALL)

    def words(s: str) -> str:
        return "".join(c for c in s if c.isalnum())

    assert words(result.text) == words(text)
