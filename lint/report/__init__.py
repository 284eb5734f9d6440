"""Reporters: the findings of a run as text, JSON, SARIF, GitHub annotations, JUnit
and a self-contained HTML page.

Every reporter is a function from a ``Report`` to the string it prints.
"""

from __future__ import annotations

from collections.abc import Callable

from lint.report import github, html, json_format, junit, sarif, text
from lint.report.model import Report

REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "html": html.render,
}

__all__ = ["REPORTERS", "Report"]
