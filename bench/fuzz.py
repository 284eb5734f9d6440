"""A long fuzz run of check and fix: invariants over millions of random inputs.

    .venv/bin/python bench/fuzz.py                        # 1,000,000 inputs, all cores
    .venv/bin/python bench/fuzz.py --minutes 10           # stop after ten minutes
    .venv/bin/python bench/fuzz.py --inputs 20000 --seed 3
    .venv/bin/python bench/fuzz.py --hypothesis 20000     # the CI properties, many examples

Inputs come from three generators: Unicode biased to the characters that break text
tools, a soup of artifact pieces, and windows of the benchmark's generated
transcripts mutated by insertions, deletions, line-ending changes and BOMs. Every
input goes through ``check_text`` and ``fix_text`` (safe, then unsafe) with every
rule on, as .txt and .md, and must keep these invariants:

- no exception, and fixes settle (``NotConverged`` is a failure here);
- findings and the edits of their fixes lie inside the text, edits of one fix do not
  overlap, and each finding's row and column match its offset;
- ``fix(fix(x)) == fix(x)``, for safe and for unsafe fixes;
- safe fixes change no letter, digit or visible character outside the page-furniture
  rules, and with them letters and digits can only disappear;
- a text with one line-ending style keeps it; a BOM is kept, and none is added;
- the JSON reporter's output parses and lists every finding.

Every ``--cli-every``-th input is also written to a file, as UTF-8, with a BOM, as
UTF-16 or with random bytes spliced in, and run through ``lint.cli.main`` with
``--fix``: the exit code must be 0, 1 or 2, a file is left unchanged when it is 2,
no temporary file is left, and the file written is what ``fix_text`` returns.

Failures are shrunk to a small input and written to bench/out/fuzz/ as JSON; the
summary counts them by kind. Exit status 1 if any failure was found.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import io
import itertools
import json
import os
import random
import re
import stat
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "fuzz"
sys.path[:0] = [str(BENCH), str(ROOT)]

import corpus  # noqa: E402

from lint import files  # noqa: E402
from lint.api import check_text, fix_text, settings_for  # noqa: E402
from lint.cli import main as cli_main  # noqa: E402
from lint.report import REPORTERS, Report  # noqa: E402
from lint.result import FileResult  # noqa: E402
from lint.runner import NotConverged  # noqa: E402
from rules import ALL_RULES  # noqa: E402

ALL = settings_for(select=["ALL"])
FURNITURE_CODES = frozenset(r.code for r in ALL_RULES if r.family == "PG")
NO_FURNITURE = settings_for(select=["ALL"], ignore=sorted(FURNITURE_CODES))
LINE_BREAK = re.compile(r"\r\n|\r|\n")

# -- generators --------------------------------------------------------------------------

SPECIAL = [
    *(
        " \t\n\r\x0b\x0c\x00\x1b\x7f\x85\x93\x94\xa0\xad"
        "\u1680\u180e\u2000\u2002\u2003\u2009\u200a\u200b\u200c\u200d\u200e\u200f"
        "\u2028\u2029\u202a\u202e\u202f\u205f\u2060\u2061\u2066\u2069\u3000\ufeff\ufffd"
        "\u0301\u0308\u05d0\u0627\u4e2d\u00e9\u00c3\u00a9\u00e2\u20ac\u2122\u0153"
        "\u2019\u201c\u201d\u2014\u2026.,;:?!&#<>/[]*_`|\\'\"0123456789"
    ),
    "\r\n",
]
# fmt: off
PIECES = [
    " ", "  ", "   ", "\t", "\n", "\r\n", "\r", "\n\n\n", "\u00a0", "\u202f", "\u200b",
    "\u00ad", "\ufeff", "\x00", "\x0c", "\x93", "\ufffd", "&amp;", "&nbsp;", "&#39;",
    "&#10;", "&#13;", "&amp;nbsp;", "&lt;", "<br>", "</p><p>", "<p class=x>", "</span>",
    "itâ€™s", "cafÃ©", "Ã¢â‚¬Å“", "â€", " .", " ,", " ?", "...", " . . .", "word", "the",
    "the the", "Wang", "Zhijun", "thescale", "industrialInternet", "internet.Guided",
    "fantastic.Yeah", "http://x.org/a", "mail@example.org", "notes.txt", "[inaudible]",
    "\\[04:15\\]", "00:12:34", "**Mat:**", "Wang Zhijun:", "MS. SMITH:", "```", "`code`",
    "    ", "> ", "| a | b |", "Page 3 of 12", "<  1  2  3  4  5", "[[Page D783]]",
    "{time}  1130", "Press Room", "____", "---\n", "1  ", "12 ", "é", "—", "👨\u200d👩",
    "中文", "שלום", "\u202e", "$447", "5G", "Dr.", "e.g.", "U.S.", "-\n", "in- dustry",
    "00:00:01,000 --> 00:00:02,000", "WEBVTT",
]
# fmt: on


def random_unicode(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 120)):
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice(SPECIAL))
        elif r < 0.7:
            out.append(rng.choice("abcdefghijklmnopqrstuvwxyz ABCDEFG"))
        else:
            while True:
                c = chr(rng.choice((rng.randint(0, 0x2FFF), rng.randint(0, 0x10FFFF))))
                if unicodedata.category(c) != "Cs":
                    break
            out.append(c)
    return "".join(out)


def piece_soup(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))


_TRANSCRIPTS: list[str] = []


def mutated_transcript(rng: random.Random) -> str:
    if not _TRANSCRIPTS:
        _TRANSCRIPTS.extend(corpus.generate_file(11, i, 3000).text for i in range(64))
    source = rng.choice(_TRANSCRIPTS)
    start = rng.randint(0, len(source))
    text = source[start : start + rng.randint(0, rng.choice((200, 400, 1500)))]
    for _ in range(rng.randint(0, 6)):
        at = rng.randint(0, len(text))
        action = rng.random()
        if action < 0.5:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif action < 0.65:
            text = text[:at] + text[at + rng.randint(1, 20) :]
        elif action < 0.75:
            text = text[:at] + rng.choice(SPECIAL) + text[at:]
        elif action < 0.85:
            text = text[:at] + text[at : at + rng.randint(1, 40)] + text[at:]
        else:
            break
    style = rng.random()
    if style < 0.15:
        text = LINE_BREAK.sub("\r\n", text)
    elif style < 0.2:
        text = LINE_BREAK.sub("\r", text)
    if rng.random() < 0.05:
        text = "\ufeff" + text
    return text


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "unicode": random_unicode,
    "pieces": piece_soup,
    "transcript": mutated_transcript,
}


def inputs(seed: int, start: int, count: int) -> Iterator[tuple[int, str, str, str]]:
    """(index, generator, filename, text) for the inputs ``start .. start+count``."""
    names = list(GENERATORS)
    for index in range(start, start + count):
        rng = random.Random(f"{seed}:{index}")
        name = names[index % len(names)]
        yield index, name, rng.choice(("t.txt", "t.md")), GENERATORS[name](rng)


# -- invariants --------------------------------------------------------------------------


class Failure(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail = kind, detail


def expect(condition: bool, kind: str, detail: object = "") -> None:
    if not condition:
        raise Failure(kind, str(detail)[:2000])


def alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def visible(text: str) -> str:
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")
    )


def style(text: str) -> str | None:
    kinds = {m.group() for m in LINE_BREAK.finditer(text)}
    return kinds.pop() if len(kinds) == 1 else None


def location(starts: list[int], text: str, offset: int) -> tuple[int, int]:
    row = bisect.bisect_right(starts, offset) - 1
    column = offset - starts[row] + 1
    if row == 0 and offset > 0 and text.startswith("\ufeff"):
        column -= 1
    return row + 1, column


def is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(c in rest for c in short)


def check_invariants(text: str, filename: str) -> None:
    """Raise Failure (or any exception: a crash) when an invariant does not hold."""
    findings = check_text(text, filename=filename, settings=ALL)
    starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    for f in findings:
        expect(0 <= f.start <= f.end <= len(text), "span-outside-text", f)
        for offset, loc in ((f.start, f.location), (f.end, f.end_location)):
            if not (0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n"):
                expect(
                    (loc.row, loc.column) == location(starts, text, offset),
                    "wrong-row-or-column",
                    f,
                )
        if f.fix is not None:
            edits = sorted((e.start, e.end) for e in f.fix.edits)
            expect(bool(edits), "fix-without-edits", f)
            for s, e in edits:
                expect(0 <= s <= e <= len(text), "edit-outside-text", f)
            for (_, a_end), (b_start, _) in itertools.pairwise(edits):
                expect(a_end <= b_start, "edits-overlap", f)
    if findings and len(text) % 8 == 0:  # an eighth of the inputs: the reporter is slow
        report = Report([FileResult(filename, tuple(findings))], ALL_RULES)
        rendered = json.loads(REPORTERS["json"](report))
        expect(len(rendered) == len(findings), "json-report-lost-findings")

    for unsafe in (False, True):
        tag = "unsafe" if unsafe else "safe"
        try:
            once = fix_text(text, filename=filename, settings=ALL, unsafe=unsafe)
            if once.applied:  # otherwise the text is unchanged and fixing it again is moot
                twice = fix_text(once.text, filename=filename, settings=ALL, unsafe=unsafe)
                expect(twice.text == once.text, f"not-idempotent-{tag}", repr(once.text)[:300])
        except NotConverged as exc:
            raise Failure(f"not-converged-{tag}", str(exc)) from None
        ending = style(text)
        if ending is not None:
            expect(style(once.text) in (ending, None), f"line-ending-style-changed-{tag}")
        expect(once.text.startswith("\ufeff") == text.startswith("\ufeff"), f"bom-{tag}")
        if not unsafe:
            expect(is_subsequence(alnum(once.text), alnum(text)), "safe-fix-added-letters")
            plain = once.text
            if any(f.code in FURNITURE_CODES for f in once.applied):
                try:
                    plain = fix_text(text, filename=filename, settings=NO_FURNITURE).text
                except NotConverged as exc:
                    raise Failure("not-converged-safe", str(exc)) from None
    expect(alnum(plain) == alnum(text), "safe-fix-changed-letters")
    expect(visible(plain) == visible(text), "safe-fix-changed-visible-characters")


def classify(text: str, filename: str) -> tuple[str, str] | None:
    """(kind, detail) of the first broken invariant, or None."""
    try:
        check_invariants(text, filename)
    except Failure as f:
        return f.kind, f.detail
    except Exception as exc:  # a crash
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return f"crash {type(exc).__name__} at {where}", "".join(traceback.format_exception(exc))[
            -3000:
        ]
    return None


def shrink(text: str, filename: str, kind: str, budget: int = 3000) -> str:
    """A smaller text that breaks the same invariant (delta debugging by chunks)."""
    tries = 0

    def same(candidate: str) -> bool:
        nonlocal tries
        tries += 1
        found = classify(candidate, filename)
        return found is not None and found[0] == kind

    chunk = max(1, len(text) // 2)
    while chunk >= 1 and tries < budget:
        i, changed = 0, False
        while i < len(text) and tries < budget:
            candidate = text[:i] + text[i + chunk :]
            if same(candidate):
                text, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return text


# -- the CLI on files ----------------------------------------------------------------------


def cli_case(rng: random.Random, text: str, filename: str) -> bytes:
    kind = rng.random()
    if kind < 0.4:
        return text.encode("utf-8")
    if kind < 0.55:
        return b"\xef\xbb\xbf" + text.lstrip("\ufeff").encode("utf-8")
    if kind < 0.7:
        return b"\xff\xfe" + text.lstrip("\ufeff").encode("utf-16-le")
    data = text.encode("utf-8")
    at = rng.randint(0, len(data))
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]


def check_cli(data: bytes, filename: str, unsafe: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / filename
        path.write_bytes(data)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = cli_main(
                [
                    "check",
                    "--fix",
                    "--jobs",
                    "1",
                    *(["--unsafe-fixes"] if unsafe else []),
                    str(path),
                ]
            )
        after = path.read_bytes()
        expect(os.listdir(folder) == [filename], "cli-left-a-temporary-file")
    expect(code in (0, 1, 2), "cli-exit-code", code)
    if code == 2:
        expect(after == data, "cli-error-changed-the-file")
        return
    text, encoding = files.decode(data)
    expected = fix_text(text, filename=filename, unsafe=unsafe)
    expect(
        after == expected.text.encode(encoding, files.ENCODE_ERRORS),
        "cli-wrote-other-than-fix_text",
    )


# -- the file system under a real --fix run ------------------------------------------------

FS_ENCODINGS = (
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
    ("utf-32-be", b"\x00\x00\xfe\xff"),
)
APPENDED = "A paragraph typed during the run.\n"


def fs_text(rng: random.Random) -> str:
    text = mutated_transcript(rng) if rng.random() < 0.7 else piece_soup(rng)
    return text.lstrip("\ufeff") + "We will  continue the work .\n" * rng.randint(0, 50)


def fs_scenario(seed: int, index: int, folder: Path) -> dict[str, Any]:
    """A tree of transcripts with links, modes, attributes and special files, and what
    a writer racing the tool will do to it; returns the plan (a reproducer)."""
    rng = random.Random(f"fs:{seed}:{index}")
    tree, outside = folder / "tree", folder / "outside"
    tree.mkdir()
    outside.mkdir()
    plan: dict[str, Any] = {"seed": seed, "index": index, "files": {}, "specials": []}
    count = rng.choice((2, 5, 12, 30))
    for i in range(count):
        name = f"f{i:02}.txt"
        encoding, bom = rng.choice(FS_ENCODINGS) if rng.random() < 0.3 else FS_ENCODINGS[0]
        data = bom + fs_text(rng).encode(encoding, errors="surrogatepass")
        (tree / name).write_bytes(data)
        plan["files"][name] = {"encoding": encoding, "data": data.hex()}
        if rng.random() < 0.1:
            (tree / name).chmod(rng.choice((0o444, 0o600, 0o640, 0o400)))
        if rng.random() < 0.1:
            with contextlib.suppress(OSError):
                os.setxattr(tree / name, "user.fuzz", b"kept")
    names = sorted(plan["files"])
    special = rng.random()
    if special < 0.1:
        os.mkfifo(tree / "pipe.txt")
        plan["specials"].append("fifo")
    if rng.random() < 0.2:
        (tree / "link.txt").symlink_to(rng.choice(names))
        plan["specials"].append("link")
    if rng.random() < 0.15:
        (outside / "out.txt").write_text(fs_text(rng), encoding="utf-8")
        (tree / "outlink.txt").symlink_to(outside / "out.txt")
        plan["specials"].append("outlink")
    if rng.random() < 0.15:
        os.link(tree / rng.choice(names), tree / "hard.txt")
        plan["specials"].append("hardlink")
    if rng.random() < 0.05:
        (tree / "dangling.txt").symlink_to(tree / "nowhere.txt")
        plan["specials"].append("dangling")
    plan["jobs"] = rng.choice((1, 2))
    plan["edits"] = [
        (rng.random() * 1.5, rng.choice(("append", "delete", "replace", "same-size")), name)
        for name in rng.sample(names, rng.randint(0, min(5, len(names))))
    ]
    plan["signal"] = (
        (rng.random() * 2.0, rng.choice(("SIGINT", "SIGTERM"))) if rng.random() < 0.3 else None
    )
    return plan


def fs_edit(path: Path, action: str) -> str | None:
    """Do one edit of the racing writer; the text it leaves (None: deleted)."""
    with contextlib.suppress(OSError):
        if action == "delete":
            path.unlink()
            return None
        data = path.read_bytes()
        text, encoding = files.decode(data)
        if action == "append":
            text += APPENDED
        elif action == "same-size":
            text = text.swapcase()
        else:
            bom = "\ufeff" if text.startswith("\ufeff") else ""
            text = bom + "Rewritten  by the editor.\n" + text[len(bom) :]
        new = text.encode(encoding, files.ENCODE_ERRORS)
        if action == "same-size":
            info = path.stat()
            path.write_bytes(new)
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        else:
            temporary = path.with_name(path.name + ".editor")
            temporary.write_bytes(new)
            os.replace(temporary, path)
        return text
    return None


def fs_replay(base: str, entries: list[dict[str, Any]]) -> str | None:
    """The text the ledger says ``base`` became (None: an entry does not apply)."""
    for e in entries:
        if base[e["offset"] : e["end_offset"]] != e["before"]:
            return None
        base = base[: e["offset"]] + e["after"] + base[e["end_offset"] :]
    return base


def fs_run(seed: int, index: int) -> tuple[str, str] | None:
    """One scenario: the tool in its own process group on the tree, this process as
    the writer racing it, maybe a signal; the first broken invariant, or None."""
    import signal
    import subprocess
    import threading

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plan = fs_scenario(seed, index, folder)
        tree = folder / "tree"
        before = {p.name: (p.lstat(), p.is_symlink()) for p in tree.iterdir()}
        xattrs = {}
        for p in tree.iterdir():
            with contextlib.suppress(OSError):
                if not p.is_symlink() and p.is_file():
                    xattrs[p.name] = os.getxattr(p, "user.fuzz")
        ledger = folder / "fixes.jsonl"
        command = [
            sys.executable,
            "-m",
            "lint",
            "check",
            "--fix",
            "--jobs",
            str(plan["jobs"]),
            "--ledger",
            str(ledger),
            str(tree),
        ]
        if "outlink" in plan["specials"]:
            command.append(str(tree / "outlink.txt"))
        started = time.monotonic()
        tool = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        edited: dict[str, str | None] = {}

        def writer() -> None:
            for delay, action, file in sorted(plan["edits"]):
                time.sleep(max(0.0, started + delay - time.monotonic()))
                edited[file] = fs_edit(tree / file, action)

        thread = threading.Thread(target=writer)
        thread.start()
        if plan["signal"] is not None:
            delay, signame = plan["signal"]
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(tool.pid, getattr(signal, signame))
        try:
            _, err = tool.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            os.killpg(tool.pid, signal.SIGKILL)
            tool.communicate()
            return "fs-hang", json.dumps(plan)[:2000]
        thread.join()
        code = tool.returncode
        with contextlib.suppress(ProcessLookupError):
            os.killpg(tool.pid, 0)
            time.sleep(2)
            os.killpg(tool.pid, 0)
            return "fs-workers-outlived-the-run", json.dumps(plan)[:2000]
        return fs_invariants(plan, tree, ledger, code, err, before, xattrs, edited)


def fs_invariants(
    plan: dict[str, Any],
    tree: Path,
    ledger: Path,
    code: int,
    err: str,
    before: dict[str, tuple[os.stat_result, bool]],
    xattrs: dict[str, bytes],
    edited: dict[str, str | None],
) -> tuple[str, str] | None:
    def fail(kind: str, detail: object) -> tuple[str, str]:
        return f"fs-{kind}", f"{detail} | stderr: {err[-600:]} | plan: {json.dumps(plan)[:1500]}"

    # -15, -2: a signal before the run set up its handlers (or after it reported).
    if code not in (0, 1, 2, 130, -15, -2):
        return fail("exit-code", code)
    if "Traceback" in err:
        return fail("traceback", err.split("Traceback", 1)[1][-400:])
    if code == 130 and not re.search(r"^interrupted\b", err, re.M):
        return fail("interrupt-line", "")
    if any(files.TEMPORARY_MARK in p.name for p in tree.iterdir()):
        return fail("temporary-left", sorted(p.name for p in tree.iterdir()))
    fixed = set(re.findall(r"^Fixed (.+?): ", err, re.M))
    entries: dict[str, list[dict[str, Any]]] = {}
    if ledger.exists():
        for line in ledger.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            entries.setdefault(entry["file"], []).append(entry)
    if set(entries) != fixed:
        return fail("ledger-differs-from-fixed-lines", (sorted(entries), sorted(fixed)))
    if code == 130:
        summary = re.search(r"^interrupted: (\d+) files fixed", err, re.M)
        if summary and int(summary.group(1)) != len(fixed):
            return fail("interrupt-count", (summary.group(1), len(fixed)))
    for name, (info, was_link) in before.items():
        path = tree / name
        if name in edited and edited[name] is None:
            if path.exists():
                return fail("deleted-file-came-back", name)
            continue
        if was_link != path.is_symlink():
            return fail("link-not-kept", name)
        if was_link or stat.S_ISFIFO(info.st_mode):
            continue
        edit = edited.get(name)
        now = path.lstat()
        if name not in edited:  # the writer's own saves make new files: not ours to keep
            if stat.S_IMODE(now.st_mode) != stat.S_IMODE(info.st_mode):
                return fail("mode-changed", (name, oct(info.st_mode), oct(now.st_mode)))
            # (A link whose other name the writer replaced is no longer a hard link.)
            if info.st_nlink > 1 and now.st_ino != info.st_ino and not plan["edits"]:
                return fail("hard-link-split", name)
            if name in xattrs and "user.fuzz" not in os.listxattr(path):
                return fail("xattr-lost", name)
        if name not in plan["files"]:
            continue
        original_data = bytes.fromhex(plan["files"][name]["data"])
        data = path.read_bytes()
        display = str(tree / name)
        if not info.st_mode & stat.S_IWUSR and edit is None and data != original_data:
            return fail("read-only-file-written", name)
        try:
            text: str | None = files.decode(data)[0]
        except files.InputError:
            text = None
        # (Read after the append, the paragraph may be fixed too: its line break, say.)
        paragraph = APPENDED.strip()
        if edit is not None and paragraph in edit and (text is None or paragraph not in text):
            return fail("edit-lost", name)
        if display not in fixed:
            expected = [original_data]
            if edit is not None:
                expected.append(edit.encode(plan["files"][name]["encoding"], files.ENCODE_ERRORS))
            if data not in expected and "hardlink" not in plan["specials"]:
                return fail("changed-without-a-fixed-line", name)
            continue
        if text is None:
            return fail("fixed-file-undecodable", name)
        if text == edit or "hardlink" in plan["specials"]:
            continue  # the writer's edit came after the fix
        bases = [files.decode(original_data)[0]] + ([edit] if edit is not None else [])
        if all(fs_replay(base, entries[display]) != text for base in bases):
            return fail("ledger-does-not-replay", name)
    return None


def run_fs_batch(args: tuple[int, int, int]) -> dict[str, Any]:
    seed, start, count = args
    kinds: Counter[str] = Counter()
    examples: dict[str, dict[str, Any]] = {}
    for index in range(start, start + count):
        try:
            found = fs_run(seed, index)
        except Exception as exc:
            found = (f"fs-harness {type(exc).__name__}", traceback.format_exc()[-800:])
        if found is not None:
            kinds[found[0]] += 1
            examples.setdefault(
                found[0], {"kind": found[0], "seed": seed, "index": index, "detail": found[1]}
            )
    return {"count": count, "kinds": kinds, "examples": examples, "by_generator": {"fs": count}}


# -- running -----------------------------------------------------------------------------


def run_batch(args: tuple[int, int, int, int]) -> dict[str, Any]:
    seed, start, count, cli_every = args
    kinds: Counter[str] = Counter()
    examples: dict[str, dict[str, Any]] = {}
    by_generator: Counter[str] = Counter()
    for index, generator, filename, text in inputs(seed, start, count):
        by_generator[generator] += 1
        found = classify(text, filename)
        if cli_every and index % cli_every == 0:
            rng = random.Random(f"cli:{seed}:{index}")
            data = cli_case(rng, text, filename)
            try:
                check_cli(data, filename, unsafe=rng.random() < 0.5)
            except Failure as f:
                found = found or (f.kind, f.detail)
            except Exception as exc:
                found = found or (f"cli-crash {type(exc).__name__}", repr(exc))
        if found is None:
            continue
        kind, detail = found
        kinds[kind] += 1
        if kind not in examples:
            small = text if kind.startswith("cli") else shrink(text, filename, kind)
            examples[kind] = {
                "kind": kind,
                "seed": seed,
                "index": index,
                "generator": generator,
                "filename": filename,
                "input": text,
                "shrunk": small,
                "detail": (classify(small, filename) or (kind, detail))[1],
            }
    return {"count": count, "kinds": kinds, "examples": examples, "by_generator": by_generator}


def run_random(args: argparse.Namespace) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    batch = args.batch
    total, kinds = 0, Counter[str]()
    generators: Counter[str] = Counter()
    examples: dict[str, dict[str, Any]] = {}
    started = time.monotonic()
    last_print = started
    print(
        f"fuzzing {args.inputs:,} inputs (seed {args.seed}) on {args.jobs} processes; "
        f"failures go to {OUT}",
        flush=True,
    )
    starts = iter(range(0, args.inputs, batch))
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        pending = set()

        def submit() -> bool:
            if deadline and time.monotonic() > deadline:
                return False
            start = next(starts, None)
            if start is None:
                return False
            count = min(batch, args.inputs - start)
            if args.files:
                pending.add(pool.submit(run_fs_batch, (args.seed, start, count)))
            else:
                pending.add(pool.submit(run_batch, (args.seed, start, count, args.cli_every)))
            return True

        for _ in range(args.jobs * 2):
            submit()
        from concurrent.futures import FIRST_COMPLETED, wait

        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pending.discard(future)
                r = future.result()
                total += r["count"]
                kinds.update(r["kinds"])
                generators.update(r["by_generator"])
                for kind, ex in r["examples"].items():
                    if kind not in examples:
                        examples[kind] = ex
                        name = re.sub(r"[^\w.-]+", "-", kind)[:80]
                        (OUT / f"{name}.json").write_text(
                            json.dumps(ex, indent=1, ensure_ascii=False) + "\n"
                        )
                        shown = ex.get("shrunk", ex.get("detail"))
                        print(f"  NEW FAILURE {kind}: {shown!r}"[:300], flush=True)
                submit()
            now = time.monotonic()
            if now - last_print > 30:
                last_print = now
                print(
                    f"  {total:,} inputs, {total / (now - started):,.0f}/s, "
                    f"{sum(kinds.values())} failures",
                    flush=True,
                )
    elapsed = time.monotonic() - started
    summary = {
        "inputs": total,
        "seconds": elapsed,
        "per_second": total / elapsed if elapsed else 0,
        "seed": args.seed,
        "cli_every": args.cli_every,
        "by_generator": dict(generators),
        "failures": dict(kinds),
    }
    (OUT / "summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(
        f"\n{total:,} inputs in {elapsed:.0f} s ({summary['per_second']:,.0f}/s); "
        f"CLI runs: {total // args.cli_every if args.cli_every else 0:,}"
    )
    if not kinds:
        print("no failures")
        return 0
    print("failures by kind (first example, shrunk, in bench/out/fuzz/):")
    for kind, n in kinds.most_common():
        shown = examples[kind].get("shrunk", examples[kind].get("detail"))
        print(f"  {n:>7}  {kind}: {shown!r}"[:300])
    return 1


def run_hypothesis(args: argparse.Namespace) -> int:
    """The properties of tests/test_reliability.py with many more examples."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests import test_reliability as t

    failures = 0
    config = settings(
        max_examples=args.hypothesis,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    @config
    @given(case=t.ANY_TEXT)
    def invariants(case: tuple[str, str]) -> None:
        filename, text = case
        check_invariants(text, filename)

    @config
    @given(data=t.file_contents(), unsafe=st.booleans(), name=st.sampled_from(["t.txt", "t.md"]))
    def cli(data: bytes, unsafe: bool, name: str) -> None:
        check_cli(data, name, unsafe)

    for test in (invariants, cli):
        started = time.monotonic()
        try:
            test()
            print(
                f"{test.__name__}: {args.hypothesis} examples passed "
                f"({time.monotonic() - started:.0f} s)"
            )
        except Exception as exc:  # hypothesis re-raises the shrunk failure
            failures += 1
            print(f"{test.__name__}: FAILED\n{exc}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--inputs", type=int, default=1_000_000)
    p.add_argument("--minutes", type=float, help="stop after this long, whatever --inputs")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--batch", type=int, default=500, help="inputs per task")
    p.add_argument(
        "--cli-every",
        type=int,
        default=200,
        help="also run every Nth input through the CLI on a file (0: never)",
    )
    p.add_argument(
        "--hypothesis",
        type=int,
        metavar="N",
        help="instead, run the CI properties with N hypothesis examples each",
    )
    p.add_argument(
        "--files",
        action="store_true",
        help="instead, real --fix runs on trees with links, modes, special files, a "
        "writer racing the tool and signals (each input is one scenario)",
    )
    p.add_argument(
        "--replay", type=Path, metavar="FILE", help="re-check the input saved in a failure file"
    )
    args = p.parse_args(argv)
    if args.files:
        args.batch = min(args.batch, 5)
    if args.replay:
        case = json.loads(args.replay.read_text())
        for key in ("shrunk", "input"):
            print(f"{key}: {case[key]!r}\n  -> {classify(case[key], case['filename'])}")
        return 0
    if args.hypothesis:
        return run_hypothesis(args)
    return run_random(args)


if __name__ == "__main__":
    raise SystemExit(main())
