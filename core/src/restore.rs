//! The page-text view of an HTML page.
//!
//! An extractor keeps a page's main text and leaves the rest, and with the rest it
//! sometimes leaves part of the article: a list or a table, a paragraph in a box of its
//! own, a passage under an inline box. The page's whole visible text, cleaned as a page
//! dump (`pipeline::Input::page_dump`), has the line model's view of every one of its
//! lines. A line that the model keeps surely (score at least `RESTORE_SCORE`), that no
//! stage removed, that is not in one of the page's lists of links to other pages
//! (`links::link_runs`: a boxed list of other stories can read as surely as the article)
//! and that the main text lacks goes back into the main text, after the main text's line
//! that holds the nearest page line before it that the main text has (at the top when none
//! has). When the extractor found no main text, the restored lines are the whole text, if
//! one of them is a sentence (`ALONE_MIN_WORDS`). The text stages then clean the main text
//! with the restored lines in it, as extractor output; the sidecar lists each restored line
//! with its score.
//!
//! A page line is in the main text when at least half of its word 4-grams are (a line of
//! fewer than four words: when its words stand in the main text in a row), words
//! lower-cased and read across the main text's line breaks.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use crate::document::Document;
use crate::textshape;

/// The rule id of restored lines: `select` / `ignore` switch the page-text view on and off.
pub const RULE: &str = "extract.page-text";
/// The line model's score from which a page line the main text lacks is restored. Chosen
/// on the development sets' tuning parts: from 0.7 to 0.8 the snippet and shingle F1 were
/// the same, and 0.8 restores fewer lines.
pub const RESTORE_SCORE: f64 = 0.8;
/// The words of a gram.
const GRAM: usize = 4;
/// When the extractor found no main text, the restored lines are the page's whole text, and
/// they stand only when one of them is a sentence (`textshape::is_prose`) of at least this
/// many words: a page whose few lines hold none ("Just a moment...", "Access denied", a
/// cookie wall's buttons) has no article to give, whatever the model makes of lines it
/// reads without any context. (The model scores only lines of languages with a stoplist,
/// all of them written with spaces between words, so a count of words is fair to each.)
const ALONE_MIN_WORDS: usize = 8;

/// A line of the page's text put into the main text.
#[derive(Debug, Clone, PartialEq)]
pub struct RestoredLine {
    /// Its number in the merged text (1-based), which the text stages then read.
    pub number: usize,
    /// The line model's score of it in the page's text.
    pub score: f64,
    /// Its number in the page's text.
    pub page_line: usize,
}

/// The main text with the restored lines in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    pub text: String,
    pub lines: Vec<RestoredLine>,
    /// Why the page's text could not be read, when it could not.
    pub warnings: Vec<String>,
}

impl Restored {
    /// The main text as it is, nothing restored.
    pub fn unchanged(main: &str) -> Self {
        Restored {
            text: main.to_string(),
            ..Restored::default()
        }
    }
}

fn lowered_words(text: &str) -> Vec<String> {
    textshape::words(text)
        .into_iter()
        .map(textshape::casefold)
        .collect()
}

fn gram_key(words: &[String], buffer: &mut String) -> u64 {
    buffer.clear();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            buffer.push(' ');
        }
        buffer.push_str(word);
    }
    xxh3_64(buffer.as_bytes())
}

/// Where a page line stands in the main text.
#[derive(Debug, PartialEq)]
enum Found {
    /// The main text holds it, at this line (0-based) when that is known.
    Held(Option<usize>),
    Missing,
}

/// The main text's words as one stream: each of its 4-grams with the lines it starts on
/// (ascending), and each run of one to three words with the first line it starts on. Every
/// question a page line asks is a few hash look-ups, so that merging stays linear in the
/// two texts whatever they repeat.
struct MainText {
    grams: HashMap<u64, Vec<usize>>,
    runs: HashMap<u64, usize>,
}

impl MainText {
    fn new(lines: &[&str]) -> Self {
        let mut words: Vec<String> = Vec::new();
        let mut line_of: Vec<usize> = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            for word in lowered_words(line) {
                words.push(word);
                line_of.push(index);
            }
        }
        let mut grams: HashMap<u64, Vec<usize>> = HashMap::new();
        let mut runs: HashMap<u64, usize> = HashMap::new();
        let mut buffer = String::new();
        for (at, &line) in line_of.iter().enumerate() {
            for size in 1..GRAM {
                if let Some(run) = words.get(at..at + size) {
                    runs.entry(gram_key(run, &mut buffer)).or_insert(line);
                }
            }
            if let Some(window) = words.get(at..at + GRAM) {
                let lines = grams.entry(gram_key(window, &mut buffer)).or_default();
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
            }
        }
        MainText { grams, runs }
    }

    /// Whether the main text holds a page line of `words`, and on which line; of the lines
    /// its grams stand on, the first at or after `after` when there is one.
    fn find(&self, words: &[String], after: Option<usize>) -> Found {
        let mut buffer = String::new();
        if words.len() < GRAM {
            return match self.runs.get(&gram_key(words, &mut buffer)) {
                Some(&line) => Found::Held(Some(line)),
                None => Found::Missing,
            };
        }
        let mut hits = 0;
        let mut best: Option<usize> = None;
        let mut first: Option<usize> = None;
        let windows = words.windows(GRAM);
        let total = windows.len();
        for window in windows {
            let Some(lines) = self.grams.get(&gram_key(window, &mut buffer)) else {
                continue;
            };
            hits += 1;
            first = Some(first.map_or(lines[0], |f: usize| f.min(lines[0])));
            let from = after.map_or(0, |a| lines.partition_point(|&line| line < a));
            if let Some(&line) = lines.get(from) {
                best = Some(best.map_or(line, |b: usize| b.min(line)));
            }
        }
        if hits * 2 >= total {
            Found::Held(best.or(first))
        } else {
            Found::Missing
        }
    }
}

/// `main` with the lines of the cleaned page text `page` that its line model scored at
/// least `threshold`, that no stage removed, that are not in `listed` (line numbers: the
/// page's lists of links to other pages, `links::link_runs`) and that `main` lacks, each
/// after the line of `main` that holds the nearest page line before it (see the module's
/// docs). Nothing is restored from a page the model did not score
/// (`Document::model_scores` empty: a page that reads as extractor output, one without
/// stopwords, the model switched off).
pub fn merge(main: &str, page: &Document, threshold: f64, listed: &HashSet<usize>) -> Restored {
    if page.model_scores.is_empty() {
        return Restored::unchanged(main);
    }
    // An empty main text (the extractor found none) has no line: the restored lines are
    // the whole text.
    let main_lines: Vec<&str> = if main.is_empty() {
        Vec::new()
    } else {
        main.split('\n').collect()
    };
    let index = MainText::new(&main_lines);
    // Per main line (by index + 1; 0 is the top), the page lines restored after it.
    let mut after: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
    let mut anchor: Option<usize> = None;
    for (at, line) in page.lines.iter().enumerate() {
        if line.blank {
            continue;
        }
        let words = lowered_words(&line.text);
        if words.is_empty() {
            continue;
        }
        match index.find(&words, anchor) {
            Found::Held(Some(position)) => anchor = Some(position),
            Found::Held(None) => {}
            Found::Missing => {
                let score = page.model_scores.get(at).copied().unwrap_or(0.0);
                if score >= threshold && !page.is_removed(at + 1) && !listed.contains(&(at + 1)) {
                    let slot = anchor.map_or(0, |a| a + 1);
                    after.entry(slot).or_default().push((at, score));
                }
            }
        }
    }
    let stands_alone = || {
        after
            .values()
            .flatten()
            .any(|&(at, _)| textshape::is_prose(&page.lines[at].text, ALONE_MIN_WORDS))
    };
    if after.is_empty() || (main_lines.is_empty() && !stands_alone()) {
        return Restored::unchanged(main);
    }
    let mut text = String::with_capacity(main.len() + 256);
    let mut lines = Vec::new();
    let mut number = 0;
    let mut put = |text: &mut String, line: &str| {
        if number > 0 {
            text.push('\n');
        }
        text.push_str(line);
        number += 1;
        number
    };
    for slot in 0..=main_lines.len() {
        if slot > 0 {
            put(&mut text, main_lines[slot - 1]);
        }
        for &(at, score) in after.get(&slot).into_iter().flatten() {
            let restored = textshape::strip(&page.lines[at].text);
            lines.push(RestoredLine {
                number: put(&mut text, restored),
                score,
                page_line: at + 1,
            });
        }
    }
    Restored {
        text,
        lines,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str], scores: &[f64]) -> Document {
        let mut doc = Document::new("page", lines.iter().map(|l| l.to_string()));
        doc.model_scores = scores.to_vec();
        doc
    }

    const FIRST: &str = "The council voted seven to two on Monday to reopen the baths.";
    const SECOND: &str = "The pool will open again in May after repairs to its roof.";
    const MISSING: &str = "Tickets will cost four pounds for adults and two for children.";

    #[test]
    fn a_sure_line_the_main_text_lacks_goes_after_its_neighbour() {
        let main = format!("{FIRST}\n{SECOND}");
        let doc = page(&["Home", FIRST, MISSING, SECOND], &[0.1, 0.95, 0.9, 0.97]);
        let restored = merge(&main, &doc, 0.8, &HashSet::new());
        assert_eq!(restored.text, format!("{FIRST}\n{MISSING}\n{SECOND}"));
        assert_eq!(
            restored.lines,
            vec![RestoredLine {
                number: 2,
                score: 0.9,
                page_line: 3
            }]
        );
    }

    #[test]
    fn an_unsure_or_removed_line_stays_out() {
        let main = format!("{FIRST}\n{SECOND}");
        let unsure = page(&[FIRST, MISSING, SECOND], &[0.95, 0.79, 0.97]);
        assert_eq!(
            merge(&main, &unsure, 0.8, &HashSet::new()),
            Restored::unchanged(&main)
        );
        let mut removed = page(&[FIRST, MISSING, SECOND], &[0.95, 0.9, 0.97]);
        removed.remove(2, 2, "rules", "test.rule", String::new(), None);
        assert_eq!(
            merge(&main, &removed, 0.8, &HashSet::new()),
            Restored::unchanged(&main)
        );
        // A line of a list of links to other pages, however sure its score.
        let listed = page(&[FIRST, MISSING, SECOND], &[0.95, 0.99, 0.97]);
        let at = HashSet::from([2]);
        assert_eq!(merge(&main, &listed, 0.8, &at), Restored::unchanged(&main));
    }

    #[test]
    fn a_line_the_main_text_holds_in_other_words_is_not_restored() {
        // Half of its 4-grams are in the main text, read across its line breaks.
        let main = "tickets will cost four pounds\nfor adults, more for families";
        let doc = page(&[MISSING], &[0.9]);
        assert_eq!(
            merge(main, &doc, 0.8, &HashSet::new()),
            Restored::unchanged(main)
        );
        // A short line held word for word, whatever its case.
        let doc = page(&["Opening Hours"], &[0.9]);
        assert_eq!(
            merge("opening hours\nnine to five", &doc, 0.8, &HashSet::new()),
            Restored::unchanged("opening hours\nnine to five")
        );
    }

    #[test]
    fn a_line_before_anything_the_main_text_holds_goes_to_the_top() {
        let doc = page(&[MISSING, FIRST], &[0.9, 0.95]);
        let restored = merge(FIRST, &doc, 0.8, &HashSet::new());
        assert_eq!(restored.text, format!("{MISSING}\n{FIRST}"));
        assert_eq!(restored.lines[0].number, 1);
    }

    #[test]
    fn without_a_main_text_the_restored_lines_are_the_text() {
        let doc = page(&["Home", FIRST, MISSING], &[0.1, 0.95, 0.9]);
        let restored = merge("", &doc, 0.8, &HashSet::new());
        assert_eq!(restored.text, format!("{FIRST}\n{MISSING}"));
        assert_eq!(restored.lines.len(), 2);
        assert_eq!(restored.lines[0].number, 1);
        // Without a sentence among them, they are no text: a challenge page's one line, or
        // lines too short to be a sentence of the article.
        for lines in [
            &["Just a moment..."][..],
            &["Access denied", "Error 1020."][..],
        ] {
            let doc = page(lines, &vec![0.9; lines.len()]);
            assert_eq!(
                merge("", &doc, 0.8, &HashSet::new()),
                Restored::unchanged("")
            );
        }
        // Beside a main text, short lines are restored as before.
        let doc = page(&[FIRST, "Opening hours"], &[0.95, 0.9]);
        let restored = merge(FIRST, &doc, 0.8, &HashSet::new());
        assert_eq!(restored.text, format!("{FIRST}\nOpening hours"));
    }

    #[test]
    fn a_page_the_model_did_not_score_restores_nothing() {
        let doc = Document::new("page", [MISSING.to_string()]);
        assert_eq!(
            merge(FIRST, &doc, 0.8, &HashSet::new()),
            Restored::unchanged(FIRST)
        );
    }

    #[test]
    fn a_repeated_line_anchors_where_the_page_has_got_to() {
        // SECOND stands twice in the main text; after FIRST (line 3), the page's SECOND is
        // the main text's line 4, and the missing line goes after it.
        let main = format!("{SECOND}\nOpening hours\n{FIRST}\n{SECOND}\nThe end.");
        let doc = page(&[FIRST, SECOND, MISSING], &[0.9, 0.9, 0.9]);
        let restored = merge(&main, &doc, 0.8, &HashSet::new());
        assert_eq!(
            restored.text,
            format!("{SECOND}\nOpening hours\n{FIRST}\n{SECOND}\n{MISSING}\nThe end.")
        );
        assert_eq!(restored.lines[0].number, 5);
    }

    #[test]
    fn a_long_repetitive_page_merges_in_one_pass() {
        // 5,000 main lines that repeat one sentence, a page of 10,000 lines: the one
        // sentence, and short items the main text lacks, every one scored surely. Each page
        // line costs a few look-ups (a scan of the main text per line would be 10,000 scans
        // of 300 kB).
        let main = vec![FIRST; 5_000].join("\n");
        let items: Vec<String> = (0..5_000).map(|i| format!("Item {i}")).collect();
        let mut lines: Vec<&str> = Vec::new();
        for item in &items {
            lines.push(FIRST);
            lines.push(item);
        }
        let doc = page(&lines, &vec![0.9; lines.len()]);
        let restored = merge(&main, &doc, 0.8, &HashSet::new());
        assert_eq!(restored.lines.len(), 5_000);
        assert_eq!(restored.text.split('\n').count(), 10_000);
        // Each item goes after the main line its sentence matched, the first at or after
        // where the page had got to: all of them after the first line.
        assert_eq!(restored.lines[0].number, 2);
        assert_eq!(restored.lines[4_999].number, 5_001);
    }

    #[test]
    fn short_lines_are_placed_by_where_their_words_stand() {
        let main = format!("Opening hours\n{SECOND}");
        let doc = page(&["Opening hours", MISSING, SECOND], &[0.9, 0.9, 0.9]);
        let restored = merge(&main, &doc, 0.8, &HashSet::new());
        assert_eq!(restored.text, format!("Opening hours\n{MISSING}\n{SECOND}"));
    }
}
