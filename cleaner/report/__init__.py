"""The HTML review page: what the cleaner removed, by rule, stage and document.

`collect` reads a cleaned folder or a JSONL output, `data` turns it into the page's JSON,
`charts` draws the SVG charts, and `page` fills the template with all of it inline.
"""

from cleaner.report.page import build_report

__all__ = ["build_report"]
