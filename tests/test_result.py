"""Packed findings: what a run holds until it reports reads back unchanged."""

from __future__ import annotations

import pickle
from collections import Counter

from lint.api import check_text
from lint.fix import Safety
from lint.result import FileResult, PackedFindings, packed, rows, tally


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
    crossed = pickle.loads(pickle.dumps(result)).findings
    assert crossed == tuple(findings)
    assert tally(crossed) == tally(findings)


def test_packed_findings_are_counted_by_code_and_safety_without_unpacking() -> None:
    findings = check_text("Hello  world .\nThe the end.\nTrailing space \nAnd  more.\n")
    expected = Counter((f.code, f.fix.safety if f.fix else None) for f in findings)
    assert expected[("WS002", Safety.SAFE)] == 2 and expected[("SP002", Safety.UNSAFE)] == 1
    assert tally(findings) == expected
    assert tally(PackedFindings(findings)) == expected


def test_no_findings_stay_an_empty_tuple() -> None:
    assert packed(()) == ()
    assert isinstance(packed(()), tuple)


def test_rows_carry_what_a_line_of_the_report_prints() -> None:
    findings = check_text("Hello  world .\nThe the end.\nTrailing space \n")
    expected = [
        (f.filename, f.code, f.message, f.location.row, f.location.column, f.safety)
        for f in findings
    ]
    for source in (findings, PackedFindings(findings)):
        got = [(r.filename, r.code, r.message, r.row, r.column, r.safety) for r in rows(source)]
        assert got == expected
    assert {safety for *_, safety in expected} == {Safety.SAFE, Safety.UNSAFE}
