"""GitHub Actions workflow commands: each finding annotates the pull request."""

from __future__ import annotations

from lint.report.model import Report


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
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
        lines.append(f"::error {properties}::{_escape_data(f'{f.code} {f.message}')}")
    return "".join(line + "\n" for line in lines)
