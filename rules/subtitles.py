"""Subtitles (ST): the structure of SRT and WebVTT files.

Subtitle files are read as cues: cue numbers, timing lines, the WebVTT header, NOTE
blocks and cue settings are masked, so every other rule checks only what is said
and no fix ever touches a timing. This family checks the structure itself: a timing
line that does not parse, or a cue that ends before it starts, makes players drop or
misplace the cue. These findings have no fix: the right time is not in the text.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lint.document import Document
from lint.masking import TIMING_LINE, Format
from lint.rule import Context, Violation, rule

# What was meant as a timing line: an arrow, or two times joined by a dash or arrow.
_LOOSE_TIME = r"\d{1,2}(?::\d{1,2}){1,2}(?:[,.:]\d{1,3})?"
_TIMING_ATTEMPT = regex.compile(
    rf"^(?:[^\r\n]*-->[^\r\n]*|[ \t]*{_LOOSE_TIME}[ \t]*(?:-+>?|–|—)[ \t]*{_LOOSE_TIME}[^\r\n]*)$",
    regex.MULTILINE,
)
_TIME = regex.compile(r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[,.](\d{1,3})")


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
