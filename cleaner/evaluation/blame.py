"""Which rule or stage removed a snippet: looked up in an output's sidecar `removed` list."""

from __future__ import annotations

from typing import Any

from cleaner.evaluation.snippets import norm

PROBE = 24


def blame(snippet: str, removed: list[dict[str, Any]]) -> str | None:
    """`stage:rule` of the removal whose text holds the snippet, or None.

    A snippet that runs over several removed lines is matched by its first or last
    characters and reported with "(part)".
    """
    wanted = norm(snippet)
    texts = [(norm(r.get("text", "")), r) for r in removed]
    for text, removal in texts:
        if wanted and wanted in text:
            return f"{removal['stage']}:{removal['rule']}"
    if len(wanted) > PROBE:
        for probe in (wanted[:PROBE], wanted[-PROBE:]):
            for text, removal in texts:
                if probe in text:
                    return f"{removal['stage']}:{removal['rule']} (part)"
    return None
