from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from lint.evidence import Evidence, total
from lint.lexicon import Entry, Lexicon, LexiconError, load


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    lexicon = Lexicon(
        {
            "terms": {"GitHub": Entry(20, reviewed=True), 'say "hi"\\': Entry(2)},
            "boilerplate": {
                "Press Room": Entry(41),
                "Print | E-mail": Entry(3, reviewed=True, ignore=True),
            },
        }
    )
    path = tmp_path / "lex.toml"
    path.write_text(lexicon.dumps(), encoding="utf-8")
    assert load(path) == lexicon
    assert lexicon.keys("boilerplate") == frozenset({"Press Room"})


def test_dump_is_sorted_and_stable() -> None:
    a = Lexicon({"words": {"b": Entry(1), "a": Entry(2)}, "terms": {"X": Entry(1)}})
    b = Lexicon({"terms": {"X": Entry(1)}, "words": {"a": Entry(2), "b": Entry(1)}})
    assert a.dumps() == b.dumps()
    body = a.dumps().split("[words]")[1]
    assert body.index('"a"') < body.index('"b"')


def test_learning_keeps_reviewed_entries_and_drops_stale_learned_ones() -> None:
    lexicon = Lexicon(
        {
            "boilerplate": {
                "Old chrome": Entry(5),
                "Kept": Entry(1, reviewed=True),
                "No": Entry(9, True, True),
            },
            "terms": {"GitHub": Entry(3)},
        }
    )
    merged = lexicon.merge_learned({"boilerplate": {"Press Room": 40, "No": 12, "Kept": 50}})
    assert merged.sections["boilerplate"] == {
        "Press Room": Entry(40),
        "Kept": Entry(1, reviewed=True),
        "No": Entry(9, True, True),
    }
    assert merged.sections["terms"] == {"GitHub": Entry(3)}


def test_missing_file_is_an_empty_lexicon(tmp_path: Path) -> None:
    assert load(tmp_path / "none.toml") == Lexicon()


def test_missing_file_does_not_import_toml(tmp_path: Path) -> None:
    # In a fresh process: the TOML parser's import is a tenth of a one-file run's.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lint.lexicon import Lexicon, load\n"
        f"empty = load(Path({str(tmp_path / 'none.toml')!r})) == Lexicon()\n"
        "print(empty, 'tomllib' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "True False\n", "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[terms\n", "invalid TOML"),
        ("terms = 3\n", "[terms] must be a table"),
        ('[terms]\n"X" = 3\n', "expected { files = N }"),
        ('[terms]\n"X" = { files = 1, colour = "red" }\n', "unknown field 'colour'"),
    ],
)
def test_broken_lexicon(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lex.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)):
        load(path)


def test_evidence_total_is_order_free() -> None:
    parts = [
        Evidence(1, {"lines": Counter({"a": 1, "b": 1})}),
        Evidence(1, {"lines": Counter({"a": 1}), "terms": Counter({"X": 2})}),
        Evidence(1, {}),
    ]
    forward, backward = total(parts), total(reversed(parts))
    assert forward == backward
    assert forward.documents == 3
    assert forward.get("lines") == Counter({"a": 2, "b": 1})
    assert forward.get("missing") == Counter()
    assert parts[0] + parts[1] == total(parts[:2])
