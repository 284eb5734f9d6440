"""What --fix promises about the files it writes: a user's edit made during a run is
never overwritten, a deleted file is never created again, a Ctrl-C loses no report,
links, permissions, owners, groups, attributes and hard links are kept, and special
files are reported, not read."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lint import files, runner
from lint.cli import main

DIRTY = "We will  continue the work .\n"
FIXED = "We will continue the work.\n"
AS_ROOT = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing owners needs root"
)
CHANGED = "changed since it was read; not fixed"
PARAGRAPH = "A paragraph typed during the run.\n"  # nothing in it to fix
INTERRUPTED = re.compile(r"interrupted: (\d+) files fixed, (\d+) not checked")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make(root: Path, count: int, text: str = DIRTY) -> list[Path]:
    paths = [root / f"t{i:03}.txt" for i in range(count)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def between_read_and_write(
    monkeypatch: pytest.MonkeyPatch, name: str, act: Callable[[Path], None]
) -> None:
    """Run ``act`` on the file ``name`` after the run read it and before it writes."""
    real = runner.process_text

    def process_text(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        path = kwargs["path"]
        if path.name == name:
            act(path)
        return result

    monkeypatch.setattr(runner, "process_text", process_text)


def append(path: Path) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(PARAGRAPH)


def same_size_and_time(path: Path) -> None:
    """An edit that keeps the size and the modification time: only the hash tells."""
    info = path.stat()
    path.write_text(DIRTY.replace("work", "WORK"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def replaced(path: Path) -> None:
    """An editor's save: a new file renamed over the old one."""
    new = path.with_suffix(".new")
    new.write_text(DIRTY + "More  text.\n", encoding="utf-8")
    os.replace(new, path)


@pytest.mark.parametrize("edit", [append, same_size_and_time, replaced])
def test_a_file_edited_during_the_run_is_not_fixed(
    here: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path], None],
) -> None:
    make(here, 2)
    edited: list[bytes] = []

    def edit_and_keep(path: Path) -> None:
        edit(path)
        edited.append(path.read_bytes())

    between_read_and_write(monkeypatch, "t000.txt", edit_and_keep)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", "t000.txt", "t001.txt")
    assert code == 1
    assert f"t000.txt: {CHANGED}\n" in err
    assert "Not fixed, changed since they were read: t000.txt." in err
    assert "Fixed t000.txt" not in err and "Fixed t001.txt" in err
    assert (here / "t001.txt").read_text(encoding="utf-8") == FIXED
    # The user's edit is there as they made it (the fixes are not).
    assert [(here / "t000.txt").read_bytes()] == edited


def test_a_file_deleted_during_the_run_is_not_created_again(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make(here, 2)
    between_read_and_write(monkeypatch, "t000.txt", Path.unlink)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", ".")
    assert code == 1 and f"t000.txt: {CHANGED}" in err
    assert not (here / "t000.txt").exists()
    assert (here / "t001.txt").read_text(encoding="utf-8") == FIXED


def test_a_document_kept_from_the_evidence_pass_is_checked_against_the_disk(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small run keeps the documents read for the corpus evidence and fixes them
    without reading again: the write still looks at the disk first."""
    make(here, 3)
    real = runner.gather_job

    def gather_job(job: runner.Job, held: runner.Held | None = None) -> Any:
        evidence = real(job, held)
        if job.path.name == "t001.txt":
            assert held is not None and held.kept is not None  # the case under test
            assert job.path in held.kept
            append(job.path)
        return evidence

    monkeypatch.setattr(runner, "gather_job", gather_job)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", ".")
    assert code == 1 and f"t001.txt: {CHANGED}" in err
    assert (here / "t001.txt").read_text(encoding="utf-8").endswith("during the run.\n")


@pytest.mark.slow
def test_a_writer_racing_the_tool_loses_nothing(tmp_path: Path) -> None:
    """The tool (two workers) and this process, as a writer, change the same tree at
    once: whatever the interleaving, no deleted file comes back and every appended
    paragraph is still there at the end."""
    paths = make(tmp_path, 200, DIRTY * 200)
    tool = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "--fix", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert tool.stderr is not None
    tool.stderr.readline()  # the first file is written: the run is under way
    deleted, appended = paths[::10], paths[5::40]
    for path in reversed(deleted):
        path.unlink()
    for path in reversed(appended):
        append(path)
    err = tool.stderr.read()
    assert tool.wait(timeout=300) in (0, 1) and "Traceback" not in err
    assert not any(path.exists() for path in deleted)
    for path in appended:
        # (Read after the append, the run may fix the file: the paragraph is kept.)
        assert PARAGRAPH in path.read_text(encoding="utf-8")


# -- interrupts ------------------------------------------------------------------------


def ledger_files(path: Path) -> set[str]:
    return {json.loads(line)["file"] for line in path.read_text(encoding="utf-8").splitlines()}


def fixed_files(err: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^Fixed (\S+):", err, re.MULTILINE)}


def test_ctrl_c_stops_after_the_file_being_written_and_reports_it(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make(here, 10)
    real = files.write_atomically
    written: list[Path] = []

    def write_atomically(path: Path, *args: Any, **kwargs: Any) -> None:
        real(path, *args, **kwargs)
        written.append(path)
        if len(written) == 3:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(files, "write_atomically", write_atomically)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", "--ledger", "fixes.jsonl", ".")
    assert code == 130
    assert err.splitlines()[-1] == "interrupted: 3 files fixed, 7 not checked"
    assert "Traceback" not in err
    done = {"t000.txt", "t001.txt", "t002.txt"}
    assert fixed_files(err) == done == ledger_files(here / "fixes.jsonl")
    for path in paths:
        assert path.read_text(encoding="utf-8") == (FIXED if path.name in done else DIRTY)


def test_ctrl_c_while_gathering_evidence_fixes_nothing(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make(here, 10)
    real = runner.gather_job
    gathered: list[Path] = []

    def gather_job(job: runner.Job, held: runner.Held | None = None) -> Any:
        gathered.append(job.path)
        if len(gathered) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        return real(job, held)

    monkeypatch.setattr(runner, "gather_job", gather_job)
    # The process' own handler: Python's, or SIG_IGN when the tests were started in
    # the background by a shell (which then ignores SIGINT for them).
    own = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # the signal must arrive
    try:
        code, err = run(capsys, "check", "--fix", "--jobs", "1", ".")
        # The handlers are the process' own again.
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, own)
    assert (code, err) == (130, "interrupted: 0 files fixed, 10 not checked\n")
    assert len(gathered) == 2
    assert all(path.read_text(encoding="utf-8") == DIRTY for path in paths)


# A run whose workers send the signal to their process group after their third write:
# the moment is known, the delivery is real.
SIGNAL_AFTER_WRITES = """
import os, signal, sys
from lint import files
SIGNAL = getattr(signal, sys.argv.pop(1))
real = files.write_atomically
count = [0]
def write_atomically(*args, **kwargs):
    real(*args, **kwargs)
    count[0] += 1
    if count[0] == 3:
        os.killpg(os.getpgid(0), SIGNAL)
files.write_atomically = write_atomically
from lint.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def fix_with_ledger(ledger: Path, root: Path) -> list[str]:
    return ["check", "--fix", "--jobs", "2", "--ledger", str(ledger), str(root)]


@pytest.mark.slow
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_to_the_process_group_with_workers(tmp_path: Path, signame: str) -> None:
    paths = make(tmp_path, 60, DIRTY * 50)
    ledger = tmp_path / "fixes.jsonl"
    process = subprocess.run(
        [sys.executable, "-c", SIGNAL_AFTER_WRITES, signame, *fix_with_ledger(ledger, tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    err = process.stderr
    assert process.returncode == 130, err
    assert "Traceback" not in err
    summary = INTERRUPTED.fullmatch(err.splitlines()[-1])
    assert summary is not None
    fixed, unchecked = int(summary.group(1)), int(summary.group(2))
    reported = fixed_files(err)
    assert len(reported) == fixed and fixed >= 3 and unchecked > 0
    # Every file the workers were dealt is either reported fixed or not checked.
    assert fixed + unchecked == len(paths)
    assert {str(tmp_path / Path(name).name) for name in ledger_files(ledger)} == reported
    # The reported files are fixed (all alike), the others untouched.
    texts = {str(path): path.read_text(encoding="utf-8") for path in paths}
    assert len({texts[name] for name in reported}) == 1
    assert all((text == DIRTY * 50) == (name not in reported) for name, text in texts.items())
    assert [p for p in tmp_path.iterdir() if files.TEMPORARY_MARK in p.name] == []


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    make(tmp_path, 400, DIRTY * 400)
    process = subprocess.Popen(
        [sys.executable, "-m", "lint", "check", "--fix", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert process.stderr is not None
    process.stderr.readline()  # workers are running
    os.kill(process.pid, signal.SIGKILL)  # the parent only
    process.wait()
    deadline = time.monotonic() + 30
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not group_alive(process.pid)


# -- links, permissions, owners --------------------------------------------------------


def test_a_symlink_is_kept_and_its_target_fixed(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "elsewhere").mkdir()
    target = here / "elsewhere" / "real.txt"
    target.write_text(DIRTY, encoding="utf-8")
    (here / "link.txt").symlink_to(target)
    code, _ = run(capsys, "check", "--fix", "--jobs", "1", "link.txt")
    assert code == 0
    assert (here / "link.txt").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize("mode", [0o444, 0o400])
def test_a_read_only_file_is_refused(
    here: Path, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    (path,) = make(here, 1)
    path.chmod(mode)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")
    assert code == 2
    assert f"transcript-lint: error: t000.txt: read-only file (mode {mode:o}); not fixed" in err
    assert path.read_text(encoding="utf-8") == DIRTY
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_the_mode_is_kept(here: Path, capsys: pytest.CaptureFixture[str], mode: int) -> None:
    (path,) = make(here, 1)
    path.chmod(mode)
    assert run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")[0] == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == mode


@AS_ROOT
def test_owner_and_group_are_kept(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (path,) = make(here, 1)
    os.chown(path, 4321, 4322)
    assert run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")[0] == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)
    assert path.read_text(encoding="utf-8") == FIXED


@AS_ROOT
def test_the_group_in_a_setgid_folder_is_kept(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = here / "shared"
    folder.mkdir()
    os.chown(folder, 0, 4322)
    folder.chmod(0o2775)
    (path,) = make(folder, 1)
    os.chown(path, 0, 0)  # not the folder's group: a new file would get that one
    assert run(capsys, "check", "--fix", "--jobs", "1", "shared/t000.txt")[0] == 0
    assert path.stat().st_gid == 0
    assert path.read_text(encoding="utf-8") == FIXED


def test_extended_attributes_are_kept(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (path,) = make(here, 1)
    try:
        os.setxattr(path, "user.source", b"scraped 2024")
    except (AttributeError, OSError):
        pytest.skip("this file system (or OS) has no user extended attributes")
    assert run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")[0] == 0
    assert os.getxattr(path, "user.source") == b"scraped 2024"
    assert path.read_text(encoding="utf-8") == FIXED


def test_a_hard_linked_file_is_written_in_place(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (path,) = make(here, 1)
    other = here / "other-name.txt"
    os.link(path, other)
    inode = path.stat().st_ino
    assert run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")[0] == 0
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert [p.name for p in here.iterdir() if files.TEMPORARY_MARK in p.name] == []


def test_a_read_only_folder_is_named_as_the_cause(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Simulated: the tests may run as root, whom no folder mode stops.)"""
    import tempfile

    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    (path,) = make(here, 1)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", "t000.txt")
    assert code == 2
    assert f"the folder {here} is read-only for this user; not fixed" in err
    assert path.read_text(encoding="utf-8") == DIRTY


# -- what is read ----------------------------------------------------------------------


def test_a_fifo_is_reported_not_waited_on(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(here / "pipe.txt")
    make(here, 1)
    code, err = run(capsys, "check", "--fix", "--jobs", "1", "pipe.txt", "t000.txt")
    assert code == 2
    assert "transcript-lint: error: pipe.txt: not a regular file (a FIFO); not checked" in err
    assert (here / "t000.txt").read_text(encoding="utf-8") == FIXED


def test_a_device_is_reported_not_read(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "check", "--jobs", "1", "/dev/zero")
    assert (code, err.splitlines()[0]) == (
        2,
        "transcript-lint: error: /dev/zero: not a regular file (a device); not checked",
    )


def test_a_device_as_the_lexicon_is_an_error(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "transcript-lint.toml").write_text('lexicon = "/dev/zero"\n', encoding="utf-8")
    make(here, 1)
    code, err = run(capsys, "check", "--jobs", "1", "t000.txt")
    assert code == 2
    assert "/dev/zero: cannot read lexicon: not a regular file (a device)" in err


def test_the_size_limit_holds_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file bigger than its size said when it was opened (it grew, or it is a
    file system that does not know) is not read past the limit."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024 + 10))
    with pytest.raises(files.InputError, match="over the 2 MB limit"):
        files.read_bytes(path, 2)  # said by its size
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        info = list(real(fd))
        info[stat.ST_SIZE] = 0
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", fstat)
    with pytest.raises(files.InputError, match=r"file is 2\.0 MB, over the 2 MB limit"):
        files.read_bytes(path, 2)  # found while reading


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.raises(files.InputError, match=r"^cannot read: symbolic link loop$"):
        files.read_bytes(tmp_path / "loop.txt", 1)


def test_learn_never_overwrites_a_file_that_is_not_a_lexicon(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = here / "settings.toml"
    other.write_text("# my own notes, a valid TOML file\n", encoding="utf-8")
    make(here, 2)
    code = main(["learn", "--jobs", "1", "--lexicon", "settings.toml", "."])
    err = capsys.readouterr().err
    assert code == 2 and "not a transcript-lint lexicon" in err
    assert other.read_text(encoding="utf-8") == "# my own notes, a valid TOML file\n"
    assert main(["learn", "--jobs", "1", "--lexicon", "new-lexicon.toml", "."]) == 0
    assert main(["learn", "--jobs", "1", "--lexicon", "new-lexicon.toml", "."]) == 0


def test_learn_from_bad_input_alone_writes_no_lexicon(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["learn", "--jobs", "1", "missing-folder"]) == 2
    assert "missing-folder" in capsys.readouterr().err
    assert not (here / "transcript-lint-lexicon.toml").exists()


@pytest.mark.parametrize("content", ['{"name": "my package"}\n', "", "[tool]\nx = 1\n"])
def test_baseline_never_overwrites_a_file_that_is_not_a_baseline(
    here: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (here / "package.json").write_text(content, encoding="utf-8")
    (here / "transcript-lint.toml").write_text('baseline = "package.json"\n', encoding="utf-8")
    make(here, 2)
    code = main(["baseline", "--jobs", "1", "."])
    err = capsys.readouterr().err
    assert code == 2 and "package.json" in err and "Traceback" not in err
    assert (here / "package.json").read_text(encoding="utf-8") == content
    (here / "transcript-lint.toml").write_text('baseline = "new.json"\n', encoding="utf-8")
    assert main(["baseline", "--jobs", "1", "."]) == 0
    assert (here / "new.json").is_file()


# -- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_utf16_and_utf32_are_fixed_in_their_encoding(
    here: Path, capsys: pytest.CaptureFixture[str], encoding: str, bom: bytes
) -> None:
    path = here / "t.txt"
    path.write_bytes(bom + DIRTY.encode(encoding))
    assert run(capsys, "check", "--fix", "--jobs", "1", "t.txt")[0] == 0
    assert path.read_bytes() == bom + FIXED.encode(encoding)


def test_fixes_whose_file_would_be_misread_are_refused(tmp_path: Path) -> None:
    with pytest.raises(files.NotWritten, match="remove the byte-order mark"):
        files.check_reads_back("Text.\n", "utf-32-le")
    # UTF-16 LE starting with NUL begins FF FE 00 00, UTF-32 LE's mark. (Found by
    # the fuzz run: a fix removed an invisible character from before a NUL.) It is
    # read as UTF-16 when it is not valid UTF-32, and not written when it would be.
    data = b"\xff\xfe\x00\x00" + "Text.\n".encode("utf-16-le")
    assert files.decode(data) == ("\ufeff\x00Text.\n", "utf-16-le")
    files.check_reads_back("\ufeff\x00Text.\n", "utf-16-le")
    with pytest.raises(files.NotWritten, match="read back as other than UTF-16-LE"):
        files.check_reads_back("\ufeff\x00A\x00", "utf-16-le")  # also UTF-32: U+FEFF, A
    # Two stray bytes that a fix would join into one UTF-8 character.
    with pytest.raises(files.NotWritten, match="read back as other than UTF-8"):
        files.check_reads_back("x\udcc3\udca9y", "utf-8")
    for text, encoding in [
        ("\ufeffText.\n", "utf-32-le"),
        ("Text.\n", "utf-16-le"),  # read without a mark
        ("caf\udce9\n", "utf-8"),
        ("\ufeffTe\x00xt.\n", "utf-16-be"),
    ]:
        files.check_reads_back(text, encoding)


def test_a_stray_latin1_byte_is_reported_and_fixed_alone(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the stray byte changes, and only with --unsafe-fixes: the other non-ASCII
    characters (UTF-8) are kept as they are."""
    path = here / "t.txt"
    data = "The caf\u00e9 opened.\nA na".encode() + b"\xefve  question.\n"
    path.write_bytes(data)
    assert main(["check", "--jobs", "1", "--select", "EN007", "t.txt"]) == 1
    assert capsys.readouterr().out.startswith("t.txt:2:5: EN007 ")
    assert run(capsys, "check", "--fix", "--jobs", "1", "t.txt")[0] == 1
    assert path.read_bytes() == data.replace(b"  ", b" ")  # the byte is kept
    assert run(capsys, "check", "--fix", "--unsafe-fixes", "--jobs", "1", "t.txt")[0] == 0
    assert path.read_text(encoding="utf-8") == "The caf\u00e9 opened.\nA na\u00efve question.\n"


def test_the_stray_byte_rule_on_text(tmp_path: Path) -> None:
    from lint.api import check_text, fix_text, settings_for

    settings = settings_for(select=["EN007"])
    text = (b"x \xe9\x81 y \x93quoted\x94\n").decode("utf-8", files.ENCODE_ERRORS)
    findings = check_text(text, settings=settings)
    assert [(f.code, f.start, f.end) for f in findings] == [
        ("EN007", 2, 4),
        ("EN007", 7, 8),
        ("EN007", 14, 15),
    ]
    fixed = fix_text(text, settings=settings, unsafe=True).text
    assert fixed == "x \u00e9\x81 y \u201cquoted\u201d\n"
    # Text that is all UTF-8, however unusual, is not flagged.
    assert check_text("caf\u00e9 \ufffd \u00c3\u00a9 \x81\n", settings=settings) == []


def test_too_many_stray_bytes_is_another_encoding(tmp_path: Path) -> None:
    data = "The caf\u00e9 opened.\n".encode() + b"A na\xefve question." * 17
    with pytest.raises(files.InputError) as caught:
        files.decode(data)
    assert str(caught.value).startswith(
        "not valid UTF-8: byte 0xef at line 2, column 5, '\u00ef' in Windows-1252 and 16 more"
    )


def test_file_names_that_are_not_utf8(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ledger, baseline and report files stay valid JSON; the name comes out escaped."""
    name = os.fsdecode(b"caf\xe9.txt")
    (here / name).write_text(DIRTY, encoding="utf-8")
    assert run(capsys, "check", "--jobs", "1", "--format", "json", "--output-file", "r.json", ".")
    report = json.loads((here / "r.json").read_text(encoding="utf-8"))
    assert {row["filename"] for row in report} == {name}
    assert run(capsys, "baseline", "--jobs", "1", ".")[0] == 0
    assert run(capsys, "check", "--jobs", "1", ".")[0] == 0  # the baseline knows them
    code, _ = run(
        capsys, "check", "--fix", "--jobs", "1", "--no-baseline", "--ledger", "l.jsonl", "."
    )
    assert code == 0
    assert ledger_files(here / "l.jsonl") == {name}
    assert (here / name).read_text(encoding="utf-8") == FIXED
