//! Every text stage over one document, in one call: what the shell hands over once per
//! document (the decoded text and what reading it found) and what it gets back (the document
//! with its removals, metadata and body).
//!
//! The shell builds a `Plan` once per configuration: the settings the stages read, the
//! stoplists, the compiled rules with the packs they come from, and the corpus repeats
//! table. `clean` then runs `STAGES` in order; `count` is the corpus counting pass (the
//! normalized lines' keys and the document's site group).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::time::{Duration, Instant};

use crate::document::{ArticleMeta, Document};
use crate::language::Stoplists;
use crate::model::LineModel;
use crate::page_metadata;
use crate::pychar;
use crate::repeats::{line_key, SiteGroup, SiteLines};
use crate::restore;
use crate::rules::{Pattern, RuleSet};
use crate::stages::{
    classify, guard, header, language, links, normalize, render, repeats, rules, segment, structure,
};

/// The text stages, in the order `clean` runs them. The shell's list of stages ends with
/// these names, in this order; `Plan::new` refuses any other list.
pub const STAGES: [&str; 11] = [
    "normalize",
    "language",
    "segment",
    "rules",
    "links",
    "header",
    "structure",
    "classify",
    "repeats",
    "guard",
    "render",
];

/// The configuration the stages read: the configured language, URL and site, and the
/// switches of the stages' own rules.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub language: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub keep_title: bool,
    /// Every text is an extractor's output (`--extracted`); an HTML page's text always is.
    pub extracted: bool,
    pub split_articles: bool,
    pub guard: guard::GuardConfig,
    /// The stages' rule ids switched off (`select`/`ignore`).
    pub off: Vec<String>,
}

impl Settings {
    fn leaves_out(&self, rule: &str) -> bool {
        self.off.iter().any(|id| id == rule)
    }
}

/// A site pack: its name and site, the URL hosts and the fingerprints (linear patterns
/// searched over the whole text) that recognise its pages, and its rules (indexes into the
/// rule set), tried before the generic ones.
#[derive(Debug)]
pub struct SitePack {
    pub name: String,
    pub site: String,
    pub urls: Vec<String>,
    pub fingerprints: Vec<Pattern>,
    pub rules: Vec<usize>,
}

/// A rule of a generic pack (an index into the rule set) and the languages it is for
/// (`*` for any).
#[derive(Debug, Clone)]
pub struct GenericRule {
    pub index: usize,
    pub languages: Vec<String>,
}

impl GenericRule {
    fn applies_to(&self, language: Option<&str>) -> bool {
        match language {
            None => true,
            Some(code) => self.languages.iter().any(|l| l == "*" || l == code),
        }
    }
}

/// The corpus repeats table: per site group, its document count, template lines and shared
/// lines.
#[derive(Debug, Clone, Default)]
pub struct RepeatsTable {
    pub digest: String,
    pub groups: HashMap<String, SiteGroup>,
}

/// What `clean` needs besides the document, the same for every document of a run.
#[derive(Debug)]
pub struct Plan {
    pub settings: Settings,
    pub stoplists: Stoplists,
    pub packs: Vec<SitePack>,
    pub generic: Vec<GenericRule>,
    pub repeats: Option<RepeatsTable>,
    /// The learned line model of the classify stage (`model::LineModel`); without one the
    /// stage removes nothing.
    pub model: Option<LineModel>,
}

/// A document as the shell hands it over, after reading (and extracting) it.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    pub id: &'a str,
    pub text: &'a str,
    /// The input was an HTML page (its text is an extractor's output).
    pub html: bool,
    /// The text is an HTML page's whole visible text, cleaned as a page dump whatever the
    /// settings say, without the corpus table (whose lines are the extracted texts'): the
    /// second view of the page that `Plan::restore` reads.
    pub page_dump: bool,
    /// The input's path, whose folder is the site group of a page no other way places.
    pub path: &'a str,
    pub meta: ArticleMeta,
    pub warnings: Vec<String>,
    pub counters: BTreeMap<String, i64>,
    pub link_texts: HashSet<String>,
    /// When the document runs out of time (`doc_timeout`).
    pub deadline: Option<Instant>,
    /// Say why each line the line model kept stayed (`Document::kept_evidence`), for
    /// `cleaner explain`.
    pub explain: bool,
}

/// Why a document could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No line has visible text.
    NoText,
    /// The document ran past its deadline while `.0` was running.
    Deadline(String),
    /// A look-around rule ran past the backtrack limit (the message names rule and line).
    Backtrack(String),
    /// A value of the document the stages cannot read (a URL that cannot be split).
    BadValue(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::NoText => {
                f.write_str("no visible text (only control or invisible characters)")
            }
            Failure::Deadline(stage) => write!(f, "{stage} ran past the time limit"),
            Failure::Backtrack(message) | Failure::BadValue(message) => f.write_str(message),
        }
    }
}

/// Seconds spent in each stage of `STAGES`, in order.
pub type Timings = [Duration; STAGES.len()];

impl Plan {
    /// The first site pack that recognises the document, with the reason: the configured
    /// site names it, the URL's host is one of its hosts (or under one), or the text holds
    /// one of its fingerprints.
    pub fn site_pack(
        &self,
        text: &str,
        url: Option<&str>,
        site: Option<&str>,
    ) -> Result<Option<(&SitePack, String)>, Failure> {
        let url = url.filter(|u| !u.is_empty());
        // Read the first time a pack asks, as the shell did: a URL that cannot be split is
        // an error only when a pack needs its host.
        let mut host: Option<String> = None;
        for pack in &self.packs {
            if let Some(site) = site {
                if site == pack.site {
                    return Ok(Some((pack, format!("site {site}"))));
                }
            }
            if let Some(url) = url {
                if host.is_none() {
                    let read =
                        page_metadata::url_host(Some(url)).map_err(|e| Failure::BadValue(e.0))?;
                    host = Some(read.unwrap_or_default());
                }
                let host = host.as_deref().unwrap_or_default();
                for suffix in &pack.urls {
                    if host == suffix || host.ends_with(&format!(".{suffix}")) {
                        return Ok(Some((pack, format!("url {host}"))));
                    }
                }
            }
            for pattern in &pack.fingerprints {
                let found = pattern.search(text).map_err(|_| {
                    Failure::Backtrack(format!(
                        "fingerprint {} ran past the backtrack limit",
                        pychar::repr(pattern.source())
                    ))
                })?;
                if found {
                    let reason = format!("fingerprint {}", pychar::repr(pattern.source()));
                    return Ok(Some((pack, reason)));
                }
            }
        }
        Ok(None)
    }

    /// The rules tried on a document, in order: the site pack's first, then the generic
    /// rules for its language.
    fn view(&self, language: Option<&str>, pack: Option<&SitePack>) -> Vec<usize> {
        let mut view: Vec<usize> = pack.map(|p| p.rules.clone()).unwrap_or_default();
        view.extend(
            self.generic
                .iter()
                .filter(|rule| rule.applies_to(language))
                .map(|rule| rule.index),
        );
        view
    }

    /// The document's site group in the repeats table: the configured site, else the URL's
    /// host, else the site of the pack whose fingerprint the text carries, else the input's
    /// folder. Both corpus passes ask it of the normalized text, so they agree.
    pub fn site_group(&self, doc: &Document, path: &str) -> Result<String, Failure> {
        if let Some(site) = self.settings.site.as_deref().filter(|s| !s.is_empty()) {
            return Ok(site.to_lowercase());
        }
        let url = doc
            .meta
            .url
            .as_deref()
            .filter(|u| !u.is_empty())
            .or(self.settings.url.as_deref());
        let host = page_metadata::url_host(url).map_err(|e| Failure::BadValue(e.0))?;
        if let Some(host) = host.filter(|h| !h.is_empty()) {
            return Ok(host);
        }
        if let Some((pack, _)) = self.site_pack(&doc.text(), None, None)? {
            if !pack.site.is_empty() {
                return Ok(pack.site.to_lowercase());
            }
        }
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        Ok(format!(
            "folder:{}",
            if folder.is_empty() { "." } else { folder }
        ))
    }

    /// The document after the `normalize` stage, with what the shell read into it; NoText
    /// when no line has visible text.
    fn normalized(&self, input: &Input) -> Result<Document, Failure> {
        let mut doc = Document::new(input.id, []);
        doc.meta = input.meta.clone();
        doc.warnings = input.warnings.clone();
        doc.counters = input.counters.clone();
        doc.link_texts = input.link_texts.clone();
        normalize::run(&mut doc, input.text);
        if !normalize::visible(&doc) {
            return Err(Failure::NoText);
        }
        Ok(doc)
    }

    /// The corpus counting pass over one document: its site group and the distinct keys
    /// of its lines with text, sorted.
    pub fn count(&self, input: &Input) -> Result<(String, Vec<u64>), Failure> {
        let doc = self.normalized(input)?;
        past_deadline(input.deadline, "stage 'normalize'")?;
        let group = self.site_group(&doc, input.path)?;
        let mut keys: Vec<u64> = doc
            .lines
            .iter()
            .filter(|line| !line.blank)
            .filter_map(|line| line_key(&line.text))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        Ok((group, keys))
    }

    /// Every stage of `STAGES` over `input`, in order; `timings` (when given) gets the time
    /// each stage took.
    pub fn clean(
        &self,
        input: &Input,
        rules: &RuleSet,
        timings: Option<&mut Timings>,
    ) -> Result<Document, Failure> {
        self.run(input, rules, timings, None)
    }

    /// `clean`, with the document's line features (`features::line_features`) as the stages
    /// before `classify` leave it: one row per line.
    pub fn clean_with_features(
        &self,
        input: &Input,
        rules: &RuleSet,
        timings: Option<&mut Timings>,
    ) -> Result<(Document, Vec<Vec<f32>>), Failure> {
        let mut rows = Vec::new();
        let doc = self.run(input, rules, timings, Some(&mut rows))?;
        Ok((doc, rows))
    }

    /// An HTML page's main text (`main`, the extractor's) with the lines of the page's
    /// whole visible text (`page`, cleaned here as a page dump) that the line model keeps
    /// surely and the main text lacks (`restore::merge`). Nothing is restored when the
    /// model or the rule is off, or when the page text cannot be cleaned (a warning says
    /// why); running out of time is the document's failure.
    pub fn restore(
        &self,
        main: &str,
        mut page: Input,
        rules: &RuleSet,
    ) -> Result<restore::Restored, Failure> {
        if self.model.is_none() || self.settings.leaves_out(restore::RULE) {
            return Ok(restore::Restored::unchanged(main));
        }
        page.page_dump = true;
        match self.run(&page, rules, None, None) {
            Ok(doc) => {
                let listed: HashSet<usize> = if self.settings.leaves_out(links::RULE) {
                    HashSet::new()
                } else {
                    links::link_runs(&doc).into_iter().flatten().collect()
                };
                Ok(restore::merge(main, &doc, restore::RESTORE_SCORE, &listed))
            }
            Err(Failure::Deadline(stage)) => Err(Failure::Deadline(stage)),
            Err(failure) => {
                let mut restored = restore::Restored::unchanged(main);
                restored
                    .warnings
                    .push(format!("extract: the page's text was not read: {failure}"));
                Ok(restored)
            }
        }
    }

    fn run(
        &self,
        input: &Input,
        rules: &RuleSet,
        mut timings: Option<&mut Timings>,
        features: Option<&mut Vec<Vec<f32>>>,
    ) -> Result<Document, Failure> {
        let settings = &self.settings;
        let extracted = !input.page_dump && (input.html || settings.extracted);
        let mut clock = Instant::now();
        let mut lap = |stage: usize| -> Result<(), Failure> {
            if let Some(timings) = timings.as_deref_mut() {
                let now = Instant::now();
                timings[stage] += now - clock;
                clock = now;
            }
            past_deadline(
                input.deadline,
                &format!("stage {}", pychar::repr(STAGES[stage])),
            )
        };
        let mut doc = self.normalized(input)?;
        lap(0)?;
        language::run(
            &mut doc,
            &language::Settings {
                stoplists: &self.stoplists,
                config_language: settings.language.as_deref(),
            },
        );
        lap(1)?;
        segment::run(&mut doc, settings.language.as_deref());
        lap(2)?;
        self.rules(&mut doc, rules, input.deadline)?;
        lap(3)?;
        // A page's text is cleaned as a page dump, which has no links; its lists of links
        // are only kept out of what it restores (`Plan::restore`).
        links::run(
            &mut doc,
            settings.leaves_out(links::RULE) || input.page_dump,
        );
        lap(4)?;
        header::run(
            &mut doc,
            &header::Settings {
                language: settings.language.as_deref(),
                url: settings.url.as_deref(),
                site: settings.site.as_deref(),
                keep_title: settings.keep_title,
                off: &settings.off,
                extracted,
            },
        )
        .map_err(Failure::BadValue)?;
        lap(5)?;
        let language = doc.meta.language.clone();
        structure::run(
            &mut doc,
            &structure::Settings {
                stoplist: self.stoplists.get(language.as_deref()),
                language: language.as_deref(),
                off: &settings.off,
                extracted,
            },
        );
        lap(6)?;
        let language = doc.meta.language.clone();
        let site = if input.page_dump {
            None
        } else {
            self.site_lines(&doc, input.path)?
        };
        let stoplist = self.stoplists.get(language.as_deref());
        if let Some(rows) = features {
            *rows = crate::features::line_features(&doc, stoplist, site.as_ref().map(|(_, s)| s));
        }
        classify::run(
            &mut doc,
            &classify::Settings {
                extracted,
                stoplist,
                off: &settings.off,
                model: self.model.as_ref(),
                site: site.as_ref().map(|(_, s)| s),
                explain: input.explain,
            },
        );
        lap(7)?;
        self.repeats(&mut doc, site);
        lap(8)?;
        guard::run(&mut doc, &settings.guard, settings.split_articles);
        lap(9)?;
        render::run(&mut doc);
        lap(10)?;
        Ok(doc)
    }

    /// The `rules` stage: the site pack that recognises the document, then its rules and
    /// the generic rules for the document's language.
    fn rules(
        &self,
        doc: &mut Document,
        ruleset: &RuleSet,
        deadline: Option<Instant>,
    ) -> Result<(), Failure> {
        let settings = &self.settings;
        let url = doc
            .meta
            .url
            .clone()
            .filter(|u| !u.is_empty())
            .or_else(|| settings.url.clone());
        let chosen = self.site_pack(&doc.text(), url.as_deref(), settings.site.as_deref())?;
        let language = doc
            .meta
            .language
            .clone()
            .filter(|l| !l.is_empty())
            .or_else(|| settings.language.clone());
        let view = self.view(language.as_deref(), chosen.as_ref().map(|(p, _)| *p));
        past_deadline(deadline, "rules")?;
        let pack = chosen.as_ref().map(|(p, reason)| rules::SitePack {
            name: &p.name,
            site: &p.site,
            reason,
        });
        rules::run(doc, ruleset, &view, pack).map_err(|e| Failure::Backtrack(e.to_string()))
    }

    /// The document's site group, and its lines as the group's entry in the repeats table
    /// sees them (None without a table, or when the table does not list the group).
    fn site_lines(
        &self,
        doc: &Document,
        path: &str,
    ) -> Result<Option<(String, SiteLines<'_>)>, Failure> {
        let Some(table) = &self.repeats else {
            return Ok(None);
        };
        let group = self.site_group(doc, path)?;
        Ok(table.groups.get(&group).map(|entry| {
            let texts = doc.lines.iter().map(|l| (l.text.as_str(), l.blank));
            (group, SiteLines::new(entry, texts))
        }))
    }

    /// The `repeats` stage: the lines the table lists as template for the document's site
    /// group, `site` (nothing without a table, or with the stage's rule switched off).
    fn repeats(&self, doc: &mut Document, site: Option<(String, SiteLines)>) {
        let (Some(table), Some((group, site))) = (&self.repeats, site) else {
            return;
        };
        if self.settings.leaves_out(repeats::RULE) || site.group.template.is_empty() {
            return;
        }
        let entry = repeats::GroupLines {
            group: &group,
            docs: site.group.docs,
            lines: &site.group.template,
            keys: &site.keys,
            table_digest: &table.digest,
        };
        repeats::run(doc, &entry);
    }
}

/// Run `work`; a panic in it (a bug) becomes an error saying so, with the panic's message:
/// the shell makes it that document's error, and the batch goes on.
pub fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error in the core: {message}")
    })
}

/// Deadline when `deadline` has passed; `what` says what was running.
fn past_deadline(deadline: Option<Instant>, what: &str) -> Result<(), Failure> {
    match deadline {
        Some(deadline) if Instant::now() >= deadline => Err(Failure::Deadline(what.to_string())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        Plan {
            settings: Settings::default(),
            stoplists: Stoplists::default(),
            packs: Vec::new(),
            generic: Vec::new(),
            repeats: None,
            model: None,
        }
    }

    #[test]
    fn a_panic_becomes_an_error_naming_it() {
        assert_eq!(guarded(|| 7), Ok(7));
        let index = 3;
        let failed = guarded(|| [1, 2][index]);
        let message = failed.expect_err("a panic");
        assert!(message.starts_with("internal error in the core: index out of bounds"));
        let failed = guarded(|| -> usize { panic!("boom {}", 1) });
        assert_eq!(
            failed,
            Err("internal error in the core: boom 1".to_string())
        );
    }

    #[test]
    fn every_stage_runs_and_the_body_is_rendered() {
        let rules = RuleSet::new(Vec::new()).expect("no rules");
        let input = Input {
            id: "doc",
            text: "A first line of the article.\n\nA second line of it.\n",
            path: "folder/doc.txt",
            ..Input::default()
        };
        let mut timings = Timings::default();
        let doc = plan()
            .clean(&input, &rules, Some(&mut timings))
            .expect("cleaned");
        assert!(doc.body.contains("A second line of it."));
        assert_eq!(doc.lines.len(), 3);
        let (group, keys) = plan().count(&input).expect("counted");
        assert_eq!(group, "folder:folder");
        assert_eq!(keys.len(), 2);
    }

    #[test]
    fn text_without_visible_characters_and_a_past_deadline_fail() {
        let rules = RuleSet::new(Vec::new()).expect("no rules");
        let blank = Input {
            text: "\u{200b}\n \n",
            ..Input::default()
        };
        assert_eq!(
            plan().clean(&blank, &rules, None).err(),
            Some(Failure::NoText)
        );
        let late = Input {
            text: "Some text.\n",
            deadline: Some(Instant::now()),
            ..Input::default()
        };
        assert_eq!(
            plan().clean(&late, &rules, None).err(),
            Some(Failure::Deadline("stage 'normalize'".to_string()))
        );
    }

    #[test]
    fn without_a_model_the_page_text_restores_nothing() {
        let rules = RuleSet::new(Vec::new()).expect("no rules");
        let page = Input {
            text: "Menu\n\nA paragraph the extractor left out of the article.\n",
            ..Input::default()
        };
        let main = "The article's first paragraph.";
        let restored = plan()
            .restore(main, page.clone(), &rules)
            .expect("restored");
        assert_eq!(restored, restore::Restored::unchanged(main));
        let late = Input {
            deadline: Some(Instant::now()),
            ..page.clone()
        };
        // Without a model nothing is cleaned, so nothing runs out of time either.
        assert!(plan().restore(main, late, &rules).is_ok());
    }

    #[test]
    fn the_site_pack_is_the_first_that_recognises_the_page() {
        let mut plan = plan();
        plan.packs = vec![
            SitePack {
                name: "a".into(),
                site: "a.example".into(),
                urls: vec!["a.example".into()],
                fingerprints: vec![Pattern::linear("Alpha Times").expect("linear")],
                rules: vec![],
            },
            SitePack {
                name: "b".into(),
                site: "b.example".into(),
                urls: vec!["b.example".into()],
                fingerprints: vec![],
                rules: vec![],
            },
        ];
        let found = |text, url, site| {
            plan.site_pack(text, url, site)
                .expect("readable")
                .map(|(p, why)| (p.name.clone(), why))
        };
        assert_eq!(
            found("x", Some("https://news.b.example/1"), None),
            Some(("b".to_string(), "url news.b.example".to_string()))
        );
        assert_eq!(
            found("the Alpha Times", None, None),
            Some(("a".to_string(), "fingerprint 'Alpha Times'".to_string()))
        );
        assert_eq!(
            found("x", None, Some("b.example")),
            Some(("b".to_string(), "site b.example".to_string()))
        );
        assert_eq!(found("x", Some("https://c.example/"), None), None);
        assert!(plan.site_pack("x", Some("http://[::1/"), None).is_err());
    }
}
