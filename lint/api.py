"""The library API: check or fix one text, with plain data in and out.

Both functions are pure and their results picklable, so a pipeline can map them over
millions of documents::

    from lint import check_text, fix_text

    findings = check_text(raw, filename="briefing.txt")
    fixed = fix_text(raw, filename="briefing.txt", unsafe=True).text
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lint.config import Settings, compile_patterns
from lint.evidence import Evidence, gather
from lint.lexicon import Lexicon
from lint.masking import Format
from lint.records import record
from lint.result import Finding
from lint.rule import gatherers_of
from lint.runner import allowed_safeties, check_findings, document_for, fix_document, prepare
from rules import ALL_RULES


@record(frozen=True)
class FixedText:
    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]


def settings_for(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    words: Iterable[str] = (),
    terms: Iterable[str] = (),
    verbatim: bool = False,
    ignore_patterns: Iterable[str] = (),
    lexicon: Lexicon | None = None,
) -> Settings:
    """Settings built from arguments, for library use (no config file is read)."""
    settings = Settings(
        root=Path("."),
        source="check_text/fix_text arguments",
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        extend_select=tuple(extend_select),
        words=frozenset(words),
        terms=tuple(terms),
        verbatim=verbatim,
        ignore_patterns=compile_patterns(ignore_patterns, "ignore_patterns"),
        lexicon=lexicon or Lexicon(),
    )
    settings.check_selectors(ALL_RULES)
    return settings


def gather_text(text: str, *, filename: str = "-", settings: Settings | None = None) -> Evidence:
    """The corpus evidence of one text, to be summed over a corpus (``evidence.total``)
    and passed to ``check_text`` / ``fix_text`` of each of its texts."""
    settings = settings or settings_for()
    doc = document_for(text, filename, settings)
    return gather(doc, gatherers_of(settings.enabled_rules(ALL_RULES, Path(filename))))


def check_text(
    text: str,
    *,
    filename: str = "-",
    format: Format | None = None,
    settings: Settings | None = None,
    evidence: Evidence | None = None,
) -> list[Finding]:
    """Every finding in ``text``; the format follows ``filename``'s extension.

    ``evidence`` is what was gathered from the whole corpus; without it, the text's
    own (so corpus-level rules see a corpus of one).
    """
    doc, rules, ctx = prepare(
        text, filename, settings or settings_for(), ALL_RULES, format, None, evidence
    )
    return list(check_findings(doc, rules, ctx))


def fix_text(
    text: str,
    *,
    filename: str = "-",
    format: Format | None = None,
    settings: Settings | None = None,
    evidence: Evidence | None = None,
    unsafe: bool = False,
) -> FixedText:
    """``text`` with every safe fix (and unsafe ones if asked) applied until stable.

    Raises ``lint.runner.NotConverged`` if the fixes do not settle.
    """
    doc, rules, ctx = prepare(
        text, filename, settings or settings_for(), ALL_RULES, format, None, evidence
    )
    outcome = fix_document(doc, rules, ctx, allowed_safeties(unsafe))
    return FixedText(outcome.doc.text, outcome.applied, outcome.remaining)
