//! Python's `str` predicates on single characters, by Unicode general category.
//!
//! Rust's `char::is_alphanumeric` follows the Alphabetic property, which also covers some
//! combining marks (Devanagari vowel signs); Python's `str.isalnum` follows the general
//! category. The core answers as the Python shell always did, so outputs stay the same.

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// `str.isalpha` of one character: a letter of any case or kind.
pub fn is_alpha(c: char) -> bool {
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
    )
}

/// `str.isalnum` of one character: a letter or a number (decimal, letter-like or other).
pub fn is_alnum(c: char) -> bool {
    is_alnum_category(get_general_category(c))
}

/// Whether `str.isalnum` holds for the characters of a general category: for a caller that
/// reads the category for more than this.
pub fn is_alnum_category(category: G) -> bool {
    matches!(
        category,
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

/// `str.islower` of one character: it has the Lowercase property.
pub fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_numbers() {
        assert!(is_alpha('é') && is_alpha('ß') && is_alpha('中'));
        assert!(!is_alpha('1') && !is_alpha('-'));
        assert!(is_alnum('7') && is_alnum('²') && is_alnum('Ⅻ'));
        // A vowel sign is Alphabetic but no letter: Python's isalnum says no.
        assert!(!is_alnum('\u{093E}'));
        assert!('\u{093E}'.is_alphanumeric());
    }

    #[test]
    fn lower_case() {
        assert!(is_lower('a') && is_lower('ß'));
        assert!(!is_lower('A') && !is_lower('1') && !is_lower('中'));
    }
}

/// `str.isprintable` of one character: not a control, format, surrogate, private-use,
/// unassigned or separator character, except the space.
pub fn is_printable(c: char) -> bool {
    c == ' '
        || !matches!(
            get_general_category(c),
            G::Control
                | G::Format
                | G::Surrogate
                | G::PrivateUse
                | G::Unassigned
                | G::LineSeparator
                | G::ParagraphSeparator
                | G::SpaceSeparator
        )
}

/// `repr()` of a Python string: single quotes unless the text holds one and no double quote,
/// with the escapes Python writes for quotes, backslashes and characters it cannot print.
pub fn repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() || is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// `format(share, ".0%")`: the share times 100, rounded half to even, and a percent sign.
pub fn percent0(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

#[cfg(test)]
mod repr_tests {
    use super::*;

    #[test]
    fn reprs_as_python_writes_them() {
        assert_eq!(repr("gazette.example"), "'gazette.example'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(repr("tab\there\\"), "'tab\\there\\\\'");
        assert_eq!(repr("\u{7f}\u{85}\u{a0}é"), "'\\x7f\\x85\\xa0é'");
        assert_eq!(repr("\u{200b}\u{2028}"), "'\\u200b\\u2028'");
        assert_eq!(repr("\u{e000}"), "'\\ue000'");
        assert_eq!(repr("\u{f0000}"), "'\\U000f0000'");
        assert_eq!(repr("folder:raw/Ünï 中"), "'folder:raw/Ünï 中'");
    }

    #[test]
    fn percents_round_half_to_even() {
        assert_eq!(percent0(0.125), "12%");
        assert_eq!(percent0(0.135), "14%");
        assert_eq!(percent0(1.0), "100%");
        assert_eq!(percent0(2.0 / 3.0), "67%");
        assert_eq!(percent0(0.005), "0%");
    }
}
