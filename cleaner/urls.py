"""URLs from outside (JSONL records, `--url`, `--urls` files, `[tool.cleaner]`), checked where
they enter, so that a malformed one is one clear error rather than a crash in a later stage
that looks up its host."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_problem(url: object) -> str | None:
    """Why `url` (a URL, or a bare host) cannot be used, or None when it can."""
    if not isinstance(url, str):
        return f"a URL must be a string, not {type(url).__name__}"
    try:
        url.encode("utf-8")
    except UnicodeEncodeError:
        return f"URL {url!r} is not valid Unicode (it holds a lone surrogate)"
    if any(ord(c) < 32 or c == "\x7f" for c in url):
        return f"URL {url!r} holds control characters"
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
        _ = parts.hostname, parts.port
    except ValueError as exc:
        return f"malformed URL {url!r} ({exc})"
    return None
