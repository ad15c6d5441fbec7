//! Given names, for telling a line that is only a person's name ("Christian Mihatsch") from
//! a short heading of capitalised words ("Green Economy"): the first names of Faker's person
//! providers in Latin letters (`data/given_names.txt`, written by
//! `training/given_names.py`).

use std::collections::HashSet;
use std::sync::LazyLock;

static NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/given_names.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether `word` is a given name, as written (capitalised: "Anna", not "anna" or "ANNA").
pub fn is_given_name(word: &str) -> bool {
    NAMES.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_are_read_as_written() {
        for name in [
            "Christian",
            "Kathrin",
            "Matthew",
            "Paweł",
            "Dominique",
            "André",
        ] {
            assert!(is_given_name(name), "{name}");
        }
        for word in [
            "christian",
            "CHRISTIAN",
            "Economy",
            "Branding",
            "Pressemitteilung",
        ] {
            assert!(!is_given_name(word), "{word}");
        }
    }

    #[test]
    fn the_list_has_no_header_or_blank_entries() {
        assert!(NAMES.len() > 20_000);
        assert!(NAMES.iter().all(|name| name.chars().count() >= 2));
        // The language guess looks a token up only when it starts with a capital.
        assert!(NAMES
            .iter()
            .all(|name| name.chars().next().is_some_and(char::is_uppercase)));
        assert!(!NAMES.iter().any(|name| name.starts_with('#')));
    }
}
