"""The review page in a real browser: headless Chromium through Playwright.

The page is served from 127.0.0.1 on a free port. It needs Debian's Chromium
(`apt-get install chromium`; Playwright drives it, no browser download; `CLEANER_CHROMIUM`
names another binary). Without it the module is skipped with a reason that says what to
install, and the run's summary repeats it; with CI=true it fails instead. The screenshot
lands in tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.report import build_report
from cleaner.rules.registry import Registry

from .conftest import CLEAN

BROWSER_MISSING = "browser test not run"


def unavailable(what: str) -> None:
    """Skip the module saying what to install; fail it on CI, where a skip would hide it."""
    reason = f"{BROWSER_MISSING}: {what}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright import sync_api
except ImportError:
    unavailable("Playwright is not installed: pip install -e '.[test]'")
expect = sync_api.expect
CHROMIUM = os.environ.get("CLEANER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    unavailable(
        f"Chromium not found at {CHROMIUM}: apt-get install chromium "
        "(Debian's browser, which Playwright drives; it downloads none)"
    )

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not test output."""


SPAN_PACK = """
[pack]
name = "spans"

[[rules]]
id = "spans.read-more"
summary = "An inline read-more link."
scope = "span"
pattern = '''\\s*\\(Read more here\\)'''
match = ["The vote passed. (Read more here)"]
keep = ["He said he would read more here and there."]
"""


def span_outputs(folder: Path) -> Path:
    """A cleaned folder whose one document has a span removal inside a kept line."""
    pack = folder / "spans.toml"
    pack.write_text(SPAN_PACK)
    raw = folder / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(
        "Council approves budget\n\n"
        "The council approved the budget on Monday after a long debate. (Read more here)\n\n"
        "Officials said the money would be spent over three years on repairs and staff.\n"
    )
    result = CliRunner().invoke(
        app, ["clean", str(raw), str(folder / "clean"), "--pack", str(pack), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    return folder / "clean"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    summaries = {rule.id: rule.summary for rule in Registry.load().rules}
    (folder / "report.html").write_text(build_report(CLEAN, summaries=summaries), "utf-8")
    spans = build_report(span_outputs(tmp_path_factory.mktemp("spans")))
    (folder / "spans.html").write_text(spans, "utf-8")
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_report_renders_filters_and_shows_removals(served: str, browser) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 1100})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served)

    rows = page.locator("#rows tr")
    expect(rows).to_have_count(5)
    expect(page.locator("#status")).to_contain_text("5 of 5 documents")

    page.select_option("#f-rule", "legal.risk-disclosure")
    expect(rows).to_have_count(1)
    assert "003_430c59adcde6e4d8" in rows.first.inner_text()
    expect(page).to_have_url(re.compile(r"rule=legal\.risk-disclosure"))

    rows.first.click()
    struck = page.locator("#doc .ln.rm del")
    expect(struck).to_have_count(12)
    disclosure = page.locator('#doc .ln.rm[data-rule="legal.risk-disclosure"]').first
    assert disclosure.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine") == (
        "line-through"
    )
    summary = Registry.load().filtered(["legal.risk-disclosure"]).rules[0].summary
    assert disclosure.get_attribute("title") == f"legal.risk-disclosure — {summary}"
    expect(page.locator("#doc h2")).to_contain_text("US strikes targets in Iraq")
    expect(page.locator("#doc aside")).to_contain_text("Idrees Ali")

    page.locator('.chart a[href="#rule=header.title"]').click()
    expect(rows).to_have_count(4)
    expect(page.locator("#status")).to_contain_text("rule header.title")

    page.locator('th[data-sort="share"]').click()
    page.locator('th[data-sort="share"]').click()
    expect(page.locator('th[data-sort="share"]')).to_have_attribute("aria-sort", "descending")
    expect(rows.first).to_contain_text("003_430c59adcde6e4d8")
    rows.nth(1).focus()
    page.keyboard.press("Enter")
    name = rows.nth(1).locator(".name").inner_text()
    expect(page.locator("#doc .where")).to_have_text(re.compile("^" + re.escape(name)))

    page.goto(served + "#rule=legal.risk-disclosure&doc=3")
    page.locator("#doc .ln.rm").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert problems == []
    assert all(url.startswith(served.rsplit("/", 1)[0]) for url in requests), requests


def test_span_removal_is_struck_inside_its_line(served: str, browser) -> None:
    page = browser.new_page()
    page.goto(served.replace("report.html", "spans.html") + "#doc=0")
    span = page.locator("#doc .ln del.span")
    assert span.inner_text() == " (Read more here)"
    assert span.get_attribute("title").startswith("spans.read-more — ")
    line = span.locator("xpath=..").inner_text()
    assert line == "The council approved the budget on Monday after a long debate. (Read more here)"


@pytest.mark.parametrize("width", [1280, 1400, 1920])
def test_list_shows_whole_values_and_the_pane_is_never_empty(
    served: str, browser, width: int
) -> None:
    """At common screen widths nothing in the list is cut (share, id, title, site), a document
    is open from the start, and the rule dots have a key that names each colour."""
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(served)
    rows = page.locator("#rows tr")
    expect(rows).to_have_count(5)
    cut = page.evaluate(
        """() => [...document.querySelectorAll('#rows td, #rows .name, #rows .title')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map((e) => e.className + ': ' + e.textContent)"""
    )
    assert cut == []
    removed = page.locator('#rows tr[data-doc="3"] td.removed')
    expect(removed).to_contain_text("39.6%")
    assert removed.evaluate("e => e.getBoundingClientRect().right") <= width
    expect(page.locator('#rows tr[data-doc="1"] .title')).to_have_text(
        "US stages retaliatory airstrikes against Iran-backed militias in Iraq, officials say"
    )
    expect(rows.first).to_have_class(re.compile(r"\bopen\b"))
    expect(page.locator("#doc h2")).to_have_text("000_455f14d27b3779dd")
    expect(page.locator("#doc .lines .ln").first).to_be_visible()
    key = page.locator("#key li")
    expect(key).to_have_count(12)
    expect(page.locator("#key")).to_contain_text("header.title")
    dot = page.locator('#rows tr[data-doc="3"] .dot').first
    legend_dot = page.locator("#key li .dot").first
    assert dot.evaluate("e => getComputedStyle(e).backgroundColor") == legend_dot.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    page.select_option("#f-rule", "legal.risk-disclosure")
    expect(page.locator("#doc h2")).to_contain_text("US strikes targets in Iraq")
    page.fill("#f-q", "no such document")
    expect(page.locator("#doc .hint")).to_have_text("No document matches the filters.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(served)
    page.screenshot(path=str(ARTIFACTS / f"report-{width}.png"))
