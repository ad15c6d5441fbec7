//! Ingredient lists: short lines that the line model could take for a menu.
//!
//! A recipe's ingredients are a run of short lines without stopwords ("350 g Mehl", "2 Eier
//! (Größe M)", "Salz"), often between a page's menus, so that a line classifier reads them as
//! one more menu. What tells them apart is that most of them start with an amount. A run counts
//! as an ingredient list when at least `MIN_AMOUNTS` of its lines start with an amount, at
//! most `MAX_GAP` other short lines stand between two of them (an ingredient without an
//! amount, a sub-heading such as "Für die Füllung:"), and either an ingredients heading
//! stands in or just above it, or at least two amounts have a unit of measure followed by
//! what they measure ("1 TL Wasser"): a gallery counter ("1/199 Simone32"), a product's size
//! picker ("1KG", "500g") or a nutrition table ("16g") has neither.
//!
//! `AMOUNT` needs a look-ahead (a bare amount must be followed by a word or a bracket), so it
//! is the one pattern here compiled with `fancy-regex`; it is anchored and short, and its
//! backtracking is bounded by the line.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::textshape;

const MIN_AMOUNTS: usize = 3;
const MAX_GAP: usize = 2;
const MAX_ABOVE: usize = 2;
const MAX_ITEM_WORDS: usize = 4;
const MAX_LABEL_WORDS: usize = 6;

const UNITS: &str = r"g|kg|mg|ml|cl|dl|l|el|tl|pck|päckchen|prisen?|msp|stück|tassen?|becher|dosen?|dose/n|glas|gläser|bund|zehen?|scheiben?|spritzer|würfel\w*|gramm|liter|esslöffel|teelöffel|cups?|tbsp|tsp|oz|lbs?|pounds?|tablespoons?|teaspoons?|pinch|cloves?|cans?|slices?|cuillères?|c\.\s?à\.\s?[sc]|pincées?|gousses?|cucchia(?:io|i|ini)|cucharad(?:a|as|ita|itas)|tazas?|colheres?|xícaras?";

/// A number or a fraction, maybe a range, then a unit or straight away a word: "250 g",
/// "1-2 Spritzer", "½ Teelöffel", "4 Eier". A date ("3. August") or a count ("1/199 12") is
/// not followed by a word or a unit.
static AMOUNT: LazyLock<fancy_regex::Regex> = LazyLock::new(|| {
    fancy_regex::Regex::new(&format!(
        r"(?i)^\s*(?:ca\.\s*)?(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*(?:(?P<unit>(?:{UNITS})\b\.?)|(?=[^\W\d_]|\())"
    ))
    .expect("valid pattern")
});
/// `AMOUNT` with the character its look-ahead asks for taken instead of looked at: it matches
/// wherever `AMOUNT` does, and runs in one linear pass, so that lines starting with a number
/// that is no amount (dates, scores, prices, counters) are told without `fancy-regex`'s
/// backtracking.
static AMOUNT_SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:ca\.\s*)?(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*(?:(?:{UNITS})\b\.?|[^\W\d_]|\()"
    ))
    .expect("valid pattern")
});
/// The characters a line that `AMOUNT` matches can start with.
const AMOUNT_FIRST: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '½', '¼', '¾', '⅓', '⅔', '⅛', 'c', 'C', ' ',
    '\t',
];
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\s*(?:die\s+)?(?:zutaten|ingredients|ingrédients|ingredientes|ingredienti|składniki|ingrediënten)\b[^.!?]{0,40})$",
    )
    .expect("valid pattern")
});

/// An amount at the start of a line: where it ends (in bytes) and whether it has a unit.
struct Amount {
    end: usize,
    unit: bool,
}

fn starts_like_amount(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| AMOUNT_FIRST.contains(&c))
}

fn amount_at_start(text: &str) -> Option<Amount> {
    if !AMOUNT_SHAPE.is_match(text) {
        return None;
    }
    // A backtracking limit is no concern on an anchored pattern this short; an error
    // (which the limit would give) reads as no amount.
    let found = AMOUNT.captures(text).ok()??;
    let whole = found.get(0)?;
    Some(Amount {
        end: whole.end(),
        unit: found.name("unit").is_some(),
    })
}

fn amount(text: &str) -> Option<Amount> {
    if starts_like_amount(text) {
        amount_at_start(text)
    } else {
        None
    }
}

/// A sub-heading of the list: "Für den Teig:", "Zutaten", "Belag:".
fn label(text: &str) -> bool {
    let text = textshape::strip(text);
    textshape::split_words(text).count() <= MAX_LABEL_WORDS
        && (text.ends_with(':') || HEADING.is_match(text))
}

/// A short line that can stand in the list without an amount: "Salz", "etwas Fett".
fn item(text: &str) -> bool {
    let text = textshape::strip(text);
    textshape::split_words(text).count() <= MAX_ITEM_WORDS && !textshape::ends_sentence(text)
}

/// Indexes in `texts` (a document's open lines, in order) of its ingredient lists, with
/// their headings and sub-headings.
pub fn ingredient_lines<S: AsRef<str>>(texts: &[S]) -> BTreeSet<usize> {
    let mut kept = BTreeSet::new();
    let mut resume = 0;
    for start in 0..texts.len() {
        if !starts_like_amount(texts[start].as_ref()) || start < resume {
            continue;
        }
        let Some(first) = amount_at_start(texts[start].as_ref()) else {
            continue;
        };
        let (mut amounts, mut measured, mut last, mut gap) = (0, 0, start, 0);
        let mut first = Some(first);
        for (index, text) in texts.iter().enumerate().skip(start) {
            let text = text.as_ref();
            let found = if index == start {
                first.take()
            } else {
                amount(text)
            };
            if let Some(found) = found {
                amounts += 1;
                if found.unit && !textshape::strip(&text[found.end..]).is_empty() {
                    measured += 1;
                }
                last = index;
                gap = 0;
            } else if item(text) || label(text) {
                gap += 1;
                if gap > MAX_GAP {
                    break;
                }
            } else {
                break;
            }
        }
        let mut top = start;
        while top > 0
            && start - top < MAX_ABOVE
            && (item(texts[top - 1].as_ref()) || label(texts[top - 1].as_ref()))
        {
            top -= 1;
        }
        while top < start && !label(texts[top].as_ref()) {
            top += 1;
        }
        let headed = (top..=last).any(|i| HEADING.is_match(textshape::strip(texts[i].as_ref())));
        if amounts >= MIN_AMOUNTS && (headed || measured >= 2) {
            kept.extend(top..=last);
        }
        resume = last + 1;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `AMOUNT_SHAPE` says no, `AMOUNT` finds nothing.
    fn assert_shape_passes(text: &str) {
        if AMOUNT.is_match(text).unwrap_or(false) {
            assert!(AMOUNT_SHAPE.is_match(text), "{text:?}");
        }
    }

    #[test]
    fn the_shape_passes_every_amount() {
        for text in [
            "250 g Mehl",
            "1-2 Spritzer Zitrone",
            "½ Teelöffel Salz",
            "4 Eier",
            "ca. 3 EL Öl",
            "2 (große) Zwiebeln",
            "1,5 l Milch",
            "3 Würfelzucker",
            "2 c. à s. huile",
            "  10 Äpfel",
            "3. August",
            "1/199 12",
            "2024",
            "5 % Rabatt",
        ] {
            assert_shape_passes(text);
        }
        assert!(!AMOUNT_SHAPE.is_match("3. August"));
        assert!(!AMOUNT_SHAPE.is_match("1/199 12"));
        let pieces = ["1", "½", " ", "-", "g", "Ä", "(", ".", "ca", "_", "x"];
        crate::devdata::each_string(&pieces, 5, assert_shape_passes);
    }

    /// Every line of the development set's page dumps (when they are there: they are not part
    /// of the repository) passes the shape wherever `AMOUNT` matches.
    #[test]
    fn the_shape_passes_every_amount_on_the_development_dumps() {
        crate::devdata::each_dump_line(|line| {
            if starts_like_amount(line) {
                assert_shape_passes(line);
            }
        });
    }

    fn kept(lines: &[&str]) -> Vec<usize> {
        ingredient_lines(lines).into_iter().collect()
    }

    #[test]
    fn a_list_under_its_heading_is_kept() {
        let lines = [
            "Menü",
            "Zutaten",
            "350 g Mehl",
            "2 Eier (Größe M)",
            "Salz",
            "1 TL Backpulver",
            "Zubereitung",
            "Den Ofen vorheizen und den Teig eine Stunde ruhen lassen.",
        ];
        assert_eq!(kept(&lines), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn measured_amounts_need_no_heading() {
        let lines = ["½ Teelöffel Salz", "1-2 Spritzer Zitrone", "250 g Butter"];
        assert_eq!(kept(&lines), [0, 1, 2]);
    }

    #[test]
    fn counters_sizes_and_dates_are_no_amounts() {
        assert!(kept(&["1/199 Simone32", "2/199 Anna", "3/199 Bert"]).is_empty());
        assert!(kept(&["1KG", "500g", "250g"]).is_empty());
        assert!(kept(&["3. August", "4. August", "5. August"]).is_empty());
        assert!(amount("3. August").is_none());
        assert!(amount("4 Eier").is_some_and(|a| !a.unit && a.end == 2));
        assert!(amount("250 g Mehl").is_some_and(|a| a.unit));
    }
}
