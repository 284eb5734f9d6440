"""JUnit XML: one test suite per file, one failing test case per finding."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

import regex

from lint.report.model import Report
from lint.result import FileResult

_NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters; show them as U+XXXX."""
    return str(_NOT_XML.sub(lambda m: f"U+{ord(m.group()):04X}", text))


def render(report: Report) -> str:
    report = report.listed()
    results: Sequence[FileResult] = report.result_list()
    findings = list(report.findings())
    root = ElementTree.Element(
        "testsuites",
        name="transcript-lint",
        tests=str(max(1, len(findings))),
        failures=str(len(findings)),
        errors=str(sum(1 for r in results if r.error)),
    )
    if not findings:
        suite = ElementTree.SubElement(
            root, "testsuite", name="transcript-lint", tests="1", failures="0", errors="0"
        )
        ElementTree.SubElement(suite, "testcase", name="No problems found")
    for result in results:
        if not result.findings and not result.error:
            continue
        suite = ElementTree.SubElement(
            root,
            "testsuite",
            name=_xml_safe(result.path),
            tests=str(max(1, len(result.findings))),
            failures=str(len(result.findings)),
            errors="1" if result.error else "0",
        )
        if result.error:
            case = ElementTree.SubElement(
                suite, "testcase", name="read", classname=_xml_safe(result.path)
            )
            ElementTree.SubElement(case, "error", message=_xml_safe(result.error))
        for f in result.findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"transcript-lint.{f.code}",
                classname=_xml_safe(f.filename),
                line=str(f.location.row),
                column=str(f.location.column),
            )
            failure = ElementTree.SubElement(case, "failure", message=_xml_safe(f.message))
            failure.text = f"line {f.location.row}, col {f.location.column}, {_xml_safe(f.message)}"
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
