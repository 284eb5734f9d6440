"""Rule triggers and the document's shared word views: a skipped rule must be one that
would have found nothing, and the shared views must say what each rule used to
compute on its own."""

from __future__ import annotations

import re
from collections import Counter
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.document import Document
from lint.rule import Context, Diagnostic, Rule, characters
from rules import ALL_RULES, transcript
from rules.spelling import stripped_forms, stripped_tokens
from rules.whitespace import ODD_SPACES

TRIGGERED = [r for r in ALL_RULES if r.trigger_characters or r.trigger_literals]
# Letters, spaces of every kind, apostrophes, punctuation and the characters the
# triggered rules look for, so that drawn texts both have and lack each trigger.
ALPHABET = st.sampled_from(
    [
        *"aAbé ,.'’\n\t",
        *sorted(characters(ODD_SPACES))[:4],
        *("  ", "\x00", "\x0c", "\x93", "\u200b", "\u200d", "\u202e", "\ufffd", "\udce9"),
        *("don't", "dont", "the the"),
    ]
)


def unguarded(rule: Rule, doc: Document) -> list[Diagnostic]:
    """What the rule finds when its check runs whatever the triggers say."""
    return [
        Diagnostic(rule.code, v.start, v.end, v.message, v.fix) for v in rule.check(doc, Context())
    ]


def test_the_character_rules_declare_triggers() -> None:
    assert {r.code for r in TRIGGERED} >= {
        "WS002",
        "WS007",
        "EN002",
        "EN003",
        "EN004",
        "EN007",
        "SP003",
    }


@pytest.mark.parametrize("rule", TRIGGERED, ids=lambda r: r.code)
@given(pieces=st.lists(ALPHABET, max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_trigger_skips_only_what_finds_nothing(rule: Rule, pieces: list[str]) -> None:
    text = "".join(pieces)
    assert list(rule.run(Document(text), Context())) == unguarded(rule, Document(text))


@pytest.mark.parametrize(
    ("code", "text", "span"),
    [
        ("EN003", "1427-1439.\x00\x00\n", (10, 12)),
        ("EN002", "bud\u200bget\n", (3, 4)),
        ("EN004", "Lost \ufffd char\n", (5, 6)),
        ("WS002", "We will  go.\n", (7, 9)),
        ("WS007", "the scale of\u00a0industrial output\n", (12, 13)),
        ("SP003", "We don't know. They dont have it.\n", (20, 24)),
    ],
)
def test_a_triggered_rule_still_finds(code: str, text: str, span: tuple[int, int]) -> None:
    rule = next(r for r in ALL_RULES if r.code == code)
    assert [(d.start, d.end) for d in rule.run(Document(text), Context())] == [span]


@pytest.mark.parametrize("code", ["EN002", "EN003", "EN004", "EN007", "WS002", "WS007", "SP003"])
def test_a_text_without_the_trigger_is_not_checked(code: str) -> None:
    def check(doc: Document, ctx: Context) -> list[object]:
        raise AssertionError("the check ran")

    rule = next(r for r in ALL_RULES if r.code == code)
    silent = Rule(
        rule.code,
        rule.name,
        check,  # type: ignore[arg-type]
        rule.fix,
        rule.safety,
        rule.default,
        rule.evidence,
        rule.trigger_characters,
        rule.trigger_literals,
    )
    assert list(silent.run(Document("Plain words, one space apart.\n"), Context())) == []


def test_characters_reads_a_class_with_ranges() -> None:
    assert characters("a-c\x00") == {"a", "b", "c", "\x00"}
    assert characters("\u2000-\u2002\u3000") == {"\u2000", "\u2001", "\u2002", "\u3000"}
    assert characters("") == frozenset()


def test_contains_any_asks_characters_and_literals() -> None:
    doc = Document("one  two\u00a0three")
    assert doc.contains_any(frozenset("\u00a0"))
    assert not doc.contains_any(frozenset("\x00\u200b"))
    assert doc.contains_any(frozenset(), ("  ",))
    assert not doc.contains_any(frozenset("x"), ("   ",))


def test_word_views_count_the_masked_words() -> None:
    text = "GitHub and github, see https://github.com/x. GITHUB_ok 3rd\n"
    doc = Document(text)
    words = re.findall(r"\w+", doc.masked)
    assert doc.words == Counter(words)
    assert doc.vocabulary == Counter(w.lower() for w in words)
    assert "com" not in doc.words  # the address is masked
    assert doc.vocabulary["github"] == 2
    assert doc.token_types == frozenset(doc.masked.split())
    assert doc.lowered == doc.masked.lower()


@given(
    pieces=st.lists(
        st.sampled_from(
            [*" \n_\"“(*.,?’'", "dont", "DONT", "Ive", "theyre", "x", "2", "İ", "\u212a", "é"]
        ),
        max_size=12,
    )
)
@settings(max_examples=300, deadline=None)
def test_sp003_word_test_misses_no_token(pieces: list[str]) -> None:
    # SP003 looks at the tokens only when the word counts hold a form: every
    # token that is a form with punctuation around it must show in the counts.
    doc = Document("".join(pieces))
    forms = stripped_forms()
    if stripped_tokens().intersection(doc.lowered.split()):
        assert not doc.vocabulary.keys().isdisjoint(forms.words)


@given(
    pieces=st.lists(
        st.sampled_from([*" \n[]\\“_x2", "[laughs]", "\\[00:12\\]", "[Ann]", "é"]),
        max_size=16,
    )
)
@settings(max_examples=300, deadline=None)
def test_tr002_bracket_test_misses_no_glued_annotation(pieces: list[str]) -> None:
    # With the bracket test made to pass always, the scan runs on every text: what
    # it finds must be what the guarded rule finds.
    text = "".join(pieces)
    guarded = list(transcript._glued_annotations(Document(text)))
    with mock.patch.object(transcript, "_GLUED_BRACKETS", (re.compile(""),)):
        unguarded_ = list(transcript._glued_annotations(Document(text)))
    assert guarded == unguarded_
