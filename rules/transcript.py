"""Transcript structure (TR): speaker labels and the markers around turns.

A transcript is a sequence of turns, each opened by a speaker label: `Name:` at the
start of a line in plain text (alone on its line or before the turn's text) and in
subtitle cues, `**Name:**` in Markdown. Scraping and hand editing break that
structure: one speaker written three ways (`Wang Zhijun:`, `WANG ZHIJUN:`, `Mr.
Wang:`), a CMS page-break token or a timestamp stuck to the next word, a label left
with no text. Tools that split a transcript into turns, count who said what or align
it with audio then go wrong.

Labels are the document's ``speaker_labels``: what lies in a masked region (code, a
URL) is never a label.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import regex

from lint.document import Document
from lint.fix import Safety, delete, replace
from lint.masking import Format
from lint.patterns import lazy_re, lazy_regex
from lint.records import record
from lint.rule import Availability, Context, Violation, rule
from rules.words import WORD_CACHE, data_lines

# -- speaker labels -----------------------------------------------------------------------

_HONORIFICS = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame madam mme lord lady rev reverend fr
    sen senator rep representative gov governor president judge justice minister
    ambassador chairman chairwoman chair secretary gen general col colonel capt captain
    """.split()
)
_NOT_LETTER = lazy_re(r"[\W_]+")
_AFFILIATION = lazy_re(r"[ \t]+\([^()]*\)$")


class Label(NamedTuple):
    """One speaker label: where the whole label and the name inside it are, the
    affiliation after the name (`` (MIIT)``, kept by every fix) and how the label is
    marked up (``text``; in Markdown ``inside`` for `**Name:**`, ``outside`` for
    `**Name**:`). (A named tuple: a transcript has a label every few lines, and
    tuples are made fast.)"""

    start: int
    end: int
    name_start: int
    name_end: int
    name: str
    affiliation: str = ""
    shape: str = "text"
    # The name's words, lowercase, without honorifics, initials, credentials after a
    # comma, or the punctuation inside them (`Zhi-jun` -> `zhijun`), and what two
    # spellings of one name share (`Wang Zhi-jun`, `WANG ZHIJUN`): their join. Both
    # are worked out once, when the document's labels are found.
    tokens: tuple[str, ...] = ()
    key: str = ""


# A label's spelling: its shape, name, key and tokens (``Label`` fields 6, 4, 8, 7),
# which are the same wherever the label is written so.
_SPELLING = operator.itemgetter(6, 4, 8, 7)
# A label's shape and name (fields 6 and 4), and its key and name tokens (8 and 7).
_SHAPE_NAME = operator.itemgetter(6, 4)
_KEY_TOKENS = operator.itemgetter(8, 7)
# A label made from its fields without ``Label.__new__`` (a Python function): a
# transcript has a label every few lines.
_new_label = tuple.__new__


@functools.lru_cache(maxsize=WORD_CACHE)
def _name_words(name: str) -> tuple[str, ...]:
    words = [_NOT_LETTER.sub("", w).lower() for w in name.split(",", 1)[0].split()]
    words = [w for w in words if w]
    while len(words) > 1 and words[0] in _HONORIFICS:
        words.pop(0)
    return tuple(w for w in words if len(w) > 1 or w.isdigit())  # `Speaker 2` keeps its 2


def speaker_labels(doc: Document) -> list[Label]:
    """The document's speaker labels with their names, in order (computed once per
    document for the three rules)."""
    return doc.shared(_find_labels)


def _find_labels(doc: Document) -> list[Label]:
    text = doc.text
    labels = []
    # A transcript writes each speaker's label many times: each spelling is read
    # once, and its occurrences only placed.
    read: dict[str, Label] = {}
    for start, end in doc.speaker_labels:
        raw = text[start:end]
        label = read.get(raw)
        if label is None:
            label = read[raw] = _read_label(raw)
        _, _, name_start, name_end, name, note, shape, tokens, key = label
        labels.append(
            _new_label(
                Label,
                (start, end, start + name_start, start + name_end, name, note, shape, tokens, key),
            )
        )
    return labels


def _read_label(raw: str) -> Label:
    """The label written ``raw``, its offsets counted from the label's start."""
    shape = "text"
    if raw.startswith("**"):
        inner_start, inner_end = 2, len(raw) - 3  # `**Name:**` or `**Name**:`
        shape = "inside" if raw.endswith(":**") else "outside"
    else:
        inner_start, inner_end = 0, len(raw) - 1  # `Name:`
    inner = raw[inner_start:inner_end].rstrip()
    affiliation = _AFFILIATION.search(inner) if inner.endswith(")") else None
    name = inner[: affiliation.start()] if affiliation else inner
    stripped = name.strip()
    name_start = inner_start + (len(name) - len(name.lstrip()))
    name_end = name_start + len(stripped)
    note = raw[name_end:inner_end] if affiliation else ""
    tokens = _name_words(stripped)
    return Label(0, len(raw), name_start, name_end, stripped, note, shape, tokens, "".join(tokens))


def speakers(doc: Document) -> dict[str, str]:
    """Each label key of the document -> the key of the speaker it names (computed
    once per document for the rules that group turns by speaker)."""
    return doc.shared(_find_speakers)


def _find_speakers(doc: Document) -> dict[str, str]:
    return _speakers(speaker_labels(doc))


def _speakers(labels: Sequence[Label]) -> dict[str, str]:
    """Each label key -> the key of the speaker it names.

    Spellings of a name share a key. A one-word label (`Mr. Wang`, `Santo`) names the
    speaker whose full name starts or ends with that word, when exactly one does.
    """
    # Each key with its tokens once, in the order of their last labels (a key's
    # tokens are those of its last label).
    spellings = list(reversed(dict.fromkeys(map(_KEY_TOKENS, reversed(labels)))))
    keys = {key for key, _ in spellings if len(key) >= 2}
    # A numbered label (`Speaker 2`) is no full name a one-word label could shorten.
    full = {
        key: tokens for key, tokens in spellings if len(tokens) >= 2 and not tokens[-1].isdigit()
    }
    # The full names each word starts or ends: one look-up per one-word label.
    owners: dict[str, set[str]] = defaultdict(set)
    for key, tokens in full.items():
        owners[tokens[0]].add(key)
        owners[tokens[-1]].add(key)
    speaker = {key: key for key in keys}
    for key, tokens in spellings:
        if len(tokens) != 1:
            continue
        found = owners.get(tokens[0], ())
        if len(found) == 1:
            speaker[key] = next(iter(found))
    return speaker


# -- TR001 --------------------------------------------------------------------------------


@rule("TR001", "speaker-label-variants", fix=Availability.ALWAYS, safety=(Safety.UNSAFE,))
def speaker_label_variants(doc: Document, ctx: Context) -> Iterator[Violation]:
    """One speaker labelled in several ways in one document.

    ## What it does
    Groups the speaker labels of a document (`Name:` at the start of a line in plain
    text and subtitles, also after a caption turn marker `>> Name:`; `**Name:**` or
    `**Name**:` in Markdown) by the speaker they name, and reports every label that
    is not written in the group's most frequent form. Two labels name the same
    speaker when they differ only in case, spacing, hyphens, dots, initials, an
    honorific, credentials after a comma or an affiliation in brackets (`Wang
    Zhijun` / `Wang Zhi-jun` / `WANG ZHIJUN` / `Dr. Wang Zhijun` / `Wang Zhijun
    (MIIT)`), or when a one-word label (`Mr. Wang:`, `Santo:`) matches the first or
    last word of exactly one full name in the document. Numbered labels (`Speaker
    1:`, `SPEAKER 1:`) keep their number: `Speaker 1` and `Speaker 2` are two
    people. In Markdown the colon's place is part of the form: `**Jane Doe**:` once
    against `**Jane Doe:**` many times is reported; at a tie, the markup most labels
    of the document use wins, and with no such majority nothing is reported. An
    affiliation is not part of the form (`Wang Zhijun (MIIT):` at the first turn,
    `Wang Zhijun:` after it, is a style). At a tie, the fuller, mixed-case, earlier
    form wins.

    ## Why is this bad?
    Tools that split a transcript into turns or count who said what treat each
    spelling as a different person, and readers wonder whether they are.

    ## Example
    ```text
    Wang Zhijun: We will upgrade the network.

    WANG ZHIJUN: And the platforms.
    ```
    Use instead:
    ```text
    Wang Zhijun: We will upgrade the network.

    Wang Zhijun: And the platforms.
    ```

    ## Fix safety
    Unsafe: the name is rewritten in the most frequent form (the whole label where
    its markup differs, an affiliation kept), and two people can share a surname
    (`Mr. Wang` may be a second Wang who never has a full label).
    """
    labels = speaker_labels(doc)
    speaker = speakers(doc)
    # A transcript writes each spelling many times: the forms are counted per
    # spelling (`_SPELLING`, counted in C), and the labels read only where a form is
    # reported.
    spellings = Counter(map(_SPELLING, labels))
    shapes: Counter[str] = Counter()
    groups: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    form_of: dict[tuple[str, str], tuple[str, tuple[str, str]]] = {}
    first_seen: dict[tuple[str, str], int] = {}  # the rank of the form's first label
    words: dict[tuple[str, str], int] = {}
    for rank, (spelling, n) in enumerate(spellings.items()):
        shape, name, key, tokens = spelling
        shapes[shape] += n
        if key not in speaker:
            continue
        # Spacing is WS002's business: `Wang  Zhijun` and `Wang Zhijun` are one form.
        # An affiliation is no part of the form: `Wang Zhijun (MIIT)` at the first
        # turn and `Wang Zhijun` after it is the usual style.
        form = (shape, " ".join(name.split()))
        form_of[shape, name] = speaker[key], form
        groups[speaker[key]][form] += n
        first_seen.setdefault(form, rank)
        words[form] = len(tokens)
    reported: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}
    for forms in groups.values():
        if len(forms) < 2:
            continue
        canonical = max(
            forms,
            key=lambda form: (
                forms[form],
                shapes[form[0]],  # at a tie, the markup most labels of the document use
                words[form],
                not form[1].isupper(),
                -first_seen[form],
            ),
        )
        times = "once" if forms[canonical] == 1 else f"{forms[canonical]} times"
        for form in forms:
            if form == canonical:
                continue
            if (
                form[1] == canonical[1]
                and forms[form] == forms[canonical]
                and shapes[form[0]] >= shapes[canonical[0]]
            ):
                continue  # markup alone differs, and nothing says which is right
            reported[form] = canonical, times
    if not reported:
        return
    # Each group's findings in the order of its labels, the groups in the order of
    # their first labels; the labels to report picked out in C.
    wrong = {
        spelling: (group, *reported[form])
        for spelling, (group, form) in form_of.items()
        if form in reported
    }
    found: dict[str, list[Violation]] = {group: [] for group in groups}
    for label in itertools.compress(labels, map(wrong.__contains__, map(_SHAPE_NAME, labels))):
        group, canonical, times = wrong[label.shape, label.name]
        found[group].append(_label_variant(doc, label, canonical, times))
    for violations in found.values():
        yield from violations


def _label_variant(
    doc: Document, label: Label, canonical: tuple[str, str], times: str
) -> Violation:
    """TR001's finding: the name rewritten, or where the markup differs
    (`**Name**:` for `**Name:**`) the whole label, its affiliation kept."""
    shape, name = canonical
    if label.shape == shape:
        start, end, new, old = label.name_start, label.name_end, name, label.name
    else:
        start, end, old = label.start, label.end, doc.text[label.start : label.end]
        inside = f"{name}{label.affiliation}"
        new = f"**{inside}:**" if shape == "inside" else f"**{inside}**:"
    return Violation(
        start,
        end,
        f"Speaker label '{old}' for '{new}' (written so {times})",
        replace(start, end, new, Safety.UNSAFE, f"Write '{new}'"),
    )


# -- TR002 --------------------------------------------------------------------------------

# Page-break tokens of web editors that leak into scraped text: UEditor's, and
# DedeCMS' page-title marker `#p#Title#e#`.
_CMS_TOKEN = lazy_re(r"_ueditor_page_break_tag_|#p#[^#\r\n]{0,60}#e#", re.IGNORECASE)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# The part of a timestamp after the hours (or minutes): a colon is a cheap anchor.
_AFTER_HOURS = lazy_re(r":\d{2}(?::\d{2})?(?:[.,]\d{1,3})?")
_WORD_AFTER = lazy_re(r"[^\W\d_]+")
_BRACKET = lazy_re(r"[\[\]]")
# Endings that belong to a time of day or a duration: `10:30am`, `5:00pm`, `2:30h`.
_TIME_SUFFIXES = frozenset(
    "a am p pm h hr hrs hour hours m min mins s sec secs ish utc gmt z".split()
)
_ANNOTATION = lazy_re(r"\\\[[^\n]{1,160}?\\\]|\[[^\[\]\n]{1,160}\](?![(\[:])")
_HAS_TIME = lazy_re(rf"(?<![\w:]){_TIME}(?![\w:])")
# First words of an annotation (`[laughs]`, `\[unintelligible 00:16:51.23\]`).
_ANNOTATION_WORDS = frozenset(
    """
    laugh laughs laughter laughing applause inaudible unintelligible crosstalk music
    silence pause cough coughs coughing sighs sigh chuckles chuckle noise break
    indiscernible foreign overlapping background ph sp
    """.split()
)
# A name as the document model reads labels: up to five capitalised words.
_NAME = r"\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ ]\p{Lu}[\p{L}\p{M}'’.\-]*){0,4}"
_TEXT_LABEL_GLUED = lazy_regex(rf"^({_NAME}):(?=\p{{L}})", regex.MULTILINE)
_LABEL_AHEAD = lazy_regex(rf"{_NAME}:(?=\s)")
# What a glued label needs: a colon right before a letter (in C, without `regex`).
_COLON_LETTER = lazy_re(r":[^\W\d_]")
# What a glued annotation needs, each found from its literal: a closing bracket
# before a letter, digit or `“`, or an opening one (maybe escaped) after one.
_GLUED_BRACKETS = (
    lazy_re(r"\][\w“]"),
    lazy_re(r"\[(?<=\w\[)"),
    lazy_re(r"\\\[(?<=\w\\\[)"),
)
_GLUED_START = frozenset("\"“'‘(\\[")


def _insert_space(start: int, end: int, at: int, message: str) -> Violation:
    """A finding over ``[start, end)`` fixed by a space inserted at ``at``."""
    return Violation(start, end, message, replace(at, at, " ", Safety.SAFE, "Insert a space"))


@rule(
    "TR002",
    "glued-marker",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def glued_marker(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A CMS token, timestamp, annotation or speaker label stuck to the text.

    ## What it does
    Finds:
    - page-break tokens of web editors left in the text, glued or not
      (`_ueditor_page_break_tag_Fu Linghui:`, `#p#Part two#e#`);
    - a timestamp with a word straight after or before it (`00:28Security`,
      `unintelligible00:14:07.28`), but not a time of day or duration (`10:30am`,
      `2:30h`);
    - an annotation with a word straight after or before it (`00:16:51.23\\]And`,
      `word[laughs]`), when the brackets hold a timestamp or an annotation word
      (`laughs`, `inaudible`, `crosstalk`...): editorial brackets (`[T]he`) are left;
    - a speaker label with its text straight after the colon: `**Mat Ryer:**Yes` in
      Markdown, and in plain text `Wang Zhijun:Yes` when `Wang Zhijun:` is a label
      elsewhere in the document.
    Nothing in code or a URL is checked.

    ## Why is this bad?
    The glued word is lost to search (`00:28Security` is not `Security`), a glued
    label is not recognised as a turn, and a CMS token is markup nobody said.

    ## Example
    ```text
    00:28Security comes first._ueditor_page_break_tag_Fu Linghui: Thank you.
    ```
    Use instead:
    ```text
    00:28 Security comes first.

    Fu Linghui: Thank you.
    ```

    ## Fix safety
    Safe where a space is inserted: no character changes, and only the shapes
    above, which no word has, are split. Unsafe where a CMS token is removed: text
    is deleted (and replaced by a paragraph break when a speaker label follows it,
    or by a space between two words).
    """
    text = doc.text
    if not doc.characters.isdisjoint("_#"):  # each token holds one of them
        for match in _CMS_TOKEN.finditer(text):
            if not doc.is_protected(*match.span(), annotations=False):
                yield _cms_token(doc, match)
    yield from _glued_timestamps(doc)
    yield from _glued_annotations(doc)
    yield from _glued_labels(doc)


def _glued_timestamps(doc: Document) -> Iterator[Violation]:
    """`00:28Security` and `unintelligible00:14:07.28`, but not `10:30am` or a part
    of a longer number; the glued word must not be code or a URL."""
    text = doc.text
    for match in _AFTER_HOURS.finditer(text):
        start, end = match.span()
        while start > match.start() - 2 and text[start - 1 : start].isdigit():
            start -= 1
        if start == match.start():
            continue  # no hours: not a timestamp
        stamp = text[start:end]
        before = text[start - 1 : start]
        if before.isalpha():
            if not text[start - 2 : start].isalpha() or text[end : end + 1] in (":", *"0123456789"):
                continue
            if doc.is_protected(start - 1, start, annotations=False):
                continue
            message = f"Timestamp '{stamp}' glued to the word before it"
            yield _insert_space(start, end, start, message)
            continue
        if before and (before.isalnum() or before in ":._"):
            continue  # part of a longer number or name
        word = _WORD_AFTER.match(text, end)
        if word is None or word.group().lower() in _TIME_SUFFIXES:
            continue
        if doc.is_protected(end, word.end(), annotations=False) or _on_timing_line(doc, start):
            continue
        message = f"Timestamp '{stamp}' glued to '{word.group()}'"
        yield _insert_space(start, word.end(), end, message)


def _glued_annotations(doc: Document) -> Iterator[Violation]:
    """`\\[laughs\\]And` and `word[laughs]`, for brackets that hold a timestamp or
    an annotation word; the glued text must not be code or a URL."""
    text = doc.text
    if not any(pattern.search(text) for pattern in _GLUED_BRACKETS):
        return
    for match in _BRACKET.finditer(text):
        position = match.start()
        if match.group() == "]":
            following = text[position + 1 : position + 2]
            if not (following.isalnum() or following == "“"):
                continue
            close = position + 1
            line_start = text.rfind("\n", 0, close) + 1
            opening = text.rfind("[", line_start, close)
            if opening > 0 and text[opening - 1] == "\\":
                opening -= 1
            annotation = _ANNOTATION.match(text, opening) if opening >= 0 else None
            if annotation is None or annotation.end() != close:
                continue
            glued, at, side = close, close, "after"
        else:
            if text[position - 1 : position] == "\\":
                position -= 1
            if not text[position - 1 : position].isalnum():
                continue
            annotation = _ANNOTATION.match(text, position)
            if annotation is None:
                continue
            glued, at, side = position - 1, position, "before"
        if not _is_annotation(annotation.group()) or doc.is_protected(glued, glued + 1):
            continue
        message = f"Annotation '{annotation.group()}' glued to the text {side} it"
        yield _insert_space(annotation.start(), annotation.end(), at, message)


def _cms_token(doc: Document, match: re.Match[str]) -> Violation:
    text = doc.text
    start, end = match.span()
    before, after = text[start - 1 : start], text[end : end + 1]
    if before.strip() and after.strip():
        # Up to the line's end and the character after it (for the lookahead): with
        # no end, `regex` looks for the `:` through the rest of the text first.
        if _LABEL_AHEAD.match(text, end, doc.line_spans[doc.line_of(end)][1] + 1):
            content, what = doc.newline * 2, "start a paragraph for the label after it"
        else:
            content, what = " ", "keep a space"
    else:
        content, what = "", "delete it"
        if after in (" ", "\t") and not before.strip():
            end += 1  # the token and one space: no space is left doubled or leading
    return Violation(
        match.start(),
        match.end(),
        f"CMS token '{match.group()}' in the text",
        replace(start, end, content, Safety.UNSAFE, f"Remove the token and {what}"),
    )


def _on_timing_line(doc: Document, offset: int) -> bool:
    if not doc.format.is_subtitles:
        return False
    start, end = doc.line_span(doc.line_of(offset))
    return "-->" in doc.text[start:end]


def _is_annotation(annotation: str) -> bool:
    inner = annotation.strip("\\[]")
    if _HAS_TIME.search(inner):
        return True
    first = _WORD_AFTER.search(inner)
    return first is not None and first.group().lower() in _ANNOTATION_WORDS


def _glued_labels(doc: Document) -> Iterator[Violation]:
    text = doc.text
    if doc.format is Format.MARKDOWN:
        for start, end in doc.speaker_labels:
            following = text[end : end + 1]
            if following and (following.isalnum() or following in _GLUED_START):
                message = f"Speaker label '{text[start:end]}' glued to its text"
                yield _insert_space(start, end, end, message)
        return
    if not _COLON_LETTER.search(doc.masked):
        return
    names = {label.name for label in speaker_labels(doc)}
    if not names:
        return
    for match in _TEXT_LABEL_GLUED.finditer(doc.masked):
        if match.group(1) in names:
            start, colon = match.start(), match.end(1) + 1
            message = f"Speaker label '{match.group(1)}:' glued to its text"
            yield _insert_space(start, colon, colon, message)


# -- TR003 --------------------------------------------------------------------------------


@rule("TR003", "empty-speaker-turn", fix=Availability.SOMETIMES, safety=(Safety.UNSAFE,))
def empty_speaker_turn(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A speaker label with nothing after it before the next label.

    ## What it does
    Finds a speaker label followed by nothing but whitespace up to the next label or
    the end of the document. It is reported when the next label names the same
    speaker, or when the speaker has at least as many turns with text as without in
    the document. So a heading such as `Participants:` above `Name: role` lines, and a
    label a document leaves empty on purpose to mark a section (`**Break:**` before
    each segment) are left alone. A turn that holds only an annotation or a timestamp
    (`**Break:** [38:46]`) is not empty.

    ## Why is this bad?
    Either the speaker's words were lost in scraping, or the label was doubled. A
    tool that splits the transcript into turns records a turn of nothing, and a
    reader cannot tell what was said.

    ## Example
    ```text
    Shou Xiaoli:

    Shou Xiaoli: Now, the last question.
    ```
    Use instead:
    ```text
    Shou Xiaoli: Now, the last question.
    ```

    ## Fix safety
    Only a doubled label (the next label names the same speaker) has a fix, which
    deletes the empty one; it is unsafe, because the first label may mark a turn
    whose words were lost. Any other empty turn is only reported: deleting its label
    would hide the loss, and the lost words are not in the text to restore.
    """
    labels = speaker_labels(doc)
    if not labels:
        return
    speaker = speakers(doc)
    text = doc.text
    ends = [label.start for label in labels[1:]] + [len(text)]
    empty = [not text[label.end : end].strip() for label, end in zip(labels, ends, strict=True)]
    turns: Counter[tuple[str, bool]] = Counter(
        (speaker[label.key], blank)
        for label, blank in zip(labels, empty, strict=True)
        if label.key in speaker
    )
    for index, label in enumerate(labels):
        if not empty[index] or label.key not in speaker:
            continue
        who = speaker[label.key]
        following = labels[index + 1] if index + 1 < len(labels) else None
        same_next = following is not None and speaker.get(following.key) == who
        if not same_next and turns[who, False] < turns[who, True]:
            continue  # a label mostly left empty marks a section (`Break:`), not a turn
        fix = None
        if following is not None and same_next:
            fix = delete(label.start, following.start, Safety.UNSAFE, "Delete the doubled label")
        yield Violation(
            label.start,
            label.end,
            f"Speaker label '{label.name}' has no text before the next label",
            fix,
        )


# -- TR004 --------------------------------------------------------------------------------

TURN_PHRASES_FILE = Path(__file__).parent / "data" / "turn_phrases.txt"
# A paragraph: lines with text, up to a blank line.
_PARAGRAPH = lazy_re(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")
_SENTENCE = lazy_re(r"[^.?!\r\n]*[.?!]*")
_QUESTION_END = lazy_re(r"\?[\"”’')\]]*\s*\Z")
_OPENING = 240  # characters of a paragraph in which a new speaker introduces a question
_MAX_HAND_OVER_WORDS = 30  # a moderator's hand-over is short


@record(frozen=True, slots=True)
class TurnPhrases:
    """The phrases of ``data/turn_phrases.txt``, as patterns."""

    answers: re.Pattern[str]  # at a paragraph's start
    questions: re.Pattern[str]  # in a paragraph's opening
    hand_overs: re.Pattern[str]  # anywhere in a paragraph
    closings: re.Pattern[str]  # at a paragraph's end


@functools.cache
def turn_phrases() -> TurnPhrases:
    """The turn phrases, read once per process on first use."""
    sections: dict[str, list[str]] = defaultdict(list)
    section = ""
    for line in data_lines(TURN_PHRASES_FILE):
        phrase = " ".join(line.split())
        if phrase.startswith("["):
            section = phrase.strip("[]")
        elif phrase:
            sections[section].append(re.escape(phrase).replace("\\ ", r"\s+"))

    def alternatives(name: str) -> str:
        return "|".join(sorted(sections[name], key=len, reverse=True))

    return TurnPhrases(
        re.compile(rf"[^\w]*(?:{alternatives('answers')})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternatives('questions')})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternatives('hand-overs')})\b", re.IGNORECASE),
        re.compile(rf"(?:\s*\b(?:{alternatives('closings')})\b[.!]*)+\s*\Z", re.IGNORECASE),
    )


@rule("TR004", "lost-speaker-label")
def lost_speaker_label(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A paragraph that reads as another speaker's turn, inside someone's turn.

    ## What it does
    Looks at each turn of a transcript with speaker labels that runs over several
    paragraphs, and reports a paragraph that reads as a turn of its own:
    - an answer: a paragraph that opens by thanking for the question or praising it
      (`Thank you for your question.`, `Good question.`) right after a paragraph
      that ends with a question mark: nobody thanks themselves for their question;
    - a question: the last paragraph of a turn, before the label of another speaker,
      that ends with a question mark (a closing `Thank you.` read past) and either
      introduces its asker in its opening (`My question is`, `I'm with`, `I'm
      from`) or follows a short paragraph that hands over the floor (`Now, we'll
      take the last question.`).
    The phrases are data (`rules/data/turn_phrases.txt`). A turn of several
    paragraphs is otherwise left alone, however long: most are correct.

    ## Why is this bad?
    The paragraph is credited to the wrong speaker: a journalist's question becomes
    the moderator's, an official's answer the journalist's. Tools that count who
    said what, and readers, are misled.

    ## Example
    ```text
    Moderator: Now, the last question.

    How will the plan be paid for? Thank you.

    Minister: The budget covers it.
    ```
    Use instead:
    ```text
    Moderator: Now, the last question.

    Reporter: How will the plan be paid for? Thank you.

    Minister: The budget covers it.
    ```

    ## Fix safety
    No fix: who spoke is not in the text.
    """
    labels = speaker_labels(doc)
    if len(labels) < 2:
        return
    speaker = speakers(doc)
    masked = doc.masked
    phrases = turn_phrases()
    for label, following in itertools.pairwise(labels):
        # The turn ends where the next label's line starts (`>> ` may come before it).
        turn_end = doc.line_starts[doc.line_of(following.start)]
        if "\n" not in masked[label.end : turn_end].strip():
            continue  # one paragraph: the usual turn
        paragraphs = [m.span() for m in _PARAGRAPH.finditer(masked, label.end, turn_end)]
        if len(paragraphs) < 2:
            continue
        texts = [masked[start:end].replace("’", "'") for start, end in paragraphs]
        for index in range(1, len(texts)):
            if phrases.answers.match(texts[index]) and _asks(texts[index - 1], phrases):
                yield _lost_label(
                    paragraphs[index],
                    masked,
                    "This paragraph answers the question above it, but opens no turn: "
                    "was its speaker label lost?",
                )
        who, next_who = speaker.get(label.key), speaker.get(following.key)
        if who is None or next_who is None or who == next_who:
            continue
        last, before = texts[-1], texts[-2]
        if not _asks(last, phrases) or phrases.answers.match(last):
            continue
        if phrases.questions.search(last[:_OPENING]) or _hands_over(before, phrases):
            yield _lost_label(
                paragraphs[-1],
                masked,
                f"This paragraph asks a question in {label.name}'s turn, just before "
                f"{following.name} answers: was its speaker label lost?",
            )


def _asks(paragraph: str, phrases: TurnPhrases) -> bool:
    """Whether a paragraph ends with a question, a closing courtesy read past."""
    closing = phrases.closings.search(paragraph)
    body = paragraph[: closing.start()] if closing else paragraph
    return bool(_QUESTION_END.search(body))


def _hands_over(paragraph: str, phrases: TurnPhrases) -> bool:
    """Whether a short paragraph that asks nothing gives the floor to a question."""
    return (
        len(paragraph.split()) <= _MAX_HAND_OVER_WORDS
        and not _asks(paragraph, phrases)
        and bool(phrases.hand_overs.search(paragraph))
    )


def _lost_label(paragraph: tuple[int, int], masked: str, message: str) -> Violation:
    """A finding over the paragraph's first sentence."""
    start, end = paragraph
    sentence = _SENTENCE.match(masked, start, end)
    stop = sentence.end() if sentence and sentence.end() > start else end
    return Violation(start, stop, message)
