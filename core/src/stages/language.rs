//! The `language` stage: the document's language before the rules run, so that they can
//! choose language packs.
//!
//! The language given in the configuration wins; then the page's own (the `lang` attribute
//! of an HTML page, filled by `extract`); then a guess over jusText's stoplists.
//!
//! A page's own tag can be wrong (a template's `lang="en"` around a Spanish article). When
//! the tagged language has a stoplist and the guess names another language whose stopwords
//! are at least `BETTER_FIT` times as dense in the text as the tagged language's, the guess
//! wins: the stages that weigh stopwords would otherwise judge every sentence of the article
//! as furniture.

use crate::document::Document;
use crate::language::{sample_tokens, stop_density, Stoplists};

/// How many times as dense the guessed language's stopwords must be as the tagged one's.
pub const BETTER_FIT: f64 = 1.5;

/// What the stage weighs besides the document.
pub struct Settings<'a> {
    pub stoplists: &'a Stoplists,
    /// The configured language, which wins.
    pub config_language: Option<&'a str>,
}

/// Fill `meta.language` with its source ("config", or the guess with its confidence);
/// a language the page gave stays unless the guess fits the text much better.
pub fn run(doc: &mut Document, settings: &Settings) {
    if let Some(language) = settings.config_language.filter(|l| !l.is_empty()) {
        set_language(doc, language, "config".to_string());
        return;
    }
    let texts: Vec<&str> = doc.lines.iter().map(|line| line.text.as_str()).collect();
    let words = sample_tokens(&texts);
    let stoplists = settings.stoplists;
    let Some((guess, confidence)) = stoplists.guess(&words) else {
        return;
    };
    match doc.meta.language.clone().filter(|page| !page.is_empty()) {
        Some(page) => {
            let Some(tagged) = stoplists.get(Some(&page)) else {
                return;
            };
            if guess == page {
                return;
            }
            let fit = stop_density(&words, stoplists.get(Some(guess)).map(|list| &**list));
            if fit >= BETTER_FIT * stop_density(&words, Some(&**tagged)) {
                let source =
                    format!("language.stoplists (confidence {confidence:.2}; page said {page})");
                set_language(doc, guess, source);
            }
        }
        None => {
            let source = format!("language.stoplists (confidence {confidence:.2})");
            set_language(doc, guess, source);
        }
    }
}

fn set_language(doc: &mut Document, language: &str, source: String) {
    doc.meta.language = Some(language.to_string());
    doc.meta.sources.insert("language".to_string(), source);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stoplists() -> Stoplists {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Stoplists::new([
            ("en".to_string(), words(&["the", "of", "and", "is"])),
            ("es".to_string(), words(&["el", "la", "de", "y", "los"])),
        ])
    }

    fn document(text: &str, page: Option<&str>) -> Document {
        let mut doc = Document::new("t", text.split('\n').map(str::to_string));
        doc.meta.language = page.map(str::to_string);
        doc
    }

    const SPANISH: &str = "El presidente de la Asamblea y los periodistas de la prensa y el país";

    #[test]
    fn the_configured_language_wins() {
        let lists = stoplists();
        let mut doc = document(SPANISH, Some("en"));
        run(
            &mut doc,
            &Settings {
                stoplists: &lists,
                config_language: Some("fr"),
            },
        );
        assert_eq!(doc.meta.language.as_deref(), Some("fr"));
        assert_eq!(doc.meta.sources["language"], "config");
    }

    #[test]
    fn the_guess_fills_an_untagged_document() {
        let lists = stoplists();
        let mut doc = document(SPANISH, None);
        run(
            &mut doc,
            &Settings {
                stoplists: &lists,
                config_language: None,
            },
        );
        assert_eq!(doc.meta.language.as_deref(), Some("es"));
        assert_eq!(
            doc.meta.sources["language"],
            "language.stoplists (confidence 1.00)"
        );
        let mut none = document("12345", None);
        run(
            &mut none,
            &Settings {
                stoplists: &lists,
                config_language: None,
            },
        );
        assert!(none.meta.language.is_none() && none.meta.sources.is_empty());
    }

    #[test]
    fn a_wrong_page_tag_gives_way_only_to_a_much_better_fit() {
        let lists = stoplists();
        let mut doc = document(SPANISH, Some("en"));
        run(
            &mut doc,
            &Settings {
                stoplists: &lists,
                config_language: None,
            },
        );
        assert_eq!(doc.meta.language.as_deref(), Some("es"));
        assert_eq!(
            doc.meta.sources["language"],
            "language.stoplists (confidence 1.00; page said en)"
        );
        let mixed = "the el la of and de is y los words";
        let mut kept = document(mixed, Some("en"));
        run(
            &mut kept,
            &Settings {
                stoplists: &lists,
                config_language: None,
            },
        );
        assert_eq!(kept.meta.language.as_deref(), Some("en"));
        assert!(kept.meta.sources.is_empty());
        let mut untracked = document(SPANISH, Some("xx"));
        run(
            &mut untracked,
            &Settings {
                stoplists: &lists,
                config_language: None,
            },
        );
        assert_eq!(untracked.meta.language.as_deref(), Some("xx"));
    }
}
