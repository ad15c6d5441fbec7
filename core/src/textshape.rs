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

/// `str.strip()` as Python does it. Most lines start and end with a visible ASCII
/// character, which no space is: they are told so from two bytes, without decoding
/// characters from both ends.
pub fn strip(text: &str) -> &str {
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic)
    {
        return text;
    }
    text.trim_matches(is_space)
}

/// Python's `str.casefold()` (Unicode's default case folding). ASCII text, most of it, is
/// lower-cased byte by byte, which is all that folding does to ASCII: folding character by
/// character through the tables was 1.5% of the time of cleaning a page, in the header's
/// comparison of lines with the title.
pub fn casefold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(text)
    }
}

/// `str.rstrip()` as Python does it (a visible ASCII last byte told at once, as `strip`).
pub fn rstrip(text: &str) -> &str {
    if text.as_bytes().last().is_some_and(u8::is_ascii_graphic) {
        return text;
    }
    text.trim_end_matches(is_space)
}

/// Python's `str.split()`: the words between runs of white space.
pub fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_space).filter(|word| !word.is_empty())
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// A character class as the `regex` crate's parser reads it (sorted ranges), asked of
/// single characters: counting by hand then finds what the crate's pattern would.
pub struct CharClass(pub(crate) Vec<(char, char)>);

impl CharClass {
    /// The class `pattern` (a bracketed class or `\p{..}`) stands for.
    pub fn of(pattern: &str) -> CharClass {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .expect("valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            unreachable!("{pattern} is a Unicode class")
        };
        CharClass(
            class
                .ranges()
                .iter()
                .map(|range| (range.start(), range.end()))
                .collect(),
        )
    }

    /// Whether `c` is in the class.
    pub fn contains(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(first, last)| {
                if last < c {
                    std::cmp::Ordering::Less
                } else if first > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

/// The letters and digits (`[\p{L}\p{N}]`): counting words by hand finds the matches of
/// `WORD`.
static LETTERS_DIGITS: LazyLock<CharClass> = LazyLock::new(|| CharClass::of(r"[\p{L}\p{N}]"));

/// A letter or digit (`[\p{L}\p{N}]`): what starts a word.
fn starts_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    LETTERS_DIGITS.contains(c)
}

/// How many words (matches of `WORD`) `text` has, counting no further than `limit`. Counted
/// by hand: a word starts at a letter or digit and runs over letters, digits, apostrophes,
/// points and hyphens, so each start of a word after a character outside that set is one
/// match. The regex's two passes per word were most of the time of these counts.
fn count_words(text: &str, limit: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if in_word && (matches!(c, '\'' | '’' | '.' | '-') || starts_word(c)) {
            continue;
        }
        in_word = starts_word(c);
        if in_word {
            count += 1;
            if count >= limit {
                break;
            }
        }
    }
    count
}

/// How many words `text` has.
pub fn word_count(text: &str) -> usize {
    count_words(text, usize::MAX)
}

/// Whether `text` has at least `count` words (at least one for 0): the count stops there.
pub fn has_words(text: &str, count: usize) -> bool {
    let wanted = count.max(1);
    count_words(text, wanted) >= wanted
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

/// How many cells with text a table row (`| a | b |`, a bar inside a cell written `\|`)
/// has; 0 for a line that is no table row.
fn table_row_cells(text: &str) -> usize {
    if text.len() < 2 || !text.starts_with('|') || !text.ends_with('|') {
        return 0;
    }
    let mut cells = 0;
    let mut cell_has_text = false;
    let mut escaped = false;
    for c in text[1..].chars() {
        match c {
            '|' if !escaped => {
                cells += usize::from(cell_has_text);
                cell_has_text = false;
            }
            '\\' => {}
            c if !is_space(c) => cell_has_text = true,
            _ => {}
        }
        escaped = c == '\\';
    }
    cells
}

/// A short line that could head an article: 2 to 25 words, not ending like a clause (also
/// before a closing parenthesis: "… leitete. (KNA 19.11.21)" is a sentence and its source),
/// not a table row of several cells (a layout table's row of one cell may be the title).
pub fn looks_like_title(text: &str) -> bool {
    let text = strip(text);
    let Some(last) = text.chars().next_back() else {
        return false;
    };
    if NOT_TITLE_LAST.contains(&last) || text.chars().nth(200).is_some() {
        return false;
    }
    if table_row_cells(text) > 1 {
        return false;
    }
    if last == ')' {
        if let Some(open) = text.rfind('(') {
            let before = rstrip(&text[..open]);
            if before.ends_with(NOT_TITLE_LAST) {
                return false;
            }
        }
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
    fn strips_as_trimming_the_spaces_does() {
        for text in [
            "",
            " ",
            "a",
            " a ",
            "a b",
            "\u{a0}a\u{2003}",
            "\u{1c}a\u{1f}",
            "\ta\n",
            "é",
            "a\u{85}",
            "~x!",
            "\u{7f}a\u{7f}",
        ] {
            assert_eq!(strip(text), text.trim_matches(is_space), "{text:?}");
            assert_eq!(rstrip(text), text.trim_end_matches(is_space), "{text:?}");
        }
    }

    #[test]
    fn ascii_folds_as_the_tables_fold_it() {
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(casefold(&ascii), caseless::default_case_fold_str(&ascii));
        assert_eq!(casefold("Straße KELVIN"), "strasse kelvin");
        assert_eq!(casefold("\u{212a}"), "k");
    }

    fn assert_counts_are_the_pattern_s(text: &str) {
        let matches = WORD.find_iter(text).count();
        assert_eq!(word_count(text), matches, "{text:?}");
        for count in 0..=matches + 1 {
            assert_eq!(
                has_words(text, count),
                WORD.find_iter(text).nth(count.saturating_sub(1)).is_some(),
                "{text:?} {count}"
            );
        }
    }

    #[test]
    fn words_counted_by_hand_are_the_pattern_s() {
        for text in [
            "Home | News - Sport",
            "don't e.g. U.S.-based 3.5 ’twas -x- .a. '1'",
            "日本語 ٣٤ Ⅻ ½ ²³ ΟΔΟΣ e\u{301}x",
            "",
            " - ' . ",
        ] {
            assert_counts_are_the_pattern_s(text);
        }
        let pieces = ["a", "É", "'", "’", ".", "-", " ", "1", "\u{301}", "٣", "|"];
        crate::devdata::each_string(&pieces, 4, assert_counts_are_the_pattern_s);
        // Every character: one that starts a word by hand starts one for the pattern.
        for c in ('\0'..=char::MAX).filter(|c| !c.is_ascii()) {
            assert_eq!(starts_word(c), WORD.is_match(&c.to_string()), "{c:?}");
        }
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) has as many words counted by hand as the pattern finds.
    #[test]
    fn words_counted_by_hand_are_the_pattern_s_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            assert_eq!(word_count(line), WORD.find_iter(line).count(), "{line:?}");
        });
    }

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
        // A closing parenthesis: a title's own, or a sentence's source or date after it.
        assert!(looks_like_title(
            "Change Font Size of ggplot2 Plot in R (5 Examples)"
        ));
        assert!(looks_like_title(
            "Tareq Salem über sein Leben als Flüchtling in Italien und Hamburg (12.02.2021)"
        ));
        assert!(!looks_like_title(
            "ZdK-Generalsekretär ist seit 2020 Marc Frings, der das Büro in Ramallah leitete. (KNA 19.11.21)"
        ));
        assert!(!looks_like_title("The council met again, (photo)"));
        // A table row is no title; a title that only has a bar inside is one.
        assert!(!looks_like_title(
            "| 26 \\| 01 \\| 2022 | Schweiz \\| Praxis | 0 | 337 |"
        ));
        assert!(!looks_like_title("| Name | Party |"));
        assert!(looks_like_title(
            "| Mail-Aktion an den Deutschen Bundestag | "
        ));
        assert!(looks_like_title(
            "|  | Mail-Aktion an den Bundestag \\| Blog |  |"
        ));
        assert_eq!(table_row_cells("| a \\| b |  | c |"), 2);
        assert_eq!(table_row_cells("|\u{a0}| x |"), 1);
        assert_eq!(table_row_cells("a | b"), 0);
        assert!(looks_like_title(
            "Wahlen 2024 | Die Ergebnisse im Überblick"
        ));
    }
}
