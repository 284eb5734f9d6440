"""Which files a run checks: gitignore-style patterns, git's ignore files, named files,
links and special files found in folders, and the warning when nothing is checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run, write

pytestmark = pytest.mark.usefixtures("in_tmp")

CLEAN = "Clean line.\n"
DIRTY = "Trailing space.  \n"


def shown_files(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    code, out, err = run(capsys, "check", "--show-files", *argv)
    assert (code, err) == (0, "")
    return out.splitlines()


def git_repository(root: Path) -> None:
    """What marks a git work tree for discovery (no git needed)."""
    (root / ".git" / "info").mkdir(parents=True)


@pytest.mark.parametrize("pattern", ["archive/", "./archive/", "/archive/", "archive"])
def test_excluded_folder_is_not_walked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pattern: str
) -> None:
    write(tmp_path / "transcript-lint.toml", f'exclude = ["{pattern}"]\n')
    write(tmp_path / "archive" / "old.txt", DIRTY)
    write(tmp_path / "talk.txt", CLEAN)
    assert shown_files(capsys, ".") == ["talk.txt"]
    assert run(capsys, "check", ".") == (0, "All checks passed!\n", "")


def test_gitignore_is_honoured_by_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    git_repository(tmp_path)
    write(tmp_path / ".gitignore", "generated/\n*.tmp.txt\n")
    write(tmp_path / "sub" / ".gitignore", "local.md\n!keep.tmp.txt\n")
    write(tmp_path / ".git" / "info" / "exclude", "private/\n")
    for name in (
        "generated/a.txt",
        "b.tmp.txt",
        "sub/local.md",
        "sub/keep.tmp.txt",
        "private/c.txt",
        "sub/talk.md",
        "talk.txt",
    ):
        write(tmp_path / name, CLEAN)
    assert shown_files(capsys, ".") == ["sub/keep.tmp.txt", "sub/talk.md", "talk.txt"]
    assert len(shown_files(capsys, "--no-respect-gitignore", ".")) == 7
    write(tmp_path / "transcript-lint.toml", "respect-gitignore = false\n")
    assert len(shown_files(capsys, ".")) == 7


def test_global_git_ignore_file_is_honoured(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Git's default global file: $XDG_CONFIG_HOME/git/ignore, else ~/.config/git/ignore.
    git_repository(tmp_path / "repo")
    write(tmp_path / "repo" / "scratch" / "a.txt", CLEAN)
    write(tmp_path / "repo" / "talk.txt", CLEAN)
    write(tmp_path / "home" / ".config" / "git" / "ignore", "scratch/\n")
    write(tmp_path / "xdg" / "git" / "ignore", "talk.txt\n")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert shown_files(capsys, "repo") == ["repo/talk.txt"]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert shown_files(capsys, "repo") == ["repo/scratch/a.txt"]


def test_gitignore_outside_a_git_work_tree_is_not_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / ".gitignore", "*.txt\n")
    write(tmp_path / "talk.txt", CLEAN)
    assert shown_files(capsys, ".") == ["talk.txt"]


def test_gitignore_above_the_folder_checked_applies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    git_repository(tmp_path)
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "talks" / "drafts" / "a.txt", CLEAN)
    write(tmp_path / "talks" / "b.txt", CLEAN)
    os.chdir(tmp_path / "talks")
    assert shown_files(capsys, ".") == ["b.txt"]


def test_named_file_in_a_default_excluded_folder_is_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "build" / "a.txt", DIRTY)
    write(tmp_path / "venv" / "b.txt", CLEAN)
    assert shown_files(capsys, ".") == []
    code, out, _ = run(capsys, "check", "build/a.txt")
    assert code == 1 and "build/a.txt:1:16: WS001" in out
    code, _, err = run(capsys, "check", "--force-exclude", "build/a.txt", "venv/b.txt")
    assert code == 0
    assert err == "warning: no transcript files found under: build/a.txt, venv/b.txt\n"


def test_force_exclude_applies_gitignore_to_named_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    git_repository(tmp_path)
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "generated" / "deep" / "a.txt", DIRTY)
    assert run(capsys, "check", "generated/deep/a.txt")[0] == 1
    write(tmp_path / "transcript-lint.toml", "force-exclude = true\n")
    lines = shown_files(capsys, "generated/deep/a.txt")
    assert lines == ["generated/deep/a.txt: not checked: ignored by git (force-exclude)"]
    assert run(capsys, "check", "generated/deep/a.txt")[0] == 0


def test_named_file_matching_exclude_is_shown_with_the_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", 'exclude = ["drafts/"]\n')
    write(tmp_path / "drafts" / "a.txt", DIRTY)
    write(tmp_path / "b.txt", CLEAN)
    assert shown_files(capsys, "drafts/a.txt", "b.txt") == [
        "b.txt",
        "drafts/a.txt: not checked: excluded by the exclude setting "
        f"({tmp_path / 'transcript-lint.toml'})",
    ]


def test_extensions_match_in_any_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "SPEECH.TXT", DIRTY)
    write(tmp_path / "notes.MD", CLEAN)
    write(tmp_path / "code.PY", CLEAN)
    assert shown_files(capsys, ".") == ["SPEECH.TXT", "notes.MD"]
    code, out, _ = run(capsys, "check", ".")
    assert code == 1 and "SPEECH.TXT:1:16: WS001" in out


@pytest.mark.parametrize("layout", ["empty", "no transcript", "only excluded"])
def test_nothing_checked_warns_and_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, layout: str
) -> None:
    (tmp_path / "archive").mkdir()
    if layout == "no transcript":
        write(tmp_path / "archive" / "data.csv", "a,b\n")
    if layout == "only excluded":
        write(tmp_path / "transcript-lint.toml", 'exclude = ["archive/"]\n')
        write(tmp_path / "archive" / "a.txt", DIRTY)
    code, out, err = run(capsys, "check", "archive/")
    assert (code, err) == (0, "warning: no transcript files found under: archive/\n")
    assert out == "All checks passed!\n"


def test_warning_names_only_the_empty_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "talks" / "a.txt", CLEAN)
    (tmp_path / "wrong").mkdir()
    code, _, err = run(capsys, "check", "talks", "wrong")
    assert (code, err) == (0, "warning: no transcript files found under: wrong\n")


def test_files_named_and_excluded_beside_files_checked_are_no_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # pre-commit names every file, the excluded ones too: a warning listing them on
    # every run would be noise. An empty folder named is still worth one.
    git_repository(tmp_path)
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "transcript-lint.toml", 'exclude = ["archive/"]\nforce-exclude = true\n')
    write(tmp_path / "archive" / "a.txt", DIRTY)
    write(tmp_path / "generated" / "b.txt", DIRTY)
    write(tmp_path / "talks" / "c.txt", CLEAN)
    (tmp_path / "wrong").mkdir()
    named = ["archive/a.txt", "generated/b.txt", "talks/c.txt"]
    assert run(capsys, "check", *named) == (0, "All checks passed!\n", "")
    code, _, err = run(capsys, "check", *named, "wrong")
    assert (code, err) == (0, "warning: no transcript files found under: wrong\n")
    code, _, err = run(capsys, "check", *named[:2])
    assert (code, err) == (
        0,
        "warning: no transcript files found under: archive/a.txt, generated/b.txt\n",
    )


def test_dangling_link_in_a_folder_is_one_error_and_the_rest_is_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "a.txt", DIRTY)
    (tmp_path / "b.txt").symlink_to("gone.txt")
    code, out, err = run(capsys, "check", ".")
    assert code == 2
    assert err == "transcript-lint: error: b.txt: broken symbolic link (to gone.txt)\n"
    assert "a.txt:1:16: WS001" in out


def test_symlink_loop_in_a_folder_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(capsys, "check", ".")
    assert (code, err) == (2, "transcript-lint: error: loop.txt: symbolic link loop\n")


def test_links_to_folders_are_not_followed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "talks" / "a.txt", CLEAN)
    (tmp_path / "talks" / "again").symlink_to(tmp_path / "talks", target_is_directory=True)
    assert shown_files(capsys, ".") == ["talks/a.txt"]


def test_linked_files_are_checked_where_they_live(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "outside" / "secret.txt", DIRTY)
    write(tmp_path / "talks" / "a.txt", CLEAN)
    (tmp_path / "talks" / "latest.txt").symlink_to(tmp_path / "talks" / "a.txt")
    (tmp_path / "talks" / "other.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    assert shown_files(capsys, "talks") == [
        "talks/a.txt",
        "talks/latest.txt: not checked: symbolic link (its target is checked where it lives)",
        "talks/other.txt: not checked: symbolic link to a file outside the folders checked"
        " (name it to check it)",
    ]
    # Not followed, and said: one line, the run passes (the target was not asked for).
    code, _, err = run(capsys, "check", "talks")
    assert (code, err) == (
        0,
        "warning: talks/other.txt: not checked: symbolic link to a file outside the folders"
        " checked (name it to check it)\n",
    )
    # The folder holding both the link and its target: the target is checked once.
    code, out, err = run(capsys, "check", ".")
    assert (code, err) == (1, "")
    assert "outside/secret.txt" in out and "talks/other.txt" not in out
    # Named, a link is checked: the user asked for it.
    assert run(capsys, "check", "talks/other.txt")[0] == 1


def test_fifo_in_a_folder_is_skipped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "a.txt", CLEAN)
    assert shown_files(capsys, ".") == [
        "a.txt",
        "pipe.txt: not checked: not a regular file (a FIFO, socket or device)",
    ]
    assert run(capsys, "check", ".") == (
        0,
        "All checks passed!\n",
        "warning: pipe.txt: not checked: not a regular file (a FIFO, socket or device)\n",
    )


def test_very_deep_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folders = [Path(*["d"] * n) for n in range(1, 1101)]  # deeper than the recursion limit
    try:
        for folder in folders:
            folder.mkdir()
        write(folders[-1] / "a.txt", DIRTY)
        code, out, _ = run(capsys, "check", ".")
        assert code == 1 and f"{folders[-1]}/a.txt:1:16: WS001" in out
    finally:  # bottom up: pytest's own clean-up (shutil.rmtree) recurses
        (folders[-1] / "a.txt").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.is_dir():
                folder.rmdir()


def test_show_settings_names_the_config_and_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "sub" / "transcript-lint.toml", 'words = ["Zhijun"]\nexclude = ["old/"]\n')
    code, out, err = run(capsys, "check", "--show-settings", "sub/a.txt", "--select", "WS")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    config = Path("sub") / "transcript-lint.toml"
    assert lines[0] == f"# sub/a.txt: settings from {config.absolute()} (command line: select)"
    assert 'select = ["WS"]' in lines
    assert 'words = ["Zhijun"]' in lines
    assert 'exclude = ["old/"]' in lines
    _, out, _ = run(capsys, "check", "--show-settings", "b.txt")
    assert out.splitlines()[0] == "# b.txt: settings from defaults"


def test_select_on_the_command_line_is_blamed_on_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "transcript-lint.toml", "words = []\n")
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(capsys, "check", "--select", "XX", "a.txt")
    assert (code, err) == (
        2,
        "transcript-lint: error: command line: --select: no rule matches 'XX'\n",
    )


def test_info_exclude_of_a_linked_work_tree_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # As `git worktree add` lays it out: .git is a file naming the work tree's git
    # folder, whose `commondir` leads to the repository holding info/exclude.
    common = tmp_path / "repo.git"
    (common / "worktrees" / "wt").mkdir(parents=True)
    (common / "worktrees" / "wt" / "commondir").write_text("../..\n")
    write(common / "info" / "exclude", "private/\n")
    tree = tmp_path / "wt"
    write(tree / ".git", f"gitdir: {common / 'worktrees' / 'wt'}\n")
    write(tree / "private" / "a.txt", CLEAN)
    write(tree / "b.txt", CLEAN)
    os.chdir(tree)
    assert shown_files(capsys, ".") == ["b.txt"]


def test_a_file_reached_by_two_paths_is_checked_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path / "talks" / "a.txt", DIRTY)
    assert shown_files(capsys, ".", "talks", "talks/a.txt") == ["talks/a.txt"]
    code, out, _ = run(capsys, "check", ".", "talks")
    assert code == 1 and out.count("WS001") == 1


def test_a_git_ignored_folder_named_is_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    git_repository(tmp_path)
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "generated" / "a.txt", DIRTY)
    assert shown_files(capsys, ".") == []
    assert shown_files(capsys, "generated") == ["generated/a.txt"]
    lines = shown_files(capsys, "--force-exclude", "generated")
    assert lines == ["generated: not checked: ignored by git (force-exclude)"]
