"""EN rules: texts they must flag, texts they must leave alone, and fixed output."""

from __future__ import annotations

import html
import subprocess
import sys

import pytest

from lint.api import check_text, settings_for
from lint.fix import Safety
from rules.encoding import _COMMON_ENTITIES
from tests.conftest import codes_and_spans, fixed


def flagged(text: str, code: str, filename: str = "t.txt") -> list[str]:
    return [text[s:e] for s, e in codes_and_spans(text, code, filename)]


# -- EN001 mojibake --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("itâ€™s the cafÃ© on the corner\n", "it’s the café on the corner\n"),
        ("He said â€œyesâ€\x9d.\n", "He said “yes”.\n"),
        ("ZÃ¼rich\n", "Zürich\n"),
    ],
)
def test_en001_fix_is_unsafe_and_repairs(text: str, result: str) -> None:
    findings = check_text(text, settings=settings_for(select=["EN001"]))
    assert findings and all(f.safety is Safety.UNSAFE for f in findings)
    assert "ftfy:" in findings[0].message
    assert fixed(text, "EN001") == text
    assert fixed(text, "EN001", unsafe=True) == result


def test_en001_imports_ftfy_without_its_display_widths() -> None:
    # ftfy comes without wcwidth for a mojibake repair, in a fresh process (this one
    # may have ftfy already); ftfy's display functions still work, on the real module.
    script = (
        "import sys\n"
        "from lint.api import check_text, settings_for\n"
        "found = check_text('caf\\u00c3\\u00a9\\n', settings=settings_for(select=['EN001']))\n"
        "loaded = [name in sys.modules for name in ('wcwidth', 'ftfy.formatting')]\n"
        "print([f.code for f in found], *loaded)\n"
        "import ftfy, ftfy.formatting\n"
        "print(ftfy.display_ljust('ab', 4, '.'), ftfy.formatting.display_ljust('cd', 3, '.'))\n"
        "print('wcwidth' in sys.modules, ftfy.formatting.__file__ is not None)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines() == ["['EN001'] False False", "ab.. cd.", "True True"]


def test_en001_keeps_quotes_curly() -> None:
    # Only the encoding repair: ftfy's quote uncurling must not run.
    assert fixed("“Fine” and cafÃ©\n", "EN001", unsafe=True) == "“Fine” and café\n"


@pytest.mark.parametrize(
    "text",
    [
        "naïve café “quoted” — fine\n",
        "Ångström, Øresund, São Paulo\n",
        "Price: £5 or €6 ½ off ©2020\n",
        "Straße in Köln\n",
        "Plain ASCII text.\n",
    ],
)
def test_en001_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "EN001") == []


def gbk_as_latin1(text: str) -> str:
    """Chinese text encoded as GBK and decoded as Latin-1, as a wrong decoder does."""
    return text.encode("gbk").decode("latin-1")


@pytest.mark.parametrize(
    "chinese",
    [
        "我们欢迎，谢谢。",
        "今天的会议：“开放”与合作——很好！",
        "它是　我们的……",
    ],
)
def test_en001_gbk_read_as_latin1(chinese: str) -> None:
    text = f"Wang Zhijun: {gbk_as_latin1(chinese)}\n"
    findings = check_text(text, settings=settings_for(select=["EN"]))
    assert [f.code for f in findings] == ["EN001"]  # no EN002 for a soft-hyphen byte
    assert findings[0].safety is Safety.UNSAFE
    assert fixed(text, "EN001", unsafe=True) == f"Wang Zhijun: {chinese}\n"


def test_en001_gbk_punctuation_in_english_text() -> None:
    comma, apostrophe, dash = (gbk_as_latin1(c) for c in "，’—")
    assert (comma, apostrophe, dash) == ("£¬", "¡¯", "¡ª")
    text = f"He said{comma}it{apostrophe}s done {dash} finally.\n"
    assert flagged(text, "EN001") == [comma, apostrophe, dash]
    assert fixed(text, "EN001", unsafe=True) == "He said，it’s done — finally.\n"


@pytest.mark.parametrize(
    "text",
    [
        "¡¡Hola!! ¿Qué tal?\n",  # Spanish
        "La maison créée en 1900.\n",  # two accented letters inside a word
        "Price: £¬ once only\n",  # one decoded character is not enough evidence
        "© 2024 ± ½ « » ¿ ¡\n",
        "ÆØÅ are letters, Ærø is an island.\n",
        "It was 40°° in the shade, 41°° at noon.\n",  # OCR doubles a degree sign
        "He said£¬ and then£¬ and then£¬\n",  # one character, however often
    ],
)
def test_en001_gbk_leaves_alone(text: str) -> None:
    assert flagged(text, "EN001") == []


# -- EN002 invisible-character ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("bud\u200bget\n", "budget\n"),
        ("co\u00adoperate\n", "cooperate\n"),
        ("mid\ufeffdle\n", "middle\n"),
        ("word\u2060joined\n", "wordjoined\n"),
        ("a\u200db\n", "ab\n"),
        ("left\u202eright\n", "leftright\n"),
    ],
)
def test_en002_fix(text: str, result: str) -> None:
    assert codes_and_spans(text, "EN002")
    assert fixed(text, "EN002") == result


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffA file that starts with a BOM.\n",
        "A family: 👨\u200d👩\u200d👧 emoji.\n",
        "می\u200cخواهم\n",
        "שלום\u200f hello\n",
    ],
)
def test_en002_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "EN002") == []


# -- EN003 control-character -----------------------------------------------------------


def test_en003_nul_run_at_line_end_is_safe() -> None:
    text = "1427-1439.\x00\x00\x00\n  Pages\n"
    findings = check_text(text, settings=settings_for(select=["EN003"]))
    assert [(f.start, f.end) for f in findings] == [(10, 13)]
    assert findings[0].safety is Safety.SAFE
    assert fixed(text, "EN003") == "1427-1439.\n  Pages\n"


def test_en003_c1_control_from_windows_1252_is_unsafe() -> None:
    text = "He said \x93yes\x94 today\n"
    assert fixed(text, "EN003") == text
    assert fixed(text, "EN003", unsafe=True) == "He said “yes” today\n"


def test_en003_form_feed_between_words_becomes_space() -> None:
    assert fixed("end\x0cstart\n", "EN003", unsafe=True) == "end start\n"


@pytest.mark.parametrize("text", ["Tab\tseparated\n", "CRLF line\r\n", "Old Mac\r"])
def test_en003_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "EN003") == []


# -- EN004 replacement-character -------------------------------------------------------


def test_en004_reports_without_fix() -> None:
    findings = check_text("Mr. Nu\ufffdez said\n", settings=settings_for(select=["EN004"]))
    assert [(f.start, f.end, f.fix) for f in findings] == [(6, 7, None)]


def test_en004_leaves_clean_text_alone() -> None:
    assert codes_and_spans("Mr. Nuñez said\n", "EN004") == []


# -- EN005 html-entity -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("R&amp;D and it&#39;s done\n", "R&D and it's done\n"),
        ("of&nbsp;industrial\n", "of industrial\n"),
        ("a &mdash; b &#x2014; c\n", "a — b — c\n"),
    ],
)
def test_en005_fix(text: str, result: str) -> None:
    assert fixed(text, "EN005") == text
    assert fixed(text, "EN005", unsafe=True) == result


@pytest.mark.parametrize("entity", [*_COMMON_ENTITIES, "&eacute;", "&#8217;", "&Rarr;"])
def test_en005_decodes_as_html_does(entity: str) -> None:
    # The commonest entities are decoded from a table, the others by `html`: the same.
    decoded = {"\u00a0": " "}.get(html.unescape(entity), html.unescape(entity))
    assert decoded != entity
    assert fixed(f"a{entity}b\n", "EN005", unsafe=True) == f"a{decoded}b\n"


def test_en005_markdown_only_double_escaped() -> None:
    assert flagged("AT&amp;T and &amp;nbsp; here\n", "EN005", "t.md") == ["&amp;nbsp;"]
    assert fixed("x&amp;nbsp;y\n", "EN005", "t.md", unsafe=True) == "x&nbsp;y\n"


@pytest.mark.parametrize(
    "text",
    [
        "Salt & pepper; R&D; AT&T\n",
        "Tom &co; is not an entity\n",
        "See https://example.com/?a=1&amp;b=2 now\n",
    ],
)
def test_en005_leaves_alone(text: str) -> None:
    assert codes_and_spans(text, "EN005") == []


# -- EN006 html-tag --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Thank you. <br> Next question.\n", "Thank you.\nNext question.\n"),
        ("Thank you.<br/>Next.\n", "Thank you.\nNext.\n"),
        ("end</p><p>Start\n", "end Start\n"),
        ("a <b>bold</b> word\n", "a bold word\n"),
        ('<span class="x">text</span>\n', "text\n"),
    ],
)
def test_en006_fix(text: str, result: str) -> None:
    assert codes_and_spans(text, "EN006")
    assert fixed(text, "EN006", unsafe=True) == result


@pytest.mark.parametrize(
    ("text", "filename"),
    [
        ("if a < b and c > d\n", "t.txt"),
        ("I <3 it, <  1  2  3\n", "t.txt"),
        ("Use <br> in Markdown\n", "t.md"),
        ("<Speaker> said <inaudible>\n", "t.txt"),
    ],
)
def test_en006_leaves_alone(text: str, filename: str) -> None:
    assert codes_and_spans(text, "EN006", filename) == []


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("Thank you.&#13;\nNext.\n", "Thank you.\nNext.\n"),
        ("One&#10;Two\r\nThree\r\n", "One\r\nTwo\r\nThree\r\n"),
    ],
)
def test_en005_line_break_entities_follow_the_file(text: str, result: str) -> None:
    assert fixed(text, "EN005", unsafe=True) == result


def test_en005_control_character_entity_has_no_fix() -> None:
    findings = check_text("a&#1;b\n", settings=settings_for(select=["EN005"]))
    assert [(f.start, f.end, f.fix) for f in findings] == [(1, 5, None)]
