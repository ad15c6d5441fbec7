//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use pyo3::prelude::*;

use crate::textshape;

/// The words of `text`, in order (`cleaner.textshape.words`).
#[pyfunction]
fn words(text: &str) -> Vec<&str> {
    textshape::words(text)
}

/// How many words `text` has (`cleaner.textshape.word_count`).
#[pyfunction]
fn word_count(text: &str) -> usize {
    textshape::word_count(text)
}

/// Whether `text` has at least `count` words.
#[pyfunction]
fn has_words(text: &str, count: usize) -> bool {
    textshape::has_words(text, count)
}

/// Whether the line ends like a sentence.
#[pyfunction]
fn ends_sentence(text: &str) -> bool {
    textshape::ends_sentence(text)
}

/// A line that reads as a sentence: at least `min_words` words and a sentence end.
#[pyfunction]
#[pyo3(signature = (text, min_words = 8))]
fn is_prose(text: &str, min_words: usize) -> bool {
    textshape::is_prose(text, min_words)
}

/// A short line that could head an article.
#[pyfunction]
fn looks_like_title(text: &str) -> bool {
    textshape::looks_like_title(text)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(words, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(has_words, m)?)?;
    m.add_function(wrap_pyfunction!(ends_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(is_prose, m)?)?;
    m.add_function(wrap_pyfunction!(looks_like_title, m)?)?;
    Ok(())
}
