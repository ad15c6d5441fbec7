"""Size and build time of the review page for synthetic corpora of 1,000 and 10,000 documents.

The corpus is the same generator the tests use (prose from the bundled samples, every
rule's `match` examples at the head or tail), cleaned by the batch into a JSONL output, then
`cleaner report` over it. Prints one line per size: documents, JSONL bytes, page bytes,
bytes per document, and the seconds to build the page. With `--browser` (needs Playwright
and /usr/bin/chromium), also the seconds headless Chromium takes to load the page, to filter
the list by a rule and to open a document.

    python benchmarks/report_size.py [--sizes 1000,10000] [--keep DIR] [--browser]
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import Config  # noqa: E402
from cleaner.corpus.batch import run_batch  # noqa: E402
from cleaner.report import build_report  # noqa: E402
from cleaner.rules.registry import Registry  # noqa: E402
from tests.report_corpus import write_input_jsonl  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not figures."""


def browser_timings(page: Path) -> str:
    """Load, filter-by-rule and open-a-document times in headless Chromium."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(page.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            tab = browser.new_page(viewport={"width": 1440, "height": 1000})
            start = time.perf_counter()
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{page.name}")
            tab.locator("#rows tr").first.wait_for()
            loaded = time.perf_counter() - start
            rule = tab.locator("#f-rule option").nth(1).get_attribute("value")
            start = time.perf_counter()
            tab.select_option("#f-rule", rule)
            tab.locator("#rows tr").first.wait_for()
            filtered = time.perf_counter() - start
            start = time.perf_counter()
            tab.locator("#rows tr").first.click()
            tab.locator("#doc .ln").first.wait_for()
            opened = time.perf_counter() - start
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return f"load {loaded:.2f} s, filter {filtered:.2f} s, open {opened:.2f} s"


def measure(count: int, folder: Path, browser: bool) -> None:
    source = write_input_jsonl(folder / f"raw-{count}.jsonl", count)
    output = folder / f"clean-{count}.jsonl"
    run_batch(Config(), source, output)
    summaries = {rule.id: rule.summary for rule in Registry.load().rules}
    start = time.perf_counter()
    page = build_report(output, summaries=summaries).encode("utf-8")
    seconds = time.perf_counter() - start
    path = folder / f"report-{count}.html"
    path.write_bytes(page)
    print(
        f"{count:>6} documents: JSONL {output.stat().st_size:>11,} B, "
        f"page {len(page):>11,} B ({len(page) / count:,.0f} B/doc), built in {seconds:.1f} s"
        + (f"; Chromium: {browser_timings(path)}" if browser else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--keep", type=Path, help="Write the corpora and pages here.")
    parser.add_argument("--browser", action="store_true", help="Time the page in Chromium.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for count in sizes:
            measure(count, args.keep, args.browser)
        return
    with tempfile.TemporaryDirectory() as scratch:
        for count in sizes:
            measure(count, Path(scratch), args.browser)


if __name__ == "__main__":
    main()
