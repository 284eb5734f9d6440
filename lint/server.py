"""``transcript-lint server``: the Language Server Protocol over standard input and output.

Any editor that speaks LSP starts this command for Markdown, plain text, SRT and
WebVTT files and gets diagnostics as the user types, fixes as code actions, the safe
fixes as formatting and a rule's documentation on hover (see ``lint.lsp_session``).
It needs the optional ``server`` extra (pygls and lsprotocol).
"""

from __future__ import annotations

import sys

EXIT_ERROR = 2


def main() -> int:
    """Serve until the client says exit; 2 if the extra is not installed."""
    try:
        from lint.lsp_session import build
    except ModuleNotFoundError as exc:
        print(
            f"transcript-lint: error: the server needs the `server` extra ({exc}): "
            "pip install 'transcript-lint[server]'",
            file=sys.stderr,
        )
        return EXIT_ERROR
    build().start_io()
    return 0
