from __future__ import annotations

from lint.api import check_text, fix_text, settings_for


def codes_and_spans(text: str, code: str, filename: str = "t.txt") -> list[tuple[int, int]]:
    """(start, end) of every finding of ``code`` in ``text``."""
    settings = settings_for(select=[code])
    return [(f.start, f.end) for f in check_text(text, filename=filename, settings=settings)]


def fixed(text: str, code: str, filename: str = "t.txt", unsafe: bool = False) -> str:
    return fix_text(
        text, filename=filename, settings=settings_for(select=[code]), unsafe=unsafe
    ).text
