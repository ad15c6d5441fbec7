//! The rule packs' patterns, compiled once per rule set and matched against a document's lines.
//!
//! A pattern is written in the syntax of Rust's `regex` crate and runs in linear time.
//! A pattern that needs look-around, atomic groups or possessive repetition (syntax the
//! `regex` crate does not have) is compiled by `fancy-regex` instead, which backtracks, but
//! only up to `BACKTRACK_LIMIT` steps per search: past it, the search is an error naming the
//! rule and the line, so no pattern can hang a batch.
//!
//! The semantics are those the rules have always had: a line-scoped rule matches when the
//! whole stripped line (Python's `str.strip`) matches, with any alternative that makes a
//! whole match (`fullmatch`); a span rule removes the non-empty matches of a search from
//! left to right, in code-point offsets, as Python's `finditer` finds them.
//!
//! A line is tried only against the rules that can match it: one Aho-Corasick scan of the
//! line finds the literals the rules need (`prefilter`; for a backtracking rule, those of
//! its pattern without the look-around, which matches wherever the full pattern does).
//! Rules are still judged in the order given, so the first matching rule wins.

use std::fmt;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::pikevm::{Cache as PikeCache, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

use crate::textshape::strip;

mod guard;
mod prefilter;
mod tree;

use prefilter::Prefilter;
use tree::Tree;

/// Backtracking steps one search of a look-around pattern may take.
pub const BACKTRACK_LIMIT: usize = 1_000_000;
/// Compiled size one pattern may take: the packs' bounded repetitions of Unicode classes
/// (`[^\n]{0,400}`) are large, and the default limit is below some of them.
const SIZE_LIMIT: usize = 64 << 20;
/// Most memory one whole-line rule's lazy DFA may keep between lines (the `regex` crate
/// allows 2 MB, in each direction). When the packs' rules with bounded repetitions of
/// Unicode classes (`[^\n]{0,400}` under `(?i)`) ran as written, their caches were cleared
/// and rebuilt line after line below 1 MB (9% more instructions over the development
/// dumps). Their widened forms, with coarse classes, stay far below it: a 256 kB cap now
/// changes neither the memory nor the time of cleaning the dumps.
const DFA_CACHE: usize = 1 << 20;

/// A pattern that does not compile: the reason and, when known, the position in code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub position: Option<usize>,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(position) => write!(f, "at position {position}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A search that ran past `BACKTRACK_LIMIT` (or the backtracking stack).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overrun;

/// The scratch space of one search of a `Whole` matcher. The PikeVM's is made the first time
/// the DFA gives up: its tables grow with the NFA (megabytes for the packs' bounded
/// repetitions of Unicode classes), and most rules never need it.
#[derive(Debug, Clone)]
struct WholeCache {
    dfa: DfaCache,
    pikevm: Option<PikeCache>,
}

type WholeCacheFn = Box<dyn Fn() -> WholeCache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A linear pattern anchored at both ends, asked only whether it matches: a forward lazy
/// DFA over one Thompson NFA without capture states, and the PikeVM over the same NFA where
/// the DFA gives up (a Unicode `\b` next to a non-ASCII character).
///
/// The `regex` crate's `Regex` also compiles a reverse NFA (two to three times the forward
/// one, for finding where a match starts), keeps capture states and a reverse lazy DFA
/// cache: a whole-line rule needs none of them, and they were most of a worker's memory.
struct Whole {
    dfa: DFA,
    pikevm: PikeVM,
    caches: Pool<WholeCache, WholeCacheFn>,
}

impl fmt::Debug for Whole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Whole").field("dfa", &self.dfa).finish()
    }
}

impl Whole {
    fn new(pattern: &str) -> Result<Whole, PatternError> {
        Whole::compile(Whole::compiler().build(pattern))
    }

    fn from_hir(hir: &Hir) -> Result<Whole, PatternError> {
        Whole::compile(Whole::compiler().build_from_hir(hir))
    }

    fn compiler() -> thompson::Compiler {
        let mut compiler = thompson::Compiler::new();
        compiler.configure(
            thompson::Config::new()
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(SIZE_LIMIT)),
        );
        compiler
    }

    fn compile(nfa: Result<thompson::NFA, thompson::BuildError>) -> Result<Whole, PatternError> {
        let failed = |message: String| PatternError {
            position: None,
            message,
        };
        let nfa = nfa.map_err(|e| match e.size_limit() {
            Some(_) => failed("pattern too large once compiled".to_string()),
            None => failed(e.to_string()),
        })?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .unicode_word_boundary(true)
                    .cache_capacity(DFA_CACHE)
                    .skip_cache_capacity_check(true),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|e| failed(e.to_string()))?;
        let pikevm = PikeVM::new_from_nfa(nfa).map_err(|e| failed(e.to_string()))?;
        let create: WholeCacheFn = {
            let dfa = dfa.clone();
            Box::new(move || WholeCache {
                dfa: dfa.create_cache(),
                pikevm: None,
            })
        };
        Ok(Whole {
            dfa,
            pikevm,
            caches: Pool::new(create),
        })
    }

    /// Bytes the automata hold (the NFA and the DFA's tables; not the per-search caches,
    /// at most `DFA_CACHE` each).
    fn heap_bytes(&self) -> usize {
        self.dfa.get_nfa().memory_usage() + self.dfa.memory_usage()
    }

    fn is_match(&self, text: &str) -> bool {
        self.finds(text, Anchored::Yes)
    }

    /// Whether the pattern matches anywhere in `text`.
    fn occurs(&self, text: &str) -> bool {
        self.finds(text, Anchored::No)
    }

    fn finds(&self, text: &str, anchored: Anchored) -> bool {
        let input = Input::new(text).anchored(anchored).earliest(true);
        let mut cache = self.caches.get();
        match self.dfa.try_search_fwd(&mut cache.dfa, &input) {
            Ok(found) => found.is_some(),
            Err(_) => {
                let pikevm = cache
                    .pikevm
                    .get_or_insert_with(|| self.pikevm.create_cache());
                self.pikevm.is_match(pikevm, input)
            }
        }
    }
}

/// One compiled form of a pattern: linear, or backtracking within the limit.
#[derive(Debug)]
enum Engine {
    Linear(Regex),
    Whole(Box<Whole>),
    /// A whole-line pattern decided by its syntax tree (`tree`), once its widened form
    /// has matched.
    Tree(Box<Tree>),
    /// A whole-line pattern whose only look-around is a length guard at its start: the
    /// count of characters, then the linear rest (`Whole` or `Tree`).
    Guarded(guard::Length, Box<Engine>),
    Backtrack(fancy_regex::Regex),
}

impl Engine {
    fn is_match(&self, text: &str) -> Result<bool, Overrun> {
        match self {
            Engine::Linear(re) => Ok(re.is_match(text)),
            Engine::Whole(whole) => Ok(whole.is_match(text)),
            Engine::Tree(tree) => tree.matches(text),
            Engine::Guarded(length, rest) => Ok(length.holds(text) && rest.is_match(text)?),
            Engine::Backtrack(re) => re.is_match(text).map_err(|_| Overrun),
        }
    }

    /// The byte ranges of the non-empty matches, each search starting where the last ended.
    fn non_empty(&self, text: &str) -> Result<Vec<(usize, usize)>, Overrun> {
        match self {
            // Asked only whether it matches: never made for spans.
            Engine::Whole(_) | Engine::Tree(_) | Engine::Guarded(..) => Ok(Vec::new()),
            Engine::Linear(re) => Ok(re
                .find_iter(text)
                .filter(|m| m.end() > m.start())
                .map(|m| (m.start(), m.end()))
                .collect()),
            Engine::Backtrack(re) => {
                let mut found = Vec::new();
                let mut at = 0;
                while at <= text.len() {
                    match re.find_from_pos(text, at) {
                        Ok(Some(m)) if m.end() > m.start() => {
                            found.push((m.start(), m.end()));
                            at = m.end();
                        }
                        Ok(_) => break,
                        Err(_) => return Err(Overrun),
                    }
                }
                Ok(found)
            }
        }
    }
}

/// `pattern` inside a group anchored at both ends. The `(?x)` and newline close a comment
/// the pattern may end in (verbose mode), and are ignored otherwise.
fn anchored(pattern: &str) -> String {
    format!("\\A(?:{pattern}(?x)\n)\\z")
}

/// The code-point offset of byte offset `at` in `text`.
fn code_points(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |head| head.chars().count())
}

fn linear(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).size_limit(SIZE_LIMIT).build()
}

fn backtracking(pattern: &str, not_empty: bool) -> Result<fancy_regex::Regex, fancy_regex::Error> {
    let mut builder = fancy_regex::RegexBuilder::new(pattern);
    builder
        .backtrack_limit(BACKTRACK_LIMIT)
        .delegate_size_limit(SIZE_LIMIT)
        .find_not_empty(not_empty);
    builder.build()
}

/// The error of a pattern the `regex` crate refuses, with its position.
fn syntax_error(pattern: &str, error: &regex_syntax::Error) -> PatternError {
    let (span, message) = match error {
        regex_syntax::Error::Parse(e) => (Some(e.span().start.offset), e.kind().to_string()),
        regex_syntax::Error::Translate(e) => (Some(e.span().start.offset), e.kind().to_string()),
        other => (None, other.to_string()),
    };
    PatternError {
        position: span.map(|at| code_points(pattern, at)),
        message,
    }
}

fn fancy_error(pattern: &str, error: &fancy_regex::Error) -> PatternError {
    match error {
        fancy_regex::Error::ParseError(at, kind) => PatternError {
            position: Some(code_points(pattern, *at)),
            message: kind.to_string(),
        },
        other => PatternError {
            position: None,
            message: other.to_string(),
        },
    }
}

fn too_big(error: &regex::Error) -> PatternError {
    PatternError {
        position: None,
        message: match error {
            regex::Error::CompiledTooBig(_) => "pattern too large once compiled".to_string(),
            other => other.to_string(),
        },
    }
}

/// Whether the syntax error says the `regex` crate lacks the feature (look-around,
/// possessive or atomic repetition) rather than that the pattern is malformed.
fn unsupported(error: &regex_syntax::Error) -> bool {
    use regex_syntax::ast::ErrorKind as K;
    match error {
        regex_syntax::Error::Parse(e) => matches!(
            e.kind(),
            K::UnsupportedLookAround
                | K::RepetitionMissing
                | K::UnsupportedBackreference
                | K::GroupUnclosed
                | K::FlagUnrecognized
                | K::GroupNameInvalid
                | K::EscapeUnrecognized
        ),
        _ => false,
    }
}

fn look_around(error: &regex_syntax::Error) -> bool {
    matches!(error, regex_syntax::Error::Parse(e)
        if *e.kind() == regex_syntax::ast::ErrorKind::UnsupportedLookAround)
}

/// The syntax tree of `pattern` read with every `(?i)` flag left out: what the prefilter
/// and the checks need of it, at a fraction of the cost. Case folding the packs' large
/// Unicode classes (`[^\p{L}\p{N}]` under `(?i)`) was most of the time a rule set took to
/// make; the prefilter folds case itself, and whether a pattern can match the empty text
/// does not depend on case. The syntax errors are those of the pattern as written (and
/// passed on as `regex_syntax` gives them, hence the large error type).
#[allow(clippy::result_large_err)]
fn caseless_hir(pattern: &str) -> Result<regex_syntax::hir::Hir, regex_syntax::Error> {
    let mut ast = regex_syntax::ast::parse::Parser::new().parse(pattern)?;
    without_case_flags(&mut ast);
    Ok(regex_syntax::hir::translate::Translator::new().translate(pattern, &ast)?)
}

/// The syntax tree of `pattern` as `regex_syntax::Parser` reads it, case flags and all, at
/// less cost. Under `(?i)` the translator folds each `\p{L}` of a bracket and then the
/// whole bracket, and that folding was most of the time of reading a rule's relaxed form
/// with its flags. Here a class under `(?i)` that is made only of `\p{L}`, `\p{N}`, the
/// Perl classes and ASCII characters that are not letters (with negation and set
/// operations, each of which keeps a set closed under folding) is read in `(?-i:…)`, each
/// `\p{L}` with the one character its folding adds (`FOLD_ADDITIONS`): the same
/// characters, without the folding. A test checks the additions against the translator's
/// folding, and the trees of every built-in pattern against the parser's. Where the
/// Unicode flag is cleared, classes are read as written.
#[allow(clippy::result_large_err)]
fn cased_hir(pattern: &str) -> Result<Hir, regex_syntax::Error> {
    let mut ast = regex_syntax::ast::parse::Parser::new().parse(pattern)?;
    unfold_closed_classes(&mut ast, &mut ClassFlags::default());
    Ok(regex_syntax::hir::translate::Translator::new().translate(pattern, &ast)?)
}

/// What simple case folding adds to a Unicode class of `cased_hir`'s, by the class's names:
/// U+0345, a combining mark, folds with the Greek iota.
const FOLD_ADDITIONS: &[(&[&str], &[char])] =
    &[(&["L", "Letter"], &['\u{345}']), (&["N", "Number"], &[])];

/// The characters folding adds to `class`, when `cased_hir` knows them.
fn fold_additions(class: &regex_syntax::ast::ClassUnicode) -> Option<&'static [char]> {
    use regex_syntax::ast::ClassUnicodeKind;
    let name = match &class.kind {
        ClassUnicodeKind::OneLetter(letter) => letter.to_string(),
        ClassUnicodeKind::Named(name) => name.clone(),
        ClassUnicodeKind::NamedValue { .. } => return None,
    };
    FOLD_ADDITIONS
        .iter()
        .find(|(names, _)| names.contains(&name.as_str()))
        .map(|(_, added)| *added)
}

/// The flags that decide how the translator reads a class: `i`, and `u` (on by default),
/// without which classes are ASCII or bytes and `cased_hir` leaves them as written.
#[derive(Clone, Copy)]
struct ClassFlags {
    insensitive: bool,
    unicode: bool,
}

impl Default for ClassFlags {
    fn default() -> Self {
        ClassFlags {
            insensitive: false,
            unicode: true,
        }
    }
}

impl ClassFlags {
    /// The flags after `flags` are set.
    fn after(self, flags: &regex_syntax::ast::Flags) -> ClassFlags {
        use regex_syntax::ast::{Flag, FlagsItemKind};
        let mut negated = false;
        let mut state = self;
        for item in &flags.items {
            match item.kind {
                FlagsItemKind::Negation => negated = true,
                FlagsItemKind::Flag(Flag::CaseInsensitive) => state.insensitive = !negated,
                FlagsItemKind::Flag(Flag::Unicode) => state.unicode = !negated,
                FlagsItemKind::Flag(_) => {}
            }
        }
        state
    }
}

/// Rewrite each class of `ast` read under `(?i)` (and `u`) that `cased_hir` can close
/// into its closed form in `(?-i:…)`. `flags` are those where `ast` starts, and are left as
/// the translator leaves them: a flag set inside a group lasts to the group's end, across
/// its alternatives.
fn unfold_closed_classes(ast: &mut regex_syntax::ast::Ast, flags: &mut ClassFlags) {
    use regex_syntax::ast::{
        Ast, ClassBracketed, ClassSet, Flag, Flags, FlagsItem, FlagsItemKind, Group, GroupKind,
    };
    match ast {
        Ast::Flags(set) => *flags = flags.after(&set.flags),
        Ast::Group(group) => {
            let outer = *flags;
            if let GroupKind::NonCapturing(set) = &group.kind {
                *flags = outer.after(set);
            }
            unfold_closed_classes(&mut group.ast, flags);
            *flags = outer;
        }
        Ast::Repetition(rep) => unfold_closed_classes(&mut rep.ast, flags),
        Ast::Alternation(alt) => alt
            .asts
            .iter_mut()
            .for_each(|ast| unfold_closed_classes(ast, flags)),
        Ast::Concat(concat) => concat
            .asts
            .iter_mut()
            .for_each(|ast| unfold_closed_classes(ast, flags)),
        Ast::ClassUnicode(_) | Ast::ClassBracketed(_) if flags.insensitive && flags.unicode => {
            let span = *ast.span();
            let closed = match &*ast {
                Ast::ClassUnicode(class) => {
                    let plain =
                        regex_syntax::ast::ClassSetItem::Unicode(regex_syntax::ast::ClassUnicode {
                            negated: false,
                            ..(**class).clone()
                        });
                    closed_item(&plain).map(|item| ClassBracketed {
                        span,
                        negated: class.is_negated(),
                        kind: ClassSet::Item(item),
                    })
                }
                Ast::ClassBracketed(class) => closed_set(&class.kind).map(|kind| ClassBracketed {
                    span: class.span,
                    negated: class.negated,
                    kind,
                }),
                _ => None,
            };
            if let Some(class) = closed {
                let item = |kind| FlagsItem { span, kind };
                let items = vec![
                    item(FlagsItemKind::Negation),
                    item(FlagsItemKind::Flag(Flag::CaseInsensitive)),
                ];
                *ast = Ast::group(Group {
                    span,
                    kind: GroupKind::NonCapturing(Flags { span, items }),
                    ast: Box::new(Ast::class_bracketed(class)),
                });
            }
        }
        _ => {}
    }
}

/// `set` with each `\p{L}` given what folding adds to it, when every part of it is closed
/// under folding once so given (`cased_hir`); None when some part is not.
fn closed_set(set: &regex_syntax::ast::ClassSet) -> Option<regex_syntax::ast::ClassSet> {
    use regex_syntax::ast::{ClassSet, ClassSetBinaryOp};
    match set {
        ClassSet::Item(item) => closed_item(item).map(ClassSet::Item),
        ClassSet::BinaryOp(op) => Some(ClassSet::BinaryOp(ClassSetBinaryOp {
            span: op.span,
            kind: op.kind,
            lhs: Box::new(closed_set(&op.lhs)?),
            rhs: Box::new(closed_set(&op.rhs)?),
        })),
    }
}

/// `closed_set` of one item of a bracket.
fn closed_item(item: &regex_syntax::ast::ClassSetItem) -> Option<regex_syntax::ast::ClassSetItem> {
    use regex_syntax::ast::{
        ClassAsciiKind, ClassBracketed, ClassSet, ClassSetItem, ClassSetUnion, ClassUnicode,
        Literal, LiteralKind,
    };
    let caseless = |c: char| c.is_ascii() && !c.is_ascii_alphabetic();
    match item {
        ClassSetItem::Empty(_) | ClassSetItem::Perl(_) => Some(item.clone()),
        ClassSetItem::Literal(literal) => caseless(literal.c).then(|| item.clone()),
        ClassSetItem::Range(range) => (range.end.c.is_ascii()
            && (range.start.c..=range.end.c).all(caseless))
        .then(|| item.clone()),
        ClassSetItem::Ascii(class) => matches!(
            class.kind,
            ClassAsciiKind::Blank
                | ClassAsciiKind::Cntrl
                | ClassAsciiKind::Digit
                | ClassAsciiKind::Punct
                | ClassAsciiKind::Space
        )
        .then(|| item.clone()),
        ClassSetItem::Unicode(class) => {
            let added = fold_additions(class)?;
            if added.is_empty() {
                return Some(item.clone());
            }
            let span = class.span;
            let mut union = ClassSetUnion {
                span,
                items: Vec::new(),
            };
            union.push(ClassSetItem::Unicode(ClassUnicode {
                negated: false,
                ..class.clone()
            }));
            for &c in added {
                union.push(ClassSetItem::Literal(Literal {
                    span,
                    kind: LiteralKind::Verbatim,
                    c,
                }));
            }
            let union = ClassSetItem::Union(union);
            Some(if class.is_negated() {
                ClassSetItem::Bracketed(Box::new(ClassBracketed {
                    span,
                    negated: true,
                    kind: ClassSet::Item(union),
                }))
            } else {
                union
            })
        }
        ClassSetItem::Bracketed(class) => Some(ClassSetItem::Bracketed(Box::new(ClassBracketed {
            span: class.span,
            negated: class.negated,
            kind: closed_set(&class.kind)?,
        }))),
        ClassSetItem::Union(union) => Some(ClassSetItem::Union(ClassSetUnion {
            span: union.span,
            items: union
                .items
                .iter()
                .map(closed_item)
                .collect::<Option<Vec<_>>>()?,
        })),
    }
}

/// Remove the case-insensitive flag from every flag group of `ast`.
fn without_case_flags(ast: &mut regex_syntax::ast::Ast) {
    use regex_syntax::ast::{Ast, Flag, Flags, FlagsItemKind, GroupKind};
    let strip = |flags: &mut Flags| {
        flags
            .items
            .retain(|item| item.kind != FlagsItemKind::Flag(Flag::CaseInsensitive));
    };
    match ast {
        Ast::Flags(set) => strip(&mut set.flags),
        Ast::Group(group) => {
            if let GroupKind::NonCapturing(flags) = &mut group.kind {
                strip(flags);
            }
            without_case_flags(&mut group.ast);
        }
        Ast::Repetition(rep) => without_case_flags(&mut rep.ast),
        Ast::Alternation(alt) => alt.asts.iter_mut().for_each(without_case_flags),
        Ast::Concat(concat) => concat.asts.iter_mut().for_each(without_case_flags),
        _ => {}
    }
}

/// A rule pattern, checked when made and compiled on first use: a document tries few of
/// the rules (the prefilter), and compiling all of them was most of the cost of loading.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    backtracks: bool,
    /// The literals every match holds one of (the prefilter's), read from the pattern
    /// without look-around when it backtracks; None when unknown.
    needs: Option<prefilter::Need>,
    /// Whether the pattern may match the empty text (or that is unknown).
    may_be_empty: bool,
    /// The most characters a match can have (None: unbounded or unknown), read from the
    /// syntax tree the prefilter reads (case flags left out: case-insensitive matching
    /// maps a character to one character) or, when the pattern backtracks, from its
    /// relaxed form, which matches wherever it does. A whole-line rule cannot match a
    /// longer line. (Counted in bytes, from the pattern parsed again with its case flags,
    /// this took half of what checking the packs costs when a process starts.)
    longest: Option<usize>,
    /// A backtracking pattern whose only look-around is a length guard at its start: the
    /// guard and the linear pattern after it, for matching whole lines (`guard`).
    guarded: Option<(guard::Length, String)>,
    /// Whether the linear pattern after the guard has bounded repetitions to widen: then,
    /// as for a linear pattern (`relaxed`), its widened form runs first and its syntax tree
    /// decides the lines that form matches.
    guarded_widens: bool,
    /// A backtracking pattern without its look-around (`relaxed`), when that is linear, or
    /// a linear pattern with bounded repetitions (`widening_pays`): widened, it matches
    /// wherever the pattern does, so a line it does not match is not given to the pattern
    /// at all, and the pattern is compiled only once a line gets past its widened form.
    /// Most lines a rule's literals let through are such, and most rules see none that
    /// get further in a whole batch.
    relaxed: Option<String>,
    /// The relaxed form, compiled on first use: anchored at both ends for a whole-line rule,
    /// searched for a span rule.
    relaxed_whole: OnceLock<Option<Whole>>,
    relaxed_search: OnceLock<Option<Whole>>,
    search: OnceLock<Option<Engine>>,
    full: OnceLock<Option<Engine>>,
    spans: OnceLock<Option<Engine>>,
}

impl Pattern {
    /// Check `source`: the `regex` crate's syntax, or (look-around) `fancy-regex`'s, which
    /// then runs under the backtrack limit.
    pub fn new(source: &str) -> Result<Pattern, PatternError> {
        Pattern::check(source, true)
    }

    /// Check `source` as the `regex` crate's syntax only (linear time whatever the text):
    /// for patterns searched over a whole document, such as site fingerprints.
    pub fn linear(source: &str) -> Result<Pattern, PatternError> {
        Pattern::check(source, false)
    }

    fn check(source: &str, allow_backtracking: bool) -> Result<Pattern, PatternError> {
        let mut relaxed_source = None;
        let mut relax = || {
            relaxed(source).and_then(|p| {
                let hir = caseless_hir(&p).ok()?;
                relaxed_source = Some(p);
                Some(hir)
            })
        };
        let (backtracks, hir) = match caseless_hir(source) {
            // The `regex` crate reads a possessive `a++` as `(a+)+`: such a pattern means
            // what it says only on fancy-regex.
            Ok(_) if atomic(source) && allow_backtracking => (true, relax()),
            Ok(_) if atomic(source) => {
                return Err(PatternError {
                    position: None,
                    message: "a possessive repetition or atomic group needs backtracking, \
                              which a linear pattern cannot do"
                        .to_string(),
                })
            }
            Ok(hir) => {
                if widening_pays(&hir) && !flags_with_x(&source.chars().collect::<Vec<_>>()) {
                    relaxed_source = Some(source.to_string());
                }
                (false, Some(hir))
            }
            Err(error) if allow_backtracking && unsupported(&error) => {
                // Malformed for both: the `regex` crate's error is the better one, but where
                // it only says that look-around is not supported.
                fancy_regex::Expr::parse_tree(source).map_err(|e| {
                    if look_around(&error) {
                        fancy_error(source, &e)
                    } else {
                        syntax_error(source, &error)
                    }
                })?;
                (true, relax())
            }
            Err(error) => return Err(syntax_error(source, &error)),
        };
        let may_be_empty = backtracks
            || hir
                .as_ref()
                .is_none_or(|h| h.properties().minimum_len() == Some(0));
        let longest = hir.as_ref().and_then(prefilter::max_chars);
        let guarded = if backtracks {
            guard::split(source).filter(|(_, rest)| linear_without_alternation(rest))
        } else {
            None
        };
        let guarded_widens = guarded
            .as_ref()
            .is_some_and(|(_, rest)| caseless_hir(rest).is_ok_and(|h| widening_pays(&h)));
        Ok(Pattern {
            source: source.to_string(),
            backtracks,
            needs: hir.as_ref().and_then(prefilter::required),
            may_be_empty,
            longest,
            guarded,
            guarded_widens,
            relaxed: relaxed_source,
            relaxed_whole: OnceLock::new(),
            relaxed_search: OnceLock::new(),
            search: OnceLock::new(),
            full: OnceLock::new(),
            spans: OnceLock::new(),
        })
    }

    fn compiled(&self, pattern: &str, not_empty: bool) -> Result<Engine, PatternError> {
        if self.backtracks || not_empty {
            backtracking(pattern, not_empty)
                .map(Engine::Backtrack)
                .map_err(|e| fancy_error(&self.source, &e))
        } else {
            linear(pattern).map(Engine::Linear).map_err(|e| too_big(&e))
        }
    }

    /// Compile the pattern now: what only compiling finds (a size limit) is an error here.
    pub fn compile(&self) -> Result<(), PatternError> {
        self.full().map(|_| ())
    }

    /// The whole-match form: only asked whether the anchored pattern matches. A linear
    /// pattern with bounded repetitions is decided by its syntax tree (`tree`), on the
    /// lines its widened form matches: compiled, it is the largest automaton a rule has.
    fn compiled_whole(&self) -> Result<Engine, PatternError> {
        if let Some((length, rest)) = &self.guarded {
            let anchored_rest = anchored(rest);
            let tree = if self.guarded_widens {
                regex_syntax::Parser::new()
                    .parse(&anchored_rest)
                    .ok()
                    .filter(tree::supported)
                    .map(Tree::new)
            } else {
                None
            };
            let rest = match tree {
                Some(tree) => Engine::Tree(Box::new(tree)),
                None => Engine::Whole(Box::new(Whole::new(&anchored_rest)?)),
            };
            Ok(Engine::Guarded(*length, Box::new(rest)))
        } else if self.backtracks {
            self.compiled(&anchored(&self.source), false)
        } else if let Some(tree) = self.relaxed_tree() {
            // A linear pattern's relaxed form is the pattern itself.
            let whole = Hir::concat(vec![Hir::look(Look::Start), tree, Hir::look(Look::End)]);
            if tree::supported(&whole) {
                Ok(Engine::Tree(Box::new(Tree::new(whole))))
            } else {
                Whole::from_hir(&whole).map(|w| Engine::Whole(Box::new(w)))
            }
        } else {
            Whole::new(&anchored(&self.source)).map(|w| Engine::Whole(Box::new(w)))
        }
    }

    /// The syntax tree of the relaxed form with its case flags, read when the tree that
    /// decides a linear pattern's whole lines is made; None without a relaxed form or when it
    /// does not parse. Kept, the trees of the rules met in 300 development pages were 15 of
    /// a worker's 120 MB.
    fn relaxed_tree(&self) -> Option<Hir> {
        let relaxed = self.relaxed.as_deref()?;
        cased_hir(relaxed).ok()
    }

    /// The syntax tree the widened forms are made of: the relaxed form read without its
    /// case flags (`caseless_hir`), since `widened` lets every letter match in any case,
    /// which is more than any flag lets it. Reading the case flags was most of the time of
    /// making a widened form: case folding a class such as `[^\n]` or `\p{L}` under `(?i)`
    /// took millions of instructions. A class made by intersecting or subtracting classes
    /// (`[\w&&[^_]]`, `[a-z--aeiou]`) is read with its flags: folded before the operation,
    /// as `(?i)` folds it, such a class can hold a case that folding after it would not add.
    fn any_case_tree(&self) -> Option<Hir> {
        let relaxed = self.relaxed.as_deref()?;
        if ["&&", "--", "~~"].iter().any(|op| relaxed.contains(op)) {
            return self.relaxed_tree();
        }
        caseless_hir(relaxed).ok()
    }

    fn full(&self) -> Result<&Engine, PatternError> {
        let engine = self.full.get_or_init(|| self.compiled_whole().ok());
        match engine {
            Some(engine) => Ok(engine),
            None => Err(self.compiled_whole().err().unwrap_or(PatternError {
                position: None,
                message: "pattern does not compile".to_string(),
            })),
        }
    }

    /// Bytes the automata of a linear pattern's whole-line form hold: its own, or its
    /// widened form's when its tree decides (None for a backtracking pattern, whose parts
    /// `fancy-regex` compiles and does not report).
    pub fn whole_bytes(&self) -> Result<Option<usize>, PatternError> {
        let engine = match self.full()? {
            Engine::Guarded(_, rest) => rest.as_ref(),
            engine => engine,
        };
        Ok(match engine {
            Engine::Whole(whole) => Some(whole.heap_bytes()),
            Engine::Tree(_) => Some(
                self.relaxed_form(&self.relaxed_whole, true)
                    .map_or(0, Whole::heap_bytes),
            ),
            _ => None,
        })
    }

    /// The most characters a match can have, when that is known.
    pub fn longest(&self) -> Option<usize> {
        self.longest
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the pattern backtracks (look-around): bounded by `BACKTRACK_LIMIT`.
    pub fn backtracks(&self) -> bool {
        self.backtracks
    }

    /// Whether the whole of `text`, stripped as Python strips, matches.
    pub fn fullmatch(&self, text: &str) -> Result<bool, Overrun> {
        let text = strip(text);
        if self.guarded.is_none() || self.guarded_widens {
            if let Some(relaxed) = self.relaxed_form(&self.relaxed_whole, true) {
                if !relaxed.is_match(text) {
                    return Ok(false);
                }
            }
        }
        self.full().map_err(|_| Overrun)?.is_match(text)
    }

    /// The relaxed form, widened (`widened`), compiled (anchored at both ends or not) into
    /// `slot`; None for a linear pattern or when the relaxed form does not compile.
    fn relaxed_form<'a>(
        &self,
        slot: &'a OnceLock<Option<Whole>>,
        whole: bool,
    ) -> Option<&'a Whole> {
        self.relaxed.as_deref()?;
        slot.get_or_init(|| {
            let hir = widened(&self.any_case_tree()?);
            let hir = if whole {
                Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)])
            } else {
                hir
            };
            Whole::from_hir(&hir).ok()
        })
        .as_ref()
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn search(&self, text: &str) -> Result<bool, Overrun> {
        let engine = self
            .search
            .get_or_init(|| self.compiled(&self.source, false).ok());
        engine.as_ref().ok_or(Overrun)?.is_match(text)
    }

    /// The non-empty matches in `text`, as code-point ranges, left to right.
    pub fn spans(&self, text: &str) -> Result<Vec<(usize, usize)>, Overrun> {
        if let Some(relaxed) = self.relaxed_form(&self.relaxed_search, false) {
            if !relaxed.occurs(text) {
                return Ok(Vec::new());
            }
        }
        let engine = self.spans.get_or_init(|| {
            // A pattern that can match the empty text: after an empty match Python's
            // finditer still takes a longer one at the same place, as only a search for
            // non-empty matches does. One that matches nothing else finds no span.
            self.compiled(&self.source, self.may_be_empty).ok()
        });
        let Some(engine) = engine else {
            return Ok(Vec::new());
        };
        let mut spans = Vec::new();
        let (mut byte, mut point) = (0, 0);
        for (start, end) in engine.non_empty(text)? {
            point += code_points(&text[byte..], start - byte);
            let begin = point;
            point += code_points(&text[start..], end - start);
            byte = end;
            spans.push((begin, point));
        }
        Ok(spans)
    }
}

/// `hir` made to match more, and smaller: every assertion (`\b`, `^`, `$`) dropped, a
/// repetition of more than one count made open (`x{2,30}` as `x+`, `x{0,1200}` as `x*`),
/// a class with a non-ASCII character in it made to hold every one (`coarse`), and every
/// letter made to match in any case (`any_case`, `any_case_literal`: `hir` may be read
/// without its case flags).
/// A relaxed pattern stands for a backtracking one only to rule lines out, so it may match
/// more; compiled as written, the packs' long bounded repetitions of Unicode classes
/// (`[^\n]{0,1200}`, `[\p{L}\p{N} .&-]{2,30}`) took 27 MB, and its lazy DFA gives up on a
/// Unicode `\b` beside a non-ASCII character.
fn widened(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(rep) => {
            let open = rep.max != Some(rep.min) && rep.max.is_none_or(|max| max > 1);
            Hir::repetition(Repetition {
                min: if open { rep.min.min(1) } else { rep.min },
                max: if open { None } else { rep.max },
                greedy: rep.greedy,
                sub: Box::new(widened(&rep.sub)),
            })
        }
        HirKind::Capture(cap) => widened(&cap.sub),
        HirKind::Concat(items) => Hir::concat(items.iter().map(widened).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(widened).collect()),
        HirKind::Class(Class::Unicode(class)) => {
            Hir::class(Class::Unicode(coarse(&any_case(class.clone()))))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut folded = class.clone();
            folded.case_fold_simple();
            Hir::class(Class::Bytes(folded))
        }
        HirKind::Literal(literal) => any_case_literal(&literal.0),
        _ => hir.clone(),
    }
}

/// The characters outside ASCII whose simple case folding holds an ASCII letter: the long s
/// (ſ, with s and S) and the Kelvin sign (K, with k and K). The test
/// `only_two_characters_outside_ascii_fold_into_it` proves there are no others.
const FOLDING_INTO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// `class` with every case of each of its characters that is ASCII or folds into ASCII
/// (`FOLDING_INTO_ASCII`): what case folding adds to the class that `coarse` then makes of
/// it, which holds either no character outside ASCII or all of them. Folding those few
/// characters costs next to nothing, where folding a class such as `[^\n]` or `\p{L}`
/// took millions of instructions.
fn any_case(mut class: ClassUnicode) -> ClassUnicode {
    let mut few = ClassUnicode::new(
        FOLDING_INTO_ASCII
            .iter()
            .map(|&c| ClassUnicodeRange::new(c, c))
            .chain([ClassUnicodeRange::new('\0', '\x7F')]),
    );
    few.intersect(&class);
    few.case_fold_simple();
    class.union(&few);
    class
}

/// A literal of `bytes` that matches in any case: each character with other cases becomes
/// the class of them all. Bytes that are not UTF-8, which neither reader of a pattern lets
/// through, are folded as ASCII all the same.
fn any_case_literal(bytes: &[u8]) -> Hir {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Hir::concat(
            bytes
                .iter()
                .map(|&b| {
                    let mut class = regex_syntax::hir::ClassBytes::new([
                        regex_syntax::hir::ClassBytesRange::new(b, b),
                    ]);
                    class.case_fold_simple();
                    Hir::class(Class::Bytes(class))
                })
                .collect(),
        );
    };
    let mut items = Vec::new();
    let mut plain = String::new();
    for c in text.chars() {
        if c.is_ascii() && !c.is_ascii_alphabetic() {
            plain.push(c);
            continue;
        }
        let class = if c.is_ascii() {
            // Both cases, and the character outside ASCII that folds to them, if any.
            let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
            let outside = FOLDING_INTO_ASCII.iter().filter(|&&o| {
                o.to_lowercase().any(|l| l == lower) || o.to_uppercase().any(|u| u == upper)
            });
            ClassUnicode::new(
                [lower, upper]
                    .into_iter()
                    .chain(outside.copied())
                    .map(|c| ClassUnicodeRange::new(c, c)),
            )
        } else {
            let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            class.case_fold_simple();
            class
        };
        if class.ranges().len() == 1 && class.ranges()[0].start() == class.ranges()[0].end() {
            plain.push(c);
            continue;
        }
        if !plain.is_empty() {
            items.push(Hir::literal(std::mem::take(&mut plain).into_bytes()));
        }
        items.push(Hir::class(Class::Unicode(class)));
    }
    if !plain.is_empty() {
        items.push(Hir::literal(plain.into_bytes()));
    }
    Hir::concat(items)
}

/// `class` with every non-ASCII character in it when it holds one: in UTF-8 a class such
/// as `\p{L}` is hundreds of NFA states and splits the bytes into a hundred kinds, which
/// every state of a lazy DFA has a transition for; "any non-ASCII character" is a few.
fn coarse(class: &ClassUnicode) -> ClassUnicode {
    let mut wide = class.clone();
    if class.ranges().last().is_some_and(|r| !r.end().is_ascii()) {
        wide.union(&ClassUnicode::new([ClassUnicodeRange::new(
            '\u{80}',
            char::MAX,
        )]));
    }
    wide
}

/// Whether `hir` has a repetition that `widened` opens (`x{0,400}`, `x{2,30}`): compiled
/// as written, each count is a copy of its item, and the packs' bounded repetitions of
/// Unicode classes (`[^\n]{0,400}`, `[\p{L} -]{1,30}` under `(?i)`) made compiling the
/// rules most of a batch process's first second, and their lazy DFAs large.
fn widening_pays(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            rep.max.is_some_and(|max| max > 1 && max != rep.min) || widening_pays(&rep.sub)
        }
        HirKind::Capture(cap) => widening_pays(&cap.sub),
        HirKind::Concat(items) | HirKind::Alternation(items) => items.iter().any(widening_pays),
        _ => false,
    }
}

/// Whether `pattern` is the `regex` crate's syntax without look-around, atomic groups or
/// possessive repetitions (which that crate would read as a nested repetition: `a++` as
/// `(a+)+`), and not an alternation at its top level: what may follow a length guard
/// (`(?=.{3,9}$)a|b` guards `a` only).
fn linear_without_alternation(pattern: &str) -> bool {
    if relaxed(pattern).as_deref() != Some(pattern) {
        return false;
    }
    let parsed = regex_syntax::ast::parse::Parser::new().parse(pattern);
    let top_level_alternation = match &parsed {
        Ok(regex_syntax::ast::Ast::Alternation(_)) => true,
        Ok(_) => false,
        Err(_) => return false,
    };
    !top_level_alternation && caseless_hir(pattern).is_ok()
}

/// Whether `source` holds a possessive repetition or an atomic group (as fancy-regex reads
/// it): semantics the `regex` crate's syntax accepts but does not have.
fn atomic(source: &str) -> bool {
    fn walk(expr: &fancy_regex::Expr) -> bool {
        matches!(expr, fancy_regex::Expr::AtomicGroup(_)) || expr.children_iter().any(walk)
    }
    fancy_regex::Expr::parse_tree(source).is_ok_and(|tree| walk(&tree.expr))
}

/// `pattern` without what the `regex` crate lacks: look-around assertions dropped, atomic
/// groups and possessive repetitions made plain. It matches wherever `pattern` does (an
/// assertion only ever rules a match out), so it can stand for it in the prefilter.
/// None for a pattern in verbose mode, whose comments this reading does not know.
pub fn relaxed(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    if flags_with_x(&chars) {
        return None;
    }
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    let mut quantified = false;
    while i < chars.len() {
        let c = chars[i];
        let rest = &chars[i..];
        if c == '\\' {
            out.extend(rest.iter().take(2));
            i += 2;
            quantified = false;
        } else if c == '[' {
            let end = class_end(&chars, i)?;
            out.extend(&chars[i..end]);
            i = end;
            quantified = false;
        } else if starts_with(rest, "(?=")
            || starts_with(rest, "(?!")
            || starts_with(rest, "(?<=")
            || starts_with(rest, "(?<!")
        {
            i = group_end(&chars, i)?;
            quantified = false;
        } else if starts_with(rest, "(?>") {
            out.push_str("(?:");
            i += 3;
            quantified = false;
        } else if c == '{' {
            let end = counted_end(&chars, i);
            out.extend(&chars[i..end]);
            quantified = end > i + 1;
            i = end;
        } else if c == '+' && quantified {
            i += 1;
            quantified = false;
        } else {
            out.push(c);
            quantified = matches!(c, '*' | '+' | '?') && !out.ends_with("(?");
            // A lazy `?` ends the quantifier: `+?` then `+` is no possessive form.
            if c == '?' && matches!(chars.get(i.wrapping_sub(1)), Some('*' | '+' | '?' | '}')) {
                quantified = false;
            }
            i += 1;
        }
    }
    Some(out)
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut it = chars.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

/// Whether any flag group of the pattern turns on verbose mode.
fn flags_with_x(chars: &[char]) -> bool {
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i] == '(' && chars[i + 1] == '?' {
            let flags = chars[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic() || **c == '-');
            if flags.clone().any(|c| *c == 'x') {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// The index after the character class that opens at `start`, nested classes included.
fn class_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        let opened = i;
        match chars[i] {
            '\\' => i += 1,
            '[' => {
                depth += 1;
                // A `]` (after an optional `^`) first in a class is a literal.
                if chars.get(i + 1) == Some(&'^') {
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    i += 1;
                }
            }
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(opened + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index after the group that opens at `start`.
fn group_end(chars: &[char], start: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => {
                i = class_end(chars, i)?;
                continue;
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index after a counted repetition `{n}`, `{n,}`, `{n,m}` or `{,m}` opening at
/// `start`; `start + 1` when the brace opens none (a literal brace).
fn counted_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    let mut digits = 0;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',') {
        digits += usize::from(chars[i].is_ascii_digit());
        i += 1;
    }
    if digits > 0 && chars.get(i) == Some(&'}') {
        i + 1
    } else {
        start + 1
    }
}

/// Where a rule applies: the whole stripped line (removing the line, its paragraph block,
/// or the line as a tail marker), or spans inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Line,
    Block,
    Tail,
    Span,
}

impl Scope {
    /// The scope a pack names (`line`, `block`, `tail`, `span`).
    pub fn parse(name: &str) -> Option<Scope> {
        match name {
            "line" => Some(Scope::Line),
            "block" => Some(Scope::Block),
            "tail" => Some(Scope::Tail),
            "span" => Some(Scope::Span),
            _ => None,
        }
    }

    /// Whether the rule matches the whole stripped line (every scope but `span`).
    pub fn whole(self) -> bool {
        self != Scope::Span
    }
}

/// Zones of the document, as bits of a line's zone mask.
pub const HEAD: u8 = 1;
pub const TAIL: u8 = 2;

/// A rule of a rule set: its id, pattern, scope and zone (`HEAD`, `TAIL`, or 0 for any),
/// and its summary, which every removal it makes gives as evidence.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub pattern: Pattern,
    pub scope: Scope,
    pub zone: u8,
    pub summary: String,
}

/// A rule as a pack defines it: id, pattern, scope, zone and summary.
pub type Definition = (String, String, Scope, u8, String);

/// What the rules do with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No rule matches.
    Keep,
    /// This line-scoped rule (index into the rule set) matches the whole line first.
    Whole(usize),
    /// The span rules' non-empty matches: code-point range and rule index, rule by rule.
    Spans(Vec<(usize, usize, usize)>),
}

/// A rule ran past the backtrack limit on a line (indexes into the rules and the lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanError {
    pub rule: usize,
    pub line: usize,
}

/// All the rules of a registry, checked, with the prefilter of their literals.
///
/// One prefilter over every pack's rules, not one per set of rules a document uses: a
/// prefilter per language's view scanned the text of an HTML page 13% faster right after
/// its extraction, but each view's automaton (1.6-3.5 MB) came on top of the whole set's,
/// nine of them over the development dumps, and a worker's memory grew with the languages
/// a batch meets.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    prefilter: Prefilter,
}

impl RuleSet {
    /// Check the rules; the error names the index of the first rule that fails.
    pub fn new(
        rules: impl IntoIterator<Item = Definition>,
    ) -> Result<RuleSet, (usize, PatternError)> {
        let mut checked = Vec::new();
        for (index, (id, source, scope, zone, summary)) in rules.into_iter().enumerate() {
            let pattern = Pattern::new(&source).map_err(|e| (index, e))?;
            checked.push(Rule {
                id,
                pattern,
                scope,
                zone,
                summary,
            });
        }
        // A span can start anywhere in the line: only a whole-line rule's literal has a
        // bound from the line's start.
        let needs: Vec<_> = checked
            .iter()
            .map(|rule| {
                rule.pattern.needs.clone().map(|need| prefilter::Need {
                    within: need.within.filter(|_| rule.scope.whole()),
                    ..need
                })
            })
            .collect();
        Ok(RuleSet {
            rules: checked,
            prefilter: Prefilter::new(&needs),
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The verdict on each line: `view` lists the rules to try, in order (indexes into
    /// the set; a rule listed twice is tried once); `zones[i]` is line `i`'s zone mask. A
    /// rule applies in its zone only.
    ///
    /// A line is tried only against its candidates: the rules of the view whose literal it
    /// holds (one prefilter scan) and those without a literal, in the view's order.
    pub fn scan(
        &self,
        view: &[usize],
        lines: &[&str],
        zones: &[u8],
    ) -> Result<Vec<Verdict>, ScanError> {
        let mut rank = vec![usize::MAX; self.rules.len()];
        let mut always = Vec::new();
        for (at, &rule) in view.iter().enumerate() {
            if rule < self.rules.len() && rank[rule] == usize::MAX {
                rank[rule] = at;
                if !self.prefilter.filters(rule) {
                    always.push(rule);
                }
            }
        }
        let mut seen = vec![false; self.rules.len()];
        let mut candidates = Vec::new();
        let mut folded = String::new();
        let mut verdicts = Vec::with_capacity(lines.len());
        for (index, text) in lines.iter().enumerate() {
            let zone = zones.get(index).copied().unwrap_or(0);
            self.prefilter
                .scan(text, &mut seen, &mut candidates, &mut folded);
            candidates.retain(|&rule| rank[rule] != usize::MAX);
            candidates.extend_from_slice(&always);
            candidates.sort_unstable_by_key(|&rule| rank[rule]);
            let in_zone = |rule: usize| {
                let wanted = self.rules[rule].zone;
                wanted == 0 || wanted & zone != 0
            };
            let error = |rule| ScanError { rule, line: index };
            let mut verdict = Verdict::Keep;
            let stripped = strip(text);
            // Counted once, and only for a line with more bytes than a rule's bound.
            let mut chars = None;
            for &rule in &candidates {
                if !self.rules[rule].scope.whole() || !in_zone(rule) {
                    continue;
                }
                if let Some(longest) = self.rules[rule].pattern.longest() {
                    if stripped.len() > longest
                        && *chars.get_or_insert_with(|| stripped.chars().count()) > longest
                    {
                        continue;
                    }
                }
                if self.rules[rule]
                    .pattern
                    .fullmatch(text)
                    .map_err(|_| error(rule))?
                {
                    verdict = Verdict::Whole(rule);
                    break;
                }
            }
            if verdict == Verdict::Keep {
                let mut found = Vec::new();
                for &rule in &candidates {
                    if self.rules[rule].scope != Scope::Span || !in_zone(rule) {
                        continue;
                    }
                    let spans = self.rules[rule]
                        .pattern
                        .spans(text)
                        .map_err(|_| error(rule))?;
                    found.extend(spans.into_iter().map(|(b, e)| (b, e, rule)));
                }
                if !found.is_empty() {
                    verdict = Verdict::Spans(found);
                }
            }
            verdicts.push(verdict);
        }
        Ok(verdicts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str, pattern: &str, scope: Scope, zone: u8) -> Definition {
        (
            id.to_string(),
            pattern.to_string(),
            scope,
            zone,
            String::new(),
        )
    }

    #[test]
    fn bounded_repetitions_wait_for_a_line_their_widened_form_matches() {
        let p = Pattern::new(r"(?i)[^\p{L}\p{N}]{0,3}affiliate links?\b[^\n]{0,40}").unwrap();
        assert!(p.relaxed.is_some());
        let prose = "We never use affiliate links in our reviews.";
        assert!(!p.fullmatch(prose).unwrap());
        assert!(
            p.full.get().is_none(),
            "not compiled for a line its widened form rules out"
        );
        let long = format!("Affiliate links: {}", "x".repeat(41));
        assert!(!p.fullmatch(&long).unwrap());
        assert!(p.full.get().is_some());
        assert!(p
            .fullmatch(" * Affiliate links: we earn a commission.")
            .unwrap());
        assert!(!p.fullmatch("Affiliate linksx").unwrap());
        let near = "Our affiliates link to shops.";
        assert_eq!(p.spans(near).unwrap(), Vec::<(usize, usize)>::new());
        assert!(p.spans.get().is_none());
        assert_eq!(p.spans("Note: affiliate link here").unwrap(), vec![(4, 25)]);
        // Without a bounded repetition there is nothing to widen.
        assert!(Pattern::new(r"(?i)share on \w+").unwrap().relaxed.is_none());
        assert!(Pattern::new(r"\d{4}").unwrap().relaxed.is_none());
    }

    #[test]
    fn linear_patterns_need_no_backtracking() {
        let p = Pattern::new(r"(?i)share(?: on)? (?:facebook|x)").unwrap();
        assert!(!p.backtracks());
        assert!(p.fullmatch("  Share on Facebook \u{1f}").unwrap());
        assert!(!p.fullmatch("Share on Facebook today").unwrap());
        let p = Pattern::new(r"(?i)(?=.{3,20}+$)read more").unwrap();
        assert!(p.backtracks());
        assert!(p.fullmatch("Read more").unwrap());
    }

    #[test]
    fn a_whole_line_rule_compiles_one_forward_automaton() {
        // The shape of the packs' link-list rules: twelve copies of a large Unicode class.
        // As a `regex::Regex` (forward and reverse NFA) it took 2.3 MB; forward only, 0.8.
        // Widened (the repetition opened) it is one copy, and its tree counts: 20 kB.
        let p = Pattern::new(
            r"(?i)(?:[^\p{L}\p{N}]{0,3}(?:privacy(?: policy)?|terms(?: of use)?|contact us|about us)[\s:|•·/,–-]*){1,12}",
        )
        .unwrap();
        assert!(p
            .fullmatch("Privacy Policy | Terms of Use | Contact us")
            .unwrap());
        assert!(!p
            .fullmatch("Contact us to learn about our privacy terms")
            .unwrap());
        let bytes = p.whole_bytes().unwrap().unwrap();
        assert!(bytes < 100_000, "{bytes} bytes");
        assert_eq!(Pattern::new("(?=a)a").unwrap().whole_bytes(), Ok(None));
    }

    #[test]
    fn a_length_guard_is_a_count_before_a_forward_automaton() {
        // The packs' copyright lines: a length guard, then a linear pattern. It compiles to
        // one forward automaton (before, `fancy-regex` compiled it in both directions).
        let source = r"(?i)(?=.{3,40}+$)[^\n]{0,30}?\ball rights reserved[\s.!]*";
        let guarded = Pattern::new(source).unwrap();
        assert!(guarded.backtracks());
        assert!(guarded.whole_bytes().unwrap().is_some());
        // The same guard in a group is not read as a count: `fancy-regex` runs it.
        let fancy =
            Pattern::new(r"(?i)(?:(?=.{3,40}+$))[^\n]{0,30}?\ball rights reserved[\s.!]*").unwrap();
        assert_eq!(fancy.whole_bytes(), Ok(None));
        let long = format!("{} all rights reserved", "x".repeat(20));
        for text in [
            "All rights reserved.",
            "  ALL RIGHTS RESERVED  ",
            "© Straße. All rights reserved",
            "© Straße.\nAll rights reserved",
            "© Straße.\rAll rights reserved",
            "rights reserved",
            "🙂🙂🙂 all rights reserved!!!!!!!!!!!!!",
            "🙂🙂🙂 all rights reserved!!!!!!!!!!!!!!",
            &long,
            &format!("x{long}"),
        ] {
            assert_eq!(guarded.fullmatch(text), fancy.fullmatch(text), "{text:?}");
        }
        assert!(guarded.fullmatch("All rights reserved.").unwrap());
        assert!(guarded.fullmatch(&long).unwrap());
        assert!(!guarded.fullmatch(&format!("x{long}")).unwrap());
        assert!(!guarded.fullmatch("© Straße.\nAll rights reserved").unwrap());
        // A top-level alternation after the guard guards its first branch only.
        let p = Pattern::new(r"(?=.{5}$)abcde|ab").unwrap();
        assert_eq!(p.whole_bytes(), Ok(None));
        assert!(p.fullmatch("ab").unwrap());
        // The rest must be linear: a second look-around keeps the pattern on `fancy-regex`.
        let p = Pattern::new(r"(?i)(?=.{2,9}+$)\w+(?<!x)").unwrap();
        assert_eq!(p.whole_bytes(), Ok(None));
        assert!(p.fullmatch("abc").unwrap() && !p.fullmatch("abx").unwrap());
        // So must a possessive repetition, which the `regex` crate reads as `(a+)+`.
        let p = Pattern::new(r"(?=.{2,9}+$)a++a").unwrap();
        assert_eq!(p.whole_bytes(), Ok(None));
        assert!(!p.fullmatch("aaa").unwrap());
    }

    #[test]
    fn a_unicode_word_boundary_beside_non_ascii_text() {
        // The lazy DFA gives up on a Unicode `\b` next to a non-ASCII character: the
        // PikeVM answers instead, with the same result.
        let p = Pattern::new(r"(?i)straße\b.*").unwrap();
        assert!(p.fullmatch("Straße und Platz").unwrap());
        assert!(!p.fullmatch("Straßenbahn").unwrap());
        let p = Pattern::new(r"\bü\w+\b").unwrap();
        assert!(p.fullmatch("über").unwrap());
        assert!(!p.fullmatch("über-").unwrap());
    }

    #[test]
    fn the_prefilters_tree_leaves_case_flags_out() {
        let read = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        assert_eq!(
            caseless_hir(r"(?i)a[^\p{L}\p{N}]{0,3}(?-i:B)(?i:c)(?is)d.").unwrap(),
            read(r"a[^\p{L}\p{N}]{0,3}Bc(?s)d.")
        );
        // Errors keep their place in the pattern as written.
        let e = Pattern::new(r"(?i)ü\p{Nope}").unwrap_err();
        assert_eq!(e.position, Some(5));
        // The prefilter still finds a case-insensitive rule's literal in any case.
        let set = RuleSet::new([rule("n", "(?i)newsletter", Scope::Line, 0)]).unwrap();
        assert_eq!(
            set.scan(&[0], &["NEWSLETTER"], &[0]).unwrap(),
            vec![Verdict::Whole(0)]
        );
    }

    #[test]
    fn possessive_repetitions_keep_their_meaning() {
        // Python's `regex` and fancy-regex: a possessive `a++` gives nothing back, so
        // `a++a` matches nothing; the `regex` crate would read it as `(a+)+`.
        for (pattern, text) in [
            ("a++a", "aa"),
            ("x*+x", "xx"),
            ("a?+a", "a"),
            ("a{1,3}+a", "aa"),
        ] {
            let p = Pattern::new(pattern).unwrap();
            assert!(p.backtracks(), "{pattern}");
            assert!(!p.fullmatch(text).unwrap(), "{pattern}");
        }
        assert!(Pattern::new("a++b").unwrap().fullmatch("aab").unwrap());
        assert!(!Pattern::new("a+b").unwrap().backtracks());
        assert!(!Pattern::new(r"[+]+\++").unwrap().backtracks());
        assert!(Pattern::linear("a++").is_err());
    }

    #[test]
    fn fullmatch_tries_every_alternative() {
        // Leftmost-first would stop at "a"; a whole match needs the longer branch.
        let p = Pattern::new("a|ab").unwrap();
        assert!(p.fullmatch("ab").unwrap());
        let p = Pattern::new("(?=a)(?:a|ab)").unwrap();
        assert!(p.fullmatch("ab").unwrap());
        // A verbose pattern may end in a comment.
        let p = Pattern::new("(?x) a b # the end").unwrap();
        assert!(p.fullmatch("ab").unwrap());
    }

    #[test]
    fn spans_count_code_points() {
        let p = Pattern::new(r"\(Foto: [^)]*\)").unwrap();
        let text = "Straße in Zürich (Foto: Jörg) und 🙂 (Foto: Ü)";
        let spans = p.spans(text).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let cut = |(b, e): (usize, usize)| chars[b..e].iter().collect::<String>();
        assert_eq!(spans.len(), 2);
        assert_eq!(cut(spans[0]), "(Foto: Jörg)");
        assert_eq!(cut(spans[1]), "(Foto: Ü)");
        assert_eq!(spans[0], (17, 29));
    }

    #[test]
    fn spans_of_a_pattern_that_can_match_empty() {
        // After the empty match at 0 Python's finditer takes "ab" there.
        let p = Pattern::new("|ab").unwrap();
        assert_eq!(p.spans("abxab").unwrap(), vec![(0, 2), (3, 5)]);
        let p = Pattern::new(r"(?<=\s)x*").unwrap();
        assert_eq!(p.spans("a xx b").unwrap(), vec![(2, 4)]);
    }

    #[test]
    fn errors_carry_the_position_in_code_points() {
        let e = Pattern::new("Straße (unclosed").unwrap_err();
        assert_eq!(e.position, Some(7));
        assert!(e.to_string().starts_with("at position 7: "), "{e}");
        let e = Pattern::new(r"ü\p{Nope}").unwrap_err();
        assert_eq!(e.position, Some(1));
        let e = Pattern::new(r"(?=ü(x)").unwrap_err();
        assert!(e.position.is_some(), "{e}");
        assert!(Pattern::linear("(?=a)b").is_err());
        assert!(Pattern::linear("Fusion Media (?:Limited)").is_ok());
    }

    #[test]
    fn backtracking_stops_at_the_limit() {
        let p = Pattern::new("(?:(?=x)x+x+)+y(?<!xy)").unwrap();
        assert!(p.backtracks());
        assert!(p.fullmatch("xzy").is_ok_and(|found| !found));
        // Its relaxed form, `(?:x+x+)+y`, matches: the backtracking search runs, and stops.
        let hostile = "x".repeat(40) + "y";
        assert_eq!(p.fullmatch(&hostile), Err(Overrun));
        assert_eq!(p.spans(&hostile), Err(Overrun));
        // A line the relaxed form cannot match is not searched with backtracking at all.
        let hostile = "x".repeat(40);
        assert_eq!(p.fullmatch(&hostile), Ok(false));
        assert_eq!(p.spans(&hostile), Ok(Vec::new()));
        // The same pattern without look-around runs in linear time.
        let p = Pattern::new("(x+x+)+y").unwrap();
        assert!(!p.backtracks());
        assert!(!p.fullmatch(&"x".repeat(100_000)).unwrap());
    }

    #[test]
    fn widened_forms_match_more() {
        let read = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        let caseless = |p: &str| caseless_hir(p).unwrap();
        assert_eq!(
            widened(&read(r"(?i)\bab{2,30}(c){0,1200}d{3}e?f{1,1}$")),
            read(r"(?i)ab+c*d{3}e?f{1}")
        );
        // Read without its case flags, a pattern widens to the same: every letter in any
        // case, as `(?i)` has it.
        assert_eq!(
            widened(&caseless(r"(?i)\bab{2,30}(c){0,1200}d{3}e?f{1,1}$")),
            read(r"(?i)ab+c*d{3}e?f{1}")
        );
        assert_eq!(widened(&caseless("Ökosystem-2")), read("(?i)Ökosystem-2"));
        assert_eq!(widened(&caseless("[a-c]x")), read("(?i)[a-c]x"));
        // A class that holds a non-ASCII character holds them all.
        assert_eq!(
            widened(&read(r"[^\p{L}\p{N}]{0,3}(?i:k)é")),
            read(r"[\x00-/:-@\[-`{-\x{10FFFF}]*[Kk\x{80}-\x{10FFFF}](?i:é)")
        );
        // The Kelvin sign and the long s fold into ASCII letters.
        assert_eq!(widened(&caseless("\u{212A}")), read(r"(?i)k"));
        assert_eq!(
            widened(&caseless("[\u{17F}x]")),
            read(r"[SXsx\x{80}-\x{10FFFF}]")
        );
        // Bytes that are not UTF-8 (which neither reader lets through) fold as ASCII.
        let bytes = |b: &[u8]| {
            let mut class = regex_syntax::hir::ClassBytes::new(
                b.iter()
                    .map(|&b| regex_syntax::hir::ClassBytesRange::new(b, b)),
            );
            class.case_fold_simple();
            Hir::class(Class::Bytes(class))
        };
        assert_eq!(
            widened(&Hir::literal(b"\xFFa".to_vec())),
            Hir::concat(vec![bytes(b"\xFF"), bytes(b"a")])
        );
        // A backtracking pattern keeps its matches; lines its relaxed form rules out are
        // not searched by `fancy-regex`.
        let p = Pattern::new(r"(?i)(?<=\S\s{0,3})\((?:foto|photo)\b[^)]{2,40}\)\s*$").unwrap();
        assert_eq!(p.spans("Der Fluss (Foto: Jörg)").unwrap(), vec![(10, 22)]);
        assert_eq!(p.spans("(Foto: Jörg)").unwrap(), vec![]);
        assert_eq!(p.spans("Der Fluss (Fotograf Jörg) heute").unwrap(), vec![]);
        let p = Pattern::new(r"(?i)tags\s?:(?!\s*(?:\S+\s+){3})[^\n.!?]{0,160}").unwrap();
        assert!(p.fullmatch("Tags: Straße, Zürich").unwrap());
        assert!(!p.fullmatch("Tags: one two three four five").unwrap());
        assert!(!p.fullmatch("Tags: Straße. Zürich").unwrap());
    }

    #[test]
    fn only_two_characters_outside_ascii_fold_into_it() {
        let ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
        let mut outside = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', char::MAX)]);
        outside.case_fold_simple();
        // The ASCII characters that a character outside ASCII folds to...
        outside.intersect(&ascii);
        let letters: Vec<char> = outside.iter().flat_map(|r| r.start()..=r.end()).collect();
        assert_eq!(letters, ['K', 'S', 'k', 's']);
        // ...and the characters outside ASCII that fold to them.
        outside.case_fold_simple();
        outside.difference(&ascii);
        let folding: Vec<char> = outside.iter().flat_map(|r| r.start()..=r.end()).collect();
        assert_eq!(folding, FOLDING_INTO_ASCII);
        // A literal's ASCII letters are given the classes that case folding gives them.
        for c in ('a'..='z').chain('A'..='Z') {
            let mut folded = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
            folded.case_fold_simple();
            assert_eq!(
                any_case_literal(c.to_string().as_bytes()),
                Hir::class(Class::Unicode(folded))
            );
        }
    }

    #[test]
    fn widened_forms_read_without_case_flags_match_in_every_case() {
        // Every built-in pattern's widened forms (read without the case flags), against the
        // pattern compiled as written, on its rule's examples in their own case, upper case,
        // lower case and with the cases swapped: wherever the pattern matches, its widened
        // forms do.
        let swapped = |text: &str| -> String {
            text.chars()
                .flat_map(|c| {
                    if c.is_lowercase() {
                        c.to_uppercase().collect::<Vec<_>>()
                    } else {
                        c.to_lowercase().collect()
                    }
                })
                .collect()
        };
        let odd = ["KELVIN \u{212A}", "\u{17F}ubscribe", "ſhare"].map(String::from);
        let mut checked = 0;
        for (source, examples) in built_in_rules() {
            let Ok(p) = Pattern::new(&source) else {
                continue;
            };
            if p.relaxed.is_none() {
                continue;
            }
            let whole = p.relaxed_form(&p.relaxed_whole, true).unwrap();
            let search = p.relaxed_form(&p.relaxed_search, false).unwrap();
            let full = fancy_regex::Regex::new(&anchored(&source)).unwrap();
            let anywhere = fancy_regex::Regex::new(&source).unwrap();
            let lines = examples
                .iter()
                .flat_map(|e| [e.clone(), e.to_uppercase(), e.to_lowercase(), swapped(e)])
                .chain(odd.iter().cloned());
            for line in lines {
                let text = strip(&line);
                if full.is_match(text).unwrap_or(true) {
                    assert!(whole.is_match(text), "{source} on {line:?}");
                }
                if anywhere.is_match(&line).unwrap_or(true) {
                    assert!(search.occurs(&line), "{source} on {line:?}");
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked} lines checked");
    }

    #[test]
    fn relaxed_forms() {
        assert_eq!(
            relaxed(r"(?i)(?=.{3,220}+$)a\s*+(?>b|c)(?<![)(]x)[(?=]d++").as_deref(),
            Some(r"(?i)a\s*(?:b|c)[(?=]d+")
        );
        assert_eq!(relaxed(r"a}+b{2}+c+?").as_deref(), Some(r"a}+b{2}c+?"));
        assert_eq!(relaxed(r"[]a(]x(?=[)])y").as_deref(), Some(r"[]a(]xy"));
        assert_eq!(relaxed(r"(?x) a # (?=").as_deref(), None);
    }

    #[test]
    fn the_first_rule_in_the_given_order_wins() {
        let set = RuleSet::new([
            rule("a", "(?i)share", Scope::Line, 0),
            rule("b", "(?i)sha.e", Scope::Line, 0),
            rule("c", r"(?i)(?=s)\w+", Scope::Line, 0),
            rule("d", r"\(Foto: [^)]*\)", Scope::Span, 0),
            rule("e", r"(?<=\s)\(Foto[^)]*\)", Scope::Span, 0),
            rule("f", "(?i)footer", Scope::Line, TAIL),
        ])
        .unwrap();
        let lines = ["Share", "Shake", "Spam", "x (Foto: A) y", "plain", "Footer"];
        let zones = [0, 0, 0, 0, 0, HEAD];
        let got = set.scan(&[0, 1, 2, 3, 4, 5], &lines, &zones).unwrap();
        assert_eq!(
            got,
            vec![
                Verdict::Whole(0),
                Verdict::Whole(1),
                Verdict::Whole(2),
                Verdict::Spans(vec![(2, 11, 3), (2, 11, 4)]),
                Verdict::Keep,
                Verdict::Keep,
            ]
        );
        let got = set.scan(&[2, 1, 0], &lines[..2], &[0, 0]).unwrap();
        assert_eq!(got, vec![Verdict::Whole(2), Verdict::Whole(2)]);
        let got = set.scan(&[5], &lines[5..], &[TAIL]).unwrap();
        assert_eq!(got, vec![Verdict::Whole(5)]);
    }

    #[test]
    fn a_view_tries_its_own_rules_only() {
        let set = RuleSet::new([
            rule("news", "(?i)newsletter", Scope::Line, 0),
            rule("share", "(?i)share this", Scope::Line, 0),
            rule("any", r"\d+", Scope::Line, 0),
        ])
        .unwrap();
        let lines = ["Newsletter", "Share this", "42"];
        let all = set.scan(&[0, 1, 2], &lines, &[0, 0, 0]).unwrap();
        assert_eq!(
            all,
            vec![Verdict::Whole(0), Verdict::Whole(1), Verdict::Whole(2)]
        );
        // A rule outside the view is never tried, though its literal is on the line; a
        // rule without literals is tried on every line of a view that lists it.
        let some = set.scan(&[1, 2], &lines, &[0, 0, 0]).unwrap();
        assert_eq!(
            some,
            vec![Verdict::Keep, Verdict::Whole(1), Verdict::Whole(2)]
        );
        let again = set.scan(&[2, 1, 1], &lines, &[0, 0, 0]).unwrap();
        assert_eq!(again, some);
    }

    #[test]
    fn the_longest_match_bounds_the_lines_a_whole_rule_is_tried_on() {
        let longest = |source: &str| Pattern::new(source).unwrap().longest();
        // Characters, not bytes: a case-insensitive `k` matches the Kelvin sign.
        assert_eq!(longest("(?i)ok"), Some(2));
        assert_eq!(longest("ok"), Some(2));
        assert_eq!(longest(r"(?i)menu[\s:]{0,2}"), Some(6));
        assert_eq!(longest(r"menu.*"), None);
        // A backtracking pattern's bound is its relaxed form's.
        assert_eq!(longest(r"(?i)(?!x)menu\.?"), Some(5));
        assert_eq!(longest(r"(\w)\1"), None);
        let set = RuleSet::new([
            rule("menu", r"(?i)menu\.?", Scope::Line, 0),
            rule("kelvin", "(?i)ok", Scope::Line, 0),
        ])
        .unwrap();
        let padded = format!("  MENU.{}", " ".repeat(100));
        // "OK" with the Kelvin sign has more bytes than the bound, not more characters.
        let lines = [padded.as_str(), "Menu of the day", "O\u{212a}"];
        let got = set.scan(&[0, 1], &lines, &[0, 0, 0]).unwrap();
        assert_eq!(
            got,
            vec![Verdict::Whole(0), Verdict::Keep, Verdict::Whole(1)]
        );
    }

    #[test]
    fn a_runaway_rule_is_named_with_its_line() {
        let set = RuleSet::new([
            rule("ok", "fine", Scope::Line, 0),
            rule("slow", "(?:(?=x)x+x+)+y(?<!xy)", Scope::Line, 0),
        ])
        .unwrap();
        // The prefilter (the pattern without look-around) lets the line through.
        let hostile = "x".repeat(40) + "y";
        let lines = ["fine", &hostile];
        assert_eq!(
            set.scan(&[0, 1], &lines, &[0, 0]),
            Err(ScanError { rule: 1, line: 1 })
        );
    }

    #[test]
    fn a_bad_rule_is_named_by_index() {
        let err = RuleSet::new([
            rule("ok", "fine", Scope::Line, 0),
            rule("bad", "(", Scope::Line, 0),
        ])
        .unwrap_err();
        assert_eq!(err.0, 1);
    }

    /// The package's pack files, in order.
    fn pack_files() -> Vec<std::path::PathBuf> {
        let packs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../cleaner/rules/packs");
        let mut files: Vec<_> = std::fs::read_dir(&packs)
            .unwrap()
            .chain(std::fs::read_dir(packs.join("sites")).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        files
    }

    /// The built-in packs' patterns and the lines their examples give, read from the
    /// package's pack files.
    fn built_in_packs() -> (Vec<String>, Vec<String>) {
        let (mut patterns, mut examples) = (Vec::new(), Vec::new());
        for (pattern, own) in pack_tables() {
            patterns.extend(pattern);
            examples.extend(own);
        }
        (patterns, examples)
    }

    /// Each table of the package's pack files that has a pattern or examples (`match` and
    /// `keep`): its pattern, if any, and its own examples, in the files' order.
    fn pack_tables() -> Vec<(Option<String>, Vec<String>)> {
        fn walk(value: &toml::Value, tables: &mut Vec<(Option<String>, Vec<String>)>) {
            match value {
                toml::Value::Table(table) => {
                    let pattern = table
                        .get("pattern")
                        .and_then(|p| p.as_str().map(String::from));
                    let examples: Vec<String> = ["match", "keep"]
                        .iter()
                        .filter_map(|key| table.get(*key).and_then(toml::Value::as_array))
                        .flatten()
                        .filter_map(|i| i.as_str().map(String::from))
                        .collect();
                    if pattern.is_some() || !examples.is_empty() {
                        tables.push((pattern, examples));
                    }
                    table.values().for_each(|v| walk(v, tables));
                }
                toml::Value::Array(items) => items.iter().for_each(|v| walk(v, tables)),
                _ => {}
            }
        }
        let mut tables = Vec::new();
        for file in pack_files() {
            let value: toml::Value = std::fs::read_to_string(&file).unwrap().parse().unwrap();
            walk(&value, &mut tables);
        }
        tables
    }

    /// Each built-in rule's pattern with its own examples.
    fn built_in_rules() -> Vec<(String, Vec<String>)> {
        pack_tables()
            .into_iter()
            .filter_map(|(pattern, examples)| Some((pattern?, examples)))
            .collect()
    }

    #[test]
    fn folding_adds_to_the_closed_classes_what_the_table_says() {
        // Each building block of a class `cased_hir` reads without folding, with what the
        // table says folding adds to it, against the translator's folding of it.
        let read = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        let mut blocks: Vec<(String, String)> = Vec::new();
        for (names, added) in FOLD_ADDITIONS {
            let extra: String = added
                .iter()
                .map(|c| format!("\\x{{{:x}}}", *c as u32))
                .collect();
            for name in names.iter() {
                blocks.push((format!("\\p{{{name}}}"), extra.clone()));
                if name.len() == 1 {
                    blocks.push((format!("\\p{name}"), extra.clone()));
                }
            }
        }
        for perl in [r"\w", r"\d", r"\s", r"\W", r"\D", r"\S"] {
            blocks.push((perl.to_string(), String::new()));
        }
        for ascii in ["blank", "cntrl", "digit", "punct", "space"] {
            blocks.push((format!("[:{ascii}:]"), String::new()));
        }
        for c in (0u8..128)
            .map(char::from)
            .filter(|c| !c.is_ascii_alphabetic())
        {
            blocks.push((regex_syntax::escape(&c.to_string()), String::new()));
        }
        for (block, extra) in &blocks {
            for negated in ["", "^"] {
                let folded = read(&format!("(?i)[{negated}{block}]"));
                assert_eq!(
                    folded,
                    read(&format!("[{negated}{block}{extra}]")),
                    "{block}"
                );
                assert_eq!(
                    cased_hir(&format!("(?i)[{negated}{block}]")).unwrap(),
                    folded
                );
            }
        }
    }

    #[test]
    fn a_pattern_reads_with_its_case_flags_as_the_parser_reads_it() {
        let tricky = [
            r"(?i)[\p{L}a-z]+",
            r"(?i)[^\p{L}\p{N}]{0,3}(?:ad|ads)",
            r"(?i)[^\p{Lu}]",
            r"(?i)\p{Ll}+\p{L}",
            r"(?i)[[:alpha:]0-9]",
            r"(?i)[\w&&[^_]]",
            r"(?i)[a-z--aeiou]",
            r"(?i)[\d\s.,-]+(?-i:[\p{L}])",
            r"(?i:[\p{N}]|x)(?-i)[^\n]{1,5}",
            r"(?i)(?-u:[\w])[\p{L}]",
            r"(?i)[\x{212A}\p{N}][^k]",
            r"(?i)[[:^punct:]\p{L}~~[\p{N}]]",
            r"(?i)\P{L}[\P{L}\d]\pN\PL",
            r"[\p{L}](?i)[\p{L}](?-i)[\p{L}]",
            r"(?:x(?i)|[\p{L}])[\p{L}]",
            r"(?i:a)[\p{L}]|(?i)[^\p{L}\p{N}&&\d]",
            r"((?i)[\p{L}])[\p{L}]",
            r"(?i)[\p{L}--\p{N}][\p{Letter}~~\w]\p{Number}",
            r"(?i)[\p{scx=Greek}\p{L}][\p{L}\x{3b9}]",
            r"(?i)[^\p{L}](?-u:[\w.])[\p{L}](?u:[^\p{N}])",
            r"(?i-u)[\w](?u)[\p{L}]",
        ];
        let (patterns, _) = built_in_packs();
        let relaxed_forms: Vec<String> = patterns.iter().filter_map(|p| relaxed(p)).collect();
        let mut checked = 0;
        for pattern in tricky
            .iter()
            .map(|p| p.to_string())
            .chain(patterns)
            .chain(relaxed_forms)
        {
            let Ok(expected) = regex_syntax::Parser::new().parse(&pattern) else {
                continue;
            };
            assert_eq!(cased_hir(&pattern).unwrap(), expected, "{pattern}");
            checked += 1;
        }
        assert!(checked > 200, "{checked}");
    }

    #[test]
    fn a_tree_decides_as_the_compiled_pattern() {
        // Every built-in pattern whose whole-line form its tree decides, against the
        // pattern compiled as written (`fancy-regex`, which runs linear patterns on the
        // `regex` crate), on every line its widened form lets through: the packs' own
        // examples, then every line of the development dumps. Each decision takes at most
        // a sixteenth of the tree's budget.
        let (patterns, examples) = built_in_packs();
        let decided: Vec<(Pattern, fancy_regex::Regex)> = patterns
            .iter()
            .filter_map(|source| {
                let p = Pattern::new(source).ok()?;
                let tree = match p.full().ok()? {
                    Engine::Tree(_) => true,
                    Engine::Guarded(_, rest) => matches!(**rest, Engine::Tree(_)),
                    _ => false,
                };
                let reference = fancy_regex::Regex::new(&anchored(source)).ok()?;
                tree.then_some((p, reference))
            })
            .collect();
        assert!(decided.len() > 40, "{} patterns", decided.len());
        let mut decisions = 0;
        let mut check = |line: &str| {
            let text = strip(line);
            let chars = text.chars().count();
            for (p, reference) in &decided {
                if p.longest.is_some_and(|most| chars > most) {
                    continue;
                }
                let widened = p.relaxed_form(&p.relaxed_whole, true).unwrap();
                if widened.is_match(text) {
                    decisions += 1;
                    let tree = match p.full().unwrap() {
                        Engine::Tree(tree) => tree,
                        Engine::Guarded(_, rest) => match rest.as_ref() {
                            Engine::Tree(tree) => tree,
                            _ => unreachable!("chosen for its tree"),
                        },
                        _ => unreachable!("chosen for its tree"),
                    };
                    assert!(
                        tree.decide_within(text, tree::BUDGET / 16).is_some(),
                        "{} on {line:?} takes more than a sixteenth of the budget",
                        p.source
                    );
                    assert_eq!(
                        p.fullmatch(line).unwrap(),
                        reference.is_match(text).unwrap(),
                        "{} on {line:?}",
                        p.source
                    );
                }
            }
        };
        examples.iter().for_each(|line| check(line));
        crate::devdata::each_dump_line(&mut check);
        eprintln!("{} patterns, {decisions} lines decided", decided.len());
        assert!(decisions > 100, "{decisions} lines decided");
    }
}
