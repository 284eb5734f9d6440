"""The word table: the index a small run reads answers as the whole dict does."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path

from rules import words


def table_of(counts: dict[str, int]) -> tuple[words.WordTable, list[int]]:
    """A table of ``counts`` and the list its loader appends to when it loads."""
    loads: list[int] = []

    def whole() -> dict[str, int]:
        loads.append(1)
        return counts

    return words.WordTable(words._filed(counts), whole), loads


def test_the_index_answers_like_the_dict() -> None:
    counts = {"the": 900, "theme": 40, "them": 300, "a": 5, "at": 70, "scale": 12}
    table, loads = table_of(counts)
    for word in [*counts, "th", "thescale", "", "x", "the\tscale", "them\n"]:
        assert table.get(word) == counts.get(word)
        assert (word in table) == (word in counts)
    assert table["theme"] == 40
    assert table.get("thescale", 0) == 0
    assert loads == []


def test_many_lookups_load_the_whole_dict_once() -> None:
    table, loads = table_of({"word": 3})
    for _ in range(words._WHOLE_TABLE_AFTER + 5):
        assert table.get("word") == 3
    assert loads == [1]


def test_the_real_table_knows_common_words_and_not_joins() -> None:
    table = words.frequencies()
    assert table["the"] > table["scale"] > 0
    assert "thescale" not in table


def test_writing_copies_removes_stale_ones_and_keeps_another_installations(
    tmp_path: Path,
) -> None:
    stale = tmp_path / "words-1-2-py311.marshal"
    stale.write_bytes(b"old")
    month_ago = time.time() - (words.STALE_COPY_DAYS + 1) * 86400
    os.utime(stale, (month_ago, month_ago))
    # Another virtualenv or Python sharing the cache folder wrote this one today.
    other = tmp_path / "words-5-6-py312.marshal"
    other.write_bytes(b"in use")
    index, whole = tmp_path / "words-3-4.index.marshal", tmp_path / "words-3-4.marshal"
    words._write_copies({"word": 3}, index, whole)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [index.name, whole.name, other.name]
    )
    assert marshal.loads(whole.read_bytes()) == {"word": 3}
    assert words.WordTable(marshal.loads(index.read_bytes()), dict).get("word") == 3


def test_set_lookups_answer_alike_from_the_index_and_the_dict() -> None:
    counts = {"the": 900, "scale": 12, "took": 50}
    table, _ = table_of(counts)
    asked = {"the", "thescale", "scale", "tooka"}
    indexed = (table.unlisted(asked), table.counts(asked))
    for _ in range(words._WHOLE_TABLE_AFTER + 1):
        table.get("the")  # load the whole dict
    assert (table.unlisted(asked), table.counts(asked)) == indexed
    assert indexed == ({"thescale", "tooka"}, {"the": 900, "scale": 12})


def test_two_edits_word_finds_a_common_word_garbled_twice() -> None:
    assert words.two_edits_word("partitlarly") == "particularly"  # two letters as one
    assert words.two_edits_word("intennonally") == "intentionally"  # two wrong
    assert words.two_edits_word("particualrly") == "particularly"  # a swap
    # three edits, or words run together, are not one word garbled twice
    assert words.two_edits_word("pxrtitlarly") is None
    assert words.two_edits_word("thelongroadwentovcrthehills") is None


def test_nearest_word_is_the_most_frequent_one_edit_away() -> None:
    assert words.nearest_word("becuase") == ("because", words.frequency("because"))
    assert words.nearest_word("tolerence") is not None
    assert words.nearest_word("tolerence")[0] == "tolerance"  # type: ignore[index]
    assert words.nearest_word("wuzzatqq") is None


def test_older_spellings_and_older_words() -> None:
    assert words.older_spelling_of("beene") == "been"
    assert words.older_spelling_of("hastie") == "hasty"
    assert words.older_spelling_of("withall") == "withal"
    assert words.older_spelling_of("asmuch") == "asmuch"  # data/older_words.txt
    assert words.older_spelling_of("ofthe") is None


def test_part_costs_order_by_frequency_and_refuse_pieces() -> None:
    assert words.part_cost("the") < words.part_cost("scale")  # type: ignore[operator]
    assert words.part_cost("ab") is None  # two letters: only SHORT_PARTS
    assert words.part_cost("tbe") is None  # not listed
    assert "spammy" not in words.frequencies()
    assert words.part_cost("spammy") is None  # only listed words are parts


def test_function_pairs_are_pairs_of_function_words() -> None:
    pairs = words.function_pairs()
    assert ("of", "us") in pairs
    assert ("is", "not") in pairs
    assert all(len(pair) == 2 for pair in pairs)
    assert {word for pair in pairs for word in pair} <= words.FUNCTION_WORDS
