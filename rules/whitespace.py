"""Whitespace (WS): the spacing artifacts of scraped and hand-typed text.

Copying a page out of a browser or a PDF leaves spaces at line ends, doubled spaces
and blank lines, no-break spaces from ``&nbsp;``, spaces before punctuation, and a
mix of line endings. None of them is a word, so every fix here is safe: it changes
spacing, never the words a reader sees. Regions that are not prose (code blocks,
URLs, timestamps) are left alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import regex

from lint.document import MAX_LINE, Document
from lint.fix import Safety, delete, replace
from lint.masking import Format
from lint.patterns import lazy_re, lazy_regex
from lint.rule import Availability, Context, Violation, characters, rule

# Characters that render as a plain space but are not one.
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
HORIZONTAL = f"[ \\t{ODD_SPACES}]"
LINE_END = r"(?:\r\n|\r(?!\n)|\n)"

SPACES = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200B)}

# Patterns start at rare characters (a line break, a punctuation mark) and look back,
# rather than trying every space in the text.
_LINE_END_AFTER_SPACE = lazy_regex(rf"(?<={HORIZONTAL})[\r\n]")
_SPACE_RUN = lazy_re(rf"[ {ODD_SPACES}]{{2,}}")  # (the standard library is faster here)
_PLAIN_SPACES = lazy_re(" +")
_ODD_SPACE_CHARACTERS = characters(ODD_SPACES)
_RUN_CHARACTERS = _ODD_SPACE_CHARACTERS | {" "}
_MANY_ODD_SPACES = 64  # characters of text per odd space, fewer: one scan finds the runs
_BLANK_LINES = rf"((?:[ \t]*{LINE_END}){{2,}})"
_BLANK_RUN = lazy_regex(LINE_END + _BLANK_LINES)
# The same where every line break is `\n`: a literal to skip to, 5x faster.
_BLANK_RUN_LF = lazy_re(r"\n((?:[ \t]*\n){2,})")
_LEADING_BLANKS = lazy_regex(rf"\ufeff?((?:[ \t]*{LINE_END})+)")
# The mark first, the space looked back for: the standard library skips to the
# marks in C, where a pattern that starts with the space stops at every space.
_SPACE_BEFORE_PUNCTUATION = lazy_re(r"[,.;:?!](?<=[ \t].)(?=[\"'”’]?(?:[ \t]|\r|\n|\Z))")
_WORD_CHARACTER = lazy_regex(r"\w")
_SPACED_ELLIPSIS = lazy_regex(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*\.")  # `word . . .`, maybe wrapped
_LETTER = lazy_regex(r"\p{L}")
_LINE_ENDING = lazy_regex(LINE_END)
_ODD_SPACE = lazy_regex(rf"(?<=\p{{L}})[{ODD_SPACES}](?=\p{{L}})")
_WIDE_SCRIPT = lazy_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_SENTENCE_END = lazy_regex(r"[.?!:][\"'”’)\]]?\Z")
_INDENTATION = lazy_regex(r"[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?")
_LEADER = lazy_regex(r"\.{4,}|(?:\. ){3,}|_{3,}")
_ENDING_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


@rule("WS001", "trailing-whitespace", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def trailing_whitespace(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Whitespace at the end of a line.

    ## What it does
    Finds spaces, tabs and no-break spaces at the end of a line, including lines
    that hold nothing but whitespace.

    ## Why is this bad?
    Trailing whitespace is invisible noise left by copying from web pages and word
    processors. It makes diffs noisy and breaks exact-match search on line ends.

    ## Example
    ```text
    Thank you.␠␠
    ```
    (␠ stands for a space.)
    Use instead:
    ```text
    Thank you.
    ```
    In Markdown, exactly two trailing spaces after text are a hard line break and are
    left alone.

    ## Fix safety
    Safe: only whitespace at a line end is removed.
    """
    text = doc.text
    markdown = doc.format is Format.MARKDOWN
    if "\r" in text:
        ends = [m.start() for m in _LINE_END_AFTER_SPACE.finditer(text)]
    else:  # each line but the last ends at a `\n`: a look at its last character
        ends = [
            end for start, end in doc.line_spans[:-1] if end > start and text[end - 1] in SPACES
        ]
    if text and text[-1] in SPACES:
        ends.append(len(text))
    for end in ends:
        start = _run_start(text, end)
        blank = start == 0 or text[start - 1] in "\r\n"
        if markdown and not blank and text[start:end] == "  ":
            continue
        if doc.is_protected(start, end):
            continue
        message = "Blank line contains whitespace" if blank else "Trailing whitespace"
        yield Violation(
            start, end, message, delete(start, end, Safety.SAFE, "Remove trailing whitespace")
        )


def _run_start(text: str, end: int) -> int:
    """Where the run of spaces that ends at ``end`` starts."""
    start = end
    while start > 0 and text[start - 1] in SPACES:
        start -= 1
    return start


def _next_line_end(doc: Document, offset: int) -> int:
    """The end of the line after the one holding ``offset`` (the text's end on the
    last line): the end position for a match that may cross one line break. With
    none, `regex` looks for a pattern's literal through the rest of the text."""
    spans = doc.line_spans
    line = doc.line_of(offset) + 1
    return spans[line][1] if line < len(spans) else len(doc.text)


@rule(
    "WS002",
    "multiple-spaces",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE,),
    triggers=characters(ODD_SPACES) | {"  "},
)
def multiple_spaces(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Two spaces where one belongs, inside a line of prose.

    ## What it does
    Finds a run of two spaces between words (no-break spaces count as spaces here).
    Only prose is checked. Left alone:
    - indentation, including after blockquote and list markers (`>  text`,
      `1.  item`), and the gap after a leading number (`$3,285.00  TOTAL`);
    - lines laid out in columns: a run of three or more spaces, two or more runs of
      two, a gap that lines up with a gap in the line above or below, dot leaders
      (`Name ........ 12`), form blanks (`___`), table rows (two or more `|`),
      indented lines (centred headings, preformatted blocks), lines with no words;
    - two spaces after the end of a sentence or a colon, a typewriter convention.

    ## Why is this bad?
    Doubled spaces come from joined lines, removed words and `&nbsp;` in scraped
    pages. They break phrase search and show up as uneven gaps.

    ## Example
    ```text
    We will  continue to upgrade the network.
    ```
    Use instead:
    ```text
    We will continue to upgrade the network.
    ```

    ## Fix safety
    Safe: the run is replaced by one space; no word changes. Text in columns, where
    joining two cells would make a false sentence, is never flagged.
    """
    text = doc.text
    layout_lines: dict[int, bool] = {}
    for start, end in _space_runs(doc):
        if start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
            continue
        line = doc.line_of(start)
        line_start = doc.line_starts[line]
        indentation_end = _INDENTATION.match(text, line_start).end()
        if indentation_end >= start or not _LETTER.search(text, indentation_end, start):
            continue  # indentation, or a number column (`$3,285.00  TOTAL`)
        if line not in layout_lines:
            layout_lines[line] = _is_layout(text[slice(*doc.line_span(line))])
        if layout_lines[line] or doc.is_protected(start, end):
            continue
        if end - start == 2 and _SENTENCE_END.search(text, max(0, start - 3), start):
            continue
        if _aligned_with_neighbour(doc, line, end - line_start):
            continue
        yield Violation(
            start,
            end,
            f"{end - start} spaces in a row",
            replace(start, end, " ", Safety.SAFE, "Replace with one space"),
        )


def _space_runs(doc: Document) -> Iterator[tuple[int, int]]:
    """The spans of ``_SPACE_RUN.finditer(doc.text)``, found from where a run can
    be: a double space or an odd space. (`str.find` skips to them in C, where the
    pattern stops at every space of the text.)"""
    text = doc.text
    odd = _odd_spaces(doc)
    if odd is None:
        yield from (match.span() for match in _SPACE_RUN.finditer(text))
        return
    starts = sorted(_double_spaces(text) + odd)
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the run before
        while start > end and text[start - 1] in _RUN_CHARACTERS:
            start -= 1  # a run that an odd space does not start: ` \u00a0`
        if match := _SPACE_RUN.match(text, start):
            end = match.end()
            yield start, end


def _odd_spaces(doc: Document) -> list[int] | None:
    """Where the odd spaces (no-break, em, ideographic ...) of the text are, in
    order; None when they are so many (one in 64 characters) that one scan of the
    text finds what is looked for faster than a look at each."""
    text = doc.text
    odd = doc.characters & _ODD_SPACE_CHARACTERS
    if len(text) < _MANY_ODD_SPACES * sum(map(text.count, odd)):
        return None
    found = []
    for space in odd:
        at = text.find(space)
        while at >= 0:
            found.append(at)
            at = text.find(space, at + 1)
    found.sort()
    return found


def _double_spaces(text: str) -> list[int]:
    """Where each run of two or more plain spaces starts."""
    found = []
    at = text.find("  ")
    while at >= 0:
        found.append(at)
        run = _PLAIN_SPACES.match(text, at)
        assert run is not None  # two spaces start here
        at = text.find("  ", run.end())
    return found


def _is_layout(line: str) -> bool:
    """A line laid out in columns, a table row, or one with no words at all."""
    interior = line.strip()
    runs = _SPACE_RUN.findall(interior)
    return (
        len(runs) >= 2
        or any(len(run) >= 3 for run in runs)
        or interior.count("|") >= 2
        or bool(_LEADER.search(interior))
        or len(line) - len(line.lstrip(" \t")) >= 4
        or not _LETTER.search(interior)
    )


def _aligned_with_neighbour(doc: Document, line: int, column: int) -> bool:
    """Whether the line above or below also has a gap ending at ``column``."""
    text = doc.text
    for other in (line - 1, line + 1):
        if 0 <= other < len(doc.line_starts):
            start, end = doc.line_span(other)
            position = start + column
            if (
                start + 2 <= position < end
                and text[position - 2 : position] == "  "
                and not text[position].isspace()
            ):
                return True
    return False


@rule("WS003", "multiple-blank-lines", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def multiple_blank_lines(doc: Document, ctx: Context) -> Iterator[Violation]:
    """More than one blank line in a row.

    ## What it does
    Finds two or more consecutive blank lines (lines that are empty or hold only
    spaces and tabs) between two lines of text. Blank lines at the start and at the
    end of the file are WS008's and WS009's.

    ## Why is this bad?
    One blank line separates paragraphs and speaker turns; more carry no meaning.
    They come from stripped HTML blocks and PDF page breaks, and they make the same
    text look different to diff tools and deduplication.

    ## Example
    ```text
    Now, we'll take the last question.


    In recent years, ...
    ```
    Use instead:
    ```text
    Now, we'll take the last question.

    In recent years, ...
    ```

    ## Fix safety
    Safe: the extra blank lines are removed and one is kept.
    """
    text = doc.text
    head = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    tail = len(text.rstrip())
    for match in (_BLANK_RUN if "\r" in text else _BLANK_RUN_LF).finditer(text):
        start, end = match.span(1)
        if start <= head or end >= tail:
            continue  # blank lines at the start or the end of the file: WS008, WS009
        if doc.is_protected(start, end):
            continue
        breaks = list(_LINE_ENDING.finditer(text, start, end))
        yield Violation(
            start,
            end,
            f"{len(breaks)} blank lines in a row",
            delete(start, breaks[-2].end(), Safety.SAFE, "Keep one blank line"),
        )


@rule("WS004", "space-before-punctuation", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def space_before_punctuation(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A space between a word and the punctuation mark that ends it.

    ## What it does
    Finds spaces before `, . ; : ? !` when the mark closes the word before it (it is
    followed by a space, a closing quote or the end of the line). Ellipses (`and
    ...`, `say . . . he`, even wrapped over a line end), decimals (`.5`), emoticons
    (`:)`), file names and text inside annotations are not flagged, nor a no-break
    space before `? ! : ;` as French typography writes it.

    ## Why is this bad?
    Speech-to-text output and OCR put spaces before punctuation; it reads as a
    typo and splits tokens for search.

    ## Example
    ```text
    Thank you , Mr. Wang .
    ```
    Use instead:
    ```text
    Thank you, Mr. Wang.
    ```

    ## Fix safety
    Safe: only the spaces are removed.
    """
    text = doc.text
    # Matched in the masked view, so a tag after the mark (`there .</v>`) is a space.
    for match in _SPACE_BEFORE_PUNCTUATION.finditer(doc.masked):
        end = match.start()
        start = _run_start(text, end)
        if text[start:end].strip(" \t") or start == 0 or not _WORD_CHARACTER.match(text, start - 1):
            continue
        if doc.is_protected(start - 1, end + 1):
            continue
        mark = text[end]
        if mark == "." and _SPACED_ELLIPSIS.match(text, end + 1, _next_line_end(doc, end)):
            continue
        yield Violation(
            start,
            end + 1,
            f"Space before '{mark}'",
            delete(start, end, Safety.SAFE, f"Remove the space before '{mark}'"),
        )


@rule("WS005", "missing-final-newline", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def missing_final_newline(doc: Document, ctx: Context) -> Iterator[Violation]:
    """The file does not end with a line break.

    ## What it does
    Finds a non-empty file whose last line has no line ending.

    ## Why is this bad?
    Tools that concatenate or count lines treat the last line differently, and
    appending to the file glues the next text onto the last word.

    ## Example
    A file ending in `That ends today's press conference.` with no line break.
    Use instead: the same line followed by a line break.

    ## Fix safety
    Safe: a line break of the kind the file already uses (LF, CRLF or CR) is
    added at the end.
    """
    text = doc.text
    if text.strip("\ufeff") and text[-1] not in "\r\n":
        end = len(text)
        yield Violation(
            end - 1,
            end,
            "No line break at the end of the file",
            replace(end, end, doc.newline, Safety.SAFE, "Add a line break"),
        )


@rule("WS006", "mixed-line-endings", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def mixed_line_endings(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Lines of one file end in different ways (LF, CRLF, CR).

    ## What it does
    When a file mixes line endings, reports every line whose ending differs from
    the one most lines use.

    ## Why is this bad?
    Mixed endings come from pasting text between systems. They show as stray `^M`
    characters, double line breaks in some tools, and whole-file diffs.

    ## Example
    A file whose lines end in CRLF except one that ends in LF.

    ## Fix safety
    Safe: the odd endings are changed to the most common one.
    """
    text = doc.text
    crlf = text.count("\r\n")
    if (text.count("\r") - crlf > 0) + (text.count("\n") - crlf > 0) + (crlf > 0) < 2:
        return
    usual = doc.newline
    for match in _LINE_ENDING.finditer(text):
        if match.group() != usual:
            start, end = match.span()
            name, usual_name = _ENDING_NAMES[match.group()], _ENDING_NAMES[usual]
            yield Violation(
                start,
                end,
                f"Line ends with {name}; most lines end with {usual_name}",
                replace(start, end, usual, Safety.SAFE, f"Use {usual_name}"),
            )


@rule(
    "WS007",
    "unusual-space",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE,),
    triggers=characters(ODD_SPACES),
)
def unusual_space(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A no-break or other unusual space used as a plain space between words.

    ## What it does
    Finds a no-break space (U+00A0), a narrow no-break space, an em or en space, an
    ideographic space and the like standing alone between two letters, where a plain
    space belongs. Next to digits and punctuation (`10⍽km`, `p.⍽5`, French `Quoi⍽?`)
    such spaces are typography and are left alone, as is one after a one-letter word
    (`I⍽made`) and the ideographic space next to Chinese, Japanese or Korean text.

    ## Why is this bad?
    Scraped pages turn `&nbsp;` into U+00A0. It looks like a space but is not one to
    search, tokenisers and diff tools, so `of industrial` no longer matches itself.

    ## Example
    With ⍽ standing for U+00A0:
    ```text
    the scale of⍽industrial Internet
    ```
    Use instead:
    ```text
    the scale of industrial Internet
    ```

    ## Fix safety
    Safe: the character is replaced by a plain space, which looks the same.
    """
    text = doc.text
    if text.isascii():
        return
    odd = _odd_spaces(doc)
    if odd is None:
        matches: Iterable[regex.Match[str] | None] = _ODD_SPACE.finditer(text)
    else:  # the few odd spaces, each tested (the scan tried every position)
        matches = map(_ODD_SPACE.match, itertools.repeat(text), odd)
    for match in filter(None, matches):
        start, end = match.span()
        if _WIDE_SCRIPT.match(text, start - 1) or _WIDE_SCRIPT.match(text, end):
            continue
        if start < 2 or not text[start - 2].isalpha():
            continue  # after a one-letter word (`I`, `a`) a no-break space is typography
        if doc.is_protected(start, end):
            continue
        yield Violation(
            start,
            end,
            f"U+{ord(match.group()):04X} used as a space between words",
            replace(start, end, " ", Safety.SAFE, "Replace with a plain space"),
        )


@rule("WS008", "leading-blank-lines", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def leading_blank_lines(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Blank lines at the start of the file.

    ## What it does
    Finds blank lines (empty or only spaces and tabs) before the first line of
    text, after a byte-order mark if there is one.

    ## Why is this bad?
    A file that starts with a blank line is usually one whose first line was
    deleted (site chrome such as `Press Room`). The blank line means nothing, and
    the same text starts differently for diff tools and deduplication.

    ## Example
    ```text
    ␤
    Briefing on the harbour programme
    ```
    (␤ stands for an empty line.)
    Use instead:
    ```text
    Briefing on the harbour programme
    ```

    ## Fix safety
    Safe: only the blank lines are removed.
    """
    text = doc.text
    match = _LEADING_BLANKS.match(text)
    if match is None or not text[match.end() :].strip():
        return  # no blank line at the start, or nothing but blank lines (WS009)
    start, end = match.span(1)
    yield from _blank_lines(doc, start, end, "start")


@rule("WS009", "trailing-blank-lines", fix=Availability.ALWAYS, safety=(Safety.SAFE,))
def trailing_blank_lines(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Blank lines at the end of the file.

    ## What it does
    Finds blank lines (empty or only whitespace) after the last line of text, as
    pre-commit's end-of-file-fixer does: a file should end with exactly one line
    break. A file of nothing but blank lines is flagged whole.

    ## Why is this bad?
    Trailing blank lines are usually left where a last line (a pagination strip, a
    footer) was deleted or where a page was stripped of its markup. They carry no
    meaning and make the same text look different to diff tools.

    ## Example
    ```text
    That ends today's press conference.
    ␤
    ␤
    ```
    (␤ stands for an empty line.)
    Use instead:
    ```text
    That ends today's press conference.
    ```

    ## Fix safety
    Safe: only whitespace after the last line break of the text is removed.
    """
    text = doc.text
    body = len(text.rstrip())
    if text[:body].lstrip("\ufeff"):
        first_break = _LINE_ENDING.search(text, body)
        if first_break is None:
            return
        start, end = first_break.end(), len(text)  # keep the text's own line break
    elif body < len(text):
        start, end = body, len(text)  # only blank lines
    else:
        return
    if start < end and _LINE_ENDING.search(text, start, end):  # (else WS001's spaces)
        yield from _blank_lines(doc, start, end, "end")


@rule("WS010", "long-line")
def long_line(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A line too long to be read as prose (over two million characters).

    ## What it does
    Reports each line longer than 2,000,000 characters, once. Such a line is a
    protected region, as a URL or a code block is: the other rules (spacing,
    encoding, merged words, spelling, casing, page furniture, speaker labels) skip
    it. A transcript scraped with no line breaks at all is far shorter (an hour of
    speech is about 60,000 characters).

    ## Why is this bad?
    A line of millions of characters is a dump (a page's text with its line breaks
    stripped, a table or data pasted whole), not a paragraph, and checking its
    prose would cost a slow run and findings no one can review.

    ## Example
    A file whose text is one line of 5 MB. Break it into paragraphs (for instance
    at each speaker turn) to have its prose checked.

    ## Fix safety
    No fix: where the line breaks belong is for a person to decide.
    """
    for start, end in doc.long_lines:
        yield Violation(
            start,
            start + 1,
            f"line of {end - start:,} characters, over {MAX_LINE:,}: its prose is not checked",
        )


def _blank_lines(doc: Document, start: int, end: int, where: str) -> Iterator[Violation]:
    """The blank lines ``[start, end)`` at the start or end of the file, deleted."""
    if doc.is_protected(start, end):
        return
    count = len(_LINE_ENDING.findall(doc.text, start, end))
    yield Violation(
        start,
        end,
        f"{count} blank line{'s' if count > 1 else ''} at the {where} of the file",
        delete(start, end, Safety.SAFE, f"Remove the blank lines at the {where}"),
    )
