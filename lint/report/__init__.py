"""Reporters: the findings of a run as text, JSON, SARIF, GitHub annotations, JUnit
and a self-contained HTML page.

Every reporter is a function from a ``Report`` to the string it prints. A reporter's
module is imported when it is first asked for: a run prints one format, and the
others (an XML library, an HTML page's template) would only add to every start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model (and the results it reads) loads when a report is made
    from lint.report.model import Report

Reporter = Callable[["Report"], str]


# Format name -> the module under lint/report/ that renders it.
_MODULES = MappingProxyType(
    {
        "text": "text",
        "json": "json_format",
        "sarif": "sarif",
        "github": "github",
        "junit": "junit",
        "html": "html",
    }
)


class _Reporters(Mapping[str, Reporter]):
    """Format name -> the ``render`` function of its module, imported on lookup."""

    def __getitem__(self, name: str) -> Reporter:
        module = importlib.import_module(f"lint.report.{_MODULES[name]}")
        render: Reporter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS: Mapping[str, Reporter] = _Reporters()

# The format names, for the command line to offer without loading a reporter.
FORMATS = tuple(_MODULES)

# The formats that print a finding's fingerprint (SARIF) or excerpt (HTML): a run
# in another format leaves them out (``lint.result.resolve``).
DETAILED = frozenset({"sarif", "html"})


def chunks(name: str, report: Report) -> Iterable[str]:
    """The report in format ``name`` in pieces, to be written one after another: the
    formats that can be written a finding at a time are, so that a large run's
    report is never held whole; the others come in one piece."""
    module = importlib.import_module(f"lint.report.{_MODULES[name]}")
    pieces: Callable[[Report], Iterable[str]] | None = getattr(module, "chunks", None)
    return pieces(report) if pieces is not None else (REPORTERS[name](report),)


def __getattr__(name: str) -> Any:
    """``Report``, loaded when first asked for."""
    if name == "Report":
        from lint.report.model import Report

        return Report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DETAILED", "FORMATS", "REPORTERS", "Report", "Reporter", "chunks"]
