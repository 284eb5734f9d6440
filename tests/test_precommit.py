"""The hooks in .pre-commit-hooks.yaml, run as a user runs them: the real
``pre-commit try-repo`` against this checkout, inside a throwaway git repository.

Each try-repo installs the hook afresh (a new virtualenv, this checkout and its
dependencies installed with pip, from PyPI): try-repo keeps hook environments in a
temporary store of its own and ignores PRE_COMMIT_HOME for them, so no two runs can
share one. Three runs, each an install: expect some 30 s in all.
"""

from __future__ import annotations

import os
import re
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
    """What the hooks are installed from: this checkout, or a one-commit copy of its
    work tree.

    In a fresh clone (CI) the checkout is used as it is. A work tree with changes not
    yet committed (the hook manifest itself, a new module) would install without
    them (try-repo leaves out untracked files, a pinned rev every change), so then the
    hooks come from a repository holding the whole work tree instead (ignored files
    left out).
    """
    top = git("rev-parse", "--show-toplevel", cwd=CHECKOUT, env=env).strip()
    assert Path(top).resolve() == CHECKOUT, f"{CHECKOUT} is not the top of a git checkout"
    listed = git(
        "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=CHECKOUT, env=env
    )
    # `pre-commit run` with a pinned rev installs that commit: uncommitted changes to
    # tracked files need the snapshot too.
    if not git("status", "--porcelain", "--untracked-files=normal", cwd=CHECKOUT, env=env):
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
    return pre_commit(command, project, env)


def pre_commit(command: list[str], project: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run pre-commit in ``project``: (exit code, output, with its log on an error)."""
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


# -- the README's snippets, as printed ---------------------------------------------------

README = CHECKOUT / "README.md"
URL, REV = "<url of transcript-lint>", "<commit id>"
HEADER = "City Council of Example Town - unofficial transcript\n\n"


def readme_snippets() -> dict[str, str]:
    """The YAML blocks of the README's pre-commit section, by the hook they use."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## pre-commit\n") :]
    section = section[: section.index("\n## ", 1)]
    blocks = [b.split("```", 1)[0] for b in section.split("```yaml\n")[1:]]
    return {b.split("- id: ", 1)[1].split()[0]: b for b in blocks}


def test_readme_has_one_snippet_per_use() -> None:
    snippets = readme_snippets()
    assert sorted(snippets) == ["transcript-lint", "transcript-lint-fix"]
    for snippet in snippets.values():
        assert snippet.count("- id:") == 1 and URL in snippet and REV in snippet


def test_manifest_hooks_are_serial_and_match_any_case() -> None:
    yaml = pytest.importorskip("yaml")  # pre-commit's own dependency
    hooks = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["transcript-lint", "transcript-lint-fix"]
    for hook in hooks:
        assert hook["require_serial"] is True
        assert "--force-exclude" in hook["entry"].split()
        pattern = re.compile(hook["files"])
        assert all(pattern.search(n) for n in ("a.txt", "SPEECH.TXT", "notes.Md", "b.srt"))
        assert not pattern.search("a.py")


def pinned(hook_repo: Path, env: dict[str, str]) -> str:
    return git("rev-parse", "HEAD", cwd=hook_repo, env=env).strip()


def run_snippet(
    project: Path,
    hook_repo: Path,
    hook: str,
    env: dict[str, str],
    extra_env: dict[str, str] | None = None,
) -> tuple[int, str]:
    """`pre-commit run --all-files` with the README's snippet for ``hook`` as the
    project's config, the URL and rev filled in: a fresh clone of this checkout."""
    config = (
        readme_snippets()[hook].replace(URL, str(hook_repo)).replace(REV, pinned(hook_repo, env))
    )
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=project, env=env)
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color=never"]
    return pre_commit(command, project, {**env, **(extra_env or {})})


def test_fix_snippet_as_printed(project: Path, hook_repo: Path, env: dict[str, str]) -> None:
    code, output = run_snippet(project, hook_repo, "transcript-lint-fix", env)
    assert code == 1 and "files were modified by this hook" in output, output
    assert read(project / "talk.txt") == TALK_FIXED
    code, output = run_snippet(project, hook_repo, "transcript-lint-fix", env)
    assert code == 0 and "Passed" in output, output


def test_corpus_evidence_is_gathered_once_for_more_files_than_a_chunk(
    tmp_path: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    """50 files with one boilerplate header. Without require_serial pre-commit would
    split them across processes (TRAVIS=1 makes it use two, whatever the cores), and
    each would see half the corpus: "25 of 25 files", two summaries."""
    root = tmp_path / "corpus"
    root.mkdir()
    init_repo(root, env)
    for n in range(1, 51):
        (root / f"t{n:02}.txt").write_text(
            f"{HEADER}Speaker {n} said the budget grew by {n} percent.\n", encoding="utf-8"
        )
    commit_all(root, env)
    code, output = run_snippet(root, hook_repo, "transcript-lint", env, {"TRAVIS": "1"})
    assert code == 1, output
    findings = [line for line in output.splitlines() if ": PG004 " in line]
    assert len(findings) == 50, output
    assert all(line.endswith("(header or footer of 50 of 50 files)") for line in findings), output
    summaries = [line for line in output.splitlines() if line.startswith("Found ")]
    # One run, and its hint names the hook and `args:`, not options.
    assert summaries == [
        "Found 50 problems (50 more with `args: [--unsafe-fixes]` on the transcript-lint-fix hook)."
    ], output


def test_done_when_a_fresh_clone_hook_run_behaves_as_documented(
    tmp_path: Path, hook_repo: Path, env: dict[str, str]
) -> None:
    """The issue's scenario: an excluded folder, a git-ignored folder (one file in it
    tracked all the same), 50 transcripts and one suppressed line: the report hook
    passes; without the suppression it fails on that line alone."""
    root = tmp_path / "transcripts"
    root.mkdir()
    init_repo(root, env)
    (root / "transcript-lint.toml").write_text('exclude = ["archive/"]\n', encoding="utf-8")
    (root / ".gitignore").write_text("generated/\n", encoding="utf-8")
    for folder in ("archive", "generated", "talks"):
        (root / folder).mkdir()
    (root / "archive" / "old.txt").write_bytes(TALK.encode())
    (root / "generated" / "out.txt").write_bytes(TALK.encode())
    for n in range(1, 50):
        (root / "talks" / f"talk{n:02}.txt").write_text(
            f"Speaker {n} said the budget grew by {n} percent.\n", encoding="utf-8"
        )
    quoted = "<!-- transcript-lint-disable-next-line SP002 -->\nShe wrote: the the crowd cheered.\n"
    (root / "talks" / "QUOTED.MD").write_text(f"# Quoted\n\n{quoted}", encoding="utf-8")
    commit_all(root, env)
    git("add", "--force", "generated/out.txt", cwd=root, env=env)
    commit_all(root, env)

    code, output = run_snippet(root, hook_repo, "transcript-lint", env)
    assert code == 0 and "Passed" in output, output

    (root / "talks" / "QUOTED.MD").write_text(
        "# Quoted\n\nShe wrote: the the crowd cheered.\n", encoding="utf-8"
    )
    code, output = run_snippet(root, hook_repo, "transcript-lint", env)
    assert code == 1, output
    findings = [line for line in output.splitlines() if ": SP002 " in line or "WS00" in line]
    assert findings == ["talks/QUOTED.MD:3:12: SP002 Doubled word 'the the'"], output
    # The excluded and git-ignored files pre-commit names are left out quietly.
    assert "warning:" not in output, output
