"""How often the language guess names the language a page's own tag gives, on page dumps.

    python benchmarks/language.py [--jobs N]

A page dump has no tag, so `cleaner` guesses its language from the text (`language`
stage: jusText's stoplists). The development sets' pages do have one: trafilatura-eval's
cases give each page's `<html lang>` (`html_lang`), and modern-web's pages are there as
HTML, whose `lang` attribute is read here. Each dump is cleaned alone and its sidecar's
`article.language` compared with its page's tag: the same language, another one, or no
guess. A tag can be wrong (a template's `lang="en"` around a German article), so the
disagreements are listed, page by page, for reading; the figure to watch is how the counts
move with a change to the guess, not how far they are from all agreeing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cleaner.language import language_from_tag
from cleaner.model import InputError
from cleaner.pipeline import Cleaner

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets"
HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.IGNORECASE)

_WORKER: dict[str, Cleaner] = {}


def _init_worker() -> None:
    _WORKER["cleaner"] = Cleaner()


def _guess(path: str) -> str | None:
    """Worker: the language the sidecar of the dump at `path`, cleaned alone, names."""
    try:
        result = _WORKER["cleaner"].clean_bytes(Path(path).read_bytes(), path=path)
    except InputError:
        return None
    language = result.metadata["article"].get("language")
    return language if isinstance(language, str) else None


def page_tag(html_file: Path) -> str | None:
    """The language of an HTML page's `<html lang>` attribute (ISO 639-1), or None."""
    found = HTML_LANG.search(gzip.decompress(html_file.read_bytes())[:20_000])
    return language_from_tag(found.group(1).decode("ascii")) if found else None


def pages(dataset: str) -> list[tuple[str, Path, str | None]]:
    """(id, dump, the page's tag) of every page of `dataset` (empty when it is not there)."""
    root = SHARED / dataset
    cases = root / "cases.jsonl"
    if not cases.is_file():
        return []
    found = []
    for line in cases.open(encoding="utf-8"):
        row = json.loads(line)
        case_id = row["id"]
        if dataset == "trafilatura-eval":
            tag = language_from_tag(row.get("html_lang"))
        else:
            tag = page_tag(root / "html" / f"{case_id}.html.gz")
        found.append((case_id, root / "dump" / f"{case_id}.txt", tag))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    for dataset in ("trafilatura-eval", "modern-web"):
        found = pages(dataset)
        if not found:
            print(f"{dataset}: skipped, not at {SHARED / dataset}")
            continue
        with ProcessPoolExecutor(args.jobs, initializer=_init_worker) as pool:
            guesses = list(pool.map(_guess, [str(dump) for _, dump, _ in found], chunksize=16))
        counts: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        differing = []
        for (case_id, _, tag), guess in zip(found, guesses, strict=True):
            if tag is None:
                counts["no tag"] += 1
            elif guess == tag:
                counts["agree"] += 1
            else:
                counts["no guess" if guess is None else "differ"] += 1
                pairs[(tag, guess or "-")] += 1
                differing.append(f"{case_id} ({tag} -> {guess or '-'})")
        guessed = Counter(guess or "-" for guess in guesses)
        print(
            f"{dataset}: {len(found)} dumps; against the page's tag: {counts['agree']} agree,"
            f" {counts['differ']} another language, {counts['no guess']} no guess;"
            f" {counts['no tag']} pages without a tag"
        )
        print("  guessed: " + ", ".join(f"{code} {n}" for code, n in guessed.most_common()))
        print("  tag -> guess: " + ", ".join(f"{t}->{g} {n}" for (t, g), n in pairs.most_common()))
        print("  pages: " + ", ".join(differing))


if __name__ == "__main__":
    main()
