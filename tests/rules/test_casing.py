"""CA rules: casings they must find, capitals they must leave, fixed output, learning."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.api import check_text, fix_text, gather_text, settings_for
from lint.cli import main
from lint.evidence import total
from lint.fix import Safety
from lint.lexicon import Entry, Lexicon
from tests.conftest import codes_and_spans, fixed


def flagged(
    text: str,
    code: str,
    filename: str = "t.txt",
    terms: tuple[str, ...] = (),
    words: tuple[str, ...] = (),
    lexicon: Lexicon | None = None,
) -> list[str]:
    settings = settings_for(select=[code], terms=terms, words=words, lexicon=lexicon)
    return [text[f.start : f.end] for f in check_text(text, filename=filename, settings=settings)]


# A body that writes one term two ways: x3 `smart harbour` against x1 `smart Harbour`.
BODY = (
    "The smart harbour opened in May. Crews tested the smart harbour at night.\n"
    "Funding for the smart Harbour came late, and the smart harbour still grew.\n"
)

# -- CA001 inconsistent-casing ---------------------------------------------------------


def test_ca001_reports_minority_form_with_counts() -> None:
    findings = check_text(BODY, settings=settings_for(select=["CA001"]))
    assert [BODY[f.start : f.end] for f in findings] == ["smart Harbour"]
    assert "'smart Harbour' (x1) vs 'smart harbour' (x3)" in findings[0].message
    assert findings[0].safety is Safety.UNSAFE


def test_ca001_fix_is_unsafe_and_writes_the_majority() -> None:
    assert fixed(BODY, "CA001") == BODY
    assert fixed(BODY, "CA001", unsafe=True) == BODY.replace("smart Harbour", "smart harbour")
    crlf = BODY.replace("\n", "\r\n")
    assert fixed(crlf, "CA001", unsafe=True) == crlf.replace("smart Harbour", "smart harbour")


def test_ca001_term_across_a_line_break() -> None:
    text = (
        "The smart Harbour opened. We saw the smart Harbour. Then the smart\nharbour grew.\n"
        "The smart Harbour won.\n"
    )
    assert flagged(text, "CA001") == ["smart\nharbour"]
    assert fixed(text, "CA001", unsafe=True) == text.replace("smart\nharbour", "smart\nHarbour")
    # A capital at a line start may be a new line's: it is taken as the position's.
    assert flagged(BODY.replace("the smart Harbour", "the smart\nHarbour"), "CA001") == []


@pytest.mark.parametrize(
    "trap",
    [
        # Names and titles: a run of capitalised words, quoted or not.
        "The Alliance of Smart Harbour met, and the report Building Smart Harbour came out.\n",
        'They signed the "5G+Smart Harbour" plan.\n',
        # Sentence starts, after a speaker label, headings, title-case and caps lines.
        "Smart harbour crews rest on Sundays.\n",
        "Ana Lee: Smart harbour news first.\n",
        "# Smart Harbour Plans\n",
        "Ten Years Of Smart Harbour Work\n",
        "SMART HARBOUR REPORT FOR MAY\n",
    ],
)
def test_ca001_leaves_capitals_of_position_alone(trap: str) -> None:
    for text in (BODY + trap, trap + BODY):
        assert flagged(text, "CA001", "t.md") == ["smart Harbour"], text


@pytest.mark.parametrize(
    ("text", "minority"),
    [
        (
            "We use HarbourNet daily. HarbourNet hosts it. Our Harbournet page is new.\n",
            "Harbournet",
        ),
        ("The app runs on tideOS. Older tideOS builds and TideOS betas differ.\n", "TideOS"),
        ("She joined McLean early. The McLean office and the Mclean site.\n", "Mclean"),
        ("Harbournet is down. HarbourNet said so, and HarbourNet is back.\n", "Harbournet"),
        (
            "Bring the net meter. The net meter broke. A net Meter was sent. "
            "The net meter works.\n",
            "net Meter",
        ),
    ],
)
def test_ca001_flags(text: str, minority: str) -> None:
    assert flagged(text, "CA001") == [minority]


@pytest.mark.parametrize(
    "text",
    [
        # The House is the chamber, the house a building: institutions are not compared.
        "The bill went to the House. He sold the house. The House voted. My house is old.\n"
        "The whole House rose. The whole house shook. The whole House sat.\n",
        "This great Nation will endure. A great nation has a past. Our great Nation.\n",
        # A name that is also a word: DeLay the member, delay the word.
        "Mr. DeLay spoke. After a delay, DeLay spoke again about the delay.\n",
        # Two names: Dupont Circle the place, DuPont-Merck the company.
        "They met at Dupont Circle, then Dupont Circle again, and at DuPont-Merck.\n",
        # Names in capitals, as the Congressional Record prints speakers.
        "Mr. McCAIN. I thank Senator McCain. Mr. McCAIN. Yes.\n",
        # One form only, or a tie: nothing to compare, or no majority.
        "I sold it on eBay. The eBay buyer paid. I like eBay.\n",
        "We use HarbourNet. Our Harbournet page is new.\n",
        # A word next to a name is not a term: `Git` stands on its own.
        "It came after Git. Then after git we ran git, git, git and git. Later after Git.\n",
    ],
)
def test_ca001_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "CA001") == []


def test_ca001_code_is_not_read() -> None:
    text = BODY.replace("smart Harbour", "smart harbour") + "Run `smart Harbour` now.\n"
    assert codes_and_spans(text, "CA001", "t.md") == []


def test_ca001_corpus_majority_decides() -> None:
    settings = settings_for(select=["CA001"])
    texts = {
        "a.txt": "Our QuayDock runner failed. QuayDock fixed it. QuayDock is fine.\n",
        "b.txt": "The QuayDock team wrote. QuayDock said so.\n",
        "c.txt": "The Quaydock server fell over. Quaydock was back, and QuayDock said so.\n",
    }
    c = texts["c.txt"]
    # Alone, c.txt writes Quaydock most; the corpus writes QuayDock.
    assert flagged(c, "CA001") == ["QuayDock"]
    evidence = total(gather_text(t, filename=n, settings=settings) for n, t in texts.items())
    findings = check_text(c, filename="c.txt", settings=settings, evidence=evidence)
    assert [c[f.start : f.end] for f in findings] == ["Quaydock", "Quaydock"]
    assert "vs 'QuayDock' (x1; x6 in 3 of 3 files)" in findings[0].message


def test_ca001_leaves_project_terms_to_ca002() -> None:
    text = "We use QuayDock daily. QuayDock hosts it. Our Quaydock page is new.\n"
    assert flagged(text, "CA001", terms=("QuayDock",)) == []
    assert flagged(text, "CA002", terms=("QuayDock",)) == ["Quaydock"]


@pytest.mark.parametrize(
    "extra",
    [
        # Addresses without a scheme, handles and tags: the casing is the owner's.
        "Find us at github.com/Smart Harbour and on @Smart. See example.org/smart Harbour.\n",
        # Quoted programme names and emphasised titles.
        'They joined the "5G + smart Harbour" plan.\n',
        "I read *Life in the smart Harbour* last year.\n",
    ],
)
def test_ca001_leaves_addresses_handles_quotes_and_titles_alone(extra: str) -> None:
    text = BODY.replace("smart Harbour", "smart harbour") + extra
    assert codes_and_spans(text, "CA001", "t.md") == []


def test_ca001_quoted_occurrence_is_neither_counted_nor_fixed() -> None:
    text = BODY + 'The "5G + smart Harbour" plan and the "smart Harbour" pledge.\n'
    assert flagged(text, "CA001") == ["smart Harbour"]
    assert fixed(text, "CA001", unsafe=True) == text.replace(
        "for the smart Harbour", "for the smart harbour"
    )


def test_ca001_close_vote_is_reported_without_a_fix() -> None:
    text = "We use HarbourNet daily. HarbourNet hosts it. Harbournet is new. Our Harbournet.\n"
    text += "The HarbourNet team wrote.\n"
    findings = check_text(text, settings=settings_for(select=["CA001"]))
    assert [(text[f.start : f.end], f.fix and f.fix.safety) for f in findings] == [
        ("Harbournet", Safety.DISPLAY_ONLY),
        ("Harbournet", Safety.DISPLAY_ONLY),
    ]
    assert fixed(text, "CA001", unsafe=True) == text


def test_ca001_clear_vote_is_an_unsafe_fix() -> None:
    text = "We use HarbourNet. HarbourNet hosts it. HarbourNet is up. Our Harbournet page.\n"
    findings = check_text(text, settings=settings_for(select=["CA001"]))
    assert [(text[f.start : f.end], f.fix and f.fix.safety) for f in findings] == [
        ("Harbournet", Safety.UNSAFE)
    ]


def test_ca001_prefers_a_word_the_project_accepts_to_the_majority() -> None:
    text = "We run KuberDock. KuberDock is up. KuberDock works, and a Kuberdock node fell.\n"
    assert flagged(text, "CA001") == ["Kuberdock"]
    findings = check_text(text, settings=settings_for(select=["CA001"], words=["Kuberdock"]))
    assert [text[f.start : f.end] for f in findings] == ["KuberDock"] * 3
    assert "a word the project accepts" in findings[0].message


def test_ca001_leaves_brand_names_to_ca002_whatever_the_majority() -> None:
    text = "We run KuberNetes. KuberNetes is up. KuberNetes works. Kubernetes is fine.\n"
    assert flagged(text, "CA001") == []
    assert flagged(text, "CA002") == ["KuberNetes"] * 3
    assert fixed(text, "CA002", unsafe=True).count("Kubernetes") == 4


def test_ca001_two_letters_with_a_capital_inside_are_no_term() -> None:
    text = "It went tO the inn and tO the sea, then to the hill.\n"
    assert codes_and_spans(text, "CA001") == []
    assert flagged("It went tOo far, tOo fast, and toO slow.\n", "CA001") == ["toO"]


@pytest.mark.parametrize(
    "text",
    [
        # Name particles and `per` make no term.
        "The old De Beauvoir sold it. Then de Beauvoir came. The de Beauvoir farm. "
        "Ask de Beauvoir.\n",
        "At 5 per Cent. a year, or 4 per cent. now, 3 per cent. then, 2 per cent. later.\n",
    ],
)
def test_ca001_particles_and_per_are_no_terms(text: str) -> None:
    assert codes_and_spans(text, "CA001") == []


# -- CA002 term-casing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "found"),
    [
        ("The code is on Github now.\n", "GitHub", "Github"),
        ("The code is on github now.\n", "GitHub", "github"),
        ("It runs on MacOS only.\n", "macOS", "MacOS"),
        ("We trace it with EBPF today.\n", "eBPF", "EBPF"),
        ("Done. EBPF traces it.\n", "eBPF", "EBPF"),
        ("The industrial internet grew.\n", "industrial Internet", "industrial internet"),
        ("Mind the Github\nActions page.\n", "GitHub", "Github"),
    ],
)
def test_ca002_flags_config_term_safely(text: str, term: str, found: str) -> None:
    findings = check_text(text, settings=settings_for(select=["CA002"], terms=[term]))
    assert [(text[f.start : f.end], f.safety) for f in findings] == [(found, Safety.SAFE)]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Let us go home. We go now.\n", "Go"),
        ("The state department of health met.\n", "State Department"),
        ("PYTHON IS FUN\nI like PYTHON a lot.\n", "Python"),
        ("IPhone sales rose. The iPhone sold.\n", "iPhone"),
        ("MacOS is fine.\n", "macOS"),
        ("The Industrial Internet Alliance met.\n", "industrial internet"),
        ("See https://github.com/x and `github` and setup.github.yml.\n", "GitHub"),
        ("GITHUB NEWS TODAY\n", "GitHub"),
        ("There was a delay. Mr. DeLAY spoke.\n", "DeLay"),
        ("Use it on GitHub today.\n", "GitHub"),
    ],
)
def test_ca002_leaves_alone(text: str, term: str) -> None:
    assert flagged(text, "CA002", "t.md", terms=(term,)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Code is at github.com/Github and @Github posts it.\n",
        'The "Github" sticker was a joke.\n',
        "Read *Github Stories* again.\n",
    ],
)
def test_ca002_leaves_addresses_handles_and_quotes_alone(text: str) -> None:
    assert flagged(text, "CA002", "t.md") == []


def test_ca002_built_in_brand_list_is_a_data_file() -> None:
    text = "We deploy with TerraForm and store it in DropBox; terraform runs.\n"
    assert flagged(text, "CA002") == ["TerraForm", "DropBox"]


@pytest.mark.parametrize("extra", [0, 100])  # few terms, and many (searched otherwise)
def test_ca002_terms_with_signs_and_many_terms(extra: int) -> None:
    terms = (".NET", "HarbourNet", "smart harbour", *(f"Term{n}Word" for n in range(extra)))
    text = "We ship .Net code to the Harbournet, a smart Harbour. Term7word too.\n"
    found = flagged(text, "CA002", terms=terms)
    assert found == [".Net", "Harbournet", "smart Harbour", *(["Term7word"] if extra else [])]


def test_ca002_fix_keeps_a_capital_the_position_asks_for() -> None:
    settings = settings_for(select=["CA002"], terms=["iPhone", "GitHub", "eBPF"])
    text = "Iphone sales rose. We sold an Iphone on Github. EBPF helped.\n"
    assert fix_text(text, settings=settings).text == (
        "IPhone sales rose. We sold an iPhone on GitHub. eBPF helped.\n"
    )


def test_ca002_lexicon_terms_are_unsafe_unless_reviewed() -> None:
    lexicon = Lexicon({"terms": {"QuayDock": Entry(5), "HarbourNet": Entry(2, reviewed=True)}})
    text = "We run Quaydock on the Harbournet.\n"
    findings = check_text(text, settings=settings_for(select=["CA002"], lexicon=lexicon))
    assert [(text[f.start : f.end], f.safety) for f in findings] == [
        ("Quaydock", Safety.UNSAFE),
        ("Harbournet", Safety.SAFE),
    ]
    assert "learned from 5 files" in findings[0].message


def test_ca002_built_in_terms_and_turning_one_off() -> None:
    text = "We write Javascript and put it on Youtube.\n"
    assert flagged(text, "CA002") == ["Javascript", "Youtube"]
    off = Lexicon({"terms": {"YouTube": Entry(0, reviewed=True, ignore=True)}})
    assert flagged(text, "CA002", lexicon=off) == ["Javascript"]


# -- CA003 lowercase-sentence-start ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "after"),
    [
        (
            "We agreed on the plan. the minister will present it.\n",
            "We agreed on the plan. The minister will present it.\n",
        ),
        ("Is that right? that is what I heard.\n", "Is that right? That is what I heard.\n"),
        ("It worked! everyone was glad.\n", "It worked! Everyone was glad.\n"),
        (
            "The board met at noon.\nthe vote came later.\n",
            "The board met at noon.\nThe vote came later.\n",
        ),
    ],
)
def test_ca003_flags_and_fixes(text: str, after: str) -> None:
    assert len(codes_and_spans(text, "CA003")) == 1
    assert fixed(text, "CA003") == text
    assert fixed(text, "CA003", unsafe=True) == after


@pytest.mark.parametrize(
    "text",
    [
        "Bring tools, e.g. a hammer, i.e. the big one.\n",
        "Pens, paper, etc. were bought.\n",
        "It was Smith vs. the city.\n",
        "We met Mr. and Mrs. Lee at 9 a.m. and left at 5 p.m. with them.\n",
        "The U.S. team won. Item No. five was late.\n",
        "He spoke for an hour... and then he left. Well… maybe.\n",
        "Growth was 3.5 percent this year.\n",
        "I love my phone. iPhone owners agree. eBay sellers too.\n",
        '"Why?" she asked. "Now!" he said.\n',
        "1. the first point\n2. the second point\n",
        "We said so. npm installs it.\n",
        "The plan worked.\n\nthe next paragraph starts low.\n",
        "Read the notes at https://example.com/a. b is next.\n",
        "The rash. and other signs appeared.\n",
        "We listed it.        the other column\n",
        "Shares of Yahoo! stock rose.\n",
    ],
)
def test_ca003_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "CA003") == []


def test_ca003_masked_text_after_the_stop() -> None:
    text = "**Ana Lee:** I agree. \\[inaudible 00:01:02\\] so we go on.\n"
    assert codes_and_spans(text, "CA003", "t.md") == []


def test_ca003_user_words_are_left_alone() -> None:
    text = "We chat there. slack is our tool.\n"
    assert flagged(text, "CA003") == ["slack"]
    assert flagged(text, "CA003", words=("slack",)) == []


@pytest.mark.parametrize(
    "text",
    [
        # Abbreviations: money, dates, per cent, approximations, times, numbers.
        "It cost 3s. 4d. each at the fair.\n",
        "Yours of the 5th inst. we received with thanks.\n",
        "Interest at 4 per cent. on the sum was paid.\n",
        "The road was approx. ten miles long.\n",
        "At 5 p. m. the train left.\n",
        "Item No. 5 was late.\n",
        "In 3 vols. royal 8vo. cloth gilt, pub. at 2s. hf. bd. morocco.\n",
        "See chap. xx. p. 134 for it.\n",
        "He waited vii. years for it.\n",
        # List letters, shell commands, handles, e-mail local parts.
        "Pick one. a) the red b) the blue.\n",
        "Pick one. b. the blue one is fine.\n",
        "List it. ls -la shows it.\n",
        "Then push. git push sends it.\n",
        "Install it. npm ci does it.\n",
        "Thanks. @harbourfan said so.\n",
        "Write to me. jane.doe@example.org is mine.\n",
        # Older print: sums, weights, headlines run in, names and numbers before a stop.
        "Rent was £1,500. a year then.\n",
        "Beef sold at 6d. per lb. veal at 5d.\n",
        "News from HARBOURTOWN. the boats came in.\n",
        "The ship sailed from St. Lucea. arrived at noon.\n",
        "The brig carried 120. a crew of forty.\n",
        "Eggs at 12s per dorz. pigeons at 8s.\n",
        # Older style after an exclamation or a question.
        "Oh! what a day it was.\n",
        "Alas! we were late.\n",
        "What news? said he.\n",
    ],
)
def test_ca003_leaves_abbreviations_lists_commands_and_older_style(text: str) -> None:
    assert codes_and_spans(text, "CA003") == []


@pytest.mark.parametrize(
    ("text", "span", "safety"),
    [
        # A sentence evidently ended: a word that opens sentences, or after ? and !.
        ("We agreed on the plan. the minister will present it.\n", "the", Safety.UNSAFE),
        ("Is that right? that's my view.\n", "that", Safety.UNSAFE),
        ("It ended. everybody went home.\n", "everybody", Safety.UNSAFE),
        # A period after a function word: OCR's stray period as likely as an end.
        ("He did. his best was enough.\n", "his", Safety.DISPLAY_ONLY),
        # Nothing shows that a sentence ended: the period may be the stray one.
        ("Plans were also. urged on the board.\n", "urged", Safety.DISPLAY_ONLY),
        # A reporting clause after a stop that was a comma.
        ("We agreed on the plan. the minister said, and left.\n", "the", Safety.DISPLAY_ONLY),
        # A word split by a period.
        ("It was an informa. tion leak.\n", "informa. tion", Safety.DISPLAY_ONLY),
    ],
)
def test_ca003_fix_only_where_a_sentence_ended(text: str, span: str, safety: Safety) -> None:
    findings = check_text(text, settings=settings_for(select=["CA003"]))
    assert [(text[f.start : f.end], f.fix and f.fix.safety) for f in findings] == [(span, safety)]


def test_ca003_split_word_and_stray_period_fixes_are_shown_not_applied() -> None:
    text = "It was an informa. tion leak. The plan. the minister said, and left.\n"
    assert fixed(text, "CA003", unsafe=True) == text


def test_ca003_lost_word_has_no_fix() -> None:
    text = "We saw the. plan today.\n"
    findings = check_text(text, settings=settings_for(select=["CA003"]))
    assert [(text[f.start : f.end], f.fix) for f in findings] == [("plan", None)]


def test_ca003_lower_case_document_gets_one_finding_and_no_fix() -> None:
    text = "i said so. i think so. the plan is bad. we go now. monday night is fine.\n"
    findings = check_text(text, settings=settings_for(select=["CA003"]))
    assert [(f.start, f.end, f.fix) for f in findings] == [(11, 12, None)]
    assert fixed(text, "CA003", unsafe=True) == text
    # Three lower-case starts among many capitalised ones are three findings.
    mixed = "It rained. We left. the bus was late. So we ran. it was far. Then we sat. we ate.\n"
    assert len(codes_and_spans(mixed, "CA003")) == 3


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("It rained. lt was cold.\n", "It rained. It was cold.\n"),
        ("It rained. ln the end we left.\n", "It rained. In the end we left.\n"),
        ("lt was late.\n\nln the morning we left.\n", "It was late.\n\nIn the morning we left.\n"),
        ("We waited. l'm sure of it.\n", "We waited. I'm sure of it.\n"),
    ],
)
def test_ca003_ocr_l_for_i(text: str, after: str) -> None:
    assert fixed(text, "CA003", unsafe=True) == after


def test_ca003_ocr_l_inside_a_line_is_left_alone() -> None:
    assert codes_and_spans("The rate went from ln to log.\nIt was lt on the map.\n", "CA003") == []


# -- learning the [terms] section ------------------------------------------------------


def corpus(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n:02}.txt").write_text(
            f"Report {n}.\n\nWe moved the files to QuayDock. QuayDock keeps them.\n"
            "The smart harbour grew. The smart harbour works. A smart Harbour won.\n"
            "So the smart harbour stays.\n",
            encoding="utf-8",
        )
    (tmp_path / "04.txt").write_text(
        "Late report.\n\nWe left Quaydock for now.\nThe smart Harbour grew. Smart harbour helps.\n",
        encoding="utf-8",
    )


def test_learn_then_single_file_check_uses_learned_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus(tmp_path)
    lexicon = tmp_path / "lexicon.toml"
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    learned = lexicon.read_text()
    assert '"QuayDock" = { files = 4 }' in learned
    assert '"smart harbour" = { files = 4 }' in learned
    (tmp_path / "transcript-lint.toml").write_text('lexicon = "lexicon.toml"\n')
    capsys.readouterr()
    assert main(["check", "--select", "CA", str(tmp_path / "04.txt")]) == 1
    out = capsys.readouterr().out
    assert "CA002 'Quaydock' is written 'QuayDock' in the project lexicon" in out
    assert "CA002 'smart Harbour' is written 'smart harbour' in the project lexicon" in out
    assert out.count("CA00") == 2
    before = lexicon.read_bytes()
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert lexicon.read_bytes() == before


def test_learn_needs_a_clear_majority(tmp_path: Path) -> None:
    for n, form in enumerate(["QuayDock", "Quaydock", "Quaydock", "Quaydock"]):
        (tmp_path / f"{n}.txt").write_text(f"We use {form} daily, and QuayDock too.\n")
    lexicon = tmp_path / "lexicon.toml"
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert "QuayDock" not in lexicon.read_text()  # 5 of 8: under three quarters


def test_learn_does_not_trust_a_capitalised_pair(tmp_path: Path) -> None:
    # Three files write `net Meter`; files that write `net meter` throughout are not
    # counted, so the capitalised pair is not learned.
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("A net Meter here, a net Meter there, a net Meter.\n")
    lexicon = tmp_path / "lexicon.toml"
    assert main(["learn", "--lexicon", str(lexicon), str(tmp_path)]) == 0
    assert "net Meter" not in lexicon.read_text()


# -- CA004 capital-in-mid-sentence -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("It was very cold Yesterday.\n", "It was very cold yesterday.\n"),
        ("Last week, The council met.\n", "Last week, the council met.\n"),
        (
            "We stayed in the hall and The mayor spoke.\n",
            "We stayed in the hall and the mayor spoke.\n",
        ),
        (
            "I was maintaining the tools But still it was fun.\n",
            "I was maintaining the tools but still it was fun.\n",
        ),
    ],
)
def test_ca004_flags_and_fixes_unsafely(text: str, after: str) -> None:
    findings = check_text(text, settings=settings_for(select=["CA004"]))
    assert [f.fix and f.fix.safety for f in findings] == [Safety.UNSAFE]
    assert fixed(text, "CA004") == text
    assert fixed(text, "CA004", unsafe=True) == after


@pytest.mark.parametrize(
    "text",
    [
        # Headings, title-case and capitals lines.
        "# Notes On The Harbour\n",
        "Ten Years In The Harbour\n",
        "THE HARBOUR AND THE SEA\n",
        # Speech: after a colon, a speaker label, a quoting word; subjects after a comma.
        "Ana Lee: The plan works.\n",
        "She said: The plan works.\n",
        "He said No to it, and left.\n",
        "I was like, This is great.\n",
        "We did not shout about, She has to answer.\n",
        "He wrote to the antiquary, Of these books we spoke.\n",
        '"The plan works," she said, "and The rest follows."\n',
        # Names and titles: a capitalised neighbour, after an article, after `called`.
        "We watched It Follows twice.\n",
        "We saw the Who play live.\n",
        "My guest is Evan You today.\n",
        "I read Of Mice and Men again.\n",
        "It was a film called Up at the time.\n",
        # Words that are also names, days, months, acronyms, single letters.
        "We met Will and May at the fair on Monday.\n",
        "Ask Bill and Mark about the IT budget and US policy.\n",
        "Take plan A and then plan B.\n",
        # Line starts, emphasis, quotes.
        "We came home and\nThe rain began.\n",
        "I loved *Into the Wild* again.\n",
        # The deity's pronouns, another language, older English.
        "We pray that all may know Him and serve His people.\n",
        "Der Mann ging In der Stadt.\n",
        "Hee came to his owne house with himselfe and his wife, "
        "and hee said to them Are you come? The booke was faire.\n",
    ],
)
def test_ca004_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "CA004", "t.md") == []


def test_ca004_a_convention_is_not_a_slip() -> None:
    # Three capitals of the list in one short text: its convention (verse run into
    # lines, a prayer's `You`), not three slips.
    prayer = "We thank You today. We seek You often, and we serve You gladly.\n"
    assert codes_and_spans(prayer, "CA004") == []
    assert len(codes_and_spans("We seek You often, and we serve You gladly.\n", "CA004")) == 2


def test_ca003_older_style_after_exclamations_is_a_style() -> None:
    text = (
        "Rise, all! rule the sea! sail on! What then? count ships. We sailed. They rowed.\n"
        "It rained. We ate. the end came.\n"
    )
    assert flagged(text, "CA003") == ["the"]
    assert flagged("It worked! everyone was glad. We sailed.\n", "CA003") == ["everyone"]


def test_ca003_many_stray_stops_make_every_capital_display_only() -> None:
    text = (
        "We ordered. a gig. It came. We took. the road. It rained. He sought. the inn.\n"
        "We found. an old map. It was torn. We knew. the way. It was late.\n"
    )
    findings = check_text(text, settings=settings_for(select=["CA003"]))
    assert len(findings) == 5
    assert {f.fix and f.fix.safety for f in findings} == {Safety.DISPLAY_ONLY}
    assert fixed(text, "CA003", unsafe=True) == text


def test_ca003_ocr_l_before_no_english_word_is_no_i() -> None:
    assert codes_and_spans("Der Abt kam. l cr sprach.\n", "CA003") == []


def test_ca004_capitals_after_commas_count_towards_the_convention() -> None:
    verse = "We sang of the sea, And the sky, With the stars, and it was cold Yesterday.\n"
    assert codes_and_spans(verse, "CA004") == []
    assert flagged("We sang of the sea, and it was cold Yesterday.\n", "CA004") == ["Yesterday"]


@pytest.mark.parametrize(
    "text",
    [
        "Take a rod of some length. l is measured in metres.\n",  # a variable, not `I is`
        "Consider the natural log.\n\nln x grows slowly.\n",  # a logarithm
    ],
)
def test_ca003_leaves_a_letter_that_cannot_be_ocrs_i_alone(text: str) -> None:
    settings = settings_for(select=["CA003"])
    assert fix_text(text, settings=settings, unsafe=True).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Last night I was reading Under the Dome again, and I liked it.\n",
        "We watched Behind the Music last night.\n",
    ],
)
def test_ca004_leaves_titles_alone(text: str) -> None:
    assert flagged(text, "CA004") == []
