//! The development set's page dumps, for the unit tests that check a fast path against the
//! pattern it replaces on every real line. They are not part of the repository: beside it
//! at `../shared/datasets/trafilatura-eval/dump`, or where `CLEANER_DEV_DUMPS` says.

use std::path::PathBuf;

/// The dumps' folder and each dump's (path, text), or None (and a note) when the folder is
/// not there, in which case the test skips.
pub fn dump_texts() -> Option<(PathBuf, Vec<(PathBuf, String)>)> {
    let dumps = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/datasets/trafilatura-eval/dump");
    let dumps = std::env::var_os("CLEANER_DEV_DUMPS").map_or(dumps, Into::into);
    let Ok(entries) = std::fs::read_dir(&dumps) else {
        eprintln!("skipped: no development dumps at {}", dumps.display());
        return None;
    };
    let texts = entries
        .flatten()
        .map(|entry| {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap_or_default())
                .into_owned();
            (entry.path(), text)
        })
        .collect();
    Some((dumps, texts))
}

/// Call `check` on every line of the development dumps: a fast path's test against the
/// pattern it replaces, on real text. Nothing when the dumps are not there (the test
/// skips); a panic when they are there and hold no line.
pub fn each_dump_line(mut check: impl FnMut(&str)) {
    let Some((dumps, texts)) = dump_texts() else {
        return;
    };
    let mut lines = 0;
    for line in texts.iter().flat_map(|(_, text)| text.lines()) {
        check(line);
        lines += 1;
    }
    assert!(lines > 0, "no lines in {}", dumps.display());
}

/// Call `check` on every string of one to `most` of `pieces` (repeats allowed, in every
/// order): the exhaustive half of such a test, on the characters where the fast path and
/// the pattern could part.
pub fn each_string(pieces: &[&str], most: usize, mut check: impl FnMut(&str)) {
    let mut texts = vec![String::new()];
    for _ in 0..most {
        let longer: Vec<String> = texts
            .iter()
            .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
            .collect();
        for text in &longer {
            check(text);
        }
        texts = longer;
    }
}
