//! Cheap judgements about the shape of a line: is it prose, could it be a title.
//!
//! Stages share these so that "prose" means the same thing in the header, structure and
//! segment stages.

use std::sync::LazyLock;

use regex::Regex;

use crate::pychar;

/// A word: a letter or digit, then letters, digits, apostrophes, points and hyphens.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*").expect("valid pattern"));
/// Sentence-final punctuation, closing quotes and brackets, and an optional footnote mark.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?…]['"”’»)\]]*$|[.!?…]['"”’»)\]]*\s*\[\d+\]$"#).expect("valid pattern")
});
/// The characters `SENTENCE_END` can end on: a line ending otherwise is no sentence, and
/// most lines are told so without a regex search over them.
const SENTENCE_LAST: &[char] = &['.', '!', '?', '…', '\'', '"', '”', '’', '»', ')', ']'];
const NOT_TITLE_LAST: &[char] = &['.', ',', ';', ':'];

/// Python's `str.isspace` of one character: Unicode white space plus the four information
/// separators U+001C..U+001F, which Python also strips.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.strip()` as Python does it.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `str.rstrip()` as Python does it.
pub fn rstrip(text: &str) -> &str {
    text.trim_end_matches(is_space)
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// How many words `text` has.
pub fn word_count(text: &str) -> usize {
    WORD.find_iter(text).count()
}

/// Whether `text` has at least `count` words: the search stops at the count-th.
pub fn has_words(text: &str, count: usize) -> bool {
    WORD.find_iter(text).nth(count.saturating_sub(1)).is_some()
}

/// Whether the line ends like a sentence (a footnote mark may follow).
pub fn ends_sentence(text: &str) -> bool {
    let text = rstrip(text);
    match text.chars().next_back() {
        Some(last) => SENTENCE_LAST.contains(&last) && SENTENCE_END.is_match(text),
        None => false,
    }
}

/// A line that reads as a sentence: enough words and sentence-final punctuation.
pub fn is_prose(text: &str, min_words: usize) -> bool {
    let text = strip(text);
    ends_sentence(text) && has_words(text, min_words)
}

/// A short line that could head an article: 2 to 25 words, not ending like a clause.
pub fn looks_like_title(text: &str) -> bool {
    let text = strip(text);
    let Some(last) = text.chars().next_back() else {
        return false;
    };
    if NOT_TITLE_LAST.contains(&last) || text.chars().nth(200).is_some() {
        return false;
    }
    match text.chars().find(|&c| pychar::is_alnum(c)) {
        Some(first) => !pychar::is_lower(first) && (2..=25).contains(&word_count(text)),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_words() {
        assert_eq!(word_count("It’s 3.5 km — from St.-Gallen."), 5);
        assert_eq!(word_count("— · —"), 0);
        assert_eq!(
            words("Ein Beitrag, 2. Teil"),
            ["Ein", "Beitrag", "2.", "Teil"]
        );
        assert!(has_words("one two three", 3));
        assert!(!has_words("one two", 3));
    }

    #[test]
    fn sentences() {
        assert!(ends_sentence("He said so."));
        assert!(ends_sentence("“He said so.”  "));
        assert!(ends_sentence("As reported earlier. [12]"));
        assert!(!ends_sentence("Read more"));
        assert!(!ends_sentence("Price: 5 [12]"));
        assert!(!ends_sentence("   "));
    }

    #[test]
    fn prose() {
        assert!(is_prose(
            "The council voted seven to two on Monday evening to restore the baths.",
            8
        ));
        assert!(!is_prose("Too short to count.", 8));
        assert!(!is_prose(
            "Eight words here but no final punctuation at all",
            8
        ));
    }

    #[test]
    fn titles() {
        assert!(looks_like_title(
            "Council approves plan to reopen the old baths"
        ));
        assert!(looks_like_title(
            "„Wir bleiben“: Interview mit der Ministerin"
        ));
        assert!(!looks_like_title("only lower case here"));
        assert!(!looks_like_title("Ends with a colon:"));
        assert!(!looks_like_title("Word"));
        assert!(!looks_like_title(&"Word ".repeat(60)));
        // Python strips the information separators too.
        assert!(looks_like_title("\u{1c}Council approves the plan\u{1f}"));
    }
}
