//! The Python module `cleaner._core`: the one place where the core meets Python.
//!
//! Functions take and return plain Python values; nothing here holds state between calls.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict, PyString, PyType};

use crate::document::{ArticleMeta, Document};
use crate::header_lines::{self, Value};
use crate::language::{self, Stoplists};
use crate::stages::{guard, links, normalize, render, structure};
use crate::{dates, page_metadata, pipeline, recipes, repeats, rules, textshape};

/// Run `work`, turning a panic into a Python `RuntimeError` (the document's error), so that
/// a bug in the core costs one document, never the batch.
fn shielded<T>(work: impl FnOnce() -> T) -> PyResult<T> {
    pipeline::guarded(work).map_err(PyRuntimeError::new_err)
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

    /// The stoplists `names` lists, as (language code, file stem) pairs in the guess's
    /// order, read from the files `<folder>/<stem>.txt` (UTF-8, one word per line,
    /// lower-cased as Python's `str.lower` does). OSError or ValueError names the file.
    #[staticmethod]
    fn read(folder: std::path::PathBuf, names: Vec<(String, String)>) -> PyResult<Self> {
        let mut lists = Vec::with_capacity(names.len());
        for (code, stem) in names {
            let path = folder.join(format!("{stem}.txt"));
            let bytes = std::fs::read(&path).map_err(|e| {
                pyo3::exceptions::PyOSError::new_err(format!("{}: {e}", path.display()))
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                PyValueError::new_err(format!("{}: not UTF-8 ({e})", path.display()))
            })?;
            lists.push((code, text_lines(&text).map(str::to_lowercase).collect()));
        }
        Ok(PyStoplists {
            inner: Stoplists::new(lists),
        })
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

/// The lines of `text` as Python's `bytes.splitlines` gives them: split at `\n`, `\r\n`
/// and `\r`, without a last empty line.
fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..end];
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            usize::from(end < rest.len())
        };
        rest = &rest[end + skip..];
        Some(line)
    })
}

/// The normalized form of a text and the warnings that say what was cut
/// (the `normalize` stage).
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
/// headline and not the link's address (the `links` stage).
#[pyfunction]
fn link_only(text: &str, links: std::collections::HashSet<String>) -> bool {
    links::link_only(text, &links)
}

/// The ISO date of a line that is only a date, perhaps after a short label
/// (the `structure` stage).
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn date_only(text: &str, language: Option<&str>) -> Option<String> {
    structure::date_only(text, language)
}

/// An `ArticleMeta` as the shell hands it over: its ten fields in `META_FIELDS` order, then
/// its sources.
type MetaFields = (
    Option<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    BTreeMap<String, String>,
);

fn meta_of(fields: MetaFields) -> ArticleMeta {
    let (
        title,
        authors,
        published,
        updated,
        agency,
        dateline,
        site,
        url,
        language,
        description,
        sources,
    ) = fields;
    ArticleMeta {
        title,
        authors,
        published,
        updated,
        agency,
        dateline,
        site,
        url,
        language,
        description,
        sources,
    }
}

/// The corpus repeats table as the shell hands it over: (digest, {group: (documents,
/// template lines, shared lines)}), each lines' map {line key: documents}.
type RepeatsSpec = (
    String,
    HashMap<String, (u64, HashMap<u64, u64>, HashMap<u64, u64>)>,
);

/// A site pack as the shell hands it over: (name, site, URL hosts, fingerprints, rule
/// indexes).
type PackSpec = (String, String, Vec<String>, Vec<String>, Vec<usize>);

/// What the text stages need besides the document, built once per configuration: the
/// settings, the stoplists, the rule set with its packs, the corpus repeats table. `clean`
/// runs every text stage over one document in one call.
#[pyclass(name = "Plan", module = "cleaner._core", frozen)]
struct PyPlan {
    inner: pipeline::Plan,
    ruleset: Py<PyRuleSet>,
}

#[pymethods]
impl PyPlan {
    /// `stages`: the names of the text stages, as the shell lists them (ValueError unless
    /// they are the core's, in its order). `packs`: the site packs in load order; `generic`:
    /// (rule index, languages) of each generic rule, in order. `repeats`: (digest,
    /// {group: (documents, template lines, shared lines)}), each lines' map {line key:
    /// documents}, or None. `off`: the stages' rule ids
    /// switched off. `model`: the line model's JSON text (`cleaner/models/line_model.json`)
    /// or None (classify then removes nothing). A fingerprint that does not compile raises
    /// PatternError, a model that does not fit this core ValueError.
    #[new]
    #[pyo3(signature = (
        stages, stoplists, ruleset, packs, generic, *, language, url, site, keep_title,
        extracted, split_articles, max_removed_share, min_body_chars, off, repeats = None,
        model = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        stages: Vec<String>,
        stoplists: &PyStoplists,
        ruleset: Py<PyRuleSet>,
        packs: Vec<PackSpec>,
        generic: Vec<(usize, Vec<String>)>,
        language: Option<String>,
        url: Option<String>,
        site: Option<String>,
        keep_title: bool,
        extracted: bool,
        split_articles: bool,
        max_removed_share: f64,
        min_body_chars: i64,
        off: Vec<String>,
        repeats: Option<RepeatsSpec>,
        model: Option<&str>,
    ) -> PyResult<Self> {
        let model = model.map(parse_line_model).transpose()?;
        if stages != pipeline::STAGES {
            return Err(PyValueError::new_err(format!(
                "the text stages are {:?} in the core, not {stages:?}",
                pipeline::STAGES
            )));
        }
        let mut site_packs = Vec::with_capacity(packs.len());
        for (name, site, urls, fingerprints, rules) in packs {
            let fingerprints = fingerprints
                .iter()
                .map(|source| rules::Pattern::linear(source))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| PatternError::new_err((e.to_string(), None::<usize>)))?;
            site_packs.push(pipeline::SitePack {
                name,
                site,
                urls,
                fingerprints,
                rules,
            });
        }
        let settings = pipeline::Settings {
            language,
            url,
            site,
            keep_title,
            extracted,
            split_articles,
            guard: guard::GuardConfig {
                max_removed_share,
                min_body_chars,
            },
            off,
        };
        let inner = pipeline::Plan {
            settings,
            stoplists: stoplists.inner.clone(),
            packs: site_packs,
            generic: generic
                .into_iter()
                .map(|(index, languages)| pipeline::GenericRule { index, languages })
                .collect(),
            repeats: repeats.map(|(digest, groups)| pipeline::RepeatsTable {
                digest,
                groups: groups
                    .into_iter()
                    .map(|(name, (docs, template, shared))| {
                        let group = repeats::SiteGroup {
                            docs,
                            template,
                            shared,
                        };
                        (name, group)
                    })
                    .collect(),
            }),
            model,
        };
        Ok(PyPlan { inner, ruleset })
    }

    /// Every text stage over one document, from `normalize` to `render`: `text` as read
    /// (and extracted), `html` whether it is an HTML page's text, `path` the input's path,
    /// `meta` the metadata read so far (`ArticleMeta.fields()`), `seconds_left` the time the
    /// document has (None: no limit). With `timed`, the result keeps each stage's time; with
    /// `features`, the line features as the stages before `classify` leave the lines; with
    /// `explain`, why each line the line model kept stayed (`Cleaned.kept_evidence`).
    /// Raises NoVisibleText, PastDeadline(what was running), BacktrackLimit(None, None,
    /// message), ValueError (a URL that cannot be split), RuntimeError (a bug in the core).
    #[pyo3(signature = (
        id, text, *, html, path, meta, warnings, counters, link_texts, seconds_left = None,
        timed = false, features = false, explain = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn clean(
        &self,
        py: Python<'_>,
        id: &str,
        text: &str,
        html: bool,
        path: &str,
        meta: MetaFields,
        warnings: Vec<String>,
        counters: BTreeMap<String, i64>,
        link_texts: std::collections::HashSet<String>,
        seconds_left: Option<f64>,
        timed: bool,
        features: bool,
        explain: bool,
    ) -> PyResult<Cleaned> {
        let input = pipeline::Input {
            id,
            text,
            html,
            path,
            meta: meta_of(meta),
            warnings,
            counters,
            link_texts,
            deadline: deadline(seconds_left),
            page_dump: false,
            explain,
        };
        let ruleset = &self.ruleset.get().inner;
        let plan = &self.inner;
        let (outcome, timings) = py.detach(|| {
            shielded(|| {
                let mut timings = timed.then(pipeline::Timings::default);
                let outcome = if features {
                    plan.clean_with_features(&input, ruleset, timings.as_mut())
                        .map(|(doc, rows)| (doc, Some(rows)))
                } else {
                    plan.clean(&input, ruleset, timings.as_mut())
                        .map(|doc| (doc, None))
                };
                (outcome, timings)
            })
        })?;
        let (doc, features) = outcome.map_err(failure)?;
        Ok(Cleaned {
            inner: doc,
            timings,
            features,
        })
    }

    /// An HTML page's main text with the lines of the page's whole visible text
    /// (`page_text`) that the line model keeps surely and the main text lacks
    /// (`pipeline::Plan::restore`): (the merged text, each restored line's number in it,
    /// score and number in the page text, warnings). Raises as `clean` when the document
    /// runs out of time.
    #[pyo3(signature = (id, main, page_text, *, path, meta, link_texts, seconds_left = None))]
    #[allow(clippy::type_complexity, clippy::too_many_arguments)]
    fn restore(
        &self,
        py: Python<'_>,
        id: &str,
        main: &str,
        page_text: &str,
        path: &str,
        meta: MetaFields,
        link_texts: std::collections::HashSet<String>,
        seconds_left: Option<f64>,
    ) -> PyResult<(String, Vec<(usize, f64, usize)>, Vec<String>)> {
        let input = pipeline::Input {
            id,
            text: page_text,
            path,
            meta: meta_of(meta),
            link_texts,
            deadline: deadline(seconds_left),
            ..pipeline::Input::default()
        };
        let ruleset = &self.ruleset.get().inner;
        let plan = &self.inner;
        let restored = py
            .detach(|| shielded(|| plan.restore(main, input, ruleset)))?
            .map_err(failure)?;
        let lines = restored
            .lines
            .iter()
            .map(|line| (line.number, line.score, line.page_line))
            .collect();
        Ok((restored.text, lines, restored.warnings))
    }

    /// The corpus counting pass over one document (`normalize`, then the site group and
    /// the keys of its lines): (group, the distinct line keys, sorted). Raises as `clean`.
    #[pyo3(signature = (id, text, *, path, meta, seconds_left = None))]
    fn count(
        &self,
        py: Python<'_>,
        id: &str,
        text: &str,
        path: &str,
        meta: MetaFields,
        seconds_left: Option<f64>,
    ) -> PyResult<(String, Vec<u64>)> {
        let input = pipeline::Input {
            id,
            text,
            path,
            meta: meta_of(meta),
            deadline: deadline(seconds_left),
            ..pipeline::Input::default()
        };
        let plan = &self.inner;
        py.detach(|| shielded(|| plan.count(&input)))?
            .map_err(failure)
    }
}

fn deadline(seconds_left: Option<f64>) -> Option<Instant> {
    let seconds = seconds_left?;
    let now = Instant::now();
    if seconds.is_nan() || seconds <= 0.0 {
        return Some(now);
    }
    Some(
        Duration::try_from_secs_f64(seconds)
            .ok()
            .and_then(|d| now.checked_add(d))
            .unwrap_or(now + Duration::from_secs(86_400 * 365)),
    )
}

fn failure(failure: pipeline::Failure) -> PyErr {
    match failure {
        pipeline::Failure::NoText => NoVisibleText::new_err(failure.to_string()),
        pipeline::Failure::Deadline(what) => PastDeadline::new_err(what),
        pipeline::Failure::Backtrack(message) => {
            BacktrackLimit::new_err((None::<usize>, None::<usize>, message))
        }
        pipeline::Failure::BadValue(message) => PyValueError::new_err(message),
    }
}

/// One document after every text stage: its body, removals and metadata, read by the
/// sidecar, `explain` and the report.
#[pyclass(name = "Cleaned", module = "cleaner._core", frozen)]
struct Cleaned {
    inner: Document,
    timings: Option<pipeline::Timings>,
    features: Option<Vec<Vec<f32>>>,
}

#[pymethods]
impl Cleaned {
    #[getter]
    fn body(&self) -> &str {
        &self.inner.body
    }

    /// The normalized text (the lines joined by newlines).
    #[getter]
    fn text(&self) -> String {
        self.inner.text()
    }

    /// (lines, lines with text, lines removed whole, the blank lines as (first, last) runs).
    fn layout(&self) -> (usize, usize, usize, Vec<(usize, usize)>) {
        let doc = &self.inner;
        let blank: Vec<usize> = doc
            .lines
            .iter()
            .filter(|line| line.blank)
            .map(|line| line.number)
            .collect();
        let runs = crate::document::consecutive_runs(&blank);
        let removed = (1..=doc.lines.len()).filter(|&n| doc.is_removed(n)).count();
        (
            doc.lines.len(),
            doc.lines.len() - runs.iter().map(|r| r.1 - r.0 + 1).sum::<usize>(),
            removed,
            runs,
        )
    }

    /// The removals in line order (a line's spans by their columns, after a removal of
    /// the whole line would be): `(start_line, end_line, stage, rule, text, evidence,
    /// field, columns)` each.
    #[allow(clippy::type_complexity)]
    fn removals(
        &self,
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
            .sorted_removals()
            .into_iter()
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

    /// The sidecar's `removed` entries of the removals that start on lines `first..=last`,
    /// in line order: `stage`, `rule`, `lines`, `text`, then `columns`, `field` and
    /// `evidence` when set, as `cleaner/schema/sidecar.schema.json` has them.
    fn removed_json<'py>(
        &self,
        py: Python<'py>,
        first: usize,
        last: usize,
    ) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let mut out = Vec::new();
        // A page's removals name few stages and rules: one string object each, shared by
        // the entries, rather than two new strings per removal.
        let mut names: HashMap<&str, Bound<'py, PyString>> = HashMap::new();
        for r in self.inner.sorted_removals() {
            if r.start_line < first || r.start_line > last {
                continue;
            }
            let entry = PyDict::new(py);
            for (key, text) in [
                (pyo3::intern!(py, "stage"), r.stage.as_str()),
                (pyo3::intern!(py, "rule"), r.rule.as_str()),
            ] {
                let name = names.entry(text).or_insert_with(|| PyString::new(py, text));
                entry.set_item(key, &*name)?;
            }
            entry.set_item(pyo3::intern!(py, "lines"), [r.start_line, r.end_line])?;
            entry.set_item(pyo3::intern!(py, "text"), &r.text)?;
            if let Some((begin, end)) = r.columns {
                entry.set_item(pyo3::intern!(py, "columns"), [begin, end])?;
            }
            if let Some(field) = &r.field {
                entry.set_item(pyo3::intern!(py, "field"), field)?;
            }
            if !r.evidence.is_empty() {
                entry.set_item(pyo3::intern!(py, "evidence"), &r.evidence)?;
            }
            out.push(entry);
        }
        Ok(out)
    }

    /// How many removals starting on lines `first..=last` each stage and each rule made:
    /// (by stage, by rule), each sorted by name.
    #[allow(clippy::type_complexity)]
    fn removal_counts(
        &self,
        first: usize,
        last: usize,
    ) -> (BTreeMap<&str, usize>, BTreeMap<&str, usize>) {
        let mut stages: BTreeMap<&str, usize> = BTreeMap::new();
        let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &self.inner.removals {
            if r.start_line < first || r.start_line > last {
                continue;
            }
            *stages.entry(&r.stage).or_default() += 1;
            *rules.entry(&r.rule).or_default() += 1;
        }
        (stages, rules)
    }

    /// The document's metadata: its fields, with `sources`.
    #[getter]
    fn meta<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        meta_dict(py, &self.inner.meta)
    }

    /// The articles: (index, start_line, end_line, metadata, guard flags) each.
    #[allow(clippy::type_complexity)]
    fn articles<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Vec<(usize, usize, usize, Bound<'py, PyDict>, Vec<String>)>> {
        self.inner
            .articles
            .iter()
            .map(|a| {
                Ok((
                    a.index,
                    a.start_line,
                    a.end_line,
                    meta_dict(py, &a.meta)?,
                    a.flags.clone(),
                ))
            })
            .collect()
    }

    /// The position (in article order) of the article whose metadata is the document's.
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

    /// Each article's body, for outputs written one per article.
    fn article_bodies(&self) -> PyResult<Vec<String>> {
        shielded(|| render::article_bodies(&self.inner))
    }

    /// Why each line the line model kept stayed, as (line number, evidence) in line order,
    /// when the call asked to `explain` (empty when the model judged no line).
    fn kept_evidence(&self) -> Vec<(usize, String)> {
        self.inner
            .kept_evidence
            .iter()
            .map(|(line, evidence)| (line + 1, evidence.clone()))
            .collect()
    }

    /// The line features (`feature_names()` names the columns), one row per line, when the
    /// call asked for them.
    #[getter]
    fn features(&self) -> Option<Vec<Vec<f32>>> {
        self.features.clone()
    }

    /// Seconds each text stage took, as (stage, seconds), when the call was `timed`.
    #[getter]
    fn timings(&self) -> Option<Vec<(&'static str, f64)>> {
        self.timings.map(|timings| {
            pipeline::STAGES
                .iter()
                .zip(timings)
                .map(|(name, spent)| (*name, spent.as_secs_f64()))
                .collect()
        })
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
    NoVisibleText,
    PyValueError,
    "A document none of whose lines has visible text: args are (message,)."
);
create_exception!(
    _core,
    PastDeadline,
    PyRuntimeError,
    "A document that ran past its time: args are (what was running,)."
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

/// The fingerprint of a document's line keys (`cleaner.corpus.repeats.document_fingerprint`).
#[pyfunction]
fn document_fingerprint<'py>(py: Python<'py>, keys: Vec<u64>) -> Bound<'py, PyBytes> {
    PyBytes::new(py, &repeats::document_fingerprint(&keys))
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

/// A post's stamp: a date and a name side by side ("26. September 2019 Ulrike Stockhausen
/// Kultur", "Beitrag von r23 » 21.01.2009, 05:42"), as a byline.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn stamp(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::stamp(text, language))
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

/// A blog post's meta line: a byline or date line with comment counts, categories, the
/// reading time ... after it.
#[pyfunction]
#[pyo3(signature = (text, language = None))]
fn post_meta_line(text: &str, language: Option<&str>) -> Option<HeaderLine> {
    header_line(header_lines::post_meta_line(text, language))
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

/// The names of the line features' columns (`Cleaned.features`), in order.
#[pyfunction]
fn feature_names() -> Vec<&'static str> {
    crate::features::NAMES.to_vec()
}

/// The line model of its JSON text, checked against this core's features; ValueError
/// naming the line model and the reason when it does not fit.
fn parse_line_model(text: &str) -> PyResult<crate::model::LineModel> {
    crate::model::LineModel::parse(text, crate::features::NAMES)
        .map_err(|e| PyValueError::new_err(format!("the line model: {e}")))
}

/// The line model's score of every line, as the classify stage computes it: `model` the
/// model's JSON text, `rows` the lines' features (`Cleaned.features`), `blank` which lines
/// are blank (they score 0). What the training script compares with the training library's
/// own scores. ValueError for a model that does not fit this core or rows of another width.
#[pyfunction]
fn line_model_scores(model: &str, rows: Vec<Vec<f32>>, blank: Vec<bool>) -> PyResult<Vec<f64>> {
    let model = parse_line_model(model)?;
    if blank.len() != rows.len() || rows.iter().any(|r| r.len() != model.features.len()) {
        return Err(PyValueError::new_err(format!(
            "{} rows of {} features and one blank flag per row expected",
            rows.len(),
            model.features.len()
        )));
    }
    Ok(model.scores(&rows.concat(), &blank))
}

/// The second forest's context columns of every line (`model::context_rows`): `firsts` the
/// first forest's score of each line (by line; a blank line's is not read), `blank` which
/// lines are blank. The training script builds the second forest's rows with it, so that
/// they are the core's to the bit. ValueError when the two lists differ in length.
#[pyfunction]
fn line_context(firsts: Vec<f32>, blank: Vec<bool>) -> PyResult<Vec<Vec<f32>>> {
    if firsts.len() != blank.len() {
        return Err(PyValueError::new_err(format!(
            "{} scores and {} blank flags: one of each per line expected",
            firsts.len(),
            blank.len()
        )));
    }
    Ok(crate::model::context_rows(&firsts, &blank)
        .into_iter()
        .map(|row| row.to_vec())
        .collect())
}

/// The lexicon's score of each of `lines` (`lexicon::Lexicon::score`): `lexicon` its JSON
/// object, as the line model holds it. The training script fills the model's lexical column
/// with it, so that the forests are trained on the core's values to the bit. ValueError for
/// a lexicon that does not parse.
#[pyfunction]
fn lexical_scores(lexicon: &str, lines: Vec<String>) -> PyResult<Vec<f32>> {
    let value: serde_json::Value =
        serde_json::from_str(lexicon).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let lexicon = crate::lexicon::Lexicon::parse(&value).map_err(PyValueError::new_err)?;
    let mut scratch = crate::lexicon::Scratch::default();
    Ok(lines
        .iter()
        .map(|line| lexicon.score_with(crate::lexicon::Words::Text(line), &mut scratch))
        .collect())
}

/// The distinct buckets (of `2^bits`) of each line's words and pairs of neighbouring words
/// (`lexicon::grams`): what the training script fits the lexicon on. ValueError for bits
/// outside 1 to `lexicon::MAX_BITS`.
#[pyfunction]
fn line_grams(lines: Vec<String>, bits: u32) -> PyResult<Vec<Vec<u32>>> {
    let bits = crate::lexicon::checked_bits(u64::from(bits)).map_err(PyValueError::new_err)?;
    Ok(lines
        .iter()
        .map(|line| crate::lexicon::grams(line, bits))
        .collect())
}

/// The names of `line_context`'s columns, in order.
#[pyfunction]
fn context_names() -> Vec<&'static str> {
    crate::model::CONTEXT_NAMES.to_vec()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyPlan>()?;
    m.add_class::<Cleaned>()?;
    m.add("STAGES", pipeline::STAGES.to_vec())?;
    m.add_class::<PyStoplists>()?;
    m.add_function(wrap_pyfunction!(tokens, m)?)?;
    m.add_function(wrap_pyfunction!(feature_names, m)?)?;
    m.add_function(wrap_pyfunction!(line_model_scores, m)?)?;
    m.add_function(wrap_pyfunction!(line_context, m)?)?;
    m.add_function(wrap_pyfunction!(context_names, m)?)?;
    m.add_function(wrap_pyfunction!(lexical_scores, m)?)?;
    m.add_function(wrap_pyfunction!(line_grams, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_text, m)?)?;
    m.add_function(wrap_pyfunction!(machine_text, m)?)?;
    m.add_function(wrap_pyfunction!(ingredient_lines, m)?)?;
    m.add_function(wrap_pyfunction!(line_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(date_only, m)?)?;
    m.add_function(wrap_pyfunction!(link_only, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_line, m)?)?;
    m.add_function(wrap_pyfunction!(line_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_keys, m)?)?;
    m.add_function(wrap_pyfunction!(document_fingerprint, m)?)?;
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
    m.add_function(wrap_pyfunction!(stamp, m)?)?;
    m.add_function(wrap_pyfunction!(byline_across, m)?)?;
    m.add_function(wrap_pyfunction!(opening_line, m)?)?;
    m.add_function(wrap_pyfunction!(post_meta_line, m)?)?;
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
    m.add("NoVisibleText", m.py().get_type::<NoVisibleText>())?;
    m.add("PastDeadline", m.py().get_type::<PastDeadline>())?;
    m.add("BACKTRACK_LIMIT", rules::BACKTRACK_LIMIT)?;
    Ok(())
}
