"""The fix loop runs only the rules that can apply a fix in each pass, and the rest
once on the fixed text: what it applies and what it leaves must be what running
every rule in every pass gives."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from lint.document import Document
from lint.fix import Safety, apply_edits, replace, select_non_overlapping
from lint.result import Finding, resolve
from lint.rule import Availability, Context, Rule, Violation, rule
from lint.runner import (
    MAX_PASSES,
    FixOutcome,
    NotConverged,
    allowed_safeties,
    check_document,
    fix_document,
)
from rules import ALL_RULES

SAFE_ONLY = (Safety.SAFE,)


@rule("XX101", "x-to-bad", fix=Availability.ALWAYS, safety=SAFE_ONLY, default=False)
def x_to_bad(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule: a safe fix that writes what XX102 flags."""
    for i, c in enumerate(doc.text):
        if c == "x":
            yield Violation(i, i + 1, "x", replace(i, i + 1, "bad", Safety.SAFE, "x to bad"))


@rule("XX102", "flags-bad", default=False)
def flags_bad(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule without a fix: flags every `bad`."""
    start = doc.text.find("bad")
    while start != -1:
        yield Violation(start, start + 3, "bad")
        start = doc.text.find("bad", start + 1)


@rule("XX103", "bad-to-ok", fix=Availability.ALWAYS, safety=SAFE_ONLY, default=False)
def bad_to_ok(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule: a safe fix of what XX101 writes, found only in a later pass."""
    start = doc.text.find("bad")
    while start != -1:
        yield Violation(start, start + 3, "b", replace(start, start + 3, "ok", Safety.SAFE, "ok"))
        start = doc.text.find("bad", start + 1)


@rule("XX104", "undeclared", default=False)
def undeclared(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule that breaks its declaration: no fix declared, a safe one offered
    once the text holds `ok`."""
    start = doc.text.find("ok")
    if start != -1:
        yield Violation(start, start + 2, "ok", replace(start, start + 2, "OK", Safety.SAFE, "up"))


def naive_fix(doc: Document, rules: Sequence[Rule], allowed: frozenset[Safety]) -> FixOutcome:
    """The fix loop as it was: every rule on the whole text in every pass."""
    by_code = {r.code: r for r in rules}
    ctx = Context()
    applied: list[Finding] = []
    passes: list[int] = []
    for number in range(1, MAX_PASSES + 1):
        diagnostics = check_document(doc, rules, ctx)
        fixable = [d for d in diagnostics if d.fix is not None and d.fix.safety in allowed]
        if not fixable:
            remaining = tuple(resolve(doc, d, by_code[d.code]) for d in diagnostics)
            return FixOutcome(doc, tuple(applied), remaining, tuple(passes))
        chosen = {id(f) for f in select_non_overlapping(d.fix for d in fixable if d.fix)}
        taken = [d for d in fixable if id(d.fix) in chosen]
        applied.extend(resolve(doc, d, by_code[d.code]) for d in taken)
        passes.extend([number] * len(taken))
        doc = doc.with_text(apply_edits(doc.text, [e for d in taken if d.fix for e in d.fix.edits]))
    raise NotConverged([])


def codes_and_spans(findings: Sequence[Finding]) -> list[tuple[str, int, int]]:
    return [(f.code, f.start, f.end) for f in findings]


def test_a_rule_without_a_fix_sees_the_fixed_text() -> None:
    rules = [x_to_bad, flags_bad]
    outcome = fix_document(Document("a x a"), rules, Context(), allowed_safeties(False))
    assert outcome.doc.text == "a bad a"
    assert codes_and_spans(outcome.applied) == [("XX101", 2, 3)]
    assert codes_and_spans(outcome.remaining) == [("XX102", 2, 5)]


def test_a_finding_the_fix_removed_is_not_left() -> None:
    rules = [flags_bad, bad_to_ok]
    outcome = fix_document(Document("bad x"), rules, Context(), allowed_safeties(False))
    assert outcome.doc.text == "ok x"
    assert codes_and_spans(outcome.applied) == [("XX103", 0, 3)]
    assert outcome.remaining == ()


def test_a_fix_found_only_after_another_is_applied_in_the_next_pass() -> None:
    rules = [x_to_bad, flags_bad, bad_to_ok]
    outcome = fix_document(Document("x."), rules, Context(), allowed_safeties(False))
    assert outcome.doc.text == "ok."
    assert [(f.code, p) for f, p in zip(outcome.applied, outcome.passes, strict=True)] == [
        ("XX101", 1),
        ("XX103", 2),
    ]
    assert outcome.remaining == ()


def test_a_rule_that_offers_an_undeclared_fix_still_has_it_applied() -> None:
    rules = [flags_bad, bad_to_ok, undeclared]
    outcome = fix_document(Document("bad"), rules, Context(), allowed_safeties(False))
    assert outcome.doc.text == "OK"
    assert codes_and_spans(outcome.applied) == [("XX103", 0, 3), ("XX104", 0, 2)]


TEXTS = [
    "Hello  world .   It was a a good day.\r\nSecond line \nthird line\n\n\n\nEnd",
    "MS. SMITH:  We met on Monday ,and the the budget was itâ€™s fine.&amp; ok\n",
    "# Title\n\nSpeaker One: hello there.Next sentence here\u00a0now.\n\n\nSpeaker One: bye\n",
    "Page 3 of 12\nthe goverment said\u200b that\tthey will.  \n<b>bold</b> text  \n",
    "Q. Is it on?\nA. It is on .\n\n\n\nQ. And now ?\nA.It is.\n",
]


@pytest.mark.parametrize("unsafe", [False, True])
@pytest.mark.parametrize("text", TEXTS)
def test_the_fix_loop_matches_every_rule_in_every_pass(text: str, unsafe: bool) -> None:
    rules = [r for r in ALL_RULES if r.default]
    allowed = allowed_safeties(unsafe)
    for name in ("talk.txt", "talk.md"):
        expected = naive_fix(Document(text, name), rules, allowed)
        outcome = fix_document(Document(text, name), rules, Context(), allowed)
        assert outcome.doc.text == expected.doc.text
        assert outcome.applied == expected.applied
        assert outcome.passes == expected.passes
        assert outcome.remaining == expected.remaining
