"""Per-document limits, so that one pathological input cannot stall or exhaust a batch.

Two limits, both in `Config` (0 turns one off):

- `max_bytes`: a document larger than this is refused before it is read or decoded;
- `doc_timeout`: seconds the stages may spend on one document, checked between stages.

A rule pattern cannot stall a document: the core's patterns run in linear time, and those
with look-around stop at its backtrack limit (`_core.BACKTRACK_LIMIT` steps on one line).

A document that hits a limit fails with a `LimitError` naming the limit (and the rule and
line for a pattern past the backtrack limit); it never yields a partly cleaned output, so
what is written does not depend on the speed of the machine.
"""

from __future__ import annotations

import time

from cleaner.config import Config
from cleaner.model import Document, InputError


class LimitError(InputError):
    """A document that hit a configured size or time limit; the batch goes on without it."""


def check_size(size: int, config: Config) -> None:
    """Refuse a document of `size` bytes when it is over `max_bytes`."""
    if config.max_bytes and size > config.max_bytes:
        raise LimitError(f"too large: {size:,} bytes (limit max_bytes = {config.max_bytes:,})")


def start_clock(doc: Document, config: Config) -> None:
    """Set the document's deadline from `doc_timeout`."""
    doc.deadline = time.monotonic() + config.doc_timeout if config.doc_timeout else None


def check_deadline(doc: Document, config: Config, where: str) -> None:
    """Raise when the document has run past its deadline; `where` says what was running."""
    if doc.deadline is not None and time.monotonic() >= doc.deadline:
        raise past_deadline(config, where)


def past_deadline(config: Config, where: str) -> LimitError:
    """The error of a document that ran past its deadline while `where` was running."""
    return LimitError(f"time limit: {where} ran past doc_timeout = {config.doc_timeout:g} s")
