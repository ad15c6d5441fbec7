"""The text stages' one call per document: the core's plan of a configuration, and what the
core's result gives the Python document.

Python reads and decodes the input (and extracts an HTML page's text); every stage after
that runs in the compiled core in one call (`core/src/pipeline.rs`). The plan holds what
that call needs besides the document, built once per `Cleaner`: the settings, the
stoplists, the rules with their packs, and the corpus repeats table.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from pathlib import Path

from cleaner import _core
from cleaner.language import Stoplists
from cleaner.limits import LimitError, past_deadline
from cleaner.model import Article, ArticleMeta, Document, InputError
from cleaner.stages.base import Context
from cleaner.stages.text import MODEL_RULE

LINE_MODEL = Path(__file__).resolve().parent / "models" / "line_model.json"
"""The classify stage's learned line model, shipped as data (`training/line_model.py`
writes it); not read when its rule (`MODEL_RULE`) is switched off."""


def model_digest() -> str:
    """The digest of the shipped line model's file: which model made a document's
    `classify.model` removals, which the sidecar records beside the rules' hash."""
    return hashlib.sha256(LINE_MODEL.read_bytes()).hexdigest()[:16]


def build(ctx: Context, stages: list[str], off: list[str]) -> _core.Plan:
    """The core's plan for `ctx`; `stages` are the text stages' names, in order (the core
    refuses any list but its own), `off` the stages' rule ids switched off."""
    config, registry = ctx.config, ctx.registry
    packs = [
        (
            pack.name,
            pack.site,
            list(pack.urls),
            [pattern.pattern for pattern in pack.fingerprints],
            registry.index(pack.rules),
        )
        for pack in registry.packs
        if pack.site is not None
    ]
    generic_rules = [rule for pack in registry.packs if pack.site is None for rule in pack.rules]
    generic = [
        (index, list(rule.languages))
        for index, rule in zip(registry.index(generic_rules), generic_rules, strict=True)
    ]
    table = ctx.repeats
    repeats = None
    if table is not None:
        groups = {
            name: (e.docs, e.lines, e.shared)
            for name, e in table.groups.items()
            if e.lines or e.shared
        }
        repeats = (table.digest, groups)
    return _core.Plan(
        stages,
        (ctx.stoplists or Stoplists.load()).core,
        registry.ruleset(),
        packs,
        generic,
        language=config.language,
        url=config.url,
        site=config.site,
        keep_title=config.keep_title,
        extracted=config.extracted,
        split_articles=config.split_articles,
        max_removed_share=config.guard.max_removed_share,
        min_body_chars=config.guard.min_body_chars,
        off=off,
        repeats=repeats,
        model=None if MODEL_RULE.id in off else LINE_MODEL.read_text(encoding="utf-8"),
    )


def seconds_left(doc: Document) -> float | None:
    return None if doc.deadline is None else doc.deadline - time.monotonic()


def clean(
    plan: _core.Plan,
    doc: Document,
    ctx: Context,
    *,
    timed: bool = False,
    features: bool = False,
    explain: bool = False,
) -> _core.Cleaned:
    """Run the text stages over `doc` in the core and read what they made into it. Unusable
    text is an InputError, a document past its time or the backtrack limit a LimitError.
    `timed` keeps each stage's time, `features` the line features (training/line_model.py),
    `explain` why each line the line model kept stayed (`Document.kept_evidence`)."""
    assert doc.original is not None
    try:
        cleaned = plan.clean(
            doc.id,
            doc.original,
            html=doc.source.format == "html",
            path=doc.source.path,
            meta=doc.meta.fields(),
            warnings=doc.warnings,
            counters=dict(doc.counters),
            link_texts=doc.link_texts,
            seconds_left=seconds_left(doc),
            timed=timed,
            features=features,
            explain=explain,
        )
    except _core.NoVisibleText as exc:
        raise InputError(exc.args[0]) from None
    except _core.PastDeadline as exc:
        raise past_deadline(ctx.config, exc.args[0]) from None
    except _core.BacktrackLimit as exc:
        raise LimitError(exc.args[2]) from None
    take(doc, cleaned, article_bodies=ctx.config.split_articles)
    return cleaned


def restore(plan: _core.Plan, doc: Document, ctx: Context) -> list[str]:
    """Put back into an HTML page's main text the lines of its whole visible text that the
    line model, cleaning that text as a page dump, keeps surely and the main text lacks
    (`core/src/restore.rs`); `doc.restored` lists them. A page whose text could not be
    cleaned restores nothing and says why in a warning, which is returned too; running out
    of time is a LimitError, as in `clean`."""
    page_text, doc.page_text = doc.page_text, None
    if page_text is None or doc.original is None:
        return []
    # The page text is cleaned as a page dump is, knowing the page's URL and nothing that
    # extraction found; the page's links keep its lists of other pages out of what it
    # restores.
    page_meta = ArticleMeta()
    page_meta.set("url", doc.meta.url, "input")
    try:
        text, lines, warnings = plan.restore(
            doc.id,
            doc.original,
            page_text,
            path=doc.source.path,
            meta=page_meta.fields(),
            link_texts=doc.link_texts,
            seconds_left=seconds_left(doc),
        )
    except _core.PastDeadline as exc:
        raise past_deadline(ctx.config, exc.args[0]) from None
    doc.original = text
    doc.take_restored(lines)
    doc.warnings.extend(warnings)
    return warnings


def count(plan: _core.Plan, doc: Document, ctx: Context) -> tuple[str, list[int]]:
    """The corpus counting pass over `doc` (read, and extracted): its site group and the
    distinct keys of its normalized lines."""
    assert doc.original is not None
    try:
        return plan.count(
            doc.id,
            doc.original,
            path=doc.source.path,
            meta=doc.meta.fields(),
            seconds_left=seconds_left(doc),
        )
    except _core.NoVisibleText as exc:
        raise InputError(exc.args[0]) from None
    except _core.PastDeadline as exc:
        raise past_deadline(ctx.config, exc.args[0]) from None


def take(doc: Document, cleaned: _core.Cleaned, *, article_bodies: bool = False) -> None:
    """Read into `doc` what the text stages made: the normalized text and its layout, the
    core's result (which gives the removals when they are asked for), the metadata, each
    article's metadata and flags (the main article's metadata is the document's, one
    object), the flags, warnings and counters, and the body (with each article's own,
    when the articles are written apart)."""
    doc.text = cleaned.text
    doc.layout = cleaned.layout()
    doc.cleaned = cleaned
    doc.__dict__.pop("removals", None)
    doc.meta = ArticleMeta(**cleaned.meta)
    main = cleaned.main_article
    doc.articles = [
        Article(index, start, end, doc.meta if position == main else ArticleMeta(**meta), flags)
        for position, (index, start, end, meta, flags) in enumerate(cleaned.articles())
    ]
    doc.flags = cleaned.flags
    doc.warnings = cleaned.warnings
    doc.counters = Counter(cleaned.counters)
    doc.site_pack = cleaned.site_pack
    doc.tail_marker = cleaned.tail_marker
    doc.body = cleaned.body
    if article_bodies:
        doc.article_bodies = cleaned.article_bodies()
