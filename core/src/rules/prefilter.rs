//! The literals a rule cannot match without, and one Aho-Corasick scan of a line for all of
//! them: a line is tried only against the rules whose literal it holds.
//!
//! Most lines are prose that no rule matches, and most rules name their residue in words
//! ("all rights reserved", "newsletter"). `required` reads a pattern's syntax tree and gives
//! literals of which every match holds one, or None when it cannot say (then the rule is
//! tried on every line). Letters are compared by their simple case-folding class (the one
//! `(?i)` matches by), so a literal of a case-insensitive pattern is found in any case; for
//! a case-sensitive literal that only lets more lines through, never fewer.

use std::collections::{BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// A class of at most this many case classes counts as that many literals.
const MAX_CLASS: usize = 16;
/// Literal text followed by a class is joined up to this many texts.
const MAX_COMBINATIONS: usize = 64;
/// Characters on nearly every line: a literal of them alone lets most lines through.
const COMMON: &str = " .,;:-/'\"()";

/// Alternatives of which every match holds one (in folded characters).
pub type Literals = BTreeSet<String>;

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
fn best(found: Vec<Literals>) -> Option<Literals> {
    found
        .into_iter()
        .filter(|f| !f.is_empty() && !f.contains(""))
        .max_by_key(|f| {
            let shortest = f.iter().map(|t| t.chars().count()).min().unwrap_or(0);
            (!weak(f), shortest, std::cmp::Reverse(f.len()))
        })
}

/// Literals of which every match of `hir` holds one, or None when unknown.
pub fn required(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Alternation(branches) => {
            let mut all = Literals::new();
            for branch in branches {
                all.extend(required(branch)?);
            }
            Some(all)
        }
        HirKind::Concat(items) => {
            let mut found = Vec::new();
            let mut run: Option<Literals> = None;
            for item in items {
                if let Some(alternatives) = exact(item) {
                    let width = run.as_ref().map_or(1, |r| r.len());
                    if width * alternatives.len() > MAX_COMBINATIONS {
                        found.extend(run.take());
                    }
                    run = Some(match run.take() {
                        None => alternatives,
                        Some(texts) => texts
                            .iter()
                            .flat_map(|t| alternatives.iter().map(move |a| format!("{t}{a}")))
                            .collect(),
                    });
                    continue;
                }
                found.extend(run.take());
                found.extend(required(item));
            }
            found.extend(run.take());
            best(found)
        }
    }
}

/// One scan of a line for the literals of every rule that has some.
#[derive(Debug)]
pub struct Prefilter {
    scanner: Option<AhoCorasick>,
    /// The rules (indexes) of each literal of the scanner.
    owners: Vec<Vec<usize>>,
    /// Each rule that has literals (else it is tried on every line).
    filtered: Vec<bool>,
    /// The folded form of each ASCII character (itself unless in a literal's case class).
    ascii: [u8; 128],
    /// The folded form of the other characters of the literals' case classes, by character:
    /// a table lookup and a binary search per character of a line, where a hash map with
    /// its hashing took a fifth of the rules stage.
    other: Vec<(char, char)>,
}

impl Prefilter {
    /// The prefilter of rules whose requirements are `needs` (None: no literal known).
    pub fn new(needs: &[Option<Literals>]) -> Prefilter {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut keys: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut folding = HashMap::new();
        for (rule, literals) in needs.iter().enumerate() {
            for text in literals.iter().flatten() {
                let at = *index.entry(text).or_insert_with(|| {
                    keys.push(text);
                    owners.push(Vec::new());
                    keys.len() - 1
                });
                owners[at].push(rule);
                for c in text.chars() {
                    for range in orbit(c).ranges() {
                        for member in range.start()..=range.end() {
                            folding.insert(member, c);
                        }
                    }
                }
            }
        }
        let scanner = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
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

    /// The rules whose literal `text` holds, each once, into `found` (cleared first).
    /// `seen` (one flag per rule, all false) and `folded` are scratch space, kept between
    /// lines so that a line costs no allocation; `seen` is left all false again.
    pub fn scan(&self, text: &str, seen: &mut [bool], found: &mut Vec<usize>, folded: &mut String) {
        found.clear();
        let Some(scanner) = &self.scanner else {
            return;
        };
        folded.clear();
        folded.extend(text.chars().map(|c| self.fold(c)));
        for hit in scanner.find_overlapping_iter(folded.as_str()) {
            for &rule in &self.owners[hit.pattern().as_usize()] {
                if let Some(flag) = seen.get_mut(rule) {
                    if !*flag {
                        *flag = true;
                        found.push(rule);
                    }
                }
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

    fn needs(pattern: &str) -> Option<Literals> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        required(&hir)
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
    fn scanning_folds_case() {
        let hits = |filter: &Prefilter, text: &str, folded: &mut String| {
            let mut seen = [false; 3];
            let mut found = Vec::new();
            filter.scan(text, &mut seen, &mut found, folded);
            assert_eq!(seen, [false; 3], "the scratch flags are left clear");
            found.sort_unstable();
            found
        };
        let rules = [needs(r"(?i)newsletter"), None, needs(r"Straße")];
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
        let rules = [needs(r"(?i)kürze"), needs(r"(?i)straße"), needs("(?i)zz")];
        let filter = Prefilter::new(&rules);
        assert_eq!(
            hits(&filter, "\u{212a}ÜRZE STRA\u{1e9e}E", &mut folded),
            [0, 1]
        );
        assert_eq!(folded, "KÜRZE STRAßE");
    }
}
