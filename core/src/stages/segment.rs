//! The `segment` stage: article boundaries inside one file, where a headline is directly
//! followed by a dateline, date or byline.
//!
//! Scraped files sometimes hold two articles back to back. The first article always starts
//! at the top; a later one starts where a headline (a title-like line of at least
//! `MIN_HEADLINE_WORDS` words, not mostly numbers), after some prose of the article before
//! it, is followed by an opening line that only a new article has.

use crate::document::{Article, Document};
use crate::header_lines::opening_line;
use crate::textshape;

/// Words of a headline that opens a later article. A shorter title-like line before a date
/// or byline is mostly a name (a comment's author, the article's own byline without "By")
/// or a label ("Verwandte Themen", "Mitglied seit"): in the development set's page dumps,
/// 126 splits in 49 pages were made at such lines, the few others at two-word headlines of
/// teasers in lists of related posts.
pub const MIN_HEADLINE_WORDS: usize = 3;

/// Whether two or more, and at least half, of the line's tokens (split at white space) hold
/// a digit: file sizes, a time and a date, a phone number ("Download: mp3 (30 MB) m4a (24
/// MB)", "Créé: 12.12.2019, 07h36"), which title-like lines over a date in an article's
/// closing box are, and a headline is not ("Saint Lucia Records 23 New COVID-19 Cases"). A
/// forum post's author and post count ("PinkElephant 9,292") over its date does start a
/// post.
fn mostly_numbers(text: &str) -> bool {
    let (mut tokens, mut numbers) = (0usize, 0usize);
    for token in text.split_whitespace() {
        tokens += 1;
        numbers += usize::from(token.chars().any(|c| c.is_ascii_digit()));
    }
    numbers >= 2 && 2 * numbers >= tokens
}

/// Split the document into articles by line range; each gets its own (empty) metadata.
/// `language` is the configured language, which the opening-line recognisers read.
pub fn run(doc: &mut Document, language: Option<&str>) {
    let mut texts: Vec<usize> = Vec::with_capacity(doc.lines.len());
    texts.extend(
        doc.lines
            .iter()
            .filter(|line| !line.blank)
            .map(|line| line.number),
    );
    let mut starts: Vec<usize> = if doc.lines.is_empty() {
        vec![]
    } else {
        vec![1]
    };
    // A title-like line is asked as itself and as the next line of the one before: the
    // answer by line number, once asked.
    let mut opens: Vec<Option<bool>> = vec![None; doc.lines.len()];
    let mut opens_article = |number: usize| -> bool {
        *opens[number - 1]
            .get_or_insert_with(|| opening_line(&doc.lines[number - 1].text, language).is_some())
    };
    let mut prose_since_start = false;
    for (i, &number) in texts.iter().enumerate() {
        let text = &doc.lines[number - 1].text;
        if prose_since_start
            && i + 2 < texts.len()
            && textshape::looks_like_title(text)
            // `word_count(text) >= MIN_HEADLINE_WORDS`, counting no further.
            && textshape::has_words(text, MIN_HEADLINE_WORDS)
            && !mostly_numbers(text)
            // The next line first: few open an article, and a line asked is remembered.
            && opens_article(texts[i + 1])
            && !opens_article(number)
        {
            starts.push(number);
            prose_since_start = false;
            continue;
        }
        prose_since_start = prose_since_start || textshape::is_prose(text, 8);
    }
    let ends = starts
        .iter()
        .skip(1)
        .map(|start| start - 1)
        .chain([doc.lines.len()]);
    doc.articles = starts
        .iter()
        .zip(ends)
        .enumerate()
        .map(|(k, (&start_line, end_line))| Article {
            index: k + 1,
            start_line,
            end_line,
            ..Article::default()
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segmented(text: &str) -> Vec<(usize, usize)> {
        let mut doc = Document::new("t", text.split('\n').map(str::to_string));
        run(&mut doc, None);
        doc.articles
            .iter()
            .map(|a| (a.start_line, a.end_line))
            .collect()
    }

    const PROSE: &str = "The council met on Monday and agreed on the budget for the year.";

    #[test]
    fn one_article_without_a_headline_and_byline() {
        assert_eq!(
            segmented(&format!("Title of it\n\n{PROSE}\n{PROSE}")),
            [(1, 4)]
        );
        assert!(segmented("").len() == 1);
    }

    #[test]
    fn a_headline_before_a_byline_after_prose_starts_an_article() {
        let text =
            format!("First Story Here\n{PROSE}\n\nSecond Story Starts Here\nBy Anna Berg\n{PROSE}");
        assert_eq!(segmented(&text), [(1, 3), (4, 6)]);
    }

    #[test]
    fn a_short_or_final_headline_does_not() {
        let short = format!("First Story\n{PROSE}\nTwo Words\nBy Anna Berg\n{PROSE}");
        assert_eq!(segmented(&short), [(1, 5)]);
        let at_end = format!("First Story\n{PROSE}\nSecond Story Starts Here\nBy Anna Berg");
        assert_eq!(segmented(&at_end), [(1, 4)]);
        let no_prose = "Second Story Starts Here\nBy Anna Berg\nMore text here";
        assert_eq!(segmented(no_prose), [(1, 3)]);
    }

    #[test]
    fn a_line_of_numbers_over_a_date_does_not() {
        for data in [
            "Download: mp3 (30 MB) m4a (24 MB) opus (16 MB)",
            "Créé: 12.12.2019, 07h36",
            "Teléfono +595 21 603 400",
        ] {
            let text = format!("First Story\n{PROSE}\n{data}\nPublished on 16.08.2019\n{PROSE}");
            assert_eq!(segmented(&text), [(1, 5)], "{data}");
        }
        for headline in [
            "Saint Lucia Records 23 New COVID-19 Cases",
            "Remove components deprecated in 0.6 and 0.7 (#919)",
            "Dave-in-Decatur 4,522",
        ] {
            let text = format!("First Story\n{PROSE}\n{headline}\nBy Anna Berg\n{PROSE}");
            assert_eq!(segmented(&text), [(1, 2), (3, 5)], "{headline}");
        }
    }
}
