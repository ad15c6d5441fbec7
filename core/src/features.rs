//! Per-line features of a document as the stages before `classify` leave it: what a learned
//! keep-or-drop model of page-dump lines reads, one row per line.
//!
//! A line's own shape (length, words, stopword density, link share, sentence end, a list or
//! table mark, the block scorer's class of it), what the stages before did with it (removed
//! by the rules, links, header or structure), where it stands (position from each end, share of the page's prose
//! before it, distance to the longest run of good lines) and its neighbourhood (windows of
//! ±2, ±5 and ±10 lines with text: mean words, share of good lines, share of removed lines;
//! the previous and next line with text). Blank lines get a row too (`blank` set), so that
//! rows and lines match one to one.

use std::sync::Arc;

use crate::document::{Document, Line};
use crate::language::{self, Stoplist};
use crate::stages::classify::{self, Class};
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
];

const WINDOWS: [usize; 3] = [2, 5, 10];

/// What one line with text contributes to its neighbours' windows.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    words: f32,
    stop_density: f32,
    good: bool,
    removed: bool,
}

fn shares(text: &str) -> (f32, f32) {
    let (mut chars, mut digits, mut letters, mut upper) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_numeric() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    let ratio = |part: usize, whole: usize| {
        if whole > 0 {
            part as f32 / whole as f32
        } else {
            0.0
        }
    };
    (ratio(digits, chars), ratio(upper, letters))
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

fn log1p(value: usize) -> f32 {
    (value as f32).ln_1p()
}

/// One row of `NAMES.len()` features per line of `doc`; `stoplist` is the document's
/// language's (None: no stopwords are known, every density is 0).
pub fn line_features(doc: &Document, stoplist: Option<&Arc<Stoplist>>) -> Vec<Vec<f32>> {
    let empty = Stoplist::default();
    let stoplist: &Stoplist = stoplist.map_or(&empty, |s| s.as_ref());
    let lines = &doc.lines;
    let mut units = Vec::with_capacity(lines.len());
    for line in lines {
        units.push((!line.blank).then(|| {
            let (words, stops) = language::counts(&line.text, stoplist);
            classify::score_line(line, words, stops)
        }));
    }
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
    let mut prose_before = 0;
    let mut text_at = 0;
    let n = lines.len().max(1) as f32;
    let mut rows = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let mut row = vec![0.0f32; NAMES.len()];
        let position = [
            i as f32 / n,
            (lines.len() - i) as f32 / n,
            if prose_total > 0 {
                prose_before as f32 / prose_total as f32
            } else {
                0.0
            },
            log1p(lines.len() - i - 1),
        ];
        let Some(unit) = &units[i] else {
            row[0] = 1.0;
            row[18..22].copy_from_slice(&position);
            rows.push(row);
            continue;
        };
        let text = textshape::strip(&line.text);
        let (digits, upper) = shares(text);
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
        row[18..22].copy_from_slice(&position);
        let at = text_at;
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
            let around = shapes[from..to]
                .iter()
                .enumerate()
                .filter(|&(j, _)| from + j != at);
            let (mut words, mut good, mut gone) = (0.0, 0.0, 0.0);
            for (_, shape) in around {
                words += shape.words;
                good += f32::from(u8::from(shape.good));
                gone += f32::from(u8::from(shape.removed));
            }
            row[24 + 3 * w] = (words / others).ln_1p();
            row[25 + 3 * w] = good / others;
            row[26 + 3 * w] = gone / others;
        }
        let neighbour = |shape: Option<&Shape>| match shape {
            Some(s) => [
                s.words.ln_1p(),
                s.stop_density,
                f32::from(u8::from(s.removed)),
            ],
            None => [0.0, 0.0, 1.0],
        };
        row[33..36].copy_from_slice(&neighbour(at.checked_sub(1).and_then(|j| shapes.get(j))));
        row[36..39].copy_from_slice(&neighbour(shapes.get(at + 1)));
        if unit.prose {
            prose_before += unit.chars;
        }
        text_at += 1;
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

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
        let rows = line_features(&d, None);
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
    fn removals_and_neighbours_are_seen() {
        let mut d = doc(&["Menu", "Text of the page.", "Footer"]);
        d.remove(1, 1, "rules", "nav.menu", "", None);
        d.remove(3, 3, "structure", "structure.after-article-end", "", None);
        let rows = line_features(&d, None);
        assert_eq!(rows[0][column("removed_rules")], 1.0);
        assert_eq!(rows[2][column("removed_structure")], 1.0);
        assert_eq!(rows[1][column("previous_removed")], 1.0);
        assert_eq!(rows[1][column("next_removed")], 1.0);
        assert_eq!(rows[1][column("window2_removed")], 1.0);
        // The first line has no previous line: counted as removed (a page edge).
        assert_eq!(rows[0][column("previous_removed")], 1.0);
    }

    #[test]
    fn list_items_and_table_rows_are_marked_as_classify_marks_them() {
        let d = doc(&["- an item of a list here", "| a | row |", "Plain words"]);
        let rows = line_features(&d, None);
        let marked: Vec<f32> = rows.iter().map(|row| row[column("structured")]).collect();
        assert_eq!(marked, [1.0, 1.0, 0.0]);
    }
}
