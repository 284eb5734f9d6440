"""A seeded generator of transcript-like files with artifacts injected at known rates.

Every sentence is assembled here from the word lists below (no text is copied from
anywhere). A file is a function of ``(seed, index)`` alone, so the first N files of a
2N-file corpus are the N-file corpus, byte for byte, on any machine.

``generate_file(seed, index, size)`` returns the text, its extension and how many of
each artifact it holds; ``write_corpus`` writes many of them in folders of 100.
``python bench/corpus.py SEED INDEX`` prints one file.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

# -- vocabulary ------------------------------------------------------------------------

NOUNS = """
economy network industry platform budget policy program region market company
factory worker project committee question answer report data system service
school hospital road bridge railway port export import price supply demand
investment agreement standard security council minister office government
agency sector border treaty election campaign vote survey partner customer
engineer scientist teacher farmer student family community city village
province country capital plan strategy target goal result figure rate growth
decline increase reduction effort measure approach framework initiative review
audit hearing witness record document statement interview episode podcast
guest listener story problem solution tool library product release version
feature request team manager meeting schedule deadline contract license
payment account bank loan credit debt fund grant tax revenue cost benefit
risk impact outcome scale level capacity quality safety health energy climate
weather water food transport housing technology internet software hardware
device sensor satellite antenna signal channel spectrum license operator
""".split()

ADJECTIVES = """
industrial digital national local regional global public private new old
large small major minor key main important significant clear strong weak
stable steady rapid slow early late recent current previous next final
annual monthly daily economic social political technical legal financial
strategic practical useful basic advanced modern traditional rural urban
open closed fair safe secure green clean fresh complex simple general
specific remarkable difficult obvious
""".split()

ADVERBS = """
quickly slowly clearly really actually basically certainly probably simply
already still again together further fully largely mostly nearly often
rarely recently steadily strongly usually carefully directly
""".split()

VERBS = """
build improve support expand reduce increase develop deliver promote protect
review publish release launch test measure change cover connect explain
discuss address answer consider continue strengthen upgrade monitor manage
""".split()

VERBS_PAST = """
built improved supported expanded reduced increased developed delivered
promoted protected reviewed published released launched tested measured
changed covered connected explained discussed addressed answered considered
continued strengthened upgraded monitored managed reached signed approved
""".split()

PREPOSITIONS = "in on at for with from by about across through under over into".split()
DETERMINERS = "the the the a this that every each our their its".split()
MODALS = "will would can could should must may might".split()
PRONOUNS = "we they you I he she it".split()
FILLERS = [
    "Well",
    "So",
    "Yeah",
    "Right",
    "Okay",
    "Now",
    "You know",
    "I mean",
    "Honestly",
    "Look",
    "First of all",
    "In fact",
    "As you know",
]
# A subject and "is/are" in one word, and "do not"-like ones that take a verb.
BE_CONTRACTIONS = ["it’s", "we’re", "that’s", "there’s", "I’m", "they’re", "you’re", "she’s"]
NOT_CONTRACTIONS = ["don’t", "can’t", "won’t", "didn’t", "shouldn’t"]
FIRST_NAMES = """
Maria John Wei Ana Mat Jerod Adam Sofia Omar Priya Lucas Emma Kenji Fatima
Daniel Grace Ivan Leila Samuel Nadia Peter Chloe Hugo Aisha Tom Julia Ravi
Zoë José Renée Björn
""".split()
LAST_NAMES = """
Wang Zhang Smith Garcia Ryer Santo Stacoviak Kowalski Okafor Patel Tanaka
Novak Haddad Jensen Rossi Dubois Murphy Costa Nguyen Fischer Lindqvist
Müller Nuñez Çelik
""".split()
PLACES = """
Beijing Guangdong Shanghai Ohio Texas Berlin Lagos Nairobi Mumbai Chicago
Québec Zürich Bogotá Reykjavík
""".split()
ORGANISATIONS = [
    "the ministry",
    "the commission",
    "the committee",
    "the council",
    "the agency",
    "the board",
    "the Senate",
    "the House",
    "MIIT",
    "the World Bank",
]
ACCENTED = ["café", "crèche", "résumé", "façade", "protégé", "soirée", "pâtisserie"]
TITLES = ["Mr.", "Ms.", "Dr.", "Senator", "Minister", "Professor"]
ANNOTATIONS = ["[inaudible]", "[laughter]", "[crosstalk]", "[applause]", "[pause]"]
# Misspellings that codespell knows, of words the templates use.
TYPOS = {
    "the": "teh",
    "government": "goverment",
    "committee": "commitee",
    "agreement": "agreemnet",
    "community": "comunity",
    "business": "buisness",
    "policy": "polcy",
    "answer": "anwser",
    "question": "questoin",
    "really": "realy",
    "actually": "actualy",
    "basically": "basicaly",
    "probably": "probaly",
    "address": "adress",
    "because": "becuase",
    "their": "thier",
}
ENTITIES = [("&", "&amp;"), ("'", "&#39;"), ('"', "&quot;"), ("—", "&mdash;")]

TEMPLATES = [
    "{Det} {adj} {noun} {vpast} {prep} the {noun}.",
    "We {modal} {verb} the {noun} of {adj} {noun} in {year}.",
    "{Name} said that the {noun} of the {adj} {noun} grew by {pct} percent.",
    "{Be} {adv} {adj}, and we {modal} {verb} the {noun} {prep} {Place}.",
    "We {nt} {verb} the {noun} {adv}, because their {noun} is {adj}.",
    "What is the {noun} of the {noun} {prep} {year}?",
    "Thank you, {Title} {Last}.",
    "Could you {verb} the {noun} {prep} {Place}?",
    "I think the {noun} {modal} {verb} {num} {noun}s by the end of {year}.",
    "{Filler}, the {noun} is {adv} {adj}.",
    "{Org} {vpast} ${num} billion for {adj} {noun}s.",
    "Our {noun} covers {num} {noun}s and {num} {adj} {noun}s.",
    "{Filler}, it’s a {adj} {noun}, {adv} {adj} for the {noun}.",
    "The {adj} {noun} {vpast} {prep} the {noun}, {conj} the {noun} {vpast} too.",
    "“{Adj} {noun} first” is the {noun} of {Org_lower}.",
    "Let me {verb} that {noun} {adv}.",
    "{Pronoun_cap} {vpast} the {noun} at the {accented} on {Place} Street.",
    "Is the {noun} {adj} or {adj}?",
    "The {noun} {vpast} from {num} to {num2} — a {adj} {noun}.",
    "It’s not a {noun} problem; it’s a {noun} problem.",
    "I {nt} think the government {modal} {verb} the {noun} this {month}.",
    "The committee {vpast} the question, and the business community {vpast} the answer.",
    "At {time} the {noun} was {adv} {adj}.",
    "We {vpast} the {noun} and the {noun} {prep} the {adj} {noun}s.",
    "{Name} {vpast} the {adj} {noun} ({acro}) last {month}.",
    "No.",
    "Yes, that’s right.",
    "Sure.",
]
CONJUNCTIONS = ["and", "but", "so", "while", "because"]
MONTHS = "January February March April May June July August September October".split()
ACRONYMS = ["5G", "AI", "GDP", "R&D", "SME", "IoT", "API", "EU", "UN", "NGO"]

# -- artifacts: name -> rate, and what the rate is per ----------------------------------

# Rates are chosen so that a 5 KB file holds a handful of artifacts of several kinds,
# which is what the scraped and typed transcripts we know look like.
RATES: dict[str, tuple[float, str]] = {
    "trailing-space": (0.04, "line"),
    "doubled-space": (0.004, "word gap"),
    "doubled-blank-line": (0.05, "paragraph break"),
    "nbsp-between-words": (0.002, "word gap"),
    "space-before-punctuation": (0.02, "sentence"),
    "mojibake": (0.05, "word with ’ or an accent"),
    "zero-width-space": (0.0008, "word"),
    "html-entity": (0.01, "sentence"),
    "html-tag": (0.01, "paragraph break"),
    "merged-words": (0.0015, "word gap"),
    "camel-merged-words": (0.0008, "word gap"),
    "missing-space-after-sentence": (0.01, "sentence"),
    "pagination-strip": (0.10, "file"),
    "page-marker": (0.02, "paragraph break"),
    "doubled-word": (0.002, "word"),
    "typo": (0.01, "word that has a known misspelling"),
    "crlf-file": (0.08, "file"),
    "mixed-line-ending": (0.25, "CRLF file"),
    "bom": (0.03, "file"),
    "missing-final-newline": (0.05, "file"),
}

MARKDOWN_SHARE = 0.3
WRAPPED_SHARE = 0.25  # plain-text files hard-wrapped near 72 columns, like OCR output


_ARTICLE = regex.compile(r"\b([Aa]) (?=[aeiouAEIOU])")


def _an(match: regex.Match[str]) -> str:
    return str(match.group(1)) + "n "


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def sloppy_mojibake(text: str) -> str:
    """``text`` encoded as UTF-8 and read as Windows-1252, Latin-1 for its holes."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@dataclass
class _Writer:
    rng: random.Random
    counts: Counter[str] = field(default_factory=Counter)

    def hit(self, name: str) -> bool:
        if self.rng.random() < RATES[name][0]:
            self.counts[name] += 1
            return True
        return False

    # -- sentences ---------------------------------------------------------------------

    def name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def sentence(self) -> str:
        r = self.rng
        template = r.choice(TEMPLATES)
        num = r.randint(2, 980)
        values = {
            "Det": r.choice(DETERMINERS).capitalize(),
            "adj": r.choice(ADJECTIVES),
            "Adj": r.choice(ADJECTIVES).capitalize(),
            "noun": "",
            "vpast": r.choice(VERBS_PAST),
            "verb": r.choice(VERBS),
            "prep": r.choice(PREPOSITIONS),
            "modal": r.choice(MODALS),
            "year": str(r.randint(1995, 2030)),
            "Name": self.name(),
            "pct": f"{r.randint(1, 40)}.{r.randint(0, 9)}",
            "Be": r.choice(BE_CONTRACTIONS).capitalize(),
            "nt": r.choice(NOT_CONTRACTIONS),
            "adv": r.choice(ADVERBS),
            "Place": r.choice(PLACES),
            "Title": r.choice(TITLES),
            "Last": r.choice(LAST_NAMES),
            "num": f"{num:,}",
            "num2": f"{num + r.randint(1, 500):,}",
            "Filler": r.choice(FILLERS),
            "Org": _capital(r.choice(ORGANISATIONS)),
            "Org_lower": r.choice(ORGANISATIONS),
            "conj": r.choice(CONJUNCTIONS),
            "Pronoun_cap": r.choice(PRONOUNS).capitalize(),
            "accented": r.choice(ACCENTED),
            "time": f"{r.randint(0, 23):02}:{r.randint(0, 59):02}",
            "acro": r.choice(ACRONYMS),
            "month": r.choice(MONTHS),
        }
        # Each {noun} gets its own noun, and a plural when an "s" follows.
        parts = template.split("{noun}")
        template = parts[0]
        for p in parts[1:]:
            noun = r.choice(NOUNS)
            if p.startswith("s"):
                noun, p = _plural(noun), p[1:]
            template += noun + p
        sentence = _ARTICLE.sub(_an, template.format(**values))
        return self.damage_sentence(_capital(sentence))

    def damage_sentence(self, s: str) -> str:
        r = self.rng
        words = s.split(" ")
        out: list[str] = []
        for i, w in enumerate(words):
            if ("’" in w or any(c in w for c in "éèëïôöüñçÇøšřı")) and self.hit("mojibake"):
                w = sloppy_mojibake(w)
            if w in TYPOS and self.hit("typo"):
                w = TYPOS[w]
            if w.isalpha() and len(w) > 1 and self.hit("zero-width-space"):
                cut = r.randint(1, len(w) - 1)
                w = w[:cut] + "\u200b" + w[cut:]
            if w.isalpha() and w.islower() and self.hit("doubled-word"):
                w = f"{w} {w}"
            out.append(w)
            if i == len(words) - 1:
                break
            gap = " "
            nxt = words[i + 1]
            if w.isalpha() and nxt.isalpha():
                if self.hit("merged-words"):
                    gap = ""
                elif len(w) > 3 and nxt.islower() and self.hit("camel-merged-words"):
                    gap = ""
                    words[i + 1] = nxt[0].upper() + nxt[1:]
                elif self.hit("nbsp-between-words"):
                    gap = "\u00a0"
                elif self.hit("doubled-space"):
                    gap = "  "
            out.append(gap)
        s = "".join(out)
        if (
            s[-1] in ".?!"
            and len(s) > 2
            and s[-2].isalpha()
            and self.hit("space-before-punctuation")
        ):
            s = s[:-1] + " " + s[-1]
        if self.hit("html-entity"):
            plain, entity = r.choice(ENTITIES)
            if plain in s:
                s = s.replace(plain, entity, 1)
            else:
                s = s.replace(" ", f" {entity} " if plain == "—" else "&nbsp;", 1)
        return s

    def paragraph(self, sentences: int) -> str:
        text = ""
        for _ in range(sentences):
            s = self.sentence()
            if text:
                joined = text.endswith((".", "?")) and s[:1].isupper()
                text += "" if joined and self.hit("missing-space-after-sentence") else " "
            text += s
        return text


def _wrap(line: str, width: int) -> list[str]:
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return out


@dataclass(frozen=True)
class Generated:
    text: str
    extension: str
    counts: dict[str, int]


def generate_file(seed: int, index: int, size: int = 5000) -> Generated:
    """The ``index``-th file of the corpus of ``seed``: about ``size`` bytes of UTF-8."""
    rng = random.Random(f"{seed}:{index}")
    w = _Writer(rng)
    markdown = rng.random() < MARKDOWN_SHARE
    wrapped = not markdown and rng.random() < WRAPPED_SHARE
    speakers = [w.name() for _ in range(rng.randint(2, 4))]
    lines: list[str] = []
    if markdown:
        lines += [
            f"# Episode {index % 500 + 1}: the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
            "",
        ]
    elif rng.random() < 0.3:
        lines += ["Press Room", ""]
    size_so_far = 0
    page = 1
    while size_so_far < size:
        speaker = rng.choice(speakers)
        body = w.paragraph(rng.choice((1, 1, 2, 3, 4, 5, 6)))
        if rng.random() < 0.08:
            body += " " + rng.choice(ANNOTATIONS)
        if markdown:
            if rng.random() < 0.15:
                m, s = divmod(size_so_far // 40, 60)
                body += f" \\[{m:02}:{s:02}\\]"
            if rng.random() < 0.03:
                body += " See [the notes](https://example.org/notes/episode-12) and `make test`."
            para = [f"**{speaker}:** {body}"]
        elif rng.random() < 0.2:
            para = [f"{speaker.upper()}:", body]
        else:
            para = [f"{speaker}: {body}"]
        if wrapped:
            para = [piece for line in para for piece in _wrap(line, rng.randint(66, 76))]
        for line in para:
            if w.hit("trailing-space"):
                line += rng.choice((" ", "  ", "\t", "   "))
            lines.append(line)
        size_so_far += sum(len(line.encode("utf-8")) + 1 for line in para) + 1
        # the paragraph break
        if w.hit("html-tag") and lines[-1]:
            lines[-1] += rng.choice(("<br>", "</p><p>", "<br/>"))
        lines.append("")
        if w.hit("doubled-blank-line"):
            lines.append("")
        if w.hit("page-marker"):
            page += 1
            lines += [f"Page {page} of {page + rng.randint(0, 9)}", ""]
    while lines and lines[-1] == "":
        lines.pop()
    if not markdown and w.hit("pagination-strip"):
        gap = rng.choice(("  ", "\u00a0\u00a0", " \u00a0"))
        lines.append("<" + gap + gap.join(str(n) for n in range(1, rng.randint(4, 10))))
    newline = "\n"
    text = "\n".join(lines)
    if w.hit("crlf-file"):
        newline = "\r\n"
        text = text.replace("\n", "\r\n")
        if w.hit("mixed-line-ending"):
            at = text.find("\r\n", len(text) // 2)
            if at > 0:
                text = text[:at] + "\n" + text[at + 2 :]
    if not w.hit("missing-final-newline"):
        text += newline
    if w.hit("bom"):
        text = "\ufeff" + text
    return Generated(text, ".md" if markdown else ".txt", dict(w.counts))


# -- corpora on disk -------------------------------------------------------------------

FILES_PER_FOLDER = 100


def file_path(root: Path, index: int, extension: str) -> Path:
    return root / f"d{index // FILES_PER_FOLDER:04}" / f"t{index:06}{extension}"


def write_corpus(root: Path, seed: int, indices: Iterable[int], size: int) -> dict[str, int]:
    """Write the files ``indices`` under ``root``; returns bytes, files, artifact counts."""
    totals: Counter[str] = Counter()
    written = 0
    files = 0
    for index in indices:
        g = generate_file(seed, index, size)
        path = file_path(root, index, g.extension)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = g.text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
        files += 1
        totals.update(g.counts)
    return {"bytes": written, "files": files, **{f"injected:{k}": v for k, v in totals.items()}}


if __name__ == "__main__":  # print one file, to look at what the generator writes
    import sys

    seed, index = (int(a) for a in [*sys.argv[1:], "7", "0"][:2])
    g = generate_file(seed, index)
    sys.stdout.write(g.text)
    print(g.extension, g.counts, file=sys.stderr)
