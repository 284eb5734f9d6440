"""SP rules: misspellings and doubled words they must find, traps they must leave."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from lint.api import check_text, settings_for
from lint.document import Document
from lint.evidence import Evidence
from lint.fix import Safety
from lint.lexicon import Entry, Lexicon
from lint.result import Finding
from rules import spelling
from tests.conftest import codes_and_spans, fixed


def findings(
    text: str,
    code: str,
    filename: str = "t.txt",
    verbatim: bool = False,
    words: tuple[str, ...] = (),
    lexicon: Lexicon | None = None,
) -> list[Finding]:
    settings = settings_for(select=[code], verbatim=verbatim, words=words, lexicon=lexicon)
    return check_text(text, filename=filename, settings=settings)


def flagged(text: str, code: str, filename: str = "t.txt", **options: Any) -> list[str]:
    return [text[f.start : f.end] for f in findings(text, code, filename, **options)]


def safeties(text: str, code: str, filename: str = "t.txt", **options: Any) -> list[Safety]:
    return [f.fix.safety for f in findings(text, code, filename, **options) if f.fix is not None]


# -- SP002 doubled-word ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pair", "safety", "result"),
    [
        ("We read the the report.\n", "the the", Safety.UNSAFE, "We read the report.\n"),
        ("The the report was late.\n", "The the", Safety.UNSAFE, "The report was late.\n"),
        ("It was an an error.\n", "an an", Safety.UNSAFE, "It was an error.\n"),
        (
            "Look at the top of of the page.\n",
            "of of",
            Safety.UNSAFE,
            "Look at the top of the page.\n",
        ),
        (
            "We stayed and in in the end left.\n",
            "in in",
            Safety.UNSAFE,
            "We stayed and in the end left.\n",
        ),
        ("We met and and talked.\n", "and and", Safety.UNSAFE, "We met and talked.\n"),
        ("I I think so.\n", "I I", Safety.UNSAFE, "I think so.\n"),
        ("It was just just fine.\n", "just just", Safety.UNSAFE, "It was just fine.\n"),
        ("Did you you see it?\n", "you you", Safety.UNSAFE, "Did you see it?\n"),
        ("The system system failed.\n", "system system", Safety.UNSAFE, "The system failed.\n"),
        ("THE THE END\n", "THE THE", Safety.UNSAFE, "THE END\n"),
        ("Then it's it's over.\n", "it's it's", Safety.UNSAFE, "Then it's over.\n"),
    ],
)
def test_sp002_flags_and_fixes(text: str, pair: str, safety: Safety, result: str) -> None:
    assert flagged(text, "SP002") == [pair]
    assert safeties(text, "SP002") == [safety]
    assert fixed(text, "SP002", unsafe=True) == result
    assert fixed(text, "SP002") == text  # a safe fix never deletes a word


def test_sp002_across_a_line_break_keeps_the_lines() -> None:
    text = "He opened the\nthe door slowly.\n"
    assert flagged(text, "SP002") == ["the\nthe"]
    assert fixed(text, "SP002", unsafe=True) == "He opened the\ndoor slowly.\n"


def test_sp002_word_alone_on_the_next_line_joins_it() -> None:
    assert fixed("He opened the\nthe.\n", "SP002", unsafe=True) == "He opened the.\n"


def test_sp002_crlf_and_markdown_label() -> None:
    text = "**Wang Zhijun:** We met the the press.\r\n"
    assert fixed(text, "SP002", "t.md", unsafe=True) == "**Wang Zhijun:** We met the press.\r\n"


@pytest.mark.parametrize(
    "text",
    [
        "I think that that is right.\n",
        "She had had enough.\n",
        "What it is is a mess.\n",
        "The point is is that we agree.\n",
        "The question was was there a plan.\n",
        "The problem the team has has a cause.\n",
        "We do do that every week.\n",
        "The will will be read today.\n",
        "He gave her her keys.\n",
        "I told you you were right.\n",
        "That is what I looked at at the time.\n",
        "Log in in the top corner.\n",
        "Put it in in the box.\n",
        "It is the one thing I am proud of of all.\n",
        "It is what we dreamed of of course.\n",
        "It is a very very big deal.\n",
        "It is a big big deal.\n",
        "No no no, not that.\n",
        "Bye bye, everyone.\n",
        "Ha ha, very good.\n",
        "Is that engineering engineering?\n",
        "It went typey, typey typey all day.\n",
        "word word word word\n",
        "My dad's dad's car was red.\n",
        "Walla Walla is a town.\n",
        "We should not judge Judge Roberts.\n",
        "I think Will will come.\n",
        "We read the The Times piece.\n",
        "We read the, the report.\n",
        "We read the\n\nthe report.\n",
        "We read the [inaudible] the report.\n",
        "We read the 00:12:34 the report.\n",
        "See https://example.com/the the report.\n",
        "A well-the the report.\n",
        "Run foo.the the now.\n",
        "There there's more.\n",
        "We read the the5 report.\n",
    ],
)
def test_sp002_leaves_english_repeats_alone(text: str) -> None:
    assert codes_and_spans(text, "SP002") == []


@pytest.mark.parametrize(
    "text",
    [
        "It is not not true.\n",
        "It was the wild wild west out there.\n",
        "Knock knock, who is it?\n",
        "Bye bye now.\n",
        "It is very very cold.\n",
        "How do we run this this year?\n",
        "We meet this this week.\n",
        "We hope to have some some day.\n",
        "He wore his 'my lucky hat' hat all day.\n",
        "He wore his ‘my lucky hat’ hat all day.\n",
        'He called it the "red box" box.\n',
        'The typist wrote "the the" twice.\n',
        "The typist wrote ‘the the’ twice.\n",
        "We drove to Walla Walla last May.\n",
        "A SIGN READ S E R M O N S I I I TODAY\n",
        "The grid said a b c i i o n o f.\n",
    ],
)
def test_sp002_leaves_intended_repeats_alone(text: str) -> None:
    assert codes_and_spans(text, "SP002") == []


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Read this this page now.\n", "this this"),
        ("We saw some some birds.\n", "some some"),
        ("It was the wild wild ride.\n", "wild wild"),
        ("The report report was late.\n", "report report"),
        ("We read the the 'lucky hat' story.\n", "the the"),
        ("It was a a mistake.\n", "a a"),
    ],
)
def test_sp002_context_of_an_intended_repeat_must_match(text: str, pair: str) -> None:
    assert flagged(text, "SP002") == [pair]


def test_sp002_intended_repeats_are_data() -> None:
    repeats = spelling.intended_repeats()
    assert ((), ()) in repeats["bye"]
    assert ((), ("west",)) in repeats["wild"]
    assert ((), ("year",)) in repeats["this"]


@pytest.mark.parametrize(
    "text",
    ["We read `the the` in the code.\n", "```\nthe the\n```\n", "<!-- the the -->\n"],
)
def test_sp002_leaves_markdown_code_alone(text: str) -> None:
    assert codes_and_spans(text, "SP002", "t.md") == []


def test_sp002_checks_markdown_link_text() -> None:
    assert flagged("See [the the docs](https://example.com).\n", "SP002", "t.md") == ["the the"]


@pytest.mark.parametrize(
    "text",
    [
        "I I think so.\n",
        "It was just just fine.\n",
        "We read the the report.\n",
        "We met and and talked.\n",
        "Did you you see it?\n",
        "It's it's over.\n",
        "We stayed in in the end.\n",
    ],
)
def test_sp002_verbatim_keeps_speech_repeats(text: str) -> None:
    assert flagged(text, "SP002", verbatim=True) == []


def test_sp002_verbatim_still_flags_a_repeated_content_word_without_a_fix() -> None:
    text = "The system system failed.\n"
    assert flagged(text, "SP002", verbatim=True) == ["system system"]
    assert [f.fix for f in findings(text, "SP002", verbatim=True)] == [None]


SRT = (
    "1\n00:00:01,000 --> 00:00:02,000\nWe went to the\n\n"
    "2\n00:00:02,000 --> 00:00:03,000\nthe store early.\n"
)


def test_sp002_across_subtitle_cues_is_reported_without_a_fix() -> None:
    assert flagged(SRT, "SP002", "t.srt") == ["the\n\n2\n00:00:02,000 --> 00:00:03,000\nthe"]
    assert [f.fix for f in findings(SRT, "SP002", "t.srt")] == [None]
    assert fixed(SRT, "SP002", "t.srt", unsafe=True) == SRT


def test_sp002_within_one_cue_is_reported_without_a_fix() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nWe saw the\nthe ship.\n"
    assert flagged(text, "SP002", "t.srt") == ["the\nthe"]
    assert fixed(text, "SP002", "t.srt", unsafe=True) == text
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nWe saw the the ship.\n"
    assert flagged(vtt, "SP002", "t.vtt") == ["the the"]
    assert fixed(vtt, "SP002", "t.vtt", unsafe=True) == vtt


def test_sp002_webvtt_note_between_cues_breaks_the_pair() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nWe went to the\n\n"
        "NOTE a comment\n\n00:02.000 --> 00:03.000\nthe store.\n"
    )
    assert flagged(text, "SP002", "t.vtt") == []


# -- SP001 misspelled-word ---------------------------------------------------------------


def test_sp001_is_off_by_default() -> None:
    assert not spelling.misspelled_word.default
    assert codes_and_spans("We waited becase it rained.\n", "SP") == []


@pytest.mark.parametrize(
    ("text", "word", "result"),
    [
        ("We waited becase it rained.\n", "becase", "We waited because it rained.\n"),
        ("The prisoeer was freed.\n", "prisoeer", "The prisoner was freed.\n"),
        ("We will contnue the work.\n", "contnue", "We will continue the work.\n"),
        ("The comittee met today.\n", "comittee", "The committee met today.\n"),
    ],
)
def test_sp001_flags_one_clear_correction_as_unsafe(text: str, word: str, result: str) -> None:
    assert flagged(text, "SP001") == [word]
    assert safeties(text, "SP001") == [Safety.UNSAFE]
    assert fixed(text, "SP001") == text
    assert fixed(text, "SP001", unsafe=True) == result


def test_sp001_several_corrections_are_display_only() -> None:
    text = "It was a wierd day.\n"
    found = findings(text, "SP001")
    assert [(text[f.start : f.end], f.safety) for f in found] == [("wierd", Safety.DISPLAY_ONLY)]
    assert "'weird'" in found[0].message and "'wired'" in found[0].message
    assert fixed(text, "SP001", unsafe=True) == text


BRIEFING_TRAPS = (
    "Shou Xiaoli:\n\nNow, we'll take the last question.\n\n"
    "Wang Zhijun:\n\nI invite Mr. Wen to answer. The MIIT and the CPC Central Committee "
    "will promote 5G, blockchain and AI, with R&D worth $447 billion.\n\n"
    "Wen Ku:\n\nThe Zhijun plan covers Chongqing and Guangzhou.\n"
)


def test_sp_leaves_names_acronyms_and_terms_alone() -> None:
    settings = settings_for(select=["SP001", "SP002"])
    assert check_text(BRIEFING_TRAPS, settings=settings) == []


@pytest.mark.parametrize(
    "text",
    [
        "Becase it rained, we waited.\n",  # capitalised: maybe a name
        "We met Becase yesterday.\n",
        "The BECASE rule applies.\n",
        "Version becase2 is out.\n",
        "Call becase_handler now.\n",
        "Call obj.becase now.\n",
        "Open becase.txt now.\n",
        "See https://example.com/becase now.\n",
        "Write to becase@example.com now.\n",
        "A becase-like shape.\n",
        "They said soooo much.\n",
        "Our callout worked.\n",  # two dictionary words: jargon or a lost space
        "We saw thescale grow.\n",
        "The industrialInternet grew.\n",
        "We waited becase of rain, and becase of snow.\n",  # the document uses it twice
        "The colour of the labour organised.\n",
        "Its attaches and beheadings themed.\n",
        "We rebased the unmerged branch.\n",
    ],
)
def test_sp001_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "SP001") == []


def test_sp001_leaves_markdown_code_alone() -> None:
    text = "Run `becase` and\n\n```\nbecase\n```\n"
    assert codes_and_spans(text, "SP001", "t.md") == []


def test_sp001_knows_the_users_words_and_the_lexicon() -> None:
    text = "We waited becase it rained.\n"
    assert flagged(text, "SP001", words=["Becase"]) == []
    lexicon = Lexicon({"words": {"becase": Entry(3)}})
    assert flagged(text, "SP001", lexicon=lexicon) == []
    ignored = Lexicon({"words": {"becase": Entry(3, reviewed=True, ignore=True)}})
    assert flagged(text, "SP001", lexicon=ignored) == ["becase"]


def test_sp001_knows_words_of_the_corpus() -> None:
    text = "We waited becase it rained.\n"
    settings = settings_for(select=["SP001"])
    name = spelling.UNKNOWN_WORDS.name
    corpus = Evidence(10, {name: Counter({"becase": 1, "Becase": 1})})
    assert check_text(text, settings=settings, evidence=corpus) == []
    once = Evidence(10, {name: Counter({"becase": 1})})
    assert len(check_text(text, settings=settings, evidence=once)) == 1


def test_sp001_gathers_unknown_words_once_per_file_and_learns_them() -> None:
    doc_text = "Zhijun met Zhijun about eBPF and the blockchain, at 5G speed (MIIT)."
    counts = spelling.UNKNOWN_WORDS.gather(Document(doc_text))
    assert counts == Counter({"Zhijun": 1, "eBPF": 1, "MIIT": 1})
    learn = spelling.UNKNOWN_WORDS.learn
    assert learn is not None
    assert spelling.UNKNOWN_WORDS.section == "words"
    assert learn(Counter({"Zhijun": 2, "eBPF": 1}), 10) == {"Zhijun": 2}


def test_sp001_corrections_leave_the_first_and_last_letters() -> None:
    assert spelling.corrections("becase") == ("because", "became")
    assert spelling.corrections("xecause") == ()  # `because` is a first-letter edit away


# -- SP003 stripped-apostrophe -------------------------------------------------------------

EVIDENCE = "We don't know. "  # the document writes apostrophes elsewhere


@pytest.mark.parametrize(
    ("text", "token", "result"),
    [
        (EVIDENCE + "They dont care.\n", "dont", "They don't care."),
        (EVIDENCE + "And theyre late.\n", "theyre", "And they're late."),
        (EVIDENCE + "Ive seen it.\n", "Ive", "I've seen it."),
        (EVIDENCE + "Well, ive seen it.\n", "ive", "Well, I've seen it."),
        (EVIDENCE + "YOU DONT SAY.\n", "DONT", "YOU DON'T SAY."),
        ("We don’t know. They didnt go.\n", "didnt", "They didn’t go."),
        ("I won't stay. I wont go.\n", "wont", "I won't go."),
        ("I can't stay. You cant go.\n", "cant", "You can't go."),
        ("I'm here. Now im gone.\n", "im", "Now I'm gone."),
        (EVIDENCE + "Theres a bus.\n", "Theres", "There's a bus."),
        (EVIDENCE + "He said “dont.”\n", "dont", "He said “don't.”"),
        (EVIDENCE + "(Wasnt it?)\n", "Wasnt", "(Wasn't it?)"),
    ],
)
def test_sp003_flags_and_fixes(text: str, token: str, result: str) -> None:
    assert flagged(text, "SP003") == [token]
    assert safeties(text, "SP003") == [Safety.UNSAFE]
    assert fixed(text, "SP003", unsafe=True).endswith(result + "\n")
    assert fixed(text, "SP003") == text


@pytest.mark.parametrize(
    "text",
    [
        "They dont care and theyre late.\n",  # no apostrophe anywhere: a style
        EVIDENCE + "I ill, we were well, its shell, hell, my id, we wed, a shed, he lets.\n",
        EVIDENCE + "It was his wont to sing.\n",
        EVIDENCE + "He was wont to sing.\n",
        EVIDENCE + "I wont go.\n",  # no `won't` in the document: maybe the word
        "I won't stay. It was his wont.\n",
        "I won't stay. He was wont to sing.\n",
        EVIDENCE + "Jony Ive said so.\n",
        EVIDENCE + "Then Im Dong-hyun won.\n",
        EVIDENCE + "Send an IM now.\n",
        EVIDENCE + "Set the dont_care flag and #dont tag.\n",
        EVIDENCE + "Open dont.txt now.\n",
        EVIDENCE + "The iM key.\n",
        "I'm sure it is im mediately clear.\n",
        EVIDENCE + "Said im.\n",  # `im` needs `I'm` in the document
    ],
)
def test_sp003_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "SP003") == []


def test_sp003_leaves_markdown_code_alone() -> None:
    assert codes_and_spans(EVIDENCE + "Run `dont` now.\n", "SP003", "t.md") == []


def test_sp003_in_captions() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nI don't know.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nWe werent there.\n"
    )
    assert flagged(text, "SP003", "t.srt") == ["werent"]


def test_sp003_stripped_forms_are_data() -> None:
    forms = spelling.stripped_forms()
    assert forms.contractions["dont"] == "don't"
    assert "wont" in forms.strict
    assert not {"ill", "were", "well", "its", "shell", "hell", "id"} & forms.contractions.keys()
