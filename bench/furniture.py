"""Page-furniture benchmark (issue 15): false hits on clean speeches, and the share of
injected furniture the rules find.

    .venv/bin/python bench/furniture.py             # the two tables
    .venv/bin/python bench/furniture.py --verbose   # and every miss and false hit
    .venv/bin/python bench/furniture.py --briefing  # and the check on the SCIO briefing

Every text here is written for this benchmark (sentence templates filled from word
lists, public-domain in style: council addresses, committee statements, letters,
proclamations), not taken from the web or a corpus. Seeded and deterministic.

1. **Clean speeches**: `--files` speeches (default 160, about 120,000 words), many
   opening with the same salutations (`Fellow citizens of the Council:`, `Good
   morning.`, `Mr. Chairman, members of the committee:`) and closing with the same
   signatures (`The White House,` and a date, `Sincerely,` and a name), some with
   numbered sections, `Part 2` headings, numbered lists, hard-wrapped lines and
   trap lines (`Ayes 12 | Noes 3 | Abstentions 1`, `Page 3 of the report shows ...`). They
   are checked in one run of the installed CLI (`--select PG`), so corpus-level
   evidence (PG004) sees every file. Every PG finding is a false hit; the table gives
   them per 100,000 words (target: <= 1).
2. **Furniture**: the same kind of speeches with one kind of furniture injected per
   document: site chrome from the issue's list (language, login, share and
   document-site bars, `Search form`, source/date lines, a title printed twice),
   glued pagination, running heads (whole lines and glued into a line), a
   line-number gutter flattened into the text, GBK mojibake, and blank lines left at
   the start and end of a file. Some variants are harder on purpose (chrome that is
   not in the list nor shaped like a bar, `Pages: 1 2 3`, GBK text of two
   punctuation marks only). Each injected piece is an instance; it is found when
   a finding of the expected code overlaps it. The table gives the share found per
   kind and overall (target: >= 0.9), and the findings of those codes that overlap
   nothing injected (false hits in damaged documents).
3. `--briefing`: `check --fix --unsafe-fixes` on a copy of
   `../shared/corpus/scio-briefing-2020-10-29.txt` (when present), and what it fixed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.api import check_text, settings_for  # noqa: E402

OUT = ROOT / "bench" / "out" / "furniture"
BRIEFING = ROOT.parent / "shared" / "corpus" / "scio-briefing-2020-10-29.txt"
WORD = regex.compile(r"\w+")

# -- the speeches -----------------------------------------------------------------------

OPENINGS = [
    "Fellow citizens of the Council:",
    "To the Board of Directors:",
    "Mr. Chairman, members of the committee:",
    "Madam Speaker, honourable members:",
    "Ladies and gentlemen,",
    "Good morning.",
    "Good afternoon, everyone.",
    "Thank you.",
    "Thank you very much.",
    "Friends and neighbours,",
    "My fellow citizens:",
    "To the Senate and House of Representatives:",
    "Dear colleagues,",
    "Good evening",
    "Thank you all for coming",
]
CLOSINGS = [
    "Thank you.",
    "Thank you very much.",
    "God bless you all.",
    "I yield back the balance of my time.",
    "We stand ready to take your questions.",
    "Thank you, and good night.",
]
SIGNATURES = [
    ["The White House,", "{month} {day}, {year}."],
    ["The White House,", "{month} {day}, {year}"],
    ["Sincerely,", "", "Margaret Holloway", "Secretary of the Harbour Board"],
    ["Respectfully submitted,", "", "Arthur Penrose", "Chairman"],
    ["Given under my hand this {day}th day of {month}, {year}."],
    ["Yours faithfully,", "Eleanor Voss"],
]
TRAPS = [
    "Page 3 of the report shows the cost of the bridge.",
    "Ayes 12 | Noes 3 | Abstentions 1",
    "Yes | No | Undecided",
    "Rooms 1 2 3 and 4 are open to the public.",
    "Source: the county survey of 1998, page 12.",
    "The vote was 5 to 4.",
    "Harbour Board Minutes",
    "Print and share the leaflet with your neighbours.",
]
TITLES = [
    "Address to the County Council on the Harbour Works",
    "Statement on the Rural Schools Programme",
    "Remarks at the Opening of the River Bridge",
    "Message to the Assembly on the State of the Roads",
    "Proclamation on the Autumn Harvest Festival",
    "Testimony before the Committee on Public Lands",
    "Annual Report of the Water Commission",
]
SUBJECTS = (
    "the harbour works|the new bridge|our rural schools|the county roads|the water supply|"
    "the public library|the grain market|the fire brigade|the railway spur|the hospital wing|"
    "the river embankment|the postal service|the land survey|the teachers of this state|"
    "the farmers of the valley|our veterans|the young people of this city"
).split("|")
VERBS = (
    "will be completed|has been delayed|deserves our support|must be funded|was inspected|"
    "has grown steadily|will need repair|has served us well|can be improved|"
    "was discussed at length|will open next spring|remains our first concern"
).split("|")
REASONS = (
    "because the winter was long|since the last census|after the flood of the spring|"
    "thanks to the work of many hands|despite the cost of materials|as the law requires|"
    "in spite of our differences|as the engineers advised|for the sake of our children"
).split("|")
ADVERBS = "Today|This year|In the coming months|Last autumn|Since then|At present|Once again"
TEMPLATES = [
    "{Adverb}, {subject} {verb}.",
    "{Subject} {verb} {reason}.",
    "I can report that {subject} {verb}.",
    "We have asked {number} engineers to look at {subject}, and their report {verb2}.",
    "It is no secret that {subject} {verb} {reason}.",
    "Let me say plainly: {subject} {verb}.",
    "The sum of ${amount} has been set aside for {subject}.",
    "Some of you will remember that {subject} {verb} in {year}.",
    "{Subject} {verb}, and {subject2} {verb2}.",
    '"We will not wait," the commissioner told me, "for {subject} to fail."',
    "On {month} {day}, the committee met to hear about {subject}.",
    "Nearly {number} families depend on {subject}.",
    "Why should we care about {subject}? Because it {verb2}.",
    "I thank the members who worked on {subject} {reason}.",
    "That is why {subject} {verb}.",
]
MONTHS = "January February March April May June July August September October November December"


def sentence(rng: random.Random) -> str:
    subject, subject2 = rng.sample(SUBJECTS, 2)
    verb, verb2 = rng.sample(VERBS, 2)
    return rng.choice(TEMPLATES).format(
        Adverb=rng.choice(ADVERBS.split("|")),
        subject=subject,
        Subject=subject[0].upper() + subject[1:],
        subject2=subject2,
        verb=verb,
        verb2=verb2,
        reason=rng.choice(REASONS),
        number=rng.choice(["three", "twelve", "forty", "200", "1,500", "six"]),
        amount=f"{rng.randint(2, 900)},{rng.randint(100, 999)}",
        year=rng.randint(1890, 2024),
        month=rng.choice(MONTHS.split()),
        day=rng.randint(1, 28),
    )


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def speech(rng: random.Random, words: int = 750) -> list[str]:
    """The lines of one speech (no line breaks inside), blank lines between blocks."""
    blocks: list[list[str]] = []
    if rng.random() < 0.6:
        blocks.append([rng.choice(TITLES)])
    if rng.random() < 0.8:
        blocks.append([rng.choice(OPENINGS)])
    wrapped = rng.random() < 0.3
    width = rng.choice([64, 68, 72])
    count, section = 0, 0
    style = rng.choice(["plain", "parts", "roman", "list"])
    while count < words:
        if style != "plain" and rng.random() < 0.2:
            section += 1
            heading = {
                "parts": f"Part {section}: {rng.choice(SUBJECTS).capitalize()}",
                "roman": f"{'I II III IV V VI VII VIII IX X XI XII'.split()[section % 12]}. "
                f"{rng.choice(SUBJECTS).capitalize()}",
                "list": f"{section}. {sentence(rng)}",
            }[style]
            blocks.append([heading])
        if rng.random() < 0.05:
            blocks.append([rng.choice(TRAPS)])
        text = paragraph(rng)
        count += len(WORD.findall(text))
        blocks.append(wrap(text, width) if wrapped else [text])
    blocks.append([rng.choice(CLOSINGS)])
    if rng.random() < 0.5:
        signature = rng.choice(SIGNATURES)
        filled = [
            line.format(
                month=rng.choice(MONTHS.split()),
                day=rng.randint(1, 28),
                year=rng.randint(1900, 2024),
            )
            for line in signature
        ]
        blocks.append(filled)
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block)
    return lines


# -- the furniture -----------------------------------------------------------------------

CHROME_TOP = [
    ("English | 中文 | Español | Français | Contact us", "PG004"),
    ("Search form", "PG004"),
    ("Username: Password: Log in | Register | Forgot your password?", "PG004"),
    ("Home | News | Speeches | Contact us", "PG004"),
    ("Source: Office of the Mayor 2023-04-17 09:30", "PG004"),
    ("来源：市政府网站 2021年3月5日", "PG004"),
    ("Posted on June 12, 2019", "PG004"),
    ("Skip to main content", "PG004"),
    ("Press Room", "PG004"),
    ("Accueil | Plan du site | Contact", "PG004"),
    # harder: not in the list, or not shaped like a bar
    ("Menu | About the Ministry | Media | Our Work", "PG004"),
    ("Text size: A A A", "PG004"),
    ("Share this page", "PG004"),
]
CHROME_BOTTOM = [
    ("Print | Email | Share", "PG004"),
    ("Recommend to a friend", "PG004"),
    ("View original document", "PG004"),
    ("Click a line to jump to that point in the video", "PG004"),
    ("Upload • Views 318 • Download 7 • Embed Size (px)", "PG004"),
    ("Back to top", "PG004"),
    ("Facebook | Twitter | LinkedIn | E-mail", "PG004"),
    ("【打印本页】【关闭窗口】", "PG004"),
    # harder
    ("Related: Harbour works | Rural schools", "PG004"),
    ("© 2024 City of Ridgeway. All rights reserved.", "PG004"),
]
PAGINATION = [
    "Previous11 12 13 14 15 Next",
    "« 1 2 3 … 12 »",
    "Page 2 of 7 Next >",
    "1 | 2 | 3 | 4 | Next",
    "Prev 3 4 5 6 7 Next",
    "< Previous 1 2 3 Next >",
    "上一页 1 2 3 4 5 下一页",
    "First « 4 5 6 » Last",
    # harder
    "Pages: 1 2 3 4 Next",
    "‹ Newer posts 7 8 9 Older posts ›",
]
HEADS = [
    "HARBOUR COUNTY REPORTING SERVICE (555) 0142 {n}",
    "Minutes of the Water Commission - Page {n}",
    "{n} Proceedings of the County Council",
    "Transcript prepared by Ridgeway Court Reporters, Inc. {n}",
]
CHINESE = [
    "我们今天讨论港口工程，谢谢大家。",
    "他说：“学校的建设很重要。”",
    "河道整治已经完成——费用很高。",
    "委员会认为，道路需要维修；明年再议。",
]


@dataclass
class Case:
    name: str
    kind: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, code


def assemble(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def with_span(before: str, piece: str, code: str, spans: list[tuple[int, int, str]]) -> str:
    spans.append((len(before), len(before) + len(piece), code))
    return before + piece


def chrome_case(rng: random.Random, index: int) -> Case:
    lines = speech(rng, 400)
    case = Case(f"chrome-{index}", "site chrome", "")
    text = ""
    top = rng.sample(CHROME_TOP, rng.randint(1, 2))
    bottom = rng.sample(CHROME_BOTTOM, rng.randint(1, 2))
    for piece, code in top:
        text = with_span(text, piece, code, case.spans) + "\n\n"
    if rng.random() < 0.4:  # a title printed twice
        title = rng.choice(TITLES)
        text += title + "\n\n"
        text = with_span(text, title, "PG004", case.spans) + "\n\n"
    text += assemble(lines)
    for piece, code in bottom:
        text = with_span(text + "\n", piece, code, case.spans) + "\n"
    case.text = text
    return case


def pagination_case(rng: random.Random, index: int) -> Case:
    case = Case(f"pagination-{index}", "glued pagination", "")
    text = assemble(speech(rng, 400)) + "\n"
    case.text = with_span(text, PAGINATION[index % len(PAGINATION)], "PG001", case.spans) + "\n"
    return case


def running_head_case(rng: random.Random, index: int) -> Case:
    """A printed transcript: pages of wrapped lines, each under its running head; one
    head in three glued into the line before, as a flattened page break leaves it."""
    case = Case(f"heads-{index}", "running heads", "")
    head = HEADS[index % len(HEADS)]
    lines = [line for line in speech(rng, 900) if line]
    body = wrap(" ".join(lines), 66)
    page_length = rng.randint(12, 22)
    text, page = "", rng.randint(1, 30)
    for start in range(0, len(body), page_length):
        piece = head.format(n=page)
        if text and page % 3 == 0:
            text = with_span(text.rstrip("\n") + " ", piece, "PG005", case.spans) + "\n"
        else:
            text = with_span(text, piece, "PG005", case.spans) + "\n"
        text += "\n".join(body[start : start + page_length]) + "\n"
        page += 1
    case.text = text
    return case


def gutter_case(rng: random.Random, index: int) -> Case:
    """Pages of 25 numbered lines, each page flattened into one paragraph."""
    case = Case(f"gutter-{index}", "flattened gutter", "")
    body = wrap(" ".join(line for line in speech(rng, 700) if line), 60)
    text = ""
    for start in range(0, len(body), 25):
        for n, line in enumerate(body[start : start + 25], 1):
            text = with_span(text, str(n), "PG003", case.spans) + f" {line} "
        text = text.rstrip() + "\n\n"
    case.text = text[:-1]
    return case


def gbk_case(rng: random.Random, index: int) -> Case:
    case = Case(f"gbk-{index}", "GBK mojibake", "")
    lines = speech(rng, 300)
    text = ""
    chosen = rng.sample(CHINESE, 2) if index % 8 else ["，", "。"]  # a few: punctuation only
    for position, line in enumerate(lines):
        if position in (2, len(lines) // 2):
            garbled = chosen.pop().encode("gbk").decode("latin-1")
            text = with_span(text + "The delegate said: ", garbled, "EN001", case.spans) + "\n"
        text += line + "\n"
    case.text = text
    return case


def blank_case(rng: random.Random, index: int) -> Case:
    case = Case(f"blank-{index}", "blank lines at the ends", "")
    head = "\n" * rng.randint(1, 3)
    tail = "\n" * rng.randint(1, 3)
    body = assemble(speech(rng, 200))
    end = len(head) + len(body)
    case.spans = [(0, len(head), "WS008"), (end, end + len(tail), "WS009")]
    case.text = head + body + tail
    return case


MAKERS = [chrome_case, pagination_case, running_head_case, gutter_case, gbk_case, blank_case]
CODES = ["EN001", "PG001", "PG003", "PG004", "PG005", "WS008", "WS009"]  # what they inject


# -- measuring --------------------------------------------------------------------------


def clean_set(seed: int, files: int, folder: Path) -> int:
    """Write the clean speeches; return their word count."""
    rng = random.Random(seed)
    words = 0
    for n in range(files):
        text = assemble(speech(rng))
        words += len(WORD.findall(text))
        (folder / f"speech-{n:03}.txt").write_text(text, encoding="utf-8")
    return words


def clean_hits(folder: Path) -> list[dict[str, object]]:
    cli = ROOT / ".venv" / "bin" / "transcript-lint"
    command = [str(cli), "check", "--select", "PG", "--format", "json", "--no-baseline"]
    done = subprocess.run(
        [*command, "--exit-zero", "--quiet", str(folder)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"transcript-lint failed: {done.stderr.strip()}")
    hits: list[dict[str, object]] = json.loads(done.stdout)
    return hits


def furniture(seed: int, per_kind: int, verbose: bool) -> dict[str, dict[str, int]]:
    rng = random.Random(seed + 1)
    settings = settings_for(select=CODES)
    table: dict[str, Counter[str]] = {}
    for maker in MAKERS:
        for index in range(per_kind):
            case = maker(rng, index)
            row = table.setdefault(case.kind, Counter())
            findings = check_text(case.text, filename=f"{case.name}.txt", settings=settings)
            for start, end, code in case.spans:
                row["injected"] += 1
                hit = any(f.code == code and f.start < end and start < f.end for f in findings)
                row["found"] += hit
                if not hit and verbose:
                    print(f"miss  {case.name} {code} {case.text[start:end]!r}")
            for f in findings:
                if not any(f.start < end and start < f.end for start, end, _ in case.spans):
                    row["false hits"] += 1
                    if verbose:
                        flagged = case.text[f.start : f.end]
                        print(f"false {case.name} {f.code} {flagged!r} {f.message}")
    return {kind: dict(row) for kind, row in table.items()}


def briefing() -> None:
    if not BRIEFING.exists():
        print("\nThe SCIO briefing is not present (../shared/corpus): skipped.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / BRIEFING.name
        shutil.copyfile(BRIEFING, copy)
        cli = ROOT / ".venv" / "bin" / "transcript-lint"
        done = subprocess.run(
            [str(cli), "check", "--fix", "--unsafe-fixes", "--no-baseline", str(copy)],
            capture_output=True,
            text=True,
        )
        fixed = copy.read_text(encoding="utf-8")
    print(f"\nSCIO briefing, check --fix --unsafe-fixes: {done.stderr.strip()}")
    print(f"  starts with a blank line: {fixed.startswith(chr(10))}")
    one_break = fixed.endswith("\n") and not fixed.endswith("\n\n")
    print(f"  ends with one line break: {one_break}")
    print(f"  first line: {fixed.splitlines()[0][:60]!r}")
    print(f"  last line: {fixed.splitlines()[-1][-60:]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--files", type=int, default=160, help="clean speeches")
    parser.add_argument("--per-kind", type=int, default=40, help="furniture documents per kind")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--briefing", action="store_true")
    args = parser.parse_args(argv)

    clean = OUT / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    clean.mkdir(parents=True)
    words = clean_set(args.seed, args.files, clean)
    hits = clean_hits(clean)
    rate = len(hits) * 100_000 / words
    print(f"Clean speeches: {args.files} files, {words:,} words, {len(hits)} PG hits")
    print(f"  {rate:.2f} PG hits per 100,000 words (target <= 1)")
    for code, n in sorted(Counter(str(h["code"]) for h in hits).items()):
        print(f"  {code}: {n}")
    if args.verbose:
        for h in hits:
            print(f"  false {Path(str(h['filename'])).name} {h['code']} {h['message']}")

    table = furniture(args.seed, args.per_kind, args.verbose)
    print(f"\nFurniture ({args.per_kind} documents per kind):")
    print(f"  {'kind':26} {'injected':>8} {'found':>6} {'share':>6} {'false hits':>10}")
    total = Counter[str]()
    for kind, row in table.items():
        total.update(row)
        share = row.get("found", 0) / row["injected"]
        false = row.get("false hits", 0)
        print(f"  {kind:26} {row['injected']:8} {row.get('found', 0):6} {share:6.3f} {false:10}")
    share = total["found"] / total["injected"]
    all_row = f"{total['injected']:8} {total['found']:6} {share:6.3f} {total['false hits']:10}"
    print(f"  {'all':26} {all_row}  (target >= 0.9)")
    kinds = [row.get("found", 0) / row["injected"] for row in table.values()]
    print(f"  mean share over the kinds: {sum(kinds) / len(kinds):.3f}")
    if args.briefing:
        briefing()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
