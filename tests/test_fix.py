from __future__ import annotations

from collections.abc import Iterator

import pytest

from lint.document import Document
from lint.fix import Edit, Fix, Safety, apply_edits, replace, select_non_overlapping
from lint.rule import Context, Violation, rule
from lint.runner import MAX_PASSES, NotConverged, allowed_safeties, fix_document


def test_apply_edits_in_any_order() -> None:
    text = "abcdef"
    assert apply_edits(text, [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdEf"


@pytest.mark.parametrize(
    "edits", [[Edit(0, 3, ""), Edit(2, 4, "")], [Edit(0, 9, "")], [Edit(3, 2, "")]]
)
def test_apply_edits_rejects_overlap_and_out_of_bounds(edits: list[Edit]) -> None:
    with pytest.raises(ValueError):
        apply_edits("abcdef", edits)


def test_select_non_overlapping_keeps_the_first_of_a_conflict() -> None:
    a = replace(0, 3, "", Safety.SAFE, "a")
    b = replace(2, 5, "", Safety.SAFE, "b")
    c = replace(5, 6, "", Safety.SAFE, "c")
    d = replace(6, 6, "x", Safety.SAFE, "d")
    e = replace(6, 6, "y", Safety.SAFE, "e")
    assert select_non_overlapping([c, b, a, d, e]) == [a, c, d]


@rule("XX001", "grows-forever", default=False)
def grows_forever(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule that always wants one more character."""
    end = len(doc.text)
    yield Violation(0, end, "more", replace(end, end, "x", Safety.SAFE, "add"))


@rule("XX002", "unsafe-upper", default=False)
def unsafe_upper(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule with an unsafe fix."""
    for i, c in enumerate(doc.text):
        if c == "a":
            yield Violation(i, i + 1, "a", replace(i, i + 1, "A", Safety.UNSAFE, "upper"))


@rule("XX003", "display-only", default=False)
def display_only(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule whose fix is only shown."""
    if doc.text:
        yield Violation(0, 1, "d", Fix((Edit(0, 1, "?"),), Safety.DISPLAY_ONLY, "maybe"))


def test_fix_that_never_settles_raises_and_names_the_rule() -> None:
    with pytest.raises(NotConverged, match="XX001") as info:
        fix_document(Document("a"), [grows_forever], Context(), allowed_safeties(False))
    assert str(MAX_PASSES) in str(info.value)


def test_unsafe_fixes_need_unsafe() -> None:
    doc = Document("banana")
    assert (
        fix_document(doc, [unsafe_upper], Context(), allowed_safeties(False)).doc.text == "banana"
    )
    outcome = fix_document(doc, [unsafe_upper], Context(), allowed_safeties(True))
    assert outcome.doc.text == "bAnAnA"
    assert [f.code for f in outcome.applied] == ["XX002"] * 3
    assert outcome.remaining == ()


def test_display_only_fixes_are_never_applied() -> None:
    outcome = fix_document(Document("text"), [display_only], Context(), allowed_safeties(True))
    assert outcome.doc.text == "text"
    assert [f.code for f in outcome.remaining] == ["XX003"]
