//! Lines no rule decided: the learned line model keeps the article's and removes the rest.
//!
//! The line model (`model::LineModel`, shipped as data and trained by
//! `training/line_model.py`) scores each line from its features (`features::line_features`:
//! its shape, what the earlier stages did with it and around it, where it stands on the page,
//! its block, its coherence with the page's prose), then again with its neighbours' scores;
//! an open line scored below the model's threshold is removed (`classify.model`), with its
//! score and the features that pulled it down as evidence. Two kinds of line stay whatever
//! their score: the article's own structure (a table row, a list item longer than a menu
//! entry) and a recipe's ingredient list (`recipes`: short lines without stopwords, like a
//! menu, but most of them start with an amount). When the model would keep less than
//! `MIN_MODEL_KEPT` of the open text, it removes nothing and the page is flagged
//! (`classify-fallback`): a page emptied by a model is worse than a page with residue.
//! Asked to explain (`Settings::explain`, for `cleaner explain`), the stage also says why
//! each open line it kept stayed: its score and the features that held it up, or, for a
//! line scored under the threshold, its score and what kept it (`Document::kept_evidence`).
//!
//! The block scorer's view of a line (jusText's classes, Pomikálek 2011: `bad` for link or
//! menu material and long lines with few stopwords, `short`, `good` for long lines dense in
//! the language's stopwords, `near` between) is among the features, and the structure stage
//! reads it for the page's prose.
//!
//! A document without a stoplist for its language, or with almost no stopwords at all, is
//! left alone: its features would say little (CJK text has no spaces to count words by).
//!
//! Text that an extractor already produced is left alone too: the HTML input's extract stage;
//! text the user says is an extractor's output (`extracted`), since some extractor outputs
//! keep a page's menus or data sheets and look like dumps; text with one paragraph per line
//! and hardly an empty line (page dumps separate their blocks by empty lines; a line of
//! spaces, what the source's indentation leaves in text taken from a page's elements, is
//! not one); text whose article starts at once (at most `EXTRACTED_LEAD` bare menu-sized
//! lines before the first sentence) with no run of more than `EXTRACTED_RUN` such lines, and
//! few of them. What is short there is a heading, a list item, a table row or a caption, not
//! a menu, and what furniture remains is the rules' to remove. List items and table rows
//! count as structure, not as menu lines, since extractors keep them marked.

use std::sync::{Arc, LazyLock};

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::document::{Document, Line};
use crate::features;
use crate::language::{self, Stoplist};
use crate::model::{self, LineModel, Side, Words};
use crate::recipes;
use crate::repeats::SiteLines;
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
const EXTRACTED_LEAD: usize = 1;
const EXTRACTED_RUN: usize = 4;
const EXTRACTED_BARE_SHARE: f64 = 0.4;

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
/// A piece every `LINK_TOKEN` match holds (ASCII letters in any case: none of these has
/// a non-ASCII case form): a line without any has no match, and most lines are such.
static LINK_PIECES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "http", "www.", "@", "#", "|", "»", "›", "•", "·", ">", "«", "‹", ".com", ".de",
            ".org", ".net", ".htm",
        ])
        .expect("valid literals")
});
/// The site endings of `LINK_TOKEN`, with their dot, lower case.
const SITE_ENDINGS: [&[u8]; 6] = [b".com", b".de", b".org", b".net", b".htm", b".html"];
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

pub const MODEL_RULE: &str = "classify.model";
/// The flag of a page whose model result was set aside (`MIN_MODEL_KEPT`).
pub const FALLBACK_FLAG: &str = "classify-fallback";
/// The share of the open lines' characters the model must keep; below it (a page it would
/// mostly empty) its removals are set aside and the page keeps the earlier stages' result,
/// flagged.
const MIN_MODEL_KEPT: f64 = 0.15;
/// How many features a `classify.model` removal names as its evidence.
const EVIDENCE_FEATURES: usize = 3;

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
    /// The hashes of the line's content words (`language::counts_and_content_words`), read
    /// with its stopwords: the line features' topic coherence reads them.
    pub content: Arc<[u64]>,
    /// The line's words lower-cased, joined by one space (`language::lower_words`), read
    /// with its stopwords: the line model's lexicon reads them.
    pub words_text: Arc<str>,
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

/// How many `LINK_TOKEN` matches `text` has: none without one of `LINK_PIECES`, else found
/// by the DFA-friendly pattern wherever it gives the same matches.
fn link_tokens(text: &str) -> usize {
    if !LINK_PIECES.is_match(text) {
        return 0;
    }
    let pattern = if ending_before_non_ascii(text) {
        &LINK_TOKEN
    } else {
        &LINK_TOKEN_ASCII_END
    };
    pattern.find_iter(text).count()
}

/// A line's features and its context-free class, from its counts of word tokens and of
/// those in the stoplist; `content` is its content words' hashes, which the unit keeps.
fn score_line(
    line: &Line,
    words: usize,
    stops: usize,
    content: Arc<[u64]>,
    words_text: Arc<str>,
) -> Unit {
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
        // The runs of `\S+`: the regex crate's `\s` is White_Space, as `char::is_whitespace`.
        links as f64 / text.split_whitespace().count() as f64
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
        content,
        words_text,
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

/// Room for scoring lines one after another: a line's content words and its words, which
/// its unit then keeps in allocations of their exact size.
#[derive(Default)]
struct Scratch {
    content: Vec<u64>,
    words: String,
}

fn unit_of(line: &Line, stoplist: &Stoplist, scratch: &mut Scratch) -> Unit {
    let (words, stops) = language::counts_and_content_words(
        &line.text,
        stoplist,
        &mut scratch.content,
        &mut scratch.words,
    );
    score_line(
        line,
        words,
        stops,
        Arc::from(scratch.content.as_slice()),
        Arc::from(scratch.words.as_str()),
    )
}

/// The units the document keeps for this stoplist, by line index, if it keeps any.
fn kept_units<'d>(doc: &'d Document, stoplist: &Arc<Stoplist>) -> Option<&'d [Option<Unit>]> {
    doc.scored_lines
        .get()
        .filter(|kept| {
            kept.units.len() == doc.lines.len()
                && (Arc::ptr_eq(&kept.stoplist, stoplist) || kept.stoplist == *stoplist)
        })
        .map(|kept| kept.units.as_slice())
}

/// `line`'s unit: the one kept for it (`kept_units`), else scored now.
fn unit_from(
    kept: Option<&[Option<Unit>]>,
    line: &Line,
    stoplist: &Stoplist,
    scratch: &mut Scratch,
) -> Unit {
    kept.and_then(|kept| kept[line.number - 1].clone())
        .unwrap_or_else(|| unit_of(line, stoplist, scratch))
}

/// The units of the document's open lines, in order; those the document keeps for this
/// stoplist are read, not scored again.
pub fn open_units(doc: &Document, stoplist: &Arc<Stoplist>) -> Vec<Unit> {
    let kept = kept_units(doc, stoplist);
    let mut scratch = Scratch::default();
    doc.open_lines(1, None)
        .into_iter()
        .map(|line| unit_from(kept, line, stoplist, &mut scratch))
        .collect()
}

/// The unit of every line with text, open or not, by line index (`None` for a blank line);
/// those the document keeps for this stoplist are read, not scored again.
pub fn units_by_line(doc: &Document, stoplist: &Arc<Stoplist>) -> Vec<Option<Unit>> {
    let kept = kept_units(doc, stoplist);
    let mut scratch = Scratch::default();
    doc.lines
        .iter()
        .map(|line| (!line.blank).then(|| unit_from(kept, line, stoplist, &mut scratch)))
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
pub fn looks_extracted(units: &[Unit], doc: &Document) -> bool {
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

/// A table row, or a list item longer than a menu entry: what an extractor marked as the
/// article's own structure.
fn kept_as_structure(unit: &Unit, doc: &Document) -> bool {
    let text = &doc.line(unit.number).text;
    TABLE_ROW.is_match(text) || (unit.words > TINY_WORDS && STRUCTURED.is_match(text))
}

/// What the stage needs to know of the run: whether the text is an extractor's, the
/// document's stoplist, and which of its rules are switched off.
pub struct Settings<'a> {
    pub extracted: bool,
    pub stoplist: Option<&'a Arc<Stoplist>>,
    pub off: &'a [String],
    /// The learned line model, which decides the open lines when it is given and its rule
    /// is on; nothing is removed otherwise.
    pub model: Option<&'a LineModel>,
    /// The document's lines as its site group in the corpus repeats table sees them, when
    /// there is one: how many other pages of the site hold each line (a feature of the
    /// model).
    pub site: Option<&'a SiteLines<'a>>,
    /// Say why each open line the model's verdict keeps stayed (`Document::kept_evidence`):
    /// what `cleaner explain` shows under a kept line, and nothing a batch needs.
    pub explain: bool,
}

fn count(doc: &mut Document, name: &str) {
    *doc.counters.entry(name.to_string()).or_default() += 1;
}

/// Remove the open lines the line model scores as not article, each with its score and the
/// features that pulled it down as evidence.
pub fn run(doc: &mut Document, settings: &Settings) {
    if settings.extracted {
        count(doc, "classify:extracted-document");
        return;
    }
    let Some(model) = settings
        .model
        .filter(|_| !settings.off.iter().any(|off| off == MODEL_RULE))
    else {
        return;
    };
    let Some(stoplist) = settings.stoplist else {
        count(doc, "classify:skipped-no-stoplist");
        return;
    };
    // Kept on the document for the line features, which read them.
    let units = open_units_kept(doc, stoplist);
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
    if looks_extracted(&units, doc) || doc.one_paragraph_per_line() {
        count(doc, "classify:extracted-document");
        return;
    }
    let texts: Vec<&str> = units
        .iter()
        .map(|u| doc.line(u.number).text.as_str())
        .collect();
    let ingredients = recipes::ingredient_lines(&texts);
    decide_by_model(doc, model, stoplist, settings, &units, &ingredients);
}

/// Why an open line scored under the threshold stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeptUnder {
    Structure,
    Ingredient,
    Fallback,
}

impl KeptUnder {
    fn reason(self) -> String {
        match self {
            KeptUnder::Structure => "kept: a table row or a list item of the article".into(),
            KeptUnder::Ingredient => "kept: an ingredient of the recipe".into(),
            KeptUnder::Fallback => format!(
                "kept: the model would keep less than {:.0}% of the open text ({FALLBACK_FLAG})",
                MIN_MODEL_KEPT * 100.0
            ),
        }
    }
}

/// Remove the open lines the model scores below its threshold, except an article's own
/// structure (`kept_as_structure`) and a recipe's ingredients; unless that would keep less
/// than `MIN_MODEL_KEPT` of the open text, when nothing is removed and the page is flagged.
fn decide_by_model(
    doc: &mut Document,
    model: &LineModel,
    stoplist: &Arc<Stoplist>,
    settings: &Settings,
    units: &[Unit],
    ingredients: &std::collections::BTreeSet<usize>,
) {
    let site = settings.site;
    let blank: Vec<bool> = doc.lines.iter().map(|l| l.blank).collect();
    let mut open = vec![false; doc.lines.len()];
    for unit in units {
        open[unit.number - 1] = true;
    }
    // Only the rows the scores of the open lines read.
    let needed = model::needed_lines(&blank, |line| open[line]);
    // The lexicon reads a line's words from its unit where the document keeps one.
    let kept = kept_units(doc, stoplist);
    let matrix = model.with_lexicon(
        features::line_matrix(doc, Some(stoplist), Some(&needed), site),
        features::NAMES.len(),
        &needed,
        |line| match kept.and_then(|units| units[line].as_ref()) {
            Some(unit) => Words::Lowered(&unit.words_text),
            None => Words::Text(doc.lines[line].text.as_str()),
        },
    );
    let (scores, near) = model.scores_of(&matrix, &blank, |line| open[line]);
    // Why each line under the threshold stays, collected only to explain.
    let mut under = Vec::new();
    let drop: Vec<&Unit> = units
        .iter()
        .enumerate()
        .filter(|&(index, unit)| {
            if scores[unit.number - 1] >= model.threshold {
                return false;
            }
            let kept = if kept_as_structure(unit, doc) {
                Some(KeptUnder::Structure)
            } else if ingredients.contains(&index) {
                Some(KeptUnder::Ingredient)
            } else {
                None
            };
            if let Some(why) = kept.filter(|_| settings.explain) {
                under.push((unit.number - 1, why));
            }
            kept.is_none()
        })
        .map(|(_, unit)| unit)
        .collect();
    let chars: usize = units.iter().map(|u| u.chars).sum();
    let dropped: usize = drop.iter().map(|u| u.chars).sum();
    let fallback = ((chars - dropped) as f64) < MIN_MODEL_KEPT * chars as f64;
    if fallback {
        count(doc, "classify:model-fallback");
        doc.flags.push(FALLBACK_FLAG.to_string());
        if settings.explain {
            under.extend(drop.iter().map(|u| (u.number - 1, KeptUnder::Fallback)));
            under.sort_unstable_by_key(|&(line, _)| line);
        }
    } else {
        let lines: Vec<usize> = drop.iter().map(|unit| unit.number - 1).collect();
        let mut evidence: Vec<String> = Vec::with_capacity(lines.len());
        model.each_verdict(
            &matrix,
            &near,
            &lines,
            &scores,
            EVIDENCE_FEATURES,
            Side::Against,
            |verdict| {
                evidence.push(verdict.evidence(model.threshold));
            },
        );
        for (unit, evidence) in drop.iter().zip(evidence) {
            doc.remove(
                unit.number,
                unit.number,
                "classify",
                MODEL_RULE,
                evidence,
                None,
            );
        }
    }
    if settings.explain {
        doc.kept_evidence = kept_evidence(model, &matrix, &near, &scores, units, &under);
    }
    doc.model_scores = scores;
}

/// Why each open line that stays stayed, by line (0-based), in line order: the evidence of
/// a line scored at least the threshold names the features that held it up; that of a
/// line scored under it names those that pulled it down, and what kept it (`under`, sorted
/// by line).
fn kept_evidence(
    model: &LineModel,
    matrix: &[f32],
    near: &model::Neighbourhood,
    scores: &[f64],
    units: &[Unit],
    under: &[(usize, KeptUnder)],
) -> Vec<(usize, String)> {
    let above: Vec<usize> = units
        .iter()
        .map(|unit| unit.number - 1)
        .filter(|&line| scores[line] >= model.threshold)
        .collect();
    let mut kept = Vec::with_capacity(above.len() + under.len());
    let mut at = 0;
    model.each_verdict(
        matrix,
        near,
        &above,
        scores,
        EVIDENCE_FEATURES,
        Side::For,
        |verdict| {
            kept.push((above[at], verdict.evidence(model.threshold)));
            at += 1;
        },
    );
    let lines: Vec<usize> = under.iter().map(|&(line, _)| line).collect();
    let mut at = 0;
    model.each_verdict(
        matrix,
        near,
        &lines,
        scores,
        EVIDENCE_FEATURES,
        Side::Against,
        |verdict| {
            let (line, why) = under[at];
            kept.push((
                line,
                format!("{}; {}", verdict.evidence(model.threshold), why.reason()),
            ));
            at += 1;
        },
    );
    kept.sort_unstable_by_key(|&(line, _)| line);
    kept
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
        let unit = score_line(&line(prose), 20, 8, Arc::from([]), Arc::from(""));
        assert_eq!(unit.initial, Class::Good);
        assert!(unit.prose);
        assert_eq!(
            score_line(&line(prose), 20, 5, Arc::from([]), Arc::from("")).initial,
            Class::Near
        );
        assert_eq!(
            score_line(&line("Home"), 1, 0, Arc::from([]), Arc::from("")).initial,
            Class::Short
        );
        let links = score_line(
            &line("Home | News | Sport | Weather"),
            4,
            0,
            Arc::from([]),
            Arc::from(""),
        );
        assert_eq!(links.initial, Class::Bad);
        assert!((links.link_share - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(
            score_line(
                &line(&"word ".repeat(40)),
                40,
                0,
                Arc::from([]),
                Arc::from("")
            )
            .initial,
            Class::Bad
        );
        assert_eq!(
            score_line(
                &line(&"word the ".repeat(20)),
                40,
                20,
                Arc::from([]),
                Arc::from("")
            )
            .initial,
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
    fn whitespace_runs_are_the_patterns() {
        let pattern = Regex::new(r"\S+").unwrap();
        for c in '\0'..=char::MAX {
            let text = format!("a{c}b");
            assert_eq!(
                text.split_whitespace().count(),
                pattern.find_iter(&text).count(),
                "{c:?}"
            );
        }
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
        crate::devdata::each_string(&pieces, 4, assert_link_tokens_exact);
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) gives the same link tokens through `link_tokens`.
    #[test]
    fn link_tokens_match_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            assert_link_tokens_exact(line);
        });
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
                .map(|line| unit_of(line, stoplist, &mut Scratch::default()))
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
    fn extracted_text_is_left_alone() {
        let mut doc = Document::new("t", ["Menu", "Home", "News"].map(String::from));
        let stoplist: Arc<Stoplist> = Arc::new(["the".to_string()].into_iter().collect());
        let settings = Settings {
            extracted: true,
            stoplist: Some(&stoplist),
            off: &[],
            model: None,
            site: None,
            explain: false,
        };
        run(&mut doc, &settings);
        assert!(doc.removals.is_empty());
        assert_eq!(doc.counters["classify:extracted-document"], 1);
    }

    /// A model over this core's features that keeps lines of more than three words: its
    /// first forest splits on `log_words`, its second on the first forest's score.
    fn words_model() -> LineModel {
        let names: Vec<&str> = features::NAMES.to_vec();
        let second: Vec<&str> = names
            .iter()
            .copied()
            .chain(crate::model::CONTEXT_NAMES)
            .collect();
        let words = names.iter().position(|n| *n == "log_words").unwrap();
        let text = format!(
            r#"{{"format": 1, "features": {first_names},
                "second_features": {second_names}, "threshold": 0.5, "trained_on": {{}},
                "first": {{"baseline": 0.0, "trees": [[[{words}, 1.4, 1, 2, 0.0], [-4.0], [4.0]]]}},
                "second": {{"baseline": 0.0, "trees": [[[{score}, 0.5, 1, 2, 0.0], [-4.0], [4.0]]]}}}}"#,
            first_names = serde_json::to_string(&names).unwrap(),
            second_names = serde_json::to_string(&second).unwrap(),
            score = names.len(),
        );
        LineModel::parse(&text, features::NAMES).unwrap()
    }

    fn stoplist() -> Arc<Stoplist> {
        Arc::new(
            [
                "the", "of", "on", "for", "in", "which", "was", "a", "and", "to",
            ]
            .map(String::from)
            .into_iter()
            .collect(),
        )
    }

    /// `texts`, each followed by a blank line (as a page dump separates its blocks).
    fn dump(texts: &[&str]) -> Document {
        let lines = texts.iter().flat_map(|t| [t.to_string(), String::new()]);
        Document::new("t", lines)
    }

    const PROSE: [&str; 3] = [
        "The council voted on the money for the baths, which closed in the year 2011.",
        "The pool was the first in the town to open to all, and it was full in the summer.",
        "A new roof for the hall was paid for by the town in the spring of the year 2019.",
    ];

    /// The settings of a page dump cleaned with `model`, nothing off.
    fn with_model<'a>(model: &'a LineModel, stoplist: &'a Arc<Stoplist>) -> Settings<'a> {
        Settings {
            extracted: false,
            stoplist: Some(stoplist),
            off: &[],
            model: Some(model),
            site: None,
            explain: false,
        }
    }

    #[test]
    fn the_model_removes_what_it_scores_low_with_its_evidence() {
        let mut texts = vec!["Home", "The news", "Sport"];
        texts.extend(PROSE);
        texts.push("Share on Facebook");
        let mut doc = dump(&texts);
        let model = words_model();
        let stoplist = stoplist();
        let settings = with_model(&model, &stoplist);
        run(&mut doc, &settings);
        let removed: Vec<(&str, &str)> = doc
            .removals
            .iter()
            .map(|r| (r.text.as_str(), r.rule.as_str()))
            .collect();
        assert_eq!(
            removed,
            [
                ("Home", MODEL_RULE),
                ("The news", MODEL_RULE),
                ("Sport", MODEL_RULE),
                ("Share on Facebook", MODEL_RULE)
            ]
        );
        assert_eq!(
            doc.removals[0].evidence,
            "score 0.018 < 0.50 (alone 0.02); against: log_words=0.69 (-4.00)"
        );
        assert!(doc.flags.is_empty());
        // With the model's rule off, the stage removes nothing.
        let mut doc = dump(&texts);
        let off = [MODEL_RULE.to_string()];
        run(
            &mut doc,
            &Settings {
                off: &off,
                ..settings
            },
        );
        assert!(doc.removals.is_empty());
        // Without a model too.
        let mut doc = dump(&texts);
        run(
            &mut doc,
            &Settings {
                model: None,
                ..settings
            },
        );
        assert!(doc.removals.is_empty());
        // Nor, unless asked, does it say why the lines it kept stayed.
        assert!(doc.kept_evidence.is_empty());
    }

    #[test]
    fn asked_to_explain_the_model_says_why_each_kept_line_stayed() {
        let mut texts = vec!["Home", "The news", "Sport", PROSE[0], "| Name | Value |"];
        texts.extend(&PROSE[1..]);
        texts.push("Share on Facebook");
        let model = words_model();
        let stoplist = stoplist();
        let quiet = with_model(&model, &stoplist);
        let explaining = Settings {
            explain: true,
            ..quiet
        };
        let mut doc = dump(&texts);
        run(&mut doc, &explaining);
        let mut plain = dump(&texts);
        run(&mut plain, &quiet);
        // Explaining changes nothing the stage decides.
        assert_eq!(doc.removals, plain.removals);
        assert_eq!(doc.model_scores, plain.model_scores);
        let removed: Vec<&str> = doc.removals.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(removed, ["Home", "The news", "Sport", "Share on Facebook"]);
        // One evidence per open line kept, by line (0-based; a blank line after each).
        let lines: Vec<usize> = doc.kept_evidence.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [6, 8, 10, 12]);
        let (_, table) = &doc.kept_evidence[1];
        assert!(
            table.starts_with("score 0.018 < 0.50 (alone 0.02); against: log_words=")
                && table.ends_with("; kept: a table row or a list item of the article"),
            "{table}"
        );
        let (_, prose) = &doc.kept_evidence[0];
        assert!(
            prose.starts_with("score 0.982 >= 0.50 (alone 0.98); for: log_words="),
            "{prose}"
        );
        // A page the model would empty: each line under the threshold says it was kept
        // by the fallback.
        let mut texts = vec!["of the menu"; 40];
        texts.push(PROSE[0]);
        let mut doc = dump(&texts);
        run(&mut doc, &explaining);
        assert!(doc.removals.is_empty());
        assert_eq!(doc.kept_evidence.len(), 41);
        assert!(doc.kept_evidence[0].1.ends_with(
            "; kept: the model would keep less than 15% of the open text (classify-fallback)"
        ));
        assert!(doc.kept_evidence[40].1.contains(" >= 0.50 "));
    }

    #[test]
    fn a_page_the_model_would_empty_keeps_the_earlier_result_and_is_flagged() {
        let mut texts = vec!["of the menu"; 40];
        texts.push(PROSE[0]);
        let mut doc = dump(&texts);
        let model = words_model();
        let stoplist = stoplist();
        let settings = with_model(&model, &stoplist);
        run(&mut doc, &settings);
        assert!(doc.removals.is_empty());
        assert_eq!(doc.flags, [FALLBACK_FLAG]);
        assert_eq!(doc.counters["classify:model-fallback"], 1);
        // A fifth of the text kept is enough.
        let mut doc = dump(&texts[20..]);
        run(&mut doc, &settings);
        assert_eq!(doc.removals.len(), 20);
        assert!(doc.flags.is_empty());
    }

    #[test]
    fn the_model_leaves_extracted_text_and_pages_without_stopwords_alone() {
        let model = words_model();
        let stoplist = stoplist();
        let mut texts = vec!["Home", "News", "Sport"];
        texts.extend(PROSE);
        for (extracted, stoplist) in [(true, Some(&stoplist)), (false, None)] {
            let mut doc = dump(&texts);
            let settings = Settings {
                extracted,
                stoplist,
                off: &[],
                model: Some(&model),
                site: None,
                explain: false,
            };
            run(&mut doc, &settings);
            assert!(doc.removals.is_empty());
            if stoplist.is_none() {
                assert_eq!(doc.counters["classify:skipped-no-stoplist"], 1);
            }
        }
        // Extractor output: one paragraph per line, no blank lines between.
        let mut doc = Document::new("t", texts.iter().map(|t| t.to_string()));
        let settings = with_model(&model, &stoplist);
        run(&mut doc, &settings);
        assert!(doc.removals.is_empty());
        assert_eq!(doc.counters["classify:extracted-document"], 1);
    }

    /// The same blocks as a page dump (empty lines between them) and as text taken from a
    /// page's elements (lines of spaces between them, what the source's indentation left):
    /// only the first is a page dump, whose menu lines the model removes.
    #[test]
    fn lines_of_spaces_are_not_a_page_dumps_blank_lines() {
        let model = words_model();
        let stoplist = stoplist();
        let settings = with_model(&model, &stoplist);
        let mut texts = vec!["Home", "The news", "Sport"];
        texts.extend(PROSE);
        let cleaned = |separator: &str| {
            let mut doc = Document::default();
            crate::stages::normalize::run(&mut doc, &texts.join(separator));
            run(&mut doc, &settings);
            doc
        };
        let dump = cleaned("\n\n");
        assert!(dump.space_lines.is_empty());
        assert_eq!(dump.removals.len(), 3);
        for separator in ["\n    \n", "\n\t\t\n \n"] {
            let extracted = cleaned(separator);
            assert!(!extracted.space_lines.is_empty());
            assert!(extracted.removals.is_empty(), "{separator:?}");
            assert_eq!(extracted.counters["classify:extracted-document"], 1);
        }
        // One line of spaces among empty ones does not make a dump extracted text.
        let mut doc = Document::default();
        let text = format!(
            "{}\n   \n{}",
            texts[..3].join("\n\n"),
            texts[3..].join("\n\n")
        );
        crate::stages::normalize::run(&mut doc, &text);
        run(&mut doc, &settings);
        assert_eq!(doc.space_lines.len(), 1);
        assert_eq!(doc.removals.len(), 3);
    }
}
