"""Tail zone: after a footer marker ("Related Links", "Latest comments") the short lines that
follow are residue too, up to the next line of prose.

A marker is a line removed by a rule of scope `tail`. Lists of headlines, site names and
navigation after it have no sentence shape, which is what this stage keys on; prose after
the marker (a second article, an author box) is left for the rules to judge.
"""

from __future__ import annotations

from cleaner.model import Document
from cleaner.stages.base import Context, Stage
from cleaner.textshape import is_prose


class Structure(Stage):
    """Remove the non-prose lines that follow a tail marker, citing the marker."""

    name = "structure"

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.tail_marker is None:
            return
        marker = doc.line(doc.tail_marker)
        evidence = f"after tail marker {marker.text.strip()!r} (line {marker.number})"
        for line in doc.lines[marker.number :]:
            if line.blank or doc.is_removed(line.number):
                continue
            if is_prose(line.text):
                break
            doc.remove(
                line.number,
                line.number,
                stage=self.name,
                rule="structure.after-tail-marker",
                evidence=evidence,
            )
