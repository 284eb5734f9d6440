from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lint.config import ConfigError, Settings, find_config_file, load_settings, parse_settings
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


@pytest.mark.parametrize(
    ("path", "excluded"),
    [
        ("drafts/a.txt", True),
        ("x/drafts/a.txt", True),
        ("notes/old.md", True),
        ("notes/new.md", False),
        ("a.txt", False),
        (".git/a.txt", True),
        ("sub/node_modules/a.txt", True),
    ],
)
def test_exclude(tmp_path: Path, path: str, excluded: bool) -> None:
    settings = Settings(root=tmp_path, exclude=("drafts", "notes/old.md"))
    assert settings.is_excluded(tmp_path / path) is excluded


def test_include(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path)
    assert settings.is_included(tmp_path / "a" / "b.txt")
    assert settings.is_included(tmp_path / "c.markdown")
    assert not settings.is_included(tmp_path / "d.py")


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
