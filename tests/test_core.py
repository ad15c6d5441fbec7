"""The compiled core's boundary: what Python hands over, and what a bad handover gets."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cleaner import _core
from cleaner.config import Config
from cleaner.handover import snapshot
from cleaner.limits import LimitError
from cleaner.model import Document
from cleaner.pipeline import STAGES, Cleaner


def test_a_snapshot_naming_a_line_the_document_lacks_is_refused() -> None:
    bad = {
        "id": "doc",
        "lines": ["one line"],
        "removals": [{"start_line": 1, "end_line": 3, "stage": "s", "rule": "r", "text": "x"}],
    }
    with pytest.raises(ValueError, match=r"removal 0 covers lines 1\.\.3 of a document of 1"):
        _core.Document.from_snapshot(orjson.dumps(bad).decode())


def test_a_malformed_snapshot_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad document snapshot"):
        _core.Document.from_snapshot('{"id": "doc"}')


def test_the_core_reads_back_what_the_python_stages_marked() -> None:
    text = "Headline of the story here\n\nA paragraph of the article that says something.\n"
    result = Cleaner(Config(split_articles=True)).clean_text(text + "Share this\n")
    doc = result.document
    handed = orjson.loads(snapshot(doc))
    assert handed["lines"] == [line.text for line in doc.lines]
    assert [r["rule"] for r in handed["removals"]] == [r.rule for r in doc.removals]
    assert doc.core.body == result.text
    assert doc.counters["chars_in"] == sum(len(line.text.strip()) for line in doc.lines)
    assert doc.article_bodies == [body for body, _ in result.parts]


def _before(cleaner: Cleaner, text: str, stage: str, **fields: object) -> Document:
    """A document of `text` run through the Python stages before `stage`."""
    doc = cleaner.document(text.encode(), path="doc.txt", format="text")
    for name, value in fields.items():
        setattr(doc, name, value)
    names = [s.name for s in STAGES]
    for earlier in STAGES[: names.index(stage)]:
        earlier.run(doc, cleaner.context)
    return doc


def _removals(doc: Document) -> list[tuple[object, ...]]:
    return [
        (r.start_line, r.end_line, r.stage, r.rule, r.text, r.evidence, r.field, r.columns)
        for r in doc.removals
    ]


def _core_removals(core: _core.Document) -> list[tuple[object, ...]]:
    return [tuple(fields) for fields in core.removals_from(0)]


def _core_rules(cleaner: Cleaner, doc: Document, core: _core.Document) -> None:
    """The core's rules stage, given the pack and the rules the registry chooses."""
    ctx = cleaner.context
    chosen = ctx.registry.site_pack(doc.text, doc.meta.url, ctx.config.site)
    pack = (chosen[0].name, chosen[0].site, chosen[1]) if chosen else None
    rules = ctx.registry.rules_for(doc.meta.language, chosen[0] if chosen else None)
    core.rules(ctx.registry.ruleset(), ctx.registry.index(rules), pack)


def test_the_core_rules_stage_marks_what_the_python_stage_marks() -> None:
    cleaner = Cleaner(Config(site="investing.com"))
    registry = cleaner.context.registry
    examples = [
        example
        for scope in ("line", "block", "tail", "span")
        for example in [rule.match[0] for rule in registry.rules if rule.scope == scope][:10]
    ]
    lines = [
        "A first paragraph of the article, which says something about the news.",
        *examples,
        "A last paragraph of the article, which closes the story for now.",
    ]
    doc = _before(cleaner, "\n\n".join(lines) + "\n", "rules")
    core = _core.Document.from_snapshot(snapshot(doc).decode())
    _core_rules(cleaner, doc, core)
    STAGES[[s.name for s in STAGES].index("rules")].run(doc, cleaner.context)
    assert any(r.columns for r in doc.removals) and any(not r.columns for r in doc.removals)
    assert _core_removals(core) == _removals(doc)
    assert (core.site_pack, core.tail_marker) == (doc.site_pack, doc.tail_marker)
    meta = orjson.loads(core.meta_json())
    assert (meta["site"], meta["sources"]["site"]) == ("investing.com", doc.meta.sources["site"])


def test_a_runaway_rule_in_the_core_names_the_rule_and_the_line(tmp_path: Path) -> None:
    pack = tmp_path / "slow.toml"
    pack.write_text(
        '[pack]\nname = "slow"\nsummary = "Backtracks."\nlanguages = ["*"]\n\n[[rules]]\n'
        'id = "slow.runaway"\nsummary = "Runs past the limit."\nscope = "line"\n'
        "pattern = '''(?:(?=x)x+x+)+y(?<!xy)|xxy'''\nmatch = [\"xxy\"]\n",
        encoding="utf-8",
    )
    cleaner = Cleaner(Config(packs=(str(pack),)))
    doc = _before(cleaner, "Some text here.\n\n" + "x" * 40 + "y\n", "rules")
    core = _core.Document.from_snapshot(snapshot(doc).decode())
    with pytest.raises(_core.BacktrackLimit) as raised:
        _core_rules(cleaner, doc, core)
    with pytest.raises(LimitError) as expected:
        STAGES[[s.name for s in STAGES].index("rules")].run(doc, cleaner.context)
    assert raised.value.args[2] == str(expected.value)
    assert "'slow.runaway' on line 3" in raised.value.args[2]


def test_the_core_links_stage_marks_what_the_python_stage_marks() -> None:
    cleaner = Cleaner()
    links = ["Über die Brücke kommt der neue Zug", "Neue Straße für die Stadt geplant"]
    text = "A paragraph of the article that says something.\n\n• " + "\n• ".join(links) + "\n"
    doc = _before(cleaner, text, "links", link_texts=frozenset(links))
    core = _core.Document.from_snapshot(snapshot(doc).decode())
    core.links(False)
    STAGES[[s.name for s in STAGES].index("links")].run(doc, cleaner.context)
    assert [r.rule for r in doc.removals] == ["links.link-list"] * 2
    assert _core_removals(core) == _removals(doc)
