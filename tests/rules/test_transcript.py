"""TR rules: broken transcript structure they must find, look-alikes they must leave."""

from __future__ import annotations

import pytest

from lint.api import check_text, settings_for
from lint.document import Document
from lint.fix import Safety
from lint.result import Finding
from rules import transcript
from tests.conftest import codes_and_spans, fixed


def findings(text: str, code: str, filename: str = "t.txt") -> list[Finding]:
    return check_text(text, filename=filename, settings=settings_for(select=[code]))


def flagged(text: str, code: str, filename: str = "t.txt") -> list[str]:
    return [text[f.start : f.end] for f in findings(text, code, filename)]


def safeties(text: str, code: str, filename: str = "t.txt") -> list[Safety | None]:
    return [f.fix.safety if f.fix else None for f in findings(text, code, filename)]


# -- labels ------------------------------------------------------------------------------


def test_labels_and_their_names() -> None:
    doc = Document("Wang Zhijun: Hi.\n\n**Mat Ryer**: Hello.\n", "t.md")
    assert [label.name for label in transcript.speaker_labels(doc)] == ["Mat Ryer"]
    doc = Document("Wang Zhi-jun: Hi.\nDr. WANG Z. ZHIJUN:\nMr. Wang:\n")
    labels = transcript.speaker_labels(doc)
    assert [label.name for label in labels] == ["Wang Zhi-jun", "Dr. WANG Z. ZHIJUN", "Mr. Wang"]
    assert [label.key for label in labels] == ["wangzhijun", "wangzhijun", "wang"]
    markdown = transcript.speaker_labels(Document("**Ann Lee, PhD:** x\n", "t.md"))
    assert [label.key for label in markdown] == ["annlee"]


# -- TR001 speaker-label-variants --------------------------------------------------------


@pytest.mark.parametrize("variant", ["Wang Zhi-jun", "WANG ZHIJUN", "Mr. Wang", "Zhijun"])
def test_tr001_rewrites_a_variant_to_the_most_frequent_form(variant: str) -> None:
    text = (
        "Wang Zhijun: We will build it.\n\n"
        f"{variant}: And run it.\n\n"
        "Wen Ku: Thank you.\n\n"
        "Wang Zhijun: Thank you.\n"
    )
    assert flagged(text, "TR001") == [variant]
    assert safeties(text, "TR001") == [Safety.UNSAFE]
    assert fixed(text, "TR001") == text
    expected = text.replace(f"{variant}: And", "Wang Zhijun: And")
    assert fixed(text, "TR001", unsafe=True) == expected


def test_tr001_markdown_labels() -> None:
    text = "**Mat Ryer:** Hi.\n\n**MAT RYER:** Hello.\n\n**Mat Ryer:** Bye.\n"
    assert flagged(text, "TR001", "t.md") == ["MAT RYER"]
    assert fixed(text, "TR001", "t.md", unsafe=True) == text.replace("MAT RYER", "Mat Ryer")


def test_tr001_labels_on_their_own_line() -> None:
    text = "Shou Xiaoli:\n\nNow.\n\nSHOU XIAOLI:\n\nThanks.\n\nShou Xiaoli:\n\nBye.\n"
    assert flagged(text, "TR001") == ["SHOU XIAOLI"]


def test_tr001_a_tie_keeps_the_fuller_mixed_case_earlier_form() -> None:
    text = "WANG ZHIJUN: One.\n\nMr. Wang: Two.\n\nWang Zhijun: Three.\n"
    assert flagged(text, "TR001") == ["WANG ZHIJUN", "Mr. Wang"]
    assert fixed(text, "TR001", unsafe=True) == (
        "Wang Zhijun: One.\n\nWang Zhijun: Two.\n\nWang Zhijun: Three.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Wang Zhijun: One.\n\nWang Wei: Two.\n\nMr. Wang: Three.\n",  # which Wang?
        "**Mat Ryer:** Hi.\n\n**Matt Toback:** Hello.\n",
        "Wang Zhijun: One.\n\nWang Zhijun: Two.\n",
        "Wang Zhijun: One.\n\nI asked Mr. Wang: why?\n",
        "Wen Ku: One.\n\nWang Zhijun: Two.\n",
        "```\nWANG ZHIJUN: x\n```\n\nWang Zhijun: One.\n",
    ],
)
def test_tr001_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "TR001", "t.md" if "```" in text else "t.txt") == []


def test_tr001_markdown_markup_tie_goes_to_the_documents_majority() -> None:
    text = (
        "**Ann Lee:** One.\n\n**Break:** [12:00]\n\n**Bob Roe:** Two.\n\n"
        "**Break**: [24:00]\n\n**Ann Lee:** Three.\n"
    )
    assert flagged(text, "TR001", "t.md") == ["**Break**:"]


def test_tr001_markdown_colon_outside_the_bold_once() -> None:
    text = (
        "**Jane Doe:** One.\n\n**Ann Lee:** Two.\n\n**Jane Doe**: Three.\n\n"
        "**Ann Lee:** Four.\n\n**Jane Doe:** Five.\n"
    )
    assert flagged(text, "TR001", "t.md") == ["**Jane Doe**:"]
    assert fixed(text, "TR001", "t.md", unsafe=True) == text.replace(
        "**Jane Doe**:", "**Jane Doe:**"
    )


@pytest.mark.parametrize(
    ("text", "variant", "result"),
    [
        (
            "Speaker 1: One.\n\nSpeaker 2: Two.\n\nSPEAKER 1: Three.\n\nSpeaker 1: Four.\n",
            "SPEAKER 1",
            "Speaker 1",
        ),
        (
            ">> JANE DOE: One.\n>> BOB LEE: Two.\n>> Jane Doe: Three.\n>> JANE DOE: Four.\n",
            "Jane Doe",
            "JANE DOE",
        ),
        (
            "Wang Zhijun (MIIT): One.\n\nWen Ku: Two.\n\nWANG ZHIJUN: Three.\n\n"
            "Wang Zhijun: Four.\n",
            "WANG ZHIJUN",
            "Wang Zhijun",
        ),
        (
            "WANG ZHIJUN (MIIT): One.\n\nWen Ku: Two.\n\nWang Zhijun: Three.\n\n"
            "Wang Zhijun: Four.\n",
            "WANG ZHIJUN",
            "Wang Zhijun",
        ),
    ],
)
def test_tr001_numbered_marked_and_affiliated_labels(text: str, variant: str, result: str) -> None:
    assert flagged(text, "TR001") == [variant]
    fixed_text = fixed(text, "TR001", unsafe=True)
    assert fixed_text.count(result) == text.count(result) + 1
    assert fixed_text.count("(MIIT)") == text.count("(MIIT)")  # the affiliation is kept


def test_tr001_caption_labels_in_subtitles() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n>> ANN LEE: Hello.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\n>> Ann Lee: Hi.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n>> ANN LEE: Bye.\n"
    )
    assert flagged(text, "TR001", "t.srt") == ["Ann Lee"]


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("Speaker 1: One.\n\nSpeaker 2: Two.\n\nSpeaker 1: Three.\n", "t.txt"),
        ("Speaker 1: One.\n\nSpeaker: Two.\n\nSpeaker 2: Three.\n", "t.txt"),
        ("Wang Zhijun (MIIT): One.\n\nWen Ku: Two.\n\nWang Zhijun: Three.\n", "t.txt"),
        ("**Wang Zhijun (MIIT):** One.\n\n**Wang Zhijun:** Two.\n", "t.md"),
        (">> JANE DOE: One.\n>> BOB LEE: Two.\nJANE DOE: Three.\n", "t.txt"),
        ("**Jane Doe**: One.\n\n**Jane Doe**: Two.\n", "t.md"),
        ("**Jane Doe**: One.\n\n**Jane Doe:** Two.\n", "t.md"),
        ("Chapter 1: One.\n\nChapter 2: Two.\n", "t.txt"),
    ],
)
def test_tr001_leaves_alone_new_shapes(text: str, filename: str) -> None:
    assert codes_and_spans(text, "TR001", filename) == []


# -- TR002 glued-marker ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result", "filename"),
    [
        ("00:28Security comes first.\n", "00:28 Security comes first.\n", "t.txt"),
        ("At 01:02:03.45Then we left.\n", "At 01:02:03.45 Then we left.\n", "t.txt"),
        (
            "So \\[unintelligible 00:16:51.23\\]And then.\n",
            "So \\[unintelligible 00:16:51.23\\] And then.\n",
            "t.md",
        ),
        ("He said \\[unintelligible00:14:07.28\\].\n", None, "t.md"),
        ("It was fine.[laughs]And then.\n", "It was fine.[laughs] And then.\n", "t.txt"),
        ("It was fine\\[laughs\\] really.\n", "It was fine \\[laughs\\] really.\n", "t.md"),
        ("\\[04:15\\]Do you agree?\n", "\\[04:15\\] Do you agree?\n", "t.md"),
        ("**Mat Ryer:**Hello there.\n", "**Mat Ryer:** Hello there.\n", "t.md"),
        (
            "Wang Zhijun: One.\n\nWang Zhijun:Two.\n",
            "Wang Zhijun: One.\n\nWang Zhijun: Two.\n",
            "t.txt",
        ),
    ],
)
def test_tr002_inserts_a_space_safely(text: str, result: str | None, filename: str) -> None:
    expected = result or text.replace("unintelligible00", "unintelligible 00")
    assert safeties(text, "TR002", filename) == [Safety.SAFE]
    assert fixed(text, "TR002", filename) == expected


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("_ueditor_page_break_tag_Fu Linghui: Thank you.\n", "Fu Linghui: Thank you.\n"),
        (
            "Thank you._ueditor_page_break_tag_Fu Linghui: Thanks.\n",
            "Thank you.\n\nFu Linghui: Thanks.\n",
        ),
        ("the first_ueditor_page_break_tag_part\n", "the first part\n"),
        ("It ends. _ueditor_page_break_tag_ Next.\n", "It ends. Next.\n"),
        ("Intro.\n#p#Part two#e#\nText.\n", "Intro.\n\nText.\n"),
    ],
)
def test_tr002_removes_a_cms_token_unsafely(text: str, result: str) -> None:
    assert safeties(text, "TR002") == [Safety.UNSAFE]
    assert fixed(text, "TR002") == text
    assert fixed(text, "TR002", unsafe=True) == result


def test_tr002_cms_token_before_a_label_keeps_crlf() -> None:
    text = "Thanks._ueditor_page_break_tag_Fu Linghui: Yes.\r\n"
    assert fixed(text, "TR002", unsafe=True) == "Thanks.\r\n\r\nFu Linghui: Yes.\r\n"


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("We meet at 10:30am and 5:00pm.\n", "t.txt"),
        ("It took 2:30h in all.\n", "t.txt"),
        ("We meet at 00:28 sharp.\n", "t.txt"),
        ("[T]he court held that.\n", "t.txt"),
        ("It would increase[es] their risk.\n", "t.txt"),
        ("See [Page 138]and more.\n", "t.txt"),
        ("Note:This is not a label.\n", "t.txt"),
        ("Run `00:28Security` now.\n", "t.md"),
        ("See https://example.com/00:28Security now.\n", "t.txt"),
        ("At 2020-10-29T10:30:00Z it began.\n", "t.txt"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHello there.\n", "t.srt"),
        ("**Mat Ryer:** Hi.\n\n**Mat Ryer:**\n\nHello.\n", "t.md"),
    ],
)
def test_tr002_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "TR002", filename) == []


# -- TR003 empty-speaker-turn ------------------------------------------------------------


def test_tr003_doubled_label_is_deleted_unsafely() -> None:
    text = "Shou Xiaoli:\n\nShou Xiaoli: Now, the last question.\n"
    assert flagged(text, "TR003") == ["Shou Xiaoli:"]
    assert safeties(text, "TR003") == [Safety.UNSAFE]
    assert fixed(text, "TR003") == text
    assert fixed(text, "TR003", unsafe=True) == "Shou Xiaoli: Now, the last question.\n"


def test_tr003_doubled_markdown_label() -> None:
    text = "**Mat Ryer:**\n\n**Mat Ryer:** Hello.\n"
    assert fixed(text, "TR003", "t.md", unsafe=True) == "**Mat Ryer:** Hello.\n"


def test_tr003_lost_turn_is_reported_without_a_fix() -> None:
    text = "Wen Ku: One.\n\nWang Zhijun: Two.\n\nWen Ku:\n\nWang Zhijun: Three.\n\nWen Ku: Four.\n"
    assert flagged(text, "TR003") == ["Wen Ku:"]
    assert safeties(text, "TR003") == [None]


def test_tr003_empty_last_turn() -> None:
    text = "Wen Ku: One.\n\nWang Zhijun: Two.\n\nWen Ku: Three.\n\nWang Zhijun:\n"
    assert flagged(text, "TR003") == ["Wang Zhijun:"]
    text = "Wen Ku: One.\n\nWang Zhijun: Two.\n\nWen Ku: Three.\n\nWang Zhijun:"
    assert flagged(text, "TR003") == ["Wang Zhijun:"]


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("Shou Xiaoli:\n\nNow, the last question.\n\nWang Zhijun:\n\nThank you.\n", "t.txt"),
        ("Participants:\nWang Zhijun: host\nWen Ku: guest\n", "t.txt"),
        (
            "**Jerod:** Hi.\n\n**Break:**\n\n**Jerod:** News.\n\n**Break:**\n\n"
            "**Jerod:** More.\n\n**Break:**\n\nThat is all.\n",
            "t.md",
        ),
        ("**Mat Ryer:** Hi.\n\n**Break:** \\[38:46\\]\n\n**Mat Ryer:** Back.\n", "t.md"),
        ("**Mat Ryer:** \\[laughs\\]\n\n**Tom:** Yes.\n\n**Mat Ryer:** Ok.\n", "t.md"),
        ("Wen Ku:\n\nWang Zhijun: Two.\n", "t.txt"),  # Wen Ku never speaks
    ],
)
def test_tr003_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "TR003", filename) == []


def test_tr001_ignores_spacing_so_fixes_settle() -> None:
    # Found by bench/fuzz.py: TR001 copied a label's double space, WS002 removed it,
    # and the two took turns for ever.
    from lint.api import fix_text, settings_for

    text = "**i  a Zhang:**  t\n\n**Zhang:**"
    settings = settings_for(select=["ALL"])
    once = fix_text(text, filename="t.md", settings=settings, unsafe=True).text
    assert once == "**i  a Zhang:**  t\n\n**i a Zhang:**\n"
    assert fix_text(once, filename="t.md", settings=settings, unsafe=True).text == once


# -- TR004 lost-speaker-label ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "filename", "paragraph"),
    [
        (
            "Ann Lee: Now, the last question.\n\n"
            "How will the plan be paid for? Thank you.\n\n"
            "Bob Roe: The budget covers it.\n",
            "t.txt",
            "How will the plan be paid for?",
        ),
        (
            "Ann Lee:\n\nNext question, please.\n\nWhen will it open?\n\nBob Roe:\n\nIn May.\n",
            "t.txt",
            "When will it open?",
        ),
        (
            "**Ann Lee:** We open in May.\n\n"
            "Thanks. I'm with a city paper. My question is about cost. Who pays?\n\n"
            "**Bob Roe:** The city does.\n",
            "t.md",
            "Thanks.",
        ),
        (
            "**Ann Lee:** Who pays for it?\n\n"
            "Thank you for your question. The city does.\n\n"
            "**Bob Roe:** Next one.\n",
            "t.md",
            "Thank you for your question.",
        ),
        (
            "Ann Lee: Who pays for it?\n\n"
            "That’s a good question. The city does.\n\n"
            "Ann Lee: And when?\n",
            "t.txt",
            "That’s a good question.",
        ),
    ],
)
def test_tr004_flags_a_paragraph_that_reads_as_a_turn(
    text: str, filename: str, paragraph: str
) -> None:
    assert flagged(text, "TR004", filename) == [paragraph]
    assert [f.fix for f in findings(text, "TR004", filename)] == [None]


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        # A host's turn of several paragraphs that ends with their own question.
        (
            "**Ann Lee:** We tried it last year.\n\nIt went well.\n\n"
            "So what would you change?\n\n**Bob Roe:** Not much.\n",
            "t.md",
        ),
        # A question that goes on in the same speaker's next paragraph.
        (
            "Ann Lee: Who pays for it?\n\nI mean the city or the state.\n\nBob Roe: The city.\n",
            "t.txt",
        ),
        # Thanks for a question the turn's own speaker did not ask just before.
        (
            "**Ann Lee:** We open in May.\n\nThank you for your question, Bob.\n\n"
            "**Bob Roe:** Sure.\n",
            "t.md",
        ),
        # The next turn is the same speaker's.
        (
            "Ann Lee: Next question.\n\nWhen will it open?\n\nAnn Lee: In May.\n",
            "t.txt",
        ),
        # The hand-over is long: a speech that mentions the next question.
        (
            "Ann Lee: "
            + "We have worked on this for a long time and we are proud of it. " * 3
            + "That leads to the next question.\n\nWho pays?\n\nBob Roe: The city.\n",
            "t.txt",
        ),
        # No labels, or one turn.
        ("Next question.\n\nWhen will it open?\n\nIn May.\n", "t.txt"),
        ("Ann Lee: Next question.\n\nWhen will it open?\n", "t.txt"),
        # The question is in a code block.
        (
            "**Ann Lee:** Next question.\n\n```\nWhen will it open?\n```\n\n**Bob Roe:** May.\n",
            "t.md",
        ),
    ],
)
def test_tr004_leaves_turns_of_several_paragraphs_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "TR004", filename) == []


def test_tr004_phrases_are_data() -> None:
    phrases = transcript.turn_phrases()
    assert phrases.answers.match("Thank you for your question.")
    assert phrases.hand_overs.search("Now, we will take the last question.")
    assert not phrases.questions.search("We asked them.")


def test_tr004_in_captions_with_turn_markers() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\n>> ANN LEE: Next question, please.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nWhen will it open?\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\n>> BOB ROE: In May.\n"
    )
    assert flagged(text, "TR004", "t.srt") == ["When will it open?"]
    labelled = text.replace("\nWhen", "\n>> CARA DIAZ: When")
    assert flagged(labelled, "TR004", "t.srt") == []
