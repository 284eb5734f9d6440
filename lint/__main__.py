import signal

# A Ctrl-C while starting up ends the run quietly (nothing is written yet); the run
# handles its own once it fixes files.
signal.signal(signal.SIGINT, signal.SIG_DFL)

from lint.cli import main  # noqa: E402

raise SystemExit(main())
