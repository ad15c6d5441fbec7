"""Build the body once, at the end: kept lines, one paragraph per line, spans cut out.

Runs in the core (`core/src/stages/render.rs`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage


class Render(Stage):
    """Write the kept text into `doc.body` (and each article's, when the articles are written
    apart); the sidecar is built from the same document."""

    name = "render"
