"""Worst cases within the limits: time and peak memory of one pathological document each.

    python benchmarks/pathological.py

Each case runs in a child process of its own (so that its peak RSS is its own) with the
default limits, and prints: the input, its size, the outcome (cleaned, or the one-line
error), the seconds it took and the peak resident memory of the child (Linux VmHWM). Cases:

- the largest document the default `max_bytes` admits, as one line and as short lines;
- 500,000 short lines;
- a rule pattern that backtracks catastrophically (`(a+)+$` on 50,000 a's), which the
  regex timeout stops;
- a gzip file that inflates to 100 MB (a small "bomb"), refused without inflating it all;
- HTML nested 10,000 levels deep;
- an HTML article of 20,000 paragraphs that say the same, beside 20,000 short list items
  (the page-text view compares each line of the page's text with the main text).

Figures depend on the machine and its load; nothing here is asserted.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSE = "The council met on Monday to vote on the budget for next year, the mayor said. "

# Peak memory is the child's VmHWM: ru_maxrss would carry over the parent's peak across exec.
CHILD = """
import json, sys, time
from pathlib import Path
from cleaner import Cleaner, Config
packs = tuple(sys.argv[3:])
cleaner = Cleaner(Config(packs=packs))
start = time.perf_counter()
try:
    cleaner.clean_file(Path(sys.argv[1]))
    outcome = "cleaned"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {exc}"
seconds = time.perf_counter() - start
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) // 1024
Path(sys.argv[2]).write_text(json.dumps([outcome, seconds, peak]))
"""

HOSTILE_PACK = """
[pack]
name = "hostile"
[[rules]]
id = "hostile.backtrack"
summary = "Nested quantifier."
pattern = '(a+)+$'
match = ["aaa"]
"""


def repeated_page() -> bytes:
    """An article of 20,000 paragraphs that say the same, beside a box of 20,000 short
    items that trafilatura leaves out: the page-text view cleans a page text of 40,000
    lines (the line model does not score a text of this shape, so nothing is merged; the
    merge's own worst case is a unit test of `core/src/restore.rs`)."""
    article = "".join(f"<p>{PROSE}{PROSE}</p>" for _ in range(20_000))
    items = "".join(f"<li>Item {i} of the list</li>" for i in range(20_000))
    html = f'<html><body><article>{article}</article><div class="widget"><ul>{items}</ul></div>'
    return (html + "</body></html>").encode()


def cases(folder: Path) -> list[tuple[str, Path, tuple[str, ...]]]:
    """(label, input file, extra packs) for every case, written into `folder`."""
    limit = 16_000_000
    one_line = (PROSE * (limit // len(PROSE)))[: limit - 1].encode()
    short = "".join(f"Item {i} of the list.\n" for i in range(2_000_000))[: limit - 1].encode()
    files = {
        "max-size-one-line.txt": one_line,
        "max-size-short-lines.txt": short,
        "500k-lines.txt": "".join(f"Item {i} of the list.\n" for i in range(500_000)).encode(),
        "backtracking.txt": (PROSE + "\n" + "a" * 50_000 + "b\n").encode(),
        "bomb.txt.gz": gzip.compress(b"a" * 100_000_000, mtime=0),
        "deep.html": (
            "<html><body>" + "<div>" * 10_000 + f"<p>{PROSE}</p>" + "</div>" * 10_000
        ).encode(),
        "repeated.html": repeated_page(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    pack = folder / "hostile.toml"
    pack.write_text(HOSTILE_PACK, encoding="utf-8")
    return [
        (name, folder / name, (str(pack),) if name == "backtracking.txt" else ()) for name in files
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"{'input':<26} {'MB':>7} {'seconds':>8} {'peak MB':>8}  outcome")
        for label, path, packs in cases(folder):
            result = folder / "result.json"
            subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(result), *packs],
                check=True,
                cwd=ROOT,
            )
            outcome, seconds, peak = json.loads(result.read_text())
            size = path.stat().st_size / 1e6
            print(f"{label:<26} {size:>7.2f} {seconds:>8.2f} {peak:>8}  {outcome}")


if __name__ == "__main__":
    main()
