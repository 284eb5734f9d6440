"""One self-contained HTML page: totals, charts, the worst files and every finding.

The page needs no network and no other file: styles, charts (inline SVG) and the
little script that filters the findings by rule are all in it. Choosing a rule in
the list, clicking its bar in the chart or opening the page at ``#rule=CODE`` shows
the findings of that rule only.
"""

from __future__ import annotations

import html
import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from lint import __version__
from lint.fix import Safety
from lint.gate import rate
from lint.records import record
from lint.report.model import Report
from lint.report.text import shown_source
from lint.result import FileResult, Finding

WORST_FILES = 15
LABEL_LIMIT = 42
CHART_WIDTH = 760
LABEL_WIDTH = 310
ROW_HEIGHT = 24
BAR_HEIGHT = 16
VISIBLE = {"\n": "⏎", "\r": "␍", "\t": "⇥"}
INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")


@record(frozen=True)
class Bar:
    key: str  # the rule code, or the file name
    label: str
    value: int
    hint: str


def render(report: Report) -> str:
    report = report.listed()
    findings = list(report.findings())
    by_rule = Counter(f.code for f in findings)
    rules = sorted(by_rule, key=lambda code: (-by_rule[code], code))
    worst = sorted(
        (r for r in report.result_list() if r.findings),
        key=lambda r: (-len(r.findings), r.path),
    )[:WORST_FILES]
    rule_bars = [
        Bar(
            code,
            f"{code} {report.rule_name(code)}",
            by_rule[code],
            _rate_hint(by_rule[code], report),
        )
        for code in rules
    ]
    file_bars = [
        Bar(r.path, _shorten(r.path), len(r.findings), _rate_hint(len(r.findings), report, r.words))
        for r in worst
    ]
    body = "\n".join(
        [
            "<header>",
            "<h1>transcript-lint report</h1>",
            f'<p class="meta">transcript-lint {_e(__version__)}</p>',
            "</header>",
            _totals(report, findings),
            _gates(report),
            '<section id="by-rule"><h2>Findings per rule</h2>',
            _chart("rule-chart", rule_bars, "Findings per rule")
            if rule_bars
            else "<p>No findings.</p>",
            "</section>",
            '<section id="by-file"><h2>Worst files</h2>',
            _chart("file-chart", file_bars, "Findings per file") if file_bars else "<p>None.</p>",
            _worst_table(worst),
            "</section>",
            _errors(report.result_list()),
            _findings(report, rules, by_rule),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>transcript-lint report</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _visible(text: str) -> str:
    """Escaped text in which line breaks, tabs, controls and invisible characters can
    be seen (HTML cannot hold most control characters at all); a run of one such
    character is shown once with its length: ``U+0000×52``."""
    out = []
    for char, run in itertools.groupby(text):
        length = len(list(run))
        if char in VISIBLE:
            out.append(f'<span class="ws">{VISIBLE[char] * length}</span>')
        elif unicodedata.category(char) in INVISIBLE or char in ("\u2028", "\u2029"):
            times = f"×{length}" if length > 1 else ""
            out.append(f'<span class="cp">U+{ord(char):04X}{times}</span>')
        elif unicodedata.category(char) == "Zs" and char != " ":
            out.append(f'<span class="cp" title="U+{ord(char):04X}">{_e(char) * length}</span>')
        else:
            out.append(_e(char * length))
    return "".join(out)


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else "…" + text[-(LABEL_LIMIT - 1) :]


def _format_rate(value: float) -> str:
    return f"{value:.2f}" if math.isfinite(value) else "∞"


def _rate_hint(count: int, report: Report, words: int | None = None) -> str:
    words = report.words if words is None else words
    return f"{count:,} ({_format_rate(rate(count, words))} per 10k words)"


def _totals(report: Report, findings: Sequence[Finding]) -> str:
    checked = [r for r in report.result_list() if r.error is None]
    words = report.words
    safe = sum(1 for f in findings if f.safety is Safety.SAFE)
    unsafe = sum(1 for f in findings if f.safety is Safety.UNSAFE)
    items = [
        ("findings", f"{len(findings):,}"),
        ("per 10k words", _format_rate(rate(len(findings), words))),
        ("files checked", f"{len(checked):,}"),
        ("files with findings", f"{sum(1 for r in checked if r.findings):,}"),
        ("words", f"{words:,}"),
        ("fixable with --fix", f"{safe:,}"),
        ("more with --unsafe-fixes", f"{unsafe:,}"),
    ]
    applied = sum(len(r.applied) for r in report.result_list())
    if report.fixing:
        items.append(("fixed", f"{applied:,}"))
    errors = len(report.result_list()) - len(checked)
    if errors:
        items.append(("could not be checked", f"{errors:,}"))
    for applied_baseline in report.baselines:
        items.append(("known (in the baseline)", f"{applied_baseline.suppressed:,}"))
        stale = sum(e.count for e in applied_baseline.stale)
        if stale:
            items.append(("baseline entries fixed", f"{stale:,}"))
    cells = "".join(
        f'<div class="total"><span class="value">{_e(v)}</span>'
        f'<span class="label">{_e(k)}</span></div>'
        for k, v in items
    )
    return f'<section id="totals"><h2>Totals</h2><div class="totals">{cells}</div></section>'


def _gates(report: Report) -> str:
    if not report.gates:
        return ""
    parts = ['<section id="gates"><h2>Quality gate</h2>']
    for gate in report.gates:
        verdict = "passed" if gate.passed else "failed"
        parts.append(
            f'<p class="gate {verdict}">{_e(shown_source(gate.source))}: '
            f"<strong>{verdict}</strong>, over "
            f"{gate.words:,} words in {gate.files:,} files</p>"
        )
        parts.append(
            "<table><thead><tr><th>code or family</th><th>found</th>"
            "<th>per 10k words</th><th>limit</th><th></th></tr></thead><tbody>"
        )
        for m in gate.measures:
            state = "exceeded" if m.exceeded else "ok"
            parts.append(
                f'<tr class="{state}"><td>{_e(m.selector)}</td><td>{m.count:,}</td>'
                f"<td>{_format_rate(m.rate)}</td><td>{m.limit:g}</td><td>{state}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "".join(parts)


def _chart(chart_id: str, bars: Sequence[Bar], title: str) -> str:
    """A horizontal bar chart; each bar is a ``g.bar`` holding one ``rect.bar``."""
    top = max(bar.value for bar in bars)
    span = CHART_WIDTH - LABEL_WIDTH - 90
    height = ROW_HEIGHT * len(bars) + 8
    rows = []
    for i, bar in enumerate(bars):
        y = 4 + i * ROW_HEIGHT
        width = max(2.0, span * bar.value / top)
        rows.append(
            f'<g class="bar" data-key="{_e(bar.key)}" tabindex="0">'
            f"<title>{_e(bar.label)}: {_e(bar.hint)}</title>"
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 3}">'
            f"{_e(bar.label)}</text>"
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" '
            f'height="{BAR_HEIGHT}" rx="2"/>'
            f'<text class="value" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR_HEIGHT - 3}">'
            f"{bar.value:,}</text></g>"
        )
    return (
        f'<svg id="{chart_id}" class="chart" role="img" aria-label="{_e(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" '
        f'viewBox="0 0 {CHART_WIDTH} {height}">{"".join(rows)}</svg>'
    )


def _worst_table(worst: Sequence[FileResult]) -> str:
    if not worst:
        return ""
    rows = "".join(
        f"<tr><td>{_e(r.path)}</td><td>{len(r.findings):,}</td><td>{r.words:,}</td>"
        f"<td>{_format_rate(rate(len(r.findings), r.words))}</td>"
        f"<td>{_e(_top_codes(r.findings))}</td></tr>"
        for r in worst
    )
    return (
        '<table id="worst-files"><thead><tr><th>file</th><th>findings</th><th>words</th>'
        f"<th>per 10k words</th><th>most found</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _top_codes(findings: Iterable[Finding]) -> str:
    counts = Counter(f.code for f in findings)
    return ", ".join(f"{code} {n:,}" for code, n in counts.most_common(3))


def _errors(results: Sequence[FileResult]) -> str:
    failed = [r for r in results if r.error]
    if not failed:
        return ""
    rows = "".join(f"<li><code>{_e(r.path)}</code>: {_e(r.error or '')}</li>" for r in failed)
    return f'<section id="errors"><h2>Files that could not be checked</h2><ul>{rows}</ul></section>'


def _findings(report: Report, rules: Sequence[str], by_rule: Counter[str]) -> str:
    total = sum(by_rule.values())
    options = "".join(
        f'<option value="{_e(code)}">{_e(code)} {_e(report.rule_name(code))} '
        f"({by_rule[code]:,})</option>"
        for code in rules
    )
    groups = []
    for result in report.result_list():
        if not result.findings:
            continue
        codes = " ".join(sorted({f.code for f in result.findings}))
        rows = "".join(_finding_row(report, f) for f in result.findings)
        count = len(result.findings)
        groups.append(
            f'<div class="file" data-codes="{_e(codes)}"><h3>{_e(result.path)} '
            f'<span class="n">{count:,} finding{"s" if count != 1 else ""}, '
            f"{result.words:,} words</span></h3>"
            f"<table>{COLUMNS}<tbody>{rows}</tbody></table></div>"
        )
    return (
        '<section id="findings"><h2>Findings</h2>'
        '<p class="filter"><label>Rule: <select id="rule-filter">'
        f'<option value="">all rules ({total:,})</option>{options}</select></label> '
        f'<span id="shown">{total:,}</span> shown</p>'
        f'<div id="finding-list">{"".join(groups)}</div></section>'
    )


def _finding_row(report: Report, f: Finding) -> str:
    place = f"{f.location.row}:{f.location.column}"
    excerpt = f.excerpt
    context = (
        f"{_visible(excerpt.before)}<mark>{_visible(excerpt.text)}</mark>{_visible(excerpt.after)}"
    )
    if f.fix is None:
        fix = '<span class="none">none</span>'
    else:
        edits = "".join(
            f"<del>{_visible(e.before)}</del><ins>{_visible(e.content)}</ins>" for e in f.fix.edits
        )
        option = "--fix --unsafe-fixes" if f.fix.safety is Safety.UNSAFE else "--fix"
        applies = f" ({option})" if report.applicable(f) else ""
        fix = (
            f'<span class="safety {f.fix.safety.value}">{f.fix.safety.value}{applies}</span> '
            f"{_e(f.fix.message)}<br>{edits}"
        )
    return (
        f'<tr class="finding" data-code="{_e(f.code)}"><td class="where">{place}</td>'
        f'<td class="code" title="{_e(f.name)}">{_e(f.code)}</td><td>{_e(f.message)}</td>'
        f'<td class="context">{context}</td><td class="fix">{fix}</td></tr>'
    )


COLUMNS = (
    '<colgroup><col class="where"><col class="code"><col class="message">'
    '<col class="context"><col class="fix"></colgroup>'
    "<thead><tr><th>where</th><th>rule</th><th>message</th><th>context</th>"
    "<th>proposed fix</th></tr></thead>"
)

STYLE = """
:root { color-scheme: light; --accent: #2f5fb3; --muted: #666; --line: #ddd; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1rem 2rem;
  max-width: 1200px; color: #222; background: #fff; }
h1 { margin: 0; font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta { color: var(--muted); margin: 0.2rem 0 0; }
.totals { display: flex; flex-wrap: wrap; gap: 0.6rem; }
.total { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.9rem;
  min-width: 8rem; }
.total .value { display: block; font-size: 1.4rem; font-weight: 600; }
.total .label { color: var(--muted); font-size: 0.85rem; }
.chart { display: block; max-width: 100%; height: auto; }
.chart rect.bar { fill: var(--accent); }
.chart g.bar { cursor: pointer; }
.chart g.bar:focus:not(:focus-visible) { outline: none; }
.chart g.bar:hover rect.bar, .chart g.bar:focus rect.bar { fill: #173d80; }
.chart g.bar.dim rect.bar { fill: #c5d2ea; }
.chart text { font-size: 12px; fill: #222; }
.chart text.label { text-anchor: end; }
table { border-collapse: collapse; width: 100%; margin-top: 0.6rem; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem;
  border-bottom: 1px solid var(--line); }
div.file { content-visibility: auto; contain-intrinsic-size: auto 400px; }
div.file h3 { font: 600 0.95rem ui-monospace, monospace; background: #f3f5f9;
  padding: 0.35rem 0.5rem; margin: 1.2rem 0 0; }
div.file h3 .n { font-family: system-ui, sans-serif; font-weight: normal; color: var(--muted); }
div.file table { table-layout: fixed; margin-top: 0; }
div.file thead th { font-size: 0.8rem; color: var(--muted); font-weight: normal; }
col.where { width: 6rem; } col.code { width: 4.5rem; } col.message { width: 26%; }
col.fix { width: 24%; }
td.where, td.code { font-family: ui-monospace, monospace; white-space: nowrap; }
td { overflow-wrap: anywhere; }
td.context { font-family: ui-monospace, monospace; white-space: pre-wrap; }
mark { background: #ffd76a; } del { background: #ffd0d0; } ins { background: #c9f2c9; }
del, ins { text-decoration: none; font-family: ui-monospace, monospace; white-space: pre-wrap; }
.ws, .cp { color: #a33; font-size: 0.8em; }
.safety { font-size: 0.8rem; border-radius: 4px; padding: 0 0.3rem; background: #eee; }
.safety.safe { background: #c9f2c9; } .safety.unsafe { background: #ffe2a8; }
.none { color: var(--muted); }
.gate.failed strong, tr.exceeded td:last-child { color: #b00; }
.gate.passed strong { color: #070; }
[hidden] { display: none !important; }
"""

SCRIPT = """
(function () {
  var select = document.getElementById("rule-filter");
  var shown = document.getElementById("shown");
  var groups = document.querySelectorAll("#finding-list div.file");
  var bars = document.querySelectorAll("#rule-chart g.bar");
  function filter(code) {
    var count = 0;
    select.value = code;
    groups.forEach(function (group) {
      var any = false;
      group.querySelectorAll("tr.finding").forEach(function (row) {
        var on = !code || row.getAttribute("data-code") === code;
        row.hidden = !on;
        if (on) { count += 1; any = true; }
      });
      group.hidden = !any;
    });
    bars.forEach(function (bar) {
      bar.classList.toggle("dim", !!code && bar.getAttribute("data-key") !== code);
    });
    shown.textContent = count.toLocaleString("en-US");
    document.body.setAttribute("data-filter", code);
  }
  select.addEventListener("change", function () { filter(select.value); });
  bars.forEach(function (bar) {
    function pick() {
      var code = bar.getAttribute("data-key");
      filter(select.value === code ? "" : code);
    }
    bar.addEventListener("click", pick);
    bar.addEventListener("keydown", function (e) { if (e.key === "Enter") pick(); });
  });
  var wanted = /^#rule=([A-Z]{2}[0-9]{3})$/.exec(location.hash);
  filter(wanted ? wanted[1] : "");
})();
"""
