"""transcript-lint: find and fix the artifacts of scraped, OCR'd and typed transcripts.

The public API is ``check_text`` and ``fix_text`` (see ``lint.api``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The one place the version is written (pyproject.toml reads it from here): asking
# importlib.metadata instead costs 40 ms at every start.
__version__ = "0.1.0"

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
