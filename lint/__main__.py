"""``python -m lint`` and the ``transcript-lint`` command."""

from __future__ import annotations

import signal


def run() -> None:
    # A Ctrl-C while starting up ends the run quietly (nothing is written yet); the
    # run handles its own once it fixes files.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    from lint.cli import main

    raise SystemExit(main())


if __name__ == "__main__":
    run()
