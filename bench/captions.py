"""Captions benchmark (issue 16): the share of injected subtitle defects the rules
find, and their false alarms on the clean captions.

    .venv/bin/python bench/captions.py             # the two tables, a few seconds
    .venv/bin/python bench/captions.py --verbose   # and every miss and false alarm

The captions set is written by this script: short invented cue texts (statements
with contractions, questions, a moderator's hand-overs, answers, and traps such as
`bye bye`, `its`, `were`, `as was his wont`, cues placed with `line:0` or
`{\\an8}` that overlap on purpose), timed one after the other, as SRT and WebVTT
files, half of them dialogue with caption turn markers (`>> ANN LEE:`). It is not a
sample of real captions: it measures whether the rules find the defects we know
how to inject, not their recall on real files. Seeded and deterministic.

1. **Clean captions**: `--files` files (default 120). Every finding of the codes
   below is a false alarm; the table gives them per code and per 10,000 words.
2. **Damaged captions**: the same files with one defect of each kind injected at
   cues apart from each other: an overlapping cue (ST002), an empty cue (ST003), two
   cues swapped (ST004), a one-digit hour in WebVTT (ST005), a word doubled in a cue
   (SP002), an apostrophe stripped from a contraction (SP003), and in dialogue files
   a label written another way (TR001) and the label of a question lost after a
   moderator's hand-over (TR004). An instance is found when a finding of its code
   overlaps it. The table gives the share found per kind and overall, and the
   findings that overlap nothing injected.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.api import check_text, settings_for  # noqa: E402
from lint.result import Finding  # noqa: E402
from rules.spelling import intended_repeats, stripped_forms  # noqa: E402

CODES = ["ST", "SP002", "SP003", "TR"]
WORD = regex.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")

# -- the cue texts ------------------------------------------------------------------------

STATEMENTS = [
    "We don't know yet.",
    "They're on their way to the station.",
    "I've seen the new plans for the bridge.",
    "You'll hear more about it soon.",
    "It isn't ready for the public.",
    "That's the last train of the night.",
    "We didn't expect the rain.",
    "She's at the market with her sister.",
    "There's a bus at noon on Sundays.",
    "He doesn't like the cold.",
    "They've painted the hall blue.",
    "We're going to need more chairs.",
    "The river is high this week.",
    "The council meets on Monday morning.",
    "Our garden grows tomatoes and beans.",
    "The library opens at nine.",
    "My brother works at the harbour.",
    "The weather turned warm in April.",
    "Everyone brought something to eat.",
    "The school will close early on Friday.",
    "I wasn't there when it happened.",
    "You couldn't see the hills for the fog.",
    "What's on the list for today?",
    "Where's the key to the shed?",
    "I won't be late again.",
    "We can't stay long tonight.",
]
TRAPS = [
    "Bye bye, everyone.",
    "Knock knock.",
    "It was very very cold out there.",
    "We watched the wild wild west show.",
    "Its roof is red and its door is green.",
    "We were well looked after.",
    "I was ill for a week.",
    "As was his wont, he sang.",
    "He was wont to sing at night.",
    "We drove out to Walla Walla.",
    "I think that that works.",
    "She had had enough of the noise.",
    "Well, we'll see.",
    "The shell was on the shed roof.",
    "Hell of a day, that was.",
    "They lets us in for free.",
    "Can't stop now, can we?",
]
QUESTIONS = [
    "When will the bridge open?",
    "Who pays for the new hall?",
    "How many buses run on Sundays?",
    "Why did the school close early?",
    "What happens to the old market?",
    "Will the library stay open late?",
]
HAND_OVERS = ["Next question, please.", "Now, the last question.", "Please go ahead."]
ANSWERS = [
    "It opens in May.",
    "The town pays for most of it.",
    "Four, and more in summer.",
    "The heating broke.",
    "It stays where it is.",
    "Yes, until eight.",
]
SPEAKERS = ["ANN LEE", "BOB ROE", "CARA DIAZ", "DEV PATEL"]
MODERATOR, ASKER = "ANN LEE", "CARA DIAZ"
POSITIONED = {"srt": "{\\an8}", "vtt": " line:0"}


@dataclass
class Cue:
    start: int  # milliseconds
    end: int
    text: str  # one or two lines
    label: str = ""  # `>> NAME: ` before the text, or empty
    role: str = "statement"  # or "trap", "hand-over", "question", "answer"
    positioned: bool = False
    one_digit_hour: bool = False


@dataclass
class Instance:
    kind: str
    code: str
    start: int = 0
    end: int = 0
    found: bool = False


@dataclass
class Captions:
    name: str
    fmt: str  # "srt" or "vtt"
    dialogue: bool
    cues: list[Cue]
    instances: list[tuple[Instance, int, str]] = field(default_factory=list)  # cue, what


def make_captions(rng: random.Random, index: int) -> Captions:
    """One clean captions file: cues timed one after the other, a positioned pair
    that overlaps on purpose, traps, and in dialogue files a question exchange."""
    fmt = "srt" if index % 2 == 0 else "vtt"
    dialogue = index % 4 in (0, 1)
    texts: list[tuple[str, str, str]] = []  # label, text, role
    speaker = rng.choice(SPEAKERS)
    for n in range(rng.randint(24, 36)):
        if dialogue and n % 7 == 3:
            question = rng.randrange(len(QUESTIONS))
            texts.append((MODERATOR, rng.choice(HAND_OVERS), "hand-over"))
            texts.append((ASKER, QUESTIONS[question], "question"))
            texts.append(("BOB ROE", ANSWERS[question], "answer"))
            speaker = "BOB ROE"
            continue
        if dialogue and (n == 0 or rng.random() < 0.3):
            speaker = rng.choice([s for s in SPEAKERS if s != speaker])
            label = speaker
        else:
            label = ""
        trap = rng.random() < 0.2
        texts.append((label, rng.choice(TRAPS if trap else STATEMENTS), "trap" * trap))
    cues = []
    clock = rng.randint(500, 3000)
    for label, text, role in texts:
        duration = rng.randint(1200, 3800)
        if len(text) > 30 and not role and rng.random() < 0.5:
            words = text.split()
            half = len(words) // 2
            text = " ".join(words[:half]) + "\n" + " ".join(words[half:])
        cue = Cue(clock, clock + duration, text, f">> {label}: " if label else "")
        cue.role = role or "statement"
        cues.append(cue)
        clock += duration + rng.randint(80, 900)
    sign = rng.randrange(2, len(cues) - 2)  # a sign shown over speech, on purpose
    cues[sign].positioned = True
    cues[sign].end = cues[sign + 1].start + 800
    return Captions(f"captions-{index:03}.{fmt}", fmt, dialogue, cues)


# -- injecting defects --------------------------------------------------------------------

CONTRACTION = regex.compile(
    r"\b(don|didn|doesn|isn|wasn|couldn|won|can|they|we|you|i|that|what|where|there|she|he)"
    r"'(t|re|ve|ll|s|m)\b",
    regex.IGNORECASE,
)


def _strippable(text: str) -> regex.Match[str] | None:
    """The first contraction whose stripped form is no word (`we're` -> `were` is)."""
    forms = stripped_forms().contractions
    for match in CONTRACTION.finditer(text):
        if (match.group(1) + match.group(2)).lower() in forms:
            return match
    return None


def damage(captions: Captions, rng: random.Random) -> Captions:
    """A copy of the captions with one defect of each kind at cues apart."""
    cues = [Cue(c.start, c.end, c.text, c.label, c.role, c.positioned) for c in captions.cues]
    damaged = Captions(captions.name, captions.fmt, captions.dialogue, cues)
    # Cues with nothing special, at least three apart, for the kinds that need one.
    free = [
        i
        for i in range(2, len(cues) - 2)
        if cues[i].role == cues[i + 1].role == "statement"
        and all(c.role in ("statement", "trap") and not c.positioned for c in cues[i - 1 : i + 3])
    ]
    rng.shuffle(free)
    taken: list[int] = []

    def pick(condition: Callable[[Cue], bool] | None = None) -> int | None:
        for i in free:
            if all(abs(i - j) >= 3 for j in taken) and (condition is None or condition(cues[i])):
                taken.append(i)
                return i
        return None

    def record(kind: str, code: str, cue: int, what: str) -> None:
        damaged.instances.append((Instance(kind, code), cue, what))

    if (i := pick()) is not None:
        cues[i].start = cues[i - 1].end - rng.randint(100, 900)
        record("overlapping cue", "ST002", i, "timing")
    if (i := pick()) is not None:
        cues[i].text, cues[i].label = "", ""
        record("empty cue", "ST003", i, "timing")
    if (i := pick()) is not None:
        cues[i], cues[i + 1] = cues[i + 1], cues[i]
        record("cues out of order", "ST004", i + 1, "timing")
    if damaged.fmt == "vtt" and (i := pick()) is not None:
        cues[i].one_digit_hour = True
        record("one-digit hour", "ST005", i, "start")
    if (i := pick(lambda c: len(WORD.findall(c.text)) >= 3)) is not None:
        # Not a repeat that is meant: `this this week`.
        words = [
            w
            for w in list(WORD.finditer(cues[i].text))[1:]
            if not intended_repeats().get(w.group().lower())
        ]
        word = rng.choice(words)
        text = cues[i].text
        cues[i].text = text[: word.end()] + " " + word.group() + text[word.end() :]
        record("doubled word", "SP002", i, f"{word.group()} {word.group()}")
    if (i := pick(lambda c: _strippable(c.text) is not None)) is not None:
        match = _strippable(cues[i].text)
        assert match is not None
        stripped = match.group(1) + match.group(2)
        cues[i].text = cues[i].text[: match.start()] + stripped + cues[i].text[match.end() :]
        record("stripped apostrophe", "SP003", i, stripped)
    if damaged.dialogue:
        untouched = [i for i in range(len(cues)) if all(abs(i - j) >= 2 for j in taken)]
        names = Counter(cues[i].label for i in untouched if cues[i].label)
        # A name written at least three times, so one other spelling is the odd one.
        labelled = [i for i in untouched if names[cues[i].label] >= 3]
        if labelled:
            variant = rng.choice(labelled)
            taken.append(variant)
            name = cues[variant].label[3:-2]
            cues[variant].label = f">> {name.title()}: "
            record("label written another way", "TR001", variant, name.title())
        asks = [i for i in untouched if cues[i].role == "question" and i not in taken]
        if asks:
            lost = rng.choice(asks)
            cues[lost].label = ""
            record("question's label lost", "TR004", lost, "text")
    return damaged


# -- writing the files --------------------------------------------------------------------


def clock(milliseconds: int, fmt: str, one_digit_hour: bool = False) -> str:
    seconds, ms = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    hour = f"{hours}" if one_digit_hour else f"{hours:02}"
    return f"{hour}:{minutes:02}:{seconds:02}{',' if fmt == 'srt' else '.'}{ms:03}"


def render(captions: Captions) -> str:
    """The file's text, with the span of every injected instance filled in."""
    fmt = captions.fmt
    pieces: list[str] = ["WEBVTT\n\n"] if fmt == "vtt" else []
    length = sum(map(len, pieces))
    spans: dict[int, dict[str, tuple[int, int]]] = {}
    for number, cue in enumerate(captions.cues, start=1):
        head = f"{number}\n"
        start = clock(cue.start, fmt, cue.one_digit_hour)
        timing = f"{start} --> {clock(cue.end, fmt)}"
        if cue.positioned and fmt == "vtt":
            timing += POSITIONED["vtt"]
        text = cue.label + cue.text
        if cue.positioned and fmt == "srt":
            text = POSITIONED["srt"] + text
        timing_at = length + len(head)
        text_at = timing_at + len(timing) + 1
        spans[number - 1] = {
            "timing": (timing_at, timing_at + len(timing)),
            "start": (timing_at, timing_at + len(start)),
            "text": (text_at, text_at + len(text)),
        }
        block = f"{head}{timing}\n{text}\n\n" if text else f"{head}{timing}\n\n"
        pieces.append(block)
        length += len(block)
    body = "".join(pieces)
    for instance, index, what in captions.instances:
        if what in spans[index]:
            instance.start, instance.end = spans[index][what]
        else:  # a word or words in the cue's text
            text_start, text_end = spans[index]["text"]
            at = body.find(what, text_start, text_end)
            instance.start, instance.end = at, at + len(what)
    return body


# -- measuring ----------------------------------------------------------------------------


def findings(text: str, name: str) -> list[Finding]:
    return check_text(text, filename=name, settings=settings_for(select=CODES))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=120)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    clean_hits: Counter[str] = Counter()
    words = cues = 0
    kinds: dict[str, list[Instance]] = {}
    stray: Counter[str] = Counter()
    for index in range(args.files):
        captions = make_captions(rng, index)
        text = render(captions)
        words += sum(len(WORD.findall(c.label + c.text)) for c in captions.cues)
        cues += len(captions.cues)
        for f in findings(text, captions.name):
            clean_hits[f.code] += 1
            if args.verbose:
                print(f"false alarm (clean) {captions.name}:{f.location.row} {f.code} {f.message}")
        damaged = damage(captions, rng)
        text = render(damaged)
        instances = [instance for instance, _, _ in damaged.instances]
        for f in findings(text, damaged.name):
            hit = [
                i
                for i in instances
                if i.code == f.code and f.start < max(i.end, i.start + 1) and i.start < f.end
            ]
            for instance in hit:
                instance.found = True
            if not hit:
                stray[f.code] += 1
                if args.verbose:
                    print(
                        f"false alarm (damaged) {damaged.name}:{f.location.row} "
                        f"{f.code} {f.message}"
                    )
        for instance in instances:
            kinds.setdefault(f"{instance.kind} ({instance.code})", []).append(instance)
            if args.verbose and not instance.found:
                missed = text[instance.start : instance.end]
                print(f"missed {damaged.name}: {instance.kind} {missed!r}")

    print(
        "Captions written by bench/captions.py (invented cue texts, not real captions):\n"
        f"{args.files} files, {cues:,} cues, {words:,} words, seed {args.seed}. The defects\n"
        "are the ones we know how to inject; the lost labels all follow a moderator's\n"
        "hand-over the rule knows. A measure of the rules on these shapes, not of their\n"
        "recall on real captions.\n"
    )
    print("| clean captions: false alarms | count | per 10,000 words |")
    print("| --- | --- | --- |")
    for code in sorted(clean_hits) or ["(none)"]:
        print(f"| {code} | {clean_hits[code]} | {clean_hits[code] * 10_000 / words:.2f} |")
    total = sum(clean_hits.values())
    print(f"| all | {total} | {total * 10_000 / words:.2f} |\n")
    print("| injected defect | instances | found | share |")
    print("| --- | --- | --- | --- |")
    all_instances = [i for group in kinds.values() for i in group]
    for kind, group in kinds.items():
        found = sum(i.found for i in group)
        print(f"| {kind} | {len(group)} | {found} | {found / len(group):.3f} |")
    found = sum(i.found for i in all_instances)
    print(f"| all | {len(all_instances)} | {found} | {found / len(all_instances):.3f} |")
    strays = ", ".join(f"{code} {n}" for code, n in sorted(stray.items())) or "none"
    print(f"\nFindings in the damaged captions that overlap nothing injected: {strays}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
