from __future__ import annotations

from pathlib import Path

import pytest

from lint.api import check_text, fix_text, settings_for
from lint.cli import main


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs in tests check every file: a result cached by one test must not answer
    for another that monkeypatches the engine (tests/test_cache.py turns it on)."""
    monkeypatch.setenv("TRANSCRIPT_LINT_NO_CACHE", "1")


def codes_and_spans(text: str, code: str, filename: str = "t.txt") -> list[tuple[int, int]]:
    """(start, end) of every finding of ``code`` in ``text``."""
    settings = settings_for(select=[code])
    return [(f.start, f.end) for f in check_text(text, filename=filename, settings=settings)]


def fixed(text: str, code: str, filename: str = "t.txt", unsafe: bool = False) -> str:
    return fix_text(
        text, filename=filename, settings=settings_for(select=[code]), unsafe=unsafe
    ).text


def write(path: Path, text: str, newline: str = "") -> Path:
    """Write ``text`` exactly (no newline translation), making folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as f:
        f.write(text)
    return path


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The exit code, standard output and standard error of ``main(argv)``."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, with colour settings of the environment removed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    return tmp_path
