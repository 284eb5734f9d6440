"""Word knowledge in one place: which strings are English words, and how common.

The word rules (merged words, spelling, casing) ask the same questions: is this a
word, how frequent is it, where could this token be split into words. The answers
come from pyspellchecker's English frequency list (about 160,000 lowercase words
with counts from film subtitles), loaded once per process on first use and never at
import time, plus a short list of modern words it lacks, plus what the user and the
project lexicon accept (``accepted_words``: the ``words`` and ``terms`` settings and
the lexicon's sections of the same names).

The list knows base forms better than inflections and American spellings better
than British ones, so ``is_known`` also accepts regular inflections of a known word
(`themed`, `attaches`, `beheadings`), British spellings of one (`labour`,
`offences`, `organised`), and a known word behind a common prefix (`underserved`,
`onboard`, `inbox`). It does not accept arbitrary compounds of two words
(`blockchain`): callers that need to know whether a token is a join decide that with
``split_candidates`` and their own policy, because a join and a compound look the
same to a dictionary.

``segmentations`` reads a token as several words: dynamic programming over the
costs of the list's counts (minus the logarithm of a word's probability, plus a
cost per cut), the two likeliest readings. ``nearest_word`` (the commonest word one
edit away) and ``older_spelling_of`` (`beene`, `hastie`, `withall`, and the words of
``data/older_words.txt``) tell a misspelling or an old spelling from a join. All
are cached per token, and the costs need only the index of the list.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import marshal
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, overload

from lint.lexicon import Lexicon
from lint.records import record
from lint.rule import Context

STALE_COPY_DAYS = 30  # cached copies of the word table unused this long are removed

# Closed-class words: articles, prepositions, pronouns, auxiliaries, conjunctions.
# They are the glue of a sentence, so they are the usual halves of a lost space
# (`ofthe`, `thescale`, `rolehas`) and rarely the halves of a coined compound.
FUNCTION_WORDS = frozenset(
    """
    a an the of to in on at by for from with as into onto upon about over under
    and or but nor so yet if than then that this these those there here
    is are was were be been being am has have had do does did will would shall should
    can could may might must i you he she it we they me him her us them my your his
    its our their not no all any some each every more most very just also too only
    what which who whom whose when where why how
    """.split()
)

# Words the frequency list lacks that transcripts use all the time, found missing
# while measuring the merged-word rules on real transcripts. Only words that look
# like two words glued together matter here; a spelling rule will want more.
EXTRA_WORDS = frozenset(
    """
    blockchain blockchains cybersecurity livestream livestreams livestreaming dataset
    datasets nonprofit nonprofits async init readme typeof instanceof sizeof admin
    admins onboarding offboarding inbox inboxes login logins logout plugin plugins
    webinar webinars podcasts workflow workflows toolchain toolchains namespace
    namespaces backend backends frontend frontends middleware codebase codebases
    runtime runtimes username usernames homepage homepages website websites online
    offline email emails ebook ebooks smartphone smartphones todo todos
    podcast podcasts podcasting builtin builtins linkedin shipit weblog weblogs checkin
    checkins signin signon logon mixin mixins addon addons optin dropin walkin weighin
    leadin fadein forall mailto solaris howto howtos
    """.split()
)

# Prefixes that make a word from a word (`under` + `served`). The rest must be a
# known word of three letters or more that is not itself a function word, so
# `onthe` and `inthe` stay unknown.
PREFIXES = (
    "anti",
    "auto",
    "back",
    "bio",
    "co",
    "counter",
    "cross",
    "cyber",
    "de",
    "dis",
    "down",
    "eco",
    "fore",
    "geo",
    "hyper",
    "in",
    "inter",
    "macro",
    "mega",
    "meta",
    "micro",
    "mid",
    "mini",
    "mis",
    "multi",
    "non",
    "off",
    "on",
    "out",
    "over",
    "post",
    "pre",
    "pro",
    "re",
    "self",
    "semi",
    "sub",
    "super",
    "tele",
    "trans",
    "ultra",
    "un",
    "under",
    "up",
)

# British spellings the (American) list lacks, as (ending, American ending).
BRITISH_ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("elled", "eled"),
    ("elling", "eling"),
    ("eller", "eler"),
    ("ellers", "elers"),
    ("ogue", "og"),
)

# Suffixes of regular inflection and derivation, tried longest first.
SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ness",
    "able",
    "ably",
    "less",
    "ings",
    "ing",
    "ers",
    "est",
    "ies",
    "ied",
    "ier",
    "ily",
    "ful",
    "ish",
    "ed",
    "er",
    "es",
    "ly",
    "s",
    "y",
)
Y_SUFFIXES = frozenset({"ies", "ied", "ier", "ily"})
E_DROPPING = frozenset(
    {"ations", "ation", "able", "ably", "ings", "ing", "ers", "est", "ed", "er", "es", "ish", "y"}
)
DOUBLING = frozenset({"able", "ings", "ing", "ers", "est", "ed", "er", "ish", "y"})
VOWELS = frozenset("aeiou")
LETTERS = "abcdefghijklmnopqrstuvwxyz"
ARTICLES = frozenset({"a", "an", "the"})
_APOSTROPHES = ("'s", "’s")
_MIN_BASE = 3  # a stem shorter than this is not evidence (`s` + `ing`)
_DERIVED_DISCOUNT = 10  # an inflected word is taken to be a tenth as common as its base
_PREFIXED_DISCOUNT = 1000  # and a prefixed one a thousandth
_EXTRA_FREQUENCY = 1000  # what a word of EXTRA_WORDS counts as


@record(frozen=True, slots=True)
class Split:
    """A token read as two words, with a score: the product of their frequencies."""

    left: str
    right: str
    score: int

    @property
    def text(self) -> str:
        return f"{self.left} {self.right}"


# Word-keyed answers are kept for the most recent words only: a run over millions of
# documents meets an unbounded vocabulary (names, typos) and must not grow with it.
WORD_CACHE = 1 << 16


_FILED_BY = 3  # the index files each word under its first three letters
_WHOLE_TABLE_AFTER = 10_000  # lookups (~4 us each): then loading the dict (~50 ms) pays


class WordTable:
    """pyspellchecker's English word -> count table (lowercase), read lazily.

    Loading the whole list as a dict takes some 50 ms even from a compact copy, a
    third of what checking one small file may cost in all, while such a run asks a
    few hundred words. So the table first answers from an index: the list cut into
    a few thousand strings by the words' first letters, one `word<TAB>count` line a
    word, which loads in 2 ms and answers a lookup in about 4 µs with a
    substring search. After ``_WHOLE_TABLE_AFTER`` lookups it loads the dict (50 ns
    a lookup) and answers from that. Both give the same answers.
    """

    def __init__(self, index: dict[str, str] | None, whole: Callable[[], dict[str, int]]) -> None:
        self._index = index
        self._load_whole = whole
        self._whole: dict[str, int] | None = None
        self._asked = 0

    @overload
    def get(self, word: str) -> int | None: ...
    @overload
    def get(self, word: str, default: int) -> int: ...
    def get(self, word: str, default: int | None = None) -> int | None:
        if self._whole is None:
            self._asked += 1
            if self._index is not None and self._asked <= _WHOLE_TABLE_AFTER:
                return _indexed(self._index, word, default)
            self._whole = self._load_whole()
        return self._whole.get(word, default)

    def counts(self, candidates: set[str]) -> dict[str, int]:
        """The listed words among ``candidates``, with their counts (one set
        intersection once the whole table is loaded)."""
        if self._whole is None and self._index is not None:
            # one question, however many candidates: a few hundred index lookups
            # (a millisecond or two) must not make a small run load the whole dict
            self._asked += 1
            index = self._index
            found = {word: _indexed(index, word, None) for word in candidates}
            return {word: count for word, count in found.items() if count is not None}
        if self._whole is None:
            self._whole = self._load_whole()
        whole = self._whole
        # the intersection in C, over the candidates (the smaller side)
        return {word: whole[word] for word in whole.keys() & candidates}

    def unlisted(self, candidates: set[str]) -> set[str]:
        """The words of ``candidates`` the table does not have (one set difference
        once the whole table is loaded)."""
        if self._whole is None:
            return {word for word in candidates if word not in self}
        return candidates.difference(self._whole)  # iterates the candidates only

    def whole(self) -> dict[str, int]:
        """The whole table, loaded if it is not yet (for the few callers that go
        through every word: ``_edit_index``)."""
        if self._whole is None:
            self._whole = self._load_whole()
        return self._whole

    def __contains__(self, word: str) -> bool:
        if self._whole is not None:  # the common case of a large run: no second call
            return word in self._whole
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        count = self.get(word)
        if count is None:
            raise KeyError(word)
        return count


def _indexed(index: dict[str, str], word: str, default: int | None) -> int | None:
    lines = index.get(word[:_FILED_BY])
    if lines is None or "\n" in word or "\t" in word:
        return default
    at = lines.find(f"\n{word}\t")
    if at < 0:
        return default
    start = at + len(word) + 2
    return int(lines[start : lines.index("\n", start)])


def _filed(table: dict[str, int]) -> dict[str, str]:
    """The index of a table: prefix -> its words and counts, a line each, with a line
    break before the first and after the last, so that every entry is `\\nword\\t`."""
    groups: dict[str, list[str]] = {}
    for word, count in table.items():
        groups.setdefault(word[:_FILED_BY], []).append(f"{word}\t{count}")
    return {prefix: "\n" + "\n".join(lines) + "\n" for prefix, lines in groups.items()}


@functools.cache
def frequencies() -> WordTable:
    """The word table, loaded once per process on first use.

    The packaged gzip JSON takes some 150 ms to parse; compact copies (``marshal``,
    which holds only data) of the index and of the dict are kept in the user's
    cache folder, named after the source's size and time and the Python version,
    and copies no run has written for a month are removed. Any problem with a copy
    falls back to the package.
    """
    # Where the package is, without importing it (or `importlib.resources`, 6 ms).
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyspellchecker is not installed")
    source = Path(spec.origin).parent / "resources" / "en.json.gz"
    copies = _copies(source)
    if copies is not None:
        index, whole = copies
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            filed: dict[str, str] = marshal.loads(index.read_bytes())
            return WordTable(filed, functools.partial(_whole_table, source, whole))
    table = _parsed(source)
    if copies is not None:
        _write_copies(table, *copies)
    return WordTable(None, lambda: table)


def _parsed(source: Path) -> dict[str, int]:
    import gzip  # only a run without a compact copy of the table parses it
    import json

    with gzip.open(source, "rt", encoding="utf-8") as text:
        table: dict[str, int] = json.load(text)
    return table


def _whole_table(source: Path, copy: Path) -> dict[str, int]:
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        table: dict[str, int] = marshal.loads(copy.read_bytes())
        return table
    return _parsed(source)


def _copies(source: Path) -> tuple[Path, Path] | None:
    """Where the index and the dict of ``source`` are cached."""
    try:
        info = source.stat()
    except OSError:
        return None
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # marshal's format is the interpreter's: one copy per Python version.
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    name = f"words-{info.st_size}-{int(info.st_mtime)}-{python}"
    stem = Path(home) / "transcript-lint" / name
    return stem.with_name(f"{stem.name}.index.marshal"), stem.with_name(f"{stem.name}.marshal")


def _write_copies(table: dict[str, int], index: Path, whole: Path) -> None:
    """Write both copies (each atomically) and remove stale copies of other sources.

    Other copies may belong to another installation that shares the cache folder
    (another virtualenv, another Python): removing them at once made each
    installation delete the other's and parse the package at every run. Only
    copies untouched for ``STALE_COPY_DAYS`` go.
    """
    with contextlib.suppress(OSError):
        index.parent.mkdir(parents=True, exist_ok=True)
        for path, data in ((whole, table), (index, _filed(table))):
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(data))
            os.replace(partial, path)
        stale = time.time() - STALE_COPY_DAYS * 86400
        for old in index.parent.glob("words-*"):
            if old not in (index, whole) and old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)


def accepted_words(ctx: Context) -> frozenset[str]:
    """Words never to question: the user's ``words`` and ``terms``, and the words and
    terms of the project lexicon (gathered once per run: every file and rule asks)."""
    lexicon = ctx.lexicon.shared(_lexicon_words, None)
    if not (ctx.words or ctx.terms):
        return lexicon
    return ctx.words.union(ctx.terms, lexicon)


def _lexicon_words(lexicon: Lexicon, _: None) -> frozenset[str]:
    return lexicon.keys("words") | lexicon.keys("terms")


def frequency(word: str) -> int:
    """How often the word (any case) occurs in the frequency list; 0 if it does not."""
    return frequencies().get(word.lower(), 0)


def estimated_frequency(word: str) -> int:
    """The word's count; for a word known only by derivation a share of its base
    word's count (a tenth for `themed`, a thousandth for `reauthorization`: a prefix
    makes many non-words, `realways`); 0 for an unknown word."""
    lower = word.lower()
    if (count := frequencies().get(lower)) is not None:
        return count
    base = _unprefixed_base(lower)
    discount = _DERIVED_DISCOUNT
    if base is None and lower.isalpha():
        base, discount = _prefixed_base(lower), _PREFIXED_DISCOUNT
    if base is None:
        return 0
    if base in EXTRA_WORDS and base not in frequencies():
        return _EXTRA_FREQUENCY
    return max(frequencies().get(base, 0) // discount, 1)


def is_known(word: str, words: frozenset[str] = frozenset(), *, prefixed: bool = True) -> bool:
    """Whether ``word`` is an English word, or one of the user's ``words``.

    Case is ignored. Regular inflections (`themed`) and British spellings (`labour`)
    count as known, and so, unless ``prefixed`` is false, does a known word behind a
    common prefix (`underserved`; but `indepth` is no word, whatever `in` + `depth`),
    unless a capital inside the word marks a join (`inGeneva`).
    """
    lower = word.lower()
    if words and (word in words or lower in lowered(words)):
        return True
    if prefixed and not word[1:].islower() and not word.isupper():
        prefixed = False  # a capital inside (`inGeneva`) marks a join, not a prefix
    return (_base(lower) if prefixed else _unprefixed_base(lower)) is not None


def split_candidates(
    token: str, words: frozenset[str] = frozenset(), *, one_of: frozenset[str] | None = None
) -> list[Split]:
    """Every way to read ``token`` as two known words, most likely first.

    Both halves must be known; a half of one or two letters must be a function word
    (`of`, `to`). With ``one_of``, only readings where a half is in it (say
    ``FUNCTION_WORDS``): much faster, as only those cuts are tried. The score is the
    product of the halves' estimated frequencies, so `of the` beats `oft he`. No
    policy is applied: whether a split is a join or a compound (`block chain`) is for
    the caller to decide.
    """
    lower = token.lower()
    if one_of is None:
        cuts: Iterable[int] = range(1, len(lower))
    else:
        longest = min(len(lower) - 1, max(map(len, one_of), default=0))
        cuts = sorted(
            {k for k in range(1, longest + 1) if lower[:k] in one_of}
            | {len(lower) - k for k in range(1, longest + 1) if lower[-k:] in one_of}
        )
    splits: list[Split] = []
    for cut in cuts:
        left, right = lower[:cut], lower[cut:]
        if not (_usable_half(left, words) and _usable_half(right, words)):
            continue
        score = max(estimated_frequency(left), 1) * max(estimated_frequency(right), 1)
        splits.append(Split(token[:cut], token[cut:], score))
    splits.sort(key=lambda s: -s.score)
    return splits


def _usable_half(half: str, words: frozenset[str]) -> bool:
    if len(half) <= 2:
        return half in FUNCTION_WORDS
    return is_known(half, words)


@functools.lru_cache(maxsize=16)
def lowered(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


# Each helper below returns the listed word that vouches for its argument (the word
# itself, its stem, its American spelling, the word behind its prefix), or None.


@functools.lru_cache(maxsize=WORD_CACHE)
def _base(word: str) -> str | None:
    found = _unprefixed_base(word)
    if found is None and word.isalpha():
        found = _prefixed_base(word)
    return found


@functools.lru_cache(maxsize=WORD_CACHE)
def _unprefixed_base(word: str) -> str | None:
    if _listed(word):
        return word
    found = _possessive_base(word)
    if found is None and len(word) >= 4 and word.isalpha():
        found = _inflection_base(word) or _british_base(word)
    return found


def _listed(word: str) -> bool:
    return word in frequencies() or word in EXTRA_WORDS


def _possessive_base(word: str) -> str | None:
    for ending in _APOSTROPHES:
        if word.endswith(ending) and len(word) > len(ending):
            return _base(word[: -len(ending)])
    return None


def _inflection_base(word: str) -> str | None:
    """A known stem plus a regular suffix: `themed`, `attaches`, `spammy`, `tidied`."""
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < _MIN_BASE:
            continue
        stem = word[: -len(suffix)]
        if suffix == "s" and stem.endswith("s"):
            continue  # `erness` is not `erne` + s + s
        for candidate in _stems(stem, suffix):
            if len(candidate) < _MIN_BASE or candidate in FUNCTION_WORDS:
                continue  # `wasy` is not `was` + y
            if _listed(candidate):
                return candidate
            if (found := _inflection_base(candidate)) is not None:
                return found
    return None


def _stems(stem: str, suffix: str) -> list[str]:
    """The base forms a stem can come from once its suffix is removed."""
    if suffix in Y_SUFFIXES:
        return [stem, stem + "y"]  # tidied -> tidy
    candidates = [stem]
    if suffix in E_DROPPING:
        candidates.append(stem + "e")  # themed -> theme, shiny -> shine
    if suffix in DOUBLING and len(stem) >= 4 and stem[-1] == stem[-2] not in VOWELS:
        candidates.append(stem[:-1])  # spammy -> spam, stopped -> stop
    return candidates


def _british_base(word: str) -> str | None:
    for british, american in BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 1:
            variant = word[: -len(british)] + american
            if _listed(variant):
                return variant
            if (found := _inflection_base(variant)) is not None:
                return found
    return None


def _prefixed_base(word: str) -> str | None:
    for prefix in PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3 and rest not in FUNCTION_WORDS:
            found = rest if _listed(rest) else _inflection_base(rest) or _british_base(rest)
            if found is not None:
                return found
    return None


# -- segmentation ---------------------------------------------------------------------

# The words of one or two letters a join may have as a part. Every other string of
# that length in the list (`ab`, `che`'s cousins, `ti`) is an abbreviation, a note or
# a syllable, far more often a piece of a longer word than a word that lost a space.
SHORT_PARTS = frozenset(
    """
    a i am an as at be by do go he if in is it me my no of oh on or so to up us we
    """.split()
)
_MIN_PART_COUNT = 50  # a listed word rarer than this (once in 30 million) is no part
_MIN_SHORT_COUNT = 20_000  # and a part of three letters must be this common
_LONGEST_PART = 24
# About the sum of the list's counts (pyspellchecker 0.8: 1.65e9): the scale of the
# probabilities, fixed so that no run has to load the whole list to learn it.
_TOTAL_COUNT = 1.65e9
_SPLIT_COST = 1.0  # each cut costs a factor of ten, so a split must be clearly likelier


@record(frozen=True, slots=True)
class Segmentation:
    """A token read as words: the parts (spelled as in the token) and the reading's
    cost, minus the base-ten logarithm of its likelihood under a unigram model, plus
    ``_SPLIT_COST`` for each cut; the lower the likelier."""

    parts: tuple[str, ...]
    cost: float

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@functools.lru_cache(maxsize=WORD_CACHE)
def part_cost(part: str) -> float | None:
    """The cost of a lowercase string as one word of a reading: minus log10 of its
    probability; None if it may not be a part (unlisted, too rare, a short string
    that is more often a piece of a word than a word). Only listed words are parts:
    inflections the list lacks (`spammy`) would cost the morphology of ``is_known``
    for every substring of every unknown token, for few joins."""
    if len(part) <= 2:
        if part not in SHORT_PARTS:
            return None
    elif not part.isalpha():
        return None
    count = frequencies().get(part)
    if count is None and part in EXTRA_WORDS:
        count = _EXTRA_FREQUENCY
    if count is None or count < (_MIN_SHORT_COUNT if len(part) == 3 else _MIN_PART_COUNT):
        return None
    return count_cost(count)


@functools.lru_cache(maxsize=WORD_CACHE)
def segmentations(token: str, max_parts: int = 4) -> tuple[Segmentation, ...]:
    """The two likeliest readings of ``token`` as two to ``max_parts`` words, best
    first (fewer if there are fewer), by dynamic programming over the unigram costs
    of ``part_cost``. Case is kept in the parts and ignored in scoring. Whether a
    reading is a join or the token is a word of its own is the caller's policy."""
    lower = token.lower()
    n = len(lower)
    if not (_has_part(lower, range(1, n)) and _has_part(lower, range(-1, -n, -1))):
        return ()  # no word starts it or no word ends it: no need for the full search
    # best[i][k]: the two cheapest (cost, cut positions) for lower[:i] in k parts
    best: list[dict[int, list[tuple[float, tuple[int, ...]]]]] = [{} for _ in range(n + 1)]
    best[0][0] = [(0.0, ())]
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_PART), end):
            if not best[start]:
                continue
            cost = part_cost(lower[start:end])
            if cost is None:
                continue
            for k, entries in best[start].items():
                if k + 1 > max_parts:
                    continue
                slot = best[end].setdefault(k + 1, [])
                for prior, cuts in entries:
                    slot.append((prior + cost + (_SPLIT_COST if k else 0.0), (*cuts, end)))
                slot.sort()
                del slot[2:]
    readings = sorted(entry for k, entries in best[n].items() if k >= 2 for entry in entries)[:2]
    return tuple(
        Segmentation(
            tuple(token[a:b] for a, b in zip((0, *cuts[:-1]), cuts, strict=True)), round(cost, 3)
        )
        for cost, cuts in readings
    )


def reading(*parts: str) -> Segmentation:
    """The parts as a reading, costed as ``segmentations`` does (a part it would not
    take counts as a word seen once)."""
    costs = (part_cost(part.lower()) for part in parts)
    total = sum(count_cost(1) if cost is None else cost for cost in costs)
    return Segmentation(parts, round(total + _SPLIT_COST * (len(parts) - 1), 3))


def _has_part(lower: str, cuts: range) -> bool:
    """Whether a part starts (positive cuts) or ends (negative cuts) ``lower``."""
    return any(
        part_cost(lower[:cut] if cut > 0 else lower[cut:]) is not None
        for cut in cuts
        if abs(cut) <= _LONGEST_PART
    )


@functools.lru_cache(maxsize=WORD_CACHE)
def nearest_word(token: str) -> tuple[str, int] | None:
    """The most frequent listed word one edit (a deletion, insertion, substitution or
    transposition of letters) from the lowercase ``token``, with its count; None if
    there is none. A token one edit from a common word is more often its misspelling
    (`tolerence`, `becuase`) than two words."""
    counts = frequencies().counts(_edits(token))
    if not counts:
        return None
    return max(counts.items(), key=lambda item: (item[1], item[0]))


def _edits(word: str) -> set[str]:
    """The strings one edit from ``word`` (comprehensions: some 700 strings a word,
    made for every unknown token that the rules ask about)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {left + right[1:] for left, right in cuts if right}
    edits.update(left + right[1] + right[0] + right[2:] for left, right in cuts if len(right) > 1)
    edits.update([left + letter + right for left, right in cuts for letter in LETTERS])
    edits.update(
        [
            left + letter + right[1:]
            for left, right in cuts
            if right
            for letter in LETTERS
            if letter != right[0]
        ]
    )
    return edits


# Reading a token whose words OCR garbled: a part may be a common word with one edit
# of any kind (a letter wrong, lost, added, or two swapped: `pcople`, `damaglng`).
EDIT_COST = 2.0  # a garbled part costs a factor of a hundred: clearly less likely
_MIN_EDITED_COUNT = 3000  # only a common word is read through an edit
_MIN_EDITED_LENGTH = 4  # shorter words lie too close together (`lion`, `rips`)
_LONGEST_EDITED = 14  # letters: few common words are longer, and asking costs


@functools.cache
def _edit_index() -> dict[str, tuple[str, ...]]:
    """The common words (``_MIN_EDITED_COUNT``, ``_MIN_EDITED_LENGTH`` letters or
    more), each filed under itself and under every string it makes with one letter
    deleted: the words one edit from a string are among those filed under it or
    under its own deletions (symmetric deletion). Some 10,000 words, built once per
    process and only for OCR that loses spaces."""
    index: dict[str, list[str]] = {}
    for word, count in frequencies().whole().items():
        if count >= _MIN_EDITED_COUNT and len(word) >= _MIN_EDITED_LENGTH and word.isalpha():
            for key in {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}:
                index.setdefault(key, []).append(word)
    return {key: tuple(found) for key, found in index.items()}


def _one_edit(a: str, b: str) -> bool:
    """Whether two different strings are one edit apart (a letter substituted,
    deleted, inserted, or two neighbours swapped)."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            first, second = diff
            return a[first] == b[second] and a[second] == b[first]
        return len(diff) == 1
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:i] + long[i + 1 :] == short for i in range(len(long))
    )


@functools.lru_cache(maxsize=WORD_CACHE)
def edited_part(part: str) -> tuple[str, float] | None:
    """The likeliest common word one edit from the lowercase ``part`` (not listed
    itself), and its cost as a part of a reading (``EDIT_COST`` added); None if
    there is none."""
    if not _MIN_EDITED_LENGTH - 1 <= len(part) <= _LONGEST_EDITED:
        return None
    index = _edit_index()
    found = set(index.get(part, ()))
    for i in range(len(part)):
        found.update(index.get(part[:i] + part[i + 1 :], ()))
    table = frequencies()
    best = max(
        ((table.get(word, 0), word) for word in found if word != part and _one_edit(word, part)),
        default=None,
    )
    return None if best is None else (best[1], count_cost(best[0]) + EDIT_COST)


def two_edits_word(token: str) -> str | None:
    """The most frequent common word of the edit index (``_MIN_EDITED_COUNT``,
    ``_MIN_EDITED_LENGTH`` letters or more) two edits or fewer from the lowercase
    ``token`` (a letter wrong, lost, added, or two swapped, twice); None if there is
    none. A long token this close to a common word is that word garbled twice
    (`specincally`), not words run together. Some 8,000 lookups: asked only of the
    few tokens left at the end of a search."""
    index = _edit_index()
    found: set[str] = set()
    for edit in _edits(token):
        found.update(index.get(edit, ()))
        for i in range(len(edit)):
            found.update(index.get(edit[:i] + edit[i + 1 :], ()))
    table = frequencies()
    best = max(
        ((table.get(word, 0), word) for word in found if _within_two_edits(word, token)),
        default=None,
    )
    return None if best is None else best[1]


def _within_two_edits(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two edits apart or fewer (optimal string
    alignment: substitutions, deletions, insertions, swaps of neighbours)."""
    if abs(len(a) - len(b)) > 2:
        return False
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(
                row[j] + 1,
                current[j - 1] + 1,
                row[j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[len(b)] <= 2


class EditedReading(NamedTuple):
    """A token read as words, each listed or one edit from a common word: the pieces
    of the token, the words they are read as, and the cost (as ``Segmentation``'s,
    with ``EDIT_COST`` for each edited piece). (A named tuple: a dataclass costs
    every run its definition, and only OCR that loses spaces makes these.)"""

    pieces: tuple[str, ...]
    words: tuple[str, ...]
    cost: float


@functools.lru_cache(maxsize=WORD_CACHE)
def edited_segmentation(token: str, max_parts: int) -> EditedReading | None:
    """The likeliest reading of the lowercase ``token`` as two to ``max_parts``
    words, each a part ``segmentations`` takes or a common word with one edit
    (``edited_part``), by dynamic programming; None if there is none."""
    n = len(token)
    # best[i][k]: the cheapest (cost, cuts, words) for token[:i] in k parts
    best: list[dict[int, tuple[float, tuple[int, ...], tuple[str, ...]]]] = [
        {} for _ in range(n + 1)
    ]
    best[0][0] = (0.0, (), ())
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST_PART), end):
            if not best[start]:
                continue
            piece = token[start:end]
            cost = part_cost(piece)
            word = piece
            if cost is None:
                edited = edited_part(piece)
                if edited is None:
                    continue
                word, cost = edited
            for k, (prior, cuts, read) in best[start].items():
                if k + 1 > max_parts:
                    continue
                total = prior + cost + (_SPLIT_COST if k else 0.0)
                held = best[end].get(k + 1)
                if held is None or total < held[0]:
                    best[end][k + 1] = (total, (*cuts, end), (*read, word))
    found = [entry for k, entry in best[n].items() if k >= 2]
    if not found:
        return None
    cost, cuts, read = min(found)
    pieces = tuple(token[a:b] for a, b in zip((0, *cuts[:-1]), cuts, strict=True))
    return EditedReading(pieces, read, round(cost, 3))


def count_cost(count: int) -> float:
    """The cost (minus log10 of the probability) of a word seen ``count`` times."""
    return math.log10(_TOTAL_COUNT / max(count, 1))


# Older spellings of a listed word (early modern English, as OCR of old books has it):
# (ending, modern ending), tried on a lowercase token.
OLD_ENDINGS = (
    ("e", ""),  # `beene`, `drawne`, `soone`, `heare`
    ("ie", "y"),  # `hastie`, `controversie`
    ("ies", "ys"),
    ("ll", "l"),  # `withall`, `untill`
    ("lle", "l"),
    ("ck", "c"),  # `publick`, `musick`
    ("cke", "ck"),
    ("nne", "n"),  # `sonne`
    ("tt", "t"),
)


def data_lines(path: Path) -> Iterator[str]:
    """The entries of a data file under ``rules/data``: one a line, with `#` to the
    end of the line a comment and blank lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            yield entry


OLDER_WORDS_FILE = Path(__file__).parent / "data" / "older_words.txt"


@functools.cache
def older_words() -> frozenset[str]:
    """Words of older English that read as two modern words (`asmuch`, `somewhile`),
    from ``data/older_words.txt``, read once per process on first use."""
    return frozenset(data_lines(OLDER_WORDS_FILE))


FUNCTION_PAIRS_FILE = Path(__file__).parent / "data" / "function_pairs.txt"


@functools.cache
def function_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of function words that, glued together, are a lost space (`of us`, `and
    when`, `is not`), from ``data/function_pairs.txt``, read once per process on
    first use."""
    pairs = (line.split() for line in data_lines(FUNCTION_PAIRS_FILE))
    return frozenset((pair[0], pair[1]) for pair in pairs if len(pair) == 2)


@functools.lru_cache(maxsize=WORD_CACHE)
def older_spelling_of(word: str) -> str | None:
    """The listed word that the lowercase ``word`` is an older spelling of (`beene` ->
    `been`, `hastie` -> `hasty`, `withall` -> `withal`), the word itself if it is one
    of ``older_words`` (`asmuch`), or None."""
    if word in older_words():
        return word
    for old, modern in OLD_ENDINGS:
        if word.endswith(old) and len(word) - len(old) >= 2:
            variant = word[: len(word) - len(old)] + modern
            if _listed(variant):
                return variant
    return None


OCR_CONFUSIONS_FILE = Path(__file__).parent / "data" / "ocr_confusions.txt"


@functools.cache
def ocr_confusions() -> tuple[tuple[str, str], ...]:
    """Letters OCR reads for others, as (read, true) pairs (`b` for `h`: `tbe`), from
    ``data/ocr_confusions.txt``, read once per process on first use."""
    pairs = (line.split() for line in data_lines(OCR_CONFUSIONS_FILE))
    return tuple((pair[0], pair[1]) for pair in pairs if len(pair) == 2)


class Variant(NamedTuple):
    """A lowercase token with one OCR confusion undone: ``text`` has ``true`` where
    the token has ``read``, at offset ``at`` of the token. (A named tuple: every
    unlisted word of a document gets its variants made, and tuples are made fast.)"""

    text: str
    at: int
    read: str
    true: str


@functools.lru_cache(maxsize=WORD_CACHE)
def ocr_variants(token: str) -> tuple[Variant, ...]:
    """The strings that ``token`` (lowercase) becomes with one OCR confusion of
    ``ocr_confusions`` undone (`tbeking`: `theking`, `tbeklng`...), in the order of
    the list; whether one reads as words is for ``segmentations`` to say."""
    found = []
    for read, true in ocr_confusions():
        at = token.find(read)
        while at >= 0:
            found.append(Variant(token[:at] + true + token[at + len(read) :], at, read, true))
            at = token.find(read, at + 1)
    return tuple(found)
