"""Inline suppression: Markdown directives, `[sic]`, and SU001 for the unused ones."""

from __future__ import annotations

import pytest

from lint.api import check_text, fix_text, settings_for

SPELLING = settings_for(select=["SP001", "SP002", "WS"])
WITH_UNUSED = settings_for(select=["SP001", "SP002", "WS", "SU001"])
NEXT_LINE = "<!-- transcript-lint-disable-next-line SP002 -->\n"


def found(
    text: str, filename: str = "t.md", settings: object = SPELLING
) -> list[tuple[str, int, int]]:
    findings = check_text(text, filename=filename, settings=settings)  # type: ignore[arg-type]
    return [(f.code, f.start, f.end) for f in findings]


def spans_of(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_disable_next_line_covers_that_line_only() -> None:
    text = NEXT_LINE + "We saw the the hall.\nAnd the the end.\n"
    second = text.rindex("the the")
    assert found(text) == [("SP002", second, second + 7)]
    # Without the comment, both are reported: the comment is what suppresses.
    assert len(found(text.removeprefix(NEXT_LINE))) == 2


def test_disable_next_line_names_only_its_codes() -> None:
    text = NEXT_LINE + "We saw the the hall .\n"
    space = text.index(" .")
    assert found(text) == [("WS004", space, space + 2)]


def test_disable_next_line_without_codes_covers_every_rule() -> None:
    text = "<!-- transcript-lint-disable-next-line -->\nWe saw the the hall .\nOk .\n"
    last = text.rindex(" .")
    assert found(text) == [("WS004", last, last + 2)]


@pytest.mark.parametrize("codes", ["SP002", "SP", "SP001,SP002", "SP001, SP002"])
def test_disable_until_enable(codes: str) -> None:
    text = (
        f"<!-- transcript-lint-disable {codes} -->\nWe saw the the hall.\n\n"
        "<!-- transcript-lint-enable -->\nAnd the the end.\n"
    )
    second = text.rindex("the the")
    assert found(text) == [("SP002", second, second + 7)]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = "Intro.\n\n<!-- transcript-lint-disable SP002 -->\nThe the one.\n\nAnd the the end.\n"
    assert found(text) == []
    assert len(found(text.replace("<!-- transcript-lint-disable SP002 -->\n", ""))) == 2


def test_enable_with_codes_ends_only_those() -> None:
    text = (
        "<!-- transcript-lint-disable SP002,WS004 -->\nThe the one .\n\n"
        "<!-- transcript-lint-enable SP002 -->\nAnd the the end .\n"
    )
    second = text.rindex("the the")
    assert found(text) == [("SP002", second, second + 7)]


def test_bare_disable_ends_only_at_a_bare_enable() -> None:
    text = (
        "<!-- transcript-lint-disable -->\nThe the one.\n\n"
        "<!-- transcript-lint-enable SP002 -->\nAnd the the end.\n\n"
        "<!-- transcript-lint-enable -->\nLast the the.\n"
    )
    last = text.rindex("the the")
    assert found(text) == [("SP002", last, last + 7)]


def test_directive_in_a_code_block_is_code() -> None:
    text = "```\n<!-- transcript-lint-disable-next-line SP002 -->\n```\nWe saw the the hall.\n"
    assert [code for code, _, _ in found(text)] == ["SP002"]


def test_comments_are_not_directives_in_plain_text() -> None:
    text = NEXT_LINE + "We saw the the hall.\n"
    assert [code for code, _, _ in found(text, filename="t.txt")] == ["SP002"]


def test_suppressed_findings_are_not_fixed() -> None:
    text = (
        "<!-- transcript-lint-disable-next-line WS002 -->\n"
        "We had two  spaces here.\nAnd then one more  here.\n"
    )
    result = fix_text(text, filename="t.md", settings=SPELLING)
    assert result.text == text.replace("more  here", "more here")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We left becase [sic] it rained.\n", "becase"),
        ("He said the the [sic] hall.\n", "the the"),
        ("He said the the [SIC] hall.\n", "the the"),
        ("He said the the[sic] hall.\n", "the the"),
    ],
)
def test_sic_after_a_word_suppresses_spelling(text: str, word: str) -> None:
    assert found(text, "t.txt") == []
    unmarked = text.replace(" [sic]", "").replace(" [SIC]", "").replace("[sic]", "")
    assert [(s, e) for _, s, e in found(unmarked, "t.txt")] == [spans_of(unmarked, word)]


def test_sic_elsewhere_suppresses_nothing() -> None:
    text = "We left becase it rained [sic].\nThe the hall .\n[sic]\n"
    assert [code for code, _, _ in found(text, "t.txt")] == ["SP001", "SP002", "WS004"]


def test_sic_is_read_within_its_reach_after_the_word() -> None:
    # (The match is bounded so that it costs the same in a text of any length.)
    near = "He said the the" + " " * 40 + "[sic] hall.\n"
    assert "SP002" not in [code for code, _, _ in found(near, "t.txt")]
    far = "He said the the" + "\t" * 70 + "[sic] hall.\n"
    assert "SP002" in [code for code, _, _ in found(far, "t.txt")]


def test_sic_does_not_hide_other_rules() -> None:
    text = "He said  the the [sic] hall.\n"
    assert [code for code, _, _ in found(text, "t.txt")] == ["WS002"]


# -- SU001 unused-suppression ---------------------------------------------------------


def test_unused_suppression_is_off_by_default() -> None:
    text = NEXT_LINE + "We met on Monday.\n"
    assert check_text(text, filename="t.md") == []


def test_unused_suppression_reports_the_comment() -> None:
    text = NEXT_LINE + "We met on Monday.\n"
    assert found(text, settings=WITH_UNUSED) == [("SU001", 0, len(NEXT_LINE) - 1)]


def test_used_suppression_is_not_reported() -> None:
    text = NEXT_LINE + "We saw the the hall.\n"
    assert found(text, settings=WITH_UNUSED) == []


def test_unused_code_of_a_used_directive_is_reported() -> None:
    directive = "<!-- transcript-lint-disable-next-line SP002,WS004 -->"
    text = directive + "\nWe saw the the hall.\n"
    findings = check_text(text, filename="t.md", settings=WITH_UNUSED)
    assert [(f.code, f.start, f.end) for f in findings] == [("SU001", 0, len(directive))]
    assert "WS004" in findings[0].message and "SP002" not in findings[0].message


def test_code_of_a_rule_not_enabled_is_not_judged() -> None:
    text = "<!-- transcript-lint-disable-next-line CA002 -->\nWe met on Monday.\n"
    assert found(text, settings=WITH_UNUSED) == []


def test_unused_enable_block_is_reported() -> None:
    text = "<!-- transcript-lint-disable SP002 -->\nAll fine.\n<!-- transcript-lint-enable -->\n"
    assert [code for code, _, _ in found(text, settings=WITH_UNUSED)] == ["SU001"]
