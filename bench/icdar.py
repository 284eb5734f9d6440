"""Merged-word recall and false alarms on real OCR: ICDAR 2017 post-OCR (English).

    .venv/bin/python bench/icdar.py              # the table: all files, tuning, held-out
    .venv/bin/python bench/icdar.py --verbose    # and every miss, wrong split, false alarm

Reads ``../shared/corpus/icdar2017-en`` (relative to the repository root) and skips,
with a message and exit code 0, when it is absent. Each file there has the raw OCR
(``[OCR_toInput] ``), the OCR aligned to the gold standard (``[OCR_aligned] ``) and
the gold standard (``[ GS_aligned] ``), character by character: ``@`` pads the
alignment, ``#`` marks gold text that is missing.

A lost space is a position where the gold has a space and the aligned OCR has ``@``
between two letters (`king@was` against `king was`): 761 of them in the 89 files.
The MW rules (``select MW``) run on the raw OCR text of each file:

- flagged: a lost space inside the span of some MW finding;
- fixed exactly: a fix that is applied with ``--unsafe-fixes`` (safe or unsafe, not
  display-only) inserts a space at the lost space, and no fix inserts a space
  anywhere else inside the same OCR token (the token may keep other OCR errors:
  `shaUbe` split as `shaU be` is exact);
- wrong splits: spaces such fixes insert between two letters where the gold has
  none (other OCR errors make a few of these right in spirit; ``--verbose`` lists
  them): wrong *fixes*;
- shown / wrong: spaces that display-only suggestions would insert between two
  letters, and those of them where the gold has none: wrong *flags* (a suggestion
  is not applied, but a linter that suggests wrong splits is still switched off);
- flag-only: findings of the split rules without a fix (letters run together and
  garbled, no reading sure enough to fix), and how many of them hold a lost space;
  one that holds none flagged garble, a false alarm for a merged-words rule;
- false alarms: MW findings on the gold text itself, per 10,000 gold words (the
  gold text is ``[ GS_aligned] `` without ``@`` and ``#``). The gold has a few
  joins of its own; ``--verbose`` lists every hit to judge.

The ceiling: each lost space is put in a class (``KINDS``) by comparing the run of
letters around it in the OCR with the gold. (a) a clean join: every gold part is a
known word (``words.is_known`` or an older spelling) and the run has no other OCR
error; (w) such a join that is a known word itself (`per cent` read `percent`,
`may be` read `maybe`), which no rule may split; (b) a garbled join: a letter of
the run is wrong, lost or added (`tbeking`); (c) the rest: a part no word list
knows (names, rare and old words), or gold text missing. A segmenter that corrects
no letter can reach (a) and little else; MW002 reaches some of (b) by undoing one OCR
confusion (``rules/data/ocr_confusions.txt``: `tbe`, `suoh`), in OCR text only. The
table gives flagged and exact within each class, and (b) by what a segmenter must
undo to reach it (``GRADES``): at most one listed confusion per part, one edit of
any kind, more, or a part no word list knows. One file
(`eng_monograph/81.txt`, OCR of a 19th-century book read as French) holds about
two thirds of all lost spaces.

The files are split once, by number, into a tuning part and a held-out part
(``held_out``: every third file); rules were tuned looking only at the tuning part,
so the held-out figures are the honest ones. (Issue 14's rounds looked at the misses
of all files, for their kinds: the held-out part is less honest since.) The file
with the most lost spaces and the rest are also shown apart.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lint.api import check_text, settings_for
from lint.fix import Safety
from lint.result import Finding
from rules import words

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "icdar2017-en"
OCR, ALIGNED, GOLD = "[OCR_toInput] ", "[OCR_aligned] ", "[ GS_aligned] "
PAD, MISSING = "@", "#"
HELD_OUT_EVERY = 3
# The rules that split a token (MW004 and MW005 add a space after a comma or join a
# hyphenated word, and the gold keeps the printed line-break hyphens `intro- duction`).
SPLIT_RULES = ("MW001", "MW002", "MW003")


@dataclass(frozen=True)
class Sample:
    """One file: the OCR text, the lost spaces (offsets in the OCR text where a space
    belongs), and the gold text."""

    name: str
    ocr: str
    lost: tuple[int, ...]
    gold: str
    kinds: tuple[str, ...] = ()  # the ceiling class of each lost space, see ``kind_of``
    grades: tuple[str, ...] = ()  # of each garbled join (class b), see ``garbled_grade``


@dataclass
class Tally:
    lost: int = 0
    flagged: int = 0
    exact: int = 0
    wrong_splits: int = 0
    suggested: int = 0
    wrong_suggested: int = 0
    flag_only: int = 0
    flag_only_joins: int = 0
    gold_words: int = 0
    gold_hits: int = 0
    hits_by_code: Counter[str] = field(default_factory=Counter)
    lost_by_kind: Counter[str] = field(default_factory=Counter)
    flagged_by_kind: Counter[str] = field(default_factory=Counter)
    exact_by_kind: Counter[str] = field(default_factory=Counter)
    garbled_by_grade: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    wrong_shown: list[str] = field(default_factory=list)
    flagged_garble: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "lost",
            "flagged",
            "exact",
            "wrong_splits",
            "suggested",
            "wrong_suggested",
            "flag_only",
            "flag_only_joins",
            "gold_words",
            "gold_hits",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.hits_by_code.update(other.hits_by_code)
        self.lost_by_kind.update(other.lost_by_kind)
        self.flagged_by_kind.update(other.flagged_by_kind)
        self.exact_by_kind.update(other.exact_by_kind)
        self.garbled_by_grade.update(other.garbled_by_grade)
        self.misses += other.misses
        self.wrong += other.wrong
        self.wrong_shown += other.wrong_shown
        self.flagged_garble += other.flagged_garble
        self.alarms += other.alarms


def held_out(path: Path) -> bool:
    """Every third file by number is held out from tuning."""
    return int(path.stem) % HELD_OUT_EVERY == 0 if path.stem.isdigit() else False


def read_sample(path: Path) -> Sample:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for key in (OCR, ALIGNED, GOLD):
            if line.startswith(key):
                fields[key] = line[len(key) :]
    ocr, aligned, gold = fields[OCR], fields[ALIGNED], fields[GOLD]
    if len(aligned) != len(gold) or aligned.replace(PAD, "") != ocr:
        raise ValueError(f"{path}: the alignment does not match the OCR text")
    lost: list[int] = []
    offset = 0  # offset in the OCR text of aligned position i
    for i, char in enumerate(aligned):
        if (
            char == PAD
            and gold[i] == " "
            and 0 < i < len(aligned) - 1
            and aligned[i - 1].isalpha()
            and aligned[i + 1].isalpha()
        ):
            lost.append(offset)
        if char != PAD:
            offset += 1
    gold_text = gold.replace(PAD, "").replace(MISSING, "")
    places = [i for i, char in enumerate(aligned) if char != PAD]  # OCR offset -> aligned
    kinds = tuple(kind_of(ocr, aligned, gold, places, at) for at in lost)
    grades = tuple(
        garbled_grade(aligned, gold, *run_around(ocr, aligned, gold, places, at)[2:])
        for at, kind in zip(lost, kinds, strict=True)
        if kind == "b"
    )
    name = f"{path.parent.name}/{path.name}"
    return Sample(name, ocr, tuple(lost), gold_text, kinds, grades)


KINDS = {
    "a": "clean join: every part a known word, no other OCR error in the run of letters",
    "w": "clean join that is a word itself (`percent`, `maybe`, `tome`): never to split",
    "b": "garbled join: another OCR error in the run (a letter wrong, lost or added)",
    "c": "other: a part is no known word (names, rare or old words), or the gold is missing",
}


def kind_of(ocr: str, aligned: str, gold: str, places: list[int], at: int) -> str:
    """The ceiling class (see ``KINDS``) of the lost space before OCR offset ``at``:
    what a segmenter that corrects no letter can reach. The run of letters around it
    in the OCR is compared with the gold, padding included."""
    start, end, first, last = run_around(ocr, aligned, gold, places, at)
    if MISSING in gold[first:last]:
        return "c"  # the gold has no text there to judge by
    for i in range(first, last):
        if aligned[i] != gold[i] and not (aligned[i] == PAD and gold[i] == " "):
            return "b"
    parts = gold[first:last].replace(PAD, "").split()
    known = all(
        words.is_known(part) or words.older_spelling_of(part.lower()) is not None for part in parts
    )
    if not known:
        return "c"
    return "w" if words.is_known(ocr[start:end]) else "a"


def run_around(
    ocr: str, aligned: str, gold: str, places: list[int], at: int
) -> tuple[int, int, int, int]:
    """The run of letters around OCR offset ``at``: its start and end in the OCR, and
    its first and last aligned positions, with the letters the OCR lost at its edges."""
    start = end = at
    while start > 0 and ocr[start - 1].isalpha():
        start -= 1
    while end < len(ocr) and ocr[end].isalpha():
        end += 1
    first, last = places[start], places[end - 1] + 1
    while first > 0 and aligned[first - 1] == PAD and gold[first - 1].isalpha():
        first -= 1  # a letter the OCR lost at the edge of the run
    while last < len(aligned) and aligned[last] == PAD and gold[last].isalpha():
        last += 1
    return start, end, first, last


GRADES = {
    "listed": "each part at most one confusion of rules/data/ocr_confusions.txt from its gold",
    "edit": "each part at most one edit of any kind from its gold (a confusion not listed, "
    "a letter lost or added)",
    "more": "a part more than one edit from its gold",
    "unknown": "a gold part no word list knows",
}


def garbled_grade(aligned: str, gold: str, first: int, last: int) -> str:
    """What a segmenter must undo to reach a garbled join (class b), the run of letters
    at aligned positions ``first:last`` cut at the gold's spaces (see ``GRADES``)."""
    cuts = [first, *(i for i in range(first, last) if gold[i] == " "), last]
    pieces = [
        (
            aligned[a + (gold[a] == " ") : b].replace(PAD, "").lower(),
            gold[a + (gold[a] == " ") : b].replace(PAD, ""),
        )
        for a, b in itertools.pairwise(cuts)
    ]
    if not all(
        words.is_known(part) or words.older_spelling_of(part.lower()) is not None
        for _, part in pieces
    ):
        return "unknown"
    edits = max(part_edits(read, part.lower()) for read, part in pieces)
    return ("listed", "listed", "edit", "more")[edits]


def part_edits(read: str, true: str) -> int:
    """0 if the OCR piece ``read`` is its gold part ``true``, 1 if it is the part with
    one confusion of ``words.ocr_confusions`` made, 2 if one edit of any kind, else 3."""
    if read == true:
        return 0
    for wrong, right in words.ocr_confusions():
        at = true.find(right)
        while at >= 0:
            if true[:at] + wrong + true[at + len(right) :] == read:
                return 1
            at = true.find(right, at + 1)
    if len(read) == len(true):
        return 2 if sum(a != b for a, b in zip(read, true, strict=True)) == 1 else 3
    short, long = sorted((read, true), key=len)
    one_more = len(long) == len(short) + 1
    return 2 if one_more and any(long[:i] + long[i + 1 :] == short for i in range(len(long))) else 3


def inserted_spaces(finding: Finding, shown: bool = False) -> Iterator[int]:
    """Offsets in the checked text where the finding's fix (if it would be applied
    with unsafe fixes; with ``shown``, a display-only suggestion instead) inserts a
    space, for fixes that only insert spaces."""
    fix = finding.fix
    if fix is None or (fix.safety is Safety.DISPLAY_ONLY) != shown:
        return
    for edit in fix.edits:
        before, content = edit.before, edit.content
        if content.replace(" ", "") != before.replace(" ", ""):
            continue
        i = j = 0
        while j < len(content):
            if i < len(before) and before[i] == content[j]:
                i += 1
            elif content[j] == " ":
                yield edit.start + i
            j += 1


def token_span(text: str, at: int) -> tuple[int, int]:
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    return start, len(text) if end < 0 else end


def between_letters(text: str, at: int) -> bool:
    """Whether offset ``at`` lies between two letters (not a space after `,` or `.`)."""
    return text[at - 1 : at].isalpha() and text[at : at + 1].isalpha()


def shown_at(text: str, at: int) -> str:
    """The OCR token around offset ``at`` with a bar where a space is inserted."""
    start, end = token_span(text, at)
    return f"{text[start:at]}|{text[at:end]}"


def measure(sample: Sample, codes: tuple[str, ...]) -> Tally:
    settings = settings_for(select=codes)
    tally = Tally(lost=len(sample.lost), garbled_by_grade=Counter(sample.grades))
    began = time.perf_counter()
    findings = check_text(sample.ocr, settings=settings)
    gold_findings = check_text(sample.gold, settings=settings)
    tally.seconds = time.perf_counter() - began
    inserted = {at for f in findings for at in inserted_spaces(f)}
    lost = set(sample.lost)
    for at, kind in zip(sample.lost, sample.kinds, strict=True):
        start, end = token_span(sample.ocr, at)
        shown = f"{sample.ocr[start:at]}|{sample.ocr[at:end]}"
        tally.lost_by_kind[kind] += 1
        if any(f.start <= at <= f.end for f in findings):
            tally.flagged += 1
            tally.flagged_by_kind[kind] += 1
        else:
            tally.misses.append(f"{sample.name}: ({kind}) {shown}")
        if at in inserted and all(p in lost for p in inserted if start <= p <= end):
            tally.exact += 1
            tally.exact_by_kind[kind] += 1
    between = [at for at in sorted(inserted - lost) if between_letters(sample.ocr, at)]
    tally.wrong_splits = len(between)
    tally.wrong = [f"{sample.name}: {shown_at(sample.ocr, at)}" for at in between]
    # display-only suggestions: how many spaces they would put between two letters,
    # and how many of those the gold does not have
    suggested = {
        at
        for f in findings
        for at in inserted_spaces(f, shown=True)
        if between_letters(sample.ocr, at)
    }
    tally.suggested = len(suggested)
    tally.wrong_shown = [
        f"{sample.name}: {shown_at(sample.ocr, at)}" for at in sorted(suggested - lost)
    ]
    tally.wrong_suggested = len(tally.wrong_shown)
    # findings of the split rules without a fix (letters run together, no reading
    # sure enough to fix): how many hold a lost space, and which hold none (garble)
    for f in findings:
        if f.fix is None and f.code in SPLIT_RULES:
            tally.flag_only += 1
            if any(f.start < at < f.end for at in lost):
                tally.flag_only_joins += 1
            else:
                tally.flagged_garble.append(f"{sample.name}: {sample.ocr[f.start : f.end]}")
    tally.gold_words = len(sample.gold.split())
    for f in gold_findings:
        tally.gold_hits += 1
        tally.hits_by_code[f.code] += 1
        context = sample.gold[max(0, f.start - 30) : f.end + 30].replace("\n", " ")
        flagged = sample.gold[f.start : f.end]
        tally.alarms.append(f"{sample.name}: {f.code} {flagged!r}  …{context}…")
    return tally


def row(label: str, t: Tally) -> str:
    def share(n: int) -> str:
        return f"{n / t.lost:.3f}" if t.lost else "-"

    per_10k = 10_000 * t.gold_hits / t.gold_words if t.gold_words else 0.0
    return (
        f"{label:<10} {t.lost:>5} {share(t.flagged):>8} {share(t.exact):>8} "
        f"{t.wrong_splits:>6} {t.suggested:>5} {t.wrong_suggested:>6} "
        f"{t.gold_words:>8} {t.gold_hits:>6} {per_10k:>8.2f} {t.seconds:>7.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list misses and false hits")
    parser.add_argument("--select", default="MW", help="rule codes to run (default: MW)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent (it is in ../shared/corpus next to the repo)")
        return 0
    codes = tuple(args.select.split(","))
    tuning, held = Tally(), Tally()
    per_file: dict[str, Tally] = {}
    for path in sorted(CORPUS.glob("*/*.txt"), key=lambda p: (p.parent.name, int(p.stem))):
        tally = per_file[f"{path.parent.name}/{path.name}"] = measure(read_sample(path), codes)
        (held if held_out(path) else tuning).add(tally)
    total = Tally()
    total.add(tuning)
    total.add(held)
    # one file holds most lost spaces: the rest apart, so that it does not hide them
    largest = max(per_file, key=lambda name: per_file[name].lost)
    rest = Tally()
    for name, tally in per_file.items():
        if name != largest:
            rest.add(tally)
    print(f"ICDAR 2017 post-OCR, English evaluation files; rules {','.join(codes)}")
    print(
        f"{'files':<10} {'lost':>5} {'flagged':>8} {'exact':>8} {'wrong':>6} "
        f"{'shown':>5} {'wrong':>6} "
        f"{'goldwords':>8} {'hits':>6} {'per10k':>8} {'seconds':>7}"
    )
    print(row("all", total))
    print(row("tuning", tuning))
    print(row("held-out", held))
    print(row("largest", per_file[largest]) + f"  ({largest})")
    print(row("the rest", rest))
    print("\nlost spaces by ceiling class (flagged / fixed exactly within the class):")
    for kind, meaning in KINDS.items():
        n = total.lost_by_kind[kind]
        flagged, exact = total.flagged_by_kind[kind], total.exact_by_kind[kind]
        print(
            f"  ({kind}) {n:>4} = {n / total.lost:.3f} of all; flagged {flagged:>4}, "
            f"exact {exact:>4}: {meaning}"
        )
    garbled = total.lost_by_kind["b"]
    print("  (b) by what a segmenter must undo to reach it (its ceiling), of the gold's parts:")
    for grade, meaning in GRADES.items():
        n = total.garbled_by_grade[grade]
        print(f"      {grade:<8} {n:>4} = {n / max(garbled, 1):.3f} of (b): {meaning}")
    print("findings without a fix (flag-only), and those that hold a lost space:")
    for label, t in (
        ("all", total),
        ("tuning", tuning),
        ("held-out", held),
        ("largest", per_file[largest]),
        ("the rest", rest),
    ):
        print(f"  {label:<9} {t.flag_only:>4} findings, {t.flag_only_joins:>4} hold a lost space")
    splits = sum(n for code, n in total.hits_by_code.items() if code in SPLIT_RULES)
    print(
        f"gold hits of the rules that split a token ({', '.join(SPLIT_RULES)}): {splits}, "
        f"{10_000 * splits / max(total.gold_words, 1):.2f} per 10,000 gold words "
        "(the gold's own joins among them: judge with --verbose)"
    )
    for label, t in (("all", total), ("tuning", tuning), ("held-out", held)):
        codes_seen = ", ".join(f"{c} {n}" for c, n in sorted(t.hits_by_code.items()))
        print(f"gold hits by rule, {label}: {codes_seen or 'none'}")
    if args.verbose:
        for title, lines in (
            ("missed lost spaces", total.misses),
            ("wrong splits on the OCR text (fixes)", total.wrong),
            ("wrong display-only suggestions on the OCR text", total.wrong_shown),
            ("findings without a fix that hold no lost space", total.flagged_garble),
            ("hits on the gold text", total.alarms),
        ):
            print(f"\n## {title} ({len(lines)})")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
