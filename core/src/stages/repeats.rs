//! Remove lines that the document's own site repeats on many pages (the corpus table).
//!
//! The table comes from a separate counting pass over the whole batch; the shell finds the
//! document's site group and hands over that group's entry. Each removal cites the count,
//! the share and the site group, and the table's digest.

use std::collections::HashMap;

use crate::document::Document;
use crate::pychar;

pub const RULE: &str = "repeats.site-template";

/// One site group's entry of the repeats table: its document count and its template lines
/// (line key to the number of documents that hold the line).
#[derive(Debug, Clone, Copy)]
pub struct GroupLines<'a> {
    pub group: &'a str,
    pub docs: u64,
    pub lines: &'a HashMap<u64, u64>,
    /// The key of each line of the document (0-based), None for one without a key.
    pub keys: &'a [Option<u64>],
    pub table_digest: &'a str,
}

/// Mark the open lines that `entry` lists as template for the document's site group.
pub fn run(doc: &mut Document, entry: &GroupLines) {
    if entry.lines.is_empty() {
        return;
    }
    let found: Vec<(usize, u64)> = doc
        .open_lines(1, None)
        .iter()
        .filter_map(|line| {
            let key = entry.keys.get(line.number - 1).copied().flatten()?;
            let count = *entry.lines.get(&key)?;
            Some((line.number, count))
        })
        .collect();
    for (number, count) in found {
        let share = count as f64 / entry.docs as f64;
        let evidence = format!(
            "in {count} of {} documents ({}) of site group {}, repeats table {}",
            entry.docs,
            pychar::percent0(share),
            pychar::repr(entry.group),
            entry.table_digest
        );
        doc.remove(number, number, "repeats", RULE, &evidence, None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repeats::line_key;

    #[test]
    fn removes_template_lines_and_cites_the_table() {
        let mut doc = Document::new(
            "t",
            [
                "Sign in | Create account",
                "",
                "Article text 1.",
                "Sign in | Create account",
            ]
            .map(String::from),
        );
        doc.remove(4, 4, "rules", "earlier", "", None);
        let key = line_key("sign in create account").expect("a key");
        let lines = HashMap::from([(key, 11)]);
        let keys: Vec<Option<u64>> = doc
            .lines
            .iter()
            .map(|l| if l.blank { None } else { line_key(&l.text) })
            .collect();
        let entry = GroupLines {
            group: "gazette.example",
            docs: 12,
            lines: &lines,
            keys: &keys,
            table_digest: "abc123",
        };
        run(&mut doc, &entry);
        assert_eq!(doc.removals.len(), 2);
        let removal = &doc.removals[1];
        assert_eq!((removal.start_line, removal.rule.as_str()), (1, RULE));
        assert_eq!(
            removal.evidence,
            "in 11 of 12 documents (92%) of site group 'gazette.example', repeats table abc123"
        );
        assert!(doc.is_open(3));
    }
}
