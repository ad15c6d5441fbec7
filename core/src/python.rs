//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyType};

use crate::document::{ArticleMeta, Document, Snapshot};
use crate::header_lines::{self, Value};
use crate::language::{self, Stoplists};
use crate::stages::{
    classify, guard, header, language as language_stage, links, normalize, render,
    repeats as repeats_stage, rules as rules_stage, segment, structure,
};
use crate::{dates, page_metadata, recipes, repeats, rules, textshape};

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

/// jusText's stoplists, handed over once per run: language code to its words (lower case).
#[pyclass(name = "Stoplists", module = "cleaner._core", frozen)]
struct PyStoplists {
    inner: Stoplists,
}

#[pymethods]
impl PyStoplists {
    /// `lists`: (language code, words) pairs, in the order that breaks the guess's ties.
    #[new]
    fn new(lists: Vec<(String, Vec<String>)>) -> Self {
        PyStoplists {
            inner: Stoplists::new(lists),
        }
    }

    /// (language, confidence) guessed from the stopwords of a text's sample; (None, 0.0) when
    /// the text says too little (`cleaner.language.Stoplists.guess`).
    fn guess(&self, text: &str) -> PyResult<(Option<String>, f64)> {
        shielded(|| match self.inner.guess_text(text) {
            Some((code, confidence)) => (Some(code.to_string()), confidence),
            None => (None, 0.0),
        })
    }
}

/// The normalized form of a text and the warnings that say what was cut
/// (`cleaner.stages.normalize`).
#[pyfunction]
fn normalize_text(text: &str) -> PyResult<(String, Vec<String>)> {
    shielded(|| normalize::normalize_text(text))
}

/// Whether a line holds a file path standing alone: a server's message, not the page's
/// language.
#[pyfunction]
fn machine_text(line: &str) -> bool {
    language::machine_text(line)
}

/// Indexes in `texts` (a document's open lines, in order) of its ingredient lists, with
/// their headings and sub-headings (`cleaner.recipes.ingredient_lines`).
#[pyfunction]
fn ingredient_lines(texts: Vec<String>) -> std::collections::BTreeSet<usize> {
    recipes::ingredient_lines(&texts)
}

/// Lower-cased word tokens of `text`, as the stoplists spell them (`cleaner.language.tokens`).
#[pyfunction]
fn tokens(text: &str) -> Vec<String> {
    language::tokens(text)
}

/// `tokens` of each line.
#[pyfunction]
fn line_tokens(lines: Vec<String>) -> Vec<Vec<String>> {
    lines.iter().map(|line| language::tokens(line)).collect()
}

/// The line, bullet aside, is the whole text of one of the page's links, no longer than a
/// headline and not the link's address (`cleaner.stages.links.link_only`).
#[pyfunction]
fn link_only(text: &str, links: std::collections::HashSet<String>) -> bool {
    links::link_only(text, &links)
}

/// The ISO date of a line that is only a date, perhaps after a short label
/// (`cleaner.stages.structure.date_only`).
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn date_only(text: &str, language: Option<&str>) -> Option<String> {
    structure::date_only(text, language)
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

    /// The `header` stage: title, byline, dates and dateline into each article's metadata
    /// (the main article's is the document's). `language`, `url` and `site` are the
    /// configured ones, for a document without its own; `off` the stage's rules switched
    /// off. A page URL that cannot be split raises ValueError.
    #[pyo3(signature = (language, url, site, keep_title, off))]
    fn header(
        &mut self,
        language: Option<&str>,
        url: Option<&str>,
        site: Option<&str>,
        keep_title: bool,
        off: Vec<String>,
    ) -> PyResult<()> {
        let settings = header::Settings {
            language,
            url,
            site,
            keep_title,
            off: &off,
        };
        shielded(|| header::run(&mut self.inner, &settings))?.map_err(PyValueError::new_err)
    }

    /// The `rules` stage: the rules of `view` (indexes into `ruleset`, in the order they are
    /// tried) marked on the open lines; `pack` the site pack the registry chose for the
    /// document, as (name, site, reason). A look-around rule that runs past the backtrack
    /// limit raises BacktrackLimit(rule index, line number, message).
    #[pyo3(signature = (ruleset, view, pack = None))]
    fn rules(
        &mut self,
        py: Python<'_>,
        ruleset: &PyRuleSet,
        view: Vec<usize>,
        pack: Option<(String, String, String)>,
    ) -> PyResult<()> {
        let pack = pack
            .as_ref()
            .map(|(name, site, reason)| rules_stage::SitePack { name, site, reason });
        let doc = &mut self.inner;
        let outcome =
            py.detach(|| shielded(|| rules_stage::run(doc, &ruleset.inner, &view, pack)))?;
        outcome.map_err(|e| BacktrackLimit::new_err((e.rule, e.line, e.to_string())))
    }

    /// The `links` stage (HTML pages): runs of lines that are each a whole link of the page
    /// (the snapshot's `link_texts`); `off` says the stage's rule is switched off.
    fn links(&mut self, off: bool) -> PyResult<()> {
        shielded(|| links::run(&mut self.inner, off))
    }

    /// A document whose lines are those of `original` after the `normalize` stage: the first
    /// stages (`normalize`, `language`, `segment`) run on it before the Python stages.
    #[staticmethod]
    fn normalized(id: String, original: &str) -> PyResult<Self> {
        shielded(|| {
            let mut inner = Document::new(id, []);
            normalize::run(&mut inner, original);
            PyDocument { inner }
        })
    }

    /// The normalized text (the lines joined by newlines).
    #[getter]
    fn text(&self) -> String {
        self.inner
            .lines
            .iter()
            .map(|line| line.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The normalized lines' texts.
    #[getter]
    fn lines(&self) -> Vec<String> {
        self.inner
            .lines
            .iter()
            .map(|line| line.text.clone())
            .collect()
    }

    /// Whether any line has visible text.
    #[getter]
    fn visible(&self) -> bool {
        normalize::visible(&self.inner)
    }

    /// The `language` stage: `page` is the language the page gave, `config` the configured
    /// one.
    #[pyo3(signature = (stoplists, config, page))]
    fn language(
        &mut self,
        stoplists: &PyStoplists,
        config: Option<&str>,
        page: Option<String>,
    ) -> PyResult<()> {
        self.inner.meta.language = page;
        let settings = language_stage::Settings {
            stoplists: &stoplists.inner,
            config_language: config,
        };
        shielded(|| language_stage::run(&mut self.inner, &settings))
    }

    /// The language the `language` stage set, with its source; None when it set none.
    #[getter]
    fn language_set(&self) -> Option<(String, String)> {
        let source = self.inner.meta.sources.get("language")?;
        Some((self.inner.meta.language.clone()?, source.clone()))
    }

    /// The `segment` stage; `language` is the configured language.
    #[pyo3(signature = (language = None))]
    fn segment(&mut self, language: Option<&str>) -> PyResult<()> {
        shielded(|| segment::run(&mut self.inner, language))
    }

    /// The articles' line ranges: (index, start_line, end_line) each.
    #[getter]
    fn article_ranges(&self) -> Vec<(usize, usize, usize)> {
        self.inner
            .articles
            .iter()
            .map(|a| (a.index, a.start_line, a.end_line))
            .collect()
    }

    /// The `structure` stage: the tail after a marker, everything after the article's end,
    /// lines that are only a date, a closing box and an author box; `off` the stage's rules
    /// switched off.
    fn structure(
        &mut self,
        stoplists: &PyStoplists,
        language: Option<&str>,
        off: Vec<String>,
    ) -> PyResult<()> {
        let settings = structure::Settings {
            stoplist: stoplists.inner.get(language),
            language,
            off: &off,
        };
        shielded(|| structure::run(&mut self.inner, &settings))
    }

    /// The `classify` stage: the block scorer, for what no rule decided. `extracted` says the
    /// text is an extractor's output (left alone); `off` the stage's rules switched off.
    fn classify(
        &mut self,
        extracted: bool,
        stoplists: &PyStoplists,
        language: Option<&str>,
        off: Vec<String>,
    ) -> PyResult<()> {
        let settings = classify::Settings {
            extracted,
            stoplist: stoplists.inner.get(language),
            off: &off,
        };
        shielded(|| classify::run(&mut self.inner, &settings))
    }

    /// The `repeats` stage: remove the open lines that one site group's entry of the
    /// repeats table lists as template (`lines`: line key to documents holding the line).
    fn repeats(
        &mut self,
        group: String,
        docs: u64,
        lines: HashMap<u64, u64>,
        table_digest: String,
    ) -> PyResult<()> {
        let entry = repeats_stage::GroupLines {
            group,
            docs,
            lines,
            table_digest,
        };
        shielded(|| repeats_stage::run(&mut self.inner, &entry))
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

    /// The removals made in the core, from the `start`-th on (those before it came with the
    /// snapshot): `(start_line, end_line, stage, rule, text, evidence, field, columns)` each,
    /// in the order they were made.
    #[allow(clippy::type_complexity)]
    fn removals_from(
        &self,
        start: usize,
    ) -> Vec<(
        usize,
        usize,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<(usize, usize)>,
    )> {
        self.inner
            .removals
            .iter()
            .skip(start)
            .map(|r| {
                (
                    r.start_line,
                    r.end_line,
                    r.stage.clone(),
                    r.rule.clone(),
                    r.text.clone(),
                    r.evidence.clone(),
                    r.field.clone(),
                    r.columns,
                )
            })
            .collect()
    }

    /// The document's metadata: its fields, with `sources`.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        meta_dict(py, &self.inner.meta)
    }

    /// Each article's metadata, in article order.
    #[getter]
    fn article_metas<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .articles
            .iter()
            .map(|a| meta_dict(py, &a.meta))
            .collect()
    }

    /// The position (in article order) of the article whose metadata is the document's: the
    /// main article the header found, or None before the header ran.
    #[getter]
    fn main_article(&self) -> Option<usize> {
        self.inner.main_article
    }

    /// The site pack that recognised the document (`rules`).
    #[getter]
    fn site_pack(&self) -> Option<&str> {
        self.inner.site_pack.as_deref()
    }

    /// The line a tail rule marked as the start of the page's tail (`rules`).
    #[getter]
    fn tail_marker(&self) -> Option<usize> {
        self.inner.tail_marker
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

/// An `ArticleMeta` as the keyword arguments of `cleaner.model.ArticleMeta`.
fn meta_dict<'py>(py: Python<'py>, meta: &ArticleMeta) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("title", &meta.title)?;
    out.set_item("authors", &meta.authors)?;
    out.set_item("published", &meta.published)?;
    out.set_item("updated", &meta.updated)?;
    out.set_item("agency", &meta.agency)?;
    out.set_item("dateline", &meta.dateline)?;
    out.set_item("site", &meta.site)?;
    out.set_item("url", &meta.url)?;
    out.set_item("language", &meta.language)?;
    out.set_item("description", &meta.description)?;
    let sources = PyDict::new(py);
    for (key, value) in &meta.sources {
        sources.set_item(key, value)?;
    }
    out.set_item("sources", sources)?;
    Ok(out)
}

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

/// A rule as the Python registry passes it: id, pattern, scope, zone, summary.
type RuleSpec = (String, String, String, String, String);

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
        let mut definitions = Vec::with_capacity(rules.len());
        for (index, (id, pattern, scope, zone, summary)) in rules.iter().enumerate() {
            let Some(scope) = rules::Scope::parse(scope) else {
                return Err(PatternError::new_err((
                    format!("unknown scope {scope:?}"),
                    Some(index),
                )));
            };
            let zone = match zone.as_str() {
                "head" => rules::HEAD,
                "tail" => rules::TAIL,
                _ => 0,
            };
            definitions.push((id.clone(), pattern.clone(), scope, zone, summary.clone()));
        }
        match rules::RuleSet::new(definitions) {
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

/// ccnet's dedup form of a line (`cleaner.corpus.repeats.normalize_line`).
#[pyfunction]
fn normalize_line(text: &str) -> String {
    repeats::normalize_line(text)
}

/// The 8-byte key of a line, or None for a line with no letter.
#[pyfunction]
fn line_key(text: &str) -> Option<u64> {
    repeats::line_key(text)
}

/// `line_key` of each line.
#[pyfunction]
fn line_keys(lines: Vec<String>) -> Vec<Option<u64>> {
    lines.iter().map(|line| repeats::line_key(line)).collect()
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

/// The host of a URL, lowercased, without a leading `www.` (`urlsplit`'s reading; a text
/// without `//` is a bare host); ValueError for a URL that `urlsplit` refuses.
#[pyfunction]
fn url_host(url: Option<&str>) -> PyResult<Option<String>> {
    page_metadata::url_host(url).map_err(|e| PyValueError::new_err(e.0))
}

/// A page title without the parts that name the site (its name `site`, its `host`) or date
/// the page.
#[pyfunction]
fn title_without_site(title: &str, site: &str, host: &str) -> String {
    page_metadata::title_without_site(title, site, host)
}

/// A name case-folded without spaces and punctuation (`page_metadata`'s comparison form).
#[pyfunction]
fn squeezed_name(name: &str) -> String {
    page_metadata::squeezed(name)
}

/// A host squeezed without its "www." and top-level domain: "www.Example.de" → "example".
#[pyfunction]
fn host_key(host: &str) -> String {
    page_metadata::host_key(host)
}

/// The squeezed names a title part or an author field may give the site by.
#[pyfunction]
#[pyo3(signature = (site, host, with_site = true))]
fn site_keys(site: &str, host: &str, with_site: bool) -> std::collections::BTreeSet<String> {
    page_metadata::site_keys(site, host, with_site)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyDocument>()?;
    m.add_class::<PyStoplists>()?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(machine_text, m)?)?;
    m.add_function(wrap_pyfunction!(ingredient_lines, m)?)?;
    m.add_function(wrap_pyfunction!(line_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(date_only, m)?)?;
    m.add_function(wrap_pyfunction!(link_only, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_line, m)?)?;
    m.add_function(wrap_pyfunction!(line_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_keys, m)?)?;
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
    m.add_function(wrap_pyfunction!(byline, m)?)?;
    m.add_function(wrap_pyfunction!(date_line, m)?)?;
    m.add_function(wrap_pyfunction!(dateline_line, m)?)?;
    m.add_function(wrap_pyfunction!(inline_dateline, m)?)?;
    m.add_function(wrap_pyfunction!(signed_date, m)?)?;
    m.add_function(wrap_pyfunction!(byline_across, m)?)?;
    m.add_function(wrap_pyfunction!(opening_line, m)?)?;
    m.add_function(wrap_pyfunction!(without_site_name, m)?)?;
    m.add_function(wrap_pyfunction!(url_host, m)?)?;
    m.add_function(wrap_pyfunction!(title_without_site, m)?)?;
    m.add_function(wrap_pyfunction!(squeezed_name, m)?)?;
    m.add_function(wrap_pyfunction!(host_key, m)?)?;
    m.add_function(wrap_pyfunction!(site_keys, m)?)?;
    m.add_class::<PyPattern>()?;
    m.add_class::<PyRuleSet>()?;
    m.add("PatternError", m.py().get_type::<PatternError>())?;
    m.add("BacktrackLimit", m.py().get_type::<BacktrackLimit>())?;
    m.add("BACKTRACK_LIMIT", rules::BACKTRACK_LIMIT)?;
    Ok(())
}
