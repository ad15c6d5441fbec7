"""The text stages: what each does and why, and the rules it applies in code.

They run in the compiled core, all of them in one call per document
(`core/src/pipeline.rs`, one module per stage in `core/src/stages/`); the classes here
declare them for the one list of stages (`cleaner.pipeline.STAGES`), which `cleaner rules`,
the sidecars and the core's plan read: each stage's name, its rules, and its docstring.
"""

from __future__ import annotations

from cleaner.stages.base import Stage, StageRule

LINK_LIST_RULE = StageRule(
    "links.link-list",
    "A run of two or more lines that are each the whole text of one hyperlink and read as "
    "headlines (HTML input).",
)

TITLE_RULE = StageRule(
    "header.title",
    "A title-like first line of an article, moved into the metadata, and a headline that "
    "repeats it, or one part of it, above the body (both kept with --keep-title, and in "
    "declared extractor output).",
)

# Keyed by `HeaderLine.kind`, as the core names the rule of each kind of opening line.
OPENING_RULES = {
    "byline": StageRule(
        "header.byline", "A byline at the top of an article, moved into the authors."
    ),
    "date": StageRule("header.date", "A date line at the top of an article, moved into its dates."),
    "dateline": StageRule(
        "header.dateline",
        "A dateline line (place, agency, date) at the top of an article, moved into the metadata.",
    ),
}

TAIL_MARKER_RULE = StageRule(
    "structure.after-tail-marker",
    "The non-prose lines after a tail marker (a related, comment or footer header), up to "
    "the next line of prose.",
)

RELATED_LIST_RULE = StageRule(
    "structure.related-list",
    "The lines under a related-reading header below the article (other pages' headlines), "
    "up to the next line of prose or header, at most 12; the line right over that prose "
    "stays.",
)

ARTICLE_END_RULE = StageRule(
    "structure.after-article-end",
    "Everything after a related-reading, comment, share, newsletter or author-box marker "
    "that closes the article, prose or not.",
)

DATE_LINE_RULE = StageRule(
    "structure.date-line",
    "A line that is only a date: the header, which runs before, has read the article's date "
    "from the lines it reads; the others date comments, teasers and updates.",
)

CLOSING_LIST_RULE = StageRule(
    "structure.closing-list",
    "A closing box after the last sentence: a short label ending in a colon and a few "
    "headline-shaped lines.",
)

AUTHOR_BIO_RULE = StageRule(
    "structure.author-bio",
    "A last paragraph that introduces a person the text never named, or a paragraph near the "
    "end that introduces the byline's author (an author box).",
)

COMMENT_THREAD_RULE = StageRule(
    "structure.comment-thread",
    "A thread of reader comments under the article (two or more attribution lines, such as "
    '"Jane says:", each above a date), from its first comment to the end of the page.',
)

MODEL_RULE = StageRule(
    "classify.model",
    "A line the learned line model scores below its threshold: page furniture, teasers, "
    "comments (its evidence: the score and the features that pulled it down).",
)

TEMPLATE_RULE = StageRule(
    "repeats.site-template",
    "A line the corpus repeats table lists as template for the document's site group.",
)


class Normalize(Stage):
    """Fix the text every later stage addresses by line number.

    Unicode NFC, one kind of line ending, no invisible characters, no trailing spaces.

    Soft hyphens (U+00AD) stay: they are the publisher's hyphenation points, part of the text
    a reader copies, not encoding residue.

    Everything after this stage addresses the normalized text by line number, so this is the
    text that replaying the removals gives back.

    A run of more than `MAX_MARKS` combining marks on one character is cut to that many before
    NFC, with a warning. NFC sorts each run of marks by insertion, in time that grows with the
    square of its length (a 400 kB run took minutes, inside one call that no deadline can
    interrupt); 30 is Unicode's own bound for such runs (the Stream-Safe Text Format of UAX #15),
    so no real text loses anything.

    The work is the compiled core's (`core/src/stages/normalize.rs`, NFC from the
    `unicode-normalization` crate).
    """

    name = "normalize"


class Language(Stage):
    """Fill `meta.language` (ISO 639-1) with its source: config, page, or stoplist guess.

    Set the document's language before the rules run, so that they can choose language packs.

    The language given in the configuration wins; then the page's own (the `lang` attribute
    of an HTML page, filled by `extract`); then a guess over jusText's stoplists.

    A page's own tag can be wrong (a template's `lang="en"` around a Spanish article). When
    the tagged language has a stoplist and the guess names another language whose stopwords
    are at least 1.5 times as dense in the text as the tagged language's, the guess
    wins: the stages that weigh
    stopwords would otherwise judge every sentence of the article as furniture.

    The work is the compiled core's (`core/src/stages/language.rs`).
    """

    name = "language"


class Segment(Stage):
    """Split the document into articles by line range; each gets its own metadata.

    Article boundaries inside one file: a headline directly followed by a dateline, date or byline.

    Scraped files sometimes hold two articles back to back. The first article always starts at
    the top; a later one starts where a headline (a title-like line of at least
    three words), after some prose of the article before it, is followed by an
    opening line that only a new article has (a byline, dateline or date line of
    `header_lines.opening_line`). The work is the compiled core's (`core/src/stages/segment.rs`).
    """

    name = "segment"


class Rules(Stage):
    """Mark every line (or span) that a rule of the registry matches, with the rule's id.

    Apply the rule registry: the site pack that recognises the document, then generic packs.

    The patterns are compiled and matched by the core (`core/src/rules`), all of a document's
    lines in one call: linear time, but for look-around patterns, which backtrack within a
    limit. A pattern that runs past it fails this document with the rule id and line, and the
    batch goes on. The stage itself (zones, scopes, span widening, the tail marker) runs in the
    core too (`core/src/stages/rules.rs`), and so does the choice of the site pack
    (`core/src/pipeline.rs`): the first that the configured site names, whose URL hosts hold
    the page's, or whose fingerprint the text carries.
    """

    name = "rules"


class Links(Stage):
    """Remove runs of link-only lines of HTML pages, each with the run's length as evidence.

    Link lists of HTML pages: runs of lines that are each the whole text of a hyperlink.

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

    The stage runs in the core (`core/src/stages/links.rs`).
    """

    name = "links"
    rules = (LINK_LIST_RULE,)


class Header(Stage):
    """Fill title, authors, dates, agency and dateline per article, marking the lines moved.

    Move each article's opening lines (title, byline, dates, dateline) into its metadata.

    Only lines that a recogniser claims whole are taken, from the run of lines at the top of an
    article (the first line of prose ends it) and, for a byline or date the top did not give,
    from the few lines just above the article's body: the first paragraph of its longest run of
    paragraphs. On a full page the top is the site's header and navigation, and the byline and
    date sit between the headline and the body. A dateline that opens the first paragraph is
    read into metadata but stays in the body, since it is part of the sentence.

    A page dump often starts with the page's own title (the browser tab's) and repeats it as
    the headline over the body: once the first line is taken as the title, the lines above
    the body that read as it go too.

    The stage runs in the core (`core/src/stages/header.rs`); the document's metadata and each
    article's come back into the Python document with the body (`cleaner.plan`).
    """

    name = "header"
    rules = (TITLE_RULE, *OPENING_RULES.values())


class Structure(Stage):
    """Remove the non-prose lines that follow a tail marker, citing the marker, then
        everything after the marker that ends the article.

    Tail zone: after a footer marker ("Related Links", "Latest comments") the short lines that
    follow are residue too, up to the next line of prose.

    A marker is a line removed by a rule of scope `tail`. Lists of headlines, site names and
    navigation after it have no sentence shape, which is what this stage keys on; prose after
    the marker (a second article, an author box) is left for the rules to judge.

    A related-reading header ("Leia também", "Related Links", "Meistgelesen") below the
    article (a run of paragraphs above it at least as long as any under it) heads a list of
    other pages' headlines, wherever on the page it stands: the lines under it go, up to the
    next line of prose or the next such header, except the line right over that prose,
    which is that paragraph's heading (the article's next subheading after an inline "Read
    also" box, a teaser's headline). Above the article such a list may hold its headline and
    lead, and more than 12 lines under a header are the page's own (a table, a manual's
    index): both are left.

    The article's end is stronger evidence: a related-reading, comment or author-box header, a
    share or newsletter prompt that comes after the article closes it, and everything after it
    (teasers, comments, author boxes, newsletter and site blurbs, footer) is removed, prose or
    not. "After the article" means most of the page's prose lies before the marker and no long
    run of paragraphs after it, or the page's longest run of paragraphs lies before it and no
    run after it comes close. A marker inside the article (an inline "Read also" box, a share
    row under the title) has the article's paragraphs after it and ends nothing. A newsletter
    box (and the markers right under it, its form's fields) often stands between a post's
    sections, so after it only the first reading holds: most of the prose before it. Text
    that already reads as an article needs stronger evidence (`ends_article`).

    Once the header stage has taken the article's date, a line that is only a date (a
    teaser's, a comment's, an update stamp) is no part of the text either.

    Reader comments under the article are a thread: two or more attribution lines ("Jane
    says:", "Gabi sagt:") each with a date under it. Everything from the first of them to
    the end of the page goes, after a run of the article's paragraphs: the comments are
    prose, often more of it than the article, so a comments header alone may not end the
    article; their attributions do. A quote in the text ("The minister said:") has no
    second dated attribution, and a forum page's first post opens the page.

    A box that closes the page without a known marker has a shape of its own: after the last
    sentence, a short label ending in a colon ("Read more:", "Press contacts:", "Image
    credits:") and, up to the end, only a few headline-shaped lines (titles, names, contacts).
    An article's own closing list has items with sentences, list marks or numbers, or more than
    a handful of lines, and none of that is taken; nor is a label that names its item ("The
    report is here: Report on …"), which points to the article's own document.

    An author box without a header is a last paragraph that introduces a person the text never
    mentioned: it starts with a name and a copula ("Jane Doe is a consultant …", "Max Muster
    ist Architekt …"). A person the article is about is named before its last paragraph.

    The stage runs in the core (`core/src/stages/structure.rs`).
    """

    name = "structure"
    rules = (
        TAIL_MARKER_RULE,
        RELATED_LIST_RULE,
        ARTICLE_END_RULE,
        COMMENT_THREAD_RULE,
        DATE_LINE_RULE,
        CLOSING_LIST_RULE,
        AUTHOR_BIO_RULE,
    )


class Classify(Stage):
    """Remove the open lines the learned line model scores as not article.

    Lines no rule decided: the line model (`cleaner/models/line_model.json`, trained by
    `training/line_model.py` on the development sets) scores each line from its features,
    which the core computes as the stages before leave the lines: its shape (length, words,
    stopword density, link share, a sentence end, title case, a list or table mark, the block
    scorer's class of it), what the rules, links, header and structure stages did with it and
    around it, where it stands (from each end of the page, from the headline the header
    took, from the longest run of prose), its block between blank lines, how often its text
    recurs, and its coherence with the page's prose (the share of its content words the prose
    uses too: a teaser or a related headline is about something else). A second model reads
    the same features and the first one's scores of the neighbouring lines. An open line
    scored below the threshold is removed as `classify.model`, its evidence the score, the
    first model's score of the line alone, and the features that pulled it down most.

    A table row, a list item longer than a menu entry and a recipe's ingredient list
    (`cleaner.recipes`) stay whatever their score. When the model would keep less than 15%
    of the open text, it removes nothing and the page is flagged `classify-fallback`.

    A document without a stoplist for its language, or with almost no stopwords at all, is
    left alone: its features would say little (CJK text has no spaces to count words by).

    Text that an extractor already produced is left alone too: the HTML input's extract stage;
    text the user says is an extractor's output (`Config.extracted`, `--extracted`), since some
    extractor outputs keep a page's menus or data sheets and look like dumps; text with one
    paragraph per line and hardly a blank line (page dumps separate their blocks by blank
    lines); text whose article starts at once (at most `EXTRACTED_LEAD` bare menu-sized lines
    before the first sentence) with no run of more than `EXTRACTED_RUN` such lines, and few of
    them. What is short there is a heading, a list item, a table row or a caption, not a menu,
    and what furniture remains is the rules' to remove.

    The model runs in the core (`core/src/stages/classify.rs`, `core/src/model.rs`).
    """

    name = "classify"
    rules = (MODEL_RULE,)


class Repeats(Stage):
    """Mark open lines that the corpus table lists as template for the document's site.

    Remove lines that the document's own site repeats on many pages (the corpus table).

    The table comes from a separate counting pass over the whole batch (`cleaner.corpus`);
    without one (single documents, `clean_text`) this stage does nothing. Each removal cites
    the count, the share and the site group, and the sidecar names the table's digest. The
    lines are looked up by the core (`core/src/stages/repeats.rs`).
    """

    name = "repeats"
    rules = (TEMPLATE_RULE,)


class Guard(Stage):
    """Flag documents, and articles written apart, whose body came out empty or lost more than
        the allowed share.

    Over-removal check: an empty or mostly removed output is flagged, never passed on silently.

    With `--split-articles` each article is an output of its own, and is checked on its own: a
    page's header, cut off as an "article", can come out empty while the page's article does not.
    Runs in the core (`core/src/stages/guard.rs`).
    """

    name = "guard"


class Render(Stage):
    """Write the kept text into `doc.body` (and each article's, when the articles are written
        apart); the sidecar is built from the same document.

    Build the body once, at the end: kept lines, one paragraph per line, spans cut out.

    Runs in the core (`core/src/stages/render.rs`).
    """

    name = "render"
