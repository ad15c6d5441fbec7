//! Tail zone: after a footer marker ("Related Links", "Latest comments") the short lines that
//! follow are residue too, up to the next line of prose.
//!
//! A marker is a line removed by a rule of scope `tail`. Lists of headlines, site names and
//! navigation after it have no sentence shape, which is what this stage keys on; prose after
//! the marker (a second article, an author box) is left for the rules to judge.
//!
//! A related-reading header below the article heads a list of other pages' headlines,
//! wherever on the page it stands: the short run of lines under it goes, up to the next
//! line of prose or header, except the line right over that prose, its heading
//! (`related_list_lines`).
//!
//! The article's end is stronger evidence: a related-reading, comment or author-box header, a
//! share or newsletter prompt that comes after the article closes it, and everything after it
//! (teasers, comments, author boxes, newsletter and site blurbs, footer) is removed, prose or
//! not. "After the article" means most of the page's prose lies before the marker and no long
//! run of paragraphs after it, or the page's longest run of paragraphs lies before it and no
//! run after it comes close. A marker inside the article (an inline "Read also" box, a share
//! row under the title) has the article's paragraphs after it and ends nothing. Text that
//! already reads as an article needs stronger evidence (`ends_article`), and in an
//! extractor's output a run of paragraphs of 1,000 characters after a marker is the article's.
//!
//! Once the header stage has taken the article's date, a line that is only a date (a
//! teaser's, a comment's, an update stamp) is no part of the text either.
//!
//! Reader comments under the article are a thread: two or more attribution lines ("Jane
//! says:", "Gabi sagt:") each with a date under it. Everything from the first of them to
//! the end of the page goes, after a run of the article's paragraphs: the comments are
//! prose, often more of it than the article, so a comments header alone may not end the
//! article; their attributions do. A quote in the text ("The minister said:") has no
//! second dated attribution, and a forum page's first post opens the page.
//!
//! A box that closes the page without a known marker has a shape of its own: after the last
//! sentence, a short label ending in a colon ("Read more:", "Press contacts:", "Image
//! credits:") and, up to the end, only a few headline-shaped lines (titles, names, contacts).
//! An article's own closing list has items with sentences, list marks or numbers, or more than
//! a handful of lines, and none of that is taken; nor is a label that names its item ("The
//! report is here: Report on …"), which points to the article's own document.
//!
//! An author box without a header is a last paragraph that introduces a person the text never
//! mentioned: it starts with a name and a copula ("Jane Doe is a consultant …", "Max Muster
//! ist Architekt …"). A person the article is about is named before its last paragraph. A
//! paragraph in the second half of the page's text that introduces the byline's author so is
//! an author box too, whatever follows it: a text does not speak of its own author in the
//! third person.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::dates;
use crate::document::{Document, Removal};
use crate::language::Stoplist;
use crate::pychar;
use crate::stages::classify::{self, Class};
use crate::textshape::{self, casefold};

const END_MARKER_RULES: &[&str] = &[
    "related.header",
    "comments.header",
    "comments.form",
    "comments.policy",
    "share.",
    "newsletter.",
    "author.box",
];
/// End markers that also stand inside an article: a newsletter box is often set between
/// its paragraphs ("Stay informed with our latest updates. Subscribe now!" halfway down a
/// blog post), where a comment section's or a related list's heading is not. After one of
/// these the article ends only where most of the page's prose lies before it
/// (`ends_article`), not where its longest run of paragraphs does: a post in short sections
/// under headings has no long run after the box, however much of it follows.
const INLINE_MARKER_RULES: &[&str] = &["newsletter."];
const MIN_PROSE_BEFORE: f64 = 0.3;
const MAX_PROSE_AFTER: f64 = 1.0;
const MAX_RUN_AFTER: f64 = 0.3;
const MIN_ARTICLE_RUN: usize = 200;
const RUN_RATIO: f64 = 1.5;
const CLEAN_MAX_PROSE_AFTER: f64 = 0.5;
const CLEAN_MAX_RUN_AFTER: f64 = 0.2;
/// Characters of a run of paragraphs after a marker above which, in an extractor's output
/// (declared, or shaped as one: `classify::looks_extracted`), the marker is inside the
/// article whatever the share of the prose: the extractor has cut the page around the
/// article, and what it keeps after the article (a related list, a comment form, a
/// newsletter box) is headlines and short lines, not several paragraphs in a row. A heading
/// that a rule reads as a marker ("Related Articles" from a box between the article's
/// paragraphs, a manual's "SHARE" keyword, "Comments?" closing a mail's paragraph) has them
/// after it.
const CLEAN_MAX_RUN_AFTER_CHARS: usize = 1000;
const CLOSING_LABEL_WORDS: usize = 6;
const CLOSING_ITEM_WORDS: usize = 16;
const CLOSING_MAX_ITEMS: usize = 8;
const NAMING_WORD: usize = 5;
const BIO_MIN_CHARS: usize = 40;

pub const TAIL_MARKER_RULE: &str = "structure.after-tail-marker";
pub const RELATED_LIST_RULE: &str = "structure.related-list";
pub const ARTICLE_END_RULE: &str = "structure.after-article-end";
pub const DATE_LINE_RULE: &str = "structure.date-line";
pub const CLOSING_LIST_RULE: &str = "structure.closing-list";
pub const AUTHOR_BIO_RULE: &str = "structure.author-bio";
pub const COMMENT_THREAD_RULE: &str = "structure.comment-thread";

/// Comments a thread has at least: one attribution line with a date under it can be a quote
/// in the text ("The minister said:" above a dated statement); two are a thread.
const MIN_COMMENTS: usize = 2;
/// Lines with text after an attribution within which its date stands.
const COMMENT_DATE_WITHIN: usize = 2;

static LIST_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-–•·*▪►]\s|\d{1,3}[.)]|\|)").expect("valid pattern"));
static PERSON_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<name>\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}\.)?(?:\s\p{Lu}[\p{L}'’-]+){1,2}),?\s(?:is|was|ist|war|est|es|era|è|jest|é)\s(?P<rest>.+))$",
    )
    .expect("valid pattern")
});
/// A reader comment's attribution line: a name (a few words, no sentence) and a verb of
/// saying (`SAYING`), as comment systems print them ("Jane Doe says:", "Gabi sagt:", "Marc a
/// écrit :").
static COMMENT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*[^\s.!?:;,][^.!?:;\n]{{0,48}}?\s(?:{})\s*:?\s*$",
        SAYING.join("|")
    ))
    .expect("valid pattern")
});
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:[\p{L}][\p{L}.-]*\s?){1,3}:\s*(?P<date>.+))$").expect("valid pattern")
});

/// The ISO date of a line that is only a date, perhaps after a short label ("Publikacja:
/// 04.05.2021", "Stand: 07.11.2023, 07:30 Uhr"), else `None`. Every date form has a year: a
/// line without one is told at once, before the label pattern runs.
pub fn date_only(text: &str, language: Option<&str>) -> Option<String> {
    let text = textshape::strip(text);
    if !dates::has_year(text) {
        return None;
    }
    let parsed = dates::parse_date(text, language).or_else(|| {
        let date = DATE_LABEL.captures(text)?.name("date")?.as_str();
        dates::parse_date(date, language)
    });
    parsed.map(|p| p.iso)
}

/// A line of a closing box: headline-shaped, short, not a list item or table row, and not
/// ending like a sentence.
fn closing_item(text: &str) -> bool {
    let text = textshape::strip(text);
    textshape::looks_like_title(text)
        && textshape::word_count(text) <= CLOSING_ITEM_WORDS
        && !LIST_MARK.is_match(text)
        && !text.ends_with(['.', '!'])
}

/// Whether an item starts with a word of the label (one of five letters or more).
fn names_item<S: AsRef<str>>(label: &str, items: &[S]) -> bool {
    let naming: HashSet<String> = textshape::words(label)
        .into_iter()
        .filter(|w| w.chars().count() >= NAMING_WORD)
        .map(casefold)
        .collect();
    items.iter().any(|item| {
        textshape::words(item.as_ref())
            .first()
            .is_some_and(|first| naming.contains(&casefold(first)))
    })
}

/// The index of the label that opens a closing box among the page's open lines, or `None`:
/// the label follows the last sentence, and one to `CLOSING_MAX_ITEMS` box lines follow it to
/// the end.
pub fn closing_list<S: AsRef<str>>(texts: &[S]) -> Option<usize> {
    for index in (0..texts.len()).rev() {
        let text = textshape::strip(texts[index].as_ref());
        if textshape::is_prose(text, 8) {
            return None;
        }
        if text.ends_with(':') {
            let items = &texts[index + 1..];
            let box_like = textshape::word_count(text) <= CLOSING_LABEL_WORDS
                && (1..=CLOSING_MAX_ITEMS).contains(&items.len())
                && items.iter().all(|item| closing_item(item.as_ref()))
                && !names_item(text, items)
                && texts[..index]
                    .iter()
                    .any(|earlier| textshape::is_prose(earlier.as_ref(), 8));
            return box_like.then_some(index);
        }
    }
    None
}

/// The name a last paragraph introduces when it starts with a person's name (capitalised
/// words, none of them a stopword) and a copula, and the text before it never names that
/// person's surname; else `None`.
pub fn introduces_stranger<H: BuildHasher>(
    last: &str,
    before: &str,
    stoplist: &HashSet<String, H>,
) -> Option<String> {
    let found = PERSON_BIO.captures(textshape::strip(last))?;
    if found.name("rest")?.as_str().chars().count() < BIO_MIN_CHARS {
        return None;
    }
    let name = found.name("name")?.as_str();
    let words: Vec<&str> = name
        .split(textshape::is_space)
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .iter()
        .any(|word| stoplist.contains(casefold(word).trim_matches('.')))
    {
        return None;
    }
    let surname = Regex::new(&format!(r"\b{}\b", regex::escape(words.last()?))).ok()?;
    if surname.is_match(before) {
        return None;
    }
    Some(name.to_string())
}

/// What the page's prose is, line by line (`prose_chars`).
pub struct Prose {
    /// Per line: the characters it adds to the page's prose (open lines the block scorer
    /// finds good or near-good), and whether it is a good line (which runs of paragraphs are
    /// made of).
    pub lines: Vec<(usize, bool)>,
    /// The text already reads as an article (`classify::looks_clean`).
    pub clean: bool,
    /// The text has an extractor's output's shape (`classify::looks_extracted`).
    pub extracted: bool,
}

/// The page's prose, line by line; `None` without open lines.
pub fn prose_chars(doc: &Document, stoplist: &Arc<Stoplist>) -> Option<Prose> {
    let units = classify::open_units_kept(doc, stoplist);
    if units.is_empty() {
        return None;
    }
    let mut out = vec![(0, false); doc.lines.len()];
    for unit in &units {
        let good = unit.initial == Class::Good;
        let adds = good || unit.initial == Class::Near;
        out[unit.number - 1] = (if adds { unit.chars } else { 0 }, good);
    }
    Some(Prose {
        lines: out,
        clean: classify::looks_clean(&units),
        extracted: classify::looks_extracted(&units, doc),
    })
}

/// Characters of the longest run of good lines before each index, and from each index on;
/// blank lines do not break a run, any other line does.
fn run_maxima(prose: &[(usize, bool)], doc: &Document) -> (Vec<usize>, Vec<usize>) {
    let scan = |indexes: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
        let (mut best, mut current) = (0, 0);
        let mut out = Vec::with_capacity(prose.len());
        for index in indexes {
            out.push(best);
            if doc.lines[index].blank {
                continue;
            }
            let (chars, good) = prose[index];
            current = if good { current + chars } else { 0 };
            best = best.max(current);
        }
        out
    };
    let before = scan(&mut (0..prose.len()));
    let mut after = scan(&mut (0..prose.len()).rev());
    after.reverse();
    (before, after)
}

/// Whether a marker with this much prose (and these longest runs of paragraphs) before and
/// after it closes the article: most of the prose is before it and no long run after it (none
/// longer than the longest before it: that run is the article), or the longest run of
/// paragraphs before it is well longer than any after it.
///
/// In text that already reads as an article (an extractor's output, a tidy page) the
/// extractor has cut most of what follows the article, and what follows a marker is more
/// often the article's own (a "See also" section of a manual): there both must hold, with at
/// most half as much prose after the marker as before it; in an extractor's output
/// (`extractor`), also no run of paragraphs after it of `CLEAN_MAX_RUN_AFTER_CHARS` or more.
/// After a marker that also stands inside articles (`inline`: `INLINE_MARKER_RULES`) most of
/// the prose must be before it.
pub fn ends_article(
    before: usize,
    total: usize,
    (run_before, run_after): (usize, usize),
    Reading {
        clean,
        extractor,
        inline,
    }: Reading,
) -> bool {
    let (before_f, after_f) = (before as f64, (total - before) as f64);
    let longest_before =
        run_before >= MIN_ARTICLE_RUN && run_before as f64 >= RUN_RATIO * run_after as f64;
    if clean {
        return longest_before
            && after_f <= CLEAN_MAX_PROSE_AFTER * before_f
            && run_after as f64 <= CLEAN_MAX_RUN_AFTER * before_f
            && !(extractor && run_after >= CLEAN_MAX_RUN_AFTER_CHARS);
    }
    let mostly_before = before_f >= MIN_PROSE_BEFORE * total as f64
        && after_f <= MAX_PROSE_AFTER * before_f
        && run_after as f64 <= MAX_RUN_AFTER * before_f
        && run_after <= run_before;
    mostly_before || (longest_before && !inline)
}

/// What the text and the marker's kind say of a cut at an end marker (`ends_article`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// The text already reads as an article (an extractor's output, a tidy page).
    pub clean: bool,
    /// The text is an extractor's output, declared or by its shape.
    pub extractor: bool,
    /// The marker is of a kind that also stands inside articles (`INLINE_MARKER_RULES`).
    pub inline: bool,
}

/// A line a rule removed as a related-reading, comment, share, newsletter or author-box
/// line: what can close an article.
fn is_end_marker(removal: &Removal) -> bool {
    removal.stage == "rules" && of_rules(removal, END_MARKER_RULES)
}

/// Whether `removal`'s rule id starts with one of `prefixes` (a family of rules).
fn of_rules(removal: &Removal, prefixes: &[&str]) -> bool {
    prefixes
        .iter()
        .any(|prefix| removal.rule.starts_with(prefix))
}

/// The line number of the marker that closes the article, with the evidence, or `None`. The
/// page's prose is scored only when some rule removed a marker line at all. `extracted`: the
/// text is declared an extractor's output.
fn article_end(
    doc: &Document,
    stoplist: Option<&Arc<Stoplist>>,
    extracted: bool,
) -> Option<(usize, String)> {
    let any_marker = doc
        .removals
        .iter()
        .any(|r| r.columns.is_none() && is_end_marker(r));
    if !any_marker {
        return None;
    }
    let Prose {
        lines: prose,
        clean,
        extracted: shaped,
    } = prose_chars(doc, stoplist?)?;
    let extractor = extracted || shaped;
    let total: usize = prose.iter().map(|(chars, _)| chars).sum();
    if total == 0 {
        return None;
    }
    let (runs_before, runs_after) = run_maxima(&prose, doc);
    let mut before = 0;
    // Whether the last line with text was a marker that also stands inside articles: the
    // markers right under it are of its box (a newsletter box's "Name*" and "Email*" fields,
    // which a comment form's rule also reads), and stand where it does.
    let mut in_inline_box = false;
    for (index, line) in doc.lines.iter().enumerate() {
        let marker = doc.removal_at(line.number).filter(|r| is_end_marker(r));
        let inline =
            marker.is_some_and(|removal| in_inline_box || of_rules(removal, INLINE_MARKER_RULES));
        if !line.blank {
            in_inline_box = inline;
        }
        if let Some(removal) = marker {
            if !doc.continues_sentence(line.number)
                && ends_article(
                    before,
                    total,
                    (runs_before[index], runs_after[index]),
                    Reading {
                        clean,
                        extractor,
                        inline,
                    },
                )
            {
                let evidence = format!(
                    "after article end {} (line {}, {}): {before} prose chars before, {} after; \
                     longest run of paragraphs {} before, {} after",
                    pychar::repr(textshape::strip(&line.text)),
                    line.number,
                    removal.rule,
                    total - before,
                    runs_before[index],
                    runs_after[index]
                );
                return Some((line.number, evidence));
            }
        }
        before += prose[index].0;
    }
    None
}

/// What the stage needs of the run: the stoplists and the document's language, and which of
/// its rules are switched off.
pub struct Settings<'a> {
    pub stoplist: Option<&'a Arc<Stoplist>>,
    pub language: Option<&'a str>,
    pub off: &'a [String],
    /// The text is declared an extractor's output (`--extracted`, an HTML page's text).
    pub extracted: bool,
}

impl Settings<'_> {
    fn on(&self, rule: &str) -> bool {
        !self.off.iter().any(|off| off == rule)
    }
}

/// Remove the non-prose lines that follow a tail marker, citing the marker, then everything
/// after the marker that ends the article, lines that are only a date, a closing box and an
/// author box.
pub fn run(doc: &mut Document, settings: &Settings) {
    if settings.on(TAIL_MARKER_RULE) {
        after_tail_marker(doc);
    }
    if settings.on(RELATED_LIST_RULE) {
        related_lists(doc, settings.stoplist);
    }
    if settings.on(ARTICLE_END_RULE) {
        after_article_end(doc, settings.stoplist, settings.extracted);
    }
    if settings.on(COMMENT_THREAD_RULE) {
        comment_thread(doc, settings.stoplist, settings.language);
    }
    if settings.on(DATE_LINE_RULE) {
        date_lines(doc, settings.language);
    }
    if settings.on(CLOSING_LIST_RULE) {
        closing_box(doc);
    }
    if settings.on(AUTHOR_BIO_RULE) {
        author_bio(doc, settings.stoplist);
    }
}

fn after_tail_marker(doc: &mut Document) {
    let Some(marker) = doc.tail_marker.filter(|&n| n >= 1 && n <= doc.lines.len()) else {
        return;
    };
    let evidence = format!(
        "after tail marker {} (line {marker})",
        pychar::repr(textshape::strip(&doc.line(marker).text))
    );
    for number in marker + 1..=doc.lines.len() {
        if !doc.is_open(number) {
            continue;
        }
        if textshape::is_prose(&doc.line(number).text, 8) {
            break;
        }
        doc.remove(
            number,
            number,
            "structure",
            TAIL_MARKER_RULE,
            &evidence,
            None,
        );
    }
}

/// The rule family of a related-reading list's header ("Related Links", "Leia também",
/// "Meistgelesen"): what stands under it is a list of other pages' headlines.
const RELATED_HEADER_RULES: &[&str] = &["related.header"];
/// Open lines a related-reading list holds at most before the next prose or header: a box
/// of other pages' headlines (with their dates or authors) is short, and a longer run of
/// short lines under such a header is the page's own (a table, a documentation page's "See
/// also" index, a list of products) and is left to the other stages.
const MAX_LIST_LINES: usize = 12;

/// The open lines under each related-reading header that comes after the article (a run
/// of paragraphs of `MIN_ARTICLE_RUN` characters above it, and none longer under it), each
/// with the header's line number: the lines without the shape of prose
/// (`textshape::is_prose`) up to the first that has it or the next such header, across
/// blank lines and lines already removed, when there are at most `MAX_LIST_LINES`. The last of them
/// is left when it stands right over the prose (blank lines apart), alone in its block or
/// in text of one paragraph per line: a short line over a paragraph is the paragraph's
/// heading (a subheading of the article after an inline "Read also" link or a header that
/// a rule misread, or a teaser's headline over its teaser); the last line of a block of
/// headlines is the list's.
fn related_list_lines(doc: &Document, stoplist: &Arc<Stoplist>) -> Vec<(usize, usize)> {
    let mut headers: Vec<usize> = doc
        .removals
        .iter()
        .filter(|r| r.columns.is_none() && r.stage == "rules")
        .filter(|r| of_rules(r, RELATED_HEADER_RULES))
        .map(|r| r.end_line)
        .filter(|&number| !doc.continues_sentence(number))
        .collect();
    if headers.is_empty() {
        return Vec::new();
    }
    headers.sort_unstable();
    let Some(Prose { lines: prose, .. }) = prose_chars(doc, stoplist) else {
        return Vec::new();
    };
    let (runs_before, runs_after) = run_maxima(&prose, doc);
    // Where each paragraph is a line (an extractor's output), any line right over the prose
    // may be its heading; where blank lines part the blocks, one alone in its block.
    let by_line = doc.one_paragraph_per_line();
    let mut out = Vec::new();
    for &header in &headers {
        let (before, after) = (runs_before[header - 1], runs_after[header - 1]);
        if before < MIN_ARTICLE_RUN || before < after {
            continue;
        }
        let mut items = Vec::new();
        let mut last_item_ends_run = false;
        for number in header + 1..=doc.lines.len() {
            if headers.binary_search(&number).is_ok() {
                break;
            }
            if !doc.is_open(number) {
                continue;
            }
            if textshape::is_prose(&doc.line(number).text, 8) {
                let last = items.last().copied().unwrap_or(header);
                last_item_ends_run = (last + 1..number).all(|n| doc.line(n).blank);
                break;
            }
            items.push(number);
            if items.len() > MAX_LIST_LINES {
                break;
            }
        }
        if items.len() > MAX_LIST_LINES {
            continue;
        }
        let heading = |number: usize| by_line || (number > 1 && doc.line(number - 1).blank);
        if last_item_ends_run && items.last().is_some_and(|&last| heading(last)) {
            items.pop();
        }
        out.extend(items.into_iter().map(|number| (number, header)));
    }
    out
}

/// Remove the headline lists under related-reading headers (`related_list_lines`), each
/// line citing its header.
fn related_lists(doc: &mut Document, stoplist: Option<&Arc<Stoplist>>) {
    let Some(stoplist) = stoplist else {
        return;
    };
    for (number, header) in related_list_lines(doc, stoplist) {
        let evidence = format!(
            "under the related-reading header {} (line {header})",
            pychar::repr(textshape::strip(&doc.line(header).text))
        );
        doc.remove(
            number,
            number,
            "structure",
            RELATED_LIST_RULE,
            &evidence,
            None,
        );
    }
}

/// Remove the open lines after the article's end, as one range (the blank and already
/// removed lines between them stay as they are).
fn after_article_end(doc: &mut Document, stoplist: Option<&Arc<Stoplist>>, extracted: bool) {
    let Some((number, evidence)) = article_end(doc, stoplist, extracted) else {
        return;
    };
    let left: Vec<usize> = doc
        .open_lines(number + 1, None)
        .iter()
        .map(|l| l.number)
        .collect();
    if let (Some(&first), Some(&last)) = (left.first(), left.last()) {
        doc.remove(first, last, "structure", ARTICLE_END_RULE, &evidence, None);
    }
}

/// The verbs of saying that end a comment's attribution line (`COMMENT_HEAD`).
const SAYING: &[&str] = &[
    "says",
    "said",
    "wrote",
    "writes",
    "commented",
    "replied",
    "sagt",
    "sagte",
    "schreibt",
    "schrieb",
    "meint",
    "kommentierte",
    "antwortete",
    "dice",
    "dijo",
    "escribió",
    "comenta",
    "comentó",
    "dit",
    "écrit",
    "scrive",
    "ha scritto",
    "diz",
    "disse",
    "escreveu",
    "pisze",
    "napisał",
    "napisała",
];

/// The last word of each verb of `SAYING` ("ha scritto": "scritto"), split once: split
/// for every line, it was a tenth of the time of cleaning a page.
static SAYING_LAST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    SAYING
        .iter()
        .map(|verb| verb.rsplit(' ').next().unwrap_or(verb))
        .collect()
});

/// Whether a line ends with a verb of `SAYING` (and perhaps a colon): what every comment
/// head does, told without running its pattern over every line of the page.
fn says_at_end(text: &str) -> bool {
    let text = text.trim_end().trim_end_matches(':').trim_end();
    let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
    if last.len() > 16 {
        return false;
    }
    let mut verbs = SAYING_LAST.iter();
    if last.is_ascii() {
        return verbs.any(|verb| last.eq_ignore_ascii_case(verb));
    }
    let folded = casefold(last);
    verbs.any(|verb| folded == *verb)
}

/// The indexes among `texts` (a page's lines, blank ones included) of the reader comments'
/// attribution lines: a name and a verb of saying (`COMMENT_HEAD`), with a line that is only
/// a date among the next `COMMENT_DATE_WITHIN` lines with text ("Jane says:" then "May 3,
/// 2021 at 9:15 am"). Empty unless there are `MIN_COMMENTS` of them: a thread.
pub fn comment_heads<S: AsRef<str>>(texts: &[S], language: Option<&str>) -> Vec<usize> {
    let heads: Vec<usize> = (0..texts.len())
        .filter(|&at| {
            let text = texts[at].as_ref();
            text.len() <= 120
                && says_at_end(text)
                && COMMENT_HEAD.is_match(textshape::strip(text))
                && texts[at + 1..]
                    .iter()
                    .map(AsRef::as_ref)
                    .filter(|t| !t.trim().is_empty())
                    .take(COMMENT_DATE_WITHIN)
                    .any(|t| date_only(t, language).is_some())
        })
        .collect();
    if heads.len() >= MIN_COMMENTS {
        heads
    } else {
        Vec::new()
    }
}

/// Remove a thread of reader comments under the article: from the first comment's
/// attribution line to the end of the page, as `after_article_end` removes what follows an
/// article's end. The comments are prose, often more of it than the article has, which is
/// why a comments header alone may not end the article there; their attribution lines with
/// dates do. The article must come first: a run of paragraphs of `MIN_ARTICLE_RUN`
/// characters before the thread (a forum page whose first post opens the page has none).
fn comment_thread(doc: &mut Document, stoplist: Option<&Arc<Stoplist>>, language: Option<&str>) {
    let heads = {
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        comment_heads(&texts, language)
    };
    let Some(&first) = heads.first() else {
        return;
    };
    let Some(prose) = stoplist.and_then(|s| prose_chars(doc, s)) else {
        return;
    };
    let (runs_before, _) = run_maxima(&prose.lines, doc);
    if runs_before[first] < MIN_ARTICLE_RUN {
        return;
    }
    let number = first + 1;
    let left: Vec<usize> = doc
        .open_lines(number, None)
        .iter()
        .map(|l| l.number)
        .collect();
    if let (Some(&start), Some(&last)) = (left.first(), left.last()) {
        let evidence = format!(
            "a thread of {} reader comments from {} (line {number}): attribution lines with \
             dates; longest run of paragraphs before it {}",
            heads.len(),
            pychar::repr(textshape::strip(&doc.line(number).text)),
            runs_before[first]
        );
        doc.remove(
            start,
            last,
            "structure",
            COMMENT_THREAD_RULE,
            &evidence,
            None,
        );
    }
}

/// Remove the lines that are only a date: the header stage has taken the article's date by
/// now, and the others date comments, teasers and updates, not the text.
fn date_lines(doc: &mut Document, language: Option<&str>) {
    let found: Vec<(usize, String)> = doc
        .lines
        .iter()
        .filter(|line| doc.is_open(line.number) && dates::has_year(&line.text))
        .filter_map(|line| Some((line.number, date_only(&line.text, language)?)))
        .collect();
    for (number, iso) in found {
        let evidence = format!("a line that is only a date ({iso})");
        doc.remove(number, number, "structure", DATE_LINE_RULE, &evidence, None);
    }
}

/// Remove a closing box (a label and the headline-shaped lines after it) that follows the
/// last sentence of the text.
fn closing_box(doc: &mut Document) {
    // The lines are read before any is removed, without copying the text of every open line.
    let (numbers, evidence) = {
        let lines = doc.open_lines(1, None);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        let Some(index) = closing_list(&texts) else {
            return;
        };
        let evidence = format!(
            "closing box after the last sentence: label {} (line {}) and {} \
             headline-shaped lines",
            pychar::repr(textshape::strip(texts[index])),
            lines[index].number,
            lines.len() - index - 1
        );
        let numbers: Vec<usize> = lines[index..].iter().map(|l| l.number).collect();
        (numbers, evidence)
    };
    for number in numbers {
        doc.remove(
            number,
            number,
            "structure",
            CLOSING_LIST_RULE,
            &evidence,
            None,
        );
    }
}

/// Remove a last paragraph that introduces a person the text never named.
fn author_bio(doc: &mut Document, stoplist: Option<&Arc<Stoplist>>) {
    let Some(stoplist) = stoplist else {
        return;
    };
    let lines = doc.open_lines(1, None);
    if lines.len() < 2 {
        return;
    }
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    if let Some((at, name)) = introduces_author(&texts, &doc.meta.authors) {
        let number = lines[at].number;
        let evidence = format!(
            "introduces the article's author {} (its byline) as a person",
            pychar::repr(&name)
        );
        doc.remove(
            number,
            number,
            "structure",
            AUTHOR_BIO_RULE,
            &evidence,
            None,
        );
        return;
    }
    let last = lines[lines.len() - 1].number;
    let before = texts[..texts.len() - 1].join("\n");
    let Some(name) = introduces_stranger(&doc.line(last).text, &before, stoplist) else {
        return;
    };
    let evidence = format!(
        "last paragraph introduces {}, whom the text never named",
        pychar::repr(&name)
    );
    doc.remove(last, last, "structure", AUTHOR_BIO_RULE, &evidence, None);
}

/// The position among `texts` (a page's open lines) of the last paragraph, in their second
/// half, that starts with the name of one of the article's `authors` (as its byline gave
/// them, of two words or more) and a copula: the author box under an article ("Jane Doe is
/// a senior writer for ..."), whatever follows it. The text does not speak of its own
/// author in the third person, so the byline's name is not a subject the text named.
pub fn introduces_author<S: AsRef<str>>(
    texts: &[S],
    authors: &[String],
) -> Option<(usize, String)> {
    let known: Vec<String> = authors
        .iter()
        .filter(|a| a.split_whitespace().count() >= 2)
        .map(|a| casefold(a.split_whitespace().collect::<Vec<_>>().join(" ").as_str()))
        .collect();
    if known.is_empty() {
        return None;
    }
    (texts.len() / 2..texts.len()).rev().find_map(|at| {
        let found = PERSON_BIO.captures(textshape::strip(texts[at].as_ref()))?;
        if found.name("rest")?.as_str().chars().count() < BIO_MIN_CHARS {
            return None;
        }
        let name = found.name("name")?.as_str();
        let spaced = name.split_whitespace().collect::<Vec<_>>().join(" ");
        (at > 0 && known.contains(&casefold(&spaced))).then(|| (at, name.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stoplist() -> HashSet<String> {
        [
            "the", "of", "and", "a", "to", "in", "is", "was", "on", "for",
        ]
        .map(String::from)
        .into()
    }

    #[test]
    fn a_line_says_at_its_end_by_the_last_word_of_a_verb() {
        assert!(says_at_end("Marco ha scritto:"));
        assert!(says_at_end("Marco SCRITTO :  "));
        assert!(says_at_end("Anna NAPISAŁA:"));
        assert!(says_at_end("Jane says"));
        assert!(!says_at_end("Marco ha"));
        assert!(!says_at_end("Jane sayss:"));
        assert!(!says_at_end(""));
    }

    #[test]
    fn attributions_with_dates_under_them_are_a_thread() {
        let thread = [
            "Jane Doe says:",
            "May 3, 2021 at 9:15 am",
            "Great recipe, we made it twice already.",
            "Reply",
            "Marc a écrit :",
            "",
            "4 mai 2021 à 10:02",
            "Merci pour la recette !",
            "Gabi sagt:",
            "4. November 2023 um 9:29 Uhr",
        ];
        assert_eq!(comment_heads(&thread, None), vec![0, 4, 8]);
        // One dated attribution is a quote, not a thread.
        assert!(comment_heads(&thread[..4], None).is_empty());
        // Attributions without dates (an interview) or with the date too far below: none.
        let interview = [
            "The spokeswoman said:",
            "Work starts in March.",
            "The neighbour said:",
            "We waited long enough.",
        ];
        assert!(comment_heads(&interview, None).is_empty());
        let far = [
            "Jane says:",
            "Great recipe.",
            "Thanks!",
            "May 3, 2021",
            "Tom says:",
            "More.",
            "Less.",
            "May 4, 2021",
        ];
        assert!(comment_heads(&far, None).is_empty());
        // A sentence that ends in a verb of saying is no attribution.
        let sentences = [
            "That is exactly what the mayor said.",
            "May 3, 2021",
            "Asked about it, she says: no.",
            "May 4, 2021",
        ];
        assert!(comment_heads(&sentences, None).is_empty());
    }

    #[test]
    fn a_paragraph_introducing_the_bylines_author_is_an_author_box() {
        let texts = [
            "The council voted on Monday to spend the money on the old baths.",
            "Work on the roof starts in the spring and should take a year.",
            "Will Knight is a senior writer for WIRED, covering artificial intelligence.",
            "The latest on artificial intelligence, from machine learning to robots",
        ];
        let authors = ["Will  Knight".to_string()];
        assert_eq!(
            introduces_author(&texts, &authors),
            Some((2, "Will Knight".to_string()))
        );
        // Another person, a one-word byline, no byline, or the article's first half: no.
        assert_eq!(introduces_author(&texts, &["Ann Lee".to_string()]), None);
        assert_eq!(introduces_author(&texts, &["Knight".to_string()]), None);
        assert_eq!(introduces_author(&texts, &[]), None);
        let early = [texts[2], texts[0], texts[1], texts[0], texts[1]];
        assert_eq!(introduces_author(&early, &authors), None);
        // A name without a copula and a description is no introduction.
        let short = [texts[0], texts[1], "Will Knight is here."];
        assert_eq!(introduces_author(&short, &authors), None);
    }

    #[test]
    fn a_line_only_a_date_perhaps_labelled() {
        assert_eq!(
            date_only("Stand: 07.11.2023, 07:30 Uhr", Some("de")).as_deref(),
            Some("2023-11-07T07:30:00")
        );
        assert_eq!(
            date_only("Publikacja: 04.05.2021", Some("pl")).as_deref(),
            Some("2021-05-04")
        );
        assert_eq!(date_only("Read more", Some("en")), None);
        assert_eq!(
            date_only("The vote of 12 May 2021 was close.", Some("en")),
            None
        );
    }

    #[test]
    fn closing_boxes() {
        let prose = "The council said on Monday that the work would start in the spring.";
        assert_eq!(
            closing_list(&[
                prose,
                "Read more:",
                "Council budget approved",
                "Harbour plans"
            ]),
            Some(1)
        );
        // The label names its item: the article's own document.
        assert_eq!(
            closing_list(&[prose, "The report is here:", "Report on the harbour works"]),
            None
        );
        // Items with list marks, or no sentence before: no box.
        assert_eq!(closing_list(&[prose, "See:", "- First item here"]), None);
        assert_eq!(
            closing_list(&["Read more:", "Council budget approved"]),
            None
        );
    }

    #[test]
    fn strangers_are_introduced_in_a_last_paragraph() {
        let last = "Jane Doe is a consultant who writes about cities and their harbours.";
        assert_eq!(
            introduces_stranger(last, "The harbour was rebuilt.", &stoplist()).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            introduces_stranger(last, "Doe said the harbour was rebuilt.", &stoplist()),
            None
        );
        assert_eq!(
            introduces_stranger("Jane Doe is here.", "Nothing.", &stoplist()),
            None
        );
        let stop = "The Mayor is a man who writes about cities and their long harbours.";
        assert_eq!(introduces_stranger(stop, "Nothing.", &stoplist()), None);
    }

    #[test]
    fn the_article_ends_where_most_prose_lies_before() {
        let page = Reading::default();
        let clean = Reading {
            clean: true,
            ..page
        };
        assert!(ends_article(900, 1000, (900, 0), page));
        assert!(!ends_article(100, 1000, (100, 800), page));
        assert!(ends_article(700, 1000, (700, 100), clean));
        assert!(!ends_article(700, 1000, (700, 200), clean));
        assert!(!ends_article(600, 1000, (600, 100), clean));
        // In an extractor's output, several paragraphs in a row after the marker are the
        // article's, however much longer the text before it is; in a tidy page's text or a
        // whole page they are not enough.
        let extracted = Reading {
            extractor: true,
            ..clean
        };
        let long_run = (5_000, 1_000);
        assert!(ends_article(20_000, 23_000, (5_000, 999), extracted));
        assert!(!ends_article(20_000, 23_000, long_run, extracted));
        assert!(ends_article(20_000, 23_000, long_run, clean));
        let shaped = Reading {
            extractor: true,
            ..page
        };
        assert!(ends_article(20_000, 23_000, long_run, shaped));
        // After a newsletter box, a longest run of paragraphs before it is not enough: most
        // of the prose must be before it (a post in short sections goes on after the box).
        let inline = Reading {
            inline: true,
            ..page
        };
        assert!(ends_article(1_800, 9_800, (1_650, 950), page));
        assert!(!ends_article(1_800, 9_800, (1_650, 950), inline));
        assert!(ends_article(900, 1000, (900, 0), inline));
    }

    fn related_lines(texts: &[&str], header: usize) -> Vec<(usize, usize)> {
        let mut doc = Document::new("t", texts.iter().map(|t| t.to_string()));
        doc.remove(header, header, "rules", "related.header", "", None);
        let stoplist: Arc<Stoplist> = Arc::new(stoplist().into_iter().collect());
        related_list_lines(&doc, &stoplist)
    }

    const PARAGRAPH: &str = "The harbour works began in the spring, and the city says that \
        the new quay will be ready in the autumn of the next year. It is the largest \
        project of the port in a generation, and the council has set aside the money for it \
        in the budget of the coming year.";

    #[test]
    fn the_headlines_under_a_related_header_after_the_article() {
        let texts = [
            PARAGRAPH,
            "",
            "Related Links",
            "",
            "Harbour works begin in the old town",
            "Budget approved by the council",
            "",
            "This sentence is prose and has more than eight words in it.",
        ];
        assert_eq!(related_lines(&texts, 3), [(5, 3), (6, 3)]);
        // A short line right over the prose is its heading: an inline "Read also" link
        // inside the article, then the article's next subheading and paragraph.
        let inline = [
            PARAGRAPH,
            "Read also",
            "Harbour works begin in the old town",
            "",
            "What the council decided",
            "",
            "The council said on Monday that it would pay for the quay in full this year.",
        ];
        assert_eq!(related_lines(&inline, 2), [(3, 2)]);
        // Above the article (a sidebar's "Most read" in the page's head), nothing: the
        // article's title and lead can stand under it.
        let head = ["Most read", "The harbour works begin", "", PARAGRAPH];
        assert_eq!(related_lines(&head, 1), []);
        // Prose right under the header: nothing to take.
        let prose = [PARAGRAPH, "Related", PARAGRAPH];
        assert_eq!(related_lines(&prose, 2), []);
        // One paragraph per line (an extractor's output): the line right over the prose is
        // its heading, whatever stands above it.
        let by_line = [
            PARAGRAPH,
            "Recommended for you",
            "Recently viewed",
            "Seriously comfy sofas",
            "Finding the perfect sofa could be considered an art form, and so is choosing one.",
        ];
        assert_eq!(related_lines(&by_line, 2), [(3, 2)]);
        // More than a box's lines: the page's own (a table, an index), left.
        let mut long = vec![PARAGRAPH, "See also"];
        long.extend(["Harbour works begin in the old town"; 13]);
        assert_eq!(related_lines(&long, 2), []);
        long.pop();
        assert_eq!(related_lines(&long, 2).len(), 12);
        // A longer run of paragraphs under the header: the article is below it.
        let above = [
            PARAGRAPH,
            "Related",
            "Harbour works begin",
            PARAGRAPH,
            PARAGRAPH,
        ];
        assert_eq!(related_lines(&above, 2), []);
    }

    #[test]
    fn after_a_tail_marker_until_prose() {
        let mut doc = Document::new(
            "t",
            [
                "An article paragraph that says a great deal about the harbour works.",
                "Related Links",
                "Harbour works begin",
                "",
                "Budget approved",
                "This sentence is prose and has more than eight words in it.",
                "Footer",
            ]
            .map(String::from),
        );
        doc.remove(2, 2, "rules", "related.header", "", None);
        doc.tail_marker = Some(2);
        after_tail_marker(&mut doc);
        let removed: Vec<usize> = doc.removals[1..].iter().map(|r| r.start_line).collect();
        assert_eq!(removed, [3, 5]);
        assert_eq!(
            doc.removals[1].evidence,
            "after tail marker 'Related Links' (line 2)"
        );
    }
}
