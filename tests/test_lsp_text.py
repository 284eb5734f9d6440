"""LSP positions (lines and code units) and the minimal edit, without a server."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lint.document import Document
from lint.lsp_text import UTF8, UTF16, UTF32, Positions, edited, replacement


def positions(text: str, encoding: str = UTF16) -> Positions:
    return Positions(text, Document(text).line_starts, encoding)


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("ab😀cd", 3, {UTF8: (0, 6), UTF16: (0, 4), UTF32: (0, 3)}),
        ("中文x", 2, {UTF8: (0, 6), UTF16: (0, 2), UTF32: (0, 2)}),
        ("e\u0301x", 2, {UTF8: (0, 3), UTF16: (0, 2), UTF32: (0, 2)}),
        ("a\x0cb\u2028c", 4, {UTF8: (0, 6), UTF16: (0, 4), UTF32: (0, 4)}),
        ("a\r\nb\rc\nd", 7, {UTF8: (3, 0), UTF16: (3, 0), UTF32: (3, 0)}),
        ("x\n😀😀y", 4, {UTF8: (1, 8), UTF16: (1, 4), UTF32: (1, 2)}),
    ],
)
def test_position_counts_code_units_of_the_encoding(
    text: str, offset: int, expected: dict[str, tuple[int, int]]
) -> None:
    for encoding, position in expected.items():
        assert positions(text, encoding).position(offset) == position
        assert positions(text, encoding).offset(*position) == offset


def test_offset_clamps_past_the_end_of_a_line_and_of_the_text() -> None:
    text = "ab😀\r\ncd"
    assert positions(text).offset(0, 99) == 3  # before the line break
    assert positions(text).offset(0, 3) == 3  # inside the emoji's two units: after it
    assert positions(text).offset(5, 0) == len(text)
    assert positions(text).offset(-1, 4) == 0


@given(
    st.text(alphabet=st.sampled_from("ab é\u0301中😀\r\n\x0c")),
    st.sampled_from([UTF8, UTF16, UTF32]),
)
def test_every_offset_round_trips(text: str, encoding: str) -> None:
    index = positions(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between the two characters of one line break: not a position
        assert index.offset(*index.position(offset)) == offset


@given(st.text(alphabet="ab \n😀"), st.text(alphabet="ab \n😀"))
def test_replacement_turns_old_into_new_changing_only_the_middle(old: str, new: str) -> None:
    start, end, content = replacement(old, new)
    assert old[:start] + content + old[end:] == new
    if content and start < end:  # minimal: neither end of the change could be narrower
        assert old[start] != content[0] and old[end - 1] != content[-1]


@pytest.mark.parametrize(
    ("text", "start", "end", "content", "expected"),
    [
        ("a😀b\nc", (0, 3), (0, 4), "X", "a😀X\nc"),  # after the emoji's two units
        ("a\x0cb\r\nc", (0, 2), (1, 0), "", "a\x0cc"),  # the form feed is not a line break
        ("ab\n", (5, 0), (5, 0), "end", "ab\nend"),  # past the last line: at the end
    ],
)
def test_an_edit_lands_where_lsp_says(
    text: str, start: tuple[int, int], end: tuple[int, int], content: str, expected: str
) -> None:
    assert edited(text, start, end, content, UTF16) == expected


def test_replacement_of_equal_texts_is_empty() -> None:
    assert replacement("same\n", "same\n") == (5, 5, "")


def test_server_without_the_extra_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from lint.cli import main

    saved = {name: sys.modules.pop(name, None) for name in ("lint.lsp_session", "lsprotocol")}
    sys.modules["lsprotocol"] = None  # type: ignore[assignment]  # as if it were not installed
    try:
        code = main(["server"])
    finally:
        for name, module in saved.items():
            sys.modules.pop(name, None)
            if module is not None:
                sys.modules[name] = module
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "transcript-lint[server]" in err
