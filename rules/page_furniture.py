"""Page furniture (PG): what a transcript carries of the page it was taken from.

Scraped, OCR'd and PDF-extracted transcripts keep pagination strips (`<  1  2  3`),
page markers (`[[Page D783]]`, `Page 3 of 12`), line-number gutters of court
transcripts, and site chrome (`Press Room`, `Print | E-mail | Share`, a publisher's
header on every page). None of it was said. A line that is nothing but furniture can
be deleted safely when its shape is unmistakable; chrome that could also be a heading
is deleted only as an unsafe fix.

Boilerplate is also found by repetition: a short line that recurs in many files of
the corpus, or at intervals inside one document. The evidence is gathered from every
file of a run, and ``transcript-lint learn`` keeps it in the project lexicon so the
pre-commit hook on one file knows it too.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import regex

from lint.document import Document
from lint.evidence import Gatherer
from lint.fix import Fix, Safety, delete
from lint.masking import Format
from lint.patterns import lazy_re, lazy_regex
from lint.records import record
from lint.rule import Availability, Context, Violation, rule
from rules.lines import LineStart

# -- PG001 --------------------------------------------------------------------------------

_NAVIGATION_WORDS = frozenset(
    "prev previous next first last older newer « » ‹ › < > << >> ← → … ... "
    "上一页 下一页 首页 尾页 末页 précédent précédente suivant suivante anterior siguiente "
    "zurück weiter vorherige nächste".split()
)
_PAGE_WORDS = frozenset("page pages of 页 共".split())  # `Page 1 of 9 Next >`: not navigation alone
_STRIP_TOKEN = lazy_regex(r"[^\s|]+")
_NUMBER = lazy_regex(r"[1-9]\d{0,3}")
_DIGIT = lazy_regex(r"\d")
_STRIP_WORDS = (
    r"(?:[\d<>«»‹›←→….]|(?i:prev|next|first|last|older|newer|page|précédent|suivant"
    r"|anterior|siguiente|zurück|weiter|vorherige|nächste)|上一页|下一页|首页|共)"
)
_STRIP_START = lazy_regex(rf"[\s|]*{_STRIP_WORDS}")
# The same start within a line (where `\s` holds no line break), for the scan.
_STRIP_LINE = LineStart(rf"(?:[^\S\r\n]|\|)*{_STRIP_WORDS}")
# Arrows glued to words, and words glued to numbers (`Previous20 21 22`, `Next»`).
_SPLIT_SYMBOLS = lazy_regex(
    r"(?<=\w)(?=[«»‹›<>←→])|(?<=[«»‹›<>←→])(?=\w)|(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})"
)
_MAX_STRIP = 200  # characters


def _strip_numbers(line: str) -> list[int] | None:
    """The page numbers of a line that is only navigation, else None."""
    numbers: list[int] = []
    words = 0
    tokens = _STRIP_TOKEN.findall(_SPLIT_SYMBOLS.sub(" ", line))
    paged = bool(tokens) and tokens[0].lower().rstrip(":") in _PAGE_WORDS  # `Page 1 of 9 Next >`
    for token in tokens:
        folded = token.lower().rstrip(":")
        if _NUMBER.fullmatch(token):
            numbers.append(int(token))
        elif folded in _NAVIGATION_WORDS:
            words += 1
        elif not (paged and folded in _PAGE_WORDS):
            return None
    if len(numbers) < 2 or max(numbers) >= 1000:
        return None
    steps = [b - a for a, b in itertools.pairwise(numbers)]
    if any(step <= 0 for step in steps) or sum(step == 1 for step in steps) < len(steps) - 1:
        return None  # page numbers rise by one (one gap for an ellipsis at most)
    return numbers if words or len(numbers) >= 4 else None


@rule("PG001", "pagination-strip", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def pagination_strip(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A line that is only page navigation, such as `<  1  2  3  4  5`.

    ## What it does
    Finds lines made of nothing but page numbers that rise by one and navigation
    words or arrows (`Prev`, `Next`, `First`, `Last`, `«`, `>`, `|`, and their
    French, Spanish, German and Chinese forms), separated by spaces, no-break spaces
    or bars, or glued on: `<  1  2  3  4`, `« Prev 1 2 3 Next »`, `1 | 2 | 3 | Next`,
    `First Previous 4 5 6 Next Last`, `Previous20 21 22 23 Next`, `« 1 2 3 … 9 »`,
    `Page 1 of 9 Next >`. Without a navigation word it takes four numbers in a row
    (`Page 3 of 12` alone is PG002's). Number rows that are data are left alone: a
    sequence that does not rise by one (`0 1 1 2 3 5 8`), years (`2019 2020 2021`),
    a row among other number rows (a table), and numbered lists.

    ## Why is this bad?
    The strip is the page's navigation bar, scraped along with the transcript. It
    is not part of what was said and ends up in search results and training data.

    ## Example
    ```text
    That ends today's press conference.

    <  1  2  3  4  5  6  7  8  9
    ```
    Use instead:
    ```text
    That ends today's press conference.
    ```

    ## Fix safety
    Safe: the whole line is navigation, so deleting it removes no word.
    """
    text, spans = doc.text, doc.line_spans
    for line in _STRIP_LINE.lines(doc):
        start, end = spans[line]
        if end - start > _MAX_STRIP or not _STRIP_START.match(text, start, end):
            continue
        if not _DIGIT.search(text, start, end):
            continue  # not navigation from its first character, or no page number
        content = text[start:end]
        if _strip_numbers(content) is None:
            continue
        if any(_is_number_row(doc, other) for other in (line - 1, line + 1)):
            continue  # a row of a table of numbers
        if doc.is_protected(start, end, annotations=False):
            continue
        yield Violation(start, end, "Pagination strip", _delete_line(doc, line, Safety.SAFE))


def _is_number_row(doc: Document, line: int) -> bool:
    if not 0 <= line < len(doc.line_starts):
        return False
    content = doc.text[slice(*doc.line_span(line))]
    tokens = content.split()
    return len(tokens) >= 2 and all(_NUMBER.fullmatch(t.strip(".,")) for t in tokens)


# -- PG002 --------------------------------------------------------------------------------

_MARKER_LINE = lazy_regex(
    r"""[ \t]*(?:
        \[\[?[ ]?Pages?[ ]+[A-Z]?\d{1,5}(?:-[A-Z]?\d{1,5})?[ ]?\]\]?      # [[Page D783]]
      | (?i:page)[ ]+\d{1,5}(?:[ ]+(?i:of)[ ]+\d{1,5})?                # Page 834, Page 3 of 12
      | -[ ]?\d{1,4}[ ]?-                                               # - 12 -
    )[ \t]*""",
    regex.VERBOSE,
)
# How a marker line begins: the lines that can be one, found by one scan.
_MARKER_START = LineStart(r"[ \t]*(?:\[|(?i:page)|-)")
_MARKER_INLINE = lazy_regex(r"[ ]?\[\[?[ ]?Pages?[ ]+[A-Z]?\d{1,5}(?:-[A-Z]?\d{1,5})?[ ]?\]\]?")


@rule("PG002", "page-marker", fix=Availability.ALWAYS, safety=(Safety.SAFE, Safety.UNSAFE))
def page_marker(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A page marker: `[[Page D783]]`, `Page 3 of 12`, `- 12 -`.

    ## What it does
    Finds lines that are only a page marker (`Page 834`, `Page 3 of 12`, `- 12 -`,
    `[Page H6173]`, `[[Page D783]]`, `[Pages D784-D786]`), and bracketed page
    markers inside a sentence (`...as the [Page 138] committee said`).

    ## Why is this bad?
    Page markers record where the printed page broke, not what was said. Inside a
    sentence they split the words apart for search and reading.

    ## Example
    ```text
    the committee will [[Page S8537]] now consider the bill
    ```
    Use instead:
    ```text
    the committee will now consider the bill
    ```

    ## Fix safety
    Safe for a line that is only a marker: it is deleted whole. Unsafe inside a
    sentence, where the two halves are joined (the message shows the result).
    """
    text = doc.text
    whole_lines: set[int] = set()
    for line in _marker_lines(doc):
        start, end = doc.line_span(line)
        if doc.is_protected(start, end, annotations=False):
            continue
        whole_lines.add(line)
        marker = text[start:end].strip()
        yield Violation(start, end, f"Page marker '{marker}'", _delete_line(doc, line, Safety.SAFE))
    if "Page" not in text:
        return  # (the pattern can start at any space: it would try every one)
    for match in _MARKER_INLINE.finditer(text):
        start, end = match.span()
        if doc.line_of(start) in whole_lines or doc.is_protected(start, end, annotations=False):
            continue
        if start == doc.line_starts[doc.line_of(start)] and text[end : end + 1] == " ":
            end += 1  # at a line start, take the space after it instead
        line_start, line_end = doc.line_span(doc.line_of(start))
        joined = text[max(line_start, start - 20) : start] + text[end : min(line_end, end + 20)]
        marker = match.group().strip()
        yield Violation(
            match.start() + (match.group()[0] == " "),
            match.end(),
            f"Page marker '{marker}' inside the text",
            delete(start, end, Safety.UNSAFE, f"Delete it: '...{joined}...'"),
        )


# -- PG003 --------------------------------------------------------------------------------

_GUTTER = lazy_regex(r"[ \t]*([1-9]\d?)(?:[ \t]+|$)")
_GUTTER_LINE = LineStart(r"[ \t]*[1-9]")
_MIN_GUTTER_RUN = 8
# A number standing alone in the text, as a flattened gutter leaves it.
_LOOSE_NUMBER = lazy_regex(r"(?<![\w.,:;$%/#'’+-])[1-9]\d?(?=[ \t\u00a0]|\r|\n|\Z)")
_GUTTER_START = lazy_regex(
    r"(?<!\S)1[ \t\n](?s:.{0,100}?)(?<!\S)2[ \t\n](?s:.{0,100}?)(?<!\S)3[ \t\n]"
)
_SPACES_AFTER = lazy_regex(r"[ \t\u00a0]+")
# Searched backwards from a number (`(?r)`): forwards, it would try every position
# from the start of the text, once per number.
_SPACES_BEFORE = lazy_regex(r"(?r)[ \t\u00a0]+\Z")
_MAX_PRINTED_LINE = 100  # characters between two gutter numbers: one printed line
_MIN_PAGE = 3  # lines of a page before the numbering may restart at 1


@rule(
    "PG003",
    "line-number-gutter",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def line_number_gutter(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Line numbers down the margin, as court and hearing transcripts print them.

    ## What it does
    Finds runs of at least eight consecutive lines that start with the numbers 1,
    2, 3... rising by one (page after page, restarting at 1), each followed by
    spaces or the end of the line. Also finds a gutter flattened into the text, the
    lines of the page joined with their numbers: `1 MINUTES OF THE MEETING 2
    PRESENT: 3 ...`, eight or more numbers rising by one, at most a printed line
    (100 characters) apart, most of them inside a line and followed by three
    words or more.
    Numbered lists (`1.`, `2)`), isolated numbers, counting (`1 2 3 4 5 6 7 8`) and
    the text's own enumerations (`Step 1 ... Step 2 ...`) are left alone.

    ## Why is this bad?
    The gutter numbers are the printed page's line numbers. Left in, they sit at
    the start of every sentence and get read as part of it.

    ## Example
    ```text
    1   Q. Where were you that night?
    2   A. At home.
    ```
    Use instead:
    ```text
    Q. Where were you that night?
    A. At home.
    ```

    ## Fix safety
    Safe: only numbering that is consistent over the run is removed, and the run's
    lines keep every word. In a flattened gutter a number of the text can sit where
    the gutter's would (`2 we met 3 times 3 and then`): where the run leaves two
    candidates for one line number the fix is unsafe.
    """
    margin = list(_margin_gutters(doc))
    yield from margin
    yield from _flattened_gutters(doc, {v.start for v in margin})


def _margin_gutters(doc: Document) -> Iterator[Violation]:
    text, spans = doc.text, doc.line_spans
    run: list[tuple[int, int]] = []  # (start, end) of each gutter number with its spaces
    expected = 1
    previous = -1
    for line in _GUTTER_LINE.lines(doc):  # the lines that begin with a number
        if line != previous + 1:  # a line between without a number ended the run
            yield from _gutter_findings(run)
            run, expected = [], 1
        previous = line
        match = _GUTTER.match(text, *spans[line])
        if match and int(match.group(1)) == expected:
            run.append(match.span())
            expected += 1
            continue
        if match and match.group(1) == "1" and run:
            yield from _gutter_findings(run)
            run, expected = [match.span()], 2
            continue
        yield from _gutter_findings(run)
        run, expected = [], 1
        if match and match.group(1) == "1":
            run, expected = [match.span()], 2
    yield from _gutter_findings(run)


def _flattened_gutters(doc: Document, taken: set[int]) -> Iterator[Violation]:
    """Line numbers 1, 2, 3... joined into the text with the lines they numbered."""
    if not _GUTTER_START.search(doc.masked):
        return  # no `1 ... 2 ... 3` a printed line apart: no gutter (a quick test)
    numbers = [m for m in _LOOSE_NUMBER.finditer(doc.masked) if m.start() not in taken]
    for run in _numbering_runs(numbers):
        if _is_flattened_gutter(doc, numbers, run):
            yield from _flattened_findings(doc, numbers, run)


def _numbering_runs(numbers: list[regex.Match[str]]) -> list[list[int]]:
    """The longest chains of numbers rising by one (restarting at 1 after a page of at
    least three lines), each step at most a printed line long, as indices into
    ``numbers``; a number of the text between two gutter numbers is skipped over."""
    values = [int(m.group()) for m in numbers]
    length = [0] * len(numbers)  # of the best chain ending here (0: none can)
    page = [0] * len(numbers)  # its lines on the current page
    before = [-1] * len(numbers)
    for i, match in enumerate(numbers):
        if values[i] == 1:
            length[i], page[i] = 1, 1
        j = i - 1
        while j >= 0 and match.start() - numbers[j].end() <= _MAX_PRINTED_LINE:
            follows = values[j] == values[i] - 1 or (values[i] == 1 and page[j] >= _MIN_PAGE)
            if length[j] and follows and length[j] + 1 > length[i]:
                length[i], before[i] = length[j] + 1, j
                page[i] = 1 if values[i] == 1 else page[j] + 1
            j -= 1
    runs: list[list[int]] = []
    used: set[int] = set()
    for end in sorted(range(len(numbers)), key=lambda i: (-length[i], i)):
        if length[end] < _MIN_GUTTER_RUN:
            break
        run, i = [], end
        while i >= 0 and i not in used:
            run.append(i)
            i = before[i]
        used.update(run)
        runs.append(run[::-1])
    return sorted(runs)


def _is_flattened_gutter(doc: Document, numbers: list[regex.Match[str]], run: list[int]) -> bool:
    """Long enough, mostly inside lines, mostly numbering printed lines of words (not
    counting), and not the text's own enumeration (`Step 1 ... Step 2 ...`)."""
    if len(run) < _MIN_GUTTER_RUN:
        return False
    text, starts = doc.text, set(doc.line_starts)
    inside = sum(numbers[i].start() not in starts for i in run)
    worded = sum(
        len(_WORD.findall(text, numbers[i].end(), numbers[j].start())) >= _MIN_LINE_WORDS
        for i, j in itertools.pairwise(run)
    )
    if 2 * inside < len(run) or 2 * worded < len(run):
        return False
    before = Counter(
        word.group().casefold()
        for i in run
        if (word := _WORD_BEFORE.search(text, max(0, numbers[i].start() - 30), numbers[i].start()))
    )
    return not before or 2 * before.most_common(1)[0][1] <= len(run)


def _flattened_findings(
    doc: Document, numbers: list[regex.Match[str]], run: list[int]
) -> Iterator[Violation]:
    text = doc.text
    for position, index in enumerate(run):
        match = numbers[index]
        low = run[position - 1] + 1 if position else 0
        high = run[position + 1] if position + 1 < len(run) else len(numbers)
        rivals = sum(numbers[i].group() == match.group() for i in range(low, high))
        safety = Safety.SAFE if rivals == 1 else Safety.UNSAFE
        start, end = match.span()
        if after := _SPACES_AFTER.match(text, end):
            cut = (start, after.end())
        elif before := _SPACES_BEFORE.search(text, 0, start):
            cut = (before.start(), end)
        else:
            cut = (start, end)
        yield Violation(
            start,
            end,
            f"Line number {match.group()} of a flattened gutter",
            delete(*cut, safety, "Remove it"),
        )


def _gutter_findings(run: list[tuple[int, int]]) -> Iterator[Violation]:
    if len(run) < _MIN_GUTTER_RUN:
        return
    for start, end in run:
        yield Violation(
            start, end, "Line number in the margin", delete(start, end, Safety.SAFE, "Remove it")
        )


# -- PG004 --------------------------------------------------------------------------------

# Site chrome whose shape cannot be anything else: deleted safely.
_CHROME_CERTAIN = lazy_regex(
    r"""(?ix)[ \t]*(?:
        adjust\ font\ size:?(?:\s*[A-Z+\-]{1,3}){0,3}
      | (?:print|e-?mail|share|tweet|facebook|twitter|linkedin|weibo|wechat)
        (?:[ \t]*\|[ \t]*(?:print|e-?mail|share|tweet|facebook|twitter|linkedin|weibo|wechat)){1,6}
      | skip\ to\ (?:main\ )?content
      | back\ to\ top
      | read\ in\ (?:chinese|english|french|spanish|arabic|russian)
      | (?:home|首页)(?:[ \t]*[>»›ㄑ][ \t]*[^>»›ㄑ\n]{1,40}){1,6}[ \t]*[>»›ㄑ]?
      | ㄑ[ \t]*[^ㄑ\n]{1,40}(?:[ \t]*ㄑ[ \t]*[^ㄑ\n]{1,40}){0,6}
    )[ \t]*""",
)
_CHROME_START = LineStart(
    r"[ \t]*(?i:adjust|print|e-?mail|share|tweet|facebook|twitter|linkedin|weibo|wechat"
    r"|skip|back|read|home|首页|ㄑ)"
)
_CHROME_DATA = Path(__file__).parent / "data" / "chrome.txt"
_SECTION = lazy_regex(r"\[(\w+)\]")
_NUMBERS = lazy_regex(r"\d+")
_CHROME_MARKS = " :：?？!！»›«‹>[]【】*"
_BAR_MARKS = "|•·¦‖】"
_BAR_SEPARATOR = lazy_regex(f"[{_BAR_MARKS}]")
_BAR_SPLIT = lazy_regex(r"[ \t]*(?:[|•·¦‖]|】[ \t]*【|：|:[ \t]+|[ \t]{2,})[ \t]*")
_MAX_CHROME_LINE = 64  # characters: the longest listed phrase, with room to spare
_MAX_BAR = 160
_MAX_UNKNOWN_ITEM_WORDS = 3
_DATE = lazy_regex(
    r"""(?ix)
      \d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?
    | \d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}
    | \d{1,2}:\d{2}
    | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d{1,2},?[ ]\d{4}
    | \d{1,2}[ ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d{4}
    """
)
_COPYRIGHT = lazy_regex(r"(?i)[ \t]*(?:©|\(c\)|copyright\b).{0,100}all rights reserved\.?[ \t]*")
_LABEL_END = lazy_regex(
    r"[ \t]*[:：]|[ \t]+(?=\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d)"
)
_WORD = lazy_regex(r"\p{L}+")
_WORD_BEFORE = lazy_regex(r"(\p{L}+)[ \t]+\Z")
_MIN_LINE_WORDS = 3  # a printed line, not a list item (`1. Item 1 2. Item 2`) or a count
_THREE_LETTERS = lazy_regex(r"\p{L}(?:\P{L}*\p{L}){2}")
_SENTENCE_END = lazy_regex(r"[.?!…][\"'”’)\]]*\s*$")
# A comma that ends a line (only spaces after it): where a closing such as
# `Sincerely,` can be.
_COMMA_AT_LINE_END = lazy_re(r",[^\S\r\n]*(?=[\r\n]|\Z)")
_MAX_BOILERPLATE_LENGTH = 100
_DANGLING_WORDS = frozenset("a an and as at by for from in of on or that the to with".split())
_EDGE_LINES = 8  # headers and footers sit within this many non-blank lines of an end
_MIN_FILES = 3  # a line must recur in this many files ...
_MIN_SHARE = 0.05  # ... and this share of the corpus to count as boilerplate when it
_MIN_TITLE_SHARE = 0.2  # looks like chrome; a line that may be a title needs this share
_SIGNATURE_LINES = 3  # lines under `Sincerely,` that sign a letter
_MAX_CLOSING_WORDS = 4
_WEB_ADDRESS = lazy_regex(r"(?i)www\.|\w\.(?:com|org|gov|net|int|edu|cn)\b|https?:")
_MIN_PAGE_REPEATS = 3  # a running header recurs at this many page breaks
_NEAR_PAGE_BREAK = 3  # lines


@record(frozen=True)
class ChromeList:
    """The chrome phrases of ``data/chrome.txt``, by section, as ``chrome_key`` gives
    them."""

    lines: frozenset[str]  # a line that is only chrome
    headings: frozenset[str]  # a line that is chrome or a heading
    items: frozenset[str]
    sources: tuple[str, ...]
    speech: tuple[str, ...]
    sections: frozenset[str]


@functools.cache
def chrome_list() -> ChromeList:
    """The chrome phrases, read once."""
    sections: dict[str, list[str]] = {}
    entries: list[str] = []
    for raw in _CHROME_DATA.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if header := _SECTION.fullmatch(line):
            entries = sections.setdefault(header.group(1), [])
        else:
            entries.append(chrome_key(line))
    lines, headings = frozenset(sections["line"]), frozenset(sections["heading"])
    return ChromeList(
        lines=lines,
        headings=headings,
        items=lines | headings | frozenset(sections["bar"]),
        sources=tuple(sorted(sections["source"], key=len, reverse=True)),
        speech=tuple(sections["speech"]),
        sections=frozenset(sections["section"]),
    )


def chrome_key(text: str) -> str:
    """How a line or a bar item is compared with the chrome list: case folded, spaces
    collapsed, every number read as 0, the marks around it dropped."""
    return " ".join(_NUMBERS.sub("0", text.casefold()).split()).strip(_CHROME_MARKS)


def _is_speech(content: str, speech: tuple[str, ...]) -> bool:
    """Whether a line opens a speech or letter (`Fellow citizens of the Council:`,
    `Good morning`, `The White House,`): text, however many files start with it."""
    if content.endswith((":", ",", ";", "：", "，")):
        return True
    folded = content.casefold()
    return folded.startswith(speech) and any(
        folded.startswith(opening) and not folded[len(opening) : len(opening) + 1].isalnum()
        for opening in speech
    )


def candidate_lines(doc: Document) -> list[tuple[int, str]]:
    """Lines that could be boilerplate, by index, whitespace-normalised (computed
    once per document).

    Short lines of at least two words, outside code blocks, that are not speaker
    turns, headings, quotes, list items or sentences (`Thank you.` and `Yeah.`
    recur because people say them), nor salutations and openings
    (`Fellow citizens of the Council:`, `Good morning`), nor a signature (the lines
    under `Sincerely,`).
    """
    return doc.shared(_candidate_lines)


def edge_candidates(doc: Document) -> list[tuple[int, str]]:
    """The candidate lines among the first and last few non-blank lines, where
    headers and footers sit: all the gatherer and, mostly, PG004 need (computed once
    per document, without reading the other lines)."""
    return doc.shared(_edge_candidates)


def _candidate_lines(doc: Document) -> list[tuple[int, str]]:
    known = doc.shared(_LineContext)
    return [found for line in range(len(doc.line_spans)) if (found := known.candidate(line))]


def _edge_candidates(doc: Document) -> list[tuple[int, str]]:
    known = doc.shared(_LineContext)
    return [found for line in sorted(_edge_lines(doc)) if (found := known.candidate(line))]


class _LineContext:
    """What decides whether a line is a candidate besides the line itself: the
    closings (`Sincerely,`) whose signature lines are not candidates, and the lines
    with a speaker label."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.labelled = {doc.line_of(start) for start, _ in doc.speaker_labels}
        self.speech = chrome_list().speech
        self.closings = _closings(doc)

    def candidate(self, line: int) -> tuple[int, str] | None:
        """``(line, content)`` for a candidate line, else None."""
        doc = self.doc
        start, end = doc.line_spans[line]
        if end - start > _MAX_BOILERPLATE_LENGTH or end - start < 5:
            return None
        before = bisect.bisect_left(self.closings, line) - 1
        if before >= 0 and line - self.closings[before] <= _SIGNATURE_LINES:
            return None  # a signature: the name and office under a closing
        content = " ".join(doc.text[start:end].split())
        if " " not in content or content.startswith(("#", ">", "|", "-", "*")):
            return None
        if _SENTENCE_END.search(content) or line in self.labelled:
            return None
        if not _THREE_LETTERS.search(doc.masked, start, end) or doc.in_block(start):
            return None
        if _continues(doc, line, content) or _is_speech(content, self.speech):
            return None
        return line, content


def _closings(doc: Document) -> list[int]:
    """The lines that close a letter (`Sincerely,`, `Respectfully submitted,`: a
    short line ending in a comma, not itself under a closing), in order. Such a line
    ends in a comma and spaces: one scan finds the few lines that can be one."""
    text, spans = doc.text, doc.line_spans
    closings: list[int] = []
    last = -_SIGNATURE_LINES - 1
    for match in _COMMA_AT_LINE_END.finditer(text):
        line = doc.line_of(match.start())
        start, end = spans[line]
        if end - start > _MAX_BOILERPLATE_LENGTH or end - start < 5:
            continue
        if line - last <= _SIGNATURE_LINES:
            continue  # under a closing: a signature line, which closes nothing
        content = " ".join(text[start:end].split())
        if content.endswith(",") and content.count(" ") < _MAX_CLOSING_WORDS:
            last = line
            closings.append(line)
    return closings


def _continues(doc: Document, line: int, content: str) -> bool:
    """Whether the line is part of a hard-wrapped paragraph: it ends on a word that
    needs more (`of`, `the`) or the next line carries on in lower case."""
    if content.rsplit(" ", 1)[-1].lower() in _DANGLING_WORDS:
        return True
    if line + 1 >= len(doc.line_starts):
        return False
    following = doc.text[slice(*doc.line_span(line + 1))].lstrip()
    return following[:1].islower()


def _edge_lines(doc: Document) -> frozenset[int]:
    """The first and last few non-blank lines: where headers and footers sit
    (computed once per document: the gatherer and two rules ask)."""
    return doc.shared(_find_edge_lines)


def _find_edge_lines(doc: Document) -> frozenset[int]:
    text, spans = doc.text, doc.line_spans

    def filled(order: Iterable[int]) -> Iterator[int]:
        return itertools.islice((i for i in order if text[slice(*spans[i])].strip()), _EDGE_LINES)

    return frozenset((*filled(range(len(spans))), *filled(reversed(range(len(spans))))))


def _gather_lines(doc: Document) -> Counter[str]:
    """Each candidate header or footer line once: summed over a corpus, files."""
    return Counter({content for _, content in edge_candidates(doc)})


def _learn_lines(counts: Counter[str], documents: int) -> Counter[str]:
    return Counter({line: n for line, n in counts.items() if n >= _files_needed(line, documents)})


def _files_needed(line: str, documents: int) -> float:
    """How many files must share a header line for it to be boilerplate: 5% of the
    corpus for a line with chrome in it (a web address, a bar, a menu word), 20% for
    one that may be a title many speeches share (`Annual Message to the Assembly`)."""
    words = set(line.casefold().split())
    chrome = bool(_WEB_ADDRESS.search(line) or _BAR_SEPARATOR.search(line)) or not words.isdisjoint(
        chrome_list().items
    )
    return max(_MIN_FILES, (_MIN_SHARE if chrome else _MIN_TITLE_SHARE) * documents)


REPEATED_LINES = Gatherer(
    "repeated-lines", _gather_lines, "boilerplate", learn=_learn_lines, keep=_learn_lines
)


@rule(
    "PG004",
    "boilerplate-line",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
    evidence=(REPEATED_LINES,),
)
def boilerplate_line(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A line of site chrome or print furniture: `Press Room`, `Print | E-mail | Share`.

    ## What it does
    Finds lines that are not part of the transcript, on four kinds of evidence:
    - a list of chrome phrases in several languages (the package's
      `rules/data/chrome.txt`), matched whole after case folding, with numbers
      read as any number: lines that are only chrome (`Search form`, `Recommend to
      a friend`, `View original document`, `打印本页`), bars whose every item is
      listed (`中文 | Français | Español | Contact Us`, `Username: Password:
      Register | Forgot password?`, `Upload • Views 12 • Download 0 • Embed Size
      (px)`), and chrome that is usually but not always furniture (`Press Room`,
      `Newsroom`, `Related News`);
    - built-in patterns: breadcrumbs (`Home > Press Room > Notice`), share bars,
      `Adjust font size:`, `Read in Chinese`;
    - the shape of the line, at the top or bottom of the text (the first or last
      8 lines with text): a bar mostly of listed items (`Home | About | Our Team |
      Contact`), a source and date line (`Source: Ministry website 2024-10-22
      11:05`, `Posted on March 3, 2024`), a copyright notice (`© 2024 ... All
      rights reserved.`), a title printed twice in a row;
    - the corpus: a header or footer line (among the first or last 8 lines with
      text) that is a header or footer of at least 3 files and 5% of the files in
      the run (20% unless it holds a web address, a bar or a menu word: a title
      many speeches share is text), or that the `[boilerplate]` section of the
      project lexicon lists;
    - the document: a running header that recurs at the top of at least 3 pages
      (next to page markers or form feeds, or at the start of the file).
    Lines of one word, speaker turns, headings (`# ...`), quotes, list items,
    sentences (`Thank you.`), salutations and openings (`To the Board of
    Directors:`, `Good morning`, `The White House,`), signatures (the lines under
    `Sincerely,`), lines of a hard-wrapped paragraph and lines in code blocks are
    never boilerplate; nor is a line that merely repeats in the body of a
    text (a name in a roll call, a phrase of a bill).

    ## Why is this bad?
    Chrome and running headers are repeated across a corpus thousands of times.
    They skew search, counts and models trained on the text, and they interrupt it.

    ## Example
    ```text
    Press Room

    Briefing on the harbour programme
    ```
    Use instead:
    ```text
    Briefing on the harbour programme
    ```

    ## Fix safety
    Safe when the line is exactly listed chrome (a whole-line phrase, or a bar of
    listed items) or a built-in pattern whose shape cannot be anything else (a
    breadcrumb). Unsafe for the rest: `Press Room`, a bar with unlisted items, a
    source line, a repeated line may be a heading someone wants to keep. The
    whole line is deleted.
    """
    text = doc.text
    learned = ctx.lexicon.keys("boilerplate")
    corpus = ctx.evidence.get(REPEATED_LINES.name)
    edges = _edge_lines(doc)
    running = _running_headers(doc)
    # Only a header or footer can be boilerplate by the corpus: other lines only by
    # the lexicon or as running headers.
    candidates = dict(candidate_lines(doc) if learned or running else edge_candidates(doc))
    chrome = _chrome_lines(doc, edges)
    for line in sorted(chrome.keys() | candidates.keys()):
        start, end = doc.line_span(line)
        content = candidates.get(line, "")
        if line in chrome:
            why, safety = chrome[line]
        elif content in learned:
            why, safety = "listed as boilerplate in the lexicon", Safety.UNSAFE
        elif line in edges and corpus[content] >= _files_needed(content, ctx.evidence.documents):
            why = f"header or footer of {corpus[content]} of {ctx.evidence.documents} files"
            safety = Safety.UNSAFE
        elif content in running:
            why, safety = f"running header at {running[content]} page breaks", Safety.UNSAFE
        else:
            continue
        shown = " ".join(text[start:end].split())
        yield Violation(
            start, end, f"Boilerplate line '{shown}' ({why})", _delete_line(doc, line, safety)
        )


def _chrome_lines(doc: Document, edges: frozenset[int]) -> dict[int, tuple[str, Safety]]:
    """Lines of site chrome, by the built-in patterns, the chrome list and the shape of
    a menu bar, with why and how safely each can go."""
    text, chrome = doc.text, chrome_list()
    found: dict[int, tuple[str, Safety]] = {}
    bars: set[int] = set()
    for line in _lines_matching(doc, _CHROME_START, _CHROME_CERTAIN):
        found[line] = ("site chrome", Safety.SAFE)
    for line, (start, end) in enumerate(doc.line_spans):
        if line in found or not 0 < end - start <= _MAX_CHROME_LINE:
            continue
        content = text[start:end]
        key = chrome_key(content)  # (faster than one pattern of every phrase, measured)
        if key in chrome.lines:
            found[line] = ("site chrome", Safety.SAFE)
        elif key in chrome.headings:
            found[line] = ("site chrome, or a heading", Safety.UNSAFE)
        elif ":" in content or "：" in content:
            bars.add(line)  # `Text size: A A A`, `Username: Password: Register`
    has_separator = any(mark in text for mark in _BAR_MARKS)  # (`in` is far faster)
    separator = _BAR_SEPARATOR.search(text) if has_separator else None
    while separator:  # one search per line with a separator, not one per separator
        line = doc.line_of(separator.start())
        bars.add(line)
        separator = _BAR_SEPARATOR.search(text, doc.line_spans[line][1])
    for line in sorted(bars - found.keys()):
        if bar := _menu_bar(doc, line, chrome, edge=line in edges):
            found[line] = bar
    for line in sorted(edges - found.keys()):
        start, end = doc.line_span(line)
        if _is_source_line(text[start:end].strip(), chrome.sources):
            found[line] = ("source and date of the page", Safety.UNSAFE)
        elif _COPYRIGHT.fullmatch(text, start, end):
            found[line] = ("the site's copyright notice", Safety.UNSAFE)
    if repeated := _repeated_title(doc, edges):
        found.setdefault(repeated, ("the title again, right under itself", Safety.UNSAFE))
    return {line: why for line, why in found.items() if not doc.in_block(doc.line_starts[line])}


def _menu_bar(
    doc: Document, line: int, chrome: ChromeList, *, edge: bool
) -> tuple[str, Safety] | None:
    """A menu, share, login or language bar (`Print | E-mail | Share`): every item
    listed (safe), or at the top or bottom of the text, mostly listed items (unsafe)."""
    start, end = doc.line_span(line)
    content = doc.text[start:end].strip()
    if len(content) > _MAX_BAR:
        return None
    if doc.format is Format.MARKDOWN and content.startswith("|"):
        return None  # a table row
    parts = _BAR_SPLIT.split(content)
    if len(parts) < 2:
        return None  # one item (`MS. SMITH:`, a speaker's label): no bar
    items = [key for item in parts if (key := chrome_key(item))]
    known = sum(key in chrome.items for key in items)
    if len(items) < 2 or not known:
        return None
    if known == len(items):
        return "a bar of site links", Safety.SAFE
    unknown_words = max(len(key.split()) for key in items if key not in chrome.items)
    if (
        edge
        and not _SENTENCE_END.search(content)
        and known >= 2
        and 2 * known >= len(items)
        and unknown_words <= _MAX_UNKNOWN_ITEM_WORDS
    ):
        return f"a bar of site links ({known} of {len(items)} items known)", Safety.UNSAFE
    return None


def _is_source_line(content: str, sources: tuple[str, ...]) -> bool:
    """`Source: Ministry website 2024-10-22 11:05`, `Posted on March 3, 2024`: a label
    the chrome list knows, then a date."""
    if len(content) > _MAX_BAR:
        return False
    folded = content.casefold()
    if not folded.startswith(sources) or not _DATE.search(content):
        return False  # (the labels first: one test in C, where the date is a search)
    return any(
        folded.startswith(label) and _LABEL_END.match(folded, len(label)) for label in sources
    )


def _repeated_title(doc: Document, edges: frozenset[int]) -> int | None:
    """The second copy of a title printed twice in a row at the top of the text (the
    first edge lines are the text's first non-blank lines, one after another)."""
    text, spans = doc.text, doc.line_spans
    for first, second in itertools.pairwise(sorted(edges)[: _EDGE_LINES // 2]):
        upper, lower = text[slice(*spans[first])], text[slice(*spans[second])]
        # The cheap tests first: a first line is often a long paragraph, which the
        # sentence-end pattern would read to its end.
        if upper.lstrip()[:1] != lower.lstrip()[:1]:
            continue  # (two lines the same but for spacing start alike)
        above = " ".join(upper.split())
        if above.count(" ") < 1 or above.endswith(":") or " ".join(lower.split()) != above:
            continue
        if not _SENTENCE_END.search(above):
            return second
    return None


def _running_headers(doc: Document) -> Counter[str]:
    """Candidate lines that recur at page breaks (or at the top of the first page)."""
    text = doc.text
    breaks = _marker_lines(doc)
    if "\x0c" in text:
        feeds = (i for i, (start, end) in enumerate(doc.line_spans) if "\x0c" in text[start:end])
        breaks = sorted({*breaks, *feeds})
    if len(breaks) < _MIN_PAGE_REPEATS - 1:
        return Counter()
    first_page = min(_edge_lines(doc), default=0) + _NEAR_PAGE_BREAK
    near = Counter(
        content
        for line, content in candidate_lines(doc)
        if line <= first_page or any(abs(line - b) <= _NEAR_PAGE_BREAK for b in breaks)
    )
    return Counter({content: n for content, n in near.items() if n >= _MIN_PAGE_REPEATS})


# -- PG005 --------------------------------------------------------------------------------

_HEAD_PAGE_WORD = lazy_regex(r"(?i:page|p\.|pg\.?|seite|página|页)[ \t]*\Z")
_MIN_HEAD_LENGTH = 12
_MAX_HEAD_LENGTH = 120
_MIN_HEAD_WORDS = 2
_MIN_HEAD_REPEATS = 3
_MIN_HEAD_DISTANCE = 3  # lines between two copies: a page, not a list
_MAX_PAGE_STEP = 3  # a page or two may lack the head


@rule(
    "PG005",
    "running-head",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def running_head(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A printed page's running head or footer, repeated with its page number.

    ## What it does
    Finds a line that recurs at least three times in one document, pages apart,
    identical but for one number that rises with each copy (a page number, at the
    start or end of the line or after `Page`): `ACME COURT REPORTERS 555-0100 12`,
    `Harbour Board Minutes, 3 May - Page 7`. Once such a head is known, copies of it
    glued into a line of text (where the flattened page broke mid-sentence) are
    found too. Lines of one word, lines whose numbers do not rise (a refrain, a
    roll call), numbered lines next to each other (a list) and copies without a
    number (PG004's running headers) are left alone.

    ## Why is this bad?
    The running head is the printer's, not the speaker's. Flattened into text it
    recurs every page, interrupts sentences, and puts a phone number and a page
    number into search results and training data.

    ## Example
    ```text
    the witness said that he had
    ACME COURT REPORTERS 555-0100 12
    not seen the car.
    ```
    Use instead:
    ```text
    the witness said that he had
    not seen the car.
    ```

    ## Fix safety
    Safe for a whole line: it is deleted. Unsafe for a copy inside a line, where
    the text around it is joined (the message shows the result).
    """
    text = doc.text
    groups: dict[str, list[int]] = {}
    digit = _DIGIT.search(text)
    while digit:  # only the lines with a number, each once
        line = doc.line_of(digit.start())
        start, end = doc.line_spans[line]
        if _MIN_HEAD_LENGTH <= end - start <= _MAX_HEAD_LENGTH:
            key = _NUMBERS.sub("0", " ".join(text[start:end].split()))
            groups.setdefault(key, []).append(line)
        digit = _DIGIT.search(text, end)
    whole: set[int] = set()
    heads: list[str] = []
    for key, lines in groups.items():
        if len(lines) < _MIN_HEAD_REPEATS or key.startswith(("#", ">")):
            continue
        lines = [line for line in lines if not doc.in_block(doc.line_starts[line])]
        if len(_WORD.findall(key)) < _MIN_HEAD_WORDS or len(lines) < _MIN_HEAD_REPEATS:
            continue
        if _is_running_head(doc, lines):
            whole.update(lines)
            heads.append(key)
    for line in sorted(whole):
        start, end = doc.line_span(line)
        shown = " ".join(text[start:end].split())
        yield Violation(
            start,
            end,
            f"Running head '{shown}'",
            _delete_line(doc, line, Safety.SAFE),
        )
    for key in heads:
        yield from _glued_heads(doc, key, whole)


def _is_running_head(doc: Document, lines: list[int]) -> bool:
    """Copies pages apart whose one changing number rises like a page number."""
    if any(b - a < _MIN_HEAD_DISTANCE for a, b in itertools.pairwise(lines)):
        return False
    texts = [" ".join(doc.text[slice(*doc.line_span(line))].split()) for line in lines]
    numbers = [[int(n) for n in _NUMBERS.findall(t)] for t in texts]
    changing = [i for i in range(len(numbers[0])) if len({row[i] for row in numbers}) > 1]
    if len(changing) != 1:
        return False
    position = changing[0]
    pages = [row[position] for row in numbers]
    if not all(0 < b - a <= _MAX_PAGE_STEP for a, b in itertools.pairwise(pages)):
        return False
    # The page number sits at an end of the line, or after `Page`.
    match = list(_NUMBERS.finditer(texts[0]))[position]
    before, after = texts[0][: match.start()], texts[0][match.end() :]
    if _HEAD_PAGE_WORD.search(before):
        return True
    if not before and after[:1] in (".", ")"):
        return False  # `2907. A letter from the Director`: a numbered list
    if texts[0].rsplit(" ", 1)[-1].casefold() in _DANGLING_WORDS:
        return False  # a line of a hard-wrapped paragraph
    if (before.split() or [""])[-1].casefold() in chrome_list().sections:
        return False  # `Interview with the minister, part 2`: a heading
    return not before.strip(" -–—|·•,") or not after.strip(" -–—|·•,.")


def _glued_heads(doc: Document, key: str, whole: set[int]) -> Iterator[Violation]:
    """Copies of a known running head inside a line of text."""
    text = doc.text
    pattern = regex.compile(
        r"(?<!\w)"
        + r"\d{1,5}".join(
            r"\s+".join(map(regex.escape, part.split(" "))) for part in key.split("0")
        )
        + r"(?!\w)"
    )
    for match in pattern.finditer(text):
        start, end = match.span()
        line = doc.line_of(start)
        if line in whole or doc.is_protected(start, end):
            continue
        cut_start, cut_end = start, end
        if text[cut_end : cut_end + 1] == " ":
            cut_end += 1
        elif cut_start > 0 and text[cut_start - 1] == " ":
            cut_start -= 1
        line_start, line_end = doc.line_span(line)
        joined = text[max(line_start, cut_start - 20) : cut_start]
        joined += text[cut_end : min(line_end, cut_end + 20)]
        yield Violation(
            start,
            end,
            f"Running head '{match.group()}' inside the text",
            delete(cut_start, cut_end, Safety.UNSAFE, f"Delete it: '...{joined}...'"),
        )


def _lines_matching(doc: Document, start: LineStart, pattern: regex.Pattern[str]) -> list[int]:
    """The lines that are ``pattern`` and nothing else, in order: of the lines that
    begin with ``start``, found by one scan. (Searching the whole text for
    ``pattern`` would try it at every position, not only at line starts: slower,
    measured.)"""
    text, spans = doc.text, doc.line_spans
    return [i for i in start.lines(doc) if pattern.fullmatch(text, *spans[i])]


def _marker_lines(doc: Document) -> list[int]:
    """The lines that are only a page marker (PG002's, and PG004's page breaks)."""
    return doc.shared(_find_marker_lines)


def _find_marker_lines(doc: Document) -> list[int]:
    return _lines_matching(doc, _MARKER_START, _MARKER_LINE)


def _delete_line(doc: Document, line: int, safety: Safety) -> Fix:
    return delete(*doc.whole_line(line), safety, "Delete the line")
