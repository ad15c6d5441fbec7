//! Move each article's opening lines (title, byline, dates, dateline) into its metadata.
//!
//! Only lines that a recogniser claims whole are taken, from the run of lines at the top of an
//! article (the first line of prose ends it) and, for a byline or date the top did not give,
//! from the few lines just above the article's body: the first paragraph of its longest run of
//! paragraphs. On a full page the top is the site's header and navigation, and the byline and
//! date sit between the headline and the body. A dateline that opens the first paragraph is
//! read into metadata but stays in the body, since it is part of the sentence.
//!
//! A page dump often starts with the page's own title (the browser tab's) and repeats it as
//! the headline over the body: once the first line is taken as the title, the lines above the
//! body that read as it go too (`repeated_headline`).
//!
//! The main article (the one that holds the page's longest run of paragraphs) fills the
//! document's own metadata: after the stage, its metadata and the document's are equal.
//!
//! `SENTENCE_INSIDE` had a variable-length negative look-behind (no period after a day, an
//! ordinal or a short capitalised abbreviation); it is the `regex` crate's pattern for a
//! period before a capital plus `number_or_abbreviation_before`, with identical matches.

use std::borrow::{Borrow, Cow};
use std::collections::HashSet;
use std::sync::LazyLock;

use caseless::Caseless;
use regex::Regex;

use crate::dates;
use crate::document::{ArticleMeta, Document, Line, WRAP_LINE_WORDS};
use crate::header_lines::{self, HeaderLine, Value};
use crate::page_metadata::{self, BadUrl};
use crate::textshape::{self, casefold, strip};

pub const STAGE: &str = "header";
pub const TITLE_RULE: &str = "header.title";
pub const BYLINE_RULE: &str = "header.byline";
pub const DATE_RULE: &str = "header.date";
pub const DATELINE_RULE: &str = "header.dateline";
const INLINE_DATELINE_SOURCE: &str = "header.inline-dateline";
/// A field `near_body` reads from a line it leaves in the body: from which kind of opening
/// line, and the source it then names.
struct NearBodyField {
    key: &'static str,
    kind: &'static str,
    source: &'static str,
}

/// The date from a date line, the authors from a byline. A byline's date is left out: on
/// the tuning part of the development dumps it added one right date and lowered the dates'
/// precision.
const NEAR_BODY_FIELDS: [NearBodyField; 2] = [
    NearBodyField {
        key: "published",
        kind: "date",
        source: "header.date-near-body",
    },
    NearBodyField {
        key: "authors",
        kind: "byline",
        source: "header.byline-near-body",
    },
];

const MAX_HEADER_LINES: usize = 6;
/// Open lines under the headline over the body that may hold the article's byline and date
/// (`read_under_headline`).
const UNDER_HEADLINE_LINES: usize = 3;
/// Where `read_under_headline` says a date (first) and the authors (second) came from.
const UNDER_HEADLINE_SOURCE: [&str; 2] =
    ["header.date-under-headline", "header.byline-under-headline"];
/// Where `read_under_headline` says the authors came from when a line of only a person's
/// name under the headline gave them.
const UNDER_HEADLINE_NAME_SOURCE: &str = "header.name-under-headline";
/// Lines other than paragraphs (subheadings, captions) a run of paragraphs may hold.
const BODY_RUN_GAP: usize = 2;
/// Open lines above the body's first paragraph that may hold its byline and date.
const BEFORE_BODY_LINES: usize = 20;
/// Paragraphs above the body a date may sit over: the standfirst under the headline.
const MAX_LEDES: usize = 1;
/// Paragraphs above the body a byline may sit over: a standfirst and an opening paragraph or
/// two that a caption or subheading cut off from the longest run of paragraphs. A byline
/// ("By Jane Doe") says what it is; a bare date that far up is as often a teaser's.
const MAX_BYLINE_LEDES: usize = 3;
/// Open lines above or below the body's first paragraph that a date or byline left in the
/// body may stand on (`near_body`).
const NEAR_BODY_LINES: usize = 20;
/// Open lines above the body's first paragraph that a byline left in the body may stand on
/// (`near_body`): further than a date line, since a byline says what it is ("Von Lisa
/// Borch") and a page's header often holds a kicker, a standfirst, an image and its credit,
/// share buttons and a table of contents between the byline and the body. On the tuning part
/// of the development dumps, authors precision / recall went from 0.958 / 0.262 at 20 lines
/// to 0.961 / 0.279 at 30 and 0.961 / 0.282 at 40 and 60.
const BYLINE_ABOVE_BODY_LINES: usize = 40;
/// Open lines above the body's first paragraph that a line of only a date (perhaps labelled
/// "Published:"; not "Updated:") may stand on to date the article when no reader gave a date
/// (`date_above_body`): a page's header often holds a long menu, a table of contents or a
/// gallery between the date under the headline and the body.
const DATE_ONLY_ABOVE_BODY_LINES: usize = 400;
/// Where `date_above_body`'s date came from.
const ABOVE_BODY_DATE_SOURCE: &str = "header.date-above-body";
/// Open lines above the body's first paragraph that a line of only a person's name may stand
/// on to name the authors, when no byline did (`bare_name_near`): between the headline and
/// the body, where a page without a by-word puts its author's name.
const BARE_NAME_LINES: usize = 6;
/// Open lines on each side of a bare name that another one makes a list of names (a most-read
/// box's titles and their authors, a team), none of which names this article's author.
const NAME_LIST_LINES: usize = 4;
/// Open lines under the body's first paragraph (a standfirst) that a line of only a person's
/// name may stand on, when none stood above it.
const BARE_NAME_BELOW: usize = 2;
/// Words a menu's item has at most (`menu_item`).
const MENU_ITEM_WORDS: usize = 3;
/// Where `bare_name_near`'s authors came from.
const BARE_NAME_SOURCE: &str = "header.name-near-body";
/// Open lines after the last paragraph of the body's run on which a byline signs the text
/// ("Text: Klausmartin Friedrich", "Posted by T. V. Raman at 2:33 PM").
const AFTER_BODY_LINES: usize = 3;
/// The source of the authors a byline under the text gives (`byline_after_body`,
/// `byline_of_the_next`).
const AFTER_BODY_SOURCE: &str = "header.byline-after-body";
/// Paragraphs the article after the main one may have for its byline to be the main one's
/// (`byline_of_the_next`).
const NEXT_BODY_PARAGRAPHS: usize = 1;
/// Open lines above or below the body's first paragraph that a line of names then a date,
/// with no by-word ("Bettina Kugler 19.10.2019, 05:00 Uhr"), may stand on to name the
/// authors: right by the body such a line signs the article; further off it is as often a
/// section's name over a date or a comment's signature. On the tuning part of the
/// development dumps, authors precision / recall went from 0.961 / 0.282 to 0.962 / 0.285
/// at 1 line, 0.962 / 0.288 at 3 and 5, and 0.954 / 0.293 at 10.
const SIGNED_NAMES_LINES: usize = 3;
/// Open lines above the body's first paragraph up to which a post's stamp names and dates
/// the article (`header_lines::stamp`; under it, `SIGNED_NAMES_LINES`).
const STAMP_LINES: usize = 10;
/// Open lines above or below the body's first paragraph that a short line holding a date,
/// the rest of it other words (`dated_line`), may stand on: nearer than a date line, since
/// such a line is as often a teaser's or a list item's.
const LEADING_DATE_LINES: usize = 10;
/// Characters of a line holding a date, the rest of it other words (`dated_line`).
const LEADING_DATE_CHARS: usize = 60;
/// Open lines above or below the body's first paragraph that a line of any length opening
/// with a date may stand on (`dated_line`): a standfirst or first paragraph that starts with
/// the day it was written ("01.02.2022 – Die Zahl der …").
const OPENING_DATE_LINES: usize = 2;
const MIN_PLAIN_TITLE_WORDS: usize = 3;
/// Words a page's first line needs to be its title when navigation follows it, and the most
/// it may have (`page_tab_title`): a longer line is more often a description over a shop's
/// or a product's facts.
const MIN_TAB_TITLE_WORDS: usize = 2;
const MAX_TAB_TITLE_WORDS: usize = 20;
/// Text lines after a page's first line that must all be navigation for that line to be the
/// page's own title (`navigation_follows`), and the most words such a line has.
const NAVIGATION_LINES: usize = 3;
const NAVIGATION_WORDS: usize = 4;
const NAVIGATION_CHARS: usize = 30;
/// A part of the title repeated over the body is not the headline when another part has at
/// least this many words and `LONGER_PART_FACTOR` times its words (`repeated_headline`).
const LONGER_PART_WORDS: usize = 4;
const LONGER_PART_FACTOR: usize = 3;
/// Open lines above the body's first paragraph where a headline worded otherwise than the
/// title may stand, how far its words must overlap the title's (an F1 of their words), and
/// the least share of the title's word count it has (`reworded_headline`).
const REWORDED_HEADLINE_LINES: usize = 4;
const REWORDED_HEADLINE_F1: f64 = 0.6;
const REWORDED_HEADLINE_SHARE: f64 = 0.6;
/// Open lines above the article's byline or date line where its headline may stand, and how
/// far the headline's words must overlap the title's (`headline_over_byline`): a search
/// title that shares a word or two with the headline ("California's Disasters Are a
/// Warning" over "How Can We Plan for the Future in California?").
const BYLINE_HEADLINE_LINES: usize = 4;
const BYLINE_HEADLINE_F1: f64 = 0.25;
const PROSE_WORDS: usize = 8;

/// How a list item starts: a bullet or a number, then white space.
const LIST_MARK: &str = r"[-–•*]\s|\d{1,3}[.)]\s";
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{LIST_MARK})")).expect("valid pattern"));
static LIST_OR_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r#"^(?:{LIST_MARK}|["„“”«»‚‘’])"#)).expect("valid pattern")
});
/// A sentence ending inside a line after `!`, `?` or `…`, or at its end.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[!?…]['"”’»)]*\s+\p{Lu}|[.!…。！]['"”’»)\]」』]*\z"#).expect("valid pattern")
});
/// A period before a capital: a sentence ending unless `number_or_abbreviation_before`.
static PERIOD_THEN_CAPITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\.['"”’»)]*\s+\p{Lu}"#).expect("valid pattern"));
static WORD_CHAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\w\z").expect("valid pattern"));
static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\d\z").expect("valid pattern"));
static UPPER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\p{Lu}\z").expect("valid pattern"));
static LOWER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\p{Ll}\z").expect("valid pattern"));

fn is(class: &Regex, c: char) -> bool {
    class.is_match(c.encode_utf8(&mut [0; 4]))
}

/// What the header reads from the configuration.
#[derive(Debug, Clone, Default)]
pub struct Settings<'a> {
    /// The configured language, for a document whose own is not known.
    pub language: Option<&'a str>,
    /// The configured page URL and site name, for a document without its own.
    pub url: Option<&'a str>,
    pub site: Option<&'a str>,
    /// `--keep-title`: the title line is read but stays in the body.
    pub keep_title: bool,
    /// The stage's rules switched off.
    pub off: &'a [String],
    /// The text is declared an extractor's output (`--extracted`, or HTML input): a
    /// headline at its top is read as the title and stays in the body, as with
    /// `--keep-title`. The extractor judged it part of the content, and a text without a
    /// headline of its own may begin with a sentence that looks like one; nothing is lost
    /// either way. Text not declared keeps the rule: scraped article files begin with their
    /// headline, which goes to the metadata.
    pub extracted: bool,
}

impl Settings<'_> {
    fn leaves_out(&self, rule: &str) -> bool {
        self.off.iter().any(|r| r == rule)
    }

    /// Whether the title line is read and left in the body: `--keep-title`, the rule
    /// switched off, or an extractor's output.
    fn keeps_title(&self) -> bool {
        self.keep_title || self.extracted || self.leaves_out(TITLE_RULE)
    }
}

/// Whether a period at the end of `before` follows a day or an ordinal ("am 3. Mai", "nach
/// dem 10. Spieltag") or a short capitalised abbreviation ("St. Gallen", "Dr. Berg"): the
/// look-behind `(?<!\b\d{1,2}|\b\p{Lu}\p{Ll}{0,2})`, whose `\b` sits before the run.
fn number_or_abbreviation_before(before: &str) -> bool {
    let last: Vec<char> = before.chars().rev().take(4).collect();
    let bounded = |n: usize| last.get(n).is_none_or(|&c| !is(&WORD_CHAR, c));
    let digits =
        (1..=2).any(|n| last.len() >= n && last[..n].iter().all(|&c| is(&DIGIT, c)) && bounded(n));
    digits
        || (0..=2).any(|k| {
            last.len() > k
                && last[..k].iter().all(|&c| is(&LOWER, c))
                && is(&UPPER, last[k])
                && bounded(k + 1)
        })
}

/// A sentence ending inside a line or at its end.
pub fn sentence_inside(text: &str) -> bool {
    SENTENCE_END.is_match(text)
        || PERIOD_THEN_CAPITAL
            .find_iter(text)
            .any(|m| !number_or_abbreviation_before(&text[..m.start()]))
}

/// Which lines read as prose (`textshape::is_prose` with PROSE_WORDS words) and, for those,
/// their length in characters, by line number: worked out once for each line open when the
/// stage starts. Every line the stage reads is one of them (it only removes lines, and
/// leaves their text as it is); any other is worked out when asked. The longest run of
/// paragraphs is looked for on the page, again in each article and again under the title
/// line, and testing each line anew each time was most of the time of finding it.
struct Prose(Vec<Option<Option<usize>>>);

impl Prose {
    fn of(doc: &Document) -> Self {
        let mut known = vec![None; doc.lines.len() + 1];
        for line in doc.open_lines(1, None) {
            if let Some(slot) = known.get_mut(line.number) {
                *slot = Some(Self::work_out(line));
            }
        }
        Prose(known)
    }

    fn work_out(line: &Line) -> Option<usize> {
        textshape::is_prose(&line.text, PROSE_WORDS).then(|| line.text.chars().count())
    }

    /// The length in characters of a line that reads as prose; None for any other.
    fn chars(&self, line: &Line) -> Option<usize> {
        match self.0.get(line.number) {
            Some(&Some(known)) => known,
            _ => Self::work_out(line),
        }
    }

    fn is(&self, line: &Line) -> bool {
        self.chars(line).is_some()
    }
}

/// The index of the first line of the longest run of paragraphs (by characters) among
/// `lines`, a run holding up to BODY_RUN_GAP other lines in a row; None without prose.
fn body_start<L: Borrow<Line>>(lines: &[L], prose: &Prose) -> Option<usize> {
    longest_run(lines, prose).map(|(start, _)| start)
}

/// The indexes of the first and of the last paragraph of `body_start`'s run.
fn longest_run<L: Borrow<Line>>(lines: &[L], prose: &Prose) -> Option<(usize, usize)> {
    let (mut best, mut best_chars) = (None, 0);
    let (mut start, mut chars, mut gap) = (None, 0, 0);
    for (index, line) in lines.iter().map(Borrow::borrow).enumerate() {
        if let Some(line_chars) = prose.chars(line) {
            let first = *start.get_or_insert(index);
            if first == index {
                chars = 0;
            }
            chars += line_chars;
            gap = 0;
            if chars > best_chars {
                best = Some((first, index));
                best_chars = chars;
            }
        } else if start.is_some() {
            gap += 1;
            if gap > BODY_RUN_GAP {
                start = None;
            }
        }
    }
    best
}

/// The `index` of the article that holds the page's longest run of paragraphs: the one the
/// document's metadata describes. On a full page the first "article" is often the site's
/// header, and a headline with its byline further down opens the real one. The run starts
/// in that article, unless its first paragraph is the only one of the run there: the page's
/// own title reads as a paragraph when it is a long question ("How does the brain turn
/// unconscious information into conscious thought?"), and the run then reaches over the
/// headline and byline that open the article under it, which holds its second paragraph.
fn main_article(doc: &Document, prose: &Prose) -> Result<usize, String> {
    let lines = doc.open_lines(1, None);
    let Some((first, last)) = longest_run(&lines, prose) else {
        return Ok(1);
    };
    let holding = |number: usize| {
        doc.articles
            .iter()
            .find(|a| a.start_line <= number && number <= a.end_line)
            .map(|a| a.index)
            .ok_or_else(|| format!("no article holds line {number}"))
    };
    let opening = holding(lines[first].number)?;
    let second = lines[first + 1..=last].iter().find(|l| prose.is(l));
    match second {
        Some(line) => holding(line.number),
        None => Ok(opening),
    }
}

/// The line number of the first paragraph of the longest run of paragraphs among the open
/// lines from line `from` on; None without prose.
fn page_body_start(doc: &Document, from: usize, prose: &Prose) -> Option<usize> {
    let lines = doc.open_lines(from, None);
    body_start(&lines, prose).map(|start| lines[start].number)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    Above,
    FarAbove,
    Under,
}

impl Where {
    fn name(self) -> &'static str {
        match self {
            Where::Above => "above",
            Where::FarAbove => "far above",
            Where::Under => "under",
        }
    }
}

/// The indexes of the lines that may hold the body's byline and date, nearest first, each
/// with where it is: those above its first paragraph, up to BEFORE_BODY_LINES ("above" over
/// at most MAX_LEDES other paragraphs, "far above" over at most MAX_BYLINE_LEDES), then those
/// between it and the next paragraph ("under").
fn around_body_start(lines: &[&Line], start: usize, prose: &Prose) -> Vec<(usize, Where)> {
    let mut around = Vec::new();
    let mut ledes = 0;
    for index in (start.saturating_sub(BEFORE_BODY_LINES)..start).rev() {
        if prose.is(lines[index]) {
            ledes += 1;
            if ledes > MAX_BYLINE_LEDES {
                break;
            }
            continue;
        }
        let place = if ledes <= MAX_LEDES {
            Where::Above
        } else {
            Where::FarAbove
        };
        around.push((index, place));
    }
    let under = lines.iter().enumerate().skip(start + 1).take(BODY_RUN_GAP);
    for (index, line) in under {
        if prose.is(line) {
            break;
        }
        around.push((index, Where::Under));
    }
    around
}

/// What the opening line at `index` says, with how many lines it takes: one, or two when a
/// byline was broken after its by-word and the name stands on the next line (not prose).
fn opening_at(
    lines: &[&Line],
    index: usize,
    language: Option<&str>,
    prose: &Prose,
) -> (usize, Option<HeaderLine>) {
    let line = &lines[index];
    let found = header_lines::opening_line(&line.text, language)
        .or_else(|| header_lines::post_meta_line(&line.text, language));
    if found.is_none() {
        if let Some(after) = lines.get(index + 1) {
            if !prose.is(after) {
                if let Some(across) = header_lines::byline_across(&line.text, &after.text, language)
                {
                    return (2, Some(across));
                }
            }
        }
    }
    (1, found)
}

/// Whether the text line right above `first` (taken out as the title or not) reads as a
/// headline: `first` is then the standfirst.
fn under_headline(doc: &Document, first: &Line) -> bool {
    let mut number = first.number - 1;
    while number >= 1 && doc.line(number).blank {
        number -= 1;
    }
    number >= 1 && textshape::looks_like_title(&doc.line(number).text)
}

/// Whether `next` goes on with the sentence of the line before it as running text, a
/// paragraph's line of `WRAP_LINE_WORDS` words or more (a byline or a dateline under a
/// headline is shorter): the line before it is then a paragraph's first line, not a
/// headline.
fn goes_on_as_prose(doc: &Document, next: &Line) -> bool {
    doc.continues_sentence(next.number) && textshape::words(&next.text).len() >= WRAP_LINE_WORDS
}

fn source<'m>(meta: &'m ArticleMeta, key: &str) -> &'m str {
    meta.sources.get(key).map_or("", String::as_str)
}

/// The rule a metadata field's source names and the line it was read from ("header.byline
/// (line 12)"), when the source names a line.
fn source_line<'m>(meta: &'m ArticleMeta, key: &str) -> Option<(&'m str, usize)> {
    let (rule, rest) = source(meta, key).split_once(" (line ")?;
    let number = rest.strip_suffix(')')?.parse().ok()?;
    Some((rule, number))
}

/// The line the article's byline or date was read from that stands highest on the page
/// (nearest its top), from any of the header's readings but a byline under the body.
fn byline_or_date_line(meta: &ArticleMeta) -> Option<usize> {
    ["authors", "published"]
        .into_iter()
        .filter_map(|key| source_line(meta, key))
        .filter(|&(rule, _)| rule != AFTER_BODY_SOURCE)
        .map(|(_, number)| number)
        .min()
}

/// Whether a metadata field holds a value (Python's truth of it).
fn filled(meta: &ArticleMeta, key: &str) -> bool {
    match key {
        "authors" => !meta.authors.is_empty(),
        _ => text_value(meta, key).is_some_and(|v| !v.is_empty()),
    }
}

fn text_value<'m>(meta: &'m ArticleMeta, key: &str) -> Option<&'m str> {
    match key {
        "title" => meta.title.as_deref(),
        "published" => meta.published.as_deref(),
        "updated" => meta.updated.as_deref(),
        "agency" => meta.agency.as_deref(),
        "dateline" => meta.dateline.as_deref(),
        "site" => meta.site.as_deref(),
        "url" => meta.url.as_deref(),
        "language" => meta.language.as_deref(),
        "description" => meta.description.as_deref(),
        _ => None,
    }
}

fn text_field<'m>(meta: &'m mut ArticleMeta, key: &str) -> Option<&'m mut Option<String>> {
    Some(match key {
        "title" => &mut meta.title,
        "published" => &mut meta.published,
        "updated" => &mut meta.updated,
        "agency" => &mut meta.agency,
        "dateline" => &mut meta.dateline,
        "site" => &mut meta.site,
        "url" => &mut meta.url,
        "language" => &mut meta.language,
        "description" => &mut meta.description,
        _ => return None,
    })
}

/// Fill a field once (unless `over`), recording where the value came from; an empty value
/// fills nothing (`ArticleMeta.set`).
fn set(meta: &mut ArticleMeta, key: &str, value: &Value, source: String, over: bool) {
    let empty = match value {
        Value::Text(text) => text.is_empty(),
        Value::Names(names) => names.is_empty(),
    };
    if empty || (filled(meta, key) && !over) {
        return;
    }
    match (key, value) {
        ("authors", Value::Names(names)) => meta.authors = names.clone(),
        (_, Value::Text(text)) => match text_field(meta, key) {
            Some(field) => *field = Some(text.clone()),
            None => return,
        },
        _ => return,
    }
    meta.sources.insert(key.to_string(), source);
}

/// Whether a byline in the text replaces the authors a page's metadata gave: those are
/// often the site's name, a user name or an editor's account.
fn text_wins(meta: &ArticleMeta, key: &str) -> bool {
    key == "authors"
        && meta
            .sources
            .get("authors")
            .is_some_and(|s| s == "trafilatura")
}

/// With a title from the page's own metadata (HTML input), a first line is the title only
/// when one contains the other: extracted main text often starts with a subheading.
fn agrees_with_page_title(text: &str, meta: &ArticleMeta) -> bool {
    let Some(known) = &meta.title else {
        return true;
    };
    if !source(meta, "title").starts_with("trafilatura") {
        return true;
    }
    let (line, known) = (casefold(strip(text)), casefold(strip(known)));
    known.contains(&line) || line.contains(&known)
}

/// Without a title from the page's metadata to confirm it, a first line is taken as the title
/// only when it cannot be the article's own first sentence, list item, quote or section
/// heading (two words): text that an extractor produced has no title line, and there its
/// first line is body.
fn plain_title(text: &str, meta: &ArticleMeta) -> bool {
    if meta.title.is_some() && source(meta, "title").starts_with("trafilatura") {
        return true;
    }
    let text = strip(text);
    textshape::word_count(text) >= MIN_PLAIN_TITLE_WORDS
        && !sentence_inside(text)
        && !LIST_OR_QUOTE.is_match(text)
}

/// Whether `first`, the page's first text line, is the page's own title (the browser tab's)
/// though `plain_title` cannot tell: a page dump starts with it, and navigation follows it
/// (`navigation_follows`). Such a title may have two words, open with a quote or hold a
/// sentence ("«Gute Löhne alleine reichen nicht»", "Diese Ymers! Zwei Überraschungen an
/// einem Tag! · tennisnet.com"). A text whose first line is its first sentence, a quote or
/// a list item goes on with paragraphs, not with a menu; a list item is never taken, nor a
/// line that ends with a period or runs longer than a headline (a shop's or a product's
/// description over its facts: "Nine distinct classes provide a broad range of tactical
/// abilities and personalities. Constantly updated with new game modes, maps, equipment
/// and, most importantly, hats!" over "Recent Reviews:").
fn page_tab_title(doc: &Document, first: &Line) -> bool {
    let text = strip(&first.text);
    // The site's name closes a tab's title, its own punctuation with it ("… - Berliner
    // Leichtathletik Verband e.V."): the part before it says how the title ends.
    let parts = page_metadata::title_parts(text);
    let end = if parts.len() > 1 {
        parts[parts.len() - 2]
    } else {
        text
    };
    doc.lines[..first.number - 1].iter().all(|line| line.blank)
        && (MIN_TAB_TITLE_WORDS..=MAX_TAB_TITLE_WORDS).contains(&textshape::word_count(text))
        && !LIST_ITEM.is_match(text)
        && !ends_with_period(end)
        && !end.ends_with([',', ';', ':'])
        && navigation_follows(doc, first.number)
}

/// Whether `text` ends with a full stop, closing quotes or brackets after it.
fn ends_with_period(text: &str) -> bool {
    let text = text.trim_end_matches(|c: char| "'\"”’»)]」』".contains(c) || c.is_whitespace());
    text.ends_with(['.', '。'])
}

/// Whether the `NAVIGATION_LINES` text lines after line `number` are all navigation: each
/// removed already (a menu or a link row the rules took) or of at most `NAVIGATION_WORDS`
/// words and `NAVIGATION_CHARS` characters and no sentence's end ("Skip to content",
/// "Login", "Apple & Mac"; a sentence of a language written without spaces is one word).
fn navigation_follows(doc: &Document, number: usize) -> bool {
    let next: Vec<&Line> = doc.lines[number..]
        .iter()
        .filter(|line| !line.blank)
        .take(NAVIGATION_LINES)
        .collect();
    next.len() == NAVIGATION_LINES
        && next.iter().all(|line| {
            doc.is_removed(line.number)
                || (textshape::word_count(&line.text) <= NAVIGATION_WORDS
                    && strip(&line.text).chars().nth(NAVIGATION_CHARS).is_none()
                    && !textshape::ends_sentence(&line.text))
        })
}

fn rule_of(kind: &str) -> &'static str {
    match kind {
        "byline" => BYLINE_RULE,
        "date" => DATE_RULE,
        _ => DATELINE_RULE,
    }
}

/// What the document's main article reads a title line by: the page's URL and site name.
struct Page {
    url: Option<String>,
    site: String,
}

impl Page {
    /// A title line without the site's name: by the page's host when its URL is known, as the
    /// page's own title is read (`title_without_site`), else by shape.
    fn without_site(&self, title: &str) -> Result<String, BadUrl> {
        Ok(match page_metadata::url_host(self.url.as_deref())? {
            None => header_lines::without_site_name(title).to_string(),
            Some(host) => page_metadata::title_without_site(title, &self.site, &host),
        })
    }
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// The stage: fill title, authors, dates, agency and dateline per article, marking the lines
/// moved. An error for a page URL that cannot be split (`BadUrl`) or an article layout that
/// leaves the main article's body outside every article.
pub fn run(doc: &mut Document, settings: &Settings) -> Result<(), String> {
    let language = non_empty(doc.meta.language.as_deref())
        .or(settings.language)
        .map(str::to_string);
    let page = Page {
        url: non_empty(doc.meta.url.as_deref())
            .or(settings.url)
            .map(str::to_string),
        site: non_empty(doc.meta.site.as_deref())
            .or(non_empty(settings.site))
            .unwrap_or("")
            .to_string(),
    };
    let prose = Prose::of(doc);
    let main = main_article(doc, &prose)?;
    let mut main_position = None;
    let mut last_resorts = Vec::with_capacity(doc.articles.len());
    for position in 0..doc.articles.len() {
        let is_main = doc.articles[position].index == main;
        let mut meta = if is_main {
            main_position = Some(position);
            std::mem::take(&mut doc.meta)
        } else {
            std::mem::take(&mut doc.articles[position].meta)
        };
        let read = read_article(
            doc,
            position,
            &mut meta,
            language.as_deref(),
            &page,
            settings,
            &prose,
        );
        for removal in read
            .as_ref()
            .map_or(&[][..], |read| read.removals.as_slice())
        {
            doc.remove(
                removal.line,
                removal.line,
                STAGE,
                removal.rule,
                removal.evidence.as_str(),
                Some(&removal.field),
            );
        }
        if is_main {
            doc.meta = meta;
        } else {
            doc.articles[position].meta = meta;
        }
        last_resorts.push(read.map_err(|BadUrl(message)| message)?.last_resort);
    }
    let extracted = settings.extracted || doc.one_paragraph_per_line();
    if let Some(position) = main_position.filter(|_| !extracted) {
        byline_of_the_next(doc, position, &prose);
    }
    if let Some(first) = doc.articles.first() {
        if main_position != Some(0) {
            if let Some(title) = &first.meta.title {
                let own = doc.meta.title.as_deref();
                if own.is_none_or(|own| !casefold(title).contains(&casefold(strip(own)))) {
                    let value = Value::Text(title.clone());
                    let from = source(&first.meta, "title").to_string();
                    set(&mut doc.meta, "title", &value, from, true);
                }
            }
        }
    }
    if !settings.keeps_title() {
        if let Some(headline) = repeated_headline(doc, &prose, extracted) {
            read_under_headline(doc, headline, language.as_deref());
        }
    }
    for (position, found) in last_resorts.into_iter().enumerate() {
        let Some((number, date)) = found else {
            continue;
        };
        let meta = if main_position == Some(position) {
            &mut doc.meta
        } else {
            &mut doc.articles[position].meta
        };
        let from = format!("{ABOVE_BODY_DATE_SOURCE} (line {number})");
        set(meta, "published", &date, from, false);
    }
    if let Some(position) = main_position {
        doc.articles[position].meta = doc.meta.clone();
    }
    doc.main_article = main_position;
    Ok(())
}

/// Take the authors of the article after the main one (`position`) for the main one's, when
/// it has none, the next one's come from a byline at its top (`header.byline`) and the next
/// one has at most `NEXT_BODY_PARAGRAPHS` paragraphs: a byline under the text (a signature,
/// a theme's footer) opens no article of its own, though the segmenter, reading a title or a
/// caption above it as a headline, started one there ("Symbolgrafik: © …", then "Autor:
/// Rechtsanwalt Sebastian Einbock", then the comment form). Not on an extractor's output
/// (told or, one paragraph a line, recognised), where such a short article is as often a
/// box's (a book's title and its authors).
fn byline_of_the_next(doc: &mut Document, position: usize, prose: &Prose) {
    let Some(next) = doc.articles.get(position + 1) else {
        return;
    };
    let by_byline = next
        .meta
        .sources
        .get("authors")
        .and_then(|from| from.strip_prefix(BYLINE_RULE))
        .and_then(|rest| rest.strip_prefix(' '));
    let Some(line) = by_byline else { return };
    if filled(&doc.meta, "authors") || next.meta.authors.is_empty() {
        return;
    }
    let paragraphs = doc
        .open_lines(next.start_line, Some(next.end_line))
        .into_iter()
        .filter(|l| prose.is(l))
        .count();
    if paragraphs > NEXT_BODY_PARAGRAPHS {
        return;
    }
    let names = Value::Names(next.meta.authors.clone());
    let from = format!("{AFTER_BODY_SOURCE} {line}");
    set(&mut doc.meta, "authors", &names, from, false);
}

/// A line the stage moves out of the body, with `Document::remove`'s arguments.
struct ToRemove {
    line: usize,
    rule: &'static str,
    evidence: String,
    field: String,
}

/// Read an article's title, byline, dates and dateline into `meta`; the lines to remove, in
/// order. They are removed once the article is read (`run`): nothing the reading asks of
/// the document depends on which lines were removed (its lines are the open ones when it
/// starts), and its lines are then borrowed from the document, not copied.
fn read_article(
    doc: &Document,
    position: usize,
    meta: &mut ArticleMeta,
    language: Option<&str>,
    page: &Page,
    settings: &Settings,
    prose: &Prose,
) -> Result<Read, BadUrl> {
    let (start, end) = (
        doc.articles[position].start_line,
        doc.articles[position].end_line,
    );
    let lines = doc.open_lines(start, Some(end));
    let mut removals = Vec::new();
    let mut at = 0;
    let tab_title = lines.len() > 1 && page_tab_title(doc, lines[0]);
    if lines.len() > 1
        && (tab_title || textshape::looks_like_title(&lines[0].text))
        && !goes_on_as_prose(doc, lines[1])
        && header_lines::opening_line(&lines[0].text, language).is_none()
        && agrees_with_page_title(&lines[0].text, meta)
        && (tab_title || plain_title(&lines[0].text, meta))
    {
        let title = &lines[0];
        let value = Value::Text(page.without_site(&title.text)?);
        let from = format!("{TITLE_RULE} (line {})", title.number);
        set(meta, "title", &value, from, false);
        if !settings.keeps_title() {
            removals.push(ToRemove {
                line: title.number,
                rule: TITLE_RULE,
                evidence: "title-like first line of the article".to_string(),
                field: "title".to_string(),
            });
        }
        at = 1;
    }
    let titled = at == 1;
    while at + 1 < lines.len() && at < MAX_HEADER_LINES {
        let (count, found) = opening_at(&lines, at, language, prose);
        let Some(found) = found else { break };
        if settings.leaves_out(rule_of(found.kind)) || at + count >= lines.len() {
            break;
        }
        let keys: Vec<&str> = found.values.iter().map(|(k, _)| *k).collect();
        let taken = &lines[at..at + count];
        take(
            &mut removals,
            meta,
            taken,
            &found,
            &keys,
            "at the top of the article",
            false,
        );
        at += count;
    }
    let body = read_above_body(
        doc,
        &mut removals,
        meta,
        &lines[at..],
        language,
        settings,
        prose,
    );
    if let Some(first) = lines.get(at) {
        if let Some(found) = header_lines::inline_dateline(&first.text) {
            for (key, value) in &found.values {
                let from = format!("{INLINE_DATELINE_SOURCE} (line {})", first.number);
                set(meta, key, value, from, false);
            }
        }
    }
    let mut last_resort = None;
    if let Some(start) = body {
        near_body(
            meta,
            &lines[at..],
            start,
            language,
            &removals,
            doc.tail_marker,
        );
        // Only for an article still without a date: `set` would not replace one, and the
        // search reads up to `DATE_ONLY_ABOVE_BODY_LINES` lines.
        if !filled(meta, "published") {
            last_resort = date_above_body(&lines[at..], start, language, &removals);
        }
        if titled {
            stamp_under_title(meta, &lines[at..], language);
        }
        // Under an extractor's text (told, or one paragraph a line) a byline is as often a
        // box's (a book's authors).
        let extracted = settings.extracted || doc.one_paragraph_per_line();
        if !filled(meta, "authors") && !extracted {
            if let Some((number, names)) = byline_after_body(&lines[at..], language, prose) {
                let from = format!("{AFTER_BODY_SOURCE} (line {number})");
                set(meta, "authors", &names, from, false);
            }
        }
        // An extractor's output keeps the names of the people a text is about, and seldom
        // its author's, over the first paragraph: a page dump keeps the author's line.
        if !filled(meta, "authors") && !extracted {
            if let Some((number, names)) = bare_name_near(meta, &lines[at..], start, &removals) {
                let from = format!("{BARE_NAME_SOURCE} (line {number})");
                set(meta, "authors", &names, from, false);
            }
        }
    }
    Ok(Read {
        removals,
        last_resort,
    })
}

/// What `read_article` read besides the fields it filled: the lines the header takes, and
/// a date for the article when no reader, its own or the stage's later ones, gives one.
struct Read {
    removals: Vec<ToRemove>,
    last_resort: Option<(usize, Value)>,
}

/// The line number and date of the nearest line that is only a date (`date_line`: perhaps
/// labelled "Published:", not "Updated:" nor with a name) between `NEAR_BODY_LINES` and
/// `DATE_ONLY_ABOVE_BODY_LINES` open lines above the body's first paragraph (`start`, an
/// index of `lines`), which `near_body` does not reach: the article's date when nothing
/// else gave one. The line stays (the structure stage judges a line of only a date).
fn date_above_body(
    lines: &[&Line],
    start: usize,
    language: Option<&str>,
    removals: &[ToRemove],
) -> Option<(usize, Value)> {
    let from = start.saturating_sub(DATE_ONLY_ABOVE_BODY_LINES);
    let to = start.saturating_sub(NEAR_BODY_LINES);
    lines[from..to].iter().rev().find_map(|line| {
        if removals.iter().any(|r| r.line == line.number) {
            return None;
        }
        let found = header_lines::date_line(&line.text, language)?;
        if found.kind != "date" {
            return None;
        }
        Some((line.number, value_of(found, "published")?))
    })
}

/// Read the fields nothing gave yet from a post's stamp (`header_lines::stamp`) among the
/// `UNDER_HEADLINE_LINES` open lines under the article's title and the opening lines taken
/// with it (`lines` starts there), as `read_under_headline` reads those under a headline
/// over the body; the line stays. The first stamp there is the article's, however far its
/// body starts (a page of short quoted lines, a subheading, a caption between).
fn stamp_under_title(meta: &mut ArticleMeta, lines: &[&Line], language: Option<&str>) {
    let wanted = unfilled_fields(meta);
    let Some((number, found)) = (0..UNDER_HEADLINE_LINES.min(lines.len()))
        .find_map(|index| Some((lines[index].number, lone_stamp(lines, index, language)?)))
    else {
        return;
    };
    for field in wanted {
        if let Some((_, value)) = found.values.iter().find(|(key, _)| *key == field.key) {
            let source = UNDER_HEADLINE_SOURCE[usize::from(field.key == "authors")];
            set(
                meta,
                field.key,
                value,
                format!("{source} (line {number})"),
                false,
            );
        }
    }
}

/// The fields `near_body` and `read_under_headline` read that nothing gave yet.
fn unfilled_fields(meta: &ArticleMeta) -> Vec<&'static NearBodyField> {
    NEAR_BODY_FIELDS
        .iter()
        .filter(|field| !filled(meta, field.key))
        .collect()
}

/// Read the publication date and the authors, each when nothing else gave it, from the
/// opening line nearest the body's first paragraph that carries it (a date line for the
/// date, a byline for the authors), up to `NEAR_BODY_LINES` open lines above or below that
/// paragraph (`start`, an index of `lines`; above on a tie; a byline up to
/// `BYLINE_ABOVE_BODY_LINES` above it; below it, not past the tail marker `tail`), and leave
/// the line where it is. On a page dump the article's date and byline often stand where the
/// header does not take them: under a standfirst, after a kicker, beside the category and
/// reading time, or after the first paragraph; a line the header does not take may be the
/// text's own, so the body keeps it, and the later stages judge it as any other.
fn near_body(
    meta: &mut ArticleMeta,
    lines: &[&Line],
    start: usize,
    language: Option<&str>,
    removals: &[ToRemove],
    tail: Option<usize>,
) {
    let wanted = unfilled_fields(meta);
    if wanted.is_empty() {
        return;
    }
    let wants = |key: &str| wanted.iter().any(|field| field.key == key);
    let (date_wanted, authors_wanted) = (wants("published"), wants("authors"));
    let above = if authors_wanted {
        BYLINE_ABOVE_BODY_LINES
    } else {
        NEAR_BODY_LINES
    };
    let from = start.saturating_sub(above);
    // Below the body's start, not past a tail marker (a comment or related-reading header that
    // a rule removed): a stamp under it is a reader's comment's or another post's.
    let tail_at = tail.and_then(|marker| lines.iter().position(|line| line.number > marker));
    let to = (start + NEAR_BODY_LINES + 1)
        .min(lines.len())
        .min(tail_at.filter(|&at| at > start).unwrap_or(usize::MAX));
    // Per wanted field: (distance, line number, value) of the nearest line that gives it.
    let mut nearest: Vec<Option<(usize, usize, Value)>> = vec![None; wanted.len()];
    for (index, line) in lines.iter().enumerate().take(to).skip(from) {
        let distance = start.abs_diff(index);
        let values: Vec<(&str, &str, Value)> =
            if let Some(removal) = removals.iter().find(|r| r.line == line.number) {
                // A line the header took for its date alone may be signed ("Christian Kahle,
                // 03.11.2023 15:32 Uhr"): beside the body, its names are the article's authors
                // when its date has a time of day. Above the body a section's name stands over
                // a date as often ("Ehrenamt Jugendverbände 23.01.2020"), and with a time
                // seldom.
                if removal.rule != DATE_RULE || !authors_wanted || distance > SIGNED_NAMES_LINES {
                    continue;
                }
                match header_lines::signed_names_timed(&line.text, language) {
                    Some(names) => vec![("authors", "byline", names)],
                    None => continue,
                }
            } else {
                // Further than NEAR_BODY_LINES (above the body: `to` stops below it) only a
                // byline counts: the first of `opening_line`'s recognisers, asked alone, or a
                // post's meta line that names the author.
                let found = if distance > NEAR_BODY_LINES {
                    header_lines::byline(&line.text, language).or_else(|| {
                        header_lines::post_meta_line(&line.text, language)
                            .filter(|found| found.has("authors"))
                    })
                } else {
                    header_lines::opening_line(&line.text, language)
                        .or_else(|| header_lines::post_meta_line(&line.text, language))
                        .or_else(|| header_lines::dated_pair(&line.text, language))
                };
                match found {
                    Some(found) => {
                        let kind = found.kind;
                        found
                            .values
                            .into_iter()
                            .map(|(k, v)| (k, kind, v))
                            .collect()
                    }
                    None if distance <= LEADING_DATE_LINES => {
                        let mut values: Vec<(&str, &str, Value)> = Vec::new();
                        let stamp = stamp_near(lines, index, start, language);
                        if date_wanted {
                            let stamped = || value_of(stamp.clone()?, "published");
                            if let Some(value) =
                                dated_line(&line.text, language, distance).or_else(stamped)
                            {
                                values.push(("published", "date", value));
                            }
                        }
                        if authors_wanted {
                            if let Some(names) = names_beside(line, distance, stamp, language) {
                                values.push(("authors", "byline", names));
                            }
                        }
                        values
                    }
                    None => continue,
                }
            };
        for (key, kind, value) in values {
            let field = wanted.iter().position(|f| f.key == key && f.kind == kind);
            let Some(at) = field else {
                continue;
            };
            if nearest[at]
                .as_ref()
                .is_none_or(|(best, _, _)| distance < *best)
            {
                nearest[at] = Some((distance, line.number, value));
            }
        }
    }
    for (field, found) in wanted.iter().zip(nearest) {
        if let Some((_, number, value)) = found {
            let from = format!("{} (line {number})", field.source);
            set(meta, field.key, &value, from, false);
        }
    }
}

/// The line number and names of the first byline (a by-word then names, or a post's meta
/// line that names its author) up to `AFTER_BODY_LINES` open lines after the last paragraph
/// of the body's run: a signature under the text, or the footer a blog theme prints under a
/// post. The line stays where it is.
fn byline_after_body(
    lines: &[&Line],
    language: Option<&str>,
    prose: &Prose,
) -> Option<(usize, Value)> {
    let (_, last) = longest_run(lines, prose)?;
    lines
        .iter()
        .skip(last + 1)
        .take(AFTER_BODY_LINES)
        .find_map(|line| {
            let found = header_lines::byline(&line.text, language)
                .or_else(|| header_lines::post_meta_line(&line.text, language))?;
            Some((line.number, value_of(found, "authors")?))
        })
}

/// The names of a line beside the body's first paragraph, `distance` open lines from it,
/// that no recogniser of opening lines claims: names then a date up to
/// `SIGNED_NAMES_LINES` open lines away (`header_lines::signed_names`), or else its stamp's
/// (`stamp_near`).
fn names_beside(
    line: &Line,
    distance: usize,
    stamp: Option<HeaderLine>,
    language: Option<&str>,
) -> Option<Value> {
    (distance <= SIGNED_NAMES_LINES)
        .then(|| header_lines::signed_names(&line.text, language))
        .flatten()
        .or_else(|| value_of(stamp?, "authors"))
}

/// The value a recognised line gives for `key`.
fn value_of(found: HeaderLine, key: &str) -> Option<Value> {
    found
        .values
        .into_iter()
        .find_map(|(k, value)| (k == key).then_some(value))
}

/// The stamp at `index` (`lone_stamp`), up to `STAMP_LINES` open lines above the body's
/// first paragraph (`start`) or up to `SIGNED_NAMES_LINES` under it (further down, a signed
/// line is a comment's).
fn stamp_near(
    lines: &[&Line],
    index: usize,
    start: usize,
    language: Option<&str>,
) -> Option<HeaderLine> {
    let reach = if index < start {
        STAMP_LINES
    } else {
        SIGNED_NAMES_LINES
    };
    if start.abs_diff(index) > reach {
        return None;
    }
    lone_stamp(lines, index, language)
}

/// The stamp at `index` (`header_lines::stamp`), unless another stands within
/// `NAME_LIST_LINES` of it (a list of dated entries: a programme, a thread, a box of recent
/// posts).
fn lone_stamp(lines: &[&Line], index: usize, language: Option<&str>) -> Option<HeaderLine> {
    let found = header_lines::stamp(&lines[index].text, language)?;
    let around =
        index.saturating_sub(NAME_LIST_LINES)..(index + NAME_LIST_LINES + 1).min(lines.len());
    let listed = around
        .filter(|&other| other != index)
        .any(|other| header_lines::stamp(&lines[other].text, language).is_some());
    (!listed).then_some(found)
}

/// A line that may be a menu's item: at most `MENU_ITEM_WORDS` words, no digit, no sentence
/// end ("Energiewende", "Synthetische Kraftstoffe"). A name between two of them is an item too.
fn menu_item(text: &str) -> bool {
    textshape::word_count(text) <= MENU_ITEM_WORDS
        && !text.chars().any(|c| c.is_ascii_digit())
        && !textshape::ends_sentence(text)
}

/// The nearest line of only a person's name (`lone_name`) up to `BARE_NAME_LINES` open lines
/// above the body's first paragraph (`start`, an index of `lines`), or else up to
/// `BARE_NAME_BELOW` under it.
fn bare_name_near(
    meta: &ArticleMeta,
    lines: &[&Line],
    start: usize,
    removals: &[ToRemove],
) -> Option<(usize, Value)> {
    let end = start.min(lines.len());
    let below = (start + 1)..(start + 1 + BARE_NAME_BELOW).min(lines.len());
    (end.saturating_sub(BARE_NAME_LINES)..end)
        .rev()
        .chain(below)
        .filter(|&index| !removals.iter().any(|r| r.line == lines[index].number))
        .find_map(|index| lone_name(meta, lines, index).map(|names| (lines[index].number, names)))
}

/// The names of `lines[index]` when it is only a person's name (`header_lines::bare_name`)
/// and an author's: not when the title holds the name (an article about a person may put
/// the name over its standfirst or under a portrait), another name stands within
/// `NAME_LIST_LINES` (a list of names) or a menu's items on both sides (`menu_item`).
fn lone_name(meta: &ArticleMeta, lines: &[&Line], index: usize) -> Option<Value> {
    let names = header_lines::bare_name(&lines[index].text)?;
    let Value::Names(found) = &names else {
        return None;
    };
    let title = meta.title.as_deref().map(str::to_lowercase);
    let named = |title: &String| found.iter().any(|n| title.contains(&n.to_lowercase()));
    let around = index.saturating_sub(NAME_LIST_LINES)..(index + NAME_LIST_LINES + 1);
    let listed = around
        .filter(|&other| other != index && other < lines.len())
        .any(|other| header_lines::bare_name(&lines[other].text).is_some());
    let menu_item = |other: Option<&&Line>| other.is_some_and(|line| menu_item(&line.text));
    let in_menu = index > 0 && menu_item(lines.get(index - 1)) && menu_item(lines.get(index + 1));
    (!listed && !in_menu && !title.as_ref().is_some_and(named)).then_some(names)
}

/// The date of a line that is no date line but carries the article's date, `distance` open
/// lines from the body's first paragraph: a line of any length that opens with a date, up to
/// `OPENING_DATE_LINES` away ("01.02.2022 „Der Arbeitsmarkt ist gut …"), or a line of at
/// most `LEADING_DATE_CHARS` characters holding one among other words ("21.01.2022 Aktuelle
/// Meldung", "Bettina Kugler 19.10.2019, 05:00 Uhr", "Von Thilo / 6. November 2023 / Keine
/// Kommentare"), unless the words before the date say it is not the publication date (an
/// "updated" label, an event's or a deadline's word, an embedded post's "(@handle)") or the
/// date is glued to a word.
fn dated_line(text: &str, language: Option<&str>, distance: usize) -> Option<Value> {
    let text = strip(text);
    let short = text.chars().nth(LEADING_DATE_CHARS).is_none();
    if !short && distance > OPENING_DATE_LINES {
        return None;
    }
    let (parsed, start, _) = dates::find_date(text, language)?;
    if start == 0 && (short || distance <= OPENING_DATE_LINES) {
        return Some(Value::Text(parsed.iso));
    }
    let before: String = text.chars().take(start).collect();
    let glued = before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    (short && !glued && !header_lines::not_published_before(&before))
        .then_some(Value::Text(parsed.iso))
}

/// Take a byline or date from the lines just above the body's first paragraph (up to a line
/// of prose), a byline from further above it, or a byline between it and the next (a
/// standfirst, then the byline). A date there is taken only when nothing gave one yet and a
/// headline stands right above that first paragraph, which is then the standfirst: between
/// two paragraphs of the text a date is as often the text's own (an event, a deadline). What
/// the top did not give, or everything when the body starts far below the top, whose dates
/// and names were then the site's (today's date, a login). Returns the index of that first
/// paragraph in `lines` (None without prose), around which `near_body` reads.
fn read_above_body(
    doc: &Document,
    removals: &mut Vec<ToRemove>,
    meta: &mut ArticleMeta,
    lines: &[&Line],
    language: Option<&str>,
    settings: &Settings,
    prose: &Prose,
) -> Option<usize> {
    let start = body_start(lines, prose)?;
    let far = start > MAX_HEADER_LINES;
    let mut taken: HashSet<&str> = HashSet::new();
    for (index, place) in around_body_start(lines, start, prose) {
        let (count, mut found) = opening_at(lines, index, language, prose);
        if found.is_none() && place == Where::Above {
            found = header_lines::signed_date(&lines[index].text, language);
        }
        let dated_under = place == Where::Under
            && !filled(meta, "published")
            && under_headline(doc, lines[start]);
        let dates_too = place == Where::Above || dated_under;
        let Some(found) = found else { continue };
        if !(found.kind == "byline" || (dates_too && found.kind == "date")) {
            continue;
        }
        let rule = rule_of(found.kind);
        let fresh: Vec<&'static str> = found
            .values
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !taken.contains(k) && (far || text_wins(meta, k) || !filled(meta, k)))
            .collect();
        if settings.leaves_out(rule) || fresh.is_empty() {
            continue;
        }
        let what = format!("{} the article's first paragraph", place.name());
        take(
            removals,
            meta,
            &lines[index..index + count],
            &found,
            &fresh,
            &what,
            far,
        );
        taken.extend(fresh);
    }
    Some(start)
}

/// The words of a text compared as a title, in order, from its case-folded form (`casefold`):
/// what a headline shares with the title whatever its punctuation (soft hyphens dropped).
/// Borrowed from `folded` but where a word holds a soft hyphen: every line above the body is
/// compared, and a string per word of each was most of the time of comparing them.
fn title_words(folded: &str) -> Vec<Cow<'_, str>> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\u{ad}'))
        .map(|word| {
            if word.contains('\u{ad}') {
                Cow::Owned(word.replace('\u{ad}', ""))
            } else {
                Cow::Borrowed(word)
            }
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether `title_words(&casefold(text))` is `target`, a list of words that is not empty,
/// read off `text` character by character: the same folding (`casefold` folds each
/// character on its own, ASCII by lower-casing it), the same word characters (alphanumeric
/// after folding, and soft hyphens, which are dropped; a run of soft hyphens alone is no
/// word), and no string built. Most lines differ from the title in their first word, and
/// there this stops; folding and splitting each whole line was most of the time of
/// comparing the lines above the body with the title.
fn reads_as(text: &str, target: &[Cow<'_, str>]) -> bool {
    let mut expected = target.iter();
    // The rest of the target's word being read, once a word has started.
    let mut word: Option<std::str::Chars> = None;
    // Reads one character of the folded text; false where it parts from the target.
    let mut read = |c: char| {
        if c == '\u{ad}' {
            return true;
        }
        if c.is_alphanumeric() {
            let rest = match &mut word {
                Some(rest) => rest,
                None => match expected.next() {
                    Some(next) => word.insert(next.chars()),
                    None => return false,
                },
            };
            return rest.next() == Some(c);
        }
        word.take().is_none_or(|mut rest| rest.next().is_none())
    };
    for c in text.chars() {
        if c.is_ascii() {
            if !read(c.to_ascii_lowercase()) {
                return false;
            }
        } else if !std::iter::once(c).default_case_fold().all(&mut read) {
            return false;
        }
    }
    word.is_none_or(|mut rest| rest.next().is_none()) && expected.next().is_none()
}

/// Remove the headline where the page repeats the title line the header took: on a page
/// dump the first line is often the page's own title (the browser tab's), and the headline
/// stands again over the body, perhaps at the end of the segment before the main
/// article's. Every open line between the title line and the first paragraph of the page's
/// longest run of paragraphs that has the title's words in the same order, whatever its
/// punctuation ("–" or "-", „…“ or "…"), goes as `header.title`; so does one that has the
/// words of one part of the title ("Headline | Site", "Site - Headline": a headline, the
/// site's name over the page). In the body a line is the text's own. When parts of the title
/// stand over the body and not the whole title, the one nearest the body is the title: the
/// headline stands over the body, the site's name (a logo) over the page, and the title
/// line alone does not tell which part is which ("Plejaden, M45 - Abenteuer Astronomie",
/// "Kleine Schafskunde | Mäscot das Schaf – Webcomic"). A part beside one that is far
/// longer (`LONGER_PART_WORDS`, `LONGER_PART_FACTOR`) names the site or its section, a logo
/// or a menu's item over the body ("BMWK - Förderung für energieeffiziente Gebäude der KfW
/// vorläufig gestoppt", "Presidente Boric inicia gira por Magallanes - Política -
/// 24horas"): its line goes, and the title stays the title line. A title from the page's
/// metadata (HTML input) leaves the extracted text as it is.
fn repeated_headline(doc: &mut Document, prose: &Prose, extracted: bool) -> Option<usize> {
    let title = doc.meta.title.clone()?;
    let taken = source_line(&doc.meta, "title")
        .filter(|&(rule, n)| rule == TITLE_RULE && n >= 1 && n < doc.lines.len())?
        .1;
    let body = page_body_start(doc, taken + 1, prose)?;
    let folded = [casefold(&title), casefold(&doc.line(taken).text)];
    let whole = [title_words(&folded[0]), title_words(&folded[1])];
    let parts: Vec<&str> = page_metadata::title_parts(&title);
    let folded_parts: Vec<String> = if parts.len() > 1 {
        parts.iter().map(|part| casefold(part)).collect()
    } else {
        Vec::new()
    };
    let part_words: Vec<Vec<Cow<str>>> = folded_parts.iter().map(|p| title_words(p)).collect();
    // A headline is no longer than the title line; longer lines are not compared.
    let longest = title.len().max(doc.line(taken).text.len()) * 2 + 8;
    let mut repeats = Vec::new();
    let mut whole_seen = false;
    // The part of the title nearest the body.
    let mut headline = None;
    for number in taken + 1..body {
        let text = &doc.line(number).text;
        if text.len() > longest || !doc.is_open(number) {
            continue;
        }
        // A line without words is none of them, though a title without words is one.
        let reads_as = |target: &[Cow<str>]| !target.is_empty() && reads_as(text, target);
        if whole.iter().any(|words| reads_as(words)) {
            repeats.push(number);
            whole_seen = true;
        } else if let Some(part) = part_words.iter().position(|words| reads_as(words)) {
            repeats.push(number);
            headline = Some((part, number));
        }
    }
    if repeats.is_empty() {
        if navigation_follows(doc, taken) {
            if let Some(number) = reworded_headline(doc, taken, body, &whole[0]) {
                return Some(number);
            }
        }
        if extracted {
            return None;
        }
        return headline_over_byline(doc, taken, &whole[0]);
    }
    let evidence = format!("the headline over the body, repeating the title (line {taken})");
    for &number in &repeats {
        doc.remove(number, number, STAGE, TITLE_RULE, &evidence, Some("title"));
    }
    if let (Some((part, number)), false) = (headline, whole_seen) {
        let words = textshape::word_count(parts[part]);
        let dwarfed = parts.iter().any(|other| {
            let longer = textshape::word_count(other);
            longer >= LONGER_PART_WORDS && longer >= LONGER_PART_FACTOR * words
        });
        if dwarfed {
            return repeats.last().copied();
        }
        let value = Value::Text(parts[part].to_string());
        let from = format!("{TITLE_RULE} (line {number})");
        set(&mut doc.meta, "title", &value, from, true);
    }
    repeats.last().copied()
}

/// The headline over the body when the page's title (the browser tab's, taken from line
/// `taken`) words it otherwise: a site's search-engine title over its own headline ("Oranger
/// Wasserstoff: Gas aus der Erdkruste" over "Oranger Wasserstoff: Der Traum vom
/// erneuerbaren Gas aus der Erdkruste"). The open line nearest the body's first paragraph
/// (line `body`), up to `REWORDED_HEADLINE_LINES` above it, that reads as a title, shares
/// words with the title at an F1 of `REWORDED_HEADLINE_F1` or more and has at least
/// `REWORDED_HEADLINE_SHARE` of its word count is the headline: it goes as `header.title`
/// and names the article. A shorter line that shares some of the title's words is a
/// section, a caption or a breadcrumb's last step ("Olympia 2022 in Peking", "3D
/// Printing"), and a breadcrumb (with "»" or "›") is none. Only on a page dump, the title
/// line over the page's navigation (`navigation_follows`): in an extractor's output the
/// first line is the headline, and a line like it further down a subheading ("1000 Euro
/// Kredit" over "1000 Euro Kredit - Sofortzusage & Sofortauszahlung").
fn reworded_headline(
    doc: &mut Document,
    taken: usize,
    body: usize,
    title: &[Cow<'_, str>],
) -> Option<usize> {
    if title.is_empty() {
        return None;
    }
    let fits = |words: &[Cow<'_, str>]| {
        words.len() as f64 >= REWORDED_HEADLINE_SHARE * title.len() as f64
            && word_f1(words, title) >= REWORDED_HEADLINE_F1
    };
    let evidence =
        format!("the headline over the body, wording the title otherwise (line {taken})");
    let above = (taken + 1, body.saturating_sub(1));
    take_headline(doc, above, REWORDED_HEADLINE_LINES, fits, &evidence)
}

/// The headline over the article's byline or date line when the page's title (the browser
/// tab's, taken from line `taken`) words it otherwise and no headline over the body was
/// found: the open line nearest above the line the header read the byline or date from, up
/// to `BYLINE_HEADLINE_LINES` above it (a standfirst or a photo's credit may stand
/// between), that reads as a title and shares words with the title at an F1 of
/// `BYLINE_HEADLINE_F1` or more. The body's first paragraph is no guide there: a site's
/// slogan or a standfirst over the headline may open the longest run of paragraphs. A line
/// that shares no word with the title is a section's name, a menu's item or a teaser's
/// headline ("Für Arbeitgeber", "Jobs in München"), and a breadcrumb (with "»" or "›") is
/// none. Only on a page dump: on an extractor's output the first line is the headline.
fn headline_over_byline(doc: &mut Document, taken: usize, title: &[Cow<'_, str>]) -> Option<usize> {
    let anchor = byline_or_date_line(&doc.meta).filter(|&line| line > taken + 1)?;
    if title.is_empty() {
        return None;
    }
    let fits = |words: &[Cow<'_, str>]| word_f1(words, title) >= BYLINE_HEADLINE_F1;
    let evidence = format!(
        "the headline over the article's byline, wording the title otherwise (line {taken})"
    );
    take_headline(
        doc,
        (taken + 1, anchor - 1),
        BYLINE_HEADLINE_LINES,
        fits,
        &evidence,
    )
}

/// The nearest of the last `within` open lines from line `above.0` to line `above.1` that
/// reads as a headline (a title's shape, two words or more, no breadcrumb's "»" or "›") and
/// whose folded words `fits` the title's: it leaves the body as `header.title` (with
/// `evidence`) and names the article.
fn take_headline(
    doc: &mut Document,
    above: (usize, usize),
    within: usize,
    fits: impl Fn(&[Cow<'_, str>]) -> bool,
    evidence: &str,
) -> Option<usize> {
    let number = doc
        .open_lines(above.0, Some(above.1))
        .into_iter()
        .rev()
        .take(within)
        .find(|line| {
            let text = &line.text;
            if !textshape::looks_like_title(text) || text.contains(['»', '›']) {
                return false;
            }
            let folded = casefold(text);
            let words = title_words(&folded);
            words.len() >= 2 && fits(&words)
        })
        .map(|line| line.number)?;
    doc.remove(number, number, STAGE, TITLE_RULE, evidence, Some("title"));
    let value = Value::Text(strip(&doc.line(number).text).to_string());
    let from = format!("{TITLE_RULE} (line {number})");
    set(&mut doc.meta, "title", &value, from, true);
    Some(number)
}

/// Read the publication date and the authors, each when nothing else gave it, from a byline
/// or date line among the `UNDER_HEADLINE_LINES` open lines under the headline over the body
/// (line `headline`, which repeats or rewords the page's title), and leave the line where it
/// is. On a page dump the tab's title opens the page and the header reads its byline and
/// date under that; the article's own byline and date stand under its headline further
/// down ("Veröffentlicht: 24. Oktober 2022", "Posted on 21. Juli 2019 by Realiberry"),
/// often above a standfirst and subheadings that keep them from the body's longest run of
/// paragraphs, where `near_body` reads. When no byline there names the authors, a line of
/// only a person's name among those lines does (`lone_name`: "Ronja Beck" under the
/// headline, over its standfirst).
fn read_under_headline(doc: &mut Document, headline: usize, language: Option<&str>) {
    let wanted = unfilled_fields(&doc.meta);
    if wanted.is_empty() {
        return;
    }
    let mut found: Vec<(&NearBodyField, usize, Value, &str)> = Vec::new();
    let lines = doc.open_lines(1, None);
    let first = lines.partition_point(|line| line.number <= headline);
    let under = &lines[first..];
    for (index, line) in under.iter().enumerate().take(UNDER_HEADLINE_LINES) {
        let Some(read) = header_lines::opening_line(&line.text, language)
            .or_else(|| header_lines::post_meta_line(&line.text, language))
            .or_else(|| lone_stamp(under, index, language))
        else {
            continue;
        };
        for field in &wanted {
            if found.iter().any(|(f, ..)| f.key == field.key) {
                continue;
            }
            if let Some((_, value)) = read.values.iter().find(|(key, _)| *key == field.key) {
                let source = UNDER_HEADLINE_SOURCE[usize::from(field.key == "authors")];
                found.push((field, line.number, value.clone(), source));
            }
        }
    }
    // No byline named the authors: a line of only a person's name under the headline does.
    if let Some(field) = wanted
        .iter()
        .find(|field| field.key == "authors")
        .filter(|_| !found.iter().any(|(f, ..)| f.key == "authors"))
    {
        let named = (first..(first + UNDER_HEADLINE_LINES).min(lines.len()))
            .find_map(|index| lone_name(&doc.meta, &lines, index).map(|v| (index, v)));
        if let Some((index, names)) = named {
            found.push((
                field,
                lines[index].number,
                names,
                UNDER_HEADLINE_NAME_SOURCE,
            ));
        }
    }
    for (field, number, value, source) in found {
        let from = format!("{source} (line {number})");
        set(&mut doc.meta, field.key, &value, from, false);
    }
}

/// The F1 of the words two texts share, each word counted as often as both have it.
fn word_f1(a: &[Cow<'_, str>], b: &[Cow<'_, str>]) -> f64 {
    let mut rest: Vec<&str> = b.iter().map(AsRef::as_ref).collect();
    let mut shared = 0usize;
    for word in a {
        if let Some(at) = rest.iter().position(|other| *other == word.as_ref()) {
            rest.swap_remove(at);
            shared += 1;
        }
    }
    if shared == 0 {
        return 0.0;
    }
    let (precision, recall) = (
        shared as f64 / a.len() as f64,
        shared as f64 / b.len() as f64,
    );
    2.0 * precision * recall / (precision + recall)
}

/// Move an opening line's `keys` into the metadata (over what the top or the page's author
/// field gave when `far` or `text_wins` says so) and its lines out of the body.
fn take(
    removals: &mut Vec<ToRemove>,
    meta: &mut ArticleMeta,
    lines: &[&Line],
    found: &HeaderLine,
    keys: &[&str],
    place: &str,
    far: bool,
) {
    let rule = rule_of(found.kind);
    let numbers = lines
        .iter()
        .map(|line| line.number.to_string())
        .collect::<Vec<_>>()
        .join(" and ");
    for key in keys {
        let over = far || text_wins(meta, key);
        if let Some((_, value)) = found.values.iter().find(|(k, _)| k == key) {
            set(meta, key, value, format!("{rule} (line {numbers})"), over);
        }
    }
    let fields = found
        .values
        .iter()
        .map(|(k, _)| *k)
        .collect::<Vec<_>>()
        .join(",");
    let evidence = format!("{} line {place}", found.kind);
    for line in lines {
        removals.push(ToRemove {
            line: line.number,
            rule,
            evidence: evidence.clone(),
            field: fields.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Article;

    const PARAGRAPHS: [&str; 3] = [
        "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im \
         kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind.",
        "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der \
         Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss.",
        "Anwohner auf beiden Seiten hatten seit Jahren eine neue Brücke gefordert, und das \
         Land hat zugesagt, die Hälfte der Kosten des Vorhabens zu übernehmen.",
    ];

    /// A document of `lines` read as one article, as `segment` leaves a plain text.
    fn doc(lines: &[&str]) -> Document {
        let mut doc = Document::new("t", lines.iter().map(|s| s.to_string()));
        doc.articles = vec![Article {
            index: 1,
            start_line: 1,
            end_line: lines.len(),
            ..Article::default()
        }];
        doc
    }

    fn run_de(doc: &mut Document, settings: Settings) {
        let settings = Settings {
            language: Some("de"),
            ..settings
        };
        run(doc, &settings).expect("the header runs");
    }

    fn removed<'d>(doc: &'d Document, rule: &str) -> Vec<&'d str> {
        doc.removals
            .iter()
            .filter(|r| r.rule == rule)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn title_words_are_folded_without_punctuation_or_soft_hyphens() {
        let folded = casefold("Die Bun\u{ad}des-Regierung – „NEU“ \u{ad} ");
        assert_eq!(title_words(&folded), ["die", "bundes", "regierung", "neu"]);
        assert!(title_words("– …").is_empty());
    }

    /// `reads_as` says what comparing the words of the folded line says.
    fn assert_reads_as_exact(text: &str, title: &str) {
        let folded = casefold(title);
        let target = title_words(&folded);
        if target.is_empty() {
            return;
        }
        let expected = title_words(&casefold(text)) == target;
        assert_eq!(reads_as(text, &target), expected, "{text:?} as {title:?}");
    }

    #[test]
    fn a_line_reads_as_a_title_as_its_folded_words_do() {
        for (text, title, same) in [
            (
                "Die Bun\u{ad}des-Regierung – „NEU“",
                "die bundes regierung: neu",
                true,
            ),
            ("STRASSE in Köln", "Straße in köln", true),
            ("ﬁnal ΣΟΦΟΣ", "FINAL σοφος", true),
            ("İstanbul", "i stanbul", true),
            ("Ein Titel", "Ein Titel mehr", false),
            ("Ein Titel mehr", "Ein Titel", false),
            ("\u{ad} Titel \u{ad}", "titel", true),
            ("", "titel", false),
        ] {
            let folded = casefold(title);
            assert_eq!(reads_as(text, &title_words(&folded)), same, "{text:?}");
            assert_reads_as_exact(text, title);
        }
        let pieces = [
            "a", "A", "ß", "ss", " ", "-", "\u{ad}", "İ", "i", "\u{307}", "ﬁ", "٣",
        ];
        crate::devdata::each_string(&pieces, 4, |text| {
            for title in ["a", "ss a", "a ss", "i\u{307}", "fi", "a٣", "ssss", "i"] {
                assert_reads_as_exact(text, title);
            }
        });
    }

    /// On the development dumps (when they are there), each line read as itself and as the
    /// line before it.
    #[test]
    fn a_line_reads_as_a_title_as_its_folded_words_do_on_the_development_dumps() {
        let mut before = String::new();
        crate::devdata::each_dump_line(|line| {
            assert_reads_as_exact(line, line);
            assert_reads_as_exact(line, &before);
            before = line.to_string();
        });
    }

    #[test]
    fn a_sentence_ends_inside_a_line_unless_after_a_day_or_an_abbreviation() {
        assert!(sentence_inside("Ihr kennt es sicher auch!"));
        assert!(sentence_inside(
            "Die Masse berechnest du. Siehe Kapitel Masse"
        ));
        assert!(sentence_inside(
            "Am Montag kam Dr. Berg. Er blieb bis zum 3. Mai"
        ));
        assert!(!sentence_inside(
            "So sähe die Tabelle nach dem 10. Spieltag aus"
        ));
        assert!(!sentence_inside("Tanz in der St. Galler Lokremise"));
        assert!(!sentence_inside("Am 3. Mai kam Dr. Berg"));
        // The day's digits must start a word: "x10. Mai" ends a sentence.
        assert!(sentence_inside("Version x10. Mai"));
        assert!(sentence_inside("Ende.\u{201d} Neu"));
    }

    #[test]
    fn a_headline_is_taken_as_the_title() {
        let title = "Brücke über den Fluss wird im Frühjahr erneuert";
        let mut d = doc(&[title, PARAGRAPHS[0]]);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title.as_deref(), Some(title));
        assert_eq!(d.meta.sources["title"], "header.title (line 1)");
        assert_eq!(removed(&d, TITLE_RULE), [title]);
        assert_eq!(d.articles[0].meta, d.meta);
        assert_eq!(d.main_article, Some(0));
    }

    #[test]
    fn the_headline_repeating_the_title_over_the_body_goes_too() {
        let title = "Brücke über den Fluss wird im Frühjahr erneuert";
        let tab = format!("{title} | Stadtanzeiger");
        let lines = [
            tab.as_str(),
            "Startseite",
            "Lokales",
            "BRÜCKE ÜBER DEN FLUSS  WIRD IM FRÜHJAHR ERNEUERT",
            "Lokales",
            title,
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            title,
            PARAGRAPHS[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title.as_deref(), Some(title));
        // The headline and its copy in capitals go, the one in the body stays.
        assert_eq!(removed(&d, TITLE_RULE), [tab.as_str(), lines[3], title]);
        assert_eq!(d.removals[2].start_line, 6);
        assert!(d.removals[1]
            .evidence
            .contains("repeating the title (line 1)"));
        // Read but kept, the title leaves its repeats too.
        let mut kept = doc(&lines);
        let settings = Settings {
            keep_title: true,
            ..Settings::default()
        };
        run_de(&mut kept, settings);
        assert!(removed(&kept, TITLE_RULE).is_empty());
    }

    #[test]
    fn a_headline_that_is_part_of_the_title_goes_and_becomes_the_title() {
        // Two words of site name after two of headline: the title line alone does not tell
        // which part is the site's.
        let tab = "Plejaden, M45 - Abenteuer Astronomie";
        let lines = [
            tab,
            "Sternwarte",
            "Startseite",
            "Plejaden, M45 beobachten",
            "Plejaden, M45",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "Plejaden, M45",
            PARAGRAPHS[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        // The headline goes; a line with more words stays, and so does the headline's copy
        // in the body.
        assert_eq!(removed(&d, TITLE_RULE), [tab, lines[4]]);
        assert_eq!(d.removals[1].start_line, 5);
        // The headline names the part of the title that is the article's.
        assert_eq!(d.meta.title.as_deref(), Some("Plejaden, M45"));
        assert_eq!(d.meta.sources["title"], "header.title (line 5)");
        // With the site's name over the page too, both go, and the part nearest the body
        // names the article; with the whole title there too, the title stays whole.
        let mut both = lines;
        both[2] = "Abenteuer Astronomie";
        let mut d = doc(&both);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, both[2], both[4]]);
        assert_eq!(d.meta.title.as_deref(), Some("Plejaden, M45"));
        both[1] = tab;
        let mut d = doc(&both);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, tab, both[2], both[4]]);
        assert_eq!(d.meta.title.as_deref(), Some(tab));
        // A site's name longer than the headline: the part nearest the body is still the
        // headline.
        let tab = "Kleine Schafskunde | Mäscot das Schaf";
        let lines = [
            tab,
            "Mäscot das Schaf",
            "Startseite",
            "Kleine Schafskunde",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, lines[1], lines[3]]);
        assert_eq!(d.meta.title.as_deref(), Some("Kleine Schafskunde"));
        assert_eq!(d.meta.sources["title"], "header.title (line 4)");
    }

    #[test]
    fn a_headline_wording_the_title_otherwise_goes_and_becomes_the_title() {
        let tab = "Oranger Wasserstoff: Gas aus der Erdkruste | Clean Thinking";
        let headline = "Oranger Wasserstoff: Der Traum vom erneuerbaren Gas aus der Erdkruste";
        let lines = [
            tab,
            "Startseite",
            "Energie",
            "Login",
            headline,
            PARAGRAPHS[0],
            PARAGRAPHS[1],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, headline]);
        assert_eq!(d.meta.title.as_deref(), Some(headline));
        assert_eq!(d.meta.sources["title"], "header.title (line 5)");
        // Text that opens with its headline, not over a page's navigation: the line is a
        // subheading.
        let lines = [
            "1000 Euro Kredit - Online und schnell",
            PARAGRAPHS[0],
            "1000 Euro Kredit - Sofortzusage und Sofortauszahlung",
            PARAGRAPHS[1],
            PARAGRAPHS[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.sources["title"], "header.title (line 1)");
        assert_eq!(removed(&d, TITLE_RULE), [lines[0]]);
        // A shorter line with some of the title's words (a section) and a breadcrumb stay
        // and name nothing; so does the headline further above the body than a headline
        // stands.
        let section = ["Oranger Wasserstoff", PARAGRAPHS[0], PARAGRAPHS[1]];
        let crumbs = [
            "Energie » Oranger Wasserstoff: Gas aus der Erdkruste heute",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
        ];
        let far = [
            headline,
            "Login",
            "Suche",
            "Kontakt",
            "Hilfe",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
        ];
        for rest in [&section[..], &crumbs[..], &far[..]] {
            let mut lines = vec![tab, "Startseite", "Energie", "Login"];
            lines.extend(rest);
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(removed(&d, TITLE_RULE), [tab], "{}", rest[0]);
            assert_eq!(
                d.meta.sources["title"], "header.title (line 1)",
                "{}",
                rest[0]
            );
        }
    }

    #[test]
    fn a_headline_over_the_byline_wording_the_title_otherwise_goes_and_becomes_the_title() {
        let tab = "Kalifornien: Die Katastrophen sind eine Warnung | Die Zeitung";
        let headline = "Wie Kalifornien für die Zukunft planen kann";
        // A page dump: its blocks stand apart, an empty line between them.
        let page = |over_byline: &[&'static str]| {
            let mut blocks = vec![tab, "Startseite", "Politik", "Login"];
            blocks.extend(over_byline);
            blocks.extend([
                "Von Anna Muster",
                "12. März 2023",
                PARAGRAPHS[0],
                PARAGRAPHS[1],
            ]);
            blocks
                .iter()
                .flat_map(|block| [*block, ""])
                .collect::<Vec<_>>()
        };
        // A site's slogan reads as a paragraph over the headline: the body's first
        // paragraph is no guide, the byline is.
        let slogan = "Die Zeitung für alle, die wissen wollen, was in der Welt wirklich geschieht.";
        let lines = page(&[slogan, headline]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, headline]);
        assert_eq!(d.meta.title.as_deref(), Some(headline));
        assert_eq!(d.meta.sources["title"], "header.title (line 11)");
        assert!(d.meta.sources["authors"].starts_with(BYLINE_RULE));
        // With a standfirst between the headline and the byline too.
        let standfirst =
            "Brände, Dürre und Fluten: Der Staat sucht einen Plan für die nächsten Jahre.";
        let lines = page(&[headline, standfirst]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, headline]);
        assert_eq!(d.meta.title.as_deref(), Some(headline));
        // A section's name or a teaser's headline that shares no word with the title, and a
        // breadcrumb, stay and name nothing.
        for over in [
            "Wissenschaft und Technik",
            "Jobs in München",
            "Politik » Wie Kalifornien für die Zukunft planen kann",
        ] {
            let lines = page(&[over]);
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(removed(&d, TITLE_RULE), [tab], "{over}");
            assert_eq!(d.meta.sources["title"], "header.title (line 1)", "{over}");
        }
        // An extractor's output: its first line is the headline, and a line like a
        // headline further down is a subheading.
        let lines = page(&[headline]);
        let mut d = doc(&lines);
        let extracted = Settings {
            extracted: true,
            ..Settings::default()
        };
        run_de(&mut d, extracted);
        assert!(removed(&d, TITLE_RULE).iter().all(|text| *text != headline));
    }

    #[test]
    fn word_f1_counts_shared_words_with_their_multiplicity() {
        let words = |text: &str| -> Vec<Cow<'static, str>> {
            text.split(' ').map(|w| Cow::Owned(w.to_string())).collect()
        };
        assert_eq!(word_f1(&words("a b"), &words("a b")), 1.0);
        assert_eq!(word_f1(&words("a a"), &words("a b")), 0.5);
        assert_eq!(word_f1(&words("a"), &words("b")), 0.0);
        assert!((word_f1(&words("a b c"), &words("a")) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_short_part_beside_a_far_longer_one_is_the_sites_name() {
        // A logo over the body repeats the site's part of the title: its line goes, and the
        // title stays the title line.
        let tab = "BMWK - Förderung für energieeffiziente Gebäude vorläufig gestoppt";
        let lines = [tab, "Startseite", "BMWK", PARAGRAPHS[0], PARAGRAPHS[1]];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, "BMWK"]);
        assert_eq!(d.meta.title.as_deref(), Some(tab));
        assert_eq!(d.meta.sources["title"], "header.title (line 1)");
        // A headline of two words beside a site's name of three is still the headline, and
        // so is one of two beside five: the longer part needs three times its words.
        for (tab, headline) in [
            (
                "Bee Simulator | Datenbank für Multiplayergames",
                "Bee Simulator",
            ),
            (
                "Bee Simulator | Die Datenbank für alle Multiplayergames",
                "Bee Simulator",
            ),
        ] {
            let lines = [tab, "Startseite", headline, PARAGRAPHS[0], PARAGRAPHS[1]];
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.title.as_deref(), Some(headline), "{tab}");
        }
    }

    #[test]
    fn a_headline_with_other_punctuation_repeats_the_title() {
        let tab = "TV-Tipp - ARD-Doku \"Loriot 100\": Eine Hommage an Vicco von Bülow";
        let headline = "TV-Tipp – ARD-Doku „Loriot 100“: Eine Hommage an Vicco von Bülow";
        let lines = [tab, "Startseite", headline, PARAGRAPHS[0], PARAGRAPHS[1]];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [tab, headline]);
        assert_eq!(d.meta.title.as_deref(), Some(tab));
    }

    #[test]
    fn a_first_sentence_list_item_or_quote_is_no_title() {
        for first in [
            "Am Montag kam Dr. Berg. Er blieb bis zum 3. Mai",
            "- Presseförderung: Studie zweifelt an Stütze vom Staat",
            "„Außen knusprig, innen cremig“",
            "Künstlerischer Lebenslauf",
        ] {
            let mut d = doc(&[first, PARAGRAPHS[0]]);
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.title, None, "{first}");
            assert!(d.removals.is_empty(), "{first}");
        }
    }

    #[test]
    fn a_pages_first_line_over_its_navigation_is_the_title() {
        // Titles `plain_title` turns down (two words, a quote, a sentence inside) that a page
        // dump opens with, its menu under them.
        // And titles no text's first line would have: a name that opens in lower case, a
        // site's name that closes with its own period.
        for first in [
            "Effiziente Hybridbatterie",
            "«Gute Löhne alleine reichen nicht»",
            "Diese Ymers! Zwei Überraschungen an einem Tag! · tennisnet.com",
            "iPhone 14: Warum sich das Warten wirklich lohnt - Macwelt",
            "Norddeutschland findet seine Meister - Berliner Leichtathletik Verband e.V.",
        ] {
            let lines = [
                "",
                first,
                "English",
                "Login",
                "Skip to content",
                PARAGRAPHS[0],
            ];
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.sources["title"], "header.title (line 2)", "{first}");
            assert_eq!(removed(&d, TITLE_RULE), [first]);
        }
        // A line the rules took already counts as navigation, however long.
        let first = "Effiziente Hybridbatterie";
        let menu = "Über uns und alles über die Stadt und das Land im Norden";
        let mut d = doc(&[first, "Home", menu, "Kontakt", PARAGRAPHS[0]]);
        d.remove(3, 3, "rules", "nav.menu.de", "a menu", None);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title.as_deref(), Some(first));
    }

    #[test]
    fn a_first_line_over_paragraphs_or_inside_the_page_is_no_tab_title() {
        let first = "«Gute Löhne alleine reichen nicht»";
        // Paragraphs follow: a text that opens with a quote.
        let mut d = doc(&[first, "Sagt der Chef.", PARAGRAPHS[0], PARAGRAPHS[1]]);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title, None);
        // Fewer than three navigation lines follow before a paragraph.
        let mut d = doc(&[first, "Login", "Suche", PARAGRAPHS[0]]);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title, None);
        // A description over a product's facts, a clause cut off.
        for first in [
            "Nine distinct classes provide a broad range of tactical abilities.",
            "wenn die Kurse wieder beginnen, melden wir uns,",
            "Nine distinct classes provide a broad range of tactical abilities and \
             personalities. Constantly updated with new game modes, maps, equipment and, \
             most importantly, hats!",
        ] {
            let lines = [
                first,
                "Recent Reviews:",
                "Overwhelmingly Positive",
                "(7,778)",
            ];
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.title, None, "{first}");
        }
        // A text in a language written without spaces: its sentences are one word each.
        let lines = [
            "“妈妈，为什么还不能出去？”",
            "“宝贝，我们在打一场无声的战役，每个在家里不出去的人都是英雄哦！”",
            "“妈妈，什么时候才能回我们自己的家？",
            "“孩子，我们再等等，等到春暖花开，就可以回家了。”",
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title, None);
        // A list item, and a line that is not the page's first.
        for lines in [
            [
                "- Presseförderung im Test",
                "Login",
                "Suche",
                "Home",
                PARAGRAPHS[0],
            ],
            ["Home", first, "Login", "Suche", "Kontakt"],
        ] {
            let mut d = doc(&lines);
            d.articles[0].start_line = if lines[0] == "Home" { 2 } else { 1 };
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.title, None, "{lines:?}");
        }
    }

    #[test]
    fn a_first_line_whose_sentence_goes_on_is_no_title() {
        // Hard-wrapped text without a title: the first line breaks off mid-sentence.
        let lines = [
            "Die Brücke über den Fluss wird im kommenden Frühjahr",
            "vollständig erneuert, teilte die Stadtverwaltung am",
            "Dienstag mit. Die Arbeiten sollen im März beginnen und",
            "bis zum Herbst dauern, während der Bauzeit wird der",
            "Verkehr über eine Behelfsbrücke im Norden der Stadt",
            "umgeleitet. Die Kosten von rund zwölf Millionen Euro",
            "tragen das Land und die Stadt gemeinsam, wie ein",
            "Sprecher sagte. Gutachter hatten im vergangenen Jahr",
            "festgestellt, dass mehrere Träger der alten Brücke",
            "nicht mehr sicher sind und ersetzt werden müssen, bevor",
            "der nächste Winter kommt.",
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.title, None);
        assert!(removed(&d, TITLE_RULE).is_empty());
    }

    #[test]
    fn keep_title_reads_the_title_and_leaves_its_line() {
        let title = "Brücke über den Fluss wird im Frühjahr erneuert";
        let mut d = doc(&[title, PARAGRAPHS[0]]);
        let settings = Settings {
            keep_title: true,
            ..Settings::default()
        };
        run_de(&mut d, settings);
        assert_eq!(d.meta.title.as_deref(), Some(title));
        assert!(d.removals.is_empty());
        // Switching the rule off does the same.
        let mut d = doc(&[title, PARAGRAPHS[0]]);
        let off = [TITLE_RULE.to_string()];
        run_de(
            &mut d,
            Settings {
                off: &off,
                ..Settings::default()
            },
        );
        assert_eq!(d.meta.title.as_deref(), Some(title));
        assert!(d.removals.is_empty());
    }

    #[test]
    fn an_extractors_output_keeps_its_headline_and_its_first_sentence() {
        // Declared extractor output: the headline is read as the title and stays, and so
        // does a first line that only looks like one.
        let extracted = || Settings {
            extracted: true,
            ..Settings::default()
        };
        let title = "Brücke über den Fluss wird im Frühjahr erneuert";
        let mut d = doc(&[title, PARAGRAPHS[0]]);
        run_de(&mut d, extracted());
        assert_eq!(d.meta.title.as_deref(), Some(title));
        assert!(d.removals.is_empty());
        let opening = "Die Stadt erneuert die alte Brücke";
        let mut d = doc(&[opening, PARAGRAPHS[0], PARAGRAPHS[1]]);
        run_de(&mut d, extracted());
        assert!(removed(&d, TITLE_RULE).is_empty());
        let mut d = doc(&[opening, PARAGRAPHS[0], PARAGRAPHS[1]]);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [opening]);
        // The same text not declared loses its headline to the metadata.
        let mut d = doc(&[title, PARAGRAPHS[0]]);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE).len(), 1);
    }

    #[test]
    fn a_byline_above_the_body_over_a_standfirst_and_a_cut_off_paragraph() {
        let mut lines = vec!["Stadtanzeiger", "Brücke wird erneuert", "Von Anna Berg"];
        lines.extend([PARAGRAPHS[0], PARAGRAPHS[1], "Bild", "Archiv", "Grafik"]);
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(d.meta.sources["authors"], "header.byline (line 3)");
        let byline: Vec<_> = d
            .removals
            .iter()
            .filter(|r| r.rule == BYLINE_RULE)
            .collect();
        assert_eq!(byline.len(), 1);
        assert_eq!(
            byline[0].evidence,
            "byline line far above the article's first paragraph"
        );
        assert_eq!(byline[0].field.as_deref(), Some("authors"));
        // A bare date that far up is not taken out of the text; with no other date, it is
        // read as the article's where it stands.
        lines[2] = "12. März 2020";
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert!(removed(&d, DATE_RULE).is_empty());
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-near-body (line 3)"
        );
    }

    #[test]
    fn a_date_under_a_headlines_standfirst_is_the_articles() {
        let head = [
            "Brücke über den Fluss wird erneuert",
            PARAGRAPHS[0],
            "12. März 2020",
        ];
        let mut lines = vec!["Startseite", "Politik", "Login"];
        lines.extend(head);
        lines.extend(&PARAGRAPHS[1..]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        assert_eq!(removed(&d, DATE_RULE), ["12. März 2020"]);
        let date = d.removals.iter().find(|r| r.rule == DATE_RULE);
        assert!(date.is_some_and(|r| r.evidence.contains("under the article's first paragraph")));
        // Between two paragraphs of the text, without a headline, a date may be the text's
        // own: it stays, and with no other date it is read as the article's.
        let mut d = doc(&[PARAGRAPHS[0], "12. März 2020", PARAGRAPHS[1], PARAGRAPHS[2]]);
        run_de(&mut d, Settings::default());
        assert!(d.removals.is_empty());
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
    }

    #[test]
    fn no_date_near_the_body_is_read_past_a_tail_marker() {
        // A reader's comment under a comments header that a rule removed is dated too: its
        // stamp is the comment's, not the article's.
        let lines = [
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            "KOMMENTARE",
            "23.09.2020 | 18:19 Rezeptsammlerin",
            "Ich schneide meine Tomaten schon lange so.",
        ];
        let marked = || {
            let mut d = doc(&lines);
            d.remove(
                3,
                3,
                "rules",
                "comments.header.de",
                "a comments header",
                None,
            );
            d.tail_marker = Some(3);
            d
        };
        let mut d = marked();
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published, None);
        // Without the marker the stamp beside the body is read, as before.
        let mut d = marked();
        d.tail_marker = None;
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2020-09-23T18:19:00"));
    }

    #[test]
    fn a_date_left_in_the_body_is_the_nearest_to_it_and_only_when_none_was_taken() {
        let body = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]];
        // The nearest of two date lines, none of them the header's, is read; both stay.
        let lines = [
            body[0],
            body[1],
            "12. März 2020",
            body[2],
            "Teilen",
            "Drucken",
            "1. Januar 2019",
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-near-body (line 3)"
        );
        assert!(d.removals.is_empty());
        // More than NEAR_BODY_LINES open lines above the body, a line of only a date is read
        // when nothing else gave a date, as a last resort, and stays; one labelled "updated"
        // or an event's, or a date among other words, is not.
        let menu = vec!["Menüpunkt"; NEAR_BODY_LINES + 1];
        let far_above = |date: &'static str| {
            let mut far = vec!["Startseite", date];
            far.extend(&menu);
            far.extend(body);
            let mut d = doc(&far);
            run_de(&mut d, Settings::default());
            d
        };
        let d = far_above("12. März 2020");
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-above-body (line 2)"
        );
        assert!(d.removals.is_empty());
        for other in [
            "Aktualisiert: 12. März 2020",
            "Termin: 12. März 2020",
            "Stadtfest am 12. März 2020 mit Musik",
        ] {
            assert_eq!(far_above(other).meta.published, None, "{other}");
        }
        // Beyond DATE_ONLY_ABOVE_BODY_LINES it is not read either.
        let mut further = vec!["Startseite", "12. März 2020"];
        let long_menu = vec!["Menüpunkt"; DATE_ONLY_ABOVE_BODY_LINES + 1];
        further.extend(&long_menu);
        further.extend(body);
        let mut d = doc(&further);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published, None);
        // Any other reader's date comes first: a date line under the body.
        let mut below = vec!["Startseite", "12. März 2020"];
        below.extend(&menu);
        below.extend([body[0], "3. Februar 2021", body[1], body[2]]);
        let mut d = doc(&below);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2021-02-03"));
        // A date the header took from the top of the article is kept over it.
        let mut top = vec!["Brücke wird erneuert", "3. Februar 2021", body[0]];
        top.extend(["12. März 2020", body[1], body[2]]);
        let mut d = doc(&top);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2021-02-03"));
        assert_eq!(removed(&d, DATE_RULE), ["3. Februar 2021"]);
    }

    fn iso(date: &str) -> Option<Value> {
        Some(Value::Text(date.to_string()))
    }

    #[test]
    fn a_short_line_holding_a_date_dates_the_article_when_it_is_near_the_body() {
        let de = Some("de");
        for (line, date) in [
            ("21.01.2022 Aktuelle Meldung", "2022-01-21"),
            ("Mittwoch, 01. November 2023 - Handel", "2023-11-01"),
            // A date after a name or a label, in a short line.
            (
                "Bettina Kugler 19.10.2019, 05:00 Uhr",
                "2019-10-19T05:00:00",
            ),
            (
                "Von Thilo / 6. November 2023 / Keine Kommentare",
                "2023-11-06",
            ),
            ("Aktuelle Meldung vom 21.01.2022", "2022-01-21"),
        ] {
            assert_eq!(dated_line(line, de, 5), iso(date), "{line}");
        }
        // Look-alikes: an "updated" label before the date, an embedded post's signature, an
        // event's or a deadline's date, a date glued to a word.
        for (line, language) in [
            ("Article mis à jour le 7 janvier 2020.", Some("fr")),
            ("zuletzt bearbeitet: 04.02.2022, 08:27 Uhr", de),
            ("— Hertha BSC (@HerthaBSC) June 1, 2017", Some("en")),
            ("Termin: Montag, 15. November 2021 um 10.30 Uhr", de),
            ("Einsendeschluss: 03.11.2019 (Poststempel)", de),
            ("Die wichtigsten Ticketpreise ab 01.01.2024", de),
            ("barabas16.10.2019 08:49", de),
        ] {
            assert_eq!(dated_line(line, language, 1), None, "{line}");
        }
        // A long line: only one that opens with a date, and only next to the body's first
        // paragraph.
        let opening = format!("21.01.2022 {}", PARAGRAPHS[0]);
        assert_eq!(
            dated_line(&opening, de, OPENING_DATE_LINES),
            iso("2022-01-21")
        );
        assert_eq!(dated_line(&opening, de, OPENING_DATE_LINES + 1), None);
        let inside = format!("{} 21.01.2022", PARAGRAPHS[0]);
        assert_eq!(dated_line(&inside, de, 0), None);

        let body = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]];
        let lines = [body[0], "21.01.2022 Aktuelle Meldung", body[1], body[2]];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2022-01-21"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-near-body (line 2)"
        );
        assert!(d.removals.is_empty());
        // Further from the body than LEADING_DATE_LINES, such a line is not read.
        let mut far = vec!["21.01.2022 Aktuelle Meldung"];
        let menu = vec!["Menüpunkt"; LEADING_DATE_LINES];
        far.extend(&menu);
        far.extend(body);
        let mut d = doc(&far);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published, None);
    }

    #[test]
    fn a_paragraph_opening_with_a_date_next_to_the_body_dates_the_article() {
        let first = format!("01.02.2022 „{}", PARAGRAPHS[0]);
        let lines = [
            "Arbeitsmarkt im Januar",
            first.as_str(),
            PARAGRAPHS[1],
            PARAGRAPHS[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2022-02-01"));
        // The paragraph stays in the body.
        assert!(d.removals.iter().all(|r| r.text != first));
    }

    #[test]
    fn a_byline_left_in_the_body_names_the_authors_only_when_none_was_taken() {
        let body = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]];
        let lines = [
            body[0],
            body[1],
            "Teilen",
            "Drucken",
            "Von Anna Berg",
            body[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-near-body (line 5)"
        );
        assert!(d.removals.is_empty());
        // A byline's date does not date the article from there.
        let lines = [
            body[0],
            body[1],
            "Teilen",
            "Von Anna Berg | 12.03.2020",
            body[2],
        ];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(d.meta.published, None);
        // The byline at the top is the article's.
        let mut top = vec!["Brücke wird erneuert", "Von Carl Nowak", body[0]];
        top.extend(["Von Anna Berg", body[1], body[2]]);
        let mut d = doc(&top);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Carl Nowak"]);
        assert_eq!(removed(&d, BYLINE_RULE), ["Von Carl Nowak"]);
    }

    #[test]
    fn a_byline_names_the_authors_from_further_above_the_body_than_a_date() {
        // A byline, a teaser's paragraph and menus, then the body: the byline stands 29
        // open lines above the body's first paragraph, further than a date line may.
        let page = |menus: usize| {
            let mut lines = vec!["Startseite", "Von Anna Berg", "12. März 2020"];
            lines.extend(vec!["Menüpunkt"; 8]);
            lines.push(
                "Im Nachbarort wird der Marktplatz neu gestaltet, und die Bäume am Rand des \
                 Platzes sollen dabei erhalten bleiben, wie die Gemeinde mitteilte.",
            );
            lines.extend(vec!["Menüpunkt"; menus]);
            lines.extend([PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]]);
            lines
        };
        let mut d = doc(&page(19));
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-near-body (line 2)"
        );
        // The date under it, too far up for a date near the body, dates the article only
        // as the last resort, when no reader gave a date.
        assert_eq!(
            d.meta.sources["published"],
            "header.date-above-body (line 3)"
        );
        // Further than BYLINE_ABOVE_BODY_LINES, it is not read.
        let mut d = doc(&page(BYLINE_ABOVE_BODY_LINES));
        run_de(&mut d, Settings::default());
        assert!(d.meta.authors.is_empty());
    }

    /// `doc` of `lines` as a page dump: an empty line after each.
    fn dump_doc(lines: &[&str]) -> Document {
        let spaced: Vec<&str> = lines.iter().flat_map(|line| [*line, ""]).collect();
        doc(&spaced)
    }

    /// The authors the header reads from a page dump of `lines` over `PARAGRAPHS`, its
    /// title set to `title` (as a page's metadata would).
    fn authors_over_paragraphs(lines: &[&str], title: Option<&str>) -> Vec<String> {
        let mut d = dump_doc(&[lines, &PARAGRAPHS[..]].concat());
        d.meta.title = title.map(str::to_string);
        run_de(&mut d, Settings::default());
        d.meta.authors
    }

    #[test]
    fn a_name_alone_over_a_dumps_body_names_the_author() {
        let page = |name: &'static str, between: usize| {
            let mut lines = vec![
                "Startseite",
                "Die Brücke über den Fluss wird erneuert",
                name,
            ];
            lines.extend(vec!["Teilen"; between]);
            lines.extend(PARAGRAPHS);
            lines
        };
        let mut d = dump_doc(&page("Christian Mihatsch", 0));
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Christian Mihatsch"]);
        assert_eq!(d.meta.sources["authors"], "header.name-near-body (line 5)");
        // The line stays in the body: nothing says it is a byline but where it stands.
        assert!(d.removals.iter().all(|r| r.text != "Christian Mihatsch"));
        for name in ["Boris T. Kaiser", "Christoph von Eichhorn", "Dr. Tim Loppe"] {
            let mut d = dump_doc(&page(name, 2));
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.authors, [name]);
        }
        // Under the standfirst, the body's first paragraph, too.
        let lines = [
            "Die Brücke über den Fluss wird erneuert",
            PARAGRAPHS[0],
            "Christian Mihatsch",
            PARAGRAPHS[1],
            PARAGRAPHS[2],
        ];
        let mut d = dump_doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Christian Mihatsch"]);
        // Look-alikes: a heading of capitalised words, a name further up than
        // BARE_NAME_LINES.
        for (name, between) in [
            ("Rail Replacement", 0),
            ("Martin Rütter Trainingssnack", 0),
            ("Christian Mihatsch", BARE_NAME_LINES),
        ] {
            let mut d = dump_doc(&page(name, between));
            run_de(&mut d, Settings::default());
            assert!(d.meta.authors.is_empty(), "{name}");
        }
        // A menu's item shaped as a name ("Green" is a given name too).
        let menu = [
            "Energieforschung",
            "Energiewende",
            "Green Economy",
            "Wasserstoffstrategie",
        ];
        assert!(authors_over_paragraphs(&menu, None).is_empty());
    }

    #[test]
    fn a_name_alone_is_no_author_where_the_title_or_a_list_holds_it() {
        // An interview or a portrait puts the person it is about over the text.
        let title = "Im Porträt: Laura Naumann";
        assert!(authors_over_paragraphs(&[title, "Laura Naumann"], Some(title)).is_empty());
        // Under a headline that does not name her, she is the author.
        let other = "Im Porträt: eine Sängerin aus Leipzig";
        assert_eq!(
            authors_over_paragraphs(&[other, "Laura Naumann"], Some(other)),
            ["Laura Naumann"]
        );
        // A most-read box: titles and their authors.
        let box_lines = [
            "Meistgelesen",
            "Neue Radwege für die Innenstadt",
            "Sam Biddle",
            "Der Haushalt ist beschlossen",
            "Daniel Boguslaw",
        ];
        assert!(authors_over_paragraphs(&box_lines, None).is_empty());
        // An extractor's output keeps names of the people a text is about.
        let lines = [
            "Christian Mihatsch",
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            PARAGRAPHS[2],
        ];
        let mut d = dump_doc(&lines);
        let settings = Settings {
            extracted: true,
            ..Settings::default()
        };
        run_de(&mut d, settings);
        assert!(d.meta.authors.is_empty());
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert!(d.meta.authors.is_empty(), "one paragraph per line");
    }

    #[test]
    fn names_then_a_date_right_by_the_body_name_the_authors() {
        let body = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]];
        let signed = "Bettina Kugler 19.10.2019, 05:00 Uhr";
        let lines = [body[0], signed, body[1], body[2]];
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Bettina Kugler"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-near-body (line 2)"
        );
        assert_eq!(d.meta.published.as_deref(), Some("2019-10-19T05:00:00"));
        assert!(d.removals.is_empty());
        // Up to SIGNED_NAMES_LINES open lines from the body's first paragraph, and no
        // further: there such a line is as often a comment's signature or a section's name
        // over a date.
        let at = |distance: usize| {
            let mut lines = body.to_vec();
            lines.extend(vec!["Menüpunkt"; distance - body.len()]);
            lines.push(signed);
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            d.meta.authors
        };
        assert_eq!(at(SIGNED_NAMES_LINES), ["Bettina Kugler"]);
        assert!(at(SIGNED_NAMES_LINES + 1).is_empty());
    }

    #[test]
    fn a_stamp_near_the_body_names_the_authors() {
        let body = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2]];
        let stamp = "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar";
        let read = |lines: &[&str]| {
            let mut d = doc(lines);
            run_de(&mut d, Settings::default());
            assert!(d.removals.is_empty(), "the stamp stays in the text");
            (d.meta.authors, d.meta.sources.get("authors").cloned())
        };
        let mut lines = vec!["Menüpunkt", stamp, "Menüpunkt"];
        lines.extend(body);
        let (authors, source) = read(&lines);
        assert_eq!(authors, ["Ulrike Stockhausen"]);
        assert_eq!(source.as_deref(), Some("header.byline-near-body (line 2)"));
        // Its date dates the article.
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2019-09-26"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-near-body (line 2)"
        );
        // Up to STAMP_LINES open lines above the body's first paragraph.
        let above = |distance: usize| {
            let mut lines = vec![stamp];
            lines.extend(vec!["Menüpunkt"; distance - 1]);
            lines.extend(body);
            read(&lines).0
        };
        assert_eq!(above(STAMP_LINES), ["Ulrike Stockhausen"]);
        assert!(above(STAMP_LINES + 1).is_empty());
        // Under it up to SIGNED_NAMES_LINES: further down a stamp signs a comment.
        let under = |distance: usize| {
            let mut lines = body.to_vec();
            lines.extend(vec!["Menüpunkt"; distance - body.len()]);
            lines.push("geschrieben von berg2012 am 22. Jan. 2015, 12:41");
            read(&lines).0
        };
        assert_eq!(under(SIGNED_NAMES_LINES), ["berg2012"]);
        assert!(under(SIGNED_NAMES_LINES + 1).is_empty());
        // A list of dated entries (a programme) is no stamp.
        let mut lines = vec![
            "Menüpunkt",
            "03.11.2022 - Grandbrothers - Flex",
            "03.11.2022 - Mark Turner - Arena",
            "04.11.2022 - Sam Ryder - Flex",
        ];
        lines.extend(body);
        assert!(read(&lines).0.is_empty());
    }

    #[test]
    fn a_stamp_under_the_title_is_the_articles_however_far_the_body() {
        let stamp = "6. November 2023 Octavius Hallenstein Azad, Bushido, finished, Seitenhieb";
        let mut lines = vec!["Bushido antwortet auf den Seitenhieb von Azad", stamp];
        lines.extend(vec!["Eine Zeile des Zitats"; STAMP_LINES + 2]);
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Octavius Hallenstein"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-under-headline (line 2)"
        );
        assert_eq!(d.meta.published.as_deref(), Some("2023-11-06"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-under-headline (line 2)"
        );
        assert!(
            !d.removals.iter().any(|r| r.start_line == 2),
            "the stamp stays"
        );
        // Under no title the stamp is read beside the body only, and here it is too far.
        lines.remove(0);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert!(d.meta.authors.is_empty());
    }

    #[test]
    fn a_byline_under_the_body_signs_it() {
        // A body longer than NEAR_BODY_LINES, whose first paragraph is far above.
        let body = PARAGRAPHS.repeat(8);
        let read = |under: &[&str], settings: Settings| {
            let mut lines = vec!["Menüpunkt"];
            lines.extend(&body);
            lines.extend(under);
            let mut d = dump_doc(&lines);
            run_de(&mut d, settings);
            (d.meta.authors, d.meta.sources.get("authors").cloned())
        };
        let signature = "Text: Klausmartin Friedrich";
        let (authors, source) = read(&["Weitere Bilder", signature], Settings::default());
        assert_eq!(authors, ["Klausmartin Friedrich"]);
        assert_eq!(
            source.as_deref(),
            Some("header.byline-after-body (line 53)")
        );
        // Up to AFTER_BODY_LINES open lines under the last paragraph, and no further.
        let mut far = vec!["Menüpunkt"; AFTER_BODY_LINES];
        far.push(signature);
        assert!(read(&far, Settings::default()).0.is_empty());
        // Not on an extractor's output: under its text a byline is as often a box's.
        let extracted = Settings {
            extracted: true,
            ..Settings::default()
        };
        assert!(read(&["Weitere Bilder", signature], extracted).0.is_empty());
        // Nor on one recognised as such: one paragraph a line.
        let mut lines = vec!["Menüpunkt"];
        lines.extend(&body);
        lines.extend(["Weitere Bilder", signature]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert!(d.meta.authors.is_empty());
    }

    #[test]
    fn the_byline_of_an_article_without_a_body_after_the_main_one_is_its() {
        // The segmenter read a caption as a headline and started an article at it (the
        // header takes it for the next article's title).
        let lines = [
            PARAGRAPHS[0],
            PARAGRAPHS[1],
            PARAGRAPHS[2],
            "Symbolgrafik: © Butch - stock.adobe.com",
            "Autor: Sebastian Einbock",
            "Kommentar schreiben",
        ];
        // The lines as a page dump (an empty line after each) or one paragraph a line (an
        // extractor's output), the first three the main article.
        let read = |lines: &[&str], dump: bool, settings: Settings| {
            let mut d = if dump { dump_doc(lines) } else { doc(lines) };
            let main_end = if dump { 6 } else { 3 };
            d.articles = vec![
                Article {
                    index: 1,
                    start_line: 1,
                    end_line: main_end,
                    ..Article::default()
                },
                Article {
                    index: 2,
                    start_line: main_end + 1,
                    end_line: d.lines.len(),
                    ..Article::default()
                },
            ];
            run_de(&mut d, settings);
            assert_eq!(d.main_article, Some(0));
            (d.meta.authors, d.meta.sources.get("authors").cloned())
        };
        let (authors, source) = read(&lines, true, Settings::default());
        assert_eq!(authors, ["Sebastian Einbock"]);
        assert_eq!(source.as_deref(), Some("header.byline-after-body (line 9)"));
        // An article with a body of its own under its byline is another article.
        let mut longer = lines.to_vec();
        longer.extend([PARAGRAPHS[0], PARAGRAPHS[1]]);
        assert!(read(&longer, true, Settings::default()).0.is_empty());
        // Not on an extractor's output, told or recognised.
        let extracted = Settings {
            extracted: true,
            ..Settings::default()
        };
        assert!(read(&lines, true, extracted).0.is_empty());
        assert!(read(&lines, false, Settings::default()).0.is_empty());
    }

    /// A signed line right above the body is taken for its date, and its names are read
    /// beside the body as any signed line's there; further up only the date is taken.
    #[test]
    fn a_signed_date_line_taken_above_the_body_names_the_authors() {
        let signed = "Bettina Kugler 19.10.2019, 05:00 Uhr";
        let mut lines = vec!["Die Brücke über den Fluss wird erneuert", signed];
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2019-10-19T05:00:00"));
        let dated: Vec<(usize, &str)> = d
            .removals
            .iter()
            .map(|r| (r.start_line, r.rule.as_str()))
            .collect();
        assert!(dated.contains(&(2, DATE_RULE)), "{dated:?}");
        assert_eq!(d.meta.authors, ["Bettina Kugler"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-near-body (line 2)"
        );
        // A section's name over a day's date names nobody, nor a date line with no names.
        for (dated, published) in [
            ("Ehrenamt Jugendverbände 23.01.2020", "2020-01-23"),
            ("19.10.2019, 05:00 Uhr", "2019-10-19T05:00:00"),
        ] {
            let mut lines = vec!["Die Brücke über den Fluss wird erneuert", dated];
            lines.extend(PARAGRAPHS);
            let mut d = doc(&lines);
            run_de(&mut d, Settings::default());
            assert_eq!(d.meta.published.as_deref(), Some(published), "{dated}");
            assert!(d.meta.authors.is_empty(), "{dated}");
        }
    }

    #[test]
    fn a_title_line_loses_the_sites_name_by_the_url_host() {
        let title =
            "Brücke über den Fluss wird erneuert | stadtanzeiger.de | Ihre Zeitung für die Region";
        let mut lines = vec![title];
        lines.extend(PARAGRAPHS);
        let url = "https://www.stadtanzeiger.de/lokales/bruecke";
        let mut d = doc(&lines);
        run_de(
            &mut d,
            Settings {
                url: Some(url),
                ..Settings::default()
            },
        );
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Brücke über den Fluss wird erneuert")
        );
        // The document's own URL comes first; without any, only the shape tells.
        let mut d = doc(&lines);
        d.meta.url = Some(url.to_string());
        run_de(&mut d, Settings::default());
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Brücke über den Fluss wird erneuert")
        );
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Brücke über den Fluss wird erneuert | stadtanzeiger.de")
        );
        // A URL that cannot be split is the document's error.
        let mut d = doc(&lines);
        let bad = Settings {
            url: Some("http://[::1/"),
            ..Settings::default()
        };
        assert!(run(&mut d, &bad).is_err());
    }

    #[test]
    fn the_documents_metadata_is_its_main_articles() {
        let page = [
            "Brücke über den Fluss wird erneuert | Stadtanzeiger",
            "Wir verwenden Cookies, damit Sie unsere Website bestmöglich nutzen können.",
            "Startseite",
            "Politik",
        ];
        let head = [
            "Brücke über den Fluss wird erneuert",
            "Von Anna Berg | 12.03.2020",
        ];
        let mut lines: Vec<&str> = page.to_vec();
        lines.extend(head);
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        d.articles = vec![
            Article {
                index: 1,
                start_line: 1,
                end_line: 4,
                ..Article::default()
            },
            Article {
                index: 2,
                start_line: 5,
                end_line: lines.len(),
                ..Article::default()
            },
        ];
        run_de(&mut d, Settings::default());
        assert_eq!(d.main_article, Some(1));
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        assert_eq!(
            d.meta.title.as_deref(),
            Some("Brücke über den Fluss wird erneuert")
        );
        assert_eq!(d.meta.sources["title"], "header.title (line 5)");
        assert_eq!(d.articles[1].meta, d.meta);
        assert_eq!(d.articles[0].meta.authors, Vec::<String>::new());
    }

    /// A page title that reads as a paragraph (a long question) starts the longest run of
    /// paragraphs above the article its headline and byline open: that article, which holds
    /// the run's second paragraph, is the main one. With two paragraphs of the run above
    /// it, the first article stays the main one.
    /// A page dump whose headline repeats its title, with the lines `under` it, then lines
    /// far enough from the body's first paragraph that `near_body` does not read them.
    fn under_headline_far_from_body(under: &[&'static str]) -> Vec<&'static str> {
        let mut lines = vec![
            "Brücke über den Fluss wird erneuert | Stadtanzeiger",
            "Startseite",
            "Politik",
            "Brücke über den Fluss wird erneuert",
        ];
        lines.extend(under);
        lines.extend(std::iter::repeat_n(
            "Tabelle anzeigen",
            NEAR_BODY_LINES.max(BYLINE_ABOVE_BODY_LINES) + 1,
        ));
        lines.extend(PARAGRAPHS);
        lines
    }

    #[test]
    fn a_byline_and_date_under_the_headline_over_the_body_are_read() {
        let page = under_headline_far_from_body;
        let lines = page(&["Veröffentlicht: 24. Oktober 2022", "Posted by Anna Berg"]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.published.as_deref(), Some("2022-10-24"));
        assert_eq!(
            d.meta.sources["published"],
            "header.date-under-headline (line 5)"
        );
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.byline-under-headline (line 6)"
        );
        // The lines stay where they are; only the headline goes.
        let gone: Vec<usize> = d.removals.iter().map(|r| r.start_line).collect();
        assert_eq!(gone, [1, 4]);
        // Further than UNDER_HEADLINE_LINES open lines under the headline, not read there;
        // the date line then dates the article only as the last resort.
        let mut under = vec!["Teilen"; UNDER_HEADLINE_LINES];
        under.push("Veröffentlicht: 24. Oktober 2022");
        let mut d = doc(&page(&under));
        run_de(&mut d, Settings::default());
        assert!(d.meta.sources["published"].starts_with("header.date-above-body"));
    }

    #[test]
    fn a_name_alone_under_the_headline_over_the_body_names_the_authors() {
        let page = under_headline_far_from_body;
        let lines = page(&["Anna Berg", "Veröffentlicht: 24. Oktober 2022"]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(
            d.meta.sources["authors"],
            "header.name-under-headline (line 5)"
        );
        assert_eq!(
            d.meta.sources["published"],
            "header.date-under-headline (line 6)"
        );
        // A byline there names them first.
        let lines = page(&["Anna Berg", "Posted by Lisa Borch"]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(d.meta.authors, ["Lisa Borch"]);
        // A list of names (a team, a most-read box's authors) names nobody.
        let lines = page(&["Anna Berg", "Lisa Borch"]);
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert!(d.meta.authors.is_empty());
        // Nor a name the title holds: the article is about that person.
        let mut lines = page(&["Anna Berg"]);
        lines[0] = "Anna Berg baut die Brücke über den Fluss | Stadtanzeiger";
        lines[3] = "Anna Berg baut die Brücke über den Fluss";
        let mut d = doc(&lines);
        run_de(&mut d, Settings::default());
        assert_eq!(removed(&d, TITLE_RULE), [lines[0], lines[3]]);
        assert!(d.meta.authors.is_empty());
    }

    #[test]
    fn a_page_title_read_as_a_paragraph_does_not_make_its_article_the_main_one() {
        let question = "Wie wird aus einer Brücke über den Fluss eigentlich ein Denkmal der Stadt?";
        let head = [question, "Von Anna Berg | 12.03.2020"];
        let articles = |above: usize, total: usize| {
            vec![
                Article {
                    index: 1,
                    start_line: 1,
                    end_line: above,
                    ..Article::default()
                },
                Article {
                    index: 2,
                    start_line: above + 1,
                    end_line: total,
                    ..Article::default()
                },
            ]
        };
        let mut lines = vec![question, "Newsletter"];
        lines.extend(head);
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        d.articles = articles(2, lines.len());
        run_de(&mut d, Settings::default());
        assert_eq!(d.main_article, Some(1));
        assert_eq!(d.meta.authors, ["Anna Berg"]);
        assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
        // Two paragraphs of the run in the first article: it stays the main one.
        let mut lines = vec![question, PARAGRAPHS[0]];
        lines.extend(head);
        lines.extend(PARAGRAPHS);
        let mut d = doc(&lines);
        d.articles = articles(2, lines.len());
        run_de(&mut d, Settings::default());
        assert_eq!(d.main_article, Some(0));
    }
}
