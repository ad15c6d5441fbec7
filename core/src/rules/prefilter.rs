//! The literals a rule cannot match without, and one Aho-Corasick scan of a line for all of
//! them: a line is tried only against the rules whose literal it holds.
//!
//! Most lines are prose that no rule matches, and most rules name their residue in words
//! ("all rights reserved", "newsletter"). `required` reads a pattern's syntax tree and gives
//! literals of which every match holds one, or None when it cannot say (then the rule is
//! tried on every line). Letters are compared by their simple case-folding class (the one
//! `(?i)` matches by), so a literal of a case-insensitive pattern is found in any case; for
//! a case-sensitive literal that only lets more lines through, never fewer.
//!
//! `required` also says how many characters a match can have before the literal it holds,
//! when that is bounded. A whole-line rule's match starts where the stripped line does, so
//! its literal counts only where it starts that close to the line's start: most of the
//! packs' whole-line rules allow a few symbols before their words
//! (`[^\p{L}\p{N}]{0,3}(?:ad|ads|…)`), and the same words in the middle of a sentence ("had",
//! "read") no longer send the line to them.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

use crate::textshape::is_space;

/// A class of at most this many case classes counts as that many literals.
const MAX_CLASS: usize = 16;
/// Literal text followed by a class is joined up to this many texts.
const MAX_COMBINATIONS: usize = 64;
/// Characters on nearly every line: a literal of them alone lets most lines through.
const COMMON: &str = " .,;:-/'\"()";

/// Alternatives of which every match holds one (in folded characters).
pub type Literals = BTreeSet<String>;

/// What a match cannot be without: one of `literals`, starting at most `within` characters
/// after the match starts (None: anywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub literals: Literals,
    pub within: Option<usize>,
}

/// The most characters a match of `hir` can have (None: unbounded). Case-insensitive
/// matching maps a character to one character, so this holds for the pattern with its case
/// flags too.
pub fn max_chars(hir: &Hir) -> Option<usize> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(0),
        HirKind::Literal(lit) => Some(String::from_utf8_lossy(&lit.0).chars().count()),
        HirKind::Class(_) => Some(1),
        HirKind::Repetition(rep) => {
            let most = usize::try_from(rep.max?).ok()?;
            max_chars(&rep.sub)?.checked_mul(most)
        }
        HirKind::Capture(cap) => max_chars(&cap.sub),
        HirKind::Concat(items) => items
            .iter()
            .try_fold(0usize, |sum, item| sum.checked_add(max_chars(item)?)),
        HirKind::Alternation(branches) => branches
            .iter()
            .try_fold(0usize, |most, branch| Some(most.max(max_chars(branch)?))),
    }
}

/// Every character `c` matches under `(?i)`, `c` included.
fn orbit(c: char) -> ClassUnicode {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class
}

/// The folded form of `c`: the first character of its case class.
fn fold(c: char) -> char {
    orbit(c).ranges().first().map_or(c, |r| r.start())
}

/// The folded characters one of which a match of `class` is, when there are few.
fn class_chars(class: &ClassUnicode) -> Option<BTreeSet<char>> {
    let size: u32 = class
        .ranges()
        .iter()
        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
        .sum();
    if size as usize > MAX_CLASS * 4 {
        return None;
    }
    let chars: BTreeSet<char> = class
        .ranges()
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .map(fold)
        .collect();
    (chars.len() <= MAX_CLASS).then_some(chars)
}

/// The alternatives a single item (literal or small class) is exactly one of.
fn exact(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            Some(Literals::from([text.chars().map(fold).collect()]))
        }
        HirKind::Class(Class::Unicode(class)) => {
            Some(class_chars(class)?.into_iter().map(String::from).collect())
        }
        _ => None,
    }
}

fn weak(found: &Literals) -> bool {
    found
        .iter()
        .any(|text| text.chars().all(|c| COMMON.contains(c)))
}

/// The most selective requirement: not weak, then the longest shortest text, then fewest.
fn best(found: Vec<Need>) -> Option<Need> {
    found
        .into_iter()
        .filter(|f| !f.literals.is_empty() && !f.literals.contains(""))
        .max_by_key(|f| {
            let shortest = f
                .literals
                .iter()
                .map(|t| t.chars().count())
                .min()
                .unwrap_or(0);
            (
                !weak(&f.literals),
                shortest,
                std::cmp::Reverse(f.literals.len()),
            )
        })
}

/// Literals of which every match of `hir` holds one, and how far into the match the one it
/// holds can start; None when unknown.
pub fn required(hir: &Hir) -> Option<Need> {
    let at_start = |literals| Need {
        literals,
        within: Some(0),
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir).map(at_start),
        // The first repetition starts where the repetition does.
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Alternation(branches) => {
            let mut all = Need {
                literals: Literals::new(),
                within: Some(0),
            };
            for branch in branches {
                let need = required(branch)?;
                all.literals.extend(need.literals);
                all.within = all.within.zip(need.within).map(|(a, b)| a.max(b));
            }
            Some(all)
        }
        HirKind::Concat(items) => {
            // The most characters before each item.
            let mut before = Vec::with_capacity(items.len());
            let mut sum = Some(0usize);
            for item in items {
                before.push(sum);
                sum = sum.zip(max_chars(item)).and_then(|(a, b)| a.checked_add(b));
            }
            let mut found = Vec::new();
            let mut run: Option<(Literals, usize)> = None;
            let close = |run: Option<(Literals, usize)>| {
                run.map(|(literals, start)| Need {
                    literals,
                    within: before[start],
                })
            };
            for (index, item) in items.iter().enumerate() {
                if let Some(alternatives) = exact(item) {
                    let width = run.as_ref().map_or(1, |(r, _)| r.len());
                    if width * alternatives.len() > MAX_COMBINATIONS {
                        found.extend(close(run.take()));
                    }
                    run = Some(match run.take() {
                        None => (alternatives, index),
                        Some((texts, start)) => (
                            texts
                                .iter()
                                .flat_map(|t| alternatives.iter().map(move |a| format!("{t}{a}")))
                                .collect(),
                            start,
                        ),
                    });
                    continue;
                }
                found.extend(close(run.take()));
                found.extend(required(item).map(|need| {
                    Need {
                        within: before[index]
                            .zip(need.within)
                            .and_then(|(a, b)| a.checked_add(b)),
                        ..need
                    }
                }));
            }
            found.extend(close(run.take()));
            best(found)
        }
    }
}

/// One scan of a line for the literals of every rule that has some.
#[derive(Debug)]
pub struct Prefilter {
    scanner: Option<AhoCorasick>,
    /// The rules (indexes) of each literal of the scanner, each with the most characters
    /// its match can have before the literal (`usize::MAX`: any number).
    owners: Vec<Vec<(usize, usize)>>,
    /// Each rule that has literals (else it is tried on every line).
    filtered: Vec<bool>,
    /// The folded form of each ASCII character (itself unless in a literal's case class).
    ascii: [u8; 128],
    /// The folded form of the other characters of the literals' case classes, by character:
    /// a table lookup and a binary search per character of a line, where a hash map with
    /// its hashing took a fifth of the rules stage.
    other: Vec<(char, char)>,
}

/// Whether `before` holds at most `most` characters (UTF-8; a character is a byte that
/// does not continue one), reading no more of it than that takes: a literal's bound is a
/// few characters, and most hits it rules out lie far into a long line.
fn starts_within(before: &[u8], most: usize) -> bool {
    if before.len() <= most {
        return true;
    }
    let mut chars = 0;
    for &byte in before {
        if (byte as i8) >= -0x40 {
            chars += 1;
            if chars > most {
                return false;
            }
        }
    }
    true
}

impl Prefilter {
    /// The prefilter of rules whose requirements are `needs` (None: no literal known). A
    /// need's `within` counts from the start of the line stripped of its spaces, as a
    /// whole-line rule matches it; a rule that matches anywhere in the line has no bound.
    pub fn new(needs: &[Option<Need>]) -> Prefilter {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut keys: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize)>> = Vec::new();
        let mut folding = HashMap::new();
        for (rule, need) in needs.iter().enumerate() {
            let Some(need) = need else {
                continue;
            };
            let within = need.within.unwrap_or(usize::MAX);
            for text in &need.literals {
                let at = *index.entry(text).or_insert_with(|| {
                    keys.push(text);
                    owners.push(Vec::new());
                    keys.len() - 1
                });
                owners[at].push((rule, within));
                for c in text.chars() {
                    for range in orbit(c).ranges() {
                        for member in range.start()..=range.end() {
                            folding.insert(member, c);
                        }
                    }
                }
            }
        }
        // A contiguous NFA, its states' transitions packed (0.2 MB for the built-in packs'
        // literals), not a DFA (5 MB, a full row per state): a document's text comes
        // after other work, trafilatura's extraction or the writing of the last
        // document, has left the CPU's caches cold, and the DFA's walk missed them at
        // nearly every byte. Over 100 HTML pages cleaned after 100 others, the rules
        // stage took 22 ms instead of 31; with the caches warm, 9.3 ms against 8.4.
        let scanner = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&keys)
            .ok();
        let filtered = needs
            .iter()
            .map(|n| n.is_some() && scanner.is_some())
            .collect();
        let mut ascii: [u8; 128] = std::array::from_fn(|b| b as u8);
        let mut other = Vec::new();
        for (member, folded) in folding {
            match (u8::try_from(member), u8::try_from(folded)) {
                (Ok(b), Ok(f)) if b < 128 && f < 128 => ascii[usize::from(b)] = f,
                _ => other.push((member, folded)),
            }
        }
        other.sort_unstable();
        Prefilter {
            scanner,
            owners,
            filtered,
            ascii,
            other,
        }
    }

    /// Whether the rule is tried only on lines that hold one of its literals.
    pub fn filters(&self, rule: usize) -> bool {
        self.filtered.get(rule).copied().unwrap_or(false)
    }

    /// The folded form of `c` as the literals have it (`c` itself when no literal has it).
    fn fold(&self, c: char) -> char {
        match u8::try_from(c) {
            Ok(b) if b < 128 => char::from(self.ascii[usize::from(b)]),
            _ => self
                .other
                .binary_search_by_key(&c, |&(member, _)| member)
                .map_or(c, |at| self.other[at].1),
        }
    }

    /// `text` with each character folded as the literals are, into `folded` (cleared
    /// first). An ASCII line (most lines) is folded byte by byte through the table, which
    /// maps ASCII to ASCII: decoding and encoding each character was more of the scan's
    /// time than the automaton's walk.
    fn fold_into(&self, text: &str, folded: &mut String) {
        if text.is_ascii() {
            let mut bytes = std::mem::take(folded).into_bytes();
            bytes.clear();
            bytes.extend(text.bytes().map(|b| self.ascii[usize::from(b)]));
            // Every byte of the table is ASCII, so the check passes; were it not to, the
            // characters are folded one by one.
            *folded = String::from_utf8(bytes)
                .unwrap_or_else(|_| text.chars().map(|c| self.fold(c)).collect());
        } else {
            folded.clear();
            folded.extend(text.chars().map(|c| self.fold(c)));
        }
    }

    /// The rules whose literal `text` holds, where their match can hold it, each once,
    /// into `found` (cleared first). `seen` (one flag per rule, all false) and `folded`
    /// are scratch space, kept between lines so that a line costs no allocation; `seen` is
    /// left all false again.
    pub fn scan(&self, text: &str, seen: &mut [bool], found: &mut Vec<usize>, folded: &mut String) {
        found.clear();
        let Some(scanner) = &self.scanner else {
            return;
        };
        self.fold_into(text, folded);
        // Folding maps a character to one character, so a literal starts as many
        // characters into `folded` as into `text`.
        let leading = text.chars().take_while(|&c| is_space(c)).count();
        let bytes = folded.as_bytes();
        for hit in scanner.find_overlapping_iter(folded.as_str()) {
            for &(rule, within) in &self.owners[hit.pattern().as_usize()] {
                let Some(flag) = seen.get_mut(rule) else {
                    continue;
                };
                if *flag || !starts_within(&bytes[..hit.start()], leading.saturating_add(within)) {
                    continue;
                }
                *flag = true;
                found.push(rule);
            }
        }
        for &rule in found.iter() {
            seen[rule] = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(pattern: &str) -> Option<Need> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        required(&hir)
    }

    fn needs(pattern: &str) -> Option<Literals> {
        need(pattern).map(|need| need.literals)
    }

    fn within(pattern: &str) -> Option<usize> {
        need(pattern).and_then(|need| need.within)
    }

    fn folded(texts: &[&str]) -> Option<Literals> {
        Some(
            texts
                .iter()
                .map(|s| s.chars().map(fold).collect())
                .collect(),
        )
    }

    #[test]
    fn literals_of_patterns() {
        assert_eq!(
            needs(r"(?i)all rights reserved\.?"),
            folded(&["all rights reserved"])
        );
        assert_eq!(
            needs(r"(?i)\d+ (?:share|tweet)s?"),
            folded(&["share", "tweet"])
        );
        assert_eq!(needs(r"©\s*\d{4}"), folded(&["©"]));
        assert_eq!(needs(r"(?:foo)?\w+"), None);
        assert_eq!(needs(r"a|\w"), None);
    }

    #[test]
    fn how_far_into_a_match_its_literal_starts() {
        assert_eq!(within(r"(?i)newsletter"), Some(0));
        assert_eq!(
            within(r"(?i)[^\p{L}\p{N}]{0,3}(?:ad|ads|sponsored)"),
            Some(3)
        );
        assert_eq!(within(r"[^\p{L}]{0,3}(?:photo|image) (?:by|via)"), Some(3));
        // The longest branch before its literal decides.
        assert_eq!(within(r"(?:\d{1,2} |x)?(?:share|tweet)"), Some(3));
        assert_eq!(within(r"(?:ab|\d{1,4}-)newsletter"), Some(5));
        assert_eq!(within(r"(?:read (?:more|on)|continue)"), Some(0));
        // A literal after an unbounded part can start anywhere.
        assert_eq!(within(r".*newsletter"), None);
        assert_eq!(within(r"\w+ newsletter"), None);
        assert_eq!(need(r"\w+ newsletter").map(|n| n.literals.len()), Some(1));
        // A repetition's first copy starts where it does.
        assert_eq!(within(r"(?:ab){1,3}x"), Some(0));
        assert_eq!(within(r"x{2}(?:ab){1,3}"), Some(2));
        // Look-around and anchors take no characters.
        assert_eq!(within(r"^\b(?:ab)"), Some(0));
        // Case-insensitive matching keeps the count of characters, not of bytes.
        assert_eq!(within(r"(?i)k{0,2}newsletter"), Some(2));
    }

    #[test]
    fn a_literal_counts_only_where_the_match_can_hold_it() {
        let hits = |filter: &Prefilter, text: &str| {
            let mut seen = [false; 3];
            let mut found = Vec::new();
            filter.scan(text, &mut seen, &mut found, &mut String::new());
            assert_eq!(seen, [false; 3], "the scratch flags are left clear");
            found.sort_unstable();
            found
        };
        // Rule 0 is a whole-line rule (bounded), rule 1 the same pattern as a span rule,
        // rule 2 a whole-line rule whose literal may be anywhere.
        let bounded = need(r"(?i)[^\p{L}\p{N}]{0,3}(?:ad|ads)");
        let span = bounded.clone().map(|n| Need { within: None, ..n });
        let filter = Prefilter::new(&[bounded, span, need(r"(?i).*\bad\b")]);
        assert_eq!(hits(&filter, "Ad"), [0, 1, 2]);
        assert_eq!(hits(&filter, "— Ads —"), [0, 1, 2]);
        assert_eq!(hits(&filter, " \t  ** ADS"), [0, 1, 2]);
        assert_eq!(hits(&filter, "We read the news"), [1, 2]);
        // Characters, not bytes, count: three dashes of three bytes each before the literal.
        assert_eq!(hits(&filter, "\u{2014}\u{2014}\u{2014}ad"), [0, 1, 2]);
        assert_eq!(hits(&filter, "éééé ad"), [1, 2]);
        // A second, nearer copy of the literal counts.
        assert_eq!(hits(&filter, "  ad: made"), [0, 1, 2]);
    }

    #[test]
    fn an_ascii_line_folds_byte_by_byte_as_by_characters() {
        let rules = [
            need(r"(?i)kostenlos"),
            need(r"(?i)newsletter|straße"),
            need(r"©\s*\d{4}"),
        ];
        let filter = Prefilter::new(&rules);
        let mut folded = String::new();
        let mut check = |line: &str| {
            filter.fold_into(line, &mut folded);
            let by_characters: String = line.chars().map(|c| filter.fold(c)).collect();
            assert_eq!(folded, by_characters, "{line:?}");
        };
        for line in [
            "Kostenlos: the NEWSLETTER",
            "\u{212a}ostenlos ſtraße",
            "",
            "© 2024",
        ] {
            check(line);
        }
        crate::devdata::each_dump_line(check);
    }

    #[test]
    fn scanning_folds_case() {
        let hits = |filter: &Prefilter, text: &str, folded: &mut String| {
            let mut seen = [false; 3];
            let mut found = Vec::new();
            filter.scan(text, &mut seen, &mut found, folded);
            assert_eq!(seen, [false; 3], "the scratch flags are left clear");
            found.sort_unstable();
            found
        };
        // Anywhere in the line, as for span rules.
        let anywhere = |pattern| need(pattern).map(|n| Need { within: None, ..n });
        let rules = [anywhere(r"(?i)newsletter"), None, anywhere(r"Straße")];
        let filter = Prefilter::new(&rules);
        let mut folded = String::new();
        assert_eq!(
            hits(&filter, "Unser NEWSLETTER newsletter", &mut folded),
            [0]
        );
        assert!(filter.filters(0) && !filter.filters(1) && filter.filters(2));
        // The long s folds with s: a case-sensitive literal lets more lines in, never fewer.
        assert_eq!(hits(&filter, "ſtraße", &mut folded), [2]);
        // The Kelvin sign and ẞ fold as k and ß do; other text is left as it is.
        let rules = [
            anywhere(r"(?i)kürze"),
            anywhere(r"(?i)straße"),
            anywhere("(?i)zz"),
        ];
        let filter = Prefilter::new(&rules);
        assert_eq!(
            hits(&filter, "\u{212a}ÜRZE STRA\u{1e9e}E", &mut folded),
            [0, 1]
        );
        assert_eq!(folded, "KÜRZE STRAßE");
    }
}
