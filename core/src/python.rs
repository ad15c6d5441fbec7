//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyType;

use crate::rules;
use crate::textshape;

create_exception!(
    _core,
    PatternError,
    PyValueError,
    "A pattern that does not compile: args are (message, rule index or None)."
);
create_exception!(
    _core,
    BacktrackLimit,
    PyRuntimeError,
    "A look-around pattern ran past the backtrack limit: args are (rule index, line index)."
);

fn overrun(_: rules::Overrun) -> PyErr {
    BacktrackLimit::new_err((
        None::<usize>,
        None::<usize>,
        "pattern ran past the backtrack limit",
    ))
}

/// One rule pattern, compiled by the core (`regex` crate syntax; look-around through
/// `fancy-regex` under the backtrack limit). `linear` refuses look-around.
#[pyclass(name = "Pattern", module = "cleaner._core", frozen)]
struct PyPattern {
    inner: rules::Pattern,
    linear: bool,
}

#[pymethods]
impl PyPattern {
    #[new]
    #[pyo3(signature = (pattern, linear = false))]
    fn new(pattern: &str, linear: bool) -> PyResult<Self> {
        let compiled = if linear {
            rules::Pattern::linear(pattern)
        } else {
            rules::Pattern::new(pattern)
        };
        match compiled.and_then(|inner| inner.compile().map(|()| inner)) {
            Ok(inner) => Ok(PyPattern { inner, linear }),
            Err(e) => Err(PatternError::new_err((e.to_string(), None::<usize>))),
        }
    }

    /// The pattern as written.
    #[getter]
    fn pattern(&self) -> &str {
        self.inner.source()
    }

    /// Whether the pattern backtracks (look-around), bounded by the backtrack limit.
    #[getter]
    fn backtracks(&self) -> bool {
        self.inner.backtracks()
    }

    /// Whether the stripped `text` matches whole.
    fn fullmatch(&self, text: &str) -> PyResult<bool> {
        self.inner.fullmatch(text).map_err(overrun)
    }

    /// Whether the pattern matches anywhere in `text`.
    fn search(&self, text: &str) -> PyResult<bool> {
        self.inner.search(text).map_err(overrun)
    }

    /// The non-empty matches in `text`, as (start, end) code-point offsets.
    fn spans(&self, text: &str) -> PyResult<Vec<(usize, usize)>> {
        self.inner.spans(text).map_err(overrun)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (String, bool))> {
        let this = slf.get();
        Ok((
            slf.get_type(),
            (this.inner.source().to_string(), this.linear),
        ))
    }
}

/// A rule as the Python registry passes it: id, pattern, scope, zone.
type RuleSpec = (String, String, String, String);

/// All the rules of a registry, compiled once, matched together against a document's lines.
#[pyclass(name = "RuleSet", module = "cleaner._core", frozen)]
struct PyRuleSet {
    inner: rules::RuleSet,
    spec: Vec<RuleSpec>,
}

#[pymethods]
impl PyRuleSet {
    #[new]
    fn new(rules: Vec<RuleSpec>) -> PyResult<Self> {
        let compiled = rules::RuleSet::new(rules.iter().map(|(id, pattern, scope, zone)| {
            let scope = if scope == "span" {
                rules::Scope::Span
            } else {
                rules::Scope::Whole
            };
            let zone = match zone.as_str() {
                "head" => rules::HEAD,
                "tail" => rules::TAIL,
                _ => 0,
            };
            (id.clone(), pattern.clone(), scope, zone)
        }));
        match compiled {
            Ok(inner) => Ok(PyRuleSet { inner, spec: rules }),
            Err((index, e)) => Err(PatternError::new_err((e.to_string(), Some(index)))),
        }
    }

    /// The ids of the rules whose patterns backtrack (look-around).
    fn backtracking(&self) -> Vec<String> {
        self.inner
            .rules()
            .iter()
            .filter(|r| r.pattern.backtracks())
            .map(|r| r.id.clone())
            .collect()
    }

    /// The lines some rule of `view` (rule indexes, in the order tried) fires on: for each,
    /// (line index, the line rule's index or -1, the span matches as (start, end, rule)).
    /// `zones[i]` has bit 1 for the head and bit 2 for the tail zone. A rule that runs past
    /// the backtrack limit raises BacktrackLimit(rule index, line index).
    #[allow(clippy::type_complexity)]
    fn scan(
        &self,
        py: Python<'_>,
        view: Vec<usize>,
        lines: Vec<PyBackedStr>,
        zones: Vec<u8>,
    ) -> PyResult<Vec<(usize, i64, Vec<(usize, usize, usize)>)>> {
        let texts: Vec<&str> = lines.iter().map(|s| &**s).collect();
        let verdicts = py
            .detach(|| self.inner.scan(&view, &texts, &zones))
            .map_err(|e| {
                BacktrackLimit::new_err((
                    Some(e.rule),
                    Some(e.line),
                    "pattern ran past the backtrack limit",
                ))
            })?;
        Ok(verdicts
            .into_iter()
            .enumerate()
            .filter_map(|(index, verdict)| match verdict {
                rules::Verdict::Keep => None,
                rules::Verdict::Whole(rule) => Some((index, rule as i64, Vec::new())),
                rules::Verdict::Spans(spans) => Some((index, -1, spans)),
            })
            .collect())
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, (Vec<RuleSpec>,))> {
        Ok((slf.get_type(), (slf.get().spec.clone(),)))
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
    m.add_function(wrap_pyfunction!(words, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(has_words, m)?)?;
    m.add_function(wrap_pyfunction!(ends_sentence, m)?)?;
    m.add_function(wrap_pyfunction!(is_prose, m)?)?;
    m.add_function(wrap_pyfunction!(looks_like_title, m)?)?;
    m.add_class::<PyPattern>()?;
    m.add_class::<PyRuleSet>()?;
    m.add("PatternError", m.py().get_type::<PatternError>())?;
    m.add("BacktrackLimit", m.py().get_type::<BacktrackLimit>())?;
    m.add("BACKTRACK_LIMIT", rules::BACKTRACK_LIMIT)?;
    Ok(())
}
