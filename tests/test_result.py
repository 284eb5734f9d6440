"""Packed findings: what a run holds until it reports reads back unchanged."""

from __future__ import annotations

import pickle

from lint.api import check_text
from lint.result import FileResult, PackedFindings, packed


def test_packed_findings_read_back_as_they_were() -> None:
    findings = check_text("Hello  world .\r\nThe the end.\u200b\n\n\n\nitâ€™s here\n")
    assert {f.code for f in findings} >= {"WS002", "WS004", "SP002", "EN001", "WS003"}
    assert any(f.fix is not None and f.fix.edits for f in findings)
    held = PackedFindings(findings)
    assert len(held) == len(findings)
    assert list(held) == list(findings) == list(held)  # every read unpacks afresh
    assert held == tuple(findings) and held[0] == findings[0]
    assert held[1:] == tuple(findings[1:])
    assert held != findings[1:]


def test_packed_findings_cross_process_boundaries() -> None:
    findings = check_text("Trailing space \n")
    result = FileResult("a.txt", packed(findings))
    assert pickle.loads(pickle.dumps(result)).findings == tuple(findings)


def test_no_findings_stay_an_empty_tuple() -> None:
    assert packed(()) == ()
    assert isinstance(packed(()), tuple)
