//! Link lists of HTML pages: runs of lines that are each the whole text of a hyperlink.
//!
//! An extractor keeps a page's related-article lists, topic lists and link blocks when they
//! sit in the article's container, and its text no longer says they were links. The page
//! does: `extract` keeps every link's text (`Document::link_texts`). Two or more lines in a
//! row that are each exactly one link (a list bullet aside), none longer than a headline,
//! are a list of links to other pages, not the article's prose; a line a rule already
//! removed still counts in its run. Their items read as headlines (at least
//! `MIN_MEDIAN_WORDS` words for the middle one): lists of short names (show notes, a
//! glossary, the parts of a product) are more often the page's own content. A single
//! linked line is left alone, and so is a link whose text is its address (a URL or a
//! domain): lists of those are an article's sources and references.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::textshape::{split_words, strip};

pub const STAGE: &str = "links";
pub const RULE: &str = "links.link-list";
pub const MIN_RUN: usize = 2;
pub const MAX_WORDS: usize = 25;
pub const MIN_MEDIAN_WORDS: usize = 4;

/// A list bullet or item number at the start of a line.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-–•·*▪►»›]\s*|\d{1,3}[.)]\s+)").expect("valid pattern"));
/// A link text that is an address: a URL, or a domain with an optional path (whole text).
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?i:(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}(?:/\S*)?)\z")
        .expect("valid pattern")
});

/// The line without its bullet or item number.
fn unbulleted(text: &str) -> &str {
    BULLET.find(text).map_or(text, |m| &text[m.end()..])
}

/// `text` with each run of whitespace (`\s`, Unicode's White_Space, which is what
/// `char::is_whitespace` tests) written as one space, into `out` (cleared first).
fn collapse_spaces(text: &str, out: &mut String) {
    out.clear();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

/// The line, bullet aside, is the whole text of one link, no longer than a headline and
/// not the link's address.
///
/// Most lines of an article are longer than a headline: a line with more than
/// `MAX_WORDS + 1` words is answered before anything is copied, since taking the bullet
/// off a line takes at most one word from it (a bullet or an item number and the spaces
/// after it), and writing its spaces as one space takes none.
pub fn link_only(text: &str, links: &HashSet<String>) -> bool {
    if split_words(text).nth(MAX_WORDS + 1).is_some() {
        return false;
    }
    let mut collapsed = String::with_capacity(text.len());
    collapse_spaces(unbulleted(text), &mut collapsed);
    let text = strip(&collapsed);
    if text.is_empty() || split_words(text).count() > MAX_WORDS || ADDRESS.is_match(text) {
        return false;
    }
    links.contains(text)
}

/// The middle line of the run, by word count, is as long as a headline.
fn headline_sized(run: &[&str]) -> bool {
    let mut words: Vec<usize> = run
        .iter()
        .map(|text| split_words(unbulleted(text)).count())
        .collect();
    words.sort_unstable();
    words
        .get(words.len() / 2)
        .is_some_and(|&middle| middle >= MIN_MEDIAN_WORDS)
}

/// The runs of link-only lines of `doc` (line numbers), each a list of links to other pages.
pub fn link_runs(doc: &Document) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    if doc.link_texts.is_empty() {
        return runs;
    }
    let mut current: Vec<usize> = Vec::new();
    let texts = doc.lines.iter().filter(|line| !line.blank);
    for line in texts.map(Some).chain([None]) {
        if let Some(line) = line {
            if link_only(&line.text, &doc.link_texts) {
                current.push(line.number);
                continue;
            }
        }
        if current.len() >= MIN_RUN {
            let members: Vec<&str> = current.iter().map(|&n| doc.line(n).text.as_str()).collect();
            if headline_sized(&members) {
                runs.push(std::mem::take(&mut current));
            }
        }
        current.clear();
    }
    runs
}

/// Remove the runs of link-only lines (`link_runs`), each line with the run's length as
/// evidence; `off` says the stage's rule is switched off.
pub fn run(doc: &mut Document, off: bool) {
    if off {
        return;
    }
    for run in link_runs(doc) {
        let evidence = format!(
            "one of {} lines in a row that are each a whole link",
            run.len()
        );
        for number in run {
            if doc.is_open(number) {
                doc.remove(number, number, STAGE, RULE, &evidence, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str], links: &[&str]) -> Document {
        let mut doc = Document::new("t", lines.iter().map(|s| s.to_string()));
        doc.link_texts = links.iter().map(|s| s.to_string()).collect();
        doc
    }

    fn links(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_line_is_a_link_bullet_and_spacing_aside() {
        let set = links(&["Straße wird für den Verkehr gesperrt", "1 2 3"]);
        assert!(link_only("• Straße  wird für\tden Verkehr gesperrt ", &set));
        assert!(link_only("12. Straße wird für den Verkehr gesperrt", &set));
        assert!(link_only("1 2 3", &set));
        // "1 " is no item number (it needs a point or a bracket).
        assert!(!link_only("1 Straße wird für den Verkehr gesperrt", &set));
        assert!(!link_only("Straße wird für den Verkehr", &set));
        assert!(!link_only("  ", &set));
    }

    #[test]
    fn addresses_and_long_links_are_no_list_items() {
        let long = vec!["word"; MAX_WORDS + 1].join(" ");
        let set = links(&["www.example.com", "Example.co.uk/path", "Zürich.ch", &long]);
        for text in ["www.example.com", "Example.co.uk/path", "Zürich.ch", &long] {
            assert!(!link_only(text, &set), "{text}");
        }
        let set = links(&["example.c"]);
        assert!(link_only("example.c", &set));
    }

    #[test]
    fn runs_of_headline_links_are_removed() {
        let mut doc = page(
            &[
                "Article text that is not a link.",
                "- Über die Brücke kommt der Zug",
                "",
                "- Neue Straße für die Stadt geplant",
                "Short link",
                "Article text that is not a link.",
                "Lone link with enough words here",
            ],
            &[
                "Über die Brücke kommt der Zug",
                "Neue Straße für die Stadt geplant",
                "Short link",
                "Lone link with enough words here",
            ],
        );
        doc.remove(4, 4, "rules", "earlier", "", None);
        run(&mut doc, false);
        let got: Vec<(usize, &str, &str)> = doc.removals[1..]
            .iter()
            .map(|r| (r.start_line, r.rule.as_str(), r.evidence.as_str()))
            .collect();
        let evidence = "one of 3 lines in a row that are each a whole link";
        // The removed line counts in the run and stays as it was; the middle of 6, 6, 2
        // words is 6.
        assert_eq!(got, [(2, RULE, evidence), (5, RULE, evidence)]);
        assert_eq!(doc.counters["links:links.link-list"], 2);
    }

    /// `link_only` as it was written first: the spaces collapsed by a regex, every line
    /// copied. Returns the answer and the text it looked up.
    fn reference(text: &str, links: &HashSet<String>) -> (bool, String) {
        static SPACES: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\s+").expect("valid pattern"));
        let collapsed = SPACES.replace_all(unbulleted(text), " ");
        let text = strip(&collapsed);
        let looked_up = text.to_string();
        if text.is_empty() || split_words(text).count() > MAX_WORDS || ADDRESS.is_match(text) {
            return (false, looked_up);
        }
        (links.contains(text), looked_up)
    }

    fn same_as_reference(line: &str) {
        let (_, key) = reference(line, &HashSet::new());
        let set = links(&[key.as_str()]);
        assert_eq!(link_only(line, &set), reference(line, &set).0, "{line:?}");
        assert!(!link_only(line, &HashSet::new()), "{line:?}");
    }

    #[test]
    fn the_early_exit_and_the_collapse_answer_as_the_regex_did() {
        let words = |n: usize| vec!["word"; n].join(" ");
        for n in [
            MAX_WORDS - 1,
            MAX_WORDS,
            MAX_WORDS + 1,
            MAX_WORDS + 2,
            MAX_WORDS + 3,
        ] {
            for prefix in [
                "", "- ", "-", "• ", "12. ", "1.", " \t* ", "\u{1c}", "\u{a0}- ",
            ] {
                same_as_reference(&format!("{prefix}{}", words(n)));
                same_as_reference(&format!("{prefix}{}\u{2003}\u{1d}x", words(n)));
            }
        }
        for line in [
            "a\u{1c}b c",
            "  a \u{3000} b ",
            "\u{85}x\u{2028}y",
            "",
            "   ",
        ] {
            same_as_reference(line);
        }
        crate::devdata::each_dump_line(same_as_reference);
    }

    #[test]
    fn short_items_single_links_and_switched_off() {
        let lines = ["Home", "News", "Sport", "Text.", "One two three four"];
        let set = ["Home", "News", "Sport", "One two three four"];
        let mut doc = page(&lines, &set);
        run(&mut doc, false);
        assert!(doc.removals.is_empty());
        let lines = ["One two three four", "Five six seven eight"];
        let set = ["One two three four", "Five six seven eight"];
        let mut doc = page(&lines, &set);
        run(&mut doc, true);
        assert!(doc.removals.is_empty());
        run(&mut doc, false);
        assert_eq!(doc.removals.len(), 2);
        let mut doc = page(&lines, &[]);
        run(&mut doc, false);
        assert!(doc.removals.is_empty());
    }
}
