"""trafilatura's extraction of the development pages, kept on disk between runs.

The quality gate and the parity check clean trafilatura's output of every page; extracting
the 884 pages takes longer than cleaning them. The extraction depends only on the page's
bytes, the settings below and trafilatura's version, so it is cached under
`benchmarks/out/extractions/` (never committed) by a digest of all three.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "out" / "extractions"
REFERENCE = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}
"""trafilatura's benchmark settings: what its own evaluation extracts with."""


def _key(page: bytes) -> str:
    import trafilatura

    settings = json.dumps(REFERENCE, sort_keys=True)
    blob = b"\0".join([page, settings.encode(), trafilatura.__version__.encode()])
    return hashlib.sha256(blob).hexdigest()


def extract(path: Path) -> str | None:
    """trafilatura's text of the gzipped page at `path` (None when it finds none), from the
    cache when this page was extracted with the same settings and version before."""
    page = gzip.decompress(path.read_bytes())
    cached = CACHE / f"{_key(page)}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))["text"]
    import trafilatura

    text = trafilatura.extract(page, **REFERENCE)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
    partial.replace(cached)
    return text
