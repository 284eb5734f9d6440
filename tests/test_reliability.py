"""Reliability properties (issue 7), over arbitrary Unicode and transcript-like text.

tests/test_all_rules.py checks each rule on a fixed sample and runs short property
tests over a soup of artifact pieces. The properties here are complementary: their
inputs are whole transcripts (speaker labels, sentences, page furniture, every line
ending style, BOMs) and Unicode biased to the characters that break text tools;
they check what users rely on end to end: positions, line endings, what safe
fixes may touch, the reporters' output, and the CLI on arbitrary bytes.

The long version of these runs is bench/fuzz.py. No test here measures time.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import itertools
import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lint import files
from lint.api import check_text, fix_text, settings_for
from lint.cli import main
from lint.fix import Edit, Safety, apply_edits
from lint.report import REPORTERS, Report
from lint.result import FileResult, Finding
from lint.runner import NotConverged
from rules import ALL_RULES

ALL = settings_for(select=["ALL"])
# The page-furniture family deletes lines that are not speech (issue 7 allows it to
# remove letters and digits, in the lines its diagnostics name).
FURNITURE_CODES = frozenset(r.code for r in ALL_RULES if r.family == "PG")
NO_FURNITURE = settings_for(select=["ALL"], ignore=sorted(FURNITURE_CODES))
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- inputs ------------------------------------------------------------------------------

# Characters that break text tools: every kind of space and line break, invisible and
# control characters, combining marks, right-to-left letters, emoji with joiners,
# look-alike punctuation and the pieces mojibake is made of.
SPECIAL_CHARACTERS = (
    " \t\n\r\x0b\x0c\x00\x1b\x7f\x85\x93\x94\xa0\xad"
    "\u1680\u180e\u2000\u2002\u2003\u2009\u200a\u200b\u200c\u200d\u200e\u200f"
    "\u2028\u2029\u202a\u202e\u202f\u205f\u2060\u2061\u2066\u2069\u3000\ufeff\ufffd"
    "\u0301\u0308\u05d0\u0627\u4e2d\u00e9\u00c3\u00a9\u00e2\u20ac\u2122\u0153"
    "\u2019\u201c\u201d\u2014\u2026.,;:?!&#<>/[]*_`|\\'\"0123456789"
)
UNICODE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=["Cs"]),
        st.sampled_from(SPECIAL_CHARACTERS),
        st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"),
    ),
    max_size=300,
)

WORDS = (
    "the scale of industrial Internet is big and we will continue to upgrade network "
    "Wang Zhijun said budget grew by 5 percent in 2020 it’s café résumé naïve Müller "
    "R&D 5G $447 billion MIIT blockchain Yeah just that had GitHub eBPF jQuery.Deferred"
).split()
PROTECTED = [
    "https://example.org/a  b",
    "mail@example.org",
    "00:12:34",
    "\\[04:15\\]",
    "[inaudible]",
    "notes.txt",
    "`x  y`",
]
ARTIFACTS = [
    "itâ€™s",
    "cafÃ©",
    "Ã¢â‚¬Å“",
    "&amp;",
    "&nbsp;",
    "&#39;",
    "&amp;nbsp;",
    "<br>",
    "</p><p>",
    "bud\u200bget",
    "\u00ad",
    "\x00\x00",
    "\x0c",
    "\x93quoted\x94",
    "\ufffd",
    "thescale",
    "industrialInternet",
    "internet.Guided",
    "the the",
    "fantastic.Yeah",
]
GAPS = [" "] * 8 + ["  ", "   ", "\u00a0", "\u202f", "\t", "", " \u00a0"]
ENDS = [".", ".", "?", "!", ",", " .", " ,", " ?", "", "...", " . . .", ":", ";"]
LABELS = ["Wang Zhijun:", "MS. SMITH:", "Q:", "Mat Ryer:", "**Mat Ryer:**", "**Jerod:**", ""]
FURNITURE = [
    "Page 3 of 12",
    "<  1  2  3  4  5",
    "<\u00a0\u00a01\u00a0\u00a02\u00a0\u00a03",
    "Press Room",
    "[[Page D783]]",
    "{time}  1130",
    "____",
    "---",
    "```",
    "    indented  code  block",
    "| a  | b |",
    "Name ........ 12",
]
NEWLINES = ["\n", "\r\n", "\r"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    tokens = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(WORDS),
                st.sampled_from(ARTIFACTS),
                st.sampled_from(PROTECTED),
            ),
            min_size=1,
            max_size=14,
        )
    )
    gaps = draw(st.lists(st.sampled_from(GAPS), min_size=len(tokens), max_size=len(tokens)))
    body = "".join(t + g for t, g in zip(tokens, gaps, strict=True)).rstrip(" ")
    return body + draw(st.sampled_from(ENDS))


@st.composite
def lines(draw: st.DrawFn) -> list[str]:
    """The lines of a transcript, without line breaks."""
    out = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["turn", "turn", "turn", "blank", "furniture"]))
        if kind == "blank":
            out.append(draw(st.sampled_from(["", "", " ", "\t", "  "])))
        elif kind == "furniture":
            out.append(draw(st.sampled_from(FURNITURE)))
        else:
            label = draw(st.sampled_from(LABELS))
            said = " ".join(draw(st.lists(sentences(), min_size=1, max_size=3)))
            trailing = draw(st.sampled_from(["", "", "", " ", "  ", "\t", "\u00a0"]))
            out.append(f"{label} {said}{trailing}" if label else said + trailing)
    return out


@st.composite
def transcripts(draw: st.DrawFn) -> tuple[str, str]:
    """(filename, text): a whole transcript with one line ending style, maybe a BOM."""
    newline = draw(st.sampled_from(NEWLINES))
    text = newline.join(draw(lines()))
    text += draw(st.sampled_from([newline, newline, "", newline * 3]))
    if draw(st.integers(0, 4)) == 0:
        text = "\ufeff" + text
    return draw(st.sampled_from(["t.txt", "t.md"])), text


ANY_TEXT = st.one_of(
    st.tuples(st.sampled_from(["t.txt", "t.md"]), UNICODE_TEXT),
    transcripts(),
)


# -- helpers -----------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_BEFORE = re.compile(r"(?:\r\n|\r|\n)\Z")


def expected_location(text: str, offset: int) -> tuple[int, int]:
    """1-based (row, column) as the README defines them, computed independently."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    row = bisect.bisect_right(starts, offset) - 1
    column = offset - starts[row] + 1
    if row == 0 and offset > 0 and text.startswith("\ufeff"):
        column -= 1  # a BOM is not a column
    return row + 1, column


def inside_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


def alphanumerics(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def visible(text: str) -> str:
    """What a reader sees, in order: every character but whitespace, controls (Cc)
    and format characters (Cf). The README promises that a safe fix changes only
    whitespace and invisible characters."""
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    )


def is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)


def line_start(text: str, row: int) -> int:
    """Offset of the start of 1-based ``row`` (the end of the text past the last)."""
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    return starts[row - 1] if row - 1 < len(starts) else len(text)


def line_ending_style(text: str) -> str | None:
    """'\\n', '\\r\\n' or '\\r' when the text uses only that one; None otherwise."""
    kinds = {m.group() for m in _LINE_BREAK.finditer(text)}
    return kinds.pop() if len(kinds) == 1 else None


def assert_finding_is_consistent(finding: Finding, text: str) -> None:
    assert 0 <= finding.start <= finding.end <= len(text), finding
    for offset, location in (
        (finding.start, finding.location),
        (finding.end, finding.end_location),
    ):
        if not inside_crlf(text, offset):
            assert (location.row, location.column) == expected_location(text, offset), finding
    if finding.fix is None:
        return
    edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
    assert edits, finding
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(text), finding
    for before, after in itertools.pairwise(edits):
        assert before.end <= after.start, f"edits of one fix overlap: {finding}"


# -- the API: no exception, positions, idempotence, what a safe fix may touch ----------------


@PROPERTY
@given(case=ANY_TEXT)
@example(case=("t.txt", "\ufeffWang Zhijun :\r\nbud\u200bget  .\r\n"))
@example(case=("t.md", "\r\n\r\n**Mat:** x  y\r<br>\n\x00"))
def test_findings_lie_inside_the_text_at_the_right_row_and_column(case: tuple[str, str]) -> None:
    filename, text = case
    findings = check_text(text, filename=filename, settings=ALL)
    for finding in findings:
        assert finding.filename == filename
        assert_finding_is_consistent(finding, text)


@PROPERTY
@given(case=ANY_TEXT, unsafe=st.booleans())
def test_fix_settles_and_reports_what_a_fresh_check_reports(
    case: tuple[str, str], unsafe: bool
) -> None:
    filename, text = case
    once = fix_text(text, filename=filename, settings=ALL, unsafe=unsafe)
    twice = fix_text(once.text, filename=filename, settings=ALL, unsafe=unsafe)
    assert twice.text == once.text
    assert twice.applied == ()
    # What is left after fixing is exactly what checking the fixed text finds.
    assert list(once.remaining) == check_text(once.text, filename=filename, settings=ALL)
    allowed = {Safety.SAFE, Safety.UNSAFE} if unsafe else {Safety.SAFE}
    assert all(f.safety in allowed for f in once.applied)
    assert not any(f.safety in allowed for f in once.remaining)
    if once.applied:
        assert once.text != text


@PROPERTY
@given(case=ANY_TEXT)
@example(case=("t.txt", "a\x0cb \x00 c\u00a0d\u200be\r\n\r\n\r\n"))
@example(case=("t.txt", "\ufeffWang Zhijun: the.\nPage 3 of 12\n<  1  2  3  4\n"))
def test_safe_fixes_change_no_letter_or_digit_outside_page_furniture(
    case: tuple[str, str],
) -> None:
    filename, text = case
    # Outside the page-furniture rules, a safe fix changes only whitespace and
    # invisible characters: no letter, digit or other visible character.
    fixed = fix_text(text, filename=filename, settings=NO_FURNITURE).text
    assert alphanumerics(fixed) == alphanumerics(text)
    assert visible(fixed) == visible(text)
    # With them, letters and digits can only disappear (whole furniture), never
    # appear or change.
    everything = fix_text(text, filename=filename, settings=ALL).text
    assert is_subsequence(alphanumerics(everything), alphanumerics(text))


@PROPERTY
@given(case=ANY_TEXT)
@example(case=("t.txt", "Wang Zhijun: the.\r\nPage 3 of 12\r\n\r\n<  1  2  3  4\r\n"))
def test_a_safe_fix_that_removes_letters_deletes_only_in_the_lines_it_reports(
    case: tuple[str, str],
) -> None:
    filename, text = case
    for finding in check_text(text, filename=filename, settings=ALL):
        if finding.fix is None or finding.fix.safety is not Safety.SAFE:
            continue
        edits = [Edit(e.start, e.end, e.content) for e in finding.fix.edits]
        after = apply_edits(text, edits)
        if alphanumerics(after) == alphanumerics(text):
            continue
        assert finding.code in FURNITURE_CODES, f"{finding.code} changed letters: {finding}"
        # The lines it reports, with their line breaks (a last line without one takes
        # the break before it).
        first = line_start(text, finding.location.row)
        before = _BREAK_BEFORE.search(text, 0, first)
        first -= len(before.group()) if before else 0
        last = line_start(text, finding.end_location.row + 1)
        for edit in edits:
            assert edit.content.strip() == "", f"not a deletion: {finding}"
            assert first <= edit.start <= edit.end <= last, f"outside its lines: {finding}"


@PROPERTY
@given(
    body=lines(),
    newline=st.sampled_from(NEWLINES),
    final=st.booleans(),
    bom=st.booleans(),
    markdown=st.booleans(),
    unsafe=st.booleans(),
)
@example(
    body=["a&#10;b", "c<br>d"], newline="\r\n", final=True, bom=True, markdown=False, unsafe=True
)
def test_line_endings_and_bom_are_kept(
    body: list[str], newline: str, final: bool, bom: bool, markdown: bool, unsafe: bool
) -> None:
    text = ("\ufeff" if bom else "") + newline.join(body) + (newline if final else "")
    style = line_ending_style(text)
    fixed = fix_text(text, filename="t.md" if markdown else "t.txt", settings=ALL, unsafe=unsafe)
    if style is not None:
        # A file that uses one line ending keeps it: CRLF stays CRLF, CR stays CR.
        assert line_ending_style(fixed.text) in (style, None)
        assert _LINE_BREAK.sub("", fixed.text.replace(style, "")) == fixed.text.replace(style, "")
    assert fixed.text.startswith("\ufeff") == bom
    assert fixed.text.count("\ufeff") <= text.count("\ufeff")


def test_a_line_break_entity_does_not_change_the_line_ending_style() -> None:
    # Found by bench/fuzz.py. `&#13;` before each line break is common in text scraped
    # from pages made on Windows; the unsafe fix must not turn LF lines into CRLF.
    text = "Thank you.&#13;\nNext question.&#13;\n"
    fixed = fix_text(text, settings=ALL, unsafe=True).text
    assert line_ending_style(fixed) == "\n"


def test_a_character_newer_than_pythons_unicode_does_not_crash_a_rule() -> None:
    # Found by bench/fuzz.py. U+116E0 is unassigned in Python 3.11's Unicode 14.0 and
    # a digit in the regex module's tables; the CLI reports "internal error", exit 2.
    check_text("a,\U000116e0")


# -- reporters -------------------------------------------------------------------------------


@PROPERTY
@given(case=ANY_TEXT)
@example(case=("t.txt", "a <p\rclass=x> b \x01<span \u2028>\n"))
def test_every_reporter_renders_every_finding_parseably(case: tuple[str, str]) -> None:
    filename, text = case
    findings = check_text(text, filename=filename, settings=ALL)
    report = Report([FileResult(filename, tuple(findings))], ALL_RULES)

    rows = json.loads(REPORTERS["json"](report))
    assert [(r["code"], r["filename"]) for r in rows] == [(f.code, filename) for f in findings]
    for row, f in zip(rows, findings, strict=True):
        assert row["location"] == {"row": f.location.row, "column": f.location.column}
        assert row["end_location"] == {"row": f.end_location.row, "column": f.end_location.column}
        assert (row["fix"] is None) == (f.fix is None)

    sarif = json.loads(REPORTERS["sarif"](report))
    assert len(sarif["runs"][0]["results"]) == len(findings)

    junit = ElementTree.fromstring(REPORTERS["junit"](report))
    assert len(junit.findall(".//failure")) == len(findings)

    # One line per finding: a message holding a line break must not break the line.
    github = REPORTERS["github"](report).split("\n")
    assert github[-1] == ""
    assert len(github) - 1 == len(findings)
    assert all(line.startswith("::error ") for line in github[:-1])
    plain = REPORTERS["text"](report).split("\n")
    assert len(plain) - 1 == len(findings) + 1  # and the summary


# -- the CLI on arbitrary bytes --------------------------------------------------------------


@st.composite
def file_contents(draw: st.DrawFn) -> bytes:
    """Raw file contents: random bytes, or a transcript that is broken in some way."""
    kind = draw(st.sampled_from(["bytes", "utf-8", "bom", "spliced", "nul", "utf-16", "bad-16"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    _, text = draw(transcripts())
    data = text.encode("utf-8")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "spliced":  # a random byte string in the middle: often invalid UTF-8
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if kind == "nul":
        at = draw(st.integers(0, len(data)))
        return data[:at] + b"\x00" * draw(st.integers(1, 64)) + data[at:]
    if kind in ("utf-16", "bad-16"):
        encoded = draw(st.sampled_from(["utf-16-le", "utf-16-be"]))
        bom = b"\xff\xfe" if encoded == "utf-16-le" else b"\xfe\xff"
        data = bom + text.lstrip("\ufeff").encode(encoded)
        return data[:-1] if kind == "bad-16" and len(data) > 2 else data
    return data


MODES = [
    ["check"],
    ["check", "--fix"],
    ["check", "--fix", "--unsafe-fixes"],
    ["check", "--diff"],
    ["check", "--format", "json"],
]


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=file_contents(),
    mode=st.sampled_from(MODES),
    name=st.sampled_from(["t.txt", "t.md", "notes"]),
)
@example(data=b"caf\xe9\x00 au lait\n", mode=["check", "--fix"], name="t.txt")
@example(data=b"\xff\xfea\x00b", mode=["check", "--fix"], name="t.txt")
@example(data=b"x  y\x00\x00 z \n", mode=["check", "--fix", "--unsafe-fixes"], name="t.txt")
@example(data=b"\x00\n", mode=["check", "--fix"], name="t.txt")
def test_cli_on_arbitrary_bytes_exits_0_1_or_2_and_never_damages_the_file(
    data: bytes, mode: list[str], name: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*mode, "--jobs", "1", str(path)])
        after = path.read_bytes()
        assert os.listdir(folder) == [name], "a temporary file was left behind"

    assert code in (0, 1, 2)
    fixing = "--fix" in mode
    if code == 2 or not fixing:
        assert after == data
    try:
        text, encoding = files.decode(data)
    except files.InputError:
        assert code == 2
        errors = [line for line in err.getvalue().splitlines() if "error:" in line]
        assert len(errors) == 1 and errors[0].startswith(f"transcript-lint: error: {path}: ")
        return
    # Readable text: the CLI does what the API says it would, byte for byte.
    unsafe = "--unsafe-fixes" in mode
    if fixing:
        try:
            expected = fix_text(text, filename=name, unsafe=unsafe)
        except NotConverged:
            assert code == 2
            return
        if code == 2 and "; not fixed" in err.getvalue():
            # The read-back guard: the fixed text would not read back as itself (a
            # UTF-16 file without a BOM whose fixes leave too few NUL bytes to
            # detect it); the file was left as it was (checked above).
            with pytest.raises(files.NotWritten):
                files.check_reads_back(expected.text, encoding)
            return
        assert after == expected.text.encode(encoding, files.ENCODE_ERRORS)
        assert code == (1 if expected.remaining else 0)
    elif "--diff" in mode:
        assert code == (1 if fix_text(text, filename=name).text != text else 0)
    else:
        findings = check_text(text, filename=name)
        assert code == (1 if findings else 0)
        if "json" in mode:
            assert len(json.loads(out.getvalue())) == len(findings)
