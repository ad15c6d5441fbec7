//! Lines no rule decided: a jusText-style scorer on text alone, smoothed over neighbours.
//!
//! Each open line gets a class from its own shape (jusText's scheme, Pomikálek 2011): `bad`
//! for link or menu material and for long lines with few stopwords, `short` below a length
//! threshold, `good` for long lines dense in the language's stopwords, `near` for the
//! in-between. Context then decides the undecided: a short line between good lines is good (a
//! subheading, a one-line paragraph), one among bad lines is bad (a menu item, a related
//! headline); a `near` line next to good text is good. Document edges count as bad, which is
//! what catches headers and footers.
//!
//! Text that already reads as an article (few menu-sized lines, or nearly all of it prose) is
//! left alone: there the scorer would mostly remove list items, table rows and code, and
//! removing a sentence of the article is worse than leaving residue. A run of more than
//! `MAX_SHORT_RUN` menu-sized short lines (a menu, a link list, a share bar) is bad whatever
//! surrounds it. A long line with some stopwords is never bad on its own: long lines of page
//! furniture are rare, long lines of recipes, specifications and lists are not. A recipe's
//! ingredient list (`recipes`) is kept: short lines without stopwords, like a menu, but most
//! of them start with an amount.
//!
//! A document without a stoplist for its language, or with almost no stopwords at all, is
//! left alone: the scorer would know nothing about it.
//!
//! Text that an extractor already produced is left alone too: the HTML input's extract stage;
//! text the user says is an extractor's output (`extracted`), since some extractor outputs
//! keep a page's menus or data sheets and look like dumps; text with one paragraph per line
//! and hardly a blank line (page dumps separate their blocks by blank lines); text whose
//! article starts at once (at most `EXTRACTED_LEAD` bare menu-sized lines before the first
//! sentence) with no run of more than `EXTRACTED_RUN` such lines, and few of them. What is
//! short there is a heading, a list item, a table row or a caption, not a menu, and what
//! furniture remains is the rules' to remove. List items and table rows count as structure,
//! not as menu lines, since extractors keep them marked.

use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::document::{Document, Line};
use crate::language::{self, Stoplist};
use crate::recipes;
use crate::textshape;

const LENGTH_LOW: usize = 70;
const LENGTH_HIGH: usize = 150;
const STOP_LOW: f64 = 0.25;
const STOP_HIGH: f64 = 0.30;
const PROSE_STOP: f64 = 0.2;
const PROSE_CHARS: usize = 30;
const MIN_PROSE_WORDS: usize = 5;
const LONG_STOP: f64 = 0.1;
const MAX_LINK_SHARE: f64 = 0.3;
const MIN_DOC_STOP_DENSITY: f64 = 0.08;
const CLEAN_PROSE_SHARE: f64 = 0.85;
const CLEAN_TINY_SHARE: f64 = 0.3;
const MENU_TINY_SHARE: f64 = 0.5;
const TINY_WORDS: usize = 3;
const HEADING_REACH: usize = 2;
const MAX_SHORT_RUN: usize = 2;
const EXTRACTED_LEAD: usize = 1;
const EXTRACTED_RUN: usize = 4;
const EXTRACTED_BARE_SHARE: f64 = 0.4;
const MAX_BLANK_SHARE: f64 = 0.02;

/// Link and menu material: web and mail addresses, separators, hashtags, file or site names.
static LINK_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)https?://\S+|www\.\S+|\S+@\S+\.\w+|[|»›•·>«‹]|#\w+|\S+\.(?:com|de|org|net|html?)\b",
    )
    .expect("valid pattern")
});
/// `LINK_TOKEN` with an ASCII word boundary after the site endings. The regex crate's fast
/// (DFA) search gives up on a Unicode word boundary as soon as the line has a non-ASCII
/// character, and the slower engines it falls back to took most of the scorer's time. The two
/// patterns differ only where the boundary is tested, right after an ASCII ending, and there
/// only when the next character is a non-ASCII letter or digit: `link_tokens` uses this
/// pattern only on lines where no ending stands before a non-ASCII character.
static LINK_TOKEN_ASCII_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)https?://\S+|www\.\S+|\S+@\S+\.\w+|[|»›•·>«‹]|#\w+|\S+\.(?:com|de|org|net|html?)(?-u:\b)",
    )
    .expect("valid pattern")
});
/// The site endings of `LINK_TOKEN`, with their dot, lower case.
const SITE_ENDINGS: [&[u8]; 6] = [b".com", b".de", b".org", b".net", b".htm", b".html"];
static WORDISH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\S+").expect("valid pattern"));
static TABLE_ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\s*\|.*\|\s*)$").expect("valid pattern"));
static STRUCTURED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-–•·・*▪►]\s|\d{1,3}[.)]\s|\|.*\|\s*$)").expect("valid pattern")
});

/// Whether `text` is marked as a list item or a table row (`STRUCTURED`): what extractors
/// keep marked, and what is structure of the article rather than a menu line.
pub fn structured(text: &str) -> bool {
    STRUCTURED.is_match(text)
}

pub const BOILERPLATE_RULE: &str = "classify.boilerplate";
pub const SHORT_RULE: &str = "classify.short-isolated";
pub const NEAR_RULE: &str = "classify.near-isolated";

/// A line's class, on its own or in context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Good,
    Bad,
    Short,
    Near,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Good => "good",
            Class::Bad => "bad",
            Class::Short => "short",
            Class::Near => "near",
        }
    }
}

/// One open line and what the scorer made of it on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub number: usize,
    pub chars: usize,
    pub stop_density: f64,
    pub link_share: f64,
    pub words: usize,
    pub prose: bool,
    pub initial: Class,
}

/// Whether a site ending of `LINK_TOKEN` (".com", ".de", ...; any case) stands directly before
/// a non-ASCII character: the only place where a Unicode and an ASCII word boundary after it
/// can disagree.
fn ending_before_non_ascii(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(at, &byte)| {
        // A byte of 0xC0 or more starts a non-ASCII character.
        byte >= 0xC0
            && SITE_ENDINGS.iter().any(|ending| {
                at >= ending.len() && bytes[at - ending.len()..at].eq_ignore_ascii_case(ending)
            })
    })
}

/// How many `LINK_TOKEN` matches `text` has, found by the DFA-friendly pattern wherever it
/// gives the same matches.
fn link_tokens(text: &str) -> usize {
    let pattern = if ending_before_non_ascii(text) {
        &LINK_TOKEN
    } else {
        &LINK_TOKEN_ASCII_END
    };
    pattern.find_iter(text).count()
}

/// A line's features and its context-free class, from its counts of word tokens and of
/// those in the stoplist.
pub fn score_line(line: &Line, words: usize, stops: usize) -> Unit {
    let text = textshape::strip(&line.text);
    let density = if words > 0 {
        stops as f64 / words as f64
    } else {
        0.0
    };
    let link_text = if text.starts_with('|') {
        text.trim_matches(|c| c == '|' || c == ' ')
    } else {
        text
    };
    let links = link_tokens(link_text);
    let link_share = if links > 0 {
        links as f64 / WORDISH.find_iter(text).count() as f64
    } else {
        0.0
    };
    let chars = text.chars().count();
    let prose = words >= MIN_PROSE_WORDS && density >= PROSE_STOP && textshape::ends_sentence(text);
    let initial = if link_share > MAX_LINK_SHARE {
        Class::Bad
    } else if density >= STOP_HIGH && (chars >= LENGTH_HIGH || (prose && chars >= LENGTH_LOW)) {
        Class::Good
    } else if (density >= STOP_LOW && chars >= LENGTH_LOW) || (prose && chars >= PROSE_CHARS) {
        Class::Near
    } else if chars < LENGTH_LOW {
        Class::Short
    } else if chars >= LENGTH_HIGH && density >= LONG_STOP {
        Class::Near
    } else {
        Class::Bad
    };
    Unit {
        number: line.number,
        chars,
        stop_density: density,
        link_share,
        words,
        prose,
        initial,
    }
}

/// The units the block scorer found for a document's lines with one stoplist, kept on the
/// document (`Document::scored_lines`) by the first stage that scores them (structure), so
/// that the next (classify) reads them instead of scoring every line again. A line's unit
/// depends on nothing but its text, which no stage edits, and the stoplist, which is kept
/// (shared, not copied) to be compared: the same list at once, another one word by word.
#[derive(Debug, Clone, Default)]
pub struct ScoredLines {
    stoplist: Arc<Stoplist>,
    /// By line index; `None` for lines that were not open when they were scored.
    units: Vec<Option<Unit>>,
}

fn unit_of(line: &Line, stoplist: &Stoplist) -> Unit {
    let (words, stops) = language::counts(&line.text, stoplist);
    score_line(line, words, stops)
}

/// The units of the document's open lines, in order; those the document keeps for this
/// stoplist are read, not scored again.
pub fn open_units(doc: &Document, stoplist: &Arc<Stoplist>) -> Vec<Unit> {
    let kept = doc.scored_lines.get().filter(|kept| {
        kept.units.len() == doc.lines.len()
            && (Arc::ptr_eq(&kept.stoplist, stoplist) || kept.stoplist == *stoplist)
    });
    doc.open_lines(1, None)
        .into_iter()
        .map(|line| {
            kept.and_then(|kept| kept.units[line.number - 1].clone())
                .unwrap_or_else(|| unit_of(line, stoplist))
        })
        .collect()
}

/// `open_units`, kept on the document for the stages that score its lines later (when it
/// keeps none yet).
pub fn open_units_kept(doc: &Document, stoplist: &Arc<Stoplist>) -> Vec<Unit> {
    let units = open_units(doc, stoplist);
    if doc.scored_lines.get().is_none() {
        let mut by_line = vec![None; doc.lines.len()];
        for unit in &units {
            by_line[unit.number - 1] = Some(unit.clone());
        }
        // Set just above unless another thread did: either way, what is kept is right.
        let _ = doc.scored_lines.set(ScoredLines {
            stoplist: Arc::clone(stoplist),
            units: by_line,
        });
    }
    units
}

/// For each index, the nearest class before it and the nearest after it that is not in
/// `skip` (bad past the edges).
fn nearest(classes: &[Class], skip: &[Class]) -> (Vec<Class>, Vec<Class>) {
    let mut before = Vec::with_capacity(classes.len());
    let mut last = Class::Bad;
    for &class in classes {
        before.push(last);
        if !skip.contains(&class) {
            last = class;
        }
    }
    let mut after = Vec::with_capacity(classes.len());
    last = Class::Bad;
    for &class in classes.iter().rev() {
        after.push(last);
        if !skip.contains(&class) {
            last = class;
        }
    }
    after.reverse();
    (before, after)
}

/// For each line, the length of the run of menu-sized short lines it belongs to (else 0).
fn menu_runs(units: &[Unit], classes: &[Class]) -> Vec<usize> {
    let mut lengths = vec![0; classes.len()];
    let mut i = 0;
    while i < classes.len() {
        let mut j = i;
        while j < classes.len() && classes[j] == Class::Short && units[j].words <= TINY_WORDS {
            j += 1;
        }
        for length in &mut lengths[i..j] {
            *length = j - i;
        }
        i = j.max(i + 1);
    }
    lengths
}

/// jusText's context-sensitive pass: settle short lines, then near-good lines; the final
/// class of each unit.
pub fn revise(units: &[Unit], doc: &Document) -> Vec<Class> {
    let mut classes: Vec<Class> = units.iter().map(|u| u.initial).collect();
    for i in 0..units.len() {
        if units[i].initial == Class::Short
            && textshape::looks_like_title(&doc.line(units[i].number).text)
        {
            let ahead =
                &classes[(i + 1).min(classes.len())..(i + 1 + HEADING_REACH).min(classes.len())];
            if ahead.contains(&Class::Good) || ahead.contains(&Class::Near) {
                classes[i] = Class::Near;
            }
        }
    }
    let mut settled = classes.clone();
    let runs = menu_runs(units, &classes);
    let (decided_before, decided_after) = nearest(&classes, &[Class::Short, Class::Near]);
    let (other_before, other_after) = nearest(&classes, &[Class::Short]);
    for (i, &class) in classes.iter().enumerate() {
        if class != Class::Short {
            continue;
        }
        if runs[i] > MAX_SHORT_RUN {
            settled[i] = Class::Bad;
            continue;
        }
        let (prev, next) = (decided_before[i], decided_after[i]);
        settled[i] = if prev == Class::Good && next == Class::Good {
            Class::Good
        } else if prev == Class::Bad && next == Class::Bad {
            Class::Bad
        } else if (prev == Class::Bad && other_before[i] == Class::Near)
            || (next == Class::Bad && other_after[i] == Class::Near)
        {
            Class::Good
        } else {
            Class::Bad
        };
    }
    let mut finals = settled.clone();
    let (settled_before, settled_after) = nearest(&settled, &[Class::Near]);
    for (i, &class) in settled.iter().enumerate() {
        if class != Class::Near {
            continue;
        }
        finals[i] = if settled_before[i] == Class::Bad && settled_after[i] == Class::Bad {
            Class::Bad
        } else {
            Class::Good
        };
    }
    finals
}

/// Text that is already an article: few menu-sized lines, or nearly all of it prose and not
/// mostly menu-sized lines. Page dumps are mostly one-to-three-word lines (menus, buttons,
/// link lists); extracted article text has few of them.
pub fn looks_clean(units: &[Unit]) -> bool {
    let tiny = units.iter().filter(|u| u.words <= TINY_WORDS).count() as f64;
    let count = units.len() as f64;
    if tiny < CLEAN_TINY_SHARE * count {
        return true;
    }
    if tiny >= MENU_TINY_SHARE * count {
        return false;
    }
    let prose_chars: usize = units
        .iter()
        .filter(|u| u.prose || u.initial == Class::Good)
        .map(|u| u.chars)
        .sum();
    let chars: usize = units.iter().map(|u| u.chars).sum();
    prose_chars as f64 >= CLEAN_PROSE_SHARE * chars as f64
}

/// Text an extractor produced: the article starts at once and there are no runs of bare
/// menu-sized lines (list items and table rows are not bare).
fn looks_extracted(units: &[Unit], doc: &Document) -> bool {
    let (mut bare, mut run, mut longest) = (0usize, 0usize, 0usize);
    let mut lead: Option<usize> = None;
    for unit in units {
        if lead.is_none() && (unit.prose || unit.initial == Class::Good) {
            lead = Some(bare);
        }
        if unit.words <= TINY_WORDS && !STRUCTURED.is_match(&doc.line(unit.number).text) {
            bare += 1;
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    if lead.unwrap_or(bare) > EXTRACTED_LEAD {
        return false;
    }
    longest <= EXTRACTED_RUN && bare as f64 <= EXTRACTED_BARE_SHARE * units.len() as f64
}

/// Extractor output: one paragraph per line, hardly a blank line between them (one may follow
/// a table). Text dumps of whole pages separate their blocks by blank lines.
fn one_paragraph_per_line(doc: &Document) -> bool {
    let text: Vec<&Line> = doc.lines.iter().filter(|l| !l.blank).collect();
    if text.len() < 2 {
        return false;
    }
    let span = text[text.len() - 1].number - text[0].number + 1;
    (span - text.len()) as f64 <= MAX_BLANK_SHARE * span as f64
}

/// A table row, or a list item longer than a menu entry: what an extractor marked as the
/// article's own structure.
fn kept_as_structure(unit: &Unit, doc: &Document) -> bool {
    let text = &doc.line(unit.number).text;
    TABLE_ROW.is_match(text) || (unit.words > TINY_WORDS && STRUCTURED.is_match(text))
}

fn rule_for(unit: &Unit) -> &'static str {
    match unit.initial {
        Class::Bad => BOILERPLATE_RULE,
        Class::Short => SHORT_RULE,
        _ => NEAR_RULE,
    }
}

fn evidence(unit: &Unit, last: Class) -> String {
    format!(
        "{}->{}: {} chars, stopword density {:.2}, link share {:.2}",
        unit.initial.name(),
        last.name(),
        unit.chars,
        unit.stop_density,
        unit.link_share
    )
}

/// What the stage needs to know of the run: whether the text is an extractor's, the
/// document's stoplist, and which of its rules are switched off.
pub struct Settings<'a> {
    pub extracted: bool,
    pub stoplist: Option<&'a Arc<Stoplist>>,
    pub off: &'a [String],
}

fn count(doc: &mut Document, name: &str) {
    *doc.counters.entry(name.to_string()).or_default() += 1;
}

/// Remove the lines the block scorer judges boilerplate, with their scores as evidence.
pub fn run(doc: &mut Document, settings: &Settings) {
    if settings.extracted {
        count(doc, "classify:extracted-document");
        return;
    }
    let Some(stoplist) = settings.stoplist else {
        return;
    };
    let units = open_units(doc, stoplist);
    if units.is_empty() {
        return;
    }
    let chars: usize = units.iter().map(|u| u.chars).sum();
    let weighted: f64 = units
        .iter()
        .fold(0.0, |total, u| total + u.stop_density * u.chars as f64);
    if weighted < MIN_DOC_STOP_DENSITY * chars as f64 {
        count(doc, "classify:skipped-no-stopwords");
        return;
    }
    if looks_clean(&units) {
        count(doc, "classify:clean-document");
        return;
    }
    if looks_extracted(&units, doc) || one_paragraph_per_line(doc) {
        count(doc, "classify:extracted-document");
        return;
    }
    let texts: Vec<&str> = units
        .iter()
        .map(|u| doc.line(u.number).text.as_str())
        .collect();
    let ingredients = recipes::ingredient_lines(&texts);
    let finals = revise(&units, doc);
    for (index, (unit, &last)) in units.iter().zip(&finals).enumerate() {
        if last != Class::Bad || kept_as_structure(unit, doc) || ingredients.contains(&index) {
            continue;
        }
        let rule = rule_for(unit);
        if settings.off.iter().any(|off| off == rule) {
            continue;
        }
        doc.remove(
            unit.number,
            unit.number,
            "classify",
            rule,
            &evidence(unit, last),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line::new(1, text.to_string())
    }

    #[test]
    fn lines_are_classed_by_shape() {
        let prose = "The council voted seven to two on Monday evening to spend the money on the baths, which closed in 2011.";
        let unit = score_line(&line(prose), 20, 8);
        assert_eq!(unit.initial, Class::Good);
        assert!(unit.prose);
        assert_eq!(score_line(&line(prose), 20, 5).initial, Class::Near);
        assert_eq!(score_line(&line("Home"), 1, 0).initial, Class::Short);
        let links = score_line(&line("Home | News | Sport | Weather"), 4, 0);
        assert_eq!(links.initial, Class::Bad);
        assert!((links.link_share - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(
            score_line(&line(&"word ".repeat(40)), 40, 0).initial,
            Class::Bad
        );
        assert_eq!(
            score_line(&line(&"word the ".repeat(20)), 40, 20).initial,
            Class::Good
        );
    }

    fn spans(pattern: &Regex, text: &str) -> Vec<(usize, usize)> {
        pattern
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Where `link_tokens` takes the ASCII-boundary pattern, it finds the same matches as
    /// the Unicode one.
    fn assert_link_tokens_exact(text: &str) {
        let exact = spans(&LINK_TOKEN, text);
        if !ending_before_non_ascii(text) {
            assert_eq!(spans(&LINK_TOKEN_ASCII_END, text), exact, "{text:?}");
        }
        assert_eq!(link_tokens(text), exact.len(), "{text:?}");
    }

    #[test]
    fn link_tokens_match_the_unicode_pattern() {
        for text in [
            "example.comé",
            "EXAMPLE.COMé and www.x.de",
            "site.de-über",
            "page.htmlß page.htmß",
            "foo.netЖ bar.org日本 baz.com»",
            "x.com\u{212a} y.de\u{17f}",
            "Ünïcode.de möglich.de, straße.com",
            "a.dé b.cöm c.orgé",
            "» Home › News · Sport | Weather",
            "mail@example.comé #tagé www.élan.de",
            "x.com123 x.com_ x.comé1",
        ] {
            assert_link_tokens_exact(text);
        }
        assert!(ending_before_non_ascii("example.COMé"));
        assert!(ending_before_non_ascii("page.html»"));
        assert!(!ending_before_non_ascii("möglich.de straße"));
        // Where the ASCII boundary would differ, the exact pattern is used.
        assert_eq!(spans(&LINK_TOKEN, "example.comé"), []);
        assert_eq!(spans(&LINK_TOKEN_ASCII_END, "example.comé"), [(0, 11)]);
        assert_eq!(link_tokens("example.comé"), 0);
        // Every string of up to four of these pieces.
        let pieces = [
            "x", ".", "com", "De", "html", "é", "Ж", " ", "»", "_", "1", "@", "#", "\u{212a}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for text in &longer {
                assert_link_tokens_exact(text);
            }
            texts = longer;
        }
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) gives the same link tokens through `link_tokens`.
    #[test]
    fn link_tokens_match_on_the_development_dumps() {
        let Some((dumps, texts)) = crate::devdata::dump_texts() else {
            return;
        };
        let mut lines = 0;
        for (_, text) in &texts {
            for line in text.lines() {
                assert_link_tokens_exact(line);
                lines += 1;
            }
        }
        assert!(lines > 0, "no lines in {}", dumps.display());
    }

    #[test]
    fn kept_units_are_those_of_the_open_lines_and_the_same_stoplist() {
        let texts = [
            "The council voted on the money for the baths, which closed in the year 2011.",
            "Home | News | Sport",
            "A short line of the page",
        ];
        let mut doc = Document::new("t", texts.map(String::from));
        let the: Arc<Stoplist> = Arc::new(["the".to_string()].into_iter().collect());
        let fresh = |doc: &Document, stoplist: &Stoplist| -> Vec<Unit> {
            doc.open_lines(1, None)
                .into_iter()
                .map(|line| unit_of(line, stoplist))
                .collect()
        };
        let units = open_units_kept(&doc, &the);
        assert_eq!(units, fresh(&doc, &the));
        assert!(doc.scored_lines.get().is_some());
        // The document shares the stoplist rather than holding a copy of it.
        assert_eq!(Arc::strong_count(&the), 2);
        // An equal list elsewhere is answered from what was kept, as the same list is.
        let copy: Arc<Stoplist> = Arc::new((*the).clone());
        assert_eq!(open_units(&doc, &copy), units);
        doc.remove(2, 2, "rules", "nav.menu", "", None);
        let after = open_units(&doc, &the);
        assert_eq!(after, [units[0].clone(), units[2].clone()]);
        assert_eq!(after, fresh(&doc, &the));
        // Another stoplist is not answered from what was kept for the first.
        let of: Arc<Stoplist> = Arc::new(["of".to_string(), "a".to_string()].into_iter().collect());
        assert_eq!(open_units(&doc, &of), fresh(&doc, &of));
        assert_ne!(open_units(&doc, &of), after);
    }

    #[test]
    fn context_settles_short_lines() {
        let unit = |initial, words| Unit {
            number: 1,
            chars: 10,
            stop_density: 0.0,
            link_share: 0.0,
            words,
            prose: false,
            initial,
        };
        let doc = Document::new("t", ["x".to_string()]);
        let units = [
            unit(Class::Good, 30),
            unit(Class::Short, 5),
            unit(Class::Good, 30),
            unit(Class::Short, 1),
            unit(Class::Short, 1),
            unit(Class::Short, 1),
        ];
        let finals = revise(&units, &doc);
        assert_eq!(
            finals,
            [
                Class::Good,
                Class::Good,
                Class::Good,
                Class::Bad,
                Class::Bad,
                Class::Bad
            ]
        );
    }

    fn walk(classes: &[Class], i: usize, forward: bool, skip: &[Class]) -> Class {
        let found = if forward {
            classes[i + 1..].iter().find(|c| !skip.contains(c))
        } else {
            classes[..i].iter().rev().find(|c| !skip.contains(c))
        };
        found.copied().unwrap_or(Class::Bad)
    }

    #[test]
    fn nearest_classes_are_those_a_walk_from_each_line_finds() {
        let all = [Class::Good, Class::Bad, Class::Short, Class::Near];
        let skips: [&[Class]; 3] = [
            &[Class::Short, Class::Near],
            &[Class::Short],
            &[Class::Near],
        ];
        for length in 0..=6u32 {
            for code in 0..4usize.pow(length) {
                let classes: Vec<Class> =
                    (0..length).map(|k| all[code / 4usize.pow(k) % 4]).collect();
                for skip in skips {
                    let (before, after) = nearest(&classes, skip);
                    for i in 0..classes.len() {
                        assert_eq!(before[i], walk(&classes, i, false, skip));
                        assert_eq!(after[i], walk(&classes, i, true, skip));
                    }
                }
            }
        }
    }

    #[test]
    fn evidence_reads_as_before() {
        let unit = Unit {
            number: 1,
            chars: 12,
            stop_density: 0.125,
            link_share: 1.0 / 3.0,
            words: 8,
            prose: false,
            initial: Class::Short,
        };
        assert_eq!(
            evidence(&unit, Class::Bad),
            "short->bad: 12 chars, stopword density 0.12, link share 0.33"
        );
    }

    #[test]
    fn extracted_text_is_left_alone() {
        let mut doc = Document::new("t", ["Menu", "Home", "News"].map(String::from));
        let stoplist: Arc<Stoplist> = Arc::new(["the".to_string()].into_iter().collect());
        let settings = Settings {
            extracted: true,
            stoplist: Some(&stoplist),
            off: &[],
        };
        run(&mut doc, &settings);
        assert!(doc.removals.is_empty());
        assert_eq!(doc.counters["classify:extracted-document"], 1);
    }
}
