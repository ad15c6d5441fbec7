"""`cleaner rules`: list the rule registry, filtered by id glob or site."""

from __future__ import annotations

import fnmatch
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cleaner.cli.options import PackOption, build_cleaner
from cleaner.pipeline import stage_rules


def rules(
    pattern: Annotated[str, typer.Argument(help="Id glob, e.g. 'legal.*'.")] = "*",
    site: Annotated[str | None, typer.Option("--site", help="Only rules of this site.")] = None,
    language: Annotated[
        str | None, typer.Option("--language", help="Only rules for this language.")
    ] = None,
    pack: PackOption = None,
    examples: Annotated[bool, typer.Option("--examples", help="Show match/keep examples.")] = False,
) -> None:
    """List the rules: id, scope, zone, languages, site and summary; the packs' rules first,
    then those the stages apply in code (scope `stage NAME`)."""
    registry = build_cleaner(pack).context.registry
    table = Table(show_lines=examples)
    table.add_column("id", no_wrap=True)
    for column in ("scope", "zone", "languages", "site", "summary"):
        table.add_column(column, overflow="fold")
    count = 0
    for rule in registry.rules:
        if not fnmatch.fnmatchcase(rule.id, pattern):
            continue
        if site is not None and rule.site != site:
            continue
        if language is not None and not rule.applies_to(language):
            continue
        summary = rule.summary
        if examples:
            summary += "".join(f"\n  removes: {m}" for m in rule.match)
            summary += "".join(f"\n  keeps:   {k}" for k in rule.keep)
        table.add_row(
            rule.id, rule.scope, rule.zone, ",".join(rule.languages), rule.site or "", summary
        )
        count += 1
    if site is None:
        for stage, stage_rule in stage_rules():
            if fnmatch.fnmatchcase(stage_rule.id, pattern):
                table.add_row(stage_rule.id, f"stage {stage}", "", "all", "", stage_rule.summary)
                count += 1
    Console().print(table)
    typer.echo(f"{count} rule(s)")
