"""Merged words (MW): words that lost the space between them.

Scrapers join the text of adjacent page blocks (`industrialInternet`, `China
SCIOUpdated`), OCR and hand typing drop spaces (`thescale`, `rolehas`, `ofthe`,
`internet.Guided`, `know,first`), and joined line-break hyphenation leaves a hyphen
and a space inside a word (`scare- mongering`). The artifact is easy to describe and
hard to find without breaking real words: a dictionary cannot tell `thescale` from
`blockchain`, a case change cannot tell `industrialInternet` from `iPhone` or
`userAgent`, and a period before a capital cannot tell `internet.Guided` from
`string.Template`. Segmenters that split every unknown token split real words
(`WeChat`, `dataset`, `Shenzhen`), and a rule that does that gets switched off.

So these rules are built for precision. Each one flags only a shape that real words
rarely have, and asks for evidence before it flags:

- a join has a function word on one side (`the`+`scale`, `role`+`has`, `of`+`the`):
  coined compounds join two content words (`block`+`chain`), so those are left to
  the spelling rules;
- the document itself: `industrial Internet` written with its space elsewhere makes
  `industrialInternet` a join; a token that recurs, always joined, or is also
  written capitalised, is a name;
- the second word is one that starts sentences (`The`, `Yeah`, `However`), which no
  brand or code member is named after;
- where a join shape is common in real words, more evidence of the same kind: a
  short function word (`in`, `is`, `to`) also begins and ends words and names
  (`begin`, `redis`, `modesto`), so a join with one needs a common word of four
  letters on the other side and no sign of a word of its own (`talkin`, `jetson`,
  `isalive`); after a period, a plural or a determiner (`expected.Margins`,
  `factories.Last`) starts a sentence only in a document with no sign of code,
  because modules name their members with nouns (`strings.Builder`); and a title
  glued to a greeting (`productionWelcome back`) only at the start of a paragraph.

Beyond the lists, MW002 reads unknown tokens with a segmenter over word
frequencies (`words.segmentations`): the likeliest reading as words, kept only when
it has the shape of a join (function words in it, common content words), the
token is no word of its own (an older spelling, a misspelling far likelier than the
reading), and the document does not treat it as a name. Every answer is cached per
token type, so a run pays for each distinct token once.

The detectors read the masked text, so URLs, e-mail addresses, domains and file
names (`china.org.cn`, `GoTime.fm`, `README.md`), timestamps, annotations and code
are never seen. The user's `words` are never split. A split or a joined hyphen is
an unsafe fix (a name could prove it wrong); a space after a comma or a sentence end
between two plain words is safe, because it changes no letter and no identifier is
named like that; when several readings are plausible the fix is display-only.
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from typing import NamedTuple

import regex

from lint.document import Document
from lint.fix import Safety, replace
from lint.patterns import lazy_re, lazy_regex
from lint.rule import Availability, Context, Violation, rule
from rules import words

# -- shared word lists --------------------------------------------------------------

# Words that begin sentences (and page blocks), capitalised. Nobody names a brand, a
# class or a method `The` or `Yeah`, so one glued after a word is a lost break.
SENTENCE_STARTERS = frozenset(
    """
    The This That These Those There Here It Its I We You He She They Our My His Her
    Their But And So Yet Yes Yeah Yep No Nope Okay Oh Well Now Thank Thanks However
    Also Then When What Why How Where Who After Before Since While Although Because
    In On At As For If To From With By A An Let Sure Exactly Absolutely Hey Hi Hello
    Anyway First Second Third Finally Meanwhile Today Currently Right Actually
    Basically Obviously Unfortunately Fortunately Moreover Furthermore Therefore
    Like Another One Some Many Most Both Even Maybe Perhaps Please Under During
    Without Unless Instead Again Still Otherwise Um Uh Ah Wow Cool Great Nice Yup
    Totally Definitely Really Alright Just Did Does Are Was Were Can Could Would
    Should Will Have Had
    """.split()
)
# The commonest starters: after one of these, a space is a safe fix.
SAFE_STARTERS = frozenset(
    "The This That These Those There It I We You He She They But And So Yes Yeah Okay "
    "Thank Thanks Well Now".split()
)
# The starters that no identifier ends with (`forEach`, `assertThat`, `uncurryThis`,
# `andThen` do: `For`, `That`, `This`, `Then` are left out here), and after an
# acronym, the words that start a block of a scraped page (`SCIOUpdated`).
CAMEL_STARTERS = frozenset(
    """
    The These Those There Here We You He She They Our His Her Their My Your But So
    Yes Yeah Okay Thank Thanks However Also Well Meanwhile Finally
    """.split()
)
ACRONYM_STARTERS = CAMEL_STARTERS | frozenset("Updated Published Posted Related Photo".split())
# Months and days: a capitalised word that ends sentences and names no code module.
CALENDAR_WORDS = frozenset(
    """
    January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    """.split()
)
# Modules and packages named with an English word (Go, Python, JavaScript): before
# a dot and a capital they make a name (`strings.Builder`, `string.Template`,
# `errors.New`, `models.Model`), not the end of a sentence.
MODULE_NAMES = frozenset(
    """
    archive atomic big binary bits build bytes calendar collections color console
    constant context copy crypto database debug decimal document draw email encoding
    enum errors event exec flag format forms hash heap html http image index inspect
    json list locale log logging maps math mock models net numbers operator parser
    path platform plugin printer process queue rand random react reflect require ring
    runtime secrets select signal slices socket sort sql statistics string strings
    struct suite sync template testing text threading time token trace types typing
    unicode unique unsafe url user views warnings window xml
    """.split()
)
# After a period, words that open a sentence and name no member of a module, other
# than SENTENCE_STARTERS: determiners, time words, questions, imperatives
# (`factories.Last year`, `December.Is the vaccine`, `weeks.Take the bus`); plural
# nouns open sentences too (`expected.Margins`).
OPENERS = frozenset(
    """
    A Last Next Several Few Each Every Such Other Others Yesterday Tomorrow Tonight
    Recently Later Earlier Nothing Everyone Everybody Nobody Someone Something
    Everything Whether Though Despite Among Is Do
    Take Let Look See Make Keep Remember Consider Imagine Note Think Try Come Tell Ask
    Listen Stay Visit
    """.split()
)
# Members that a module names with a plural or a participle (`strings.Fields`,
# `url.Values`, `typing.Annotated`): not the start of a sentence.
TYPE_WORDS = frozenset(
    """
    Annotated Required Deferred Args Errors Fields Headers Items Keys Options Params
    Positions Results Settings Types Values
    """.split()
)
# Prepositions and a conjunction that start no identifier's name (`forEach`, `toString`,
# `inOrder`, `andThen` do, but after them a capitalised word is no member of a module
# when the document uses it as a name in a sentence: `ofEaster`, `byLady`, `inKent`).
NAME_HEADS = frozenset("of and by at for in upon unto into towards".split())
PLACE_HEADS = NAME_HEADS - {"and", "for", "in"}  # that start no identifier's name
# The first words of identifiers (`getSource`, `createServer`): never read as a join.
CODE_VERBS = frozenset(
    """
    get set is has can should create make build add remove delete update handle on
    to from with use init load read write parse render fetch validate assert find
    check new old max min num str obj
    """.split()
)

# Function words that start a join with a content word (`thescale`, `youto`), and
# those that end one (`rolehas`). Left out on purpose: prefixes (`in`, `on`, `over`,
# `a`: `inbox`, `onboard`, `async`), and endings of ordinary words and names (`is`:
# `redis`; `it`, `me`, `or`, `our`, `in`: `shipit`, `readme`, `labour`, `admin`).
JOIN_HEADS = frozenset(
    """
    the of to for and you your they their this that these those there which what
    would could should will have has was were are not can with
    """.split()
)
JOIN_TAILS = frozenset(
    """
    the of and has have had was were are would could should will with from that this
    which they their there these those been you for your
    """.split()
)
# Short function words that also begin and end many words and names (`begin`,
# `bison`, `season`, `attest`, `bylaw`, `modesto`, `shipit`). A join with one of
# them needs a common content word of four letters or more on the other side
# (`spenton`, `askedfor`, `isspent`, `westill`), and passes `_short_join`. Left out:
# `in`, `on` and `be` before a word, which are prefixes (`inbox`, `onboard`,
# `bewitched`), `so` before one (`solate`, `sorage`), and `by` after one, which
# ends place names and compounds (`hornsby`, `driveby`).
SHORT_HEADS = frozenset("at is it we as but from".split())
SHORT_TAILS = frozenset("in on at is it so we as to".split())
# What lowercase identifiers test for or convert to after `is`, `as` and `from`
# (`isalive`, `isempty`, `asarray`, `fromstring`): never split there.
IDENTIFIER_WORDS = frozenset(
    """
    alive ready empty valid enabled disabled visible hidden defined undefined null
    array arrays string strings number numeric digit digits upper lower ascii alpha
    instance subclass file files type list dict tuple bytes float object objects json
    text integer boolean matrix frame series iterable callable active running open
    """.split()
)
# Two function words glued together (`ofthe`, `thisis`, `canbe`).
PAIR_HEADS = frozenset(
    """
    of in on at to for from with by about into is was are were and but or as if that
    what has have had will would could should can may might must it this there you
    we they than so which does do did why how when where all only
    """.split()
)
PAIR_TAILS = frozenset(
    """
    the this that these those their his her our your my its an be been is was are
    were have has not to you we they some and for will also does all much many being
    """.split()
)
# What ``_is_join`` needs on one side at least: a cheap test first.
_ANY_HEAD = PAIR_HEADS | JOIN_HEADS | SHORT_HEADS
_ANY_TAIL = JOIN_TAILS | SHORT_TAILS
# Both words of a camel join with no other evidence must be this common.
MIN_PROSE_CAMEL_FREQUENCY = 10_000
# A second reading at least 1/AMBIGUITY as likely as the best makes the fix
# display-only (`themall`: `them all` or `the mall`; but `ofthe` is never `oft he`).
AMBIGUITY = 100
# A content half of a join must be at least this common: rare words are more often
# pieces of names and terms than halves of a lost space.
MIN_CONTENT_FREQUENCY = 300
# And the content half of a join with a short function word at least this common.
MIN_SHORT_JOIN_FREQUENCY = 3000

_LONGEST_FUNCTION_WORD = max(map(len, words.FUNCTION_WORDS))
# The segmenter (words.segmentations) on tokens the lists above do not take:
# a one-edit typo of a word wins over a split unless the split is this much likelier
# (log10: a thousand times), and a second reading within CLOSE_COST (log10) of the
# best makes the fix display-only.
TYPO_COST = 3.0
MAX_PARTS = 6  # `Hewasgivingsome`: OCR loses runs of spaces
_LONGEST_JOIN = 40  # longer runs of letters are no prose
CLOSE_COST = 0.75
# A reading with an OCR confusion undone (`tbeking`: `the king`) costs this much more
# (log10), and the word that holds the corrected letters must be this common (see
# ``_garbled_part``).
GARBLE_COST = 1.0
GARBLED_PART_FREQUENCY = 3000
GARBLED_LONG_PART = 7  # letters: a word this long is fairly common at GARBLED_PART_FREQUENCY
GARBLED_SHORT_PART_FREQUENCY = 30_000
GARBLED_FUNCTION_FREQUENCY = 300_000
MAX_GARBLED_PARTS = 3
_LONGEST_GARBLED = 20  # letters: three words, and not the runs of garble OCR also makes
# Garbled joins are sought only in a document with this many unlisted words that are
# a common word misread (`aftor`, `nevor`): OCR.
MIN_MISREAD_WORDS = 3
# A document that loses spaces: OCR (see MIN_MISREAD_WORDS) in which the searches
# above found at least LOST_SPACE_JOINS joins, one in LOST_SPACE_WORDS words or more
# often. Clean text has none or one, and a page of OCR one or two (old spellings
# that read as words: `hath`, `hee`). In such a document a lost space is the likeliest
# reading of a token that reads as common words (see ``_loose_reading``).
LOST_SPACE_JOINS = 3
LOST_SPACE_WORDS = 5000
# There, a word one edit from the token is taken over the reading only when it is
# this much (log10) likelier: `bya` is `by a` where spaces are lost, not `by`.
LOOSE_TYPO_COST = 3.5
# A listed word this long is rarely a piece of a longer one: there it may be rare
# (`of calumny`, `my polemical`), with a function word of two letters or more.
LOOSE_LONG_PART = 7
# Two content words with no function word (`darkhair`, `sideroom`) must both be
# this common.
LOOSE_PAIR_FREQUENCY = 3000
# Two neighbouring content words both rarer than this and shorter than
# LOOSE_LONG_PART (`wing lava`) make a reading doubtful: a display-only suggestion.
LOOSE_RARE_WORD = 30_000
# A capitalised token read as this many words or fewer may be a name (`Bythesea`).
NAME_PARTS = 3
# In OCR that loses spaces, a long run of letters that no reading fixes but that
# reads as three words or more with at most one edit each is flagged, without a fix.
UNREAD_LENGTH = 9  # letters: a shorter run is one garbled word as often
UNREAD_PARTS = 3  # two words are as often a name or a compound (`Crediton`, `inkbottle`)
UNREAD_LETTER_COST = 1.4  # the reading's cost per letter (1.0 for clean prose joins)
MAX_UNREAD_PARTS = 8
UNREAD_LONG_WORD = 6  # letters: or the run holds two common words this long
UNREAD_LONG_WORDS = 2
# A capitalised join starts with a word that starts sentences and names nobody
# (`Thewitness`, `Shewas`, `Theirown`; not `A`, `An`, `And`, `In`: `Alexa`, `Andover`).
SEGMENT_HEADS = frozenset(
    "The He She It We They I His Her Our Their This That There But If When What Which".split()
)
# The heads whose lowercase rest has two letters or more (`The`: `T`, `he`), to find
# `Thewitness` from its run of lowercase letters; `He`, `We`, `It`, `If`, `I` have too
# short a rest to look for: tokens that start with them are taken from the document's
# words (`Hewas`, `Iwish`), and start names more often (`Heslip`, `Iman`), so a
# content word after them needs the phrase written apart in the document.
_CAPITALS_AND_TAILS = tuple((head[0], head[1:]) for head in sorted(SEGMENT_HEADS) if len(head) >= 3)
_SHORT_TITLES = tuple(sorted(head for head in SEGMENT_HEADS if len(head) <= 2))
_SHORT_INITIALS = "".join(sorted({head[0] for head in _SHORT_TITLES}))
_HEAD_TAILS = tuple({tail for _, tail in _CAPITALS_AND_TAILS})
_FIRST_CJK = "\u2e80"  # the first CJK radical: a document with none has no CJK join
# Words glued to a number after them in prose (`about3 dollars`).
NUMBER_HEADS = frozenset(
    "about than around nearly almost over under only some the and for from with were was".split()
)
# Pairs of function words that join beyond PAIR_HEADS x PAIR_TAILS: `is a`, `on it`,
# a pronoun and an auxiliary (`she was`, `he had`), a preposition and a determiner
# (`under the`, `upon his`).
AUXILIARIES = frozenset(
    "am is was are were has had have will would could should can did does do may might must".split()
)
PREPOSITIONS = frozenset("under over into onto upon about after before from with".split())
DETERMINER_WORDS = frozenset("the a an his her their my our your this that these those".split())
# Words `the` does not follow: determiners and quantifiers (`its theusefulness`,
# `every thescale` are no readings).
NO_THE_AFTER = DETERMINER_WORDS | frozenset(
    "its every each no any some whose either neither another".split()
)
# Words no article follows (`He a throw` is `Heathrow`, `By these a` is `Bythesea`):
# subject pronouns (not `it`, `you`: `make it a rule`, `give you a hand`) and
# plural determiners.
NO_ARTICLE_AFTER = frozenset("i he she we they these those".split())
FUNCTION_PAIRS = frozenset(
    {("is", "a"), ("on", "it"), ("on", "a"), ("in", "a"), ("as", "a"), ("was", "a"), ("at", "a")}
    | {(p, a) for p in "i you he she it we they".split() for a in AUXILIARIES}
    | {(p, d) for p in PREPOSITIONS for d in DETERMINER_WORDS}
)
# A join ending in one of these needs a word after it (`tooka walk`), not a line
# end or a hyphen (`prepa- ration`).
# Function words after which an identifier names what it tests or makes
# (`isalive`, `asarray`, `fromstring`, `tolist`).
IDENTIFIER_HEADS = frozenset("is as from to".split())
# Particles that make compounds with a word before or after them (`failover`,
# `rollout`, `overpaid`, `upstream`), and the words that make one with `every`,
# `any`, `some`, `no` (`everytime`, `nowhere`).
PARTICLES = frozenset("over under up out off down back in on".split())
COMPOUND_HEADS = frozenset("over under up out off down back".split())
COMPOUND_TAILS = frozenset(
    "time times where thing things body one how way ways day days place".split()
)
_NEIGHBOUR_WORDS_BEFORE = lazy_regex(r"(?:(?P<word>\p{L}+)[ ,;]{1,2}){1,2}$")
_NEIGHBOUR_WORDS_AFTER = lazy_regex(r"(?:[ ,;]{1,2}(?P<word>\p{L}+)){1,2}")
MIN_SEGMENT_FREQUENCY = 1000
MIN_SHORT_SEGMENT_FREQUENCY = 10_000

# Lowercase abbreviations that end in a period and may stand right before a number.
ABBREVIATIONS = frozenset(
    """
    no nos vol vols ch chap sec sect fig figs pp art para ed eds op ver rev pt ex ref
    refs eq approx tel ext inc co st av ave est min max sq ft lb lbs oz mi km kg mg ml
    cm mm hr hrs yr yrs vs etc al ibid cf viz
    """.split()
)

TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
UNITS = frozenset(
    "one two three four five six seven eight nine first second third fourth fifth sixth "
    "seventh eighth ninth".split()
)
# After `word- ` these make a suspended hyphen (`pre- and post-war`), not a break.
SUSPENDED = frozenset("and or to nor but versus vs through than as".split())
# Prefixes written with a hyphen even when the joined form is in the dictionary.
HYPHEN_PREFIXES = frozenset("self ex all well non co re pre post anti semi multi".split())

# -- patterns: each starts at a rare character pair ---------------------------------

# The capital where a word starts inside a token: `industrial|Internet`, `SCIO|Updated`.
# (Anchored on the capital: an alternation of two-letter patterns is ten times slower.)
_CAMEL_HUMP = lazy_regex(r"(?<=\p{Ll})\p{Lu}|(?<=\p{Lu})\p{Lu}(?=\p{Ll})")
_LETTERS_LEFT = lazy_regex(r"\p{L}+$")
_LETTERS_RIGHT = lazy_regex(r"\p{L}+")
_LOWER_CAMEL = lazy_regex(r"(\p{Ll}{2,})(\p{Lu}\p{Ll}+)")
_ACRONYM_CAMEL = lazy_regex(r"(\p{Lu}{2,})(\p{Lu}\p{Ll}{2,})")
_WORD_AFTER_SPACE = lazy_regex(r"[ ](\p{L}+)")
_TITLED_CAMEL = lazy_regex(r"(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}+)")
_WORD_THEN_NAME = lazy_regex(r"(\p{Lu}\p{Ll}{2,})(\p{Lu}{3,})")
_HONORIFIC = lazy_regex(r"\b(?:Mr|Mrs|Ms|Dr)\.|\b(?:Chairman|Chairwoman|Senator|Madam)")
# What a title has none of: the end of a sentence, a subject pronoun.
_NOT_IN_TITLE = lazy_regex(r"[.!?:;]|\b(?:I|[Ww]e|[Yy]ou|[Hh]e|[Ss]he|[Tt]hey)\b")
# The greetings that open a talk or a briefing: glued to a title at the start of a
# paragraph (`industrial InternetGood morning`, `productionWelcome back`).
_GREETING = lazy_regex(
    r"(?:Good[ ](?:morning|afternoon|evening|day)|Welcome[ ](?:back|to|everyone|aboard)"
    r"|Hello[ ](?:and[ ]welcome|everyone|again)"
    r"|Ladies[ ]and[ ]gentlemen|Dear[ ](?:friends|colleagues|listeners|members))\b"
)
# Runs of three lowercase letters or more, with the digit after them if any
# (`about3`; `industrialInternet` gives `industrial` and `nternet`).
_LOWER_RUN = lazy_regex(r"[a-z]{3,}\d?")
_LOWER_RUN_IN_TYPES = lazy_re(_LOWER_RUN.pattern)  # `re`: twice as fast on plain text
# An ordinal glued to the letters before it (`SESSION2nd`, `the3rd`), ending a token.
_GLUED_ORDINAL = lazy_regex(r"(?<=\p{L})[1-9]\d{0,2}(?:st|nd|rd|th)(?![\p{L}\p{N}_])")
# A run of letters with capitals inside, each starting a piece of lowercase letters
# (`TheGodofour`, `andbecauseNorth`, `ToTheebywhomIlive`), and its pieces.
_CAMEL_RUN = lazy_regex(r"\p{L}\p{Ll}*(?:\p{Lu}\p{Ll}*)+")
_CAMEL_PIECE = lazy_regex(r"\p{L}\p{Ll}*")
_MIN_LISTED_JOIN = 5  # the function-word lists judge runs this long; the segmenter all
_SENTENCE_GAP = lazy_regex(r"[.!?][”’)]?(?=\p{Lu}|\d)")
_CAPITALISED = lazy_regex(r"\p{Lu}\p{Ll}*")
# A Chinese or Japanese character glued to a capitalised English phrase that runs to
# the end of the line.
_SCRIPT_GAP = lazy_regex(
    r"[\p{Han}\p{Hiragana}\p{Katakana}]"
    r"(\p{Lu}\p{Ll}+(?:[ ][\p{Lu}\p{Ll}][\p{Ll}]*)+)[ \t]*(?=\n|$)"
)
# A sentence going on after a word: a space (or a comma and a space) and a word.
_PROSE_AFTER = lazy_regex(r",?[ ][\p{L}\d]")
_NAME_IN_MID_SENTENCE = lazy_regex(
    r"(?<!\p{L})(?!(?:a|an|the)[ ])\p{Ll}+[ ](\p{Lu}\p{L}*)(?![\p{L}\p{N}_])"
)
# Code next to a word: brackets, operators, underscores, `::`, `->`, a dotted or a
# camelCase name.
_CODE_NEARBY = lazy_regex(r"[(){}\[\]=_<>|\\`]|::|->|\p{Ll}\p{Lu}|\p{L}\.\p{L}")
# Code anywhere in a document: a call `name(`, a `snake_case` or a dotted lowercase
# name (`os.path`, `console.log`; abbreviations have one letter a side: `e.g.`).
_CODE_IN_TEXT = lazy_regex(r"\p{L}\(|\p{L}_\p{L}|\p{L}{2}\.\p{Ll}{2}")
_DOTTED_WORD = lazy_regex(r"(?<![\p{L}\p{N}_.])([\p{L}\p{N}_]+)\.(?=\p{L})")
# A number that goes on as prose: `82.49 million`, `82 percent` (one digit alone is
# too often a man page section or a version: `node.1 page`, `alpha.2 release`).
_NUMBER_IN_PROSE = lazy_regex(r"(?:\d\d+(?:[.,]\d+)*|\d[.,]\d+(?:[.,]\d+)*)(?=[ ]\p{L})")
_DIGITS_LEFT = lazy_regex(r"\d{2,}$")
_SEPARATOR_GAP = lazy_regex(r"[,;:](?=\p{L}|\d)")
_WORD_AFTER = lazy_regex(r"[\p{L}’']+")
_YEAR_AFTER_DAY = lazy_regex(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]\d{1,2}$"
)
_YEAR = lazy_regex(r"(?:1[6-9]|20)\d\d(?!\d)")
_HYPHEN_GAP = lazy_regex(r"(?<=\p{L})-[ \t]+(?=\p{Ll})")
_SUSPENDED_BEFORE = lazy_regex(r"\p{L}-[ \t]+(?:and|or|to|nor)[ \t]+$")
_LAYOUT = lazy_regex(r"\.{4,}|\S[ ]{3,}\S|\S\t+\S|\|.*\|")
_WORD_FORM = lazy_regex(r"[\p{L}\p{N}_-]+")
_STANDALONE_LETTERS = lazy_regex(r"(?<![\p{L}\p{N}_])\p{L}++(?![\p{N}_])")
_LETTER = lazy_regex(r"\p{L}")
_WORD_CHARACTER = lazy_regex(r"[\p{L}\p{N}_]")
_DIGIT = lazy_regex(r"\d")
_FIELD_LABEL = lazy_regex(r"[ \t]*[\w-]+:[ \t]*")

# Characters that, right before or after a token, mean it is part of code, a path
# or a handle rather than prose.
_CODE_BEFORE = frozenset("._$#@/\\=<>`~^*+&|")
_CODE_AFTER = frozenset("(_[=<{/\\`@#$")
_WORD_BEFORE_TOKEN = frozenset("._$#@/\\-'’`")
# Characters next to a token that make it code even in OCR text that loses spaces.
_LOOSE_CODE = frozenset("_$#@/\\=<>`~^*+&|([{")
# The first letters of what follows an apostrophe in English: 's 't 'd 'm 'll 're 've
_CONTRACTION_STARTS = frozenset("stdmlrv")


# -- MW001 ----------------------------------------------------------------------------


@rule("MW001", "camel-joined-words", fix=Availability.ALWAYS, safety=(Safety.UNSAFE,))
def camel_joined_words(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Two words written together at a lower-to-upper case change.

    ## What it does
    Finds a lowercase word glued to a capitalised one (`industrialInternet`), an
    acronym glued to a capitalised word (`SCIOUpdated`) and a word glued to a name
    in capitals (`ChairmanSMITH`), when there is evidence that it is a join:
    - the document also has the two words with their space (`industrial Internet`);
    - or the second word is one that starts sentences or page blocks (`The`,
      `However`, `Updated`), which nothing is named after, or the first is `the`
      (`theUnited States`), which no identifier starts with;
    - or both words are common, the document writes them apart in another case
      (`industrial internet`), and it has no code and no other camelCase token;
    - or a word is glued to a name in capitals that the document prints after a
      title (`ChairmanSMITH` and `Mr. SMITH`, as hearings print speakers);
    - or a preposition (`of`, `by`, `at`, `in`, `for`...) or `and` is glued, once, to
      a capitalised word that the document uses as a name in mid-sentence (`ofEaster`
      and `at Easter`), with no code close by;
    - or, in the first sentence of a paragraph, the second word starts a greeting
      that opens a talk (`Good morning`, `Welcome back`): a title glued to the text
      under it (`productionWelcome back`, and with a capitalised title word,
      `industrial InternetGood morning`, when the token occurs once).

    An acronym glued to a word (`SCIOUpdated`) needs the second kind of evidence,
    and must occur only once: `TLSSocket` and `SQLAlchemy` are names. A first word
    that starts identifiers (`from`, `get`, `to`: `fromJson`) needs the phrase
    written apart with the word after it (`fromLincoln School` and `from Lincoln
    School`).

    Left alone: brand and product names that mix case on purpose (`iPhone`, `eBay`,
    `WeChat`, `YouTube`, `PowerPoint`, `JavaScript`, `GitHub`, `macOS`, `McDonald`:
    anything that starts with one lowercase letter or with a capitalised word, even
    when the document also writes it apart, as `LinuxFest` and `Linux Fest`), code
    identifiers (`assertEqual`, `userAgent`, `getElementById`, `toString`,
    `obj.fooBar`, `fooBar(`), tokens with digits, tokens that recur in the document
    and are never written apart, the user's `words` and the lexicon, and masked
    regions.

    ## Why is this bad?
    Scrapers join the text of adjacent page elements without a space. The joined
    token is missing from search, word counts and spell checking, and reads as a
    typo.

    ## Example
    ```text
    The industrialInternet grew, and the industrial Internet is our focus.
    ```
    Use instead:
    ```text
    The industrial Internet grew, and the industrial Internet is our focus.
    ```

    ## Fix safety
    Unsafe: a space is inserted at the case change. The evidence makes a join
    likely, but a name or an identifier could still prove it wrong.
    """
    masked = doc.masked
    accepted = words.accepted_words(ctx)
    last_end = -1
    counts: Counter[str] | None = None
    for hump in _CAMEL_HUMP.finditer(masked):
        if hump.start() < last_end:
            continue
        start, end = _token_span(masked, hump.start() - 1, hump.start())
        last_end = end
        token = masked[start:end]
        shape = _LOWER_CAMEL.fullmatch(token) or _ACRONYM_CAMEL.fullmatch(token)
        titled = shape is None and _in_title(masked, start)
        if titled:
            shape = _TITLED_CAMEL.fullmatch(token)  # `InternetGood`, only under a title
        if shape is None and not _looks_like_code(masked, start, end):
            split = _capitalised_pair(masked, token, accepted)
            if split is not None:
                yield _camel_violation(start, end, token, split)
            continue
        if shape is None or _looks_like_code(masked, start, end):
            continue
        if token in accepted or words.is_known(token, accepted):
            continue
        left, right = shape.group(1), shape.group(2)
        if counts is None:
            counts = Counter(_camel_tokens(masked))
        if titled:
            greeting = _GREETING.match(masked, start + len(left))
            if not (greeting and counts[token] == 1 and words.is_known(left, accepted)):
                continue
        elif not _camel_evidence(
            doc, (start, end), left, right, counts[token], accepted, len(counts)
        ):
            continue
        yield _camel_violation(start, end, token, len(left))


def _camel_violation(start: int, end: int, token: str, cut: int) -> Violation:
    left, right = token[:cut], token[cut:]
    return Violation(
        start,
        end,
        f"'{token}' looks like '{left} {right}'",
        replace(start + cut, start + cut, " ", Safety.UNSAFE, f"Split into '{left} {right}'"),
    )


def _capitalised_pair(masked: str, token: str, user_words: frozenset[str]) -> int | None:
    """Where to split a word glued to a name in capitals, or None: the document
    writes the name after a title elsewhere (`ChairmanSMITH` and `Mr. SMITH`, as
    hearings and the Congressional Record print speakers). Two capitalised words
    glued together are left alone even when the document writes them apart too:
    brands are written both ways (`LinuxFest`, `OpenSSH`, `AlliedSignal`)."""
    name = _WORD_THEN_NAME.fullmatch(token)
    if name is None or token in user_words or words.is_known(token, user_words):
        return None
    left, right = name.group(1), name.group(2)
    if not words.is_known(left, user_words):
        return None
    titled = regex.search(rf"(?:{_HONORIFIC.pattern})[ ]+{right}\b", masked)
    return len(left) if titled is not None else None


def _camel_tokens(masked: str) -> Iterator[str]:
    for hump in _CAMEL_HUMP.finditer(masked):
        start, end = _token_span(masked, hump.start() - 1, hump.start())
        yield masked[start:end]


def _camel_evidence(
    doc: Document,
    span: tuple[int, int],
    left: str,
    right: str,
    occurrences: int,
    user_words: frozenset[str],
    camel_kinds: int = 1,
) -> bool:
    masked = doc.masked
    start, end = span
    acronym = not left.islower()
    if not (acronym or words.is_known(left, user_words)):
        return False
    if occurrences > 1 and (acronym or not _written_in(doc, f"{left} {right}", fold=False)):
        return False  # a token that recurs, never written apart, is a name
    if left in CODE_VERBS:
        # `fromJson`, `getSource`: only the phrase written apart elsewhere, with the
        # word after it, vouches for a join (`fromLincoln Elementary`)
        following = _WORD_AFTER_SPACE.match(masked, end)
        return following is not None and _written_in(
            doc, f"{left} {right} {following.group(1)}", fold=False
        )
    if not acronym and _written_in(doc, f"{left} {right}", fold=False):
        return True
    if right in (ACRONYM_STARTERS if acronym else CAMEL_STARTERS):
        return True  # nothing is named `somethingThe` or `ABCUpdated`
    if not acronym and _GREETING.match(masked, start + len(left)) and _in_title(masked, start):
        return True  # a title glued to the greeting under it: `productionWelcome back`
    if not acronym and occurrences == 1 and _plain_prose_join(doc, left, right, camel_kinds):
        return True  # `industrialInternet` in prose that has no code at all
    if (
        not acronym
        and occurrences == 1
        and left in NAME_HEADS
        and not _CODE_NEARBY.search(
            masked[max(0, start - 40) : start] + " " + masked[end : end + 40]
        )
        and right in doc.shared(_names_in_mid_sentence)
    ):
        return True  # `ofEaster`: a preposition glued to a name the document uses
    # no identifier starts with `the`: `theUnited States` is a join
    return left == "the"


def _names_in_mid_sentence(doc: Document) -> frozenset[str]:
    """The capitalised words the document writes after a lowercase word that is no
    article, in the middle of a sentence, as it writes a name (`of Easter`, `in
    Kent`; not `a Nullable annotation`, `the Root config`): one scan per document."""
    return frozenset(_NAME_IN_MID_SENTENCE.findall(doc.masked))


def _plain_prose_join(doc: Document, left: str, right: str, camel_kinds: int) -> bool:
    """Two common words glued at a case change in a document with no sign of code
    (no call, `snake_case` or dotted name anywhere, no other camelCase token:
    ``camel_kinds`` counts them; `userAgent` comes with others) that writes the pair
    apart in another case (`industrial internet`)."""
    if camel_kinds > 1 or left in CODE_VERBS:
        return False
    if min(words.frequency(left), words.frequency(right)) < MIN_PROSE_CAMEL_FREQUENCY:
        return False
    if doc.shared(_has_code):
        return False
    # the pair in another case (`industrial internet`); both words used on their own
    # is no evidence: a podcast says `file` and `name` and then `fileName`
    return _written_in(doc, f"{left} {right}")


def _in_title(masked: str, start: int) -> bool:
    """Whether ``start`` may be in the title of a paragraph: in its first line (at the
    start of the document or after a blank line), with no sentence mark and no
    subject pronoun before it on the line (`We call showWelcome` is a sentence)."""
    line_start = masked.rfind("\n", 0, start) + 1
    if _NOT_IN_TITLE.search(masked, line_start, start):
        return False
    at, newlines = line_start - 1, 0
    while at >= 0 and masked[at] in " \t\r\n":
        newlines += masked[at] == "\n"
        at -= 1
    return at < 0 or newlines >= 2


# -- MW002 ----------------------------------------------------------------------------


@rule(
    "MW002",
    "run-together-words",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE, Safety.DISPLAY_ONLY),
)
def run_together_words(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Words written as one (`thescale`, `rolehas`, `ofthe`, `itwasthe`, `Thewitness`).

    ## What it does
    Finds a token that is not a word (nor an inflection, a British spelling or a
    prefixed form of one, nor one of the user's `words`) and reads as words that
    lost the spaces between them. Four searches find the reading in any text (the
    list below); OCR that loses spaces has a looser fifth, and words glued to a
    number, an ordinal or Chinese or Japanese text have their own (after the list):
    - lists of function words, for lowercase tokens of five letters or more: a
      function word and a common word (`thescale`, `youto`, `rolehas`, `kindof`);
      a short function word that also begins or ends many words (`in`, `on`, `at`,
      `is`, `it`, `to`, `as`, `we`...) and a common word of four letters or more
      (`spenton`, `askedfor`, `isspent`, `westill`); two function words (`ofthe`,
      `thisis`, `canbe`, `didyou`);
    - a segmenter over word frequencies (pyspellchecker's list; the likeliest
      reading of up to six words by dynamic programming, see `rules/words.py`)
      for what the lists miss: a pronoun, a possessive or a preposition before a
      word (`hesaid`, `mywife`, `underthe`), a word before a function word (`kingwas`,
      `shownby`), pairs like `ifwe`, `shewas`, three words or more (`itwasthe`,
      `andthenhe`: at least half of them function words), pairs of function words
      listed in `rules/data/function_pairs.txt` (`ofus`, `andwhen`, `isnot`), and a
      capitalised first word at the start of a sentence (`Thewitness`, `Shewas`,
      `Hewas`; `I` anywhere: `Iknow`; after `He`, `We`, `It`, `If` and `I` a content
      word needs the phrase written apart elsewhere, as they start names: `Heslip`,
      `Iman`). Its content words must be common, an article must fit the word after
      it (`tooka walk`), and the words around the token must be English (at most one
      unknown among the two on each side: not `lutea as` in Latin, not OCR garble);
    - the document's own phrase, for a reading of no such shape: the token occurs
      once and the document writes its two words apart elsewhere (`letme` and `let
      me`, `soonbe` and `soon be`, `satclosely` and `sat closely`), one of them a
      function word or an adverb or participle in `-ly` or `-ed`. Never two nouns,
      which make compounds that documents write both ways (`bootcamp` and `boot
      camp`, `filesystem`), and never a token one edit from a likelier word (`beon`);
    - in OCR text (a document with three common words or more misread by one letter
      of `rules/data/ocr_confusions.txt`: `houso`, `aftor`), a join whose words OCR
      also misread by one such letter (`tbeking`: `the king`, `wbichwas`: `which
      was`): the reading must have the shape of a join, of at most three words, the
      misread word must be a common word (a function word of three letters or more,
      a content word of four or more), and undoing a confusion must make no word
      (`sometbing`) and no older spelling (`asrnuch`: `asmuch`).
    In OCR that loses spaces (the OCR above where these found three joins or more,
    one in 5,000 words or more often), a lost space is the likeliest reading of any
    token of common words: one function word makes a join (`mytongue`, `aman`,
    `ofcalumny`), capitals inside a token start words (`TheKingofthenorth`, if a
    piece lost a space itself, or the token is a preposition glued to a capitalised
    listed word: `ofVesta`, `byLady`; not `forEach`, `inOrder`, `andThen`, and not a
    join MW001 reports), punctuation glued to it is more lost spaces
    (`Iknow.itwas`), and garbled words may stand around it; no article follows a
    subject pronoun or a plural determiner (`Heathrow` is not `He a throw`,
    `Bythesea` not `By these a`). A token the segmenter's reading turns down
    (a rare word, `terrapinsoup`) is read as the document writes its words apart,
    each neighbouring pair with a content word in it (`terrapin soup`). Two content
    words (`darkhair`), joins OCR also misread (`direotlyfrom`) and a capitalised
    token read as three words or fewer (`Bywater`, `Ifill`, `Asif`: names start
    sentences too) are suggestions only, the first and the last unless the
    document writes the reading apart (`dark hair`, `I know` for `Iknow`).
    A long run of letters there that no reading fixes but that reads as three
    words or more, one of them a function word, each listed or one edit from a
    common word and one at least garbled (`youmustverifvyourverybest`), or that
    holds two long common words and more letters (`strongsilentthoughtfulness`),
    is flagged without a fix: the spaces are lost, but which letters are wrong is
    not sure enough to fix. Not a misspelling (one edit from a listed word:
    `nevertheles`), nor one OCR confusion and one edit from a word, nor a run the
    document has twice, nor a capitalised run of three words or fewer or whose
    first word is garbled (`Forfarshire`).
    Also a function word glued to a number in prose (`about3 dollars`), a word
    glued to an ordinal whose ending fits its number (`SESSION2nd`, `the3rd of
    May`; not `MP3`, `COVID19`, `4K`, `10km`, `1990s`), and Chinese
    or Japanese text glued to an English phrase that ends its line (`新闻中心Press
    Center`, two page blocks joined).

    A token is a word of its own, never split, when it is an older spelling
    (`beene`, `hastie`, `withall`; `asmuch` from `rules/data/older_words.txt`), or a
    misspelling: one edit from a listed word a thousand times likelier than the
    reading (`becuase`, `tolerence`), or a word misread by OCR: a listed word with
    one confusion undone, likelier than the reading (`westem`: `western`). When the
    word one edit away is likelier than the reading at all (`tooka`: `took`; OCR's
    `looka` for `looks`), the document must write the words apart elsewhere (`took
    a`).

    Left alone: any real word, however rare or new (`atone`, `tome`, `whereupon`),
    and compounds of two content words (`blockchain`, `cybersecurity`,
    `livestream`, `dataset`, `makeready`), which are for spelling rules to judge;
    tokens whose function word is really a prefix or an ending (`inbox`,
    `onboarding`, `async`, `readme`, `labour`, `redis`; so any `in` or `on` before
    a word: `inproduction` stays), a particle (`failover`, `rollout`) or a compound
    determiner (`everytime`); identifiers (`isalive`, `asarray`, `fromstring`);
    names (a token the document also writes in another case, one it repeats and
    never writes apart, a capitalised token that does not start a sentence:
    `Weinstock`, `Mr. Heslip`); coined words with few function words
    (`alloneword`); pieces of words broken at a line end (`prepa- ration`); words
    of other languages and misspellings that do not split into words.

    ## Why is this bad?
    OCR and hurried typing drop spaces. The joined token is invisible to search
    and makes the sentence read as a typo.

    ## Example
    ```text
    Last year thescale of the project grew, and its rolehas changed.
    ```
    Use instead:
    ```text
    Last year the scale of the project grew, and its role has changed.
    ```

    ## Fix safety
    Unsafe: the token is replaced by the words; a name or a term could prove the
    split wrong. Display-only when another plausible reading is close in likelihood:
    `themall` is `them all` or `the mall`, `postalso` is `postal so` or `post also`.
    A join garbled by OCR gets the spaces only, no letter changed (`tbeking` becomes
    `tbe king`; the message names `the king`): the tool never rewrites letters.
    In OCR that loses spaces, a doubtful reading is display-only: a word misread by
    OCR or a word one edit away about as likely (`atout`: `about`), two rare short
    words side by side, two parts that make a word (`whereof`), two content words
    or a capitalised token of up to three words whose reading the document never
    writes apart (`darkhair`, `Atwater`). A run of words both joined and garbled
    by OCR has no fix at all.
    """
    masked = doc.masked
    accepted = words.accepted_words(ctx)
    table = words.frequencies()
    # Runs of letters, not words (`industrialInternet` gives `industrial`, `nternet`):
    # finding them is twice as fast, and only the unknown ones are looked at again.
    runs = set(doc.shared(_lower_runs))
    numbered = set(itertools.filterfalse(str.isalpha, runs))  # a digit ends them
    runs -= numbered
    short_pairs = _short_function_pairs()
    # the table first (a set difference in C), then the few unlisted runs by length
    unknown = {run for run in table.unlisted(runs) if len(run) >= 5 or run in short_pairs}
    listed: set[str] = set()
    split: set[str] = set()  # the tokens found to be joins, left out of the last search
    done: set[int] = set()  # where they were found
    for token in sorted(run for run in unknown if len(run) >= _MIN_LISTED_JOIN):
        # The policy needs only set and table lookups, so it goes first; the word
        # list's morphology (is `token` an inflection of a word?) only for the few left.
        if not _may_be_join(token):
            continue  # the segmenter may still read it
        listed.add(token)  # judged here, whatever the verdict (a word is no join)
        if token in accepted or words.is_known(token, accepted):
            continue
        readings = _readings(token, accepted)
        if not any(_is_join(r.left, r.right) for r in readings):
            continue
        best = readings[0]
        found = _places(doc, token)
        pair = best.left in words.FUNCTION_WORDS and best.right in words.FUNCTION_WORDS
        if not found or (not pair and len(found) > 1 and best.text not in masked):
            continue  # not a word of its own, or it recurs and is never written apart
        if token.capitalize() in masked or token.upper() in masked:
            continue  # the document writes it as a name
        reading = words.reading(best.left, best.right)
        if _own_word_odds(token, reading) >= TYPO_COST:
            continue  # an older spelling or a misspelling, more likely than the split
        if _misread_cost(token) < reading.cost:
            continue  # a word misread by OCR (`westem`: `western`)
        close = [r for r in readings[1:] if r.score * AMBIGUITY >= best.score]
        sure = not close and _is_join(best.left, best.right)
        safety = Safety.UNSAFE if sure else Safety.DISPLAY_ONLY
        others = "".join(f" or '{r.text}'" for r in close)
        for start, end in found:
            if (
                not _word_on_its_own(masked, start, end)
                or masked[start - 1 : start] + masked[end : end + 1] == "()"
                or _word_broken_by_a_space(masked, start, end)
            ):
                continue  # code, part of a longer word, a handle `(ofrobots)`
            split.add(token)
            done.add(start)
            yield _split_violation(start, end, token, best.text, others, safety)
    # `Thewitness` is the run `hewitness` after a capital: try the capitals of the
    # words that start sentences (`The`, `She`, `This`...) before unknown runs
    titled = {
        capital + run
        for run in unknown
        if run.startswith(_HEAD_TAILS)
        for capital, tail in _CAPITALS_AND_TAILS
        if run.startswith(tail)
    }
    titled |= _short_titled(doc, table)
    for violation in _segmented_joins(doc, accepted, (unknown - listed) | titled):
        split.add(masked[violation.start : violation.end])
        done.add(violation.start)
        yield violation
    present = doc.shared(_standalone_words)  # not `tates` of `States`
    misread = (run for run in unknown if run in present and _misread_word(run))
    if len(list(itertools.islice(misread, MIN_MISREAD_WORDS))) == MIN_MISREAD_WORDS:
        for violation in _garbled_joins(doc, accepted, unknown - split):
            split.add(masked[violation.start : violation.end])
            done.add(violation.start)
            yield violation
        if _loses_spaces(masked, split):
            # MW001's finds (`ofEaster` and `at Easter`) are not reported twice
            done.update(violation.start for violation in camel_joined_words.check(doc, ctx))
            loose = list(_loose_joins(doc, accepted, table, done))
            yield from loose
            covered = [(v.start, v.end) for v in loose] + [(at, at + 1) for at in done]
            yield from _unread_runs(doc, accepted, covered)
    yield from _number_joins(masked, numbered)
    yield from _ordinal_joins(masked, accepted)
    if not masked.isascii() and max(doc.characters) >= _FIRST_CJK:  # the text's: in C, once
        yield from _script_joins(masked)


def _number_joins(masked: str, runs: set[str]) -> Iterator[Violation]:
    """A function word glued to the number after it (`about3 dollars`, `than10,000
    people`, `by about3.5%.`), in prose: a space and a word follow, or punctuation
    that ends a clause. Identifiers have a content word there (`python3`, `utf8`,
    `sha256`)."""
    for run in sorted(runs):
        word = run[:-1]
        if word not in NUMBER_HEADS:
            continue
        for match in regex.finditer(
            rf"(?<![\p{{L}}\p{{N}}_]){word}(\d+(?:[.,]\d+)*%?)(?=[ ]\p{{L}}|[.,;!?](?:\s|$))",
            masked,
        ):
            start, end = match.span()
            if start > 0 and (masked[start - 1] in _CODE_BEFORE or masked[start - 1] == "-"):
                continue  # `$about3`, `x.about3`, `re-about3`
            cut = start + len(word)
            yield Violation(
                start,
                end,
                f"'{match.group()}' looks like '{word} {match.group(1)}'",
                replace(cut, cut, " ", Safety.UNSAFE, f"Split into '{word} {match.group(1)}'"),
            )


def _ordinal_joins(masked: str, accepted: frozenset[str]) -> Iterator[Violation]:
    """A word glued to the ordinal after it (`CONGRESS2nd Session`, `the3rd of May`),
    in prose: the word is a word in one case (not `iPhone`), the ending fits the
    number (`2nd`, `11th`; not `2th`), and a space, a line end or punctuation and a
    space follow. Names with digits have none of those endings (`MP3`, `COVID19`)."""
    for ordinal in _GLUED_ORDINAL.finditer(masked):
        cut, end = ordinal.span()
        number = ordinal.group()[:-2]
        if ordinal.group()[-2:] != _ordinal_ending(int(number)):
            continue
        if not _ends_in_prose(masked, end):
            continue
        left = _LETTERS_LEFT.search(masked, max(0, cut - 40), cut)
        if left is None:  # the lookbehind and the pattern disagree on a character
            continue
        start, word = left.start(), left.group()
        if start > 0 and (masked[start - 1].isalnum() or masked[start - 1] in _WORD_BEFORE_TOKEN):
            continue  # `x.day2nd`, `#Day2nd`, `re-2nd`
        token = masked[start:end]
        if len(word) < 3 or not (word.islower() or word.isupper() or word.istitle()):
            continue
        if token in accepted or not words.is_known(word, accepted):
            continue
        yield _split_violation(start, end, token, f"{word} {ordinal.group()}", "", Safety.UNSAFE)


def _ordinal_ending(number: int) -> str:
    """The ending of an ordinal in English: `st` for 1, 21 but `th` for 11."""
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _script_joins(masked: str) -> Iterator[Violation]:
    """Chinese or Japanese text glued to an English phrase that ends the line
    (`新闻中心Press Center`): two page blocks, a heading and its translation, joined
    by a scraper. An English word inside a Chinese sentence (`使用Python编程`) goes
    on in Chinese and is left alone."""
    for gap in _SCRIPT_GAP.finditer(masked):
        at = gap.start() + 1
        yield Violation(
            gap.start(),
            gap.end(),
            f"No space between '{masked[gap.start()]}' and '{gap.group(1)}'",
            replace(at, at, " ", Safety.UNSAFE, "Insert a space"),
        )


def _short_titled(doc: Document, table: words.WordTable) -> set[str]:
    """The document's words that start with a short capitalised head and go on in
    lowercase (`Hewas`, `Iwish`, `Ifwe`) and are not listed."""
    found = {
        token.lower(): token
        for token in doc.shared(_standalone_words)
        if token[0] in _SHORT_INITIALS  # a cheap test first: most words fail it
        and len(token) >= 3
        and token.startswith(_SHORT_TITLES)
        and token[1:].islower()
    }
    return {found[lower] for lower in table.unlisted(set(found))}


def _segmented_joins(
    doc: Document, accepted: frozenset[str], runs: set[str]
) -> Iterator[Violation]:
    """The joins the segmenter finds among the runs of letters the function-word
    lists did not take (see ``_segment_reading``): lowercase runs that are no word,
    and capitalised runs that start with the first word of a sentence (`Thewitness`),
    with the document's evidence."""
    masked = doc.masked
    present = doc.shared(_standalone_words)
    for token in sorted(runs):
        if token not in present:
            continue  # never a word of its own: no need to read it
        verdict = _segment_reading(token, accepted)
        if verdict is None and _attested(token, present):
            verdict = _segment_reading(token, accepted, attested=True)
        if verdict is None or not _after_a_space(masked, token):
            continue  # no join, or the end of a longer word (`Either`: `ither`)
        best, close, needs_phrase, once = verdict
        found = _places(doc, token)
        if once and len(found) > 1:
            continue  # a compound recurs, spelled one way (`bootcamp`); a lost space not
        if _name_in(masked, token, best, len(found)):
            continue
        if (
            token[0].isupper()
            and best.parts[0] != "I"
            and not all(_sentence_start(masked, start) for start, _ in found)
        ):
            continue  # `Weinstock`, `Hiscock`: a name; `Thewitness` starts a sentence
        if needs_phrase and not _written_in(doc, best.text):
            continue  # `looka`: as likely `looks` misread as `look a`, unless written so
        safety = Safety.DISPLAY_ONLY if close else Safety.UNSAFE
        others = "".join(f" or '{r.text}'" for r in close)
        for start, end in found:
            if _word_on_its_own(masked, start, end) and _fits_between(masked, start, end, best):
                yield _split_violation(start, end, token, best.text, others, safety)


def _garbled_joins(
    doc: Document, accepted: frozenset[str], runs: set[str], done: frozenset[int] | None = None
) -> Iterator[Violation]:
    """The joins among the lowercase runs no other search took whose words OCR also
    misread, one letter or two (`tbeking`: `the king`, see ``_garbled_reading``), with
    the same evidence from the document as ``_segmented_joins``. The fix inserts the
    spaces and changes no letter (`tbe king`): the message names the words.

    With ``done`` (the places already flagged), in OCR that loses spaces: the
    readings of ``_garbled_reading``'s loose mode and the places of ``_loose_joins``,
    as display-only suggestions (wrong in one case of three on real OCR).
    """
    masked = doc.masked
    present = doc.shared(_standalone_words)
    loose = done is not None
    for token in sorted(runs):
        if token not in present:
            continue
        verdict = _garbled_reading(token, accepted, loose)  # cached: before the text is searched
        if verdict is None or not (loose or _after_a_space(masked, token)):
            continue
        found = _places(doc, token)
        if _name_in(masked, token, verdict.reading, len(found)):
            continue
        spaced = " ".join(token[a:b] for a, b in itertools.pairwise((0, *verdict.cuts, len(token))))
        # in OCR that loses spaces, a suggestion only: the reading is less sure there
        safety = Safety.DISPLAY_ONLY if verdict.close or loose else Safety.UNSAFE
        others = "".join(f" or '{text}'" for text in verdict.close)
        message = f"'{token}' looks like '{verdict.reading.text}'{others}, misread by OCR"
        for start, end in found:
            if (
                _loose_place(masked, start, end, done)
                if done is not None
                else _word_on_its_own(masked, start, end)
            ) and _fits_between(masked, start, end, verdict.reading, unknown_neighbours=1 + loose):
                fix = replace(start, end, spaced, safety, f"Split into '{spaced}'")
                yield Violation(start, end, message, fix)


def _loses_spaces(masked: str, split: set[str]) -> bool:
    """Whether an OCR document loses spaces: the searches found ``LOST_SPACE_JOINS``
    joins or more, one in ``LOST_SPACE_WORDS`` words or more often (the words
    counted by their spaces and line breaks)."""
    if len(split) < LOST_SPACE_JOINS:
        return False
    return (masked.count(" ") + masked.count("\n")) <= LOST_SPACE_WORDS * len(split)


def _loose_joins(
    doc: Document, accepted: frozenset[str], table: words.WordTable, done: set[int]
) -> Iterator[Violation]:
    """The joins of a document that loses spaces (see ``_loses_spaces``) that the
    searches above left (they found joins at the offsets ``done``), read by
    ``_loose_reading``: any token of letters that is no word, lowercase or
    capitalised (`mytongue`, `aman`, `Atruthfulphotograph`), also next to
    punctuation (`Iknow.itwaswell-nigh`) and among garbled words."""
    masked = doc.masked
    present = doc.shared(_standalone_words)
    shaped = {
        token
        for token in present
        if (len(token) >= 3 and (token.islower() or token[1:].islower()))
        or _CAMEL_RUN.fullmatch(token)
    }
    unlisted = table.unlisted({token.lower() for token in shaped})
    garbled = set()
    for token in sorted(token for token in shaped if token.lower() in unlisted):
        if token[1:].islower():
            verdict = _loose_reading(token, accepted)
        else:
            verdict = _loose_camel_reading(token, accepted)
        if verdict is None and token.islower():
            verdict = _phrase_reading(doc, token, accepted)
        if verdict is None:
            if token.islower():
                garbled.add(token)
            continue
        best, close, _, _ = verdict
        found = _places(doc, token)
        if _name_in(masked, token, best, len(found)):
            continue
        titled = token[0].isupper() and best.parts[0] != "I"
        # two content words are as often a compound (`broadgauge`, `turkeycock`),
        # unless the document writes them apart (`dark hair` for `darkhair`)
        pair = not any(
            part.lower() in words.FUNCTION_WORDS for part in best.parts
        ) and not _written_in(doc, best.text)
        # a capitalised token may be a name at a sentence's start (`Bywater`,
        # `Ifill`, `Aman`): fixed only when the document writes the reading apart
        # (two words capital and all: `a man` in mid-sentence says nothing of
        # `Aman`; three in any case, `a truthful photograph`), or it reads as more
        # words than a name holds (one that the document also writes in lowercase
        # is left alone by ``_name_in``)
        named = (
            token[0].isupper()
            and len(best.parts) <= NAME_PARTS
            and not _written_in(doc, best.text, fold=len(best.parts) > 2)
        )
        safety = Safety.DISPLAY_ONLY if close or pair or named else Safety.UNSAFE
        texts = dict.fromkeys([*(r.text for r in close), *([token] if pair else [])])
        others = "".join(f" or '{text}'" for text in texts)
        for start, end in found:
            if (
                titled
                and len(best.parts) <= NAME_PARTS
                and _after_a_word(masked, start)
                and not _sentence_start(masked, start)
            ):
                # `at Oronsay`, `John Didon`: a name in mid-sentence; a reading of
                # more words than a name holds is none (`t TheGodofoursalvation`)
                continue
            if _loose_place(masked, start, end, done) and _fits_between(
                masked, start, end, best, unknown_neighbours=2
            ):
                yield _split_violation(start, end, token, best.text, others, safety)
    yield from _garbled_joins(doc, accepted, garbled, frozenset(done))


def _unread_runs(
    doc: Document, accepted: frozenset[str], covered: list[tuple[int, int]]
) -> Iterator[Violation]:
    """In OCR that loses spaces, the long runs of letters that no search read
    (``covered``: the spans found) but that hold words, garbled (see
    ``_unread_run``), flagged without a fix: the spaces are lost, but which
    letters are wrong is not sure enough to fix (`youmustveMifyyourverybest`). A
    run the document has twice is a name or a word of its own, a run that does
    not stand in prose (``_loose_place``) is left, and so is a run two edits from a
    common word (one word garbled twice, `specincally`: ``words.two_edits_word``,
    asked last)."""
    masked = doc.masked
    present = doc.shared(_standalone_words)
    for token in sorted(t for t in present if UNREAD_LENGTH <= len(t) <= _LONGEST_JOIN):
        if not _unread_run(token, accepted):
            continue
        found = _places(doc, token)
        if len(found) != 1:
            continue
        start, end = found[0]
        if (
            any(a < end and start < b for a, b in covered)
            or not _loose_place(masked, start, end, (), hyphen=True)
            or _misread_word_garbled(token)
            or words.two_edits_word(_base_letters(token.lower())) is not None
        ):
            continue
        yield Violation(
            start,
            end,
            f"'{token}' looks like words run together and garbled by OCR; "
            "no reading is sure enough to fix",
        )


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _unread_run(token: str, accepted: frozenset[str]) -> bool:
    """Whether a run of letters holds words that OCR both joined and garbled: it
    reads as ``UNREAD_PARTS`` words or more of two letters or more, one of them a
    function word, each listed or one edit from a common word
    (``words.edited_segmentation``), one at least garbled (a reading with no edit
    is the other searches' to take or leave: `no thescalethat`), costing at most
    ``UNREAD_LETTER_COST`` a letter; or its letters hold ``UNREAD_LONG_WORDS`` long common words
    (`strongsilentthoughtfulness`, ``_long_words_held``) and it is not two listed
    words alone (`weatherbeaten`, `silvermountainside`: as often a compound).

    Accents are read as their base letters (`accoùnt`). Never a word (nor an
    inflection, an older spelling, one of the user's words) or a token one edit from
    a listed word (a misspelling, `nevertheles`); nor one OCR confusion and one edit
    from one (`undisooverable`: asked last, by ``_unread_runs``). A capitalised
    token must read as more words than a name holds (``NAME_PARTS``: not
    `Forfarshire` as `for far shire`), the first as it is written (not
    `Castellamare` as `case tell am are`), and a name's letters (a capital, then
    lowercase) may hold long words (`Middlesexshire`)."""
    if token in accepted:
        return False
    lower = _base_letters(token.lower())
    if not lower.isascii() or not lower.isalpha():
        return False
    if words.is_known(lower, accepted) or words.older_spelling_of(lower) is not None:
        return False
    if words.nearest_word(lower) is not None:
        return False
    return _held_words(token, lower)


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _misread_word_garbled(token: str) -> bool:
    """Whether the run is a word with one OCR confusion and one edit more
    (`undisooverable`): asked last, of the few runs left, as each variant asks as
    much as the run."""
    return any(
        words.is_known(variant.text) or words.nearest_word(variant.text) is not None
        for variant in words.ocr_variants(_base_letters(token.lower()))
    )


def _held_words(token: str, lower: str) -> bool:
    """Whether the run ``token`` (``lower``: lowercase, base letters) reads as words
    OCR garbled, or holds long words, as ``_unread_run`` asks."""
    reading = words.edited_segmentation(lower, MAX_UNREAD_PARTS)
    if (
        reading is not None
        and reading.pieces != reading.words  # else the searches above judged it
        and len(reading.words) >= UNREAD_PARTS
        and min(map(len, reading.words)) >= 2
        and not words.FUNCTION_WORDS.isdisjoint(reading.words)
        and reading.cost <= UNREAD_LETTER_COST * len(lower)
        and not (
            token[0].isupper()
            and (len(reading.words) <= NAME_PARTS or reading.pieces[0] != reading.words[0])
        )
    ):
        return True
    titled = token[0].isupper() and token[1:].islower()
    # two listed words and nothing else are as often a compound (`weatherbeaten`)
    return (
        not titled
        and _long_words_held(lower) >= UNREAD_LONG_WORDS
        and not words.segmentations(lower, 2)
    )


def _long_words_held(lower: str) -> int:
    """How many common words of ``UNREAD_LONG_WORD`` letters or more the lowercase
    run holds, side by side: from the left, the longest at each place, then on after
    it."""
    held = at = 0
    while at <= len(lower) - UNREAD_LONG_WORD:
        longest = next(
            (
                end
                for end in range(min(len(lower), at + _LONGEST_JOIN), at + UNREAD_LONG_WORD - 1, -1)
                if words.frequency(lower[at:end]) >= GARBLED_PART_FREQUENCY
            ),
            None,
        )
        if longest is None:
            at += 1
        else:
            held += 1
            at = longest
    return held


def _base_letters(text: str) -> str:
    """Each letter of ``text`` as its base letter (`ë` as `e`), one for one."""
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text)


def _phrase_reading(doc: Document, token: str, accepted: frozenset[str]) -> _Reading | None:
    """In OCR that loses spaces, a reading of a lowercase token that
    ``_loose_reading`` turns down (a rare word, `terrapin`; a word outside the
    function-word lists, `up`) whose neighbouring words the document writes apart,
    pair by pair, each pair with a content word in it (`terrapinsoup` where
    `terrapin soup` is written, `upand` where `up and` is; not `notwith-standing`
    for `not with`), among the segmenter's three best; or None. Never a word misread
    by OCR, an older spelling or a misspelling likelier than the reading
    (`whonever`: `whoever`, `somewhile`). The pairs are searched for only for the
    few tokens that reach this point (``_written_in``: once per document and pair).
    """
    if token in accepted or words.is_known(token, accepted):
        return None
    for reading in words.segmentations(token, MAX_PARTS)[:3]:
        parts = tuple(part.lower() for part in reading.parts)
        if (
            len(parts) >= 2
            and min(map(len, parts)) >= 2
            and _plausible(parts)
            and all(
                not (left in words.FUNCTION_WORDS and right in words.FUNCTION_WORDS)
                and _written_in(doc, f"{left} {right}")
                for left, right in itertools.pairwise(parts)
            )
        ):
            if _misread_cost(token) < reading.cost or _own_word_odds(token, reading) >= 0.0:
                return None
            return _Reading(reading, (), needs_phrase=False)
    return None


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _loose_camel_reading(token: str, accepted: frozenset[str]) -> _Reading | None:
    """The reading of a token with capitals inside in a document that loses spaces
    (`TheGodofoursalvation`, `FortheAlbertMedal`, `andbecauseNorth`), or None: a
    capital starts a word, each piece between capitals is a listed word or read by
    ``_loose_reading`` (`Godofoursalvation`: `God of our salvation`), and at least
    one piece must be read so, that is have lost a space itself: `WeChat`,
    `YouTube`, `ofBalfour` (two words glued at a capital) are for MW001. With two
    pieces that are unlisted names the reading is doubtful (a display-only fix)."""
    if len(token) > _LONGEST_JOIN or token in accepted:
        return None
    parts: list[str] = []
    read = False
    named = 0
    for piece in _CAMEL_PIECE.findall(token):
        lower = piece.lower()
        listed = words.frequency(lower) > 0
        # inside the token a capital starts a piece, not a sentence (`King of the`)
        verdict = None if listed else _loose_reading(piece if not parts else lower, accepted)
        if verdict is not None:
            first, *rest = verdict.best.parts
            parts += [piece[0] + first[1:], *rest]
            read = True
        elif listed:
            parts.append(piece)
        elif piece[0].isupper() and len(piece) >= 4 and not words.VOWELS.isdisjoint(lower):
            named += 1  # a name (`Manx`; not `Jcu`); two are doubtful (`EstaMiahment`)
            parts.append(piece)
        else:
            return None
    lowered = tuple(part.lower() for part in parts)
    # a preposition glued to a capitalised listed word (`ofVesta`, `byLady`): a
    # document that loses spaces loses them before names too; not before garble
    # (`ofSdel`), nor the words that start identifiers (`forEach`, `inOrder`, `andThen`)
    headed = (
        len(parts) == 2
        and parts[0] in PLACE_HEADS
        and len(parts[1]) >= 4
        and parts[1][0].isupper()
        and parts[1].lower() not in words.FUNCTION_WORDS
        and words.frequency(parts[1].lower()) > 0
    )
    if (
        not (read or headed)
        or not _plausible(lowered)
        or (token[0].isupper() and lowered[0] not in words.FUNCTION_WORDS)
    ):
        return None
    # two names no list knows are as often garble: a display-only suggestion
    doubts = (words.reading(token),) if named > 1 else ()
    return _Reading(words.reading(*parts), doubts, needs_phrase=False)


def _after_a_word(masked: str, start: int) -> bool:
    """Whether a letter and spaces stand right before ``start``."""
    at = start - 1
    while at >= 0 and masked[at] == " ":
        at -= 1
    return at < start - 1 and masked[at].isalpha()


def _word_broken_by_a_space(masked: str, start: int, end: int) -> bool:
    """Whether the token and the word after it, or the word before it and the token,
    make a word where the other is none (`infor mation`, `engage menthe`)."""
    after = _WORD_AFTER_SPACE.match(masked, end)
    if (
        after is not None
        and not words.is_known(after.group(1))
        and words.is_known(masked[start:end] + after.group(1))
    ):
        return True
    before = _LETTERS_LEFT.search(masked, max(0, start - 40), start - 1)
    return (
        before is not None
        and masked[start - 1 : start] == " "
        and not words.is_known(before.group())
        and words.is_known(before.group() + masked[start:end])
    )


def _loose_place(
    masked: str, start: int, end: int, done: Collection[int], *, hyphen: bool = False
) -> bool:
    """Whether a token of a document that loses spaces stands in prose and is not
    flagged yet (at one of the offsets ``done``): punctuation glued to it is more
    lost spaces (`Iknow.itwas`), but not digits, code characters, a hyphen after a
    letter (`self-registered`; unless ``hyphen``, for a finding without a fix), an
    apostrophe before anything but an English ending (`visitit'g`), a word broken
    at a line end or by a space."""
    if start in done or _word_broken_by_a_space(masked, start, end):
        return False
    before = masked[start - 1] if start > 0 else " "
    after = masked[end] if end < len(masked) else " "
    if before.isdigit() or after.isdigit() or before in _LOOSE_CODE or after in _LOOSE_CODE:
        return False
    if not hyphen and before == "-" and masked[start - 2 : start - 1].isalpha():
        return False
    following = masked[end + 1 : end + 2]
    if after == "'" and following.isalpha() and following.lower() not in _CONTRACTION_STARTS:
        return False  # `visitit'g`: a word garbled around a stray mark
    return not _broken_word(masked, start, end)


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _loose_reading(token: str, accepted: frozenset[str]) -> _Reading | None:
    """The segmenter's reading of a token in a document that loses spaces, or None.

    As ``_segment_reading`` asks, the content words must be common (or long, with
    a function word), no pair vetoed, no lowercase `i`, and the token no word (nor
    inflection, prefixed or older spelling, nor a word misread by OCR); but any
    function word makes the shape of a join (`my tongue`, `a man`, `one truth is
    clear`), two content words make one when both are common (`dark hair`), a
    capitalised token may start with any function word (`As a famous`), and a
    word one edit away beats the reading only when it is ``LOOSE_TYPO_COST``
    likelier (`by` for `bya`) or the reading has no function word. Two function
    words must be a pair that goes together (``_function_pair``). When the best
    reading has none of these shapes, the second is taken if it is about as likely
    (``CLOSE_COST``: `godofoursalvation` as `god of our salvation`, not `go do four
    salvation`), and the best stays among the close readings."""
    if len(token) > _LONGEST_JOIN or token in accepted:
        return None
    titled = token[0].isupper()
    readings = words.segmentations(token, MAX_PARTS)
    # the second reading when the best has no shape of a join and is about as likely
    # (`go do four salvation`: `god of our salvation`)
    shaped = [
        r
        for r in readings[:2]
        if r.cost - readings[0].cost < CLOSE_COST and _loose_shape(r, titled)
    ]
    if not shaped:
        return None
    best = shaped[0]
    readings = (best, *(r for r in readings if r is not best))
    parts = [part.lower() for part in best.parts]
    function = sum(part in words.FUNCTION_WORDS for part in parts)
    misread = _misread_cost(token)
    if words.is_known(token, accepted) or misread < best.cost:
        return None
    if _own_word_odds(token, best) >= (LOOSE_TYPO_COST if function else 0.0):
        return None
    close = tuple(
        r for r in readings[1:] if r.cost - best.cost < CLOSE_COST and _plausible(r.parts)
    )
    return _Reading(best, close + _loose_doubts(token, best, misread), needs_phrase=False)


def _loose_shape(reading: words.Segmentation, titled: bool) -> bool:
    """Whether ``reading`` has the shape of a join to ``_loose_reading`` (``titled``:
    of a capitalised token)."""
    parts = [part.lower() for part in reading.parts]
    # a capitalised token starts with a function word (`As a famous`), or reads as
    # more words than a name holds (`Onetruthisclear`; not `Stoneandhill`)
    if "i" in parts[int(titled) :] or (
        titled and parts[0] not in words.FUNCTION_WORDS and len(parts) <= NAME_PARTS
    ):
        return False
    function = sum(part in words.FUNCTION_WORDS for part in parts)
    long_ok = function and min(map(len, parts)) >= 2  # not `calorific a ting`
    if any(
        part not in words.FUNCTION_WORDS
        and not (_segment_content(part) or (long_ok and len(part) >= LOOSE_LONG_PART))
        for part in parts
    ):
        return False
    if not _plausible(tuple(parts)):
        return False
    if not function and (
        len(parts) != 2 or min(map(words.frequency, parts)) < LOOSE_PAIR_FREQUENCY
    ):
        return False
    if function == len(parts) == 2 and not _function_pair(*parts):
        return False  # `Ihe` is `The` misread, `itus` garble: not `I he`, `it us`
    # `pet rat or`: pieces of a word
    return not (function < len(parts) > 2 and max(map(len, parts)) <= 3)


def _loose_doubts(
    token: str, best: words.Segmentation, misread: float
) -> tuple[words.Segmentation, ...]:
    """What makes ``_loose_reading``'s reading of a token doubtful, as other readings
    (the fix is then display-only): a listed word misread by OCR about as likely
    (`evila`: `evils`, `docease`: `decease`), a word one edit away likelier than the
    reading and not one of its parts (`atout`: `about`, `beair`: `bear`, `extraits`:
    `extracts`; not `know` for `Iknow`), or two neighbouring content words that are
    both rare and short (`no wing lava`: garble or a compound as often; not `a
    truthful photograph`: long words are seldom made by chance), or two neighbouring
    parts of two letters or more that make a listed word (`where of this`: `whereof
    this`; not `As a`: `Asa`)."""
    parts = [part.lower() for part in best.parts]
    doubts = []
    if misread < best.cost + CLOSE_COST:
        table = words.frequencies()
        variants = (variant.text for variant in words.ocr_variants(token.lower()))
        misread_as = max(variants, key=lambda text: table.get(text) or 0)
        doubts.append(words.reading(misread_as))
    near = words.nearest_word(token.lower())
    if near is not None and near[0] not in parts and words.count_cost(near[1]) <= best.cost:
        doubts.append(words.reading(near[0]))
    if any(
        left not in words.FUNCTION_WORDS
        and right not in words.FUNCTION_WORDS
        and max(words.frequency(left), words.frequency(right)) < LOOSE_RARE_WORD
        and max(len(left), len(right)) < LOOSE_LONG_PART
        for left, right in itertools.pairwise(parts)
    ):
        doubts.append(words.reading(token))
    for at, (left, right) in enumerate(itertools.pairwise(parts)):
        if min(len(left), len(right)) > 1 and words.frequency(left + right) > 0:
            joined = (*best.parts[:at], best.parts[at] + best.parts[at + 1], *best.parts[at + 2 :])
            doubts.append(words.reading(*joined))
    return tuple(doubts)


def _misread_cost(token: str) -> float:
    """The cost of reading the token as a listed word misread by OCR, one confusion
    undone (`beon`: `been`, `yeara`: `years`, `westem`: `western`): the word's
    cost plus ``GARBLE_COST``; inf if there is none. A reading as words must cost
    less (`to us` for `tous`, not `tons`). (Listed words only: the inflections
    ``words.is_known`` accepts make too many, `tooka`: `tooks`.)"""
    table = words.frequencies()
    counts = (table.get(variant.text) for variant in words.ocr_variants(token.lower()))
    return min(
        (words.count_cost(count) + GARBLE_COST for count in counts if count is not None),
        default=math.inf,
    )


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _misread_word(token: str) -> bool:
    """Whether the unlisted ``token`` is a common word with one OCR confusion
    (`aftor`, `nevor`): a document with a few of these is OCR, whose joins may
    be garbled too. Clean text has none or one (`cruft`, `printf`)."""
    table = words.frequencies()
    variants = words.ocr_variants(token)
    return any(table.get(variant.text, 0) >= GARBLED_PART_FREQUENCY for variant in variants)


class _Garbled(NamedTuple):
    """A reading of a token with one OCR confusion undone (`tbeking`: `the king`),
    where its spaces go in the token (offsets), and the other readings close to it."""

    reading: words.Segmentation
    cuts: tuple[int, ...]
    close: tuple[str, ...]


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _garbled_reading(token: str, accepted: frozenset[str], loose: bool = False) -> _Garbled | None:
    """The likeliest reading of a lowercase token as words when one OCR confusion
    (``words.ocr_variants``: `b` for `h`, `o` for `c`, `u` for `n`...) is undone, or
    None unless it clearly wins.

    The reading must pass what ``_segment_reading`` asks of a join (common content
    words, the shape of a join, no vetoed pair), and the word that holds the
    corrected letters must be a function word or a common word. Never when undoing a
    confusion makes a word (`sometbing`: `something`, a misspelling of one word),
    when the token is one edit from a word likelier than the reading, an older
    spelling, the tail of a word, or when the token read as it stands is about as
    likely (a compound, a name: its own search judged it).

    In OCR that loses spaces (``loose``), the reading of the corrected token need
    only pass ``_loose_reading`` (`directly from` for `direotlyfrom`, `every
    person` for `everypersou`)."""
    if not (_MIN_LISTED_JOIN <= len(token) <= _LONGEST_GARBLED) or not token.islower():
        return None
    if _misread_word(token):
        return None  # one word misread (`aftor`): the commonest unlisted word of OCR
    candidates: dict[str, tuple[float, tuple[int, ...], words.Segmentation]] = {}
    for variant in words.ocr_variants(token):
        if loose:
            found = _loose_garbled_candidate(variant, accepted)
        else:
            found = _garbled_candidate(variant) if _function_edge(variant.text) else None
        if found is not None and found[2].text not in candidates:
            candidates[found[2].text] = found
    if not candidates:
        return None  # the common case: the checks below cost more, so they come after
    ranked = sorted(candidates.values(), key=lambda c: c[0])
    cost, cuts, best = ranked[0]
    if token in accepted or _word_tail(token):
        return None
    texts = (token, *(variant.text for variant in words.ocr_variants(token)))
    if any(words.is_known(text, accepted) or words.older_spelling_of(text) for text in texts):
        return None  # a word, an older spelling, a misread word (`sometbing`, `asrnuch`)
    own = words.segmentations(token, MAX_PARTS)
    if own and own[0].cost < cost + CLOSE_COST:
        return None  # read as it stands, about as likely: no sign of a misread letter
    near = words.nearest_word(token)
    if near is not None and words.count_cost(near[1]) < cost:
        return None  # one edit from a word: a misspelling of it (`tolerenoe`)
    close = tuple(c[2].text for c in ranked[1:] if c[0] - cost < CLOSE_COST)
    return _Garbled(best, cuts, close)


def _garbled_part(part: str) -> bool:
    """Whether a word may hold the letters a reading corrects: a very common function
    word of three letters or more (`tbe`, `tliis`), a content word of four letters or
    more that is common, or long and fairly common (`acoidentally`). Short words lie
    close together: one confusion turns many garbles into one (`lion`, `rips`, `nor`)."""
    count = words.frequency(part)
    if part in words.FUNCTION_WORDS:
        return len(part) >= 3 and count >= GARBLED_FUNCTION_FREQUENCY
    if len(part) < 4:
        return False  # `ifhedfor` is no `if bed for`
    if len(part) >= GARBLED_LONG_PART:
        return count >= GARBLED_PART_FREQUENCY
    return count >= GARBLED_SHORT_PART_FREQUENCY


def _garbled_candidate(
    variant: words.Variant,
) -> tuple[float, tuple[int, ...], words.Segmentation] | None:
    """The cost of a variant's best reading (plus ``GARBLE_COST``), its cuts mapped
    back to offsets in the token, and the reading; None if it is no join."""
    readings = words.segmentations(variant.text, MAX_PARTS)
    if not readings:
        return None
    best = readings[0]
    parts = [part.lower() for part in best.parts]
    if len(parts) > MAX_GARBLED_PARTS or any(len(part) < 3 for part in parts[1:]):
        return None  # `had be one`, `babe as`: short words end too many garbles
    if "i" in parts or not _plausible(tuple(parts)) or not _join_shape(parts):
        return None
    if any(part not in words.FUNCTION_WORDS and not _segment_content(part) for part in parts):
        return None
    return _mapped_back(variant, best, _garbled_part)


def _loose_garbled_candidate(
    variant: words.Variant, accepted: frozenset[str]
) -> tuple[float, tuple[int, ...], words.Segmentation] | None:
    """``_garbled_candidate`` in OCR that loses spaces: the variant's reading must
    pass ``_loose_reading`` and have no word of one letter (`pay a lent`), and the
    corrected word pass ``_garbled_part`` (not `bid doth`, `is lion`, `saw me`)."""
    verdict = _loose_reading(variant.text, accepted)
    if verdict is None or min(map(len, verdict.best.parts)) < 2:
        return None
    return _mapped_back(variant, verdict.best, _garbled_part)


def _mapped_back(
    variant: words.Variant, best: words.Segmentation, corrected_ok: Callable[[str], bool]
) -> tuple[float, tuple[int, ...], words.Segmentation] | None:
    """The cost of a variant's reading (plus ``GARBLE_COST``) and its cuts mapped
    back to offsets in the token; None if the corrected letters straddle two words
    or the word that holds them fails ``corrected_ok``."""
    cuts, at, fixed = [], 0, variant.at + len(variant.true)
    for part in (part.lower() for part in best.parts):
        end = at + len(part)
        if at <= variant.at < end:
            if fixed > end:
                return None  # the corrected letters straddle two words
            if not corrected_ok(part):
                return None  # a short or rare word is too easily made by a confusion
        at = end
        if at < len(variant.text):
            cuts.append(at if at <= variant.at else at - len(variant.true) + len(variant.read))
    return best.cost + GARBLE_COST, tuple(cuts), best


def _standalone_words(doc: Document) -> frozenset[str]:
    """The runs of letters that stand on their own in the masked text (no letter,
    digit or `_` on either side): which candidate tokens are words of their own, and
    which words the document has. They are the document's word types (runs of
    ``\\w``, counted once per document for every rule) made of letters only, where
    Python's character tables and those of `regex` agree on every character of the
    text; else one scan of the text."""
    if _same_tables(doc):
        return frozenset(filter(str.isalpha, doc.words))
    return frozenset(_STANDALONE_LETTERS.findall(doc.masked))


def _lower_runs(doc: Document) -> frozenset[str]:
    """The runs of three lowercase ASCII letters or more in the masked text, with the
    digit after them if any (see ``_LOWER_RUN``). No run crosses the end of a word
    type (a run of ``\\w``), so they are found in the document's distinct word types
    joined by spaces, a fraction of the text, where the character tables agree."""
    if _same_tables(doc):
        return frozenset(_LOWER_RUN_IN_TYPES.findall(" ".join(doc.words)))
    return frozenset(_LOWER_RUN.findall(doc.masked))


def _same_tables(doc: Document) -> bool:
    """Whether Python (``str`` methods, the `re` module's ``\\w`` that finds the word
    types) and `regex` (``\\p{L}``, ``\\p{N}``, ``\\d``) class every character of the
    text alike: their Unicode versions differ, on a few recent letters and digits."""
    return doc.text.isascii() or all(
        map(_same_class, itertools.filterfalse(str.isascii, doc.characters))
    )


@functools.lru_cache(maxsize=4096)
def _same_class(char: str) -> bool:
    return (
        char.isalpha() == (_LETTER.match(char) is not None)
        and (char.isalnum() or char == "_") == (_WORD_CHARACTER.match(char) is not None)
        and char.isdecimal() == (_DIGIT.match(char) is not None)
    )


def _places(doc: Document, token: str) -> list[tuple[int, int]]:
    """Where the run of letters ``token`` stands on its own in the masked text, in
    order: substring searches, far cheaper for the few candidate tokens than
    recording the place of every word of the document."""
    if token not in doc.shared(_standalone_words):
        return []
    masked = doc.masked
    places = []
    at = masked.find(token)
    while at >= 0:
        end = at + len(token)
        if not (_word_character(masked[at - 1 : at]) or _word_character(masked[end : end + 1])):
            places.append((at, end))
        at = masked.find(token, end)
    return places


def _word_character(char: str) -> bool:
    """A letter, a digit or `_` (what ``_STANDALONE_LETTERS`` may not touch)."""
    return char.isalnum() or char == "_"


def _word_on_its_own(masked: str, start: int, end: int) -> bool:
    """Whether the token at ``[start, end)`` is prose: not code, not part of a longer
    word joined by punctuation, not a word broken over a line."""
    return not (
        _looks_like_code(masked, start, end)
        or _touches_word_punctuation(masked, start, end)
        or _broken_word(masked, start, end)
    )


def _split_violation(
    start: int, end: int, token: str, split: str, others: str, safety: Safety
) -> Violation:
    """MW002's finding: ``token`` looks like ``split`` (or the ``others``)."""
    return Violation(
        start,
        end,
        f"'{token}' looks like '{split}'{others}",
        replace(start, end, split, safety, f"Split into '{split}'"),
    )


def _word_tail(token: str) -> bool:
    """Whether a letter before the lowercase ``token`` makes a listed word (`ither`:
    `either`, `ather`: `father`): a run of letters after a capital, the end of a
    capitalised word, far more often than a join (`isa` is missed: `lisa`)."""
    return any(words.frequency(letter + token) > 0 for letter in words.LETTERS)


def _after_a_space(masked: str, token: str) -> bool:
    """Whether the document has ``token`` after a space or a line break: two substring
    searches, far faster than a regular expression, that drop the runs that end a
    longer word (`ither` of `Either`) and the capitalised forms the document lacks.
    (A join right after a bracket or a quote is missed.)"""
    return f" {token}" in masked or f"\n{token}" in masked or masked.startswith(token)


@functools.cache
def _short_function_pairs() -> frozenset[str]:
    """Two function words glued into three or four letters (`ifwe`, `onit`): the
    only joins that short, so the runs of letters that short worth asking the word
    list about (one set lookup a run; made once per process)."""
    return frozenset(
        left + right
        for left in words.FUNCTION_WORDS
        for right in words.FUNCTION_WORDS
        if len(left) + len(right) <= 4
    )


def _function_edge(token: str) -> bool:
    """Whether a lowercase token starts or ends with a function word of two letters
    or more, as nearly every reading ``_segment_reading`` takes does: a cheap test
    first. (`a` and `i` start and end too many words and names; `a` + a word also
    needs the phrase written apart, see ``_own_word_odds``; `tooka` is missed.)"""
    if token[0].isupper():
        return True  # it starts with one of SEGMENT_HEADS: see ``_CAPITALS_AND_TAILS``
    longest = min(len(token) - 1, _LONGEST_FUNCTION_WORD)
    return any(
        token[:k] in words.FUNCTION_WORDS or token[-k:] in words.FUNCTION_WORDS
        for k in range(2, longest + 1)
    )


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _segment_reading(
    token: str, accepted: frozenset[str], attested: bool = False
) -> _Reading | None:
    """The segmenter's reading of a token that is no word, and the readings close to
    it, or None when nothing says it is a join.

    The best reading must have content parts of three letters or more that are
    common, no vetoed pair (see ``_plausible``), a capitalised token must start with a
    word that starts sentences (`Thewitness`; `Andover` and `Alexa` are names). And the
    token must not be a word of its own: a misspelling (one edit from a word likelier
    than the split), an older spelling (`beene`, `hastie`, `withall`).

    It has the shape of a join (``_join_shape``) or, when the document has two
    halves of the token as words of their own (``attested``), it is kept too, marked
    to need the reading written apart in the document (`dark hair` vouches for
    `darkhair`, `let me` for `letme`), if no word one edit away is likelier than the
    reading (`beon` is `been`, whatever `be on` elsewhere says).
    """
    if len(token) > _LONGEST_JOIN or token in accepted:
        return None
    if not (attested or _function_edge(token)):
        return None
    titled = token[0].isupper()
    if not (token.islower() or (titled and token[1:].islower())):
        return None
    readings = words.segmentations(token, MAX_PARTS)
    if not readings:
        return None
    best = readings[0]
    parts = [part.lower() for part in best.parts]
    if titled and best.parts[0] not in SEGMENT_HEADS:
        return None
    if "i" in parts[int(titled) :]:
        return None  # a lowercase `i` is a piece of a word (`justi`, `icult`)
    if any(part not in words.FUNCTION_WORDS and not _segment_content(part) for part in parts):
        return None
    if not _plausible(tuple(parts)):
        return None
    shaped = _join_shape(parts)
    if not (shaped or (attested and _may_be_attested(parts))):
        return None
    if words.is_known(token, accepted) or _misread_cost(token) < best.cost:
        return None  # a word, or one misread by OCR (`westem`: `western`)
    odds = _own_word_odds(token, best)
    if odds >= (TYPO_COST if shaped else 0.0):
        return None  # a typo: `beon` is `been` misread more often than `be on`
    # after `He`, `We`, `It`, `If`, `I` only a function word is clear (`Hewas`)
    named = titled and best.parts[0] in _SHORT_TITLES and parts[1] not in words.FUNCTION_WORDS
    needs_phrase = odds > 0 or not shaped or named
    if not (titled or needs_phrase) and _word_tail(token):
        return None  # the end of a word; the phrase written apart outweighs that (`aman`)
    close = tuple(
        r for r in readings[1:] if r.cost - best.cost < CLOSE_COST and _plausible(r.parts)
    )
    return _Reading(best, close, needs_phrase=needs_phrase, once=not shaped)


def _join_shape(parts: list[str]) -> bool:
    """Whether lowercase parts read from one token look like words that lost their
    spaces, whatever the document says: a function word among them, two words that
    make a join (``_two_word_join``), or, of three or more, at least half function
    words (not `alloneword`, `bigtentalloneword`: coined names) or a function word
    that makes a join with the word on each side (`placedhishand`)."""
    function = sum(part in words.FUNCTION_WORDS for part in parts)
    if not function:
        # two content words: a compound (`blockchain`) as often as a join, unless
        # one is an adverb in `-ly`, which makes no compounds (`usuallysaid`)
        return len(parts) == 2 and any(_inflected(part, ("ly",)) for part in parts)
    if len(parts) == 2:
        return _two_word_join(*parts)
    if 2 * function >= len(parts):
        return True
    # `placedhishand`, `helpedbyexquisite`: a function word between two words
    return (
        len(parts) == 3
        and _two_word_join(parts[0], parts[1])
        and _two_word_join(parts[1], parts[2])
    )


def _may_be_attested(parts: list[str]) -> bool:
    """Whether the document's phrase may vouch for a reading of no join shape: two
    parts with a function word (`let me`, `and when`), or two content words of
    which one is plainly an adverb or a participle (`bottledleech`, `satclosely`).
    Two nouns make compounds that a document writes both ways
    (`bootcamp` and `boot camp`, `filesystem`, `datacenter`)."""
    if len(parts) != 2:
        return False
    left, right = parts
    if left in words.FUNCTION_WORDS or right in words.FUNCTION_WORDS:
        return True
    return _inflected(left, ("ly", "ed")) or _inflected(right, ("ly",))


def _inflected(word: str, endings: tuple[str, ...]) -> bool:
    """Whether ``word`` is a listed stem of three letters or more plus one of the
    ``endings`` (`bottled`: `bottle`; `closely`: `close`; not `speed`, `family`)."""
    for ending in endings:
        stem = word[: -len(ending)]
        if (
            word.endswith(ending)
            and len(stem) >= 3
            and (words.frequency(stem) or words.frequency(stem + "e"))
        ):
            return True
    return False


def _attested(token: str, present: frozenset[str]) -> bool:
    """Whether the document has two halves of ``token`` as words of their own
    (``present``: see ``_standalone_words``), in lowercase or capitalised, so that the
    reading may be written apart in it: set lookups, before a second reading is sought."""
    lower = token.lower()
    return any(
        (left in present or left.capitalize() in present)
        and (right in present or right.capitalize() in present)
        for left, right in ((lower[:k], lower[k:]) for k in range(1, len(lower)))
    )


def _plausible(parts: tuple[str, ...]) -> bool:
    """Whether a second reading could be meant (`post also` for `postalso`, read
    `postal so`): no vetoed pair, no misplaced article (`are a about`), no word
    twice in a row (`ititin`: `it it in` is garble)."""
    lowered = [part.lower() for part in parts]
    return not _bad_article(lowered) and not any(
        left == right or _pair_veto(left, right) for left, right in itertools.pairwise(lowered)
    )


class _Reading(NamedTuple):
    """The segmenter's reading of a token, the readings close to it, and whether the
    document must write the words apart elsewhere to vouch for it."""

    best: words.Segmentation
    close: tuple[words.Segmentation, ...]
    needs_phrase: bool
    once: bool = False  # vouched for only by the phrase: the token must occur once


def _own_word_odds(token: str, reading: words.Segmentation) -> float:
    """How much likelier (log10) the token is as a word of its own than as the
    reading: an older spelling (`beene`, `hastie`, `withall`; but `forthe` is `for
    the`, not `forth`) always; a misspelling, one edit from a listed word
    (`becuase`, `tolerence`, OCR's `looka` for `looks`), by the word's frequency
    against the reading's; -inf if it is no word at all."""
    lower = token.lower()
    if reading.parts[-1].lower() != "the" and words.older_spelling_of(lower) is not None:
        return math.inf
    near = words.nearest_word(lower)
    return -math.inf if near is None else reading.cost - words.count_cost(near[1])


def _pair_veto(left: str, right: str) -> bool:
    """Two neighbouring parts that make a word more often than they lose a space:
    an identifier (`isalive`, `asarray`, `fromstring`), a name or a compound ending
    in `being`, or in `by` after anything but a participle (`hornsby`, `driveby`,
    `wellbeing`; but `shownby`), a compound with a particle (`failover`,
    `overpaid`, `rollout`), a compound determiner (`everytime`), the prefix `be-`
    (`bepraised`), a dropped g (`talkin`: `talking`)."""
    return (
        (left in IDENTIFIER_HEADS and right in IDENTIFIER_WORDS)
        or right == "being"
        or (left in COMPOUND_HEADS and right not in words.FUNCTION_WORDS)
        or (right in PARTICLES and left not in words.FUNCTION_WORDS)
        or (left in ("every", "any", "some", "no") and right in COMPOUND_TAILS)
        or (right == "by" and not left.endswith(("ed", "wn", "en")))
        or (left == "be" and right.endswith("ed"))
        or (right == "in" and words.frequency(left + "ing") > 0)
    )


def _bad_article(parts: list[str]) -> bool:
    """An article inside a reading before a function word, or of the wrong form (`a
    apple`, `an dog`), or after a subject pronoun or a plural determiner (`he a`,
    `these a`): the letters are a piece of a word (`headiea`, `Heathrow`). (An
    article at the end needs the word after the token: see ``_fits_between``.)"""
    for part, following in itertools.pairwise(parts):
        if following in words.ARTICLES and part in NO_ARTICLE_AFTER:
            return True
        if part in words.ARTICLES and (
            following in words.FUNCTION_WORDS
            or (part != "the" and (part == "a") == (following[0] in words.VOWELS))
        ):
            return True
    return False


def _two_word_join(left: str, right: str) -> bool:
    """Whether two words read from one token make a join: a pair the lists know
    (``_is_join``), two function words that go together (`if we`, `on it`), a
    function word and a common word (`he said`, `my wife`, `who died`; but `in` and
    `on` before a word are prefixes: `inbox`, `onboard`), a common word and a
    function word (`king was`, `shown by`; a short one as ``_short_join`` allows)."""
    if _is_join(left, right):
        return True
    left_function, right_function = left in words.FUNCTION_WORDS, right in words.FUNCTION_WORDS
    if left_function and right_function:
        return _function_pair(left, right)
    if left in ("in", "on"):
        return False
    if left in ("a", "an"):
        # `aman`: one edit from `man`, so ``_own_word_odds`` asks for `a man` elsewhere
        return _segment_content(right)
    if left_function:
        return _common_content(right) and not (left == "at" and right.startswith("t"))
    if not right_function:
        return False
    if right in ("by", "a"):
        # a participle (`shownby`: see ``_pair_veto``); a word and an article
        # (`tooka`), which ``_own_word_odds`` makes ask for the phrase written apart
        return _common_content(left)
    return _common_content(left) and (len(right) >= 3 or _short_join(left, right))


def _segment_content(part: str) -> bool:
    """A content word common enough to be a part of a join the segmenter finds: the
    rarer a word, the likelier it is a piece of a longer word (`ape` in `apeare`)."""
    least = MIN_SHORT_SEGMENT_FREQUENCY if len(part) == 3 else MIN_SEGMENT_FREQUENCY
    return len(part) >= 3 and words.frequency(part) >= least


def _function_pair(left: str, right: str) -> bool:
    return (
        (left in PAIR_HEADS and right in PAIR_TAILS)
        or (left, right) in FUNCTION_PAIRS
        or (left, right) in words.function_pairs()
    )


def _name_in(masked: str, token: str, best: words.Segmentation, occurrences: int) -> bool:
    """Whether the document treats the token as a name or a word: writes it also
    capitalised (a lowercase token) or also in lowercase (a capitalised one), or
    repeats it and never writes it apart."""
    # in capitals anywhere (`EVONPORT` of `DEVONPORT`: a piece of a name), capitalised
    # as a word of its own (not `Myspirit` of `Myspiritpahts`, more lost spaces)
    if token.islower() and (
        token.upper() in masked or _written_as_word(masked, token.capitalize())
    ):
        return True
    if not token.islower() and _written_as_word(masked, token.lower()):
        return True
    return occurrences > 1 and best.text not in masked


def _written_as_word(masked: str, form: str) -> bool:
    """Whether ``form`` stands in the text with no letter right before or after it:
    `Myspirit` in `Myspiritpahts` (OCR that lost more spaces) is no name."""
    at = masked.find(form)
    while at >= 0:
        end = at + len(form)
        if not (masked[at - 1 : at].isalpha() or masked[end : end + 1].isalpha()):
            return True
        at = masked.find(form, at + 1)
    return False


def _sentence_start(masked: str, start: int) -> bool:
    """Whether ``start`` begins a sentence: the document's start, a paragraph's (a
    blank line before), or after `.`, `!` or `?` (and maybe a quote) that ends a
    lowercase word, not an initial or a title (`John A. Heslip`, `Mr. Weinstock`)."""
    at, newlines = start - 1, 0
    while at >= 0 and masked[at] in " \t\r\n":
        newlines += masked[at] == "\n"
        at -= 1
    if at < 0 or newlines >= 2:
        return True
    while at >= 0 and masked[at] in "\"'”’)":
        at -= 1
    if at < 0 or masked[at] not in ".!?":
        return False
    word = _LETTERS_LEFT.search(masked, max(0, at - 40), at)
    return word is not None and len(word.group()) >= 2 and word.group().islower()


def _broken_word(masked: str, start: int, end: int) -> bool:
    """A piece of a word broken at a line end: `to- gether`, `prepa- ration`."""
    before = masked[max(0, start - 2) : start]
    return before.endswith(("- ", "-\n")) or masked[end : end + 2] in ("- ", "-\n")


def _fits_between(
    masked: str,
    start: int,
    end: int,
    reading: words.Segmentation,
    *,
    unknown_neighbours: int = 1,
) -> bool:
    """Whether the words around the token are English and let the reading stand.

    Among words of another language (`lutea as`, `scripta manet`) or OCR garble a
    token is no join of English words: of the two words on each side, at most one
    may be unknown (``unknown_neighbours``: two in OCR that loses spaces). A reading
    that ends in an article needs the word it goes with after it (`tooka walk`), not
    a function word, a line end or a hyphen (`seconda and` is `seconds and` misread,
    `prepa- ration` a broken word); one that starts with `a` or `an` may not follow
    another function word (`an aspin leaf`; `been, atruek` is `struck` misread), nor
    one that starts with `the` a determiner or a subject pronoun (`his the`; but
    `and the usefulness`)."""
    before = _NEIGHBOUR_WORDS_BEFORE.search(masked, max(0, start - 60), start)
    after = _NEIGHBOUR_WORDS_AFTER.match(masked, end, min(len(masked), end + 60))
    neighbours = [
        *(before.captures("word") if before else []),
        *(after.captures("word") if after else []),
    ]
    if sum(not words.is_known(word) for word in neighbours) > unknown_neighbours:
        return False
    first, last = reading.parts[0].lower(), reading.parts[-1].lower()
    if last in words.ARTICLES:
        following = _WORD_AFTER_SPACE.match(masked, end)
        if following is None or following.group(1).lower() in words.FUNCTION_WORDS:
            return False
        if last != "the" and (last == "a") == (following.group(1)[0].lower() in words.VOWELS):
            return False  # `a apple`, `an dog`
    if first in words.ARTICLES and before is not None:
        previous = before.captures("word")[-1].lower()
        if first == "the":  # `and the usefulness`; not `his the`, `the the`
            return previous not in NO_THE_AFTER and previous not in NO_ARTICLE_AFTER
        return previous not in words.FUNCTION_WORDS  # `been, atruek` is `struck` misread
    return True


@functools.lru_cache(maxsize=words.WORD_CACHE)
def _may_be_join(token: str) -> bool:
    """Whether some cut of ``token`` next to a function word passes ``_is_join``."""
    for k in range(2, min(len(token) - 1, _LONGEST_FUNCTION_WORD) + 1):
        head, rest, start, tail = token[:k], token[k:], token[:-k], token[-k:]
        if (head in _ANY_HEAD or rest in _ANY_TAIL) and _is_join(head, rest):
            return True
        if (start in _ANY_HEAD or tail in _ANY_TAIL) and _is_join(start, tail):
            return True
    return False


def _readings(token: str, accepted: frozenset[str]) -> list[words.Split]:
    """The readings of ``token`` as two words of which one is a function word, most
    likely first (`themall`: `them all`, `the mall`)."""
    return [
        s
        for s in words.split_candidates(token, accepted, one_of=words.FUNCTION_WORDS)
        if not (s.left == "an" and s.right[0] not in "aeiouh")  # not `an done`
    ]


def _is_join(left: str, right: str) -> bool:
    return (
        (left in PAIR_HEADS and right in PAIR_TAILS)
        or (left in JOIN_HEADS and _content(right) and (left != "to" or _common_after_to(right)))
        or (right in JOIN_TAILS and _content(left))
        or _short_join(left, right)
    )


def _short_join(left: str, right: str) -> bool:
    """A join with a short function word: a common content word on the other side,
    and no sign that the token is a word of its own."""
    if left in SHORT_HEADS:
        if not _common_content(right) or (left == "at" and right.startswith("t")):
            return False  # `attent`, `attrap`: the Latin `at-` of `attend`
        if right in IDENTIFIER_WORDS:
            return False  # `isalive`, `asarray`: a name in code
        # `astable`, `aswing`: `a-` and a word, an older compound
        return left[0] != "a" or not words.is_known(left[1:] + right)
    if right not in SHORT_TAILS or not _common_content(left):
        return False
    if right == "in":
        return not words.frequency(left + "ing")  # `tellin`, `talkin`: a dropped g
    if right in ("on", "at"):
        return len(left) >= 5  # `jetson`, `felton`, `chaton`, `ballat`: names and loans
    if right == "it":
        return left.endswith(("ed", "s"))  # `readsit`; not `shipit`, `stickit`
    return True


def _common_after_to(word: str) -> bool:
    """`to` glues onto short words that are no verbs (`todos`, `topal`): after `to`,
    a three-letter word must be very common (`touse`, `tosee`)."""
    return len(word) >= 4 or words.frequency(word) >= 100_000


def _content(word: str) -> bool:
    """A common content word, fit to be one half of a join (see ``_segment_content``:
    `ape` and `dell` are more often pieces of `apeare` and `candell`)."""
    return word not in words.FUNCTION_WORDS and _segment_content(word)


def _common_content(word: str) -> bool:
    """A content word common enough to be a half of a join with a short function word."""
    return (
        len(word) >= 4
        and word not in words.FUNCTION_WORDS
        and words.frequency(word) >= MIN_SHORT_JOIN_FREQUENCY
    )


# -- MW003 ----------------------------------------------------------------------------


@rule(
    "MW003",
    "missing-space-after-sentence",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def missing_space_after_sentence(doc: Document, ctx: Context) -> Iterator[Violation]:
    """No space between the end of a sentence and the next one.

    ## What it does
    Finds `.`, `?` or `!` (maybe followed by a closing quote or parenthesis) between
    a lowercase word and a capitalised word with nothing in between, when:
    - the second word is one that starts sentences (`internet.The`,
      `fantastic.Yeah`, `done?So`);
    - or it is a capitalised common word ending in `-ed` or `-ly` (`internet.Guided`,
      `said.Finally`), which no class or module is named like;
    - or, after a period, it is a plural noun or a determiner, time word, question
      or imperative that opens sentences (`expected.Margins were`, `factories.Last
      year`, `constructive.A reporter`, `December.Is the`, `weeks.Take the bus`),
      the first word is a common
      word (or a month or day), a sentence goes on after the second, and nothing
      says code: no module's name on the left (`strings.Fields`, `errors.Is`), no
      brackets, operators or dotted names near it or anywhere a call or a
      `snake_case` name in the document, and the left word is not used before
      another dot;
    - or the mark is `?` or `!` (`really?Yes`);
    - or a period stands between a word and a number (`poverty.82.49 million`).

    Left alone: abbreviations and initials (`U.S.`, `e.g.`, `Ph.D.`, `J.R.R.`,
    `a.m.`, `No.5`), decimals, versions and times, domains and file names
    (`china.org.cn`, `GoTime.fm`, `README.md`, masked), dotted code names
    (`jQuery.Deferred`, `string.Template`, `Ecto.Query`, `http.Handler`,
    `cobra.Command`: a singular noun after a dot is a member), ellipses
    (`so...The`), and anything next to digits, underscores or more dots.

    ## Why is this bad?
    Scraped paragraphs and hurried typing lose the space after a sentence. Sentence
    splitters then see one sentence, and search sees one token (`internet.Guided`).

    ## Example
    ```text
    We left the station.Guided by the map, we walked on.
    ```
    Use instead:
    ```text
    We left the station. Guided by the map, we walked on.
    ```

    ## Fix safety
    Safe after a period between a dictionary word and one of the commonest sentence
    starters (`The`, `It`, `We`, `So`, `Yeah`...): a space changes no letter, and
    nothing named like `word.The` exists outside prose (domains and file names are
    masked). Unsafe otherwise.
    """
    masked = doc.masked
    accepted = words.accepted_words(ctx)
    for gap in _SENTENCE_GAP.finditer(masked):
        mark_at = gap.start()
        after = gap.end()
        left_match = _LETTERS_LEFT.search(masked, max(0, mark_at - 40), mark_at)
        digits_left = _DIGITS_LEFT.search(masked, max(0, mark_at - 12), mark_at)
        left_start = (
            left_match.start() if left_match else digits_left.start() if digits_left else mark_at
        )
        before = masked[left_start - 1] if left_start > 0 else " "
        if left_start == mark_at or before.isalnum() or before in _CODE_BEFORE:
            continue  # `a.m.The`, `obj.method.Name`, `$var.Name`
        left = masked[left_start:mark_at]
        mark = masked[mark_at]
        if mark == "." and (
            masked[mark_at - 1 : mark_at] == "." or masked.startswith(".", mark_at + 1)
        ):
            continue  # an ellipsis
        verdict = _sentence_gap_verdict(doc, left, mark, after, accepted)
        if verdict is None:
            continue
        right, safety = verdict
        yield Violation(
            left_start,
            after + len(right),
            f"No space after '{masked[mark_at:after]}' in '{left}{masked[mark_at:after]}{right}'",
            replace(after, after, " ", safety, f"Insert a space after '{masked[mark_at:after]}'"),
        )


def _sentence_gap_verdict(
    doc: Document, left: str, mark: str, after: int, user_words: frozenset[str]
) -> tuple[str, Safety] | None:
    """The word after the gap and the fix's safety, or None if this is no gap."""
    masked = doc.masked
    if masked[after : after + 1].isdigit():
        number = _NUMBER_IN_PROSE.match(masked, after)
        if number is None:
            return None  # `variables.7`, `alpha.2`: a man page section, a version
        if (
            mark == "."
            and left.isalpha()
            and left.islower()
            and len(left) >= 3
            and left not in ABBREVIATIONS
            and words.is_known(left, user_words)
        ):
            return number.group(), Safety.UNSAFE
        return None
    right_match = _CAPITALISED.match(masked, after)
    if right_match is None:
        return None
    right = right_match.group()
    end = right_match.end()
    if end < len(masked) and (
        masked[end].isalnum()
        or masked[end] in _CODE_AFTER
        or (masked[end] == "." and masked[end + 1 : end + 2].isalnum())
    ):
        return None  # `Ph.D`, `Ave.NW`, `obj.Method(`, `Ecto.Query.from`
    if right == "I" and not masked.startswith((" ", "'", "’"), end):
        return None
    if len(right) < 2 and right not in ("I", "A"):
        return None
    if left.isdigit():
        return (right, Safety.UNSAFE) if right in SENTENCE_STARTERS else None
    titled = left[0].isupper() and left[1:].islower()
    # `Internet.The`: a capitalised word ends a sentence; code names (`Ecto.Query`,
    # `String.Format`) do not go on with a sentence opener.
    if (
        titled
        and len(left) >= 3
        and right in SENTENCE_STARTERS
        and mark == "."
        and left not in ABBREVIATIONS
        and words.is_known(left, user_words)
    ):
        return right, Safety.UNSAFE
    if titled and left in CALENDAR_WORDS and mark == ".":
        # `Thursday.Members`: a date ends a sentence, and no module is named like it
        return (right, Safety.UNSAFE) if _sentence_after(doc, left, after, end) else None
    capitalised_question = mark == "?" and titled
    if not (left.islower() or capitalised_question) or len(left) < 2 or left in ABBREVIATIONS:
        return None
    plain = words.is_known(left, user_words)
    if right == "A":
        # `constructive.A reporter`; `A` alone is a name, a grade, a variable
        return (right, Safety.UNSAFE) if plain and _sentence_after(doc, left, after, end) else None
    if right in SENTENCE_STARTERS:
        safe = plain and mark == "." and right in SAFE_STARTERS
        return right, Safety.SAFE if safe else Safety.UNSAFE
    if mark in "?!" and plain:
        return right, Safety.UNSAFE
    if (
        mark == "."
        and plain
        and len(right) >= 5
        and right.endswith(("ed", "ly"))
        and words.is_known(right, user_words)
        and left not in MODULE_NAMES
        and right not in TYPE_WORDS
        and regex.match(r"[ ,]+\p{Ll}", masked[end : end + 3])
    ):
        return right, Safety.UNSAFE
    if mark == "." and plain and _sentence_after(doc, left, after, end):
        return right, Safety.UNSAFE  # `expected.Margins were lower`
    return None


def _sentence_after(doc: Document, left: str, after: int, end: int) -> bool:
    """Whether `left.Right` (the capital at ``after``, the word ending at ``end``) is
    the end of a sentence and the start of the next one rather than a dotted name
    (`strings.Builder`, `queue.Queue`, `cobra.Command`): both words are common, the
    left one of three letters or more and no module's name, the right one opens
    sentences or is a plural (members are mostly singular); a sentence goes on after
    it; nothing that looks like code stands close by or anywhere in the document;
    and the document does not use the left word before another dot (`errors.Is`)."""
    masked = doc.masked
    lower = left.lower()
    right = masked[after:end].lower()
    if len(left) < 3 or lower in MODULE_NAMES or masked[after:end] in TYPE_WORDS:
        return False
    if right.startswith(lower) or lower.startswith(right):
        return False  # `queue.Queue`, `models.Model`
    if min(words.frequency(lower), words.frequency(right)) < MIN_CONTENT_FREQUENCY:
        return False
    if not (masked[after:end] in OPENERS or _plural(right)):
        return False  # `cobra.Command`, `spring.Bean`: a singular noun is a member
    if not _PROSE_AFTER.match(masked, end) or (
        right == "a" and masked[end + 1 : end + 2].isupper()
    ):
        return False
    start = masked.rfind(left, 0, after)
    window = masked[max(0, start - 40) : start] + " " + masked[end : end + 40]
    if _CODE_NEARBY.search(window):
        return False
    if doc.shared(_dotted_words)[left] > 1:
        return False  # the same module twice: `errors.New`, `errors.Is`
    return not doc.shared(_has_code)


# Document-wide facts, found once per document rather than by a search of the whole
# text for each candidate (which cost time in the square of the text's length).


def _dotted_words(doc: Document) -> Counter[str]:
    """How often each run of letters, digits and `_` stands before a dot and a
    letter (`errors` in `errors.New`), not after a dot."""
    return Counter(_DOTTED_WORD.findall(doc.masked))


def _has_code(doc: Document) -> bool:
    """Whether anything in the document looks like code (a call, `snake_case`, a
    dotted name)."""
    return _CODE_IN_TEXT.search(doc.masked) is not None


def _plural(word: str) -> bool:
    """Whether a lowercase word is the plural of a listed noun (`margins`, `clinics`)."""
    if not word.endswith("s") or word.endswith("ss"):
        return False
    stem = word[:-1]
    return words.frequency(stem) > 0 or (stem.endswith("e") and words.frequency(stem[:-1]) > 0)


# -- MW004 ----------------------------------------------------------------------------


@rule(
    "MW004",
    "missing-space-after-comma",
    fix=Availability.ALWAYS,
    safety=(Safety.SAFE, Safety.UNSAFE),
)
def missing_space_after_comma(doc: Document, ctx: Context) -> Iterator[Violation]:
    """No space after a comma, semicolon or colon between two words of prose.

    ## What it does
    Finds `,` or `;` glued to the next word (`know,first`, `China.org.cn,October
    19`), `:` glued to a capitalised word (`are:Equality`), and a comma glued to the
    year of a date (`October 19,2020`).

    Left alone: numbers (`1,000`, `10:30`, `3:1`, scripture-style references such
    as `John 3:16`), URLs and other masked regions, lists without spaces that are
    data (`red,green,blue`, three items or more), a mark written without a space
    three times or more in one document (a house style, `(For:Acme Corp)`), lines
    laid out as tables (dot leaders, column gaps, `|` cells), `::`, all-caps pairs
    (`TL;DR`), `re:Invent`-style names (a colon after fewer than three letters),
    lowercase after a colon (`position:absolute`), and a second word that is not
    a word (`wild,erness` is broken OCR, not a missing space).

    ## Why is this bad?
    Without the space the two words are one token for search, spell checking and
    sentence splitting, and the text reads as a typo.

    ## Example
    ```text
    I think,first we should eat.
    ```
    Use instead:
    ```text
    I think, first we should eat.
    ```

    ## Fix safety
    Safe for a comma or semicolon between two lowercase dictionary words: a space
    changes no letter. Unsafe otherwise (capitalised words, colons, dates, a domain
    before the comma).
    """
    masked = doc.masked
    text = doc.text
    accepted = words.accepted_words(ctx)
    conventions: Counter[str] | None = None
    for gap in _SEPARATOR_GAP.finditer(masked):
        at = gap.start()
        mark = masked[at]
        if at == 0 or masked[at - 1] in ",;:" or masked.startswith(mark, at + 1):
            continue
        verdict = _separator_verdict(doc, at, accepted)
        if verdict is None:
            continue
        left_start, right_end, safety = verdict
        if _layout_line(doc, at) or _data_line(doc, at, left_start):
            continue
        if conventions is None:
            conventions = _glued_marks(masked)
        if conventions[_glued_key(masked, at)] >= 3:
            continue
        shown = text[left_start:right_end]
        yield Violation(
            left_start,
            right_end,
            f"No space after '{mark}' in '{shown}'",
            replace(at + 1, at + 1, " ", safety, f"Insert a space after '{mark}'"),
        )


def _separator_verdict(
    doc: Document, at: int, user_words: frozenset[str]
) -> tuple[int, int, Safety] | None:
    """(start of the left word, end of the right word, safety), or None."""
    masked = doc.masked
    mark = masked[at]
    if masked[at + 1].isdigit():
        year = _YEAR.match(masked, at + 1)
        if mark != "," or year is None:
            return None
        day = _YEAR_AFTER_DAY.search(masked, max(0, at - 16), at)
        if day is None or (at > 0 and masked[at - 1] == "."):
            return None
        return day.start(), year.end(), Safety.UNSAFE
    right_match = _WORD_AFTER.match(masked, at + 1)
    if right_match is None:  # the candidate pattern and str.isdigit disagree on a character
        return None
    right = right_match.group()
    right_end = right_match.end()
    if not _ends_in_prose(masked, right_end):
        return None  # `{read,write}`, `(token,request)`, `**build,win**`, `a,b,c`
    left_match = _LETTERS_LEFT.search(masked, max(0, at - 40), at)
    if left_match is not None:
        left_start = left_match.start()
        left = left_match.group()
        if left_start > 0 and not masked[left_start - 1].isspace():
            return None
        masked_left = False
    elif masked[at - 1] == " " and doc.text[at - 1] not in " \t\r\n" and mark == ",":
        left_start = _masked_start(doc, at)  # `China.org.cn,October`
        left = ""
        masked_left = True
    else:
        return None
    if not masked_left and len(left) < (2 if mark == "," else 3):
        return None  # `re:Invent`, `tl;dr`
    if left.isupper() and right.isupper():
        return None  # TL;DR
    if mark == ":":
        if not _CAPITALISED.fullmatch(right) or len(right) < 2 or not left.isalpha():
            return None
        if not regex.match(r"[ ]\p{L}", masked[right_end : right_end + 2]):
            return None  # `--target generated:Debug`: a sentence goes on after the word
        return left_start, right_end, Safety.UNSAFE
    right_word = right.rstrip("’'")
    if right_word.islower():
        if len(right_word) < 2 or not words.is_known(right_word, user_words):
            return None
    elif not (_CAPITALISED.fullmatch(right_word) and len(right_word) >= 2) and not (
        right_word.isupper() and len(right_word) >= 2
    ):
        return None
    plain = (
        not masked_left
        and left.islower()
        and right_word.islower()
        and words.is_known(left, user_words)
    )
    return left_start, right_end, Safety.SAFE if plain else Safety.UNSAFE


def _ends_in_prose(masked: str, end: int) -> bool:
    """Whether a word ending at ``end`` is followed by a space, or by punctuation and
    a space, as in a sentence (not by a bracket, a quote, a digit, more data, or a
    colon: `build,win: fix the build` is a commit scope)."""
    following = masked[end : end + 2]
    if not following or following[0].isspace():
        return True
    return following[0] in ".,;!?" and (len(following) == 1 or following[1].isspace())


def _masked_start(doc: Document, at: int) -> int:
    """Where the masked region that ends at ``at`` starts."""
    start = at
    while start > 0 and doc.masked[start - 1] == " " and not doc.text[start - 1].isspace():
        start -= 1
    return start


def _glued_marks(masked: str) -> Counter[str]:
    """How often each `word<mark>` is written without a space after it."""
    return Counter(_glued_key(masked, gap.start()) for gap in _SEPARATOR_GAP.finditer(masked))


def _glued_key(masked: str, at: int) -> str:
    """The word before a mark and the mark (`For:`), the same for each use."""
    left = _LETTERS_LEFT.search(masked, max(0, at - 40), at)
    return masked[left.start() if left else at : at + 1]


def _data_line(doc: Document, at: int, left_start: int) -> bool:
    """A line of data: two glued separators (`a,b c,d`), or a field whose value is
    the glued pair (`Keywords: wheel,packaging`)."""
    line = doc.line_of(at)
    if doc.per_line(_glued_separators, line) >= 2:
        return True
    return _FIELD_LABEL.fullmatch(doc.masked, doc.line_starts[line], left_start) is not None


def _glued_separators(doc: Document, line: int) -> int:
    start, end = doc.line_span(line)
    return sum(1 for _ in _SEPARATOR_GAP.finditer(doc.masked, start, end))


def _layout_line(doc: Document, at: int) -> bool:
    """Whether the line holding ``at`` is laid out as a table or a form."""
    return doc.per_line(_laid_out, doc.line_of(at))


def _laid_out(doc: Document, line: int) -> bool:
    start, end = doc.line_span(line)
    content = doc.text[start:end]
    return bool(_LAYOUT.search(content.strip())) or len(content) - len(content.lstrip(" \t")) >= 8


# -- MW005 ----------------------------------------------------------------------------


@rule(
    "MW005",
    "hyphen-space-in-word",
    fix=Availability.ALWAYS,
    safety=(Safety.UNSAFE, Safety.DISPLAY_ONLY),
)
def hyphen_space_in_word(doc: Document, ctx: Context) -> Iterator[Violation]:
    """A word broken at a hyphen and a space (`twenty- five`, `scare- mongering`).

    ## What it does
    Finds a hyphen directly after a word and followed by spaces and a lowercase word,
    when the document or the word list says the two pieces are one word:
    - the document writes the word elsewhere, hyphenated or joined;
    - the pieces are a compound number (`twenty- five` -> `twenty-five`);
    - the joined form is a word and a piece is not (`gov- ernment` -> `government`);
    - the joined form is a word and both pieces are words (`scare- mongering`,
      `trade- off`): the word list has no hyphenated words and cannot choose between
      `scare-mongering` and `scaremongering`, so this is a display-only suggestion;
    - a prefix written with a hyphen (`self- esteem` -> `self-esteem`).

    Left alone: suspended hyphens (`pre- and post-war`, `short- to medium-term`),
    a dash made of a hyphen in speech (`I was going to- yeah`), and any break the
    word list and the document cannot vouch for.

    ## Why is this bad?
    Line-break hyphenation that was joined without removing the space leaves a word
    in two pieces, which search and spell checking cannot find.

    ## Example
    ```text
    It took twenty- five years to fix the gov- ernment.
    ```
    Use instead:
    ```text
    It took twenty-five years to fix the government.
    ```

    ## Fix safety
    Unsafe: the space (and, for a joined word, the hyphen) is removed, changing a
    token. Display-only when the word could be written either way; the suggestion
    keeps the hyphen.
    """
    masked = doc.masked
    accepted = words.accepted_words(ctx)
    for gap in _HYPHEN_GAP.finditer(masked):
        hyphen = gap.start()
        if doc.text[gap.start() : gap.end()] != gap.group():
            continue  # the "space" is a masked region: non-`node_modules` code
        left_match = _LETTERS_LEFT.search(masked, max(0, hyphen - 40), hyphen)
        right_match = _LETTERS_RIGHT.match(masked, gap.end())
        if left_match is None or right_match is None:
            continue
        left_start = left_match.start()
        if left_start > 0 and (masked[left_start - 1].isalnum() or masked[left_start - 1] in "-_"):
            continue  # `well-to- do` and code are not checked
        right_end = right_match.end()
        if right_end < len(masked) and (masked[right_end].isalnum() or masked[right_end] == "-"):
            continue
        left, right = left_match.group(), right_match.group()
        if len(left) < 2 or right.lower() in SUSPENDED or not right.islower():
            continue
        if _SUSPENDED_BEFORE.search(masked, max(0, left_start - 40), left_start):
            continue  # the second of `pre- and post- scripts`
        fix = _hyphen_fix(doc.shared(_word_forms), left, right, accepted)
        if fix is None:
            continue
        content, safety = fix
        other = f" or '{left}{right}'" if safety is Safety.DISPLAY_ONLY else ""
        yield Violation(
            left_start,
            right_end,
            f"'{left}- {right}' looks like one word: '{content}'{other}",
            replace(left_start, right_end, content, safety, f"Write '{content}'"),
        )


def _hyphen_fix(
    forms: frozenset[str], left: str, right: str, user_words: frozenset[str]
) -> tuple[str, Safety] | None:
    """The word to write and how sure that is, or None if nothing vouches for one.

    The word list has no hyphenated entries, so when both pieces are words it cannot
    tell `trade-off` from `tradeoff`: that is a display-only suggestion keeping the
    hyphen, unless the document spells the word one way elsewhere.
    """
    joined, hyphenated = left + right, f"{left}-{right}"
    lower_left = left.lower()
    if lower_left in TENS and right in UNITS:
        return hyphenated, Safety.UNSAFE
    # (Looked up in the document's forms: a search of the text for each break cost
    # time in the square of the text's length.)
    joined_written, hyphen_written = joined.lower() in forms, hyphenated.lower() in forms
    if joined_written != hyphen_written:
        return (joined if joined_written else hyphenated), Safety.UNSAFE
    if joined_written:
        return hyphenated, Safety.DISPLAY_ONLY
    right_known = words.is_known(right, user_words)
    if words.is_known(joined, user_words, prefixed=False):
        # `gov- ernment`: a piece that is no word is half of a word broken at a line end
        return (hyphenated, Safety.DISPLAY_ONLY) if right_known else (joined, Safety.UNSAFE)
    if lower_left in HYPHEN_PREFIXES and right_known:
        return hyphenated, Safety.UNSAFE  # `self- esteem`
    return None


def _word_forms(doc: Document) -> frozenset[str]:
    """Every run of letters, digits, `_` and `-` in the masked text, in lower case:
    for a form made of those characters, ``form.lower() in`` it is what ``_written``
    answers, from one scan of the text."""
    return frozenset(m.group().lower() for m in _WORD_FORM.finditer(doc.masked))


def _written_answers(doc: Document) -> dict[tuple[str, bool], bool]:
    """The answers of ``_written_in`` so far, kept with the document."""
    return {}


def _written_in(doc: Document, form: str, *, fold: bool = True) -> bool:
    """``_written`` of the document, each form searched for once per document: a
    token that recurs asked the same question of the whole text each time (time in
    the square of the text's length)."""
    answers = doc.shared(_written_answers)
    key = (form, fold)
    if key not in answers:
        # a substring search in C first: most forms asked of are not there at all,
        # and a pattern made for one form is compiled and tried at every position
        there = _folded(form) in doc.shared(_folded_text) if fold else form in doc.masked
        answers[key] = there and _written(doc.masked, form, fold=fold)
    return answers[key]


def _folded(text: str) -> str:
    """``text`` case-folded so that what `regex` matches ignoring case is a substring
    of it: the folds of the letters it takes for one another are equal (`ſ` and `s`,
    `K` and `k`), once the dotted and dotless `i` are `i` (`İ`, `ı` match `i`, `I`;
    checked over every code point)."""
    return text.casefold().replace("i\u0307", "i").replace("\u0131", "i")


def _folded_text(doc: Document) -> str:
    return _folded(doc.masked)


def _written(masked: str, form: str, *, fold: bool = True) -> bool:
    """Whether the document has ``form`` as a whole word (ignoring case if ``fold``)."""
    pattern = rf"(?<![\p{{L}}\p{{N}}_-]){regex.escape(form)}(?![\p{{L}}\p{{N}}_-])"
    return regex.search(pattern, masked, regex.IGNORECASE if fold else 0) is not None


# -- shared helpers -------------------------------------------------------------------


def _token_span(masked: str, start: int, end: int) -> tuple[int, int]:
    """The run of letters around ``[start, end)``."""
    left = _LETTERS_LEFT.search(masked, max(0, start - 60), start)
    right = _LETTERS_RIGHT.match(masked, end)
    return (left.start() if left else start), (right.end() if right else end)


def _looks_like_code(masked: str, start: int, end: int) -> bool:
    """Whether a token touches characters that make it code, a path or a handle."""
    before = masked[start - 1] if start > 0 else " "
    after = masked[end] if end < len(masked) else " "
    if before.isdigit() or after.isdigit() or before in _CODE_BEFORE or after in _CODE_AFTER:
        return True
    return after == "." and masked[end + 1 : end + 2].isalnum()


def _touches_word_punctuation(masked: str, start: int, end: int) -> bool:
    """A token that is part of a hyphenated or apostrophised word."""
    before = masked[start - 1] if start > 0 else " "
    after = masked[end] if end < len(masked) else " "
    return before in _WORD_BEFORE_TOKEN or after in "-'’"
