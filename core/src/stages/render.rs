//! Build the body once, at the end: kept lines, one paragraph per line, spans cut out.

use crate::document::Document;

/// A kept line's text with its span removals cut out (columns count characters of the line).
pub fn kept_line_text(doc: &Document, number: usize) -> String {
    let text = &doc.line(number).text;
    let mut spans: Vec<(usize, usize)> = doc.spans(number).filter_map(|r| r.columns).collect();
    if spans.is_empty() {
        return text.clone();
    }
    spans.sort_unstable();
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for (begin, end) in spans {
        let begin = begin.clamp(at, chars.len());
        kept.extend(&chars[at..begin]);
        at = at.max(end.min(chars.len()));
    }
    kept.extend(&chars[at..]);
    kept
}

/// The body's lines for the line range `start..=end` of the document.
pub fn body_lines(doc: &Document, start: usize, end: usize) -> Vec<String> {
    let last = end.min(doc.lines.len());
    if start == 0 || start > last {
        return Vec::new();
    }
    doc.lines[start - 1..last]
        .iter()
        .filter(|line| !line.blank && !doc.is_removed(line.number))
        .map(|line| kept_line_text(doc, line.number))
        .collect()
}

/// Lines joined as the body file holds them: each followed by `\n`.
pub fn join_body(lines: &[String]) -> String {
    let mut body = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        body.push_str(line);
        body.push('\n');
    }
    body
}

/// Write the kept text into `doc.body`.
pub fn run(doc: &mut Document) {
    doc.body = join_body(&body_lines(doc, 1, doc.lines.len()));
}

/// The body of each article, for outputs written one per article.
pub fn article_bodies(doc: &Document) -> Vec<String> {
    doc.articles
        .iter()
        .map(|a| join_body(&body_lines(doc, a.start_line, a.end_line)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Article;

    #[test]
    fn kept_lines_lose_removals_spans_and_blanks() {
        let mut doc = Document::new(
            "t",
            ["Ünïcode line — Photo: AP", "", "Gone", "Kept"].map(String::from),
        );
        doc.remove(3, 3, "rules", "r", "", None);
        doc.remove_span(1, 12, 24, "rules", "credit", "");
        doc.remove_span(1, 0, 1, "rules", "first", "");
        run(&mut doc);
        assert_eq!(doc.body, "nïcode line\nKept\n");
    }

    #[test]
    fn articles_get_their_own_bodies() {
        let mut doc = Document::new("t", ["A one", "A two", "B one"].map(String::from));
        doc.articles = vec![
            Article {
                index: 1,
                start_line: 1,
                end_line: 2,
                ..Article::default()
            },
            Article {
                index: 2,
                start_line: 3,
                end_line: 3,
                ..Article::default()
            },
        ];
        doc.remove(2, 2, "s", "r", "", None);
        assert_eq!(article_bodies(&doc), ["A one\n", "B one\n"]);
        assert_eq!(body_lines(&doc, 4, 9), Vec::<String>::new());
    }
}
