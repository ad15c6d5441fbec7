"""An HTML page's visible text gives back the article lines its extraction left out.

trafilatura drops whatever sits in an element it takes for page furniture (a "widget", a
"sidebar"), an article's paragraph too. The page's whole visible text, cleaned as a page
dump, puts back the lines the line model keeps surely (`extract.page-text`), in their
place, and the sidecar names each one; the page's menus, footers, newsletter boxes and
lists of other stories stay out.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner import Cleaner, Config, InputError, _core
from cleaner.cli import app
from cleaner.model import ArticleMeta
from cleaner.stages import extract

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "cleaner" / "schema" / "sidecar.schema.json").read_text()
)
PARAGRAPHS = [
    "The city council voted on Tuesday to rebuild the old river bridge next spring, because"
    " the steel girders are no longer safe and further repairs would cost too much.",
    "According to the council, the work will take about eight months. During that time"
    " traffic will be diverted through the town centre, which is likely to lengthen journeys"
    " at rush hour.",
    "Residents had complained about the state of the bridge for years and collected"
    " signatures several times to push the council towards a quick decision.",
    "The new bridge will have a separate lane for cyclists and wider footpaths on both sides,"
    " and its design was chosen by a jury of engineers and residents last autumn.",
    "The council expects the bridge to reopen before the end of next year, and a small"
    " exhibition about its history will be shown in the town library during the works.",
]
BOXED = PARAGRAPHS[2]
"""The paragraph in a box that trafilatura drops."""
FURNITURE = [
    "Home",
    "Local news",
    "Sport",
    "Sign up for our newsletter to get the latest local news every morning.",
    "Related stories",
    "Council approves new budget for schools",
    "Imprint Privacy",
]


def page(boxed: str = f"<p>{BOXED}</p>") -> str:
    p = PARAGRAPHS
    return f"""<!DOCTYPE html><html lang="en"><head><title>Bridge to be rebuilt | Gazette</title>
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Bridge to be rebuilt</h1>
<p>{p[0]}</p><p>{p[1]}</p>
<div class="widget">{boxed}</div>
<p>{p[3]}</p>
<div class="newsletter"><p>{FURNITURE[3]}</p></div>
<p>{p[4]}</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/budget">Council approves new budget for schools</a></li></ul></aside>
<footer><a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a></footer></body></html>"""


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_the_extractor_leaves_the_boxed_paragraph_out() -> None:
    """The premise: without the page's text, the paragraph is lost."""
    off = Cleaner(Config(ignore=("extract.page-text",)))
    result = off.clean_html(page())
    assert BOXED not in result.text
    assert PARAGRAPHS[1] in result.text
    assert result.metadata["restored"] == []


def test_the_boxed_paragraph_comes_back_in_its_place(cleaner: Cleaner) -> None:
    result = cleaner.clean_html(page())
    body = result.text
    for paragraph in PARAGRAPHS:
        assert paragraph in body
    assert body.index(PARAGRAPHS[1]) < body.index(BOXED) < body.index(PARAGRAPHS[3])
    [restored] = result.metadata["restored"]
    assert restored["rule"] == "extract.page-text"
    assert restored["stage"] == "extract"
    assert restored["text"] == BOXED
    assert restored["score"] >= 0.8
    assert result.document.text.split("\n")[restored["line"] - 1] == BOXED
    assert result.document.counters["extract:page-text-restored"] == 1
    jsonschema.validate(result.metadata, SCHEMA)


def test_menus_newsletters_and_other_stories_stay_out(cleaner: Cleaner) -> None:
    result = cleaner.clean_html(page())
    restored = {r["text"] for r in result.metadata["restored"]}
    for line in FURNITURE:
        assert line not in restored
        assert line not in result.text.split("\n")


def test_a_boxed_teaser_of_other_stories_stays_out(cleaner: Cleaner) -> None:
    teasers = (
        '<ul><li><a href="/a">Council approves new budget for schools</a></li>'
        '<li><a href="/b">Police close the ring road after a crash</a></li>'
        '<li><a href="/c">Local team wins the county cup final</a></li></ul>'
    )
    result = cleaner.clean_html(page(teasers))
    assert result.metadata["restored"] == []
    assert "Police close the ring road" not in result.text


def test_switched_off_the_page_text_is_not_even_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread(tree: object) -> str:
        raise AssertionError("the page text was read")

    monkeypatch.setattr(extract, "page_text", unread)
    for config in (Config(ignore=("extract.page-text",)), Config(ignore=("classify.model",))):
        result = Cleaner(config).clean_html(page())
        assert result.metadata["restored"] == []


def test_text_input_has_no_restored_field(cleaner: Cleaner) -> None:
    result = cleaner.clean_text("\n\n".join(PARAGRAPHS))
    assert "restored" not in result.metadata


def test_explain_marks_the_restored_line(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(page(), encoding="utf-8")
    shown = CliRunner().invoke(app, ["explain", str(path), "--json"])
    assert shown.exit_code == 0, shown.output
    records = json.loads(shown.output)["lines"]
    [record] = [r for r in records if r.get("restored")]
    assert record["text"] == BOXED
    assert record["status"] == "kept"
    assert record["restored"]["rule"] == "extract.page-text"
    terminal = CliRunner().invoke(app, ["explain", str(path)])
    assert terminal.exit_code == 0
    assert "restored by extract.page-text" in terminal.output


def test_a_batch_restores_what_cleaning_the_page_alone_restores(
    tmp_path: Path, cleaner: Cleaner
) -> None:
    from cleaner.corpus.batch import BatchOptions, run_batch

    source = tmp_path / "in"
    source.mkdir()
    (source / "bridge.html").write_text(page(), encoding="utf-8")
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        run_batch(Config(), source, out, BatchOptions(jobs=jobs))
        alone = cleaner.clean_html(page(), id="bridge")
        assert (out / "bridge.txt").read_text(encoding="utf-8") == alone.text
        sidecar = json.loads((out / "bridge.json").read_text(encoding="utf-8"))
        assert sidecar["restored"] == alone.metadata["restored"]


def test_a_page_text_that_cannot_be_read_restores_nothing_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extract, "page_text", lambda tree: "\u200b\n \n")
    result = Cleaner().clean_html(page())
    assert result.metadata["restored"] == []
    assert PARAGRAPHS[0] in result.text
    assert any("the page's text was not read" in w for w in result.metadata["warnings"])


def test_a_batch_cleans_each_page_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cleaner: Cleaner
) -> None:
    """The counting pass keeps the restored text for the cleaning pass, with the list of
    the lines it restored, as it keeps the extraction."""
    from cleaner import plan
    from cleaner.corpus.batch import BatchOptions, run_batch

    calls: list[str] = []
    real = plan.restore

    def counted(*args: object) -> list[str]:
        calls.append("restore")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(plan, "restore", counted)
    source = tmp_path / "in"
    source.mkdir()
    for n in range(3):
        (source / f"bridge{n}.html").write_text(page().replace("Gazette", f"Gazette {n}"))
    run_batch(Config(), source, tmp_path / "out", BatchOptions(jobs=1))
    assert len(calls) == 3
    sidecar = json.loads((tmp_path / "out" / "bridge0.json").read_text(encoding="utf-8"))
    [restored] = sidecar["restored"]
    assert restored["text"] == BOXED
    alone = cleaner.clean_html(page().replace("Gazette", "Gazette 0"), id="bridge0")
    assert sidecar["restored"] == alone.metadata["restored"]
    assert (tmp_path / "out" / "bridge0.txt").read_text(encoding="utf-8") == alone.text


LINES = st.one_of(
    st.sampled_from([*PARAGRAPHS, *FURNITURE, "", "   ", "中文的一段话，没有空格。", "Σίσυφος"]),
    st.text(max_size=80),
)


def visible_lines() -> list[str]:
    """The lines of `page()`'s visible text, as the extract stage reads them."""
    from trafilatura.utils import load_html

    return extract.page_text(load_html(page())).split("\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(main=st.lists(LINES, min_size=1, max_size=8), page_lines=st.lists(LINES, max_size=25))
@example(main=[p for p in PARAGRAPHS if p != BOXED], page_lines=visible_lines())
# A restored line is the page's line as normalized: its control characters are dropped.
@example(
    main=[p for p in PARAGRAPHS if p != BOXED],
    page_lines=[
        line.replace(BOXED, f"{BOXED[:20]}\x13\x9b{BOXED[20:]}") for line in visible_lines()
    ],
)
# An empty main text: the restored lines are the whole text.
@example(main=[""], page_lines=[PARAGRAPHS[0], "", "0"])
def test_restoring_keeps_the_main_text_in_order_and_adds_only_page_lines(
    cleaner: Cleaner, main: list[str], page_lines: list[str]
) -> None:
    """Whatever the two texts, the merged text is the main text's lines in their order with
    whole lines of the page's text between them, and each restored line is where the
    result says it is: the page's line it names, as the normalize stage leaves it (control
    characters dropped) and stripped."""
    main_text = "\n".join(main)
    page = _core.normalize_text("\n".join(page_lines))[0].split("\n")
    text, restored, _ = cleaner.plan.restore(
        "doc",
        main_text,
        "\n".join(page_lines),
        path="doc.html",
        meta=ArticleMeta().fields(),
        link_texts=frozenset(),
    )
    merged = text.split("\n")
    numbers = {number for number, _, _ in restored}
    if (
        BOXED not in main
        and [line.replace("\x13\x9b", "") for line in page_lines] == visible_lines()
    ):
        # The examples of the whole page: the boxed paragraph, and nothing else, comes back,
        # without the control characters the second one puts in it.
        assert [merged[n - 1] for n in sorted(numbers)] == [BOXED]
    # An empty main text has no line (the restored lines, if any, are the whole text).
    kept = main_text.split("\n") if main_text else []
    assert [line for n, line in enumerate(merged, 1) if n not in numbers and (kept or line)] == kept
    for number, score, page_line in restored:
        assert 0.8 <= score <= 1.0
        assert 1 <= page_line <= len(page)
        assert merged[number - 1] == page[page_line - 1].strip() != ""


def no_main_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura finding no main text on any page."""
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)


def test_without_a_main_text_the_page_text_gives_the_article(
    monkeypatch: pytest.MonkeyPatch, cleaner: Cleaner
) -> None:
    no_main_text(monkeypatch)
    result = cleaner.clean_html(page())
    assert PARAGRAPHS[0] in result.text
    assert BOXED in result.text
    for line in FURNITURE:
        assert line not in result.text.split("\n")
    assert len(result.metadata["restored"]) == len(result.document.text.split("\n"))
    assert extract.NO_MAIN_TEXT_WARNING in result.metadata["warnings"]
    jsonschema.validate(result.metadata, SCHEMA)


def test_without_a_main_text_or_the_view_a_page_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    no_main_text(monkeypatch)
    off = Cleaner(Config(ignore=("extract.page-text",)))
    with pytest.raises(InputError, match="without extractable main text"):
        off.clean_html(page())
    # A page whose visible text the model keeps nothing of surely is one too.
    with pytest.raises(InputError, match="without extractable main text"):
        Cleaner().clean_html("<html><body><p>Just a moment...</p></body></html>")


def test_a_batch_of_pages_without_a_main_text_writes_what_cleaning_alone_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cleaner: Cleaner
) -> None:
    from cleaner.corpus.batch import BatchOptions, run_batch

    no_main_text(monkeypatch)
    source = tmp_path / "in"
    source.mkdir()
    (source / "bridge.html").write_text(page(), encoding="utf-8")
    run_batch(Config(), source, tmp_path / "out", BatchOptions(jobs=1))
    alone = cleaner.clean_html(page(), id="bridge")
    assert (tmp_path / "out" / "bridge.txt").read_text(encoding="utf-8") == alone.text
    sidecar = json.loads((tmp_path / "out" / "bridge.json").read_text(encoding="utf-8"))
    assert sidecar["restored"] == alone.metadata["restored"]
    assert sidecar["warnings"] == alone.metadata["warnings"]
