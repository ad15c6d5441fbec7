"""The one ordered list of stages, and the Cleaner that runs it over documents."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from cleaner import _core, plan, sidecar
from cleaner.config import Config, ConfigError, check_types
from cleaner.config_check import Problem, config_problems
from cleaner.corpus.repeats import RepeatsTable
from cleaner.io.files import input_kind
from cleaner.language import STOPLIST_NAMES
from cleaner.limits import check_deadline, start_clock
from cleaner.model import Document, InputError, Result, Source
from cleaner.rules.registry import Registry
from cleaner.stages.base import Context, PythonStage, Stage, StageRule
from cleaner.stages.extract import NO_MAIN_TEXT, Extract, ExtractionSpool, has_text
from cleaner.stages.read import Read, looks_like_html, read_input
from cleaner.stages.text import (
    MODEL_RULE,
    Classify,
    Guard,
    Header,
    Language,
    Links,
    Normalize,
    Render,
    Repeats,
    Rules,
    Segment,
    Structure,
)
from cleaner.version import __version__

STAGES: tuple[Stage, ...] = (
    Read(),
    Extract(),
    Normalize(),
    Language(),
    Segment(),
    Rules(),
    Links(),
    Header(),
    Structure(),
    Classify(),
    Repeats(),
    Guard(),
    Render(),
)

PYTHON_STAGES: tuple[PythonStage, ...] = tuple(s for s in STAGES if isinstance(s, PythonStage))
"""The stages that read the input, in Python; the text stages after them run in the core."""
TEXT_STAGES: list[str] = [stage.name for stage in STAGES[len(PYTHON_STAGES) :]]
"""The text stages' names, in order: the core's plan checks them against its own."""


def stage_names() -> list[str]:
    return [stage.name for stage in STAGES]


def stage_rules() -> list[tuple[str, StageRule]]:
    """The rules the stages apply in code, with the name of the stage of each, in stage order."""
    return [(stage.name, rule) for stage in STAGES for rule in stage.rules]


def settings_problems(config: Config, registry: Registry) -> list[Problem]:
    """The settings of `config` that name no rule of `registry` or of a stage, no known
    language (a stoplist's or a pack's), or no parseable URL."""
    rule_ids = [rule.id for rule in registry.rules] + [rule.id for _, rule in stage_rules()]
    languages = {code for rule in registry.rules for code in rule.languages}
    return config_problems(config, rule_ids, languages | set(STOPLIST_NAMES))


class Cleaner:
    """Cleans documents with one configuration and one rule registry.

    Build it once and reuse it: each rule's pattern is compiled the first time a document
    needs it, and stays compiled for the next documents.
    """

    def __init__(
        self,
        config: Config | None = None,
        registry: Registry | None = None,
        repeats: RepeatsTable | None = None,
        extractions: ExtractionSpool | None = None,
    ) -> None:
        config = config or Config()
        check_types(config)
        if registry is None:
            registry = Registry.load(config.packs)
        problems = settings_problems(config, registry)
        if problems:
            raise ConfigError("; ".join(map(str, problems)))
        self.registry = registry
        """The packs as loaded, before `select` and `ignore`: what a batch's other Cleaners
        of the same configuration can share."""
        self.context = Context(
            config=config,
            registry=registry.filtered(config.select, config.ignore),
            repeats=repeats,
            extractions=extractions,
        )
        model_hash = None if config.leaves_out(MODEL_RULE.id) else plan.model_digest()
        self.pipeline_info = sidecar.pipeline_info(self.context, stage_names(), model_hash)

    @functools.cached_property
    def plan(self) -> _core.Plan:
        """The text stages' inputs for the core, built on first use (a Cleaner made to
        check settings or hash them never needs it): every document of this Cleaner
        crosses into the core in one call with it."""
        off = [rule.id for _, rule in stage_rules() if self.config.leaves_out(rule.id)]
        return plan.build(self.context, TEXT_STAGES, off)

    @property
    def config(self) -> Config:
        return self.context.config

    @property
    def pipeline_hash(self) -> str:
        """What the outputs depend on besides the input: the release, the stages, the
        settings, the rules and the line model; an incremental batch re-cleans everything
        when it changes."""
        payload = {
            "version": __version__,
            "stages": stage_names(),
            "config": self.config.digest(self.context.registry.digest()),
            "model": self.pipeline_info["model_hash"],
        }
        blob = json.dumps(payload, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def run(self, doc: Document, *, explain: bool = False) -> Result:
        """Run every stage over `doc`: the Python stages that read it, then the text stages
        in the core, in one call. InputError propagates for unusable input, LimitError for
        a document over the size or time limits. With `explain`, the document also keeps
        why each line the line model kept stayed (`Document.kept_evidence`, what `cleaner
        explain` shows); the outputs are the same."""
        self.read(doc)
        plan.clean(self.plan, doc, self.context, explain=explain)
        metadata = sidecar.build(doc, self.pipeline_info)
        parts = sidecar.split_parts(doc, self.pipeline_info) if self.config.split_articles else []
        return Result(doc.body, metadata, doc, parts)

    def clean_text(
        self, text: str, *, id: str = "text", url: str | None = None, format: str | None = None
    ) -> Result:
        """Clean one text. A text that starts like an HTML document (a doctype or an html,
        head or body tag, the test the command line applies to stdin) is a page: its main
        text is extracted first, as `clean_html` does. `format="text"` (or `"html"`) says
        what the text is instead."""
        if format not in (None, "text", "html"):
            raise ValueError(f"format must be 'text' or 'html', not {format!r}")
        data = text.encode("utf-8")
        kind = format or ("html" if looks_like_html(text) else "text")
        doc = Document(id=id, source=_source(id, data, kind), original=text)
        doc.meta.set("url", url or self.config.url, "input")
        return self.run(doc)

    def clean_html(self, html: str, *, id: str = "html", url: str | None = None) -> Result:
        """Clean an HTML page given as text: main-text extraction first, then the text stages."""
        doc = Document(id=id, source=_source(id, html.encode("utf-8"), "html"), original=html)
        doc.meta.set("url", url or self.config.url, "input")
        return self.run(doc)

    def clean_bytes(
        self,
        data: bytes,
        *,
        path: str,
        url: str | None = None,
        format: str | None = None,
        gzipped: bool | None = None,
    ) -> Result:
        """Clean input bytes; `format` ("text" or "html") defaults to the path's suffix, else
        to what the content looks like; `gzipped` data (by default: a path named *.gz) is
        decompressed first."""
        return self.run(self.document(data, path=path, url=url, format=format, gzipped=gzipped))

    def document(
        self,
        data: bytes,
        *,
        path: str,
        url: str | None = None,
        format: str | None = None,
        gzipped: bool | None = None,
    ) -> Document:
        """The Document that `clean_bytes` would run, before any stage; `gzipped` defaults
        to whether `path` ends in `.gz`."""
        kind = format or input_kind(Path(path)) or ""
        if gzipped is None:
            gzipped = path.lower().endswith(".gz")
        doc = Document(
            id=Path(path).stem, source=_source(path, data, kind), raw=data, gzipped=gzipped
        )
        doc.meta.set("url", url or self.config.url, "input")
        return doc

    def read(self, doc: Document) -> Document:
        """Run the Python stages (read, extract) over `doc`, whose deadline starts here; an
        HTML page then gets back the lines of its visible text that its main text lacks and
        the line model keeps surely (`plan.restore`, the end of the extract stage)."""
        start_clock(doc, self.config)
        for stage in PYTHON_STAGES:
            stage.run(doc, self.context)
            check_deadline(doc, self.config, f"stage {stage.name!r}")
        if doc.page_text is not None:
            extracted = has_text(doc.original)
            warned = plan.restore(self.plan, doc, self.context)
            check_deadline(doc, self.config, "stage 'extract'")
            if not has_text(doc.original):
                # trafilatura found nothing, and neither did the page's text.
                raise InputError(NO_MAIN_TEXT)
            if self.context.extractions is not None and extracted and not warned:
                # A page that warned, or whose text is all restored, is restored again in
                # the next pass, with the same warnings.
                self.context.extractions.put_restored(doc)
        return doc

    def count(self, doc: Document) -> tuple[str, list[int]]:
        """What the corpus counting pass needs of `doc`: its site group, and the distinct
        keys of its normalized lines. `doc_timeout` bounds it as it bounds cleaning."""
        return plan.count(self.plan, self.read(doc), self.context)

    def clean_file(self, path: str | Path, *, relative_to: str | Path | None = None) -> Result:
        path = Path(path)
        data = read_input(path, self.config)
        name = path.relative_to(relative_to).as_posix() if relative_to else path.name
        return self.clean_bytes(data, path=name)


def _source(path: str, data: bytes, format: str = "text") -> Source:
    return Source(
        path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), format=format
    )
