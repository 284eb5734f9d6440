"""CPU per rule, and of the evidence pass, over the first N files of a folder.

Run from the repository root with the project's virtualenv::

    .venv/bin/python bench/perrule.py DIR [N] [--repeat R] [--rules CODE,CODE] [--own]

For the default rules, in one process: reads the files, builds their documents,
gathers the evidence of the enabled rules (with the masked view that every rule
reads), then runs each rule over every document. Each rule is timed on fresh
documents R times (default 3) and the fastest kept, with the garbage collector off
so that a collection is not charged to whichever rule happens to trigger it. The
first rule to ask a shared view of a document (the word counts, the speaker labels)
pays for it, as in a real run; with ``--own`` the engine's shared views (the masked
text, line index, character set, word counts, speaker labels) are built before
the clock starts, so that each rule is charged only its own work (what an A/B
comparison of one rule wants). Nothing is asserted: this finds where the time
goes; ``bench/run.py`` measures the tool as users run it.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from pathlib import Path

from lint.api import settings_for
from lint.document import Document
from lint.evidence import Evidence, gather
from lint.rule import Rule, gatherers_of
from lint.runner import document_for
from rules import ALL_RULES

SUFFIXES = (".txt", ".md", ".markdown", ".srt", ".vtt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("files", type=int, nargs="?", default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rules", help="only these codes, comma-separated")
    parser.add_argument(
        "--own", action="store_true", help="build the shared views first: each rule's own work"
    )
    args = parser.parse_args()
    paths = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    paths = paths[: args.files]
    settings = settings_for()
    texts = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    wanted = set(args.rules.split(",")) if args.rules else None
    ctx = settings.context(Evidence())

    def documents() -> tuple[list[tuple[Document, list[Rule]]], float]:
        """Fresh documents with their enabled rules, and the CPU of their evidence."""
        docs = []
        spent = 0.0
        for path, text in texts:
            doc = document_for(text, str(path), settings)
            enabled = [r for r in settings.enabled_rules(ALL_RULES, path) if r.default]
            if args.own:
                _build_views(doc)
            started = time.process_time()
            gather(doc, gatherers_of(enabled))
            spent += time.process_time() - started
            docs.append((doc, [r for r in enabled if wanted is None or r.code in wanted]))
        return docs, spent

    warm, _ = documents()  # word tables, data files and caches loaded once, as in a run
    for doc, enabled in warm[:30]:
        for r in enabled:
            for _ in r.run(doc, ctx):
                pass
    gc.disable()
    cost: dict[str, float] = {}
    hits: Counter[str] = Counter()
    evidence: float = float("inf")  # the fastest of the repeats, like each rule's
    for repeat in range(args.repeat):
        docs, spent = documents()
        evidence = min(evidence, spent)
        run: dict[str, float] = {}
        for doc, enabled in docs:
            for r in enabled:
                started = time.process_time()
                found = sum(1 for _ in r.run(doc, ctx))
                run[r.code] = run.get(r.code, 0.0) + time.process_time() - started
                if repeat == 0:
                    hits[r.code] += found
        for code, cpu in run.items():
            cost[code] = min(cost.get(code, float("inf")), cpu)
        gc.collect()
    total = sum(cost.values())
    print(
        f"{len(texts)} files, {size / 1e6:.1f} MB: evidence {evidence:.3f} s, "
        f"rules {total:.3f} s (fastest of {args.repeat})"
    )
    for code, cpu in sorted(cost.items(), key=lambda item: -item[1]):
        share = 100 * cpu / total
        print(f"{code}  {cpu:7.3f} s  {share:5.1f} %  {hits[code]:6d} findings")


def _build_views(doc: Document) -> tuple[object, ...]:
    """The document's views that many rules share (each is computed once, on first
    use: asking for them builds them; see ``--own``)."""
    return (
        doc.masked,
        doc.lowered,
        doc.characters,
        doc.words,
        doc.vocabulary,
        doc.line_starts,
        doc.line_spans,
        doc.speaker_labels,
    )


if __name__ == "__main__":
    main()
