"""The `cleaner` command line: one typer app, one module per command."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from cleaner.cli import check as check_cmd
from cleaner.cli import clean as clean_cmd
from cleaner.cli import eval as eval_cmd
from cleaner.cli import explain as explain_cmd
from cleaner.cli import report as report_cmd
from cleaner.cli import rules as rules_cmd
from cleaner.version import __version__


def _word_metavars(params: list[Any]) -> list[Any]:
    """Help that names values as words, not Python types: `--force`, not `--force <bool>`;
    `--sidecar SIDECAR`, not `--sidecar <path>`. Arguments keep theirs (`INPUT <path>`)."""
    for param in params:
        if param.metavar is None and param.param_type_name == "option":
            param.metavar = "" if param.is_flag else (param.name or "value").upper()
        elif param.metavar is None:
            param.metavar = (param.name or "value").upper()
    return params


class Command(TyperCommand):
    """A command whose help shows values as words (see `_word_metavars`)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _word_metavars(super().get_params(ctx))


class Group(TyperGroup):
    """The `cleaner` group, with the same help (its -h/--help and --version are flags)."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _word_metavars(super().get_params(ctx))


app = typer.Typer(
    name="cleaner",
    help="Turn scraped article files into clean article text with provenance metadata.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=Group,
)
for name, command in (
    ("clean", clean_cmd.clean),
    ("explain", explain_cmd.explain),
    ("rules", rules_cmd.rules),
    ("report", report_cmd.report),
    ("check", check_cmd.check),
    ("eval", eval_cmd.eval_),
):
    app.command(name, cls=Command)(command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help="Print the version and exit.",
            callback=_version,
            is_eager=True,
            metavar="",
        ),
    ] = False,
) -> Any:
    """Turn scraped article files into clean article text with provenance metadata."""


def main() -> None:
    app()
