"""The runner's workers: files dealt to the same worker in every pass of a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lint import files, runner
from lint.config import Settings
from lint.document import Document
from lint.runner import Held, Job, Mode, Workers
from rules import registry
from tests.conftest import read, run, write


def jobs_for(paths: list[Path]) -> list[Job]:
    return [Job(p, p.name, Settings(), Mode.CHECK, False, registry) for p in paths]


def test_files_are_dealt_by_size_and_stay_with_their_worker(tmp_path: Path) -> None:
    # 900, 500 and 300 bytes are each more than a task's share of the 8,000 (250):
    # heavy, dealt first, largest first; then the others in order, each to the worker
    # with the fewest bytes so far.
    sizes = [900, 100, 100, 100, 500, 300] + [100] * 60
    paths = [write(tmp_path / f"{i}.txt", "x" * size) for i, size in enumerate(sizes)]
    with Workers(2, len(paths)) as workers:
        first, heavy = workers._deal(jobs_for(paths))
        again, _ = workers._deal(jobs_for(paths[::-1]))
    assert heavy == {0, 4, 5}
    assert first == [[0, 2, *range(6, 66, 2)], [1, 3, 4, 5, *range(7, 66, 2)]]
    # The same files in another order: each goes to the worker it went to before.
    assert [sorted(65 - i for i in part) for part in again] == first


@pytest.mark.parametrize("action", [[], ["--fix"]])
def test_corpus_evidence_gives_the_same_results_with_two_workers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, action: list[str]
) -> None:
    """A site's header in every file (PG004 needs the whole corpus to see it) and a
    term cased two ways: one process and two workers report and fix the same."""
    outputs = []
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        for i in range(24):
            write(
                folder / f"{i:02}.txt",
                f"Press Room\nSpeaker {i}: The industrial Internet grows .\n"
                "The industrial Internet and the industrial internet.\n" * (1 + i % 2),
            )
        code, out, _ = run(capsys, "check", *action, "--jobs", jobs, str(folder))
        texts = [read(folder / f"{i:02}.txt") for i in range(24)]
        outputs.append((code, out.replace(str(folder), "DIR"), texts))
    assert outputs[0] == outputs[1]
    code, out, texts = outputs[0]
    if action:  # the spaces before '.' are fixed; the header and the term are reported
        assert not any(" ." in t for t in texts)
        assert out.count("PG004") == 36 and out.count("CA001") == 36
    else:
        assert out.count("PG004") == 36 and out.count("WS004") == 36


def test_documents_are_kept_whole_then_compacted_then_not_at_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whole while they fit (a small run pays nothing to shrink them), then every
    kept document compacted, then none kept: memory is bounded whatever the run."""
    monkeypatch.setattr(runner, "KEEP_MEMORY", 1000)  # 3 texts of 10 whole, 12 compacted
    held = Held({})
    stamp = files.read_bytes(write(tmp_path / "t.txt", "x"), 1)[1]
    docs = [Document(f"Hello {i:02}.\n", f"{i}.txt") for i in range(20)]
    kept = []
    for i, doc in enumerate(docs):
        kept.append(held.keep(tmp_path / f"{i}.txt", doc.text, "utf-8", stamp, doc))
        doc.words  # noqa: B018 (a view the evidence pass computed)
        if kept[-1] and held.compacted:
            doc.compact()
    assert kept == [True] * 12 + [False] * 8
    assert held.compacted and held.spent <= 1000
    assert all("words" not in doc.__dict__ for doc in docs[:12])  # the first three too
    assert held.kept is not None and len(held.kept) == 12


def test_no_document_is_kept_once_the_process_has_grown_by_keep_growth(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The estimate of what a kept document costs can be low (text outside Latin-1,
    analyses the rules add): the process's own resident memory has the last word,
    and where the platform gives none, the estimate alone decides."""
    memory = iter([10**8, 10**8 + runner.KEEP_GROWTH, 10**8 + runner.KEEP_GROWTH + 1])
    monkeypatch.setattr(runner, "resident_memory", lambda: next(memory))
    held = Held({})  # reads the memory at the start of the run
    stamp = files.read_bytes(write(tmp_path / "t.txt", "x"), 1)[1]
    docs = [Document(f"Hello {i}.\n", f"{i}.txt") for i in range(3)]
    kept = [
        held.keep(tmp_path / f"{i}.txt", d.text, "utf-8", stamp, d) for i, d in enumerate(docs[:2])
    ]
    assert kept == [True, False]
    monkeypatch.setattr(runner, "resident_memory", lambda: None)
    unknown = Held({})
    assert unknown.memory_at_start is None
    assert unknown.keep(tmp_path / "2.txt", docs[2].text, "utf-8", stamp, docs[2])


@pytest.mark.parametrize(
    ("memory", "full_cost"), [(10**9, 30), (10**9, 10**9), (6000, 30), (0, 30)]
)
def test_documents_kept_whole_compacted_or_read_again_give_the_same_results(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    memory: int,
    full_cost: int,
) -> None:
    """Every way a check pass gets its documents (kept whole, compacted, some kept
    and the others read again, none kept) reports and fixes the same."""
    outputs: list[tuple[list[str], list[str]]] = []
    for setting in ((memory, full_cost), (0, 30)):
        monkeypatch.setattr(runner, "KEEP_MEMORY", setting[0])
        monkeypatch.setattr(runner, "FULL_COST", setting[1])
        folder = tmp_path / str(len(outputs))
        for i in range(12):
            write(
                folder / f"{i:02}.md",
                f"Press Room\n\n**Ann Lee:** The industrial Internet , item {i}.\n\n"
                "**Bo Chan:** The industrial Internet and the industrial internet.\n" * (1 + i % 3),
            )
        check = run(capsys, "check", "--jobs", "1", "--no-cache", str(folder))
        fix = run(capsys, "check", "--fix", "--jobs", "1", str(folder))
        texts = [read(folder / f"{i:02}.md") for i in range(12)]
        outputs.append(([str(o).replace(str(folder), "DIR") for o in (check, fix)], texts))
    assert outputs[0] == outputs[1]
    assert "CA001" in outputs[0][0][0] and "PG004" in outputs[0][0][0]


# A worker's loop over its jobs, with SIGTERM sent to it from a thread while it runs,
# twenty times: the signal lands anywhere in the loop, also where it reads the flag.
SIGTERM_WHILE_LOOKING = """
import ctypes, multiprocessing, os, signal, threading
from lint import runner
flag = multiprocessing.RawValue(ctypes.c_bool, False)
runner._start_worker(False, flag, os.getppid())
for _ in range(20):
    flag.value = False
    threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGTERM)).start()
    assert len(runner._run_task(lambda job, kept: job, range(10**7))) < 10**7
print("stopped every time")
"""


def test_sigterm_stops_a_worker_wherever_it_lands() -> None:
    """The stop flag is set from a signal handler: it takes no lock, so a signal that
    lands while the worker reads it cannot deadlock the worker (with an Event, one
    signal in five did)."""
    process = subprocess.run(
        [sys.executable, "-c", SIGTERM_WHILE_LOOKING], capture_output=True, text=True, timeout=60
    )
    assert (process.returncode, process.stdout) == (0, "stopped every time\n"), process.stderr
