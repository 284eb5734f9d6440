"""A lazily compiled pattern answers as the compiled pattern does."""

from __future__ import annotations

import pickle
import re

import regex

from lint.patterns import lazy_re, lazy_regex

TEXT = "Ms. Lee: 12:30, then 9:05. Mr. Park: no."


def test_not_compiled_until_used() -> None:
    pattern = lazy_regex(r"(?P<hour>\d{1,2}):(\d{2})")
    assert "_pattern" not in vars(pattern)
    assert pattern.pattern == r"(?P<hour>\d{1,2}):(\d{2})"  # the source needs no compile
    assert "_pattern" not in vars(pattern)
    pattern.search(TEXT)
    assert "_pattern" in vars(pattern)


def test_regex_calls_match_compiled() -> None:
    source, flags = r"(?P<hour>\d{1,2}):(\d{2})", regex.IGNORECASE
    compiled = regex.compile(source, flags)
    for call in ("search", "finditer", "findall", "split", "match"):
        lazy = lazy_regex(source, flags)  # each call may be the first use
        expected = getattr(compiled, call)(TEXT)
        got = getattr(lazy, call)(TEXT)
        if call == "finditer":
            expected, got = [m.span() for m in expected], [m.span() for m in got]
        elif call == "search":
            expected, got = expected.span(), got.span()
        assert got == expected, call
    lazy = lazy_regex(source, flags)
    assert lazy.sub("T", TEXT) == compiled.sub("T", TEXT)
    assert lazy.subn("T", TEXT, count=1) == compiled.subn("T", TEXT, count=1)
    assert lazy.fullmatch("12:30") is not None
    assert lazy.groupindex == compiled.groupindex
    assert lazy.flags == compiled.flags


def test_standard_library_engine_and_bytes() -> None:
    text = lazy_re(r"\bM[rs]\.")
    assert [m.group() for m in text.finditer(TEXT)] == ["Ms.", "Mr."]
    data = lazy_re(rb"[\x80-\xff]+")
    assert data.findall(b"caf\xc3\xa9") == [b"\xc3\xa9"]
    assert lazy_re(r"x", re.IGNORECASE).flags == re.compile(r"x", re.IGNORECASE).flags


def test_pickles_as_what_it_stands_for() -> None:
    used = lazy_regex(r"\p{Lu}\w+")
    used.search(TEXT)
    for pattern in (lazy_regex(r"\p{Lu}\w+"), used):
        copy = pickle.loads(pickle.dumps(pattern))
        assert copy.findall(TEXT) == ["Ms", "Lee", "Mr", "Park"]
