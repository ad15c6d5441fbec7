"""`cleaner rules`: list the rule registry, filtered by id glob, site or language."""

from __future__ import annotations

import fnmatch
import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cleaner.cli.console import stdout_console
from cleaner.cli.options import LanguageOption, PackOption, build_cleaner, fail
from cleaner.config_check import nearest_rule
from cleaner.pipeline import stage_rules


def rules(
    pattern: Annotated[str, typer.Argument(help="Id glob, e.g. 'legal.*'.")] = "*",
    site: Annotated[
        str | None, typer.Option("--site", help="Only rules of this site.", metavar="SITE")
    ] = None,
    language: LanguageOption = None,
    pack: PackOption = None,
    examples: Annotated[bool, typer.Option("--examples", help="Show match/keep examples.")] = False,
    details: Annotated[
        bool, typer.Option("--details", help="Show each rule's pattern and pack file.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the rules as a JSON array (id, summary, scope, zone, languages, site, "
            "stage, pack, pack_file, pattern, examples).",
        ),
    ] = False,
) -> None:
    """List the rules: id, scope, zone, languages, site and summary; the packs' rules first,
    then those the stages apply in code (scope `stage NAME`)."""
    registry = build_cleaner(pack, language=language).context.registry
    files = {p.name: p.path for p in registry.packs}
    found: list[dict[str, Any]] = []
    for rule in registry.rules:
        if not fnmatch.fnmatchcase(rule.id, pattern):
            continue
        if site is not None and rule.site != site:
            continue
        if language is not None and not rule.applies_to(language):
            continue
        found.append(
            {
                "id": rule.id,
                "summary": rule.summary,
                "scope": rule.scope,
                "zone": rule.zone,
                "languages": list(rule.languages),
                "site": rule.site,
                "stage": "rules",
                "pack": rule.pack,
                "pack_file": files.get(rule.pack),
                "pattern": rule.pattern,
                "examples": {"match": list(rule.match), "keep": list(rule.keep)},
            }
        )
    if site is None:
        for stage, stage_rule in stage_rules():
            if fnmatch.fnmatchcase(stage_rule.id, pattern):
                found.append(
                    {
                        "id": stage_rule.id,
                        "summary": stage_rule.summary,
                        "scope": f"stage {stage}",
                        "zone": None,
                        "languages": ["*"],
                        "site": None,
                        "stage": stage,
                        "pack": None,
                        "pack_file": None,
                        "pattern": None,
                        "examples": {"match": [], "keep": []},
                    }
                )
    if not found:
        ids = [r.id for r in registry.rules] + [r.id for _, r in stage_rules()]
        filters = " with these filters" if site is not None or language is not None else ""
        raise fail(f"no rule matches {pattern!r}{filters}" + nearest_rule(pattern, ids))
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    stdout_console().print(_table(found, examples, details))
    typer.echo(f"{len(found)} rule(s)")


def _table(found: list[dict[str, Any]], examples: bool, details: bool) -> Table:
    table = Table(show_lines=examples or details)
    table.add_column("id", no_wrap=True)
    for column in ("scope", "zone", "languages", "site", "summary"):
        table.add_column(column, overflow="fold")
    for rule in found:
        summary = escape(rule["summary"])
        if details and rule["pattern"] is not None:
            summary += f"\n  pattern: {escape(rule['pattern'])}"
            summary += f"\n  pack:    {escape(rule['pack'])} ({escape(rule['pack_file'])})"
        if examples:
            summary += "".join(f"\n  removes: {escape(m)}" for m in rule["examples"]["match"])
            summary += "".join(f"\n  keeps:   {escape(k)}" for k in rule["examples"]["keep"])
        table.add_row(
            rule["id"],
            rule["scope"],
            rule["zone"] or "",
            "all" if rule["pack"] is None else ",".join(rule["languages"]),
            rule["site"] or "",
            summary,
        )
    return table
