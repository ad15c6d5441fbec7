"""HTML input: extraction with trafilatura, gzip, bad pages and the per-document time limit."""

from __future__ import annotations

import gzip
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner, Config, InputError
from cleaner.cli import app
from cleaner.stages import extract
from cleaner.timeout import time_limit

PARAGRAPHS = [
    "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
    "kommenden Frühjahr vollständig erneuert wird, weil die alten Stahlträger nicht mehr "
    "sicher sind und die Kosten für weitere Reparaturen zu hoch wären.",
    "Nach Angaben der Behörde sollen die Arbeiten etwa acht Monate dauern. Während dieser "
    "Zeit wird der Verkehr über eine Umleitung durch die Innenstadt geführt, was vor allem "
    "im Berufsverkehr zu längeren Fahrzeiten führen dürfte.",
    "Anwohner hatten sich seit Jahren über den Zustand der Brücke beschwert und mehrfach "
    "Unterschriften gesammelt, um die Stadt zu einer schnellen Entscheidung zu bewegen.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="de-DE"><head><title>Brücke wird erneuert | Stadtanzeiger</title>
<meta name="author" content="Anna Beispiel"></head>
<body><nav><ul><li><a href="/">Startseite</a></li><li><a href="/lokal">Lokales</a></li></ul></nav>
<article><h1>Brücke wird erneuert</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer><a href="/impressum">Impressum</a> <a href="/datenschutz">Datenschutz</a></footer>
</body></html>
"""
runner = CliRunner()


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_html_file_is_extracted(cleaner: Cleaner) -> None:
    result = cleaner.clean_bytes(PAGE.encode("utf-8"), path="seite.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    assert "Startseite" not in result.text
    assert "Impressum" not in result.text
    sidecar = result.metadata
    assert sidecar["source"]["format"] == "html"
    assert sidecar["article"]["language"] == "de"
    assert sidecar["article"]["sources"]["language"] == "trafilatura"
    assert sidecar["article"]["authors"] == ["Anna Beispiel"]
    assert sidecar["article"]["sources"]["authors"] == "trafilatura"


def test_page_metadata_without_the_site_name(cleaner: Cleaner) -> None:
    """The page title loses the site's name after its bar; an author field holding the
    site's name or a domain is no author."""
    page = PAGE.replace(
        '<meta name="author" content="Anna Beispiel">',
        '<meta name="author" content="Stadtanzeiger; Anna Beispiel; Facebook Com">'
        '<meta property="og:site_name" content="Stadtanzeiger">',
    )
    result = cleaner.clean_bytes(page.encode("utf-8"), path="seite.html")
    article = result.metadata["article"]
    assert article["title"] == "Brücke wird erneuert"
    assert article["authors"] == ["Anna Beispiel"]


def test_byline_in_the_text_wins_over_the_page_author_field(cleaner: Cleaner) -> None:
    """A page's author field often names an account or an editor; the byline the article
    prints is its author."""
    page = PAGE.replace("Anna Beispiel", "Online Redaktion").replace(
        "<h1>Brücke wird erneuert</h1>", "<h1>Brücke wird erneuert</h1><p>Von Anna Berg</p>"
    )
    result = cleaner.clean_bytes(page.encode("utf-8"), path="seite.html")
    article = result.metadata["article"]
    assert article["authors"] == ["Anna Berg"]
    assert article["sources"]["authors"].startswith("header.byline")
    assert "Von Anna Berg" not in result.text


def test_gzip_html_gives_the_same_body(cleaner: Cleaner) -> None:
    plain = cleaner.clean_bytes(PAGE.encode("utf-8"), path="seite.html")
    packed = cleaner.clean_bytes(gzip.compress(PAGE.encode("utf-8")), path="seite.html.gz")
    assert packed.text == plain.text
    assert packed.metadata["source"]["format"] == "html"


def test_clean_html_api_and_sniffing(cleaner: Cleaner) -> None:
    from_str = cleaner.clean_html(PAGE)
    sniffed = cleaner.clean_bytes(PAGE.encode("utf-8"), path="<stdin>")
    assert from_str.text == sniffed.text
    assert sniffed.metadata["source"]["format"] == "html"


def test_corrupt_gzip_is_a_clear_error(cleaner: Cleaner) -> None:
    broken = gzip.compress(PAGE.encode("utf-8"))[:40]
    with pytest.raises(InputError, match="corrupt gzip data"):
        cleaner.clean_bytes(broken, path="seite.html.gz")


def test_page_without_main_text_is_an_error(cleaner: Cleaner) -> None:
    with pytest.raises(InputError, match="without extractable main text"):
        cleaner.clean_bytes(b"<html><body><script>x()</script></body></html>", path="leer.html")


def test_slow_extraction_hits_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    def endless(html: str, url: str | None, **options: bool) -> extract.Extraction:
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(extract, "extract_page", endless)
    slow = Cleaner(Config(extract_timeout=0.2))
    started = time.monotonic()
    with pytest.raises(InputError, match=r"longer than 0\.2 s"):
        slow.clean_bytes(PAGE.encode("utf-8"), path="seite.html")
    assert time.monotonic() - started < 5


def test_slow_extraction_hits_the_time_limit_in_a_worker_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Dask runs tasks in worker threads, where no signal arrives: the limit holds there too."""

    def endless(html: str, url: str | None, **options: bool) -> extract.Extraction:
        give_up = time.monotonic() + 10
        while time.monotonic() < give_up:
            time.sleep(0.01)
        return extract.Extraction("", {}, [], 0)

    monkeypatch.setattr(extract, "extract_page", endless)
    slow = Cleaner(Config(extract_timeout=0.2))
    with ThreadPoolExecutor(1) as pool:
        attempt = pool.submit(slow.clean_bytes, PAGE.encode("utf-8"), path="seite.html")
        with pytest.raises(InputError, match=r"longer than 0\.2 s"):
            attempt.result(timeout=5)


def test_a_block_that_ends_in_time_leaves_no_exception_behind() -> None:
    def run() -> str:
        with time_limit(0.05):
            pass
        time.sleep(0.2)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(run).result(timeout=5) == "done"


def test_batch_goes_on_after_a_corrupt_page(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "gut.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (source / "kaputt.html.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    result = runner.invoke(app, ["clean", str(source), str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "kaputt.html.gz" in result.output
    assert "corrupt gzip data" in result.output
    body = (tmp_path / "out" / "gut.txt").read_text(encoding="utf-8")
    assert PARAGRAPHS[0] in body


def test_a_batch_extracts_each_page_once_and_writes_what_cleaning_it_alone_gives(
    tmp_path: Path, extraction_calls: list[str | None], cleaner: Cleaner
) -> None:
    from cleaner.corpus.batch import BatchOptions, run_batch

    source = tmp_path / "in"
    source.mkdir()
    pages = {f"seite{n}.html": PAGE.replace("Brücke", f"Brücke {n}") for n in range(3)}
    for name, page in pages.items():
        (source / name).write_text(page, encoding="utf-8")
    run_batch(Config(), source, tmp_path / "out", BatchOptions(jobs=1))
    assert len(extraction_calls) == len(pages)
    for name, page in pages.items():
        alone = cleaner.clean_bytes(page.encode("utf-8"), path=name)
        written = (tmp_path / "out" / name).with_suffix(".txt").read_text(encoding="utf-8")
        assert written == alone.text


def test_the_page_date_must_be_a_real_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the page's metadata claims, the sidecar carries only real calendar dates."""
    import trafilatura

    real = trafilatura.extract_metadata

    def claiming(date: str):
        def metadata(tree, default_url=None):
            found = real(tree, default_url=default_url)
            found.date = date
            return found

        return metadata

    monkeypatch.setattr(trafilatura, "extract_metadata", claiming("2023-02-30"))
    result = Cleaner().clean_bytes(PAGE.encode("utf-8"), path="seite.html")
    assert result.metadata["article"]["published"] is None
    monkeypatch.setattr(trafilatura, "extract_metadata", claiming("2023-02-28"))
    result = Cleaner().clean_bytes(PAGE.encode("utf-8"), path="seite.html")
    assert result.metadata["article"]["published"] == "2023-02-28"
    assert result.metadata["article"]["sources"]["published"] == "trafilatura"


def test_clean_text_extracts_a_page_as_the_command_line_does(cleaner: Cleaner) -> None:
    """`clean_text` on an HTML page sniffs it with the same test as stdin, and extracts it."""
    from cleaner import clean_text

    sniffed = cleaner.clean_text(PAGE)
    assert sniffed.text == cleaner.clean_html(PAGE).text
    assert sniffed.metadata["source"]["format"] == "html"
    assert "Startseite" not in sniffed.text and "<p>" not in sniffed.text
    assert clean_text(PAGE).text == sniffed.text
    as_text = cleaner.clean_text(PAGE, format="text")
    assert as_text.metadata["source"]["format"] == "text"
    assert "<p>" in as_text.text
    plain = cleaner.clean_text("\n".join(PARAGRAPHS))
    assert plain.metadata["source"]["format"] == "text"
    with pytest.raises(ValueError, match="format must be 'text' or 'html'"):
        cleaner.clean_text(PAGE, format="pdf")


def test_html_statistics_count_what_the_page_shows(cleaner: Cleaner) -> None:
    """For a page, what went in is the text it shows: what extraction left out (the
    navigation, the footer) is removed text too, not 0% removed."""
    stats = cleaner.clean_bytes(PAGE.encode("utf-8"), path="seite.html").metadata["stats"]
    shown = sum(map(len, PARAGRAPHS)) + len("Brücke wird erneuert")
    shown += len("Startseite") + len("Lokales") + len("Impressum Datenschutz")
    assert stats["chars_in"] == shown
    assert stats["chars_extracted"] == sum(map(len, PARAGRAPHS)) + len("Brücke wird erneuert")
    assert stats["chars_out"] <= stats["chars_extracted"]
    assert stats["removed_share"] == round((shown - stats["chars_out"]) / shown, 4)
    assert stats["removed_share"] >= 0.05
    text_stats = cleaner.clean_text("\n\n".join(PARAGRAPHS)).metadata["stats"]
    assert "chars_extracted" not in text_stats


def test_visible_text_leaves_out_scripts_styles_and_comments() -> None:
    from trafilatura.utils import load_html

    page = (
        "<html><head><title>T</title><style>p {}</style></head><body><p>Hello <b>world</b>!"
        "</p><script>var x = 1;</script><!-- note -->z<div>A<br>B</div>\n  <p>  C  D </p>"
        "</body></html>"
    )
    assert extract.visible_chars(load_html(page)) == len("Hello world!zABC D")
    deep = "<html><body>" + "<div><span>x</span>" * 5000 + "</div>" * 5000 + "</body></html>"
    assert extract.visible_chars(load_html(deep)) >= 0


def test_gzip_html_sizes_are_the_page_bytes(cleaner: Cleaner) -> None:
    data = PAGE.encode("utf-8")
    packed = gzip.compress(data)
    source = cleaner.clean_bytes(packed, path="seite.html.gz").metadata["source"]
    assert source["bytes"] == len(data)
    assert source["compressed_bytes"] == len(packed)
    assert source["sha256"] == hashlib.sha256(packed).hexdigest()
    plain = cleaner.clean_bytes(data, path="seite.html").metadata["source"]
    assert plain["bytes"] == len(data) and "compressed_bytes" not in plain
