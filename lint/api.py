"""The library API: check or fix one text, with plain data in and out.

Both functions are pure and their results picklable, so a pipeline can map them over
millions of documents::

    from lint import check_text, fix_text

    findings = check_text(raw, filename="briefing.txt")
    fixed = fix_text(raw, filename="briefing.txt", unsafe=True).text
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lint.config import Settings, compile_patterns
from lint.masking import Format
from lint.result import Finding, resolve
from lint.runner import allowed_safeties, check_document, document_for, fix_document
from rules import ALL_RULES


@dataclass(frozen=True)
class FixedText:
    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]


def settings_for(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    words: Iterable[str] = (),
    ignore_patterns: Iterable[str] = (),
) -> Settings:
    settings = Settings(
        root=Path("."),
        source="check_text/fix_text arguments",
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        extend_select=tuple(extend_select),
        words=frozenset(words),
        ignore_patterns=compile_patterns(ignore_patterns, "ignore_patterns"),
    )
    settings.check_selectors(ALL_RULES)
    return settings


def check_text(
    text: str,
    *,
    filename: str = "-",
    format: Format | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """Every finding in ``text``; the format follows ``filename``'s extension."""
    settings = settings or settings_for()
    doc = document_for(text, filename, settings, format)
    rules = settings.enabled_rules(ALL_RULES, Path(filename))
    by_code = {r.code: r for r in rules}
    return [
        resolve(doc, d, by_code[d.code]) for d in check_document(doc, rules, settings.context())
    ]


def fix_text(
    text: str,
    *,
    filename: str = "-",
    format: Format | None = None,
    settings: Settings | None = None,
    unsafe: bool = False,
) -> FixedText:
    """``text`` with every safe fix (and unsafe ones if asked) applied until stable.

    Raises ``lint.runner.NotConverged`` if the fixes do not settle.
    """
    settings = settings or settings_for()
    doc = document_for(text, filename, settings, format)
    rules = settings.enabled_rules(ALL_RULES, Path(filename))
    outcome = fix_document(doc, rules, settings.context(), allowed_safeties(unsafe))
    return FixedText(outcome.doc.text, outcome.applied, outcome.remaining)
