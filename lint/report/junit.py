"""JUnit XML: one test suite per file, one failing test case per finding.

The root element opens with the counts of the whole run, so the suites are
written, as each file's results come, to a temporary file, and copied after the
root's start tag once every result is read: memory stays flat however large the
run. The text is what ``ElementTree.indent`` and ``tostring`` make of the whole
tree.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from xml.etree import ElementTree

import regex

from lint.report.model import Report
from lint.result import FileResult

_NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INDENT = "\n  "  # before each suite: a child of the root
# Characters copied from the spool at a time: small, as a piece of 1M characters
# (up to 4 MB as text, and again as bytes) made the peak memory of a run grow
# with its files (3.5 MB per 1,000 generated files, against 2.6 for text).
_COPY = 1 << 16


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters; show them as U+XXXX."""
    return str(_NOT_XML.sub(lambda m: f"U+{ord(m.group()):04X}", text))


def _suite(result: FileResult) -> ElementTree.Element:
    """The test suite of a file with findings or an error."""
    suite = ElementTree.Element(
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
    return suite


def _text(suite: ElementTree.Element) -> str:
    """A suite as it reads in the indented tree (a child of the root)."""
    ElementTree.indent(suite, level=1)
    return ElementTree.tostring(suite, encoding="unicode")


def chunks(report: Report) -> Iterator[str]:
    """The XML in pieces: the root's start tag with the run's counts, then the
    suites (see the module's docstring)."""
    findings = errors = 0
    with tempfile.TemporaryFile(
        "w+", encoding="utf-8", errors="surrogatepass", newline=""
    ) as spool:
        for result in report.results:
            findings += len(result.findings)
            errors += 1 if result.error else 0
            if result.findings or result.error:
                spool.write(_INDENT + _text(_suite(result)))
        yield (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="transcript-lint" tests="{max(1, findings)}" '
            f'failures="{findings}" errors="{errors}">'
        )
        if not findings:
            none = ElementTree.Element(
                "testsuite", name="transcript-lint", tests="1", failures="0", errors="0"
            )
            ElementTree.SubElement(none, "testcase", name="No problems found")
            yield _INDENT + _text(none)
        spool.seek(0)
        while piece := spool.read(_COPY):
            yield piece
    yield "\n</testsuites>\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
