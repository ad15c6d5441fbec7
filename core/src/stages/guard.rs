//! Over-removal check: an empty or mostly removed output is flagged, never passed on silently.
//!
//! With articles written apart each article is an output of its own, and is checked on its
//! own: a page's header, cut off as an "article", can come out empty while the page's article
//! does not.

use crate::document::{Document, Line};
use crate::textshape;

/// Thresholds of the over-removal guard (`[tool.cleaner.guard]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GuardConfig {
    pub max_removed_share: f64,
    pub min_body_chars: i64,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            max_removed_share: 0.8,
            min_body_chars: 1,
        }
    }
}

fn stripped_chars(text: &str) -> i64 {
    textshape::strip(text).chars().count() as i64
}

/// Characters of text in `lines`, without the whitespace around each.
pub fn text_chars(lines: &[Line]) -> i64 {
    lines.iter().map(|line| stripped_chars(&line.text)).sum()
}

/// Characters of text left in the body among `lines` once removals and spans are taken out.
pub fn kept_chars(doc: &Document, lines: &[Line]) -> i64 {
    let mut total = 0;
    for line in lines {
        if line.blank || doc.is_removed(line.number) {
            continue;
        }
        total += stripped_chars(&line.text);
        total -= doc
            .spans(line.number)
            .map(|r| r.text.chars().count() as i64)
            .sum::<i64>();
    }
    total
}

/// The flag an output with `kept` of `total` characters earns, if any.
pub fn verdict(total: i64, kept: i64, settings: &GuardConfig) -> Option<&'static str> {
    if kept < settings.min_body_chars {
        return Some("empty-output");
    }
    if total != 0 && (total - kept) as f64 / total as f64 > settings.max_removed_share {
        return Some("mostly-removed");
    }
    None
}

/// Count the characters in and kept, flag the document (and with `split_articles`, each
/// article) whose body came out empty or lost more than the allowed share.
pub fn run(doc: &mut Document, settings: &GuardConfig, split_articles: bool) {
    let total = text_chars(&doc.lines);
    let kept = kept_chars(doc, &doc.lines);
    doc.counters.insert("chars_in".into(), total);
    doc.counters.insert("chars_kept".into(), kept);
    if let Some(flag) = verdict(total, kept, settings) {
        doc.flags.push(flag.to_string());
    }
    let notes: Vec<String> = doc
        .flags
        .iter()
        .map(|flag| format!("guard: {flag} ({kept} of {total} characters kept)"))
        .collect();
    doc.warnings.extend(notes);
    if !split_articles || doc.articles.len() < 2 {
        return;
    }
    let mut found = Vec::with_capacity(doc.articles.len());
    for article in &doc.articles {
        let end = article.end_line.min(doc.lines.len());
        let start = article.start_line.clamp(1, end.max(1));
        let lines = if end == 0 {
            &[][..]
        } else {
            &doc.lines[start - 1..end]
        };
        found.push(verdict(text_chars(lines), kept_chars(doc, lines), settings));
    }
    for (article, flag) in doc.articles.iter_mut().zip(found) {
        if let Some(flag) = flag {
            if !doc.flags.iter().any(|f| f == flag) {
                article.flags.push(flag.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Article;

    fn article(index: usize, start_line: usize, end_line: usize) -> Article {
        Article {
            index,
            start_line,
            end_line,
            ..Article::default()
        }
    }

    #[test]
    fn counts_and_flags() {
        let mut doc = Document::new(
            "t",
            [" Kept text ", "", "Removed line here"].map(String::from),
        );
        doc.remove(3, 3, "rules", "r", "", None);
        run(&mut doc, &GuardConfig::default(), false);
        assert_eq!(doc.counters["chars_in"], 26);
        assert_eq!(doc.counters["chars_kept"], 9);
        assert!(doc.flags.is_empty() && doc.warnings.is_empty());
    }

    #[test]
    fn empty_and_mostly_removed() {
        let mut doc = Document::new("t", ["All of it goes"].map(String::from));
        doc.remove(1, 1, "rules", "r", "", None);
        run(&mut doc, &GuardConfig::default(), false);
        assert_eq!(doc.flags, ["empty-output"]);
        assert_eq!(
            doc.warnings,
            ["guard: empty-output (0 of 14 characters kept)"]
        );
        let settings = GuardConfig {
            max_removed_share: 0.5,
            min_body_chars: 1,
        };
        assert_eq!(verdict(10, 4, &settings), Some("mostly-removed"));
        assert_eq!(verdict(10, 5, &settings), None);
        assert_eq!(verdict(0, 0, &GuardConfig::default()), Some("empty-output"));
    }

    #[test]
    fn spans_count_as_removed_characters() {
        let mut doc = Document::new("t", ["Text — Foto: Ä"].map(String::from));
        doc.remove_span(1, 4, 14, "rules", "credit", "");
        assert_eq!(kept_chars(&doc, &doc.lines), 4);
    }

    #[test]
    fn articles_written_apart_are_checked_on_their_own() {
        let mut doc = Document::new(
            "t",
            ["Site header", "Headline here", "A long paragraph of text."].map(String::from),
        );
        doc.articles = vec![article(1, 1, 1), article(2, 2, 3)];
        doc.remove(1, 1, "rules", "r", "", None);
        run(&mut doc, &GuardConfig::default(), true);
        assert!(doc.flags.is_empty());
        assert_eq!(doc.articles[0].flags, ["empty-output"]);
        assert!(doc.articles[1].flags.is_empty());
    }
}
