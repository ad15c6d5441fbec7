"""The command line: clean (folder, file, stdin), explain, rules."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.header_lines import opening_line
from cleaner.pipeline import stage_rules

from .conftest import CLEAN, RAW

runner = CliRunner()


def test_clean_folder_reproduces_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    result = runner.invoke(app, ["clean", str(RAW), str(out)])
    assert result.exit_code == 0, result.output
    for expected in sorted(CLEAN.iterdir()):
        assert (out / expected.name).read_bytes() == expected.read_bytes(), expected.name


def test_clean_defaults_to_raw_and_clean(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(RAW, tmp_path / "raw")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "clean").glob("*.txt"))) == len(list(RAW.glob("*.txt")))


def test_clean_recurses_and_mirrors_paths(tmp_path: Path) -> None:
    nested = tmp_path / "in" / "a" / "b"
    nested.mkdir(parents=True)
    shutil.copy(next(RAW.glob("003_*")), nested / "x.txt")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    sidecar = json.loads((tmp_path / "out" / "a" / "b" / "x.json").read_text())
    assert sidecar["source"]["path"] == "a/b/x.txt"


def test_clean_stdin_to_stdout(tmp_path: Path) -> None:
    data = next(RAW.glob("003_*")).read_bytes()
    sidecar = tmp_path / "side.json"
    result = runner.invoke(app, ["clean", "-", "--sidecar", str(sidecar)], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout == (CLEAN / "003_430c59adcde6e4d8.txt").read_text()
    assert json.loads(sidecar.read_text())["article"]["agency"] == "Reuters"


def test_split_articles_writes_two_files(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["clean", str(next(RAW.glob("004_*"))), str(tmp_path), "--split-articles"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("_"))
    assert names == [
        "004_f5c7942e44b7ceb8.1.json",
        "004_f5c7942e44b7ceb8.1.txt",
        "004_f5c7942e44b7ceb8.2.json",
        "004_f5c7942e44b7ceb8.2.txt",
    ]


def test_extracted_option_keeps_what_the_block_classifier_removes(tmp_path: Path) -> None:
    """`--extracted` says the input is an extractor's output: the lines that the page-dump
    classifier removes stay, and the sidecar's config hash tells the two runs apart."""
    menu = ["Startseite", "Lokales", "Sport", "Kultur", "Wetter"]
    prose = (
        "Die Stadtverwaltung hat am Dienstag angekündigt, dass die Brücke über den Fluss im "
        "kommenden Frühjahr erneuert wird, weil die alten Stahlträger nicht mehr sicher sind."
    )
    source = tmp_path / "page.txt"
    source.write_text("\n".join(menu) + "\n\n" + "\n\n".join([prose] * 4) + "\n")
    hashes = set()
    for option, kept in (([], False), (["--extracted"], True)):
        out = tmp_path / f"out{len(option)}"
        result = runner.invoke(app, ["clean", str(source), str(out), *option])
        assert result.exit_code == 0, result.output
        assert ("Kultur" in (out / "page.txt").read_text().splitlines()) is kept
        hashes.add(json.loads((out / "page.json").read_text())["pipeline"]["config_hash"])
    assert len(hashes) == 2


def test_explain_shows_rules() -> None:
    result = runner.invoke(app, ["explain", str(RAW / "003_430c59adcde6e4d8.txt")])
    assert result.exit_code == 0, result.output
    for rule in (
        "promo.sale-banner",
        "comments.header",
        "legal.risk-disclosure",
        "site.investing.fusion-media",
        "legal.copyright",
        "header.byline",
    ):
        assert rule in result.output
    assert "12 of 26 text lines removed" in result.output


def test_explain_counts_text_lines_of_a_removed_range(tmp_path: Path) -> None:
    """A range removed whole (what follows the share bar that closes the article) holds
    blank lines; the count says how many of the text lines went, as its words do."""
    prose = (
        "The council met on Monday and agreed on the budget for the coming year, after a "
        "long debate about schools and roads."
    )
    closing = [
        "Share on Facebook",
        "Budget talks stall again",
        "Mayor opens new bridge",
        "Schools get new funding plan",
        "Copyright 2024 The Daily Example. All rights reserved.",
    ]
    path = tmp_path / "page.txt"
    path.write_text("\n\n".join([prose] * 6 + closing) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "structure.after-article-end" in result.output
    assert "5 of 11 text lines removed" in result.output


def test_rules_lists_and_filters() -> None:
    everything = runner.invoke(app, ["rules"])
    assert everything.exit_code == 0
    assert "legal.copyright" in everything.output and "newsletter.subscribe" in everything.output
    site = runner.invoke(app, ["rules", "--site", "investing.com"])
    assert "site.investing.fusion-media" in site.output
    assert "newsletter.subscribe" not in site.output
    legal = runner.invoke(app, ["rules", "legal.*"])
    assert "legal.copyright" in legal.output and "promo.sale-banner" not in legal.output


def test_rules_lists_every_rule_a_removal_can_cite() -> None:
    """Sidecars cite stage rules (classify, structure, header, links, repeats) as well as pack
    rules: `cleaner rules` lists both, so every id a sidecar holds can be looked up."""
    cited = {
        removal["rule"]
        for sidecar in CLEAN.glob("[!_]*.json")
        for removal in json.loads(sidecar.read_text(encoding="utf-8"))["removed"]
    }
    declared = {rule.id for _, rule in stage_rules()}
    assert {"classify.model", "links.link-list", "repeats.site-template"} <= declared
    result = runner.invoke(app, ["rules"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    listed = {line.split("│")[1].strip() for line in result.output.splitlines() if "│" in line}
    assert cited | declared <= listed
    assert "stage structure" in result.output
    only_site = runner.invoke(app, ["rules", "--site", "investing.com"], env={"COLUMNS": "240"})
    assert "classify." not in only_site.output


def test_every_header_kind_is_a_declared_rule() -> None:
    kinds = {
        found.kind
        for line in ("By Jane Doe", "March 3, 2024", "Washington DC (UPI) Jan 23, 2024 -")
        if (found := opening_line(line, "en")) is not None
    }
    assert kinds == {"byline", "date", "dateline"}
    assert {f"header.{kind}" for kind in kinds} <= {rule.id for _, rule in stage_rules()}


def test_user_pack_on_command_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text(
        "[pack]\nname='p'\n[[rules]]\nid='p.x'\nsummary='s'\npattern='XYZ'\nmatch=['XYZ']\n"
    )
    result = runner.invoke(app, ["rules", "p.*", "--pack", str(pack)])
    assert "p.x" in result.output


def test_broken_user_pack_is_a_clear_error(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text("[[rules]]\nid='p.x'\nsummary='s'\npattern='(x'\nmatch=['x']\n")
    result = runner.invoke(app, ["clean", str(RAW), str(tmp_path / "o"), "--pack", str(pack)])
    assert result.exit_code == 2
    assert "p.x" in result.output and "invalid pattern" in result.output


def test_cleaning_utf8_text_loads_no_html_charset_or_report_code(tmp_path: Path) -> None:
    """`cleaner clean` of a UTF-8 text file starts without the modules it does not use: the
    HTML stack (lxml, trafilatura), charset detection and the review page's code are each a
    part of the start-up of a one-file run; they load when a page, a non-UTF-8 file or a
    report needs them."""
    probe = (
        "import sys\n"
        "from cleaner.cli import main\n"
        f"sys.argv = ['cleaner', 'clean', {str(RAW / '000_455f14d27b3779dd.txt')!r}, "
        f"{str(tmp_path / 'out')!r} + '/', '--quiet']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('lxml', 'trafilatura', 'charset_normalizer', 'justext') "
        "or m.startswith(('cleaner.report', 'cleaner.evaluation')))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
    assert (tmp_path / "out" / "000_455f14d27b3779dd.txt").is_file()
