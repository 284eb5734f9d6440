"""Casing (CA): one term written with different capitals, and sentences without one.

Transcripts typed by several hands, or assembled from several sources, write the
same term several ways: `industrial Internet`, `industrial internet` and
`Industrial Internet` in one briefing, `Github` next to `GitHub` in a podcast. Style
checkers can only enforce pairs someone listed in advance; these rules also find the
variants on their own, and judge them by the whole corpus:

- CA001 finds a term written two ways inside one document and proposes the form the
  corpus uses most;
- CA002 holds every document to the project's terms: the `terms` of the config, the
  `[terms]` section of the project lexicon that `transcript-lint learn` fills with
  the canonical casings the corpus agrees on, and a few well-known product names;
- CA003 finds a sentence that starts in lower case inside a paragraph.

The hard part is precision: capitals are also expected by position (a sentence
start, a heading, a name such as `Alliance of Industrial Internet`), and some
writers change the capital on purpose (the Congressional Record's `the House` is
the chamber, `the house` a building). See each rule for what it leaves alone.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import field
from pathlib import Path

import regex

from lint.document import Document
from lint.evidence import Evidence, Gatherer
from lint.fix import Edit, Fix, Safety
from lint.lexicon import Lexicon
from lint.masking import Format
from lint.patterns import lazy_re, lazy_regex
from lint.records import record
from lint.rule import Availability, Context, Violation, rule
from rules import words

# -- words and where they stand ------------------------------------------------------

# A word: letters and digits with at least one letter, not right after an apostrophe
# (the `s` of `internet's`, the `t` of `don't` are not words of their own).
_TOKEN = lazy_regex(r"(?<![\p{L}\p{M}\p{N}'’])[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
_LETTER = lazy_regex(r"\p{L}")
_INTERNAL_CAPITAL = lazy_regex(r"\p{Ll}\p{M}*\p{Lu}")
# What may stand between two words of a term: spaces, or one line break (hard wraps).
_TERM_GAP = lazy_regex(r"[ \t\u00a0]+|[ \t\u00a0]*\r?\n[ \t\u00a0]*")
_GAP_PATTERN = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\r?\n[ \t\u00a0]*)"
# What may stand between two words of a name: a term gap, or a joining sign.
_NAME_GAP = lazy_regex(r"[ \t\u00a0]*(?:[-+&/][ \t\u00a0]*)?(?:\r?\n[ \t\u00a0]*)?")
# Characters skipped when looking back for what ends the previous sentence.
_OPENING = frozenset("\"“‘'([{*_>#•·-–—")
_CLOSING = frozenset("\"”’')]}*_")
_OPEN_QUOTES = frozenset("\"“‘'")
_SENTENCE_ENDS = frozenset(".?!:;…")
_SPACE = frozenset(" \t\u00a0\r\n\x0c")
_NEIGHBOURHOOD = 60  # characters searched for the word next to another
_LAST_WORD = lazy_regex(r"(?r)[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
_FIRST_WORD = lazy_regex(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
_NOT_AFTER = lazy_regex(r"[\p{L}\p{M}\p{N}'’]")  # a word does not start after these
_WORD_CHAR = lazy_regex(r"[\p{L}\p{M}\p{N}]")
_UPPER = lazy_regex(r"\p{Lu}")
_LOWER = lazy_regex(r"\p{Ll}")
_LOWER_RUN = lazy_regex(r"\p{Ll}{3}")
_OLDER_WORDS = 4  # a text with this many older spellings (`hee`, `owne`) ...
_OLDER_SHARE = 0.03  # ... making this share of its distinct words is older English
# How older spellings end (`hee`, `withall`, `publick`, `hastie`, `asmuch`): the
# words that end otherwise need no look-up.
_OLDER_LAST_LETTERS = frozenset("ehklst")
_SHORT_LINE = 300  # longer lines with a lower-case run are prose (a cheap test)
# Signs that make the word after them part of an address or a handle.
_ADDRESS_SIGNS = frozenset("/@#")
# Short quotations (titles, programme names, a word in quotes); longer ones are speech.
_QUOTE_PATTERN = r'"[^"\r\n]{1,80}"|“[^”\r\n]{1,80}”|‘[^’\r\n]{1,80}’'
# Both in `re`, whose engine skips in C to a character that can open one (every
# branch starts with one; no property classes here, which `re` lacks).
_QUOTED = lazy_re(_QUOTE_PATTERN)
_QUOTED_OR_EMPHASISED = lazy_re(_QUOTE_PATTERN + r"|\*(?<!\*\*)[^*\r\n]{1,80}\*(?!\*)")
_LOWER_WORD = lazy_regex(r"(?<![\p{L}\p{M}\p{N}'’])\p{Ll}[\p{L}\p{M}\p{N}]*")
# Words for counting, by the standard library: much faster than `regex` here.
_VOCABULARY = lazy_re(r"\w+")
_PLAIN_WORD = _VOCABULARY  # a word the vocabulary can hold (not `c++`, `.net`)
# Looking for terms: with more first words than this, only the terms whose words the
# document has are looked for; with more than the second, one pass over the words of
# the document beats a substring search for each.
_FEW_FIRST_WORDS = 8
_MANY_FIRST_WORDS = 32

# Small words that join the words of a name (`Alliance of Industrial Internet`,
# `Bank of the West`, `Ways and Means`). Not `on`, `in`, `at`, `to`: those join a
# name to a name far more often (`sold Apple on Monday`).
CONNECTORS = frozenset("of and the for de du des la le da del di van von der den y &".split())
# Small words that stay lower case on a title-case line.
TITLE_SMALL_WORDS = CONNECTORS | frozenset(
    "a an on in at to by or nor but as via with from into over per vs".split()
)

# Function words: a pair with one of them (`the House`) is not a term of its own.
FUNCTION_WORDS = frozenset(
    """
    a an the of to in on at by for from with as into onto upon about over under and or
    but nor so yet if than then that this these those there here is are was were be
    been being am has have had do does did will would shall should can could may might
    must i you he she it we they me him her us them my your his its our their not no
    all any some each every more most very just also too only what which who whom
    whose when where why how mr mrs ms dr per
    """.split()
)
# Particles of names (`De Beauvoir`, `van Gogh`): capitalised or not by the family and
# the position, so a pair that starts with one is no term.
NAME_PARTICLES = frozenset("de du des la le da del di van von der den ten ter".split())

# Nouns that house style capitalises when they name one institution or office (the
# US Government Publishing Office's style: `the Nation`, `the Federal Government`,
# `a Member`, `the highest Court`), and leaves lower case otherwise. Their capital
# carries meaning, so `great Nation` / `great nation` is not an inconsistency.
INSTITUTIONS = frozenset(
    """
    house houses senate senates congress congresses chamber chambers committee
    committees subcommittee subcommittees member members senator senators
    representative representatives delegate delegates chair chairs chairman chairmen
    chairwoman speaker speakers president presidents vice chief chiefs justice justices
    court courts judge judges government governments administration administrations
    state states nation nations federal republic union department departments office
    offices agency agencies bureau bureaus commission commissions council councils
    ministry ministries minister ministers secretary secretaries ambassador ambassadors
    governor governors mayor mayors party parties army navy corps guard forces church
    crown parliament cabinet constitution treaty act acts bill bills amendment
    amendments resolution resolutions floor record clerk chaplain majority minority
    leader leaders whip member's administrator commissioner director board
    """.split()
)


@record(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str


def _is_caps(word: str) -> bool:
    """All capitals (`MIIT`, `GITHUB`), or a name whose tail is set in capitals as
    the Congressional Record sets speakers (`McCAIN`, `DeLAY`)."""
    if word.isupper():
        return sum(c.isalpha() for c in word) >= 2
    tail = word[-3:]
    return word[:1].isupper() and tail.isupper() and tail.isalpha()


def _is_mixed(word: str) -> bool:
    """A capital after a lower-case letter: `GitHub`, `iPhone`, `macOS`, `McLean`."""
    return _INTERNAL_CAPITAL.search(word) is not None and not _is_caps(word)


def _is_capitalised(word: str) -> bool:
    """The first letter is a capital (`Internet`, `5G`, `MIIT`)."""
    letter = _LETTER.search(word)
    return letter is not None and letter.group().isupper()


def _upper_first(word: str) -> str:
    letter = _LETTER.search(word)
    if letter is None:
        return word
    i = letter.start()
    return word[:i] + word[i].upper() + word[i + 1 :]


def _plain_lower(word: str) -> bool:
    return word == word.lower()


class _Layout:
    """What the position of a word in a document says about its capital.

    Computed lazily, for the few words the rules ask about, on top of one cheap
    count of the document's words.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.masked = doc.masked
        self._lines: dict[int, str] = {}

    @property
    def lowered(self) -> str | None:
        """The masked text in lower case, if that keeps every offset."""
        lowered = self.doc.lowered
        return lowered if len(lowered) == len(self.masked) else None

    @property
    def words(self) -> Counter[str]:
        """How often each word occurs in the document, as written."""
        return self.doc.words

    @property
    def vocabulary(self) -> Counter[str]:
        """How often each word (lower case) occurs in the document, in any casing."""
        return self.doc.vocabulary

    @functools.cached_property
    def older_english(self) -> bool:
        """Whether the text is early modern English (`hee`, `owne`, `himselfe` make
        3 % of its words, at least 4 of them), whose printers set capitals and stops
        by other rules: a capital for emphasis, a stop inside a sentence."""
        vocabulary = self.vocabulary
        older = sum(
            1
            for word in vocabulary
            if word[-1:] in _OLDER_LAST_LETTERS
            and word.isalpha()
            and words.older_spelling_of(word)
            and not words.is_known(word)
        )
        return older >= _OLDER_WORDS and older >= _OLDER_SHARE * len(vocabulary)

    def line_kind(self, offset: int) -> str:
        """`caps` (an all-caps line), `title` (a heading or title-case line), `prose`."""
        line = self.doc.line_of(offset)
        kind = self._lines.get(line)
        if kind is None:
            kind = self._lines[line] = self._classify(line)
        return kind

    def _classify(self, line: int) -> str:
        start, end = self.doc.line_span(line)
        content = self.masked[start:end]
        if len(content) <= _SHORT_LINE or _LOWER_RUN.search(content) is None:
            upper = len(content) - len(_UPPER.sub("", content))
            if upper >= 3 and upper >= 4 * (len(content) - len(_LOWER.sub("", content))):
                return "caps"  # four capitals to a lower-case letter, or more
        if self.doc.format is Format.MARKDOWN and content.lstrip().startswith("#"):
            return "title"
        # The first lower-case word that is not a small word decides (the line is
        # often a whole paragraph: no need to find all of its words).
        lower_words = (
            m for m in _LOWER_WORD.finditer(content) if m.group() not in TITLE_SMALL_WORDS
        )
        if next(lower_words, None) is None and len(_TOKEN.findall(content)) >= 2:
            return "title"
        return "prose"

    def capital_expected(self, words_: tuple[_Token, ...], j: int) -> bool:
        """Whether word ``j`` of a term's occurrence stands where a capital is
        expected anyway: a sentence or line start, a heading or title-case line, a
        quotation's first word, or a name (a run of capitalised words that goes on
        past the term, such as `Alliance of Industrial Internet`).
        """
        token = words_[j]
        if self.line_kind(token.start) != "prose":
            return True
        if self.starts_sentence(token.start):
            return True
        if not _is_capitalised(token.text):
            return False
        left = all(_is_capitalised(t.text) for t in words_[:j])
        right = all(_is_capitalised(t.text) for t in words_[j + 1 :])
        return (left and self.capitalised_neighbour(words_[0], -1) is not None) or (
            right and self.capitalised_neighbour(words_[-1], +1) is not None
        )

    def starts_sentence(self, at: int) -> bool:
        masked = self.masked
        j = at - 1
        while j >= 0 and (masked[j] in _SPACE or masked[j] in _OPENING or masked[j] in _CLOSING):
            if masked[j] in "\r\n":
                return True  # a line start: a new paragraph, turn or list item, or a wrap
            if masked[j] in _OPEN_QUOTES and (j == 0 or masked[j - 1] in _SPACE):
                return True
            j -= 1
        return j < 0 or masked[j] in _SENTENCE_ENDS

    def name_words(self, words_: tuple[_Token, ...]) -> frozenset[str]:
        """The capitalised words (lower case) next to an occurrence in a name:
        `Dupont Circle` stands next to `circle`, `DuPont-Merck` to `merck`."""
        if not (_is_capitalised(words_[0].text) or _is_capitalised(words_[-1].text)):
            return frozenset()
        found = (
            self.capitalised_neighbour(words_[0], -1),
            self.capitalised_neighbour(words_[-1], +1),
        )
        return frozenset(
            t.text.lower() for t in found if t is not None and t.text.lower() not in CONNECTORS
        )

    def capitalised_neighbour(self, token: _Token, step: int) -> _Token | None:
        """A capitalised word next to ``token`` (before it when ``step`` is -1) in a
        name, or across one connector (`of`, `and`)."""
        for _ in range(2):
            neighbour = self._neighbour(token, step)
            if neighbour is None:
                return None
            if _is_capitalised(neighbour.text):
                return neighbour
            if neighbour.text.lower() not in CONNECTORS:
                return None
            token = neighbour
        return None

    def word_before(self, token: _Token, gap: regex.Pattern[str]) -> _Token | None:
        """The word before ``token``, if only ``gap`` lies between them in the text."""
        found = _LAST_WORD.search(self.masked, max(0, token.start - _NEIGHBOURHOOD), token.start)
        if found is None or (
            found.start() > 0 and _NOT_AFTER.match(self.masked, found.start() - 1)
        ):
            return None
        if not gap.fullmatch(self.text, found.end(), token.start):
            return None
        return _Token(found.start(), found.end(), found.group())

    def _neighbour(self, token: _Token, step: int) -> _Token | None:
        """The word next to ``token``, if only a gap that names allow lies between."""
        if step < 0:
            return self.word_before(token, _NAME_GAP)
        found = _FIRST_WORD.search(self.masked, token.end, token.end + _NEIGHBOURHOOD)
        if found is None or not _NAME_GAP.fullmatch(self.text, token.end, found.start()):
            return None
        return _Token(found.start(), found.end(), found.group())


def _layout(doc: Document) -> _Layout:
    """The layout of a document, shared by the rules that ask."""
    return doc.shared(_Layout)


def _words_pattern(keys: Iterable[str]) -> regex.Pattern[str]:
    """One pattern for terms of one or more words, in any casing, the words apart by
    spaces or one line break; longer terms first so `GitHub Actions` wins over
    `GitHub`."""
    alternatives = [
        _GAP_PATTERN.join(regex.escape(part) for part in key.split(" "))
        for key in sorted(keys, key=lambda k: (-len(k), k))
    ]
    return regex.compile(
        r"(?<![\p{L}\p{M}\p{N}'’])(?:" + "|".join(alternatives) + r")(?![\p{L}\p{M}\p{N}])",
        regex.IGNORECASE,
    )


@record(frozen=True)
class _TermIndex:
    """Terms (as word tuples, longest first) by their first word, and for each term
    the words a document's vocabulary must hold for it to be there (all but signs:
    `c++` is not a word of the vocabulary)."""

    by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    needed: Mapping[tuple[str, ...], tuple[str, ...]]
    unusual: frozenset[str]  # first words the vocabulary cannot hold


@functools.lru_cache(maxsize=16)
def _term_index(keys: frozenset[str]) -> _TermIndex:
    grouped: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in keys:
        parts = tuple(key.split(" "))
        grouped[parts[0]].append(parts)
    by_first = {w: tuple(sorted(terms, key=len, reverse=True)) for w, terms in grouped.items()}
    needed = {
        parts: tuple(w for w in parts if _PLAIN_WORD.fullmatch(w))
        for terms in by_first.values()
        for parts in terms
    }
    unusual = frozenset(w for w in by_first if not _PLAIN_WORD.fullmatch(w))
    return _TermIndex(by_first, needed, unusual)


def _find_terms(layout: _Layout, keys: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Spans of the terms ``keys`` (lower case) in the document, in any casing, the
    words apart by spaces or one line break, each span once (the longest term).

    Substring search in the lower-cased masked text for a few first words, one pass
    over its words for many: both much faster than one pattern of many
    alternatives. With more than a few, only the terms whose words the document
    has are looked for.
    """
    lowered = layout.lowered
    if lowered is None:  # lower-casing changed the length (rare scripts): use a pattern
        for match in _words_pattern(keys).finditer(layout.masked):
            yield match.span()
        return
    index = _term_index(keys)
    grouped = index.by_first
    if len(grouped) > _FEW_FIRST_WORDS:
        grouped = _present(index, layout.vocabulary)
    masked = layout.masked
    searched = grouped
    if len(grouped) > _MANY_FIRST_WORDS:
        for word in _VOCABULARY.finditer(lowered):
            terms = grouped.get(word.group())
            if terms is not None and not _is_word_char(masked, word.start() - 1):
                span = _term_at(layout, word.start(), word.end(), terms)
                if span is not None:
                    yield span
        searched = {w: grouped[w] for w in index.unusual if w in grouped}
    for first, terms in searched.items():
        at = lowered.find(first)
        while at >= 0:
            if not _is_word_char(masked, at - 1):
                span = _term_at(layout, at, at + len(first), terms)
                if span is not None:
                    yield span
            at = lowered.find(first, at + 1)


def _present(
    index: _TermIndex, vocabulary: Mapping[str, int]
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The terms whose words are all in the vocabulary, by first word."""
    present = {}
    for first in (vocabulary.keys() & index.by_first.keys()) | index.unusual:
        kept = tuple(
            t for t in index.by_first[first] if all(w in vocabulary for w in index.needed[t])
        )
        if kept:
            present[first] = kept
    return present


def _term_at(
    layout: _Layout, start: int, end: int, terms: tuple[tuple[str, ...], ...]
) -> tuple[int, int] | None:
    """The span of the longest of ``terms`` (sharing the first word that ends at
    ``end``) written at ``start``."""
    lowered, text, masked = layout.lowered, layout.text, layout.masked
    assert lowered is not None
    for parts in terms:
        position = end
        for part in parts[1:]:
            gap = _TERM_GAP.match(text, position)
            if gap is None or not lowered.startswith(part, gap.end()):
                break
            position = gap.end() + len(part)
        else:
            if not _is_word_char(masked, position):
                return start, position
    return None


def _is_word_char(text: str, at: int) -> bool:
    """Whether ``text[at]`` is a letter, mark or digit (out of range is not)."""
    return 0 <= at < len(text) and _WORD_CHAR.match(text, at) is not None


def _set_apart(doc: Document, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are set apart from the prose, their casing
    not the writer's to choose: part of an address or a handle (`github.com/SomeOrg`,
    `reddit.com/r/Topic`, `@SomeShow`, `#SomeTag`), or inside short quotes or
    emphasis, as names of programmes and titles are (`"5G + industrial Internet"`,
    `*The Harbour Years*`)."""
    text = doc.text
    if (start > 0 and text[start - 1] in _ADDRESS_SIGNS) or text[end : end + 1] == "/":
        return True
    starts, ends = doc.shared(_quoted_spans)
    i = bisect.bisect_left(starts, start) - 1  # the last quotation that opens before
    return i >= 0 and end < ends[i]


def _quoted_spans(doc: Document) -> tuple[list[int], list[int]]:
    """Where the short quotations and emphases of the document open and close, in
    order (they hold no line break, so one scan of the text finds each line's)."""
    pattern = _QUOTED_OR_EMPHASISED if doc.format is Format.MARKDOWN else _QUOTED
    spans = [m.span() for m in pattern.finditer(doc.text)]
    return [a for a, _ in spans], [b for _, b in spans]


def _words_of(layout: _Layout, start: int, end: int) -> tuple[_Token, ...] | None:
    """The words of a match, if they are words of the document (not pieces of a
    word) with nothing but spaces or one line break between them in the text."""
    found = tuple(
        _Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(layout.masked, start, end)
    )
    if not found or found[0].start != start or found[-1].end != end:
        return None
    if any(
        not _TERM_GAP.fullmatch(layout.text, a.end, b.start) for a, b in itertools.pairwise(found)
    ):
        return None
    return found


# -- CA001 -----------------------------------------------------------------------------

_MIN_PAIR_OCCURRENCES = 3  # a pair of words written fewer times is not yet a term
_MIN_PAIR_COHESION = 0.5  # ... nor one whose second word mostly stands elsewhere
_CLEAR_MAJORITY = 3  # a majority of fewer occurrences is reported without a fix
_COMMON_WORD = 1000  # a word this frequent (in words.frequency) is common English
# A capitalised word after a word in lower case (checked further in `_candidates`).
_CAPITAL_AFTER_LOWER = lazy_regex(
    r"(?<=(?<![\p{L}\p{M}\p{N}'’])\p{Ll}[\p{L}\p{M}\p{N}]*[ \t\u00a0\r\n]{1,4})"
    r"\p{Lu}[\p{L}\p{M}\p{N}]*"
)


@record(frozen=True, slots=True)
class _Occurrence:
    """One place a term is written: its words, whether each word stands where a
    capital is expected anyway (a sentence start, a heading, a name), and the
    capitalised words next to it when it is part of a name."""

    tokens: tuple[_Token, ...]
    expected: tuple[bool, ...]
    names: frozenset[str] = frozenset()

    @property
    def form(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def counted(self) -> bool:
        """Whether the casing is the writer's choice: no capital is explained by the
        position (a lower-case word where a capital was expected is a choice too)."""
        return not any(
            e and _is_capitalised(t.text) for t, e in zip(self.tokens, self.expected, strict=True)
        )

    def agrees(self, canonical: tuple[str, ...]) -> bool:
        return all(
            t.text == c or (e and t.text == _upper_first(c))
            for t, e, c in zip(self.tokens, self.expected, canonical, strict=True)
        )

    def edits(self, canonical: tuple[str, ...]) -> tuple[Edit, ...]:
        """Edits that give each word its canonical casing, keeping a capital that the
        position asks for."""
        edits = []
        for t, e, c in zip(self.tokens, self.expected, canonical, strict=True):
            target = _upper_first(c) if e and _is_capitalised(t.text) else c
            if _is_caps(target) and not _is_caps(c):
                target = c  # `eBPF` at a sentence start stays `eBPF`, not `EBPF`
            if target != t.text:
                edits.append(Edit(t.start, t.end, target))
        return tuple(edits)


def _is_marked(form: str) -> bool:
    """A casing that is nobody's accident of position: a capital inside a word
    (`GitHub`), or a capitalised word after a lower-case one (`industrial Internet`),
    unless that word is an institution (`great Nation`)."""
    parts = form.split(" ")
    if len(parts) == 1:
        return _is_mixed(form)
    return (
        not _is_capitalised(parts[0])
        and _is_capitalised(parts[1])
        and parts[1].lower() not in INSTITUTIONS
    )


def _pair_word(word: str) -> bool:
    """A word that can be part of a two-word term."""
    return (
        word.lower() not in FUNCTION_WORDS
        and word.lower() not in NAME_PARTICLES
        and len(word) >= 2
        and not _is_caps(word)
        and not _is_mixed(word)
    )


def _candidates(layout: _Layout) -> tuple[set[str], set[str]]:
    """The keys (lower case) of the document's marked words and pairs. Two letters
    with a capital inside (`tO`, `iM`) are OCR's noise or a unit, not a term."""
    # Most words are in lower case, in capitals or capitalised, or numbers: C-level
    # filters drop them before any Python test.
    unusual = itertools.filterfalse(
        str.isdigit,
        itertools.filterfalse(
            str.istitle,
            itertools.filterfalse(str.isupper, itertools.filterfalse(str.islower, layout.words)),
        ),
    )
    singles = {word.lower() for word in unusual if len(word) > 2 and _is_mixed(word)}
    pairs: set[str] = set()
    vocabulary = layout.vocabulary
    for match in _CAPITAL_AFTER_LOWER.finditer(layout.masked):
        lower = match.group().lower()
        if vocabulary.get(lower, 0) < _MIN_PAIR_OCCURRENCES:
            continue  # the pair cannot recur (see ``_may_be_term``): no need to look back
        second = _Token(match.start(), match.end(), match.group())
        if lower in INSTITUTIONS or not _pair_word(second.text):
            continue
        first = layout.word_before(second, _TERM_GAP)
        if first is None or not _pair_word(first.text):
            continue
        if _is_marked(f"{first.text} {second.text}"):
            pairs.add(f"{first.text} {second.text}".lower())
    return singles, pairs


def _own_variants(layout: _Layout) -> tuple[set[str], dict[str, list[_Occurrence]]]:
    """Every occurrence of each candidate term the document marks itself, by key.

    Candidates are single words with a capital inside (`GitHub`) and pairs of words
    written with a capitalised second word (`industrial Internet`); a pair whose
    words are too rare in the document to make a term of it is not looked for.
    Words in all capitals (`MIIT`, `McCAIN`) and lines in all capitals are left out:
    they are acronyms, shouting or a printer's convention, not a casing choice.
    Returns the keys looked for and what was found of them. Computed once per
    document: the evidence pass and CA001 both ask.
    """
    singles, pairs = _candidates(layout)
    keys = singles | {k for k in pairs if _may_be_term(layout, k)}
    return keys, _occurrences_of(layout, keys)


def _occurrences_of(layout: _Layout, keys: Iterable[str]) -> dict[str, list[_Occurrence]]:
    """The judged occurrences of the terms ``keys`` (lower case), by key.

    Each key is found and judged on its own (`_filtered` looks at one key's
    occurrences and the document's word counts), so the occurrences of a union of
    keys are the union of the occurrences of its parts.
    """
    found: dict[str, list[_Occurrence]] = defaultdict(list)
    singles = frozenset(k for k in keys if " " not in k)
    for group in (singles, frozenset(keys) - singles):
        for start, end in _find_terms(layout, group):
            occurrence = _occurrence(layout, start, end)
            if occurrence is not None:
                found[occurrence.form.lower()].append(occurrence)
    return _filtered(layout, found)


def _variants(layout: _Layout, corpus: _CorpusForms | None = None) -> dict[str, list[_Occurrence]]:
    """The document's own candidate terms (see ``_own_variants``) and the terms the
    corpus marked that the document's words leave room for (see ``_CorpusForms``)."""
    looked_for, own = layout.doc.shared(_own_variants_of_doc)
    if corpus is None or not corpus.keys:
        return own
    extra = corpus.present(layout.vocabulary) - looked_for
    if not extra:
        return own
    return {**own, **_occurrences_of(layout, extra)}


def _own_variants_of_doc(doc: Document) -> tuple[set[str], dict[str, list[_Occurrence]]]:
    return _own_variants(_layout(doc))


def _may_be_term(layout: _Layout, pair: str) -> bool:
    """Whether the word counts leave room for ``pair`` to recur and be a unit."""
    first, second = pair.split(" ")
    return _pair_fits(layout.vocabulary, first, second)


def _pair_fits(vocabulary: Mapping[str, int], first: str, second: str) -> bool:
    """Whether words counted so often (lower case) can make a recurring unit."""
    n, m = vocabulary.get(first, 0), vocabulary.get(second, 0)
    return min(n, m) >= _MIN_PAIR_OCCURRENCES and n >= _MIN_PAIR_COHESION * m


def _occurrence(layout: _Layout, start: int, end: int) -> _Occurrence | None:
    found = _words_of(layout, start, end)
    if found is None or len(found) > 2 or layout.line_kind(start) == "caps":
        return None
    if _set_apart(layout.doc, start, end):
        return None
    if any(_is_caps(t.text) for t in found):
        return None
    if len(found) == 2 and not all(_pair_word(t.text) for t in found):
        return None
    # Where a word has no capital, whether one was expected never matters (every
    # use of `expected` asks about a capital), and finding out costs most here.
    expected = tuple(
        not _plain_lower(t.text) and layout.capital_expected(found, j) for j, t in enumerate(found)
    )
    return _Occurrence(found, expected, layout.name_words(found))


def _filtered(
    layout: _Layout, found: Mapping[str, list[_Occurrence]]
) -> dict[str, list[_Occurrence]]:
    """The occurrences that can be judged, per term.

    A single word whose lower-case form is an English word that the document uses
    as one (`DeLay` / `delay`, `NeXT` / `next`) is a name and a word: the lower-case
    form, and a capitalised one where a capital is expected anyway, are the word,
    and are left out. A pair must recur (three times) and be a unit: at least half
    the occurrences of its second word are in it, so `after Git` / `after git` is
    about `Git`, not a term.
    """
    kept: dict[str, list[_Occurrence]] = {}
    pairs = {k: v for k, v in found.items() if " " in k and len(v) >= _MIN_PAIR_OCCURRENCES}
    seconds = layout.vocabulary
    for key, occurrences in found.items():
        if " " not in key:
            if _also_a_word(key, occurrences):
                occurrences = [
                    o
                    for o in occurrences
                    if not (_plain_lower(o.form) or (o.expected[0] and not _is_mixed(o.form)))
                ]
        elif key not in pairs or len(occurrences) < _MIN_PAIR_COHESION * seconds[key.split(" ")[1]]:
            continue
        if occurrences:
            kept[key] = _informative_capitals(occurrences)
    return kept


def _also_a_word(key: str, occurrences: list[_Occurrence]) -> bool:
    """Whether a name with a capital inside (`DeLay`) is also an English word here:
    the document writes it in lower case, or it is a common word (`next`, `data`)."""
    if not words.is_known(key):
        return False
    return words.frequency(key) >= _COMMON_WORD or any(_plain_lower(o.form) for o in occurrences)


def _informative_capitals(occurrences: list[_Occurrence]) -> list[_Occurrence]:
    """The occurrences with a capital counted as the writer's choice, wherever it
    stands, at a word that no occurrence writes in lower case: every form of
    `LeBoeuf` / `Leboeuf` starts with a capital, so the position explains nothing."""
    always = [
        all(_is_capitalised(o.tokens[j].text) for o in occurrences)
        for j in range(len(occurrences[0].tokens))
    ]
    if not any(always):
        return occurrences
    return [
        _Occurrence(
            o.tokens, tuple(e and not a for e, a in zip(o.expected, always, strict=True)), o.names
        )
        for o in occurrences
    ]


def _same_name(occurrence: _Occurrence, canonical_names: list[frozenset[str]]) -> bool:
    """Whether an occurrence can be the same name as the canonical form's: when the
    document writes the canonical form only inside names, the occurrence must share
    a neighbour with one of them (`Dupont Circle` is not `DuPont-Merck`)."""
    if not canonical_names or any(not names for names in canonical_names):
        return True
    return any(occurrence.names & names for names in canonical_names)


def _counted_forms(occurrences: Iterable[_Occurrence]) -> Counter[str]:
    return Counter(o.form for o in occurrences if o.counted)


# -- corpus evidence of term forms -------------------------------------------------------

# The gatherer's counts hold, for each form, the occurrences under `n<TAB>form` and
# the number of files under `f<TAB>form`.
_OCCURRENCES = "n\t"
_FILES = "f\t"
_MIN_TERM_FILES = 3  # a canonical form is learned when this many files use it ...
_MIN_TERM_SHARE = 0.75  # ... and it is this share of the term's occurrences


def _gather_forms(doc: Document) -> Counter[str]:
    """The counted forms of each term the document writes in a marked way."""
    counts: Counter[str] = Counter()
    for occurrences in _variants(_layout(doc)).values():
        forms = _counted_forms(occurrences)
        if not any(_is_marked(form) for form in forms):
            continue
        for form, n in forms.items():
            counts[_OCCURRENCES + form] += n
            counts[_FILES + form] += 1
    return counts


@record(frozen=True)
class _CorpusForms:
    """The gathered counts regrouped: term -> form -> (occurrences, files), and the
    terms indexed so that a document finds its own by set operations on its words,
    whatever the number of terms in the corpus."""

    occurrences: Mapping[str, Counter[str]]
    files: Mapping[str, Counter[str]]
    keys: frozenset[str] = frozenset()
    singles: frozenset[str] = frozenset()
    pairs: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def present(self, vocabulary: Mapping[str, int]) -> set[str]:
        """The terms a document with this vocabulary (lower-case word counts) may
        write as terms: a word it has twice, a pair whose words recur (see
        ``_may_be_term``)."""
        found = {k for k in self.singles & vocabulary.keys() if vocabulary[k] >= 2}
        for first in self.pairs.keys() & vocabulary.keys():
            if vocabulary[first] < _MIN_PAIR_OCCURRENCES:
                continue
            found.update(
                key for second, key in self.pairs[first] if _pair_fits(vocabulary, first, second)
            )
        return found


def _regroup(counts: Counter[str]) -> _CorpusForms:
    occurrences: dict[str, Counter[str]] = defaultdict(Counter)
    files: dict[str, Counter[str]] = defaultdict(Counter)
    for entry, n in counts.items():
        kind, _, form = entry.partition("\t")
        target = occurrences if kind + "\t" == _OCCURRENCES else files
        target[form.lower()][form] += n
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in occurrences:
        first, _, second = key.partition(" ")
        if second:
            pairs[first].append((second, key))
    return _CorpusForms(
        dict(occurrences),
        dict(files),
        frozenset(occurrences),
        frozenset(k for k in occurrences if " " not in k),
        {first: tuple(seconds) for first, seconds in pairs.items()},
    )


def _corpus_forms(evidence: Evidence) -> _CorpusForms:
    """The run's term forms regrouped; computed once per run with ``Evidence.shared``."""
    return _regroup(evidence.get(TERM_FORMS.name))


def _majority(forms: Counter[str]) -> str | None:
    """The form written most often, if one is (no tie at the top)."""
    ranked = forms.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _trusted(key: str, canonical: str) -> bool:
    """Whether the corpus majority of a term can be trusted.

    The counts come from the documents that write the term in a marked way; a
    document that writes a pair in lower case throughout (`machine learning`) is not
    counted, because finding every recurring pair of every document would cost too
    much. So a capitalised majority of a pair (`machine Learning` in the few files
    that vary) may be a minority of the corpus: only a lower-case one is trusted.
    Single words are counted wherever one of their forms has a capital inside.
    """
    return " " not in key or _plain_lower(canonical)


def _learn_terms(counts: Counter[str], documents: int) -> Mapping[str, int]:
    """Canonical forms the corpus agrees on: used in at least 3 files and by at
    least three quarters of the term's occurrences (see ``_trusted`` for pairs)."""
    grouped = _regroup(counts)
    learned: dict[str, int] = {}
    for key, forms in grouped.occurrences.items():
        canonical = _majority(forms)
        if canonical is None or not _trusted(key, canonical):
            continue
        files = grouped.files.get(key, Counter())[canonical]
        if files >= _MIN_TERM_FILES and forms[canonical] >= _MIN_TERM_SHARE * sum(forms.values()):
            learned[canonical] = files
    return learned


TERM_FORMS = Gatherer("term-forms", _gather_forms, "terms", _learn_terms)


BRANDS_FILE = Path(__file__).parent / "data" / "brands.txt"
ABBREVIATIONS_FILE = Path(__file__).parent / "data" / "abbreviations.txt"


@functools.cache
def known_terms() -> tuple[str, ...]:
    """Product and brand names whose casing is fixed (``data/brands.txt``), read once
    per process: CA002's built-in terms, and the forms CA001 prefers to a majority."""
    return tuple(words.data_lines(BRANDS_FILE))


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that end in a period and go on in lower case
    (``data/abbreviations.txt``), read once per process: lower-case entries match
    in any case, others only as written."""
    return frozenset(words.data_lines(ABBREVIATIONS_FILE))


def _project_terms(ctx: Context) -> dict[str, tuple[str, Safety, str]]:
    """The project's terms by lower-case key: canonical form, fix safety, source.

    Terms of the config are the user's (safe fixes), as are lexicon entries marked
    reviewed; learned entries give unsafe fixes. The config wins over the lexicon.
    Computed once for the lexicon and terms a run hands to every document.
    """
    return ctx.lexicon.shared(_read_project_terms, ctx.terms)


def _read_project_terms(
    lexicon_: Lexicon, config_terms: tuple[str, ...]
) -> dict[str, tuple[str, Safety, str]]:
    terms: dict[str, tuple[str, Safety, str]] = {
        form.lower(): (form, Safety.UNSAFE, "the built-in list of product names")
        for form in known_terms()
    }
    lexicon = lexicon_.section("terms")
    for form, entry in lexicon.items():
        canonical = " ".join(form.split())
        if entry.ignore:
            terms.pop(canonical.lower(), None)  # also turns a built-in term off
            continue
        if entry.reviewed:
            terms[canonical.lower()] = (canonical, Safety.SAFE, "the project lexicon (reviewed)")
        else:
            source = f"the project lexicon (learned from {entry.files} files)"
            terms[canonical.lower()] = (canonical, Safety.UNSAFE, source)
    for form in config_terms:
        canonical = " ".join(form.split())
        if canonical:
            terms[canonical.lower()] = (canonical, Safety.SAFE, "the config's terms")
    return terms


@rule(
    "CA001",
    "inconsistent-casing",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE, Safety.DISPLAY_ONLY),
    evidence=(TERM_FORMS,),
)
def inconsistent_casing(doc: Document, ctx: Context) -> Iterator[Violation]:
    """One term written with different capitals in one document: `industrial Internet`.

    ## What it does
    Finds a word or a two-word term that a document writes in more than one casing,
    and reports each occurrence that is not in the canonical form, with the counts:
    `'industrial Internet' (x4) vs 'industrial internet' (x10)`. The canonical form
    is the one the corpus of the run writes most (every file's counts are summed
    before any is checked), or within a single file the one the file writes most;
    when two forms tie, nothing is reported. For a pair of words, the corpus is
    trusted when its majority is the lower-case form: documents that write the
    pair in lower case throughout are not counted. A majority is not always right:
    a form the project accepts as a word (`words`, the lexicon's `[words]`) is
    canonical whatever the counts, and a term in the project's `terms` (config or
    lexicon) or the built-in list of product names (`data/brands.txt`: six
    `KuberNetes` do not make `Kubernetes` wrong) is left to CA002.

    Terms are considered when one of their forms is *marked*, a casing that no
    position explains: a capital inside a word (`GitHub` / `Github`, `macOS` /
    `MacOS`) or a capitalised word after a lower-case one (`industrial Internet` /
    `industrial internet`; not two letters: OCR's `tO`). A two-word term must recur
    (3 times) and hold at least half the occurrences of its second word, so a word
    next to a name (`after Git`) is not a term.

    Capitals that the position explains are not counted, and are fine in any form
    that agrees with the canonical one apart from them: the first word of a sentence
    or a line, the first word of a quotation or after a speaker label, headings and
    title-case lines, and names: a run of capitalised words, joined by spaces,
    hyphens, `+`, `&` or one small word (`Alliance of Industrial Internet`,
    `Developing Industrial Internet`, `"5G+Industrial Internet"`). Words and lines in
    capitals (`MIIT`, the Congressional Record's `McCAIN`) are left out, and so are
    words set apart from the prose: in a web address without its scheme or a handle
    (`github.com/SomeOrg`, `reddit.com/r/Topic`, `@SomeShow`), in code, and in short
    quotes or emphasis, where names of programmes and titles stand (`"5G + industrial
    Internet"`, `*The Harbour Years*`).

    Some capitals carry meaning and are never compared: nouns that name one
    institution or office when capitalised (`the House` is the chamber, `the house`
    a building; `great Nation`, `the Federal Government`, `a Member`), and a name
    that is also an English word (`DeLay` / `delay`, `NeXT` / `next`): the lower-case
    form is the word. Pairs with a name's particle (`De Beauvoir` / `de Beauvoir`)
    or `per` (`per Cent.` in older print) are not terms.

    ## Why is this bad?
    A term written two ways reads as two terms, splits search and counts, and is
    what a reader notices as careless. Transcripts assembled by several people or
    from several sources drift like this all the time.

    ## Example
    ```text
    The industrial internet grew. Investment in the industrial Internet rose, and
    the industrial internet reached 300 cities.
    ```
    Use instead:
    ```text
    The industrial internet grew. Investment in the industrial internet rose, and
    the industrial internet reached 300 cities.
    ```

    ## Fix safety
    Unsafe: the majority is usually right, but the minority form can be the correct
    one (a brand's official casing), or mean something else. Display-only when the
    vote is close and nothing else decides it: fewer than 3 occurrences of the
    majority form, or fewer than twice the next form's (`x3` vs `x2`).
    """
    layout = _layout(doc)
    corpus = ctx.evidence.shared(_corpus_forms)
    project = _project_terms(ctx)
    known = ctx.words | ctx.lexicon.keys("words")
    variants = _variants(layout, corpus)
    runs = ctx.evidence.documents
    for key, occurrences in variants.items():
        if key in project:
            continue
        forms = _counted_forms(occurrences)
        if len(forms) < 2 or not (any(_is_marked(f) for f in forms) or key in corpus.occurrences):
            continue
        corpus_forms = corpus.occurrences.get(key, Counter())
        written = Counter(o.form for o in occurrences)
        canonical, votes = _known_form(written, known), None
        if canonical is None:
            canonical = _majority(corpus_forms) if runs > 1 else None
            votes = corpus_forms
            if canonical is None or not _trusted(key, canonical):
                canonical, votes = _majority(forms), forms
        if canonical is None:
            continue
        shown = f"'{canonical}' (x{written[canonical]}"
        if votes is None:
            shown += "; a word the project accepts"
        elif runs > 1 and corpus_forms[canonical] and canonical == _majority(corpus_forms):
            files = corpus.files.get(key, Counter())[canonical]
            shown += f"; x{corpus_forms[canonical]} in {files} of {runs} files"
        shown += ")"
        safety = Safety.UNSAFE if votes is None or _clear(votes) else Safety.DISPLAY_ONLY
        target = tuple(canonical.split(" "))
        names = [o.names for o in occurrences if o.form == canonical]
        for o in occurrences:
            if o.agrees(target) or not _same_name(o, names):
                continue
            edits = o.edits(target)
            if not edits:
                continue
            yield Violation(
                o.tokens[0].start,
                o.tokens[-1].end,
                f"Inconsistent casing: '{o.form}' (x{written[o.form]}) vs {shown}",
                Fix(edits, safety, f"Write '{canonical}'"),
            )


def _known_form(written: Mapping[str, int], known: frozenset[str]) -> str | None:
    """The one form written that the project accepts as a word (`words`, the
    lexicon's `[words]`), whatever the majority."""
    found = [form for form in written if form in known]
    return found[0] if len(found) == 1 else None


def _clear(votes: Counter[str]) -> bool:
    """Whether the majority is clear enough to fix by: at least 3 occurrences, and
    twice as many as the next form (`x3` vs `x2` is a close vote)."""
    ranked = votes.most_common(2)
    top = ranked[0][1]
    return top >= _CLEAR_MAJORITY and (len(ranked) < 2 or top >= 2 * ranked[1][1])


# -- CA002 -----------------------------------------------------------------------------

_SEGMENT = lazy_regex(r"\S+")


def _plain_title(words_: Iterable[str]) -> bool:
    """Every word plainly capitalised or a small connector: `Python`, `State
    Department`; not `GitHub`, `eBPF`, `industrial Internet`."""
    return all((_is_capitalised(w) and not _is_mixed(w)) or w in TITLE_SMALL_WORDS for w in words_)


@rule(
    "CA002",
    "term-casing",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def term_casing(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A project term written in another casing: `Github` for `GitHub`, `EBPF` for `eBPF`.

    ## What it does
    Checks every occurrence of the project's terms: the `terms` of the config
    (`terms = ["GitHub", "macOS", "eBPF", "industrial Internet"]`), the `[terms]`
    section of the project lexicon, which `transcript-lint learn` fills with the
    casings the corpus agrees on (a form used in at least 3 files and by three
    quarters of the term's occurrences; for a pair of words, only a lower-case
    majority), and a built-in list of product and brand names (`data/brands.txt`:
    `GitHub`, `JavaScript`, `YouTube`, `macOS`, `eBPF`, `Kubernetes`...). The config wins over the
    lexicon, the lexicon over the list; a lexicon entry with `ignore = true` turns a
    built-in name off. An occurrence in another casing is reported with the
    project's form. URLs, code, file names and other masked regions are never read,
    so `github.com` and `macos.yml` are left alone; nor are the words of an address
    without its scheme or a handle (`github.com/Github`, `@Github`), and words in
    short quotes or emphasis (a title, a programme's name, a word quoted as written).

    What is not a different casing of the term, but the same letters used otherwise:
    - the first word where a capital is expected anyway (a sentence or line start, a
      heading or title-case line, a name) may be capitalised: `IPhone sales rose`
      and `MacOS is` at a sentence start are accepted. Not when that turns the word
      into capitals: `EBPF` is a different spelling of `eBPF` anywhere;
    - a term that is only capitalised words (`Python`, `Go`, `State Department`)
      is not enforced on lower-case text, which may be the ordinary words (`go`,
      `the state department of health`), nor on text in capitals;
    - a lower-case word that is an English word (`delay` for the name `DeLay`);
    - lines in capitals, and capitalised names such as the Congressional Record's
      `McCAIN`.

    ## Why is this bad?
    A project decides how its terms are written once; every file that writes them
    otherwise is inconsistent with the rest, and a brand or product written wrong
    (`Github`, `Javascript`) looks careless.

    ## Example
    With `terms = ["GitHub"]`:
    ```text
    The code is on Github.
    ```
    Use instead:
    ```text
    The code is on GitHub.
    ```

    ## Fix safety
    Safe when the term is the user's: written in the config, or a lexicon entry
    marked `reviewed = true`; the user has said how the word is written. Unsafe when
    it was learned from the corpus and nobody has reviewed it yet, or comes from the
    built-in list.
    """
    terms = _project_terms(ctx)
    if not terms:
        return
    layout = _layout(doc)
    text, masked = doc.text, layout.masked
    for match_start, match_end in _find_terms(layout, frozenset(terms)):
        term = terms.get(" ".join(masked[match_start:match_end].split()).lower())
        if term is None:
            continue
        canonical, safety, source = term
        segments = [(m.start(), m.end()) for m in _SEGMENT.finditer(masked, match_start, match_end)]
        written = [text[s:e] for s, e in segments]
        wanted = canonical.split(" ")
        if written == wanted or len(written) != len(wanted):
            continue
        if layout.line_kind(match_start) == "caps" or _leave_term(written, wanted):
            continue
        if _set_apart(doc, match_start, match_end):
            continue
        expected = _expected(layout, match_start, match_end, len(segments))
        edits = []
        for (start, end), word, target, e in zip(segments, written, wanted, expected, strict=True):
            if e and _is_capitalised(word) and not _is_caps(_upper_first(target)):
                target = _upper_first(target)
            if word != target:
                edits.append(Edit(start, end, target))
        if not edits:
            continue
        form = " ".join(written)
        yield Violation(
            match_start,
            match_end,
            f"'{form}' is written '{canonical}' in {source}",
            Fix(tuple(edits), safety, f"Write '{canonical}'"),
        )


def _leave_term(written: list[str], wanted: list[str]) -> bool:
    """Whether the written words are the same letters used otherwise (see CA002)."""
    if any(_is_caps(w) and not w.isupper() for w in written):
        return True  # `McCAIN`: a printer's convention for names
    if all(_is_caps(w) or len(w) < 2 for w in written):
        return _plain_title(wanted)  # `EBPF` is wrong; `PYTHON` is emphasis
    if all(_plain_lower(w) for w in written):
        if _plain_title(wanted):
            return True
        return len(written) == 1 and words.is_known(written[0])
    return False


def _expected(layout: _Layout, start: int, end: int, count: int) -> list[bool]:
    """Whether a capital is expected at each word of a term's occurrence."""
    found = _words_of(layout, start, end)
    if found is None or len(found) != count:
        return [False] * count  # a term with signs (`C++`): judged as written
    return [layout.capital_expected(found, j) for j in range(count)]


# -- CA003 -----------------------------------------------------------------------------

# A sentence end inside a paragraph, then a word in lower case: after a letter or a
# digit (not after another stop: `...` is an ellipsis), on the same line or the next.
# The look-behind follows the stop, so that a scan stops only at a stop.
_STOP_GAP = r"[.?!](?<=[\p{L}\p{N}][.?!])(?:[ \t\u00a0]+(?:\r?\n[ \t\u00a0]*)?|\r?\n[ \t\u00a0]*)"
_LOWER_START = lazy_regex(_STOP_GAP + r"(\p{Ll}[\p{L}\p{M}\p{N}]*)")
_UPPER_START = lazy_regex(_STOP_GAP + r"\p{Lu}")
# A capital that opens the text or a paragraph: a sentence start no stop precedes.
_PARAGRAPH_CAPITAL = lazy_regex(r"(?:\A|\n[ \t]*\r?\n)\s*\p{Lu}")
# OCR's `l` for `I` at a sentence start: after a stop, or at a line start.
# (Each scan starts at a literal, which the standard library finds fast.)
_OCR_L_AT_TEXT_START = lazy_re(r"[ \t]*(l[tnf]?)(?=[ \t]+[a-z])")
_OCR_L_AT_PARAGRAPH_START = lazy_re(r"\n[ \t]*\r?\n[ \t]*(l[tnf]?)(?=[ \t]+[a-z])")
_NEXT_WORD = lazy_regex(r" (\p{Ll}+)\b")
_OCR_I = {"l": "I", "lt": "It", "ln": "In", "lf": "If"}
_WORD_BEFORE = lazy_regex(r"[\p{L}\p{M}\p{N}.]+$")
_LETTERS_BEFORE = lazy_regex(r"(?<![\p{L}\p{M}\p{N}.'’-])\p{L}+$")
_ROMAN = lazy_regex(r"(?=[ivxlcdm]+$)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_MONEY = lazy_regex(r"\p{Sc}[\p{N},]*\p{N}$")
_DIGIT_AND_LETTER = lazy_regex(r"\p{N}.*\p{L}|\p{L}.*\p{N}")
_EXCLAIMED_NAMES = frozenset({"yahoo", "jeopardy"})  # names with their own `!`
# Older style goes on in lower case after an exclamation (`Oh! what a day`), and
# after a question in reported speech without quotes (`What news? said he`).
_INTERJECTIONS = frozenset("o oh ah aha alas ay eh ha hark hey ho hurrah huzza lo pshaw".split())
_SPEECH_VERBS = frozenset("said says cried asked replied answered quoth exclaimed".split())
# Words that go on a sentence: after a stop, the stop is more likely the mistake
# (`paralysis. and other infections`, `Is there anything I can do? and they said`).
_CONTINUATIONS = frozenset("and or nor but to of for with in on at by from as than".split())
# Commands typed in lower case on purpose (`git push`, `ls -la`).
_SHELL_COMMANDS = frozenset(
    "git npm npx pip pipx ls cd rm mv cp sudo docker kubectl curl wget brew apt yarn pnpm "
    "cargo ssh grep mkdir chmod chown".split()
)
# Words that open a sentence: after a stop, one of these shows a sentence did end.
_OPENERS = frozenset(
    """
    i we you he she it they there this that these those the a an my our your his her
    their its what how why when where who which if yes no well now so okay ok oh
    yeah maybe perhaps everybody everyone nobody someone somebody anyone anybody
    everything nothing something some many most one each every let please thanks
    thank
    """.split()
)
# A sentence does not end on these: a stop after one of them lost a word.
_OPEN_ENDED = frozenset(
    "a an the of to for from with into onto upon and or nor than my your our their its".split()
)
# `the plan. the minister said,`: a reporting clause after a stop that was a comma.
_REPORTING = lazy_regex(
    r"(?:the[ \t]+\p{Ll}+|he|she|they|we|i|you)[ \t]+(?:said|says|added|adds|told|"
    r"tells|noted|notes|explained|explains|stated|states|replied|recalled|continued)[,.]"
)
_OPTION = lazy_regex(r" --?\p{L}")  # a command's option: `ls -la`, `npm ci --force`
_LAYOUT = lazy_regex(r"\.{4,}|\S[ ]{3,}\S|\|.*\|")
_LIST_NUMBER = lazy_regex(r"(?:^|\n)[ \t]*\(?[\p{N}\p{L}]{1,3}\)?$")
_LOWER_CASE_DOCUMENT = 3  # this many lower-case sentence starts, twice the capitalised
_OLDER_STYLE_EXCLAMATIONS = 3  # this many in lower case after `!` or `?` are a style
_NOISY_STOPS = 5  # with this many findings, the text's stops are noise (OCR): show only
_CAPITALISE = "Capitalise it"
# Verbs that never follow `I`: before them a lone `l` is a letter (a length, a
# variable), not OCR's `I`.
_NOT_AFTER_I = frozenset({"is", "has", "does", "says", "goes", "equals", "denotes"})


@rule(
    "CA003",
    "lowercase-sentence-start",
    fix=Availability.SOMETIMES,
    safety=(Safety.UNSAFE, Safety.DISPLAY_ONLY),
)
def lowercase_sentence_start(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A sentence that starts in lower case inside a paragraph: `the plan. the minister`.

    ## What it does
    Finds a lower-case word after `.`, `?` or `!` and a space (or a line break inside
    the paragraph), and says what looks wrong:
    - a sentence that ended and lost its capital, when what follows shows that one
      ended: after `?` or `!`, or a word that opens sentences (`the`, `it`, `we`,
      `there`, `what`...) after a period that follows a content word (not `did. his
      best`, `on. the spot`, where OCR put a stray period);
    - a word split by a period (`informa. tion`), when the halves make a word;
    - a lost word, when the period follows a word no sentence ends on (`of the.
      plan`);
    - a stray period before a reporting clause (`the plan. the minister said,`);
    - otherwise a stray period or a lost capital, which only a reader can tell.

    A text whose sentences mostly start in lower case (raw captions: at least 3,
    and twice as many as start with a capital) gets one finding for the whole
    document instead of one per sentence. OCR's `l` for `I` at a sentence start
    (`lt was`, `ln the`, `l'm`, also at a paragraph start) is read as `It`, `In`,
    `If`, `I`.

    Left alone:
    - abbreviations: dotted ones (`e.g.`, `i.e.`, `U.S.`, `a.m.`, `p. m.`), initials,
      numbers with letters (`3s. 4d. each`, `the 5th inst. we`, `8vo. cloth`), roman
      numerals (`vii. years`), sums (`£1,500. a year`), words in capitals (`US.`, `NW.`,
      a headline run into its text: `STOURBRIDGE. annual`), a list
      (`etc.`, `vs.`, `No.`, `per cent.`, `approx.`, `hf. bd.`: ``data/abbreviations.txt``),
      and, after a period, any word that is not an English word (`dorz. pigeons`);
    - a period after a number or a capitalised word, which ends a name, a heading
      or an entry in older print more often than a sentence (`the St. Vincent, 120.
      a three-decker`, `from St. Lucea. arrived`, `New and Artistic Designs. which`);
    - ellipses (`...`, `…`: trailing speech), decimals (`3.5`), list numbers (`2. the`)
      and list letters (`a)`, `b.`);
    - a quotation's end (`"Why?" she asked`), a brand's own `!` (`Yahoo! stock`),
      older style after an exclamation or a question (`Oh! what a day`, `What news?
      said he`, and any text that goes on in lower case after `!` or `?` three times
      or more), and every stop in early modern English (`hee`, `owne`), whose
      printers set stops inside sentences;
    - a word that goes on a sentence (`and`, `or`, `to`, `of`...): after a stop, the
      stop is more likely the mistake (`paralysis. and other infections`);
    - names written in lower case by design, recognised by a capital inside
      (`iPhone`, `eBay`, `macOS`, `jQuery`), words that are not English words
      (`npm`, `kubectl`), shell commands (`git push`, `ls -la`), the user's `words`
      and the project's `terms`;
    - lines laid out in columns (dot leaders, wide gaps, table bars), and a stop
      with masked text after it (`story. Oprah.com has`, `so. [inaudible] you`);
    - URLs, e-mail addresses, code and other masked regions.

    ## Why is this bad?
    A lost capital is usually a lost sentence boundary: the text was joined from
    pieces, or a transcriber typed a stop where the speaker went on. Readers and
    sentence splitters both stumble on it.

    ## Example
    ```text
    We agreed on the plan. the minister will present it.
    ```
    Use instead:
    ```text
    We agreed on the plan. The minister will present it.
    ```

    ## Fix safety
    Unsafe, capitalising the word, only where a sentence evidently ended, and
    `It` for `lt`: the stop may still be the error. In a text with 5 findings or
    more, whose stops are noise (OCR), the capital is only shown. Display-only otherwise: joining
    a split word, a comma for a stray period before a reporting clause, or the
    capital, where it is as likely that the period is wrong. No fix for a lost word
    or a text written all in lower case: recasing a whole text needs a reader
    (`i think`, `monday`, names).
    """
    masked = doc.masked
    judged = [(stop, v) for stop, v in _lower_starts(doc, ctx) if v is not None]
    found = [v for _, v in judged]
    if len(found) >= _LOWER_CASE_DOCUMENT:
        capitalised = sum(1 for _ in _UPPER_START.finditer(masked)) + sum(
            1 for _ in _PARAGRAPH_CAPITAL.finditer(masked)
        )
        if 2 * capitalised <= len(found):
            first = found[0]
            yield Violation(
                first.start,
                first.end,
                f"The text is written in lower case: {len(found)} of "
                f"{len(found) + capitalised} sentences start in lower case",
            )
            return
    exclaimed = sum(1 for stop, _ in judged if masked[stop] in "!?")
    if exclaimed >= _OLDER_STYLE_EXCLAMATIONS:
        found = [v for stop, v in judged if masked[stop] == "."]  # `What then? count it`
    if len(found) >= _NOISY_STOPS:
        found = [_shown_only(v) for v in found]
    yield from found
    yield from _ocr_l_at_paragraph_starts(doc)


def _lower_starts(doc: Document, ctx: Context) -> Iterator[tuple[int, Violation | None]]:
    """A finding for each lower-case word after a stop that CA003 reports, with the
    offset of the stop."""
    masked = doc.masked
    project = _project_terms(ctx)
    for match in _LOWER_START.finditer(masked):
        word, start, end = match.group(1), match.start(1), match.end(1)
        stop = match.start()
        term = project.get(word)
        if _INTERNAL_CAPITAL.search(word) or word in ctx.words or (term and term[0] == word):
            continue
        if masked[stop] == "." and _abbreviation(masked, stop):
            continue
        if doc.is_protected(stop, end):
            continue  # masked text inside: `story. Oprah.com has`, `so. [inaudible] you`
        before = _word_before(masked, stop).lower()
        if masked[stop] == "!" and before in _EXCLAIMED_NAMES:
            continue
        if masked[stop] in "!?" and (before in _INTERJECTIONS or word in _SPEECH_VERBS):
            continue
        if word in _CONTINUATIONS or _not_a_sentence(masked, word, end) or _in_layout(doc, stop):
            continue
        if _layout(doc).older_english:
            return  # `beene. a heavy burden`: older printers' stops
        yield stop, _judged(masked, stop, word, start, end)


def _shown_only(violation: Violation) -> Violation:
    """The finding with its capital shown, not applied: in a text with many stops
    inside sentences (OCR), a word that opens sentences after one proves nothing."""
    fix = violation.fix
    if fix is None or fix.safety is not Safety.UNSAFE or fix.message != _CAPITALISE:
        return violation
    return dataclasses.replace(violation, fix=Fix(fix.edits, Safety.DISPLAY_ONLY, fix.message))


def _not_a_sentence(masked: str, word: str, end: int) -> bool:
    """A list letter (`a)`, `b.`), an abbreviation (`p. 134`), a command (`ls -la`)."""
    after = masked[end : end + 1]
    if after == ")" or (after == "." and (len(word) <= 2 or word in abbreviations())):
        return True
    return word in _SHELL_COMMANDS or _OPTION.match(masked, end) is not None


def _judged(masked: str, stop: int, word: str, start: int, end: int) -> Violation | None:
    """What a lower-case word after a stop most likely means, with the fitting fix."""
    if word in _OCR_I and (
        _english_after(masked, end, word) or (word == "l" and _is_apostrophe(masked, end))
    ):
        return _ocr_l(start, end, word)
    letters = _LETTERS_BEFORE.search(masked, max(0, stop - 40), stop)
    before = letters.group() if letters else ""
    joined = before + word
    if (
        masked[stop] == "."
        and len(before) >= 2
        and len(joined) >= 5
        and not (words.is_known(before) and words.is_known(word))
        and words.is_known(joined)
    ):
        return Violation(
            stop - len(before),
            end,
            f"A word split by a period: '{before}. {word}' reads as '{joined}'",
            Fix((Edit(stop, start, ""),), Safety.DISPLAY_ONLY, f"Join it: '{joined}'"),
        )
    if not words.is_known(word):
        return None
    if masked[stop] == "." and (not before or before[0].isupper() or not words.is_known(before)):
        return None  # `120. a`, `from St. Lucea. arrived`, `dorz. pigeons`: see CA003
    if masked[stop] == "." and before.lower() in _OPEN_ENDED:
        return Violation(
            start, end, f"A word seems lost: no sentence ends on '{before}' before the period"
        )
    if masked[stop] == "." and _REPORTING.match(masked, start):
        return Violation(
            start,
            end,
            f"A stray period before a reporting clause: '{word} ...' goes on the sentence",
            Fix((Edit(stop, stop + 1, ","),), Safety.DISPLAY_ONLY, "Write a comma"),
        )
    capital = Edit(start, start + 1, word[0].upper())
    if masked[stop] in "?!" or (word in _OPENERS and before.lower() not in FUNCTION_WORDS):
        return Violation(
            start,
            end,
            f"Sentence starts in lower case: '{word}'",
            Fix((capital,), Safety.UNSAFE, _CAPITALISE),
        )
    return Violation(
        start,
        end,
        f"Lower case after a period: '{word}' (a stray period, or a lost capital)",
        Fix((capital,), Safety.DISPLAY_ONLY, _CAPITALISE),
    )


def _english_after(masked: str, at: int, ocr: str) -> bool:
    """Whether an English word (no abbreviation, no single letter) follows the
    would-be OCR ``ocr`` at ``at`` as it would follow `I`, `It`, `In`: `lt was`, not
    `l cr abt` in German OCR, `ln x grows` (a logarithm) or `l is the length` (a
    variable: `I` takes no `is`)."""
    after = _NEXT_WORD.match(masked, at)
    if after is None:
        return False
    word = after.group(1)
    if len(word) < 2 or (ocr == "l" and word.lower() in _NOT_AFTER_I):
        return False
    return words.is_known(word) and word.lower() not in abbreviations()


def _is_apostrophe(masked: str, at: int) -> bool:
    """`l'm`, `l've`: OCR's `l` for `I` before an apostrophe and a letter."""
    return masked[at : at + 1] in ("'", "’") and masked[at + 1 : at + 2].isalpha()


def _ocr_l(start: int, end: int, word: str) -> Violation:
    meant = _OCR_I[word]
    return Violation(
        start,
        end,
        f"'{word}' at a sentence start is OCR's reading of '{meant}'",
        Fix((Edit(start, end, meant),), Safety.UNSAFE, f"Write '{meant}'"),
    )


def _ocr_l_at_paragraph_starts(doc: Document) -> Iterator[Violation]:
    """`lt was` at the start of the text or of a paragraph (after a stop inside a
    paragraph, ``_lower_starts`` finds it)."""
    first = _OCR_L_AT_TEXT_START.match(doc.masked)
    matches = _OCR_L_AT_PARAGRAPH_START.finditer(doc.masked)
    for match in itertools.chain([first] if first else [], matches):
        start, end = match.span(1)
        if _english_after(doc.masked, end, match.group(1)) and not doc.is_protected(start, end):
            yield _ocr_l(start, end, match.group(1))


def _in_layout(doc: Document, at: int) -> bool:
    """Whether ``at`` is on a line laid out in columns: dot leaders, a gap of three
    spaces between words, or table bars (a stop there ends a cell, not a sentence)."""
    return doc.per_line(_laid_out, doc.line_of(at))


def _laid_out(doc: Document, line: int) -> bool:
    start, end = doc.line_span(line)
    return _LAYOUT.search(doc.text, start, end) is not None


def _word_before(masked: str, stop: int) -> str:
    before = _WORD_BEFORE.search(masked, max(0, stop - 40), stop)
    return before.group() if before else ""


def _abbreviation(masked: str, stop: int) -> bool:
    """Whether the period at ``stop`` ends an abbreviation or a list number."""
    word = _word_before(masked, stop)
    if not word:
        return False
    lower = word.lower()
    if "." in word or len(word) == 1 or lower in abbreviations() or word in abbreviations():
        return True
    if word.isalpha() and word.isupper():
        return True  # `US.`, `NW.`: an abbreviation; `STOURBRIDGE.`: a headline run in
    if _DIGIT_AND_LETTER.search(word):
        return True  # `3s.`, `4d.`, `5th`, `8vo.`: money, dates, book sizes
    if _ROMAN.fullmatch(lower) and not (len(word) >= 3 and words.is_known(lower)):
        return True  # `vii. years`, `chap. xx. p.`
    if _MONEY.search(masked, max(0, stop - 20), stop):
        return True  # `£1,500. a year`: older print stops after a sum
    return word.isdigit() and _LIST_NUMBER.search(masked, max(0, stop - 40), stop) is not None


# -- CA004 -----------------------------------------------------------------------------

LOWERCASE_WORDS_FILE = Path(__file__).parent / "data" / "lowercase_words.txt"
# Words after which a capital is someone's words or a title: `he said No`, `I was
# like, This is it`, `a book called Under`.
_QUOTING_WORDS = frozenset(
    """
    said say says saying ask asked asks told tell tells like goes went go thought think
    thinks wrote write writes replied answered yelled shouted called named titled
    word words is was
    """.split()
)
# Words after which a capitalised word is a name (`the Who`, `our Will`).
_DETERMINERS = frozenset("the a an this that these those my our your his her their its".split())
# After a comma, only an article is flagged: a capitalised pronoun there starts
# speech quoted without marks (`shout about, She has to answer`), a conjunction or
# a preposition a line of verse run into the text (`antiquary, Of these`).
_AFTER_A_COMMA = frozenset({"The", "An"})
# Slips are rare: more capitals than this (2, and one per 100,000 characters) in one
# text are its convention (verse flattened into lines, pronouns of the deity).
_FEW_SLIPS = 2
_SLIP_SPAN = 100_000
_PREVIOUS_WORD = lazy_re(r"(?<![\w'’.-])([a-z]+),? $")


# A title's next capital, after its small words: `Under the Dome`, `Of Mice`.
_TITLE_AHEAD = lazy_regex(r"(?:[ \t]+(?:the|a|an|of|and|in|on|to|for|with|at|by))*[ \t]+\p{Lu}")


@functools.cache
def _mid_sentence_capitals() -> re.Pattern[str]:
    """One pattern for the listed words (``data/lowercase_words.txt``) capitalised
    after a lower-case letter or a comma and one space, followed by a lower-case word
    or a sentence's punctuation; compiled once per process, on first use."""
    forms = sorted((w.capitalize() for w in words.data_lines(LOWERCASE_WORDS_FILE)), key=len)
    # A space first, then a capital: the scan stops only at a capital after a space.
    return re.compile(
        r" (?=[A-Z])(?<=[a-z,] )(" + "|".join(reversed(forms)) + r")(?=[ \t]+[a-z]|[.,;:?!])"
    )


@rule(
    "CA004",
    "capital-in-mid-sentence",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE,),
)
def capital_in_mid_sentence(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A common word capitalised in the middle of a sentence: `it was cold Yesterday`.

    ## What it does
    Finds a word that is never a name nor a term (an article, a preposition, a
    pronoun, an auxiliary, a common adverb: ``data/lowercase_words.txt``) written
    with a capital after a lower-case word, or after a comma, and before a
    lower-case word or punctuation: `it was very cold Yesterday`, `last week, The
    council`. Left alone:
    - names and titles: a capitalised word next to it (`a film called It Follows`,
      `the book Of Mice and Men`), after `the`, `a`, `our`... (`the Who`), after
      `called`, `named`, `titled`;
    - someone's words: after `said`, `asked`, `like`, `is`, `was` (`he said No`,
      `I was like, This is it`), after a colon or a speaker label, and in short
      quotes or emphasis; after a comma, every word but `The` and `An` (`shout
      about, She has to answer`; verse run into lines: `the antiquary, Of these`);
    - headings, title-case lines and lines in capitals; line starts; words in
      capitals (`IT`, `US`), and words that are also names (`Will`, `May`, `Bill`,
      `Mark`), days and months, and the deity's `He`, `Him`, `His`, `Me`, which the
      list leaves out;
    - after a word that is not English (`ging In der`), and in early modern English
      (`hee`, `owne`), whose printers capitalise by other rules;
    - a text with more such capitals than a slip explains (3, or more in long texts:
      one per 100,000 characters; those after a comma count too): they are its
      convention (verse run into lines, the deity's `You` in a prayer, titles).

    ## Why is this bad?
    The capital is a slip, or the trace of a lost sentence end (`it was cold
    Yesterday we left` lost its period). Either way a reader stumbles, and a
    sentence splitter or a search for the word in lower case misses it.

    ## Example
    ```text
    The roads froze, and it was very cold Yesterday.
    ```
    Use instead:
    ```text
    The roads froze, and it was very cold yesterday.
    ```

    ## Fix safety
    Unsafe: writing the word in lower case is right for a slip; where a sentence
    end was lost, the period is what is missing, and only a reader can tell.
    """
    masked = doc.masked
    found = []
    capitals = 0
    for match in _mid_sentence_capitals().finditer(masked):
        start, end = match.span(1)
        word = match.group(1)
        previous = _PREVIOUS_WORD.search(masked, max(0, match.start() - 40), start)
        if previous is None or previous.group(1) in _DETERMINERS | _QUOTING_WORDS:
            continue
        if not words.is_known(previous.group(1)):
            continue  # `ging In der`: another language, whose nouns are capitalised
        if _TITLE_AHEAD.match(masked, end, end + 40):
            continue  # `reading Under the Dome`, `watched Behind the Music`: a title
        layout = _layout(doc)
        if layout.line_kind(start) != "prose" or _set_apart(doc, start, end):
            continue
        if layout.older_english:
            return
        capitals += 1  # after a comma too: all count towards the text's convention
        if previous.group().endswith(", ") and word not in _AFTER_A_COMMA:
            continue  # `shout about, She has to answer`: speech; `antiquary, Of these`: verse
        found.append(
            Violation(
                start,
                end,
                f"Capital in mid-sentence: '{word}' (a slip, or a lost sentence end)",
                Fix((Edit(start, start + 1, word[0].lower()),), Safety.UNSAFE, "Lower-case it"),
            )
        )
    if capitals <= _FEW_SLIPS + len(masked) // _SLIP_SPAN:
        yield from found
