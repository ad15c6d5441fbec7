//! Apply the rule registry: the site pack that recognises the document, then generic packs.
//!
//! The shell chooses the site pack (`Registry.site_pack`, which the counting pass asks too)
//! and the rules that apply, in the order they are tried; this stage matches them against
//! the open lines in one scan (`RuleSet::scan`) and marks what they find. A line's zone
//! (head, tail) is its place among the lines with text; a whole-line rule removes the line,
//! its paragraph block, or the line as a tail marker; span rules cut parts of a line,
//! widened over the whitespace they would leave behind.

use std::fmt;

use crate::document::Document;
use crate::pychar;
use crate::rules::{Rule, RuleSet, Scope, Verdict, BACKTRACK_LIMIT, HEAD, TAIL};
use crate::stages::structure;
use crate::textshape::is_space;

pub const STAGE: &str = "rules";

/// The site pack the shell found for the document: its name, its site, and why it applies.
#[derive(Debug, Clone, Copy)]
pub struct SitePack<'a> {
    pub name: &'a str,
    pub site: &'a str,
    pub reason: &'a str,
}

/// A look-around rule that ran past the backtrack limit on a line: the document fails with
/// the rule and the line named, and the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// Index of the rule in the rule set.
    pub rule: usize,
    pub rule_id: String,
    /// Line number (1-based).
    pub line: usize,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rule {} on line {} ran past the backtrack limit ({} steps)",
            pychar::repr(&self.rule_id),
            self.line,
            thousands(BACKTRACK_LIMIT)
        )
    }
}

/// `n` with a comma between groups of three digits, as Python's `{:,}` writes it.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The zones (a mask of `HEAD` and `TAIL`) of the text line at `position` (0-based among
/// `total` lines with text): the first and the last third of them, at least one line each.
pub fn zone_of(position: usize, total: usize) -> u8 {
    let third = (total as f64 / 3.0).max(1.0);
    let at = position as f64;
    let mut zone = 0;
    if at < third {
        zone |= HEAD;
    }
    if at >= total as f64 - third {
        zone |= TAIL;
    }
    zone
}

/// Mark the lines and spans the rules of `view` (indexes into `rules`, in the order they
/// are tried) match; `pack` is the site pack the shell chose, whose name and site the
/// document records.
pub fn run(
    doc: &mut Document,
    rules: &RuleSet,
    view: &[usize],
    pack: Option<SitePack<'_>>,
) -> Result<(), LimitError> {
    if let Some(pack) = pack {
        doc.site_pack = Some(pack.name.to_string());
        let unset = doc.meta.site.as_deref().is_none_or(str::is_empty);
        if !pack.site.is_empty() && unset {
            doc.meta.site = Some(pack.site.to_string());
            doc.meta.sources.insert(
                "site".to_string(),
                format!("rules.site-pack ({})", pack.reason),
            );
        }
    }
    let texts: Vec<usize> = doc
        .lines
        .iter()
        .filter(|line| !line.blank)
        .map(|line| line.number)
        .collect();
    let open: Vec<(usize, u8)> = texts
        .iter()
        .enumerate()
        .filter(|(_, &number)| !doc.is_removed(number))
        .map(|(position, &number)| (number, zone_of(position, texts.len())))
        .collect();
    let lines: Vec<&str> = open
        .iter()
        .map(|&(number, _)| doc.line(number).text.as_str())
        .collect();
    let zones: Vec<u8> = open.iter().map(|&(_, zone)| zone).collect();
    let verdicts = rules.scan(view, &lines, &zones).map_err(|e| LimitError {
        rule: e.rule,
        rule_id: rules.rules()[e.rule].id.clone(),
        line: open[e.line].0,
    })?;
    let every = rules.rules();
    for (&(number, zone), verdict) in open.iter().zip(verdicts) {
        if doc.is_removed(number) {
            continue;
        }
        match verdict {
            Verdict::Keep => {}
            Verdict::Whole(rule) => apply(doc, &every[rule], number, zone & TAIL != 0),
            Verdict::Spans(found) => spans(doc, every, number, &found),
        }
    }
    Ok(())
}

/// Remove the matched line (or block); a tail rule in the tail zone starts the tail, unless
/// the line goes on with the sentence before it (hard-wrapped text). A tail rule's line that
/// heads a second block of the fields above it ("Recommended:" over system requirements
/// like those under "Minimum:") labels the page's own list and is left alone.
fn apply(doc: &mut Document, rule: &Rule, number: usize, in_tail: bool) {
    if rule.scope == Scope::Tail {
        let language = doc.meta.language.as_deref();
        let dated = |text: &str| structure::date_only(text, language).is_some();
        if doc.heads_repeated_fields(number, dated) {
            return;
        }
    }
    let mut end = number;
    if rule.scope == Scope::Block {
        while end < doc.lines.len() && !doc.line(end + 1).blank {
            end += 1;
        }
    }
    doc.remove(number, end, STAGE, &rule.id, &rule.summary, None);
    if rule.scope == Scope::Tail
        && in_tail
        && !doc.continues_sentence(number)
        && doc.tail_marker.is_none_or(|at| number < at)
    {
        doc.tail_marker = Some(number);
    }
}

/// Mark span matches (rule by rule, each rule's left to right); a line that the spans
/// would empty is removed whole instead, under the first span's rule.
fn spans(doc: &mut Document, every: &[Rule], number: usize, found: &[(usize, usize, usize)]) {
    let chars: Vec<char> = doc.line(number).text.chars().collect();
    let Some(&(_, _, first)) = found.first() else {
        return;
    };
    let mut covered: Vec<(usize, usize)> = found.iter().map(|&(b, e, _)| (b, e)).collect();
    covered.sort_unstable();
    let mut at = 0;
    let mut empties = true;
    for (begin, end) in covered.into_iter().chain([(chars.len(), chars.len())]) {
        let begin = begin.min(chars.len());
        if at < begin && !chars[at..begin].iter().all(|&c| is_space(c)) {
            empties = false;
            break;
        }
        at = at.max(end.min(chars.len()));
    }
    if empties {
        let rule = &every[first];
        doc.remove(number, number, STAGE, &rule.id, &rule.summary, None);
        return;
    }
    for (begin, end, rule) in widen_spans(&chars, found) {
        let rule = &every[rule];
        doc.remove_span(number, begin, end, STAGE, &rule.id, &rule.summary);
    }
}

/// White space as the `regex` module's `\s` has it: Unicode's, without the four
/// information separators U+001C..U+001F that `str.isspace` also counts.
fn regex_space(c: char) -> bool {
    c.is_whitespace()
}

/// The spans that do not overlap an earlier one, in line order, each widened over the
/// whitespace it would leave at the end or start of the kept text, or doubled inside it.
///
/// Without this a caption credit cut from the end of a line left a trailing space in the
/// body, and cleaning the output again gave a different text. The whitespace goes into the
/// removal's text, so replaying the removals still gives the line back exactly. Offsets
/// are code points of `chars`.
pub fn widen_spans(chars: &[char], found: &[(usize, usize, usize)]) -> Vec<(usize, usize, usize)> {
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    for &(begin, end, rule) in found {
        if chosen.iter().all(|&(b, e, _)| end <= b || e <= begin) {
            chosen.push((begin, end, rule));
        }
    }
    chosen.sort_by_key(|span| span.0);
    let length = chars.len();
    let gaps: Vec<(usize, usize)> = std::iter::once(0)
        .chain(chosen.iter().map(|span| span.1))
        .zip(chosen.iter().map(|span| span.0).chain([length]))
        .map(|(a, b)| (a.min(length), b.min(length)))
        .collect();
    let visible = |&(a, b): &(usize, usize)| (a..b).filter(|&i| !regex_space(chars[i]));
    let first = gaps
        .iter()
        .find_map(|gap| visible(gap).next())
        .unwrap_or(length);
    let last = gaps.iter().rev().find_map(|gap| visible(gap).next_back());
    let mut widened = Vec::with_capacity(chosen.len());
    let mut floor = 0;
    for (index, &(mut begin, mut end, rule)) in chosen.iter().enumerate() {
        let ceiling = chosen.get(index + 1).map_or(length, |span| span.0);
        if last.is_none_or(|last| last < begin) {
            while begin > floor && chars.get(begin - 1).is_some_and(|&c| is_space(c)) {
                begin -= 1;
            }
        } else if first >= end || (begin > 0 && chars.get(begin - 1).is_some_and(|&c| is_space(c)))
        {
            while end < ceiling && chars.get(end).is_some_and(|&c| is_space(c)) {
                end += 1;
            }
        }
        widened.push((begin, end, rule));
        floor = end;
    }
    widened
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::WRAPPED_PARAGRAPH;
    use crate::rules::Definition;

    fn rule(id: &str, pattern: &str, scope: Scope, zone: u8) -> Definition {
        let summary = format!("summary of {id}");
        (id.to_string(), pattern.to_string(), scope, zone, summary)
    }

    fn doc(lines: &[&str]) -> Document {
        Document::new("t", lines.iter().map(|s| s.to_string()))
    }

    type Seen<'a> = (usize, usize, &'a str, &'a str, Option<(usize, usize)>);

    fn removed(doc: &Document) -> Vec<Seen<'_>> {
        doc.removals
            .iter()
            .map(|r| {
                let (start, end) = (r.start_line, r.end_line);
                (start, end, r.rule.as_str(), r.text.as_str(), r.columns)
            })
            .collect()
    }

    #[test]
    fn zones_are_the_first_and_last_thirds() {
        let zones: Vec<u8> = (0..6).map(|p| zone_of(p, 6)).collect();
        assert_eq!(zones, [HEAD, HEAD, 0, 0, TAIL, TAIL]);
        // A short document: at least one line each, and a line may be both.
        assert_eq!(zone_of(0, 1), HEAD | TAIL);
        assert_eq!((zone_of(0, 2), zone_of(1, 2)), (HEAD, TAIL));
        let zones: Vec<u8> = (0..4).map(|p| zone_of(p, 4)).collect();
        assert_eq!(zones, [HEAD, HEAD, 0, TAIL]);
        let zones: Vec<u8> = (0..7).map(|p| zone_of(p, 7)).collect();
        assert_eq!(zones, [HEAD, HEAD, HEAD, 0, 0, TAIL, TAIL]);
    }

    #[test]
    fn zones_count_the_lines_with_text_removed_or_not() {
        let set = RuleSet::new([
            rule("top", "Top", Scope::Line, HEAD),
            rule("end", "End", Scope::Line, TAIL),
        ])
        .expect("valid rules");
        // Seven lines with text (thirds of 2.33): blank lines do not count, a removed one does.
        let mut d = doc(&["x", "", "Top", "", "a", "Top", "End", "End", "End"]);
        d.remove(1, 1, "earlier", "e", "", None);
        run(&mut d, &set, &[0, 1], None).expect("no overrun");
        let got: Vec<(usize, &str)> = d.removals[1..]
            .iter()
            .map(|r| (r.start_line, r.rule.as_str()))
            .collect();
        assert_eq!(got, [(3, "top"), (8, "end"), (9, "end")]);
    }

    #[test]
    fn line_block_and_tail_scopes() {
        let set = RuleSet::new([
            rule("line", "Share", Scope::Line, 0),
            rule("block", "Related:", Scope::Block, 0),
            rule("tail", "Comments", Scope::Tail, 0),
        ])
        .expect("valid rules");
        let mut d = doc(&[
            "Comments",
            "Body text one.",
            "Share",
            "Body text two.",
            "",
            "Related:",
            "First teaser",
            "Second teaser",
            "",
            "Comments",
            "Comments",
        ]);
        d.remove(7, 7, "earlier", "e", "", None);
        run(&mut d, &set, &[0, 1, 2], None).expect("no overrun");
        assert_eq!(
            removed(&d)[1..],
            [
                (1, 1, "tail", "Comments", None),
                (3, 3, "line", "Share", None),
                (6, 6, "block", "Related:", None),
                (8, 8, "block", "Second teaser", None),
                (10, 10, "tail", "Comments", None),
                (11, 11, "tail", "Comments", None),
            ]
        );
        assert_eq!(d.removals[2].evidence, "summary of line");
        assert_eq!(d.counters["rules:block"], 2);
        // The first line is in the head zone only: the marker is the first in the tail.
        assert_eq!(d.tail_marker, Some(10));
        // A marker already set before the first one here stays.
        let mut d = doc(&["a", "b", "Comments"]);
        d.tail_marker = Some(2);
        run(&mut d, &set, &[2], None).expect("no overrun");
        assert_eq!(d.tail_marker, Some(2));
        // A line that goes on with the sentence before it (hard-wrapped text) is removed
        // by its rule but starts no tail.
        let lines: Vec<&str> = WRAPPED_PARAGRAPH.into_iter().chain(["comments"]).collect();
        let mut d = doc(&lines);
        let set = RuleSet::new([rule("tail", "(?i)comments", Scope::Tail, 0)]).expect("valid");
        run(&mut d, &set, &[0], None).expect("no overrun");
        assert_eq!(removed(&d), [(11, 11, "tail", "comments", None)]);
        assert_eq!(d.tail_marker, None);
        // A header over the fields of the block above it labels the page's own list: it
        // is left, and starts no tail; the same header over teasers is a marker.
        let set = RuleSet::new([rule("tail", "Recommended:", Scope::Tail, 0)]).expect("valid");
        let fields = ["OS: Windows 10", "Memory: 8 GB RAM", "Storage: 150 GB"];
        let lines: Vec<&str> = ["Minimum:"]
            .into_iter()
            .chain(fields)
            .chain(["Recommended:"])
            .chain(fields)
            .collect();
        let mut d = doc(&lines);
        run(&mut d, &set, &[0], None).expect("no overrun");
        assert!(removed(&d).is_empty());
        assert_eq!(d.tail_marker, None);
        let lines: Vec<&str> = ["Minimum:"]
            .into_iter()
            .chain(fields)
            .chain(["Recommended:", "Five parks to visit this summer"])
            .collect();
        let mut d = doc(&lines);
        run(&mut d, &set, &[0], None).expect("no overrun");
        assert_eq!(removed(&d), [(5, 5, "tail", "Recommended:", None)]);
        assert_eq!(d.tail_marker, Some(5));
    }

    #[test]
    fn the_rules_are_tried_in_the_given_order() {
        let set = RuleSet::new([
            rule("a", "(?i)share", Scope::Line, 0),
            rule("b", "(?i)sha.e", Scope::Line, 0),
        ])
        .expect("valid rules");
        let mut d = doc(&["Share"]);
        run(&mut d, &set, &[1, 0], None).expect("no overrun");
        assert_eq!(d.removals[0].rule, "b");
        let mut d = doc(&["Share"]);
        run(&mut d, &set, &[], None).expect("no overrun");
        assert!(d.removals.is_empty());
    }

    #[test]
    fn spans_are_widened_over_the_space_they_leave() {
        let set = RuleSet::new([
            rule("credit", r"\(Foto: [^)]*\)", Scope::Span, 0),
            rule("arrow", "→", Scope::Span, 0),
        ])
        .expect("valid rules");
        let mut d = doc(&[
            "Straße in Zürich (Foto: Jörg)",
            "(Foto: Ü)  Blick über den Fluß",
            "Ärger → mehr  (Foto: Ö) → Öl",
            " (Foto: Ä) → ",
        ]);
        run(&mut d, &set, &[0, 1], None).expect("no overrun");
        assert_eq!(
            removed(&d),
            [
                (1, 1, "credit", " (Foto: Jörg)", Some((16, 29))),
                (2, 2, "credit", "(Foto: Ü)  ", Some((0, 11))),
                (3, 3, "arrow", "→ ", Some((6, 8))),
                (3, 3, "credit", "(Foto: Ö) ", Some((14, 24))),
                (3, 3, "arrow", "→ ", Some((24, 26))),
                (4, 4, "credit", " (Foto: Ä) → ", None),
            ]
        );
        assert_eq!(d.removals[5].evidence, "summary of credit");
    }

    #[test]
    fn widening_keeps_to_the_gaps_between_spans() {
        let chars: Vec<char> = "ab  xy  cd".chars().collect();
        // Overlapping spans: the later one is dropped; spans come back in line order.
        let got = widen_spans(&chars, &[(8, 10, 1), (4, 6, 0), (5, 9, 2)]);
        assert_eq!(got, [(2, 6, 0), (6, 10, 1)]);
        // A span at the end takes the space before it, down to the previous span.
        let chars: Vec<char> = "ab \u{1f}xy".chars().collect();
        assert_eq!(widen_spans(&chars, &[(4, 6, 0)]), [(2, 6, 0)]);
        // Only the regex module's `\s` counts as space when finding the kept text: a
        // separator U+001F is kept text, so the span takes the space after it instead.
        let chars: Vec<char> = "a xy\u{1f}".chars().collect();
        assert_eq!(widen_spans(&chars, &[(2, 4, 0)]), [(2, 5, 0)]);
    }

    #[test]
    fn the_site_pack_is_recorded() {
        let set = RuleSet::new([rule("a", "x", Scope::Line, 0)]).expect("valid rules");
        let pack = SitePack {
            name: "gazette",
            site: "gazette.example",
            reason: "url host gazette.example",
        };
        let mut d = doc(&["text"]);
        run(&mut d, &set, &[0], Some(pack)).expect("no overrun");
        assert_eq!(d.site_pack.as_deref(), Some("gazette"));
        assert_eq!(d.meta.site.as_deref(), Some("gazette.example"));
        assert_eq!(
            d.meta.sources["site"],
            "rules.site-pack (url host gazette.example)"
        );
        // A site already known stays, with its source.
        let mut d = doc(&["text"]);
        d.meta.site = Some("other.example".into());
        d.meta.sources.insert("site".into(), "html".into());
        run(&mut d, &set, &[0], Some(pack)).expect("no overrun");
        assert_eq!(d.site_pack.as_deref(), Some("gazette"));
        assert_eq!(d.meta.site.as_deref(), Some("other.example"));
        assert_eq!(d.meta.sources["site"], "html");
    }

    #[test]
    fn a_runaway_rule_names_itself_and_the_line() {
        let set = RuleSet::new([
            rule("ok", "fine", Scope::Line, 0),
            rule("slow", "(?:(?=x)x+x+)+y(?<!xy)", Scope::Line, 0),
        ])
        .expect("valid rules");
        let hostile = "x".repeat(40) + "y";
        let mut d = doc(&["fine", "", &hostile]);
        let err = run(&mut d, &set, &[0, 1], None).unwrap_err();
        assert_eq!((err.rule, err.line), (1, 3));
        assert_eq!(
            err.to_string(),
            "rule 'slow' on line 3 ran past the backtrack limit (1,000,000 steps)"
        );
        assert!(d.removals.is_empty());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
