"""MW rules: joins they must find, real words and names they must leave, fixed output."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.api import check_text, fix_text, settings_for
from lint.document import Document
from lint.fix import Safety
from lint.lexicon import Entry, Lexicon
from rules import merged_words, words
from tests.conftest import codes_and_spans, fixed


def flagged(text: str, code: str, filename: str = "t.txt") -> list[str]:
    return [text[s:e] for s, e in codes_and_spans(text, code, filename)]


def safeties(text: str, code: str) -> list[Safety | None]:
    return [f.safety for f in check_text(text, settings=settings_for(select=[code]))]


# Correct text that looks joined, for every rule of the family at once: brands and
# products, code identifiers, names, modern compounds, abbreviations, numbers.
TRAPS = [
    "I bought an iPhone on eBay and chat on WeChat.",
    "Watch it on YouTube, then open PowerPoint.",
    "We wrote it in JavaScript and pushed it to GitHub.",
    "It runs on macOS, iOS and watchOS with iCloud.",
    "We had lunch at McDonald's with Mr. McDonald.",
    "Call assertEqual and read the userAgent field.",
    "Use getElementById or the localStorage API.",
    "The blockchain and cybersecurity panel will livestream.",
    "A nonprofit published the dataset and its invariants.",
    "Huawei opened an office in Shenzhen.",
    "Shou Xiaoli, Wang Zhijun and Wen Ku spoke.",
    "The U.S. and the U.K. signed, e.g. on trade.",
    "She has a Ph.D. and reads J.R.R. Tolkien.",
    "It grew 3.5 percent in version 2.1 at 10:30 a.m. today.",
    "Read it on china.org.cn or GoTime.fm, or see README.md.",
    "Use jQuery.Deferred, string.Template or Ecto.Query here.",
    "Go has http.Handler and sync.WaitGroup.",
    "And then... The end. Wait...What?",
    "About 1,000 people, a 3:1 vote, and John 3:16 was read.",
    "See https://example.com/a,b;c:D and www.example.org/x.Y for more.",
    "The MIIT will roll out 5G in 300 cities.",
    "It costs $447 billion, or 3 trillion yuan.",
    "My inbox, the readme and the async API were fine.",
    "We did onboarding and the offboarding of admins.",
    "Use typeof or instanceof in the code.",
    "The labour party cut offences and organised it.",
    "We stopped, tidied up and were themed.",
    "Install redis and theano first.",
    "The YouTubers liked the TensorFlow demo at GopherCon.",
    "A pre- and post-war study, a short- to medium-term plan.",
    "I was going to- yeah, I think so.",
    "Red,green,blue are three colours.",
    "TL;DR the point is simple.",
    "Go to re:Invent and set position:absolute.",
    "Talk to Dr. Wang at 3 p.m. on Jan. 5.",
    "Versions 1.2.3 and 4.5 shipped; see Fig. 2 and No. 5.",
    "The AI- you know, the model.",
    "We love ECMAScript, PHPStorm and JSFiddle.",
    "The industrial Internet, the Internet of Things.",
]


@pytest.mark.parametrize("code", ["MW001", "MW002", "MW003", "MW004", "MW005"])
@pytest.mark.parametrize("text", TRAPS)
def test_traps_are_left_alone(code: str, text: str) -> None:
    assert flagged(text + "\n", code) == []


# -- MW001 camel-joined-words ----------------------------------------------------------


def test_mw001_split_seen_elsewhere_in_the_document() -> None:
    text = (
        "The growth of the industrialInternet industry.\n"
        "The industrial Internet grew; the industrialInternet community too.\n"
    )
    assert flagged(text, "MW001") == ["industrialInternet", "industrialInternet"]
    assert safeties(text, "MW001") == [Safety.UNSAFE, Safety.UNSAFE]
    assert fixed(text, "MW001", unsafe=True) == text.replace("lI", "l I")
    assert fixed(text, "MW001") == text  # unsafe: not applied by --fix alone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The meeting was heldThe next day we met.\n", ["heldThe"]),
        ("It was a good weekYeah, it was.\n", ["weekYeah"]),
        ("China SCIOUpdated: October 29, 2020\n", ["SCIOUpdated"]),
        ("The Bank ofAmerica branch closed; the Bank of America opened one.\n", ["ofAmerica"]),
        ("We live in theUnited States.\n", ["theUnited"]),
    ],
)
def test_mw001_flags(text: str, expected: list[str]) -> None:
    assert flagged(text, "MW001") == expected


@pytest.mark.parametrize(
    "text",
    [
        # recurs and is never written apart: a name or an identifier
        "The remoteStorage app and remoteStorage servers.\n",
        # the second word is not a name in this document
        "We set remoteStorage on the client.\n",
        # code context
        "Call obj.fooBar() and fooBar(x) and $scope.userName.\n",
        # more than one hump
        "Call getElementById and addEventListener.\n",
        "The eNumerate tool and the iRobot vacuum.\n",
    ],
)
def test_mw001_leaves_alone(text: str) -> None:
    assert flagged(text, "MW001") == []


@pytest.mark.parametrize(
    ("text", "token", "cut"),
    [
        ("A talk on rural schoolsWelcome back to the show.\n", "schoolsWelcome", 7),
        ("Update on the harbour worksGood morning to you all.\n", "worksGood", 5),
        ("Notes on the city BudgetGood evening, everyone.\n", "BudgetGood", 6),
        ("Intro.\n\nNotes on the new bridgeWelcome to the meeting.\n", "bridgeWelcome", 6),
        # `My` and `Your`, like `Our` and `Their`, name no identifier's second part
        ("I am glad to see my friendsYour table is ready.\n", "friendsYour", 7),
        ("Notes from the potting shedHello and welcome to you.\n", "shedHello", 4),
    ],
)
def test_mw001_flags_titles_glued_to_a_greeting(text: str, token: str, cut: int) -> None:
    assert flagged(text, "MW001") == [token]
    split = f"{token[:cut]} {token[cut:]}"
    assert fixed(text, "MW001", unsafe=True) == text.replace(token, split)


@pytest.mark.parametrize(
    "text",
    [
        # a greeting glued to a word inside a paragraph, not under a title
        "We met at noon.\nThe sendWelcome hook runs first. Then the rest.\n",
        "Sure. The sendWelcome to the user is async.\n",
        # a greeting word that is no greeting
        "Notes on showWelcome in the app.\n",
        # a sentence, not a title: it has a subject
        "We call showWelcome to the app.\n",
        "The feelGood factor matters.\n",
        # capitalised words glued together are names outside a title
        "We use PowerPoint and PlayStation.\n",
        "Intro.\nThe ShowGood morning app.\n",
        # a title-like token that recurs is a name
        "The ShowGood morning show. ShowGood again.\n",
        "uncurryThis\n",
    ],
)
def test_mw001_leaves_greeting_lookalikes_alone(text: str) -> None:
    assert flagged(text, "MW001") == []


def test_mw001_code_verb_needs_the_phrase_written_apart() -> None:
    # `from` starts identifiers (`fromJson`); the phrase with its next word vouches
    text = "Pupils fromLincoln School sang. Pupils from Lincoln School won.\n"
    assert flagged(text, "MW001") == ["fromLincoln"]
    assert flagged("Read it fromJson data, or from Json files.\n", "MW001") == []
    assert flagged("Pupils fromLincoln School sang.\n", "MW001") == []


def test_mw001_the_pair_written_apart_ignoring_case_as_regex_does() -> None:
    # a substring test comes before the pattern: it must find what `regex` finds
    # ignoring case, where the long s is an s
    text = "The industrialInternet grew, and the induſtrial internet is our focus.\n"
    assert flagged(text, "MW001") == ["industrialInternet"]
    assert flagged(text.replace("induſtrial internet", "industrial area"), "MW001") == []


def test_mw001_user_words() -> None:
    text = "Try the heldThe app.\n"
    assert flagged(text, "MW001") == ["heldThe"]
    settings = settings_for(select=["MW001"], words=["heldThe"])
    assert check_text(text, settings=settings) == []


# -- MW002 run-together-words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("In addition, thescale of it grew.\n", "In addition, the scale of it grew.\n"),
        ("Its pillar rolehas emerged.\n", "Its pillar role has emerged.\n"),
        ("He is the leader ofthe party.\n", "He is the leader of the party.\n"),
        ("Welcome youto the show.\n", "Welcome you to the show.\n"),
        ("It was kindof strange.\n", "It was kind of strange.\n"),
        ("Thisis the end.\n", "This is the end.\n"),  # capitalised, starting a sentence
        ("We put it inthe box.\n", "We put it in the box.\n"),
        ("It canbe done.\n", "It can be done.\n"),
        # a short function word and a common word of four letters or more
        ("The grant was spenton roads.\n", "The grant was spent on roads.\n"),
        ("She readsit every night.\n", "She reads it every night.\n"),
        ("The town askedfor help.\n", "The town asked for help.\n"),
        ("Our plan movesto the next stage.\n", "Our plan moves to the next stage.\n"),
        ("The budget isspent quickly.\n", "The budget is spent quickly.\n"),
        ("Then westill need a vote.\n", "Then we still need a vote.\n"),
        ("It matters a lot becausewe care.\n", "It matters a lot because we care.\n"),
        ("Call me assoon as you land.\n", "Call me as soon as you land.\n"),
        (
            "The crowd was huge, butplayers stayed calm.\n",
            "The crowd was huge, but players stayed calm.\n",
        ),
        # two function words
        ("Then wewill see.\n", "Then we will see.\n"),
        ("It hurt somuch.\n", "It hurt so much.\n"),
        (
            "The vote, whichwill decide it, is today.\n",
            "The vote, which will decide it, is today.\n",
        ),
        ("Why didyou stay?\n", "Why did you stay?\n"),
        ("Thanks to you allfor coming.\n", "Thanks to you all for coming.\n"),
        ("Sorry forbeing late.\n", "Sorry for being late.\n"),
        ("We meet at the stationat noon.\n", "We meet at the station at noon.\n"),
    ],
)
def test_mw002_fix(text: str, result: str) -> None:
    assert fixed(text, "MW002", unsafe=True) == result
    assert fixed(text, "MW002") == text


@pytest.mark.parametrize(
    "word",
    [
        # modern words and compounds the word list lacks
        "blockchain",
        "cybersecurity",
        "livestream",
        "dataset",
        "datasets",
        "toolchain",
        "failover",
        "shipit",
        # function words that are prefixes and endings, not halves of a join
        "inbox",
        "onboard",
        "onboarding",
        "async",
        "readme",
        "init",
        "admin",
        "plugin",
        "labour",
        "offences",
        "attaches",
        "beheadings",
        "memes",
        "spammy",
        "underserved",
        "overindex",
        "intaking",
        "instanceof",
        "youtuber",
        "redis",
        "theano",
        "whoof",
        "withdrawl",
        # a short function word at the edge of a word of its own
        "talkin",  # a dropped g: talking
        "tellin",
        "jetson",  # names end in -son, -ton, -by
        "felton",
        "hornsby",
        "driveby",
        "astable",  # an `a-` word, not `as table`
        "attent",  # the Latin `at-` of `attend`
        "solate",  # `so` before a word is left alone
        "bewitched",  # and `be`
        "inproduction",  # and `in` and `on`, which are prefixes
        "onweekends",
        # compounds and names the word list lacks
        "builtin",
        "linkedin",
        "weblog",
        "mailto",
        "solaris",
        "howto",
        "ballat",  # `at` after a word of four letters
        # identifiers
        "isalive",
        "isempty",
        "asarray",
        "fromstring",
        # other languages and names
        "porque",
        "xiaoli",
        "shenzhen",
        "huawei",
    ],
)
def test_mw002_leaves_real_words(word: str) -> None:
    assert flagged(f"They said {word} twice.\n", "MW002") == []


def test_mw002_names_and_repeats_are_left_alone() -> None:
    # written as a name elsewhere in the document
    assert flagged("Thescale is a band; thescale tour.\n", "MW002") == []
    # recurs, never written apart: a term of this text
    assert flagged("The thescale app; thescale rocks.\n", "MW002") == []
    # but two function words are never a term
    assert flagged("Part ofthe plan, part ofthe deal.\n", "MW002") == ["ofthe", "ofthe"]
    # and a recurring join is confirmed when the split is also written
    text = "The rolehas changed; the role has grown; the rolehas gone.\n"
    assert flagged(text, "MW002") == ["rolehas", "rolehas"]


def test_mw002_letters_that_python_and_regex_class_apart() -> None:
    # MW002 takes the document's words from Python's `\w` where both libraries'
    # Unicode tables agree; U+0558 is a letter to `regex` (Unicode 16) and was none
    # to Python 3.11 (Unicode 14): glued to `thescale` it makes one run of letters,
    # no word of its own, as the scan of the text finds
    assert flagged("Last year thescale\u0558 grew.\n", "MW002") == []
    assert flagged("Last year thescale grew, \u0558.\n", "MW002") == ["thescale"]


def test_mw002_a_name_is_written_as_a_word_of_its_own() -> None:
    # `Hesaid` as a word of its own makes `hesaid` a name of this text; glued to more
    # letters (`Hesaidnothing`, OCR that lost more spaces) it says nothing of that
    assert flagged("She came home and hesaid nothing. Hesaid, they wrote.\n", "MW002") == []
    text = "She came home and hesaid nothing. Hesaidnothing more that day.\n"
    assert "hesaid" in flagged(text, "MW002")


# Word characters and what stands between them: letters of several scripts and cases,
# digits of two scripts, `_`, marks, apostrophes, hyphens, a letter only `regex`'s
# newer tables know (U+0558), code and address pieces that masking blanks out.
WORD_PIECES = st.sampled_from(
    [
        *"aAbzZé_5٣ -'’.\n",
        *("the", "He", "Ifwe", "ab3", "x2nd", "新闻", "e\u0301", "\u0558", "ǅ", "ſ"),
        *("http://a.b/c", "`code`", "a_b", "IoT"),
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORD_PIECES, max_size=30).map("".join))
def test_mw002_views_from_word_types_equal_the_scans_of_the_text(text: str) -> None:
    # MW002 takes its words of their own and its lowercase runs from the document's
    # word types (`Document.words`); they must be what one scan of the masked text
    # finds, whatever the text (and whatever becomes of `Document.words`)
    doc = Document(text)
    masked = doc.masked
    assert merged_words._standalone_words(doc) == frozenset(
        merged_words._STANDALONE_LETTERS.findall(masked)
    )
    assert merged_words._lower_runs(doc) == frozenset(merged_words._LOWER_RUN.findall(masked))


def test_mw002_code_and_handles_are_left_alone() -> None:
    text = "See @thescale, /thescale/, self.thescale and thescale_x or thescale().\n"
    assert flagged(text, "MW002") == []


def test_mw002_user_words_terms_and_lexicon() -> None:
    text = "Read thescale now.\n"
    assert check_text(text, settings=settings_for(select=["MW002"], words=["thescale"])) == []
    assert check_text(text, settings=settings_for(select=["MW002"], terms=["TheScale"])) == []
    lexicon = Lexicon({"words": {"thescale": Entry(files=3)}})
    assert check_text(text, settings=settings_for(select=["MW002"], lexicon=lexicon)) == []


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("They use themall together.\n", "them all"),
        ("A SHA hashover the content.\n", "hash over"),
    ],
)
def test_mw002_ambiguous_split_is_display_only(text: str, suggestion: str) -> None:
    [finding] = check_text(text, settings=settings_for(select=["MW002"]))
    assert finding.safety is Safety.DISPLAY_ONLY
    assert finding.fix is not None and finding.fix.edits[0].content == suggestion
    assert fixed(text, "MW002", unsafe=True) == text


# -- MW003 missing-space-after-sentence ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result", "safety"),
    [
        (
            "We will build the industrial internet.Guided by the plan, we go.\n",
            "We will build the industrial internet. Guided by the plan, we go.\n",
            Safety.UNSAFE,
        ),
        ("That was fantastic.Yeah, it was.\n", "That was fantastic. Yeah, it was.\n", Safety.SAFE),
        ("It was done.The next step.\n", "It was done. The next step.\n", Safety.SAFE),
        ("Is it true?So we asked.\n", "Is it true? So we asked.\n", Safety.UNSAFE),
        ("Really?Absolutely not.\n", "Really? Absolutely not.\n", Safety.UNSAFE),
        (
            "Out of poverty.12.5 million rose.\n",
            "Out of poverty. 12.5 million rose.\n",
            Safety.UNSAFE,
        ),
        ('He said "fine."The end.\n'.replace('"', "”"), None, Safety.SAFE),
        ("It opened in 2020.The plan worked.\n", "It opened in 2020. The plan worked.\n", None),
        ("I was at work.I think so.\n", "I was at work. I think so.\n", Safety.SAFE),
    ],
)
def test_mw003_fix(text: str, result: str | None, safety: Safety | None) -> None:
    findings = check_text(text, settings=settings_for(select=["MW003"]))
    assert len(findings) == 1
    if safety is not None:
        assert findings[0].safety is safety
    if result is not None:
        assert fixed(text, "MW003", unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        "Use string.Template and os.Path here.\n",
        "The http.Handler type.\n",
        "A method obj.Run() and obj.Name.first.\n",
        "It was 2 p.m.The next day.\n",
        "Wait...The end.\n",
        "See ch.3 and fig.4 and no.5.\n",
        "Mr.Wang and St.Louis.\n",
        "The 5G.The ones.\n",
        "She said it.Template based.\n",
        "What?i don't know\n",
    ],
)
def test_mw003_leaves_alone(text: str) -> None:
    assert flagged(text, "MW003") == []


# -- MW004 missing-space-after-comma ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result", "safety"),
    [
        ("I think,first we should eat.\n", "I think, first we should eat.\n", Safety.SAFE),
        ("We came;we saw.\n", "We came; we saw.\n", Safety.SAFE),
        ("The goals are:Equality and growth.\n", "The goals are: Equality and growth.\n", None),
        ("China.org.cn,October 19\n", "China.org.cn, October 19\n", Safety.UNSAFE),
        (
            "Signed on March 3,2019 in Paris.\n",
            "Signed on March 3, 2019 in Paris.\n",
            Safety.UNSAFE,
        ),
        ("We met Tom,Anna and Bob.\n", "We met Tom, Anna and Bob.\n", Safety.UNSAFE),
    ],
)
def test_mw004_fix(text: str, result: str, safety: Safety | None) -> None:
    findings = check_text(text, settings=settings_for(select=["MW004"]))
    assert len(findings) == 1
    if safety is not None:
        assert findings[0].safety is safety
    assert fixed(text, "MW004", unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        "The plan was wild,erness everywhere.\n",
        "Use x::y and std::vector.\n",
        "(For:Acme Corp)\n(For:Beta Inc)\n(For:Gamma Ltd)\n",
        "Jane Doe, 1801 K Street,NW .......... Acme Corp     1,500.00\n",
        "Q:What A:That\n",
        "We had 1,000,000 and 10,20,30.\n",
        "Scores of 3:1 and 2:0, and Luke 2:10.\n",
    ],
)
def test_mw004_leaves_alone(text: str) -> None:
    assert flagged(text, "MW004") == []


# -- MW005 hyphen-space-in-word --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result", "safety"),
    [
        ("It took twenty- five years.\n", "It took twenty-five years.\n", Safety.UNSAFE),
        ("Stop the scare- mongering.\n", None, Safety.DISPLAY_ONLY),
        ("The gov- ernment said so.\n", "The government said so.\n", Safety.UNSAFE),
        ("Mind your self- esteem.\n", "Mind your self-esteem.\n", Safety.UNSAFE),
        ("A trade- off, like the tradeoff.\n", "A tradeoff, like the tradeoff.\n", Safety.UNSAFE),
        ("It was a hard- working team and a hard-working one.\n", None, Safety.UNSAFE),
        ("A non- profit group.\n", None, Safety.DISPLAY_ONLY),
    ],
)
def test_mw005_fix(text: str, result: str | None, safety: Safety) -> None:
    assert safeties(text, "MW005") == [safety]
    if result is not None:
        assert fixed(text, "MW005", unsafe=True) == result


def test_mw005_hyphen_form_from_the_document() -> None:
    text = "A hard- working team and a hard-working one.\n"
    assert fixed(text, "MW005", unsafe=True) == "A hard-working team and a hard-working one.\n"


@pytest.mark.parametrize(
    "text",
    [
        "A pre- and post-war study.\n",
        "So we- we tried it.\n",
        "I was going to- yeah, no.\n",
        "An in- depth look.\n",
        "The AI- you know.\n",
    ],
)
def test_mw005_leaves_alone(text: str) -> None:
    assert flagged(text, "MW005") == []


# -- the reference briefing's joins, in sentences of our own ---------------------------


def test_briefing_like_text_is_fixed_to_the_expected_words() -> None:
    text = (
        "The industrialInternet industry grew. The industrial Internet is key.\n"
        "In addition, thescale of the industrial Internet grew; its main rolehas\n"
        "emerged in the industrial internet.Guided by the plan, we will use 5G,\n"
        "blockchain and AI, said Shou Xiaoli of the MIIT.\n"
    )
    expected = (
        "The industrial Internet industry grew. The industrial Internet is key.\n"
        "In addition, the scale of the industrial Internet grew; its main role has\n"
        "emerged in the industrial internet. Guided by the plan, we will use 5G,\n"
        "blockchain and AI, said Shou Xiaoli of the MIIT.\n"
    )
    settings = settings_for(select=["MW"])
    findings = check_text(text, settings=settings)
    assert [f.code for f in findings] == ["MW001", "MW002", "MW002", "MW003"]
    assert fix_text(text, settings=settings, unsafe=True).text == expected


# -- rules.words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["scale", "Internet", "themed", "attaches", "labour", "organised", "underserved", "inbox"],
)
def test_words_knows_inflections_variants_and_prefixes(word: str) -> None:
    assert words.is_known(word)


@pytest.mark.parametrize("word", ["thescale", "rolehas", "ofthe", "erness", "indepth"])
def test_words_does_not_know_joins(word: str) -> None:
    assert not words.is_known(word, prefixed=False)


def test_words_split_candidates_rank_by_frequency() -> None:
    assert words.split_candidates("ofthe")[0].text == "of the"
    assert words.split_candidates("thescale")[0].text == "the scale"
    assert words.frequency("the") > words.frequency("scale") > 0 == words.frequency("xqzt")


@pytest.mark.parametrize(
    ("text", "result"),
    [
        (
            "Sales fell more than we feared.Margins held up, though.\n",
            "Sales fell more than we feared. Margins held up, though.\n",
        ),
        (
            "It rained all night.Farmers in the valley were glad.\n",
            "It rained all night. Farmers in the valley were glad.\n",
        ),
        ("The talks went well.A deal may follow.\n", "The talks went well. A deal may follow.\n"),
        (
            "We left the port.Last week the ship sailed.\n",
            "We left the port. Last week the ship sailed.\n",
        ),
        (
            "It opens in the spring.Is that too late?\n",
            "It opens in the spring. Is that too late?\n",
        ),
        ("We vote on Friday.Members may speak.\n", "We vote on Friday. Members may speak.\n"),
    ],
)
def test_mw003_plural_or_opener_after_a_period(text: str, result: str) -> None:
    assert safeties(text, "MW003") == [Safety.UNSAFE]
    assert fixed(text, "MW003", unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        # a singular noun after a dot is a member of a module
        "You can use cobra.Command to build it.\n",
        "Then call spring.Bean and go.\n",
        # modules named with a word, and plural members
        "Call strings.Fields on the line.\n",
        "The typing.Annotated hint is new.\n",
        "Read the url.Values it gets.\n",
        # the left word used before a dot twice: a module
        "Use papers.Notes and then papers.Files here.\n",
        # code elsewhere in the document
        "Read the rows.Columns come next, see load_rows() for it.\n",
        "The shop.Goods are listed by shop_items in the docs.\n",
        # code next to it
        "Set x = tables.Rows now.\n",
        # a module's member named after it
        "Make a queues.Queues pool.\n",
        # nothing goes on after the word
        "It was in the tables.Rows\n",
        # `A` followed by a capital, a month before a singular noun
        "See the grades.A Plus is rare.\n",
        "It is due in March.Report back.\n",
    ],
)
def test_mw003_leaves_dotted_names_alone(text: str) -> None:
    assert flagged(text, "MW003") == []


def test_mw003_capitalised_word_before_a_sentence_opener() -> None:
    text = "We spoke about the Internet.The minister agreed.\n"
    assert (
        fixed(text, "MW003", unsafe=True) == "We spoke about the Internet. The minister agreed.\n"
    )
    for code_name in ("Call Ecto.Query here.\n", "Use String.Format now.\n", "See Foo.The docs\n"):
        assert codes_and_spans(code_name, "MW003") == []


# -- MW002: the segmenter (issue 14) -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        # a pronoun, a possessive or a preposition before a word, and pairs of them
        ("Then hesaid it was late.\n", "Then he said it was late.\n"),
        ("I think shewas right.\n", "I think she was right.\n"),
        ("He lost mywife and cried.\n", "He lost my wife and cried.\n"),
        ("It fell underthe table.\n", "It fell under the table.\n"),
        ("He looked forthe key.\n", "He looked for the key.\n"),
        ("He was shownby the guard.\n", "He was shown by the guard.\n"),
        ("The kingwas tired.\n", "The king was tired.\n"),
        # shorter than five letters
        ("We can go ifwe leave now.\n", "We can go if we leave now.\n"),
        # two function words of data/function_pairs.txt
        ("It was hard for all ofus here.\n", "It was hard for all of us here.\n"),
        ("She left andwhen she came, it rained.\n", "She left and when she came, it rained.\n"),
        ("He said that isnot true.\n", "He said that is not true.\n"),
        # three words or more
        ("Then itwasthe end of it all.\n", "Then it was the end of it all.\n"),
        ("He left andthenhe came back.\n", "He left and then he came back.\n"),
        ("He placedhishand on it.\n", "He placed his hand on it.\n"),
        # an adverb in -ly and a word the document also uses
        ("He usuallysaid no. We said it usually.\n", "He usually said no. We said it usually.\n"),
        # a capitalised first word, at the start of a sentence
        ("We met at noon. Thewitness spoke first.\n", "We met at noon. The witness spoke first.\n"),
        (
            "The queen was tired. Shewas giving orders.\n",
            "The queen was tired. She was giving orders.\n",
        ),
        # a short capitalised head: a function word after it, or the phrase elsewhere
        ("It rained. Hewas wet.\n", "It rained. He was wet.\n"),
        ("We left. Ifwe stay, we pay.\n", "We left. If we stay, we pay.\n"),
        ("I know it. She said that Iknow it.\n", "I know it. She said that I know it.\n"),
    ],
)
def test_mw002_segmenter_fix(text: str, result: str) -> None:
    assert fixed(text, "MW002", unsafe=True) == result
    assert fixed(text, "MW002") == text


@pytest.mark.parametrize(
    ("text", "token"),
    [
        # one edit from a common word: a join only if the document writes it apart
        ("Then we fell onit. We sat on it.\n", "onit"),  # `unit`
        ("Then tooka walk. I took a walk.\n", "tooka"),  # `took`
        ("He gave aman his coat. I saw a man there.\n", "aman"),  # `man`
    ],
)
def test_mw002_typo_lookalike_needs_the_phrase_written_apart(text: str, token: str) -> None:
    assert flagged(text, "MW002") == [token]
    alone = text[: text.index(".") + 2]
    assert flagged(alone, "MW002") == []


@pytest.mark.parametrize(
    "text",
    [
        # real words that look like joins
        "They atone for it.",
        "A tome on the shelf.",
        "It was, nevertheless, fine.",
        "Whereupon he left.",
        "He bore the onus alone.",  # `on us`, but a word
        "Arthur Ashe won.",
        "The sensei bowed.",
        # misspellings one edit from a frequent word
        "Its tolerence was low.",
        "He left becuase it rained.",
        # names, brands, project terms
        "The blockchain grew.",
        "Chat on WeChat today.",
        "Shou Xiaoli spoke.",
        "It was Mr. Weinstock who spoke.",
        "He met John A. Heslip there.",
        "Thebes is old. Theron came.",
        "Heslip came late. Weston left.",  # a name after a short head
        "I met Iman there. Then Iknow was said.",  # `I know` is nowhere apart
        "We saw it. Hewas is a name, and Hewas spoke.",  # not at a sentence start
        # archaic spellings, older words
        "A long controversie arose.",
        "Then hee went home.",
        "It had beene done.",
        "He fought withall his might.",
        "Be not so hastie.",
        "Give me asmuch as you can.",
        # garbles from speech recognition
        "He said wuzzat to me.",
        # code identifiers and compounds
        "Call isempty and asarray first.",
        "Our failover failed.",
        "It breaks everytime.",
        "My password is alloneword.",
        "It was hornsby and driveby.",
        # OCR misreadings (`seconds`), broken words, another language
        "We fought with seconda and bottle men.",
        "The prepa- ration took long.",
        "He sent infor mation to us.",  # a word broken by a space, not `in for`
        "Exitus acta probat, he said.",
    ],
)
def test_mw002_segmenter_leaves_alone(text: str) -> None:
    assert flagged(text, "MW002") == []


@pytest.mark.parametrize(
    ("text", "result"),
    [
        # no join shape, but the document writes the words apart elsewhere
        ("Let me know. He said letme go.\n", "Let me know. He said let me go.\n"),
        (
            "It will soon be done. They said it would soonbe over.\n",
            "It will soon be done. They said it would soon be over.\n",
        ),
        (
            "They sat closely by. We satclosely and waited.\n",
            "They sat closely by. We sat closely and waited.\n",
        ),
    ],
)
def test_mw002_phrase_written_apart_vouches_for_a_join(text: str, result: str) -> None:
    assert fixed(text, "MW002", unsafe=True) == result
    alone = text[text.index(".") + 2 :]
    assert flagged(alone, "MW002") == []


@pytest.mark.parametrize(
    "text",
    [
        # compounds written both ways in one document
        "We ran a boot camp. The bootcamp was full. Each bootcamp is fun.",
        "It is a file system. The filesystem is full.",
        "A data center opened. The datacenter is cold.",
        "Use a namedtuple here; it is named after a tuple.",  # a participle, no phrase
        # a typo of a frequent word, whatever the phrase elsewhere
        "It will be on time. It has beon fine.",
    ],
)
def test_mw002_phrase_written_apart_is_not_enough(text: str) -> None:
    assert flagged(text, "MW002") == []


def test_mw002_two_close_segmenter_readings_are_display_only() -> None:
    text = "The postalso came late.\n"
    assert flagged(text, "MW002") == ["postalso"]
    assert safeties(text, "MW002") == [Safety.DISPLAY_ONLY]
    assert fixed(text, "MW002", unsafe=True) == text


def test_words_segmentations_best_first() -> None:
    assert words.segmentations("itwasthe")[0].text == "it was the"
    assert [r.text for r in words.segmentations("themall")] == ["them all", "the mall"]
    assert words.segmentations("wuzzat") == ()
    costs = [r.cost for r in words.segmentations("postalso")]
    assert costs == sorted(costs)


@pytest.mark.parametrize(
    ("text", "code", "result"),
    [
        # a word glued to a speaker's name in capitals the document prints after a title
        (
            "ChairmanSMITH opened it. Mr. SMITH spoke.\n",
            "MW001",
            "Chairman SMITH opened it. Mr. SMITH spoke.\n",
        ),
        # two common words at a case change in prose without code, written apart in
        # another case
        (
            "The industrialInternet grew. The industrial internet is big.\n",
            "MW001",
            "The industrial Internet grew. The industrial internet is big.\n",
        ),
        # a preposition glued to a name the document uses in mid-sentence
        (
            "We met at Easter. Then ofEaster came, and we left.\n",
            "MW001",
            "We met at Easter. Then of Easter came, and we left.\n",
        ),
        # a function word glued to a number in prose
        ("It costs about3 dollars a day.\n", "MW002", "It costs about 3 dollars a day.\n"),
        ("We had than10,000 people.\n", "MW002", "We had than 10,000 people.\n"),
        (
            "It rose by about3.5%. Then it fell.\n",
            "MW002",
            "It rose by about 3.5%. Then it fell.\n",
        ),
        ("We paid about3, and left.\n", "MW002", "We paid about 3, and left.\n"),
        # a Chinese heading glued to the English heading that ends its line
        ("新闻中心Press Center\nThe text.\n", "MW002", "新闻中心 Press Center\nThe text.\n"),
        # an imperative after a period
        (
            "It took three weeks.Take the bus next time, he said.\n",
            "MW003",
            "It took three weeks. Take the bus next time, he said.\n",
        ),
    ],
)
def test_mw_glued_names_numbers_scripts_imperatives(text: str, code: str, result: str) -> None:
    assert fixed(text, code, unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        "We use ChatGPT. Mr. Smith spoke.",  # no title before `GPT`
        "The industrialInternet grew.",  # no spaced form at all: left alone
        "Set the fileName, then the file and its name.",
        "Call load() on it; the fileName and the file name.",  # code in the document
        "A userAgent and a localStorage: the user agent.",  # other camelCase tokens
        "We use OpenSSL, and SSL is old.",
        "We love LinuxFest and Linux Fest.",  # brands are written both ways
        "The QueenMary sailed. Queen Mary is a ship.",
        "Install python3 and sha256 now.",
        "Set x.about3 now.",
        "Use with3D glasses, for4K screens and over9000x too.",  # no number alone
        "Read about3.x and from2.0.1-beta today.",  # a version or a name goes on
        "我用Visual Studio写代码。",  # an English name inside a Chinese sentence
        "We also discussed rails.Application in the second session.",
        "Then ofEaster came, and we left.",  # `Easter` is no name elsewhere
        "Java has a Nullable type; reach for ofNullable instead.",  # after an article
        "You call forRoot once, and never touch the Root config.",  # after `the`
        "The Order of Merit was given. Call inOrder on the tree.",  # only at a start
        "We sat in the Order hall. Call x = inOrder(tree) then.",  # code close by
        "Call forEach, then forEach again on what list Each holds.",  # it recurs
    ],
)
def test_mw_glued_lookalikes_are_left_alone(text: str) -> None:
    for code in ("MW001", "MW002", "MW003"):
        assert flagged(text, code) == []


@pytest.mark.parametrize(
    ("text", "token", "result"),
    [
        # a heading: a word in capitals glued to the ordinal of the next line
        ("THE CONGRESS2nd Session\n", "CONGRESS2nd", "THE CONGRESS 2nd Session\n"),
        ("We met on the3rd of May.\n", "the3rd", "We met on the 3rd of May.\n"),
        ("It was the Session21st.\n", "Session21st", "It was the Session 21st.\n"),
        ("Wait until the11th, then go.\n", "the11th", "Wait until the 11th, then go.\n"),
    ],
)
def test_mw002_word_glued_to_an_ordinal(text: str, token: str, result: str) -> None:
    start = text.index(token)
    assert codes_and_spans(text, "MW002") == [(start, start + len(token))]
    assert fixed(text, "MW002", unsafe=True) == result
    assert fixed(result, "MW002", unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        "We won the 2nd round on the 11th.",  # an ordinal alone
        "Play the MP3 and the COVID19 data.",  # names with digits and no ending
        "Add H2O, then print on A4 in 4K.",
        "A 10km run in the 1990s.",  # a unit, a decade
        "It was the2th try, then the11st.",  # the ending does not fit the number
        "Buy an iPhone2nd now.",  # no word in one case
        "Ask xyzzy2nd and it2nd.",  # no word; too short a word
        "Tag #Day2nd and x.day2nd and re-day2nd here.",  # a handle, code
        "Set round2nd_score and round2nd(x) now.",  # an identifier
    ],
)
def test_mw002_ordinal_lookalikes_are_left_alone(text: str) -> None:
    assert codes_and_spans(text, "MW002") == []


# OCR text: three common words with one letter misread (`houso`, `aftor`, `nevor`)
# mark the document as OCR, where a join may be garbled too.
OCR_TEXT = "The old houso stood aftor the storm and nevor fell down. "


@pytest.mark.parametrize(
    ("text", "token"),
    [
        (OCR_TEXT + "We walked through tbegarden at dusk.", "tbegarden"),
        (OCR_TEXT + "She would not speak ofsucb things to us.", "ofsucb"),
        (OCR_TEXT + "The road wbichwas long ran north.", "wbichwas"),
    ],
)
def test_mw002_garbled_join_in_ocr_text(text: str, token: str) -> None:
    assert flagged(text, "MW002") == [token]
    (finding,) = check_text(text, settings=settings_for(select=["MW002"]))
    assert finding.fix is not None and finding.fix.safety is Safety.UNSAFE
    # the fix inserts the space and changes no letter
    (edit,) = finding.fix.edits
    assert edit.content.replace(" ", "") == token and edit.content.count(" ") == 1


def test_mw002_garbled_join_fix_keeps_the_letters() -> None:
    text = OCR_TEXT + "We walked through tbegarden at dusk."
    result = OCR_TEXT + "We walked through tbe garden at dusk."
    assert fixed(text, "MW002", unsafe=True) == result
    assert fixed(result, "MW002", unsafe=True) == result


@pytest.mark.parametrize(
    "text",
    [
        # clean text: no sign of OCR, so no letter is taken to be misread
        "We walked through tbegarden at dusk, and the rain came on.",
        # one misread word, not a join
        OCR_TEXT + "There was sometbing in the water.",
        # an older spelling, once misread
        OCR_TEXT + "We rested there asrnuch as we could.",
        # real words the list lacks
        OCR_TEXT + "The writ of habeas corpus was heard.",
        OCR_TEXT + "Her personalia were kept in a box.",
        # short words made by a confusion (`hadbeene` read `had be one`)
        OCR_TEXT + "He hadbeene there before us.",
        # a short word, or a rarer function word, corrected: too easily made
        OCR_TEXT + "A grey sack ofrioe lay there.",
        OCR_TEXT + "They had tea nerbread that day.",
        OCR_TEXT + "She was ifhedfor a week.",
    ],
)
def test_mw002_garbled_lookalikes_are_left_alone(text: str) -> None:
    assert flagged(text, "MW002") == []


# OCR that loses spaces: three common words misread by one letter (`houso`, `aftor`,
# `nevor`) and three joins the other searches find (`thatthe`, `ofthe`, `wasgiven`).
OCR_LOSING_SPACES = (
    "The houso was cold aftor the rain, and nevor warm. He said thatthe king was "
    "ofthe north, and she wasgiven no bread. "
)


@pytest.mark.parametrize(
    ("sentence", "token", "result", "safety"),
    [
        ("Alas, too uuccessfally mytongue seoms dry.", "mytongue", "my tongue", Safety.UNSAFE),
        ("He gave aman his coat.", "aman", "a man", Safety.UNSAFE),
        ("So far as Iknow.itwas done.", "itwas", "it was", Safety.UNSAFE),
        # a capitalised token may be a name (`Ifill`, `Bywater`): a suggestion only,
        # unless the document writes the reading apart or the reading has more
        # words than a name
        ("So far as Iknow.itwas done.", "Iknow", "I know", Safety.DISPLAY_ONLY),
        ("So far as Iknow.itwas done, as I know.", "Iknow", "I know", Safety.UNSAFE),
        (
            "My books are a record, Atruthfulphotograph of me.",
            "Atruthfulphotograph",
            "A truthful photograph",
            Safety.DISPLAY_ONLY,
        ),
        (
            "Atruthfulphotograph of me is a truthful photograph.",
            "Atruthfulphotograph",
            "A truthful photograph",
            Safety.UNSAFE,
        ),
        ("Ashoutoffear rose in the hall.", "Ashoutoffear", "A shout of fear", Safety.UNSAFE),
        # or with any word, when it reads as more words than a name holds
        ("They sang. Darkisthenight now.", "Darkisthenight", "Dark is the night", Safety.UNSAFE),
        # capitals inside: each starts a word, and a piece lost a space itself
        (
            "They sang. TheKingofthenorth rode out.",
            "TheKingofthenorth",
            "The King of the north",
            Safety.UNSAFE,
        ),
        # in mid-sentence, after a stray letter too, when it reads as more words than
        # a name holds; a piece read by the segmenter's second reading when the best
        # has no shape of a join (`Godofourfathers`: not `go do four fathers`)
        (
            "They sang q TheGodofourfathers now.",
            "TheGodofourfathers",
            "The God of our fathers",
            Safety.UNSAFE,
        ),
        (
            "He said r TheKingofourland was kind.",
            "TheKingofourland",
            "The King of our land",
            Safety.UNSAFE,
        ),
        # a lowercase token read so too: a suggestion, the best reading is as likely
        (
            "We sang godofoursalvation then.",
            "godofoursalvation",
            "god of our salvation",
            Safety.DISPLAY_ONLY,
        ),
        # a preposition glued to a capitalised listed word
        ("It stood in the temple ofVesta by the sea.", "ofVesta", "of Vesta", Safety.UNSAFE),
        ("She sat byLady Grey at dinner.", "byLady", "by Lady", Safety.UNSAFE),
        # `the` may follow a conjunction (`a` may not: `been, atruek` is `struck`)
        (
            "Think of evil, and theusefulness of pain.",
            "theusefulness",
            "the usefulness",
            Safety.UNSAFE,
        ),
        # a rare word, if long, with a function word
        (
            "He was free from this sort ofcalumny and spite.",
            "ofcalumny",
            "of calumny",
            Safety.UNSAFE,
        ),
        # `tons` misread is less likely than `to us`, but `tour`, one edit away, is
        # likelier: a suggestion only
        ("She gave it tous with joy.", "tous", "to us", Safety.DISPLAY_ONLY),
        # a join OCR also misread, among garble: a suggestion, spaces only
        (
            "Alas, uuccessfally direotlyfrom seoms home.",
            "direotlyfrom",
            "direotly from",
            Safety.DISPLAY_ONLY,
        ),
        # two content words are as often a compound: a suggestion only
        ("She touched my darkhair and wept.", "darkhair", "dark hair", Safety.DISPLAY_ONLY),
        # unless the document writes them apart: then a fix
        (
            "She touched my darkhair and wept. Her dark hair was wet.",
            "darkhair",
            "dark hair",
            Safety.UNSAFE,
        ),
        # a rare word the segmenter's rules turn down, read as the document writes it
        (
            "We had terrapinsoup at noon. The terrapin soup was cold.",
            "terrapinsoup",
            "terrapin soup",
            Safety.UNSAFE,
        ),
        ("We got upand left. He was up and about.", "upand", "up and", Safety.UNSAFE),
        # doubtful readings, suggestions only: a word misread by OCR about as likely
        # (`evils`), a word one edit away likelier (`about`), two rare content words
        # side by side, two names no list knows
        ("There are social evila besides.", "evila", "evil a", Safety.DISPLAY_ONLY),
        ("That is the atout answer.", "atout", "at out", Safety.DISPLAY_ONLY),
        ("It was nowinglava there.", "nowinglava", "no wing lava", Safety.DISPLAY_ONLY),
        # two parts that make a word (`whereof this`)
        ("The deed,-whereofthis tale speaks.", "whereofthis", "where of this", Safety.DISPLAY_ONLY),
        (
            "IfeverourGlorbaTrunchet falls, we weep.",
            "IfeverourGlorbaTrunchet",
            "If ever our Glorba Trunchet",
            Safety.DISPLAY_ONLY,
        ),
    ],
)
def test_mw002_joins_of_ocr_that_loses_spaces(
    sentence: str, token: str, result: str, safety: Safety
) -> None:
    text = OCR_LOSING_SPACES + sentence + "\n"
    findings = check_text(text, settings=settings_for(select=["MW002"]))
    found = {text[f.start : f.end]: f for f in findings}
    assert token in found
    fix = found[token].fix
    assert fix is not None and fix.edits[0].content == result and fix.safety is safety
    # the same sentence in clean text, or in OCR with fewer joins, is left alone
    assert token not in flagged(sentence + "\n", "MW002")
    fewer = OCR_LOSING_SPACES.replace("wasgiven", "was given").replace("ofthe", "of the")
    assert token not in flagged(fewer + sentence + "\n", "MW002")


def test_mw002_ocr_that_loses_spaces_leaves_mw001_its_joins() -> None:
    # `ofEaster` with `at Easter` in mid-sentence is MW001's: one finding, not two
    text = OCR_LOSING_SPACES + "The feast ofEaster came. We met at Easter again.\n"
    start = text.index("ofEaster")
    findings = check_text(text, settings=settings_for(select=["MW001", "MW002"]))
    assert [(f.code, f.end) for f in findings if f.start == start] == [("MW001", start + 8)]


# OCR that loses spaces, as a reviewer wrote it: four misread words and three joins.
OCR_LOSING_SPACES_TOO = (
    "He said aftor the meeting nevor mind whioh of tbeir plans.\n"
    "It was inthe room thatwas one ofthe best.\n"
)
NAMES_AT_SENTENCE_START = [
    "Heathrow",
    "Aman",
    "Bywater",
    "Atwater",
    "Ifill",
    "Asif",
    "Bythesea",
    "Ourbank",
]


@pytest.mark.parametrize("name", NAMES_AT_SENTENCE_START)
def test_mw002_ocr_that_loses_spaces_does_not_fix_names_at_a_sentence_start(name: str) -> None:
    text = OCR_LOSING_SPACES_TOO + f"{name} came here.\n"
    start = len(OCR_LOSING_SPACES_TOO)
    joins = [OCR_LOSING_SPACES_TOO.index(join) for join in ("inthe", "thatwas", "ofthe")]
    assert [s for s, _ in codes_and_spans(text, "MW002") if s < start] == joins
    assert fixed(text, "MW002", unsafe=True).endswith(f"\n{name} came here.\n")


@pytest.mark.parametrize(
    ("name", "phrase"), [("Aman", "He was a man of few words."), ("Asif", "It was as if on cue.")]
)
def test_mw002_a_name_is_not_fixed_because_its_reading_occurs_in_mid_sentence(
    name: str, phrase: str
) -> None:
    # `a man` in lower case, mid-sentence, is no evidence that `Aman` is `A man`
    text = OCR_LOSING_SPACES_TOO + f"{name} came here. {phrase}\n"
    assert fixed(text, "MW002", unsafe=True).endswith(f"\n{name} came here. {phrase}\n")


@pytest.mark.parametrize("name", ["Heathrow", "Bythesea"])
def test_mw002_no_article_after_a_subject_pronoun_or_plural_determiner(name: str) -> None:
    # not `He a throw`, `By these a`: not even a suggestion
    text = OCR_LOSING_SPACES_TOO + f"{name} came here.\n"
    assert name not in flagged(text, "MW002")


@pytest.mark.parametrize(
    "sentence",
    [
        "We went with Forman to the mill.",  # a name in mid-sentence
        # three words or fewer in mid-sentence (names: `Atwater`), after a stray
        # letter too
        "We went with Forthehill to the mill.",
        "We met r Bythebrook there.",
        # capitalised, a content word first, three words or fewer: a name as often
        "They sang. Stoneandhill came.",
        "It has beon cold all day.",  # `been` misread (an OCR confusion undone)
        "He sent infor mation to us.",  # a word broken by a space
        "Set $mytongue and self-mytongue here.",  # code, a hyphenated word
        "They atone for it with a tome.",  # words
        "Call isempty on the list.",  # an identifier
        "They left the westem station.",  # `western` misread (`m` for `rn`)
        "Ihe train was late.",  # `The` misread: `I he` is no pair that goes together
        "He sat ititin the chair.",  # garble: `it it in`
        "The calorificating engine ran.",  # not `calorific a ting`
        "We chat on WeChat and YouTube.",  # two words at a capital: for MW001
        "He was visitit'g them.",  # a stray mark inside a garbled word
        # `the` after a determiner or a pronoun, `a` after a function word
        "Think of his theusefulness of pain.",
        "We fixed its thescalethat grew. He saw every thescalethat grew.",
        "You have no thescalethat works. Any theusefulness of it was lost.",
        "It has been, atruek me as odd.",
        # a preposition glued to garble, or a word that starts identifiers
        "They fled the ofSdel and his sneer.",
        "Call forEach, inOrder and andThen on it.",
        # the document writes the words apart, but the token is a misspelling
        # (`whoever`), an older spelling, or two function words
        "The man whonever came left. Those who never came stayed.",
        "He waited somewhile there. We walked some while.",
        "It rained, notwith-standing the sun. It was not with us.",
    ],
)
def test_mw002_ocr_that_loses_spaces_leaves_alone(sentence: str) -> None:
    text = OCR_LOSING_SPACES + sentence + "\n"
    start = len(OCR_LOSING_SPACES)
    assert [s for s, _ in codes_and_spans(text, "MW002") if s >= start] == []


@pytest.mark.parametrize(
    ("sentence", "token"),
    [
        # words run together and garbled: one edit in a part or more, no fix
        ("Then youmustverifvyourverybest work.", "youmustverifvyourverybest"),
        ("At last thelongroadwentovcrthehills away.", "thelongroadwentovcrthehills"),
        ("She knew ofgreatsorrowinhcrheart then.", "ofgreatsorrowinhcrheart"),
        # capitalised, read as more words than a name holds, the first as written
        ("He sang. Wehavnerarelymetthem since.", "Wehavnerarelymetthem"),
        # or its letters hold two long common words, and more than them
        ("They had strongsilentthoughtfulness then.", "strongsilentthoughtfulness"),
        # after a hyphen too (a fix there would be a word broken at a line end)
        ("It was a well-kcptcompanyofmorethanahundred men.", "kcptcompanyofmorethanahundred"),
    ],
)
def test_mw002_garbled_runs_of_ocr_that_loses_spaces_are_flagged_without_a_fix(
    sentence: str, token: str
) -> None:
    text = OCR_LOSING_SPACES + sentence + "\n"
    start = text.index(token)
    findings = check_text(text, settings=settings_for(select=["MW002"]))
    assert [(f.start, f.end, f.fix) for f in findings if f.start >= len(OCR_LOSING_SPACES)] == [
        (start, start + len(token), None)
    ]
    # the same sentence in clean text, or in OCR with fewer joins, is left alone
    assert token not in flagged(sentence + "\n", "MW002")
    fewer = OCR_LOSING_SPACES.replace("wasgiven", "was given").replace("ofthe", "of the")
    assert token not in flagged(fewer + sentence + "\n", "MW002")


@pytest.mark.parametrize(
    "sentence",
    [
        # names: three words or fewer (`for far shire`), or a garbled first word
        "They met in Forfarshire then.",
        "I saw Willoughby there.",
        "He went to Castellamare then.",
        # one edit from a listed word (a misspelling), or one OCR confusion and one edit
        "It was nevertheles so.",
        "It held, notwithstandinq the rain.",
        "The parties hereinafterr named.",
        "It was undisooverable there.",
        # one word garbled twice: two edits from a common word
        "It was partitlarly so.",
        "He did it intennonally then.",
        # a run the document has twice is a word of its own or a name
        "Then thelongroadwentovcrthehills, thelongroadwentovcrthehills.",
        # not in prose: glued to a digit
        "At last thelongroadwentovcrthehills2 away.",
        # too short, or two words only
        "He took a tlmeandacbance then.",
        # two long words alone are as often a compound; a name may hold long words
        "It was silvermountainside then.",
        "He met Strongsilentthoughtfulness there.",
    ],
)
def test_mw002_runs_of_ocr_that_loses_spaces_left_alone(sentence: str) -> None:
    text = OCR_LOSING_SPACES + sentence + "\n"
    start = len(OCR_LOSING_SPACES)
    assert [s for s, _ in codes_and_spans(text, "MW002") if s >= start] == []
