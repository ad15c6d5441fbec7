//! The `normalize` stage: Unicode NFC, one kind of line ending, no invisible characters, no
//! trailing spaces.
//!
//! Soft hyphens (U+00AD) stay: they are the publisher's hyphenation points, part of the text
//! a reader copies, not encoding residue.
//!
//! Everything after this stage addresses the normalized text by line number, so this is the
//! text that replaying the removals gives back.
//!
//! A run of more than `MAX_MARKS` combining marks on one character is cut to that many before
//! NFC, with a warning. NFC sorts each run of marks by insertion, in time that grows with the
//! square of its length; 30 is Unicode's own bound for such runs (the Stream-Safe Text Format
//! of UAX #15), so no real text loses anything.
//!
//! NFC comes from the `unicode-normalization` crate, whose tables are of a later Unicode
//! version than Python 3.11's `unicodedata` (14.0): the two differ only on characters that
//! Unicode 14 had not assigned yet (see the README's "The compiled core").

use std::borrow::Cow;
use unicode_general_category::{get_general_category, GeneralCategory as G};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::document::{Document, Line};
use crate::textshape;

/// Combining marks kept on one character; a longer run is cut to this many.
pub const MAX_MARKS: usize = 30;

/// The characters that end a line besides `\n` (`\r` and `\r\n` are handled apart).
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}')
}

/// Zero-width characters and the control characters (Unicode's Cc) but tab and newline.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
            | '\u{0}'..='\u{8}'
            | '\u{b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
    )
}

/// The spaces that become a plain space: tab, no-break and the typographic spaces.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// The marks (category M) that Unicode 17 added. The `unicode-general-category` crate's
/// tables are of Unicode 16; the `regex` module, whose `\p{M}` the mark runs were counted
/// with, knows Unicode 17, so these count as marks here too.
const UNICODE_17_MARKS: &[(char, char)] = &[
    ('\u{5c8}', '\u{5c9}'),
    ('\u{b53}', '\u{b54}'),
    ('\u{1acf}', '\u{1af0}'),
    ('\u{10ecb}', '\u{10ecf}'),
    ('\u{10ef0}', '\u{10efb}'),
    ('\u{11b60}', '\u{11b67}'),
    ('\u{11df0}', '\u{11df0}'),
    ('\u{1d127}', '\u{1d128}'),
    ('\u{1d250}', '\u{1d252}'),
    ('\u{1d25b}', '\u{1d25c}'),
    ('\u{1d25f}', '\u{1d25f}'),
    ('\u{1d280}', '\u{1d281}'),
    ('\u{1e6e3}', '\u{1e6e3}'),
    ('\u{1e6e6}', '\u{1e6e6}'),
    ('\u{1e6ee}', '\u{1e6ef}'),
    ('\u{1e6f5}', '\u{1e6f5}'),
];

/// A combining mark (category M): every character NFC reorders is one.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && is_non_ascii_mark(c)
}

/// `is_mark` for a character past ASCII (which has no marks).
fn is_non_ascii_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    ) || UNICODE_17_MARKS
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// Whether `clean_characters` changes `c`.
fn needs_cleaning(c: char) -> bool {
    c == '\r' || is_line_break(c) || is_invisible(c) || is_odd_space(c)
}

/// `clean_characters`, or the text itself when it has nothing to clean (most text).
fn cleaned_characters(text: &str) -> Cow<'_, str> {
    if text.chars().any(needs_cleaning) {
        Cow::Owned(clean_characters(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The line breaks made `\n`, invisible characters dropped, odd spaces made plain, in one
/// pass; each character is judged as it was in the input, as the three replacements one
/// after the other judge it.
fn clean_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else if is_line_break(c) {
            out.push('\n');
        } else if is_invisible(c) {
        } else if is_odd_space(c) {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The text with every run of more than `MAX_MARKS` marks cut to that many, and how many
/// runs were cut; the text itself when none is that long (nearly always).
fn cut_mark_runs(text: &str) -> (Cow<'_, str>, usize) {
    let mut run = 0;
    let too_long = text.chars().any(|c| {
        run = if is_mark(c) { run + 1 } else { 0 };
        run > MAX_MARKS
    });
    if !too_long {
        return (Cow::Borrowed(text), 0);
    }
    let (out, cut) = cut_long_mark_runs(text);
    (Cow::Owned(out), cut)
}

/// `cut_mark_runs` for a text that has a run to cut.
fn cut_long_mark_runs(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    let mut cut = 0;
    for c in text.chars() {
        if is_mark(c) {
            run += 1;
            if run == MAX_MARKS + 1 {
                cut += 1;
            }
            if run > MAX_MARKS {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c);
    }
    (out, cut)
}

/// Whether `text` has nothing for the character steps to change: no character to clean and
/// none from U+0300 on (where the combining marks begin, and every character NFC changes or
/// reorders: below it each character is in NFC whatever is around it) but the typographic
/// punctuation of `settled_punctuation`. Latin-script text, most of it, is settled in one
/// pass over its bytes.
fn settled(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'\n' | 0x20..=0x7e => at += 1,
            // U+0080..U+00A0: C1 controls, NEL and the no-break space need cleaning.
            0xc2 if bytes.get(at + 1).is_some_and(|&next| next > 0xa0) => at += 2,
            // U+00C0..U+02FF.
            0xc3..=0xcb => at += 2,
            0xe2 if settled_punctuation(bytes.get(at + 1..at + 3)) => at += 3,
            _ => return false,
        }
    }
    true
}

/// Whether the two bytes after a 0xE2 lead byte are those of the dashes, quotation marks,
/// ellipsis, bullets, primes and other punctuation of U+2010..U+2027 and U+2030..U+205E, or
/// of the euro sign (U+20AC): marks nowhere near, nothing to clean (the typographic and
/// line-separating characters around them, U+2000..U+200F, U+2028..U+202F and U+205F on,
/// are left out), and in NFC whatever is around them. Dashes and curly quotes are in most
/// texts.
fn settled_punctuation(next: Option<&[u8]>) -> bool {
    matches!(
        next,
        Some([0x80, 0x90..=0xa7 | 0xb0..=0xbf] | [0x81, 0x80..=0x9e] | [0x82, 0xac])
    )
}

/// The normalized lines of a text: NFC, split at line ends, no trailing spaces or trailing
/// blank lines, no run of more than `MAX_MARKS` combining marks; the warnings that say
/// what was cut; and the numbers of the lines that held spaces alone (empty now).
fn normalized_lines(text: &str) -> (Vec<String>, Vec<String>, Vec<usize>) {
    let mut warnings = Vec::new();
    let composed: Cow<str> = if settled(text) {
        Cow::Borrowed(text)
    } else {
        let cleaned = cleaned_characters(text);
        let (cleaned, runs) = cut_mark_runs(&cleaned);
        if runs > 0 {
            warnings.push(format!(
                "{runs} run(s) of more than {MAX_MARKS} combining marks on one character cut \
                 to {MAX_MARKS} (not text; Unicode's stream-safe limit)"
            ));
        }
        // Text that the quick check finds in NFC already (most text) is what NFC makes of it.
        if is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
            Cow::Owned(cleaned.into_owned())
        } else {
            Cow::Owned(cleaned.nfc().collect())
        }
    };
    let mut spaces = Vec::new();
    let mut lines: Vec<&str> = composed
        .split('\n')
        .enumerate()
        .map(|(index, raw)| {
            let line = textshape::rstrip(raw);
            if line.is_empty() && !raw.is_empty() {
                spaces.push(index + 1);
            }
            line
        })
        .collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    spaces.retain(|&number| number <= lines.len());
    (
        lines.into_iter().map(str::to_string).collect(),
        warnings,
        spaces,
    )
}

/// The normalized form of a text: its normalized lines joined by `\n`, and the warnings.
pub fn normalize_text(text: &str) -> (String, Vec<String>) {
    let (lines, warnings, _) = normalized_lines(text);
    (lines.join("\n"), warnings)
}

/// The stage: the document's lines become those of the normalized `original`, and what was
/// cut is added to its warnings.
pub fn run(doc: &mut Document, original: &str) {
    let (lines, warnings, spaces) = normalized_lines(original);
    doc.space_lines = spaces;
    // Units scored on other lines say nothing of these.
    doc.scored_lines = std::sync::OnceLock::new();
    doc.lines = if lines.is_empty() {
        // Python's "".split("\n") is [""]: one empty line.
        vec![Line::new(1, String::new())]
    } else {
        lines
            .into_iter()
            .enumerate()
            .map(|(i, t)| Line::new(i + 1, t))
            .collect()
    };
    doc.warnings.extend(warnings);
}

/// Whether a document's lines have any visible text.
pub fn visible(doc: &Document) -> bool {
    doc.lines.iter().any(|line| !line.blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_become_newlines() {
        assert_eq!(
            normalize_text("a\r\nb\rc\u{2028}d\u{85}e\u{b}f").0,
            "a\nb\nc\nd\ne\nf"
        );
        // A carriage return before an invisible character before a newline: two breaks.
        assert_eq!(normalize_text("a\r\u{0}\nb").0, "a\n\nb");
    }

    #[test]
    fn invisible_characters_go_and_spaces_are_plain() {
        assert_eq!(
            normalize_text("a\u{200b}b\u{feff}c\u{1}\u{9f}d\u{1c}e").0,
            "abcde"
        );
        assert_eq!(normalize_text("a\tb\u{a0}c\u{3000}d").0, "a b c d");
        assert_eq!(normalize_text("Zei\u{ad}tung").0, "Zei\u{ad}tung");
    }

    #[test]
    fn trailing_spaces_and_blank_lines_go() {
        assert_eq!(normalize_text("a  \n b \u{2003}\n\n \n").0, "a\n b");
        assert_eq!(normalize_text("\n\n").0, "");
    }

    #[test]
    fn lines_of_spaces_are_kept_apart_from_empty_lines() {
        let mut doc = Document::default();
        run(&mut doc, "a\n\t \n\nb  \n\u{a0}\nc\n   \n\t\n");
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "", "", "b", "", "c"]);
        // Lines 2 and 5; the trailing ones are gone with the lines they were.
        assert_eq!(doc.space_lines, [2, 5]);
        run(&mut doc, "a\n\nb");
        assert!(doc.space_lines.is_empty());
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(normalize_text("e\u{301}").0, "\u{e9}");
        assert_eq!(normalize_text("\u{212b}").0, "\u{c5}");
    }

    #[test]
    fn long_mark_runs_are_cut_with_a_warning() {
        let zalgo = format!("a{}b{}", "\u{301}".repeat(40), "\u{300}".repeat(31));
        let (text, warnings) = normalize_text(&zalgo);
        assert_eq!(text.chars().count(), 2 + 2 * MAX_MARKS - 1);
        assert_eq!(
            warnings,
            [
                "2 run(s) of more than 30 combining marks on one character cut to 30 \
              (not text; Unicode's stream-safe limit)"
            ]
        );
        let (_, none) = normalize_text(&format!("a{}", "\u{301}".repeat(30)));
        assert!(none.is_empty());
        // Marks of Unicode 17 count as well.
        let (text, warnings) = normalize_text(&format!("a{}", "\u{11b60}".repeat(31)));
        assert_eq!((text.chars().count(), warnings.len()), (31, 1));
    }

    /// `normalize_text` as it was written first: every step on every text, NFC included.
    fn normalize_every_step(text: &str) -> (String, Vec<String>) {
        let cleaned = clean_characters(text);
        let (cleaned, runs) = cut_long_mark_runs(&cleaned);
        let mut warnings = Vec::new();
        if runs > 0 {
            warnings.push(format!(
                "{runs} run(s) of more than {MAX_MARKS} combining marks on one character cut \
                 to {MAX_MARKS} (not text; Unicode's stream-safe limit)"
            ));
        }
        let composed: String = cleaned.nfc().collect();
        let mut lines: Vec<&str> = composed.split('\n').map(textshape::rstrip).collect();
        while lines.last().is_some_and(|line| line.is_empty()) {
            lines.pop();
        }
        (lines.join("\n"), warnings)
    }

    #[test]
    fn shortcuts_give_what_every_step_gives() {
        let marks = "\u{301}".repeat(31);
        for text in [
            "plain ASCII\r\nline  \n".to_string(),
            "e\u{301} \u{212b} \u{1100}\u{1161}\u{11a8} \u{ac00}\u{11a8}".to_string(),
            "a\u{323}\u{301} a\u{301}\u{323} \u{1e0b}\u{323} q\u{307}\u{323}".to_string(),
            "Straße café naïve 日本語 Ελληνικά \u{e9}".to_string(),
            "\u{0958} \u{2126} \u{f900} \u{2f800} \u{0344}".to_string(),
            format!("a{marks}b\u{300}"),
            format!("{}\u{301}", "\u{300}".repeat(29)),
            "\u{300}\u{301}".to_string(),
            "tab\there\u{a0}nbsp\u{200b}zw\u{85}nel\r\ncrlf\u{7f}del\u{3000}".to_string(),
            "only\rcarriage\u{2028}sep\u{feff}bom".to_string(),
            "café naïve ½ Łódź ǅ ʼ ˿ \u{a1}\u{bf}\u{c0}\u{2ff}".to_string(),
            "soft\u{ad}hyphen and no-break\u{a0}space, \u{80}\u{9f} controls".to_string(),
            "blanks at the end  \n \n\n".to_string(),
            String::new(),
        ] {
            assert_eq!(
                normalize_text(&text),
                normalize_every_step(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn settled_text_is_latin_without_anything_to_clean() {
        assert!(settled("Straße, café naïve ½ Łódź ǅ ʼ \u{2ff}\nline two"));
        assert!(settled("soft\u{ad}hyphen"));
        for unsettled in [
            "no-break\u{a0}space",
            "next line\u{85}",
            "C1\u{9f}",
            "tab\there",
            "cr\r\n",
            "del\u{7f}",
            "e\u{301}",
            "日本語",
            "line\u{2028}separator",
            "narrow\u{202f}space",
            "zero\u{200b}width",
            "a\u{2013}\u{301}",
            "\u{2126}",
        ] {
            assert!(!settled(unsettled), "{unsettled:?}");
        }
        assert!(settled(
            "en dash \u{2013}, \u{201e}quotes\u{201c} \u{2026} \u{2030} \u{205e} \u{20ac}"
        ));
    }

    /// Each character `settled_punctuation` lets through is one the steps leave as it is,
    /// alone and between other settled characters.
    #[test]
    fn settled_punctuation_is_what_every_step_leaves() {
        let settled_chars = ('\u{2010}'..='\u{2027}')
            .chain('\u{2030}'..='\u{205e}')
            .chain(['\u{20ac}']);
        let mut count = 0;
        for c in settled_chars {
            let text = format!("a{c}é{c}\n{c}");
            assert!(settled(&text), "{c:?}");
            assert!(!needs_cleaning(c) && !is_mark(c), "{c:?}");
            assert_eq!(
                normalize_every_step(&text),
                (text.clone(), Vec::new()),
                "{c:?}"
            );
            assert_eq!(normalize_text(&text), (text.clone(), Vec::new()), "{c:?}");
            count += 1;
        }
        assert_eq!(count, 24 + 47 + 1);
        for c in ('\u{2000}'..='\u{200f}')
            .chain('\u{2028}'..='\u{202f}')
            .chain('\u{205f}'..='\u{20ab}')
        {
            assert!(!settled(&c.to_string()), "{c:?}");
        }
    }

    /// Every development dump (when they are there: they are not part of the repository)
    /// normalizes as every step would normalize it.
    #[test]
    fn shortcuts_give_what_every_step_gives_on_the_development_dumps() {
        let Some((dumps, texts)) = crate::devdata::dump_texts() else {
            return;
        };
        let mut count = 0;
        for (path, text) in &texts {
            assert_eq!(normalize_text(text), normalize_every_step(text), "{path:?}");
            count += 1;
        }
        assert!(count > 0, "no dumps in {}", dumps.display());
    }

    #[test]
    fn the_stage_sets_lines_and_says_whether_any_is_visible() {
        let mut doc = Document::default();
        run(&mut doc, "Title\r\n\r\nBody.\u{200b}\n");
        let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Title", "", "Body."]);
        assert!(visible(&doc));
        let mut empty = Document::default();
        run(&mut empty, "\u{200b}\u{1}\n \n");
        assert_eq!(empty.lines.len(), 1);
        assert!(!visible(&empty));
    }
}
