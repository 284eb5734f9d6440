"""Which files a run checks: folders walked as git would list them, named files as named.

A folder is walked without recursion (any depth) and without following links to
folders (no loops). What is found is checked when ``include`` matches it and neither
the always-excluded folders (``.git``, ``.venv``, ``build``, ...), ``exclude`` /
``extend-exclude`` nor, with ``respect-gitignore`` (the default), git's ignore files
(``.gitignore`` in every folder, ``.git/info/exclude``, the user's
``~/.config/git/ignore``) exclude it. A file named on the command line is checked
unless ``exclude`` matches it; ``force-exclude`` applies the always-excluded folders
and git's ignore files to it too (for pre-commit, which names every file).

Links to files found in a folder are not followed: their target is checked where it
lives, or, outside the folders asked for, not checked (said in every run; a link
named on the command line is checked); a dangling one is an error. FIFOs, sockets
and devices are skipped, also said in every run: reading one could block the run.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from lint.config import ALWAYS_EXCLUDED, Settings, SettingsResolver
from lint.records import record
from lint.result import FileResult

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

GIT_IGNORE_FILE = ".gitignore"
NOT_REGULAR = "not a regular file (a FIFO, socket or device)"
LINK_OUTSIDE = "symbolic link to a file outside the folders checked (name it to check it)"
NOTICES = frozenset({NOT_REGULAR, LINK_OUTSIDE})  # said in every run (``Skipped.notice``)


@record(frozen=True)
class Skipped:
    """A file or folder seen and not checked, and why (shown by ``--show-files``)."""

    display: str
    reason: str
    # Said in every run, not only by --show-files: a file the user may expect to be
    # checked (a FIFO or device, a link to a file outside the folders checked).
    notice: bool = False


@record()
class Selection:
    """The files of a run (path, name shown), in a stable order, each once."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    errors: list[FileResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # The paths given that selected no file: "no transcript files found under". A
    # file named and excluded counts only when the run selects nothing at all (as
    # ruff warns): pre-commit names every file, the excluded ones too.
    empty: list[str] = field(default_factory=list)
    stdin: bool = False


Sources = tuple[tuple[str, "GitIgnoreSpec"], ...]  # (folder with a final "/", its patterns)


class GitIgnore:
    """Git's ignore files, each read once; only inside a git work tree, as git does.

    Folders are plain absolute strings here: a walk asks about every file, and
    building a ``Path`` for each costs more than the matching.
    """

    def __init__(self) -> None:
        self._tops: dict[str, str | None] = {}
        self._sources: dict[str, Sources] = {}
        self._repository_specs: dict[str, tuple[GitIgnoreSpec, ...]] = {}

    def top(self, folder: str) -> str | None:
        """The top folder of the git work tree holding ``folder``."""
        chain = []
        here = folder
        while here not in self._tops:
            if os.path.exists(os.path.join(here, ".git")):
                self._tops[here] = here
                break
            chain.append(here)
            parent = os.path.dirname(here)
            if parent == here:
                self._tops[here] = None
                break
            here = parent
        found = self._tops[here]
        for seen in chain:
            self._tops[seen] = found
        return found

    def ignored_in(self, folder: str, name: str, is_dir: bool) -> bool:
        """Whether git ignores ``name`` in the absolute ``folder``."""
        path = os.path.join(folder, name) + ("/" if is_dir else "")
        # Deeper ignore files win over higher ones, and all over the repository's own.
        for base, spec in self._sources_of(folder):
            include = spec.check_file(path[len(base) :]).include
            if include is not None:
                return include
        return False

    def ignored_with_folders(self, path: Path, is_dir: bool) -> bool:
        """Whether git ignores the path or any folder above it in its work tree."""
        absolute = os.path.abspath(path)
        top = self.top(os.path.dirname(absolute))
        if top is None:
            return False
        folders = []
        folder = os.path.dirname(absolute)
        while folder != top:
            folders.append(folder)
            folder = os.path.dirname(folder)
        return any(
            self.ignored_in(os.path.dirname(f), os.path.basename(f), True)
            for f in reversed(folders)
        ) or self.ignored_in(os.path.dirname(absolute), os.path.basename(absolute), is_dir)

    def _sources_of(self, folder: str) -> Sources:
        """The ignore files that apply in ``folder``, the deepest first."""
        if folder in self._sources:
            return self._sources[folder]
        top = self.top(folder)
        if top is None:
            return ()
        chain = []
        here = folder
        while here not in self._sources and here != top:
            chain.append(here)
            here = os.path.dirname(here)
        if here not in self._sources:  # the top: its own file, then the repository's
            self._sources[here] = (
                *_own(here),
                *((_base(here), spec) for spec in self._repository(here)),
            )
        sources = self._sources[here]
        for seen in reversed(chain):
            sources = (*_own(seen), *sources)
            self._sources[seen] = sources
        return sources

    def _repository(self, top: str) -> tuple[GitIgnoreSpec, ...]:
        """``info/exclude`` of the repository, then the user's global ignore file."""
        if top not in self._repository_specs:
            found = (
                _read_spec(_git_dir(Path(top)) / "info" / "exclude"),
                _read_spec(_global_file()),
            )
            self._repository_specs[top] = tuple(s for s in found if s is not None)
        return self._repository_specs[top]


def _base(folder: str) -> str:
    return folder if folder.endswith("/") else folder + "/"


def _own(folder: str) -> Sources:
    spec = _read_spec(Path(folder) / GIT_IGNORE_FILE)
    return ((_base(folder), spec),) if spec is not None else ()


def _git_dir(top: Path) -> Path:
    """The repository folder: ``.git``, or for a linked work tree the common one."""
    dot_git = top / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        pointer = dot_git.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return dot_git
    git_dir = (top / pointer.removeprefix("gitdir:").strip()).resolve()
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return git_dir
    return (git_dir / common).resolve()


def _global_file() -> Path:
    """Git's default global ignore file (a ``core.excludesFile`` setting is not read)."""
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "git" / "ignore"


def _read_spec(path: Path) -> GitIgnoreSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec  # loaded only where an ignore file is read

    try:
        return GitIgnoreSpec.from_lines(lines)
    except ValueError:  # a line git would skip; git does not fail on it either
        return GitIgnoreSpec.from_lines(line for line in lines if _valid(line))


def _valid(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


def select(
    paths: Sequence[str], resolver: SettingsResolver, show_skipped: bool = False
) -> Selection:
    """The files to check for the paths given; missing paths and broken links become
    errors. With ``show_skipped``, also why each file seen was not selected."""
    selection = Selection()
    ignore = GitIgnore()
    roots = [Path(p).resolve() for p in paths if p != "-" and Path(p).is_dir()]
    seen: set[str] = set()
    excluded_files: set[str] = set()  # files named that an exclusion leaves out
    for argument in paths:
        if argument == "-":
            selection.stdin = True
            continue
        path = Path(argument)
        before = len(selection.errors)
        if not path.exists():
            selection.errors.append(FileResult(argument, error="no such file or directory"))
            continue
        is_dir = path.is_dir()
        settings = resolver.for_path(path / "_" if is_dir else path)
        reason = _named_exclusion(path, settings, ignore, is_dir)
        if reason:
            selection.skipped.append(Skipped(os.path.normpath(path), reason))
            if not is_dir:
                excluded_files.add(argument)
            found = []
        elif is_dir:
            # A folder git ignores, named: asked for, so checked without git's files.
            git = not ignore.ignored_with_folders(path, True)
            found = _walk(path, resolver, ignore, git, roots, selection, show_skipped)
        else:
            found = [path]
        if not found and len(selection.errors) == before:
            selection.empty.append(argument)
        for file in found:
            # One path cannot list a file twice (links are not followed); several can.
            key = os.path.realpath(file) if len(paths) > 1 else ""
            if not key or key not in seen:
                seen.add(key)
                selection.files.append((file, os.path.normpath(file)))
    if selection.files or selection.stdin:
        selection.empty = [p for p in selection.empty if p not in excluded_files]
    return selection


def _named_exclusion(path: Path, settings: Settings, ignore: GitIgnore, is_dir: bool) -> str:
    """Why a path named on the command line is not checked, or "" when it is."""
    if settings.is_excluded(path, is_dir):
        return f"excluded by the exclude setting ({settings.source})"
    if not settings.force_exclude:
        return ""
    relative = settings.relative(path)
    parts = (relative or path.absolute().as_posix()).split("/")
    if any(part in ALWAYS_EXCLUDED for part in (parts if is_dir else parts[:-1])):
        return "in a folder never searched (force-exclude)"
    if settings.respect_gitignore and ignore.ignored_with_folders(path, is_dir):
        return "ignored by git (force-exclude)"
    return ""


def _walk(
    folder: Path,
    resolver: SettingsResolver,
    ignore: GitIgnore,
    git: bool,
    roots: Sequence[Path],
    selection: Selection,
    show_skipped: bool,
) -> list[Path]:
    """The files selected under a folder, in the order of a sorted depth-first walk.
    Names are matched as strings: a ``Path`` is made only for what is selected."""
    found: list[Path] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        settings = resolver.for_path(here / "_")
        prefix = settings.pattern_path(here)
        prefix = "" if prefix == "." else prefix + "/"
        absolute = os.path.abspath(here)
        gitignore = git and settings.respect_gitignore
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as exc:
            error = f"cannot read folder: {exc.strerror or exc}"
            selection.errors.append(FileResult(os.path.normpath(here), error=error))
            continue
        folders = []
        for entry in entries:
            name = entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
                is_file = not is_link and not is_dir and entry.is_file(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if not (
                    name in ALWAYS_EXCLUDED
                    or settings.excludes(f"{prefix}{name}/")
                    or (gitignore and ignore.ignored_in(absolute, name, True))
                ):
                    folders.append(here / name)
                continue
            relative = prefix + name
            if not settings.includes(relative) or settings.excludes(relative):
                continue
            if gitignore and ignore.ignored_in(absolute, name, False):
                continue
            if is_file:
                found.append(here / name)
                continue
            reason = _not_regular(here / name, is_link, roots, selection)
            if reason is None:
                found.append(here / name)
            elif reason and (show_skipped or reason in NOTICES):
                notice = reason in NOTICES
                selection.skipped.append(Skipped(os.path.normpath(here / name), reason, notice))
        stack.extend(reversed(folders))
    return found


def _not_regular(
    path: Path, is_link: bool, roots: Sequence[Path], selection: Selection
) -> str | None:
    """Why a file found that is not a plain regular one is not checked (None: it is
    checked after all; "" when a broken link was recorded as an error)."""
    try:
        info = path.stat()
    except OSError:
        if is_link:
            selection.errors.append(FileResult(os.path.normpath(path), error=_broken_link(path)))
            return ""
        return "cannot be read"
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR
    if not is_link:
        return None
    target = path.resolve()
    if any(target.is_relative_to(root) for root in roots):
        return "symbolic link (its target is checked where it lives)"
    return LINK_OUTSIDE


def _broken_link(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    try:
        target = os.readlink(path)
    except OSError:
        return "broken symbolic link"
    return f"broken symbolic link (to {target})"


def listing(selection: Selection) -> list[str]:
    """What ``--show-files`` prints: the files selected, then those not, and why."""
    lines = [display for _, display in sorted(selection.files, key=lambda f: f[1])]
    lines += [f"{s.display}: not checked: {s.reason}" for s in selection.skipped]
    lines += [f"{e.path}: error: {e.error}" for e in selection.errors]
    return lines
