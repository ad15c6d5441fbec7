"""cleaner: scraped article files in, clean article text with provenance out.

The core is pure: `clean_text` touches no files. Readers, writers and executors are thin
layers around it.
"""

from __future__ import annotations

from pathlib import Path

from cleaner.config import Config
from cleaner.model import InputError, Removal, Result
from cleaner.pipeline import Cleaner
from cleaner.version import __version__


def clean_text(
    text: str, config: Config | None = None, *, url: str | None = None, format: str | None = None
) -> Result:
    """Clean one text; an HTML page (sniffed as the command line does) has its main text
    extracted first. For many documents, build one `Cleaner` and reuse it."""
    return Cleaner(config).clean_text(text, url=url, format=format)


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one file (bytes are decoded by the `read` stage)."""
    return Cleaner(config).clean_file(path)


__all__ = [
    "Cleaner",
    "Config",
    "InputError",
    "Removal",
    "Result",
    "__version__",
    "clean_file",
    "clean_text",
]
