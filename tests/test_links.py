"""The links stage: a run of lines that are each a whole link of the page is a link list."""

from __future__ import annotations

import pytest
from cleaner._core import link_only

from cleaner import Cleaner, Config

from .test_extract import PARAGRAPHS

RELATED = [
    ("/a/1", "Neue Radwege für die Altstadt beschlossen"),
    ("/a/2", "Stadtrat streitet über die Parkgebühren"),
    ("/a/3", "Wochenmarkt zieht an den Hafen um"),
]


def page(middle: str, after: str = "") -> bytes:
    """An article with `middle` between its paragraphs and `after` at its end."""
    first, second, third = (f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="de"><head><title>Brücke wird erneuert</title></head>
<body><article><h1>Brücke wird erneuert</h1>{first}{middle}{second}{third}{after}</article>
</body></html>""".encode()


def link_list(links: list[tuple[str, str]]) -> str:
    return "<ul>" + "".join(f'<li><a href="{h}">{t}</a></li>' for h, t in links) + "</ul>"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_a_list_of_links_is_removed_with_its_evidence(cleaner: Cleaner) -> None:
    result = cleaner.clean_bytes(page(link_list(RELATED)), path="seite.html")
    for _, title in RELATED:
        assert title not in result.text
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    removed = [r for r in result.metadata["removed"] if r["rule"] == "links.link-list"]
    assert [r["text"].lstrip("- ") for r in removed] == [title for _, title in RELATED]
    assert removed[0]["stage"] == "links"
    assert removed[0]["evidence"] == "one of 3 lines in a row that are each a whole link"


def test_a_list_of_short_linked_names_stays(cleaner: Cleaner) -> None:
    """Show notes, a glossary: links to names, not to other articles."""
    names = ["Soong-type android", "Tal Shiar", "Zhat Vash", "Hive mind", "Borg"]
    text = "\n".join([PARAGRAPHS[0], *(f"- {name}" for name in names), PARAGRAPHS[1]])
    doc = cleaner.document(text.encode(), path="notizen.txt")
    doc.link_texts = frozenset(names)
    assert not [r for r in cleaner.run(doc).removed if r.stage == "links"]
    headlines = [title for _, title in RELATED]
    text = "\n".join([PARAGRAPHS[0], *(f"- {title}" for title in headlines), PARAGRAPHS[1]])
    doc = cleaner.document(text.encode(), path="notizen.txt")
    doc.link_texts = frozenset(headlines)
    removed = [r.rule for r in cleaner.run(doc).removed if r.stage == "links"]
    assert removed == ["links.link-list"] * 3


def test_a_single_linked_line_stays(cleaner: Cleaner) -> None:
    single = '<p><a href="/dossier">Alles zur Sanierung der Brücke im Dossier</a></p>'
    result = cleaner.clean_bytes(page(single), path="seite.html")
    assert "Alles zur Sanierung der Brücke im Dossier" in result.text


@pytest.mark.parametrize(
    ("line", "is_link"),
    [
        ("- Neue Radwege für die Altstadt beschlossen", True),
        ("• Stadtrat streitet über die Parkgebühren", True),
        ("https://example.org/quelle", False),
        ("- example.org/quelle-2", False),
        ("www.example.org", False),
        ("Neue Radwege für die Altstadt beschlossen, sagt der Stadtrat", False),
    ],
)
def test_only_a_whole_link_that_is_not_an_address_counts(line: str, is_link: bool) -> None:
    links = frozenset(
        [t for _, t in RELATED] + ["https://example.org/quelle", "example.org/quelle-2"]
    )
    links |= {"www.example.org"}
    assert link_only(line, links) is is_link


def test_a_list_whose_items_are_more_than_their_links_stays(cleaner: Cleaner) -> None:
    items = "".join(
        f'<li>{title}: <a href="{href}">mehr</a> dazu in der Ausgabe vom Montag</li>'
        for href, title in RELATED
    )
    result = cleaner.clean_bytes(page(f"<ul>{items}</ul>"), path="seite.html")
    for _, title in RELATED:
        assert title in result.text


def test_text_input_and_the_ignore_switch_leave_link_lists_alone(cleaner: Cleaner) -> None:
    html = page(link_list(RELATED))
    kept = Cleaner(Config(ignore=("links.*",))).clean_bytes(html, path="seite.html")
    assert all(title in kept.text for _, title in RELATED)
    text = "\n".join([PARAGRAPHS[0], *(f"- {t}" for _, t in RELATED), PARAGRAPHS[1]])
    assert all(title in cleaner.clean_text(text).text for _, title in RELATED)


def test_a_batch_reads_the_links_back_from_its_extraction_spool(tmp_path, cleaner) -> None:
    from cleaner.corpus.batch import BatchOptions, run_batch

    source = tmp_path / "in"
    source.mkdir()
    (source / "seite.html").write_bytes(page(link_list(RELATED)))
    run_batch(Config(), source, tmp_path / "out", BatchOptions(jobs=1))
    written = (tmp_path / "out" / "seite.txt").read_text(encoding="utf-8")
    assert written == cleaner.clean_bytes(page(link_list(RELATED)), path="seite.html").text
    assert RELATED[0][1] not in written
