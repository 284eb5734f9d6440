"""Regions of a transcript that are not prose, found so that rules can skip them.

Rules read a *masked* view of the text in which every such region is replaced by
spaces of the same length (line breaks kept), so offsets in the masked view are
offsets in the real text, and a URL, a timestamp or a code span can never look like
a merged word or a missing space.
"""

from __future__ import annotations

import enum
import itertools
import time
from collections.abc import Iterable, Iterator, Sequence

import regex

from lint.patterns import lazy_re, lazy_regex

Span = tuple[int, int]


class Format(enum.Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    SRT = "srt"
    WEBVTT = "webvtt"

    @property
    def is_subtitles(self) -> bool:
        return self in (Format.SRT, Format.WEBVTT)


_EXTENSIONS = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".srt": Format.SRT,
    ".vtt": Format.WEBVTT,
}


def format_for(path: str) -> Format:
    """The format a file is read as, chosen by its extension (plain text otherwise)."""
    dot = path.rfind(".")
    return _EXTENSIONS.get(path[dot:].lower(), Format.TEXT) if dot >= 0 else Format.TEXT


# Top-level domains and file extensions that end a masked name. English words that
# are also TLDs (`.is`, `.it`, `.in`, `.us`, `.to`, `.be`, `.no`, `.so`, `.me`, `.at`)
# are left out on purpose: `it.is` is a missing space far more often than a domain.
NAME_ENDINGS = frozenset(
    """
    com org net edu gov mil int info biz io co uk cn de fr jp ru eu au ca ch nl se fm ly ai
    dev app tv gg sh xyz tech news
    txt md markdown rst py pyi js mjs ts tsx jsx json jsonl yaml yml toml ini cfg conf html
    htm css scss csv tsv pdf doc docx xls xlsx ppt pptx png jpg jpeg gif svg webp mp3 mp4
    wav zip tar gz tgz rs rb go java kt swift cpp hpp cc exe dll log xml srt vtt sql lock
    """.split()
)

# Each kind of region is found by its own pattern, and every pattern starts with a
# rare literal (`http`, `@`, `.`, `[`, `:`) so that scanning the text stays cheap.
_URL = lazy_regex(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'`]+?(?=[.,;:!?)\]'"]*(?:[\s<>"'`]|\Z))"""
)
_EMAIL = lazy_regex(r"(?<=[\w.+-]+)@[\w-]+(?:\.[\w-]+)+\b")
_EMAIL_USER = lazy_regex(r"[\w.+-]+$")
_NAME_END = lazy_regex(r"(?<=[\w-])\.([a-z]{2,8})(?![\w-])")
_NAME_START = lazy_regex(r"(?<![\w.@/-])[\w-]+(?:\.[\w-]+)*$")
_ANNOTATION = lazy_regex(r"\\\[[^\n]{1,160}?\\\]|\[[^\[\]\n]{1,160}\](?![(\[:])")
_TIMESTAMP = lazy_regex(r"(?<=(?<![\w:.])\d{1,2}):\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?![\w:])")
_TIMESTAMP_HOURS = lazy_regex(r"\d{1,2}$")
_LOOKBACK = 80  # characters searched to the left of an anchor

_MARKDOWN = lazy_regex(
    r"""
    \A\ufeff?(?:---|\+\+\+)[ \t]*\r?\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|\Z)  # front matter
    # a fenced code block, closed by a fence of the same kind, or left open to the end
    | ^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ ]{0,3}(?P=fence)[`~]*[ \t]*(?:\r?$|\Z)
    | ^[ ]{0,3}(?:`{3,}|~{3,})[^\n]*\n.*\Z                           # unclosed fence
    # an indented code block: lines indented four spaces after a blank line
    | (?<=(?:\A|\n)[ \t]*\r?\n|\A)(?:[ ]{4}|\t)[^\n]*(?:\n|\Z)
      (?:(?:[ \t]*\r?\n)*(?:[ ]{4}|\t)[^\n]*(?:\n|\Z))*
    | <!--.*?(?:-->|\Z)                                             # HTML comment
    | (?<!`)(?P<tick>`+)(?!`)[^\n]+?(?<!`)(?P=tick)(?!`)             # inline code
    | (?<=\])\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"\n]*")?\)   # link target
    | ^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S[^\n]*                           # reference definition
    | </?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>                            # inline HTML tag
    """,
    regex.VERBOSE | regex.MULTILINE | regex.DOTALL,
)

# Where a Markdown region can start (the pattern above has no literal to search for,
# and trying it at every character costs more than the rest of the masking): the
# start of the text, a line that starts with a fence, a `[` or an indent (the
# character after the `\n` found here), a `<` or a backtick, a `(` after a `]`.
_MARKDOWN_STARTS = lazy_re(r"[<`]|\](?=\()|\n(?=[ ]{0,3}[`~\[]|[ ]{4}|\t)")
_AFTER_HIT = frozenset("]\n")  # the region starts after these hits, at the others


def _markdown_regions(text: str) -> Iterator[Span]:
    """The spans of ``_MARKDOWN.finditer(text)``, the pattern tried only where one
    of its branches can start, in order, each after the end of the last match."""
    end = 0
    starts = (
        hit.start() + (text[hit.start()] in _AFTER_HIT) for hit in _MARKDOWN_STARTS.finditer(text)
    )
    for start in itertools.chain((0,), starts):
        if start >= end:
            match = _MARKDOWN.match(text, start)
            if match is not None:
                end = match.end()
                yield match.span()


# Subtitles: everything but the cue text is structure. A cue timing is
# `00:00:01,000 --> 00:00:04,000` (SRT) or `00:01.000 --> 00:04.000 align:start` (WebVTT).
TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
TIMING_LINE = lazy_regex(
    rf"^[ \t]*{TIME}[ \t]+-->[ \t]+{TIME}(?:[ \t][^\r\n]*)?\r?$", regex.MULTILINE
)
_SUBTITLES = lazy_regex(
    rf"""
    ^[^\r\n]*\S[^\r\n]*(?=\r?\n[ \t]*{TIME}[ \t]+-->)   # a cue number or identifier
    | \A\ufeff?WEBVTT(?:[ \t][^\n]*)?(?:\n[^\r\n]*\S[^\r\n]*)*  # the WebVTT header block
    | ^(?:NOTE|STYLE|REGION)(?:[ \t][^\n]*)?$(?:\n[^\r\n]*\S[^\r\n]*)*  # WebVTT blocks
    | </?[a-z]+(?:\.[\w.-]+)*(?:[ \t][^<>\r\n]*)?>              # <i>, <v Speaker>, <c.red>
    | <{TIME}>                                                  # a WebVTT timestamp tag
    | \{{\\[^{{}}\r\n]*\}}                                   # an SRT position tag {{\an8}}
    """,
    regex.VERBOSE | regex.MULTILINE,
)

_NOT_LINE_BREAK = lazy_regex(r"[^\r\n]")
PATTERN_TIMEOUT = 2.0  # seconds a user's ignore-pattern may take on one file
PATTERN_RUN_BUDGET = 10.0  # CPU seconds a user's ignore-pattern may take in one run


class PatternTimeout(Exception):
    """A user's ignore-pattern ran too long on a file (catastrophic backtracking),
    or spent what it may cost in the run; with a ``PatternBudget`` it is then not
    used again in the run."""

    def __init__(self, pattern: str, disabled: bool = False) -> None:
        rest = "; it is not used for the rest of this run" if disabled else ""
        super().__init__(
            f"ignore-patterns: '{pattern}' took more than {PATTERN_TIMEOUT:g} s on this file "
            f"or {PATTERN_RUN_BUDGET:g} s in this run{rest}; simplify it (nested repeats "
            "such as (a+)+ backtrack without end)"
        )


class PatternBudget:
    """What each user pattern may still cost in one run (in one process: each worker
    of a run has its own): ``PATTERN_RUN_BUDGET`` seconds of CPU in all, and at most
    ``PATTERN_TIMEOUT`` on one file. A pattern that runs out on a file raises
    PatternTimeout there, once, and is skipped for every other file of the run: the
    file it ran out on is the run's one warning (see ``failure``)."""

    def __init__(self) -> None:
        self._spent: dict[str, float] = {}
        self._disabled: dict[str, str] = {}  # pattern -> the file it ran out on

    def spans(self, pattern: regex.Pattern[str], text: str, path: str) -> list[Span]:
        """The non-empty matches of ``pattern``; none once it is disabled."""
        key = pattern.pattern
        if key in self._disabled:
            return []
        left = PATTERN_RUN_BUDGET - self._spent.get(key, 0.0)
        started = time.process_time()
        try:
            if left <= 0:
                raise PatternTimeout(key)
            return _matches(pattern, text, min(PATTERN_TIMEOUT, left))
        except PatternTimeout:
            self._disabled[key] = path
            raise PatternTimeout(key, disabled=True) from None
        finally:
            self._spent[key] = self._spent.get(key, 0.0) + time.process_time() - started

    def disabled(self, patterns: Iterable[regex.Pattern[str]]) -> bool:
        """Whether any of ``patterns`` is no longer used in this run."""
        return any(p.pattern in self._disabled for p in patterns)

    def failure(self, path: str) -> PatternTimeout | None:
        """The timeout of a pattern that ran out on ``path`` (for the pass that
        reports the file, when an earlier pass ran it out)."""
        key = next((k for k, where in self._disabled.items() if where == path), None)
        return None if key is None else PatternTimeout(key, disabled=True)


def _matches(pattern: regex.Pattern[str], text: str, timeout: float) -> list[Span]:
    try:
        return [m.span() for m in pattern.finditer(text, timeout=timeout) if m.end() > m.start()]
    except TimeoutError:
        raise PatternTimeout(pattern.pattern) from None


def user_spans(
    text: str,
    patterns: Sequence[regex.Pattern[str]],
    budget: PatternBudget | None = None,
    path: str = "-",
) -> list[Span]:
    """The non-empty matches of the user's ignore-patterns: within ``budget`` (the
    run's, for the file ``path``) if given, else within ``PATTERN_TIMEOUT`` each."""
    spans: list[Span] = []
    for pattern in patterns:
        if budget is None:
            spans.extend(_matches(pattern, text, PATTERN_TIMEOUT))
        else:
            spans.extend(budget.spans(pattern, text, path))
    return spans


def structure_spans(text: str, fmt: Format, user: Sequence[Span] = ()) -> list[Span]:
    """The spans of the text that are not prose, with ``user``'s (the matches of the
    user's ignore-patterns, see ``user_spans``), but for bracketed annotations
    (``annotation_spans``), unsorted and not merged (see ``merge``): the rules whose
    subject annotations are (page markers such as ``[Page H6173]``) read the regions
    without them, so a document finds these once for both."""
    # A scan only where its literal occurs (`in` is a search in C): most texts have
    # no address at all.
    spans: list[Span] = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL.finditer(text))
    if "@" in text:
        spans.extend(_extend_left(text, m, _EMAIL_USER) for m in _EMAIL.finditer(text))
    spans.extend(
        _extend_left(text, m, _NAME_START)
        for m in _NAME_END.finditer(text)
        if m.group(1) in NAME_ENDINGS
    )
    spans.extend(_extend_left(text, m, _TIMESTAMP_HOURS) for m in _TIMESTAMP.finditer(text))
    if fmt is Format.MARKDOWN:
        spans.extend(_markdown_regions(text))
    elif fmt.is_subtitles:
        spans.extend(m.span() for m in TIMING_LINE.finditer(text))
        spans.extend(m.span() for m in _SUBTITLES.finditer(text))
    spans.extend(user)
    return spans


def annotation_spans(text: str) -> list[Span]:
    """The spans of bracketed annotations (`[inaudible]`, `\\[laughs\\]`)."""
    return [m.span() for m in _ANNOTATION.finditer(text)]


def _extend_left(text: str, anchor: regex.Match[str], left: regex.Pattern[str]) -> Span:
    """The anchor's span grown to the left by what ``left`` matches just before it."""
    start = anchor.start()
    before = left.search(text, max(0, start - _LOOKBACK), start)
    return (before.start() if before else start), anchor.end()


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def mask(text: str, regions: Sequence[Span]) -> str:
    """The text with each region replaced by spaces, line breaks kept."""
    if not regions:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in regions:
        pieces.append(text[position:start])
        region = text[start:end]
        if "\n" in region or "\r" in region:
            pieces.append(_NOT_LINE_BREAK.sub(" ", region))
        else:  # most regions are on one line: spaces in C
            pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
