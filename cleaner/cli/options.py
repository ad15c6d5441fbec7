"""Options shared by several commands, and how they become a Cleaner."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.config import ConfigError, load_config
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import RulePackError

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
    """Config from pyproject.toml overlaid with command-line values; errors exit with code 2."""
    try:
        config = load_config()
        config = config.with_overrides(
            packs=config.packs + tuple(str(p) for p in packs or ()),
            select=tuple(select or ()),
            ignore=config.ignore + tuple(ignore or ()),
            **overrides,
        )
        return Cleaner(config)
    except (ConfigError, RulePackError) as exc:
        raise fail(str(exc)) from exc
