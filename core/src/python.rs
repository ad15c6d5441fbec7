//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::document::{Document, Snapshot};
use crate::stages::{guard, render};
use crate::textshape;

/// Run `work`, turning a panic into a Python `RuntimeError` (the document's error), so that
/// a bug in the core costs one document, never the batch.
fn shielded<T>(work: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        PyRuntimeError::new_err(format!("internal error in the core: {message}"))
    })
}

/// A document handed to the core by the Python stages before it, run through the core's
/// stages, and read back by the sidecar.
#[pyclass(name = "Document", module = "cleaner._core")]
struct PyDocument {
    inner: Document,
}

#[pymethods]
impl PyDocument {
    /// The document a JSON snapshot (`cleaner.model.Document.snapshot`) describes.
    #[staticmethod]
    fn from_snapshot(json: &str) -> PyResult<Self> {
        let snapshot: Snapshot = serde_json::from_str(json)
            .map_err(|e| PyValueError::new_err(format!("bad document snapshot: {e}")))?;
        let inner = Document::from_snapshot(snapshot).map_err(PyValueError::new_err)?;
        Ok(PyDocument { inner })
    }

    /// The `guard` stage: counts characters in and kept, flags over-removal.
    fn guard(
        &mut self,
        max_removed_share: f64,
        min_body_chars: i64,
        split_articles: bool,
    ) -> PyResult<()> {
        let settings = guard::GuardConfig {
            max_removed_share,
            min_body_chars,
        };
        shielded(|| guard::run(&mut self.inner, &settings, split_articles))
    }

    /// The `render` stage: the body, built once from the kept lines.
    fn render(&mut self) -> PyResult<()> {
        shielded(|| render::run(&mut self.inner))
    }

    /// Each article's body, for outputs written one per article.
    fn article_bodies(&self) -> PyResult<Vec<String>> {
        shielded(|| render::article_bodies(&self.inner))
    }

    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }

    #[getter]
    fn counters(&self) -> BTreeMap<String, i64> {
        self.inner.counters.clone()
    }

    #[getter]
    fn flags(&self) -> Vec<String> {
        self.inner.flags.clone()
    }

    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings.clone()
    }

    /// The guard's flags of each article, in article order.
    #[getter]
    fn article_flags(&self) -> Vec<Vec<String>> {
        self.inner
            .articles
            .iter()
            .map(|a| a.flags.clone())
            .collect()
    }
}

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
    m.add_class::<PyDocument>()?;
    m.add_function(wrap_pyfunction!(words, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(has_words, m)?)?;
    m.add_function(wrap_pyfunction!(ends_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(is_prose, m)?)?;
    m.add_function(wrap_pyfunction!(looks_like_title, m)?)?;
    Ok(())
}
