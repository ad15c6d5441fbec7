//! Whether a pattern's syntax tree matches a whole text, read from the tree itself: no
//! automaton is compiled.
//!
//! A bounded repetition compiles to one copy of its item per count: `[\p{L} -]{1,30}` under
//! `(?i)` is 9,000 NFA states (465 kB), and a rule's lazy DFA over such an NFA keeps a
//! megabyte of states. Most of a worker's memory was these automata, compiled for the
//! rules whose widened form (the repetitions opened, `[\p{L} -]+`) let a line through.
//! The tree decides those lines instead: the set of places where a match can have got to
//! is carried through the tree, left to right, and a repetition counts its items on that
//! set. It costs a few passes over the line per node, and runs only on the lines a rule's
//! widened automaton has already matched.
//!
//! Repetitions with many counts of a group multiply that cost (`(?:a{0,20}b?){400,450}`
//! takes each of its first 400 counts over every place reached), so a decision has a
//! budget of work (`BUDGET`). Past it, the line
//! goes to the pattern compiled as written, made the first time that happens: whatever a
//! user's pack holds, a line costs linear time.

use std::sync::OnceLock;

use regex_automata::util::look::{Look as AutomataLook, LookMatcher};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::{Overrun, Whole};

/// Work (places visited and words of place sets, counted as each node is entered) one
/// decision may take: about a millisecond. The built-in packs' rules take at most a
/// sixteenth of it on any development line (a test checks).
pub const BUDGET: usize = 1 << 20;

/// A syntax tree this module can decide, with what it needs for the assertions, and the
/// pattern compiled as written for the lines it has no budget for.
#[derive(Debug)]
pub struct Tree {
    hir: Hir,
    looks: LookMatcher,
    exact: OnceLock<Option<Whole>>,
}

/// What is left of a decision's budget.
struct Work {
    left: usize,
}

impl Work {
    /// Take `units` from what is left; false (and nothing left) when there are not so many.
    fn spend(&mut self, units: usize) -> bool {
        match self.left.checked_sub(units) {
            Some(left) => {
                self.left = left;
                true
            }
            None => {
                self.left = 0;
                false
            }
        }
    }
}

impl Tree {
    /// The tree of `hir`, which must be `supported`.
    pub fn new(hir: Hir) -> Tree {
        Tree {
            hir,
            looks: LookMatcher::new(),
            exact: OnceLock::new(),
        }
    }

    /// Whether the tree matches the whole of `text`: a match starting at its first byte
    /// can end at its last. Past the budget, the compiled pattern answers; an overrun only
    /// when that cannot be compiled either (past the size limit).
    pub fn matches(&self, text: &str) -> Result<bool, Overrun> {
        self.matches_within(text, BUDGET)
    }

    fn matches_within(&self, text: &str, budget: usize) -> Result<bool, Overrun> {
        if let Some(answer) = self.decide_within(text, budget) {
            return Ok(answer);
        }
        let exact = self.exact.get_or_init(|| Whole::from_hir(&self.hir).ok());
        exact
            .as_ref()
            .map(|whole| whole.is_match(text))
            .ok_or(Overrun)
    }

    /// The tree's answer for `text`, or None when it takes more than `budget` work.
    pub fn decide_within(&self, text: &str, budget: usize) -> Option<bool> {
        let mut start = Places::new(text.len());
        start.insert(0);
        let mut work = Work { left: budget };
        let ends = self.step(&self.hir, text, &start, &mut work);
        (work.left > 0).then(|| ends.contains(text.len()))
    }

    /// The places a match of `hir` can end at, starting at any of `from` (byte offsets of
    /// character boundaries); nothing once `work` has run out.
    fn step(&self, hir: &Hir, text: &str, from: &Places, work: &mut Work) -> Places {
        if !work.spend(from.len_words() + from.count()) {
            return Places::new(text.len());
        }
        match hir.kind() {
            HirKind::Empty => from.clone(),
            HirKind::Literal(literal) => {
                let bytes = text.as_bytes();
                let mut to = Places::new(text.len());
                for at in from.iter() {
                    if bytes[at..].starts_with(&literal.0) {
                        to.insert(at + literal.0.len());
                    }
                }
                to
            }
            HirKind::Class(class) => {
                let mut to = Places::new(text.len());
                for at in from.iter() {
                    if let Some(c) = text[at..].chars().next() {
                        if in_class(class, c) {
                            to.insert(at + c.len_utf8());
                        }
                    }
                }
                to
            }
            HirKind::Look(look) => {
                let mut to = Places::new(text.len());
                let look = automata_look(*look);
                for at in from.iter() {
                    if self.looks.matches(look, text.as_bytes(), at) {
                        to.insert(at);
                    }
                }
                to
            }
            HirKind::Repetition(rep) => {
                if let HirKind::Class(class) = rep.sub.kind() {
                    // One pass over the text, whatever the counts.
                    if !work.spend(text.len()) {
                        return Places::new(text.len());
                    }
                    return counted_class(class, rep.min, rep.max, text, from);
                }
                // Exactly `min` items, then up to `max - min` more. A place first reached
                // after k more items is reached with the most items left to take, so each
                // place needs taking on from only once.
                let mut reached = from.clone();
                for _ in 0..rep.min {
                    if reached.is_empty() {
                        return reached;
                    }
                    reached = self.step(&rep.sub, text, &reached, work);
                }
                let more = rep.max.map(|max| max - rep.min);
                let mut frontier = reached.clone();
                let mut taken = 0u32;
                while more.is_none_or(|more| taken < more) && !frontier.is_empty() {
                    let mut next = self.step(&rep.sub, text, &frontier, work);
                    next.remove_all(&reached);
                    reached.insert_all(&next);
                    frontier = next;
                    taken += 1;
                }
                reached
            }
            HirKind::Capture(capture) => self.step(&capture.sub, text, from, work),
            HirKind::Concat(items) => {
                let mut reached = from.clone();
                let mut rest = items.as_slice();
                while !rest.is_empty() && !reached.is_empty() {
                    // A run of characters (a case-folded word is one class per letter) is
                    // walked place by place, without a set per character.
                    let run = rest.iter().take_while(|item| single(item)).count();
                    if run > 1 {
                        if !work.spend(run * (reached.count() + 1)) {
                            return Places::new(text.len());
                        }
                        reached = walk(&rest[..run], text, &reached);
                        rest = &rest[run..];
                    } else {
                        reached = self.step(&rest[0], text, &reached, work);
                        rest = &rest[1..];
                    }
                }
                reached
            }
            HirKind::Alternation(items) => {
                let mut reached = Places::new(text.len());
                for item in items {
                    // The packs' word lists are alternations of hundreds of words, of which
                    // the text at a place starts few: the others are passed over on their
                    // first character (what stepping them would find, with no set made).
                    if first_single(item)
                        .is_some_and(|first| from.iter().all(|at| !single_at(first, text, at)))
                    {
                        continue;
                    }
                    reached.insert_all(&self.step(item, text, from, work));
                }
                reached
            }
        }
    }
}

/// Whether `hir` is a literal or a class: text matched character by character.
fn single(hir: &Hir) -> bool {
    matches!(hir.kind(), HirKind::Literal(_) | HirKind::Class(_))
}

/// The literal or class every match of `hir` starts with, when there is one: `hir` itself,
/// or the first item of a concatenation, of a group or of a repetition of at least one.
fn first_single(hir: &Hir) -> Option<&Hir> {
    match hir.kind() {
        HirKind::Literal(literal) if !literal.0.is_empty() => Some(hir),
        HirKind::Class(_) => Some(hir),
        HirKind::Capture(capture) => first_single(&capture.sub),
        HirKind::Repetition(rep) if rep.min > 0 => first_single(&rep.sub),
        HirKind::Concat(items) => first_single(items.first()?),
        _ => None,
    }
}

/// Whether `single` (a literal or a class) matches `text` at byte `at`.
fn single_at(single: &Hir, text: &str, at: usize) -> bool {
    match single.kind() {
        HirKind::Literal(literal) => text.as_bytes()[at..].starts_with(&literal.0),
        HirKind::Class(class) => text[at..]
            .chars()
            .next()
            .is_some_and(|c| in_class(class, c)),
        _ => true,
    }
}

/// The places a run of literals and classes (`single`) can end at from any of `from`.
fn walk(run: &[Hir], text: &str, from: &Places) -> Places {
    let mut to = Places::new(text.len());
    'starts: for start in from.iter() {
        let mut at = start;
        for item in run {
            match item.kind() {
                HirKind::Literal(literal) if text.as_bytes()[at..].starts_with(&literal.0) => {
                    at += literal.0.len();
                }
                HirKind::Class(class) => match text[at..].chars().next() {
                    Some(c) if in_class(class, c) => at += c.len_utf8(),
                    _ => continue 'starts,
                },
                _ => continue 'starts,
            }
        }
        to.insert(at);
    }
    to
}

/// The places `class{min,max}` can end at from any of `from`, in one pass over the text
/// (the packs' `[^\n]{0,360}` took one pass per count): a place is reached when a start lies
/// `min` to `max` characters before it with every character between in the class.
fn counted_class(class: &Class, min: u32, max: Option<u32>, text: &str, from: &Places) -> Places {
    let (min, max) = (min as usize, max.map_or(usize::MAX, |m| m as usize));
    let mut to = Places::new(text.len());
    // The character indexes of the starts since the last character outside the class,
    // oldest first.
    let mut starts = std::collections::VecDeque::new();
    let Some(last) = from.last() else {
        return to;
    };
    let (mut at, mut index) = (0, 0usize);
    loop {
        if from.contains(at) {
            starts.push_back(index);
        }
        while starts.front().is_some_and(|&start| index - start > max) {
            starts.pop_front();
        }
        // No start left to reach anything from, and none further on: the rest of the text
        // (a whole line after `[^\p{L}\p{N}]{0,3}`) need not be read.
        if starts.is_empty() && at >= last {
            break;
        }
        if starts.front().is_some_and(|&start| index - start >= min) {
            to.insert(at);
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if !in_class(class, c) {
            starts.clear();
        }
        at += c.len_utf8();
        index += 1;
    }
    to
}

/// Whether this module reads everything `hir` holds: not a byte class reaching past ASCII
/// or a literal that is not UTF-8 (neither is in a pattern matched against text, which the
/// `regex` crate compiles).
pub fn supported(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(literal) => std::str::from_utf8(&literal.0).is_ok(),
        HirKind::Class(Class::Unicode(_)) => true,
        HirKind::Class(Class::Bytes(class)) => class.ranges().iter().all(|r| r.end() < 0x80),
        HirKind::Repetition(rep) => supported(&rep.sub),
        HirKind::Capture(capture) => supported(&capture.sub),
        HirKind::Concat(items) | HirKind::Alternation(items) => items.iter().all(supported),
    }
}

fn in_class(class: &Class, c: char) -> bool {
    match class {
        Class::Unicode(class) => {
            let ranges = class.ranges();
            // The ranges are sorted and do not overlap: the last one starting at or before
            // `c` is the only one that can hold it.
            let after = ranges.partition_point(|r| r.start() <= c);
            after > 0 && c <= ranges[after - 1].end()
        }
        Class::Bytes(class) => {
            c.is_ascii()
                && class
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= c as u8 && c as u8 <= r.end())
        }
    }
}

/// The automata's name for an assertion: the two crates spell the same set apart.
fn automata_look(look: Look) -> AutomataLook {
    match look {
        Look::Start => AutomataLook::Start,
        Look::End => AutomataLook::End,
        Look::StartLF => AutomataLook::StartLF,
        Look::EndLF => AutomataLook::EndLF,
        Look::StartCRLF => AutomataLook::StartCRLF,
        Look::EndCRLF => AutomataLook::EndCRLF,
        Look::WordAscii => AutomataLook::WordAscii,
        Look::WordAsciiNegate => AutomataLook::WordAsciiNegate,
        Look::WordUnicode => AutomataLook::WordUnicode,
        Look::WordUnicodeNegate => AutomataLook::WordUnicodeNegate,
        Look::WordStartAscii => AutomataLook::WordStartAscii,
        Look::WordEndAscii => AutomataLook::WordEndAscii,
        Look::WordStartUnicode => AutomataLook::WordStartUnicode,
        Look::WordEndUnicode => AutomataLook::WordEndUnicode,
        Look::WordStartHalfAscii => AutomataLook::WordStartHalfAscii,
        Look::WordEndHalfAscii => AutomataLook::WordEndHalfAscii,
        Look::WordStartHalfUnicode => AutomataLook::WordStartHalfUnicode,
        Look::WordEndHalfUnicode => AutomataLook::WordEndHalfUnicode,
    }
}

/// Words of `Places` kept inline: the lines a rule decides are mostly short, and a set on
/// the heap for each node of each decision was most of a decision's time.
const INLINE: usize = 2;

/// A set of byte offsets `0..=len`, one bit each: the first `64 * INLINE` inline, the
/// rest on the heap.
#[derive(Debug, Clone)]
struct Places {
    inline: [u64; INLINE],
    rest: Vec<u64>,
}

impl Places {
    fn new(len: usize) -> Places {
        Places {
            inline: [0; INLINE],
            rest: vec![0; (len / 64 + 1).saturating_sub(INLINE)],
        }
    }

    fn len_words(&self) -> usize {
        INLINE + self.rest.len()
    }

    fn words(&self) -> impl Iterator<Item = &u64> {
        self.inline.iter().chain(&self.rest)
    }

    fn words_mut(&mut self) -> impl Iterator<Item = &mut u64> {
        self.inline.iter_mut().chain(&mut self.rest)
    }

    fn word_mut(&mut self, index: usize) -> &mut u64 {
        match index.checked_sub(INLINE) {
            None => &mut self.inline[index],
            Some(at) => &mut self.rest[at],
        }
    }

    fn word(&self, index: usize) -> u64 {
        match index.checked_sub(INLINE) {
            None => self.inline[index],
            Some(at) => self.rest[at],
        }
    }

    fn insert(&mut self, at: usize) {
        *self.word_mut(at / 64) |= 1 << (at % 64);
    }

    fn contains(&self, at: usize) -> bool {
        self.word(at / 64) & (1 << (at % 64)) != 0
    }

    fn is_empty(&self) -> bool {
        self.words().all(|&w| w == 0)
    }

    fn count(&self) -> usize {
        self.words().map(|w| w.count_ones() as usize).sum()
    }

    /// The largest place in the set, if any.
    fn last(&self) -> Option<usize> {
        self.words()
            .enumerate()
            .filter(|&(_, &word)| word != 0)
            .last()
            .map(|(index, word)| index * 64 + 63 - word.leading_zeros() as usize)
    }

    fn insert_all(&mut self, other: &Places) {
        for (w, o) in self.words_mut().zip(other.words()) {
            *w |= o;
        }
    }

    fn remove_all(&mut self, other: &Places) {
        for (w, o) in self.words_mut().zip(other.words()) {
            *w &= !o;
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(pattern: &str) -> Tree {
        let hir = regex_syntax::Parser::new()
            .parse(&format!(r"\A(?:{pattern})\z"))
            .unwrap();
        assert!(supported(&hir));
        Tree::new(hir)
    }

    /// The tree's answer against the `regex` crate's, for each text.
    fn agree(pattern: &str, texts: &[&str]) {
        let t = tree(pattern);
        let re = regex::Regex::new(&format!(r"\A(?:{pattern})\z")).unwrap();
        for text in texts {
            assert_eq!(
                t.matches(text).unwrap(),
                re.is_match(text),
                "{pattern:?} on {text:?}"
            );
        }
    }

    #[test]
    fn counts_bounded_repetitions() {
        agree(
            r"(?i)[^\p{L}\p{N}]{0,3}(?:[\p{L} -]{1,5} theme\. powered by blogger\.)",
            &[
                "Ethereal theme. Powered by Blogger.",
                "» Simple theme. Powered by Blogger.",
                "»»»» Simple theme. Powered by Blogger.",
                "Too long name theme. Powered by Blogger.",
                "Thème theme. Powered by Blogger.",
                " theme. Powered by Blogger.",
            ],
        );
        agree(
            r"a{2,4}b{0,2}(?:cd){1,2}",
            &[
                "aacd", "acd", "aaaaacd", "aabbbcd", "aacdcd", "aacdcdcd", "aab", "",
            ],
        );
        agree(
            r"(?:a|ab){3}c",
            &["aaac", "ababac", "abababc", "aac", "ababababc"],
        );
        agree(r"(?:a?){2,3}b", &["b", "ab", "aab", "aaab", "aaaab"]);
    }

    #[test]
    fn word_boundaries_and_unicode() {
        agree(
            r"(?i)\bstraße\b.{0,3}",
            &[
                "Straße",
                "STRASSE",
                "straßeXYZ",
                "straßeWXYZ",
                "xstraße",
                "Straße é",
            ],
        );
        agree(r"(?i)\B.{1,2}\b", &["a", "é", "ab", "éé", "-", "a-", "ü "]);
        agree(
            r"[\x00-\x7F]{2}\d+",
            &["ab12", "a\u{e9}12", "ab", "ab\u{661}\u{662}"],
        );
        agree(r"(?m)^a$", &["a", "a\n", "\na"]);
    }

    #[test]
    fn word_lists_pass_over_the_words_the_text_does_not_start() {
        agree(
            r"(?i)[^\p{L}\p{N}]{0,3}(?:menu|login|suche|(?:abo)+|x?jobs|\bmehr|(straße)|-+)",
            &[
                "Menu",
                "» LOGIN",
                "Suche",
                "aboabo",
                "Jobs",
                "xjobs",
                "mehr",
                "STRASSE",
                "--",
                "»»»» Menu",
                "Menus",
                "",
                "Abo!",
                "j",
            ],
        );
        let first = |pattern: &str| {
            let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
            first_single(&hir).map(ToString::to_string)
        };
        assert_eq!(first("ab").as_deref(), Some("(?:ab)"));
        assert_eq!(first("(?:x+)y").as_deref(), Some("x"));
        assert_eq!(first("(a)b").as_deref(), Some("a"));
        assert_eq!(first("x*y"), None);
        assert_eq!(first(r"\bx"), None);
    }

    #[test]
    fn the_last_place_of_a_set() {
        let mut places = Places::new(300);
        assert_eq!(places.last(), None);
        for at in [0, 5, 64, 200] {
            places.insert(at);
            assert_eq!(places.last(), Some(at));
        }
    }

    #[test]
    fn unbounded_repetitions_reach_a_fixed_point() {
        agree(
            r"(?:\s*\S+){0,}\s*!",
            &["one two three !", "!", "   !", "one two three", ""],
        );
        agree(r"(?:a*)*b+", &["aaab", "b", "", "aaa", "bbb"]);
    }

    #[test]
    fn every_short_text_over_a_small_alphabet() {
        // Each pattern against the `regex` crate on every text of up to five pieces: the
        // constructs a tree carries places through (counts, nesting, empty items, every
        // kind of assertion) where the pieces make them part.
        let patterns = [
            r"a{1,3}b?",
            r"(?:a|ab|b){2,4}",
            r"(?:a?b?){0,3}a",
            r"(?:(?:a|é){1,2}\s?){1,3}",
            r"(?i)[^\p{L}\p{N}]{0,3}(?:ab|é)\b.{0,2}",
            r"\b\w{1,2}\b(?:\W+\b\w{1,2}\b)*",
            r"\Ba|a\B|-",
            r"(?m)(?:^a$\n?)+|b",
            r"(?:a|\A)(?:b|\z){1,2}",
            r"(?-u:\b)a(?-u:\B)b?|é(?-u:\b)",
            r"[^a]{0,2}1{2}",
            r"(?i)(?:A|É)+(?:\s|-)*1?",
            r"(?:)|a(?:)b",
        ];
        for pattern in patterns {
            let t = tree(pattern);
            let re = regex::Regex::new(&format!(r"\A(?:{pattern})\z")).unwrap();
            let mut matched = 0;
            crate::devdata::each_string(&["a", "b", "é", "É", " ", "-", "1", "\n"], 5, |text| {
                let answer = t.matches(text).unwrap();
                assert_eq!(answer, re.is_match(text), "{pattern:?} on {text:?}");
                matched += usize::from(answer);
            });
            assert!(matched > 0, "{pattern:?} matched no text");
        }
    }

    /// A small deterministic generator (xorshift), so that the random test gives the same
    /// patterns on every run.
    struct Dice(u64);

    impl Dice {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// A random pattern of the constructs a tree carries places through, `depth` levels deep.
    fn random_pattern(dice: &mut Dice, depth: usize) -> String {
        const ATOMS: &[&str] = &[
            "a",
            "b",
            "é",
            "É",
            " ",
            "-",
            "1",
            "[ab]",
            "[^a]",
            r"\w",
            r"\W",
            r"\d",
            r"\s",
            ".",
            r"\p{L}",
            r"[^\p{L}\p{N}]",
            "(?i:a)",
            "(?i:é)",
            r"\b",
            r"\B",
            "^",
            "$",
            "(?m:^)",
            "(?m:$)",
            r"\A",
            r"\z",
            r"(?-u:\b)",
            "",
        ];
        const COUNTS: &[&str] = &[
            "?", "*", "+", "*?", "{2}", "{0,2}", "{1,3}", "{2,}", "{0,4}",
        ];
        if depth == 0 || dice.below(3) == 0 {
            return dice.pick(ATOMS).to_string();
        }
        let parts = 1 + dice.below(3);
        let items: Vec<String> = (0..parts)
            .map(|_| random_pattern(dice, depth - 1))
            .collect();
        let joined = if dice.below(3) == 0 {
            items.join("|")
        } else {
            items.concat()
        };
        if dice.below(2) == 0 {
            format!("(?:{joined}){}", dice.pick(COUNTS))
        } else {
            format!("(?:{joined})")
        }
    }

    #[test]
    fn random_patterns_on_random_texts() {
        const PIECES: &[&str] = &["a", "b", "é", "É", " ", "-", "1", "\n", "ab"];
        let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
        let (mut compared, mut matched) = (0, 0);
        for _ in 0..1500 {
            let pattern = random_pattern(&mut dice, 3);
            let Ok(re) = regex::Regex::new(&format!(r"\A(?:{pattern})\z")) else {
                continue;
            };
            let t = tree(&pattern);
            for _ in 0..60 {
                let text: String = (0..dice.below(9)).map(|_| dice.pick(PIECES)).collect();
                let answer = t.matches(&text).unwrap();
                assert_eq!(answer, re.is_match(&text), "{pattern:?} on {text:?}");
                compared += 1;
                matched += usize::from(answer);
            }
        }
        assert!(compared > 50_000, "{compared} comparisons");
        assert!(
            matched > compared / 20,
            "{matched} of {compared} texts matched"
        );
        eprintln!("{matched} of {compared} texts matched");
    }

    #[test]
    fn past_its_budget_the_compiled_pattern_answers() {
        // Ten counts at least, each of up to twenty: the tree takes each count of each
        // level, over every place reached. A small budget stands for a long line.
        let pattern = r"(?:a{0,20}b?){10,15}c";
        let t = tree(pattern);
        let re = regex::Regex::new(&format!(r"\A(?:{pattern})\z")).unwrap();
        let long = "a".repeat(150);
        for text in [format!("{long}c"), format!("{long}b"), "abac".to_string()] {
            let answer = re.is_match(&text);
            assert_eq!(t.decide_within(&text, BUDGET), Some(answer), "{text:?}");
            assert_eq!(t.matches_within(&text, 1000).unwrap(), answer, "{text:?}");
        }
        assert_eq!(t.decide_within(&format!("{long}c"), 1000), None);
        assert!(t.exact.get().is_some_and(Option::is_some));
        // A tree that never ran out has compiled nothing.
        let fresh = tree(pattern);
        assert!(fresh.matches("abac").unwrap());
        assert!(fresh.exact.get().is_none());
    }

    #[test]
    fn byte_classes_past_ascii_are_left_to_the_automata() {
        let hir = regex_syntax::ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(r"(?-u)[\x00-\xFF]")
            .unwrap();
        assert!(!supported(&hir));
    }
}
