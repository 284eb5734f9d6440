from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from lint.api import settings_for
from lint.report import REPORTERS, Report, chunks
from lint.result import FileResult
from lint.runner import Mode, process_text
from rules import ALL_RULES

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
TEXT = "Hi , there.\nR&amp;D\x00 and a\u00a0b,  c\nLost \ufffd.\n"


def report(text: str = TEXT, path: str = "dir/talk one.txt") -> Report:
    result = process_text(
        text, path, settings_for(select=["ALL"]), ALL_RULES, Mode.CHECK, unsafe=False
    )
    return Report(
        [result, FileResult("clean.txt"), FileResult("broken.txt", error="binary file (not text)")],
        ALL_RULES,
    )


def test_sarif_is_valid_against_the_official_schema() -> None:
    log = json.loads(REPORTERS["sarif"](report()))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [r.code for r in ALL_RULES]
    first = run["results"][0]
    assert first["ruleId"] == "WS004"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "WS004"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "dir/talk%20one.txt"
    assert location["region"] == {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 5}
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == ""
    assert replacement["deletedRegion"] == {
        "startLine": 1,
        "startColumn": 3,
        "endLine": 1,
        "endColumn": 4,
    }


def test_sarif_schema_rejects_a_broken_log() -> None:
    # The test above would be worthless if the schema accepted anything.
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"version": "2.1.0", "runs": [{"results": []}]})


def test_sarif_with_no_findings_is_valid() -> None:
    log = json.loads(REPORTERS["sarif"](Report([FileResult("a.txt")], ALL_RULES)))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotations() -> None:
    lines = REPORTERS["github"](report(path="a,b:c.txt")).splitlines()
    assert lines[0] == (
        "::error title=transcript-lint (WS004),file=a%2Cb%3Ac.txt,"
        "line=1,col=3,endLine=1,endColumn=5"
        "::WS004 Space before ','"
    )
    assert all(line.startswith("::error ") for line in lines)


def test_github_escapes_line_breaks_in_messages() -> None:
    from lint.report.github import _escape_data

    assert _escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"


def test_junit_is_well_formed_xml() -> None:
    xml = REPORTERS["junit"](report())
    root = ElementTree.fromstring(xml)
    findings = list(report().findings())
    assert root.tag == "testsuites"
    assert root.get("failures") == str(len(findings))
    assert root.get("errors") == "1"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"dir/talk one.txt", "broken.txt"}
    cases = suites["dir/talk one.txt"].findall("testcase")
    assert [c.get("name") for c in cases] == [f"transcript-lint.{f.code}" for f in findings]
    assert all(c.find("failure") is not None for c in cases)
    # The NUL in the text must not reach the XML.
    assert "\x00" not in xml


def test_junit_with_no_findings_has_one_passing_case() -> None:
    root = ElementTree.fromstring(REPORTERS["junit"](Report([FileResult("a.txt")], ALL_RULES)))
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == ["No problems found"]


def test_json_lists_every_finding_with_ruff_keys() -> None:
    rows = json.loads(REPORTERS["json"](report()))
    assert len(rows) == len(list(report().findings()))
    for row in rows:
        assert set(row) == {
            "filename",
            "code",
            "name",
            "message",
            "location",
            "end_location",
            "fix",
        }
    unsafe = next(r for r in rows if r["code"] == "EN005")
    assert unsafe["fix"]["applicability"] == "unsafe"
    assert next(r for r in rows if r["code"] == "EN004")["fix"] is None


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_json_logs_are_laid_out_as_json_dumps_with_indent_2(name: str) -> None:
    """Both are written a finding at a time from templates: the text must still be
    what the standard library writes for the same data, escapes and empty lists
    included (a fix with no edits, a display-only finding, quotes, a tab, non-ASCII)."""
    text = 'He said "hi"\t.\nR&amp;D and a\u00a0b,  c\n\ufffd caf\u00e9 .\n'
    result = process_text(
        text, 'dir/a "b".txt', settings_for(select=["ALL"]), ALL_RULES, Mode.CHECK, unsafe=False
    )
    findings = list(result.findings)
    no_edits = dataclasses.replace(findings[0].fix, edits=()) if findings[0].fix else None
    findings.append(dataclasses.replace(findings[0], fix=no_edits))
    findings.append(dataclasses.replace(findings[0], fix=None, message="tab\there \\ \u2019"))
    out = REPORTERS[name](Report([FileResult(result.path, tuple(findings))], ALL_RULES))
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
    assert len(findings) >= 5


def test_sarif_uri_of_a_file_name_that_is_not_utf8() -> None:
    # The byte 0xFF of the name, held as a surrogate escape, is percent-encoded.
    log = json.loads(REPORTERS["sarif"](report(path="d/bad\udcff name.txt")))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "d/bad%FF%20name.txt"


def _junit_as_one_tree(results: list[FileResult]) -> str:
    """JUnit XML as ElementTree lays out the whole tree at once (the reporter
    writes it a suite at a time)."""
    from lint.report.junit import _suite

    findings = sum(len(r.findings) for r in results)
    root = ElementTree.Element(
        "testsuites",
        name="transcript-lint",
        tests=str(max(1, findings)),
        failures=str(findings),
        errors=str(sum(1 for r in results if r.error)),
    )
    if not findings:
        none = ElementTree.SubElement(
            root, "testsuite", name="transcript-lint", tests="1", failures="0", errors="0"
        )
        ElementTree.SubElement(none, "testcase", name="No problems found")
    root.extend(_suite(r) for r in results if r.findings or r.error)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'


@pytest.mark.parametrize(
    "shape", ["findings", "findings and an error", "an error only", "nothing", "no files"]
)
def test_junit_written_a_suite_at_a_time_is_the_whole_tree_laid_out(shape: str) -> None:
    found = report().result_list()[0]
    other = report("Fine , here.\n", "b.txt").result_list()[0]
    broken = FileResult("c\udce9.txt", error="cannot read: \x01 no")
    clean = FileResult("d.txt")
    results = {
        "findings": [found, clean, other],
        "findings and an error": [found, broken, other],
        "an error only": [clean, broken],
        "nothing": [clean],
        "no files": [],
    }[shape]
    out = REPORTERS["junit"](Report(iter(results), ALL_RULES))
    assert out == _junit_as_one_tree(results)


def test_junit_copied_from_its_spool_in_many_pieces_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = [
        report().result_list()[0],
        report("Caf\u00e9 , here.\n", "b\u00e9.txt").result_list()[0],
    ]
    monkeypatch.setattr("lint.report.junit._COPY", 7)  # the spool read in many pieces
    pieces = list(chunks("junit", Report(iter(results), ALL_RULES)))
    assert len(pieces) > 10
    assert "".join(pieces) == _junit_as_one_tree(results)
