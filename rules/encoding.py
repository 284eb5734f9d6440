"""Encoding (EN): text that was decoded wrongly or carries characters nobody typed.

Scrapers and converters leave mojibake (`itâ€™s` for `it’s`), invisible characters
(zero-width spaces, soft hyphens, stray byte-order marks), control characters
(NUL runs from PDF extraction), replacement characters where a byte was lost, and
HTML entities and tags that were never rendered. Removing an invisible character is
safe; anything that changes visible characters is unsafe.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import regex

from lint.document import Document
from lint.fix import Safety, delete, replace
from lint.masking import Format
from lint.patterns import lazy_regex
from lint.rule import Availability, Context, Violation, characters, rule

# A UTF-8 lead byte read as Latin-1 / Windows-1252 (Â..ô) followed by what a
# continuation byte becomes: cheap evidence that ftfy is worth asking.
_MOJIBAKE_HINT = lazy_regex(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_RUN = lazy_regex(r"[^ \t\r\n]*\Z")  # searched up to a hint: where its run starts
_RUN_END = lazy_regex(r"[ \t\r\n]|\Z")
_RUN_REACH = 64  # characters: how far back a run is followed
# The characters EN002, EN003 and EN007 look for: the rules' patterns and triggers.
_INVISIBLES = "\u200b\u2060\ufeff\u00ad\u180e\u2061-\u2064"
_JOINERS = "\u200c\u200d"
_BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_STRAY = "\udc80-\udcff"
_INVISIBLE = lazy_regex(f"[{_INVISIBLES}]+")
_INVISIBLE_CHARACTERS = characters(_INVISIBLES)
_BIDI_CHARACTERS = characters(_BIDI_CONTROLS)
_JOINER_IN_LATIN = lazy_regex(rf"(?<=[\p{{Latin}}\d])[{_JOINERS}]+(?=[\p{{Latin}}\d])")
_BIDI_CONTROL = lazy_regex(f"[{_BIDI_CONTROLS}]+")
_RIGHT_TO_LEFT = lazy_regex(r"[\p{Hebrew}\p{Arabic}\p{Syriac}\p{Thaana}\p{Nko}]")
_CONTROL = lazy_regex(f"[{_CONTROLS}]+")
_REPLACEMENT = lazy_regex("\ufffd+")
# A byte that was not UTF-8, kept as the surrogate U+DC80..U+DCFF that stands for it
# (the reader's ``surrogateescape``): writing the text back restores the byte.
_STRAY_BYTES = lazy_regex(f"[{_STRAY}]+")
_ENTITY = lazy_regex(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_DOUBLE_ESCAPED_ENTITY = lazy_regex(
    r"&amp;(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)
_TAG = lazy_regex(
    r"</?(?P<name>br|p|div|span|b|i|u|em|strong|a|font|li|ul|ol|h[1-6]|table|tr|td|th|tbody|"
    r"thead|img|hr|sup|sub|blockquote|center|small|big|section|article|header|footer|nav|"
    r"script|style|iframe|html|body|head|meta|title)(?:\s[^<>\n]{0,300}?)?\s*/?>",
    regex.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "th",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
# GBK (GB2312) text decoded as Latin-1 or Windows-1252: every character becomes two
# in U+00A1..U+00FE (`，` -> `£¬`, `中文` -> `ÖÐÎÄ`).
_GBK_RUN = lazy_regex("[\u00a1-\u00fe]{2,}")
_GBK_SYMBOL = lazy_regex("[\u00a1-\u00bf\u00d7\u00f7]")
_GBK_RESULT = lazy_regex(
    "[\\p{Han}\u3000-\u303f\uff01-\uff5e\u00b7\u2014-\u2016\u2018\u2019\u201c\u201d\u2026]+"
)
_ASCII_LETTER = lazy_regex("[A-Za-z]")
_MIN_GBK_WORD = 6  # characters: a run of accented letters alone shorter than this is Latin
_MIN_GBK_EVIDENCE = 2  # different decoded characters in the document, ideographic space aside
_SPACE_LIKE_ENTITIES = {"\u00a0": " ", "\u2009": " ", "\u202f": " "}
# What ``html.unescape`` makes of the commonest entities, known without importing
# ``html.entities`` (its table of 2,231 names is most of a one-file run's cost of it).
_COMMON_ENTITIES = {
    "&nbsp;": "\u00a0",
    "&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    "&quot;": '"',
    "&apos;": "'",
    "&#39;": "'",
    "&mdash;": "\u2014",
    "&ndash;": "\u2013",
    "&hellip;": "\u2026",
    "&lsquo;": "\u2018",
    "&rsquo;": "\u2019",
    "&ldquo;": "\u201c",
    "&rdquo;": "\u201d",
}


@rule("EN001", "mojibake", fix=Availability.ALWAYS, safety=(Safety.UNSAFE,))
def mojibake(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Text decoded with the wrong encoding (mojibake).

    ## What it does
    Finds characters such as `â€™`, `Ã©` or `Ã¢â‚¬Å“` that appear when UTF-8 text is
    read as Windows-1252 or Latin-1, and asks ftfy how to undo it. The message
    names the repair ftfy found (for example: encode as sloppy-windows-1252, decode
    as UTF-8).

    Also finds Chinese text in GBK (GB2312) read as Latin-1: `£¬` for `，`, `¡¡`
    for an ideographic space, `¡¯` for `’`, `¡ª` for `—`, `ÖÐÎÄ` for `中文`. A run
    counts only when its bytes decode cleanly as GBK into Chinese characters or
    punctuation and not as UTF-8, when it is not a pair of accented letters inside
    a Latin word (`créée`) or a doubled symbol (`°°`), and when the document holds
    at least two different such characters (so Spanish `¡¡Hola!!` is left alone).

    ## Why is this bad?
    Mojibake makes names and quotes unreadable and unsearchable, and it multiplies
    every time the text passes through another wrong decoder.

    ## Example
    ```text
    itâ€™s the cafÃ© on the corner
    ```
    Use instead:
    ```text
    it’s the café on the corner
    ```

    ## Fix safety
    Unsafe: the fix changes visible characters. Only the encoding repair is applied;
    quotes, ligatures and widths are not otherwise normalised. The message names the
    repair (encode as latin-1, decode as gbk for Chinese text).
    """
    if doc.text.isascii():
        return
    gbk = gbk_mojibake(doc)
    # GBK runs first: their bytes decode cleanly, while ftfy reads pieces of them as
    # inconsistent UTF-8 and garbles them.
    for v in _utf8_mojibake(doc):
        if not any(v.start < end and start < v.end for start, end, _ in gbk):
            yield v
    for start, end, repaired in gbk:
        original = doc.text[start:end]
        yield Violation(
            start,
            end,
            f"Mojibake '{original}' should be '{repaired}' "
            "(GBK text read as Latin-1: encode as latin-1, decode as gbk)",
            replace(start, end, repaired, Safety.UNSAFE, f"Replace with '{repaired}'"),
        )


def _utf8_mojibake(doc: Document) -> Iterator[Violation]:
    """UTF-8 read as Windows-1252 or Latin-1, as ftfy repairs it."""
    masked = doc.masked
    if not _MOJIBAKE_HINT.search(masked):
        return
    ftfy = _ftfy()

    # Mojibake is local: repair the run of text around each hint (up to ASCII
    # whitespace, as U+00A0 can itself be part of it), not the whole line.
    text = doc.text
    seen: set[int] = set()
    for hint in _MOJIBAKE_HINT.finditer(masked):
        run = _RUN.search(text, max(0, hint.start() - _RUN_REACH), hint.start())
        start = run.start() if run else hint.start()
        if start in seen:
            continue
        seen.add(start)
        end = _RUN_END.search(text, hint.end()).start()
        original = text[start:end]
        repaired, steps = ftfy.fix_encoding_and_explain(original)
        if repaired == original or not steps:
            continue
        prefix = _shared_length(original, repaired)
        suffix = _shared_length(original[prefix:][::-1], repaired[prefix:][::-1])
        before = original[prefix : len(original) - suffix]
        after = repaired[prefix : len(repaired) - suffix]
        at, until = start + prefix, end - suffix
        if doc.is_protected(at, until):
            continue
        how = ", ".join(
            f"{action} as {arg}" if action in ("encode", "decode") else f"{action} {arg}"
            for action, arg in steps
        )
        yield Violation(
            at,
            until,
            f"Mojibake '{before}' should be '{after}' (ftfy: {how})",
            replace(at, until, after, Safety.UNSAFE, f"Replace with '{after}'"),
        )


def _ftfy() -> ModuleType:
    """ftfy, imported only for text that may hold mojibake, and without
    ``ftfy.formatting`` (the display widths of ``ftfy.explain_unicode``): that module
    imports wcwidth, about half of ftfy's import (30 ms of 70), which the repair
    never uses. A stand-in takes its place while ftfy's package runs and is dropped
    at once, so that whatever imports ``ftfy.formatting`` later gets the real one
    (and ``ftfy.display_ljust`` calls it). Should ftfy's package ask the stand-in
    for anything else, ftfy is imported as it is."""
    if "ftfy" not in sys.modules and "ftfy.formatting" not in sys.modules:
        stand_in = ModuleType("ftfy.formatting")
        stand_in.display_ljust = _display_ljust  # type: ignore[attr-defined]
        sys.modules["ftfy.formatting"] = stand_in
        try:
            import ftfy
        except ImportError:
            pass  # the failed package is out of sys.modules again: imported whole below
        finally:
            if sys.modules.get("ftfy.formatting") is stand_in:
                del sys.modules["ftfy.formatting"]
    import ftfy

    return ftfy


def _display_ljust(*args: Any, **kwargs: Any) -> Any:
    from ftfy.formatting import display_ljust

    return display_ljust(*args, **kwargs)


def gbk_mojibake(doc: Document) -> list[tuple[int, int, str]]:
    """Runs of GBK text read as Latin-1, with their repair (computed once per
    document): only where the document holds enough of them to be sure."""
    return doc.shared(_gbk_mojibake)


def _gbk_mojibake(doc: Document) -> list[tuple[int, int, str]]:
    text = doc.text
    found: list[tuple[int, int, str]] = []
    for match in _GBK_RUN.finditer(doc.masked):
        run = match.group()
        if len(run) % 2 or (len(set(run)) == 1 and run[0] != "¡"):
            continue  # half a character, or a doubled symbol (`°°`, `»»`)
        if not _GBK_SYMBOL.search(run):
            # Accented letters alone: Latin text (`créée`) unless long and not in a word.
            start, end = match.span()
            inside_word = _ASCII_LETTER.match(text, start - 1) or _ASCII_LETTER.match(text, end)
            if len(run) < _MIN_GBK_WORD or (start and inside_word):
                continue
        raw = run.encode("latin-1")
        try:
            raw.decode("utf-8")
            continue  # UTF-8 read as Latin-1: ftfy's part
        except UnicodeDecodeError:
            pass
        try:
            repaired = raw.decode("gbk")
        except UnicodeDecodeError:
            continue
        if not _GBK_RESULT.fullmatch(repaired):
            continue
        if not repaired.strip("\u3000") and _ASCII_LETTER.match(text, match.end()):
            continue  # `¡¡Hola`: Spanish, not an ideographic space
        found.append((*match.span(), repaired))
    evidence = {c for _, _, repaired in found for c in repaired} - {"\u3000"}
    return found if len(evidence) >= _MIN_GBK_EVIDENCE else []


def _shared_length(a: str, b: str) -> int:
    """How many characters two strings share at their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@rule(
    "EN002",
    "invisible-character",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE,),
    triggers=characters(_INVISIBLES + _JOINERS + _BIDI_CONTROLS),
)
def invisible_character(doc: Document, ctx: Context) -> Iterator[Violation]:
    """An invisible character inside the text.

    ## What it does
    Finds zero-width spaces, word joiners, soft hyphens, byte-order marks that are
    not at the start of the file, and invisible math operators; zero-width joiners
    and non-joiners between Latin letters or digits; and bidirectional controls in
    a document with no right-to-left script. Joiners inside emoji and in scripts
    that need them (Persian, Indic) are kept.

    ## Why is this bad?
    Invisible characters split words for search and spell checking while looking
    like nothing: `bud<U+200B>get` and `budget` are different strings.

    ## Example
    ```text
    the bud<U+200B>get was approved
    ```
    Use instead:
    ```text
    the budget was approved
    ```

    ## Fix safety
    Safe: the characters are invisible, so removing them changes nothing a reader
    sees.
    """
    text = doc.text
    if text.isascii():
        return
    # Each scan only where its characters occur (one set test in C, where a scan
    # reads the whole text).
    present = doc.characters
    found = []
    if not present.isdisjoint(_INVISIBLE_CHARACTERS):
        found = [m for m in _INVISIBLE.finditer(text) if m.start() > 0 or m.group() != "\ufeff"]
    if "\u00ad" in text and (gbk := gbk_mojibake(doc)):
        # A soft hyphen inside GBK mojibake is half a character (`¡­` is `…`): EN001's.
        found = [m for m in found if not any(s <= m.start() < e for s, e, _ in gbk)]
    if "\u200c" in text or "\u200d" in text:  # (`in` is far faster than a lookbehind)
        found += _JOINER_IN_LATIN.finditer(text)
    bidi = [] if present.isdisjoint(_BIDI_CHARACTERS) else list(_BIDI_CONTROL.finditer(text))
    if bidi and not _RIGHT_TO_LEFT.search(text):  # a script scan only when needed
        found += bidi
    for match in sorted(found, key=lambda m: m.start()):
        start, end = match.span()
        if match.start() == 0 and text.startswith("\ufeff"):
            start += 1
        names = ", ".join(sorted({f"U+{ord(c):04X}" for c in text[start:end]}))
        yield Violation(
            start, end, f"Invisible character {names}", delete(start, end, Safety.SAFE, "Remove it")
        )


@rule(
    "EN003",
    "control-character",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
    triggers=characters(_CONTROLS),
)
def control_character(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A control character (NUL, form feed, C1 controls...) in the text.

    ## What it does
    Finds C0 control characters other than tab and line breaks, DEL, and C1
    controls (U+0080 to U+009F).

    ## Why is this bad?
    Controls come from PDF extraction (NUL runs, form feeds at page breaks) and
    from Windows-1252 text decoded as Latin-1 (U+0093 where `“` was meant). They
    break editors, diff tools and XML output.

    ## Example
    ```text
    1427-1439.<NUL><NUL><NUL>
    ```
    Use instead:
    ```text
    1427-1439.
    ```

    ## Fix safety
    Safe when the run stands next to whitespace or a line end, so removing it cannot
    join two words. Unsafe otherwise: a form feed or vertical tab between words
    becomes a space, a C1 control that Windows-1252 defines becomes that character
    (`U+0093` -> `“`), and others are removed.
    """
    text = doc.text
    for match in _CONTROL.finditer(text):
        start, end = match.span()
        run = match.group()
        names = ", ".join(sorted({f"U+{ord(c):04X}" for c in run}))
        message = f"Control character {names}"
        if all("\x80" <= c <= "\x9f" for c in run) and (decoded := _cp1252(run)) is not None:
            fix = replace(
                start, end, decoded, Safety.UNSAFE, f"Replace with '{decoded}' (Windows-1252)"
            )
        elif start == 0 or end == len(text) or text[start - 1].isspace() or text[end].isspace():
            fix = delete(start, end, Safety.SAFE, "Remove it")
        elif all(c in "\x0b\x0c" for c in run):
            fix = replace(start, end, " ", Safety.UNSAFE, "Replace with a space")
        else:
            fix = delete(start, end, Safety.UNSAFE, "Remove it")
        yield Violation(start, end, message, fix)


def _cp1252(run: str) -> str | None:
    try:
        return run.encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:
        return None


@rule("EN004", "replacement-character", triggers=("\ufffd",))
def replacement_character(doc: Document, ctx: Context) -> Iterator[Violation]:
    """The replacement character U+FFFD, where a character was lost.

    ## What it does
    Finds `�` (U+FFFD), which a decoder writes in place of bytes it could not read.

    ## Why is this bad?
    The original character is gone: a name or a number may be wrong, and the text
    cannot be trusted at that spot until someone checks the source.

    ## Example
    ```text
    Mr. Nu�ez said
    ```
    Use instead: the character from the source, `Mr. Nuñez said`.

    ## Fix safety
    No fix: the lost character cannot be recovered from the text.
    """
    if doc.text.isascii():
        return
    for match in _REPLACEMENT.finditer(doc.masked):
        start, end = match.span()
        yield Violation(
            start, end, "Replacement character U+FFFD: a character was lost in decoding"
        )


@rule(
    "EN007",
    "stray-byte",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE,),
    triggers=characters(_STRAY),
)
def stray_byte(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A byte that is not UTF-8 in a file that otherwise is.

    ## What it does
    Finds the bytes of a UTF-8 file that do not decode (a file reader keeps each
    one as it is, so the rest of the file can be checked), and proposes each as the
    character it is in Windows-1252.

    ## Why is this bad?
    Scraped text often has one stray Latin-1 or Windows-1252 byte (`caf\xe9`) in
    a UTF-8 file. Editors show it as `�`, and tools that expect UTF-8 reject the
    whole file. Converting the whole file from Latin-1 would mangle every other
    non-ASCII character.

    ## Example
    ```text
    The caf<0xE9> opened.
    ```
    Use instead:
    ```text
    The café opened.
    ```

    ## Fix safety
    Unsafe: the byte is most likely Windows-1252 (or Latin-1, for the five bytes
    Windows-1252 leaves undefined), but it may come from another code page. Only
    the byte changes; the rest of the file is written back as it was.
    """
    if doc.text.isascii():
        return
    for match in _STRAY_BYTES.finditer(doc.text):
        start, end = match.span()
        raw = bytes(ord(c) - 0xDC00 for c in match.group())
        decoded = "".join(_byte_as_text(b) for b in raw)
        shown = " ".join(f"0x{b:02x}" for b in raw)
        yield Violation(
            start,
            end,
            f"Byte {shown} is not UTF-8",
            replace(start, end, decoded, Safety.UNSAFE, f"Replace with '{decoded}' (Windows-1252)"),
        )


def _byte_as_text(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: Latin-1's control
        return chr(byte)


@rule("EN005", "html-entity", fix=Availability.ALWAYS, safety=(Safety.UNSAFE,))
def html_entity(doc: Document, ctx: Context) -> Iterator[Violation]:
    """An HTML entity left in plain text (`&amp;`, `&nbsp;`, `&#39;`).

    ## What it does
    In plain text, finds named and numeric HTML character references that HTML
    knows. In Markdown, where entities are valid markup, finds only double-escaped
    ones (`&amp;nbsp;`).

    ## Why is this bad?
    The page was scraped without unescaping: readers see `AT&amp;T` and `it&#39;s`,
    and search misses the words.

    ## Example
    ```text
    R&amp;D and it&#39;s done
    ```
    Use instead:
    ```text
    R&D and it's done
    ```

    ## Fix safety
    Unsafe: the visible text changes (a text about HTML may mean the entity).
    `&nbsp;` and other space entities become a plain space; a line break entity
    (`&#13;`) becomes a line break of the kind the file uses, or goes when a real
    line break stands beside it; other control characters get no fix.
    """
    if doc.format is Format.MARKDOWN:
        for match in _DOUBLE_ESCAPED_ENTITY.finditer(doc.masked):
            start, end = match.span()
            entity = "&" + match.group()[len("&amp;") :]
            fix = replace(start, end, entity, Safety.UNSAFE, f"Replace with '{entity}'")
            yield Violation(start, end, f"Double-escaped HTML entity '{match.group()}'", fix)
        return
    for match in _ENTITY.finditer(doc.masked):
        start, end = match.span()
        decoded = _COMMON_ENTITIES.get(match.group())
        if decoded is None:
            import html  # here: most texts have none but the common, and it costs ~9 M

            decoded = html.unescape(match.group())
        if decoded == match.group():
            continue
        decoded = _SPACE_LIKE_ENTITIES.get(decoded, decoded)
        if decoded in ("\r", "\n"):
            # A line break entity next to a real line break repeats it; elsewhere it
            # becomes a line break of the kind the file uses, never a stray CR.
            beside_break = doc.text[end : end + 1] in ("\r", "\n") or doc.text[
                start - 1 : start
            ] in ("\r", "\n")
            decoded = "" if beside_break else doc.newline
        elif not decoded or (unicodedata.category(decoded[0]) == "Cc" and decoded != "\t"):
            yield Violation(
                start, end, f"HTML entity '{match.group()}' (a control character) in plain text"
            )
            continue
        shown = decoded if decoded.isprintable() else f"U+{ord(decoded[0]):04X}"
        yield Violation(
            start,
            end,
            f"HTML entity '{match.group()}' in plain text",
            replace(start, end, decoded, Safety.UNSAFE, f"Replace with '{shown}'"),
        )


@rule("EN006", "html-tag", fix=Availability.ALWAYS, safety=(Safety.UNSAFE,))
def html_tag(doc: Document, ctx: Context) -> Iterator[Violation]:
    """An HTML tag left in plain text (`<br>`, `<p>`, `</span>`).

    ## What it does
    In plain text files, finds tags of common HTML elements. Markdown, where HTML is
    allowed, is not checked, and neither are comparisons like `a < b` or `<3`.

    ## Why is this bad?
    Tags are markup from the page the text was scraped from, not part of what was
    said; they split words and confuse readers and tokenisers.

    ## Example
    ```text
    Thank you.<br>Next question.
    ```
    Use instead:
    ```text
    Thank you.
    Next question.
    ```

    ## Fix safety
    Unsafe: a text about HTML may mean it. `<br>` becomes a line break, a block tag
    between two words becomes a space, and other tags are removed.
    """
    if doc.format is not Format.TEXT:
        return
    text = doc.text
    groups: list[list[regex.Match[str]]] = []
    for match in _TAG.finditer(doc.masked):
        if groups and groups[-1][-1].end() == match.start():
            groups[-1].append(match)  # `</p><p>` is one break, not two
        else:
            groups.append([match])
    for group in groups:
        start, end = group[0].start(), group[-1].end()
        names = {m.group("name").lower() for m in group}
        tags = "".join(m.group() for m in group)
        if "br" in names:
            # The spaces around a line break would become trailing and leading spaces.
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            while end < len(text) and text[end] in " \t":
                end += 1
            content, action = doc.newline, "Replace with a line break"
        elif (
            names & _BLOCK_TAGS
            and start > 0
            and end < len(text)
            and not (text[start - 1].isspace() or text[end].isspace())
        ):
            content, action = " ", "Replace with a space"
        else:
            content, action = "", "Remove the tag"
        noun = "tag" if len(group) == 1 else "tags"
        yield Violation(
            start,
            end,
            f"HTML {noun} '{tags}' in plain text",
            replace(start, end, content, Safety.UNSAFE, action),
        )
