"""The HTML report: self-contained, and working in a real headless browser."""

from __future__ import annotations

import json
import struct
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lint.cli import main
from lint.report.html import _visible
from tests.headless import Browser, find_browser

pytestmark = pytest.mark.usefixtures("in_tmp")

CORPUS = {
    "a.txt": "Thank you , Mr. Wang.  \n\n\n\nNext  question , please.\nR&amp;D grew.\n",
    "b.txt": "Lost \ufffd here.\nA <br> tag and a NUL \x00 here.\n",
    "c.md": "# Notes\n\nSome  text.\n",
    "d.txt": "Clean.\n",
    "e.txt": "<script>alert('x')</script> in a transcript.\n",
}


def make_corpus(root: Path) -> None:
    for name, text in CORPUS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(text.encode("utf-8"))


def findings_by_code(capsys: pytest.CaptureFixture[str], *paths: str) -> Counter[str]:
    main(["check", "--format", "json", *paths])
    out, _ = capsys.readouterr()
    return Counter(row["code"] for row in json.loads(out))


def write_report(capsys: pytest.CaptureFixture[str], *args: str) -> Path:
    code = main(["check", "--format", "html", "--output-file", "report.html", *args])
    out, err = capsys.readouterr()
    assert code in (0, 1) and out == "", err
    return Path("report.html").resolve()


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def having(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and cls in (a.get("class") or "").split()]


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


# -- the page as a file ------------------------------------------------------------------


def test_page_is_self_contained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_corpus(tmp_path / "t")
    page = parse(write_report(capsys, "t"))
    names = [t for t, _ in page.tags]
    assert "link" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        for name, value in attrs.items():
            if name != "xmlns" and value:
                assert "://" not in value, (tag, name, value)
    # One script, the page's own: the transcript's <script> is text.
    assert names.count("script") == 1
    assert "alert" not in "".join(page.scripts)
    assert "&lt;script&gt;alert" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_chart_has_one_bar_per_rule_found(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    make_corpus(tmp_path / "t")
    expected = findings_by_code(capsys, "t")
    page = parse(write_report(capsys, "t"))
    bars = [str(a["data-key"]) for a in page.having("g", "bar") if a["data-key"] in expected]
    assert sorted(bars) == sorted(expected)
    rows = Counter(a["data-code"] for a in page.having("tr", "finding"))
    assert rows == expected
    options = [a.get("value") for t, a in page.tags if t == "option"]
    assert options == ["", *[c for c, _ in sorted(expected.items(), key=lambda i: (-i[1], i[0]))]]


def test_invisible_characters_are_shown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_corpus(tmp_path / "t")
    text = write_report(capsys, "--select", "EN003", "t").read_text(encoding="utf-8")
    assert "\x00" not in text
    assert '<mark><span class="cp">U+0000</span></mark>' in text


def test_runs_of_invisible_characters_are_counted() -> None:
    assert _visible("a\x00\x00\x00b\u200b\n\n<") == (
        'a<span class="cp">U+0000×3</span>b<span class="cp">U+200B</span>'
        '<span class="ws">⏎⏎</span>&lt;'
    )


def test_report_of_a_clean_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clean.\n", encoding="utf-8")
    page = write_report(capsys, "a.txt")
    text = page.read_text(encoding="utf-8")
    assert "<p>No findings.</p>" in text
    assert not parse(page).having("rect", "bar")


def test_report_shows_baseline_and_gate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make_corpus(tmp_path / "t")
    (tmp_path / "transcript-lint.toml").write_text(
        "[gate]\nmax-per-10k-words = { EN = 0 }\n", encoding="utf-8"
    )
    main(["baseline", "t/a.txt"])
    capsys.readouterr()
    text = write_report(capsys, "t").read_text(encoding="utf-8")
    assert "known (in the baseline)</span>" in text
    assert '<p class="gate failed">transcript-lint.toml: <strong>failed</strong>' in text


# -- the page in a browser -----------------------------------------------------------------

BROWSER = find_browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless browser: install Debian's chromium (apt-get install chromium), "
    "or set TRANSCRIPT_LINT_CHROMIUM to a Chromium or Chrome binary",
)

VISIBLE_CODES = """Array.from(document.querySelectorAll('tr.finding'))
  .filter(function (row) { return row.getClientRects().length > 0; })
  .map(function (row) { return row.getAttribute('data-code'); })"""


@needs_browser
def test_page_renders_and_filters_in_a_real_browser(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert BROWSER is not None
    make_corpus(tmp_path / "t")
    expected = findings_by_code(capsys, "t")
    page = write_report(capsys, "t")
    started = time.monotonic()
    with Browser(BROWSER) as browser:
        browser.open(page)
        # It renders: the heading, the totals, and charts with real size.
        assert browser.evaluate("document.querySelector('h1').textContent") == (
            "transcript-lint report"
        )
        assert browser.evaluate("document.querySelector('.total .value').textContent") == str(
            sum(expected.values())
        )
        box = browser.evaluate(
            "(function () { var r = document.getElementById('rule-chart')"
            ".getBoundingClientRect(); return [r.width, r.height]; })()"
        )
        assert box[0] > 500 and box[1] > 20 * len(expected)
        # One bar per rule found, each drawn.
        bars = browser.evaluate(
            "Array.from(document.querySelectorAll('#rule-chart rect.bar'))"
            ".map(function (r) { return [r.parentNode.getAttribute('data-key'),"
            " r.getBoundingClientRect().width]; })"
        )
        assert sorted(code for code, _ in bars) == sorted(expected)
        assert all(width >= 2 for _, width in bars)
        assert sorted(browser.evaluate(VISIBLE_CODES)) == sorted(expected.elements())

        # A real click on the second rule's bar: only its findings stay visible.
        chosen = bars[1][0]
        browser.click(f'#rule-chart g.bar[data-key="{chosen}"] rect')
        assert browser.evaluate(VISIBLE_CODES) == [chosen] * expected[chosen]
        assert browser.evaluate("document.getElementById('rule-filter').value") == chosen
        assert browser.evaluate("document.getElementById('shown').textContent") == str(
            expected[chosen]
        )
        hidden_files = browser.evaluate(
            "Array.from(document.querySelectorAll('div.file'))"
            ".filter(function (d) { return d.hidden; }).length"
        )
        with_chosen = len({f for f in CORPUS if chosen in _codes_of(capsys, tmp_path / "t" / f)})
        assert hidden_files == len(list(parse(page).having("div", "file"))) - with_chosen
        # Clicking it again shows everything.
        browser.click(f'#rule-chart g.bar[data-key="{chosen}"] rect')
        assert sorted(browser.evaluate(VISIBLE_CODES)) == sorted(expected.elements())

        # The rule list filters too.
        other = bars[0][0]
        browser.evaluate(
            "(function () { var s = document.getElementById('rule-filter');"
            f" s.value = {json.dumps(other)}; s.dispatchEvent(new Event('change')); }})()"
        )
        assert browser.evaluate(VISIBLE_CODES) == [other] * expected[other]

        # Nothing was asked of the network.
        assert all(url.startswith("file:") for url in browser.requested_urls())

        # A screenshot of the whole page.
        png = browser.screenshot()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width > 1200 and height > 900
        (tmp_path / "report.png").write_bytes(png)
    print(f"browser: {time.monotonic() - started:.1f} s")


def _codes_of(capsys: pytest.CaptureFixture[str], path: Path) -> set[str]:
    return set(findings_by_code(capsys, str(path)))
