//! Word tokens as the stoplists spell them, and the stoplists themselves.
//!
//! jusText's stoplists are data the shell loads once per run (from the `justext` package)
//! and hands to the core; the core counts a line's tokens and how many of them are
//! stopwords of the document's language.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::given_names::is_given_name;
use crate::textshape::CharClass;

/// The letters (`\p{L}`), so that the tokens found by hand are those the `regex` crate's
/// pattern `\p{L}+(?:['’\u{ad}]\p{L}+)*` finds.
static LETTERS: LazyLock<CharClass> = LazyLock::new(|| CharClass::of(r"\p{L}"));

/// A letter (`\p{L}`).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    LETTERS.contains(c)
}

/// The byte offset of the first character at or after `at` (a character boundary) that is a
/// letter (`want`) or is not one (`!want`), else the text's length. ASCII bytes are judged as
/// bytes: most text is mostly ASCII, and decoding each character was most of the time of
/// counting a line's words.
fn scan_letters(text: &str, at: usize, want: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while let Some(&byte) = bytes.get(i) {
        if byte.is_ascii() {
            if byte.is_ascii_alphabetic() == want {
                return i;
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                return text.len();
            };
            if is_letter(c) == want {
                return i;
            }
            i += c.len_utf8();
        }
    }
    text.len()
}

/// The byte offset where the run of letters at `at` ends.
fn letters_end(text: &str, at: usize) -> usize {
    scan_letters(text, at, false)
}

/// The word tokens of `text` (letters, joined by apostrophes or soft hyphens: the leftmost
/// longest runs of `\p{L}+(?:['’\u{ad}]\p{L}+)*`), each handed to `each`. Found by hand:
/// the regex's two passes per token (end, then start) were most of the time of counting.
fn each_token<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    if text.is_ascii() {
        each_ascii_token(text, each);
        return;
    }
    let mut from = 0;
    loop {
        let start = scan_letters(text, from, true);
        if start >= text.len() {
            break;
        }
        let mut end = letters_end(text, start);
        loop {
            let mut rest = text[end..].chars();
            match (rest.next(), rest.next()) {
                (Some(joiner @ ('\'' | '’' | '\u{ad}')), Some(next)) if is_letter(next) => {
                    end = letters_end(text, end + joiner.len_utf8());
                }
                _ => break,
            }
        }
        each(&text[start..end]);
        from = end;
    }
}

/// `each_token` on ASCII text, byte by byte: there a letter is `[A-Za-z]` and the only
/// joiner an apostrophe, so that a token is a run of `[A-Za-z]+(?:'[A-Za-z]+)*`.
fn each_ascii_token<'t>(text: &'t str, mut each: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphabetic() {
            at += 1;
            continue;
        }
        let start = at;
        loop {
            while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                at += 1;
            }
            match bytes.get(at..at + 2) {
                Some([b'\'', next]) if next.is_ascii_alphabetic() => at += 1,
                _ => break,
            }
        }
        each(&text[start..at]);
    }
}

/// Lower-cased word tokens of `text`, as the stoplists spell them (soft hyphens dropped).
pub fn tokens(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    each_lower_token(text, |token| found.push(token.into_owned()));
    found
}

/// `tokens` of `text` joined by one space, into `words` (cleared first). A token holds no
/// space, so the words and each pair of neighbouring words are slices of it.
pub fn lower_words(text: &str, words: &mut String) {
    words.clear();
    each_lower_token(text, |token| {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(&token);
    });
}

/// `tokens` of `text`, each handed to `each`: borrowed from `text` where lower-casing leaves
/// the token as it is (most tokens), so that sampling a document makes no string per word.
pub(crate) fn each_lower_token<'t>(text: &'t str, each: impl FnMut(Cow<'t, str>)) {
    each_kept_lower_token(text, |_, _| true, each);
}

/// `each_lower_token`, but only the tokens that `keep` accepts, asked with the text the token
/// is a slice of (soft hyphens dropped) and the token as written.
fn each_kept_lower_token<'t>(
    text: &'t str,
    keep: impl Fn(&str, &str) -> bool,
    mut each: impl FnMut(Cow<'t, str>),
) {
    if text.contains('\u{ad}') {
        let plain = text.replace('\u{ad}', "");
        each_token(&plain, |token| {
            if keep(&plain, token) {
                each(Cow::Owned(lowered(token).into_owned()));
            }
        });
    } else {
        each_token(text, |token| {
            if keep(text, token) {
                each(lowered(token));
            }
        });
    }
}

/// `token.to_lowercase()`, borrowed when that changes nothing. `str::to_lowercase` is asked
/// only where a character changes, since it alone knows the context rules (a final sigma).
fn lowered(token: &str) -> Cow<'_, str> {
    if token.is_ascii() {
        if token.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return Cow::Owned(token.to_ascii_lowercase());
        }
        return Cow::Borrowed(token);
    }
    let unchanged = token.chars().all(|c| {
        let mut lowered = c.to_lowercase();
        lowered.next() == Some(c) && lowered.next().is_none()
    });
    if unchanged {
        Cow::Borrowed(token)
    } else {
        Cow::Owned(token.to_lowercase())
    }
}

/// The hash of the stoplists' words and of the document's line numbers: FxHash (the Rust
/// compiler's), a multiply and a rotate per 8 bytes, where the standard library's SipHash
/// (built to resist chosen keys, which fixed word lists and line numbers are not) took a
/// few percent of a document's time.
#[derive(Debug, Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds `FxHasher`s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// One language's stopwords (lower case).
pub type Stoplist = HashSet<String, FxBuild>;

/// A file path of three or more parts, standing alone (not inside a web address): a server's
/// error message, whose words are in the language of the software, not of the page. A slash
/// after the start or after a character that cannot be part of a path or address, or a
/// drive letter and backslash.
static MACHINE_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.:/~-])/[\w.~-]+(?:/[\w.~-]+){2,}|\b[A-Za-z]:\\[\w.~-]+\\")
        .expect("valid pattern")
});
/// Characters of longer lines the guess samples.
pub const SAMPLE_CHARS: usize = 6000;
/// Characters of a line that the sample takes (sentences say more than menus).
pub const SAMPLE_LINE_CHARS: usize = 60;
/// The least weighted stopword hits of a guess.
pub const MIN_SCORE: f64 = 1.0;
/// The least share of the sample's tokens that the winner's hits must be.
pub const MIN_SHARE: f64 = 0.08;

/// `MACHINE_TEXT` with an ASCII word boundary before the drive letter. The regex crate's fast
/// (DFA) search gives up on a Unicode word boundary as soon as the line has a non-ASCII
/// character; the two patterns differ only where a drive letter (`C:\`) follows a non-ASCII
/// character, and `machine_text` uses this one only on lines where none does.
static MACHINE_TEXT_ASCII_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.:/~-])/[\w.~-]+(?:/[\w.~-]+){2,}|(?-u:\b)[A-Za-z]:\\[\w.~-]+\\")
        .expect("valid pattern")
});

/// Whether an ASCII letter, a colon and a backslash (a drive letter) follow a non-ASCII
/// character: the only place where a Unicode and an ASCII word boundary before the letter can
/// disagree.
fn drive_after_non_ascii(line: &str) -> bool {
    line.as_bytes()
        .windows(4)
        .any(|w| w[0] >= 0x80 && w[1].is_ascii_alphabetic() && w[2] == b':' && w[3] == b'\\')
}

/// Whether a line holds a file path standing alone (`MACHINE_TEXT`).
///
/// A path of three parts has three slashes, and a drive letter a backslash: a line with
/// neither (most lines) is answered without a search.
pub fn machine_text(line: &str) -> bool {
    let bytes = line.as_bytes();
    if !bytes.contains(&b'\\') && bytes.iter().filter(|&&b| b == b'/').nth(2).is_none() {
        return false;
    }
    if drive_after_non_ascii(line) {
        MACHINE_TEXT.is_match(line)
    } else {
        MACHINE_TEXT_ASCII_START.is_match(line)
    }
}

/// Indexes of the longer lines that make up to `SAMPLE_CHARS` of the text; empty when it has
/// none.
pub fn sample_lines<S: AsRef<str>>(lines: &[S]) -> Vec<usize> {
    let mut picked = Vec::new();
    let mut size = 0;
    for (index, line) in lines.iter().enumerate() {
        let line = line.as_ref();
        let chars = line.chars().count();
        if chars >= SAMPLE_LINE_CHARS && !machine_text(line) {
            picked.push(index);
            size += chars;
            if size >= SAMPLE_CHARS {
                break;
            }
        }
    }
    picked
}

/// The tokens of the sample of a text given as its lines: those of the longer lines, or of
/// the first `SAMPLE_CHARS` characters of the text when it has none; lower-cased, and only
/// those that can say which language the text is in (`is_evidence`).
pub fn sample_tokens<S: AsRef<str>>(lines: &[S]) -> Vec<Cow<'_, str>> {
    let picked = sample_lines(lines);
    let mut found = Vec::new();
    if picked.is_empty() {
        let text = lines
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<&str>>()
            .join("\n");
        let head: String = text.chars().take(SAMPLE_CHARS).collect();
        each_kept_lower_token(&head, is_evidence, |token| {
            found.push(Cow::Owned(token.into_owned()));
        });
        return found;
    }
    for index in picked {
        each_kept_lower_token(lines[index].as_ref(), is_evidence, |token| {
            found.push(token)
        });
    }
    found
}

/// Whether `token` (a slice of `line`) can say which language `line` is in. A given name as
/// written ("Walter", "Diego": `given_names`) cannot: a name says nothing of the language
/// around it, and the stoplists, made from the words most frequent in each language's
/// encyclopedia, list many (the Finnish one hundreds of foreign names: a Spanish match
/// report full of players' names was guessed Finnish). Nor can one letter that is part of
/// a code, a prefix or an initial: touched by a digit ("T30", "24x36"), followed by a
/// hyphen ("T-Shirt", "e-mail"), or a capital followed by a full stop ("John W."). The
/// stoplists list single letters, and a shop's model names or a list of initials made
/// English and German pages Finnish or Polish.
fn is_evidence(line: &str, token: &str) -> bool {
    let mut chars = token.chars();
    let Some(letter) = chars.next() else {
        return true;
    };
    // Every given name starts with a capital (`given_names`): most tokens need no lookup.
    if letter.is_uppercase() && is_given_name(token) {
        return false;
    }
    if chars.next().is_some() {
        return true;
    }
    // `token` is a slice of `line` (`each_token` hands out slices), so its offset in
    // `line` is the distance between their first bytes.
    let start = (token.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
    let (Some(before_text), Some(after_text)) =
        (line.get(..start), line.get(start + token.len()..))
    else {
        return true;
    };
    let before = before_text.chars().next_back();
    let after = after_text.chars().next();
    let numeric = |c: Option<char>| c.is_some_and(char::is_numeric);
    !(numeric(before)
        || numeric(after)
        || after == Some('-')
        || (letter.is_uppercase() && after == Some('.')))
}

/// The share of `words` that are in `stoplist` (0 for no words).
pub fn stop_density<W: AsRef<str>, H: BuildHasher>(
    words: &[W],
    stoplist: Option<&HashSet<String, H>>,
) -> f64 {
    if words.is_empty() {
        return 0.0;
    }
    let hits = stoplist.map_or(0, |list| {
        words.iter().filter(|w| list.contains(w.as_ref())).count()
    });
    hits as f64 / words.len() as f64
}

/// Letters that a language's words are written with and English's are not, with a low
/// bound of their share of the letters of its running text (their frequencies in the
/// language are higher: Finnish writes about 4% of its letters as ä or ö, Hungarian and
/// Czech about a tenth with accents). The stoplists of these languages are long (2,800 to
/// 6,800 words, English's 453) and, made from encyclopedias, list English words and names:
/// English shop and listing pages ("BILLY", "white", "your") were guessed Finnish.
/// Languages whose writers may leave their accents out (German as "ue", Romanian, the
/// Romance languages) are not here.
const ALPHABETS: [(&str, &str, f64); 9] = [
    ("fi", "äö", 0.02),
    ("sv", "åäö", 0.02),
    ("da", "æøå", 0.01),
    ("nb", "æøå", 0.01),
    ("hu", "áéíóöőúüű", 0.04),
    ("pl", "ąćęłńóśźż", 0.03),
    ("cs", "áčďéěíňóřšťúůýž", 0.04),
    ("tr", "çğıöşü", 0.03),
    ("ru", "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", 0.5),
];
/// How many of its letters (`ALPHABETS`) words must be expected to hold, at the language's
/// low bound, before holding none rules the language out: a text of that language holds
/// none with a chance under e^-8 (3 in 10,000).
const EXPECTED_LETTERS: f64 = 8.0;

/// Whether `words` (lower-cased) rule out `language`: they have enough letters that a text
/// of it would hold some of its own (`ALPHABETS`), and hold none.
fn ruled_out<W: AsRef<str>>(language: &str, words: &[W]) -> bool {
    let Some(&(_, own, share)) = ALPHABETS.iter().find(|(code, _, _)| *code == language) else {
        return false;
    };
    let mut letters = 0usize;
    for word in words {
        for c in word.as_ref().chars() {
            if own.contains(c) {
                return false;
            }
            letters += 1;
        }
    }
    letters as f64 * share >= EXPECTED_LETTERS
}

/// Python's `round(x, 3)`: the decimal nearest the binary value, ties to even.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

/// For each word of any stoplist, the languages that list it (indexes, ascending), laid
/// out for the guess's lookups: one flat table probed by the word's hash, the words and
/// the languages each in one block. The guess looks up a thousand tokens in 27,000 words;
/// a hash map of strings to vectors took three or four cache lines per lookup (the
/// bucket, the word's and the list's own allocations), each a miss when the document is
/// cleaned right after its page's extraction. Here a token no list has usually takes one
/// line (its slot), and a listed word three.
#[derive(Debug, Clone, Default)]
struct ListedIn {
    /// One bit per value of 18 bits of the hash, set for each word's: 32 kB that answer
    /// most tokens that no list has (nine in ten) without reading `slots`, which is sixteen
    /// times as large.
    filter: Vec<u64>,
    /// Open addressing, linear probing, a power of two in size: per slot the low half of
    /// the word's hash and 1 + the index of its entry (0: an empty slot).
    slots: Vec<(u32, u32)>,
    entries: Vec<Listed>,
    /// The words, one after another.
    text: String,
    /// The languages of each word, one run per word.
    languages: Vec<u32>,
}

/// The size of `ListedIn::filter`, as a power of two in bits.
const FILTER_BITS: u32 = 18;

#[derive(Debug, Clone, Copy)]
struct Listed {
    start: u32,
    len: u32,
    languages_at: u32,
    languages_len: u32,
}

impl ListedIn {
    /// The table of `words` (each with its languages, ascending).
    fn new(words: &HashMap<String, Vec<usize>, FxBuild>) -> ListedIn {
        let size = (words.len() * 2).next_power_of_two().max(2);
        let mut table = ListedIn {
            filter: vec![0; (1 << FILTER_BITS) / 64],
            slots: vec![(0, 0); size],
            ..ListedIn::default()
        };
        for (word, languages) in words {
            let entry = Listed {
                start: table.text.len() as u32,
                len: word.len() as u32,
                languages_at: table.languages.len() as u32,
                languages_len: languages.len() as u32,
            };
            table.text.push_str(word);
            table.languages.extend(languages.iter().map(|&l| l as u32));
            table.entries.push(entry);
            let hash = Self::hash(word);
            let bit = Self::filter_bit(hash);
            table.filter[bit / 64] |= 1 << (bit % 64);
            let mut at = table.slot(hash);
            while table.slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = (hash as u32, table.entries.len() as u32);
        }
        table
    }

    fn hash(word: &str) -> u64 {
        FxBuild::default().hash_one(word)
    }

    /// The filter's bit of a hash: its high bits after another mix than the slot's, so
    /// that the filter and the slots do not pass and fail the same words.
    fn filter_bit(hash: u64) -> usize {
        (hash.wrapping_mul(0x2545_f491_4f6c_dd1d) >> (64 - FILTER_BITS)) as usize
    }

    /// The first slot to probe: the hash's high bits, mixed once more, since FxHash's low
    /// bits depend on the low bits of the input alone.
    fn slot(&self, hash: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        let mixed = hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> (64 - bits).min(63)) as usize & (self.slots.len() - 1)
    }

    /// Whether the filter lets `hash` through (a word of a list always passes).
    fn passes(&self, hash: u64) -> bool {
        let bit = Self::filter_bit(hash);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The languages that list `word`, if any does (`get_each` for one word).
    #[cfg(test)]
    fn get(&self, word: &str) -> Option<&[u32]> {
        if self.entries.is_empty() {
            return None;
        }
        let hash = Self::hash(word);
        if !self.passes(hash) {
            return None;
        }
        self.probe(word, hash, self.slot(hash))
    }

    /// `get` of each word, in order, into `each`. The words are taken a pass at a time
    /// (their hashes, then the filter, then their first slots, then the entries), so that
    /// the reads of one pass do not wait on each other: after a page's extraction most of
    /// them miss the CPU's caches, and a word at a time the guess waited for each miss in
    /// turn.
    fn get_each<W: AsRef<str>>(&self, words: &[W], mut each: impl FnMut(&[u32])) {
        if self.entries.is_empty() {
            return;
        }
        let hashes: Vec<u64> = words.iter().map(|w| Self::hash(w.as_ref())).collect();
        let passed: Vec<bool> = hashes.iter().map(|&hash| self.passes(hash)).collect();
        let first: Vec<(usize, (u32, u32))> = hashes
            .iter()
            .zip(&passed)
            .map(|(&hash, &passed)| {
                let at = self.slot(hash);
                (at, if passed { self.slots[at] } else { (0, 0) })
            })
            .collect();
        for (index, word) in words.iter().enumerate() {
            let (at, (_, entry)) = first[index];
            if entry == 0 {
                continue;
            }
            if let Some(languages) = self.probe(word.as_ref(), hashes[index], at) {
                each(languages);
            }
        }
    }

    /// The languages of `word` (whose hash is `hash`), probing from slot `at`.
    fn probe(&self, word: &str, hash: u64, mut at: usize) -> Option<&[u32]> {
        loop {
            let (tag, entry) = self.slots[at];
            if entry == 0 {
                return None;
            }
            if tag == hash as u32 {
                let listed = self.entries[entry as usize - 1];
                let start = listed.start as usize;
                if self.text.get(start..start + listed.len as usize) == Some(word) {
                    let at = listed.languages_at as usize;
                    return self.languages.get(at..at + listed.languages_len as usize);
                }
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }
}

/// jusText's stoplists by language code, in the order the shell lists the languages (which
/// decides ties), and for each listed word the languages that list it.
#[derive(Debug, Clone, Default)]
pub struct Stoplists {
    codes: Vec<String>,
    /// Shared, so that a document can keep what it scored with a stoplist together with the
    /// stoplist itself (`classify::ScoredLines`) at the cost of a reference count.
    words: HashMap<String, Arc<Stoplist>>,
    listed_in: ListedIn,
}

impl Stoplists {
    /// Stoplists from (language code, lower-cased words) pairs, in the guess's order.
    pub fn new(lists: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        let mut stoplists = Stoplists::default();
        let mut listed_in: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        for (code, words) in lists {
            let index = stoplists.codes.len();
            let set: Stoplist = words.into_iter().collect();
            for word in &set {
                let listed = listed_in.entry(word.clone()).or_default();
                if !listed.contains(&index) {
                    listed.push(index);
                }
            }
            stoplists.codes.push(code.clone());
            stoplists.words.insert(code, Arc::new(set));
        }
        stoplists.listed_in = ListedIn::new(&listed_in);
        stoplists
    }

    /// The stoplist of a language, if it has a non-empty one.
    pub fn get(&self, language: Option<&str>) -> Option<&Arc<Stoplist>> {
        self.words.get(language?).filter(|words| !words.is_empty())
    }

    /// (language, confidence) from stopword counts; `None` when the words say too little.
    ///
    /// A word weighs 1 / the number of languages that list it. The winner has the highest
    /// score (English first among equals, then the first listed) of the languages whose
    /// letters the words do not rule out (`ruled_out`); confidence is its share of all
    /// weighted hits, rounded to three places.
    pub fn guess<W: AsRef<str>>(&self, words: &[W]) -> Option<(&str, f64)> {
        let mut scores = vec![0.0_f64; self.codes.len()];
        self.listed_in.get_each(words, |codes| {
            let weight = 1.0 / codes.len() as f64;
            for &code in codes {
                scores[code as usize] += weight;
            }
        });
        let english = |i: usize| self.codes[i] == "en";
        let mut order: Vec<usize> = (0..scores.len()).collect();
        order.sort_by(|&a, &b| {
            scores[b]
                .total_cmp(&scores[a])
                .then_with(|| english(b).cmp(&english(a)))
                .then_with(|| a.cmp(&b))
        });
        let best = order
            .into_iter()
            .find(|&index| !ruled_out(&self.codes[index], words))?;
        let top = scores[best];
        let hits = scores.iter().fold(0.0, |sum, s| sum + s);
        if top < MIN_SCORE || words.is_empty() || top / (words.len() as f64) < MIN_SHARE {
            return None;
        }
        Some((&self.codes[best], round3(top / hits)))
    }

    /// The guess over a text's sample (`sample_tokens` of its lines).
    pub fn guess_text(&self, text: &str) -> Option<(&str, f64)> {
        let lines: Vec<&str> = text.split('\n').collect();
        self.guess(&sample_tokens(&lines))
    }
}

/// For a line, how many tokens it has and how many of them are in `stoplist` (what `tokens`
/// would give, counted without a string per token), and into `content` (cleared first) the
/// hashes (`FxBuild`'s) of its content words, each once, sorted: its tokens of three
/// characters or more, lower-cased character by character (`char::to_lowercase`), that are
/// not in `stoplist`. The tokens are read once for both, and a token's one lookup answers
/// both questions but where the two lower-casings part (`str::to_lowercase` writes a final
/// sigma as ς). Into `words_out` (cleared first) go the tokens as `tokens` gives them,
/// joined by one space (`lower_words`): what the line model's lexicon reads, so that it
/// need not read the line's tokens again. Both buffers are the caller's, reused from line
/// to line.
pub fn counts_and_content_words<H: BuildHasher>(
    text: &str,
    stoplist: &HashSet<String, H>,
    content: &mut Vec<u64>,
    words_out: &mut String,
) -> (usize, usize) {
    let hash = |word: &str| FxBuild::default().hash_one(word);
    let mut lower = String::new();
    content.clear();
    words_out.clear();
    words_out.reserve(text.len());
    let mut count = |plain: &str| {
        let (mut words, mut stops) = (0, 0);
        each_token(plain, |token| {
            words += 1;
            let (stop, word) = stopword(token, stoplist, &mut lower);
            if stop {
                stops += 1;
            }
            if !words_out.is_empty() {
                words_out.push(' ');
            }
            words_out.push_str(match &word {
                Lowered::Token => token,
                Lowered::Lower | Lowered::FinalSigma => &lower,
            });
            let long = if token.is_ascii() {
                token.len() >= 3
            } else {
                token.chars().nth(2).is_some()
            };
            if !long {
                return;
            }
            match word {
                // Lower-cased as a string, with a final sigma: character by character
                // it is a σ, and that word is looked up on its own.
                Lowered::FinalSigma => {
                    let each: String = token.chars().flat_map(char::to_lowercase).collect();
                    if !stoplist.contains(each.as_str()) {
                        content.push(hash(&each));
                    }
                }
                Lowered::Token if !stop => content.push(hash(token)),
                Lowered::Lower if !stop => content.push(hash(&lower)),
                _ => {}
            }
        });
        (words, stops)
    };
    let found = if text.contains('\u{ad}') {
        count(&text.replace('\u{ad}', ""))
    } else {
        count(text)
    };
    content.sort_unstable();
    content.dedup();
    found
}

/// Where `stopword` found the lower-cased form of a token it looked up.
enum Lowered {
    /// The token itself: lower-casing changes nothing.
    Token,
    /// `lower`, which is also the token lower-cased character by character.
    Lower,
    /// `lower`, which differs from the token lower-cased character by character (a final
    /// sigma).
    FinalSigma,
}

/// Whether the lower-cased `token` is in `stoplist`, and where its lower-cased form is;
/// `lower` is room for that form, reused between tokens. A token that lower-casing leaves
/// as it is (most of them) is looked up as it stands; `str::to_lowercase` is asked only
/// where a character changes, since it alone knows the context rules (a final sigma).
fn stopword<H: BuildHasher>(
    token: &str,
    stoplist: &HashSet<String, H>,
    lower: &mut String,
) -> (bool, Lowered) {
    if token.is_ascii() {
        if !token.bytes().any(|byte| byte.is_ascii_uppercase()) {
            return (stoplist.contains(token), Lowered::Token);
        }
        lower.clear();
        lower.push_str(token);
        lower.make_ascii_lowercase();
        return (stoplist.contains(lower.as_str()), Lowered::Lower);
    }
    let unchanged = token.chars().all(|c| {
        let mut lowered = c.to_lowercase();
        lowered.next() == Some(c) && lowered.next().is_none()
    });
    if unchanged {
        return (stoplist.contains(token), Lowered::Token);
    }
    *lower = token.to_lowercase();
    let kind = if token.contains('Σ') && lower.contains('ς') {
        Lowered::FinalSigma
    } else {
        Lowered::Lower
    };
    (stoplist.contains(lower.as_str()), kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_in_table_finds_each_word_with_its_languages() {
        // Words shared by some of five languages, as a hash map would hold them.
        let mut reference: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        for n in 0..5000_usize {
            let word = format!("w{}{}", n, "é".repeat(n % 3));
            let languages: Vec<usize> = (0..5)
                .filter(|l| (n >> l) & 1 == 1 || *l == n % 5)
                .collect();
            reference.insert(word, languages);
        }
        reference.insert(String::new(), vec![2]);
        let table = ListedIn::new(&reference);
        for (word, languages) in &reference {
            let expected: Vec<u32> = languages.iter().map(|&l| l as u32).collect();
            assert_eq!(table.get(word), Some(expected.as_slice()), "{word:?}");
        }
        for absent in ["w5000", "w1éé", "W1", "w", "é", "w0 "] {
            assert_eq!(table.get(absent), None, "{absent:?}");
        }
        let words: Vec<&str> = reference
            .keys()
            .map(String::as_str)
            .chain(["w5000", "é"])
            .collect();
        let mut found = Vec::new();
        table.get_each(&words, |languages| found.push(languages.to_vec()));
        let expected: Vec<Vec<u32>> = words
            .iter()
            .filter_map(|w| reference.get(*w))
            .map(|languages| languages.iter().map(|&l| l as u32).collect())
            .collect();
        assert_eq!(found, expected);
        let empty = ListedIn::new(&HashMap::default());
        assert_eq!(empty.get("the"), None);
        assert_eq!(empty.get(""), None);
    }

    #[test]
    fn tokens_are_lower_cased_words() {
        assert_eq!(
            tokens("L’Équipe's «Best» 2024 line-up"),
            ["l’équipe's", "best", "line", "up"]
        );
        assert_eq!(tokens("Zei\u{ad}tung"), ["zeitung"]);
        assert_eq!(tokens("ΟΔΟΣ ΚΑΙ"), ["οδος", "και"]);
        assert!(tokens("123 — !").is_empty());
    }

    #[test]
    fn the_fast_hash_tells_words_apart() {
        let hash = |text: &str| FxBuild::default().hash_one(text);
        let words = [
            "",
            "a",
            "a\0",
            "\0a",
            "ab",
            "ba",
            "the",
            "they",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "über",
            "uber",
        ];
        for (i, first) in words.iter().enumerate() {
            assert_eq!(hash(first), hash(first));
            for second in &words[i + 1..] {
                assert_ne!(hash(first), hash(second), "{first:?} {second:?}");
            }
        }
        let numbers: HashSet<u64> = (0..10_000usize)
            .map(|n| FxBuild::default().hash_one(n))
            .collect();
        assert_eq!(numbers.len(), 10_000);
    }

    #[test]
    fn sampled_tokens_borrow_what_lower_casing_leaves() {
        let lines = ["the Word über ΟΔΟΣ Zeitung ".repeat(4)];
        let sampled = sample_tokens(&lines);
        let words: Vec<&str> = sampled.iter().map(|t| t.as_ref()).collect();
        assert_eq!(words, tokens(&lines[0]));
        assert!(matches!(sampled[0], Cow::Borrowed("the")));
        assert!(matches!(sampled[1], Cow::Owned(_)));
        assert!(matches!(sampled[2], Cow::Borrowed("über")));
    }

    #[test]
    fn stoplists_count_stopwords() {
        let lists = Stoplists::new([
            ("en".to_string(), vec!["the".to_string(), "of".to_string()]),
            ("xx".to_string(), vec![]),
        ]);
        let en = lists.get(Some("en")).expect("English");
        assert_eq!(counts("The end of The story", en), (5, 3));
        assert!(lists.get(Some("xx")).is_none());
        assert!(lists.get(Some("de")).is_none());
        assert!(lists.get(None).is_none());
    }

    /// The word token pattern that `each_token` follows by hand.
    static TOKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\p{L}+(?:['’\u{ad}]\p{L}+)*").expect("valid pattern"));

    fn tokens_by_hand(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        each_token(text, |token| found.push(token));
        found
    }

    fn tokens_by_pattern(text: &str) -> Vec<&str> {
        TOKEN.find_iter(text).map(|m| m.as_str()).collect()
    }

    #[test]
    fn tokens_by_hand_are_those_of_the_pattern() {
        assert!(LETTERS.0.len() > 500, "the letter class has its ranges");
        for text in [
            "L’Équipe's «Best» 2024 line-up",
            "don't rock'n'roll 'quoted' end' ’twas x’’y a'’b",
            "Zei\u{ad}tung \u{ad}lead trail\u{ad} a\u{ad}\u{ad}b",
            "ΟΔΟΣ ΚΑΙ 日本語の文 한국어 ªº ǅ ʰ \u{10400}\u{10428}",
            "e\u{301}t\u{e9} ab1cd a_b",
            "don't rock'n'roll 'quoted' end' a''b x'1 ab1cd it's'",
            "",
            "'",
            "a",
        ] {
            assert_eq!(tokens_by_hand(text), tokens_by_pattern(text), "{text:?}");
        }
        let pieces = ["a", "É", "'", "’", "\u{ad}", " ", "1", "\u{301}", "日"];
        crate::devdata::each_string(&pieces, 5, |text| {
            assert_eq!(tokens_by_hand(text), tokens_by_pattern(text), "{text:?}")
        });
        // Every character: a letter by hand is a letter to the pattern.
        for c in ('\0'..=char::MAX).filter(|c| !c.is_ascii()) {
            let text = c.to_string();
            assert_eq!(is_letter(c), TOKEN.is_match(&text), "{c:?}");
        }
    }

    /// The counts of `counts_and_content_words`.
    fn counts<H: BuildHasher>(text: &str, stoplist: &HashSet<String, H>) -> (usize, usize) {
        counts_and_content_words(text, stoplist, &mut Vec::new(), &mut String::new())
    }

    /// What `counts` must give: the tokens `tokens` makes, and those in the stoplist.
    fn counts_of_tokens(text: &str, stoplist: &HashSet<String>) -> (usize, usize) {
        let found = tokens(text);
        let stops = found.iter().filter(|t| stoplist.contains(*t)).count();
        (found.len(), stops)
    }

    /// What `counts_and_content_words` must find: the tokens of three characters or more,
    /// each lower-cased character by character, that are not in the stoplist, hashed.
    fn content_of_tokens(text: &str, stoplist: &HashSet<String>) -> Vec<u64> {
        let plain = text.replace('\u{ad}', "");
        let mut found: Vec<u64> = tokens_by_pattern(&plain)
            .into_iter()
            .filter(|token| token.chars().count() >= 3)
            .map(|token| {
                token
                    .chars()
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            })
            .filter(|word| !stoplist.contains(word))
            .map(|word| word_hash(&word))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn word_hash(word: &str) -> u64 {
        std::hash::BuildHasher::hash_one(&FxBuild::default(), word)
    }

    /// `counts_and_content_words` against what the tokens give.
    fn assert_counts_and_content(text: &str, stoplist: &HashSet<String>) {
        assert_eq!(
            counts(text, stoplist),
            counts_of_tokens(text, stoplist),
            "{text:?}"
        );
        let (mut content, mut words) = (Vec::new(), String::new());
        counts_and_content_words(text, stoplist, &mut content, &mut words);
        assert_eq!(content, content_of_tokens(text, stoplist), "{text:?}");
        assert_eq!(words, tokens(text).join(" "), "{text:?}");
        let mut lowered = String::from("left over");
        lower_words(text, &mut lowered);
        assert_eq!(lowered, words, "{text:?}");
    }

    #[test]
    fn counts_are_those_of_the_tokens() {
        let stoplist: HashSet<String> = [
            "the",
            "über",
            "οδος",
            "και",
            "i\u{307}stanbul",
            "l’équipe's",
            "zeitung",
            "ſo",
            "\u{212a}elvin",
            "kelvin",
            "日本",
            "σοφοσ",
        ]
        .map(String::from)
        .into();
        for text in [
            "The THE the tHe",
            "Über über ÜBER",
            "ΟΔΟΣ ΚΑΙ οδοσ Οδος",
            "İstanbul istanbul",
            "L’Équipe's «Best» 2024 line-up",
            "Zei\u{ad}tung ZEI\u{ad}TUNG",
            "ſo SO so",
            "\u{212a}elvin KELVIN",
            "日本 語",
            "ΣΟΦΟΣ σοφοσ ΣΟΦΟΣΑ",
            "",
        ] {
            assert_counts_and_content(text, &stoplist);
        }
        assert_eq!(counts("ΟΔΟΣ ΚΑΙ", &stoplist), (2, 2));
        // A final sigma: a stopword lower-cased as a string, a content word character by
        // character (and the other way round).
        let (mut content, mut words) = (Vec::new(), String::new());
        counts_and_content_words("ΟΔΟΣ ΣΟΦΟΣ", &stoplist, &mut content, &mut words);
        assert_eq!(content, [word_hash("οδοσ")]);
        assert_eq!(words, "οδος σοφος");
        let pieces = ["Σ", "ς", "σ", "The", "a", "É", "'", "\u{ad}", " ", "ü"];
        crate::devdata::each_string(&pieces, 4, |text| {
            assert_counts_and_content(text, &stoplist)
        });
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) gives the same counts and content words as its tokens, with the words
    /// of the dumps' every other line as the stoplist.
    #[test]
    fn counts_match_the_tokens_on_the_development_dumps() {
        let Some((dumps, texts)) = crate::devdata::dump_texts() else {
            return;
        };
        let texts: Vec<String> = texts.into_iter().map(|(_, text)| text).collect();
        let stoplist: HashSet<String> = texts
            .iter()
            .flat_map(|text| text.lines().step_by(2))
            .flat_map(tokens)
            .collect();
        let mut lines = 0;
        for line in texts.iter().flat_map(|text| text.lines()) {
            assert_eq!(tokens_by_hand(line), tokens_by_pattern(line), "{line:?}");
            assert_counts_and_content(line, &stoplist);
            lines += 1;
        }
        assert!(lines > 0, "no lines in {}", dumps.display());
    }

    fn lists() -> Stoplists {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Stoplists::new([
            ("en".to_string(), words(&["the", "of", "a", "and"])),
            ("de".to_string(), words(&["der", "die", "und", "a"])),
            ("fr".to_string(), words(&["le", "la", "de", "a"])),
        ])
    }

    fn toks(text: &str) -> Vec<String> {
        tokens(text)
    }

    #[test]
    fn the_guess_weighs_shared_words_less() {
        let lists = lists();
        let (code, confidence) = lists.guess(&toks("der die und a Haus")).expect("a guess");
        assert_eq!(code, "de");
        // 3 + 1/3 of 4 weighted hits.
        assert_eq!(confidence, 0.833);
        assert!(lists.guess(&toks("12345 !!!")).is_none());
        assert!(lists.guess(&toks("a")).is_none(), "below the least score");
        let many = format!("the {}", "word ".repeat(20));
        assert!(lists.guess(&toks(&many)).is_none(), "below the least share");
    }

    #[test]
    fn ties_go_to_english_then_to_the_first_listed() {
        let lists = lists();
        assert_eq!(lists.guess(&toks("und the")).map(|g| g.0), Some("en"));
        assert_eq!(lists.guess(&toks("la der")).map(|g| g.0), Some("de"));
    }

    #[test]
    fn confidence_rounds_as_python_does() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.5625), 0.562);
        assert_eq!(round3(0.1875), 0.188);
        assert_eq!(round3(2.0 / 3.0), 0.667);
        assert_eq!(format!("{:.2}", round3(0.125)), "0.12");
        assert_eq!(format!("{:.2}", 0.375), "0.38");
    }

    #[test]
    fn machine_text_matches_the_unicode_pattern() {
        let exact = |line: &str| {
            if !drive_after_non_ascii(line) {
                assert_eq!(
                    MACHINE_TEXT_ASCII_START.is_match(line),
                    MACHINE_TEXT.is_match(line),
                    "{line:?}"
                );
            }
            assert_eq!(machine_text(line), MACHINE_TEXT.is_match(line), "{line:?}");
        };
        for line in [
            "éC:\\x\\ y",
            "ä C:\\xampp\\ y",
            "»C:\\x\\",
            "ЖD:\\a\\b",
            "über /var/www/html/x",
            "fährt /a/b/c",
            "日本/a/b/c",
        ] {
            exact(line);
        }
        assert!(drive_after_non_ascii("éC:\\x\\"));
        assert!(!machine_text("éC:\\x\\"));
        assert!(MACHINE_TEXT_ASCII_START.is_match("éC:\\x\\"));
        assert!(machine_text("»C:\\x\\"));
        let pieces = ["C", ":", "\\", "x", "é", "»", " ", "/", "_", "\u{212a}"];
        crate::devdata::each_string(&pieces, 5, |line| exact(line));
    }

    /// Every line of the development set's page dumps (when they are there) gives the same
    /// answer through `machine_text` as through the Unicode pattern.
    #[test]
    fn machine_text_matches_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            assert_eq!(machine_text(line), MACHINE_TEXT.is_match(line), "{line:?}");
        });
    }

    #[test]
    fn machine_text_is_a_path_standing_alone() {
        assert!(machine_text(
            "Warning: include(/var/www/html/wp.php) failed"
        ));
        assert!(machine_text("in C:\\xampp\\htdocs\\index.php on line 7"));
        assert!(!machine_text(
            "see https://www.example.de/politik/2024/artikel.html"
        ));
        assert!(!machine_text("Die Linie 1/2/3 fährt heute nicht"));
        assert!(!machine_text("~/a/b/c and x./a/b/c"));
        assert!(machine_text("/a/b/c at the start"));
    }

    #[test]
    fn the_sample_takes_longer_lines_up_to_its_size() {
        let long = "word ".repeat(20);
        let lines = [
            "short",
            long.as_str(),
            "/usr/lib/python3/site.py is a long line of text",
        ];
        assert_eq!(sample_lines(&lines), [1]);
        assert_eq!(
            sample_tokens(&["Kurz und gut", "der"]),
            ["kurz", "und", "gut", "der"]
        );
        let many: Vec<String> = (0..200).map(|_| "x".repeat(100)).collect();
        assert_eq!(sample_lines(&many).len(), 60);
    }

    #[test]
    fn the_sample_leaves_out_given_names_as_written() {
        assert_eq!(
            sample_tokens(&["Walter und Diego sahen walter Haus"]),
            ["und", "sahen", "walter", "haus"]
        );
        // One letter of a code, a prefix or an initial; a letter standing alone stays.
        assert_eq!(
            sample_tokens(&["T30 und 24x36 T-Shirt e-\u{ad}mail von W. Haus a Y i. Q"]),
            ["und", "shirt", "mail", "von", "haus", "a", "y", "i", "q"]
        );
        // A Spanish match report names its players; a stoplist that lists the names (as
        // jusText's Finnish one does) no longer outweighs the Spanish words around them.
        let lists = Stoplists::new([
            (
                "es".to_string(),
                vec!["y".to_string(), "con".to_string(), "el".to_string()],
            ),
            (
                "fi".to_string(),
                ["diego", "luis", "kevin", "carlos", "manuel"]
                    .map(String::from)
                    .to_vec(),
            ),
        ]);
        let report = "Diego y Luis con Kevin, Carlos y Manuel el Diego Luis Kevin Carlos Manuel";
        assert_eq!(lists.guess_text(report).map(|g| g.0), Some("es"));
        let lowered = report.to_lowercase();
        assert_eq!(lists.guess_text(&lowered).map(|g| g.0), Some("fi"));
    }

    #[test]
    fn a_language_is_ruled_out_by_words_without_its_letters() {
        let words = |text: &str| -> Vec<String> { text.split(' ').map(String::from).collect() };
        // A Finnish stoplist that lists English words, as jusText's does.
        let lists = Stoplists::new([
            ("en".to_string(), words("the and with")),
            ("fi".to_string(), words("ja on että with your white black")),
        ]);
        let shop = "your white with black your white with black the and ".repeat(10);
        let shop = words(shop.trim());
        assert_eq!(lists.guess(&shop).map(|g| g.0), Some("en"));
        // Too few letters to say: the words stay Finnish.
        assert_eq!(
            lists.guess(&words("your white black the")).map(|g| g.0),
            Some("fi")
        );
        // Finnish text holds its letters.
        let finnish = "hän sanoi että se on hyvä ja with your ".repeat(10);
        assert_eq!(lists.guess(&words(finnish.trim())).map(|g| g.0), Some("fi"));
        assert!(!ruled_out("de", &shop), "German has no letters here");
        assert!(ruled_out("fi", &shop));
    }

    #[test]
    fn stop_density_is_a_share() {
        let lists = lists();
        assert_eq!(
            stop_density(&toks("the end of it"), lists.get(Some("en")).map(|l| &**l)),
            0.5
        );
        let none: [&str; 0] = [];
        assert_eq!(
            stop_density(&none, lists.get(Some("en")).map(|l| &**l)),
            0.0
        );
        assert_eq!(stop_density(&toks("the"), None::<&Stoplist>), 0.0);
    }
}
