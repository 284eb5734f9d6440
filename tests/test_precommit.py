"""The hooks in .pre-commit-hooks.yaml, run as a user runs them: the real
``pre-commit try-repo`` against this checkout, inside a throwaway git repository.

Each try-repo installs the hook afresh (a new virtualenv, this checkout and its
dependencies installed with pip, from PyPI): try-repo keeps hook environments in a
temporary store of its own and ignores PRE_COMMIT_HOME for them, so no two runs can
share one. Three runs, each an install: expect some 30 s in all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("git") is None, reason="git is not installed (pre-commit needs it)"
    ),
]

CHECKOUT = Path(__file__).resolve().parents[1]
TALK = "Hello there.   \nSecond line.\n\n\nThird line.\n"
TALK_FIXED = "Hello there.\nSecond line.\n\nThird line.\n"
NOTES = "# Notes\n\nNothing to fix here.\n"
TIMEOUT = 600  # seconds for one pre-commit run: a pip install from PyPI

# Variables that would point git (and so pre-commit) at another repository, as they
# are set when this suite itself runs inside a git hook.
GIT_REPOSITORY_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment for git and pre-commit: no SKIP, no foreign repository, and a
    pre-commit home of our own (its log and database; not the hook environments)."""
    env = {k: v for k, v in os.environ.items() if k not in (*GIT_REPOSITORY_VARIABLES, "SKIP")}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    return env


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{result.stderr}"
    return result.stdout


def init_repo(path: Path, env: dict[str, str]) -> None:
    git("init", "--quiet", cwd=path, env=env)
    git("config", "user.name", "transcript-lint tests", cwd=path, env=env)
    git("config", "user.email", "tests@example.invalid", cwd=path, env=env)
    git("config", "commit.gpgsign", "false", cwd=path, env=env)


def commit_all(path: Path, env: dict[str, str]) -> None:
    git("add", "--all", cwd=path, env=env)
    git("commit", "--quiet", "--no-verify", "-m", "snapshot", cwd=path, env=env)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """What try-repo is pointed at: this checkout, or a one-commit copy of its work tree.

    try-repo installs the checkout's HEAD, and when tracked files have uncommitted
    changes it commits them to a shadow clone first (``git add -u``): files that git
    does not track yet are left out. In a fresh clone (CI) that is everything, so the
    checkout is used as it is. A work tree with new files not yet committed (the hook
    manifest itself, a new module) would install without them, so then try-repo gets
    a repository holding the whole work tree instead (ignored files left out).
    """
    top = git("rev-parse", "--show-toplevel", cwd=CHECKOUT, env=env).strip()
    assert Path(top).resolve() == CHECKOUT, f"{CHECKOUT} is not the top of a git checkout"
    listed = git(
        "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=CHECKOUT, env=env
    )
    untracked = git("ls-files", "-z", "--others", "--exclude-standard", cwd=CHECKOUT, env=env)
    if not untracked:
        return CHECKOUT
    snapshot = tmp_path_factory.mktemp("checkout-snapshot")
    for name in filter(None, listed.split("\0")):
        source = CHECKOUT / name
        if source.is_file() or source.is_symlink():  # a tracked file deleted: left out
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    init_repo(snapshot, env)
    commit_all(snapshot, env)
    return snapshot


@pytest.fixture
def project(tmp_path: Path, env: dict[str, str]) -> Path:
    """A user's repository: one transcript with artifacts, one clean Markdown file."""
    root = tmp_path / "project"
    root.mkdir()
    init_repo(root, env)
    (root / "talk.txt").write_bytes(TALK.encode())
    (root / "notes.md").write_bytes(NOTES.encode())
    commit_all(root, env)
    return root


def try_repo(project: Path, hook_repo: Path, hook: str, env: dict[str, str]) -> tuple[int, str]:
    """Run one hook of the manifest on every file of ``project``: (exit code, output)."""
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(hook_repo),
        hook,
        "--all-files",
        "--color=never",
    ]
    result = subprocess.run(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
    )
    output = result.stdout
    log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
    if "An error has occurred" in output and log.exists():
        output += f"\n--- {log} ---\n" + log.read_text(encoding="utf-8", errors="replace")
    return result.returncode, output


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def test_report_hook_fails_and_names_file_and_code(
    project: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    code, output = try_repo(project, hook_repo, "transcript-lint", env)

    assert code == 1, output
    assert "An error has occurred" not in output, output
    findings = [line for line in output.splitlines() if "talk.txt" in line]
    assert any("WS001" in line for line in findings), output
    assert any("WS003" in line for line in findings), output
    assert "notes.md" not in output, output
    # Reporting changes nothing.
    assert read(project / "talk.txt") == TALK
    assert read(project / "notes.md") == NOTES


def test_fix_hook_fixes_file_then_passes(
    project: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    code, output = try_repo(project, hook_repo, "transcript-lint-fix", env)

    assert code == 1, output  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in output, output
    assert read(project / "talk.txt") == TALK_FIXED
    assert read(project / "notes.md") == NOTES

    code, output = try_repo(project, hook_repo, "transcript-lint-fix", env)

    assert code == 0, output
    assert "Passed" in output, output
    assert read(project / "talk.txt") == TALK_FIXED
