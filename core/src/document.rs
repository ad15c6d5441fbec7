//! The data every stage shares: a document, the removals marked on it, and its metadata.
//!
//! Stages never edit the text. They mark `Removal` records over the normalized lines and fill
//! `ArticleMeta` fields; `render` builds the output once, at the end. That is what lets every
//! output be explained and replayed. Line numbers are 1-based; span columns count characters
//! (code points), as the sidecar gives them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::language::FxBuild;
use crate::textshape;

/// Empty lines an extractor's output has at most, as a share of its lines
/// (`Document::one_paragraph_per_line`).
const MAX_BLANK_SHARE: f64 = 0.02;
/// Words a line needs for `Document::hard_wrapped` to count it as a paragraph's line.
pub const WRAP_LINE_WORDS: usize = 6;
/// Such lines a text needs before it is judged hard-wrapped at all.
const WRAP_MIN_LINES: usize = 10;
/// The share of those lines that break off before a lower-case line in a hard-wrapped
/// text. Measured on the development sets: under 0.1 in nine texts of ten, page dumps and
/// extractor outputs alike; 0.26-0.38 in the wrapped mailing-list and documentation texts
/// that trafilatura extracts from `<pre>` blocks.
const WRAP_SHARE: f64 = 0.2;

/// Lines with text above a label in which `Document::heads_repeated_fields` looks for the
/// fields of the block before it, and below it for those of its own block.
const FIELDS_ABOVE: usize = 12;
const FIELDS_BELOW: usize = 6;
/// Words a field's name has at most ("Sound Card: …").
const FIELD_NAME_WORDS: usize = 3;
/// Distinct field names the two blocks must share.
const SHARED_FIELDS: usize = 2;

/// The field name of a "Name: value" line, lower-cased ("Processor: Intel Core i5" gives
/// "processor"), a list mark before it aside: up to `FIELD_NAME_WORDS` words of letters
/// before the first colon, and a value after a space ("https://…" and "10:30" are no
/// fields).
fn field_name(text: &str) -> Option<String> {
    let text = textshape::strip(text).trim_start_matches(['-', '*', '•', '·', '–', ' ']);
    let (name, value) = text.split_once(':')?;
    let words = name.split_whitespace().count();
    let letters = name
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    ((1..=FIELD_NAME_WORDS).contains(&words)
        && letters
        && value.starts_with([' ', '\t'])
        && !textshape::strip(value).is_empty())
    .then(|| name.trim().to_lowercase())
}

/// Whether `text` starts with a lower-case letter.
fn starts_lower(text: &str) -> bool {
    textshape::strip(text)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether `text` breaks off: it ends neither a sentence nor with a colon.
fn breaks_off(text: &str) -> bool {
    let text = textshape::strip(text);
    !textshape::ends_sentence(text) && !text.ends_with(':')
}

/// One line of the normalized text; `blank` (no visible text) is worked out once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
    pub blank: bool,
}

impl Line {
    pub fn new(number: usize, text: String) -> Self {
        let blank = textshape::strip(&text).is_empty();
        Line {
            number,
            text,
            blank,
        }
    }
}

/// Lines (or a span inside one line) that leave the body, and why.
///
/// `field` names the metadata field the text moved to, when it was header material rather
/// than residue. `columns` is set for span removals only: the half-open character range
/// inside line `start_line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub start_line: usize,
    pub end_line: usize,
    pub stage: String,
    pub rule: String,
    pub text: String,
    pub evidence: String,
    pub field: Option<String>,
    pub columns: Option<(usize, usize)>,
}

/// Article metadata; `sources` says where each filled field came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
    pub agency: Option<String>,
    pub dateline: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub sources: BTreeMap<String, String>,
}

/// One article inside a file: its line range (inclusive), its own metadata, and the guard's
/// flags for it when the articles are written apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub index: usize,
    pub start_line: usize,
    pub end_line: usize,
    pub meta: ArticleMeta,
    pub flags: Vec<String>,
}

/// `Document::removed_lines` of a line no removal has taken.
const NOT_REMOVED: usize = usize::MAX;

/// A document as the stages see it: its lines, what was marked on them, and its metadata.
///
/// `removed_lines` (by line number, `NOT_REMOVED` for an undecided line) and `line_spans`
/// index `removals` by line, so that asking whether a line is decided, or which spans it
/// has, costs no scan over every removal: the stages ask it of every line, several times.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub id: String,
    pub lines: Vec<Line>,
    pub removals: Vec<Removal>,
    removed_lines: Vec<usize>,
    line_spans: HashMap<usize, Vec<usize>, FxBuild>,
    pub meta: ArticleMeta,
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
    pub flags: Vec<String>,
    pub counters: BTreeMap<String, i64>,
    pub site_pack: Option<String>,
    pub tail_marker: Option<usize>,
    /// An HTML page's hyperlink texts, whitespace collapsed (the `links` stage's evidence).
    pub link_texts: HashSet<String>,
    pub body: String,
    /// Scratch space for a counter's name (`stage:rule`), kept so that counting a removal
    /// allocates only for a name the document has not counted yet.
    counter_name: String,
    /// The position (in `articles`) of the article whose metadata is the document's, once
    /// the header has found it.
    pub main_article: Option<usize>,
    /// The block scorer's units of the lines, kept by the structure stage for classify
    /// (`classify::open_units_kept`); empty until a stage scores the lines.
    pub scored_lines: std::sync::OnceLock<crate::stages::classify::ScoredLines>,
    /// The blank lines that held spaces or tabs before `normalize` emptied them, by number:
    /// what is left of the source's indentation inside one element of a page, which text
    /// taken from the page's elements keeps, not the empty line a page dump puts between
    /// two blocks.
    pub space_lines: Vec<usize>,
    /// The line model's score of each line (by number - 1) when the classify stage scored
    /// the document's lines with it (0 for a line it did not need); empty otherwise. The
    /// page-text view of an HTML page reads it (`restore`).
    pub model_scores: Vec<f64>,
    /// Why each open line the line model's verdict kept stayed, by line (number - 1), in
    /// line order: filled only when the classify stage is asked to explain (`cleaner
    /// explain`); a later stage may still remove such a line.
    pub kept_evidence: Vec<(usize, String)>,
}

impl Document {
    /// A document of the given lines (the normalized text split at `\n`), nothing decided.
    pub fn new(id: impl Into<String>, texts: impl IntoIterator<Item = String>) -> Self {
        let lines = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| Line::new(i + 1, t))
            .collect();
        Document {
            id: id.into(),
            lines,
            ..Document::default()
        }
    }

    /// The normalized text: the lines joined by newlines.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.lines.iter().map(|l| l.text.len() + 1).sum());
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&line.text);
        }
        text
    }

    /// Line `number` (1-based); the caller keeps it within the document.
    pub fn line(&self, number: usize) -> &Line {
        &self.lines[number - 1]
    }

    /// Extractor output: one paragraph per line, hardly an empty line between them (one
    /// may follow a table). Text dumps of whole pages separate their blocks by empty lines.
    /// A line that held only spaces is not one of them (`space_lines`): it is the source's
    /// indentation inside an element, which text taken from a page's elements keeps.
    pub fn one_paragraph_per_line(&self) -> bool {
        let text: Vec<&Line> = self.lines.iter().filter(|l| !l.blank).collect();
        if text.len() < 2 {
            return false;
        }
        let (first, last) = (text[0].number, text[text.len() - 1].number);
        let span = last - first + 1;
        let spaces = self
            .space_lines
            .iter()
            .filter(|&&number| (first..=last).contains(&number))
            .count();
        (span - text.len() - spaces) as f64 <= MAX_BLANK_SHARE * span as f64
    }

    /// Whether line `number` goes on with the sentence of the line with text before it, in
    /// a hard-wrapped text (`hard_wrapped`: "... or RFC to indicate a request for" /
    /// "comments."): it starts with a lower-case letter and that line breaks off, ending
    /// neither a sentence nor with a colon. Such a line is no heading, whatever a rule made
    /// of its words: it cannot mark where the article ends or its tail begins.
    pub fn continues_sentence(&self, number: usize) -> bool {
        let Some(index) = number.checked_sub(1).filter(|&i| i < self.lines.len()) else {
            return false;
        };
        starts_lower(&self.lines[index].text)
            && self.lines[..index]
                .iter()
                .rev()
                .find(|line| !line.blank)
                .is_some_and(|line| breaks_off(&line.text))
            && self.hard_wrapped()
    }

    /// Whether line `number` heads a second block of the fields of the block above it:
    /// most of the `FIELDS_BELOW` lines with text after it are "Name: value" lines, with at
    /// least `SHARED_FIELDS` names that lines among the `FIELDS_ABOVE` before it have too
    /// ("Minimum:" / "OS: …" / "Memory: …" … "Recommended:" / "OS: …" / "Memory: …").
    /// Such a line labels a part of the page's own list (system requirements, the columns
    /// of a specification), whatever a rule made of its words ("Recommended:" also heads
    /// lists of other stories): a list of teasers does not repeat the fields above it.
    ///
    /// A field that `dated` says is only a date ("Updated: 12 June 2023") is no name they
    /// share: the header and structure stages take such lines out, and cleaning the output
    /// again would judge the header without them.
    pub fn heads_repeated_fields(&self, number: usize, dated: impl Fn(&str) -> bool) -> bool {
        let Some(index) = number.checked_sub(1).filter(|&i| i < self.lines.len()) else {
            return false;
        };
        let below: Vec<&Line> = self.lines[index + 1..]
            .iter()
            .filter(|line| !line.blank)
            .take(FIELDS_BELOW)
            .collect();
        let names_below: Vec<(String, &Line)> = below
            .iter()
            .filter_map(|l| Some((field_name(&l.text)?, *l)))
            .collect();
        if names_below.len() * 2 <= below.len() {
            return false;
        }
        let above: HashSet<String> = self.lines[..index]
            .iter()
            .rev()
            .filter(|line| !line.blank)
            .take(FIELDS_ABOVE)
            .filter(|line| !dated(&line.text))
            .filter_map(|line| field_name(&line.text))
            .collect();
        let shared: HashSet<&String> = names_below
            .iter()
            .filter(|(name, line)| above.contains(name) && !dated(&line.text))
            .map(|(name, _)| name)
            .collect();
        shared.len() >= SHARED_FIELDS
    }

    /// Whether the text is an extractor's output (`one_paragraph_per_line`) with its
    /// paragraphs hard-wrapped, broken into lines of a width, as an extractor keeps the text
    /// of a `<pre>` block: of its lines of `WRAP_LINE_WORDS` words or more, at least
    /// `WRAP_SHARE` break off before a line that starts with a lower-case letter. Elsewhere
    /// in an extractor's output a paragraph is one line, and a long line followed by such a
    /// line is rare (a teaser's headline over a lower-case label). A page dump is left to
    /// the line model, which reads its lines in their neighbourhood.
    pub fn hard_wrapped(&self) -> bool {
        if !self.one_paragraph_per_line() {
            return false;
        }
        let texts: Vec<&str> = self
            .lines
            .iter()
            .filter(|line| !line.blank)
            .map(|line| line.text.as_str())
            .collect();
        let (mut long, mut wrapped) = (0usize, 0usize);
        for pair in texts.windows(2) {
            if textshape::words(pair[0]).len() >= WRAP_LINE_WORDS {
                long += 1;
                if breaks_off(pair[0]) && starts_lower(pair[1]) {
                    wrapped += 1;
                }
            }
        }
        long >= WRAP_MIN_LINES && wrapped as f64 >= WRAP_SHARE * long as f64
    }

    /// The removal that took line `number` out of the body, if one did (spans do not).
    pub fn removal_at(&self, number: usize) -> Option<&Removal> {
        self.removed_lines
            .get(number)
            .filter(|&&index| index != NOT_REMOVED)
            .map(|&index| &self.removals[index])
    }

    pub fn is_removed(&self, number: usize) -> bool {
        self.removed_lines
            .get(number)
            .is_some_and(|&index| index != NOT_REMOVED)
    }

    /// Count one removal by `stage` and `rule` (`stage:rule` in `counters`).
    fn count(&mut self, stage: &str, rule: &str) {
        let mut name = std::mem::take(&mut self.counter_name);
        name.clear();
        name.push_str(stage);
        name.push(':');
        name.push_str(rule);
        match self.counters.get_mut(name.as_str()) {
            Some(count) => *count += 1,
            None => {
                self.counters.insert(name.clone(), 1);
            }
        }
        self.counter_name = name;
    }

    /// A line no stage has decided yet and that carries text.
    pub fn is_open(&self, number: usize) -> bool {
        !self.is_removed(number) && !self.lines[number - 1].blank
    }

    /// The open lines from `start` to `end` (inclusive, 1-based; `None`: to the last line).
    pub fn open_lines(&self, start: usize, end: Option<usize>) -> Vec<&Line> {
        let last = end.unwrap_or(self.lines.len()).min(self.lines.len());
        if start == 0 || start > last {
            return Vec::new();
        }
        self.lines[start - 1..last]
            .iter()
            .filter(|line| !line.blank && !self.is_removed(line.number))
            .collect()
    }

    /// Mark lines `start..=end` as removed; lines already decided stay as they are. Each
    /// run of consecutive undecided lines becomes one removal; returns the index of the last
    /// one made, or `None` when every line in the range was already decided. The last
    /// removal made keeps `evidence` itself (a caller with a `String` hands it over).
    pub fn remove(
        &mut self,
        start: usize,
        end: usize,
        stage: &str,
        rule: &str,
        evidence: impl Into<String>,
        field: Option<&str>,
    ) -> Option<usize> {
        let numbers: Vec<usize> = (start..=end).filter(|n| !self.is_removed(*n)).collect();
        let runs = consecutive_runs(&numbers);
        let mut evidence = Some(evidence.into());
        let mut made = None;
        for (at, &(first, last)) in runs.iter().enumerate() {
            let evidence = if at + 1 == runs.len() {
                evidence.take().unwrap_or_default()
            } else {
                evidence.clone().unwrap_or_default()
            };
            let mut text = self.lines[first - 1].text.clone();
            for n in first + 1..=last {
                text.push('\n');
                text.push_str(&self.lines[n - 1].text);
            }
            let index = self.removals.len();
            self.removals.push(Removal {
                start_line: first,
                end_line: last,
                stage: stage.to_string(),
                rule: rule.to_string(),
                text,
                evidence,
                field: field.map(str::to_string),
                columns: None,
            });
            if self.removed_lines.len() <= last {
                self.removed_lines.resize(last + 1, NOT_REMOVED);
            }
            self.removed_lines[first..=last].fill(index);
            self.count(stage, rule);
            made = Some(index);
        }
        made
    }

    /// Mark columns `begin..end` (characters) of one line as removed, unless the line is
    /// removed already or the range overlaps an earlier span.
    pub fn remove_span(
        &mut self,
        number: usize,
        begin: usize,
        end: usize,
        stage: &str,
        rule: &str,
        evidence: &str,
    ) -> Option<usize> {
        if self.is_removed(number) {
            return None;
        }
        let overlaps = self.spans(number).any(|other| match other.columns {
            Some((b, e)) => begin < e && b < end,
            None => false,
        });
        if overlaps {
            return None;
        }
        let text: String = self.lines[number - 1]
            .text
            .chars()
            .skip(begin)
            .take(end.saturating_sub(begin))
            .collect();
        let index = self.removals.len();
        self.removals.push(Removal {
            start_line: number,
            end_line: number,
            stage: stage.to_string(),
            rule: rule.to_string(),
            text,
            evidence: evidence.to_string(),
            field: None,
            columns: Some((begin, end)),
        });
        self.line_spans.entry(number).or_default().push(index);
        self.count(stage, rule);
        Some(index)
    }

    /// The span removals inside line `number`, in the order they were made.
    pub fn spans(&self, number: usize) -> impl Iterator<Item = &Removal> {
        self.line_spans
            .get(&number)
            .into_iter()
            .flatten()
            .map(|&index| &self.removals[index])
    }

    /// The removals in the sidecar's order: by first line, spans by their columns after the
    /// line's whole-line removal, then by last line.
    pub fn sorted_removals(&self) -> Vec<&Removal> {
        let mut sorted: Vec<&Removal> = self.removals.iter().collect();
        sorted.sort_by_key(|r| {
            let columns = r.columns.map(|(b, e)| (b as i64, e as i64));
            (r.start_line, columns.unwrap_or((-1, -1)), r.end_line)
        });
        sorted
    }
}

/// Split sorted integers into maximal consecutive runs.
pub fn consecutive_runs(numbers: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == n => run.1 = n,
            _ => runs.push((n, n)),
        }
    }
    runs
}

/// A paragraph hard-wrapped at a width, for the tests of what reads
/// `Document::continues_sentence`.
#[cfg(test)]
pub(crate) const WRAPPED_PARAGRAPH: [&str; 10] = [
    "The maintainers ask that every patch in a series",
    "carries a number and a short subject line, so that",
    "reviewers can follow the series in their mail and",
    "answer each part of it on its own. When a series",
    "is sent again after changes, its version goes into",
    "the subject as well, and the cover letter lists what",
    "changed since the version before, one line for each",
    "change, with the name of whoever asked for it. A",
    "series that is not ready to be merged yet may say so",
    "in its subject too. Mark such a series as a request for",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// No line is only a date.
    fn undated(_: &str) -> bool {
        false
    }

    #[test]
    fn a_line_going_on_with_a_sentence_is_no_heading() {
        // A paragraph wrapped at a width, then the lines asked about.
        let wrapped = WRAPPED_PARAGRAPH;
        let probes = [
            "comments.",
            "The patches follow.",
            "comments",
            "Comments",
            "what the list said:",
            "comments below",
        ];
        let doc = Document::new("t", wrapped.iter().chain(&probes).map(|s| s.to_string()));
        assert!(doc.hard_wrapped());
        let goes_on: Vec<bool> = (wrapped.len() + 1..=doc.lines.len())
            .map(|number| doc.continues_sentence(number))
            .collect();
        // After a sentence's end or a colon a lower-case line is a line of its own; an
        // upper-case one always is.
        assert_eq!(goes_on, [true, false, false, false, true, false]);
        // The same lines under paragraphs of one line each, or in a page dump (blocks
        // apart by empty lines): no text goes on over a line.
        let paragraphs = wrapped.join(" ");
        let lines = std::iter::repeat_n(paragraphs.as_str(), 12)
            .chain(["Mark such a series as a request for"])
            .chain(probes);
        let doc = Document::new("t", lines.map(String::from));
        assert!(!doc.hard_wrapped());
        assert!(!doc.continues_sentence(14));
        let dump = wrapped.iter().chain(&probes).flat_map(|line| [*line, ""]);
        let doc = Document::new("t", dump.map(String::from));
        assert!(!doc.one_paragraph_per_line());
        assert!(!doc.hard_wrapped());
    }

    fn doc(lines: &[&str]) -> Document {
        Document::new("t", lines.iter().map(|s| s.to_string()))
    }

    #[test]
    fn a_label_over_the_fields_of_the_block_above_heads_a_part_of_it() {
        let requirements = doc(&[
            "Minimum:",
            "",
            "Requires a 64-bit processor and operating system",
            "OS: Windows 10 - 64-bit",
            "Processor: Intel® Core™ i5-2500K / AMD FX-6300",
            "Memory: 8 GB RAM",
            "Sound Card: Direct X Compatible",
            "",
            "Recommended:",
            "",
            "- OS: Windows 10 - 64-bit",
            "- Processor: Intel® Core™ i7-4770K / AMD Ryzen 5 1500X",
            "- Memory: 12 GB RAM",
            "- Sound Card: Direct X Compatible",
        ]);
        assert!(requirements.heads_repeated_fields(9, undated));
        assert!(
            !requirements.heads_repeated_fields(1, undated),
            "nothing above the first block"
        );
        // Teasers after a header, under an article with a field or two of its own.
        let teasers = doc(&[
            "Posted: 3 May 2021",
            "The council voted on Tuesday to close the library for good.",
            "Source: City council",
            "",
            "Recommended:",
            "Five parks to visit this summer",
            "Source: Parks department",
            "How the budget was spent",
            "Posted: 2 May 2021",
        ]);
        assert!(
            !teasers.heads_repeated_fields(5, undated),
            "fields are not most of the lines below"
        );
        let one_shared = doc(&[
            "Price: 20 euros",
            "Weight: 2 kg",
            "Related:",
            "Price: 30 euros",
            "Colour: red",
            "Size: large",
        ]);
        assert!(
            !one_shared.heads_repeated_fields(3, undated),
            "one name in common is not a block"
        );
        // A date field that later stages take out is no name in common: cleaned again, the
        // output would not have it.
        let with_dates = doc(&[
            "Copyright: Gisele Wender",
            "Updated: 12 June 2023 14:05",
            "Read more:",
            "Copyright: Gisele Wender",
            "Updated: 12 June 2023 14:05",
        ]);
        assert!(with_dates.heads_repeated_fields(3, undated));
        assert!(!with_dates.heads_repeated_fields(3, |text| text.starts_with("Updated:")));
        assert_eq!(
            field_name("Sound Card: Direct X"),
            Some("sound card".to_string())
        );
        assert_eq!(
            field_name("Read more: 12 things"),
            Some("read more".to_string())
        );
        assert_eq!(field_name("He said: no"), Some("he said".to_string()));
        assert_eq!(field_name("Note 1: text"), None);
        assert_eq!(field_name("Minimum:"), None);
        assert_eq!(field_name("https://example.org/a"), None);
        assert_eq!(field_name("Starts at 10:30"), None);
        assert_eq!(field_name("A long label of many words: x"), None);
    }

    #[test]
    fn lines_know_when_they_are_blank() {
        let d = doc(&["Text", "  ", "\u{1f}", ""]);
        let blank: Vec<bool> = d.lines.iter().map(|l| l.blank).collect();
        assert_eq!(blank, [false, true, true, true]);
        assert_eq!(d.line(1).number, 1);
    }

    #[test]
    fn remove_splits_around_decided_lines() {
        let mut d = doc(&["a", "b", "c", "d", "e"]);
        assert_eq!(d.remove(3, 3, "rules", "x", "", None), Some(0));
        assert_eq!(d.remove(1, 5, "structure", "y", "why", None), Some(2));
        assert_eq!(d.removals.len(), 3);
        assert_eq!((d.removals[1].start_line, d.removals[1].end_line), (1, 2));
        assert_eq!(d.removals[1].text, "a\nb");
        assert_eq!((d.removals[2].start_line, d.removals[2].end_line), (4, 5));
        assert_eq!(d.remove(2, 4, "guard", "z", "", None), None);
        assert_eq!(d.counters["structure:y"], 2);
        assert!(d.open_lines(1, None).is_empty());
    }

    #[test]
    fn spans_count_characters_and_do_not_overlap() {
        let mut d = doc(&["Fotó: Jane Doe — the rest"]);
        assert_eq!(d.remove_span(1, 0, 14, "rules", "credit", ""), Some(0));
        assert_eq!(d.removals[0].text, "Fotó: Jane Doe");
        assert_eq!(d.remove_span(1, 10, 20, "rules", "other", ""), None);
        assert_eq!(d.remove_span(1, 14, 17, "rules", "dash", ""), Some(1));
        assert_eq!(d.spans(1).count(), 2);
        // A removed line takes no span.
        d.remove(1, 1, "classify", "c", "", None);
        assert_eq!(d.remove_span(1, 20, 22, "rules", "late", ""), None);
    }

    #[test]
    fn sorted_removals_put_spans_after_their_line() {
        let mut d = doc(&["one two", "three", "four"]);
        d.remove(3, 3, "a", "a", "", None);
        d.remove_span(2, 1, 2, "b", "b", "");
        d.remove(1, 1, "c", "c", "", None);
        d.remove_span(2, 0, 1, "d", "d", "");
        let order: Vec<&str> = d
            .sorted_removals()
            .iter()
            .map(|r| r.rule.as_str())
            .collect();
        assert_eq!(order, ["c", "d", "b", "a"]);
    }

    #[test]
    fn text_joins_the_lines() {
        assert_eq!(doc(&["a", "", "c"]).text(), "a\n\nc");
        assert_eq!(doc(&[""]).text(), "");
    }

    #[test]
    fn runs() {
        assert_eq!(
            consecutive_runs(&[1, 2, 4, 5, 6, 9]),
            [(1, 2), (4, 6), (9, 9)]
        );
        assert!(consecutive_runs(&[]).is_empty());
    }
}
