"""The project lexicon: what a corpus taught, in one reviewable file.

``transcript-lint learn PATHS`` writes it; every run reads it, so the pre-commit
hook on one changed file knows the corpus' canonical casings, accepted words and
boilerplate lines without reading the corpus again. The file is TOML, one entry per
line, sorted, with no dates, so re-learning the same corpus gives the same bytes::

    # transcript-lint lexicon ...
    [boilerplate]
    "Press Room" = { files = 41 }

    [terms]
    "GitHub" = { files = 20, reviewed = true }

An entry marked ``reviewed = true`` was checked by a person: ``learn`` never changes
or drops it. ``ignore = true`` (with ``reviewed``) keeps a learned entry out for good.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, TypeVar, cast

from lint import files
from lint.records import record

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")
DEFAULT_NAME = "transcript-lint-lexicon.toml"
HEADER = (
    "# transcript-lint lexicon: what `transcript-lint learn` found in this corpus.\n"
    "# Review it and commit it. Mark an entry `reviewed = true` to keep it as you\n"
    "# wrote it; add `ignore = true` as well to keep a learned entry out for good.\n"
)


MAX_SIZE_MB = 50  # a lexicon is read by every run: a device or a huge file is an error


class LexiconError(Exception):
    """A lexicon file that cannot be read; the message names the file."""


@record(frozen=True, slots=True)
class Entry:
    files: int
    reviewed: bool = False
    ignore: bool = False


@record(frozen=True)
class Lexicon:
    """Sections (``terms``, ``words``, ``boilerplate``...) of key -> entry."""

    sections: Mapping[str, Mapping[str, Entry]] = field(default_factory=dict)
    # Indexes of the entries that rules build (see ``shared``); not part of the value.
    _shared: dict[tuple[Callable[[Lexicon, Any], object], object], object] = field(
        default_factory=dict, compare=False, repr=False
    )

    def shared(self, analysis: Callable[[Lexicon, K], T], key: K) -> T:
        """``analysis(self, key)``, computed once per lexicon and key: a run hands
        the same lexicon to every file, so a rule can index its entries once per
        run instead of once per file (like ``Document.shared``)."""
        try:
            return cast(T, self._shared[analysis, key])
        except KeyError:
            value = self._shared[analysis, key] = analysis(self, key)
            return value

    def section(self, name: str) -> Mapping[str, Entry]:
        return self.sections.get(name, {})

    def keys(self, name: str) -> frozenset[str]:
        """The keys of a section that are in force (not ignored)."""
        return frozenset(k for k, e in self.section(name).items() if not e.ignore)

    def merge_learned(self, learned: Mapping[str, Mapping[str, int]]) -> Lexicon:
        """This lexicon with learned entries replacing learned ones; reviewed ones stay.

        A section that was learned again loses its old learned entries that were not
        found this time.
        """
        sections: dict[str, dict[str, Entry]] = {
            name: {k: e for k, e in entries.items() if e.reviewed or name not in learned}
            for name, entries in self.sections.items()
        }
        for name, entries in learned.items():
            target = sections.setdefault(name, {})
            for key, count in entries.items():
                if key not in target:
                    target[key] = Entry(count)
        return Lexicon(dict(sections))

    def dumps(self) -> str:
        lines = [HEADER]
        for name in sorted(self.sections):
            lines.append(f"\n[{name}]\n")
            for key in sorted(self.sections[name]):
                e = self.sections[name][key]
                fields = [f"files = {e.files}"]
                if e.reviewed:
                    fields.append("reviewed = true")
                if e.ignore:
                    fields.append("ignore = true")
                lines.append(f"{_toml_string(key)} = {{ {', '.join(fields)} }}\n")
        return "".join(lines)


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string.
    import json  # only writing a lexicon needs it

    return json.dumps(text, ensure_ascii=False)


def load(path: Path) -> Lexicon:
    """Read a lexicon file; a missing file is an empty lexicon."""
    try:
        text = _read(path)
    except FileNotFoundError:
        return Lexicon()
    import tomllib  # a run without a lexicon file never imports TOML (40 M instructions)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: invalid TOML: {exc}") from None
    sections: dict[str, Mapping[str, Entry]] = {}
    for name, entries in data.items():
        if not isinstance(entries, dict):
            raise LexiconError(f"{path}: [{name}] must be a table of entries")
        parsed = {}
        for key, value in entries.items():
            if not isinstance(value, dict) or not isinstance(value.get("files", 0), int):
                raise LexiconError(f"{path}: [{name}] {key!r}: expected {{ files = N }}")
            unknown = set(value) - {"files", "reviewed", "ignore"}
            if unknown:
                raise LexiconError(
                    f"{path}: [{name}] {key!r}: unknown field '{sorted(unknown)[0]}'"
                )
            parsed[key] = Entry(
                value.get("files", 0), bool(value.get("reviewed")), bool(value.get("ignore"))
            )
        sections[name] = parsed
    return Lexicon(sections)


def _read(path: Path) -> str:
    """The text of a lexicon file: a regular file within the size limit, UTF-8."""
    if not path.exists() and not path.is_symlink():
        raise FileNotFoundError(path)
    try:
        data, _ = files.read_bytes(path, MAX_SIZE_MB)
        return data.decode("utf-8")
    except (files.InputError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon: {exc}") from None


def save(path: Path, lexicon: Lexicon) -> None:
    """Write the lexicon to ``path``, which must be new or a lexicon (its header, or
    entries a person wrote): a config that names some other file never gets that
    file overwritten."""
    if path.exists() or path.is_symlink():
        try:
            head, _ = files.read_bytes(path, MAX_SIZE_MB)
        except files.InputError as exc:
            raise LexiconError(f"{path}: cannot read lexicon: {exc}") from None
        ours = head.startswith(HEADER.encode()[: HEADER.index(":")]) or load(path).sections
        if head.strip() and not ours:
            raise LexiconError(
                f"{path}: not a transcript-lint lexicon (it does not start with "
                f"'{HEADER[: HEADER.index(':')]}'); not overwritten"
            )
    files.write_atomically(path, lexicon.dumps(), "utf-8")
