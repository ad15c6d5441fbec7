//! Per-line features of a document as the stages before `classify` leave it: what a learned
//! keep-or-drop model of page-dump lines reads, one row per line.
//!
//! A line's own shape (length, words, stopword density, link share, sentence end, a list or
//! table mark, the block scorer's class of it), what the stages before did with it (removed
//! by the rules, links, header or structure; the share of it that span rules cut, such as a
//! photo credit that ends a caption), where it stands (position from each end,
//! share of the page's prose before it, distance to the longest run of good lines) and its
//! neighbourhood (windows of ±2, ±5 and ±10 lines with text: mean words, share of good
//! lines, share of removed lines; the previous and next line with text), its block (the
//! lines between blank lines: how many, how long, where in it), how many other lines have
//! its text, where it stands from the headline the header took, and its topic coherence:
//! the share of its content words that the page's prose uses too (a teaser or a related
//! headline is about something else), and, when the batch counted the corpus, how many other
//! pages of the document's site hold the line (a site's sidebar, footer or teasers recur on
//! its pages; its articles do not). Blank lines get a row too (`blank` set), so that rows
//! and lines match one to one.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use crate::document::{Document, Line};
use crate::language::{FxBuild, Stoplist};
use crate::repeats::SiteLines;
use crate::stages::classify::{self, Class};
use crate::stages::header::TITLE_RULE;
use crate::textshape;

/// The names of the columns, in order.
pub const NAMES: &[&str] = &[
    "blank",
    "log_chars",
    "log_words",
    "stop_density",
    "link_share",
    "ends_sentence",
    "prose",
    "class_good",
    "class_near",
    "class_short",
    "class_bad",
    "digit_share",
    "upper_share",
    "structured",
    "removed_rules",
    "removed_links",
    "removed_header",
    "removed_structure",
    "position",
    "position_from_end",
    "prose_before",
    "log_lines_to_end",
    "in_longest_run",
    "log_distance_to_run",
    "window2_words",
    "window2_good",
    "window2_removed",
    "window5_words",
    "window5_good",
    "window5_removed",
    "window10_words",
    "window10_good",
    "window10_removed",
    "previous_words",
    "previous_stop_density",
    "previous_removed",
    "next_words",
    "next_stop_density",
    "next_removed",
    "title_case",
    "punctuation_share",
    "ends_colon",
    "repeated",
    "block_lines",
    "block_words",
    "block_position",
    "coherence",
    "before_title",
    "log_lines_after_title",
    "span_cut",
    "site_others",
    "site_share",
];

/// Where the columns of `extra` start.
const EXTRA: usize = 39;

const WINDOWS: [usize; 3] = [2, 5, 10];

/// What one line with text contributes to its neighbours' windows.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    words: f32,
    stop_density: f32,
    good: bool,
    removed: bool,
}

/// What one pass over a line's characters counts for its features.
#[derive(Debug, Default, PartialEq)]
struct CharCounts {
    chars: usize,
    /// Numeric characters (`char::is_numeric`).
    digits: usize,
    /// Alphabetic characters that are not numeric, and the upper-case ones among them.
    letters: usize,
    upper: usize,
    /// Characters neither alphanumeric nor whitespace.
    marks: usize,
    /// Words (as whitespace separates them) that start with a letter, and those of them
    /// whose first letter is upper case.
    lettered: usize,
    titled: usize,
}

fn char_counts(text: &str) -> CharCounts {
    let mut counts = CharCounts::default();
    let mut in_word = false;
    for c in text.chars() {
        counts.chars += 1;
        let space = c.is_whitespace();
        if !space && !in_word && c.is_alphabetic() {
            counts.lettered += 1;
            counts.titled += usize::from(c.is_uppercase());
        }
        in_word = !space;
        if c.is_numeric() {
            counts.digits += 1;
        } else if c.is_alphabetic() {
            counts.letters += 1;
            counts.upper += usize::from(c.is_uppercase());
        } else if !space {
            counts.marks += 1;
        }
    }
    counts
}

fn removed_by(doc: &Document, line: &Line) -> [bool; 4] {
    let stage = doc.removal_at(line.number).map(|r| r.stage.as_str());
    [
        stage == Some("rules"),
        stage == Some("links"),
        stage == Some("header"),
        stage == Some("structure"),
    ]
}

/// `ln(1 + n)` of the whole numbers below `LOG1P_KNOWN`, computed once: a row holds about
/// a dozen such logarithms (lengths, counts, distances), most of them of small numbers.
static LOG1P: LazyLock<Vec<f32>> =
    LazyLock::new(|| (0..LOG1P_KNOWN).map(|n| (n as f32).ln_1p()).collect());
const LOG1P_KNOWN: usize = 4096;

/// `(value as f32).ln_1p()`, read from `LOG1P` where it is there.
fn log1p(value: usize) -> f32 {
    LOG1P
        .get(value)
        .copied()
        .unwrap_or_else(|| (value as f32).ln_1p())
}

fn share(part: usize, whole: usize) -> f32 {
    if whole > 0 {
        part as f32 / whole as f32
    } else {
        0.0
    }
}

/// The columns from `EXTRA` on, by line (zeros for a blank line): the line's title case and
/// punctuation, a closing colon, how often its text recurs, its block, its coherence with the
/// page's prose, where it stands from the header's title line, and how many other pages of
/// the site (`site`: the document's lines as the corpus repeats table sees them) hold it.
fn extra(
    doc: &Document,
    units: &[Option<classify::Unit>],
    wanted: &dyn Fn(usize) -> bool,
    site: Option<&SiteLines>,
) -> (Vec<[f32; NAMES.len() - EXTRA]>, Vec<[f32; 2]>) {
    let lines = &doc.lines;
    let mut rows = vec![[0.0f32; NAMES.len() - EXTRA]; lines.len()];
    let mut shares = vec![[0.0f32; 2]; lines.len()];
    let mut same: HashMap<&str, usize, FxBuild> = HashMap::default();
    for line in lines.iter().filter(|l| !l.blank) {
        *same.entry(textshape::strip(&line.text)).or_default() += 1;
    }
    // Content words (each line's unit read them), and in how many prose lines each is.
    let is_prose = |i: usize| {
        units[i]
            .as_ref()
            .is_some_and(|u| u.prose || u.initial == classify::Class::Good)
    };
    let words = |i: usize| units[i].as_ref().map_or(&[][..], |u| &u.content[..]);
    let mut in_prose: HashMap<u64, usize, FxBuild> = HashMap::default();
    for i in (0..lines.len()).filter(|&i| is_prose(i)) {
        for &word in words(i) {
            *in_prose.entry(word).or_default() += 1;
        }
    }
    let title = doc
        .removals
        .iter()
        .find(|r| r.rule == TITLE_RULE)
        .map(|r| r.start_line - 1);
    // Blocks: runs of lines with text between blank lines.
    let mut at = 0;
    while at < lines.len() {
        if lines[at].blank {
            at += 1;
            continue;
        }
        let end = (at..lines.len())
            .find(|&j| lines[j].blank)
            .unwrap_or(lines.len());
        let size = end - at;
        let words_in: usize = (at..end)
            .map(|j| units[j].as_ref().map_or(0, |u| u.words))
            .sum();
        for (k, row) in rows[at..end].iter_mut().enumerate() {
            row[4] = log1p(size - 1);
            row[5] = (words_in as f32 / size as f32).ln_1p();
            row[6] = share(k, size);
        }
        at = end;
    }
    for (i, line) in lines.iter().enumerate() {
        if line.blank || !wanted(i) {
            continue;
        }
        let text = textshape::strip(&line.text);
        let counts = char_counts(text);
        shares[i] = [
            share(counts.digits, counts.chars),
            share(counts.upper, counts.letters),
        ];
        let own = usize::from(is_prose(i));
        let shared = words(i)
            .iter()
            .filter(|w| in_prose.get(w).copied().unwrap_or(0) > own)
            .count();
        let row = &mut rows[i];
        row[0] = share(counts.titled, counts.lettered);
        row[1] = share(counts.marks, counts.chars);
        row[2] = f32::from(u8::from(text.ends_with(':')));
        row[3] = log1p(same.get(text).map_or(0, |n| n - 1));
        row[7] = share(shared, words(i).len());
        let cut: usize = doc
            .spans(line.number)
            .filter_map(|r| r.columns)
            .map(|(begin, end)| end.saturating_sub(begin))
            .sum();
        row[10] = share(cut, line.text.chars().count());
        if let Some(title) = title {
            row[8] = f32::from(u8::from(i < title));
            row[9] = if i > title { log1p(i - title) } else { 0.0 };
        }
        if let Some(site) = site.filter(|s| s.group.docs > 1) {
            // The document is one of those the counting pass counted.
            let others = site.holding(i).saturating_sub(1) as usize;
            row[11] = log1p(others);
            row[12] = share(others, (site.group.docs - 1) as usize);
        }
    }
    (rows, shares)
}

/// One row of `NAMES.len()` features per line of `doc`; `stoplist` is the document's
/// language's (None: no stopwords are known, every density is 0); `site` the document's lines
/// as its site group in the corpus repeats table sees them (None: no other page is known).
/// The block scorer's units of the lines are those the document keeps for this stoplist
/// (`classify::units_by_line`: every line open when the structure stage scored them, removed
/// since or not); the other lines with text are scored here.
pub fn line_features(
    doc: &Document,
    stoplist: Option<&Arc<Stoplist>>,
    site: Option<&SiteLines>,
) -> Vec<Vec<f32>> {
    line_matrix(doc, stoplist, None, site)
        .chunks_exact(NAMES.len())
        .map(<[f32]>::to_vec)
        .collect()
}

/// `line_features` as one matrix, its rows one after another (`NAMES.len()` columns each):
/// what the line model reads. With `rows` (a flag per line), only the rows of the lines
/// flagged are filled in (the others stay zeros); what a row holds does not depend on which
/// others are filled in, since the windows, blocks, repeats and the page's prose are counted
/// over every line.
pub fn line_matrix(
    doc: &Document,
    stoplist: Option<&Arc<Stoplist>>,
    rows: Option<&[bool]>,
    site: Option<&SiteLines>,
) -> Vec<f32> {
    let wanted = |i: usize| rows.is_none_or(|rows| rows[i]);
    let lines = &doc.lines;
    let empty = Arc::new(Stoplist::default());
    let stoplist: &Arc<Stoplist> = stoplist.unwrap_or(&empty);
    let units = classify::units_by_line(doc, stoplist);
    // The lines with text, in order, with their shapes.
    let texts: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].blank).collect();
    let shapes: Vec<Shape> = texts
        .iter()
        .map(|&i| {
            let unit = units[i].as_ref().expect("a line with text has a unit");
            Shape {
                words: unit.words as f32,
                stop_density: unit.stop_density as f32,
                good: unit.initial == Class::Good,
                removed: doc.is_removed(lines[i].number),
            }
        })
        .collect();
    // Running counts over the lines with text, for the windows: sums of whole numbers, so
    // the same as adding up each window.
    let prefix = |count: &dyn Fn(&Shape) -> usize| -> Vec<usize> {
        let mut sums = Vec::with_capacity(shapes.len() + 1);
        sums.push(0);
        for shape in &shapes {
            sums.push(sums[sums.len() - 1] + count(shape));
        }
        sums
    };
    let prefix_words = prefix(&|s| s.words as usize);
    let prefix_good = prefix(&|s| usize::from(s.good));
    let prefix_removed = prefix(&|s| usize::from(s.removed));
    // The longest run of good lines (blank lines do not break it), as text positions.
    let (mut best, mut start, mut run) = ((0, 0), 0, 0);
    for (at, shape) in shapes.iter().enumerate() {
        if shape.good {
            if run == 0 {
                start = at;
            }
            run += 1;
            if run > best.1 - best.0 {
                best = (start, at + 1);
            }
        } else {
            run = 0;
        }
    }
    let prose_total: usize = units
        .iter()
        .flatten()
        .filter(|u| u.prose)
        .map(|u| u.chars)
        .sum();
    let (extras, shares) = extra(doc, &units, &wanted, site);
    let mut prose_before = 0;
    let mut text_at = 0;
    let n = lines.len().max(1) as f32;
    let mut matrix = vec![0.0f32; lines.len() * NAMES.len()];
    for ((i, line), row) in lines
        .iter()
        .enumerate()
        .zip(matrix.chunks_exact_mut(NAMES.len()))
    {
        // Where line i stands, with `before` characters of prose above it.
        let position = |before: usize| {
            [
                i as f32 / n,
                (lines.len() - i) as f32 / n,
                if prose_total > 0 {
                    before as f32 / prose_total as f32
                } else {
                    0.0
                },
                log1p(lines.len() - i - 1),
            ]
        };
        let Some(unit) = &units[i] else {
            if wanted(i) {
                row[0] = 1.0;
                row[18..22].copy_from_slice(&position(prose_before));
                row[EXTRA..].copy_from_slice(&extras[i]);
            }
            continue;
        };
        let at = text_at;
        text_at += 1;
        let before = prose_before;
        if unit.prose {
            prose_before += unit.chars;
        }
        if !wanted(i) {
            continue;
        }
        let text = textshape::strip(&line.text);
        let [digits, upper] = shares[i];
        let class = unit.initial;
        let removed = removed_by(doc, line);
        let own = [
            0.0,
            log1p(unit.chars),
            log1p(unit.words),
            unit.stop_density as f32,
            unit.link_share as f32,
            f32::from(u8::from(textshape::ends_sentence(text))),
            f32::from(u8::from(unit.prose)),
            f32::from(u8::from(class == Class::Good)),
            f32::from(u8::from(class == Class::Near)),
            f32::from(u8::from(class == Class::Short)),
            f32::from(u8::from(class == Class::Bad)),
            digits,
            upper,
            f32::from(u8::from(classify::structured(&line.text))),
            f32::from(u8::from(removed[0])),
            f32::from(u8::from(removed[1])),
            f32::from(u8::from(removed[2])),
            f32::from(u8::from(removed[3])),
        ];
        row[..18].copy_from_slice(&own);
        row[18..22].copy_from_slice(&position(before));
        let inside = at >= best.0 && at < best.1 && best.1 > best.0;
        let distance = if best.1 == best.0 || inside {
            0
        } else if at < best.0 {
            best.0 - at
        } else {
            at + 1 - best.1
        };
        row[22] = f32::from(u8::from(inside));
        row[23] = log1p(distance);
        for (w, &k) in WINDOWS.iter().enumerate() {
            let from = at.saturating_sub(k);
            let to = (at + k + 1).min(shapes.len());
            let others = (to - from - 1).max(1) as f32;
            let sum = |prefix: &[usize], own: usize| (prefix[to] - prefix[from] - own) as f32;
            let shape = &shapes[at];
            let words = sum(&prefix_words, shape.words as usize);
            let good = sum(&prefix_good, usize::from(shape.good));
            let gone = sum(&prefix_removed, usize::from(shape.removed));
            row[24 + 3 * w] = (words / others).ln_1p();
            row[25 + 3 * w] = good / others;
            row[26 + 3 * w] = gone / others;
        }
        let neighbour = |shape: Option<&Shape>| match shape {
            Some(s) => [
                log1p(s.words as usize),
                s.stop_density,
                f32::from(u8::from(s.removed)),
            ],
            None => [0.0, 0.0, 1.0],
        };
        row[33..36].copy_from_slice(&neighbour(at.checked_sub(1).and_then(|j| shapes.get(j))));
        row[36..39].copy_from_slice(&neighbour(shapes.get(at + 1)));
        row[EXTRA..].copy_from_slice(&extras[i]);
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `char_counts` counts in one pass what separate passes over the characters and the
    /// whitespace-separated words count.
    #[test]
    fn one_pass_counts_the_characters_as_separate_passes_do() {
        for text in [
            "",
            "Home | News",
            "Das Ⅷ. Kapitel: 12 Äpfel, ½ Liter — und 3² Grad!",
            "  leading\tand\u{0b}odd\u{3000}spaces  ",
            "ΣΊΣΥΦΟΣ 2024 έτος",
            "日本語のテキスト、１２３",
            "x",
        ] {
            let counts = char_counts(text);
            let mut expected = CharCounts::default();
            for first in text.split_whitespace().filter_map(|w| w.chars().next()) {
                if first.is_alphabetic() {
                    expected.lettered += 1;
                    expected.titled += usize::from(first.is_uppercase());
                }
            }
            for c in text.chars() {
                expected.chars += 1;
                if c.is_numeric() {
                    expected.digits += 1;
                } else if c.is_alphabetic() {
                    expected.letters += 1;
                    expected.upper += usize::from(c.is_uppercase());
                }
                if !c.is_alphanumeric() && !c.is_whitespace() {
                    expected.marks += 1;
                }
            }
            assert_eq!(counts, expected, "{text:?}");
        }
    }
    use crate::document::Document;

    #[test]
    fn known_logarithms_are_those_computed() {
        for n in (0..2 * LOG1P_KNOWN).chain([usize::MAX / 2, 1 << 40]) {
            assert_eq!(log1p(n).to_bits(), (n as f32).ln_1p().to_bits(), "{n}");
        }
    }

    fn doc(lines: &[&str]) -> Document {
        Document::new("t", lines.iter().map(|s| s.to_string()))
    }

    fn column(name: &str) -> usize {
        NAMES
            .iter()
            .position(|n| *n == name)
            .expect("a feature name")
    }

    #[test]
    fn one_row_of_every_feature_per_line() {
        let d = doc(&[
            "Home",
            "",
            "A sentence of the article, long enough to count.",
            "Share",
        ]);
        let rows = line_features(&d, None, None);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|row| row.len() == NAMES.len()));
        assert_eq!(rows[1][column("blank")], 1.0);
        assert_eq!(rows[2][column("ends_sentence")], 1.0);
        assert_eq!(rows[0][column("ends_sentence")], 0.0);
        // Position runs from the start and from the end.
        assert_eq!(rows[0][column("position")], 0.0);
        assert_eq!(rows[3][column("log_lines_to_end")], 0.0);
    }

    #[test]
    fn other_pages_of_the_site_that_hold_a_line_are_counted() {
        use crate::repeats::{line_key, SiteGroup};

        let d = doc(&[
            "Sign in | Create account",
            "",
            "A sentence of the article, long enough to count.",
            "Popular this week: the river festival",
            "2024",
        ]);
        let key = |text: &str| line_key(text).expect("a key");
        let site = SiteGroup {
            docs: 5,
            // Template on all five pages; the teaser on three (the template floor is not
            // the table's to check here).
            template: [(key("Sign in | Create account"), 5)].into(),
            shared: [(key("Popular this week: the river festival"), 3)].into(),
        };
        let lines = |site| SiteLines::new(site, d.lines.iter().map(|l| (l.text.as_str(), l.blank)));
        let rows = line_features(&d, None, Some(&lines(&site)));
        let (others, share) = (column("site_others"), column("site_share"));
        assert_eq!((rows[0][others], rows[0][share]), (log1p(4), 1.0));
        assert_eq!((rows[3][others], rows[3][share]), (log1p(2), 0.5));
        // A line the table does not list, a blank line, a line with no key.
        for row in [&rows[2], &rows[1], &rows[4]] {
            assert_eq!((row[others], row[share]), (0.0, 0.0));
        }
        // Without a table, or with a group of one page, no line has other pages.
        let alone = SiteGroup {
            docs: 1,
            ..site.clone()
        };
        for rows in [
            line_features(&d, None, None),
            line_features(&d, None, Some(&lines(&alone))),
        ] {
            assert!(rows
                .iter()
                .all(|row| row[others] == 0.0 && row[share] == 0.0));
        }
        // Every other column is the same with the table as without it.
        let without = line_features(&d, None, None);
        for (with, without) in rows.iter().zip(&without) {
            assert_eq!(with[..others], without[..others]);
        }
    }

    #[test]
    fn removals_and_neighbours_are_seen() {
        let mut d = doc(&["Menu", "Text of the page.", "Footer"]);
        d.remove(1, 1, "rules", "nav.menu", "", None);
        d.remove(3, 3, "structure", "structure.after-article-end", "", None);
        let rows = line_features(&d, None, None);
        assert_eq!(rows[0][column("removed_rules")], 1.0);
        assert_eq!(rows[2][column("removed_structure")], 1.0);
        assert_eq!(rows[1][column("previous_removed")], 1.0);
        assert_eq!(rows[1][column("next_removed")], 1.0);
        assert_eq!(rows[1][column("window2_removed")], 1.0);
        // The first line has no previous line: counted as removed (a page edge).
        assert_eq!(rows[0][column("previous_removed")], 1.0);
    }

    #[test]
    fn the_share_of_a_line_that_span_rules_cut_is_seen() {
        let mut d = doc(&[
            "Mayor Jo Lee at the opening. © Foto: Stadt",
            "No credit here.",
        ]);
        d.remove_span(1, 29, 42, "rules", "credit.image", "");
        let rows = line_features(&d, None, None);
        assert_eq!(rows[0][column("span_cut")], 13.0 / 42.0);
        assert_eq!(rows[1][column("span_cut")], 0.0);
    }

    /// The units the document keeps give the rows that scoring every line gives.
    #[test]
    fn kept_units_give_the_same_rows() {
        let texts = [
            "Home",
            "",
            "The council voted on the money for the baths, which closed in the year 2011.",
            "Share on Facebook | Twitter",
            "A short line",
        ];
        let stoplist: Arc<Stoplist> = Arc::new(
            ["the", "on", "for", "in", "which", "a"]
                .map(String::from)
                .into_iter()
                .collect(),
        );
        let mut kept = doc(&texts);
        kept.remove(1, 1, "rules", "nav.menu", "", None);
        let fresh = line_features(&kept, Some(&stoplist), None);
        classify::open_units_kept(&kept, &stoplist);
        assert!(kept.scored_lines.get().is_some());
        assert_eq!(line_features(&kept, Some(&stoplist), None), fresh);
        assert_ne!(line_features(&kept, None, None), fresh);
    }

    #[test]
    fn blocks_repeats_and_the_title_are_seen() {
        let mut d = doc(&[
            "Home",
            "News",
            "Home",
            "",
            "Council votes on the baths",
            "",
            "Related: More stories:",
        ]);
        d.remove(5, 5, "header", TITLE_RULE, "", None);
        let rows = line_features(&d, None, None);
        let get = |line: usize, name: &str| rows[line][column(name)];
        assert_eq!(get(0, "repeated"), 1f32.ln_1p());
        assert_eq!(get(1, "repeated"), 0.0);
        assert_eq!(get(0, "block_lines"), 2f32.ln_1p());
        assert_eq!(get(1, "block_position"), 1.0 / 3.0);
        assert_eq!(get(4, "block_lines"), 0.0);
        assert_eq!(get(4, "title_case"), 0.2);
        assert_eq!(get(6, "ends_colon"), 1.0);
        assert_eq!(get(0, "before_title"), 1.0);
        assert_eq!(get(4, "before_title"), 0.0);
        assert_eq!(get(6, "log_lines_after_title"), 2f32.ln_1p());
        assert_eq!(get(3, "blank"), 1.0);
        assert_eq!(get(3, "block_lines"), 0.0);
    }

    #[test]
    fn coherence_is_the_share_of_words_the_prose_uses_too() {
        let stoplist: Arc<Stoplist> = Arc::new(
            [
                "the", "on", "for", "in", "which", "a", "of", "was", "to", "and", "it",
            ]
            .map(String::from)
            .into_iter()
            .collect(),
        );
        let d = doc(&[
            "The council voted on the money for the baths, which closed in the year 2011.",
            "The baths were the pride of the town, and the council wanted them open again.",
            "Council baths money",
            "Football scores tonight",
            "",
        ]);
        let rows = line_features(&d, Some(&stoplist), None);
        let coherence: Vec<f32> = rows.iter().map(|r| r[column("coherence")]).collect();
        // The first prose line shares council and baths (of its council, voted, money,
        // baths, closed, year) with the other; the headline-sized lines are measured
        // against both.
        assert_eq!(coherence[0], 2.0 / 6.0);
        assert_eq!(coherence[2], 1.0);
        assert_eq!(coherence[3], 0.0);
        assert_eq!(coherence[4], 0.0);
    }

    #[test]
    fn list_items_and_table_rows_are_marked_as_classify_marks_them() {
        let d = doc(&["- an item of a list here", "| a | row |", "Plain words"]);
        let rows = line_features(&d, None, None);
        let marked: Vec<f32> = rows.iter().map(|row| row[column("structured")]).collect();
        assert_eq!(marked, [1.0, 1.0, 0.0]);
    }
}
