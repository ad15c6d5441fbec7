"""Hostile or broken user packs are rejected when they load, naming the pack file, the rule
and the reason; a pattern that only blows up at run time is stopped by the regex timeout."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Config
from cleaner.cli import app
from cleaner.limits import LimitError
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import Registry, RulePackError, builtin_pack_paths, load_pack

from .conftest import RAW

runner = CliRunner()

HEAD = "[pack]\nname = 'mine'\n"
GOOD = """
[[rules]]
id = "mine.footer"
summary = "Example's footer line."
pattern = 'Example Media Ltd\\. Registered in England.*'
match = ["Example Media Ltd. Registered in England and Wales No. 123."]
keep = ["Example Media Ltd. said on Monday it would cut jobs."]
"""


def rule(**fields: object) -> str:
    body = {
        "id": "'mine.x'",
        "summary": "'A test rule.'",
        "pattern": "'Subscribe now'",
        "match": "['Subscribe now']",
    }
    body.update({k: str(v) for k, v in fields.items()})
    return "[[rules]]\n" + "".join(f"{k} = {v}\n" for k, v in body.items() if v != "None")


CASES = [
    ("syntax error", "[[rules]\nid = 'x'\n", None, "not valid TOML"),
    ("no summary", rule(summary=None), "mine.x", "missing field 'summary'"),
    ("no pattern", rule(pattern=None), "mine.x", "missing field 'pattern'"),
    ("empty pattern", rule(pattern="'  '"), "mine.x", "missing field 'pattern'"),
    ("no id", rule(id=None), "#2", "a rule has no id"),
    ("no examples", rule(match=None), "mine.x", "at least one `match` example"),
    ("unknown scope", rule(scope="'page'"), "mine.x", "unknown scope 'page'"),
    ("unknown zone", rule(zone="'middle'"), "mine.x", "unknown zone 'middle'"),
    ("unknown field", rule(patern="'x'"), "mine.x", "unknown field(s) patern"),
    ("bad regex", rule(pattern="'(unclosed'"), "mine.x", "invalid pattern"),
    ("match not strings", rule(match="[1, 2]"), "mine.x", "match must be a list of strings"),
    ("duplicate id", rule() + rule(pattern="'Sign up'"), "mine.x", "duplicate id"),
    ("rule not a table", "rules = [1]\n", "#1", "each [[rules]] entry must be a table"),
    (
        "matches every line",
        rule(pattern="'.*'"),
        "mine.x",
        "pattern matches an empty line",
    ),
    (
        "example not removed",
        rule(match="['Subscribe today']"),
        "mine.x",
        "pattern does not remove its match example 'Subscribe today'",
    ),
    (
        "keep example removed",
        rule(keep="['Subscribe now']"),
        "mine.x",
        "pattern removes its keep example 'Subscribe now'",
    ),
    (
        "backtracks on its own example",
        # Without its look-around the pattern matches the example, so `fancy-regex` runs.
        rule(pattern="'(?:(?=a)a+)+(?<!a)'", match=f"['{'a' * 40_000}', 'aaa']"),
        "mine.x",
        "pattern ran past the backtrack limit (1,000,000 steps) on match example",
    ),
]


@pytest.mark.parametrize(
    ("body", "rule_id", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_broken_pack_is_rejected_at_load(
    tmp_path: Path, body: str, rule_id: str | None, reason: str
) -> None:
    path = tmp_path / "broken.toml"
    text = body + HEAD if body.startswith("rules =") else HEAD + GOOD + body
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        Registry.load([path])
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert reason in message
    assert info.value.rule == rule_id
    if rule_id is not None:
        assert f"rule {rule_id!r}" in message
        assert "(pack 'mine')" in message
    assert "\n" not in message.split(": ", 1)[0]


def test_clash_with_a_builtin_rule_names_both_packs(tmp_path: Path) -> None:
    path = tmp_path / "clash.toml"
    path.write_text(HEAD + GOOD.replace("mine.footer", "legal.copyright"), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        Registry.load([path])
    assert str(info.value) == (
        f"{path} (pack 'mine'): rule 'legal.copyright': duplicate id (also in pack 'en')"
    )


def test_builtin_packs_pass_the_user_pack_checks() -> None:
    """The same load-time checks hold for every built-in pack."""
    for path in builtin_pack_paths():
        assert load_pack(path, examples=True).rules


def test_broken_pack_on_the_command_line_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(HEAD + GOOD + rule(scope="'page'"), encoding="utf-8")
    result = runner.invoke(app, ["clean", str(RAW), str(tmp_path / "out"), "--pack", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {path} (pack 'mine'): rule 'mine.x': unknown scope 'page' "
        "(one of line, block, tail, span)"
    ]
    assert not (tmp_path / "out").exists()


def test_runtime_backtracking_names_rule_and_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pattern that is fast on its examples but backtracks on some real line: the regex
    timeout stops it, the error names the rule and the document, the rest is cleaned."""
    pack = tmp_path / "slow.toml"
    pack.write_text(
        HEAD
        + rule(
            id="'mine.slow'",
            # Without its look-around the pattern matches the trap line, so `fancy-regex`
            # runs on it (a line the relaxed form rules out is never searched).
            pattern="'(?:(?=x)x+x+)+y(?<!xy)|xxy'",
            match="['xxy']",
            keep="['The council met on Monday.']",
        ),
        encoding="utf-8",
    )
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "trap.txt").write_text(
        "The council met on Monday to vote on the budget, the mayor said.\n" + "x" * 5000 + "y\n",
        encoding="utf-8",
    )
    cleaner = Cleaner(Config(packs=(str(pack),)))
    with pytest.raises(LimitError, match=r"rule 'mine\.slow' on line 2 ran past the backtrack"):
        cleaner.clean_file(raw / "trap.txt")

    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(raw), str(out), "--pack", str(pack)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {raw / 'trap.txt'}: rule 'mine.slow' on line 2 ran past the backtrack limit"
        " (1,000,000 steps)"
    ]
    assert len(list(out.glob("*.txt"))) == len(list(RAW.glob("*.txt")))


FINGERPRINT_PACK = """
[pack]
name = "hostile-site"
site = "hostile.example"
fingerprints = ['(a+)+$']

[[rules]]
id = "site.hostile.footer"
summary = "The site's footer line."
pattern = 'Hostile Media Ltd\\. All rights reserved\\.'
match = ["Hostile Media Ltd. All rights reserved."]
"""
FINGERPRINT_TRAP = (
    "The council met on Monday to vote on the budget, the mayor said.\n" + "a" * 50_000 + "b\n"
)


def test_a_backtracking_fingerprint_cannot_stall_a_document(tmp_path: Path) -> None:
    """Fingerprints are compiled by the core in linear time: the pattern that took
    exponential time on a backtracking engine searches 50,000 characters at once."""
    pack = tmp_path / "hostile.toml"
    pack.write_text(FINGERPRINT_PACK, encoding="utf-8")
    cleaner = Cleaner(Config(packs=(str(pack),), doc_timeout=0))
    started = time.monotonic()
    result = cleaner.clean_text(FINGERPRINT_TRAP)
    assert time.monotonic() - started < 30
    assert "The council met on Monday" in result.text
    assert result.metadata["article"]["site"] is None


def test_a_backtracking_fingerprint_cannot_stall_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch's counting pass looks for the site pack too (a document's site group):
    there the same linear search runs, and every file is cleaned."""
    pack = tmp_path / "hostile.toml"
    pack.write_text(FINGERPRINT_PACK, encoding="utf-8")
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "trap.txt").write_text(FINGERPRINT_TRAP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    started = time.monotonic()
    result = runner.invoke(app, ["clean", str(raw), str(out), "--pack", str(pack)])
    assert time.monotonic() - started < 60
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert len(list(out.glob("*.txt"))) == len(list(RAW.glob("*.txt"))) + 1


def test_a_possessive_repetition_keeps_its_meaning(tmp_path: Path) -> None:
    """A possessive repetition gives nothing back, as in Python's `regex`: `(?:Sale)?+Sale!`
    takes the first "Sale" of "Sale!" and cannot match. The `regex` crate alone reads `x?+`
    as `(x?)+`, which would match; such a pattern goes to fancy-regex. A fingerprint, which
    must be linear, cannot have one."""
    pack = tmp_path / "mine.toml"
    pack.write_text(
        HEAD + rule(pattern="'(?:Sale)?+Sale!'", match="['SaleSale!']", keep="['Sale!']"),
        encoding="utf-8",
    )
    possessive = Registry.load([str(pack)]).rules[-1]
    assert possessive.compiled.backtracks
    assert possessive.matches_line("SaleSale!")
    assert not possessive.matches_line("Sale!")
    fingerprint = tmp_path / "site.toml"
    fingerprint.write_text(
        "[pack]\nname = 'site'\nsite = 'site.example'\nfingerprints = ['Site++ Media']\n"
        + rule(id="'site.x'"),
        encoding="utf-8",
    )
    with pytest.raises(RulePackError, match=r"invalid fingerprint .*possessive repetition"):
        Registry.load([str(fingerprint)])
