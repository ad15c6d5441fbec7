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
    is_alpha(c)
        || matches!(
            get_general_category(c),
            G::DecimalNumber | G::LetterNumber | G::OtherNumber
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
