//! Line keys for site-template lines: the ccnet normalization and an 8-byte hash.
//!
//! The corpus pass counts these keys per site group and the `repeats` stage looks them up, so
//! both must compute them the same way: this is the one implementation. A line is lower-cased
//! (Python's full case mapping), every decimal digit becomes `0`, and everything but letters
//! and numbers is dropped; the key is the XXH3-64 hash of what is left's UTF-8. A line
//! with no letter after that (page numbers, prices, "***") has no key: digit folding would
//! merge every number into one key.

use std::collections::HashMap;

use blake2::digest::consts::U8;
use blake2::{Blake2b, Digest};
use unicode_general_category::{get_general_category, GeneralCategory as G};
use xxhash_rust::xxh3::xxh3_64;

use crate::pychar;

/// One site group of the corpus repeats table: how many documents the counting pass counted
/// in it, and in how many of them each of its repeated lines occurs (by line key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteGroup {
    pub docs: u64,
    /// Template lines: the `repeats` stage removes them.
    pub template: HashMap<u64, u64>,
    /// The group's other lines in more than one document (above the table's share floor):
    /// they remove nothing, the line model reads them.
    pub shared: HashMap<u64, u64>,
}

impl SiteGroup {
    /// The documents of the group that hold the line whose key is `key` (0 for a line the
    /// table does not list).
    pub fn holding(&self, key: u64) -> u64 {
        self.template
            .get(&key)
            .or_else(|| self.shared.get(&key))
            .copied()
            .unwrap_or(0)
    }
}

/// A document's lines as the corpus table sees them: its site group's entry, and each
/// line's key (None for a blank line or one without a key), computed once for the stages
/// that read them (the line model's features and the `repeats` stage).
#[derive(Debug, Clone)]
pub struct SiteLines<'a> {
    pub group: &'a SiteGroup,
    pub keys: Vec<Option<u64>>,
}

impl<'a> SiteLines<'a> {
    /// `texts` are the document's lines, in order, with whether each is blank.
    pub fn new<'t>(group: &'a SiteGroup, texts: impl Iterator<Item = (&'t str, bool)>) -> Self {
        let keys = texts
            .map(|(text, blank)| if blank { None } else { line_key(text) })
            .collect();
        SiteLines { group, keys }
    }

    /// The documents of the group that hold line `index` (0-based; 0 for a line the table
    /// does not list).
    pub fn holding(&self, index: usize) -> u64 {
        self.keys
            .get(index)
            .copied()
            .flatten()
            .map_or(0, |key| self.group.holding(key))
    }
}

/// ccnet's dedup form of a line: lower case, digits to 0, no punctuation, symbols or spaces.
///
/// Character by character, without lower-casing the whole line first: the same as
/// `normalize_any_line`, since lower-casing a whole string differs from lower-casing each of
/// its characters only for a capital sigma (final or not by what surrounds it), and a line
/// that holds one takes that path. An ASCII character takes a shortcut of its own (a test
/// checks every one against the general path).
pub fn normalize_line(text: &str) -> String {
    if text.contains('Σ') {
        return normalize_any_line(text);
    }
    let mut norm = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_digit() {
                norm.push('0');
            } else if c.is_ascii_alphabetic() {
                norm.push(c.to_ascii_lowercase());
            }
        } else {
            norm.extend(c.to_lowercase().filter_map(normalized_char));
        }
    }
    norm
}

/// A lower-cased character as the normalized line keeps it: a decimal digit as `0`, any
/// other letter or number (`pychar::is_alnum`, by one look-up of the category) as it is;
/// None for the rest.
fn normalized_char(c: char) -> Option<char> {
    match get_general_category(c) {
        G::DecimalNumber => Some('0'),
        category if pychar::is_alnum_category(category) => Some(c),
        _ => None,
    }
}

/// `normalize_line` of any text, character by character.
fn normalize_any_line(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(normalized_char)
        .collect()
}

/// 8 bytes that tell apart documents with different sets of line keys: the BLAKE2b-64 hash
/// of the keys (a document's are distinct), sorted, each as 8 bytes big-endian. The corpus
/// counter remembers a document by it, so that copies of one page count once.
pub fn document_fingerprint(keys: &[u64]) -> [u8; 8] {
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    let mut hasher = Blake2b::<U8>::new();
    for key in sorted {
        hasher.update(key.to_be_bytes());
    }
    hasher.finalize().into()
}

/// The key of a normalized line, or `None` when nothing but zeros is left: XXH3-64, a
/// fast hash of stable definition (a line is hashed by both corpus passes, and keys only
/// have to tell lines apart within one run's table; BLAKE2b took 15 times as long).
pub fn key_of(norm: &str) -> Option<u64> {
    if norm.bytes().all(|b| b == b'0') {
        return None;
    }
    Some(xxh3_64(norm.as_bytes()))
}

/// The 8-byte key of a line, or `None` for a line with no letter.
pub fn line_key(text: &str) -> Option<u64> {
    key_of(&normalize_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_ccnet_way() {
        assert_eq!(
            normalize_line("Read More: 5 Things you NEED to know!"),
            "readmore0thingsyouneedtoknow"
        );
        assert_eq!(normalize_line("© 2017–2023 Gazette"), "00000000gazette");
        assert_eq!(normalize_line("Größe über Straße"), "größeüberstraße");
        assert_eq!(normalize_line("snake_case ²"), "snakecase²");
        // The dot that lower-casing adds to a dotted capital I is a mark, not a letter.
        assert_eq!(normalize_line("İstanbul"), "istanbul");
    }

    #[test]
    fn lines_normalize_character_by_character_as_a_whole() {
        let pieces = [
            "Σ", "σ", "ς", "A", "a", "İ", "\u{212a}", "ẞ", "ǅ", "٣", "²", "½", "\u{301}", " ", "-",
            "7", "ß", "Ω", "Ⅻ",
        ];
        crate::devdata::each_string(&pieces, 3, |text| {
            assert_eq!(normalize_line(text), normalize_any_line(text), "{text:?}");
        });
        crate::devdata::each_dump_line(|text| {
            assert_eq!(normalize_line(text), normalize_any_line(text), "{text:?}");
        });
    }

    #[test]
    fn a_character_is_kept_when_python_calls_it_alphanumeric() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(normalized_char(c).is_some(), pychar::is_alnum(c), "{c:?}");
        }
    }

    #[test]
    fn ascii_lines_normalize_as_any_line() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "Page 2 of 3 | NEXT >>",
            "snake_case\t\x7f",
        ] {
            assert_eq!(normalize_line(text), normalize_any_line(text), "{text:?}");
        }
    }

    #[test]
    fn keys() {
        assert_eq!(line_key("14°"), None);
        assert_eq!(line_key("***"), None);
        assert_eq!(line_key(""), None);
        assert_eq!(line_key("Page 2 of 3"), line_key("page 7 of 9"));
        // xxhash.xxh3_64_intdigest(b"abc"), and of the line below's normal form.
        assert_eq!(key_of("abc"), Some(0x78af5f94892f3950));
        assert_eq!(line_key("Größe über Straße"), Some(0x65ac9972abd6df59));
    }

    #[test]
    fn fingerprints_depend_on_the_set_of_keys_alone() {
        let keys = [3u64, 1, 0xd8bb14d833d59559];
        // hashlib.blake2b(b"".join(k.to_bytes(8, "big") for k in sorted(keys)),
        // digest_size=8).digest().hex()
        assert_eq!(
            u64::from_be_bytes(document_fingerprint(&keys)),
            0x5e1c_5525_8aa1_fa2d
        );
        assert_eq!(
            document_fingerprint(&keys),
            document_fingerprint(&[0xd8bb14d833d59559, 1, 3])
        );
        assert_ne!(document_fingerprint(&keys), document_fingerprint(&[1, 3]));
        // hashlib.blake2b(b"", digest_size=8).digest().hex()
        assert_eq!(
            u64::from_be_bytes(document_fingerprint(&[])),
            0xe4a6_a057_7479_b2b4
        );
    }
}
