"""Casing false alarms on clean, edited text: CA hits per 100,000 words (issue 16).

    .venv/bin/python bench/casing.py              # the table, in about twenty seconds
    .venv/bin/python bench/casing.py --verbose    # and every hit, with its context

The CA rules (``--select``, default ``CA``) run on two sets of text that need no
casing fix, as one corpus (the corpus evidence of CA001 is gathered over the set
first, as a run over a folder does); every finding is a false alarm unless the
text has the defect too, so ``--verbose`` lists them to judge:

- the gold standard of ICDAR 2017 (``../shared/corpus/icdar2017-en``, read with
  ``bench/icdar.py``'s parser: ``[ GS_aligned]`` without ``@`` and ``#``, runs of
  spaces made one): 89
  hand-corrected pages of 17th-20th century English books and periodicals,
  about 196,000 words. Its line breaks were lost in the alignment, so verse and
  headlines run on in one line; older printers' capitals and stops are correct
  there. Skipped, with a note, when ``../shared`` is absent;
- the clean speeches of ``bench/furniture.py`` (``--speeches``, default 160,
  seeded): modern edited prose the project writes itself from templates, with
  headings, salutations, quotations, numbered lists and hard wraps, about
  130,000 words.

A finding within 20 characters of a place where the gold lost text (a `#` of the
alignment: a word, a stop or a line break is missing there) is counted apart, in
``lost``: the gold has the defect there, and the rules rightly find it. The other
findings are the false alarms, per 100,000 words.

Target (issue 16): at most 1 CA hit per 100,000 words.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import furniture  # noqa: E402  (bench/furniture.py, next to this file)
import icdar  # noqa: E402

from lint.api import check_text, gather_text, settings_for  # noqa: E402
from lint.evidence import total  # noqa: E402

TARGET_PER_100K = 1.0
# Dropping `@` and `#` leaves runs of spaces, which would make every line a table to
# the rules (a gap of three spaces is a column); a run of spaces is one space here.
SPACES = re.compile(r" {2,}")
NEAR_LOST_TEXT = 20  # a finding this close to where the gold lost text is the gold's
SPEECH_SEED = 16


@dataclass(frozen=True)
class Text:
    """A clean text, and the offsets where its source lost text (ICDAR's `#`)."""

    text: str
    lost: tuple[int, ...] = ()


@dataclass
class Tally:
    words: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    at_lost_text: int = 0
    seconds: float = 0.0
    listed: list[str] = field(default_factory=list)

    @property
    def per_100k(self) -> float:
        return 100_000 * sum(self.hits.values()) / self.words if self.words else 0.0

    def add(self, other: Tally) -> None:
        self.words += other.words
        self.hits.update(other.hits)
        self.at_lost_text += other.at_lost_text
        self.seconds += other.seconds
        self.listed += other.listed


def icdar_gold() -> dict[str, Text]:
    """The gold text of each ICDAR file, by name; empty when the corpus is absent."""
    if not icdar.CORPUS.is_dir():
        return {}
    paths = sorted(icdar.CORPUS.glob("*/*.txt"), key=lambda p: (p.parent.name, int(p.stem)))
    return {f"icdar/{p.parent.name}/{p.name}": gold_text(p) for p in paths}


def gold_text(path: Path) -> Text:
    """``icdar.read_sample``'s gold text with runs of spaces made one, and where the
    gold lost text: `#` marks it, and a word or a stop is missing there (`WILLENHALL.
    the Police Court` lost its `At`), which the rules rightly find."""
    sample = icdar.read_sample(path)  # the parser, which also checks the alignment
    aligned = next(
        line[len(icdar.GOLD) :]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(icdar.GOLD)
    )
    out: list[str] = []
    lost: list[int] = []
    for char in aligned:
        if char == icdar.MISSING:
            lost.append(len(out))
        elif char != icdar.PAD and not (char == " " and out and out[-1] == " "):
            out.append(char)
    text = "".join(out)
    if text != SPACES.sub(" ", sample.gold):
        raise ValueError(f"{path}: the gold text differs from icdar.read_sample's")
    return Text(text, tuple(sorted(set(lost))))


def speeches(count: int) -> dict[str, Text]:
    """The clean speeches of bench/furniture.py, by name."""
    rng = random.Random(SPEECH_SEED)
    return {
        f"speech/{n:03}.txt": Text(furniture.assemble(furniture.speech(rng))) for n in range(count)
    }


def measure(texts: dict[str, Text], codes: list[str], verbose: bool) -> Tally:
    settings = settings_for(select=codes)
    tally = Tally()
    began = time.process_time()
    evidence = total(gather_text(t.text, filename=n, settings=settings) for n, t in texts.items())
    for name, t in texts.items():
        text = t.text
        tally.words += len(furniture.WORD.findall(text))
        for f in check_text(text, filename=name, settings=settings, evidence=evidence):
            at = bisect.bisect_left(t.lost, f.start - NEAR_LOST_TEXT)
            if at < len(t.lost) and t.lost[at] <= f.end + NEAR_LOST_TEXT:
                tally.at_lost_text += 1
                label = "at lost gold text"
            else:
                tally.hits[f.code] += 1
                label = "false alarm"
            if verbose:
                context = text[max(0, f.start - 50) : f.end + 40].replace("\n", " ")
                fix = f.fix.safety.value if f.fix else "no fix"
                tally.listed.append(
                    f"{name}: {label}: {f.code} {text[f.start : f.end]!r} ({fix})  …{context}…"
                )
    tally.seconds = time.process_time() - began
    return tally


def row(label: str, t: Tally) -> str:
    by_code = ", ".join(f"{c} {n}" for c, n in sorted(t.hits.items())) or "-"
    return (
        f"{label:<10} {t.words:>8} {sum(t.hits.values()):>5} {t.per_100k:>9.2f} "
        f"{t.at_lost_text:>6} {t.seconds:>7.1f}  {by_code}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every hit")
    parser.add_argument("--select", default="CA", help="rule codes to run (default: CA)")
    parser.add_argument("--speeches", type=int, default=160, help="clean speeches to write")
    args = parser.parse_args(argv)
    codes = args.select.split(",")
    sets = {"icdar-gold": icdar_gold(), "speeches": speeches(args.speeches)}
    if not sets["icdar-gold"]:
        print(f"skipped ICDAR: {icdar.CORPUS} is absent (../shared/corpus next to the repo)")
    print(f"CA false alarms on clean text; rules {','.join(codes)}")
    print(
        f"{'set':<10} {'words':>8} {'hits':>5} {'per100k':>9} {'lost':>6} {'cpu s':>7}  "
        "false alarms by rule"
    )
    whole = Tally()
    for label, texts in sets.items():
        if texts:
            t = measure(texts, codes, args.verbose)
            print(row(label, t))
            whole.add(t)
    print(row("all", whole))
    met = "met" if whole.per_100k <= TARGET_PER_100K else "NOT met"
    print(f"target: at most {TARGET_PER_100K:g} hit per 100,000 words: {met}")
    if args.verbose:
        print(f"\n## hits ({len(whole.listed)})")
        print("\n".join(whole.listed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
