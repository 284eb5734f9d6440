"""Spelling (SP): misspelled words and doubled words.

Transcripts are full of names, jargon and speech, so a spelling rule that flags every
word a dictionary lacks is useless. These rules follow codespell and typos: they
report only what is almost certainly wrong, and fix only when the correction is
unambiguous. Names (capitalised words), acronyms, words with digits, code, URLs and
every other masked region are never checked.

SP002 knows which repeats are English (`that that`, `had had`, `what it is is`) and,
with `verbatim = true`, which repeats a speaker could have said (`I I think`). SP001
knows a word when the dictionary, the user's `words`, the project lexicon, the
document or the corpus does; the corpus evidence is gathered over the whole run and
``transcript-lint learn`` keeps it in the lexicon's `words` section.

The dictionary is pyspellchecker's English frequency list, loaded once per process
on first use and never at import time.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

from lint.document import Document
from lint.evidence import Gatherer
from lint.fix import Fix, Safety, delete, replace
from lint.masking import TIMING_LINE
from lint.patterns import lazy_re
from lint.records import record
from lint.rule import Availability, Context, Violation, rule
from rules.words import (
    ARTICLES,
    BRITISH_ENDINGS,
    DOUBLING,
    E_DROPPING,
    EXTRA_WORDS,
    LETTERS,
    PREFIXES,
    SUFFIXES,
    VOWELS,
    WORD_CACHE,
    Y_SUFFIXES,
    data_lines,
    frequencies,
    lowered,
)

_MIN_BASE = 4  # a shorter base is no evidence (`wat` + `ing`)
_MIN_HALF = 3  # each half of a compound


@functools.lru_cache(maxsize=WORD_CACHE)
def is_dictionary_word(word: str) -> bool:
    """Whether a lowercase word is English: listed, or a regular inflection, British
    spelling or prefixed form of a listed word (`rebased`, `labour`, `unmerged`)."""
    return _listed(word) or _derived(word) or _prefixed(word)


def _listed(word: str) -> bool:
    return word in frequencies() or word in EXTRA_WORDS


def _base(word: str) -> bool:
    """A base form an inflection can be built on: listed, and long enough to be
    evidence (`wat` + `ing` is no word)."""
    return len(word) >= _MIN_BASE and _listed(word)


def _derived(word: str) -> bool:
    return _inflected(word) or _british(word)


def _inflected(word: str) -> bool:
    """A base and one regular ending: `themed`, `attaches`, `tidied`, `stopped`."""
    for suffix in SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if suffix in Y_SUFFIXES:
            bases = [stem, stem + "y"]
        else:
            bases = [stem]
            if suffix in E_DROPPING:
                bases.append(stem + "e")
            if suffix in DOUBLING and len(stem) >= 4 and stem[-1] == stem[-2] not in VOWELS:
                bases.append(stem[:-1])
        if any(_base(base) for base in bases):
            return True
    return False


def _british(word: str) -> bool:
    for british, american in BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 1:
            variant = word[: -len(british)] + american
            if _listed(variant) or _inflected(variant):
                return True
    return False


def _prefixed(word: str) -> bool:
    for prefix in PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and (_listed(rest) or _derived(rest)):
            return True
    return False


def _is_compound(word: str) -> bool:
    """Two dictionary words of three letters or more written as one (`callout`):
    jargon, or a lost space that the merged-word rules judge."""
    return any(
        is_dictionary_word(word[:cut]) and is_dictionary_word(word[cut:])
        for cut in range(_MIN_HALF, len(word) - _MIN_HALF + 1)
    )


# -- SP001 --------------------------------------------------------------------------------

# A lowercase ASCII word of five letters or more: the cheap scan. The few words it
# finds that no source knows are then located with their neighbours checked, so a
# word that is part of an identifier, a path, a handle, a hyphenated compound or a
# contraction (`chillin'`, `don'ts`) is left alone.
_LOWER_WORD = lazy_re(r"\b[a-z]{5,}\b")
_JOINED = frozenset("'’@#/\\$%&*+=<>~^`-")
# Characters stripped from the ends of a whitespace-separated token for the evidence.
_PUNCTUATION = "\"'“”‘’()[]{}<>*_.,;:!?…—–-/\\|~^`#@$%&+="
_ELONGATED = lazy_re(r"(.)\1\1")
_MIN_CANDIDATE_FREQUENCY = 1000  # a correction is a common word
_MIN_CANDIDATE_LENGTH = 4
_CLEAR_MARGIN = 10  # the best correction is this many times as common as the next
_MIN_FILES = 2  # a word in this many files of the corpus is the corpus' vocabulary
_MAX_SHOWN = 3


@functools.lru_cache(maxsize=WORD_CACHE)
def corrections(word: str) -> tuple[str, ...]:
    """Common words one edit inside ``word`` away, most frequent first.

    Only edits that leave the first and the last letter alone are tried: typists
    rarely get those wrong, while words that differ from a common word at an edge are
    mostly real (a prefix, a plural, a clipped form such as `improv`).
    """
    table = frequencies()
    n = len(word)
    found: set[str] = set()
    for i in range(1, n):
        found.update(word[:i] + c + word[i:] for c in LETTERS)  # a letter left out
    for i in range(1, n - 1):
        found.add(word[:i] + word[i + 1 :])  # a letter too many
        found.update(word[:i] + c + word[i + 1 :] for c in LETTERS)  # a wrong letter
        if i < n - 2:
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped letters
    found.discard(word)
    candidates = [
        c
        for c in found
        if len(c) >= _MIN_CANDIDATE_LENGTH and table.get(c, 0) >= _MIN_CANDIDATE_FREQUENCY
    ]
    return tuple(sorted(candidates, key=lambda c: (-table[c], c)))


def _gather_unknown_words(doc: Document) -> Counter[str]:
    """Each word the dictionary lacks, once per document, as written (`eBPF`,
    `Zhijun`): summed over a corpus, the number of files that use it."""
    tokens = {token.strip(_PUNCTUATION) for token in doc.token_types}
    return Counter(
        {
            word: 1
            for word in tokens
            if len(word) >= 2 and word.isalpha() and not is_dictionary_word(word.lower())
        }
    )


def _learn_words(counts: Counter[str], documents: int) -> Mapping[str, int]:
    return {word: n for word, n in counts.items() if n >= _MIN_FILES}


UNKNOWN_WORDS = Gatherer("unknown-words", _gather_unknown_words, "words", _learn_words)


@rule(
    "SP001",
    "misspelled-word",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE, Safety.DISPLAY_ONLY),
    default=False,
    evidence=(UNKNOWN_WORDS,),
)
def misspelled_word(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A word no source knows, one typing slip away from a common word: `becase`.

    ## What it does
    Finds a lowercase word of five letters or more that is unknown everywhere: not
    in the dictionary (pyspellchecker's English list, with regular inflections,
    British spellings and common prefixes), not in the `words` setting or the
    lexicon's `words` section, not used twice in the document, not used in two files
    of the corpus, and not two dictionary words written together (those are jargon or
    a lost space, which the merged-word rules judge). It is reported only when a
    common word is one edit away, an edit that leaves the first and last letters
    alone (a letter left out, one too many, a wrong letter, two letters swapped).

    Never checked: capitalised words (names mid-sentence, and maybe names at the
    start of one), acronyms, words with digits, apostrophes or hyphens, identifiers
    (`snake_case`, `camelCase`, `obj.attr`), words in single quotes, elongations
    (`soooo`), code, URLs and every other masked region.

    Off by default. Measured on a corpus of 250 real transcripts (podcasts full of
    software jargon, and the Congressional Record), 7 of 17 hits were misspellings:
    precision 0.41, below the 0.95 required to be on by default. The wrong hits are
    jargon, slang and names the dictionary lacks. Turn it on with a lexicon learned
    from your corpus (`transcript-lint learn`) and your own `words`.

    ## Why is this bad?
    A misspelled word is missed by search and read wrongly by people and models.

    ## Example
    ```text
    We waited becase the hall was full.
    ```
    Use instead:
    ```text
    We waited because the hall was full.
    ```

    ## Fix safety
    Unsafe when there is one clear correction (the only candidate, or ten times as
    common as the next): the word may be a name or a term the dictionary lacks.
    Display-only when several corrections are close: the message lists them.
    """
    masked = doc.masked
    # The table is asked once, of the set of word types, not once per token.
    counts = Counter(_LOWER_WORD.findall(masked))
    unlisted = frequencies().unlisted(set(counts))
    unknown = {word: count for word, count in counts.items() if word in unlisted}
    if not unknown:
        return
    accepted = lowered(ctx.words) | lowered(ctx.lexicon.keys("words"))
    corpus = ctx.evidence.get(UNKNOWN_WORDS.name)
    misspelled: dict[str, tuple[str, ...]] = {}  # word -> its corrections
    for word, count in unknown.items():
        if count > 1 or word in accepted or word in EXTRA_WORDS:
            continue
        if corpus[word] + corpus[word.capitalize()] + corpus[word.upper()] >= _MIN_FILES:
            continue
        if is_dictionary_word(word) or _ELONGATED.search(word) or _is_compound(word):
            continue
        candidates = corrections(word)
        if candidates:
            misspelled[word] = candidates
    if not misspelled:
        return
    # Each word occurs once: one more scan finds them all, where a search per word
    # read the whole text again for each (quadratic on a long OCR page).
    for match in _LOWER_WORD.finditer(masked):
        word = match.group()
        if word not in misspelled:
            continue
        start, end = match.span()
        if masked[start - 1 : start] in _JOINED or masked[end : end + 1] in _JOINED:
            continue
        if masked[start - 2 : start - 1].isalnum() and masked[start - 1 : start] == ".":
            continue  # `obj.attr`
        if masked[end : end + 1] == "." and masked[end + 1 : end + 2].isalnum():
            continue  # `name.attr`, `file.ext`
        yield Violation(start, end, *_misspelling(word, misspelled[word], start, end))


def _misspelling(word: str, candidates: tuple[str, ...], start: int, end: int) -> tuple[str, Fix]:
    """The message and fix for a misspelled word: unsafe with one clear correction
    (the only one, or ten times as common as the next), display-only otherwise."""
    table = frequencies()
    best = candidates[0]
    if len(candidates) == 1 or table[best] >= _CLEAR_MARGIN * table[candidates[1]]:
        fix = replace(start, end, best, Safety.UNSAFE, f"Replace with '{best}'")
        return f"Unknown word '{word}'; did you mean '{best}'?", fix
    listed = ", ".join(f"'{c}'" for c in candidates[:_MAX_SHOWN])
    fix = replace(start, end, best, Safety.DISPLAY_ONLY, f"Replace with one of {listed}")
    return f"Unknown word '{word}'; did you mean one of {listed}?", fix


# -- SP002 --------------------------------------------------------------------------------

# A cheap scan for a word followed by the same word (any case) after spaces and at
# most one line break; everything else is decided on the few candidates it finds.
_DOUBLED = lazy_re(
    r"\b([^\W\d_]++(?:['’][^\W\d_]++)*+)"
    r"([ \t]++(?:\r\n|\r|\n)?+[ \t]*+|(?:\r\n|\r|\n)[ \t]*+)\1\b",
    re.IGNORECASE,
)
_WORD_BEFORE = lazy_re(r"([^\W\d_]+(?:['’][^\W\d_]+)*)?([^\w]*)\Z")
_WORD_AFTER = lazy_re(r"[ \t]*([^\W\d_]+)")
_CLAUSE_END = lazy_re(r"[.?!;:]|\n[ \t]*\n")
_CLAUSE_WORD = lazy_re(r"[^\W\d_]+")
_LINE_BREAK = lazy_re(r"\r\n|\r|\n")
_BLANK_LINE = lazy_re(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_JOINERS = frozenset("-_/@#\\")
_APOSTROPHES = frozenset("'’")
_QUOTE_PAIRS = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "`": "`"}
_CLOSING_PUNCTUATION = frozenset('?!.,;:"”’)]…')
_LOOKBACK = 200
_WORD_WINDOW = 48  # characters: the word before a pair and the gap after it

PREPOSITIONS = frozenset(
    """
    about above across after against along among around at before behind below beneath
    beside between beyond by down during for from in inside into near of off on onto
    out outside over past since through throughout to toward towards under until up
    upon with within without
    """.split()
)
_CONJUNCTIONS = frozenset(
    "and but or nor so yet because if though although while whereas unless".split()
)
_PRONOUNS = frozenset(
    """
    i you he she it we they me him us them my your his its our their this these those
    that who what which there here one
    """.split()
)
_AUXILIARIES = frozenset(
    """
    is are was were be been being am has have had do does did will would shall should
    can could may might must
    """.split()
)
# Words a speaker repeats while finding the next one: with the closed classes above,
# the repeats `verbatim = true` keeps.
_HESITATION_WORDS = frozenset(
    """
    just like really so well actually basically literally kind sort maybe now then also
    even still only know mean um uh er yeah okay ok right very pretty quite not no all
    some any more much many too how why where when what
    """.split()
)
# Repeats that are meant (`that that`, `bye bye`, `wild wild west`): see the file.
INTENDED_REPEATS_FILE = Path(__file__).parent / "data" / "intended_repeats.txt"
_Context = tuple[tuple[str, ...], tuple[str, ...]]  # the words before and after a pair
# A copula or auxiliary after a clause that ends in one: `what it is is`, `the problem
# they have has`, `the question was was there`.
_CLAUSE_VERBS = frozenset({"is", "was", "are", "were", "has", "have", "does", "did"})
_CLAUSE_MARKERS = frozenset(
    """
    what where when why how who whoever whatever which that all thing things point
    problem problems question questions issue reason idea truth fact trick key catch
    difference answer one ones
    """.split()
)
# Verbs that take a person and then a clause: `I told you you were right`.
_TELLING_VERBS = frozenset(
    """
    tell told tells telling show showed shows remind reminded reminds bet promise
    promised assure assured warn warned ask asked teach taught thank give gave let
    """.split()
)
# Words after which `of` is stranded: `the one thing I'm proud of, of all of them`.
_OF_STRANDERS = frozenset(
    """
    proud afraid aware sure think thinking thought heard hear made consist consists
    dream dreamed dreaming capable fond tired sick scared ashamed rid care fan part kind
    sort all most some none one any both many much few several lot bunch
    instead ahead full short know knew known speak spoke spoken talk talked talking
    approve remind reminded conscious jealous guilty free clear
    """.split()
)
_OF_FOLLOWERS = frozenset({"course", "all"})
_DETERMINERS = frozenset("a an the this that my your his her its our their".split())
# Words a preposition cannot be stranded after or be a particle of (`and in in the`);
# after any other word (`looked at at`, `put it in in`) a repeat may be English.
_BEFORE_NO_PARTICLE = (
    ARTICLES
    | PREPOSITIONS
    | _CONJUNCTIONS
    | _AUXILIARIES
    | frozenset({"i", "we", "they", "he", "she"})
)


@functools.cache
def intended_repeats() -> dict[str, tuple[_Context, ...]]:
    """Each word of ``data/intended_repeats.txt`` -> the contexts in which its repeat
    is meant (an empty context: everywhere), read once per process on first use."""
    contexts: dict[str, list[_Context]] = {}
    for line in data_lines(INTENDED_REPEATS_FILE):
        words = line.lower().split()
        pair = next((i for i in range(len(words) - 1) if words[i] == words[i + 1]), None)
        if pair is not None:
            context = (tuple(words[:pair]), tuple(words[pair + 2 :]))
            contexts.setdefault(words[pair], []).append(context)
    return {word: tuple(found) for word, found in contexts.items()}


def _is_intended(word: str, before: list[str], after: list[str]) -> bool:
    """Whether the data file lists the repeat of ``word`` with the words around it
    (``before`` the pair, in order, and ``after`` it), all in lower case."""
    for words_before, words_after in intended_repeats().get(word, ()):
        if (not words_before or tuple(before[-len(words_before) :]) == words_before) and tuple(
            after[: len(words_after)]
        ) == words_after:
            return True
    return False


def _closed_class(word: str) -> bool:
    """Articles, prepositions, conjunctions, pronouns, auxiliaries and hesitation
    words, and their contractions (`it's`, `don't`, `we're`)."""
    base = re.split(r"['’]", word, maxsplit=1)[0]
    if word.endswith(("n't", "n’t")):
        base = base[:-1] if base.endswith("n") else base
    return any(
        base in words
        for words in (
            ARTICLES,
            PREPOSITIONS,
            _CONJUNCTIONS,
            _PRONOUNS,
            _AUXILIARIES,
            _HESITATION_WORDS,
        )
    )


def _is_slip(
    word: str, previous: str | None, following: str, clause: frozenset[str], verbatim: bool
) -> bool:
    """Whether two equal words in a row are a slip: not English, and not speech that
    ``verbatim`` keeps.

    ``word`` is the repeated word in lowercase, ``previous`` the lowercase word just
    before the pair in the same clause (None at a clause start), ``following`` the
    text just after the pair, ``clause`` the lowercase words of the clause before it.
    """
    if word.endswith(("'s", "’s")) and not _closed_class(word):
        return False  # a chain of possessives: `my dad's dad's car`
    if word in _CLAUSE_VERBS and clause & _CLAUSE_MARKERS:
        return False
    if word in _AUXILIARIES and previous in _DETERMINERS:
        return False  # a noun, then the verb: `the will will be read`
    if word == "you" and previous in _TELLING_VERBS:
        return False
    if word == "of":
        if previous in _OF_STRANDERS or _next_word(following) in _OF_FOLLOWERS:
            return False
    elif word in PREPOSITIONS and previous is not None and previous not in _BEFORE_NO_PARTICLE:
        return False  # a stranded preposition or a particle: `what I looked at at the time`
    if not _closed_class(word):
        if len(word) < 4:
            return False  # emphasis, or an adjective before a compound: `a big big deal`
        if following[:1] in _CLOSING_PUNCTUATION:
            return False  # contrastive focus: `is that engineering engineering?`
        if previous == word or _next_word(following) == word:
            return False  # three or more: a chant or a list, `typey, typey typey`
    return not (verbatim and _closed_class(word))  # a speaker could have said it


def _next_word(following: str) -> str:
    match = _WORD_AFTER.match(following)
    return match.group(1).lower() if match else ""


def _same_word(first: str, second: str, sentence_start: bool) -> bool:
    """Whether two spellings of a word are a repeat rather than a name or title:
    `the the`, `The the` at a sentence start, `THE THE`, `I I`; not `Judge Judge`,
    `Walla Walla`, `Will will` or `the The`."""
    if first == second:
        if first == "I" or first.islower():
            return True
        if first.isupper():
            return _closed_class(first.lower())
        return False
    return sentence_start and second.islower() and first == second.capitalize()


@rule(
    "SP002",
    "doubled-word",
    fix=Availability.SOMETIMES,
    safety=(Safety.UNSAFE,),
)
def doubled_word(doc: Document, ctx: Context) -> Iterator[Violation]:
    """The same word twice in a row: `the the`, `of of`, `and and`.

    ## What it does
    Finds a word repeated after spaces or one line break (also from one subtitle cue
    to the next), in any case at a sentence start (`The the`). Punctuation between
    the two (`the, the`), a blank line, a masked region (code, a URL, an annotation,
    a timestamp) or a speaker label breaks a pair.

    Left alone, because they are meant:
    - the repeats listed in `rules/data/intended_repeats.txt`, alone (`that that`,
      `had had`, `not not`, `very very`, `bye bye`, `knock knock`) or with the words
      around them (`the wild wild west`, `we do this this year`);
    - a verb after a clause that ends in it: `what it is is`, `the point is is`,
      `the problem they have has`, and a noun that is also a verb: `the will will`;
    - `you you` after a verb such as `told`;
    - a stranded preposition or a particle after a word that can take one: `what I
      looked at at the time`, `log in in the corner`, `proud of of all`, `of of
      course`;
    - reduplication for emphasis or sound: `very very`, `no no`, `bye bye`, `ha ha`;
    - a content word shorter than four letters (`a big big deal`, `new new hires`),
      repeated before punctuation (`is it engineering engineering?`) or three times
      or more (`typey, typey typey`), and possessive chains (`dad's dad's`);
    - names and titles: both words capitalised (`Walla Walla`, `Judge Judge`), or only
      the second (`the The`);
    - a quotation and the word after it (`his 'lucky hat' hat`), and a pair that is
      all a quotation holds, a mention (`he typed "the the"`);
    - single letters among single letters: letter-spaced text (`S E R M O N S`).

    With `verbatim = true`, the repeats a speaker makes while finding the next word
    are kept as well: any article, preposition, conjunction, pronoun, auxiliary or
    hesitation word (`I I think`, `just just`, `the the`). Only the repeat of a
    content word (`system system`), more often a typing slip, is reported.

    In subtitles (`.srt`, `.vtt`) and with `verbatim = true`, a finding has no fix:
    what was said is the record, and only someone who hears the recording can tell
    a slip of the typist from a word said twice.

    ## Why is this bad?
    A doubled word is a typing or editing slip (or, in a clean-read transcript, a
    stammer the editor meant to remove). It reads as an error and breaks phrase
    search.

    ## Example
    ```text
    We will publish the the report on Monday.
    ```
    Use instead:
    ```text
    We will publish the report on Monday.
    ```

    ## Fix safety
    Unsafe: the second word is deleted (with the space before it; across a line
    break, with the space after it, so lines keep their shape), and a safe fix never
    deletes a word. Even `the the` may be a speaker's repeat that a verbatim
    transcript keeps, or a name (`The The`). No fix in subtitles and with
    `verbatim = true`: a spoken word is never deleted.
    """
    for match in _DOUBLED.finditer(doc.masked):
        first_start, first_end = match.span(1)
        second_start, second_end = match.end(2), match.end()
        if doc.is_protected(first_start, second_end):
            continue
        yield from _doubled_at(doc, ctx, first_start, first_end, second_start, second_end)
    if doc.format.is_subtitles:
        for first_start, first_end, second_start, second_end in _cue_boundary_pairs(doc):
            yield from _doubled_at(doc, ctx, first_start, first_end, second_start, second_end)


def _doubled_at(
    doc: Document,
    ctx: Context,
    first_start: int,
    first_end: int,
    second_start: int,
    second_end: int,
) -> Iterator[Violation]:
    text, masked = doc.text, doc.masked
    first, second = text[first_start:first_end], text[second_start:second_end]
    if first.lower() != second.lower():
        return
    before = masked[max(0, first_start - _LOOKBACK) : first_start]
    after = masked[second_end : second_end + 2]
    if _joined(before[-2:]) or _joined(after[::-1]):
        return  # part of a compound, a contraction, a path or an identifier
    # Only the tail can hold the word before: searching all of `before` is quadratic.
    previous_match = _WORD_BEFORE.search(before, max(0, len(before) - _WORD_WINDOW))
    previous_word = previous_match.group(1) if previous_match else None
    gap = previous_match.group(2) if previous_match else ""
    sentence_start = (
        previous_word is None or bool(gap.strip(" \t\r\n,")) or bool(_BLANK_LINE.search(gap))
    )
    if not _same_word(first, second, sentence_start):
        return
    clause_text = _CLAUSE_END.split(before)[-1]
    clause_words = _CLAUSE_WORD.findall(clause_text.lower())
    previous = None if sentence_start or previous_word is None else previous_word.lower()
    following = masked[second_end : second_end + 40]
    word = second.lower()
    if _is_intended(word, clause_words, _CLAUSE_WORD.findall(following.lower())):
        return
    if len(word) == 1 and _letter_spaced(previous_word, following):
        return  # `S E R M O N S`, `I I I` for `!!!`: spaced-out letters, not words
    if _quoted_mention(text, first_start, second_end):
        return
    if not _is_slip(word, previous, following, frozenset(clause_words), ctx.verbatim):
        return
    pair = f"{first} {second}"
    if ctx.verbatim or doc.format.is_subtitles:
        # What was said is the record: a spoken word is never deleted by a fix.
        yield Violation(first_start, second_end, f"Doubled word '{pair}' (check the recording)")
        return
    span = _deletion(doc, first_end, second_start, second_end)
    fix = delete(*span, Safety.UNSAFE, f"Delete the second '{second}'")
    yield Violation(first_start, second_end, f"Doubled word '{pair}'", fix)


def _letter_spaced(previous_word: str | None, following: str) -> bool:
    """Whether a one-letter pair stands among more single letters."""
    after = _WORD_AFTER.match(following)
    return (previous_word is not None and len(previous_word) == 1) or (
        after is not None and len(after.group(1)) == 1
    )


def _quoted_mention(text: str, start: int, end: int) -> bool:
    """Whether the pair is all a quotation holds: a mention, `he typed "the the"`."""
    opening, closing = text[start - 1 : start], text[end : end + 1]
    return bool(opening) and _QUOTE_PAIRS.get(opening) == closing


def _joined(pair: str) -> bool:
    """Whether the character next to a word (``pair[1]``, read outwards: ``pair[0]``
    is the one beyond it) joins it to more: `well-the`, `foo.the`, `there's`."""
    if len(pair) < 2:
        return pair in _JOINERS
    beyond, next_to = pair[0], pair[1]
    if next_to in _JOINERS:
        return True
    return next_to in _APOSTROPHES | {"."} and beyond.isalnum()


def _deletion(doc: Document, first_end: int, second_start: int, second_end: int) -> tuple[int, int]:
    """What to delete: the second word and the gap before it on one line; across a
    line break the second word and the spaces after it, so no lines are joined."""
    text = doc.text
    if not _LINE_BREAK.search(text, first_end, second_start):
        return first_end, second_end
    line_end = doc.line_span(doc.line_of(second_end))[1]
    rest = text[second_end:line_end]
    words_follow = rest.lstrip(" \t")
    if words_follow[:1].isalnum():
        return second_start, second_end + len(rest) - len(words_follow)
    return first_end, second_end  # only punctuation follows: join it to the line above


def _cue_boundary_pairs(doc: Document) -> Iterator[tuple[int, int, int, int]]:
    """The last word of each cue and the first word of the next one, when nothing but
    the cue structure lies between them."""
    text, masked = doc.text, doc.masked
    for timing in TIMING_LINE.finditer(text):
        after = _WORD_AFTER.match(masked, timing.end() + _newline_length(text, timing.end()))
        if after is None:
            continue
        second_start, second_end = after.span(1)
        previous = _WORD_BEFORE.search(masked, max(0, timing.start() - _LOOKBACK), timing.start())
        if previous is None or previous.group(1) is None or previous.group(2).strip():
            continue
        first_start, first_end = previous.span(1)
        # Between them: the end of the cue's last line, blank lines, and maybe a cue
        # number or identifier right above the timing; anything else (a WebVTT NOTE,
        # a closing tag) is not a plain cue boundary.
        lines = _LINE_BREAK.split(text[first_end : timing.start()])[:-1]
        if lines and lines[-1].strip():
            lines.pop()
        if len(lines) < 2 or any(line.strip() for line in lines):
            continue
        yield first_start, first_end, second_start, second_end


def _newline_length(text: str, at: int) -> int:
    if text.startswith("\r\n", at):
        return 2
    return 1 if text[at : at + 1] in ("\n", "\r") else 0


# -- SP003 --------------------------------------------------------------------------------

STRIPPED_APOSTROPHES_FILE = Path(__file__).parent / "data" / "stripped_apostrophes.txt"
# A contraction or possessive written with its apostrophe: the document's evidence.
_WITH_APOSTROPHE = lazy_re(r"[^\W\d_]['’](?:t|s|re|ve|ll|d|m)\b", re.IGNORECASE)
_NOT_BEFORE = frozenset("-‐‑_/@#\\'’")
_SHORT_ACRONYM = 3  # `IM`, `IVE` in capitals are more often acronyms
_NOUN_BEFORE = _DETERMINERS | frozenset({"as", "is", "was", "pure", "mere"})


@record(frozen=True, slots=True)
class StrippedForms:
    """The contractions of ``data/stripped_apostrophes.txt``: each stripped form and
    its contraction, and which of them are also rare words."""

    contractions: dict[str, str]
    strict: frozenset[str]
    # The words (runs of `\w`, lower case) such a token holds: the form, maybe with
    # the `_` of an opening or closing (`_dont_`).
    words: frozenset[str]


# Punctuation a token may carry before and after a word (`(dont`, `dont?”`).
_TOKEN_OPENINGS = ("", '"', "“", "‘", "(", "[", "*", "_")
_TOKEN_CLOSINGS = tuple(
    end + quote
    for end in ("", ".", ",", "?", "!", ";", ":", "...", "…", "--", "—", ")", "]", "*", "_")
    for quote in ("", '"', "”", "’", "'", ")")
)


@functools.lru_cache(maxsize=256)
def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds these stripped forms as words, in any case."""
    return re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE)


@functools.cache
def stripped_forms() -> StrippedForms:
    """The stripped contractions, read once per process on first use."""
    contractions: dict[str, str] = {}
    strict: set[str] = set()
    section = ""
    for line in data_lines(STRIPPED_APOSTROPHES_FILE):
        fields = line.split()
        if len(fields) == 1 and fields[0].startswith("["):
            section = fields[0]
        elif len(fields) == 2:
            contractions[fields[0]] = fields[1]
            if section == "[strict]":
                strict.add(fields[0])
    words = frozenset(
        f"{opening}{form}{closing}"
        for form in contractions
        for opening in ("", "_")
        for closing in ("", "_")
    )
    return StrippedForms(contractions, frozenset(strict), words)


@functools.cache
def stripped_tokens() -> frozenset[str]:
    """Each stripped form as a whitespace-separated token can be written, in lower
    case: alone or with punctuation around it (`dont,`, `“dont`, `dont?”`). Some
    33,000 strings, built on first need: most documents hold no form at all."""
    return frozenset(
        f"{opening}{form}{closing}"
        for form in stripped_forms().contractions
        for opening in _TOKEN_OPENINGS
        for closing in _TOKEN_CLOSINGS
    )


def _with_case_of(token: str, contraction: str) -> str:
    """The contraction in the case of the token: `Dont` -> `Don't`, `DONT` -> `DON'T`,
    and `I` always capital (`ive` -> `I've`)."""
    if token.isupper() and len(token) > 1:
        return contraction.upper()
    if token[0].isupper() or contraction.startswith("i'"):
        return contraction[0].upper() + contraction[1:]
    return contraction


@rule(
    "SP003",
    "stripped-apostrophe",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE,),
    triggers=_APOSTROPHES,  # without one, no contraction is written with its apostrophe
)
def stripped_apostrophe(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A contraction without its apostrophe: `dont`, `theyre`, `Ive`.

    ## What it does
    Finds a contraction written without its apostrophe in a document that writes
    apostrophes in its other contractions and possessives (`don't`, `we're`,
    `Jane's`), as captions and speech-to-text output often do. The forms are listed
    in `rules/data/stripped_apostrophes.txt`; only forms that are no English word
    are listed (`dont`, `didnt`, `theyre`, `youve`, `Im`, `Ive`). `ill`, `were`,
    `well`, `its`, `shell`, `hell`, `id`, `wed`, `shed` and `lets` are words and are
    never reported. `wont` and `cant` are rare words (`as was his wont`), so they are
    reported only where the document writes `won't` or `can't` itself, and not after
    a determiner (`his wont`) or before `to` (`wont to`).

    A document with no apostrophe in any contraction is left alone: it follows a
    style of its own, and every finding would be the same. Capitalised forms next to
    another capitalised word are names (`Jony Ive`, `Im Dong-hyun`). Code, URLs and
    identifiers (`dont_care`, `#dont`) are never checked.

    ## Why is this bad?
    The word is missed by search and by readers' eyes (`Ill`, `Id`), models and
    spelling tools take it for a typo, and one document ends up spelling a word two
    ways.

    ## Example
    ```text
    We don't know yet. They said they dont have it.
    ```
    Use instead:
    ```text
    We don't know yet. They said they don't have it.
    ```

    ## Fix safety
    Unsafe: the apostrophe is inserted, in the style the document uses most (`'` or
    `’`), keeping the case; a name or a quoted misspelling could prove it wrong.
    """
    masked = doc.masked
    forms = stripped_forms()
    # Most documents have none of the forms: their word counts (shared with the
    # casing rules) tell at once. Then the tokens against every way a form can be
    # written as one, all in C, and the text is searched only for the forms found.
    if doc.vocabulary.keys().isdisjoint(forms.words):
        return
    lowered = doc.lowered
    present = stripped_tokens().intersection(lowered.split())
    if not present or not _WITH_APOSTROPHE.search(masked):
        return
    found = sorted({token.strip(_PUNCTUATION) for token in present})
    hits = list(_forms_pattern(tuple(found)).finditer(masked))
    apostrophe = "’" if masked.count("’") > masked.count("'") else "'"
    lowered_text: str | None = None
    written_here: dict[str, bool] = {}  # contraction -> whether the text writes it
    for hit in hits:
        start, end = hit.span()
        token = hit.group()
        if masked[start - 1 : start] in _NOT_BEFORE or masked[end : end + 1] in _NOT_BEFORE:
            continue
        if masked[end : end + 1] == "." and masked[end + 1 : end + 2].isalnum():
            continue  # `dont.txt`, `obj.dont`
        if token.isupper():
            if len(token) <= _SHORT_ACRONYM:
                continue
        elif not (token.islower() or token[1:].islower()):
            continue  # `iM`, `DonT`: noise, not a word
        elif token[0].isupper() and _next_to_a_name(masked, start, end):
            continue
        key = token.lower()
        contraction = forms.contractions[key]
        if key in forms.strict:
            if lowered_text is None:
                lowered_text = lowered.replace("’", "'")
            written = written_here.get(contraction)
            if written is None:  # asked once per contraction, not once per hit
                written = written_here[contraction] = contraction in lowered_text
            if not written or not _reads_as_contraction(masked, start, end):
                continue
            following = _WORD_AFTER.match(masked, end)
            if following is not None and is_dictionary_word(key + following.group(1).lower()):
                continue  # a word broken after its prefix: `im mediately`
        fixed = _with_case_of(token, contraction).replace("'", apostrophe)
        yield Violation(
            start,
            end,
            f"Apostrophe missing: '{token}' for '{fixed}'",
            replace(start, end, fixed, Safety.UNSAFE, f"Write '{fixed}'"),
        )


def _next_to_a_name(masked: str, start: int, end: int) -> bool:
    """Whether the word before (on the same sentence) or after is capitalised."""
    before = _WORD_BEFORE.search(masked, max(0, start - _WORD_WINDOW), start)
    if (
        before is not None
        and before.group(1)
        and not before.group(2).strip(" \t")
        and before.group(1)[0].isupper()
    ):
        return True
    after = _WORD_AFTER.match(masked, end)
    return after is not None and after.group(1)[0].isupper()


def _reads_as_contraction(masked: str, start: int, end: int) -> bool:
    """For `wont` and `cant`: not after a determiner (`his wont`), not before `to`."""
    before = _WORD_BEFORE.search(masked, max(0, start - _WORD_WINDOW), start)
    if before is not None and before.group(1) and before.group(1).lower() in _NOUN_BEFORE:
        return False
    return _next_word(masked[end : end + _WORD_WINDOW]) != "to"
