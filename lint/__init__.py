"""transcript-lint: find and fix the artifacts of scraped, OCR'd and typed transcripts.

The public API is ``check_text`` and ``fix_text`` (see ``lint.api``).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("transcript-lint")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from lint.api import check_text, fix_text

__all__ = ["__version__", "check_text", "fix_text"]


def __getattr__(name: str) -> Any:
    # The API brings in every rule; import it only when asked for, so that rules can
    # import the engine without a cycle.
    if name in ("check_text", "fix_text"):
        from lint import api

        return getattr(api, name)
    raise AttributeError(name)
