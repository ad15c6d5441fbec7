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
