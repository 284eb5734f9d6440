"""Matches made once per candidate are bounded (issues 13 and 17).

`regex` matching at a position with no end position, for a pattern that starts
with a repeat and holds a literal (`[ \\t]*\\[sic`), first looks for the literal
through the rest of the text: once per candidate, time in the square of the
text's length. Each site below must give its pattern an end position near the
candidate (or search backwards from it), which these tests check by recording the
window each call is given, without timing anything.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
import regex

import lint.suppression
import rules.page_furniture
import rules.subtitles
import rules.transcript
import rules.whitespace
from lint.api import check_text, settings_for
from tests.rules.test_page_furniture import FLAT_LINES

_FILLER = "and the meeting went on without a break\n" * 400  # ~16,000 characters after
_REACH = 200  # characters: more than any candidate's line in the texts below


class _Recorder:
    """Stands in for a compiled pattern; records how far each call may look."""

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self._pattern = pattern
        self.reaches: list[int] = []

    def _record(self, string: str, pos: int | None, endpos: int | None) -> None:
        if self._pattern.flags & regex.REVERSE and endpos is not None:
            self.reaches.append(0)  # searched backwards from `endpos`: anchored there
        else:
            self.reaches.append((len(string) if endpos is None else endpos) - (pos or 0))

    def match(self, string: str, pos: int | None = None, endpos: int | None = None) -> Any:
        self._record(string, pos, endpos)
        return self._pattern.match(string, pos, endpos)

    def search(self, string: str, pos: int | None = None, endpos: int | None = None) -> Any:
        self._record(string, pos, endpos)
        return self._pattern.search(string, pos, endpos)


@pytest.mark.parametrize(
    ("module", "name", "code", "text", "filename"),
    [
        (rules.whitespace, "_SPACED_ELLIPSIS", "WS004", "It ends .\n", "t.txt"),
        (
            rules.transcript,
            "_LABEL_AHEAD",
            "TR002",
            "Thank you._ueditor_page_break_tag_Fu Linghui: Thanks.\n",
            "t.txt",
        ),
        (
            rules.subtitles,
            "_VTT_TIMES",
            "ST005",
            "WEBVTT\n\n00:01.000 --> 00:04.000\nHello there.\n\n",
            "t.vtt",
        ),
        (lint.suppression, "_SIC", "SP002", "He said the the [sic] hall.\n", "t.txt"),
        (
            rules.page_furniture,
            "_SPACES_BEFORE",
            "PG003",
            " ".join(f"{n} {line}" for n, line in enumerate(FLAT_LINES, 1)) + " 12\n",
            "t.txt",
        ),
    ],
)
def test_per_candidate_match_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    name: str,
    code: str,
    text: str,
    filename: str,
) -> None:
    recorder = _Recorder(getattr(module, name))
    monkeypatch.setattr(module, name, recorder)
    check_text(text + _FILLER, filename=filename, settings=settings_for(select=[code]))
    assert recorder.reaches, "the site was not reached: the text no longer exercises it"
    assert max(recorder.reaches) <= _REACH
