"""Link lists of HTML pages: runs of lines that are each the whole text of a hyperlink.

An extractor keeps a page's related-article lists, topic lists and link blocks when they
sit in the article's container, and its text no longer says they were links. The page
does: `extract` keeps every link's text. Two or more lines in a row that are each exactly
one link (a list bullet aside), none longer than a headline, are a list of links to other
pages, not the article's prose; a line a rule already removed still counts in its run.
Their items read as headlines (at least `MIN_MEDIAN_WORDS` words for the middle one): lists
of short names (show notes, a glossary, the parts of a product) are more often the page's
own content. A single linked line is left alone: a linked subheading, a linked book title
or a download line is often the article's own. So is a link whose text is its address (a
URL or a domain): lists of those are an article's sources and references.
"""

from __future__ import annotations

import regex

from cleaner.model import Document, Line
from cleaner.stages.base import Context, Stage, StageRule

RULE = StageRule(
    "links.link-list",
    "A run of two or more lines that are each the whole text of one hyperlink and read as "
    "headlines (HTML input).",
)
MIN_RUN = 2
MAX_WORDS = 25
MIN_MEDIAN_WORDS = 4
BULLET = regex.compile(r"^\s*(?:[-–•·*▪►»›]\s*|\d{1,3}[.)]\s+)")
SPACES = regex.compile(r"\s+")
ADDRESS = regex.compile(r"(?i)(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}(?:/\S*)?")


def link_only(line: Line, links: frozenset[str]) -> bool:
    """The line, bullet aside, is the whole text of one link, no longer than a headline and
    not the link's address."""
    text = SPACES.sub(" ", BULLET.sub("", line.text)).strip()
    if not text or len(text.split()) > MAX_WORDS or ADDRESS.fullmatch(text):
        return False
    return text in links


def headline_sized(run: list[Line]) -> bool:
    """The middle line of the run, by word count, is as long as a headline."""
    words = sorted(len(BULLET.sub("", line.text).split()) for line in run)
    return words[len(words) // 2] >= MIN_MEDIAN_WORDS


class Links(Stage):
    """Remove runs of link-only lines of HTML pages, each with the run's length as evidence."""

    name = "links"
    rules = (RULE,)

    def run(self, doc: Document, ctx: Context) -> None:
        if not doc.link_texts or ctx.config.leaves_out(RULE.id):
            return
        run: list[Line] = []
        for line in [*(ln for ln in doc.lines if not ln.blank), None]:
            if line is not None and link_only(line, doc.link_texts):
                run.append(line)
                continue
            if len(run) >= MIN_RUN and headline_sized(run):
                for member in run:
                    if doc.is_open(member.number):
                        doc.remove(
                            member.number,
                            member.number,
                            stage=self.name,
                            rule=RULE.id,
                            evidence=f"one of {len(run)} lines in a row that are each a whole link",
                        )
            run = []
