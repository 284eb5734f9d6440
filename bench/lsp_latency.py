"""Latency of the language server, as an editor feels it (issue 19).

    .venv/bin/python bench/lsp_latency.py            # 30 edits of 5 KB, 5 of 500 KB
    .venv/bin/python bench/lsp_latency.py --edits 100

Starts ``transcript-lint server`` as an editor does and speaks LSP to it over pipes
(pygls's client; needs the ``server`` extra). The texts are the seeded benchmark
corpus (``bench/corpus.py``: transcripts full of artifacts, so that every check
finds something): a 5 KB file, and files joined up to 500 KB.

- 5 KB: the document is opened and checked once (warm-up: rules loaded, caches
  filled); then each edit changes one word and the time until the diagnostics of
  that version arrive is taken: the round trip an editor waits for after a keystroke,
  the server's pause before it checks included.
- 500 KB: the same, with fewer edits; then a burst of 5 edits sent at once (typing
  fast in a large file), timed until the diagnostics of the last one arrive, which
  shows the earlier versions were dropped rather than checked one after another; and
  a hover on the small document sent while the large one is being checked, timed
  until it is answered, which shows the server is not frozen meanwhile.

Prints median, 90th percentile and maximum; writes ``bench/out/lsp_latency.json``.
The machine is shared: repeat a run before trusting one figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate_file

SEED = 7
OUT = Path(__file__).resolve().parent / "out"


def text_of_size(size: int) -> str:
    """Files of the seeded corpus joined until ``size`` bytes (plain text files only)."""
    parts: list[str] = []
    total, index = 0, 0
    while total < size:
        generated = generate_file(SEED, index)
        index += 1
        if generated.extension != ".txt":
            continue
        parts.append(generated.text)
        total += len(generated.text.encode("utf-8"))
    return "".join(parts)


def edited(text: str, n: int) -> str:
    """The text with its first word replaced, differently for each ``n``."""
    first = text.index(" ")
    return f"Edit{n}" + text[first:]


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("lsp-latency", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.waiters: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            now = time.perf_counter()
            self.arrived[key] = now
            waiter = self.waiters.pop(key, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(now)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            return None

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params: types.ShowMessageParams) -> None:
            print(f"server says: {params.message}", file=sys.stderr)

    async def diagnostics(self, uri: str, version: int) -> float:
        key = (uri, version)
        if key in self.arrived:
            return self.arrived[key]
        waiter = self.waiters[key] = asyncio.get_running_loop().create_future()
        return await asyncio.wait_for(waiter, 600)

    def open(self, uri: str, text: str) -> None:
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text))
        )

    def change(self, uri: str, version: int, text: str) -> float:
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version, uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        return sent

    async def round_trips(self, uri: str, text: str, edits: int) -> list[float]:
        self.open(uri, text)
        await self.diagnostics(uri, 1)
        times = []
        for n in range(edits):
            version = n + 2
            sent = self.change(uri, version, edited(text, n))
            times.append(await self.diagnostics(uri, version) - sent)
        return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "runs": len(times),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p90_ms": round(ordered[math.ceil(0.9 * len(ordered)) - 1] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


async def run(edits: int, large_edits: int) -> dict[str, object]:
    bench = Bench()
    folder = Path.cwd()
    await bench.client.start_io(sys.executable, "-m", "lint", "server")
    await bench.client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), process_id=os.getpid())
    )
    bench.client.initialized(types.InitializedParams())
    small, large = text_of_size(5_000), text_of_size(500_000)
    small_uri = (folder / "lsp-latency-small.txt").as_uri()
    large_uri = (folder / "lsp-latency-large.txt").as_uri()
    results: dict[str, object] = {
        "small_bytes": len(small.encode("utf-8")),
        "large_bytes": len(large.encode("utf-8")),
    }
    results["small_edit"] = summary(await bench.round_trips(small_uri, small, edits))
    results["large_edit"] = summary(await bench.round_trips(large_uri, large, large_edits))

    version = large_edits + 2
    sent = bench.change(large_uri, version, edited(large, 1000))
    hover_sent = time.perf_counter()
    await bench.client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(small_uri), types.Position(0, 1))
    )
    results["hover_during_large_check_ms"] = round((time.perf_counter() - hover_sent) * 1000, 1)
    await bench.diagnostics(large_uri, version)

    first = version + 1
    sent = 0.0
    for n in range(5):
        sent = bench.change(large_uri, first + n, edited(large, 2000 + n))
    last = await bench.diagnostics(large_uri, first + 4)
    results["large_burst_of_5_ms"] = round((last - sent) * 1000, 1)
    results["large_burst_versions_published"] = sorted(
        v
        for (uri, v), _ in bench.arrived.items()
        if uri == large_uri and v is not None and v >= first
    )
    await bench.client.shutdown_async(None)
    bench.client.exit(None)
    await bench.client.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=30, help="edits of the 5 KB file")
    parser.add_argument("--large-edits", type=int, default=5, help="edits of the 500 KB file")
    args = parser.parse_args()
    results = asyncio.run(run(args.edits, args.large_edits))
    OUT.mkdir(exist_ok=True)
    (OUT / "lsp_latency.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
