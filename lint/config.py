"""Settings: found next to the files checked, merged with the command line.

Settings live in ``transcript-lint.toml`` (top-level keys) or in the
``[tool.transcript-lint]`` table of ``pyproject.toml``. For each file the nearest
such file walking up from its folder applies (``--config`` names one for all), and
the path patterns in it (``include``, ``exclude``, ``extend-exclude``,
``per-file-ignores``) are gitignore patterns anchored at its folder. Options given
on the command line override the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import regex

from lint import lexicon
from lint.evidence import Evidence
from lint.lexicon import Lexicon
from lint.patterns import lazy_regex
from lint.records import record
from lint.rule import Context, Rule

CONFIG_FILE = "transcript-lint.toml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.transcript-lint"
SELECTOR = lazy_regex(r"ALL|[A-Z]{2}\d{0,3}")
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.srt", "*.vtt")
# Folders never searched (a folder or file named on the command line is still
# checked, unless --force-exclude).
ALWAYS_EXCLUDED = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
)
DEFAULT_MAX_FILE_SIZE_MB = 50
DEFAULT_BASELINE = "transcript-lint-baseline.json"
GATE_KEYS = {"max-per-10k-words"}


class ConfigError(Exception):
    """A setting that cannot be used; the message names the file and the key."""


@record(frozen=True)
class Gate:
    """Quality limits of a run: findings per 10,000 words allowed, by code or family
    (the most specific selector that matches a code counts it), from ``source``."""

    limits: tuple[tuple[str, float], ...]
    source: str


@record(frozen=True)
class Settings:
    """Everything that decides how one file is checked."""

    root: Path = field(default_factory=Path.cwd)
    source: str = "defaults"
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    words: frozenset[str] = frozenset()
    terms: tuple[str, ...] = ()
    verbatim: bool = False
    ignore_patterns: tuple[regex.Pattern[str], ...] = ()
    max_file_size_mb: int = DEFAULT_MAX_FILE_SIZE_MB
    lexicon_path: Path | None = None
    lexicon: Lexicon = field(default_factory=Lexicon)
    baseline_name: str = DEFAULT_BASELINE
    gate: Gate | None = None
    # The keys given on the command line (``select``, ...), so errors name their source.
    from_cli: frozenset[str] = frozenset()

    @property
    def baseline_path(self) -> Path:
        """The baseline file of the files these settings apply to."""
        return self.root / self.baseline_name

    def context(self, evidence: Evidence | None = None) -> Context:
        return Context(
            words=self.words,
            terms=self.terms,
            verbatim=self.verbatim,
            lexicon=self.lexicon,
            evidence=evidence or Evidence(),
        )

    @cached_property
    def findings_key(self) -> str:
        """A digest of the settings besides the rule selection that decide a file's
        findings (words, terms, verbatim, ignore-patterns, the size limit, the
        lexicon): computed once per settings, for the results cache."""
        import hashlib  # only a run with the results cache asks

        parts = (
            tuple(sorted(self.words)),
            self.terms,
            self.verbatim,
            tuple((p.pattern, p.flags) for p in self.ignore_patterns),
            self.max_file_size_mb,
            repr(self.lexicon),
        )
        return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def _roots(self) -> tuple[Path, Path]:
        return self.root.absolute(), self.root.resolve()

    def relative(self, path: Path) -> str | None:
        """The path relative to the config's folder, or None for a path outside it."""
        absolute = path.absolute()
        for root in self._roots:
            if absolute.is_relative_to(root):
                return absolute.relative_to(root).as_posix()
        resolved = path.resolve()
        if resolved.is_relative_to(self._roots[1]):
            return resolved.relative_to(self._roots[1]).as_posix()
        return None

    def pattern_path(self, path: Path) -> str:
        """What path patterns are matched against: the path relative to the config's
        folder; outside it (``--config`` elsewhere) relative to the current folder, or
        the bare name, so that ``*.md`` still applies."""
        relative = self.relative(path)
        if relative is not None:
            return relative
        absolute = path.absolute()
        cwd = Path.cwd()
        return absolute.relative_to(cwd).as_posix() if absolute.is_relative_to(cwd) else path.name

    @cached_property
    def _exclude_spec(self) -> PathMatcher:
        return _spec((*self.exclude, *self.extend_exclude))

    @cached_property
    def _include_spec(self) -> PathMatcher:
        return _spec(self.include)

    @cached_property
    def _per_file_specs(self) -> tuple[tuple[PathMatcher, tuple[str, ...]], ...]:
        return tuple((_spec((pattern,)), codes) for pattern, codes in self.per_file_ignores)

    def is_excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Whether ``exclude`` or ``extend-exclude`` matches the path (gitignore
        semantics: ``archive/`` is every folder so named, ``/archive/`` only the one
        beside the config file)."""
        relative = self.pattern_path(path)
        return self.excludes(relative + "/" if is_dir else relative)

    def excludes(self, relative: str) -> bool:
        """``is_excluded`` of a ``pattern_path`` (a folder's with a final ``/``)."""
        return self._exclude_spec.match_file(relative)

    def is_included(self, path: Path) -> bool:
        """Whether ``include`` matches the file; extensions in any case (``NOTES.MD``)."""
        return self.includes(self.pattern_path(path))

    def includes(self, relative: str) -> bool:
        """``is_included`` of a ``pattern_path``."""
        if self._include_spec.match_file(relative):
            return True
        stem, dot, suffix = relative.rpartition(".")
        lowered = f"{stem}.{suffix.lower()}"
        return (
            bool(dot)
            and "/" not in suffix
            and lowered != relative
            and (self._include_spec.match_file(lowered))
        )

    def describe(self, path: Path) -> list[str]:
        """The settings a file is checked with, as TOML, and where they came from."""
        import json  # only --show-settings needs it

        def toml(value: object) -> str:
            return json.dumps(value, ensure_ascii=False)

        cli = f" (command line: {', '.join(sorted(self.from_cli))})" if self.from_cli else ""
        lines = [
            f"# {path}: settings from {self.source}{cli}",
            f"# patterns relative to {self.root.absolute()}",
            "select = " + (toml(list(self.select)) if self.select is not None else "# defaults"),
            f"extend-select = {toml(list(self.extend_select))}",
            f"ignore = {toml(list(self.ignore))}",
            f"per-file-ignores = {toml(dict((k, list(v)) for k, v in self.per_file_ignores))}",
            f"include = {toml(list(self.include))}",
            f"exclude = {toml(list(self.exclude))}",
            f"extend-exclude = {toml(list(self.extend_exclude))}",
            f"respect-gitignore = {toml(self.respect_gitignore)}",
            f"force-exclude = {toml(self.force_exclude)}",
            f"words = {toml(sorted(self.words))}",
            f"terms = {toml(list(self.terms))}",
            f"verbatim = {toml(self.verbatim)}",
            f"ignore-patterns = {toml([p.pattern for p in self.ignore_patterns])}",
            f"max-file-size-mb = {self.max_file_size_mb}",
            f"lexicon = {toml(str(self.lexicon_path))}",
            f"baseline = {toml(self.baseline_name)}",
        ]
        if self.gate is not None:
            lines.append(f"gate.max-per-10k-words = {toml(dict(self.gate.limits))}")
        return lines

    def enabled_rules(self, rules: Sequence[Rule], path: Path | None = None) -> list[Rule]:
        """The rules that apply, by select / extend-select / ignore / per-file-ignores."""
        ignore = self.ignore
        if path is not None and self._per_file_specs:
            relative = self.pattern_path(path)
            for spec, codes in self._per_file_specs:
                if spec.match_file(relative):
                    ignore += codes
        # Asked once or twice per file: the answer is worked out once per rule set
        # and ignore list (36 rules x 10,000 files cost a cached run 0.6 s). Codes,
        # not rules, are kept: settings go to worker processes, rules do not pickle.
        codes = tuple(r.code for r in rules)
        enabled = self._enabled_codes.get((codes, ignore))
        if enabled is None:
            enabled = self._enabled_codes[codes, ignore] = frozenset(
                r.code for r in rules if _is_enabled(r, self.select, self.extend_select, ignore)
            )
        return [r for r in rules if r.code in enabled]

    @cached_property
    def _enabled_codes(self) -> dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]]:
        return {}  # see enabled_rules

    def check_selectors(self, rules: Sequence[Rule]) -> None:
        """Raise ConfigError for a selector that names no rule."""
        lists: list[tuple[str, Iterable[str]]] = [
            ("select", self.select or ()),
            ("extend-select", self.extend_select),
            ("ignore", self.ignore),
            *((f"per-file-ignores.{glob}", codes) for glob, codes in self.per_file_ignores),
            ("gate.max-per-10k-words", (s for s, _ in self.gate.limits) if self.gate else ()),
        ]
        for key, selectors in lists:
            for selector in selectors:
                if selector != "ALL" and not any(r.code.startswith(selector) for r in rules):
                    source = "command line" if key in self.from_cli else self.source
                    option = f"--{key}" if key in self.from_cli else key
                    raise ConfigError(f"{source}: {option}: no rule matches '{selector}'")


class PathMatcher(Protocol):
    """What a list of path patterns answers (a ``pathspec.GitIgnoreSpec``)."""

    def match_file(self, file: str, /) -> bool: ...


class _NoPatterns:
    def match_file(self, file: str, /) -> bool:
        return False


def _spec(patterns: Iterable[str]) -> PathMatcher:
    """Gitignore patterns; ``./archive/`` is taken as ``/archive/`` (anchored), as
    users write it, where git would match nothing. Without patterns (the default
    ``exclude``), pathspec and its backend probes (10 ms and more) are not loaded."""
    lines = ["/" + p[2:] if p.startswith("./") else p for p in patterns]
    if not lines:
        return _NoPatterns()
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _specificity(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector matching ``code`` (0 for ALL), -1 for none."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def _is_enabled(
    rule: Rule, select: Sequence[str] | None, extend_select: Sequence[str], ignore: Sequence[str]
) -> bool:
    """The most specific selector wins; at equal specificity ``ignore`` wins.

    A family prefix turns on the rules of the family that are on by default; a rule
    that is off by default is turned on only by its own code or by ``ALL``.
    """
    selected = _specificity(rule.code, extend_select)
    if select is None:
        if rule.default:
            selected = max(selected, 1)
    else:
        selected = max(selected, _specificity(rule.code, select))
    if selected < 0:
        return False
    if not rule.default and selected not in (0, len(rule.code)):
        return False
    return _specificity(rule.code, ignore) < selected


# -- reading files -------------------------------------------------------------------

_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "force-exclude",
    "words",
    "ignore-patterns",
    "max-file-size-mb",
    "lexicon",
    "terms",
    "verbatim",
    "baseline",
    "gate",
}


def find_config_file(start: Path) -> Path | None:
    """The nearest config file in ``start`` or a folder above it."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder.resolve(), *folder.resolve().parents):
        own = config_in(candidate)
        if own is not None:
            return own
    return None


def config_in(folder: Path) -> Path | None:
    """The config file of this very folder, if it has one."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and _has_table(pyproject):
        return pyproject
    return None


def _has_table(pyproject: Path) -> bool:
    try:
        return "[tool.transcript-lint" in pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_settings(path: Path) -> Settings:
    """Read one config file; raise ConfigError naming the file and key on any problem."""
    import tomllib  # a run without a config file never parses TOML

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("transcript-lint", {})
        where = f"{path} [{TABLE}]"
    else:
        where = str(path)
    return parse_settings(data, where, path.parent)


def parse_settings(data: Mapping[str, Any], source: str, root: Path) -> Settings:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown key '{unknown[0]}'")
    settings = Settings(root=root, source=source)
    values: dict[str, Any] = {}
    for key, value in data.items():
        attribute = key.replace("-", "_")
        if key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: {key}: expected a table of glob = [codes]")
            _patterns(list(value), f"{source}: {key}")
            values[attribute] = tuple(
                (glob, _selectors(codes, f"{source}: {key}.{glob}"))
                for glob, codes in value.items()
            )
        elif key in ("select", "extend-select", "ignore"):
            values[attribute] = _selectors(value, f"{source}: {key}")
        elif key in ("include", "exclude", "extend-exclude"):
            values[attribute] = _patterns(value, f"{source}: {key}")
        elif key == "words":
            values[attribute] = frozenset(_strings(value, f"{source}: {key}"))
        elif key == "terms":
            values[attribute] = _strings(value, f"{source}: {key}")
        elif key in ("verbatim", "respect-gitignore", "force-exclude"):
            if not isinstance(value, bool):
                raise ConfigError(f"{source}: {key}: expected true or false")
            values[attribute] = value
        elif key == "ignore-patterns":
            values[attribute] = compile_patterns(
                _strings(value, f"{source}: {key}"), f"{source}: {key}"
            )
        elif key == "lexicon":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{source}: {key}: expected a file name")
            values["lexicon_path"] = root / value
        elif key == "max-file-size-mb":
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{source}: {key}: expected a positive whole number")
            values[attribute] = value
        elif key == "baseline":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: {key}: expected a file name")
            values["baseline_name"] = value
        elif key == "gate":
            values[attribute] = _gate(value, source)
    return with_lexicon(replace(settings, **values))


def with_lexicon(settings: Settings) -> Settings:
    """The settings with their lexicon file read (by default the one at the root)."""
    path = settings.lexicon_path or settings.root / lexicon.DEFAULT_NAME
    try:
        return replace(settings, lexicon_path=path, lexicon=lexicon.load(path))
    except lexicon.LexiconError as exc:
        raise ConfigError(str(exc)) from None


def _gate(value: Any, source: str) -> Gate | None:
    """The gate table; one that sets no limit is no gate (every finding counts)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: gate: expected a table (max-per-10k-words = {{...}})")
    unknown = sorted(set(value) - GATE_KEYS)
    if unknown:
        raise ConfigError(f"{source}: gate: unknown key '{unknown[0]}'")
    table = value.get("max-per-10k-words", {})
    where = f"{source}: gate.max-per-10k-words"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of code or family = rate")
    _selectors(list(table), where)
    limits = []
    for selector, limit in sorted(table.items()):
        if not isinstance(limit, int | float) or isinstance(limit, bool) or not limit >= 0:
            raise ConfigError(f"{where}.{selector}: expected a number of 0 or more")
        limits.append((selector, float(limit)))
    return Gate(tuple(limits), source) if limits else None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _patterns(value: Any, where: str) -> tuple[str, ...]:
    """Gitignore patterns; one that git could not read is a config error."""
    patterns = _strings(value, where)
    for pattern in patterns:
        try:
            _spec((pattern,))
        except ValueError as exc:
            raise ConfigError(f"{where}: invalid pattern '{pattern}': {exc}") from None
    return patterns


def _selectors(value: Any, where: str) -> tuple[str, ...]:
    selectors = _strings(value, where)
    for selector in selectors:
        if not SELECTOR.fullmatch(selector):
            raise ConfigError(
                f"{where}: '{selector}' is not a rule code or family (e.g. WS, WS001)"
            )
    return selectors


def parse_selectors(text: str, where: str) -> tuple[str, ...]:
    """Selectors from a comma-separated command-line value."""
    return _selectors([part.strip() for part in text.split(",") if part.strip()], where)


def compile_patterns(patterns: Iterable[str], where: str) -> tuple[regex.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(regex.compile(pattern, regex.MULTILINE))
        except regex.error as exc:
            raise ConfigError(f"{where}: invalid regex '{pattern}': {exc}") from None
    return tuple(compiled)


@record(frozen=True)
class Overrides:
    """Settings given on the command line; they win over any file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None

    def apply(self, settings: Settings) -> Settings:
        changes: dict[str, Any] = {k: v for k, v in vars(self).items() if v is not None}
        if not changes:
            return settings
        keys = frozenset(k.replace("_", "-") for k in changes)
        return replace(settings, **changes, from_cli=keys)


class SettingsResolver:
    """Finds the settings for each file, reading each config file once."""

    def __init__(self, overrides: Overrides, config: Path | None = None) -> None:
        self._overrides = overrides
        self._fixed = overrides.apply(load_settings(config)) if config is not None else None
        self._by_config: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Settings] = {}
        self._configs: dict[Path, Path | None] = {}  # folder -> its nearest config file

    def for_path(self, path: Path) -> Settings:
        if self._fixed is not None:
            return self._fixed
        folder = path.parent
        if folder not in self._by_folder:
            config = self._config_of(folder)
            if config not in self._by_config:
                base = (
                    load_settings(config)
                    if config is not None
                    else with_lexicon(Settings(root=Path.cwd()))
                )
                self._by_config[config] = self._overrides.apply(base)
            self._by_folder[folder] = self._by_config[config]
        return self._by_folder[folder]

    def _config_of(self, folder: Path) -> Path | None:
        """The nearest config file, from the folders seen before where it can: a walk
        asks for every folder of a tree, and each then costs one look, at any depth."""
        # Not resolved (that is a look per folder above it): a folder reached through a
        # link takes the config above the link, as git takes its ignore files.
        start = Path(os.path.abspath(folder))
        unknown = []
        here: Path | None = start
        while here is not None and here not in self._configs:
            own = config_in(here)
            if own is not None:
                self._configs[here] = own
                break
            unknown.append(here)
            here = here.parent if here.parent != here else None
        found = self._configs.get(here) if here is not None else None
        for seen in unknown:
            self._configs[seen] = found
        return found
