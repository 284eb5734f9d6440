"""Subtitles (ST): the structure of SRT and WebVTT files.

Subtitle files are read as cues: cue numbers, timing lines, the WebVTT header, NOTE
blocks and cue settings are masked, so every other rule checks only what is said
and no fix ever touches a timing. This family checks the structure itself: a timing
line that does not parse, or a cue that ends before it starts, makes players drop or
misplace the cue. These findings have no fix: the right time is not in the text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import regex

from lint.document import Document
from lint.fix import Safety, delete, replace
from lint.masking import TIMING_LINE, Format
from lint.patterns import lazy_regex
from lint.records import record
from lint.rule import Availability, Context, Violation, rule

# What was meant as a timing line: an arrow, or two times joined by a dash or arrow.
_LOOSE_TIME = r"\d{1,2}(?::\d{1,2}){1,2}(?:[,.:]\d{1,3})?"
_TIMING_ATTEMPT = lazy_regex(
    rf"^(?:[^\r\n]*-->[^\r\n]*"
    rf"|[ \t]*{_LOOSE_TIME}[ \t]*(?:-+>?|–|—)[ \t]*{_LOOSE_TIME}[^\r\n]*)\r?$",
    regex.MULTILINE,
)
_TIME = lazy_regex(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})")
# What a cue's text holds besides words: tags (`<i>`, `<v Name>`, `{\an8}`) and space.
_CUE_MARKUP = lazy_regex(r"<[^<>\r\n]*>|\{\\[^{}\r\n]*\}|\s+")
# Cue settings and tags that place a cue on the screen: two cues so placed may be
# shown at once on purpose (a speaker on each side, a sign and a line of speech).
_SETTINGS = lazy_regex(r"\b(?:line|position|region):")  # on the timing line
_PLACING_TAG = lazy_regex(r"\{\\(?:an\d|pos\()")  # in the cue's text
# A WebVTT timestamp as its syntax has it: hours of two digits or more (optional),
# two-digit minutes and seconds, a dot and three digits.
_VTT_TIMESTAMP = lazy_regex(r"(?:(\d+):)?(\d+):(\d+)([,.])(\d+)")
_VTT_TIMES = lazy_regex(r"[ \t]*(\S+)[ \t]+-->[ \t]+(\S+)")
_NOT_SPACE = lazy_regex(r"\S")


def _milliseconds(match: regex.Match[str]) -> int | None:
    hours, minutes, seconds, fraction = match.groups()
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(
        fraction.ljust(3, "0")
    )


@rule("ST001", "invalid-cue-timing")
def invalid_cue_timing(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A subtitle timing line that does not parse, or a cue that ends before it starts.

    ## What it does
    In `.srt` and `.vtt` files, finds lines with `-->` that are not a valid timing
    (`00:00:01,000 --> 00:00:04,000`, WebVTT also `00:01.000 --> 00:04.000` with cue
    settings after it), times with minutes or seconds over 59, cues whose end comes
    before their start, and a WebVTT file that does not begin with `WEBVTT`.

    ## Why is this bad?
    Players skip a cue whose timing they cannot read, or show it at the wrong
    moment; hand edits and format conversions break timings silently.

    ## Example
    ```text
    00:00:05,000 -> 00:00:04,000
    ```
    Use instead:
    ```text
    00:00:04,000 --> 00:00:05,000
    ```

    ## Fix safety
    No fix: the right time is not in the text.
    """
    if not doc.format.is_subtitles:
        return
    text = doc.text
    if doc.format is Format.WEBVTT and not text.lstrip("\ufeff").startswith("WEBVTT"):
        yield Violation(0, min(len(text), 6), "A WebVTT file must begin with 'WEBVTT'")
    timings = {m.start() for m in TIMING_LINE.finditer(text)}
    for line in _TIMING_ATTEMPT.finditer(text):
        start, end = line.span()
        if start not in timings:
            if doc.masked[start:end].strip():  # all masked: a WebVTT NOTE or header
                yield Violation(start, end, "Timing line does not parse")
            continue
        times = [_milliseconds(m) for m in _TIME.finditer(text, start, end)][:2]
        if None in times:
            yield Violation(start, end, "Timing has minutes or seconds over 59")
        elif times[1] is not None and times[0] is not None and times[1] < times[0]:
            yield Violation(start, end, "Cue ends before it starts")


# -- the cues ------------------------------------------------------------------------------


@record(frozen=True, slots=True)
class Cue:
    """One cue: its block (identifier, timing line, text lines), its times in
    milliseconds (None for a timing that does not parse or runs backwards) and
    whether the file places it on the screen itself."""

    block_start: int  # the identifier line, or the timing line when there is none
    timing_start: int
    timing_end: int
    text_end: int  # the end of the last text line (the timing line's end if none)
    start: int | None
    end: int | None
    words: str  # the cue's text without tags and space
    positioned: bool


def cues(doc: Document) -> list[Cue]:
    """The document's cues in file order, computed once per document."""
    return doc.shared(_find_cues)


def _is_identifier(
    text: str, spans: Sequence[tuple[int, int]], line: int, timing_lines: set[int]
) -> bool:
    """Whether ``line``, just above a timing line, is the cue's identifier: a line of
    its own after a blank line or the file's start, not a timing, not the WebVTT
    header, not the text of the cue above (which an empty cue's fix must keep)."""
    if line < 0 or line in timing_lines:
        return False
    own = text[slice(*spans[line])].strip()
    if not own or own.startswith("WEBVTT"):
        return False
    return line == 0 or not text[slice(*spans[line - 1])].strip()


def _find_cues(doc: Document) -> list[Cue]:
    text, spans = doc.text, doc.line_spans
    found = []
    timings = [m for m in TIMING_LINE.finditer(text) if not doc.in_block(m.start())]
    timing_lines = {doc.line_of(m.start()) for m in timings}
    for timing in timings:
        line = doc.line_of(timing.start())
        previous = line - 1
        block_start = timing.start()
        if _is_identifier(text, spans, previous, timing_lines):
            block_start = spans[previous][0]
        last = line
        while last + 1 < len(spans) and text[slice(*spans[last + 1])].strip():
            last += 1
        if last + 1 in timing_lines and last > line:
            last -= 1  # the next cue's identifier, with no blank line before it
        body = text[spans[line][1] : spans[last][1]]
        times = [_milliseconds(m) for m in _TIME.finditer(text, *timing.span())][:2]
        start, end = times  # a timing line holds two times
        if start is not None and end is not None and end < start:
            start = end = None
        found.append(
            Cue(
                block_start,
                timing.start(),
                timing.end(),
                spans[last][1],
                start,
                end,
                _CUE_MARKUP.sub("", body),
                bool(
                    _SETTINGS.search(text, *timing.span())
                    or _PLACING_TAG.search(text, timing.end(), spans[last][1])
                ),
            )
        )
    return found


Timed = tuple[int, int, Cue]  # a cue with a valid timing: its start, end, the cue


def _timed_pairs(doc: Document) -> Iterator[tuple[Timed, Timed]]:
    """Each cue with a valid timing and the cue with a valid timing before it."""
    timed = [(c.start, c.end, c) for c in cues(doc) if c.start is not None and c.end is not None]
    return itertools.pairwise(timed)


def _clock(milliseconds: int) -> str:
    seconds, ms = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02}:{minutes:02}:{seconds:02}.{ms:03}"


# -- ST002 ---------------------------------------------------------------------------------


@rule("ST002", "overlapping-cues")
def overlapping_cues(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A subtitle cue that starts before the cue before it has ended.

    ## What it does
    In `.srt` and `.vtt` files, finds a cue whose start time lies before the end
    time of the cue just before it (cues in order of their start: one that starts
    before the previous one starts is ST004's). Cues that the file places on the
    screen itself (WebVTT `line:`, `position:` or `region:` settings, SRT `{\\an8}`
    or `{\\pos(...)}` tags) are left alone: two such cues may be shown at once on
    purpose, as rolling captions are.

    ## Why is this bad?
    Players show both cues at once, stacked, or drop one of them; a reader sees two
    lines of speech jump about. It is the usual trace of a hand edit or of cues cut
    from two tracks and joined.

    ## Example
    ```text
    1
    00:00:01,000 --> 00:00:04,000
    We start at nine.

    2
    00:00:03,500 --> 00:00:06,000
    Then we eat.
    ```
    Use instead:
    ```text
    2
    00:00:04,000 --> 00:00:06,000
    Then we eat.
    ```

    ## Fix safety
    No fix: which of the two times is wrong is not in the text.
    """
    if not doc.format.is_subtitles:
        return
    for (previous_start, previous_end, previous), (start, _, cue) in _timed_pairs(doc):
        if previous_start <= start < previous_end and not (previous.positioned or cue.positioned):
            yield Violation(
                cue.timing_start,
                cue.timing_end,
                f"Cue starts at {_clock(start)}, before the cue above ends "
                f"({_clock(previous_end)})",
            )


# -- ST003 ---------------------------------------------------------------------------------


@rule("ST003", "empty-cue", fix=Availability.SOMETIMES, safety=(Safety.UNSAFE,))
def empty_cue(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A subtitle cue with no text.

    ## What it does
    In `.srt` and `.vtt` files, finds a cue whose timing line is followed by no text,
    or by nothing but tags (`<i></i>`, `{\\an8}`) and space.

    ## Why is this bad?
    An SRT parser reads the blank line as the end of the cue and may take the next
    cue number for text; a player shows an empty box or nothing at all. The words
    of the cue were lost in an edit or a conversion, or the cue was never needed.

    ## Example
    ```text
    2
    00:00:05,000 --> 00:00:06,000

    3
    00:00:06,000 --> 00:00:08,000
    And the next one.
    ```
    Use instead:
    ```text
    3
    00:00:06,000 --> 00:00:08,000
    And the next one.
    ```

    ## Fix safety
    Unsafe: the fix deletes the cue (its identifier, timing and the blank lines
    after it), which removes no word, but the words may have been lost and belong
    there, and SRT cue numbers after it are not renumbered. No fix for the only cue.
    """
    if not doc.format.is_subtitles:
        return
    text = doc.text
    found = cues(doc)
    for index, cue in enumerate(found):
        if cue.words:
            continue
        following = _NOT_SPACE.search(text, cue.text_end)
        fix = None
        if following is not None:
            span = (cue.block_start, following.start())
        elif index > 0:
            span = (found[index - 1].text_end, cue.text_end)
        else:
            span = None
        # A timing line right under the text of the cue above, with no blank line
        # between, reads as that cue's text too: no deletion takes this cue alone.
        if span is not None and span[0] < span[1] and cue.block_start >= span[0]:
            fix = delete(*span, Safety.UNSAFE, "Delete the empty cue")
        yield Violation(cue.timing_start, cue.timing_end, "Cue has no text", fix)


# -- ST004 ---------------------------------------------------------------------------------


@rule("ST004", "cue-out-of-order")
def cue_out_of_order(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A subtitle cue that starts before the cue above it.

    ## What it does
    In `.srt` and `.vtt` files, finds a cue whose start time is earlier than the
    start time of the cue before it in the file.

    ## Why is this bad?
    WebVTT requires cues in order of their start times, and many SRT players assume
    it: a cue out of order is skipped, or shown at the wrong time. Usually cues were
    pasted in the wrong place, or a time was mistyped (`00:01:05` for `00:10:05`).

    ## Example
    ```text
    1
    00:00:05,000 --> 00:00:06,000
    Second.

    2
    00:00:01,000 --> 00:00:02,000
    First.
    ```
    Use instead: the cues in the order of their times.

    ## Fix safety
    No fix: whether the cue or its time is misplaced is not in the text.
    """
    if not doc.format.is_subtitles:
        return
    for (previous_start, _, _), (start, _, cue) in _timed_pairs(doc):
        if start < previous_start:
            yield Violation(
                cue.timing_start,
                cue.timing_end,
                f"Cue starts at {_clock(start)}, before the cue above ({_clock(previous_start)})",
            )


# -- ST005 ---------------------------------------------------------------------------------


@rule(
    "ST005",
    "webvtt-timestamp-format",
    fix=Availability.SOMETIMES,
    safety=(Safety.UNSAFE,),
)
def webvtt_timestamp_format(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A WebVTT timestamp not written as the format requires: `0:00:01.000`.

    ## What it does
    In `.vtt` files, checks each time of a cue timing against the WebVTT syntax:
    hours are optional, but when written they have two digits or more; minutes and
    seconds have two digits; a dot, not a comma, comes before exactly three digits
    of milliseconds. So `0:00:01.000` (one-digit hours, as some tools write them),
    `00:00:01,000` (an SRT comma) and `00:01.5` are reported; `00:01.000` and
    `100:00:00.000` are fine.

    Browsers' parsers are lenient about one-digit hours, but the syntax is not, and
    stricter consumers (YouTube, validators, some players) reject the file. A comma
    or a fraction of fewer than three digits is an error even to browsers, which
    drop the cue.

    ## Why is this bad?
    The cue is dropped, or the whole file is refused, depending on who reads it.

    ## Example
    ```text
    0:00:01.000 --> 0:00:04,000
    ```
    Use instead:
    ```text
    00:00:01.000 --> 00:00:04.000
    ```

    ## Fix safety
    Where the time stays the same (a `0` before one-digit hours, a dot for the
    comma) the fix is marked unsafe although it is certain: a safe fix never changes
    a digit or a visible character, which is what lets `--fix` run unattended on
    any file. Other widths are only reported: `00:01.5` may mean half a second or
    five milliseconds.
    """
    if doc.format is not Format.WEBVTT or "-->" not in doc.text:
        return
    text = doc.text
    for cue in cues(doc):
        times = _VTT_TIMES.match(text, cue.timing_start, cue.timing_end)
        if times is None:
            continue
        for group in (1, 2):
            stamp = _VTT_TIMESTAMP.fullmatch(text, *times.span(group))
            if stamp is not None:
                yield from _timestamp_defects(stamp)


def _timestamp_defects(stamp: regex.Match[str]) -> Iterator[Violation]:
    hours, minutes, seconds, separator, fraction = stamp.groups()
    edits = []
    if hours is not None and len(hours) == 1:
        edits.append((stamp.start(1), stamp.start(1), "0"))
    if separator == ",":
        edits.append((stamp.start(4), stamp.end(4), "."))
    if len(minutes) != 2 or len(seconds) != 2 or len(fraction) != 3:
        what = "two-digit minutes and seconds and three-digit milliseconds"
        message = f"WebVTT timestamp '{stamp.group()}' needs {what}"
        yield Violation(stamp.start(), stamp.end(), message)
        return
    if not edits:
        return
    fixed = list(stamp.group())
    for start, end, content in reversed(edits):
        fixed[start - stamp.start() : end - stamp.start()] = list(content)
    new = "".join(fixed)
    problem = "one-digit hours" if hours is not None and len(hours) == 1 else "a comma"
    yield Violation(
        stamp.start(),
        stamp.end(),
        f"WebVTT timestamp '{stamp.group()}' has {problem}",
        replace(stamp.start(), stamp.end(), new, Safety.UNSAFE, f"Write '{new}'"),
    )
