"""Loading packs: user packs by path or pyproject, selection by id glob, clear load errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config, clean_text
from cleaner.config import ConfigError, load_config
from cleaner.rules.registry import Registry, RulePackError, load_pack

USER_PACK = """
[pack]
name = "mine"
summary = "Test pack."
languages = ["en"]

[[rules]]
id = "mine.footer"
summary = "Example footer."
scope = "line"
pattern = '''Example Media Ltd\\. Registered in England.*'''
match = ["Example Media Ltd. Registered in England and Wales No. 123."]
keep = ["Example Media Ltd. said on Monday it would cut jobs."]
"""
TEXT = (
    "The company reported higher profits for the third quarter in a row, it said on Monday.\n"
    "Example Media Ltd. Registered in England and Wales No. 123.\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_pack_from_path(tmp_path: Path) -> None:
    pack = write(tmp_path, "mine.toml", USER_PACK)
    result = clean_text(TEXT, Config(packs=(str(pack),)))
    assert [r.rule for r in result.removed] == ["mine.footer"]
    assert clean_text(TEXT).removed == []


def test_user_pack_from_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", USER_PACK)
    write(tmp_path, "pyproject.toml", '[tool.cleaner]\npacks = ["mine.toml"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    config = load_config(sub)
    assert config.packs == (str((tmp_path / "mine.toml").resolve()),)
    assert [r.rule for r in clean_text(TEXT, config).removed] == ["mine.footer"]


def test_pyproject_unknown_key(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.cleaner]\nbogus = 1\n")
    with pytest.raises(ConfigError, match="bogus"):
        load_config(tmp_path)


def test_select_and_ignore_by_glob() -> None:
    full = Registry.load()
    ids = {r.id for r in full.filtered(("legal.*",)).rules}
    assert ids and all(i.startswith("legal.") for i in ids)
    rest = {r.id for r in full.filtered(ignore=("legal.*", "site.*")).rules}
    assert rest and not any(i.startswith(("legal.", "site.")) for i in rest)


def test_ignored_rule_does_not_fire(samples) -> None:
    raw = samples["003"].document.original
    result = Cleaner(Config(ignore=("site.*",))).clean_text(raw)
    assert not any(r.rule.startswith("site.") for r in result.removed)
    assert "Fusion Media may be compensated by the advertisers" in result.text


def test_ignored_stage_rules_do_not_fire(samples) -> None:
    """Stage rules are switched off by `ignore` like pack rules: the header keeps its lines
    (which the line model, switched off too, would remove as a headline above the body)."""
    raw = samples["003"].document.original
    full = Cleaner().clean_text(raw)
    assert {"header.title", "header.byline"} <= {r.rule for r in full.removed}
    result = Cleaner(Config(ignore=("header.*", "classify.model"))).clean_text(raw)
    assert not any(r.rule.startswith(("header.", "classify.model")) for r in result.removed)
    assert result.metadata["article"]["title"] == full.metadata["article"]["title"]
    assert result.text.startswith(full.metadata["article"]["title"])


def test_select_keeps_only_the_selected_rules_of_packs_and_stages() -> None:
    """`select` applies to stage rules as it does to pack rules: selecting the legal rules
    leaves the title and byline to the header's rules, which are not selected."""
    paragraphs = [
        "The city council voted on Tuesday to rebuild the old bridge over the river next "
        "spring, because its steel girders are no longer safe for heavy traffic.",
        "Work will start in March and take about eighteen months, the mayor said, and a "
        "ferry will carry cyclists and pedestrians while the bridge is closed.",
    ]
    head = ["Bridge over the river to be rebuilt", "By Jane Doe"]
    text = "\n".join([*head, *paragraphs, "© 2024 Example Media. All rights reserved."])
    full = Cleaner().clean_text(text)
    assert {r.rule for r in full.removed} == {"header.title", "header.byline", "legal.copyright"}
    result = Cleaner(Config(select=("legal.*",))).clean_text(text)
    assert [r.rule for r in result.removed] == ["legal.copyright"]
    assert result.text == "\n".join([*head, *paragraphs]) + "\n"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("[[rules]]\nid = 'x'\n", "missing field 'summary'"),
        ("[[rules]]\nsummary = 's'\npattern = 'a'\nmatch=['a']\n", "a rule has no id"),
        (
            "[[rules]]\nid='x'\nsummary='s'\npattern='a'\nscope='page'\nmatch=['a']\n",
            "unknown scope 'page'",
        ),
        ("[[rules]]\nid='x'\nsummary='s'\npattern='(a'\nmatch=['a']\n", "invalid pattern"),
        (
            "[[rules]]\nid='x'\nsummary='s'\npattern='a'\nmatch=['a']\n"
            "[[rules]]\nid='x'\nsummary='s'\npattern='b'\nmatch=['b']\n",
            "duplicate id",
        ),
        ("[[rules]\nid='x'", "not valid TOML"),
    ],
)
def test_broken_pack_is_rejected_with_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = write(tmp_path, "broken.toml", body)
    with pytest.raises(RulePackError, match=reason) as info:
        load_pack(path)
    assert "broken" in str(info.value)


def test_user_rule_id_clashing_with_builtin(tmp_path: Path) -> None:
    path = write(tmp_path, "clash.toml", USER_PACK.replace("mine.footer", "legal.copyright"))
    with pytest.raises(RulePackError, match="duplicate id"):
        Registry.load([path])


def test_a_site_pack_is_chosen_by_the_host_of_a_url_written_without_a_scheme() -> None:
    """The host is read as everywhere else (the core's url_host): a bare host, and one with
    www., name the site as a full URL does."""
    cleaner = Cleaner()
    text = "The council met on Monday to vote on the budget, the mayor said.\n"
    for url in ("https://www.investing.com/news/1", "investing.com/news/1", "uk.investing.com"):
        result = cleaner.clean_text(text, url=url)
        assert result.document.site_pack is not None, url
        assert result.metadata["article"]["site"] == "investing.com", url
    result = cleaner.clean_text(text, url="https://notinvesting.com/")
    assert result.document.site_pack is None
