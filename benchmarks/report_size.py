"""Size and build time of the review page for synthetic corpora of 1,000 and 10,000 documents.

The corpus is the same generator the tests use (prose from the bundled samples, every
rule's `match` examples at the head or tail), cleaned by the batch into a JSONL output, then
`cleaner report` over it. Prints one line per size: documents, JSONL bytes, page bytes,
bytes per document, and the seconds to build the page.

    python benchmarks/report_size.py [--sizes 1000,10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import Config  # noqa: E402
from cleaner.corpus.batch import run_batch  # noqa: E402
from cleaner.report import build_report  # noqa: E402
from cleaner.rules.registry import Registry  # noqa: E402
from tests.report_corpus import write_input_jsonl  # noqa: E402


def measure(count: int, folder: Path) -> None:
    source = write_input_jsonl(folder / f"raw-{count}.jsonl", count)
    output = folder / f"clean-{count}.jsonl"
    run_batch(Config(), source, output)
    summaries = {rule.id: rule.summary for rule in Registry.load().rules}
    start = time.perf_counter()
    page = build_report(output, summaries=summaries).encode("utf-8")
    seconds = time.perf_counter() - start
    (folder / f"report-{count}.html").write_bytes(page)
    print(
        f"{count:>6} documents: JSONL {output.stat().st_size:>11,} B, "
        f"page {len(page):>11,} B ({len(page) / count:,.0f} B/doc), built in {seconds:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--keep", type=Path, help="Write the corpora and pages here.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for count in sizes:
            measure(count, args.keep)
        return
    with tempfile.TemporaryDirectory() as scratch:
        for count in sizes:
            measure(count, Path(scratch))


if __name__ == "__main__":
    main()
