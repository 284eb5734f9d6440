from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lint.config import (
    _KEYS,
    ConfigError,
    Overrides,
    Settings,
    find_config_file,
    load_settings,
    parse_settings,
)
from lint.document import Document
from lint.rule import Context, Rule, Violation, rule


def _nothing(doc: Document, ctx: Context) -> Iterator[Violation]:
    """Test rule."""
    yield from ()


ON = rule("AB001", "on-by-default")(_nothing)
ALSO_ON = rule("AB002", "also-on")(_nothing)
OFF = rule("AB003", "off-by-default", default=False)(_nothing)
OTHER = rule("CD001", "other-family")(_nothing)
RULES: list[Rule] = [ON, ALSO_ON, OFF, OTHER]


def enabled(**kwargs: object) -> list[str]:
    settings = parse_settings(kwargs, "test", Path("."))
    return [r.code for r in settings.enabled_rules(RULES)]


@pytest.mark.parametrize(
    ("config", "codes"),
    [
        ({}, ["AB001", "AB002", "CD001"]),
        ({"select": ["AB"]}, ["AB001", "AB002"]),
        ({"select": ["AB003"]}, ["AB003"]),
        ({"select": ["ALL"]}, ["AB001", "AB002", "AB003", "CD001"]),
        ({"extend-select": ["AB003"]}, ["AB001", "AB002", "AB003", "CD001"]),
        ({"ignore": ["AB"]}, ["CD001"]),
        ({"select": ["AB001"], "ignore": ["AB"]}, ["AB001"]),
        ({"select": ["AB"], "ignore": ["AB"]}, []),
        ({"select": ["ALL"], "ignore": ["AB00"]}, ["CD001"]),
        ({"select": ["AB"], "extend-select": ["CD"]}, ["AB001", "AB002", "CD001"]),
    ],
)
def test_most_specific_selector_wins(config: dict[str, object], codes: list[str]) -> None:
    assert enabled(**config) == codes


def test_per_file_ignores(tmp_path: Path) -> None:
    settings = parse_settings(
        {"per-file-ignores": {"raw/*.txt": ["AB001"], "*.md": ["CD"]}}, "t", tmp_path
    )
    assert [r.code for r in settings.enabled_rules(RULES, tmp_path / "raw" / "a.txt")] == [
        "AB002",
        "CD001",
    ]
    assert [r.code for r in settings.enabled_rules(RULES, tmp_path / "x" / "b.md")] == [
        "AB001",
        "AB002",
    ]
    assert [r.code for r in settings.enabled_rules(RULES, tmp_path / "c.txt")] == [
        "AB001",
        "AB002",
        "CD001",
    ]


def test_check_selectors_names_the_key() -> None:
    with pytest.raises(ConfigError, match=r"test: ignore: no rule matches 'EF'"):
        parse_settings({"ignore": ["EF"]}, "test", Path(".")).check_selectors(RULES)


@pytest.mark.parametrize("pattern", ["archive/", "./archive/", "/archive/", "archive", "archive/*"])
def test_exclude_folder_as_users_write_it(tmp_path: Path, pattern: str) -> None:
    settings = parse_settings({"exclude": [pattern]}, "t", tmp_path)
    assert settings.is_excluded(tmp_path / "archive" / "a.txt")
    assert settings.is_excluded(tmp_path / "archive" / "sub" / "a.txt")
    # `archive/*` matches what is in the folder, as in git, not the folder itself.
    assert settings.is_excluded(tmp_path / "archive", is_dir=True) is (pattern != "archive/*")
    assert not settings.is_excluded(tmp_path / "archived.txt")
    assert not settings.is_excluded(tmp_path / "talks" / "a.txt")


@pytest.mark.parametrize(
    ("patterns", "path", "excluded"),
    [
        (["archive/"], "x/archive/a.txt", True),  # no slash but the last: at any depth
        (["/archive/"], "x/archive/a.txt", False),  # anchored at the config's folder
        (["./archive/"], "x/archive/a.txt", False),
        (["archive/"], "archive", False),  # a trailing slash matches folders only
        (["drafts/*.md"], "drafts/a.md", True),
        (["drafts/*.md"], "x/drafts/a.md", False),
        (["**/drafts/*.md"], "x/drafts/a.md", True),
        (["*.md", "!keep.md"], "keep.md", False),
        (["notes/old.md"], "notes/old.md", True),
        (["notes/old.md"], "notes/new.md", False),
    ],
)
def test_exclude_has_gitignore_semantics(
    tmp_path: Path, patterns: list[str], path: str, excluded: bool
) -> None:
    settings = parse_settings({"exclude": patterns}, "t", tmp_path)
    assert settings.is_excluded(tmp_path / path) is excluded


def test_extend_exclude_adds_to_exclude(tmp_path: Path) -> None:
    settings = parse_settings({"exclude": ["a/"], "extend-exclude": ["b/"]}, "t", tmp_path)
    assert settings.is_excluded(tmp_path / "a" / "x.txt")
    assert settings.is_excluded(tmp_path / "b" / "x.txt")
    assert not settings.is_excluded(tmp_path / "c" / "x.txt")


def test_path_outside_the_config_folder_is_matched_from_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--config elsewhere/transcript-lint.toml` for the files here, as ruff does.
    monkeypatch.chdir(tmp_path)
    settings = parse_settings({"exclude": ["/drafts/"]}, "t", tmp_path / "elsewhere")
    assert settings.is_excluded(tmp_path / "drafts" / "a.txt")
    assert not settings.is_excluded(tmp_path / "talks" / "drafts" / "a.txt")


def test_include(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    assert settings.is_included(tmp_path / "a" / "b.txt")
    assert settings.is_included(tmp_path / "c.markdown")
    assert not settings.is_included(tmp_path / "d.py")
    assert not settings.is_included(tmp_path / "txt")


@pytest.mark.parametrize("name", ["SPEECH.TXT", "notes.MD", "a/Talk.Srt", "b.Markdown"])
def test_include_ignores_the_case_of_extensions(tmp_path: Path, name: str) -> None:
    assert Settings(root=tmp_path).is_included(tmp_path / name)


def test_per_file_ignores_anchor_at_the_config_folder(tmp_path: Path) -> None:
    settings = parse_settings({"per-file-ignores": {"/raw/": ["AB001"]}}, "t", tmp_path)
    assert [r.code for r in settings.enabled_rules(RULES, tmp_path / "raw" / "a.txt")] == [
        "AB002",
        "CD001",
    ]
    nested = settings.enabled_rules(RULES, tmp_path / "x" / "raw" / "a.txt")
    assert [r.code for r in nested] == ["AB001", "AB002", "CD001"]


@pytest.mark.parametrize("key", ["exclude", "extend-exclude", "include"])
def test_pattern_lists_are_checked(key: str) -> None:
    with pytest.raises(ConfigError, match=rf"test: {key}: expected a list of strings"):
        parse_settings({key: "archive/"}, "test", Path("."))


@pytest.mark.parametrize("key", ["respect-gitignore", "force-exclude"])
def test_switches_are_booleans(key: str) -> None:
    with pytest.raises(ConfigError, match=rf"test: {key}: expected true or false"):
        parse_settings({key: "yes"}, "test", Path("."))
    assert getattr(parse_settings({key: False}, "t", Path(".")), key.replace("-", "_")) is False


def test_selector_from_the_command_line_is_blamed_on_it() -> None:
    settings = Overrides(select=("XX",)).apply(
        parse_settings({}, "transcript-lint.toml", Path("."))
    )
    with pytest.raises(ConfigError, match=r"^command line: --select: no rule matches 'XX'$"):
        settings.check_selectors(RULES)
    from_file = parse_settings({"select": ["XX"]}, "transcript-lint.toml", Path("."))
    with pytest.raises(ConfigError, match=r"^transcript-lint.toml: select: no rule matches"):
        from_file.check_selectors(RULES)


def test_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.transcript-lint]\nwords = ['a']\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "sub" / "deeper").mkdir()
    assert find_config_file(tmp_path / "sub" / "deeper" / "f.txt") == tmp_path / "pyproject.toml"
    (tmp_path / "sub" / "transcript-lint.toml").write_text("words = ['b']\n")
    found = find_config_file(tmp_path / "sub" / "deeper" / "f.txt")
    assert found == tmp_path / "sub" / "transcript-lint.toml"
    settings = load_settings(found)
    assert settings.words == frozenset({"b"})
    assert settings.root == tmp_path / "sub"


def test_pyproject_errors_name_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.transcript-lint]\nwrods = ['a']\n")
    with pytest.raises(
        ConfigError, match=r"pyproject.toml \[tool.transcript-lint\]: unknown key 'wrods'"
    ):
        load_settings(tmp_path / "pyproject.toml")


# -- the JSON Schema shipped for editors ------------------------------------------------

SCHEMA = json.loads((resources.files("lint") / "data" / "settings.schema.json").read_text())
README = Path(__file__).resolve().parents[1] / "README.md"


def schema_errors(data: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [error.message for error in validator.iter_errors(data)]


def test_schema_is_a_valid_schema_naming_every_key() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert set(SCHEMA["properties"]) == _KEYS


def test_readme_example_is_valid_for_schema_and_loader(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    block = text[text.index("```toml\n[tool.transcript-lint]") + 8 :]
    table = tomllib.loads(block[: block.index("```")])["tool"]["transcript-lint"]
    assert schema_errors(table) == []
    parse_settings(table, "README", tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        {"select": ["WS001", "EN"], "ignore": ["ALL"], "extend-select": ["SU001"]},
        {"per-file-ignores": {"/raw/": ["EN"]}, "exclude": ["archive/"]},
        {"respect-gitignore": False, "force-exclude": True, "extend-exclude": ["x/"]},
        {"gate": {"max-per-10k-words": {"MW": 0.5, "ALL": 0}}, "max-file-size-mb": 2},
        {"ignore-patterns": [r"\{time\}"], "words": ["Zhijun"], "verbatim": True},
    ],
)
def test_schema_and_loader_accept_the_same(tmp_path: Path, data: dict[str, Any]) -> None:
    assert schema_errors(data) == []
    parse_settings(data, "t", tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        {"wrods": ["a"]},
        {"select": ["ws001"]},
        {"select": "WS"},
        {"exclude": "archive/"},
        {"per-file-ignores": {"raw/": "EN"}},
        {"respect-gitignore": "yes"},
        {"force-exclude": 1},
        {"max-file-size-mb": 0},
        {"max-file-size-mb": 1.5},
        {"ignore-patterns": ["(unclosed"]},
        {"baseline": " "},
        {"lexicon": ""},
        {"gate": {"max-per-10k-words": {"MW": -1}}},
        {"gate": {"max-per-10k-words": {"mw": 1}}},
        {"gate": {"limit": {}}},
    ],
)
def test_schema_and_loader_reject_the_same(tmp_path: Path, data: dict[str, Any]) -> None:
    assert schema_errors(data) != []
    with pytest.raises(ConfigError):
        parse_settings(data, "t", tmp_path)
