"""Options shared by several commands, and how they become a Cleaner."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.config import ConfigError, find_pyproject, load_config
from cleaner.pipeline import Cleaner, settings_problems
from cleaner.rules.registry import Registry, RulePackError

PackOption = Annotated[
    list[Path] | None,
    typer.Option("--pack", help="A user rule pack (TOML); repeat for several.", exists=True),
]
SelectOption = Annotated[
    list[str] | None, typer.Option("--select", help="Only rules whose id matches this glob.")
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option("--ignore", help="Leave out rules whose id matches this glob.")
]
LanguageOption = Annotated[
    str | None, typer.Option("--language", help="Document language (ISO 639-1), if known.")
]
UrlOption = Annotated[str | None, typer.Option("--url", help="Source URL, to choose site packs.")]


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def build_cleaner(
    packs: list[Path] | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    **overrides: object,
) -> Cleaner:
    """Config from pyproject.toml overlaid with command-line values; errors exit with code 2.

    A setting that names no rule or no known language is an error naming where it was set:
    the option, or the pyproject.toml key."""
    try:
        config = load_config()
        config = config.with_overrides(
            packs=config.packs + tuple(str(p) for p in packs or ()),
            select=tuple(select or ()),
            ignore=config.ignore + tuple(ignore or ()),
            **overrides,
        )
        registry = Registry.load(config.packs)
    except (ConfigError, RulePackError) as exc:
        raise fail(str(exc)) from exc
    given = {"select": select or (), "ignore": ignore or (), **overrides}
    problems = settings_problems(config, registry)
    for problem in problems:
        value = given.get(problem.field)
        from_cli = value == problem.value or (
            isinstance(value, list | tuple) and problem.value in value
        )
        where = (
            f"--{problem.field}"
            if from_cli
            else f"{find_pyproject(Path.cwd().resolve())}: [tool.cleaner] {problem.field}"
        )
        typer.echo(f"error: {where} {problem.value!r}: {problem.reason}", err=True)
    if problems:
        raise typer.Exit(2)
    return Cleaner(config, registry)
