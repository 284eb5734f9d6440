"""GitHub Actions workflow commands: each finding annotates the pull request."""

from __future__ import annotations

from collections.abc import Iterator

from lint.report.model import Report


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def chunks(report: Report) -> Iterator[str]:
    """A workflow command per finding, each with its line break, as they are read."""
    for f in report.rows():
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("title", f"transcript-lint ({f.code})"),
                ("file", f.filename),
                ("line", f.row),
                ("col", f.column),
                ("endLine", f.end_row),
                ("endColumn", f.end_column),
            )
        )
        yield f"::error {properties}::{_escape_data(f'{f.code} {f.message}')}\n"


def render(report: Report) -> str:
    return "".join(chunks(report))
