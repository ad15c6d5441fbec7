//! Word tokens as the stoplists spell them, and the stoplists themselves.
//!
//! jusText's stoplists are data the shell loads once per run (from the `justext` package)
//! and hands to the core; the core counts a line's tokens and how many of them are
//! stopwords of the document's language.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

/// A word token: letters, joined by apostrophes or soft hyphens.
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}+(?:['’\u{ad}]\p{L}+)*").expect("valid pattern"));

/// Lower-cased word tokens of `text`, as the stoplists spell them (soft hyphens dropped).
pub fn tokens(text: &str) -> Vec<String> {
    if text.contains('\u{ad}') {
        let plain = text.replace('\u{ad}', "");
        return TOKEN
            .find_iter(&plain)
            .map(|m| m.as_str().to_lowercase())
            .collect();
    }
    TOKEN
        .find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// jusText's stoplists by language code.
#[derive(Debug, Clone, Default)]
pub struct Stoplists {
    words: HashMap<String, HashSet<String>>,
}

impl Stoplists {
    /// Stoplists from (language code, lower-cased words) pairs.
    pub fn new(lists: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        Stoplists {
            words: lists
                .into_iter()
                .map(|(code, words)| (code, words.into_iter().collect()))
                .collect(),
        }
    }

    /// The stoplist of a language, if it has a non-empty one.
    pub fn get(&self, language: Option<&str>) -> Option<&HashSet<String>> {
        self.words.get(language?).filter(|words| !words.is_empty())
    }
}

/// For a line, how many tokens it has and how many of them are in `stoplist`.
pub fn counts(text: &str, stoplist: &HashSet<String>) -> (usize, usize) {
    let found = tokens(text);
    let stops = found.iter().filter(|t| stoplist.contains(*t)).count();
    (found.len(), stops)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
