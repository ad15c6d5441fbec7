"""The compiled core's boundary: one call per document, what it gives back, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import _core, plan
from cleaner.config import Config
from cleaner.language import Stoplists
from cleaner.limits import LimitError
from cleaner.model import InputError
from cleaner.pipeline import STAGES, TEXT_STAGES, Cleaner


def test_the_core_refuses_a_list_of_text_stages_other_than_its_own() -> None:
    """The one list of stages is the shell's; the core runs its text stages in that order,
    and a plan naming them otherwise cannot be built."""
    cleaner = Cleaner()
    assert _core.STAGES == TEXT_STAGES
    assert [stage.name for stage in STAGES[-len(TEXT_STAGES) :]] == _core.STAGES
    reordered = [*TEXT_STAGES[:3], TEXT_STAGES[4], TEXT_STAGES[3], *TEXT_STAGES[5:]]
    off: list[str] = []
    with pytest.raises(ValueError, match="the text stages are"):
        plan.build(cleaner.context, reordered, off)
    with pytest.raises(ValueError, match="the text stages are"):
        plan.build(cleaner.context, TEXT_STAGES[:-1], off)


def test_one_call_gives_the_body_removals_layout_and_article_bodies() -> None:
    text = "Headline of the story here\n\nA paragraph of the article that says something.\n"
    result = Cleaner(Config(split_articles=True)).clean_text(text + "\nShare this\n")
    doc = result.document
    assert [line.text for line in doc.lines] == [
        "Headline of the story here",
        "",
        "A paragraph of the article that says something.",
        "",
        "Share this",
    ]
    assert doc.layout == (5, 3, 2, [(2, 2), (4, 4)])
    assert [(r.start_line, r.rule) for r in result.removed] == [
        (1, "header.title"),
        (5, "share.prompt"),
    ]
    assert result.text == "A paragraph of the article that says something.\n"
    assert doc.counters["chars_in"] == sum(len(line.text.strip()) for line in doc.lines)
    assert doc.article_bodies == [body for body, _ in result.parts] == [result.text]
    assert result.metadata["layout"] == {"lines": 5, "blank": [[2, 2], [4, 4]]}


def test_a_timed_call_gives_each_text_stage_its_time() -> None:
    cleaner = Cleaner()
    doc = cleaner.read(cleaner.document(b"A paragraph of the article.\n", path="a.txt"))
    cleaned = plan.clean(cleaner.plan, doc, cleaner.context, timed=True)
    assert [name for name, _ in cleaned.timings] == TEXT_STAGES
    assert all(seconds >= 0 for _, seconds in cleaned.timings)
    untimed = plan.clean(
        cleaner.plan, cleaner.read(cleaner.document(b"x y.\n", path="b.txt")), cleaner.context
    )
    assert untimed.timings is None


def test_a_call_with_features_gives_a_row_per_line_and_the_same_document() -> None:
    """The line features (for the learned line model) are read as the stages before
    classify leave the lines; asking for them changes nothing of the result."""
    text = b"Home\nNews\n\nA paragraph of the article that says something real.\n\nShare\n"
    cleaner = Cleaner()
    doc = cleaner.read(cleaner.document(text, path="a.txt"))
    cleaned = plan.clean(cleaner.plan, doc, cleaner.context, features=True)
    names = _core.feature_names()
    assert len(names) == len(set(names)) > 30
    assert len(cleaned.features) == len(doc.lines)
    assert all(len(row) == len(names) for row in cleaned.features)
    blank = names.index("blank")
    assert [row[blank] for row in cleaned.features] == [
        float(not line.text.strip()) for line in doc.lines
    ]
    both = cleaner.read(cleaner.document(text, path="a.txt"))
    timed = plan.clean(cleaner.plan, both, cleaner.context, timed=True, features=True)
    assert timed.features == cleaned.features
    assert [name for name, _ in timed.timings] == TEXT_STAGES
    assert sum(seconds for _, seconds in timed.timings) > 0
    plain = cleaner.read(cleaner.document(text, path="a.txt"))
    again = plan.clean(cleaner.plan, plain, cleaner.context)
    assert again.features is None
    assert again.body == cleaned.body and again.removals() == cleaned.removals()


def test_the_shipped_line_model_fits_the_core_and_a_stale_one_is_refused() -> None:
    """The package's model names the core's features and context columns; a model of other
    features (one written before a feature was added) is refused when the plan is built,
    naming the model, and a plan with the model's rule off does not read it."""
    model = plan.LINE_MODEL.read_text(encoding="utf-8")
    header = json.loads(model)
    names = [*_core.feature_names(), "lexical"]
    assert header["features"] == names
    assert header["second_features"] == names + _core.context_names()
    text = b"Home\n\nA paragraph of the article that says something real.\n"
    cleaner = Cleaner()
    doc = cleaner.read(cleaner.document(text, path="a.txt"))
    rows = plan.clean(cleaner.plan, doc, cleaner.context, features=True).features
    lexical = _core.lexical_scores(json.dumps(header["lexicon"]), [x.text for x in doc.lines])
    rows = [[*row, score] for row, score in zip(rows, lexical, strict=True)]
    blank = [row[0] == 1.0 for row in rows]
    scores = _core.line_model_scores(model, rows, blank)
    assert len(scores) == len(rows) and all(0.0 <= s <= 1.0 for s in scores)
    assert [s for s, b in zip(scores, blank, strict=True) if b] == [0.0]
    stale = json.dumps({**header, "features": names[:-2]})
    with pytest.raises(ValueError, match="the line model: its features are not this core's"):
        _core.line_model_scores(stale, rows, blank)
    unlexed = json.dumps({k: v for k, v in header.items() if k != "lexicon"})
    with pytest.raises(ValueError, match="the line model: its features are not this core's"):
        _core.line_model_scores(unlexed, rows, blank)
    short = {**header["lexicon"], "weights": header["lexicon"]["weights"][:-1]}
    with pytest.raises(ValueError, match="the line model: the lexicon has 65535 weights"):
        _core.line_model_scores(json.dumps({**header, "lexicon": short}), rows, blank)
    with pytest.raises(ValueError, match="one blank flag per row"):
        _core.line_model_scores(model, rows, blank[:-1])
    with pytest.raises(ValueError, match="one of each per line"):
        _core.line_context([0.5, 0.5], [False])
    assert len(_core.line_context([0.5, 0.0], [False, True])[0]) == len(_core.context_names())
    unmodelled = Cleaner(Config(ignore=("classify.model",)))
    assert not [r for r in unmodelled.clean_text(text.decode()).removed if r.stage == "classify"]


def test_text_without_visible_characters_is_the_documents_input_error() -> None:
    with pytest.raises(InputError, match=r"no visible text"):
        Cleaner().clean_text("\u200b\u00a0\n\t\n")


def test_a_fingerprint_that_does_not_compile_in_the_core_is_a_pattern_error() -> None:
    cleaner = Cleaner()
    spec = [("site.pack", "example.com", [], ["(?=x)y"], [])]
    with pytest.raises(_core.PatternError, match="look-around"):
        _core.Plan(
            TEXT_STAGES,
            Stoplists.load().core,
            cleaner.context.registry.ruleset(),
            spec,
            [],
            language=None,
            url=None,
            site=None,
            keep_title=False,
            extracted=False,
            split_articles=False,
            max_removed_share=0.8,
            min_body_chars=1,
            off=[],
        )


def test_the_metadata_the_core_fills_comes_back_to_the_document() -> None:
    """The header runs in the core: the document's metadata and each article's come back,
    the main article's being the document's own, as the sidecar reads them."""
    page = [
        "Brücke über den Fluss wird erneuert | Stadtanzeiger",
        "Wir verwenden Cookies, damit Sie unsere Website bestmöglich nutzen können.",
        "Startseite",
        "Politik",
        "Brücke über den Fluss wird erneuert",
        "Von Anna Berg | 12.03.2020",
        "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
        "kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind.",
        "Die Arbeiten sollen im März beginnen und etwa achtzehn Monate dauern, sagte der "
        "Bürgermeister, und eine Fähre bringt in dieser Zeit Radfahrer über den Fluss.",
    ]
    result = Cleaner(Config(language="de")).clean_text("\n".join(page))
    doc = result.document
    assert doc.meta.authors == ["Anna Berg"]
    assert doc.meta.published == "2020-03-12"
    assert doc.meta.sources["authors"] == "header.byline (line 6)"
    assert [a.index for a in doc.articles] == [1, 2]
    assert doc.articles[1].meta is doc.meta
    first = doc.articles[0].meta
    assert (first.title, first.sources) == (
        "Brücke über den Fluss wird erneuert",
        {"title": "header.title (line 1)"},
    )
    assert result.metadata["articles"][1]["authors"] == ["Anna Berg"]


def test_a_page_url_urlsplit_refuses_is_the_documents_error() -> None:
    assert _core.url_host("https://www.Example.de/a") == "example.de"
    assert _core.url_host("example.com") == "example.com"
    assert _core.url_host(None) is None
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        _core.url_host("http://[::1/")


def test_rules_in_the_core_mark_lines_spans_and_the_site_pack() -> None:
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
    result = cleaner.clean_text("\n\n".join(lines) + "\n")
    removed = [r for r in result.removed if r.stage == "rules"]
    assert any(r.columns for r in removed) and any(not r.columns for r in removed)
    article = result.metadata["article"]
    assert article["site"] == "investing.com"
    assert article["sources"]["site"].startswith("rules.site-pack (")


def test_a_runaway_rule_in_the_core_names_the_rule_and_the_line(tmp_path: Path) -> None:
    pack = tmp_path / "slow.toml"
    pack.write_text(
        '[pack]\nname = "slow"\nsummary = "Backtracks."\nlanguages = ["*"]\n\n[[rules]]\n'
        'id = "slow.runaway"\nsummary = "Runs past the limit."\nscope = "line"\n'
        "pattern = '''(?:(?=x)x+x+)+y(?<!xy)|xxy'''\nmatch = [\"xxy\"]\n",
        encoding="utf-8",
    )
    cleaner = Cleaner(Config(packs=(str(pack),)))
    with pytest.raises(LimitError) as raised:
        cleaner.clean_text("Some text here.\n\n" + "x" * 40 + "y\n")
    assert str(raised.value) == (
        f"rule 'slow.runaway' on line 3 ran past the backtrack limit "
        f"({_core.BACKTRACK_LIMIT:,} steps)"
    )


def test_links_in_the_core_remove_a_run_of_whole_links() -> None:
    cleaner = Cleaner()
    links = ["Über die Brücke kommt der neue Zug", "Neue Straße für die Stadt geplant"]
    text = "A paragraph of the article that says something.\n\n• " + "\n• ".join(links) + "\n"
    doc = cleaner.document(text.encode(), path="doc.txt", format="text")
    doc.link_texts = frozenset(links)
    result = cleaner.run(doc)
    assert [r.rule for r in result.removed] == ["links.link-list"] * 2
    assert result.removed[0].evidence == "one of 2 lines in a row that are each a whole link"
