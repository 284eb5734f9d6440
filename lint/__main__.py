"""``python -m lint`` and the ``transcript-lint`` command."""

from __future__ import annotations

import gc
import signal
import sys


def run() -> None:
    # A Ctrl-C while starting up ends the run quietly (nothing is written yet); the
    # run handles its own once it fixes files.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # What the imports build lives as long as the process: the collector need not
    # scan it while importing, nor again at every full collection of the run.
    gc.disable()
    from lint.cli import main, preload

    preload(sys.argv[1:])  # the command's own modules, which lint.cli imports when used
    gc.freeze()
    gc.enable()
    raise SystemExit(main())


if __name__ == "__main__":
    run()
