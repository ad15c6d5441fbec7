//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyDict;

use crate::dates;
use crate::header_lines::{self, Value};
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

/// A parsed date; `iso` has a time part only when the text gave one.
#[pyclass(frozen, eq, hash, module = "cleaner._core", name = "ParsedDate")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct ParsedDate {
    #[pyo3(get)]
    iso: String,
}

#[pymethods]
impl ParsedDate {
    #[new]
    fn new(iso: String) -> Self {
        ParsedDate { iso }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let iso = self.iso.as_str().into_pyobject(py)?.repr()?;
        Ok(format!("ParsedDate(iso={iso})"))
    }
}

impl From<dates::ParsedDate> for ParsedDate {
    fn from(parsed: dates::ParsedDate) -> Self {
        ParsedDate { iso: parsed.iso }
    }
}

/// What an opening line says: its `kind` ("byline", "date", "dateline") and the `values`
/// it carries (authors, agency, dateline, published, updated), in the order they were read.
#[pyclass(frozen, eq, module = "cleaner._core", name = "HeaderLine")]
#[derive(Clone, PartialEq, Eq)]
struct HeaderLine(header_lines::HeaderLine);

#[pymethods]
impl HeaderLine {
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind
    }

    /// A new dict on every call: callers may keep or change it.
    #[getter]
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let values = PyDict::new(py);
        for (key, value) in &self.0.values {
            match value {
                Value::Text(text) => values.set_item(key, text)?,
                Value::Names(names) => values.set_item(key, names)?,
            }
        }
        Ok(values)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = self.0.kind.into_pyobject(py)?.repr()?;
        let values = self.values(py)?.repr()?;
        Ok(format!("HeaderLine(kind={kind}, values={values})"))
    }
}

fn header_line(found: Option<header_lines::HeaderLine>) -> Option<HeaderLine> {
    found.map(HeaderLine)
}

/// Parse a text that is wholly one date (with optional weekday and time); None unless it
/// is a date the calendar has.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn parse_date(text: &str, language: Option<&str>) -> Option<ParsedDate> {
    dates::parse_date(text, language).map(ParsedDate::from)
}

/// The first whole date expression inside `text`, with its character range.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn find_date(text: &str, language: Option<&str>) -> Option<(ParsedDate, usize, usize)> {
    dates::find_date(text, language).map(|(parsed, start, end)| (parsed.into(), start, end))
}

/// Whether `text` holds a year (1900-2099), which every date has: a cheap first test.
#[pyfunction]
fn has_year(text: &str) -> bool {
    dates::has_year(text)
}

/// For each line, whether it holds a year.
#[pyfunction]
fn year_lines(lines: Vec<PyBackedStr>) -> Vec<bool> {
    lines.iter().map(|line| dates::has_year(line)).collect()
}

/// A byline: names after "By", "Von", "Par", ... with an optional agency or date.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn byline(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::byline(text, language))
}

/// A line that is a date, perhaps after a "Published"/"Updated" word, perhaps signed.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn date_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::date_line(text, language))
}

/// A standalone dateline such as "Washington DC (UPI) Jan 23, 2024 -".
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn dateline_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::dateline_line(text, language))
}

/// A dateline that opens the first paragraph: "WASHINGTON (Reuters) - The ...".
#[pyfunction]
fn inline_dateline(text: &str) -> Option<HeaderLine> {
    header_line(header_lines::inline_dateline(text))
}

/// The date of a line that is names then a date ("Anna Berg | 12.03.2020").
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn signed_date(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::signed_date(text, language))
}

/// A byline broken after its by-word, read across two lines.
#[pyfunction]
#[pyo3(signature = (first, second, language = None))]
fn byline_across(first: &str, second: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::byline_across(first, second, language))
}

/// The first recogniser that claims the line (byline, dateline, date line), or None.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn opening_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::opening_line(text, language))
}

/// A page title without the site's name after its last bar or dash.
#[pyfunction]
fn without_site_name(title: &str) -> &str {
    header_lines::without_site_name(title)
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
    m.add_class::<ParsedDate>()?;
    m.add_class::<HeaderLine>()?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(find_date, m)?)?;
    m.add_function(wrap_pyfunction!(has_year, m)?)?;
    m.add_function(wrap_pyfunction!(year_lines, m)?)?;
    m.add_function(wrap_pyfunction!(byline, m)?)?;
    m.add_function(wrap_pyfunction!(date_line, m)?)?;
    m.add_function(wrap_pyfunction!(dateline_line, m)?)?;
    m.add_function(wrap_pyfunction!(inline_dateline, m)?)?;
    m.add_function(wrap_pyfunction!(signed_date, m)?)?;
    m.add_function(wrap_pyfunction!(byline_across, m)?)?;
    m.add_function(wrap_pyfunction!(opening_line, m)?)?;
    m.add_function(wrap_pyfunction!(without_site_name, m)?)?;
    Ok(())
}
