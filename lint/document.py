"""The document model: the exact text of a transcript and the views rules need.

A ``Document`` never normalises its text: a file read and written back with no fix
is byte-identical (CRLF, CR, a BOM and a missing final newline included). On top of
the text it offers a line index, offset -> (line, column) conversion with 1-based
lines and columns counted in characters, and a masked view in which regions that are
not prose (URLs, timestamps, code, annotations, user patterns) are blanked out.

Every view is computed once, on first use, and shared by the rules that ask, so no
rule tokenises the text again: the set of its characters (what a rule's triggers
are tested against), the masked view in lower case, its whitespace-separated token
types, and its word counts as written and in any casing. A rule's own analysis is
shared the same way with ``shared``.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TypeVar, cast

import regex

from lint.masking import (
    Format,
    PatternBudget,
    Span,
    annotation_spans,
    format_for,
    mask,
    merge,
    structure_spans,
    user_spans,
)
from lint.patterns import lazy_re, lazy_regex

T = TypeVar("T")
# A line longer than this (in characters) is not read as prose: it is a protected
# region, which the rules that read the masked text skip, and WS010 reports it once.
# A scraped transcript with no line breaks at all stays well under it (an hour of
# speech is about 60,000 characters).
MAX_LINE = 2_000_000
_LINE_BREAK = lazy_regex(r"\r\n|\r|\n")
# A word of the word counts: letters, digits and `_` (the standard library's `\w`,
# several times faster than `regex` at this).
_WORD = lazy_re(r"\w+")
_MARKDOWN_LABEL = lazy_regex(
    r"^\*\*([^*\n]{1,80}?):\*\*|^\*\*([^*\n]{1,80}?)\*\*:", regex.MULTILINE
)
# `Name:` at a line start, or after a caption turn marker (`>> Name:`): up to five
# capitalised words, maybe a number (`Speaker 2:`) and an affiliation in brackets
# (`Wang Zhijun (MIIT):`). In a subtitle cue, after a tag (`{\an8}`, `<i>`) too,
# which the masked view has turned into spaces.
# A number only after a word for an anonymous speaker: `Step 3:` and `Chapter 2:`
# are headings, not people.
_NUMBERED = (
    r"(?:Speaker|Voice|Participant|Interviewer|Interviewee|Caller|Guest|Person"
    r"|Respondent|Member|Questioner|Reporter|Journalist|Student|Male|Female|Unknown)"
)
_LABEL_NAME = (
    r"(\p{Lu}[\p{L}\p{M}'’.\-]*(?:[ ]\p{Lu}[\p{L}\p{M}'’.\-]*){0,4}"
    rf"(?:(?<=(?i:{_NUMBERED}))[ ]\d{{1,3}})?"
    r"(?:[ ]\([^()\r\n]{1,40}\))?):(?=[ \t]|\r?$)"
)
_TEXT_LABEL = lazy_regex(rf"(?:(?<=^>>[ \t]{{0,3}})|^){_LABEL_NAME}", regex.MULTILINE)
_CUE_LABEL = lazy_regex(
    rf"(?:(?<=^[ \t]*>>[ \t]{{0,3}})|(?<=^[ \t]*)){_LABEL_NAME}", regex.MULTILINE
)
# What ``Document.compact`` frees: views that cost little to compute again (copies
# of the text, line indexes, sets of characters and tokens: 5.7 bytes per byte of
# text on generated transcripts) ...
_CHEAP_VIEWS = (
    "lowered",
    "characters",
    "token_types",
    "line_starts",
    "line_spans",
    "_region_starts",
    "_region_but_annotation_starts",
)
# ... and what it packs: the word counts (10.5 bytes per byte, 2.7 M instructions
# a file to count again) as their words joined by a character no word holds and an
# array of counts, and the speaker labels as a flat array of offsets.
_PACKED_COUNTS = ("words", "vocabulary")
_PACKED_SPANS = ("speaker_labels",)
_KEY_SEPARATOR = "\n"  # never in a word (a run of ``\w``), nor in one lowered


def _counter(items: Iterable[tuple[str, int]]) -> Counter[str]:
    """A Counter of these (key, count) pairs, in their order, filled in C: the
    Counter of a dict copies the dict through ``Counter.update``."""
    counter: Counter[str] = Counter()
    dict.update(counter, items)
    return counter


class Document:
    """One transcript: its path, exact text, format and derived views."""

    def __init__(
        self,
        text: str,
        path: str = "-",
        fmt: Format | None = None,
        ignore_patterns: Sequence[regex.Pattern[str]] = (),
        budget: PatternBudget | None = None,
    ) -> None:
        self.text = text
        self.path = path
        self.format = fmt if fmt is not None else format_for(path)
        self.ignore_patterns = tuple(ignore_patterns)
        self.budget = budget  # what the ignore-patterns may still cost in the run
        self._shared: dict[Callable[[Document], object], object] = {}
        self._per_line: dict[tuple[Callable[[Document, int], object], int], object] = {}
        self._packed_counts: dict[str, tuple[str, array[int]]] = {}  # see ``compact``
        self._packed_spans: dict[str, array[int]] = {}

    def with_text(self, text: str) -> Document:
        """The same file with new text (after fixes), every view recomputed."""
        return Document(text, self.path, self.format, self.ignore_patterns, self.budget)

    def forget(self) -> None:
        """Drop every view computed from the text (each is computed again if asked
        for): the fixer calls this on a text it has moved past, so that the memory of
        its views (masked text, line index, the rules' shared analyses) is freed
        while callers still hold the document."""
        for name, value in vars(Document).items():
            if isinstance(value, cached_property):
                self.__dict__.pop(name, None)
        self._shared.clear()
        self._per_line.clear()
        self._packed_counts.clear()
        self._packed_spans.clear()

    def compact(self) -> None:
        """Shrink a document that is kept between the passes of a run (gathering the
        corpus evidence, then checking), from about 22 to 3 bytes per byte of text
        besides the text: free the views that are cheap to compute again and pack the
        word counts and speaker labels, which are not. The masked view, the protected
        regions and the rules' shared analyses stay: they cost the most to redo. Each
        view reads as before; a packed one is unpacked on first use."""
        views = self.__dict__
        for name in _CHEAP_VIEWS:
            views.pop(name, None)
        for name in _PACKED_COUNTS:
            counts = views.pop(name, None)
            if counts is not None:
                self._packed_counts[name] = (
                    _KEY_SEPARATOR.join(counts),
                    array("q", counts.values()),
                )
        for name in _PACKED_SPANS:
            spans = views.pop(name, None)
            if spans is not None:
                self._packed_spans[name] = array("q", itertools.chain.from_iterable(spans))

    def _unpacked_counts(self, name: str) -> Counter[str] | None:
        packed = self._packed_counts.pop(name, None)
        if packed is None:
            return None
        keys, counts = packed
        return _counter(zip(keys.split(_KEY_SEPARATOR), counts, strict=True) if counts else ())

    def _unpacked_spans(self, name: str) -> list[Span] | None:
        packed = self._packed_spans.pop(name, None)
        if packed is None:
            return None
        offsets = iter(packed)
        return list(zip(offsets, offsets, strict=True))

    @cached_property
    def _user_spans(self) -> list[Span]:
        """The matches of the user's ignore-patterns (run once per text)."""
        return user_spans(self.text, self.ignore_patterns, self.budget, self.path)

    @cached_property
    def long_lines(self) -> list[Span]:
        """The lines longer than ``MAX_LINE`` characters (without their line break)."""
        if len(self.text) <= MAX_LINE:
            return []
        return [(s, e) for s, e in self.line_spans if e - s > MAX_LINE]

    @cached_property
    def _structure(self) -> list[Span]:
        """The protected spans other than annotations, unmerged (see ``structure_spans``):
        found once for both ``regions`` and ``regions_but_annotations``."""
        return structure_spans(self.text, self.format, self._user_spans + self.long_lines)

    @cached_property
    def regions(self) -> list[Span]:
        """Sorted, disjoint spans that are not prose: those the format and the
        user's patterns say, and every line longer than ``MAX_LINE``."""
        return merge(self._structure + annotation_spans(self.text))

    @cached_property
    def masked(self) -> str:
        """The text with every protected region replaced by spaces of equal length."""
        return mask(self.text, self.regions)

    @cached_property
    def regions_but_annotations(self) -> list[Span]:
        """The protected regions other than bracketed annotations."""
        return merge(self._structure)

    @cached_property
    def _region_starts(self) -> list[int]:
        return [s for s, _ in self.regions]

    @cached_property
    def _region_but_annotation_starts(self) -> list[int]:
        return [s for s, _ in self.regions_but_annotations]

    def is_protected(self, start: int, end: int, *, annotations: bool = True) -> bool:
        """Whether ``[start, end)`` touches a protected region (a point if empty).

        With ``annotations=False`` bracketed annotations do not count, for the rules
        that look at them (page markers).
        """
        if annotations:
            regions, starts = self.regions, self._region_starts
        else:
            regions, starts = self.regions_but_annotations, self._region_but_annotation_starts
        index = bisect.bisect_right(starts, max(start, end - 1)) - 1
        return index >= 0 and regions[index][1] > start

    def in_block(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a protected region that began before it on an
        earlier line: a code block, front matter, a WebVTT NOTE block."""
        return (
            offset > 0
            and self.is_protected(offset - 1, offset + 1)
            and self.is_protected(offset - 1, offset)
        )

    @cached_property
    def characters(self) -> frozenset[str]:
        """The distinct characters of the text: one pass in C that answers, for every
        rule, whether a character it looks for occurs at all (see ``contains_any``)."""
        return frozenset(self.text)

    def contains_any(self, characters: frozenset[str], literals: Iterable[str] = ()) -> bool:
        """Whether one of ``characters`` or of the longer ``literals`` occurs in the
        text: a set operation on ``characters`` and substring searches, all in C."""
        text = self.text
        return not self.characters.isdisjoint(characters) or any(
            literal in text for literal in literals
        )

    @cached_property
    def lowered(self) -> str:
        """The masked view in lower case (its length may differ from the text's in
        rare scripts: ``len(doc.lowered) == len(doc.text)`` says whether offsets hold)."""
        return self.masked.lower()

    @cached_property
    def token_types(self) -> frozenset[str]:
        """The distinct whitespace-separated tokens of the masked view, as written:
        the types that word questions are asked of, once each, as sets."""
        return frozenset(self.masked.split())

    @cached_property
    def words(self) -> Counter[str]:
        """How often each word (a run of ``\\w``) of the masked view occurs, as
        written, in the order of first occurrence."""
        packed = self._unpacked_counts("words")
        return packed if packed is not None else Counter(_WORD.findall(self.masked))

    @cached_property
    def vocabulary(self) -> Counter[str]:
        """How often each word occurs in any casing: ``words`` by lower-case key."""
        packed = self._unpacked_counts("vocabulary")
        if packed is not None:
            return packed
        lowered: dict[str, int] = {}
        get = lowered.get  # each type lowered once; Counter's += costs a call per word
        for word, n in self.words.items():
            key = word.lower()
            lowered[key] = get(key, 0) + n
        return _counter(lowered.items())

    @cached_property
    def line_starts(self) -> list[int]:
        """Offset of the first character of every line (a final empty line included)."""
        if "\r" in self.text:
            return [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]
        # The usual case, in C: each line's length plus its `\n`, summed up.
        lengths = map(len, self.text.split("\n")[:-1])
        return list(itertools.accumulate(map((1).__add__, lengths), initial=0))

    @cached_property
    def newline(self) -> str:
        """The line ending most lines use (``\\n`` for a file with none)."""
        counts = {"\n": 0, "\r\n": 0, "\r": 0}
        for match in _LINE_BREAK.finditer(self.text):
            counts[match.group()] += 1
        return max(counts, key=lambda nl: (counts[nl], nl == "\n"))

    def line_of(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def location(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset, columns counted in characters.

        A BOM at the start of the file is not a column: the first visible character
        of the file is at column 1.
        """
        starts = self.line_starts
        line = bisect.bisect_right(starts, offset) - 1  # ``line_of``, without its call
        column = offset - starts[line] + 1
        if line == 0 and offset > 0 and self.text.startswith("\ufeff"):
            column -= 1
        return line + 1, column

    def shared(self, analysis: Callable[[Document], T]) -> T:
        """``analysis(self)``, computed once per document: how rules share work such
        as a tokenisation or a layout, without module-level caches."""
        try:
            return cast(T, self._shared[analysis])
        except KeyError:
            value = self._shared[analysis] = analysis(self)
            return value

    def per_line(self, analysis: Callable[[Document, int], T], line: int) -> T:
        """``analysis(self, line)``, computed once per line of the document: a rule
        that asks a question of the line around each candidate (is it laid out in
        columns?) must not scan a long line once per candidate."""
        key = (analysis, line)
        try:
            return cast(T, self._per_line[key])
        except KeyError:
            value = self._per_line[key] = analysis(self, line)
            return value

    @cached_property
    def line_spans(self) -> list[Span]:
        """Start and end (before the line break) of every line."""
        starts, text = self.line_starts, self.text
        if "\r" in text:
            ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
        else:
            ends = [*map((-1).__add__, starts[1:]), len(text)]
        return list(zip(starts, ends, strict=True))

    def line_span(self, line: int) -> Span:
        """Start and end (before the line break) of the 0-based line ``line``."""
        return self.line_spans[line]

    def whole_line(self, line: int) -> Span:
        """The span to delete to remove line ``line`` entirely: the line and its line
        break, or for a last line without one, the line break before it."""
        start = self.line_starts[line]
        if line + 1 < len(self.line_starts):
            return start, self.line_starts[line + 1]
        if self.text.endswith("\r\n", 0, start):
            return start - 2, len(self.text)
        return max(0, start - 1), len(self.text)

    @cached_property
    def speaker_labels(self) -> list[Span]:
        """Spans of speaker labels: ``**Name:**`` in Markdown, ``Name:`` at a line start
        or after a caption turn marker ``>>`` (the marker is not part of the span)."""
        packed = self._unpacked_spans("speaker_labels")
        if packed is not None:
            return packed
        if self.format is Format.MARKDOWN:
            pattern = _MARKDOWN_LABEL
        else:
            pattern = _CUE_LABEL if self.format.is_subtitles else _TEXT_LABEL
        return [m.span() for m in pattern.finditer(self.masked)]
