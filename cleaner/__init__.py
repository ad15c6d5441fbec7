"""cleaner: scraped article files in, clean article text with provenance out.

The core is pure: `clean_text` touches no files. Readers, writers and executors are thin
layers around it.

The names below are imported on first use (PEP 562): the pytest plugin is a submodule,
and pytest imports it in every run of every project that has cleaner installed, so
importing the package must not load the pipeline, trafilatura and lxml.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.version import __version__

if TYPE_CHECKING:
    from cleaner.config import Config
    from cleaner.model import InputError, Removal, Result
    from cleaner.pipeline import Cleaner

_LAZY = {
    "Cleaner": "cleaner.pipeline",
    "Config": "cleaner.config",
    "InputError": "cleaner.model",
    "Removal": "cleaner.model",
    "Result": "cleaner.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")


def clean_text(
    text: str, config: Config | None = None, *, url: str | None = None, format: str | None = None
) -> Result:
    """Clean one text; an HTML page (sniffed as the command line does) has its main text
    extracted first. For many documents, build one `Cleaner` and reuse it."""
    from cleaner.pipeline import Cleaner

    return Cleaner(config).clean_text(text, url=url, format=format)


def clean_file(path: str | Path, config: Config | None = None) -> Result:
    """Clean one file (bytes are decoded by the `read` stage)."""
    from cleaner.pipeline import Cleaner

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
